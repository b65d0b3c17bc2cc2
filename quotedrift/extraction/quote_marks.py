"""Quotation marks in one paragraph: which mark opens, which closes, and the outermost pairs.

Part of the quotation scanner (``quotations``): a single pass of pure Python over a paragraph
that knows straight, curly, low-9 and guillemet marks, tells apostrophes from single quotation
marks, and pairs marks with a small stack, so nested quotes stay inside the outer one. It runs in
linear time and never raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "CLOSING_MARKS",
    "DASHES",
    "LEAD_IN",
    "LEFT_OPENING",
    "OPENING_MARKS",
    "RIGHT_CLOSING",
    "Fragment",
    "scan_paragraph",
]

_DOUBLE_MARKS = '"\u201c\u201d\u201e\u201f\u00ab\u00bb'
_SINGLE_MARKS = "'\u2018\u2019\u201a\u201b\u2039\u203a"
_MARK_RE = re.compile("[" + re.escape(_DOUBLE_MARKS + _SINGLE_MARKS) + "]")

# What a mark is when its neighbours do not decide (None: decided by the stack).
_INTRINSIC: dict[str, str | None] = {
    '"': None,
    "\u201c": "open",  # “
    "\u201d": "close",  # ”
    "\u201e": "open",  # „ (never closes)
    "\u201f": "open",  # ‟
    "\u00ab": "open",  # «
    "\u00bb": "close",  # »
    "'": None,
    "\u2018": "open",  # ‘
    "\u2019": "close",  # ’ (also the apostrophe)
    "\u201a": "open",  # ‚
    "\u201b": "open",  # ‛
    "\u2039": "open",  # ‹
    "\u203a": "close",  # ›
}
_ALWAYS_OPEN = frozenset("\u201e\u201a")
OPENING_MARKS = frozenset("\u201c\u201e\u201f\u00ab\u2018\u201a\u201b\u2039")
CLOSING_MARKS = frozenset("\u201d\u00bb\u2019\u203a")
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015"
LEFT_OPENING = frozenset("([{<" + DASHES + "/")
RIGHT_CLOSING = frozenset(".,;:!?)]}>\u2026" + DASHES)
# Elisions written with a leading apostrophe ("rock 'n' roll", "'em", "'til").
_ELISION_RE = re.compile(r"(?:n|em|til|cause|bout|twas|tis|round|nuff|kay|sup|ya|y'all)\b", re.I)
_DECADE_RE = re.compile(r"\d\d(?:s\b|\b)")
_FEET_BEFORE_INCH_RE = re.compile(r"\d['\u2019]\s?\d{1,2}(?:\.\d+)?$")
# A single closing mark that ends a clause ('...house,' / '...now.') rather than a word.
_STRONG_SINGLE_CLOSE_RE = re.compile(
    "(?<=\\S)['\u2019](?=[.,;:!?\u2026)\\]\"\u201d]|$)|(?<=[.,!?\u2026])['\u2019]"
)
LEAD_IN = frozenset(DASHES + "*\u2022([")  # what may stand before a quote opening a sentence
_MAX_DEPTH = 4
_MAX_RESCANS = 16

_OPEN, _CLOSE, _EITHER = 1, 2, 3


def _role(text: str, i: int, start: int, end: int, single: bool) -> int:
    """Whether the mark at ``i`` opens, closes, may do either, or is no mark at all (0)."""
    ch = text[i]
    prev = text[i - 1] if i > start else ""
    nxt = text[i + 1] if i + 1 < end else ""
    if single and ch not in "\u2018\u201a\u201b\u2039\u203a":
        # ' and ’: apostrophes inside words (didn't, O'Brien, 5'9), before decades ('90s) and
        # elisions ('em); ’ never opens a quotation (smart-quote engines write ’tis, ’90s).
        if prev.isalnum() and nxt.isalnum():
            return 0
        if nxt.isdigit() and _DECADE_RE.match(text, i + 1, end):
            return 0
        if (
            (not prev or not prev.isalnum())
            and nxt.isalpha()
            and (ch == "\u2019" or _ELISION_RE.match(text, i + 1, end))
        ):
            return 0
    elif ch == "\u2018" and nxt.isdigit() and _DECADE_RE.match(text, i + 1, end):
        return 0  # ‘90s: a smart-quote engine's wrong apostrophe
    if ch == '"' and prev.isdigit() and _FEET_BEFORE_INCH_RE.search(text, max(start, i - 8), i):
        return 0  # 5'9": inches
    if ch in _ALWAYS_OPEN:
        return _OPEN
    left_open = not prev or prev.isspace() or prev in LEFT_OPENING or prev in OPENING_MARKS
    right_close = (
        not nxt or nxt.isspace() or nxt in RIGHT_CLOSING or nxt in CLOSING_MARKS or nxt == '"'
    )
    if left_open and not right_close:
        return _OPEN
    if right_close and not left_open:
        return _CLOSE
    intrinsic = _INTRINSIC.get(ch)
    if left_open and right_close and ch in "\u201c\u201d":
        return _EITHER  # '” … he said' opening a paragraph: the stack decides
    if intrinsic == "open":
        return _OPEN
    if intrinsic == "close":
        return _CLOSE
    if single and left_open and right_close:
        return 0  # a lone straight ' between spaces
    return _EITHER


def _possessive(text: str, i: int, end: int) -> bool:
    """The mark at ``i`` may be a plural possessive apostrophe: after an s, before a word."""
    return (
        text[i - 1 : i] in ("s", "S")
        and i + 2 < end
        and text[i + 1] == " "
        and (text[i + 2].islower() or text[i + 2].isdigit())
    )


@dataclass(frozen=True)
class Fragment:
    """One outermost quotation in one paragraph. ``close`` is None when the paragraph ended
    before the quotation closed. ``marked`` is False for a paragraph that goes on with the
    quotation the one before left open without an opening mark of its own, or for words after
    a colon whose opening mark is missing: ``open`` is then where the words start, not a mark."""

    open: int
    close: int | None
    para: int
    single: bool
    marked: bool = True


def scan_paragraph(text: str, para: int, start: int, end: int) -> tuple[list[Fragment], int | None]:
    """Outermost quotations of one paragraph, in order, and the first double closing mark that
    closes nothing the paragraph opened (None if there is none): where a quotation the previous
    paragraph left open ends, when this paragraph goes on with it unmarked."""
    fragments: list[Fragment] = []
    ignored: set[int] = set()
    pos = start
    stray: int | None = None
    for _ in range(_MAX_RESCANS + 1):
        found, dropped, closer = _pair_marks(text, para, start, pos, end, ignored)
        fragments.extend(found)
        if stray is None and closer is not None and (dropped is None or closer < dropped):
            stray = closer
        if dropped is None:
            break
        # Scan the rest of the paragraph again without the opening mark that was no quotation,
        # so the marks it swallowed are paired normally.
        ignored.add(dropped)
        pos = dropped
    opener = max((d for d in ignored if stray is not None and d < stray), default=None)
    if opener is not None and stray is not None and _mismatched(text, start, end, opener, stray):
        # "'We will win."': opened with a single mark, closed with a double one.
        fragments = sorted([*fragments, Fragment(opener, stray, para, False)], key=lambda f: f.open)
        stray = None
    return fragments, stray


def _mismatched(text: str, start: int, end: int, opener: int, closer: int) -> bool:
    """The single mark at ``opener``, which never closed, and the double mark at ``closer``,
    which closes nothing, bound one quotation: the single mark opens a sentence and the double
    one ends a sentence, with no mark but apostrophes between them."""
    if text[opener] not in _SINGLE_MARKS:
        return False
    before = text[start:opener].rstrip()
    if before and before[-1] not in ".!?:,\u2026" + "".join(CLOSING_MARKS) + '"':
        return False
    if text[closer - 1 : closer] not in ".!?,\u2026":
        return False
    return all(
        _role(text, m.start(), start, end, text[m.start()] in _SINGLE_MARKS) == 0
        for m in _MARK_RE.finditer(text, opener + 1, closer)
    )


def _pair_marks(
    text: str, para: int, start: int, pos: int, end: int, ignored: set[int]
) -> tuple[list[Fragment], int | None, int | None]:
    """Pair the marks in ``text[pos:end]``; return the outermost fragments and, if the paragraph
    ended inside a quotation opened by a single mark, that mark's position instead of it; and
    the first double closing mark met with nothing open."""
    stack: list[tuple[bool, int]] = []  # (single, position)
    found: list[Fragment] = []
    stray: int | None = None
    next_strong = -1  # position of the next clause-ending single closer, end if none
    curly_inside = False  # a curly pair closed inside the open outermost quotation
    for m in _MARK_RE.finditer(text, pos, end):
        i = m.start()
        if i in ignored:
            continue
        single = text[i] in _SINGLE_MARKS
        role = _role(text, i, start, end, single)
        if role == 0:
            continue
        if role == _EITHER:
            role = _CLOSE if stack and stack[-1][0] == single else _OPEN
            if (
                role == _CLOSE
                and text[i] == '"'
                and text[stack[-1][1]] != '"'
                and text[i + 1 : i + 2].isalnum()
            ):
                # '“=F("a","b")”': a straight mark glued to the next word opens a quotation
                # nested in the curly one; closing the curly one with it would cut the quote.
                role = _OPEN
        if role == _OPEN:
            if len(stack) < _MAX_DEPTH:
                stack.append((single, i))
            continue
        # A closing mark closes the innermost quotation of its own family; one that matches
        # nothing open (a stray closer, a possessive apostrophe) is ignored.
        depth = next((d for d in range(len(stack) - 1, -1, -1) if stack[d][0] == single), None)
        if depth is None:
            if stray is None and not stack and not single:
                stray = i
            continue
        if single and _possessive(text, i, end):
            # "the Jones' house": an apostrophe when the single quotation closes later on.
            if next_strong <= i:
                m2 = _STRONG_SINGLE_CLOSE_RE.search(text, i + 1, end)
                next_strong = m2.start() if m2 else end
            if next_strong < end:
                continue
        if depth == 0:
            found.append(Fragment(stack[0][1], i, para, stack[0][0]))
            stack.clear()
            curly_inside = False
        else:
            curly_inside = curly_inside or text[stack[depth][1]] != '"'
            del stack[depth:]
    if stack:
        outer = stack[0][1]
        # A single mark that never closes was an apostrophe or a typo; a straight mark that
        # never closes around curly quotations marks a block quote ('"Trump walked on,
        # chanting “U-S-A!”'), not a quotation of its own: the quotations inside it are.
        if stack[0][0] or (text[outer] == '"' and curly_inside):
            return found, outer, stray
        found.append(Fragment(outer, None, para, False))
    return found, None, stray
