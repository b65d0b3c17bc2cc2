"""Verbs of belief and intention, base forms; PolNeAR counts them as attributions.

Written by hand from English news usage; ``extraction/cues.py`` inflects them.
"""

from __future__ import annotations

# Verbs of belief and intention (PolNeAR counts them as attributions).
BELIEF_VERBS: tuple[str, ...] = (
    "believe",
    "think",
    "expect",
    "want",
    "hope",
    "plan",
    "fear",
    "feel",
    "know",
    "worry",
    "doubt",
    "suspect",
    "assume",
    "consider",
    "intend",
    "wish",
    "prefer",
    "reckon",
    "figure",
    "guess",
    "imagine",
    "trust",
    "understand",
    "realize",
    "realise",
    "see",
)
