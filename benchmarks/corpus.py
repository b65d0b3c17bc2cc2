"""Build a corpus of N articles for the scale benchmark: PolNeAR texts (train + dev, 924 real
political news articles) as originals, plus rewrites made from them with controlled quotation
edits, so stories have several versions and quotation density stays that of real news.

Usage: python benchmarks/corpus.py N [--eval EVAL_DIR] [--out DIR] [--seed S]

EVAL_DIR defaults to ../shared/eval from the repository root; DIR to benchmarks/out/corpus_N (git
ignores benchmarks/out/; never commit a corpus: the texts are copyrighted news). About a third of
the articles are originals (at most 924) and the rest rewrites, spread evenly over the originals.
A rewrite renames the outlet and, for each quotation, keeps it, trims words off its end, changes a
number, adds or removes a negation, drops a hedge, swaps a word, or drops the quotation's
paragraph; one paragraph without quotations is dropped too (rewrites are shorter).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EVAL = ROOT.parent / "shared" / "eval"

_QUOTE = re.compile(r"[“\"]([^”\"\n]{12,400})[”\"]")
_NUMBER = re.compile(r"\b\d[\d,.]*\b")
_HEDGES = ("may ", "might ", "could ", "probably ", "perhaps ", "likely ")
_SWAPS = {
    "said": "stated",
    "big": "huge",
    "very": "extremely",
    "people": "folks",
    "country": "nation",
    "great": "fantastic",
    "bad": "terrible",
    "think": "believe",
}
_OUTLETS = (
    "Daily Ledger",
    "Metro Courier",
    "Valley Post",
    "Harbor Times",
    "North Star",
    "Evening Gazette",
    "City Wire",
    "Plains Herald",
)


def polnear_texts(eval_dir: Path) -> list[Path]:
    """PolNeAR article files of train and dev, sorted. Raises SystemExit when absent."""
    files = sorted((eval_dir / "polnear" / "train" / "text").glob("*.txt"))
    files += sorted((eval_dir / "polnear" / "dev" / "text").glob("*.txt"))
    if not files:
        raise SystemExit(f"no PolNeAR texts under {eval_dir}/polnear: pass the eval folder")
    return files


def _edit_quote(words: str, rng: random.Random) -> str | None:
    """One controlled edit of a quotation's words; None drops the quotation's paragraph."""
    roll = rng.random()
    if roll < 0.40:
        return words  # verbatim
    if roll < 0.55:
        parts = words.split()
        if len(parts) > 6:
            return " ".join(parts[: max(4, len(parts) - rng.randint(2, 5))])
        return words
    if roll < 0.62 and _NUMBER.search(words):
        return _NUMBER.sub(lambda m: str(int(re.sub(r"\D", "", m.group()) or 0) + 7), words, 1)
    if roll < 0.70:
        if " not " in words:
            return words.replace(" not ", " ", 1)
        for verb in (" is ", " are ", " will ", " was ", " can "):
            if verb in words:
                return words.replace(verb, f"{verb}not ", 1)
        return words
    if roll < 0.77:
        for hedge in _HEDGES:
            if hedge in words:
                return words.replace(hedge, "", 1)
        return words
    if roll < 0.90:
        for old, new in _SWAPS.items():
            if f" {old} " in words:
                return words.replace(f" {old} ", f" {new} ", 1)
        return words
    if roll < 0.95:
        return None
    return words


def rewrite(text: str, outlet: str, rng: random.Random) -> str:
    """A rewrite of ``text`` by ``outlet`` (see module docstring)."""
    paragraphs = text.split("\n")
    out: list[str] = [f"By the {outlet} staff", ""]
    plain = [i for i, p in enumerate(paragraphs) if p.strip() and not _QUOTE.search(p)]
    dropped = rng.choice(plain[1:]) if len(plain) > 1 else -1
    for i, para in enumerate(paragraphs):
        if i == dropped:
            continue
        drop_para = False

        def edit(match: re.Match[str]) -> str:
            nonlocal drop_para
            new = _edit_quote(match.group(1), rng)
            if new is None:
                drop_para = True
                return match.group(0)
            return match.group(0).replace(match.group(1), new)

        edited = _QUOTE.sub(edit, para)
        if not drop_para:
            out.append(edited)
    return "\n".join(out) + "\n"


def build(n: int, out: Path, eval_dir: Path = DEFAULT_EVAL, seed: int = 13) -> Path:
    """Write ``n`` articles into ``out`` (emptied of earlier .txt files first); returns ``out``."""
    sources = polnear_texts(eval_dir)
    originals = min(len(sources), max(1, -(-n // 3)))
    rng = random.Random(seed)
    chosen = rng.sample(sources, originals)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.txt"):
        old.unlink()
    texts = [p.read_text(encoding="utf-8") for p in chosen]
    for k, text in enumerate(texts):
        (out / f"s{k:04d}_v0.txt").write_text(text, encoding="utf-8")
    for j in range(n - originals):
        k = j % originals
        version = j // originals + 1
        outlet = _OUTLETS[(k + version) % len(_OUTLETS)]
        (out / f"s{k:04d}_v{version}.txt").write_text(
            rewrite(texts[k], outlet, rng), encoding="utf-8"
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    out = args.out or ROOT / "benchmarks" / "out" / f"corpus_{args.n}"
    build(args.n, out, args.eval, args.seed)
    print(f"wrote {args.n} articles to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
