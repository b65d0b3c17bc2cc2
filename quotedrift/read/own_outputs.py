"""Telling quotedrift's own outputs from articles: a report written into an input folder must not
be read back as an article on the next run."""

from __future__ import annotations

import json
import re
from typing import Any

OWN_OUTPUT = "a quotedrift report or extract output, not an article; skipped"

# What each of quotedrift's outputs starts with or holds (report/text.py, report/html.py).
_HTML_GENERATOR = re.compile(r"<meta\s+name=[\"']generator[\"']\s+content=[\"']quotedrift", re.I)
_MARKDOWN_TITLE = "# Quotation drift"
_REPORT_KEYS = frozenset({"reference", "articles", "statements"})
_EXTRACT_KEYS = frozenset({"quote_id", "article_id", "spans"})


def own_output(text: str, fmt: str, data: Any) -> bool:
    """True when ``text`` (decoded from a file of format ``fmt``; ``data``, its parsed JSON for
    ``json``) is one of quotedrift's own outputs."""
    if fmt in ("html", "htm"):
        return _HTML_GENERATOR.search(text[:4096]) is not None
    if fmt == "md":
        return text.startswith(_MARKDOWN_TITLE)
    if fmt == "jsonl":
        first = text.lstrip().split("\n", 1)[0]
        try:
            data = [json.loads(first)]
        except (ValueError, RecursionError):
            return False
    if isinstance(data, dict):
        return data.keys() >= _REPORT_KEYS
    if isinstance(data, list) and data:
        return all(isinstance(r, dict) and r.keys() >= _EXTRACT_KEYS for r in data)
    return False
