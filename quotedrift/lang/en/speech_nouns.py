"""Nouns for something said that stand for whoever owns them: "His response:", "Lee's reply".

Written by hand from English news usage. Documents ("statement", "letter", "tweet") are in
document_nouns.py; a possessive before either names the speaker.
"""

from __future__ import annotations

from quotedrift.lang.en.wordlist import words

SPEECH_NOUNS: frozenset[str] = words(
    "response reply answer retort message words explanation warning verdict"
)

# Possessive pronouns and the pronoun class (pronouns.py) of who they stand for.
POSSESSIVE_PRONOUNS: dict[str, str] = {"his": "m", "her": "f", "their": "n", "its": "o"}
