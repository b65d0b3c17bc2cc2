"""Choosing the article taken as the original, and saying why.

Rules, in order: the user's choice; the article crediting a wire agency (the wire copy is what the
others rewrite); the earliest dated article; otherwise the version the others agree with most (the
medoid by quotation similarity: the original sits in the middle of its rewrites, since each
rewrite drifts away from it in its own direction).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import PurePath

import numpy as np

from quotedrift.comparison.align import containment
from quotedrift.errors import ConfigError, NoArticlesError
from quotedrift.records import Article, Quote, Reference


def _matches(article: Article, wanted: str) -> bool:
    w = wanted.strip().casefold()
    names = {article.id, article.path, PurePath(article.id).name, PurePath(article.path).name}
    names |= {PurePath(n).stem for n in list(names)}
    # The outlet and the wire credit as the report shows them ("AFP").
    names |= {n for n in (article.outlet, article.wire) if n}
    return any(n.casefold() == w for n in names if n)


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


def _medoid(
    candidates: Sequence[Article],
    everyone: Sequence[Article],
    quotes: Mapping[str, Sequence[Quote]],
    vectors: Mapping[str, np.ndarray] | None,
) -> tuple[Article, float]:
    scored = []
    for a in candidates:
        others = [b for b in everyone if b.id != a.id]
        score = float(np.mean([_agreement(a, b, quotes, vectors) for b in others])) if others else 0
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
    Returns Reference(article id, reason naming the rule that chose it, is_original False when
    only the medoid rule chose among articles none of which credits a wire). Ties break by article
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
            )
        return Reference(hits[0].id, f"chosen with --reference {override!r}")

    pool = ordered
    reason_prefix = ""
    wired = [a for a in ordered if a.wire]
    if len(wired) == 1:
        a = wired[0]
        return Reference(a.id, f"the only article with a wire credit ({a.wire})")
    if wired:
        pool = wired
        reason_prefix = f"{len(wired)} articles credit a wire agency; "

    dated = sorted((a for a in pool if a.date), key=lambda a: (a.date or "", a.id))
    if dated:
        first = dated[0]
        tied = [a for a in dated if a.date == first.date]
        if len(tied) == 1:
            return Reference(first.id, f"{reason_prefix}the earliest date ({first.date})")
        pool = tied
        reason_prefix += f"{len(tied)} articles share the earliest date ({first.date}); "

    if len(pool) == 1:
        return Reference(pool[0].id, f"{reason_prefix}the only article".strip())
    chosen, score = _medoid(pool, ordered, quotes, vectors)
    how = "quotation embeddings" if vectors is not None else "shared words"
    # Among wire copies the medoid is still the agency's text; among independent outlets it is
    # only the middle of them, not an original.
    return Reference(
        chosen.id,
        f"{reason_prefix}the version the others agree with most "
        f"(mean best-match similarity {score:.2f} by {how})",
        is_original=bool(wired),
    )
