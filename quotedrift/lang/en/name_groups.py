"""Names a rewrite may use for the same country or body, after normalisation.

Written by hand.
"""

from __future__ import annotations

# Aliases a rewrite may use for the same name; compared after normalisation.
NAME_GROUPS = (
    frozenset({"usa", "america", "american", "americans"}),
    frozenset({"uk", "britain", "british", "england"}),
    frozenset({"un"}),
)
