"""The parsed paragraphs of one article, addressed by article character offsets.

Extraction parses only the paragraphs that can hold speech (see ``extraction/article.py``); each
becomes a ``ParsedParagraph`` (its offset in the article and its spaCy Doc). ``ParsedText`` finds
the paragraph, sentence and tokens under an article offset, so attribution and reported speech can
work in article coordinates throughout.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quotedrift.records import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan


@dataclass(frozen=True)
class ParsedParagraph:
    """One parsed paragraph: ``doc`` covers ``text[offset : offset + len(doc.text)]``."""

    offset: int
    doc: Doc
    end: int  # offset + len(doc.text), kept because Doc.text is rebuilt on every access

    def start_of(self, tok: Token) -> int:
        """Article offset where ``tok`` starts."""
        return self.offset + tok.idx

    def end_of(self, tok: Token) -> int:
        """Article offset where ``tok`` ends."""
        return self.offset + tok.idx + len(tok.text)

    def extent(self, toks: Sequence[Token]) -> Span:
        """Article span from the first to the last of ``toks`` (in token order)."""
        first = min(toks, key=lambda t: t.i)
        last = max(toks, key=lambda t: t.i)
        return (self.start_of(first), self.end_of(last))


class ParsedText:
    """The parsed paragraphs of one article, in text order."""

    def __init__(self, paragraphs: Sequence[ParsedParagraph]) -> None:
        self.paragraphs = sorted(paragraphs, key=lambda p: p.offset)
        self._starts = [p.offset for p in self.paragraphs]

    def __iter__(self) -> Iterator[ParsedParagraph]:
        return iter(self.paragraphs)

    def index_at(self, pos: int) -> int | None:
        """Index of the paragraph holding article offset ``pos``, else None."""
        k = bisect.bisect_right(self._starts, pos) - 1
        if k >= 0 and pos < self.paragraphs[k].end:
            return k
        return None

    def at(self, pos: int) -> ParsedParagraph | None:
        """The paragraph holding article offset ``pos``, else None."""
        k = self.index_at(pos)
        return None if k is None else self.paragraphs[k]

    def overlapping(self, span: Span) -> list[ParsedParagraph]:
        """Paragraphs that overlap ``span``."""
        # Paragraphs do not overlap, so their ends rise with their starts: start from the last
        # one beginning at or before ``span`` and walk on while they begin inside it.
        k = max(0, bisect.bisect_right(self._starts, span[0]) - 1)
        out = []
        for p in self.paragraphs[k:]:
            if p.offset >= span[1]:
                break
            if span[0] < p.end:
                out.append(p)
        return out

    def sentences(self, span: Span) -> list[tuple[ParsedParagraph, SpacySpan]]:
        """The spaCy sentences overlapping ``span``, with their paragraphs, in text order."""
        out = []
        for para in self.overlapping(span):
            for sent in para.doc.sents:
                s, e = para.offset + sent.start_char, para.offset + sent.end_char
                if s < span[1] and span[0] < e:
                    out.append((para, sent))
        return out

    def previous_sentence(self, pos: int) -> tuple[ParsedParagraph, SpacySpan] | None:
        """The last sentence ending at or before ``pos`` in the same or the previous parsed
        paragraph."""
        k = self.index_at(pos)
        if k is None:
            k = bisect.bisect_right(self._starts, pos) - 1
            if k < 0:
                return None
        for j in (k, k - 1):
            if j < 0:
                continue
            para = self.paragraphs[j]
            best = None
            for sent in para.doc.sents:
                if para.offset + sent.end_char <= pos:
                    best = sent
            if best is not None and best.text.strip():
                return para, best
        return None
