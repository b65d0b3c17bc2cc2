"""Collective nouns that name no one in particular ("prosecutors", "authorities").

Written by hand.
"""

from __future__ import annotations

# Collective nouns that name no one in particular: "prosecutors", "authorities", "a statement".
# Extraction may call them organisations; here they are roles, which alignment may name.
GENERIC_HEADS = frozenset(
    (
        "authorities", "officials", "official", "prosecutors", "investigators", "police",
        "sources", "source", "statement", "report", "reports", "analysts", "experts", "critics",
        "observers", "diplomats", "lawmakers", "aides", "spokesperson", "spokesman",
        "spokeswoman", "spokespeople", "insiders", "people", "residents", "witnesses",
    )
)  # fmt: skip
