"""Words other than speech verbs that show a nearby quotation is speech, not a title or a scare
quote: "according", verbs of naming and praise the verb lists leave out, and the nouns of what is
said ("statement", "interview").

Written by hand. ``extraction/cues.py`` adds every form of the speech verbs
(``speech_verbs.py``) and of the verbs whose object is attributed (``object_cue_verbs.py``).
"""

from __future__ import annotations

from quotedrift.lang.en.wordlist import words

CUE_WORDS = words(
    """according deemed dubbing hailed statement interview speech remarks tweet post letter memo
    email op-ed"""
)
