"""A version's word edits and a quotation's sentence as display pieces for the HTML page: kept,
dropped, cut, inserted, replaced words and elision marks; plain text and quoted words."""

from __future__ import annotations

import re
from collections.abc import Sequence

from quotedrift.records import Article, Edit, Span
from quotedrift.report.html_views import Piece, PieceKind
from quotedrift.report.plain_words import ELLIPSES, join_words

_CLOSING = frozenset(",.;:!?)]}'\u2019\u201d%")
_CONTEXT_REACH = 320  # characters searched each side of a quotation for its sentence boundaries
_SENTENCE_START = re.compile(r"(?:[.!?][\"'\u201d\u2019)]?\s+|\n\s*)")
_SENTENCE_END = re.compile(r"(?:[.!?][\"'\u201d\u2019)]?(?=\s|$)|\n)")


def _piece_space(text: str, first: bool) -> bool:
    return not first and (text[:1] not in _CLOSING or text in ELLIPSES)


# An outlet's elision mark: "...", ". . .", "…", bracketed or not.
_DOTS = r"(?:\.\s?\.\s?\.|\u2026)"
_ELLIPSIS_RUN = re.compile(rf"\[\s*{_DOTS}\s*\]|\(\s*{_DOTS}\s*\)|{_DOTS}")


def _printed_pieces(edits: Sequence[Edit]) -> tuple[Piece, ...]:
    """Pieces with the version's words as printed: punctuation kept, an outlet's own ellipsis an
    ``elision`` piece, words cut where the outlet marked the cut (``cut``) apart from words
    dropped silently (``drop``)."""
    pieces: list[Piece] = []

    def text(value: str) -> None:
        at = 0
        for m in _ELLIPSIS_RUN.finditer(value):
            if m.start() > at:
                pieces.append(Piece(value[at : m.start()], "text", False))
            pieces.append(Piece(m.group(), "elision", False))
            at = m.end()
        if at < len(value):
            pieces.append(Piece(value[at:], "text", False))

    after_at = -1  # where the previous edit's printed_after pieces start
    for edit in edits:
        if edit.op != "keep" and edit.original:
            cut = edit.printed_original or join_words(edit.original)
            if edit.op == "drop" and after_at >= 0:
                # Words cut stand right after the word before them, ahead of the punctuation or
                # ellipsis the version prints there.
                kind: PieceKind = "cut" if edit.elided else "drop"
                pieces[after_at:after_at] = [Piece(" ", "text", False), Piece(cut, kind, False)]
            else:
                pieces.append(Piece(cut, "old" if edit.op == "replace" else "drop", False))
                pieces.append(Piece(" ", "text", False))
        if not edit.printed:
            continue
        if edit.op == "keep":
            text(edit.printed)
        else:
            pieces.append(Piece(edit.printed, "insert" if edit.op == "insert" else "new", False))
        after_at = len(pieces)
        text(edit.printed_after)
    if pieces and pieces[-1].kind == "text" and not pieces[-1].text.strip():
        pieces.pop()
    return tuple(pieces)


def diff_pieces(edits: Sequence[Edit]) -> tuple[Piece, ...]:
    """Word edits as display pieces: kept, dropped, inserted, replaced (old/new) and elisions.

    With the words as printed (``Edit.printed``), punctuation shows as the outlet printed it and
    an outlet's own ellipsis is an ``elision`` piece, with the words it stands for ``cut`` rather
    than ``drop`` (a silent cut). Otherwise an inserted ellipsis is an elision mark the outlet
    printed, so it gets its own kind.
    """
    if edits and any(e.printed for e in edits):
        return _printed_pieces(edits)
    pieces: list[Piece] = []

    def add(words: Sequence[str], kind: PieceKind) -> None:
        if not words:
            return
        text = join_words(words)
        if kind in ("insert", "new") and text.strip() in ELLIPSES:
            kind = "elision"
        pieces.append(Piece(text, kind, _piece_space(text, not pieces)))

    for edit in edits:
        if edit.op == "keep":
            add(edit.version or edit.original, "keep")
        elif edit.op == "drop":
            add(edit.original, "drop")
        elif edit.op == "insert":
            add(edit.version, "insert")
        else:
            add(edit.original, "old")
            add(edit.version, "new")
    return tuple(pieces)


def context_pieces(article: Article | None, spans: Sequence[Span]) -> tuple[Piece, ...]:
    """The sentence(s) around ``spans`` in the article, split into plain text and quoted pieces.

    Returns () when the article is unknown or a span falls outside its text (never raises), so a
    report built from partial records still renders.
    """
    if article is None or not spans:
        return ()
    text = article.text
    ordered = sorted(spans)
    if ordered[0][0] < 0 or ordered[-1][1] > len(text) or any(s > e for s, e in ordered):
        return ()
    first, last = ordered[0][0], ordered[-1][1]
    reach_start = max(0, first - _CONTEXT_REACH)
    starts = [m.end() for m in _SENTENCE_START.finditer(text, reach_start, first)]
    begin = starts[-1] if starts else reach_start
    # A quotation's closing mark and the attribution that follows belong to its sentence.
    end_match = _SENTENCE_END.search(text, last + 1, min(len(text), last + _CONTEXT_REACH))
    end = end_match.end() if end_match else min(len(text), last + _CONTEXT_REACH)
    pieces: list[Piece] = []
    if begin > 0 and begin == reach_start:
        pieces.append(Piece("\u2026", "text", False))
    cursor = begin
    for start, stop in ordered:
        if start < cursor:  # overlapping spans: show the overlap once
            start = cursor
        if start > cursor:
            pieces.append(Piece(text[cursor:start], "text", False))
        if stop > start:
            pieces.append(Piece(text[start:stop], "quote", False))
        cursor = max(cursor, stop)
    if end > cursor:
        pieces.append(Piece(text[cursor:end], "text", False))
    if end < len(text) and end == last + _CONTEXT_REACH:
        pieces.append(Piece("\u2026", "text", False))
    return tuple(pieces)
