"""Words that hedge a claim ("allegedly", "may", "appears").

Written by hand from English news usage.
"""

from __future__ import annotations

HEDGES = frozenset(
    {
        "allegedly", "alleged", "reportedly", "possibly", "possible", "likely", "probably",
        "perhaps", "may", "might", "could", "apparently", "seemingly", "suspected", "purportedly",
        "supposedly", "presumably", "appears", "appear", "appeared", "seems", "seem", "seemed",
        "potentially", "potential", "maybe", "unconfirmed",
    }
)  # fmt: skip
