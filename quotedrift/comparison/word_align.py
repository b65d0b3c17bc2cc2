"""Word-level alignment of a quotation's version to its original(s).

A semi-global edit-distance alignment (QUOTUS): the version is aligned in full, while each original
segment may be trimmed at both ends for free, because a version may quote an excerpt of each
original it merges. Inside a segment, skipped original words cost like any other edit, which is what
makes a mid-quote removal visible as an elision.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from rapidfuzz.distance import Levenshtein

from quotedrift.comparison.normalise import Token
from quotedrift.lang.en.function_words import FUNCTION_WORDS

Op = Literal["keep", "replace", "drop", "insert", "trim"]

# States of the dynamic programme within the current original segment.
_LEAD, _IN, _TAIL = 0, 1, 2
_INF = 1 << 30
_OPS: tuple[Op, ...] = ("keep", "replace", "drop", "insert", "trim")
_KEEP, _REPLACE, _DROP, _INSERT, _TRIM = range(5)
# Integer costs. A kept word earns a reward: otherwise trimming an original's head and inserting
# the version's words costs the same as keeping them and dropping a few, and the alignment drifts
# to the former. Dropping is much cheaper than replacing so that a removal mid-quote stays a
# removal ("It's not a campaign anymore, it's a movement" -> "It's not a movement" drops five
# words rather than replacing "campaign" with "movement" and trimming the rest).
# Inserting costs more than replacing, so that "Ten people" -> "Several people" at the edge of an
# excerpt reads as a replacement, not a free trim plus an insertion. An ellipsis in the version, or
# a new quoted fragment, licenses the gap before it.
KEEP, REPLACE, DROP, INSERT, ELIDED = -8, 8, 3, 10, 0


@dataclass(frozen=True)
class Step:
    """One step of an alignment: ``trim`` is an original word outside the quoted excerpt."""

    op: Op
    original: int | None  # index into the original tokens
    version: int | None  # index into the version tokens


def align(
    original: Sequence[Token], segments: Sequence[int], version: Sequence[Token]
) -> list[Step]:
    """The cheapest alignment of ``version`` against ``original``.

    original: the original tokens, all segments concatenated; segments: the segment number of each
    original token (same length). Costs as set out at KEEP; original words before the first or
    after the last aligned word of a segment are trimmed for free. Returns the steps in text
    order.
    """
    n, m = len(original), len(version)
    onorm = [t.norm for t in original]
    vnorm = [t.norm for t in version]
    quoted = _contiguous_in_segment(onorm, segments, vnorm)
    if quoted is not None:
        return _excerpt_steps(n, m, quoted)
    # cost[k], k = (i * (m + 1) + j) * 3 + s: cheapest way to have consumed i original and j
    # version words in state s; back[k] = previous k * 8 + the step's op. Flat lists with the
    # relaxations written out: this loop is most of drift's time on a large folder.
    width = (m + 1) * 3
    cost = [_INF] * ((n + 1) * width)
    back = [-1] * len(cost)
    cost[0] = 0
    elided = [t.ellipsis_before or t.fragment_start for t in version]
    for i in range(n + 1):
        row = i * width
        below = row + width
        if i < n:
            # after the last word of a segment, the next one starts afresh
            boundary_next = i + 1 < n and segments[i + 1] != segments[i]
            nxt_in = _LEAD if boundary_next else _IN
            nxt_tail = _LEAD if boundary_next else _TAIL
            word = onorm[i]
        for j in range(m + 1):
            for s in (_LEAD, _IN, _TAIL):
                k = row + j * 3 + s
                c = cost[k]
                if c >= _INF:
                    continue
                if i < n:
                    down = below + j * 3
                    if j < m and s != _TAIL:
                        t = down + 3 + nxt_in
                        cc, op = (c + KEEP, _KEEP) if word == vnorm[j] else (c + REPLACE, _REPLACE)
                        if cc < cost[t]:
                            cost[t], back[t] = cc, k * 8 + op
                    if s == _IN:
                        # An ellipsis, or the version's quotation marks closing and opening
                        # again, shows that words were left out before this version word.
                        t = down + nxt_in
                        cc = c + (ELIDED if j < m and elided[j] else DROP)
                        if cc < cost[t]:
                            cost[t], back[t] = cc, k * 8 + _DROP
                    t = down + (_LEAD if s == _LEAD else nxt_tail)
                    if c < cost[t]:
                        cost[t], back[t] = c, k * 8 + _TRIM
                if j < m:
                    t = k + 3
                    if c + INSERT < cost[t]:
                        cost[t], back[t] = c + INSERT, k * 8 + _INSERT

    last = n * width + m * 3
    end_state = min((_LEAD, _IN, _TAIL), key=lambda s: cost[last + s])
    steps: list[Step] = []
    k = last + end_state
    while k >= 3:  # (i, j) != (0, 0)
        if back[k] < 0:  # unreachable: every cell reached is reached from (0, 0)
            raise AssertionError("alignment backtrack lost its way")
        prev, op = divmod(back[k], 8)
        i, j = divmod(k // 3, m + 1)
        pi, pj = divmod(prev // 3, m + 1)
        steps.append(Step(_OPS[op], pi if pi != i else None, pj if pj != j else None))
        k = prev
    steps.reverse()
    steps = _release_edge(steps, original)
    return list(reversed(_release_edge(list(reversed(steps)), original)))


def _contiguous_in_segment(
    onorm: Sequence[str], segments: Sequence[int], vnorm: Sequence[str]
) -> int | None:
    """Where the version's words first stand, all of them in order, inside one segment of the
    original: the cheapest alignment is then known (every word kept, the rest trimmed), and a
    verbatim copy or a trimmed excerpt of a long original needs no dynamic programme."""
    m = len(vnorm)
    if not m or m > len(onorm):
        return None
    first = vnorm[0]
    for start in range(len(onorm) - m + 1):
        if (
            onorm[start] == first
            and segments[start] == segments[start + m - 1]
            and list(onorm[start : start + m]) == list(vnorm)
        ):
            return start
    return None


def _excerpt_steps(n: int, m: int, start: int) -> list[Step]:
    steps = [Step("trim", i, None) for i in range(start)]
    steps += [Step("keep", start + j, j) for j in range(m)]
    steps += [Step("trim", i, None) for i in range(start + m, n)]
    return steps


# At most this many function words kept at an edge, beyond a gap, are taken for chance.
_EDGE_ISLAND = 2


def _release_edge(steps: list[Step], original: Sequence[Token]) -> list[Step]:
    """Trim a chance match at the end of the alignment.

    A version that ends "... reduced while the checks went on" keeps the far-away "on" of the
    original's "depend on", and everything between ("No route will close ...") becomes replaced
    words inside the excerpt, where a negator then counts as removed. When the last kept run is
    only a function word or two, and before it stand at least two original words that were not
    kept, while the version has words of its own there, those original words lie outside the
    excerpt and the version's words there are inserted.
    """
    end = len(steps)
    while end and steps[end - 1].op == "trim":
        end -= 1
    island = end
    while island and steps[island - 1].op == "keep":
        island -= 1
    kept = [steps[k].original for k in range(island, end)]
    if not kept or len(kept) > _EDGE_ISLAND:
        return steps
    if any(i is None or original[i].norm not in FUNCTION_WORDS for i in kept):
        return steps
    gap = island
    while gap and steps[gap - 1].op not in ("keep", "trim"):
        gap -= 1
    between = steps[gap:island]
    # Only words dropped (no version words between) is an elision, which must stay visible.
    if gap == 0 or sum(st.original is not None for st in between) < 2:
        return steps
    if not any(st.version is not None for st in between):
        return steps
    inserts = [Step("insert", None, st.version) for st in steps[gap:end] if st.version is not None]
    trims = [Step("trim", st.original, None) for st in steps[gap:end] if st.original is not None]
    return steps[:gap] + inserts + trims + steps[end:]


def levenshtein(a: Sequence[str], b: Sequence[str]) -> int:
    """Word edit distance (insert, delete, substitute: 1 each) between two word sequences."""
    return int(Levenshtein.distance(a, b))
