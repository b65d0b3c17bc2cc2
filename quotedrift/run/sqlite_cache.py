"""Opening an on-disk SQLite cache that rebuilds itself when corrupt, and steps aside when another
process holds it (shared by the vector and extraction caches)."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from quotedrift.errors import CacheError, CacheLockedError

log = logging.getLogger("quotedrift")

LOCK_WAIT_SECONDS = 30.0
"""How long a statement waits for another process's lock on a cache before the cache is skipped
for this run (SQLite's busy timeout)."""

_LOCKED = ("SQLITE_BUSY", "SQLITE_LOCKED")


def is_locked(exc: BaseException) -> bool:
    """True when ``exc`` says the database is held by another connection ("database is locked",
    "database is busy"): the file is sound, only busy, and must never be treated as corrupt."""
    if not isinstance(exc, sqlite3.OperationalError):
        return False
    name = getattr(exc, "sqlite_errorname", None)  # Python 3.11+
    if name is not None:  # extended codes too: SQLITE_BUSY_SNAPSHOT, SQLITE_LOCKED_SHAREDCACHE
        return name.startswith(_LOCKED)
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def skip_locked(exc: BaseException, path: Path, what: str) -> None:
    """Warn that ``what`` at ``path`` is skipped for this run because another process holds it."""
    log.warning(
        "%s %s is locked by another process (waited %.0f s: %s); going on without it",
        what,
        path,
        LOCK_WAIT_SECONDS,
        exc,
    )


def open_cache(path: Path, schema: str, table: str, what: str) -> sqlite3.Connection:
    """A connection to the cache database at ``path`` with ``schema`` applied.

    A file that is not a usable database (``table`` cannot be read) is deleted and rebuilt, with a
    warning naming ``what`` ("vector cache"). Raises CacheLockedError when another process holds
    the file longer than LOCK_WAIT_SECONDS (the file is left alone), CacheError when the folder
    cannot be made or the file cannot be removed or created.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CacheError(f"cannot create cache folder {path.parent}: {exc}") from exc
    try:
        return _open(path, schema, table)
    except sqlite3.DatabaseError as exc:
        if is_locked(exc):
            raise CacheLockedError(f"{what} {path} is locked by another process: {exc}") from exc
        log.warning("%s %s is corrupt (%s); rebuilding it", what, path, exc)
        discard_cache(path)
        try:
            return _open(path, schema, table)
        except sqlite3.DatabaseError as again:
            raise CacheError(f"cannot create {what} {path}: {again}") from again


def _open(path: Path, schema: str, table: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=LOCK_WAIT_SECONDS)
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
