"""Choosing the original among many tied candidates: the same choice as scoring every pair, at a
cost that grows linearly with the corpus."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pytest

from quotedrift.comparison import original
from quotedrift.comparison.original import SHORTLIST, choose_reference
from quotedrift.config import Settings
from quotedrift.records import Article, Quote

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from tied_copies import ORIGINAL, TEXTS, tied_corpus  # noqa: E402


def _quote(article: str, n: int, text: str) -> Quote:
    return Quote(f"{article}#{n}", article, "direct", text, ((n, n + 1),), None, None, 0.9)


def _every_pair(
    articles: Sequence[Article],
    quotes: Mapping[str, Sequence[Quote]],
    vectors: Mapping[str, np.ndarray] | None,
) -> str:
    """The original by the rule's definition, every candidate against every article."""
    best = None
    for a in sorted(articles, key=lambda a: a.id):
        others = [b for b in articles if b.id != a.id]
        score = float(np.mean([original._agreement(a, b, quotes, vectors) for b in others]))
        if best is None or round(score, 6) > round(best[0], 6):
            best = (score, a.id)
    assert best is not None
    return best[1]


@pytest.fixture(scope="module")
def encoder():  # type: ignore[no-untyped-def]
    from quotedrift.comparison.embedding import load_embedder

    return load_embedder(Settings(cache=False))


def _tied(copies: int, encoder=None):  # type: ignore[no-untyped-def]
    """The tied corpus, with the bundled model's vectors when ``encoder`` is given."""
    vectors_of = dict(zip(TEXTS, encoder.encode(TEXTS), strict=True)) if encoder else None
    return tied_corpus(copies, vectors_of)


@pytest.mark.model
@pytest.mark.parametrize("copies", [5, SHORTLIST - 1, 60])
def test_tied_wire_copies_choose_the_original(encoder, copies: int) -> None:  # type: ignore[no-untyped-def]
    articles, quotes, vectors = _tied(copies, encoder)
    ref = choose_reference(articles, quotes, None, vectors)
    assert ref.article == ORIGINAL, ref
    assert "agree with most" in ref.reason and "embeddings" in ref.reason
    assert ref.article == _every_pair(articles, quotes, vectors)
    # Without vectors (shared words) the same original.
    assert choose_reference(articles, quotes).article == ORIGINAL


@pytest.mark.model
def test_few_candidates_give_the_every_pair_choice(encoder) -> None:  # type: ignore[no-untyped-def]
    # Rewrites only, no original among them: whichever the rule picks, it is the one scoring
    # every pair picks, with the score it would report.
    articles, quotes, vectors = _tied(SHORTLIST, encoder)
    articles = articles[1:]
    del quotes[ORIGINAL]
    chosen, score = original._medoid(articles, articles, quotes, vectors)
    assert chosen.id == _every_pair(articles, quotes, vectors)
    others = [b for b in articles if b.id != chosen.id]
    exact = float(np.mean([original._agreement(chosen, b, quotes, vectors) for b in others]))
    assert score == pytest.approx(exact, abs=1e-5)


def test_cost_is_linear_in_tied_copies(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pairs compared by the exact rule: at most SHORTLIST per article, however many tie."""
    calls = 0
    exact = original._agreement

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        return exact(*args, **kwargs)

    monkeypatch.setattr(original, "_agreement", counted)
    for copies in (50, 400):
        calls = 0
        articles, quotes, _ = _tied(copies)
        assert choose_reference(articles, quotes).article == ORIGINAL
        assert calls <= SHORTLIST * len(articles), (copies, calls)


def test_identical_copies_tie_to_the_lowest_id() -> None:
    articles, _, _ = _tied(40)
    same = {a.id: [_quote(a.id, 0, TEXTS[0])] for a in articles}
    rng = np.random.default_rng(3)
    v = rng.standard_normal(8).astype(np.float32)
    vectors = {qs[0].id: v / np.linalg.norm(v) for qs in same.values()}
    assert choose_reference(articles, same, None, vectors).article == "copy_00001.txt"
    assert choose_reference(articles, same).article == "copy_00001.txt"
