"""Transcript turns: 'HARLOW: Let us begin.' A speaker's label in capitals, a colon
and their words, one turn a line, as outlets print interview and debate transcripts.

The words are verbatim though no quotation mark surrounds them. A label alone is no evidence (a
page prints 'BYLINE: ...', 'UPDATE: ...'), so turns count only where the article holds a dialogue:
at least two turns under at least two different labels.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from quotedrift.records import Span

_TURN_RE = re.compile(
    r"^[ \t\"\u201c]*(?P<who>[A-Z][A-Z.'\u2019 -]{1,30}[A-Z.]):[ \t]+"
    r"(?P<words>\S[^\n]*?)[ \t\"\u201d]*$",
    re.MULTILINE,
)
# Labels that head page furniture, not speech.
_FURNITURE = (
    "BYLINE EMAIL E-MAIL VIDEO PHOTO PHOTOS WATCH UPDATE UPDATED CORRECTION EDITOR'S NOTE "
    "ABSTRACT SOURCE SOURCES LINK RELATED READ MORE SECTION LENGTH DATELINE NOTE TAGS "
    "CREDIT GRAPHIC MAP AUDIO LISTEN SUBSCRIBE ADVERTISEMENT SPONSORED"
)
_NOT_SPEAKERS = frozenset(_FURNITURE.split())
_MIN_WORDS = 3


@dataclass(frozen=True)
class Turn:
    """One transcript turn: the speaker's label, the colon and the words spoken."""

    label: Span
    colon: Span
    words: Span


def find_turns(text: str, excluded: Sequence[Span] = ()) -> list[Turn]:
    """The transcript turns of ``text`` outside ``excluded``, in text order; none unless the
    article holds a dialogue (two turns or more, two labels or more)."""
    turns = []
    for m in _TURN_RE.finditer(text):
        who = m.group("who").strip()
        if who in _NOT_SPEAKERS or who.split()[0] in _NOT_SPEAKERS:
            continue
        if len(m.group("words").split()) < _MIN_WORDS:
            continue
        s, e = m.start("who"), m.end("words")
        if any(a < e and s < b for a, b in excluded):
            continue
        label_end = m.start("who") + len(m.group("who").rstrip())
        colon = text.index(":", label_end)
        turns.append(Turn((m.start("who"), label_end), (colon, colon + 1), m.span("words")))
    labels = {text[t.label[0] : t.label[1]] for t in turns}
    return turns if len(turns) >= 2 and len(labels) >= 2 else []
