"""Questions about many character spans at once, in O(n log n) rather than pair by pair: a
scraped page can hold one paragraph with thousands of statements."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable

from quotedrift.records import Span


class SpanIndex:
    """Spans sorted by start, with the furthest end reached so far: whether a span overlaps
    any of them, or lies within one, in O(log n)."""

    def __init__(self, spans: Iterable[Span]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._reach = list(itertools.accumulate((e for _, e in ordered), max))

    def overlaps(self, span: Span) -> bool:
        """True when ``span`` overlaps one of the spans (shares a character with it)."""
        k = bisect.bisect_left(self._starts, span[1])  # the spans that start before it ends
        return k > 0 and self._reach[k - 1] > span[0]

    def covers(self, span: Span) -> bool:
        """True when ``span`` lies within one of the spans (or is one)."""
        k = bisect.bisect_right(self._starts, span[0])  # the spans that start at or before it
        return k > 0 and self._reach[k - 1] >= span[1]


def nested(spans: Iterable[Span]) -> set[Span]:
    """The spans that lie within another, different one of ``spans``."""
    out: set[Span] = set()
    reach = -1  # the furthest end among spans passed: each starts before, or ends after, this
    for span in sorted(set(spans), key=lambda s: (s[0], -s[1])):
        if reach >= span[1]:
            out.add(span)
        reach = max(reach, span[1])
    return out


class GrowingSpans:
    """Spans added as they are met; those overlapping a range found by bisection rather than
    by a pass over all of them."""

    def __init__(self) -> None:
        self._spans: list[Span] = []
        self._longest = 0

    def add(self, spans: Iterable[Span]) -> None:
        for span in spans:
            bisect.insort(self._spans, span)
            self._longest = max(self._longest, span[1] - span[0])

    def overlapping(self, span: Span) -> list[Span]:
        """The spans that share a character with ``span``, in order."""
        # Only a span starting at most ``_longest`` before ``span`` can reach into it; (x,)
        # sorts before every (x, end).
        lo = bisect.bisect_left(self._spans, (span[0] - self._longest,))
        hi = bisect.bisect_left(self._spans, (span[1],))
        return [s for s in self._spans[lo:hi] if s[1] > span[0]]
