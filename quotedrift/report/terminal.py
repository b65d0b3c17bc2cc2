"""Text for a person's terminal: control characters made visible instead of obeyed.

Article text and file names are anyone's: an escape sequence in either, printed raw, can move
the cursor, rewrite earlier lines, retitle the window or hide text. Whatever quotedrift prints
for a person (the table output, every line on stderr) goes through ``printable``; data formats
(JSON, CSV, Markdown, HTML) escape in their own way and are left alone.
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls (0x9b alone starts a sequence on some
# terminals), and the bidirectional overrides and isolates, which reorder what is shown.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, one_line: bool = False) -> str:
    """``text`` with every control character shown as its escape (ESC as ``\\x1b``); with
    ``one_line``, newlines as ``\\n`` too, so one message stays one line."""
    text = _CONTROL.sub(_escape, text)
    if one_line:
        text = text.replace("\n", "\\n")
    return text
