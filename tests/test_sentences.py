"""Sentence units of a quotation (``comparison/sentences.units_of``) on made-up text read by the
real scanner and parser: the unit of alignment is the sentence, so a quotation interrupted by
its attribution in mid-sentence must stay one unit, and two sentences must be two."""

from __future__ import annotations

import pytest

from quotedrift.comparison.sentences import units_of
from quotedrift.extraction.article import extract_article
from quotedrift.records import Article

CASES = [
    # the comma before the attribution sits outside the quoted words (wrong: "I'm a dairy
    # farmer" a sentence of its own, aligned apart from the rest)
    (
        "\u201cI\u2019m a dairy farmer,\u201d Nadia Okafor said, \u201cand farmers know a bad "
        "deal when we see one.\u201d",
        ["I\u2019m a dairy farmer and farmers know a bad deal when we see one."],
    ),
    # ... and with straight marks
    (
        '"We found cracks in the hull," she said, "in twelve vessels of the fleet."',
        ["We found cracks in the hull in twelve vessels of the fleet."],
    ),
    # the next fragment opens a sentence of its own: two units (wrong: one)
    (
        '"We found cracks in the hull," Okafor said. "The fleet stays in port until May."',
        ["We found cracks in the hull", "The fleet stays in port until May."],
    ),
]


@pytest.mark.parametrize(("text", "units"), CASES)
def test_sentence_units(text: str, units: list[str]) -> None:
    (quote,) = extract_article(Article(id="t", path="t", text=text)).quotes
    assert [u.quote.text for u in units_of(quote)] == units
