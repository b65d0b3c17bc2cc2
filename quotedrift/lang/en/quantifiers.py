"""Vague quantity words that state an amount in place of a number ("Ten people" -> "Several").

Written by hand from the indefinite quantifiers of the Cambridge Grammar of the English Language
(Huddleston & Pullum 2002, ch. 5 "Determinatives": several, many, few, numerous, various, countless)
and the plural number nouns used as amounts ("dozens", "hundreds", "scores"). A number replaced by
one of them is a different value; a number replaced by other words is rewording.
"""

from __future__ import annotations

from quotedrift.lang.en.wordlist import words

QUANTIFIERS: frozenset[str] = words(
    """several many few numerous various countless multiple dozens hundreds thousands millions
    billions scores handful"""
)
