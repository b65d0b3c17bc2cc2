"""Extraction time on one article packed with statements, as scraped pages can be: the cost per
statement should stay flat as the count grows (linear time), in one paragraph or many.

Usage: HF_HUB_OFFLINE=1 python benchmarks/dense_text.py [--counts 1000 3000 9000]
"""

from __future__ import annotations

import argparse
import time

from tabulate import tabulate

from quotedrift.extraction.article import extract_articles
from quotedrift.records import Article

SHAPES = {
    "reported, one paragraph": (
        "The minister said the plan would work and the mayor said it would not. ",
        "",
    ),
    "reported, a paragraph each": (
        "The minister said the plan would work and the mayor said it would not.",
        "\n\n",
    ),
    "quoted, one paragraph": ('"We will win the vote," she said. ', ""),
    "quoted, a paragraph each": ('"We will win the vote," she said.', "\n\n"),
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--counts", type=int, nargs="+", default=[1000, 3000, 9000])
    args = ap.parse_args()
    extract_articles([Article(id="w", path="w", text="He said so.")], processes=1)  # load spaCy
    rows = []
    for shape, (unit, sep) in SHAPES.items():
        for n in args.counts:
            text = "A dense page\n\n" + (unit + sep) * n
            t0 = time.perf_counter()
            (ex,) = extract_articles([Article(id="d", path="d", text=text)], processes=1)
            took = time.perf_counter() - t0
            rows.append(
                [shape, n, len(text), len(ex.quotes), f"{took:.2f}", f"{1000 * took / n:.2f}"]
            )
    headers = ["input", "units", "chars", "statements", "seconds", "s per 1,000 units"]
    print(tabulate(rows, headers=headers))


if __name__ == "__main__":
    main()
