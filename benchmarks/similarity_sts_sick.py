"""The similarity component against human judgements, and meaning flags on contradictions.

1. STS headlines 2013-2016 (sts_news/): Spearman correlation between human similarity scores and
   each candidate similarity (embedding cosine, drift word similarity, blends). Target >= 0.80 for
   the component drift uses to place scores within a tier.
2. SICK test (sick/): how often drift.measure raises negation_changed, or any meaning flag, on
   CONTRADICTION pairs vs ENTAILMENT and NEUTRAL pairs (the false-alarm rate).

    python benchmarks/similarity_sts_sick.py [EVAL_DIR] [--no-cache]

Vectors are cached in the user cache folder (as quotedrift does), never in the repository.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
from scipy.stats import spearmanr

from quotedrift.comparison.drift import measure, similarity
from quotedrift.comparison.embedding import load_embedder
from quotedrift.config import Settings
from quotedrift.records import MEANING_FLAGS

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_EVAL = ROOT.parent / "shared" / "eval"


def sts_pairs(eval_dir: Path) -> list[tuple[float, str, str]]:
    """(score, sentence1, sentence2) for every scored pair of the headline sets."""
    pairs = []
    for path in sorted((eval_dir / "sts_news").glob("*.headlines.test.tsv")):
        with path.open(encoding="utf-8") as handle:
            for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(row) >= 3 and row[0].strip():
                    pairs.append((float(row[0]), row[1], row[2]))
    return pairs


def sick_pairs(eval_dir: Path) -> list[tuple[str, str, str]]:
    """(judgement, sentence A, sentence B) of the SICK test set."""
    path = eval_dir / "sick" / "SICK_test_annotated.txt"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [(r["entailment_judgment"], r["sentence_A"], r["sentence_B"]) for r in rows]


def cosines(embedder, a: list[str], b: list[str]) -> np.ndarray:  # type: ignore[no-untyped-def]
    vectors = embedder.encode(a + b)
    return np.einsum("ij,ij->i", vectors[: len(a)], vectors[len(a) :])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("eval_dir", nargs="?", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--no-cache", action="store_true", help="do not use the vector cache")
    args = parser.parse_args(argv)
    if not (args.eval_dir / "sts_news").is_dir() or not (args.eval_dir / "sick").is_dir():
        print(f"no sts_news/ or sick/ under {args.eval_dir}", file=sys.stderr)
        return 2
    os.environ["HF_HUB_OFFLINE"] = "1"
    embedder = load_embedder(Settings(cache=not args.no_cache))

    # 1. STS headlines
    started = time.perf_counter()
    sts = sts_pairs(args.eval_dir)
    gold = np.array([p[0] for p in sts])
    cos = cosines(embedder, [p[1] for p in sts], [p[2] for p in sts])
    encoded = time.perf_counter() - started
    drifts = [measure([p[1]], p[2], cosine=float(c)) for p, c in zip(sts, cos, strict=True)]
    words = np.array([d.metrics.word_similarity for d in drifts])
    contain = np.array(
        [(d.metrics.containment + d.metrics.reverse_containment) / 2 for d in drifts]
    )
    score = np.array([100 - d.score for d in drifts])
    print(f"STS headlines: {len(sts)} scored pairs (vectors in {encoded:.1f} s)")
    candidates = {
        "cosine (MiniLM)": cos,
        "word similarity": words,
        "containment (mean of both directions)": contain,
        "drift.similarity (0.8 cosine + 0.2 word similarity)": np.array(
            [similarity(d.metrics) for d in drifts]
        ),
        "0.5 cosine + 0.5 word similarity": 0.5 * cos + 0.5 * words,
        "100 - drift score": score,
    }
    for name, values in candidates.items():
        rho = spearmanr(gold, values).statistic
        print(f"  Spearman {name:<52} {rho:.3f}")

    # 2. SICK: meaning flags by entailment judgement
    sick = sick_pairs(args.eval_dir)
    cos = cosines(embedder, [p[1] for p in sick], [p[2] for p in sick])
    negation: Counter[str] = Counter()
    meaning: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    tiers: dict[str, Counter[str]] = {}
    for (label, a, b), c in zip(sick, cos, strict=True):
        drift = measure([a], b, cosine=float(c))
        totals[label] += 1
        negation[label] += "negation_changed" in drift.flags
        meaning[label] += bool(MEANING_FLAGS & set(drift.flags))
        tiers.setdefault(label, Counter())[drift.tier] += 1
    print(f"\nSICK test: {sum(totals.values())} pairs")
    print(f"  {'judgement':<14} {'pairs':>6} {'negation_changed':>17} {'any meaning flag':>17}")
    for label in ("CONTRADICTION", "ENTAILMENT", "NEUTRAL"):
        n = totals[label] or 1
        print(
            f"  {label:<14} {totals[label]:>6} {negation[label] / n:>17.1%} "
            f"{meaning[label] / n:>17.1%}"
        )
    for label, counts in tiers.items():
        print(f"  tiers {label}: " + ", ".join(f"{t} {k}" for t, k in counts.most_common()))
    contradiction_cos = np.median(
        [c for (label, _, _), c in zip(sick, cos, strict=True) if label == "CONTRADICTION"]
    )
    print(f"  median cosine of contradictions: {contradiction_cos:.2f}")
    print(f"\ntotal {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
