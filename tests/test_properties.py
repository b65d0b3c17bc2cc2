"""Properties that must hold for any text: the scanner and extraction never raise, spans point
inside the text in order without overlapping, extracting twice gives the same result, and the
order articles are given in does not change ``compare``'s output."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from quotedrift.errors import InputError
from quotedrift.extraction.article import extract_article
from quotedrift.extraction.nlp import load_nlp
from quotedrift.extraction.quotations import find_quotations
from quotedrift.read.ingest import read_text
from quotedrift.records import Extraction, Span

REPO = Path(__file__).resolve().parents[1]
STORY = REPO / "data" / "story"

MARKS = list("\"'\u201c\u201d\u201e\u201f\u00ab\u00bb\u2018\u2019\u201a\u201b\u2039\u203a")
WORDS = [
    "said",
    "says",
    "told",
    "according to",
    "Varga",
    "Elena",
    "Minister",
    "she",
    "he",
    "They",
    "the",
    "port",
    "will",
    "not",
    "12",
    "ferries",
    "inspect",
    "every",
    "vessel",
    "O'Brien",
    "didn't",
    "'90s",
    "5'9\"",
    "rock 'n' roll",
    "Jones'",
    "\u2014",
    "-",
    ":",
    ".",
    ",",
    "?",
    "!",
    "\u2026",
    "(",
    ")",
    "\n",
    "\n\n",
    "\r\n",
    "\u200b",
    "\u202e",
    "\u05d0\u05de\u05e8",
    "\t",
]
# Texts that look like news prose with quotation marks in awkward places.
prose = st.lists(st.sampled_from(WORDS + MARKS), max_size=60).map(" ".join) | st.lists(
    st.sampled_from(WORDS + MARKS), max_size=60
).map("".join)
only_marks = st.text(alphabet=st.sampled_from(MARKS + [" ", "a", "\n"]))
any_text = st.text(max_size=300) | prose | only_marks
ranges = st.lists(st.tuples(st.integers(-5, 400), st.integers(-5, 400)), max_size=4)


def _check_spans(spans: list[Span], length: int) -> None:
    """Each span within [0, length], non-empty, sorted, not overlapping the next."""
    for s, e in spans:
        assert 0 <= s <= e <= length
    for (_, e1), (s2, _) in zip(spans, spans[1:], strict=False):
        assert e1 <= s2


@settings(max_examples=400, deadline=None)
@given(any_text, ranges)
def test_scanner_never_raises_and_spans_are_ordered(text: str, excluded: list[Span]) -> None:
    candidates = find_quotations(text, excluded)
    inner = [span for c in candidates for span in c.spans]
    marks = [span for c in candidates for span in c.marks]
    _check_spans(inner, len(text))
    _check_spans(marks, len(text))
    for c in candidates:
        for (s, e), (ms, me) in zip(c.spans, c.marks, strict=True):
            assert ms <= s <= e <= me  # the words lie inside their own marks
        assert c.sentence[0] <= c.marks[0][0] and c.marks[-1][1] <= c.sentence[1]
    good = [(s, e) for s, e in excluded if 0 <= s < e]
    for ms, me in marks:
        assert not any(ms < e and s < me for s, e in good)
    assert find_quotations(text, excluded) == candidates


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return load_nlp()


def _check_extraction(ex: Extraction) -> None:
    text = ex.article.text
    starts = []
    for n, q in enumerate(ex.quotes, start=1):
        assert q.id == f"{ex.article.id}#{n}"
        _check_spans(list(q.spans), len(text))
        assert q.text == " ".join(text[s:e] for s, e in q.spans)
        assert 0.0 <= q.confidence <= 1.0
        for s, e in q.spans:
            assert not any(s < be and bs < e for bs, be in ex.article.boilerplate)
            # Headline quotations are read apart from the body and marked; nothing else
            # reaches into a headline.
            in_headline = any(bs <= s and e <= be for bs, be in ex.article.headlines)
            assert in_headline == q.headline
            if not q.headline:
                assert not any(s < be and bs < e for bs, be in ex.article.headlines)
        starts.append(q.spans[0][0])
    assert starts == sorted(starts)
    quoted = sorted(span for q in ex.quotes if q.kind != "indirect" for span in q.spans)
    _check_spans(quoted, len(text))


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(prose)
@example('" said said said')  # a headline quotation: found once, kept inside its headline
def test_extraction_never_raises_and_is_idempotent(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    try:
        article = read_text(text, article_id="a.txt", path="a.txt")
    except InputError:
        assume(False)  # empty or whitespace only: refused by ingest, tested there
        raise
    first = extract_article(article, nlp)
    _check_extraction(first)
    assert extract_article(article, nlp) == first


@pytest.mark.skipif(not STORY.is_dir(), reason="data/story absent")
def test_compare_json_independent_of_article_order(tmp_path: Path) -> None:
    """The real model, once per order: sorted file names, then a shuffle of them."""
    from quotedrift.config import Settings
    from quotedrift.report.text import render_report
    from quotedrift.run.pipeline import compare

    files = sorted(STORY.iterdir())
    shuffled = list(files)
    random.Random(3).shuffle(shuffled)
    assert shuffled != files
    options = Settings(processes=1, cache=False, cache_dir=tmp_path)
    outputs = [render_report(compare(order, options), "json") for order in (files, shuffled)]
    assert '"statements"' in outputs[0]
    assert outputs[0] == outputs[1]
