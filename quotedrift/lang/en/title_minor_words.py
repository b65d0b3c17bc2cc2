"""Words a title leaves lowercase ("The Art of the Deal").

Written by hand (English title case, with a few Romance particles).
"""

from __future__ import annotations

from quotedrift.lang.en.wordlist import words

MINOR_TITLE_WORDS = words("a an the of and or in on at to for with by from de la le del")
