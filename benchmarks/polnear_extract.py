"""Score quotation, reported-speech and speaker extraction on PolNeAR (dev by default).

Usage: python benchmarks/polnear_extract.py [EVAL_DIR] [--split dev|train] [--errors N]
       [--limit N] [--processes N] [--no-speed]

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
- speaker accuracy on matched gold direct+mixed contents: right when the predicted
  ``SpeakerRef.span`` overlaps the gold Source span; where the gold has no Source, right when the
  prediction has no speaker mention either (no speaker, or a carried-over speaker with no span).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from tabulate import tabulate

from quotedrift.coref import PRONOUNS
from quotedrift.extraction import extract_article, extract_articles
from quotedrift.nlp import load_nlp
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
            if content[0] in MARKS and content.rstrip(".,")[-1:] in MARKS:
                kind = "direct"
            elif any(m in content for m in MARKS):
                kind = "mixed"
            else:
                kind = "indirect"
            src = spans.get(rel.get("Source", ""))
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
    gold_by = {}
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
        exact = [g for g in hit if matched[id(g)][1]]
        tp_p = sum(1 for p in pk if pred_hit[id(p)])
        r = len(hit) / max(len(gk), 1)
        pr = tp_p / max(len(pk), 1)
        f1 = 2 * pr * r / max(pr + r, 1e-9)
        re_ = len(exact) / max(len(gk), 1)
        tp_exact = sum(1 for g in exact)
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

        missed = {k: [] for k in ("direct", "mixed", "indirect")}
        for g in golds:
            if id(g) not in matched:
                t = texts[g.article]
                missed[g.kind].append(
                    f"[{g.article[:30]}] {_strip(t, g.frags)[:160]!r} <- {g.source_text!r}"
                )
        for k, items in missed.items():
            show(f"missed gold {k}", items)
        fps = {k: [] for k in ("direct", "partial", "indirect")}
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
    args = ap.parse_args()
    split_dir = Path(args.eval_dir) / "polnear" / args.split
    if not split_dir.is_dir():
        print(f"no PolNeAR data at {split_dir}", file=sys.stderr)
        return 2
    articles, golds = load_gold(split_dir, args.limit or None)
    t0 = time.perf_counter()
    options = {"beliefs": args.beliefs, "objects": args.objects}
    results = extract_articles(articles, processes=args.processes, **options)
    total = time.perf_counter() - t0
    print(f"PolNeAR {args.split}: {len(articles)} articles, {len(golds)} gold attributions\n")
    score(articles, golds, results, args.errors)
    if not args.no_speed:
        # Process start: the same pool on two tiny articles (spawn + spaCy load per worker).
        tiny = [Article(id=f"t{i}", path="t", text="He said so.") for i in range(args.processes)]
        t1 = time.perf_counter()
        extract_articles(tiny, processes=args.processes)
        start = time.perf_counter() - t1
        words = sum(len(a.text.split()) for a in articles)
        # The machine is shared: CPU time of one in-process run gives a load-independent figure.
        nlp = load_nlp()
        extract_article(articles[0], nlp)
        c0 = time.process_time()
        for article in articles:
            extract_article(article, nlp, **options)
        cpu = time.process_time() - c0
        print(
            f"\nspeed ({args.processes} processes, {words} words): "
            f"{len(articles) / total:.1f} articles/s including process start ({total:.1f} s), "
            f"{len(articles) / max(total - start, 1e-9):.1f} articles/s excluding it "
            f"(start {start:.1f} s); one process: {len(articles) / cpu:.1f} articles per CPU "
            f"second ({words / cpu:.0f} words/s)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
