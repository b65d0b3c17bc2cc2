"""Fuzz reading and quotation finding with atheris (coverage-guided, libFuzzer options).

    pip install atheris
    HF_HUB_OFFLINE=1 python benchmarks/fuzz.py -max_total_time=60 [CORPUS_DIR]

Each input is decoded the way ingest decodes a file (``decoding.decode``: BOM, UTF-8, cp1252
fallback, binary refusal), turned into an Article by ``ingest.read_text`` as txt, Markdown or HTML,
scanned by ``quotes.find_quotations``, and, when short, run through ``extraction.extract_article``.
Expected refusals (InputError) are fine; any other exception, or a span that points outside the
text, out of order or into boilerplate, is a crash: libFuzzer stops, prints the traceback and
writes the input to ``crash-<sha1>`` for a regression test (tests/test_hostile.py). A clean run
ends with libFuzzer's ``Done N runs in S second(s)`` (add ``-print_final_stats=1`` for exec/s).
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import atheris  # noqa: E402  (instrumentation must be set up before quotedrift is imported)

with atheris.instrument_imports(include=["quotedrift"]):
    from quotedrift.errors import InputError
    from quotedrift.extraction import quotations as quotes
    from quotedrift.extraction.article import extract_article
    from quotedrift.extraction.nlp import load_nlp
    from quotedrift.read import decoding, ingest

FORMATS = ("txt", "md", "html")
EXTRACT_MAX_CHARS = 400  # extraction parses with spaCy: only short inputs, to keep exec/s up
NLP = load_nlp()


def _check_spans(spans: list[tuple[int, int]], length: int, what: str) -> None:
    for s, e in spans:
        if not 0 <= s <= e <= length:
            raise AssertionError(f"{what}: span {(s, e)} outside text of length {length}")
    for (s1, e1), (s2, e2) in zip(spans, spans[1:], strict=False):
        if e1 > s2:
            raise AssertionError(f"{what}: spans {(s1, e1)} and {(s2, e2)} overlap or are unsorted")


def test_one_input(data: bytes) -> None:
    """One fuzz input: a format byte, then the article's bytes."""
    if not data:
        return
    fmt = FORMATS[data[0] % len(FORMATS)]
    try:
        text, _encoding, _warnings = decoding.decode(data[1:], "fuzz", fmt)
    except InputError:
        return
    try:
        article = ingest.read_text(text, article_id="fuzz", path="fuzz", fmt=fmt)
    except InputError:
        return
    excluded = article.boilerplate + article.headlines
    candidates = quotes.find_quotations(article.text, excluded)
    _check_spans([s for c in candidates for s in c.spans], len(article.text), "candidates")
    for ms, me in (m for c in candidates for m in c.marks):
        if any(ms < e and s < me for s, e in excluded):
            raise AssertionError(f"candidate marks {(ms, me)} overlap boilerplate/headline")
    if len(article.text) <= EXTRACT_MAX_CHARS:
        extraction = extract_article(article, NLP)
        for q in extraction.quotes:
            _check_spans(list(q.spans), len(article.text), q.id)
            if q.text != " ".join(article.text[s:e] for s, e in q.spans):
                raise AssertionError(f"{q.id}: text does not match its spans")


def main() -> None:
    """Run the fuzzer with libFuzzer's command-line options (``-max_total_time=N``...)."""
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
