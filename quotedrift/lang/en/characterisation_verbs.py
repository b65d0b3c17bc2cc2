"""Verbs of characterisation, base forms: the subject judges or names something, and the words
in quotation marks after the verb are the subject's ("mocked the senator as 'a farmer'",
"decrying the 'reckless' plan", "praised them for their 'courage'").

Written by hand from the members of three VerbNet 3 classes that news writing uses around quoted
words: judgement-33 (praise, condemn, decry, deride, mock, ridicule ...), characterize-29.2
(depict, portray, cast, hail ...) and dub-29.3 (dub, name, nickname, style); with deem and
declare's kin from declare-29.4, the news verbs of attack and dismissal (slam, blast, knock,
dismiss, dispute, refer to ... as) that VerbNet files elsewhere, order from order-60 (the words
of an order after it) and three verbs whose object is an utterance (offer, express, voice).
Verbs already in ``speech_verbs`` (call, brand, label, term, describe, characterize, accuse,
charge) are left there; ``extraction/cues.py`` inflects these.
"""

from __future__ import annotations

# Only read where a partial quotation sits in what follows the verb (its object, "as ...",
# "of ...", "for ..."): the words in front of it, the subject's own, are never attributed.
CHARACTERISATION_VERBS: tuple[str, ...] = (
    # dub-29.3
    "dub",
    "name",
    "nickname",
    "style",
    # characterize-29.2
    "depict",
    "portray",
    "cast",
    "paint",
    "hail",
    "regard",
    # declare-29.4
    "deem",
    # judgement-33
    "praise",
    "laud",
    "extol",
    "applaud",
    "commend",
    "salute",
    "condemn",
    "decry",
    "denounce",
    "deride",
    "ridicule",
    "mock",
    "scorn",
    "criticize",
    "criticise",
    "castigate",
    "chastise",
    "rebuke",
    "reproach",
    "scold",
    "upbraid",
    "assail",
    "attack",
    "lambaste",
    "excoriate",
    "vilify",
    "disparage",
    "denigrate",
    "blame",
    "fault",
    "thank",
    # news verbs of attack and dismissal
    "slam",
    "blast",
    "knock",
    "dismiss",
    "dispute",
    "refer",
    # order-60: 'ordered flags flown "as a mark of respect"'
    "order",
    # an utterance as the object (UTTERANCE_VERBS)
    "offer",
    "express",
    "voice",
)

# Verbs whose object is itself words: a quotation that is their whole object ('offered "warm
# wishes"', 'voiced "serious doubts"') is what the subject said, where the whole object of the
# other verbs names what is judged ('blamed "progressivism"'): a term.
UTTERANCE_VERBS: frozenset[str] = frozenset({"offer", "express", "voice"})
