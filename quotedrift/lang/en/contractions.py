"""Contraction endings and the stems "n't" changes ("won't" -> will not).

Written by hand (closed English set).
"""

from __future__ import annotations

CONTRACTIONS = {
    "n't": "not",
    "'s": "'s",
    "'re": "are",
    "'ve": "have",
    "'ll": "will",
    "'d": "would",
    "'m": "am",
}


NT_STEMS = {"ca": "can", "wo": "will", "sha": "shall", "ai": "is"}
