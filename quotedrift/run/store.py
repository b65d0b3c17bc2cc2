"""The store: a SQLite archive of articles, their quotations and speakers, and quotation vectors,
so a daily run processes only new articles and compares them with everything stored before.

Each article is written in one transaction (article, quotations, speakers and the vectors of its
quotations together), so a run killed at any point leaves the store as it was or with whole
articles added. Articles are matched by id and resolved path (the same folder given relatively one
day and absolutely the next is the same folder), and changes are seen in the content: the same
file changed since it was stored is re-extracted and replaced; another file that happens to have a
stored article's id (two days' ``story.txt``) is kept apart under its path as id. Articles stored
by another extraction version are re-extracted from their stored text, with a warning.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from quotedrift.comparison.embedding import Embedder, decode_vector
from quotedrift.errors import CacheError
from quotedrift.records import Article, Extraction, Quote, Speaker
from quotedrift.run import serialize
from quotedrift.run.extraction_cache import article_key, extraction_version
from quotedrift.run.sqlite_cache import rows_by_key

log = logging.getLogger("quotedrift")

SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS store_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, path TEXT NOT NULL, key TEXT NOT NULL, version TEXT NOT NULL,
    added TEXT NOT NULL, data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS quotes (
    id TEXT PRIMARY KEY, article TEXT NOT NULL, n INTEGER NOT NULL, speaker TEXT, kind TEXT,
    text TEXT NOT NULL, data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes (article, n);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes (speaker);
CREATE TABLE IF NOT EXISTS speakers (
    article TEXT NOT NULL, n INTEGER NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL,
    data TEXT NOT NULL, PRIMARY KEY (article, n)
);
CREATE TABLE IF NOT EXISTS vectors (
    key TEXT PRIMARY KEY, identity TEXT NOT NULL, dim INTEGER NOT NULL, vec BLOB NOT NULL
);
"""
_WORK_CHUNK = 32  # articles extracted and encoded together before their per-article commits

Extractor = Callable[[Sequence[Article]], list[Extraction]]
Progress = Callable[[str], None]


def vector_key(identity: str, text: str) -> str:
    """The key of a text's vector: sha256 of the embedder identity and the text."""
    return hashlib.sha256(f"{identity}\0{text}".encode()).hexdigest()


def resolved_path(path: str) -> str:
    """``path`` absolute, with symlinks and ``..`` resolved: how the store tells files apart
    whatever the working folder or spelling. For a JSONL line (``feed.jsonl:3``) the file's
    folder is resolved and the line number kept."""
    return os.path.realpath(path)


def content_key(article: Article) -> str:
    """sha256 of the Article as JSON without its path: the same file named another way (a
    relative or an absolute path) has the same key; any change to its text or metadata does not."""
    data = dict(serialize.to_data(article))
    del data["path"]
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _json(value: object) -> str:
    return json.dumps(serialize.to_data(value), ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class StoreUpdate:
    """What ``Store.update`` did: article ids added, replaced (changed file or stale extraction)
    and found unchanged."""

    added: tuple[str, ...]
    replaced: tuple[str, ...]
    unchanged: tuple[str, ...]


class Store:
    """A quotedrift archive at ``path`` (created when absent), its articles extracted with
    ``options`` (``batches.extraction_options``).

    Raises CacheError when the file cannot be created, is not a quotedrift store, or was written
    by a newer schema.
    """

    def __init__(self, path: Path | str, options: Mapping[str, object] | None = None) -> None:
        self.path = Path(path)
        # Articles extracted with other options count as stale, like those of another version.
        self.version = extraction_version() + json.dumps(dict(options or {}), sort_keys=True)
        try:
            if self.path.parent != Path(""):
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(self.path, timeout=60)
            with self.conn:
                self.conn.executescript(_SCHEMA)
            row = self.conn.execute("SELECT value FROM store_meta WHERE name = 'schema'").fetchone()
        except (sqlite3.DatabaseError, OSError) as exc:
            raise CacheError(
                f"{self.path} is not a usable quotedrift store ({exc}): give another --store path"
            ) from exc
        if row is None:
            with self.conn:
                self.conn.execute(
                    "INSERT INTO store_meta (name, value) VALUES ('schema', ?)",
                    (str(SCHEMA_VERSION),),
                )
        elif int(row[0]) > SCHEMA_VERSION:
            raise CacheError(
                f"{self.path} was written by a newer quotedrift (store schema {row[0]}): upgrade"
            )

    def close(self) -> None:
        """Close the database."""
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- reading --------------------------------------------------------------------------------

    def article_ids(self) -> list[str]:
        """Ids of every stored article, sorted."""
        return [r[0] for r in self.conn.execute("SELECT id FROM articles ORDER BY id")]

    def extractions(self) -> list[Extraction]:
        """Every stored article with its quotations and speakers, sorted by article id.
        Raises CacheError when a row cannot be read back."""
        quotes: dict[str, list[Quote]] = {}
        speakers: dict[str, list[Speaker]] = {}
        try:
            for article, data in self.conn.execute(
                "SELECT article, data FROM quotes ORDER BY article, n"
            ):
                quotes.setdefault(article, []).append(serialize.from_data(Quote, json.loads(data)))
            for article, data in self.conn.execute(
                "SELECT article, data FROM speakers ORDER BY article, n"
            ):
                speakers.setdefault(article, []).append(
                    serialize.from_data(Speaker, json.loads(data))
                )
            out = []
            for article_id, data in self.conn.execute("SELECT id, data FROM articles ORDER BY id"):
                article = serialize.from_data(Article, json.loads(data))
                out.append(
                    Extraction(
                        article=article,
                        quotes=tuple(quotes.get(article_id, ())),
                        speakers=tuple(speakers.get(article_id, ())),
                    )
                )
        except (sqlite3.DatabaseError, ValueError, TypeError, KeyError) as exc:
            raise CacheError(f"store {self.path} holds an unreadable row ({exc})") from exc
        return out

    def vectors(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        """Stored unit vectors by key (see ``vector_key``); damaged rows are left out."""
        found: dict[str, np.ndarray] = {}
        for key, dim, blob in rows_by_key(self.conn, "vectors", "key, dim, vec", keys):
            vector = decode_vector(dim, blob)
            if vector is not None:
                found[key] = vector
        return found

    # -- writing --------------------------------------------------------------------------------

    def _vector_rows(
        self, identity: str, texts: Sequence[str], vectors: np.ndarray
    ) -> list[tuple[str, str, int, bytes]]:
        return [
            (vector_key(identity, t), identity, int(v.shape[0]), v.astype("<f4").tobytes())
            for t, v in zip(texts, vectors, strict=True)
        ]

    def put(
        self, extraction: Extraction, identity: str, texts: Sequence[str], vectors: np.ndarray
    ) -> None:
        """Write one article, its quotations and speakers, and the vectors of ``texts`` in one
        transaction, replacing whatever was stored under the article's id. Raises CacheError."""
        article = extraction.article
        rows_q = [
            (q.id, article.id, n, q.speaker.id if q.speaker else None, q.kind, q.text, _json(q))
            for n, q in enumerate(extraction.quotes)
        ]
        rows_s = [
            (article.id, n, s.id, s.name, _json(s)) for n, s in enumerate(extraction.speakers)
        ]
        added = datetime.now(UTC).isoformat(timespec="seconds")
        try:
            with self.conn:  # one transaction: the whole article or nothing
                self._delete(article.id)
                self.conn.execute(
                    "INSERT INTO articles (id, path, key, version, added, data) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        article.id,
                        resolved_path(article.path),
                        content_key(article),
                        self.version,
                        added,
                        _json(article),
                    ),
                )
                self.conn.executemany(
                    "INSERT INTO quotes (id, article, n, speaker, kind, text, data) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    rows_q,
                )
                self.conn.executemany(
                    "INSERT INTO speakers (article, n, id, name, data) VALUES (?, ?, ?, ?, ?)",
                    rows_s,
                )
                self.conn.executemany(
                    "INSERT OR REPLACE INTO vectors (key, identity, dim, vec) VALUES (?, ?, ?, ?)",
                    self._vector_rows(identity, texts, vectors),
                )
        except sqlite3.DatabaseError as exc:
            raise CacheError(f"cannot write {article.id} to store {self.path}: {exc}") from exc

    def _delete(self, article_id: str) -> None:
        for table, column in (("articles", "id"), ("quotes", "article"), ("speakers", "article")):
            self.conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (article_id,))

    def put_vectors(self, identity: str, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Store vectors of texts that belong to no one article (e.g. merged originals)."""
        try:
            with self.conn:
                self.conn.executemany(
                    "INSERT OR REPLACE INTO vectors (key, identity, dim, vec) VALUES (?, ?, ?, ?)",
                    self._vector_rows(identity, texts, vectors),
                )
        except sqlite3.DatabaseError as exc:
            raise CacheError(f"cannot write vectors to store {self.path}: {exc}") from exc

    # -- the daily run --------------------------------------------------------------------------

    def plan(self, articles: Sequence[Article]) -> tuple[list[Article], list[str], list[str]]:
        """Which of ``articles`` need extracting: (to extract, ids replaced, ids unchanged).

        Articles with a stored id but another resolved path are renamed to their path (then
        numbered) so both are kept; stored articles of another extraction version are
        re-extracted from their stored text.
        """
        stored = {
            r[0]: (r[1], r[2], r[3])
            for r in self.conn.execute("SELECT id, path, key, version FROM articles")
        }
        todo: list[Article] = []
        replaced: list[str] = []
        unchanged: list[str] = []
        taken = set(stored)
        for article in articles:
            # Rows written before paths were resolved hold the path as typed: resolved now,
            # from the working folder, which is right when it has not changed.
            if article.id in stored and resolved_path(stored[article.id][0]) != resolved_path(
                article.path
            ):
                article = replace(article, id=_free_id(article.path, taken))
            taken.add(article.id)
            if article.id not in stored:
                todo.append(article)
                continue
            _, key, version = stored[article.id]
            # Older rows are keyed on the whole Article, path included.
            same = key in (content_key(article), article_key(article))
            if same and version == self.version:
                unchanged.append(article.id)
            else:
                todo.append(article)
                replaced.append(article.id)
        incoming = {a.id for a in todo} | set(unchanged)
        stale = [i for i, (_, _, v) in stored.items() if v != self.version and i not in incoming]
        if stale:
            log.warning(
                "store %s: %d article(s) were extracted by another version; re-extracting them",
                self.path,
                len(stale),
            )
            for article_id in sorted(stale):
                row = self.conn.execute(
                    "SELECT data FROM articles WHERE id = ?", (article_id,)
                ).fetchone()
                todo.append(serialize.from_data(Article, json.loads(row[0])))
                replaced.append(article_id)
        return todo, replaced, unchanged

    def update(
        self,
        articles: Sequence[Article],
        extract: Extractor,
        embedder: Embedder,
        progress: Progress | None = None,
    ) -> StoreUpdate:
        """Add ``articles`` not stored yet (and re-extract changed or stale ones): extract them
        with ``extract``, encode every quotation with ``embedder``, and commit each article in
        its own transaction as soon as its chunk is done.

        Raises CacheError, and whatever ``extract`` or ``embedder`` raise (articles committed
        before the failure stay stored).
        """
        todo, replaced, unchanged = self.plan(articles)
        done = 0
        for start in range(0, len(todo), _WORK_CHUNK):
            chunk = todo[start : start + _WORK_CHUNK]
            extractions = extract(chunk)
            texts = [q.text for e in extractions for q in e.quotes]
            vectors = embedder.encode(texts) if texts else np.zeros((0, 0), np.float32)
            row = 0
            for e in extractions:
                n = len(e.quotes)
                self.put(e, embedder.identity, texts[row : row + n], vectors[row : row + n])
                row += n
                done += 1
                if progress is not None:
                    progress(f"stored {e.article.id} ({done}/{len(todo)})")
        replaced_set = set(replaced)
        return StoreUpdate(
            added=tuple(a.id for a in todo if a.id not in replaced_set),
            replaced=tuple(replaced),
            unchanged=tuple(unchanged),
        )

    def embedder(self, inner: Embedder) -> StoreEmbedder:
        """An Embedder that answers from this store's vectors and asks ``inner`` for the rest
        (storing what it computes)."""
        return StoreEmbedder(self, inner)


def _free_id(path: str, taken: set[str]) -> str:
    if path not in taken:
        return path
    n = 2
    while f"{path}~{n}" in taken:
        n += 1
    return f"{path}~{n}"


class StoreEmbedder:
    """Vectors from the store first, then from ``inner`` (see ``Store.embedder``)."""

    def __init__(self, store: Store, inner: Embedder) -> None:
        self.store = store
        self.inner = inner
        self.identity = inner.identity

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """See Embedder.encode. Raises CacheError or ModelError."""
        if not texts:
            return self.inner.encode([])
        keys = [vector_key(self.identity, t) for t in texts]
        found = self.store.vectors(list(dict.fromkeys(keys)))
        missing = list(dict.fromkeys(t for t, k in zip(texts, keys, strict=True) if k not in found))
        if missing:
            computed = np.asarray(self.inner.encode(missing), dtype=np.float32)
            self.store.put_vectors(self.identity, missing, computed)
            found.update(
                (vector_key(self.identity, t), v) for t, v in zip(missing, computed, strict=True)
            )
        return np.stack([found[k] for k in keys]).astype(np.float32, copy=False)


def open_store(path: Path | str, options: Mapping[str, object] | None = None) -> Store:
    """Open (or create) the store at ``path`` (see Store). Raises CacheError."""
    return Store(path, options)


__all__ = ["SCHEMA_VERSION", "Store", "StoreEmbedder", "StoreUpdate", "open_store", "vector_key"]
