"""Whether two full names are one name written two ways: a short and a full given name
('Mike'/'Michael', from the nicknames package's hand-curated list), or one letter apart in a long
word ('Micheal'/'Michael')."""

from __future__ import annotations

import functools

from nicknames import NickNamer
from rapidfuzz.distance import OSA


def spelling(a: tuple[str, ...], b: tuple[str, ...]) -> str | None:
    """How two folded full names (given ... surname) are one name written two ways: the short
    and full forms of one given name ('mike'/'michael'), or at most one letter apart in all (a
    letter added, dropped, changed, or two swapped) in a word of five letters or more, with the
    first letters of both words the same. None when they are not: 'jane adler' and 'john adler'
    are two people."""
    if len(a) != len(b) or len(a) < 2 or a == b:
        return None
    differing = [(k, x, y) for k, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if len(differing) != 1:
        return None
    k, x, y = differing[0]
    if k == 0 and short_form(x, y):
        return f"{x}/{y} short and full forms of one given name"
    if min(len(x), len(y)) < 5 or x[0] != y[0] or OSA.distance(x, y) != 1:
        return None
    return f"{x}/{y} one letter apart"


@functools.cache
def _given_name_forms() -> frozenset[tuple[str, str]]:
    """(full, short) given-name pairs ('michael', 'mike'), from the nicknames package's
    hand-curated list of English names."""
    lookup = NickNamer().nickname_lookup
    return frozenset((full, short) for full, shorts in lookup.items() for short in shorts)


def short_form(x: str, y: str) -> bool:
    """Whether one given name is a short form of the other."""
    forms = _given_name_forms()
    return (x, y) in forms or (y, x) in forms
