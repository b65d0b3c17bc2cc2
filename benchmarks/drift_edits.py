"""Controlled edits of real quotations: per-flag precision and recall of drift.measure.

Takes the direct quotations of PolNeAR (train + dev: Content spans that start and end with a
quotation mark), applies one controlled edit to each (insert or remove a negation, change a number,
swap a name, drop a hedge, insert words, remove words mid-quote with and without an ellipsis,
typographic-only changes) and checks which flags drift.measure raises.

For each flag, positives are the edits aimed at it; negatives are every other edit except those
where the flag is a legitimate side effect (a swapped name is also a word never said; removing
"not" mid-quote is also a silent elision). Targets: precision and recall >= 0.95 per flag, and
<= 2% of typographic-only edits flagged at all.

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
from pathlib import Path

from quotedrift.comparison.drift import (
    APPROXIMATORS,
    HEDGES,
    IMPLICIT_NEGATORS,
    NEGATORS,
    hedges,
    measure,
)
from quotedrift.comparison.normalise import Token, tokenize
from quotedrift.lang.en.function_words import FUNCTION_WORDS

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
    "typographic": None,
}
# Flags an edit may legitimately raise besides its target.
SIDE_EFFECTS = {
    "negation_remove": {"silent_elision"},
    "hedge": {"silent_elision"},
    "number": {"words_never_said"},
    "name": {"words_never_said"},
}
EVALUATED = sorted({f for f in TARGET.values() if f})

AUXILIARIES = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "will",
        "would",
        "can",
        "could",
        "should",
        "do",
        "does",
        "did",
        "has",
        "have",
        "had",
        "must",
    ]
)
NEW_WORDS = ("deliberately", "secretly", "absolutely", "tremendously", "brutally", "proudly")
NEW_NAMES = ("Henderson", "Okafor", "Lindqvist", "Moreau", "Takahashi")
SPELLING = {
    "authorized": "authorised",
    "organization": "organisation",
    "program": "programme",
    "defense": "defence",
    "color": "colour",
    "center": "centre",
    "favor": "favour",
    "labor": "labour",
    "analyze": "analyse",
    "recognize": "recognise",
    "realize": "realise",
    "percent": "per cent",
    "U.S.": "US",
    "and": "&",
}
NUMBER_WORDS = "zero one two three four five six seven eight nine ten"
SMALL = dict(enumerate(NUMBER_WORDS.split()))


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


def _replace(text: str, token: Token, new: str) -> str:
    return text[: token.start] + new + text[token.end :]


def _remove(text: str, start: int, end: int) -> str:
    """Remove text[start:end] and the space before it."""
    while start > 0 and text[start - 1] == " ":
        start -= 1
    return text[:start] + text[end:]


def insert_negation(text: str, toks: list[Token], rng: random.Random) -> str | None:
    spots = [
        t
        for i, t in enumerate(toks[:-1])
        if t.surface.lower() in AUXILIARIES and toks[i + 1].norm not in NEGATORS
    ]
    if not spots:
        return None
    token = rng.choice(spots)
    return text[: token.end] + " not" + text[token.end :]


def remove_negation(text: str, toks: list[Token], rng: random.Random) -> str | None:
    spots = [t for t in toks if t.surface.lower() in ("not", "never")]
    if not spots:
        return None
    token = rng.choice(spots)
    return _remove(text, token.start, token.end)


def change_number(text: str, toks: list[Token], rng: random.Random) -> str | None:
    spots = [t for t in toks if t.number and any(c.isdigit() for c in t.surface)]
    spots = [t for t in spots if re.fullmatch(r"\d+", t.surface.replace(",", ""))]
    if not spots:
        return None
    token = rng.choice(spots)
    value = int(token.surface.replace(",", ""))
    return _replace(text, token, str(value * 2 + 1))


def swap_name(text: str, toks: list[Token], rng: random.Random) -> str | None:
    spots = [
        t
        for t in toks
        if t.capitalised
        and not t.sentence_start
        and not t.number
        and t.norm not in FUNCTION_WORDS
        and t.surface.isalpha()
        and len(t.surface) > 2
    ]
    if not spots:
        return None
    token = rng.choice(spots)
    name = rng.choice([n for n in NEW_NAMES if n.lower() not in text.lower()])
    return _replace(text, token, name)


def drop_hedge(text: str, toks: list[Token], rng: random.Random) -> str | None:
    spots = [
        t
        for i, t in enumerate(toks)
        if (t.norm in HEDGES and hedges(toks[max(0, i - 1) : i + 2]))
        or (t.norm in APPROXIMATORS and i + 1 < len(toks) and toks[i + 1].number)
    ]
    if not spots:
        return None
    token = rng.choice(spots)
    return _remove(text, token.start, token.end)


def insert_words(text: str, toks: list[Token], rng: random.Random) -> str | None:
    word = rng.choice([w for w in NEW_WORDS if w not in text.lower()])
    starts = [m.start() for m in re.finditer(r"(?<=\s)\S", text)]
    if not starts:
        return None
    at = rng.choice(starts)
    return text[:at] + word + " " + text[at:]


def _elidable(text: str, toks: list[Token], rng: random.Random) -> tuple[int, int] | None:
    """A stretch of 2-4 whitespace-separated words strictly inside the quote (two words kept on
    each side), free of negators, hedges, numbers and names (removing those would rightly raise
    meaning flags too)."""
    words = [m.span() for m in re.finditer(r"\S+", text)]
    if len(words) < 8:
        return None
    for _ in range(10):
        size = rng.randint(2, 4)
        first = rng.randint(2, len(words) - size - 2)
        start, end = words[first][0], words[first + size - 1][1]
        stretch = [t for t in toks if t.end > start and t.start < end]
        if not stretch or any(
            t.norm in NEGATORS | IMPLICIT_NEGATORS | HEDGES | APPROXIMATORS
            or t.number
            or t.capitalised
            or t.ellipsis_before
            for t in stretch
        ):
            continue
        return start, end
    return None


def elide_marked(text: str, toks: list[Token], rng: random.Random) -> str | None:
    span = _elidable(text, toks, rng)
    if span is None:
        return None
    start, end = span
    return text[:start].rstrip() + " ... " + text[end:].lstrip(" ,;")


def elide_silent(text: str, toks: list[Token], rng: random.Random) -> str | None:
    span = _elidable(text, toks, rng)
    if span is None:
        return None
    return _remove(text, *span)


def typographic(text: str, toks: list[Token], rng: random.Random) -> str | None:
    out = text
    out = out.replace("’", "'").replace("‘", "'") if "’" in out else out.replace("'", "’")
    out = out.replace(" — ", " - ").replace("--", "—")
    for a, b in SPELLING.items():
        if rng.random() < 0.5:
            out = re.sub(rf"\b{re.escape(a)}(?!\w)", b, out)
    for value, word in SMALL.items():
        out = re.sub(rf"\b{word}\b", str(value), out) if rng.random() < 0.5 else out
    return out if out != text else None


EDITS: dict[str, Callable[[str, list[Token], random.Random], str | None]] = {
    "negation_insert": insert_negation,
    "negation_remove": remove_negation,
    "number": change_number,
    "name": swap_name,
    "hedge": drop_hedge,
    "insert_words": insert_words,
    "elide_marked": elide_marked,
    "elide_silent": elide_silent,
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
        toks = tokenize(quote)
        for kind, edit in EDITS.items():
            edited = edit(quote, toks, rng)
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
