"""One file's bytes, read within the size budget and only from a regular file, and their
text: UTF-8 (BOM or not), UTF-16 with a BOM, an HTML page's declared charset, else cp1252."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from quotedrift.config import Settings
from quotedrift.errors import InputError
from quotedrift.read.folders import READ_TYPES, os_problem, shown_name

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"),
    (b"PK\x03\x04", "a ZIP archive, or an Office document other than Word .docx"),
    (b"\xd0\xcf\x11\xe0", "an old-format Office file (.doc, .xls): save it as .docx"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
)
_READS = f"quotedrift reads {READ_TYPES} files"


def read_bytes(path: Path, settings: Settings) -> bytes:
    shown = shown_name(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise InputError(shown, "is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(shown, _not_regular(info.st_mode))
        if info.st_size > settings.max_file_bytes:
            raise InputError(
                shown,
                f"{size(info.st_size)} is over the {size(settings.max_file_bytes)} limit; "
                "raise max_file_bytes to read it",
            )
        # Opened without blocking and checked again: a FIFO put in the file's place after
        # stat() would otherwise wait for a writer forever (O_NONBLOCK changes nothing for a
        # regular file).
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(fd, "rb") as handle:
            mode = os.fstat(fd).st_mode
            if not stat.S_ISREG(mode):
                raise InputError(shown, _not_regular(mode))
            # Read one byte past the limit: the file may have grown since stat().
            data = handle.read(settings.max_file_bytes + 1)
    except OSError as exc:
        raise InputError(shown, os_problem(exc)) from exc
    if len(data) > settings.max_file_bytes:
        raise InputError(shown, f"grew past the {size(settings.max_file_bytes)} limit")
    return data


def _not_regular(mode: int) -> str:
    kind = (
        "a FIFO (named pipe)"
        if stat.S_ISFIFO(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a special file"
    )
    return f"{kind}, not a regular file: only regular files are read"


def size(n: int) -> str:
    if n >= 100_000:
        return f"{n / 1_000_000:.1f} MB"
    if n >= 1_000:
        return f"{n / 1_000:.1f} kB"
    return f"{n} bytes"


def decode(data: bytes, shown: str, fmt: str = "txt") -> tuple[str, str, tuple[str, ...]]:
    """(text, encoding, warnings): UTF-8 (BOM or not), UTF-16 with a BOM, the charset an HTML
    page declares, else cp1252 with a warning. Raises InputError for empty or binary input."""
    if not data:
        raise InputError(shown, "empty file")
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise InputError(shown, f"binary file ({kind}), not an article: {_READS}")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(
                shown, f"has a UTF-16 byte order mark but is not UTF-16 ({exc})"
            ) from exc
        return _check_text(text, shown), "utf-16", ()
    if b"\x00" in data:
        raise InputError(shown, f"binary file (contains NUL bytes), not an article: {_READS}")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return _check_text(data.decode("utf-8-sig"), shown), "utf-8-sig", ()
        except UnicodeDecodeError:
            data = data[3:]
    try:
        return _check_text(data.decode("utf-8"), shown), "utf-8", ()
    except UnicodeDecodeError:
        declared = _declared_charset(data) if fmt in ("html", "htm") else None
        if declared is not None:
            text = data.decode(declared, errors="replace")
            note = f"not UTF-8; decoded as {declared}, the charset the page declares"
            return _check_text(text, shown), declared, (note,)
        # cp1252 leaves five bytes undefined; "replace" keeps one character per byte there.
        text = data.decode("cp1252", errors="replace")
        return _check_text(text, shown), "cp1252", ("not UTF-8; decoded as cp1252",)


def _declared_charset(data: bytes) -> str | None:
    """The codec named by an HTML page's ``<meta charset>`` (or http-equiv) in its first 4 kB,
    when Python knows it and it is not UTF-8 (which has already failed)."""
    import codecs

    match = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", data[:4096], re.I)
    if match is None:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None
    return None if name in ("utf-8", "utf-16", "utf-32") else name


def _check_text(text: str, shown: str) -> str:
    if not text.strip():
        raise InputError(shown, "only whitespace, no text")
    return text
