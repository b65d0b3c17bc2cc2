"""Span questions answered from an index agree with asking pair by pair."""

from __future__ import annotations

import random

import pytest

from quotedrift.extraction.intervals import SpanIndex, nested

SPANS = [(10, 20), (15, 30), (40, 50)]

# span, overlaps one of SPANS, lies within one of SPANS
CASES = [
    ((0, 10), False, False),  # ends where the first starts: no shared character
    ((0, 11), True, False),
    ((12, 18), True, True),
    ((10, 20), True, True),  # one of them
    ((12, 25), True, False),  # across two, within neither
    ((15, 30), True, True),
    ((30, 40), False, False),  # between
    ((45, 60), True, False),
    ((50, 55), False, False),
    ((41, 41), True, True),  # empty, inside
]


@pytest.mark.parametrize(("span", "overlap", "covered"), CASES)
def test_index_cases(span: tuple[int, int], overlap: bool, covered: bool) -> None:
    index = SpanIndex(SPANS)
    assert index.overlaps(span) is overlap
    assert index.covers(span) is covered


def test_empty_index() -> None:
    assert not SpanIndex([]).overlaps((0, 5))
    assert not SpanIndex([]).covers((0, 5))


def test_nested_cases() -> None:
    spans = [(0, 100), (10, 20), (10, 20), (10, 100), (150, 160), (150, 170), (200, 210)]
    # (10, 20) twice is still within (0, 100); (10, 100) within (0, 100); identical spans alone
    # do not contain each other.
    assert nested(spans) == {(10, 20), (10, 100), (150, 160)}
    assert nested([(5, 9), (5, 9)]) == set()


def test_agree_with_pairwise_on_random_spans() -> None:
    rng = random.Random(7)
    for _ in range(300):
        spans = [_random_span(rng) for _ in range(rng.randint(0, 12))]
        index = SpanIndex(spans)
        for _ in range(20):
            q = _random_span(rng)
            assert index.overlaps(q) == any(q[0] < e and s < q[1] for s, e in spans)
            assert index.covers(q) == any(s <= q[0] and q[1] <= e for s, e in spans)
        assert nested(spans) == {
            a for a in spans if any(b != a and b[0] <= a[0] and a[1] <= b[1] for b in spans)
        }


def _random_span(rng: random.Random) -> tuple[int, int]:
    start = rng.randint(0, 60)
    return start, start + rng.randint(0, 25)
