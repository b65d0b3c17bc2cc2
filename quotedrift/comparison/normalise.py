"""Typography and spelling normalisation, and tokenisation into words, shared by drift and align.

Two renderings of the same words should tokenise to the same normalised forms: curly and straight
marks, dashes, "U.S."/"US", British and American spelling, "&"/"and", "five"/"5"/"5,000,000" vs
"5 million", case and punctuation. Each token keeps its surface form and offsets for reporting.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from quotedrift.lang.en.informal import REDUCED_FORMS, S_IS_AFTER
from quotedrift.lang.en.profanity import PROFANITIES


def _wordset(text: str) -> frozenset[str]:
    """Word lists read best as text."""
    return frozenset(text.split())


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

_SPELLING = {
    "defence": "defense",
    "offence": "offense",
    "licence": "license",
    "pretence": "pretense",
    "programme": "program",
    "programmes": "programs",
    "practise": "practice",
    "practised": "practiced",
    "grey": "gray",
    "tyre": "tire",
    "tyres": "tires",
    "cheque": "check",
    "aluminium": "aluminum",
    "sceptical": "skeptical",
    "sceptic": "skeptic",
    "whilst": "while",
    "amongst": "among",
    "towards": "toward",
    "learnt": "learned",
    "spelt": "spelled",
    "enrol": "enroll",
    "fulfil": "fulfill",
    "judgement": "judgment",
    "ageing": "aging",
    "plough": "plow",
    "manoeuvre": "maneuver",
    "manoeuvres": "maneuvers",
    "paediatric": "pediatric",
    "anaemia": "anemia",
    "oestrogen": "estrogen",
    "encyclopaedia": "encyclopedia",
    "jewellery": "jewelry",
    "mum": "mom",
    "kerb": "curb",
    "storey": "story",
    "draught": "draft",
    "gaol": "jail",
    "ok": "okay",
}
# British doubled l before a suffix; a table, since a rule would merge "filled" and "filed".
for _stem in (
    "travel",
    "cancel",
    "label",
    "model",
    "fuel",
    "signal",
    "level",
    "channel",
    "counsel",
    "total",
    "equal",
    "dial",
    "marvel",
    "quarrel",
    "tunnel",
    "shovel",
    "rival",
    "jewel",
    "duel",
    "funnel",
):
    for _suffix in ("ed", "ing", "er", "ers"):
        _SPELLING[f"{_stem}l{_suffix}"] = f"{_stem}{_suffix}"
_SPELLING["counsellor"] = "counselor"
_SPELLING["marvellous"] = "marvelous"

_OUR = re.compile(r"^([a-z]{3,})our(s|ed|ing|ite|ites|able|er|ers)?$")
_OUR_KEEP = frozenset({"devour", "devours", "devoured", "devouring", "contour", "contours"})
_ISE = re.compile(r"^([a-z]{2,})is(e|es|ed|ing|ation|ations|er|ers)$")
_ISE_KEEP = frozenset(
    {
        "wise", "rise", "rises", "arise", "arises", "raise", "raises", "raised", "praise",
        "praised", "poise", "noise", "noises", "cruise", "bruise", "bruised", "otherwise",
        "likewise", "clockwise", "premise", "promise", "promised", "promises", "precise",
        "concise", "expertise", "franchise", "merchandise", "paradise", "exercise", "exercised",
        "exercises", "advertise", "advertised", "advertising", "advertiser", "advertisers",
        "compromise", "compromised", "surprise", "surprised", "surprises", "surprising",
        "supervise", "supervised", "supervising", "televise", "televised", "revise", "revised",
        "devise", "devised", "disguise", "disguised", "despise", "enterprise", "enterprises",
        "treatise", "demise", "chastise", "comprise", "comprised", "comprises", "excise",
        "incise", "improvise", "improvised", "arising", "rising", "raising", "praising",
        "cruising", "promising", "surmise", "reprise", "turquoise", "tortoise", "porpoise",
        "mise", "anise", "valise", "guise", "elise", "denise", "louise", "reise",
    }
)  # fmt: skip
_YSE = re.compile(r"^([a-z]{3,})ys(e|es|ed|ing)$")
_TRE = re.compile(r"^([a-z]{2,})(t|b)re(s|d)?$")
_OGUE = re.compile(r"^([a-z]{4,})ogue(s)?$")


def american_spelling(word: str) -> str:
    """A lowercase word in American spelling: "authorised" -> "authorized", "colour" -> "color",
    "centre" -> "center", "analyse" -> "analyze", "catalogue" -> "catalog", plus a small table.
    Words already American, or that merely look British ("promise", "four"), come back unchanged.
    """
    if word in _SPELLING:
        return _SPELLING[word]
    if word not in _OUR_KEEP and (m := _OUR.match(word)):
        return f"{m.group(1)}or{m.group(2) or ''}"
    if word not in _ISE_KEEP and (m := _ISE.match(word)):
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

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "bn": 1_000_000_000,
    "k": 1_000,
}
_ORDINALS = {
    "first": "1st", "second": "2nd", "third": "3rd", "fourth": "4th", "fifth": "5th",
    "sixth": "6th", "seventh": "7th", "eighth": "8th", "ninth": "9th", "tenth": "10th",
}  # fmt: skip
_DIGITS = re.compile(r"^\d+(?:,\d{3})*(?:\.\d+)?$|^\d*\.\d+$")


def _number_value(norm: str) -> float | None:
    if _DIGITS.match(norm):
        return float(norm.replace(",", ""))
    if norm in _UNITS:
        return float(_UNITS[norm])
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
_CONTRACTIONS = {
    "n't": "not",
    "'s": "'s",
    "'re": "are",
    "'ve": "have",
    "'ll": "will",
    "'d": "would",
    "'m": "am",
}
_TITLES = _wordset(
    "mr mrs ms dr prof rep sen gov gen lt col capt sgt st jr sr inc co corp ltd no vs rev hon"
    " pres supt insp det adm cmdr maj"
)
_NT_STEMS = {"ca": "can", "wo": "will", "sha": "shall", "ai": "is"}
_ALIASES = {
    "us": "usa",
    "usa": "usa",
    "un": "un",
    "uk": "uk",
    "eu": "eu",
}
_PHRASES = {
    ("united", "states"): "usa",
    ("united", "nations"): "un",
    ("united", "kingdom"): "uk",
    ("european", "union"): "eu",
    ("per", "cent"): "percent",
    ("cannot",): "can not",
}
# The phrases by their first word: most words start none.
_PHRASES_AT: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _phrase, _norm in _PHRASES.items():
    _PHRASES_AT.setdefault(_phrase[0], []).append((_phrase, _norm))


def censored_norm(word: str) -> str:
    """The one form a swear word and its censored printings share: "fucking", "f**king",
    "f---ing" and "f***" are all "f*" (the visible letters of a censored word do not say which
    letters were starred, so only the first is kept)."""
    return word[:1].lower() + "*"


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
        return [(_NT_STEMS.get(stem, stem), 0, len(word) - 3), ("not", len(word) - 3, len(word))]
    if lower.endswith("'") and len(lower) > 1:
        return [(lower[:-1], 0, len(word) - 1)]
    cut = lower.rfind("'")
    if cut > 0 and lower[cut:] in _CONTRACTIONS:
        return [(lower[:cut], 0, cut), (_CONTRACTIONS[lower[cut:]], cut, len(word))]
    return [(lower.replace("'", ""), 0, len(word))]


def _normalise_word(lower: str, surface: str) -> str:
    if surface.replace(".", "").isupper() and lower.replace(".", "") in _ALIASES:
        return _ALIASES[lower.replace(".", "")]
    if lower in _ORDINALS:
        return _ORDINALS[lower]
    return american_spelling(lower)


def tokenize(text: str) -> list[Token]:
    """The words of ``text`` with their normalised forms, offsets into ``text`` and the facts drift
    needs (capitalisation, sentence start, brackets, numbers, a preceding ellipsis).

    Punctuation is dropped; an ellipsis marks the next word; "&" becomes "and", "%" "percent";
    number words and digits merge into one number token ("five million" and "5m" -> "5000000").
    """
    raw: list[Token] = []
    depth = 0
    sentence_start = True
    ellipsis = False
    for match in _TOKEN.finditer(text):
        # lastgroup would name the suffix group of a number with a suffix.
        kind = "num" if match.group("num") is not None else match.lastgroup
        start, end = match.span()
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
            # "Mr. Smith", "Rep. Smith", "John F. Kennedy": a period after a title or an initial
            # does not end the sentence.
            after_title = (
                bool(raw)
                and raw[-1].end == start
                and (raw[-1].norm in _TITLES or (len(raw[-1].surface) == 1 and raw[-1].capitalised))
            )
            sentence_start = sentence_start or (match.group() != "." or not after_title)
            continue
        common = {"sentence_start": sentence_start, "bracketed": depth > 0}
        if kind == "censored":
            surface = match.group()
            raw.append(
                Token(
                    surface,
                    censored_norm(surface),
                    start,
                    end,
                    capitalised=surface[:1].isupper() and surface != "I",
                    ellipsis_before=ellipsis,
                    **common,
                )
            )
        elif kind in ("amp", "pct"):
            norm = "and" if kind == "amp" else "percent"
            raw.append(Token(match.group(), norm, start, end, ellipsis_before=ellipsis, **common))
        elif kind == "abbr":
            surface = match.group()
            raw.append(
                Token(
                    surface,
                    _normalise_word(surface.lower(), surface),
                    start,
                    end,
                    capitalised=surface[0].isupper(),
                    ellipsis_before=ellipsis,
                    **common,
                )
            )
        elif kind == "num":
            digits = match.group("num")
            suffix = (match.group("numsuffix") or "").lower()
            num_end = match.end("num")
            if suffix in ("st", "nd", "rd", "th"):
                norm = digits + suffix
                raw.append(Token(norm, norm, start, end, number=True, **common))
            else:
                value = format_number(float(digits.replace(",", "")))
                raw.append(
                    Token(digits, value, start, num_end, number=True,
                          ellipsis_before=ellipsis, **common)
                )  # fmt: skip
                if suffix == "%":
                    raw.append(Token("%", "percent", num_end, end, **common))
                elif suffix:
                    raw.append(Token(suffix, suffix, num_end, end, **common))
        else:
            word = match.group()
            for i, (lower, a, b) in enumerate(_word_norms(word)):
                if not lower:
                    continue
                surface = word[a:b]
                norm = _normalise_word(lower, surface) if i == 0 else lower
                raw.append(
                    Token(
                        surface,
                        norm,
                        start + a,
                        start + b,
                        capitalised=i == 0 and surface[:1].isupper() and surface != "I",
                        number=norm in _UNITS or norm in _ORDINALS.values(),
                        ellipsis_before=ellipsis and i == 0,
                        sentence_start=sentence_start and i == 0,
                        bracketed=depth > 0,
                    )
                )
        ellipsis = False
        sentence_start = False
    return _merge_numbers(_merge_phrases(text, raw), text)


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
    if previous in _SCALES:
        return value < 100
    tens = _UNITS.get(previous, 0)
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
            if norm in _SCALES:
                scale = _SCALES[norm]
                if scale == 100:
                    current *= 100
                else:
                    total += current * scale
                    current = 0.0
                j += 1
            elif nxt is not None and norm in _UNITS and _continues(previous, nxt):
                current += nxt
                j += 1
            elif (
                norm == "and"
                and j + 1 < len(tokens)
                and tokens[j - 1].norm == "hundred"
                and tokens[j + 1].norm in _UNITS
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

FUNCTION_WORDS: frozenset[str] = _wordset(
    """a an the and or but nor so yet if then than that this these those there here of in on at
    to for from by with without into onto upon over under about above below after before between
    through during against among across around behind beyond near off out up down as is are was
    were be been being am 's have has had having do does did doing will would shall should can
    could may might must i me my mine we us our ours you your yours he him his she her hers it its
    they them their theirs who whom whose which what when where why how all any both each every
    few more most other some such no not only own same too very just also again further once
    one ones s t now even still ever"""
)


def stem(norm: str) -> str:
    """A crude stem for "did the speaker use this word": plural, -ed and -ing endings removed
    ("programs" -> "program", "targeted" -> "target"); short words left alone."""
    word = norm[:-2] if norm.endswith("'s") else norm
    if len(word) <= 3 or not word.isalpha():
        return word
    for suffix in ("ation", "ations", "ment", "ments"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("sses", "ss"), ("ing", ""), ("ed", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)] + repl
            # "planned" -> "plan", "stopping" -> "stop"
            if repl == "" and len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]
            return base
    if word.endswith("es") and word[-3:-2] in ("s", "x", "z") or word.endswith(("ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def vocabulary(texts: Iterable[str]) -> frozenset[str]:
    """The stems of every word in ``texts``: the ``speaker_words`` that ``drift.measure`` expects
    (pass everything one speaker said in the original article)."""
    return frozenset(stem(t.norm) for text in texts for t in tokenize(text))
