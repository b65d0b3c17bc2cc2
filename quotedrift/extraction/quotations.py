"""Find quotations in article text: the stretches inside quotation marks, before attribution.

The scanner is a single pass of pure Python over each paragraph (a line of text, cut further by
the excluded ranges), so it runs in linear time and never raises. ``quote_marks`` pairs the marks
of each paragraph; this module then glues the fragments into candidates:
a quotation interrupted by its attribution ('"A," he said. "B"') and a quotation running over
several paragraphs each become one candidate with one span per fragment.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace

from quotedrift.extraction.cues import QUOTATION_CUES
from quotedrift.extraction.quote_marks import (
    CLOSING_MARKS,
    DASHES,
    LEAD_IN,
    LEFT_OPENING,
    OPENING_MARKS,
    RIGHT_CLOSING,
    Fragment,
    scan_paragraph,
)
from quotedrift.lang.en.abbreviations import SENTENCE_ABBREVIATIONS
from quotedrift.lang.en.determiners import DETERMINERS
from quotedrift.lang.en.naming_words import NAMING_WORDS
from quotedrift.lang.en.title_minor_words import MINOR_TITLE_WORDS
from quotedrift.records import QuoteCandidate, QuoteKind, Span

__all__ = ["find_quotations"]

_PARAGRAPH_RE = re.compile(r"[^\n\r\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85]+")


# ---------------------------------------------------------------------------------------------
# Sentences


_BOUNDARY_RE = re.compile(
    "[.!?\u2026]+[\"'\u201d\u2019\u00bb)\\]]*"
    "(?=\\s+[\"'\u201c\u2018\u00ab\u201e(\\[]?[A-Z0-9\u00c0-\u00de]|\\s*$)"
)
_QUOTE_CLOSERS = frozenset("\"'\u201d\u2019\u00bb")


def _sentence_ends(text: str, start: int, end: int) -> list[int]:
    """Positions just after each sentence end in ``text[start:end]`` (sorted)."""
    ends: list[int] = []
    for m in _BOUNDARY_RE.finditer(text, start, end):
        if text[m.start()] == ".":
            w = m.start()
            while w > start and (text[w - 1].isalpha() or text[w - 1] == "."):
                w -= 1
            word = text[w : m.start()].lower()
            if word in SENTENCE_ABBREVIATIONS or (len(word) == 1 and text[w].isupper()):
                continue
        if text[m.end() - 1] in _QUOTE_CLOSERS:
            # '"We will win." Foley said.': the attribution still belongs to the sentence.
            after = _words(text, m.end(), min(end, m.end() + 40))[:4]
            # Up to three words ('Vitter demanded.', 'said Rep. Smith'), also at the
            # paragraph's end.
            if any(w.lower() in QUOTATION_CUES for w in after[:3]):
                continue
        ends.append(m.end())
    return ends


# ---------------------------------------------------------------------------------------------
# Speech or not

_CONTEXT = 200  # characters either side of a quotation searched for cue words
_WORD_RE = re.compile(r"\w+(?:['\u2019.-]\w+)*")


def _words(text: str, start: int, end: int) -> list[str]:
    return [m.group() for m in _WORD_RE.finditer(text, start, end)]


def _is_title_like(words: list[str]) -> bool:
    """Capitalised title words ("Jaws", "Deep State", "The Art of the Deal")."""
    content = [w for w in words if w.lower() not in MINOR_TITLE_WORDS]
    return bool(content) and all(w[0].isupper() or w[0].isdigit() for w in content)


def _speechlike(
    text: str, spans: Sequence[Span], open_at: int, close_at: int, sentence: Span, kind: str
) -> bool:
    """False for scare quotes, titles, nicknames and markup; True for whatever may be speech.

    Tuned on PolNeAR train (which counts many short partial quotes as speech, so a short quote
    after a speech word, or any quote of two or more lowercase words, stays speechlike)."""
    words = [w for s in spans for w in _words(text, s[0], s[1])]
    if not words or not any(c.isalpha() for w in words for c in w):
        return False  # numbers and punctuation: ids, scores, dates
    quoted = text[spans[0][0] : spans[-1][1]]
    if text[open_at - 1 : open_at] == "=" or (
        not any(c.isspace() for c in quoted) and any(c in quoted for c in "/@")
    ):
        return False  # markup attributes (id="..."), links and handles
    before = [w.lower() for w in _words(text, max(sentence[0], open_at - 60), open_at)[-3:]]
    if len(words) <= 6 and any(w in NAMING_WORDS for w in before):
        return False  # 'known as "Shorty"', 'the film "Jaws"', 'the so-called "deep state"'
    if kind == "direct":
        return True
    title = _is_title_like(words)
    if (
        title
        and len(words) <= 4
        and before
        and (before[-1].endswith(("\u2019s", "'s")) or before[-1] in ("on", "for"))
    ):
        return False  # 'CNN's "New Day"', 'told "Fox News Sunday"'-like show names
    # Windows, not whole sentences: a paragraph with no sentence end must stay linear.
    context = [
        w.lower()
        for w in _words(text, max(sentence[0], open_at - _CONTEXT), open_at)
        + _words(text, close_at, min(sentence[1], close_at + _CONTEXT))
    ]
    has_cue = any(w in QUOTATION_CUES for w in context)
    if has_cue:
        return True
    if len(words) <= 3 and title:
        return False
    # 'the "experts"': one word after a determiner and no speech word near is a scare quote.
    return not (len(words) == 1 and before and before[-1] in DETERMINERS)


# ---------------------------------------------------------------------------------------------
# Assembly


@dataclass
class _Paragraph:
    start: int
    end: int
    fragments: list[Fragment]
    sentence_ends: list[int] | None = None
    stray: int | None = None  # the first double closing mark that closes nothing opened here


def _paragraph_spans(text: str, excluded: Sequence[Span]) -> list[Span]:
    """Non-blank lines of ``text`` with the excluded ranges cut out."""
    cuts = sorted((max(0, a), min(len(text), b)) for a, b in excluded if b > a)
    spans: list[Span] = []
    for m in _PARAGRAPH_RE.finditer(text):
        pieces = [(m.start(), m.end())]
        for a, b in cuts:
            if b <= m.start() or a >= m.end():
                continue
            nxt: list[Span] = []
            for s, e in pieces:
                if b <= s or a >= e:
                    nxt.append((s, e))
                    continue
                if a > s:
                    nxt.append((s, a))
                if b < e:
                    nxt.append((b, e))
            pieces = nxt
        for s, e in pieces:
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                spans.append((s, e))
    return spans


def _inner(text: str, frag: Fragment, para_end: int) -> Span:
    """The quoted words of a fragment: no marks, no outer spaces, no trailing comma."""
    s = frag.open + 1 if frag.marked else frag.open
    e = frag.close if frag.close is not None else para_end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s and text[e - 1] == ",":
        e -= 1
        while e > s and text[e - 1].isspace():
            e -= 1
    return (s, e)


def _mark_span(frag: Fragment, para_end: int) -> Span:
    return (frag.open, frag.close + 1 if frag.close is not None else para_end)


class _Article:
    """Paragraphs and their sentence ends, computed once per call."""

    def __init__(self, text: str, paragraphs: list[_Paragraph]) -> None:
        self.text = text
        self.paragraphs = paragraphs

    def ends(self, para: int) -> list[int]:
        p = self.paragraphs[para]
        if p.sentence_ends is None:
            p.sentence_ends = _sentence_ends(self.text, p.start, p.end)
        return p.sentence_ends

    def sentence_start(self, para: int, pos: int) -> int:
        ends = self.ends(para)
        k = bisect_right(ends, pos)
        s = ends[k - 1] if k else self.paragraphs[para].start
        while s < pos and self.text[s].isspace():
            s += 1
        return s

    def sentence_end(self, para: int, pos: int) -> int:
        ends = self.ends(para)
        k = bisect_left(ends, pos)
        return ends[k] if k < len(ends) else self.paragraphs[para].end

    def opens_sentence(self, frag: Fragment) -> bool:
        """The quotation starts its sentence, or follows a cue and a comma or colon."""
        text = self.text
        start = self.sentence_start(frag.para, frag.open)
        i = frag.open
        while i > start and (text[i - 1].isspace() or text[i - 1] in LEAD_IN):
            i -= 1
        if i == start:
            return True
        if text[i - 1] in ",:":
            return True
        # 'Trump said "We will win."': a capitalised full sentence straight after a cue.
        inner = _inner(text, frag, self.paragraphs[frag.para].end)
        words = _words(text, inner[0], min(inner[1], inner[0] + _CONTEXT))
        lead_words = _words(text, max(start, frag.open - 40), frag.open)
        return (
            len(words) >= 4
            and words[0][0].isupper()
            and bool(lead_words)
            and lead_words[-1].lower() in QUOTATION_CUES
        )

    def closes_sentence(self, frag: Fragment) -> bool:
        """The quotation ends its sentence (or hands over to its attribution with a comma)."""
        text = self.text
        para_end = self.paragraphs[frag.para].end
        if frag.close is None:
            return True
        s, e = frag.open + 1, frag.close
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s and text[e - 1] in ".!?,\u2026" + DASHES:
            return True
        after = text[frag.close + 1 : min(para_end, frag.close + 4)].lstrip()
        return not after or after[0] in ".!?,;"

    def attribution_gap(self, a: Fragment, b: Fragment) -> bool:
        """'"A," he said. "B"': ``b`` goes on with ``a``'s quotation after a short attribution."""
        if a.close is None or a.para != b.para:
            return False
        text = self.text
        gap_end = b.open
        while gap_end > a.close + 1 and text[gap_end - 1].isspace():
            gap_end -= 1
        if gap_end <= a.close + 1 or text[gap_end - 1] not in ".,:;" + DASHES:
            return False
        # The attribution is one short clause: no sentence ends inside it.
        ends = self.ends(a.para)
        k = bisect_right(ends, a.close + 1)
        if k < len(ends) and ends[k] < gap_end:
            return False
        words = _words(text, a.close + 1, b.open)
        if not 1 <= len(words) <= 12:
            return False
        if not any(w.lower() in QUOTATION_CUES for w in words):
            return False
        if b.close is not None:
            # '"A." Foley said. "B," she added.': B has an attribution of its own.
            after = _words(text, b.close + 1, min(self.paragraphs[b.para].end, b.close + 40))
            if any(w.lower() in QUOTATION_CUES for w in after[:4]):
                return False
        return self.opens_sentence(a) and self.closes_sentence(a)


# Typewriter double marks: ''quoted'' (archives such as the New York Times' wire text) and
# ``quoted'' (LaTeX, Penn Treebank). Each pair is one quotation mark.
_PAIRED_MARK_RE = re.compile("''|``")


def _typewriter_marks(text: str) -> str:
    """``text`` with each typewriter pair read as one straight double mark and a space on its
    outer side (same length, so offsets are unchanged). A pair glued to words on both sides or
    on neither is left alone."""
    if "''" not in text and "``" not in text:
        return text
    chars = list(text)
    for m in _PAIRED_MARK_RE.finditer(text):
        i = m.start()
        prev = text[i - 1] if i else " "
        nxt = text[i + 2] if i + 2 < len(text) else " "
        opens = prev.isspace() or prev in LEFT_OPENING or prev in OPENING_MARKS
        closes = nxt.isspace() or nxt in RIGHT_CLOSING or nxt in CLOSING_MARKS
        if m.group() == "``" and not nxt.isspace():
            opens, closes = True, False
        if opens == closes:
            continue
        if opens:
            chars[i], chars[i + 1] = " ", '"'
        else:
            chars[i], chars[i + 1] = '"', " "
    return "".join(chars)


def _widened(text: str, cand: QuoteCandidate) -> QuoteCandidate:
    """``cand`` with its marks (and its sentence, which must hold them) covering both characters
    of typewriter pairs."""
    marks = _widen_marks(text, cand.marks)
    sentence = (min(cand.sentence[0], marks[0][0]), max(cand.sentence[1], marks[-1][1]))
    return replace(cand, marks=marks, sentence=sentence)


def _widen_marks(text: str, marks: tuple[Span, ...]) -> tuple[Span, ...]:
    """Mark extents grown to cover both characters of typewriter pairs."""
    out = []
    for s, e in marks:
        if s > 0 and text[s - 1 : s + 1] in ("''", "``"):
            s -= 1
        if text[e - 1 : e + 1] == "''":
            e += 1
        out.append((s, e))
    return tuple(out)


def find_quotations(text: str, excluded: Sequence[Span] = ()) -> list[QuoteCandidate]:
    """Quotations in ``text``, in text order.

    ``excluded``: boilerplate/headline ranges; no candidate overlaps them (paragraphs are cut at
    them, so a quotation never runs into or out of one). Returns one QuoteCandidate per quotation:
    fragments interrupted by their attribution or running over paragraphs are joined. Never
    raises, whatever the text (unbalanced marks, thousands of marks, binary junk).
    """
    if not isinstance(text, str) or not text:
        return []
    original = text
    text = _typewriter_marks(text)
    try:
        cuts = [(int(a), int(b)) for a, b in excluded]
    except (TypeError, ValueError):
        cuts = []
    paragraphs: list[_Paragraph] = []
    for s, e in _paragraph_spans(text, cuts):
        paragraphs.append(_Paragraph(s, e, []))
    for k, p in enumerate(paragraphs):
        p.fragments, p.stray = scan_paragraph(text, k, p.start, p.end)
    _unmarked_continuations(text, paragraphs)
    _colon_openings(text, paragraphs)
    art = _Article(text, paragraphs)

    groups: list[list[Fragment]] = []
    for k, p in enumerate(paragraphs):
        for frag in p.fragments:
            if not _has_words(text, frag, p.end):
                continue
            last = groups[-1][-1] if groups else None
            if last is not None and _continues(art, groups[-1], last, frag, k):
                groups[-1].append(frag)
            else:
                groups.append([frag])
    found = [_candidate(art, g) for g in groups]
    if text is not original:
        found = [_widened(original, c) for c in found]
    return found


# How many paragraphs without any quotation mark a quotation may run over before the paragraph
# that closes it: a letter or statement printed whole, marked only where it opens and ends.
_MAX_UNMARKED_RUN = 8


def _unmarked_continuations(text: str, paragraphs: list[_Paragraph]) -> None:
    """Give the paragraphs that go on with a quotation left open, without an opening mark of
    their own, an unmarked fragment: 'open... / more words / the end."' The run must end in a
    paragraph whose first double closing mark closes nothing it opened; a quotation left open
    and never closed (a mark forgotten) takes nothing more."""
    k = 1
    while k < len(paragraphs):
        prev = paragraphs[k - 1].fragments
        if not prev or prev[-1].close is not None or prev[-1].single:
            k += 1
            continue
        run = k
        while (
            run < len(paragraphs)
            and run - k < _MAX_UNMARKED_RUN
            and not paragraphs[run].fragments
            and paragraphs[run].stray is None
        ):
            run += 1
        last = paragraphs[run] if run < len(paragraphs) else None
        if last is None or last.stray is None or _opens_with_mark(last):
            k = run + 1
            continue
        for j in range(k, run):
            paragraphs[j].fragments = [Fragment(paragraphs[j].start, None, j, False, False)]
        closing = Fragment(last.start, last.stray, run, False, False)
        last.fragments = [closing] + [f for f in last.fragments if f.open > last.stray]
        k = run + 1


def _colon_openings(text: str, paragraphs: list[_Paragraph]) -> None:
    """'Lee: We will win. We always do."': a quotation introduced by a colon whose opening mark
    is missing. A double closing mark that closes nothing, ends a sentence and is left over by
    the continuations above opens a fragment after the first colon before it, when no other
    mark stands between the two."""
    for k, p in enumerate(paragraphs):
        stray = p.stray
        if stray is None or any(f.close == stray for f in p.fragments):
            continue
        if text[stray - 1 : stray] not in ".!?\u2026":
            continue
        bound = max(
            (f.close + 1 for f in p.fragments if f.close is not None and f.close < stray),
            default=p.start,
        )
        if any(bound <= f.open < stray for f in p.fragments):
            continue
        colon = text.find(": ", bound, stray)
        if colon < 0:
            continue
        start = colon + 1
        while start < stray and text[start].isspace():
            start += 1
        if start < stray and (text[start].isupper() or text[start].isdigit()):
            p.fragments = sorted(
                [*p.fragments, Fragment(start, stray, k, False, False)], key=lambda f: f.open
            )


def _opens_with_mark(p: _Paragraph) -> bool:
    return bool(p.fragments) and p.fragments[0].open == p.start


def _has_words(text: str, frag: Fragment, para_end: int) -> bool:
    s, e = _inner(text, frag, para_end)
    return any(c.isalnum() for c in text[s:e])


def _continues(
    art: _Article, group: list[Fragment], last: Fragment, frag: Fragment, para: int
) -> bool:
    """Whether ``frag`` belongs to the quotation ``group`` ends with."""
    if last.para == para:
        return art.attribution_gap(last, frag)
    if last.close is not None or last.para != para - 1:
        return False
    p = art.paragraphs[para]
    if frag.open != p.start or frag is not p.fragments[0]:
        return False
    if not frag.marked:
        return True  # made a continuation by _unmarked_continuations
    # A paragraph that opens with a mark carries on a quotation the previous paragraph left
    # open. If it closes and is attributed on its own, it is only a continuation when the open
    # quotation was a full (direct) one; an unclosed partial quote was closed by the paragraph.
    if frag.close is None:
        return True
    return art.opens_sentence(group[0])


def _candidate(art: _Article, group: list[Fragment]) -> QuoteCandidate:
    text = art.text
    paras = art.paragraphs
    spans = tuple(_inner(text, f, paras[f.para].end) for f in group)
    marks = tuple(_mark_span(f, paras[f.para].end) for f in group)
    first, last = group[0], group[-1]
    direct = art.opens_sentence(first) and art.closes_sentence(last)
    kind: QuoteKind = "direct" if direct else "partial"
    end_pos = last.close + 1 if last.close is not None else paras[last.para].end
    sentence = (art.sentence_start(first.para, first.open), art.sentence_end(last.para, end_pos))
    speech = _speechlike(text, spans, first.open, end_pos, sentence, kind)
    return QuoteCandidate(spans, marks, kind, sentence, speech)
