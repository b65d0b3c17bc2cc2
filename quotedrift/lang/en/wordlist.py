"""How the word lists in this package are written: whitespace-separated text reads best."""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """The words of ``text``, split on whitespace."""
    return frozenset(text.split())
