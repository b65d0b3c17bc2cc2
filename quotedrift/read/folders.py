"""Walking the paths given: which files are articles, in a stable order, with a Problem for each
path that cannot be listed (missing, unreadable, a symlink loop or a broken link)."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from quotedrift.read.documents import DOCUMENT_SUFFIXES
from quotedrift.records import Problem

ARTICLE_SUFFIXES = (
    frozenset({".txt", ".md", ".html", ".htm", ".json", ".jsonl"}) | DOCUMENT_SUFFIXES
)
"""Extensions read when walking a folder; any other file in a folder is skipped."""
READ_TYPES = ".txt, .md, .html, .htm, .json, .jsonl, .docx and .pdf"
"""The file types read, as a message names them."""
MISSING = "no such file or folder"
"""The problem of a path given that does not exist (shown as ``no such file or folder: PATH``)."""


def shown_name(name: str | Path) -> str:
    """``name`` as text that can be written anywhere: a file name that is not valid UTF-8
    (Python keeps its bytes as lone surrogates) with each such byte as ``\\xNN``, so the id,
    the path in a report and every cache key encode; the file itself is opened by its Path."""
    text = str(name)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(text).decode("utf-8", "backslashreplace")
    return text


def walk(paths: Sequence[str | Path], problems: list[Problem]) -> Iterator[tuple[Path, str]]:
    """(path as found, article id) for every file to read, in a stable order."""
    for arg in paths:
        root = Path(arg)
        try:
            is_dir = root.is_dir()
            exists = is_dir or root.exists() or root.is_symlink()
        except OSError as exc:
            problems.append(Problem(shown_name(root), os_problem(exc)))
            continue
        if not exists:
            problems.append(Problem(shown_name(root), MISSING))
        elif is_dir:
            yield from _walk_dir(root, root, {os.path.realpath(root)}, problems)
        else:
            yield root, root.name


def _walk_dir(
    root: Path, folder: Path, ancestors: set[str], problems: list[Problem]
) -> Iterator[tuple[Path, str]]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        problems.append(Problem(shown_name(folder), os_problem(exc)))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue  # .git, editor droppings
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()  # follows symlinks
        except OSError as exc:
            if path.suffix.lower() in ARTICLE_SUFFIXES or exc.errno == errno.ELOOP:
                problems.append(Problem(shown_name(path), os_problem(exc)))
            continue
        if is_dir:
            real = os.path.realpath(path)
            if real in ancestors:
                problems.append(
                    Problem(
                        shown_name(path),
                        "symlink loop: it leads back to a folder being read; not followed",
                        fatal=False,
                    )
                )
                continue
            yield from _walk_dir(root, path, ancestors | {real}, problems)
        elif path.suffix.lower() in ARTICLE_SUFFIXES:
            if entry.is_symlink() and not path.exists():
                problems.append(Problem(shown_name(path), _broken_link(path)))
                continue
            yield path, path.relative_to(root).as_posix()


def _broken_link(path: Path) -> str:
    try:
        path.stat()
    except FileNotFoundError:
        return "broken symlink: its target does not exist"
    except OSError as exc:
        return os_problem(exc)
    return "broken symlink"


def os_problem(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symlink loop: the link points back to itself"
    if isinstance(exc, FileNotFoundError):
        return "vanished before it could be read (no such file)"
    if isinstance(exc, PermissionError):
        return "permission denied: make the file readable to read it"
    if isinstance(exc, IsADirectoryError):
        return "is a folder, not a file"
    return f"cannot be read ({exc.strerror or exc})"
