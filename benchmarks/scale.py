"""How quotedrift scales: wall time and peak memory per stage over corpora of N articles.

Usage: python benchmarks/scale.py [--sizes 50 500 5000] [--ray N] [--eval EVAL_DIR]
       [--processes P] [--skip-cached] [--encode-only-max N] [--tied N [N ...]]

Corpora are built by benchmarks/corpus.py under benchmarks/out/corpus_N (reused when present).
For each N, in one process, ``quotedrift.compare`` with default settings over a new empty cache
folder (a first run), its stages timed by its progress messages: read, extract (``--processes``,
default one worker per core; extraction cache written; the encoder loads meanwhile in this
process), identities, embed (the rest of the model load, vector cache, encoding, reference
choice), align, drift; then rendering the JSON report. Wall and CPU seconds (this process
plus finished workers: the machine is shared, CPU time is steadier) per stage; peak memory is the
maximum resident set (ru_maxrss) after each stage, and the extraction workers' separately. Then
sentence-transformers alone encodes the same quotations in the same process (model already
loaded): all of them, and each distinct text once (what the vector cache leaves to encode: rewrites
repeat many quotations verbatim); the ratio end-to-end / encode-only is printed for both (goal
<= 1.3 at N=500).

Also: a cached second run of ``quotedrift compare`` over N=50 as a fresh process (wall time incl.
process start; goal < 1.5 s), the time ratio of the largest N to 500 (goal <= ~10), and with
``--ray N`` the local and Ray engines over the same N-article corpus (times, identical JSON?).

``--tied N ...`` (alone, without --sizes): choosing the original among N wire copies that credit
the same agency on the same day, so only the medoid rule can decide (made-up quotations encoded
by the bundled model, each copy's vectors nudged apart): seconds for the shortlisted medoid
(linear), and for scoring every candidate against every article (quadratic) up to
``--tied-exact-max``; whether both choose the same article, and the true original.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus  # noqa: E402

from quotedrift.config import Settings  # noqa: E402

OUT = ROOT / "benchmarks" / "out"


def _rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def _cpu() -> float:
    """CPU seconds used so far by this process and its finished workers (the machine is shared:
    CPU time says more than wall time when others load it)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


@dataclass
class Timer:
    """Stage boundaries, from compare's progress messages and explicit marks."""

    marks: list[tuple[str, float, float, float]] = field(default_factory=list)

    def mark(self, name: str) -> None:
        self.marks.append((name, time.perf_counter(), _cpu(), _rss_mb()))

    def progress(self, message: str) -> None:
        for prefix, name in (
            ("extracting", "extract"),
            ("resolving", "identities"),
            ("embedding", "embed"),
            ("aligning", "align"),
            ("measuring", "drift"),
        ):
            if message.startswith(prefix):
                self.mark(name)

    def stages(self) -> list[tuple[str, float, float, float]]:
        """(stage, wall seconds, CPU seconds, peak RSS MB at its end) for consecutive marks."""
        return [
            (name, t1 - t0, c1 - c0, rss)
            for (name, t0, c0, _), (_, t1, c1, rss) in zip(self.marks, self.marks[1:], strict=False)
        ]


def corpus_dir(n: int, eval_dir: Path) -> Path:
    out = OUT / f"corpus_{n}"
    if len(list(out.glob("*.txt"))) != n:
        corpus.build(n, out, eval_dir)
    return out


def run_once(folder: Path, settings: Settings) -> dict[str, object]:
    """``quotedrift.compare`` over ``folder`` with stage times (from its progress messages), then
    the JSON report; returns figures, the report and the quotations compare encoded."""
    from quotedrift import compare
    from quotedrift.report.text import render_report

    timer = Timer()
    timer.mark("read")
    report = compare([folder], settings, progress=timer.progress)
    timer.mark("report")
    text = render_report(report, "json")
    timer.mark("end")
    # Every quotation is in the report once: as an original, an aligned version or unsupported.
    quotes = [q.text for s in report.statements for q in s.original]
    quotes += [v.quote.text for s in report.statements for v in s.versions]
    quotes += [v.quote.text for v in report.unsupported]
    return {
        "stages": timer.stages(),
        "total": timer.marks[-1][1] - timer.marks[0][1],
        "cpu": timer.marks[-1][2] - timer.marks[0][2],
        "quotes": quotes,
        "articles": len(report.articles),
        "json": text,
        "workers_rss": _rss_mb(resource.RUSAGE_CHILDREN),
    }


def encode_only(texts: list[str], settings: Settings) -> tuple[float, float]:
    """(wall, CPU) seconds sentence-transformers takes to encode ``texts`` in one call (model
    warm)."""
    from quotedrift.comparison.embedding import SentenceTransformerEmbedder

    embedder = SentenceTransformerEmbedder(settings.model, batch_size=settings.batch_size)
    embedder.encode(texts[:8])  # load the model outside the timing
    start, cpu = time.perf_counter(), _cpu()
    embedder.encode(texts)
    return time.perf_counter() - start, _cpu() - cpu


def cached_cli_run(folder: Path) -> tuple[float, float]:
    """(first, second) wall seconds of ``quotedrift compare folder`` as fresh processes sharing a
    new cache; the second is fully cached."""
    cache = Path(tempfile.mkdtemp(prefix="qd-scale-cache-"))
    env = {**os.environ, "QUOTEDRIFT_CACHE": str(cache), "HF_HUB_OFFLINE": "1"}
    exe = shutil.which("quotedrift", path=str(Path(sys.executable).parent)) or "quotedrift"
    times = []
    try:
        for _ in range(2):
            start = time.perf_counter()
            subprocess.run(
                [exe, "compare", str(folder), "-f", "json", "-o", os.devnull],
                env=env,
                check=True,
                capture_output=True,
            )
            times.append(time.perf_counter() - start)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    return times[0], times[1]


def tied_benchmark(sizes: list[int], exact_max: int) -> None:
    import tied_copies

    from quotedrift.comparison import original
    from quotedrift.comparison.embedding import load_embedder

    encoded = load_embedder(Settings(cache=False)).encode(tied_copies.TEXTS)
    vectors_of = dict(zip(tied_copies.TEXTS, encoded, strict=True))
    print(f"shortlist {original.SHORTLIST}, sample {original.SAMPLE} articles")
    for n in sizes:
        articles, quotes, vectors = tied_copies.tied_corpus(n - 1, vectors_of, noise=0.02)
        start = time.perf_counter()
        chosen = original.choose_reference(articles, quotes, None, vectors).article
        linear = time.perf_counter() - start
        line = f"  N={n:>6}: shortlisted medoid {linear:7.2f} s -> {chosen}"
        if n <= exact_max:
            every = list(articles)
            start = time.perf_counter()
            exact, _ = original._medoid(every, every, quotes, vectors, shortlist=n)
            line += f"; every pair {time.perf_counter() - start:7.2f} s -> {exact.id}"
        print(line, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[50, 500])
    parser.add_argument("--ray", type=int, default=0, help="also compare engines on N articles")
    parser.add_argument("--eval", type=Path, default=corpus.DEFAULT_EVAL)
    parser.add_argument("--processes", type=int, default=0)
    parser.add_argument("--skip-cached", action="store_true")
    parser.add_argument(
        "--encode-only-max", type=int, default=500, help="skip encode-only above this N (slow)"
    )
    parser.add_argument("--tied", type=int, nargs="*", default=[], help="tied wire copies")
    parser.add_argument("--tied-exact-max", type=int, default=1000)
    args = parser.parse_args(argv)
    os.environ["HF_HUB_OFFLINE"] = "1"
    if args.tied:
        tied_benchmark(args.tied, args.tied_exact_max)
        return 0
    scratch = Path(tempfile.mkdtemp(prefix="qd-scale-"))
    print(f"cpus={os.cpu_count()} load={os.getloadavg()[0]:.1f}")

    totals: dict[int, float] = {}
    for n in args.sizes:
        folder = corpus_dir(n, args.eval)
        settings = Settings(cache_dir=scratch / f"cache_{n}", processes=args.processes)
        result = run_once(folder, settings)
        total = float(result["total"])  # type: ignore[arg-type]
        totals[n] = total
        quotes: list[str] = result["quotes"]  # type: ignore[assignment]
        print(f"\nN={n}: {result['articles']} articles, {len(quotes)} quotations encoded")
        for stage, seconds, cpu, rss in result["stages"]:  # type: ignore[attr-defined]
            print(f"  {stage:<11}{seconds:8.2f} s wall {cpu:8.2f} s CPU   peak RSS {rss:6.0f} MB")
        print(f"  extraction workers' peak RSS {result['workers_rss']:.0f} MB")
        cpu = float(result["cpu"])  # type: ignore[arg-type]
        distinct = list(dict.fromkeys(quotes))
        print(f"  end-to-end {total:.2f} s wall / {cpu:.2f} s CPU")
        for label, texts in (("all", quotes), ("distinct", distinct)):
            if n > args.encode_only_max:
                break
            alone, alone_cpu = encode_only(texts, settings)
            print(
                f"  sentence-transformers alone, {len(texts)} {label} quotations: {alone:.2f} s "
                f"wall / {alone_cpu:.2f} s CPU; end-to-end / encode-only {total / alone:.2f} wall, "
                f"{cpu / alone_cpu:.2f} CPU (goal <= 1.3 at N=500)"
            )
    if 500 in totals and max(totals) > 500:
        big = max(totals)
        print(
            f"\n{big} vs 500: time ratio {totals[big] / totals[500]:.1f} "
            f"for {big / 500:.0f}x the articles (goal <= ~10)"
        )
    if not args.skip_cached:
        first, second = cached_cli_run(corpus_dir(50, args.eval))
        print(
            f"\ncached CLI run, N=50, incl. process start: first {first:.2f} s, "
            f"second {second:.2f} s (goal < 1.5 s)"
        )
    if args.ray:
        folder = corpus_dir(args.ray, args.eval)
        settings = Settings(cache=False, processes=args.processes)  # both engines do all the work
        local = run_once(folder, settings)
        ray = run_once(folder, replace(settings, engine="ray"))
        print(
            f"\nengines over N={args.ray}: local {local['total']:.1f} s, "
            f"ray {ray['total']:.1f} s (incl. Ray start), identical JSON: "
            f"{local['json'] == ray['json']}"
        )
    shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
