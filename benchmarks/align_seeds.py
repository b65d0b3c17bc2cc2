"""Alignment accuracy on real text; prints figures, asserts nothing.

1. seeds: the real pipeline stages (ingest, extraction, identities, embeddings, reference,
   align) over ../shared/seeds, scored against ../shared/gold/seeds.json: each gold version must
   align to its listed originals, each unmatched one must be unsupported.
2. polnear: real reported statements from PolNeAR dev (one article at a time, every attribution
   of the article an original, all as one speaker so same-story statements are the distractors).
   Each direct quotation of 12+ words is rendered as a middle excerpt (partial quote) and as a
   trimmed copy (middle words silently dropped); both must align to their source. The same
   renderings set against the next article's statements (another story) must stay unsupported.
3. sts: SemEval STS headlines, pairs from different outlets graded 0-5 by people: Spearman of
   the alignment score against the grade, and how often pairs graded >= 4 / <= 1 are accepted.

Usage: python benchmarks/align_seeds.py [SHARED_DIR] [--only seeds|polnear|sts]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from quotedrift.comparison.align import align, pair_score  # noqa: E402
from quotedrift.comparison.embedding import Embedder, load_embedder  # noqa: E402
from quotedrift.comparison.identities import resolve_identities  # noqa: E402
from quotedrift.comparison.original import choose_reference  # noqa: E402
from quotedrift.config import Settings  # noqa: E402
from quotedrift.extraction.article import extract_articles  # noqa: E402
from quotedrift.read import ingest  # noqa: E402
from quotedrift.records import Article, Quote, SpeakerRef  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def encode(embedder: Embedder, texts: dict[str, str]) -> dict[str, np.ndarray]:
    keys = sorted(texts)
    matrix = embedder.encode([texts[k] for k in keys]) if keys else np.zeros((0, 384))
    return {k: matrix[i] for i, k in enumerate(keys)}


# ---------------------------------------------------------------------------------------------
# 1. seeds, end to end


def _overlap(q: Quote, start: int, end: int) -> int:
    return sum(max(0, min(e, end) - max(s, start)) for s, e in q.spans)


def bench_seeds(shared: Path, embedder: Embedder) -> None:
    gold = json.loads((shared / "gold" / "seeds.json").read_text(encoding="utf-8"))
    settings = Settings(cache=False)
    articles, _ = ingest.read_articles([str(shared / "seeds")], settings)
    extractions = extract_articles(articles, processes=1)
    quotes = [q for e in extractions for q in e.quotes]
    by_article: dict[str, list[Quote]] = {}
    for q in quotes:
        by_article.setdefault(q.article, []).append(q)
    identities = resolve_identities(extractions)
    vectors = encode(embedder, {q.id: q.text for q in quotes})
    reference = choose_reference(articles, by_article, None, vectors)
    ref = next(a for a in articles if a.id == reference.article)
    alignments = {
        a.version: a
        for a in align(ref, quotes, identities.of_quote, vectors, identities=identities)
    }

    # Gold quote id -> the extracted quote overlapping its text most.
    text_of = {a.id: a.text for a in articles}
    found: dict[str, str] = {}
    for g in gold["quotes"]:
        art = next(a for a in articles if Path(a.id).name == g["article"])
        at = text_of[art.id].replace("\u2019", "'").find(g["text"].replace("\u2019", "'"))
        cands = [(_overlap(q, at, at + len(g["text"])), q.id) for q in by_article.get(art.id, [])]
        best = max(cands, default=(0, ""))
        if at >= 0 and best[0] > 0:
            found[g["id"]] = best[1]
    back = {v: k for k, v in found.items()}

    expected: dict[str, set[frozenset[str]]] = {}
    for st in gold["alignments"]:
        for version in st["versions"]:
            # A version aligns to the listed originals, or to the one of them it renders.
            expected[version] = {frozenset(st["original"])} | {
                frozenset([o]) for o in st["original"]
            }
    unmatched = [u.split(":", 1)[0].strip() for u in gold["unmatched"]]
    correct, rows = 0, []
    for gid in [*expected, *unmatched]:
        qid = found.get(gid)
        a = alignments.get(qid) if qid else None
        got = frozenset(back.get(o, o) for o in a.originals) if a else None
        ok = a is not None and (
            got in expected[gid] if gid in expected else a.relation == "unsupported"
        )
        correct += ok
        rows.append(f"  {gid:7} {'ok ' if ok else 'BAD'} {sorted(got) if got else got} "
                    f"{a.relation if a else 'not extracted'}")  # fmt: skip
    print(f"seeds: reference {reference.article} ({reference.reason})")
    print("\n".join(rows))
    extra = [a for q, a in alignments.items() if q not in back]
    for a in extra:
        print(f"  (not in gold) {a.version} {a.relation} {a.originals} {a.score:.2f}")
    print(
        f"seeds: {correct}/{len(rows)} gold versions aligned as the gold says; "
        f"{len(extra)} other extracted statements: "
        f"{sum(a.relation != 'unsupported' for a in extra)} aligned, "
        f"{sum(a.relation == 'unsupported' for a in extra)} unsupported"
    )


# ---------------------------------------------------------------------------------------------
# 2. PolNeAR excerpts and trims


def _polnear_contents(ann: Path, text: str) -> list[str]:
    out = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0].startswith("T") or not parts[1].startswith("Content "):
            continue
        ranges = parts[1][len("Content ") :].split(";")
        pieces = []
        for r in ranges:
            s, e = (int(x) for x in r.split())
            pieces.append(text[s:e])
        out.append(" ".join(pieces).strip())
    return out


_QUOTE_MARKS = "\"“”'‘’"


def _is_direct(content: str) -> bool:
    return len(content) > 2 and content[0] in _QUOTE_MARKS and content[-1] in _QUOTE_MARKS


def _quote(qid: str, article: str, text: str, kind: str, n: int) -> Quote:
    ref = SpeakerRef("S", None, "S", None, "person", "S")
    return Quote(qid, article, kind, text, ((n, n + 1),), ref, None, 1.0)  # type: ignore[arg-type]


def bench_polnear(shared: Path, embedder: Embedder) -> None:
    dev = shared / "eval" / "polnear" / "dev"
    docs: list[tuple[str, list[str]]] = []
    for txt in sorted((dev / "text").glob("*.txt")):
        anns = sorted((dev / "attributions").glob(f"{txt.stem}_*.ann"))
        if anns:
            text = txt.read_text(encoding="utf-8")
            contents = [c for c in _polnear_contents(anns[0], text) if c]
            if len(contents) >= 2:
                docs.append((txt.stem, contents))
    texts: dict[str, str] = {}
    plan = []  # (doc index, source id, excerpt id, trimmed id)
    for d, (_, contents) in enumerate(docs):
        for i, c in enumerate(contents):
            texts[f"{d}#o{i}"] = c.strip(_QUOTE_MARKS + " ,.")
        for i, c in enumerate(contents):
            body = c.strip(_QUOTE_MARKS + " ")
            w = body.split()
            if not _is_direct(c) or len(w) < 12:
                continue
            third = len(w) // 3
            texts[f"{d}#x{i}"] = " ".join(w[third : third + max(4, third)])
            texts[f"{d}#t{i}"] = " ".join(w[: int(len(w) * 0.4)] + w[len(w) - int(len(w) * 0.3) :])
            plan.append((d, f"{d}#o{i}", f"{d}#x{i}", f"{d}#t{i}"))
    t0 = time.perf_counter()
    vectors = encode(embedder, texts)
    t_enc = time.perf_counter() - t0

    hits = {"x": 0, "t": 0}
    false_accepts = {"x": 0, "t": 0}
    cos_source: list[float] = []
    cos_negative: list[float] = []
    t0 = time.perf_counter()
    for d, (_, contents) in enumerate(docs):
        mine = [p for p in plan if p[0] == d]
        theirs = [p for p in plan if p[0] == (d + 1) % len(docs)]
        if not mine and not theirs:
            continue
        originals = [
            _quote(f"{d}#o{i}", "ref", texts[f"{d}#o{i}"], "direct", i)
            for i in range(len(contents))
        ]
        # Each version in an article of its own, so that split/repeat logic cannot interfere.
        versions = []
        for _, _, x, t in mine:
            versions += [_quote(x, f"pos{x}", texts[x], "partial", 0),
                         _quote(t, f"pos{t}", texts[t], "direct", 0)]  # fmt: skip
        for _, _, x, t in theirs:
            versions += [_quote(f"n{x}", f"neg{x}", texts[x], "partial", 0),
                         _quote(f"n{t}", f"neg{t}", texts[t], "direct", 0)]  # fmt: skip
        vecs = {q.id: vectors[q.id.lstrip("n")] for q in versions} | {
            q.id: vectors[q.id] for q in originals
        }
        everything = [*originals, *versions]
        got = align(Article("ref", "ref", ""), everything, {q.id: "S" for q in everything}, vecs)
        by_version = {a.version: a for a in got}
        for v in versions:
            a = by_version[v.id]
            kind = "x" if "#x" in v.id else "t"
            if v.article.startswith("pos"):
                source = next(p[1] for p in mine if v.id in p)
                hits[kind] += a.originals == (source,) or (
                    source in a.originals and a.relation == "merged"
                )
                if kind == "x":
                    cos_source.append(float(np.dot(vecs[v.id], vecs[source])))
            else:
                false_accepts[kind] += a.relation != "unsupported"
                if kind == "x":
                    cos_negative.append(
                        max(float(np.dot(vecs[v.id], vecs[o.id])) for o in originals)
                    )
    t_align = time.perf_counter() - t0
    n = len(plan)
    print(f"polnear dev: {len(docs)} articles, {sum(len(c) for _, c in docs)} statements, "
          f"{n} direct quotes of 12+ words; encode {t_enc:.1f}s, align {t_align:.1f}s")  # fmt: skip
    print(f"  middle excerpt -> its source: {hits['x']}/{n} ({hits['x'] / max(n, 1):.1%}); "
          f"median cosine to source {np.median(cos_source):.2f}")  # fmt: skip
    print(f"  trimmed copy   -> its source: {hits['t']}/{n} ({hits['t'] / max(n, 1):.1%})")
    print(f"  against another story, wrongly accepted: excerpts {false_accepts['x']}/{n}, "
          f"trims {false_accepts['t']}/{n}; "
          f"median best cosine {np.median(cos_negative):.2f}")  # fmt: skip


# ---------------------------------------------------------------------------------------------
# 3. STS headlines


def _spearman(a: Sequence[float], b: Sequence[float]) -> float:
    from scipy.stats import spearmanr

    return float(spearmanr(a, b).statistic)


def bench_sts(shared: Path, embedder: Embedder) -> None:
    rows = []
    for f in sorted((shared / "eval" / "sts_news").glob("*.tsv")):
        for line in f.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 3 and parts[0].strip():
                rows.append((float(parts[0]), parts[1], parts[2]))
    texts = {f"{i}{s}": r[j] for i, r in enumerate(rows) for s, j in (("a", 1), ("b", 2))}
    vectors = encode(embedder, texts)
    gold, cos, score, accepted = [], [], [], []
    for i, (g, a, b) in enumerate(rows):
        c = float(np.dot(vectors[f"{i}a"], vectors[f"{i}b"]))
        s1, ok1 = pair_score(a, b, c)
        s2, ok2 = pair_score(b, a, c)
        gold.append(g)
        cos.append(c)
        score.append(min(s1, s2))
        accepted.append(ok1 or ok2)
    hi = [acc for g, acc in zip(gold, accepted, strict=True) if g >= 4]
    lo = [acc for g, acc in zip(gold, accepted, strict=True) if g <= 1]
    print(f"sts headlines: {len(rows)} pairs; Spearman cosine {_spearman(cos, gold):.3f}, "
          f"alignment score {_spearman(score, gold):.3f}")  # fmt: skip
    print(f"  accepted as the same statement: grade >= 4 {sum(hi)}/{len(hi)} "
          f"({sum(hi) / max(len(hi), 1):.1%}), grade <= 1 {sum(lo)}/{len(lo)} "
          f"({sum(lo) / max(len(lo), 1):.1%})")  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", nargs="?", default=str(ROOT.parent / "shared"))
    parser.add_argument("--only", choices=("seeds", "polnear", "sts"))
    args = parser.parse_args(argv)
    shared = Path(args.shared)
    embedder = load_embedder(Settings(cache=False))
    ran = False
    for name, fn, need in (
        ("seeds", bench_seeds, shared / "gold" / "seeds.json"),
        ("polnear", bench_polnear, shared / "eval" / "polnear" / "dev"),
        ("sts", bench_sts, shared / "eval" / "sts_news"),
    ):
        if args.only not in (None, name):
            continue
        if not need.exists():
            print(f"{name}: skipped ({need} not found)", file=sys.stderr)
            continue
        fn(shared, embedder)
        ran = True
    return 0 if ran else 1


if __name__ == "__main__":
    raise SystemExit(main())
