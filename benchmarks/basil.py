"""BASIL development benchmark: ``compare`` on independent three-outlet coverage, scored as
../shared/eval/basil/README.md "Scoring" defines (see basil_scoring.py for the exact rules).

Usage: python benchmarks/basil.py [--eval PATH] [--labels DIR] [--triplet UUID8 ...]
       [--json OUT] [--details] [--check] [--floors FILE] [--organisations FILE]
       [--processes N]

The labels (benchmarks/basil_dev/<uuid8>.json: offsets and SHA-1s, no text) are the set the
alignment, speaker and verdict rules are tuned on. The eval folder is ../shared/eval from the
project root (or from the main checkout of a git worktree), or ``--eval PATH``. Every label's
SHA-1 is checked against the text first: a mismatch is an error naming the quotation, and that
triplet is left out (the others go on; the exit code is then 2).

Each triplet runs ``quotedrift.compare`` on its three files through the public API, with the
settings a user gets (``load_settings``) and a fresh temporary cache folder, so nothing is read
from an earlier run's caches. The report is rendered with ``render_report(report, "json")`` and
scored from that JSON, as an outside scorer would. Seconds per triplet time that compare call:
it includes loading the encoder's weights (every call builds its own, as each CLI run does); the
first triplet also pays the imports and the spaCy load, so it is shown apart. CPU seconds (this
process and its extraction workers) are printed too: on a shared machine they move less than wall
time. ``--processes`` changes where extraction runs, never its results.

benchmarks/basil_organisations.json lists the gold speakers that are organisations (the label
format has no speaker kind; the organisation rule of the speaker score needs it).

``--check`` exits 1 when a figure falls below its floor in benchmarks/basil_floors.json (or false
alarms rise above their ceiling). Floors are only ever raised.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from tabulate import tabulate

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import basil_scoring as scoring  # noqa: E402

import quotedrift  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "benchmarks" / "basil_dev"
FLOORS = ROOT / "benchmarks" / "basil_floors.json"
ORGANISATIONS = ROOT / "benchmarks" / "basil_organisations.json"
SOURCES = ("fox", "nyt", "hpo")
# Figures where higher is better, checked against floors; false alarms have a ceiling.
FLOORED = (
    "quote_recall",
    "speaker_right",
    "pair_precision",
    "pair_recall",
    "pair_f1",
    "tier_agreement",
)


class LabelError(Exception):
    """A label file that does not fit its text (names the file and the quotation)."""


def default_eval() -> Path | None:
    """../shared/eval from the project root, else from the main checkout of this worktree."""
    candidates = [ROOT.parent / "shared" / "eval"]
    git = ROOT / ".git"
    if git.is_file():  # a worktree: .git names <main>/.git/worktrees/<name>
        gitdir = Path(git.read_text(encoding="utf-8").split(":", 1)[1].strip())
        candidates.append(gitdir.parents[2] / "shared" / "eval")
    return next((c for c in candidates if (c / "basil" / "triplets").is_dir()), None)


@dataclass(frozen=True)
class Labelled:
    path: Path
    gold: scoring.Gold
    data: dict[str, Any]


def load_labels(files: Sequence[Path], triplets: Path) -> tuple[list[Labelled], list[str]]:
    """Label files checked against their texts; errors (one line each) for those that fail."""
    loaded, errors = [], []
    for path in files:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            check_hashes(data, triplets, path)
            loaded.append(Labelled(path, scoring.load_gold(data), data))
        except (OSError, ValueError, KeyError, LabelError) as exc:
            errors.append(f"{path}: {exc}")
    return loaded, errors


def load_organisations(path: Path) -> frozenset[str] | None:
    """The gold speakers listed as organisations, or None when the file is absent."""
    if not path.is_file():
        return None
    return frozenset(json.loads(path.read_text(encoding="utf-8"))["organisations"])


def check_hashes(data: dict[str, Any], triplets: Path, path: Path) -> None:
    """Raise LabelError naming every quotation whose span's SHA-1 differs from the label's."""
    texts: dict[str, str] = {}
    bad = []
    for q in data["quotes"]:
        if q["file"] not in texts:
            file = triplets / q["file"]
            if not file.is_file():
                raise LabelError(f"quotation {q['id']}: text file {file} not found")
            texts[q["file"]] = file.read_text(encoding="utf-8")
        span = texts[q["file"]][q["start"] : q["end"]]
        if hashlib.sha1(span.encode("utf-8")).hexdigest() != q["sha1"]:
            bad.append(f"{q['id']} [{q['start']}:{q['end']}] of {q['file']}")
    if bad:
        raise LabelError("SHA-1 mismatch for quotation " + ", ".join(bad))


def run_triplet(
    labelled: Labelled,
    triplets: Path,
    processes: int | None,
    organisations: frozenset[str] | None,
) -> tuple[scoring.TripletScore, dict[str, Any], list[str]]:
    """compare on the triplet's three files; the score, the JSON report and offset warnings."""
    folder = triplets / labelled.gold.triplet
    paths = [folder / f"{s}.txt" for s in SOURCES if (folder / f"{s}.txt").is_file()]
    with tempfile.TemporaryDirectory(prefix="basil-cache-") as cache:
        overrides: dict[str, Any] = {"cache_dir": Path(cache)}
        if processes is not None:
            overrides["processes"] = processes
        settings = quotedrift.load_settings(**overrides)
        started, cpu_started = time.perf_counter(), cpu_time()
        report = quotedrift.compare(paths, settings)
        seconds, cpu_seconds = time.perf_counter() - started, cpu_time() - cpu_started
    data = json.loads(quotedrift.render_report(report, "json"))
    predictions, versions = scoring.predictions_from_json(
        rendered(data), lambda p: scoring.gold_file(p, triplets)
    )
    score = scoring.score_triplet(
        labelled.gold, predictions, versions, scoring.head_noun, organisations
    )
    warnings = offset_warnings(data, folder)
    return replace(score, seconds=seconds, cpu_seconds=cpu_seconds), data, warnings


def rendered(data: dict[str, Any]) -> dict[str, Any]:
    """The report with each statement member's ``spans`` narrowed to the fragments holding its
    ``rendered_spans``, where the report gives them: a quotation of several fragments ('"A," he
    said. "B."') may render one statement in one fragment and another in the other, and the
    prediction for a statement is the fragments (from mark to mark: the gold's unit) that hold
    the words rendering it. Reports without the field are left as they are. Each statement
    member's quote ids get the statement's id appended (``q@s3``), so that a quotation in two
    statements is two predictions."""

    def member(record: dict[str, Any]) -> dict[str, Any]:
        rendered = record.get("rendered_spans")
        if not rendered:
            return record
        spans = [
            [s, e] for s, e in record["spans"] if any(s < re_ and rs < e for rs, re_ in rendered)
        ]
        return {**record, "spans": spans or record["spans"]}

    def named(record: dict[str, Any], statement: str) -> dict[str, Any]:
        out = {**member(record), "quote_id": f"{record['quote_id']}@{statement}"}
        if "original_quote_ids" in record:
            out["original_quote_ids"] = [f"{o}@{statement}" for o in record["original_quote_ids"]]
        return out

    # A quotation that renders several statements is a member of each: each membership is a
    # prediction of its own, and a version's (version, original) pair is the one in its statement.
    statements = [
        {
            **s,
            "original": {
                **s["original"],
                "quotes": [named(q, s["id"]) for q in s["original"]["quotes"]],
            },
            "versions": [named(v, s["id"]) for v in s["versions"]],
        }
        for s in data["statements"]
    ]
    return {
        **data,
        "statements": statements,
        "unsupported": [member(v) for v in data["unsupported"]],
    }


def cpu_time() -> float:
    """CPU seconds of this process and its finished children (extraction workers): unlike wall
    time, it does not grow when other work shares the machine."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def offset_warnings(data: dict[str, Any], folder: Path) -> list[str]:
    """Records whose spans do not give back their text in the file (offsets would be wrong)."""
    texts = {a["article"]: Path(a["path"]).read_text(encoding="utf-8") for a in data["articles"]}
    records = [v for s in data["statements"] for v in s["versions"]] + data["unsupported"]
    out = []
    for r in records:
        words = " ".join(texts[r["article"]][s:e] for s, e in r["spans"])
        if words.split() != r["text"].split():
            out.append(f"{folder.name}/{r['quote_id']}: spans do not hold the quotation's text")
    return out


# ---------------------------------------------------------------------------------------------
# printing


def _f(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def triplet_row(s: scoring.TripletScore) -> list[object]:
    one = scoring.figures([s])
    return [
        s.triplet[:8],
        s.gold_quotes,
        _f(one.quote_recall),
        _f(one.speaker_right),
        len(s.true_pairs) + len(s.missed_pairs),
        len(s.true_pairs),
        len(s.false_pairs),
        len(s.missed_pairs),
        _f(one.pair_precision),
        _f(one.pair_recall),
        _f(one.pair_f1),
        f"{sum(v.agrees for v in s.verdicts)}/{len(s.verdicts)}",
        len(s.false_alarms),
        f"{s.seconds:.1f}",
        f"{s.cpu_seconds:.1f}",
    ]


HEADERS = [
    "triplet",
    "quotes",
    "recall",
    "speaker",
    "gold pairs",
    "tp",
    "fp",
    "fn",
    "P",
    "R",
    "F1",
    "tiers",
    "alarms",
    "s",
    "cpu s",
]


def overall_line(fig: scoring.Figures) -> str:
    return (
        f"overall ({fig.triplets} triplets, {fig.gold_quotes} quotations): "
        f"quote recall {_f(fig.quote_recall, 3)}, speaker right {_f(fig.speaker_right, 3)}, "
        f"pairs P {_f(fig.pair_precision, 3)} R {_f(fig.pair_recall, 3)} "
        f"F1 {_f(fig.pair_f1, 3)}, tier agreement {_f(fig.tier_agreement, 3)} "
        f"({fig.counts['tiers_agreeing']} of {fig.verdicts} versions scored; "
        f"{fig.counts['labelled_pairs']} labelled pairs), false alarms {fig.false_alarms}, "
        f"{_f(fig.seconds_per_triplet, 1)} s/triplet ({_f(fig.cpu_seconds_per_triplet, 1)} CPU s)"
    )


def breakdowns(scores: Sequence[scoring.TripletScore], gold: dict[str, scoring.GoldQuote]) -> str:
    out = []
    missed = Counter(
        (gold[m].kind, "headline" if gold[m].headline else "body") for s in scores for m in s.missed
    )
    out.append("Missed quotations by kind and place:")
    out.append(
        tabulate(
            [[k, h, n] for (k, h), n in sorted(missed.items())] or [["-", "-", 0]],
            headers=["kind", "where", "missed"],
        )
    )
    wrong = [w for s in scores for w in s.wrong_speakers]
    out.append("")
    out.append(f"Wrong speakers ({len(wrong)}; gold quotation, offsets, gold vs resolved name):")
    out.append(
        tabulate(
            [
                [w.gold, f"{gold[w.gold].start}-{gold[w.gold].end}", w.gold_speaker, w.predicted]
                for w in wrong
            ]
            or [["-"] * 4],
            headers=["gold", "offsets", "gold speaker", "resolved"],
        )
    )
    causes = Counter(
        [("missed", c) for s in scores for c in s.missed_pair_causes]
        + [("false", c) for s in scores for c in s.false_pair_causes]
    )
    out.append("")
    out.append("Pairs missed and false, by cause:")
    out.append(
        tabulate(
            [[k, c, n] for (k, c), n in sorted(causes.items())] or [["-", "-", 0]],
            headers=["pairs", "cause", "count"],
        )
    )
    confusion = scoring.tier_confusion(scores)
    tiers = sorted({t for _, t in confusion}, key=_tier_order)
    relations = [r for r in scoring.TIER_AGREES if any(r == rel for rel, _ in confusion)]
    out.append("")
    out.append("Tier confusion (rows: gold relation, columns: predicted tier):")
    out.append(
        tabulate(
            [[r, *[confusion.get((r, t), 0) for t in tiers]] for r in relations] or [["-"]],
            headers=["relation", *tiers],
        )
    )
    alarms = Counter(
        (v.false_alarm, v.relation) for s in scores for v in s.verdicts if v.false_alarm
    )
    out.append("")
    out.append("False alarms by kind (and the gold relation):")
    out.append(
        tabulate(
            [[k, r, n] for (k, r), n in sorted(alarms.items())] or [["-", "-", 0]],
            headers=["kind", "gold relation", "count"],
        )
    )
    return "\n".join(out)


def _tier_order(tier: str) -> int:
    from quotedrift.records import TIER_ORDER

    return TIER_ORDER.index(tier) if tier in TIER_ORDER else len(TIER_ORDER)


def details(
    s: scoring.TripletScore, gold: dict[str, scoring.GoldQuote], triplets: Path, snippets: bool
) -> str:
    """Per-item listings for one triplet (ids and offsets; snippets only to the terminal)."""

    def where(gid: str) -> str:
        g = gold[gid]
        text = ""
        if snippets:
            words = (triplets / g.file).read_text(encoding="utf-8")[g.start : g.end]
            text = f"  {words[:60]!r}"
        return f"{gid} [{g.start}:{g.end}] {g.kind}{' headline' if g.headline else ''}{text}"

    out = [f"--- {s.triplet[:8]}"]
    out += [f"missed      {where(m)}" for m in s.missed]
    out += [
        f"speaker     {where(w.gold)}: gold {w.gold_speaker!r}, resolved {w.predicted!r} "
        f"({w.prediction})"
        for w in s.wrong_speakers
    ]
    out += [
        f"false pair  {a} ~ {b} ({cause})"
        for (a, b), cause in zip(s.false_pairs, s.false_pair_causes, strict=True)
    ]
    out += [
        f"missed pair {a} ~ {b} ({cause})"
        for (a, b), cause in zip(s.missed_pairs, s.missed_pair_causes, strict=True)
    ]
    out += [
        f"tier        {v.version}: {v.gold_a} ~ {v.gold_b} is {v.relation}, predicted {v.tier}"
        + (f" (false alarm: {v.false_alarm})" if v.false_alarm else "")
        for v in s.verdicts
        if not v.agrees or v.false_alarm
    ]
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# floors


def check_floors(fig: scoring.Figures, floors: dict[str, Any]) -> list[str]:
    """The figures below their floor (or false alarms above their ceiling), one line each."""
    failed = []
    values = asdict(fig)
    for name in FLOORED:
        floor, value = floors.get(name), values[name]
        if floor is not None and (value is None or value < floor):
            failed.append(f"{name} {_f(value, 3)} is below its floor {floor}")
    ceiling = floors.get("false_alarms_max")
    if ceiling is not None and fig.false_alarms > ceiling:
        failed.append(f"false alarms {fig.false_alarms} are above their ceiling {ceiling}")
    return failed


def figures_json(
    fig: scoring.Figures, scores: Sequence[scoring.TripletScore], first_seconds: float | None
) -> dict[str, Any]:
    return {
        "overall": asdict(fig),
        "first_triplet_seconds": first_seconds,
        "triplets": {
            s.triplet[:8]: {
                **asdict(scoring.figures([s])),
                "missed": list(s.missed),
                "wrong_speakers": [asdict(w) for w in s.wrong_speakers],
                "false_pairs": [list(p) for p in s.false_pairs],
                "missed_pairs": [list(p) for p in s.missed_pairs],
                "verdicts": [asdict(v) for v in s.verdicts],
            }
            for s in scores
        },
        "tier_confusion": [
            {"relation": r, "tier": t, "count": n}
            for (r, t), n in sorted(scoring.tier_confusion(scores).items())
        ],
    }


# ---------------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval", type=Path, help="eval folder (default ../shared/eval)")
    parser.add_argument("--labels", type=Path, default=LABELS, help="label folder")
    parser.add_argument(
        "--triplet", action="append", default=[], help="run only this triplet (uuid8; repeatable)"
    )
    parser.add_argument("--json", type=Path, help="write the figures to this JSON file")
    parser.add_argument("--details", action="store_true", help="per-item listings")
    parser.add_argument("--check", action="store_true", help="exit 1 below a floor")
    parser.add_argument("--floors", type=Path, default=FLOORS, help="floors file")
    parser.add_argument(
        "--organisations",
        type=Path,
        default=ORGANISATIONS,
        help="gold speakers that are organisations (absent: the predicted kind decides)",
    )
    parser.add_argument(
        "--processes",
        type=int,
        default=None,
        help="extraction worker processes (default: the user's setting; results do not change)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    eval_dir = args.eval or default_eval()
    if eval_dir is None or not (eval_dir / "basil" / "triplets").is_dir():
        print(
            f"error: no BASIL triplets under {eval_dir or ROOT.parent / 'shared' / 'eval'}: "
            "pass --eval PATH (the folder holding basil/)",
            file=sys.stderr,
        )
        return 2
    triplets = eval_dir / "basil" / "triplets"
    files = sorted(args.labels.glob("*.json"))
    if args.triplet:
        files = [f for f in files if any(f.stem.startswith(t[:8]) for t in args.triplet)]
    if not files:
        print(
            f"error: no label files in {args.labels} for {args.triplet or 'any triplet'}",
            file=sys.stderr,
        )
        return 2
    labelled, errors = load_labels(files, triplets)
    organisations = load_organisations(args.organisations)
    for e in errors:
        print(f"error: {e}", file=sys.stderr)

    scores = []
    for i, item in enumerate(labelled, 1):
        print(f"[{i}/{len(labelled)}] {item.gold.triplet[:8]}", file=sys.stderr, flush=True)
        try:
            score, _, warnings = run_triplet(item, triplets, args.processes, organisations)
        except quotedrift.QuotedriftError as exc:
            errors.append(f"{item.path}: compare failed: {exc}")
            print(f"error: {errors[-1]}", file=sys.stderr)
            continue
        for w in warnings:
            print(f"warning: {w}", file=sys.stderr)
        scores.append(score)
    if not scores:
        return 2

    gold = {g.id: g for item in labelled for g in item.gold.quotes}
    fig = scoring.figures(scores)
    print(tabulate([triplet_row(s) for s in scores], headers=HEADERS, tablefmt="simple"))
    print()
    print(overall_line(fig))
    first = scores[0].seconds
    rest = [s.seconds for s in scores[1:]]
    print(
        f"seconds: one compare call per triplet with an empty cache, encoder load included in "
        f"every call; the first ({first:.1f} s) also pays imports and the spaCy load"
        + (f"; the others average {sum(rest) / len(rest):.1f} s" if rest else "")
    )
    print()
    print(breakdowns(scores, gold))
    if args.details:
        print()
        for s in scores:
            print(details(s, gold, triplets, snippets=True))
    if args.json:
        args.json.write_text(
            json.dumps(figures_json(fig, scores, first), indent=2, sort_keys=True) + "\n",
            encoding="utf-8",
        )
    status = 2 if errors else 0
    if args.check:
        if args.triplet:
            print(
                "error: --check needs every triplet (floors are for the whole set)", file=sys.stderr
            )
            return 2
        try:
            floors = json.loads(args.floors.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            print(f"error: {args.floors}: cannot read the floors ({exc})", file=sys.stderr)
            return 2
        failed = check_floors(fig, floors)
        for line in failed:
            print(f"below floor: {line}", file=sys.stderr)
        if failed:
            return 1
        print(f"all figures at or above their floors ({args.floors.name})")
    return status


if __name__ == "__main__":
    sys.exit(main())
