"""Score quotation, reported-speech and speaker extraction on PolNeAR train and dev, side by side.

Usage: python benchmarks/polnear_extract.py [EVAL_DIR] [--split both|dev|train] [--errors N]
       [--limit N] [--processes N] [--speed] [--learned P] [--beliefs] [--objects]
       [--frame-cut C] [--no-frames] [--no-entities]
       python benchmarks/polnear_extract.py --fit-confidence   (fits Quote.confidence on train,
       writes quotedrift/lang/en/confidence.json; the reliability tables show it on both splits)
       python benchmarks/polnear_extract.py --split train --learn   (prints the lexicon for
       quotedrift/lang/en/learned_frames.py)

The hand-written rules were tuned on dev ("rules tuned here" in the tables); the frame model and
the confidence table learned from train only, so train figures show the rules on text they were
not tuned on and dev figures show the learned parts on text they never saw.

EVAL_DIR defaults to ../shared/eval relative to the repository root. Per article the first
annotator file in sorted order is the gold. Scoring (as in ../shared/eval/README.md):

- gold contents are direct (start and end with a quotation mark), mixed (contain one) or indirect;
- predictions are matched to gold contents one to one, greedily by character overlap; lenient: the
  overlap covers >= 50% of the gold content; exact: the two agree once quotation marks,
  punctuation and spaces at the edges are set aside;
- a predicted quote's extent: its spans for direct and indirect, its ``content`` for partial
  quotes when set (else its spans);
- recall by gold kind; precision by predicted kind (direct, partial, indirect), a prediction that
  matches no gold content of any kind being a false positive;
- gold pairs whose Source is a cue word and whose Cue is a capitalised name are read with the two
  labels swapped (an annotation slip in '"...," said Hester': see ``_swapped``);
- speaker accuracy on matched gold direct+mixed contents: right when the predicted
  ``SpeakerRef.span`` overlaps the gold Source span; where the gold has no Source, right when the
  prediction has no speaker mention either (no speaker, or a carried-over speaker with no span);
- a prediction is right (what ``Quote.confidence`` estimates) when it matches a gold content of
  any kind and its speaker is right as above; the reliability table bins predictions by
  confidence and sets the share right beside the mean confidence; the expected calibration
  error is the prediction-weighted mean gap.

Speed (``--speed``, dev): ``extract_articles`` over the split with worker processes, including
their start (spaCy imported and loaded in each) and excluding it (the start measured on a pool
given tiny articles); CPU seconds, which depend less on what else the machine runs (the load
average is printed beside them); the whole ``quotedrift extract`` command in a new process
(Python start, imports, reading the files, JSONL output); and what the entity recogniser costs:
one process's CPU seconds with it and without it (``--no-entities`` times the run without).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from tabulate import tabulate

from quotedrift.extraction.article import extract_articles
from quotedrift.extraction.confidence import cell, fit_table, lookup
from quotedrift.extraction.cues import speech_base
from quotedrift.lang.en.pronouns import PRONOUNS
from quotedrift.records import Article, Extraction, Quote, Span

ROOT = Path(__file__).resolve().parents[1]
CONFIDENCE = ROOT / "quotedrift" / "lang" / "en" / "confidence.json"
MARKS = '"“”„«»'
EDGE = MARKS + " \t\n,.;:!?'‘’()[]—–-"


@dataclass
class Gold:
    article: str
    frags: list[Span]
    kind: str  # direct | mixed | indirect
    source: Span | None
    source_text: str | None


def _spans(field: str) -> list[Span]:
    out = []
    for part in field.split(";"):
        s, e = part.split()
        out.append((int(s), int(e)))
    return out


def _swapped(text: str, source: list[Span], cue: list[Span]) -> bool:
    """True when an annotator labelled the cue verb as the Source and the speaker as the Cue
    (dev has five: '"...," said Hester' with Source "said", Cue "Hester"). By the README's
    definition the Source is who said it, so the scorer reads such a pair the right way round."""
    src_text = " ".join(text[s:e] for s, e in source).strip().lower()
    cue_text = " ".join(text[s:e] for s, e in cue).strip()
    return (
        speech_base(src_text) is not None
        and speech_base(cue_text) is None
        and cue_text[:1].isupper()
    )


def load_gold(split_dir: Path, limit: int | None) -> tuple[list[Article], list[Gold]]:
    """Articles and their gold attributions (first annotator file per article)."""
    articles: list[Article] = []
    golds: list[Gold] = []
    ann_by_article: dict[str, Path] = {}
    for ann in sorted((split_dir / "attributions").glob("*.ann")):
        ann_by_article.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    names = sorted(ann_by_article)
    if limit:
        names = names[:limit]
    for name in names:
        text = (split_dir / "text" / f"{name}.txt").read_text(encoding="utf-8")
        articles.append(Article(id=name, path=name, text=text))
        spans: dict[str, tuple[str, list[Span]]] = {}
        rels = []
        for line in ann_by_article[name].read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if line.startswith("T") and len(cols) >= 2:
                label, _, offs = cols[1].partition(" ")
                try:
                    spans[cols[0]] = (label, _spans(offs))
                except ValueError:
                    continue
            elif line.startswith("E") and len(cols) >= 2:
                rels.append(dict(p.split(":", 1) for p in cols[1].split() if ":" in p))
        for rel in rels:
            if "Content" not in rel or rel["Content"] not in spans:
                continue
            frags = spans[rel["Content"]][1]
            content = "".join(text[s:e] for s, e in frags).strip()
            if not content:
                continue
            # Typewriter pairs ('' and ``) are quotation marks in the NYT texts.
            marked = content.replace("''", '"').replace("``", '"')
            if marked[0] in MARKS and marked.rstrip(".,")[-1:] in MARKS:
                kind = "direct"
            elif any(m in marked for m in MARKS):
                kind = "mixed"
            else:
                kind = "indirect"
            src = spans.get(rel.get("Source", ""))
            cue = spans.get(rel.get("Cue", ""))
            if src and cue and _swapped(text, src[1], cue[1]):
                src = cue  # '"...," said Hester' with the labels swapped: Source "said"
            source = (src[1][0][0], src[1][-1][1]) if src else None
            golds.append(
                Gold(name, frags, kind, source, text[source[0] : source[1]] if source else None)
            )
    return articles, golds


def _extent(q: Quote) -> list[Span]:
    if q.kind == "partial" and q.content is not None:
        return [q.content]
    return list(q.spans)


def _chars(spans: list[Span]) -> set[int]:
    return {i for s, e in spans for i in range(s, e)}


def _strip(text: str, spans: list[Span]) -> str:
    return " ".join(" ".join(text[s:e] for s, e in spans).strip(EDGE).split())


def speaker_type(g: Gold) -> str:
    if g.source_text is None:
        return "none"
    words = g.source_text.split()
    if len(words) == 1 and words[0].lower().strip("’'s") in PRONOUNS:
        return "pronoun"
    if any(w[:1].isupper() for w in words if w.lower() not in {"the", "a", "an"}):
        return "named"
    return "role/description"


@dataclass
class Matching:
    """Gold contents matched to predictions one to one (lenient), per split."""

    matched: dict[int, tuple[Quote, bool]]  # id(gold) -> (prediction, exact)
    hit: dict[int, Gold | None]  # id(prediction) -> the gold it matched, or None
    preds: dict[str, list[Quote]]  # article id -> predictions


def match(articles: list[Article], golds: list[Gold], results: list[Extraction]) -> Matching:
    """Greedy one-to-one matching by overlap (>= half the gold content), best overlap first."""
    preds = {ex.article.id: list(ex.quotes) for ex in results}
    gold_by: dict[str, list[Gold]] = {}
    for g in golds:
        gold_by.setdefault(g.article, []).append(g)
    matched: dict[int, tuple[Quote, bool]] = {}
    hit: dict[int, Gold | None] = {}
    for art in articles:
        gs = gold_by.get(art.id, [])
        ps = preds.get(art.id, [])
        pairs = []
        gchars = [_chars(g.frags) for g in gs]
        for pi, p in enumerate(ps):
            pc = _chars(_extent(p))
            for gi, gc in enumerate(gchars):
                ov = len(pc & gc)
                if ov and ov * 2 >= len(gc):
                    pairs.append((ov / max(len(pc | gc), 1), gi, pi))
        used_g: dict[int, int] = {}
        used_p: set[int] = set()
        for _, gi, pi in sorted(pairs, reverse=True):
            if gi in used_g or pi in used_p:
                continue
            used_g[gi] = pi
            used_p.add(pi)
            g, p = gs[gi], ps[pi]
            matched[id(g)] = (p, _strip(art.text, g.frags) == _strip(art.text, _extent(p)))
        by_pred = {pi: gs[gi] for gi, pi in used_g.items()}
        for pi, p in enumerate(ps):
            hit[id(p)] = by_pred.get(pi)
    return Matching(matched, hit, preds)


PRED_KINDS = {
    "direct": ("direct",),
    "mixed": ("partial",),
    "direct+mixed": ("direct", "partial"),
    "indirect": ("indirect",),
}
GOLD_KINDS = {
    "direct": ("direct",),
    "mixed": ("mixed",),
    "direct+mixed": ("direct", "mixed"),
    "indirect": ("indirect",),
}


def _prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_pred / max(n_pred, 1)
    r = tp_gold / max(n_gold, 1)
    return p, r, 2 * p * r / max(p + r, 1e-9)


def kind_scores(golds: list[Gold], m: Matching) -> dict[str, dict[str, float]]:
    """Per kind: gold and predicted counts, lenient P/R/F1 and exact P/R/F1 (a prediction counts
    for exact precision when the gold it matched agrees with it exactly)."""
    all_preds = [p for ps in m.preds.values() for p in ps]
    out = {}
    for name in PRED_KINDS:
        gk = [g for g in golds if g.kind in GOLD_KINDS[name]]
        pk = [p for p in all_preds if p.kind in PRED_KINDS[name]]
        hit = [g for g in gk if id(g) in m.matched]
        exact = sum(1 for g in hit if m.matched[id(g)][1])
        tp_p = sum(1 for p in pk if m.hit[id(p)] is not None)
        tp_pe = sum(1 for p in pk if (g := m.hit[id(p)]) is not None and m.matched[id(g)][1])
        p, r, f = _prf(tp_p, len(pk), len(hit), len(gk))
        pe, re_, fe = _prf(tp_pe, len(pk), exact, len(gk))
        out[name] = {
            "gold": len(gk), "pred": len(pk),
            "P": p, "R": r, "F1": f, "P exact": pe, "R exact": re_, "F1 exact": fe,
        }  # fmt: skip
    return out


def speaker_right(g: Gold, p: Quote) -> bool:
    """Whether ``p`` names the gold source of ``g`` (its mention overlaps the Source span;
    where the gold has no Source, whether ``p`` has no speaker mention either)."""
    span = p.speaker.span if p.speaker is not None else None
    if g.source is None:
        return span is None
    return span is not None and span[0] < g.source[1] and g.source[0] < span[1]


def speaker_scores(golds: list[Gold], m: Matching) -> dict[str, dict[str, tuple[int, int]]]:
    """Speaker accuracy on matched direct+mixed, and indirect recall, by gold speaker type:
    table -> type -> (n, right)."""
    acc: dict[str, list[int]] = {}
    ind: dict[str, list[int]] = {}
    for g in golds:
        t = speaker_type(g)
        if g.kind == "indirect":
            row = ind.setdefault(t, [0, 0])
            row[0] += 1
            row[1] += id(g) in m.matched
        elif id(g) in m.matched:
            row = acc.setdefault(t, [0, 0])
            row[0] += 1
            row[1] += speaker_right(g, m.matched[id(g)][0])
    for table in (acc, ind):
        table["all"] = [sum(v[0] for v in table.values()), sum(v[1] for v in table.values())]
    return {
        "speaker accuracy on matched direct+mixed": {k: (v[0], v[1]) for k, v in acc.items()},
        "indirect recall": {k: (v[0], v[1]) for k, v in ind.items()},
    }


def outcomes(m: Matching) -> list[tuple[Quote, bool]]:
    """Every prediction and whether it is right: it matches a gold content and names that
    content's source (what ``Quote.confidence`` estimates)."""
    out = []
    for ps in m.preds.values():
        for p in ps:
            g = m.hit[id(p)]
            out.append((p, g is not None and speaker_right(g, p)))
    return out


def fit_confidence(train: list[tuple[Quote, bool]]) -> dict[str, float]:
    """The confidence table (``quotedrift.extraction.confidence``) from train outcomes."""
    counts: dict[str, list[int]] = {}
    for q, right in train:
        row = counts.setdefault(cell(q), [0, 0])
        row[0] += 1
        row[1] += right
    return fit_table({k: (n, r) for k, (n, r) in counts.items()})


def reliability(
    scored: list[tuple[float, bool]], bins: int = 10
) -> tuple[list[list[object]], float]:
    """Rows (confidence bin, n, mean confidence, observed precision) and the expected
    calibration error (the n-weighted mean gap between the two)."""
    rows: list[list[object]] = []
    gap = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(c, r) for c, r in scored if lo <= c < hi or (b == bins - 1 and c == 1.0)]
        if not inside:
            continue
        mean_c = sum(c for c, _ in inside) / len(inside)
        prec = sum(r for _, r in inside) / len(inside)
        gap += len(inside) * abs(mean_c - prec)
        rows.append([f"{lo:.1f}-{hi:.1f}", len(inside), f"{mean_c:.3f}", f"{prec:.3f}"])
    return rows, gap / max(len(scored), 1)


def print_scores(splits: dict[str, tuple[list[Gold], Matching]]) -> None:
    """Kinds (lenient, exact) and speakers, the splits side by side."""
    names = list(splits)
    heads = {n: f"{n} (rules tuned here)" if n == "dev" else n for n in names}
    scores = {n: kind_scores(g, m) for n, (g, m) in splits.items()}
    for mode, keys in (("lenient (overlap >= 50% of gold)", ("P", "R", "F1")),
                       ("exact", ("P exact", "R exact", "F1 exact"))):  # fmt: skip
        rows = []
        for kind in PRED_KINDS:
            row: list[object] = [kind]
            for n in names:
                sc = scores[n][kind]
                row += [f"{int(sc['gold'])}/{int(sc['pred'])}"]
                row += [f"{sc[k]:.3f}" for k in keys]
            rows.append(row)
        headers = ["kind"]
        for n in names:
            headers += [f"{heads[n]}: gold/pred", "P", "R", "F1"]
        print(f"\nmatching: {mode}")
        print(tabulate(rows, headers=headers))
    speakers = {n: speaker_scores(g, m) for n, (g, m) in splits.items()}
    for table in speakers[names[0]]:
        types = {t for n in names for t in speakers[n][table]}
        types = sorted(types, key=lambda t: (t == "all", t))
        rows = []
        for t in types:
            row = [t]
            for n in names:
                total, right = speakers[n][table].get(t, (0, 0))
                row += [total, f"{right / total:.3f}" if total else "-"]
            rows.append(row)
        print(f"\n{table}, by gold speaker type")
        headers = ["gold speaker"]
        for n in names:
            headers += [f"{heads[n]}: n", "share"]
        print(tabulate(rows, headers=headers))


def print_reliability(name: str, scored: list[tuple[float, bool]]) -> None:
    rows, ece = reliability(scored)
    print(f"\nconfidence reliability on {name} ({len(scored)} predictions)")
    print(tabulate(rows, headers=["confidence", "n", "mean confidence", "precision"]))
    print(f"expected calibration error: {ece:.3f}")


def print_errors(articles: list[Article], golds: list[Gold], m: Matching, errors: int) -> None:
    texts = {a.id: a.text for a in articles}

    def show(label: str, items: list[str]) -> None:
        print(f"\n--- {label} ({len(items)}; first {errors})")
        for line in items[:errors]:
            print(line)

    missed: dict[str, list[str]] = {k: [] for k in ("direct", "mixed", "indirect")}
    for g in golds:
        if id(g) not in m.matched:
            t = texts[g.article]
            missed[g.kind].append(
                f"[{g.article[:30]}] {_strip(t, g.frags)[:160]!r} <- {g.source_text!r}"
            )
    for k, items in missed.items():
        show(f"missed gold {k}", items)
    fps: dict[str, list[str]] = {k: [] for k in ("direct", "partial", "indirect")}
    for art_id, ps in m.preds.items():
        for p in ps:
            if m.hit[id(p)] is None:
                fps[p.kind].append(
                    f"[{art_id[:30]}] {_strip(texts[art_id], _extent(p))[:160]!r} "
                    f"cue={p.cue.text if p.cue else None!r}"
                )
    for k, items in fps.items():
        show(f"false positive {k}", items)
    wrong = [
        (g, p)
        for g in golds
        if g.kind != "indirect" and id(g) in m.matched
        for p in [m.matched[id(g)][0]]
        if not speaker_right(g, p)
    ]
    show(
        "wrong speaker",
        [
            f"[{g.article[:30]}] {_strip(texts[g.article], g.frags)[:90]!r} "
            f"gold={g.source_text!r} "
            f"pred={(p.speaker.mention, p.speaker.span) if p.speaker else None!r}"
            for g, p in wrong
        ],
    )


def lines_of(articles: list[Article]) -> tuple[list[str], list[tuple[str, int]]]:
    """Every non-blank line of ``articles`` and its (article id, offset)."""
    texts, where = [], []
    for a in articles:
        pos = 0
        for line in a.text.split("\n"):
            if line.strip():
                texts.append(line)
                where.append((a.id, pos))
            pos += len(line) + 1
    return texts, where


def _children_cpu() -> float:
    """User + system CPU seconds of this process's finished children (pool workers)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _cli_seconds(text_dir: Path, processes: int) -> float:
    """Wall seconds of ``quotedrift extract TEXT_DIR --format jsonl`` as a user runs it, in a new
    process (no extraction cache)."""
    cmd = [
        sys.executable,
        "-c",
        "from quotedrift.cli import main; main()",
        "extract",
        str(text_dir),
        "--format",
        "jsonl",
        "--no-cache",
        "--processes",
        str(processes),
    ]
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def print_speed(
    articles: list[Article], text_dir: Path, options: dict[str, object], processes: int
) -> None:
    """Extraction speed over ``articles``: with worker processes including and excluding their
    start, worker CPU, one process's CPU, and the whole CLI command."""
    c0, t0 = _children_cpu(), time.perf_counter()
    extract_articles(articles, processes=processes, **options)  # type: ignore[arg-type]
    total = time.perf_counter() - t0
    workers_cpu = _children_cpu() - c0
    # Process start: the same pool on tiny articles (spawn + spaCy load per worker).
    tiny = [Article(id=f"t{i}", path="t", text="He said so.") for i in range(processes)]
    c1, t1 = _children_cpu(), time.perf_counter()
    extract_articles(tiny, processes=processes)
    start = time.perf_counter() - t1
    start_cpu = _children_cpu() - c1
    words = sum(len(a.text.split()) for a in articles)
    # The machine is shared, so wall time depends on the load: CPU seconds are the
    # load-independent figure (workers' CPU from RUSAGE_CHILDREN; in-process run below).
    extract_articles(articles[:1], processes=1)  # load spaCy
    cpu = _one_process_cpu(articles, options)
    n = len(articles)
    cli = _cli_seconds(text_dir, processes)
    print(
        f"\nspeed ({processes} processes, {n} articles, {words} words; load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores at the start)\n"
        f"  wall: {n / total:.1f} articles/s including process start ({total:.1f} s), "
        f"{n / max(total - start, 1e-9):.1f} excluding it (start {start:.1f} s)\n"
        f"  worker CPU: {workers_cpu:.1f} s including start, "
        f"{workers_cpu - start_cpu:.1f} s excluding it: "
        f"{n / max(workers_cpu - start_cpu, 1e-9):.1f} articles per CPU second\n"
        f"  one process: {n / cpu:.1f} articles per CPU second ({words / cpu:.0f} words/s);"
        f" ideal on {processes} cores: {processes * n / cpu:.1f} articles/s\n"
        f"  quotedrift extract, the whole command (Python start, imports, reading the files,"
        f" JSONL out): {n / cli:.1f} articles/s ({cli:.1f} s)"
    )
    if options.get("entities"):
        # What the entity recogniser costs: one process without it and with it, alternately,
        # twice each, the least CPU of each (what else runs on the shared cores only adds).
        without = {**options, "entities": False}
        bare = _one_process_cpu(articles, without)
        cpu = min(cpu, _one_process_cpu(articles, options))
        bare = min(bare, _one_process_cpu(articles, without))
        print(
            f"  entity recogniser: one process {n / cpu:.1f} articles per CPU second with it, "
            f"{n / bare:.1f} without (least of two runs each): {cpu / bare - 1:.0%} more CPU "
            f"({cpu - bare:.1f} s)"
        )
    print(f"  load average at the end: {os.getloadavg()[0]:.1f}")


def _one_process_cpu(articles: list[Article], options: dict[str, object]) -> float:
    """CPU seconds of extracting ``articles`` in this process (spaCy already loaded)."""
    c0 = time.process_time()
    extract_articles(articles, processes=1, **options)  # type: ignore[arg-type]
    return time.process_time() - c0


def _arguments() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("eval_dir", nargs="?", default=str(ROOT.parent / "shared" / "eval"))
    ap.add_argument("--split", default="both", choices=["both", "dev", "train"])
    ap.add_argument("--errors", type=int, default=0, help="print N errors of each class")
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles")
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--speed", action="store_true", help="also time extraction on dev")
    ap.add_argument("--beliefs", action="store_true", help="also belief clauses as indirect")
    ap.add_argument("--objects", action="store_true", help="also objects of attitude verbs")
    ap.add_argument(
        "--learned",
        type=float,
        default=2.0,
        help="also the verb-frame lexicon (lang/en/learned_frames.py) at this train precision "
        "(default 2: off)",
    )
    ap.add_argument(
        "--frame-cut", type=float, default=None, help="frame model cut (default: the shipped one)"
    )
    ap.add_argument("--no-frames", action="store_true", help="without the learned frame model")
    ap.add_argument(
        "--no-entities",
        action="store_true",
        help="without spaCy's entity recogniser (--speed prints what it costs either way)",
    )
    ap.add_argument(
        "--fit-confidence",
        action="store_true",
        help=f"fit the confidence table on train and write {CONFIDENCE.relative_to(ROOT)}",
    )
    ap.add_argument(
        "--learn",
        action="store_true",
        help="print the verb-frame lexicon learned from the split (use train) and stop",
    )
    return ap.parse_args()


def write_confidence(table: dict[str, float], n: int) -> None:
    data = {
        "about": "Quote.confidence by cell (kind|route|speaker, and coarser cells to fall back "
        f"on): the share of {n} predictions on PolNeAR train that match a gold content and name "
        "its source, shrunk towards the coarser cell by 10 pseudo-counts; written by "
        "benchmarks/polnear_extract.py --fit-confidence.",
        "confidence": table,
    }
    CONFIDENCE.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {CONFIDENCE.relative_to(ROOT)}: {len(table)} cells")


def main() -> int:
    args = _arguments()
    names = ["train", "dev"] if args.split == "both" else [args.split]
    options = {
        "beliefs": args.beliefs,
        "objects": args.objects,
        "learned": args.learned if args.learned <= 1 else None,
        "frames": not args.no_frames,
        "frame_cut": args.frame_cut,
        "entities": not args.no_entities,
    }
    splits: dict[str, tuple[list[Gold], Matching]] = {}
    loaded: dict[str, list[Article]] = {}
    for name in names:
        split_dir = Path(args.eval_dir) / "polnear" / name
        if not split_dir.is_dir():
            print(f"no PolNeAR data at {split_dir}", file=sys.stderr)
            return 2
        articles, golds = load_gold(split_dir, args.limit or None)
        if args.learn:
            from frame_lexicon import learn_frames  # the benchmarks folder is on the path

            print(learn_frames(articles, golds))
            return 0
        results = extract_articles(articles, processes=args.processes, **options)  # type: ignore[arg-type]
        print(f"PolNeAR {name}: {len(articles)} articles, {len(golds)} gold attributions")
        splits[name] = (golds, match(articles, golds, results))
        loaded[name] = articles
    print_scores(splits)
    table = None
    if args.fit_confidence:
        if "train" not in splits:
            print("--fit-confidence needs the train split", file=sys.stderr)
            return 2
        train = outcomes(splits["train"][1])
        table = fit_confidence(train)
        write_confidence(table, len(train))
    for name, (_, m) in splits.items():
        scored = [
            (lookup(table, cell(q)) if table is not None else q.confidence, right)
            for q, right in outcomes(m)
        ]
        print_reliability(f"{name} (confidence fitted on train)", scored)
    for name, (golds, m) in splits.items():
        if args.errors:
            print(f"\n=== errors on {name}")
            print_errors(loaded[name], golds, m, args.errors)
    if args.speed and "dev" in loaded:
        print_speed(loaded["dev"], Path(args.eval_dir) / "polnear" / "dev" / "text", options,
                    args.processes)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
