"""One Settings object: defaults, then an optional quotedrift.toml, then CLI flags."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from quotedrift.errors import ConfigError

DEFAULT_MODEL = "all-MiniLM-L6-v2"


def default_cache_dir() -> Path:
    """QUOTEDRIFT_CACHE when set, else the user cache directory (honours XDG_CACHE_HOME)."""
    env = os.environ.get("QUOTEDRIFT_CACHE")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("quotedrift"))


@dataclass(frozen=True)
class Settings:
    """Every option that changes what quotedrift does.

    model: sentence-transformers model: the bundled all-MiniLM-L6-v2 by default, or a local path.
    cache: whether vectors are cached on disk; cache_dir: where.
    reference: article id, file name, outlet or wire credit to take as the original (else chosen
        by rule).
    max_file_bytes: larger files are refused with a message instead of being read.
    max_article_chars: an article's text (after HTML or JSON extraction) is cut at a line break
        before this many characters, with a warning: one huge page cannot hold up a folder.
    max_html_extract_bytes: larger HTML pages skip the article extractor (trafilatura, several
        seconds a megabyte) for a plain text dump of the page, with a warning.
    max_quotes: an article's quotations past this many (in text order) are dropped, with a
        warning.
    max_article_seconds: an article whose extraction takes longer fails alone, with a warning
        (local engine; 0: no limit).
    processes: worker processes for extraction (0: one per core, 1: in-process).
    batch_size: encoder batch size.
    include_indirect: also extract reported speech.
    fail_on: the tier at which ``check`` reports failure.
    verbose: log detail (and tracebacks) on stderr.
    store: SQLite archive of articles, quotations, speakers and vectors; a run adds only the new
        articles and reports on everything stored (None: no archive).
    engine: ``local`` (in-process, worker processes for extraction) or ``ray`` (Ray Data).
    ray_address: Ray cluster to join with ``engine="ray"`` (None: start a local Ray instance).
    """

    model: str = DEFAULT_MODEL
    cache: bool = True
    cache_dir: Path | None = None
    reference: str | None = None
    max_file_bytes: int = 20_000_000
    max_article_chars: int = 1_000_000
    max_html_extract_bytes: int = 2_000_000
    max_quotes: int = 2_000
    max_article_seconds: float = 300.0
    processes: int = 0
    batch_size: int = 64
    include_indirect: bool = True
    fail_on: str = "paraphrased"
    verbose: bool = False
    store: Path | None = None
    engine: str = "local"
    ray_address: str | None = None

    def resolved_cache_dir(self) -> Path:
        return self.cache_dir if self.cache_dir is not None else default_cache_dir()

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with the given non-None values applied (CLI flags left unset stay as they are)."""
        known = {f.name for f in fields(self)}
        unknown = set(overrides) - known
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """Defaults, then ``config_file`` (or ./quotedrift.toml when present), then ``overrides``.

    Raises ConfigError for an unreadable file or an unknown key.
    """
    settings = Settings()
    path = config_file or (Path("quotedrift.toml") if Path("quotedrift.toml").is_file() else None)
    if path is not None:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read settings ({exc})") from exc
        table = data.get("quotedrift", data)
        for key in ("cache_dir", "store"):
            if key in table:
                table[key] = Path(table[key])
        settings = settings.with_overrides(**table)
    return settings.with_overrides(**overrides)
