"""Words before a quotation that show it names something (a film, a slogan) rather than quotes.

Written by hand.
"""

from __future__ import annotations

from quotedrift.lang.en.wordlist import words

NAMING_WORDS = words(
    """so-called known dubbed nicknamed named titled entitled film movie book novel song album show
    series play poem program programme slogan hashtag headline column documentary painting
    magazine newspaper brand operation code-named codenamed motto chant sign banner label term
    word phrase"""
)
