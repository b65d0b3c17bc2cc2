"""Countries and capitals that speak as bodies ("China said", "the United States said").

Written by hand; lowercase.
"""

from __future__ import annotations

from quotedrift.lang.en.wordlist import words

# Countries and places that speak as bodies ("China said", "the United States said").
GPE_WORDS: frozenset[str] = words(
    """
    china russia iran israel france germany britain japan india pakistan mexico canada
    ukraine syria iraq turkey egypt cuba venezuela taiwan korea america u.s. us usa uk
    u.k. states kingdom nations beijing moscow washington tehran kremlin brussels
    pyongyang seoul tokyo london paris berlin
    """
) | frozenset(
    {
        "united states",
        "united kingdom",
        "united nations",
        "north korea",
        "south korea",
        "european union",
        "saudi arabia",
        "white house",
    }
)
