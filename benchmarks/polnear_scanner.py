"""How many PolNeAR quotation contents the scanner finds (extraction/quotations.py alone).

Usage: python benchmarks/polnear_scanner.py [EVAL_DIR] [--split dev|train] [--misses N]

EVAL_DIR defaults to ../shared/eval relative to the repository root. For each article the first
annotator file in sorted order is used. Gold contents are classed by their text: direct (starts
and ends with a double quotation mark), mixed (contains one somewhere), indirect (none).

Figures printed:
- direct recall: a gold direct content is found when the candidate fragments overlapping it
  (matched one to one, greedily by overlap; a fragment is used once) cover >= 50% of the gold's
  letters and digits (lenient), or exactly the same letters and digits (exact; marks, spaces
  and punctuation do not count). Matching by fragments lets the two fragments of '"A," he
  said. "B."' match two gold contents, as PolNeAR often annotates them.
- mixed recall: the same, against the quoted part of the content (first mark to last mark).
- non-speech: how many matched gold quotes the scanner flagged speechlike=False.
- precision proxy: speechlike candidates that overlap no gold content at all.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from quotedrift.extraction.quotations import find_quotations
from quotedrift.records import QuoteCandidate

ROOT = Path(__file__).resolve().parents[1]
DOUBLE = '"\u201c\u201d\u201e\u00ab\u00bb'


@dataclass(frozen=True)
class Gold:
    kind: str  # direct | mixed | indirect
    target: frozenset[int]  # alphanumeric positions the scanner should cover
    everything: frozenset[int]  # every position of the content
    text: str


def alnum_positions(text: str, spans: list[tuple[int, int]]) -> frozenset[int]:
    return frozenset(i for a, b in spans for i in range(a, b) if text[i].isalnum())


def read_gold(text: str, ann: Path) -> list[Gold]:
    golds: list[Gold] = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if not line.startswith("T") or len(parts) < 2 or not parts[1].startswith("Content "):
            continue
        spans = []
        for piece in parts[1][len("Content ") :].split(";"):
            a, b = piece.split()
            spans.append((int(a), int(b)))
        spans.sort()
        content = " ".join(text[a:b] for a, b in spans).strip()
        if not content:
            continue
        if content[0] in DOUBLE and content[-1] in DOUBLE:
            kind, target = "direct", alnum_positions(text, spans)
        elif any(c in DOUBLE for c in content):
            kind = "mixed"
            lo, hi = min(a for a, _ in spans), max(b for _, b in spans)
            first = next(i for i in range(lo, hi) if text[i] in DOUBLE)
            last = next(i for i in range(hi - 1, lo - 1, -1) if text[i] in DOUBLE)
            inner = [(max(a, first), min(b, last + 1)) for a, b in spans]
            target = alnum_positions(text, [(a, b) for a, b in inner if b > a])
        else:
            kind, target = "indirect", alnum_positions(text, spans)
        every = frozenset(i for a, b in spans for i in range(a, b))
        golds.append(Gold(kind, target, every, content))
    return golds


def score(split_dir: Path, misses: int) -> None:
    counts = {k: [0, 0, 0] for k in ("direct", "mixed")}  # gold, lenient, exact
    flagged = {k: 0 for k in ("direct", "mixed")}
    n_cand = n_speech = n_spurious = 0
    spurious_examples: list[str] = []
    missed: list[str] = []
    elapsed = 0.0
    chars = 0
    for txt in sorted((split_dir / "text").glob("*.txt")):
        anns = sorted((split_dir / "attributions").glob(txt.stem + "_*.ann"))
        if not anns:
            continue
        text = txt.read_text(encoding="utf-8")
        golds = read_gold(text, anns[0])
        t0 = time.perf_counter()
        cands = find_quotations(text)
        elapsed += time.perf_counter() - t0
        chars += len(text)
        cpos = [alnum_positions(text, list(c.spans)) for c in cands]
        fpos = [[alnum_positions(text, [s]) for s in c.spans] for c in cands]
        n_cand += len(cands)
        # Greedy one-to-one matching by overlap, largest first. The unit matched is the set of
        # fragments overlapping the gold content: the two fragments of '"A," he said. "B."' may
        # match two gold contents (PolNeAR often annotates them apart), and a content holding
        # several quoted phrases ('a "nasty guy," an "anchor baby"') is matched by all of them.
        # A fragment is used once.
        pairs = []
        for gi, g in enumerate(golds):
            if g.kind == "indirect" or not g.target:
                continue
            frags = frozenset(
                (ci, k)
                for ci, cp in enumerate(cpos)
                if g.target & cp
                for k, f in enumerate(fpos[ci])
                if f & g.target
            )
            if frags:
                covered = frozenset().union(*(fpos[ci][k] for ci, k in frags))
                pairs.append((len(g.target & covered), gi, frags, covered))
        pairs.sort(key=lambda p: (-p[0], p[1]))
        used_g: set[int] = set()
        used_f: set[tuple[int, int]] = set()  # (candidate, fragment)
        for overlap, gi, frags, covered in pairs:
            if gi in used_g or frags & used_f:
                continue
            g = golds[gi]
            if overlap * 2 < len(g.target):
                continue
            used_g.add(gi)
            used_f.update(frags)
            counts[g.kind][1] += 1
            counts[g.kind][2] += g.target == covered
            flagged[g.kind] += all(not cands[ci].speechlike for ci, _ in frags)
        for gi, g in enumerate(golds):
            if g.kind == "indirect" or not g.target:
                continue
            counts[g.kind][0] += 1
            if gi not in used_g:
                missed.append(f"{g.kind} {txt.stem[:40]}: {g.text[:160]!r}")
        every = frozenset().union(*(g.everything for g in golds)) if golds else frozenset()
        for c, cp in zip(cands, cpos, strict=True):
            if not c.speechlike:
                continue
            n_speech += 1
            if not cp & every:
                n_spurious += 1
                spurious_examples.append(f"{txt.stem[:40]}: {_show(text, c)}")
    for kind, (n, lenient, exact) in counts.items():
        print(
            f"{kind:7s} gold {n:4d}  recall lenient {lenient / max(n, 1):.3f}  "
            f"exact {exact / max(n, 1):.3f}  matched but flagged non-speech {flagged[kind]}"
        )
    print(
        f"candidates {n_cand}  speechlike {n_speech}  speechlike matching no gold content "
        f"{n_spurious} ({n_spurious / max(n_speech, 1):.3f})"
    )
    print(f"scan time {elapsed * 1000:.1f} ms for {chars:,} characters")
    if misses:
        print("\nmissed contents:")
        for line in missed[:misses]:
            print("  ", line)
        print("\nspeechlike candidates matching no gold content:")
        for line in spurious_examples[:misses]:
            print("  ", line)


def _show(text: str, c: QuoteCandidate) -> str:
    return repr(" | ".join(text[a:b] for a, b in c.spans)[:140]) + f" [{c.kind}]"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("eval_dir", nargs="?", default=str(ROOT.parent / "shared" / "eval"))
    parser.add_argument("--split", default="dev", choices=("dev", "train"))
    parser.add_argument("--misses", type=int, default=0, help="print this many misses")
    args = parser.parse_args()
    split_dir = Path(args.eval_dir) / "polnear" / args.split
    if not split_dir.is_dir():
        print(f"Error: {split_dir} not found; pass the eval folder as an argument", file=sys.stderr)
        return 2
    score(split_dir, args.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
