"""Verdicts on the labelled BASIL development pairs: per relation, tier agreement; per flag,
precision and recall of the drift flags against the flags the labels give.

The figures of record (quote recall, speakers, pairs, overall tier agreement, false alarms) are
``benchmarks/basil.py``'s; this script reuses its loading, its compare run and its scorer
(basil_scoring.py) and breaks the verdicts down further. The development labels are the set the
verdict rules were looked at against (tuned-on figures, not an independent measurement).

A label's flags describe its quotation ``b`` against ``a`` ("words_added: b carries them"), so a
flag is scored on a version that stands for ``b`` aligned to an original standing for ``a``;
versions the other way round count for tier agreement only. Label flags and drift flags:
words_added -> words_never_said; silent_elision, marked_elision, number_changed,
negation_changed, hedge_dropped and merged by their own names.

    python benchmarks/basil_flags.py [--eval PATH] [--labels DIR] [--triplet UUID8 ...]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tabulate import tabulate

sys.path.insert(0, str(Path(__file__).resolve().parent))

import basil  # noqa: E402
import basil_scoring as scoring  # noqa: E402

LABEL_FLAGS = {
    "words_added": "words_never_said",
    "silent_elision": "silent_elision",
    "marked_elision": "marked_elision",
    "number_changed": "number_changed",
    "negation_changed": "negation_changed",
    "hedge_dropped": "hedge_dropped",
    "merged": "merged",
}
SCORED_FLAGS = tuple(LABEL_FLAGS.values())


def _pair_flags(path: Path) -> dict[tuple[str, str], set[str]]:
    """(a, b) -> the drift names of the pair's label flags."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        (p["a"], p["b"]): {LABEL_FLAGS[f] for f in p.get("flags", ()) if f in LABEL_FLAGS}
        for p in data["pairs"]
        if p.get("relation")
    }


def _standing(gold: scoring.Gold, predictions: Sequence[scoring.Prediction]) -> dict[str, set[str]]:
    """Prediction id -> the gold quotations it stands for (as the scorer decides it)."""
    out: dict[str, set[str]] = defaultdict(set)
    for g in gold.quotes:
        for p in predictions:
            if scoring.stands_for(p, g):
                out[p.id].add(g.id)
    return out


def score_flags(
    item: basil.Labelled, data: dict[str, Any], score: scoring.TripletScore, triplets: Path
) -> tuple[Counter[tuple[str, str]], int]:
    """Per flag tp/fp/fn over the verdicts whose version stands for the pair's ``b``; and how
    many verdicts were scored so."""
    predictions, versions = scoring.predictions_from_json(
        data, lambda p: scoring.gold_file(p, triplets)
    )
    stands = _standing(item.gold, predictions)
    flags_of = {v.quote_id: set(v.flags) for v in versions}
    labelled = _pair_flags(item.path)
    counts: Counter[tuple[str, str]] = Counter()
    used = 0
    for verdict in score.verdicts:
        if verdict.gold_b not in stands.get(verdict.version, set()):
            continue  # the version renders a: the label's flags describe the other direction
        used += 1
        gold_flags = labelled.get((verdict.gold_a, verdict.gold_b), set())
        got = flags_of.get(verdict.version, set())
        for flag in SCORED_FLAGS:
            if flag in gold_flags and flag in got:
                counts[(flag, "tp")] += 1
            elif flag in got:
                counts[(flag, "fp")] += 1
            elif flag in gold_flags:
                counts[(flag, "fn")] += 1
    return counts, used


def _ratio(num: int, den: int) -> str:
    return f"{num / den:.2f}" if den else "-"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval", type=Path, default=None)
    parser.add_argument("--labels", type=Path, default=basil.LABELS)
    parser.add_argument("--triplet", action="append", default=[], help="uuid8; repeatable")
    parser.add_argument("--processes", type=int, default=None)
    args = parser.parse_args(argv)
    eval_dir = args.eval or basil.default_eval()
    if eval_dir is None or not (eval_dir / "basil" / "triplets").is_dir():
        print("error: no BASIL triplets found: pass --eval PATH", file=sys.stderr)
        return 2
    triplets = eval_dir / "basil" / "triplets"
    files = sorted(args.labels.glob("*.json"))
    if args.triplet:
        files = [f for f in files if any(f.stem.startswith(t[:8]) for t in args.triplet)]
    labelled, errors = basil.load_labels(files, triplets)
    for e in errors:
        print(f"error: {e}", file=sys.stderr)

    organisations = basil.load_organisations(basil.ORGANISATIONS)
    agree: Counter[tuple[str, bool]] = Counter()
    alarms: Counter[str] = Counter()
    flags: Counter[tuple[str, str]] = Counter()
    scored = 0
    for i, item in enumerate(labelled, 1):
        print(f"[{i}/{len(labelled)}] {item.gold.triplet[:8]}", file=sys.stderr, flush=True)
        score, data, _warnings = basil.run_triplet(item, triplets, args.processes, organisations)
        for v in score.verdicts:
            agree[(v.relation, v.agrees)] += 1
            if v.false_alarm:
                alarms[v.false_alarm] += 1
        counts, used = score_flags(item, data, score, triplets)
        flags.update(counts)
        scored += used

    relations = sorted({r for r, _ in agree}, key=list(scoring.TIER_AGREES).index)
    rows = [
        [r, agree[(r, True)] + agree[(r, False)], _ratio(agree[(r, True)], agree[(r, True)] +
                                                          agree[(r, False)])]
        for r in relations
    ]  # fmt: skip
    total = sum(agree.values())
    rows.append(["all", total, _ratio(sum(n for (_r, ok), n in agree.items() if ok), total)])
    print(f"BASIL development pairs, {len(labelled)} triplets: tier agreement per relation")
    print(tabulate(rows, headers=["relation", "versions", "agreement"]))
    print(f"false alarms: {sum(alarms.values())} ({dict(sorted(alarms.items()))})")
    print()
    print(f"Flags on the {scored} versions that render a pair's b (label flags describe b):")
    flag_rows = []
    for flag in SCORED_FLAGS:
        tp, fp, fn = flags[(flag, "tp")], flags[(flag, "fp")], flags[(flag, "fn")]
        flag_rows.append([flag, tp + fn, tp, fp, fn, _ratio(tp, tp + fp), _ratio(tp, tp + fn)])
    print(
        tabulate(
            flag_rows,
            headers=["flag", "labelled", "tp", "fp", "fn", "precision", "recall"],
        )
    )
    return 2 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
