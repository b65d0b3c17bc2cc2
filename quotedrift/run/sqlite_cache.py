"""Opening an on-disk SQLite cache that rebuilds itself when corrupt (shared by the vector and
extraction caches)."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from quotedrift.errors import CacheError

log = logging.getLogger("quotedrift")


def open_cache(path: Path, schema: str, table: str, what: str) -> sqlite3.Connection:
    """A connection to the cache database at ``path`` with ``schema`` applied.

    A file that is not a usable database (``table`` cannot be read) is deleted and rebuilt, with a
    warning naming ``what`` ("vector cache"). Raises CacheError when the folder cannot be made or
    the file cannot be removed or created.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CacheError(f"cannot create cache folder {path.parent}: {exc}") from exc
    try:
        return _open(path, schema, table)
    except sqlite3.DatabaseError as exc:
        log.warning("%s %s is corrupt (%s); rebuilding it", what, path, exc)
        discard_cache(path)
        try:
            return _open(path, schema, table)
        except sqlite3.DatabaseError as again:
            raise CacheError(f"cannot create {what} {path}: {again}") from again


def _open(path: Path, schema: str, table: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=30)
    try:
        # A file that is not a database only fails on first read, so check it right away.
        conn.executescript(schema)
        conn.execute(f"SELECT count(*) FROM {table}").fetchone()
    except sqlite3.DatabaseError:
        conn.close()
        raise
    return conn


def discard_cache(path: Path) -> None:
    """Delete the cache database at ``path`` and its journals. Raises CacheError."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        try:
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        except OSError as exc:
            raise CacheError(f"cannot remove corrupt cache {path}: {exc}") from exc
