"""Controlled edits of real quotations: per-flag precision and recall of drift.measure.

Takes the direct quotations of PolNeAR (train + dev: Content spans that start and end with a
quotation mark), applies one controlled edit to each (insert or remove a negation, change a number,
swap a name, drop or replace a hedge, insert words, remove words mid-quote with and without an
ellipsis, leave out a stretch holding a number, end the quotation early, typographic-only changes)
and checks which flags drift.measure raises.

The edits are built from the word lists in benchmarks/edit_words.py, written from outside sources
(CoNLL-2010 hedge cues, SFU Review Corpus negation cues, Quirk et al.'s auxiliaries...) and
independently of quotedrift's own lists; words are found with the benchmark's own tokeniser. Only
``measure`` is imported from quotedrift: it is what is measured.

For each flag, positives are the edits aimed at it; negatives are every other edit except those
where the flag is a legitimate side effect (a swapped name is also a word never said; removing
"not" mid-quote is also a silent elision). Omissions (a stretch with a number left out, an early
end) are negatives for every meaning flag: leaving a value out is not stating another. Targets:
precision and recall >= 0.95 per flag, and <= 2% of typographic-only edits flagged at all.

    python benchmarks/drift_edits.py [EVAL_DIR] [--limit N] [--seed S] [--show K]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from edit_words import (
    APPROXIMATORS,
    AUXILIARIES,
    CONTRACTIONS,
    HEDGE_ADJECTIVES,
    HEDGE_ADVERBS,
    HEDGE_MODALS,
    HEDGE_VERBS,
    NEGATION_CUES,
    NEGATION_REMOVABLE,
    NEW_NAMES,
    NEW_WORDS,
    NOT_NAMES,
    NUMBER_WORDS,
    ORDINALS,
    REDUCED_FORMS,
    SPELLING_PAIRS,
    SWEAR_WORDS,
)

from quotedrift.comparison.drift import measure

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_EVAL = ROOT.parent / "shared" / "eval"
OPEN_MARKS = "\"“'‘"
CLOSE_MARKS = "\"”'’"

TARGET = {
    "negation_insert": "negation_changed",
    "negation_remove": "negation_changed",
    "number": "number_changed",
    "name": "name_changed",
    "hedge": "hedge_dropped",
    "insert_words": "words_never_said",
    "elide_marked": "marked_elision",
    "elide_silent": "silent_elision",
    "omit_number": "marked_elision",
    "end_early": None,
    "typographic": None,
}
# Flags an edit may legitimately raise besides its target.
SIDE_EFFECTS = {
    "negation_remove": {"silent_elision"},
    "hedge": {"silent_elision", "words_never_said"},
    "number": {"words_never_said"},
    "name": {"words_never_said"},
}
EVALUATED = sorted({f for f in TARGET.values() if f} | {"name_changed", "hedge_dropped"})
HEDGES_ALL = HEDGE_ADVERBS | HEDGE_MODALS | HEDGE_ADJECTIVES | HEDGE_VERBS | APPROXIMATORS


@dataclass(frozen=True)
class Word:
    """A word of a quotation as the benchmark's own tokeniser finds it."""

    text: str
    start: int
    end: int
    sentence_start: bool

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def number(self) -> bool:
        return bool(re.fullmatch(r"\d[\d,.]*", self.text)) or self.lower in NUMBER_WORDS


# A number stands alone ("H-1B" holds none); words may carry an inner apostrophe.
_WORD = re.compile(r"(?<![\w-])(?:\d[\d,.]*\d|\d)(?![\w-])|[^\W\d_]+(?:['’][^\W\d_]+)*")
SCALES = frozenset({"hundred", "thousand", "million", "billion", "trillion", "percent"})


def words_of(text: str) -> list[Word]:
    """Words with offsets; a word opens a sentence after . ! ? or at the start."""
    out = []
    for m in _WORD.finditer(text):
        before = text[: m.start()].rstrip(" \"“”'‘’([…")
        out.append(Word(m.group(), m.start(), m.end(), not before or before[-1] in ".!?:;"))
    return out


# ---------------------------------------------------------------------------------------------
# Data


def direct_quotes(eval_dir: Path) -> Iterator[str]:
    """The words of every direct quotation (one annotator file per article), marks removed."""
    for split in ("train", "dev"):
        folder = eval_dir / "polnear" / split
        seen: set[str] = set()
        for ann in sorted((folder / "attributions").glob("*.ann")):
            article = ann.stem.rsplit("_", 1)[0]
            if article in seen:
                continue
            seen.add(article)
            text = (folder / "text" / f"{article}.txt").read_text(encoding="utf-8")
            for line in ann.read_text(encoding="utf-8").splitlines():
                parts = line.split("\t")
                if len(parts) < 2 or not parts[1].startswith("Content "):
                    continue
                ranges = parts[1].split(" ", 1)[1]
                if ";" in ranges:
                    continue  # interrupted by its attribution: not one stretch of words
                start, end = (int(x) for x in ranges.split())
                span = text[start:end].strip()
                if len(span) < 3 or span[0] not in OPEN_MARKS or span[-1] not in CLOSE_MARKS:
                    continue
                inner = span[1:-1].strip().rstrip(",")
                if any(m in inner for m in '"“”') or len(inner.split()) < 6:
                    continue
                yield inner


# ---------------------------------------------------------------------------------------------
# Edits: each returns the edited text, or None when it does not apply to this quotation

Edit = Callable[[str, list[Word], random.Random], str | None]


def _replace(text: str, word: Word, new: str) -> str:
    return text[: word.start] + new + text[word.end :]


def _remove(text: str, start: int, end: int) -> str:
    """Remove text[start:end] and the space before it."""
    while start > 0 and text[start - 1] == " ":
        start -= 1
    return text[:start] + text[end:]


def insert_negation(text: str, words: list[Word], rng: random.Random) -> str | None:
    spots = [
        w
        for i, w in enumerate(words[:-1])
        if w.lower in AUXILIARIES and words[i + 1].lower not in NEGATION_CUES
    ]
    if not spots:
        return None
    word = rng.choice(spots)
    return text[: word.end] + " not" + text[word.end :]


def remove_negation(text: str, words: list[Word], rng: random.Random) -> str | None:
    spots = [w for w in words if w.lower in NEGATION_REMOVABLE]
    contracted = [
        w for w in words if re.search(r"n['’]t$", w.lower) and w.lower[:-3] in AUXILIARIES
    ]
    if not spots and not contracted:
        return None
    word = rng.choice(spots + contracted)
    if word in contracted:
        return _replace(text, word, word.text[:-3])
    return _remove(text, word.start, word.end)


def change_number(text: str, words: list[Word], rng: random.Random) -> str | None:
    spots = [w for w in words if re.fullmatch(r"\d+", w.text.replace(",", ""))]
    spells = [w for w in words if w.lower in NUMBER_WORDS[2:]]  # "one" is often a pronoun
    if not spots and not spells:
        return None
    word = rng.choice(spots + spells)
    if word in spells:
        # another value from two to ten
        other = NUMBER_WORDS[2 + (NUMBER_WORDS.index(word.lower) + 1) % 9]
        return _replace(text, word, other.capitalize() if word.text[0].isupper() else other)
    value = int(word.text.replace(",", ""))
    return _replace(text, word, str(value * 2 + 1))


def swap_name(text: str, words: list[Word], rng: random.Random) -> str | None:
    spots = [
        w
        for w in words
        if w.text[0].isupper()
        and not w.sentence_start
        and w.text.isalpha()
        and len(w.text) > 2
        and w.text not in NOT_NAMES
        and w.lower not in NUMBER_WORDS
        and w.lower not in ORDINALS
        and w.lower not in NEGATION_CUES | HEDGES_ALL
    ]
    if not spots:
        return None
    word = rng.choice(spots)
    name = rng.choice([n for n in NEW_NAMES if n.lower() not in text.lower()])
    return _replace(text, word, name)


def drop_hedge(text: str, words: list[Word], rng: random.Random) -> str | None:
    """Remove a hedging adverb or adjective, an approximator before a number, or say "will"
    for a modal of possibility."""
    spots = [
        w
        for i, w in enumerate(words)
        if w.lower in HEDGE_ADVERBS | HEDGE_ADJECTIVES | HEDGE_MODALS
        or (w.lower in APPROXIMATORS and i + 1 < len(words) and words[i + 1].number)
    ]
    # "May" inside a sentence is the month; "as possible" is no hedge (the CoNLL-2010 cues are
    # words that express uncertainty, not a degree).
    spots = [
        w for w in spots if not (w.lower == "may" and w.text[0].isupper() and not w.sentence_start)
    ]
    spots = [w for w in spots if not (w.lower == "possible" and _before(words, w) == "as")]
    if not spots:
        return None
    word = rng.choice(spots)
    if word.lower in HEDGE_MODALS:
        return _replace(text, word, "Will" if word.text[0].isupper() else "will")
    return _remove(text, word.start, word.end)


def _before(words: list[Word], word: Word) -> str:
    at = words.index(word)
    return words[at - 1].lower if at else ""


def insert_words(text: str, words: list[Word], rng: random.Random) -> str | None:
    new = rng.choice([w for w in NEW_WORDS if w not in text.lower()])
    starts = [m.start() for m in re.finditer(r"(?<=\s)\S", text)]
    if not starts:
        return None
    at = rng.choice(starts)
    return text[:at] + new + " " + text[at:]


def _stretch(
    text: str, words: list[Word], rng: random.Random, *, number: bool
) -> tuple[int, int] | None:
    """A stretch of 2-4 whitespace-separated words strictly inside the quote (two words kept on
    each side), free of negation and hedge cues and of names; with ``number``, one holding a
    number, else one free of numbers (removing those would rightly raise meaning flags)."""
    chunks = [m.span() for m in re.finditer(r"\S+", text)]
    if len(chunks) < 8:
        return None
    for _ in range(20):
        size = rng.randint(2, 4)
        first = rng.randint(2, len(chunks) - size - 2)
        start, end = chunks[first][0], chunks[first + size - 1][1]
        inside = [w for w in words if w.end > start and w.start < end]
        if "..." in text[start:end] or "…" in text[start:end]:
            continue
        if not inside or any(
            w.lower in NEGATION_CUES | HEDGES_ALL
            or re.search(r"n['’]t$", w.lower)
            or (w.text[0].isupper() and not w.sentence_start)
            for w in inside
        ):
            continue
        if any(w.number for w in inside) != number:
            continue
        # A number's other words ("11.7 million") go with it or stay whole.
        neighbours = [w for w in words if w.end <= start][-1:] + [
            w for w in words if w.start >= end
        ][:1]
        if number and any(w.number or w.lower in SCALES for w in neighbours):
            continue
        return start, end
    return None


def _marked(text: str, span: tuple[int, int]) -> str:
    start, end = span
    return text[:start].rstrip() + " ... " + text[end:].lstrip(" ,;")


def elide_marked(text: str, words: list[Word], rng: random.Random) -> str | None:
    span = _stretch(text, words, rng, number=False)
    return None if span is None else _marked(text, span)


def elide_silent(text: str, words: list[Word], rng: random.Random) -> str | None:
    span = _stretch(text, words, rng, number=False)
    return None if span is None else _remove(text, *span)


def omit_number(text: str, words: list[Word], rng: random.Random) -> str | None:
    """Leave out, with an ellipsis, a stretch that holds a number: an omission, not a change."""
    span = _stretch(text, words, rng, number=True)
    return None if span is None else _marked(text, span)


def end_early(text: str, words: list[Word], rng: random.Random) -> str | None:
    """Stop the quotation at one of its clause ends (a comma, semicolon, colon, dash or
    sentence end) before its last words, as an outlet that ends a quotation before a swear word
    ("We will win, damn it") does: a trimmed excerpt."""
    ends = [
        m.start()
        for m in re.finditer(r"[,;:.!?]\s|\s[-—–]\s", text)
        # not the dot of an abbreviation ("U.S. politicians")
        if m.start() > 10 and not re.search(r"(?:^|[\s.])[A-Z]$", text[: m.start()])
    ]
    if not ends:
        return None
    return text[: rng.choice(ends)].rstrip(" ,;:-—–")


def typographic(text: str, words: list[Word], rng: random.Random) -> str | None:
    """Marks, dashes, spelling, digits for small numbers, contractions, spoken reduced forms,
    number formatting and censored swear words: the same words."""
    out = text
    out = out.replace("’", "'").replace("‘", "'") if "’" in out else out.replace("'", "’")
    out = out.replace(" — ", " - ").replace("--", "—")
    for a, b in SPELLING_PAIRS.items():
        if rng.random() < 0.5:
            out = re.sub(rf"\b{re.escape(a)}(?!\w)", b, out)
    for value, word in enumerate(NUMBER_WORDS):
        out = re.sub(rf"\b{word}\b", str(value), out) if rng.random() < 0.5 else out
    for short, full in CONTRACTIONS.items():
        if rng.random() < 0.5:
            pattern = short.replace("'", "['’]")
            out = re.sub(rf"(?<![\w'’]){pattern}(?![\w'’])", full, out)
            out = re.sub(rf"(?<![\w'’]){pattern.capitalize()}(?![\w'’])", full.capitalize(), out)
    for full, reduced in REDUCED_FORMS.items():
        out = re.sub(rf"\b{full}\b", reduced, out) if rng.random() < 0.5 else out
    out = re.sub(r"\b(\d{1,3})(\d{3})\b", r"\1,\2", out) if rng.random() < 0.5 else out
    for swear in SWEAR_WORDS:
        masked = swear[0] + ("*" * (len(swear) - 1) if rng.random() < 0.5 else "---")
        out = re.sub(rf"\b{swear}\b", masked, out)
    return out if out != text else None


EDITS: dict[str, Edit] = {
    "negation_insert": insert_negation,
    "negation_remove": remove_negation,
    "number": change_number,
    "name": swap_name,
    "hedge": drop_hedge,
    "insert_words": insert_words,
    "elide_marked": elide_marked,
    "elide_silent": elide_silent,
    "omit_number": omit_number,
    "end_early": end_early,
    "typographic": typographic,
}


# ---------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("eval_dir", nargs="?", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--limit", type=int, default=800, help="quotations to sample (0: all)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--show", type=int, default=0, help="print K errors per flag")
    args = parser.parse_args(argv)
    if not (args.eval_dir / "polnear").is_dir():
        print(f"no PolNeAR data under {args.eval_dir}", file=sys.stderr)
        return 2
    quotes = list(dict.fromkeys(direct_quotes(args.eval_dir)))
    rng = random.Random(args.seed)
    if args.limit and len(quotes) > args.limit:
        quotes = rng.sample(quotes, args.limit)

    started = time.perf_counter()
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    errors: dict[str, list[str]] = defaultdict(list)
    made: Counter[str] = Counter()
    typo_flagged = 0
    measured = 0
    for quote in quotes:
        found = words_of(quote)
        for kind, edit in EDITS.items():
            edited = edit(quote, found, rng)
            if edited is None:
                continue
            made[kind] += 1
            flags = set(measure([quote], edited).flags)
            measured += 1
            if kind == "typographic" and flags:
                typo_flagged += 1
                errors["typographic"].append(f"{sorted(flags)}\n  O: {quote}\n  V: {edited}")
            for flag in EVALUATED:
                if flag in SIDE_EFFECTS.get(kind, set()) and TARGET[kind] != flag:
                    continue
                expected = TARGET[kind] == flag
                got = flag in flags
                counts[flag][("t" if expected == got else "f") + ("p" if got else "n")] += 1
                if expected != got:
                    errors[flag].append(f"[{kind}] {sorted(flags)}\n  O: {quote}\n  V: {edited}")
    elapsed = time.perf_counter() - started

    print(f"PolNeAR direct quotations sampled: {len(quotes)} (seed {args.seed})")
    print("edits made: " + ", ".join(f"{k} {n}" for k, n in made.items()))
    print(f"{'flag':<18} {'precision':>9} {'recall':>7} {'tp':>5} {'fp':>5} {'fn':>5}")
    for flag in EVALUATED:
        c = counts[flag]
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else float("nan")
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else float("nan")
        print(f"{flag:<18} {precision:>9.3f} {recall:>7.3f} {c['tp']:>5} {c['fp']:>5} {c['fn']:>5}")
    share = typo_flagged / made["typographic"] if made["typographic"] else float("nan")
    print(
        f"typographic-only edits flagged at all: {share:.3%} ({typo_flagged}/{made['typographic']})"
    )
    print(
        f"{measured} measurements in {elapsed:.1f} s "
        f"({1000 * elapsed / max(1, measured):.1f} ms each)"
    )
    for flag, items in errors.items():
        for item in items[: args.show]:
            print(f"\n{flag}: {item}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
