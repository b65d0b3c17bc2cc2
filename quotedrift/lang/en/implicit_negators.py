"""Words that negate without a negator ("lacks", "without", "refused").

Written by hand.
"""

from __future__ import annotations

# Words that negate without a negator; they only soften the comparison
# (see comparison/meaning_flags.py).
IMPLICIT_NEGATORS = frozenset(
    {
        "lack", "lacks", "lacked", "lacking", "without", "fail", "fails", "failed", "failing",
        "refuse", "refuses", "refused", "deny", "denies", "denied",
    }
)  # fmt: skip
