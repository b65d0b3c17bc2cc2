"""Choosing the article taken as the original, and saying why.

Rules, in order: the user's choice; the article crediting a wire agency (the wire copy is what the
others rewrite); the earliest dated article, where two or more are dated; otherwise the version
the others agree with most (the medoid by quotation similarity: the original sits in the middle
of its rewrites, since each rewrite drifts away from it in its own direction).

The medoid is scored exactly (every candidate against every article, one matrix product per
candidate) for up to ``SHORTLIST`` candidates; a larger pool (a thousand wire copies that credit
the same agency on the same day) is first ranked by each candidate's agreement with a fixed
sample of articles, so the cost grows linearly with the corpus.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from pathlib import PurePath

import numpy as np

from quotedrift.comparison.align import containment, content_words
from quotedrift.errors import ConfigError, NoArticlesError
from quotedrift.records import Article, Quote, Reference


def _matches(article: Article, wanted: str) -> bool:
    w = wanted.strip().casefold()
    names = {article.id, article.path, PurePath(article.id).name, PurePath(article.path).name}
    names |= {PurePath(n).stem for n in list(names)}
    # The outlet and the wire credit as the report shows them ("AFP").
    names |= {n for n in (article.outlet, article.wire) if n}
    return any(n.casefold() == w for n in names if n)


SHORTLIST = 16
"""Candidates scored exactly by ``_medoid``; more than this are first ranked by a linear proxy
(``_shortlist``), so that choosing among thousands of tied wire copies costs time linear in the
corpus instead of quadratic."""
SAMPLE = 32
"""Articles each candidate is compared with to rank it for the shortlist."""


def _agreement(
    a: Article,
    b: Article,
    quotes: Mapping[str, Sequence[Quote]],
    vectors: Mapping[str, np.ndarray] | None,
) -> float:
    """How well article ``a``'s quotations account for ``b``'s: for each quotation in ``b``, the
    best similarity to one in ``a``, averaged (cosine when vectors are given, else containment)."""
    qa, qb = quotes.get(a.id, ()), quotes.get(b.id, ())
    if not qa or not qb:
        return 0.0
    best: list[float] = []
    for q in qb:
        if vectors is not None and q.id in vectors and all(o.id in vectors for o in qa):
            v = np.asarray(vectors[q.id], dtype=np.float32)
            sims = [float(np.dot(v, np.asarray(vectors[o.id], dtype=np.float32))) for o in qa]
        else:
            sims = [containment(q.text, o.text) for o in qa]
        best.append(max(sims))
    return float(np.mean(best))


class _QuoteMatrix:
    """Every quotation vector of the corpus in one matrix, with the article each row belongs to:
    one candidate's agreement with every other article is then one matrix product."""

    def __init__(
        self,
        everyone: Sequence[Article],
        quotes: Mapping[str, Sequence[Quote]],
        vectors: Mapping[str, np.ndarray],
    ) -> None:
        self.ids = [a.id for a in everyone]
        rows = [(i, q.id) for i, a in enumerate(everyone) for q in quotes.get(a.id, ())]
        self.owner = np.array([i for i, _ in rows], dtype=np.int64)
        dim = len(next(iter(vectors.values()))) if vectors else 0
        self.matrix = (
            np.stack([np.asarray(vectors[qid], dtype=np.float32) for _, qid in rows])
            if rows
            else np.zeros((0, dim), np.float32)
        )
        self.count = np.bincount(self.owner, minlength=len(everyone)) if rows else None

    def score(self, index: int) -> float:
        """Mean over every other article of ``_agreement(candidate, it)``: 0 for an article
        without quotations, as ``_agreement`` says."""
        others = len(self.ids) - 1
        if others <= 0 or self.count is None:
            return 0.0
        mine = self.matrix[self.owner == index]
        if not len(mine):
            return 0.0
        best = (self.matrix @ mine.T).max(axis=1).astype(np.float64)
        sums = np.bincount(self.owner, weights=best, minlength=len(self.ids))
        means = np.where(self.count > 0, sums / np.maximum(self.count, 1), 0.0)
        means[index] = 0.0
        return float(means.sum() / others)


def _complete(
    everyone: Sequence[Article],
    quotes: Mapping[str, Sequence[Quote]],
    vectors: Mapping[str, np.ndarray] | None,
) -> bool:
    return vectors is not None and all(
        q.id in vectors for a in everyone for q in quotes.get(a.id, ())
    )


def _shortlist(
    candidates: Sequence[Article],
    everyone: Sequence[Article],
    quotes: Mapping[str, Sequence[Quote]],
    vectors: Mapping[str, np.ndarray] | None,
) -> list[Article]:
    """The ``SHORTLIST`` candidates most likely to be the medoid, found in linear time: each
    candidate's agreement with a fixed sample of ``SAMPLE`` articles (an estimate of its mean
    agreement with all of them) instead of with every article. The sample is the articles
    first by a hash of their id, so it does not depend on their order or on how ids sort.
    Ties go to the lower id."""
    sample = sorted(everyone, key=lambda a: hashlib.sha256(a.id.encode()).digest())[: SAMPLE + 1]
    if vectors is not None and _complete(everyone, quotes, vectors):
        found = vectors
        rows = [(i, q.id) for i, b in enumerate(sample) for q in quotes.get(b.id, ())]
        owner = np.array([i for i, _ in rows], dtype=np.int64)
        matrix = np.stack([np.asarray(found[qid], np.float32) for _, qid in rows]) if rows else None

        def estimate(article: Article) -> float:
            mine = quotes.get(article.id, ())
            if matrix is None or not mine:
                return 0.0
            own = np.stack([np.asarray(found[q.id], np.float32) for q in mine])
            best = (matrix @ own.T).max(axis=1).astype(np.float64)
            keep = np.array([b.id != article.id for b in sample])
            sums = np.bincount(owner, weights=best, minlength=len(sample))
            counts = np.bincount(owner, minlength=len(sample))
            means = np.where(counts > 0, sums / np.maximum(counts, 1), 0.0)
            return float(means[keep].mean()) if keep.any() else 0.0

    else:
        words = {
            q.id: frozenset(content_words(q.text)) for b in everyone for q in quotes.get(b.id, ())
        }

        def estimate(article: Article) -> float:
            mine = [words[o.id] for o in quotes.get(article.id, ())]
            scores = []
            for b in sample:
                if b.id == article.id:
                    continue
                theirs = [words[q.id] for q in quotes.get(b.id, ())]
                # containment(q, o): the share of q's content words found in o (0 for none).
                best = [
                    max((len(w & o) / len(w) if w else 0.0 for o in mine), default=0.0)
                    for w in theirs
                ]
                scores.append(float(np.mean(best)) if best and mine else 0.0)
            return float(np.mean(scores)) if scores else 0.0

    ranked = sorted(candidates, key=lambda a: (-round(estimate(a), 6), a.id))
    return ranked[:SHORTLIST]


def _medoid(
    candidates: Sequence[Article],
    everyone: Sequence[Article],
    quotes: Mapping[str, Sequence[Quote]],
    vectors: Mapping[str, np.ndarray] | None,
    shortlist: int = SHORTLIST,
) -> tuple[Article, float]:
    """The candidate whose quotations best account for everyone else's, and its mean score.
    Exact over at most ``shortlist`` candidates; a larger pool is shortlisted first."""
    if len(candidates) > shortlist:
        candidates = _shortlist(candidates, everyone, quotes, vectors)
    index = {a.id: i for i, a in enumerate(everyone)}
    matrix = None
    if vectors is not None and _complete(everyone, quotes, vectors):
        matrix = _QuoteMatrix(everyone, quotes, vectors)
    scored = []
    for a in candidates:
        if matrix is not None:
            score = matrix.score(index[a.id])
        else:
            others = [b for b in everyone if b.id != a.id]
            score = (
                float(np.mean([_agreement(a, b, quotes, vectors) for b in others])) if others else 0
            )
        scored.append((-round(score, 6), a.id, a, score))
    scored.sort(key=lambda t: (t[0], t[1]))
    return scored[0][2], scored[0][3]


def choose_reference(
    articles: Sequence[Article],
    quotes: Mapping[str, Sequence[Quote]],
    override: str | None = None,
    vectors: Mapping[str, np.ndarray] | None = None,
) -> Reference:
    """Which article is the original.

    articles: every article. quotes: article id -> its quotations (used by the medoid rule).
    override: an article id, file name (with or without extension), outlet or wire credit
        ("AFP"), chosen first; when several articles match, the rules below choose among them.
    vectors: quote id -> embedding; when absent the medoid rule uses word containment.
    Returns Reference(article id, reason naming the rule that chose it). Ties break by article
    id, so the result does not depend on the order of ``articles``.
    Raises ConfigError when ``override`` matches no article, and
    NoArticlesError when ``articles`` is empty.
    """
    if not articles:
        raise NoArticlesError("no articles to choose an original from")
    ordered = sorted(articles, key=lambda a: a.id)
    if override:
        hits = [a for a in ordered if _matches(a, override)]
        exact = [a for a in hits if a.id == override]
        hits = exact or hits
        if not hits:
            known = ", ".join(a.id for a in ordered[:10])
            raise ConfigError(
                f"reference {override!r} matches no article; use an article id, file name, "
                f"outlet or wire credit (articles: {known}{', ...' if len(ordered) > 10 else ''})"
            )
        if len(hits) > 1:
            # Several copies of one agency's or outlet's story: the usual rules choose among them.
            inner = choose_reference(hits, quotes, None, vectors)
            return Reference(
                inner.article,
                f"chosen with --reference {override!r}, which {len(hits)} articles match; "
                f"among them {inner.reason}",
                rule="reference",
            )
        return Reference(hits[0].id, f"chosen with --reference {override!r}", rule="reference")

    pool = ordered
    reason_prefix = ""
    wired = [a for a in ordered if a.wire]
    if len(wired) == 1:
        a = wired[0]
        return Reference(a.id, f"the only article with a wire credit ({a.wire})", rule="wire")
    if wired:
        pool = wired
        reason_prefix = f"{len(wired)} articles credit a wire agency; "

    # "Earliest" compares dates: one dated article among undated ones is not known to be earlier
    # (and a date found in the text may be a date the story mentions).
    dated = sorted((a for a in pool if a.date), key=lambda a: (a.date or "", a.id))
    if len(dated) > 1:
        first = dated[0]
        tied = [a for a in dated if a.date == first.date]
        if len(tied) == 1:
            return Reference(
                first.id, f"{reason_prefix}the earliest date ({first.date})", rule="date"
            )
        pool = tied
        reason_prefix += f"{len(tied)} articles share the earliest date ({first.date}); "

    # Copies of one wire story are all the original; articles tied on the earliest date are not
    # known to be (the one chosen among them only agrees with the others most).
    rule = "wire" if wired else "agreement"
    if len(pool) == 1:
        return Reference(pool[0].id, f"{reason_prefix}the only article".strip(), rule=rule)
    chosen, score = _medoid(pool, ordered, quotes, vectors)
    how = "quotation embeddings" if vectors is not None else "shared words"
    return Reference(
        chosen.id,
        f"{reason_prefix}the version the others agree with most "
        f"(mean best-match similarity {score:.2f} by {how})",
        rule=rule,
    )
