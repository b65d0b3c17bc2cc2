"""Typography and spelling normalisation, and tokenisation into words, shared by drift and align.

Two renderings of the same words should tokenise to the same normalised forms: curly and straight
marks, dashes, "U.S."/"US", British and American spelling, "&"/"and", "five"/"5"/"5,000,000" vs
"5 million", case and punctuation. Each token keeps its surface form and offsets for reporting.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

import snowballstemmer

from quotedrift.lang.en.abbreviations import TITLE_ABBREVIATIONS
from quotedrift.lang.en.aliases import ALIASES, PHRASES
from quotedrift.lang.en.contractions import CONTRACTIONS, NT_STEMS
from quotedrift.lang.en.function_words import FUNCTION_WORDS
from quotedrift.lang.en.informal import REDUCED_FORMS, S_IS_AFTER
from quotedrift.lang.en.number_words import ORDINALS, SCALES, UNITS
from quotedrift.lang.en.profanity import PROFANITIES
from quotedrift.lang.en.spelling_variants import ISE_KEEP, OUR_KEEP, SPELLING

# ---------------------------------------------------------------------------------------------
# Typography

_TYPO = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u200b": "",
        "\u00ad": "",
    }
)


def normalize_typography(text: str) -> str:
    """``text`` with curly quotes and apostrophes made straight, dashes made "-", odd spaces made
    plain and "…" written "...". Same length as the input except for "…" (one char -> three) and
    zero-width characters (removed), so offsets are NOT preserved; tokenise the original instead.
    """
    return unicodedata.normalize("NFC", text).translate(_TYPO).replace("\u2026", "...")


# ---------------------------------------------------------------------------------------------
# Spelling: British -> American, a compact rule set plus a small table


_OUR = re.compile(r"^([a-z]{3,})our(s|ed|ing|ite|ites|able|er|ers)?$")
_ISE = re.compile(r"^([a-z]{2,})is(e|es|ed|ing|ation|ations|er|ers)$")
_YSE = re.compile(r"^([a-z]{3,})ys(e|es|ed|ing)$")
_TRE = re.compile(r"^([a-z]{2,})(t|b)re(s|d)?$")
_OGUE = re.compile(r"^([a-z]{4,})ogue(s)?$")


def american_spelling(word: str) -> str:
    """A lowercase word in American spelling: "authorised" -> "authorized", "colour" -> "color",
    "centre" -> "center", "analyse" -> "analyze", "catalogue" -> "catalog", plus a small table.
    Words already American, or that merely look British ("promise", "four"), come back unchanged.
    """
    if word in SPELLING:
        return SPELLING[word]
    if word not in OUR_KEEP and (m := _OUR.match(word)):
        return f"{m.group(1)}or{m.group(2) or ''}"
    if word not in ISE_KEEP and (m := _ISE.match(word)):
        return f"{m.group(1)}iz{m.group(2)}"
    if m := _YSE.match(word):
        return f"{m.group(1)}yz{m.group(2)}"
    if m := _TRE.match(word):
        return f"{m.group(1)}{m.group(2)}er{m.group(3) or ''}"
    if m := _OGUE.match(word):
        return f"{m.group(1)}og{m.group(2) or ''}"
    return word


# ---------------------------------------------------------------------------------------------
# Numbers

_DIGITS = re.compile(r"^\d+(?:,\d{3})*(?:\.\d+)?$|^\d*\.\d+$")


def _number_value(norm: str) -> float | None:
    if _DIGITS.match(norm):
        return float(norm.replace(",", ""))
    if norm in UNITS:
        return float(UNITS[norm])
    return None


def format_number(value: float) -> str:
    """The canonical form of a number: "5000000", "3.5"."""
    if value == int(value):
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


# ---------------------------------------------------------------------------------------------
# Tokens


@dataclass(frozen=True)
class Token:
    """One word of a text.

    surface: the word as written (for a merged number, the whole phrase: "5 million").
    norm: the normalised form used for comparison ("5000000", "authorized", "usa", "not").
    start / end: character offsets into the text that was tokenised.
    capitalised: written with a capital initial (and not "I").
    sentence_start: first word of a sentence (its capital says nothing about being a name).
    bracketed: inside [square brackets] or (parentheses): an editor's insertion, not the speaker's.
    number: True for numbers, written in digits or words.
    ellipsis_before: an ellipsis ("...", "…") stands right before this word.
    fragment_start: the word opens a quoted fragment after another one ('"A," he said, "B"'):
        the quotation marks themselves show that words may lie between.
    """

    surface: str
    norm: str
    start: int
    end: int
    capitalised: bool = False
    sentence_start: bool = False
    bracketed: bool = False
    number: bool = False
    ellipsis_before: bool = False
    fragment_start: bool = False


# Abbreviations with dots (U.S., U.N., e.g.), numbers (1,000.5 5% 5m), words with inner apostrophes,
# ellipses, brackets and sentence punctuation. Hyphens split words ("twenty-five", "well-known").
_TOKEN = re.compile(
    r"(?P<abbr>(?:[^\W\d_]\.){2,})"
    # A censored word: asterisks inside a word or after its first letters ("f**king", "f***"), or
    # one letter and three or more hyphens ("f---ing"). Two hyphens are a typewriter dash
    # ("a--the"), and "I---I" is a stammer.
    r"|(?P<censored>[^\W\d_]+\*+[^\W\d_]+|[^\W\d_]{1,2}\*+|(?!I-)[^\W\d_]-{3,}[^\W\d_]*)"
    r"|(?P<num>\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)(?P<numsuffix>%|bn|mn|m|k|st|nd|rd|th)?(?![^\W_])"
    r"|(?P<word>[^\W_]+(?:['\u2019][^\W\d_]+)*)"
    r"|(?P<ellipsis>\.\s?\.\s?\.|\u2026)"
    r"|(?P<open>[\[(])|(?P<close>[\])])"
    r"|(?P<stop>[.!?;:]+)"
    r"|(?P<amp>&)"
    r"|(?P<pct>%)"
)
# The phrases by their first word: most words start none.
_PHRASES_AT: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _phrase, _norm in PHRASES.items():
    _PHRASES_AT.setdefault(_phrase[0], []).append((_phrase, _norm))


def censored_norm(word: str) -> str:
    """The one form a swear word and its censored printings share: "fucking", "f**king",
    "f---ing" and "f***" are all "f*" (the visible letters of a censored word do not say which
    letters were starred, so only the first is kept)."""
    return word[:1].lower() + "*"


_MASK = re.compile(r"^([^\W\d_]+)(?:\*+|-{3,})([^\W\d_]*)$")


def uncensor(tokens: list[Token], others: Iterable[Token]) -> list[Token]:
    """``tokens`` with each censored word ("h---", "f**king") given the norm of the word of
    ``others`` it prints censored: same first letters, same visible ending, at least one letter
    hidden, not a function word ("h---" -> "hell"). Swear words the word list knows already
    share a norm; this covers the rest. Returns the list unchanged when nothing is censored."""
    if not any(t.norm.endswith("*") for t in tokens):
        return tokens
    words = {t.surface.lower(): t.norm for t in others if t.surface.isalpha()}
    out = list(tokens)
    for i, token in enumerate(out):
        m = _MASK.match(token.surface)
        if not token.norm.endswith("*") or m is None:
            continue
        head, tail = m.group(1).lower(), m.group(2).lower()
        for word, norm in words.items():
            fits = word.startswith(head) and word.endswith(tail)
            if fits and len(word) > len(head) + len(tail) and norm not in FUNCTION_WORDS:
                out[i] = replace(token, norm=norm)
                break
    return out


def _word_norms(word: str) -> list[tuple[str, int, int]]:
    """Split a word with an apostrophe into (norm, start, end) pieces relative to the word:
    "don't" -> do + not, "Korea's" -> korea + 's, "it's" -> it + is, "gonna" -> going + to,
    "O'Brien" stays one piece."""
    plain = word.replace("\u2019", "'")
    lower = plain.lower()
    if lower in REDUCED_FORMS:
        # The first piece carries the whole word; the others are empty, so the surface shows once.
        first, *rest = REDUCED_FORMS[lower]
        return [(first, 0, len(word))] + [(piece, len(word), len(word)) for piece in rest]
    if lower in PROFANITIES:
        return [(censored_norm(lower), 0, len(word))]
    if lower.endswith("'s") and lower[:-2] in S_IS_AFTER:
        return [(lower[:-2], 0, len(word) - 2), ("is", len(word) - 2, len(word))]
    if lower.endswith("n't") and len(lower) > 3:
        stem = lower[:-3]
        return [(NT_STEMS.get(stem, stem), 0, len(word) - 3), ("not", len(word) - 3, len(word))]
    if lower.endswith("'") and len(lower) > 1:
        return [(lower[:-1], 0, len(word) - 1)]
    cut = lower.rfind("'")
    if cut > 0 and lower[cut:] in CONTRACTIONS:
        return [(lower[:cut], 0, cut), (CONTRACTIONS[lower[cut:]], cut, len(word))]
    return [(lower.replace("'", ""), 0, len(word))]


def _normalise_word(lower: str, surface: str) -> str:
    if surface.replace(".", "").isupper() and lower.replace(".", "") in ALIASES:
        return ALIASES[lower.replace(".", "")]
    if "." in lower and surface.replace(".", "").isupper():
        # A dotted abbreviation is its letters: "I.R.S." and "IRS" are one word, written two ways.
        return lower.replace(".", "")
    if lower in ORDINALS:
        return ORDINALS[lower]
    return american_spelling(lower)


def tokenize(text: str) -> list[Token]:
    """The words of ``text`` with their normalised forms, offsets into ``text`` and the facts drift
    needs (capitalisation, sentence start, brackets, numbers, a preceding ellipsis).

    Punctuation is dropped; an ellipsis marks the next word; "&" becomes "and", "%" "percent";
    number words and digits merge into one number token ("five million" and "5m" -> "5000000").
    """
    return list(_tokens(text))


@lru_cache(maxsize=1 << 15)
def _tokens(text: str) -> tuple[Token, ...]:
    # Tokens are frozen: the same sentence, met again in another round or version, is shared.
    return tuple(_tokenize(text))


def _tokenize(text: str) -> list[Token]:
    raw: list[Token] = []
    depth = 0
    sentence_start = True
    ellipsis = False
    for match in _TOKEN.finditer(text):
        # lastgroup would name the suffix group of a number with a suffix.
        kind = "num" if match.group("num") is not None else match.lastgroup
        if kind == "open":
            depth += 1
            continue
        if kind == "close":
            depth = max(0, depth - 1)
            continue
        if kind == "ellipsis":
            ellipsis = True
            continue
        if kind == "stop":
            sentence_start = sentence_start or _ends_sentence(raw, match)
            continue
        state = _State(sentence_start, depth > 0, ellipsis)
        if kind == "num":
            raw.extend(_number_tokens(match, state))
        elif kind == "word":
            raw.extend(_word_tokens(match, state))
        elif kind == "censored":
            raw.append(_censored_token(match, state))
        else:
            raw.append(_symbol_token(match, kind, state))
        ellipsis = False
        sentence_start = False
    return _merge_numbers(_merge_phrases(text, raw), text)


@dataclass(frozen=True)
class _State:
    """Where the tokeniser stands when a word starts."""

    sentence_start: bool
    bracketed: bool
    ellipsis: bool


def _ends_sentence(raw: list[Token], match: re.Match[str]) -> bool:
    """Whether sentence punctuation ends the sentence: "Mr. Smith", "Rep. Smith", "John F.
    Kennedy": a period after a title or an initial does not."""
    after_title = (
        bool(raw)
        and raw[-1].end == match.start()
        and (
            raw[-1].norm in TITLE_ABBREVIATIONS
            or (len(raw[-1].surface) == 1 and raw[-1].capitalised)
        )
    )
    return match.group() != "." or not after_title


def _symbol_token(match: re.Match[str], kind: str | None, state: _State) -> Token:
    """ "&" (and), "%" (percent) or a dotted abbreviation ("U.S.")."""
    surface = match.group()
    start, end = match.span()
    common = {"sentence_start": state.sentence_start, "bracketed": state.bracketed}
    if kind in ("amp", "pct"):
        norm = "and" if kind == "amp" else "percent"
        return Token(surface, norm, start, end, ellipsis_before=state.ellipsis, **common)
    return Token(
        surface,
        _normalise_word(surface.lower(), surface),
        start,
        end,
        capitalised=surface[0].isupper(),
        ellipsis_before=state.ellipsis,
        **common,
    )


def _censored_token(match: re.Match[str], state: _State) -> Token:
    """A censored word ("f**king"), with the norm its swear word shares (``censored_norm``)."""
    surface = match.group()
    start, end = match.span()
    return Token(
        surface,
        censored_norm(surface),
        start,
        end,
        capitalised=surface[:1].isupper() and surface != "I",
        sentence_start=state.sentence_start,
        bracketed=state.bracketed,
        ellipsis_before=state.ellipsis,
    )


def _number_tokens(match: re.Match[str], state: _State) -> list[Token]:
    """A number in digits, with its suffix ("5%", "5m") as a token of its own, or an ordinal
    ("5th") as one token."""
    start, end = match.span()
    common = {"sentence_start": state.sentence_start, "bracketed": state.bracketed}
    digits = match.group("num")
    suffix = (match.group("numsuffix") or "").lower()
    num_end = match.end("num")
    if suffix in ("st", "nd", "rd", "th"):
        norm = digits + suffix
        return [Token(norm, norm, start, end, number=True, **common)]
    value = format_number(float(digits.replace(",", "")))
    out = [
        Token(digits, value, start, num_end, number=True, ellipsis_before=state.ellipsis, **common)
    ]
    if suffix == "%":
        out.append(Token("%", "percent", num_end, end, **common))
    elif suffix:
        out.append(Token(suffix, suffix, num_end, end, **common))
    return out


def _word_tokens(match: re.Match[str], state: _State) -> list[Token]:
    """A word, split at a contraction or possessive ("don't" -> do + not)."""
    word = match.group()
    start = match.start()
    out: list[Token] = []
    for i, (lower, a, b) in enumerate(_word_norms(word)):
        if not lower:
            continue
        surface = word[a:b]
        norm = _normalise_word(lower, surface) if i == 0 else lower
        out.append(
            Token(
                surface,
                norm,
                start + a,
                start + b,
                capitalised=i == 0 and surface[:1].isupper() and surface != "I",
                number=norm in UNITS or norm in ORDINALS.values(),
                ellipsis_before=state.ellipsis and i == 0,
                sentence_start=state.sentence_start and i == 0,
                bracketed=state.bracketed,
            )
        )
    return out


def _merge_phrases(text: str, tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        for phrase, norm in _PHRASES_AT.get(tokens[i].norm, ()):
            n = len(phrase)
            if tuple(t.norm for t in tokens[i : i + n]) == phrase:
                first, last = tokens[i], tokens[i + n - 1]
                for j, piece in enumerate(norm.split()):
                    out.append(
                        Token(
                            text[first.start : last.end] if j == 0 else "",
                            piece,
                            first.start,
                            last.end,
                            capitalised=first.capitalised and j == 0,
                            sentence_start=first.sentence_start and j == 0,
                            bracketed=first.bracketed,
                            ellipsis_before=first.ellipsis_before and j == 0,
                        )
                    )
                i += n
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


def _continues(previous: str, value: float) -> bool:
    """Whether a number word after ``previous`` extends the number: "twenty five", "hundred
    twelve"; not "five six" or "twenty thirty"."""
    if previous in SCALES:
        return value < 100
    tens = UNITS.get(previous, 0)
    return tens >= 20 and tens % 10 == 0 and value < 10


def _merge_numbers(tokens: list[Token], text: str) -> list[Token]:
    """Fold runs like "twenty five", "5 million", "two hundred and five" into one number token."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        value = _number_value(tokens[i].norm) if tokens[i].number else None
        if value is None:
            out.append(tokens[i])
            i += 1
            continue
        total, current, j = 0.0, value, i + 1
        while j < len(tokens):
            norm = tokens[j].norm
            # "two hundred and five": the "and" is skipped, "hundred" still decides.
            previous = tokens[j - 2].norm if tokens[j - 1].norm == "and" else tokens[j - 1].norm
            nxt = _number_value(norm) if tokens[j].number else None
            if norm in SCALES:
                scale = SCALES[norm]
                if scale == 100:
                    current *= 100
                else:
                    total += current * scale
                    current = 0.0
                j += 1
            elif nxt is not None and norm in UNITS and _continues(previous, nxt):
                current += nxt
                j += 1
            elif (
                norm == "and"
                and j + 1 < len(tokens)
                and tokens[j - 1].norm == "hundred"
                and tokens[j + 1].norm in UNITS
            ):
                j += 1
            else:
                break
        first, last = tokens[i], tokens[j - 1]
        out.append(
            Token(
                text[first.start : last.end],
                format_number(total + current),
                first.start,
                last.end,
                sentence_start=first.sentence_start,
                bracketed=first.bracketed,
                number=True,
                ellipsis_before=first.ellipsis_before,
            )
        )
        i = j
    return out


# ---------------------------------------------------------------------------------------------
# Comparing words


_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=1 << 16)
def stem(norm: str) -> str:
    """The Snowball (Porter2) English stem of a normalised word, possessive 's removed
    ("programs" -> "program", "targeted" -> "target", "companies" and "company" alike);
    numbers and words with other characters come back unchanged."""
    word = norm[:-2] if norm.endswith("'s") else norm
    if not word.isalpha():
        return word
    return str(_STEMMER.stemWord(word))


def vocabulary(texts: Iterable[str]) -> frozenset[str]:
    """The stems of every word in ``texts``: the ``speaker_words`` that ``drift.measure`` expects
    (pass everything one speaker said in the original article)."""
    return frozenset(stem(t.norm) for text in texts for t in tokenize(text))
