"""Cue-verb lexicon and the textual patterns that introduce speech.

The spaCy pipeline runs without its lemmatizer (it doubles parsing speed), so the lexicon lists
inflected forms itself: ``SPEECH_FORMS`` maps every form ("said", "says", "saying", "tweeted") to
its base verb. Two families are kept apart because they behave differently:

- speech verbs (say, tell, add, warn, tweet...) introduce direct and reported speech;
- belief/intention verbs (believe, think, expect, want...) only introduce reported content, and
  PolNeAR counts them as attributions while an editor may not; extraction decides whether to use
  them (see ``extraction.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Verbs that introduce speech ("X said", "X told reporters", "X warned that").
SPEECH_VERBS: tuple[str, ...] = (
    "say",
    "tell",
    "add",
    "state",
    "note",
    "stress",
    "pledge",
    "echo",
    "claim",
    "insist",
    "write",
    "tweet",
    "warn",
    "explain",
    "argue",
    "announce",
    "report",
    "declare",
    "reply",
    "respond",
    "continue",
    "acknowledge",
    "admit",
    "concede",
    "confirm",
    "deny",
    "assert",
    "suggest",
    "emphasize",
    "emphasise",
    "underscore",
    "underline",
    "recall",
    "predict",
    "promise",
    "vow",
    "maintain",
    "contend",
    "allege",
    "observe",
    "remark",
    "comment",
    "caution",
    "reiterate",
    "repeat",
    "conclude",
    "complain",
    "lament",
    "boast",
    "joke",
    "quip",
    "retort",
    "counter",
    "shout",
    "yell",
    "scream",
    "whisper",
    "testify",
    "recount",
    "describe",
    "call",
    "ask",
    "urge",
    "mention",
    "point",
    "post",
    "reveal",
    "disclose",
    "indicate",
    "estimate",
    "charge",
    "accuse",
    "assure",
    "reassure",
    "inform",
    "notify",
    "concur",
    "agree",
    "tout",
    "proclaim",
    "pronounce",
    "propose",
    "demand",
    "question",
    "wonder",
    "speculate",
    "muse",
    "acknowledge",
    "chime",
    "interject",
    "begin",
    "sing",
    "read",
    "recite",
    "relay",
    "convey",
    "hint",
    "signal",
    "advise",
    "threaten",
    "predict",
    "forecast",
    "opine",
    "conclude",
    "clarify",
    "elaborate",
    "highlight",
    "stipulate",
    "specify",
    "swear",
    "guarantee",
    "certify",
    "brag",
    "protest",
    "plead",
    "beg",
    "cry",
    "exclaim",
    "mutter",
    "murmur",
    "snap",
    "sigh",
    "laugh",
    "rule",
    "find",
    "show",
    "learn",
)

# Verbs of belief and intention (PolNeAR counts them as attributions).
BELIEF_VERBS: tuple[str, ...] = (
    "believe",
    "think",
    "expect",
    "want",
    "hope",
    "plan",
    "fear",
    "feel",
    "know",
    "worry",
    "doubt",
    "suspect",
    "assume",
    "consider",
    "intend",
    "wish",
    "prefer",
    "reckon",
    "figure",
    "guess",
    "imagine",
    "trust",
    "understand",
    "realize",
    "realise",
    "see",
)

# Irregular and doubled-consonant forms; everything else is inflected by rule.
_IRREGULAR: dict[str, tuple[str, ...]] = {
    "say": ("says", "said", "saying"),
    "tell": ("tells", "told", "telling"),
    "write": ("writes", "wrote", "written", "writing"),
    "read": ("reads", "read", "reading"),
    "think": ("thinks", "thought", "thinking"),
    "know": ("knows", "knew", "known", "knowing"),
    "feel": ("feels", "felt", "feeling"),
    "see": ("sees", "saw", "seen", "seeing"),
    "find": ("finds", "found", "finding"),
    "show": ("shows", "showed", "shown", "showing"),
    "understand": ("understands", "understood", "understanding"),
    "begin": ("begins", "began", "begun", "beginning"),
    "sing": ("sings", "sang", "sung", "singing"),
    "swear": ("swears", "swore", "sworn", "swearing"),
    "learn": ("learns", "learned", "learnt", "learning"),
    "forecast": ("forecasts", "forecast", "forecasted", "forecasting"),
    "cry": ("cries", "cried", "crying"),
    "reply": ("replies", "replied", "replying"),
    "deny": ("denies", "denied", "denying"),
    "testify": ("testifies", "testified", "testifying"),
    "certify": ("certifies", "certified", "certifying"),
    "clarify": ("clarifies", "clarified", "clarifying"),
    "specify": ("specifies", "specified", "specifying"),
    "notify": ("notifies", "notified", "notifying"),
    "worry": ("worries", "worried", "worrying"),
    "snap": ("snaps", "snapped", "snapping"),
    "plan": ("plans", "planned", "planning"),
    "admit": ("admits", "admitted", "admitting"),
    "concur": ("concurs", "concurred", "concurring"),
    "quip": ("quips", "quipped", "quipping"),
    "plead": ("pleads", "pleaded", "pled", "pleading"),
    "beg": ("begs", "begged", "begging"),
    "brag": ("brags", "bragged", "bragging"),
    "echo": ("echoes", "echoed", "echoing"),
    "figure": ("figures", "figured", "figuring"),
}

_VOWELS = set("aeiou")


def inflections(verb: str) -> tuple[str, ...]:
    """Every form of a regular or listed irregular English verb, the base form first."""
    if verb in _IRREGULAR:
        return (verb, *_IRREGULAR[verb])
    if verb.endswith("e"):
        return (verb, verb + "s", verb + "d", verb[:-1] + "ing")
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        return (verb, verb + "es", verb + "ed", verb + "ing")
    if verb.endswith("y") and verb[-2] not in _VOWELS:
        return (verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing")
    return (verb, verb + "s", verb + "ed", verb + "ing")


def _form_table(verbs: Iterable[str]) -> dict[str, str]:
    table: dict[str, str] = {}
    for verb in verbs:
        for form in inflections(verb):
            table.setdefault(form, verb)
    return table


SPEECH_FORMS: dict[str, str] = _form_table(SPEECH_VERBS)
BELIEF_FORMS: dict[str, str] = _form_table(BELIEF_VERBS)

# Verbs that attribute only with a particular complement: "call" attributes in "called it a
# disaster" / "called for", but not in "called the police"; "point" needs "out"/"to"; "show",
# "find", "learn", "rule", "read" mostly describe things that are not speech. These are only
# accepted as cues when a quotation or a clausal complement hangs on them.
WEAK_SPEECH: frozenset[str] = frozenset(
    {
        "call",
        "ask",
        "point",
        "post",
        "show",
        "find",
        "learn",
        "rule",
        "read",
        "sing",
        "begin",
        "continue",
        "describe",
        "charge",
        "accuse",
        "question",
        "demand",
        "propose",
        "signal",
        "laugh",
        "sigh",
        "snap",
        "cry",
        "advise",
        "threaten",
        "agree",
        "hint",
        "mention",
        "observe",
        "counter",
        "repeat",
        "relay",
        "convey",
        "inform",
        "notify",
        "respond",
    }
)

# Strong cues accepted on their own in any position ("X said", "said X", "X added").
STRONG_SPEECH: frozenset[str] = frozenset(set(SPEECH_VERBS) - WEAK_SPEECH)


def speech_base(word: str) -> str | None:
    """The base speech verb for an inflected form ("told" -> "tell"), else None."""
    return SPEECH_FORMS.get(word.lower())


def belief_base(word: str) -> str | None:
    """The base belief/intention verb for an inflected form ("expects" -> "expect"), else None."""
    return BELIEF_FORMS.get(word.lower())


def is_strong_cue(word: str) -> bool:
    """True for a form of a speech verb that attributes on its own ("said", "warned")."""
    base = speech_base(word)
    return base is not None and base in STRONG_SPEECH


# Words and phrases that mark a paragraph as worth parsing: any cue form, "according to",
# a colon or a dash attribution. Used to parse selectively.
_CUE_WORDS = sorted(set(SPEECH_FORMS) | set(BELIEF_FORMS), key=len, reverse=True)
CUE_WORD_RE = re.compile(r"\b(?:" + "|".join(map(re.escape, _CUE_WORDS)) + r")\b", re.IGNORECASE)
ACCORDING_RE = re.compile(r"\baccording\s+to\b", re.IGNORECASE)
# A dash attribution on its own line ('— Editorial Board'), or right after the closing mark on the
# same line ('..." ― Sonya Herridge'): em dash, en dash, horizontal bar or double hyphen.
DASH_LINE_RE = re.compile(
    r"^[ \t]*(?:—|–|―|--)[ \t]*(?P<who>[A-Z][^\n]{0,80}?)[ \t.]*$", re.MULTILINE
)
DASH_AFTER_RE = re.compile(
    r"[ \t]*(?:\n[ \t\n]*)?(?P<dash>—|–|―|--)[ \t]*(?P<who>[A-Z][^\n]{0,80}?)[ \t.]*$",
    re.MULTILINE,
)


def has_cue_word(text: str) -> bool:
    """True when ``text`` holds any cue form or "according to" (cheap pre-parse filter)."""
    return CUE_WORD_RE.search(text) is not None or ACCORDING_RE.search(text) is not None
