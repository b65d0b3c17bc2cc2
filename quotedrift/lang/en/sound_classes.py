"""Letters that sound alike, for telling a name's spellings apart from another name.

Written by hand from the consonant classes of Soundex (Russell and Odell, US patents 1,261,167
(1918) and 1,435,663 (1922); as in the US National Archives' "The Soundex Indexing System"): b f p
v; c g j k q s x z; d t; l; m n; r. Vowels, h, w and y carry no class. Unlike Soundex, the first
letter is coded too, since transliterations differ there ("Gadhafi", "Qaddafi").
"""

from __future__ import annotations

SOUND_CLASSES: dict[str, str] = {
    **dict.fromkeys("bfpv", "1"),
    **dict.fromkeys("cgjkqsxz", "2"),
    **dict.fromkeys("dt", "3"),
    "l": "4",
    **dict.fromkeys("mn", "5"),
    "r": "6",
}
