"""Words that negate what follows them.

Written by hand (closed English word class).
"""

from __future__ import annotations

NEGATORS = frozenset(
    {"not", "no", "never", "neither", "nor", "none", "nobody", "nothing", "nowhere", "noone"}
)
