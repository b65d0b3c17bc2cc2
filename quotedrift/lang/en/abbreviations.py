"""Abbreviations written with a dot, lowercase and without their final dot.

Written by hand (English titles, months, company and place abbreviations).
"""

from __future__ import annotations

from quotedrift.lang.en.wordlist import words

SENTENCE_ABBREVIATIONS = words(
    "mr mrs ms dr prof sen rep gov gen lt col sgt capt cmdr adm maj st jr sr rev hon pres supt "
    "insp det atty u.s u.k u.n e.u d.c inc corp co ltd bros no vs etc jan feb mar apr jun jul "
    "aug sep sept oct nov dec mt ft ave blvd fig approx dept univ assn"
)


TITLE_ABBREVIATIONS = words(
    "mr mrs ms dr prof rep sen gov gen lt col capt sgt st jr sr inc co corp ltd no vs rev hon"
    " pres supt insp det adm cmdr maj"
)
