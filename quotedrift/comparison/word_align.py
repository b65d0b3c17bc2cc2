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
    # cost[i][j][s]: cheapest way to have consumed i original and j version words in state s.
    cost = [[[_INF] * 3 for _ in range(m + 1)] for _ in range(n + 1)]
    back: list[list[list[tuple[int, int, int, Op] | None]]] = [
        [[None] * 3 for _ in range(m + 1)] for _ in range(n + 1)
    ]
    cost[0][0][_LEAD] = 0

    def relax(i: int, j: int, s: int, c: int, prev: tuple[int, int, int, Op]) -> None:
        if c < cost[i][j][s]:
            cost[i][j][s] = c
            back[i][j][s] = prev

    for i in range(n + 1):
        boundary_next = i + 1 < n and segments[i + 1] != segments[i] if i < n else False
        for j in range(m + 1):
            for s in (_LEAD, _IN, _TAIL):
                c = cost[i][j][s]
                if c >= _INF:
                    continue
                if i < n:
                    # after the last word of a segment, the next one starts afresh
                    nxt_in = _LEAD if boundary_next else _IN
                    nxt_tail = _LEAD if boundary_next else _TAIL
                    if j < m and s != _TAIL:
                        same = onorm[i] == vnorm[j]
                        relax(i + 1, j + 1, nxt_in, c + (KEEP if same else REPLACE),
                              (i, j, s, "keep" if same else "replace"))  # fmt: skip
                    if s == _LEAD:
                        relax(i + 1, j, _LEAD, c, (i, j, s, "trim"))
                    elif s == _IN:
                        # An ellipsis, or the version's quotation marks closing and opening
                        # again, shows that words were left out before this version word.
                        elided = j < m and (version[j].ellipsis_before or version[j].fragment_start)
                        relax(i + 1, j, nxt_in, c + (ELIDED if elided else DROP),
                              (i, j, s, "drop"))  # fmt: skip
                        relax(i + 1, j, nxt_tail, c, (i, j, s, "trim"))
                    else:
                        relax(i + 1, j, nxt_tail, c, (i, j, s, "trim"))
                if j < m:
                    relax(i, j + 1, s, c + INSERT, (i, j, s, "insert"))

    end_state = min((_LEAD, _IN, _TAIL), key=lambda s: cost[n][m][s])
    steps: list[Step] = []
    i, j, s = n, m, end_state
    while (i, j) != (0, 0):
        prev = back[i][j][s]
        if prev is None:  # unreachable: every cell reached is reached from (0, 0)
            raise AssertionError("alignment backtrack lost its way")
        pi, pj, ps, op = prev
        steps.append(Step(op, pi if pi != i else None, pj if pj != j else None))
        i, j, s = pi, pj, ps
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
