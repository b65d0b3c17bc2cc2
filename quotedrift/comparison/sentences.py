"""The sentences of a quotation: the units statements are aligned by.

A quotation record keeps every fragment the extractor found: '"A," he said. "B."' is one record of
two fragments, a quotation over several paragraphs one of several, and a fragment may hold several
sentences. Outlets that report one event on their own cut the same speech differently (one prints
both sentences in one quotation, another only the second, a third the two in separate
quotations), so alignment pairs sentences. A unit is one sentence of the speaker's: a sentence
that runs on over two fragments ('"We found cracks," she said, "in 12 vessels."') is one unit, and
a sentence too short to say anything by itself ("No.") goes with its neighbour in its fragment.

Reports keep showing the quotation; a unit only decides which statement it belongs to.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from quotedrift.comparison.align import content_words
from quotedrift.lang.en.abbreviations import SENTENCE_ABBREVIATIONS
from quotedrift.records import Quote, Span

# A sentence ends at . ! or ? (closing marks may follow) before a space and a capital, a digit or
# an opening mark. An ellipsis alone is an outlet's cut inside what it quotes, not a sentence end;
# after a full stop ("terror. ... And") it is a cut between sentences and ends the first.
_SENTENCE_END = re.compile(
    r"(?<![.…])[.!?][\"'\u201d\u2019)]*(?:\s*(?:\.\.\.|…))?"
    r"(?=\s+[\"'\u201c\u2018(]?[A-Z0-9])"
)
_LAST_WORD = re.compile(r"([\w.]+)\.$")
# A piece with fewer content words than this ("No.", "Wow.") is not a statement of its own.
_MIN_CONTENT_WORDS = 2
# A fragment of a direct quotation opening in lower case continues the sentence the fragment
# before left open ('"We found cracks," she said, "in 12 vessels."'). Partial quotations woven
# into the writer's sentence ('called it an "act of terror" and an "act of hate"') are pieces of
# their own.
_LEFT_OPEN = (",", ";", ":", "\u2014", "\u2013", "-")
_CLOSING = "\"'\u201d\u2019) "
_CLOSED = (".", "!", "?", "\u2026")


@dataclass(frozen=True)
class Piece:
    """A stretch of a quotation's text: ``start``/``end`` into ``Quote.text``; ``fragment``: the
    index of the quotation span it lies in."""

    start: int
    end: int
    fragment: int


@dataclass(frozen=True)
class Unit:
    """One sentence of a quotation.

    quote: the unit as a quotation of its own (what alignment sees): the record itself when the
        record is one unit, else a copy holding the sentence's words and spans, id
        ``<record id>~<n>``. parent: the record. index: the unit's number in the record (0-based).
    pieces: where its words are in ``parent.text`` (two or more when it runs over fragments).
    """

    quote: Quote
    parent: Quote
    index: int
    pieces: tuple[Piece, ...]
    id: str = ""  # the unit quote's id (set by ``units_of``)

    @property
    def fragments(self) -> frozenset[int]:
        return frozenset(p.fragment for p in self.pieces)


def fragment_ranges(q: Quote) -> list[tuple[int, int]]:
    """Where each fragment of ``q`` lies in ``q.text`` (the fragments joined by one space); one
    range over the whole text when the text is not such a join."""
    lengths = [end - start for start, end in q.spans]
    if not lengths or sum(lengths) + len(lengths) - 1 != len(q.text):
        return [(0, len(q.text))]
    out, at = [], 0
    for n in lengths:
        out.append((at, at + n))
        at += n + 1
    return out


def _abbreviation_before(head: str, following: str) -> bool:
    m = _LAST_WORD.search(head)
    if m is None:
        return False
    word = m.group(1).lower()
    if len(word) == 1 and m.group(1).isupper():
        return True  # an initial: "John F. Kennedy"
    if word == "no":  # "No. 5", but "No." alone is a sentence
        return following.lstrip()[:1].isdigit()
    return word in SENTENCE_ABBREVIATIONS


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence ranges of ``text[start:end]``, without edge spaces."""
    out: list[tuple[int, int]] = []
    at = start
    for m in _SENTENCE_END.finditer(text, start, end):
        stop = m.end()
        if _abbreviation_before(text[at : m.start() + 1], text[stop:end]):
            continue
        out.append((at, stop))
        at = stop
    out.append((at, end))
    trimmed = []
    for s, e in out:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            trimmed.append((s, e))
    return trimmed


def _pieces(q: Quote) -> list[list[Piece]]:
    """The record's sentences as lists of pieces, before short ones are joined."""
    units: list[list[Piece]] = []
    for number, (start, end) in enumerate(fragment_ranges(q)):
        for i, (s, e) in enumerate(_sentences(q.text, start, end)):
            piece = Piece(s, e, number)
            if (
                i == 0
                and units
                and q.kind != "partial"
                and q.text[s : s + 1].islower()
                and _left_open(q.text[: units[-1][-1].end])
            ):
                units[-1].append(piece)
            else:
                units.append([piece])
    return units


def _left_open(text: str) -> bool:
    """Whether a fragment's words end with the sentence still open: a comma or dash, or no
    closing punctuation at all (the comma before the attribution is often outside the span)."""
    text = text.rstrip(_CLOSING)
    return text.endswith(_LEFT_OPEN) or not text.endswith(_CLOSED)


def _substantial(q: Quote, pieces: list[Piece]) -> bool:
    return len(content_words(" ".join(q.text[p.start : p.end] for p in pieces))) >= (
        _MIN_CONTENT_WORDS
    )


def _joined_short(q: Quote, units: list[list[Piece]]) -> list[list[Piece]]:
    """Short sentences joined to the one before in their fragment, else to the one after."""
    out: list[list[Piece]] = []
    pending: list[Piece] = []
    for pieces in units:
        pieces = pending + pieces
        pending = []
        if _substantial(q, pieces):
            out.append(pieces)
        elif out and out[-1][-1].fragment == pieces[0].fragment:
            out[-1] = out[-1] + pieces
        elif q.kind == "partial":
            # Each partial is a piece of the writer's sentence: two of them ('should "step
            # down" ... should "leave the race"') joined would be words no one said together.
            out.append(pieces)
        else:
            pending = pieces
    if pending:
        if out and out[-1][-1].fragment == pending[0].fragment:
            out[-1] = out[-1] + pending
        else:
            out.append(pending)
    return [_merge_adjacent(p) for p in out]


def _merge_adjacent(pieces: list[Piece]) -> list[Piece]:
    """Pieces of one fragment that follow each other become one piece (the space between them
    is the fragment's own)."""
    out: list[Piece] = []
    for p in pieces:
        if out and out[-1].fragment == p.fragment:
            out[-1] = Piece(out[-1].start, p.end, p.fragment)
        else:
            out.append(p)
    return out


def text_of(q: Quote, pieces: tuple[Piece, ...] | list[Piece]) -> str:
    """The words of ``pieces`` of ``q.text``, one space between pieces."""
    return " ".join(q.text[p.start : p.end] for p in pieces)


def spans_of(q: Quote, pieces: tuple[Piece, ...] | list[Piece]) -> tuple[Span, ...]:
    """Where ``pieces`` lie in the article, through the record's spans; the record's own spans
    when its text is not a join of them."""
    ranges = fragment_ranges(q)
    if len(ranges) != len(q.spans):
        return q.spans
    out = []
    for p in pieces:
        start = q.spans[p.fragment][0] + p.start - ranges[p.fragment][0]
        out.append((start, start + p.end - p.start))
    return tuple(out)


def units_of(q: Quote) -> tuple[Unit, ...]:
    """The sentence units of one quotation, in text order. A quotation of one sentence is one
    unit whose quote is the record itself. Raises nothing."""
    grouped = _joined_short(q, _pieces(q))
    if len(grouped) <= 1:
        whole = tuple(Piece(s, e, i) for i, (s, e) in enumerate(fragment_ranges(q)))
        return (Unit(q, q, 0, whole, q.id),)
    return tuple(
        Unit(
            replace(q, id=f"{q.id}~{n}", text=text_of(q, pieces), spans=spans_of(q, pieces)),
            q,
            n,
            tuple(pieces),
            f"{q.id}~{n}",
        )
        for n, pieces in enumerate(grouped)
    )


def fragments_text(q: Quote, fragments: Iterable[int]) -> str:
    """The words of the given fragments of ``q``, joined by one space."""
    ranges = fragment_ranges(q)
    return " ".join(q.text[ranges[i][0] : ranges[i][1]] for i in sorted(fragments))


def fragments_spans(q: Quote, fragments: Iterable[int]) -> tuple[Span, ...]:
    """Where the given fragments of ``q`` are in its article (all spans when its text is not a
    join of its fragments)."""
    if len(fragment_ranges(q)) != len(q.spans):
        return q.spans
    return tuple(q.spans[i] for i in sorted(fragments))
