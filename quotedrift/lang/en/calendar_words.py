"""Days, months and relative days: proper nouns to the tagger that never speak.

Written by hand.
"""

from __future__ import annotations

from quotedrift.lang.en.wordlist import words

# Proper nouns that never speak (the tagger marks days and months NNP).
CALENDAR_WORDS = words(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december jan. feb. aug. sept. oct. nov.
    dec. today tonight"""
)
