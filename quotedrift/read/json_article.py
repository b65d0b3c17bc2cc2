"""One JSON value as an article: its text field, or a message saying why it is not one."""

from __future__ import annotations

import json
from typing import Any

from quotedrift.errors import InputError

TEXT_KEYS = ("text", "body", "content", "article", "articleBody", "article_body", "maintext")
"""Fields that hold an article's text, in the order they are looked for."""


def parse_json(text: str, shown: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(shown, f"invalid JSON: {exc.msg} (line {exc.lineno})") from exc
    except RecursionError as exc:
        # The decoder recurses once per level: arrays or objects nested ~1,000 deep exhaust
        # Python's stack. No article nests that deep.
        raise InputError(shown, "invalid JSON: nested too deeply to be an article") from exc
    except ValueError as exc:  # numbers too long to convert, and other decoder limits
        raise InputError(shown, f"invalid JSON: {exc}") from exc


_JSON_KINDS = {
    list: "a list",
    dict: "an object",
    str: "a string",
    bool: "true or false",
    int: "a number",
    float: "a number",
}


def json_article(obj: Any, shown: str) -> tuple[str, dict[str, Any]]:
    """(body text, metadata) of one JSON article object. Raises InputError otherwise."""
    if not isinstance(obj, dict):
        kind = "null" if obj is None else _JSON_KINDS.get(type(obj), type(obj).__name__)
        raise InputError(
            shown,
            f"JSON is {kind}, not an article object; put one article per file, or one per "
            "line in a .jsonl file",
        )
    for key in TEXT_KEYS:
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            return value, obj
    for key in TEXT_KEYS:
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            kind = _JSON_KINDS.get(type(value), type(value).__name__)
            raise InputError(shown, f"JSON field {key!r} is {kind}, not text")
    raise InputError(
        shown, f"JSON object has no text field (looked for {', '.join(TEXT_KEYS[:3])}...)"
    )
