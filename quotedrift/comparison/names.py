"""Whether two written forms are one name: equal, an alias, a stem with a short ending, or two
spellings of one name; and the names of a text that find no counterpart in another."""

from __future__ import annotations

from collections.abc import Collection

from quotedrift.comparison.normalise import Token, stem
from quotedrift.comparison.word_align import levenshtein
from quotedrift.lang.en.function_words import FUNCTION_WORDS
from quotedrift.lang.en.name_groups import NAME_GROUPS
from quotedrift.lang.en.sound_classes import SOUND_CLASSES


def known(token: Token, stems: Collection[str]) -> bool:
    """Whether ``token`` is among ``stems``: by stem, or for a name by a name variant."""
    key = stem(token.norm)
    if key in stems:
        return True
    return token.capitalised and any(same_name(key, other) for other in stems)


def same_name(a: str, b: str) -> bool:
    """Whether two normalised name forms denote the same name: equal, an alias ("usa" and
    "american"), or the same stem with a short ending ("korea"/"korean", "china"/"chinese")."""
    if a == b:
        return True
    if any(a in group and b in group for group in NAME_GROUPS):
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) < 4:
        return False
    common = 0
    for x, y in zip(short, long_, strict=False):
        if x != y:
            break
        common += 1
    if common >= 4 and common >= len(short) - 1 and len(long_) - common <= 3:
        return True
    return _spelled_alike(a, b)


# Two spellings of one name ("Moammar Gadhafi", "Muammar Qaddafi") sound alike and differ in few
# letters; "Collins" and "Rollins" differ in one letter but not in sound, "Moore" and "Mayer"
# sound alike but share few letters.
_SPELLING_SIMILARITY = 0.6


def _sound(word: str) -> str:
    codes = [SOUND_CLASSES.get(c, "") for c in word]
    out = ""
    for i, code in enumerate(codes):
        # A repeated class counts once, also across a vowel-less h or w ("dh", "dd").
        if code and not (out and out[-1] == code and (i == 0 or codes[i - 1] in (code, ""))):
            out += code
    return out


def _spelled_alike(a: str, b: str) -> bool:
    """Whether two name forms of five letters or more are spellings of one name: the same sound
    classes in the same order and at least 0.6 of their letters alike."""
    if min(len(a), len(b)) < 5 or not (a.isalpha() and b.isalpha()):
        return False
    if _sound(a) != _sound(b):
        return False
    return 1 - levenshtein(a, b) / max(len(a), len(b)) >= _SPELLING_SIMILARITY


def is_name(token: Token) -> bool:
    """A capitalised word not at a sentence start, [bracketed] clarifications included."""
    return (
        token.capitalised
        and not token.sentence_start
        and not token.number
        and token.norm not in FUNCTION_WORDS
    )


def unpaired(names: list[Token], others: list[Token]) -> list[Token]:
    """The names that find no counterpart among ``others``, each counterpart used once
    ("America ... America" -> "America ... Takahashi" leaves one America unpaired)."""
    free = list(others)
    out: list[Token] = []
    for name in names:
        match = next((o for o in free if same_name(name.norm, o.norm)), None)
        if match is None:
            out.append(name)
        else:
            free.remove(match)
    return out
