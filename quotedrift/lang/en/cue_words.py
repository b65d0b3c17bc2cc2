"""Words near a quotation that show it is speech, not a title or a scare quote.

Written by hand.
"""

from __future__ import annotations

from quotedrift.lang.en.wordlist import words

CUE_WORDS = words(
    """said says say saying told tell tells telling added adds adding stated states wrote writes
    write writing tweeted tweets posted argued argues arguing insisted insists warned warns warning
    pledged pledges vowed vows promised promises promising claimed claims claiming asked asks
    replied replies responded explained explains noted notes declared declares announced announces
    acknowledged admitted admits described describes describing called calls calling calling
    according urged urges stressed stresses recalled suggested suggests continued joked complained
    predicted concluded conceded agreed denied blasted slammed criticized criticised praised
    remarked commented testified labeled labelled branded dismissed characterized quipped exclaimed
    shouted mocked echoed reiterated emphasized emphasised maintained contended asserted observed
    lamented boasted bragged accused charged demanded insisting cautioned hailed touted decried
    condemned described deemed termed referred referring dubbing statement interview speech
    remarks told tweet post letter memo email op-ed"""
)
