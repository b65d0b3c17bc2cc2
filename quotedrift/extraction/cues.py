"""Cue-verb lexicon and the textual patterns that introduce speech.

The spaCy pipeline runs without its lemmatizer (it doubles parsing speed), so the lexicon lists
inflected forms itself (``lang/en/verb_forms.py``, generated from lemminflect): ``SPEECH_FORMS``
maps every form ("said", "says", "saying", "tweeted") to its base verb. Three families are kept
apart because they behave differently:

- speech verbs (say, tell, add, warn, tweet...) introduce direct and reported speech;
- belief/intention verbs (believe, think, expect, want...) only introduce reported content, and
  PolNeAR counts them as attributions while an editor may not; extraction decides whether to use
  them (see ``extraction/article.py``);
- verbs of characterisation (praise, decry, mock, dub...) attribute only a partial quotation in
  what follows them ("decrying the 'reckless' plan").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from quotedrift.lang.en.belief_verbs import BELIEF_VERBS
from quotedrift.lang.en.characterisation_verbs import CHARACTERISATION_VERBS
from quotedrift.lang.en.cue_words import CUE_WORDS
from quotedrift.lang.en.learned_frames import LEARNED_FRAMES_TEXT
from quotedrift.lang.en.object_cue_verbs import OBJECT_CUES
from quotedrift.lang.en.speech_verbs import SPEECH_VERBS
from quotedrift.lang.en.verb_forms import VERB_FORMS
from quotedrift.lang.en.weak_speech_verbs import WEAK_SPEECH


def inflections(verb: str) -> tuple[str, ...]:
    """Every form of a cue verb, the base form first and the rest sorted ("stress", "stressed",
    "stresses", "stressing"). Raises KeyError for a verb the cue lists do not hold."""
    return VERB_FORMS[verb]


def _form_table(verbs: Iterable[str]) -> dict[str, str]:
    table: dict[str, str] = {}
    for verb in verbs:
        for form in inflections(verb):
            table.setdefault(form, verb)
    return table


SPEECH_FORMS: dict[str, str] = _form_table(SPEECH_VERBS)
BELIEF_FORMS: dict[str, str] = _form_table(BELIEF_VERBS)
# Not speech on their own ("praised the firefighters"), so kept out of the scanner's cue words:
# they attribute only the partial quotation that follows them (``speakers``).
CHARACTERISATION_FORMS: dict[str, str] = _form_table(CHARACTERISATION_VERBS)


# Words near a quotation that show it is speech (the quotation scanner's test): every form of a
# speech verb or of a verb whose object is attributed, and the nouns and phrases of cue_words.py.
QUOTATION_CUES: frozenset[str] = (
    frozenset(SPEECH_FORMS) | frozenset(_form_table(OBJECT_CUES)) | CUE_WORDS
)

# Strong cues accepted on their own in any position ("X said", "said X", "X added").
STRONG_SPEECH: frozenset[str] = frozenset(set(SPEECH_VERBS) - WEAK_SPEECH)


def speech_base(word: str) -> str | None:
    """The base speech verb for an inflected form ("told" -> "tell"), else None."""
    return SPEECH_FORMS.get(word.lower())


def belief_base(word: str) -> str | None:
    """The base belief/intention verb for an inflected form ("expects" -> "expect"), else None."""
    return BELIEF_FORMS.get(word.lower())


def characterisation_base(word: str) -> str | None:
    """The base verb of characterisation for an inflected form ("decried" -> "decry"), else
    None."""
    return CHARACTERISATION_FORMS.get(word.lower())


def is_strong_cue(word: str) -> bool:
    """True for a form of a speech verb that attributes on its own ("said", "warned")."""
    base = speech_base(word)
    return base is not None and base in STRONG_SPEECH


# Frames PolNeAR annotates at least this often. 0.6 would give more recall at precision >= 0.80
# (dev 0.826 / 0.439, train 0.816 / 0.419; 0.75: dev 0.856 / 0.361) but the frames it adds are
# mostly intentions ("plans to publish ..."), which an editor does not count as statements.
LEARNED_MIN_PRECISION = 0.75


def _learned_frames(min_precision: float) -> frozenset[tuple[str, str]]:
    out = set()
    for word in LEARNED_FRAMES_TEXT.split():
        form, shape, counts = word.split(":")
        hits, total = (int(x) for x in counts.split("/"))
        if hits / total >= min_precision:
            out.add((form, "clause" if shape == "c" else "object"))
    return frozenset(out)


LEARNED_FRAMES = _learned_frames(LEARNED_MIN_PRECISION)


def learned_frames(min_precision: float = LEARNED_MIN_PRECISION) -> frozenset[tuple[str, str]]:
    """The (verb form, shape) pairs whose train precision is at least ``min_precision``."""
    if min_precision == LEARNED_MIN_PRECISION:
        return LEARNED_FRAMES
    return _learned_frames(min_precision)


# Words and phrases that mark a paragraph as worth parsing: any cue form, "according to",
# a colon or a dash attribution. Used to parse selectively.
_CUE_WORDS = sorted(
    set(SPEECH_FORMS) | set(BELIEF_FORMS) | {form for form, _ in _learned_frames(0.0)},
    key=len,
    reverse=True,
)
CUE_WORD_RE = re.compile(r"\b(?:" + "|".join(map(re.escape, _CUE_WORDS)) + r")\b", re.IGNORECASE)
ACCORDING_RE = re.compile(r"\baccording\s+to\b", re.IGNORECASE)
# A dash attribution on its own line ('— Editorial Board'), or right after the closing mark on the
# same line ('..." ― Sonya Herridge'): em dash, en dash, horizontal bar or double hyphen.
# Spaces are any but the newline: web copy puts no-break spaces around the dash ('" ―\xa0Name').
DASH_LINE_RE = re.compile(
    r"^[^\S\n]*(?:—|–|―|--)[^\S\n]*(?P<who>[A-Z][^\n]{0,80}?)[^\S\n.]*\.?[^\S\n]*$",
    re.MULTILINE,
)
DASH_AFTER_RE = re.compile(
    r"[^\S\n]*(?:\n\s*)?(?P<dash>—|–|―|--)[^\S\n]*(?P<who>[A-Z][^\n]{0,80}?)"
    r"[^\S\n]*\.?[^\S\n]*$",
    re.MULTILINE,
)


_CUE_WORD_SET = frozenset(_CUE_WORDS)
_WORD_RE = re.compile(r"\w+")


def has_cue_word(text: str, also: frozenset[str] = frozenset()) -> bool:
    """True when ``text`` holds any cue form, any word of ``also`` (verb forms the frame model
    reads) or "according to" (cheap pre-parse filter).

    Same answer as ``CUE_WORD_RE.search`` (every cue form is letters only, so a match is a
    whole run of word characters), by set look-ups: the 926-way alternation cost a tenth of
    extraction's CPU time."""
    if ACCORDING_RE.search(text) is not None:
        return True
    words = (w.lower() for w in _WORD_RE.findall(text))
    return any(w in _CUE_WORD_SET or w in also for w in words)
