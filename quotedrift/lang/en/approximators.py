"""Words and phrases that hedge a number ("about 50", "up to 300").

Written by hand.
"""

from __future__ import annotations

# Approximators hedge only when a number follows ("about 50", "up to 300", "as many as 10").
APPROXIMATORS = frozenset(
    {"about", "around", "approximately", "roughly", "nearly", "almost", "some", "estimated",
     "circa"}
)  # fmt: skip


APPROXIMATOR_PHRASES = (
    ("up", "to"),
    ("as", "many", "as"),
    ("as", "much", "as"),
    ("an", "estimated"),
)
