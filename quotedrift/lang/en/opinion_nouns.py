"""Nouns of opinion or claim whose content is their owner's words: "Lee's view that ...".

A quotation inside what such a noun says ("Lee's claim that the plan was 'reckless'", "Lee's
comments about the 'witch hunt'") is the owner's, whoever the sentence is about. Speech nouns
(speech_nouns.py) and documents (document_nouns.py) count too. Written by hand from English news
usage.
"""

from __future__ import annotations

from quotedrift.lang.en.wordlist import words

OPINION_NOUNS: frozenset[str] = words(
    """
    opinion opinions view views claim claims assertion assertions argument arguments belief
    contention assessment allegation allegations accusation accusations charge insistence
    conclusion conclusions description characterization characterisation criticism complaints
    """
)
