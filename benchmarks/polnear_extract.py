"""Score quotation, reported-speech and speaker extraction on PolNeAR (dev by default).

Usage: python benchmarks/polnear_extract.py [EVAL_DIR] [--split dev|train] [--errors N]
       [--limit N] [--processes N] [--no-speed] [--learned P] [--beliefs] [--objects]
       python benchmarks/polnear_extract.py --split train --learn   (prints the lexicon for
       quotedrift/lang/en/learned_frames.py)

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
  prediction has no speaker mention either (no speaker, or a carried-over speaker with no span).

Speed: ``extract_articles`` over the split with worker processes, including their start (spaCy
imported and loaded in each) and excluding it (the start measured on a pool given tiny articles);
CPU seconds, which do not depend on what else the machine runs; and the whole ``quotedrift
extract`` command in a new process (Python start, imports, reading the files, JSONL output).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from tabulate import tabulate

from quotedrift.extraction.article import extract_articles
from quotedrift.extraction.cues import speech_base
from quotedrift.lang.en.pronouns import PRONOUNS
from quotedrift.records import Article, Extraction, Quote, Span

ROOT = Path(__file__).resolve().parents[1]
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


def score(
    articles: list[Article], golds: list[Gold], results: list[Extraction], errors: int
) -> None:
    texts = {a.id: a.text for a in articles}
    preds = {ex.article.id: list(ex.quotes) for ex in results}
    gold_by: dict[str, list[Gold]] = {}
    for g in golds:
        gold_by.setdefault(g.article, []).append(g)
    matched: dict[int, tuple[Quote, bool]] = {}  # id(gold) -> (pred, exact)
    pred_hit: dict[int, bool] = {}
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
        used_g, used_p = set(), set()
        for _, gi, pi in sorted(pairs, reverse=True):
            if gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            g, p = gs[gi], ps[pi]
            exact = _strip(art.text, g.frags) == _strip(art.text, _extent(p))
            matched[id(g)] = (p, exact)
        for pi, p in enumerate(ps):
            pred_hit[id(p)] = pi in used_p

    rows = []
    kinds = {
        "direct": ("direct",),
        "mixed": ("partial",),
        "indirect": ("indirect",),
        "direct+mixed": ("direct", "partial"),
    }
    gold_kinds = {
        "direct": ("direct",),
        "mixed": ("mixed",),
        "indirect": ("indirect",),
        "direct+mixed": ("direct", "mixed"),
    }
    all_preds = [p for ps in preds.values() for p in ps]
    for name in ("direct", "mixed", "direct+mixed", "indirect"):
        gk = [g for g in golds if g.kind in gold_kinds[name]]
        pk = [p for p in all_preds if p.kind in kinds[name]]
        hit = [g for g in gk if id(g) in matched]
        exact_hit = [g for g in hit if matched[id(g)][1]]
        tp_p = sum(1 for p in pk if pred_hit[id(p)])
        r = len(hit) / max(len(gk), 1)
        pr = tp_p / max(len(pk), 1)
        f1 = 2 * pr * r / max(pr + r, 1e-9)
        re_ = len(exact_hit) / max(len(gk), 1)
        tp_exact = len(exact_hit)
        pe = tp_exact / max(len(pk), 1)
        fe = 2 * pe * re_ / max(pe + re_, 1e-9)
        rows.append([name, len(gk), len(pk), f"{pr:.3f}", f"{r:.3f}", f"{f1:.3f}", f"{fe:.3f}"])
    print(tabulate(rows, headers=["kind", "gold", "pred", "P", "R", "F1", "F1 exact"]))

    # Speakers on matched direct+mixed, by gold speaker type.
    by_type: Counter[str] = Counter()
    ok_type: Counter[str] = Counter()
    wrong = []
    for g in golds:
        if g.kind == "indirect" or id(g) not in matched:
            continue
        p = matched[id(g)][0]
        t = speaker_type(g)
        by_type[t] += 1
        span = p.speaker.span if p.speaker is not None else None
        if g.source is None:
            ok = span is None
        else:
            ok = span is not None and span[0] < g.source[1] and g.source[0] < span[1]
        ok_type[t] += ok
        if not ok:
            wrong.append((g, p))
    rows = [[t, by_type[t], f"{ok_type[t] / by_type[t]:.3f}"] for t in sorted(by_type)]
    total = sum(by_type.values())
    rows.append(["all", total, f"{sum(ok_type.values()) / max(total, 1):.3f}"])
    print()
    print("speaker accuracy on matched direct+mixed")
    print(tabulate(rows, headers=["gold speaker", "n", "accuracy"]))
    ind_r = [g for g in golds if g.kind == "indirect"]
    ind_by: Counter[str] = Counter(speaker_type(g) for g in ind_r)
    ind_hit: Counter[str] = Counter(speaker_type(g) for g in ind_r if id(g) in matched)
    print()
    print("indirect recall by gold speaker type")
    print(
        tabulate(
            [[t, ind_by[t], f"{ind_hit[t] / ind_by[t]:.3f}"] for t in sorted(ind_by)],
            headers=["gold speaker", "n", "recall"],
        )
    )

    if errors:

        def show(label: str, items: list[str]) -> None:
            print(f"\n--- {label} ({len(items)}; first {errors})")
            for line in items[:errors]:
                print(line)

        missed: dict[str, list[str]] = {k: [] for k in ("direct", "mixed", "indirect")}
        for g in golds:
            if id(g) not in matched:
                t = texts[g.article]
                missed[g.kind].append(
                    f"[{g.article[:30]}] {_strip(t, g.frags)[:160]!r} <- {g.source_text!r}"
                )
        for k, items in missed.items():
            show(f"missed gold {k}", items)
        fps: dict[str, list[str]] = {k: [] for k in ("direct", "partial", "indirect")}
        for art_id, ps in preds.items():
            for p in ps:
                if not pred_hit[id(p)]:
                    t = texts[art_id]
                    fps[p.kind].append(
                        f"[{art_id[:30]}] {_strip(t, _extent(p))[:160]!r} "
                        f"cue={p.cue.text if p.cue else None!r}"
                    )
        for k, items in fps.items():
            show(f"false positive {k}", items)
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


def learn_frames(articles: list[Article], golds: list[Gold]) -> str:
    """The ``cues.LEARNED_FRAMES_TEXT`` lexicon: for every (verb form, frame shape) that
    ``reported.frame`` reads outside quotation marks, how often its content matches a gold
    content (lenient, as scored); forms seen 3+ times with at least half matched."""
    import textwrap

    from quotedrift.extraction.nlp import load_nlp
    from quotedrift.extraction.parsed import ParsedParagraph
    from quotedrift.extraction.quotations import find_quotations
    from quotedrift.extraction.reported_speech import frame

    gold_chars: dict[str, list[set[int]]] = {}
    for g in golds:
        gold_chars.setdefault(g.article, []).append(_chars(g.frags))
    marks = {a.id: [m for c in find_quotations(a.text) for m in c.marks] for a in articles}
    texts, where = lines_of(articles)
    seen: Counter[tuple[str, str]] = Counter()
    hits: Counter[tuple[str, str]] = Counter()
    docs = load_nlp().pipe(texts, batch_size=64, disable=["ner", "attribute_ruler"])
    for (art, offset), doc in zip(where, docs, strict=True):
        para = ParsedParagraph(offset, doc, offset + len(doc.text))
        for tok in doc:
            found = frame(tok)
            if found is None or not tok.lower_.isalpha():
                continue
            s, e = para.extent(found[2])
            if any(s < me and ms < e for ms, me in marks[art]):
                continue  # inside or across a quotation: the quotation is the statement
            chars = set(range(s, e))
            key = (tok.lower_, found[0])
            seen[key] += 1
            hits[key] += any(len(chars & gc) * 2 >= len(gc) for gc in gold_chars.get(art, []))
    words = [
        f"{form}:{shape[0]}:{hits[(form, shape)]}/{n}"
        for (form, shape), n in sorted(seen.items())
        if n >= 3 and hits[(form, shape)] * 2 >= n
    ]
    return textwrap.fill(" ".join(words), 92, initial_indent="    ", subsequent_indent="    ")


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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("eval_dir", nargs="?", default=str(ROOT.parent / "shared" / "eval"))
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--errors", type=int, default=0, help="print N errors of each class")
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles")
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--no-speed", action="store_true", help="skip the timing runs")
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
        "--learn",
        action="store_true",
        help="print the verb-frame lexicon learned from the split (use train) and stop",
    )
    args = ap.parse_args()
    split_dir = Path(args.eval_dir) / "polnear" / args.split
    if not split_dir.is_dir():
        print(f"no PolNeAR data at {split_dir}", file=sys.stderr)
        return 2
    articles, golds = load_gold(split_dir, args.limit or None)
    if args.learn:
        print(learn_frames(articles, golds))
        return 0
    options = {
        "beliefs": args.beliefs,
        "objects": args.objects,
        "learned": args.learned if args.learned <= 1 else None,
        "frames": not args.no_frames,
        "frame_cut": args.frame_cut,
    }
    c0, t0 = _children_cpu(), time.perf_counter()
    results = extract_articles(articles, processes=args.processes, **options)
    total = time.perf_counter() - t0
    workers_cpu = _children_cpu() - c0
    print(f"PolNeAR {args.split}: {len(articles)} articles, {len(golds)} gold attributions\n")
    score(articles, golds, results, args.errors)
    if not args.no_speed:
        # Process start: the same pool on tiny articles (spawn + spaCy load per worker).
        tiny = [Article(id=f"t{i}", path="t", text="He said so.") for i in range(args.processes)]
        c1, t1 = _children_cpu(), time.perf_counter()
        extract_articles(tiny, processes=args.processes)
        start = time.perf_counter() - t1
        start_cpu = _children_cpu() - c1
        words = sum(len(a.text.split()) for a in articles)
        # The machine is shared, so wall time depends on the load: CPU seconds are the
        # load-independent figure (workers' CPU from RUSAGE_CHILDREN; in-process run below).
        extract_articles(articles[:1], processes=1)  # load spaCy
        c2 = time.process_time()
        extract_articles(articles, processes=1, **options)
        cpu = time.process_time() - c2
        n = len(articles)
        cli = _cli_seconds(split_dir / "text", args.processes)
        print(
            f"\nspeed ({args.processes} processes, {n} articles, {words} words)\n"
            f"  wall: {n / total:.1f} articles/s including process start ({total:.1f} s), "
            f"{n / max(total - start, 1e-9):.1f} excluding it (start {start:.1f} s)\n"
            f"  worker CPU: {workers_cpu:.1f} s including start, "
            f"{workers_cpu - start_cpu:.1f} s excluding it: "
            f"{n / max(workers_cpu - start_cpu, 1e-9):.1f} articles per CPU second\n"
            f"  one process: {n / cpu:.1f} articles per CPU second ({words / cpu:.0f} words/s);"
            f" ideal on {args.processes} cores: {args.processes * n / cpu:.1f} articles/s\n"
            f"  quotedrift extract, the whole command (Python start, imports, reading the files,"
            f" JSONL out): {n / cli:.1f} articles/s ({cli:.1f} s)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
