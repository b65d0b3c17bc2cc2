"""Nouns through which their owner speaks: "the governor's office", "the Lee campaign".

A bare "the office" or "the campaign" later in the article stands for the one named before.
Written by hand from English news usage.
"""

from __future__ import annotations

from quotedrift.lang.en.wordlist import words

VOICE_NOUNS: frozenset[str] = words("office campaign team staff administration camp")
