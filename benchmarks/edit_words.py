"""Word lists the flag benchmark (drift_edits.py) builds its edits from.

Written for the benchmark from the sources named at each list, without looking at quotedrift's
own lists (quotedrift/lang/en/), so that the benchmark measures the detector against an outside
definition of each category instead of against itself.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Hedge cues as defined for the CoNLL-2010 shared task on hedge detection (Farkas et al. 2010,
# "The CoNLL-2010 Shared Task: Learning to Detect Hedges and their Scope in Natural Language
# Text", following the BioScope guidelines of Vincze et al. 2008): epistemic adverbs and
# adjectives, and the modal auxiliaries of possibility. Only cues whose removal or replacement
# leaves a grammatical sentence are used: adverbs are removed, modals replaced by "will",
# adjectives removed before their noun.
HEDGE_ADVERBS = _words(
    """allegedly apparently arguably conceivably likely maybe perhaps possibly potentially
    presumably probably purportedly putatively reportedly seemingly supposedly"""
)
HEDGE_MODALS = _words("may might could")
HEDGE_ADJECTIVES = _words("alleged possible potential probable putative suspected")
# Hedging verbs of the same cue lists, never edited (removing one breaks the sentence) but kept
# out of the stretches the elision edits remove.
HEDGE_VERBS = _words(
    """seem seems seemed appear appears appeared suggest suggests suggested indicate indicates
    believe believes think thinks"""
)

# Approximators, the hedges of quantity ("about 50"): Prince, Frader and Bosk (1982), "On
# hedging in physician-physician discourse", and Channell (1994), "Vague Language", ch. 3.
APPROXIMATORS = _words("about approximately around roughly nearly almost some")

# Negation cues as annotated in the SFU Review Corpus (Konstantinova et al. 2012, "A review
# corpus annotated for negation, speculation and their scope", guidelines section 3): adverbs,
# determiners, pronouns and conjunctions that negate, plus the contracted "n't".
NEGATION_CUES = _words(
    """not no never nothing nobody none nowhere neither nor without cannot lack lacks lacked
    lacking fail fails failed refuse refuses refused"""
)
NEGATION_REMOVABLE = _words("not never")

# Auxiliaries a "not" follows: the primary and modal auxiliaries of Quirk et al. (1985), "A
# Comprehensive Grammar of the English Language", 3.21-3.23.
AUXILIARIES = _words(
    """is are was were am will would can could shall should must do does did has have had"""
)

# Contractions and their full forms (Quirk et al. 1985, 3.23 and 3.36): the same words.
CONTRACTIONS = {
    "don't": "do not",
    "doesn't": "does not",
    "didn't": "did not",
    "isn't": "is not",
    "aren't": "are not",
    "wasn't": "was not",
    "weren't": "were not",
    "haven't": "have not",
    "hasn't": "has not",
    "won't": "will not",
    "wouldn't": "would not",
    "can't": "cannot",
    "couldn't": "could not",
    "shouldn't": "should not",
    "it's": "it is",
    "that's": "that is",
    "there's": "there is",
    "we're": "we are",
    "they're": "they are",
    "you're": "you are",
    "I'm": "I am",
    "we've": "we have",
    "they've": "they have",
    "I've": "I have",
    "we'll": "we will",
    "they'll": "they will",
    "I'll": "I will",
    "let's": "let us",
}

# Spoken reduced forms and their full forms (Carter and McCarthy 2006, "Cambridge Grammar of
# English", "Spoken language").
REDUCED_FORMS = {
    "going to": "gonna",
    "want to": "wanna",
    "got to": "gotta",
    "kind of": "kinda",
}

# British and American spellings (Merriam-Webster's and Oxford's entries for each pair; the
# classes -our/-or, -ise/-ize, -re/-er, -ence/-ense, -ogue/-og, doubled l).
SPELLING_PAIRS = {
    "authorized": "authorised",
    "organization": "organisation",
    "organizations": "organisations",
    "recognize": "recognise",
    "realize": "realise",
    "criticized": "criticised",
    "apologize": "apologise",
    "analyze": "analyse",
    "program": "programme",
    "defense": "defence",
    "offense": "offence",
    "color": "colour",
    "favor": "favour",
    "labor": "labour",
    "honor": "honour",
    "behavior": "behaviour",
    "neighbor": "neighbour",
    "center": "centre",
    "theater": "theatre",
    "catalog": "catalogue",
    "traveled": "travelled",
    "canceled": "cancelled",
    "toward": "towards",
    "percent": "per cent",
}

# Cardinal numbers in words, zero to ten, which news styles (AP, Reuters) write as words or
# digits depending on the house; ordinals, which the name edit leaves alone.
ORDINALS = _words("first second third fourth fifth sixth seventh eighth ninth tenth")
NUMBER_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
)  # fmt: skip

# Swear words newspapers print censored, and how (AP Stylebook, "obscenities, profanities,
# vulgarities": replace letters with hyphens or asterisks).
SWEAR_WORDS = _words("fuck fucking fucked shit damn bitch bastard hell crap")

# Words for the "words never said" edit: intensifying adverbs (Quirk et al. 1985, 8.104
# "amplifiers"), absent from most quotations.
NEW_WORDS = ("deliberately", "secretly", "absolutely", "tremendously", "brutally", "proudly")

# Surnames for the name swap, chosen to be unlike any in the corpus.
NEW_NAMES = ("Henderson", "Okafor", "Lindqvist", "Moreau", "Takahashi")

# Words written with a capital mid-sentence that are not names: the pronoun "I" and the closed
# classes of Quirk et al. (1985) that headline-style capitals give (a quotation rarely has them).
NOT_NAMES = _words(
    """I The A An And Or But Of In On At To For From By With As It We They He She You This That
    These Those Mr Mrs Ms Dr"""
)
