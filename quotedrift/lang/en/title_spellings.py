"""Abbreviated titles and the word they stand for, so that "the governor" finds "Gov. Ann Lee".

Written by hand from English news usage (AP style abbreviations of titles before a name).
"""

from __future__ import annotations

TITLE_SPELLINGS: dict[str, str] = {
    "gov.": "governor",
    "gov": "governor",
    "sen.": "senator",
    "sen": "senator",
    "rep.": "representative",
    "rep": "representative",
    "congressman": "representative",
    "congresswoman": "representative",
    "lt.": "lieutenant",
    "gen.": "general",
    "col.": "colonel",
    "capt.": "captain",
    "sgt.": "sergeant",
    "adm.": "admiral",
    "maj.": "major",
    "prof.": "professor",
    "pres.": "president",
    "supt.": "superintendent",
    "atty.": "attorney",
    "spokeswoman": "spokesperson",
    "spokesman": "spokesperson",
    "chairwoman": "chair",
    "chairman": "chair",
}
