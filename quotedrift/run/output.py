"""Writing outputs so that nothing already written is lost or half-written, and nothing that is
not an output is replaced."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path

from quotedrift.errors import ConfigError


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path``.

    A regular file (or a new one) is written through a temporary file in the same folder and a
    rename, so a reader (or a killed run) sees either the old file or the whole new one; the new
    file keeps the old one's permissions, or gets those the user's umask gives a new file. A
    symlink is followed: its target is written, the link stays. Anything else (a FIFO, a device
    such as /dev/null or /dev/stdout) is written in place: renaming over it would replace the
    device or pipe with a regular file.

    Raises OSError when the folder or the target is not writable.
    """
    path = Path(path)
    try:
        info = os.stat(path)  # follows symlinks
    except FileNotFoundError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        # Opened through the name as given: /dev/fd/N links resolve to no path at all.
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        return
    if path.is_symlink():  # to a regular file, or dangling: write (create) its target
        path = Path(os.path.realpath(path))
    mode = stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            # mkstemp creates the file 0600 whatever the umask.
            os.fchmod(fh.fileno(), mode)
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    """The process umask. Linux shows it in /proc without changing it; elsewhere it is set and
    put back at once (os.umask is the only portable way to read it)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    old = os.umask(0o022)
    os.umask(old)
    return old


def refuse_input_as_output(output: Path, inputs: Sequence[str | Path]) -> None:
    """Raise ConfigError when writing ``output`` would overwrite one of ``inputs``: the same
    file (through any symlink or relative spelling), or a file inside an input folder that is
    read as an article. A report written into an input folder is allowed: the next run skips it
    (``ingest`` recognises quotedrift's own outputs)."""
    from quotedrift.read.folders import ARTICLE_SUFFIXES
    from quotedrift.read.ingest import is_own_output

    target = os.path.realpath(output)
    for given in inputs:
        real = os.path.realpath(given)
        inside = os.path.isdir(real) and os.path.commonpath([real, target]) == real
        same = target == real
        article = (
            inside
            and Path(target).suffix.lower() in ARTICLE_SUFFIXES
            and os.path.isfile(target)
            and not is_own_output(Path(target))
        )
        if same or article:
            raise ConfigError(
                f"--output {output} is one of the inputs ({given}): writing it would destroy "
                "an article; choose another file"
            )
