"""Text formats every renderer shares: JSON and CSV written the same way each run, the check
that a format name is one a renderer offers, and the format an output file's extension asks for."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from quotedrift.errors import ConfigError


def check_format(fmt: str, allowed: tuple[str, ...]) -> None:
    if fmt not in allowed:
        raise ConfigError(f"unknown output format {fmt!r}: choose one of {', '.join(allowed)}")


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: object) -> object:
    """Neutralise spreadsheet formula injection: text starting with = + - @ tab or CR gets a '."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_safe(cell) for cell in row])
    return buffer.getvalue()


SUFFIX_FORMATS: dict[str, str] = {
    ".txt": "table",
    ".md": "markdown",
    ".markdown": "markdown",
    ".csv": "csv",
    ".json": "json",
    ".jsonl": "jsonl",
    ".html": "html",
    ".htm": "html",
}
"""The output format an output file's extension asks for."""


def format_for_output(name: str, allowed: Sequence[str], default: str) -> str:
    """The format an output file named ``name`` asks for by its extension, from ``allowed``;
    ``default`` for an extension that names no format. Raises ConfigError for one that names a
    format this output cannot be written in (a compare report as ``.jsonl``)."""
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    fmt = SUFFIX_FORMATS.get(suffix)
    if fmt is None:
        return default
    if fmt not in allowed:
        raise ConfigError(
            f"{name}: a {suffix} file asks for {fmt}, which this command does not write; "
            f"give --format ({', '.join(allowed)})"
        )
    return fmt
