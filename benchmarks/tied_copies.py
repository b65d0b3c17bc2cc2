"""A made-up story told by N wire copies that all credit the same agency on the same day, so only
the medoid rule can pick the original: the original (its id sorts last) holds four quotations,
each copy two rewritten ones. Used by benchmarks/scale.py --tied and tests/test_original.py."""

from __future__ import annotations

import random
from collections.abc import Mapping

import numpy as np

from quotedrift.records import Article, Quote

ORIGINAL = "zz_original.txt"
SAID = [
    "We will inspect every ferry in the fleet before a single passenger boards again.",
    "The cracks were found in the steering housings of three vessels last week.",
    "Nobody will be asked to pay for the replacement boats out of their own pocket.",
    "I expect the first ferries to sail again by the end of the month.",
]
REWRITES = [
    "We will check every ferry before passengers board again.",
    "Cracks were found in the steering of three boats.",
    "Nobody will pay for the replacement boats.",
    "The first ferries should sail again by the end of the month.",
    "every ferry in the fleet",
    "three vessels last week",
]
TEXTS = SAID + REWRITES


def tied_corpus(
    copies: int,
    vectors_of: Mapping[str, np.ndarray] | None = None,
    *,
    noise: float = 0.0,
    seed: int = 7,
) -> tuple[list[Article], dict[str, list[Quote]], dict[str, np.ndarray] | None]:
    """(articles, quotations by article, vectors by quotation id): the original and ``copies``
    copies. vectors_of: a vector per text of TEXTS (None: no vectors); noise: the standard
    deviation of the Gaussian nudge each quotation's vector gets (then renormalised), so copies
    of one text are not exactly tied."""
    rng, nudge = random.Random(seed), np.random.default_rng(seed)
    articles: list[Article] = []
    quotes: dict[str, list[Quote]] = {}
    vectors: dict[str, np.ndarray] = {}
    for c in range(copies + 1):
        aid = ORIGINAL if c == 0 else f"copy_{c:05d}.txt"
        texts = SAID if c == 0 else rng.sample(REWRITES, 2)
        articles.append(Article(id=aid, path=aid, text="", date="2026-03-03", wire="NPA"))
        quotes[aid] = [
            Quote(f"{aid}#{i}", aid, "direct", t, ((i, i + 1),), None, None, 0.9)
            for i, t in enumerate(texts)
        ]
        for q in quotes[aid] if vectors_of is not None else ():
            v = np.asarray(vectors_of[q.text], np.float64)
            if noise:
                v = v + nudge.normal(0, noise, v.shape)
            vectors[q.id] = (v / np.linalg.norm(v)).astype(np.float32)
    return articles, quotes, (vectors if vectors_of is not None else None)
