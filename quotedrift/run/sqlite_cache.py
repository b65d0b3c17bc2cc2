"""Opening an on-disk SQLite cache that rebuilds itself when corrupt, and steps aside when another
process holds it; the connection and the lookups by key that the vector and extraction caches
(and the store's lookups) share."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, ClassVar

from quotedrift.errors import CacheError, CacheLockedError

log = logging.getLogger("quotedrift")

LOCK_WAIT_SECONDS = 30.0
"""How long a statement waits for another process's lock on a cache before the cache is skipped
for this run (SQLite's busy timeout)."""

_LOCKED = ("SQLITE_BUSY", "SQLITE_LOCKED")
_LOOKUP_CHUNK = 500  # SQLite's bound-variable limit is 999 in older builds


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


def rows_by_key(
    conn: sqlite3.Connection, table: str, columns: str, keys: Sequence[str]
) -> Iterator[Any]:
    """The rows of ``table`` (``columns``) whose ``key`` is among ``keys``, queried a chunk of
    keys at a time."""
    for start in range(0, len(keys), _LOOKUP_CHUNK):
        chunk = list(keys[start : start + _LOOKUP_CHUNK])
        marks = ",".join("?" * len(chunk))
        yield from conn.execute(f"SELECT {columns} FROM {table} WHERE key IN ({marks})", chunk)


def discard_cache(path: Path) -> None:
    """Delete the cache database at ``path`` and its journals. Raises CacheError."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        try:
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        except OSError as exc:
            raise CacheError(f"cannot remove corrupt cache {path}: {exc}") from exc


class SqliteCache:
    """One cache file under ``cache_dir``: its connection opened on first use (``open_cache``,
    so a corrupt file is rebuilt and a locked one raises CacheLockedError) and closed on demand.
    A subclass names its file, schema, the table that proves the file usable, and itself as
    messages say it ("vector cache")."""

    FILENAME: ClassVar[str]
    SCHEMA: ClassVar[str]
    TABLE: ClassVar[str]
    WHAT: ClassVar[str]

    def __init__(self, cache_dir: Path) -> None:
        self.cache_dir = Path(cache_dir)
        self.path = self.cache_dir / self.FILENAME
        self._conn: sqlite3.Connection | None = None

    def _connect(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = open_cache(self.path, self.SCHEMA, self.TABLE, self.WHAT)
        return self._conn

    def close(self) -> None:
        """Close the database connection (reopened on next use)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _discard_corrupt(self, exc: BaseException) -> None:
        """Delete the file after corruption inside an otherwise valid file (e.g. a damaged page)
        showed up in a read, with a warning; the next use builds it anew. Raises CacheError."""
        log.warning("%s %s is corrupt (%s); rebuilding it", self.WHAT, self.path, exc)
        self.close()
        discard_cache(self.path)
