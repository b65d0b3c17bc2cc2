"""Titles that tell a person's gender (for resolving "he" and "she").

Written by hand.
"""

from __future__ import annotations

FEMALE_TITLES = frozenset(
    {
        "ms.",
        "mrs.",
        "miss",
        "spokeswoman",
        "chairwoman",
        "congresswoman",
        "councilwoman",
        "queen",
        "princess",
        "lady",
        "madam",
    }
)


MALE_TITLES = frozenset(
    {"mr.", "spokesman", "chairman", "congressman", "councilman", "king", "prince", "sir", "lord"}
)
