"""Quote.confidence: the calibration cell read from a finished quotation, and the table fit.

Cells are checked on small texts of our own through the real scanner, parser and attribution;
the fit on counts made up for the purpose.
"""

from __future__ import annotations

import pytest

from quotedrift.extraction.article import extract_article
from quotedrift.extraction.confidence import _shipped, cell, fit_table, lookup
from quotedrift.records import Article, Quote


def _quotes(text: str) -> list[Quote]:
    return list(extract_article(Article(id="t", path="t", text=text)).quotes)


# text, the quoted words, their cell
CELLS = [
    ('"We will rebuild the pier," said Jane Roe.', "We will rebuild the pier", "direct|cue|person"),
    ('"We will rebuild the pier," she said.', "We will rebuild the pier", "direct|cue|pronoun"),
    (
        'Jane Roe, the harbour master, spoke briefly.\n\n"We will rebuild the pier."',
        "We will rebuild the pier.",
        "direct|subject|person",
    ),
    (
        'Jane Roe had a short answer: "We will rebuild the pier."',
        "We will rebuild the pier.",
        "direct|colon|person",
    ),
    (
        '"We will rebuild the pier by the spring of next year." — Jane Roe',
        "We will rebuild the pier by the spring of next year.",
        "direct|dash|person",
    ),
    (
        '"We will rebuild the pier," said Jane Roe. "It will cost a great deal of money."',
        "We will rebuild the pier It will cost a great deal of money.",
        "direct|cue|person",
    ),
    (
        '"We will rebuild the pier," said Jane Roe.\n\n"It will cost a great deal of money, and it'
        ' will take a long time."',
        "It will cost a great deal of money, and it will take a long time.",
        "direct|carried|person",
    ),
    (
        'The notice on the door was short.\n\n"Nobody saw the gulls leave the harbour that'
        ' morning, and nobody knows where they went."',
        "Nobody saw the gulls leave the harbour that morning, and nobody knows where they went.",
        "direct|none|none",
    ),
    (
        "Jane Roe said that the pier would be rebuilt.",
        "the pier would be rebuilt",
        "indirect|rule|person",
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "words", "expected"), CELLS)
def test_cell_names_how_the_quotation_was_found(text: str, words: str, expected: str) -> None:
    found = {q.text: q for q in _quotes(text)}
    assert words in found, list(found)
    assert cell(found[words]) == expected


@pytest.mark.model
def test_confidence_comes_from_the_shipped_table() -> None:
    quotes = _quotes('"We will rebuild the pier," said Jane Roe. Nobody knows why the gulls left.')
    assert [q.confidence for q in quotes] == [lookup(_shipped(), cell(q)) for q in quotes]
    assert all(0.0 < q.confidence < 1.0 for q in quotes)


@pytest.mark.model
def test_a_text_without_quotations_has_nothing_to_be_sure_of() -> None:
    assert _quotes("The pier was rebuilt in the spring. Gulls came back.") == []


def test_fit_shrinks_a_rare_cell_towards_its_parent() -> None:
    table = fit_table(
        {
            "direct|cue|person": (1000, 950),
            "direct|cue|role": (2, 0),  # two misses say little: stays near direct|cue
            "direct|none|none": (100, 10),
        },
        prior=10,
    )
    assert table["direct|cue"] == pytest.approx((950 + 10 * table["direct"]) / 1012, abs=1e-3)
    assert table["direct|cue|person"] == pytest.approx(0.95, abs=0.01)
    assert 0.7 < table["direct|cue|role"] < table["direct|cue"]
    assert table["direct|none|none"] < 0.2


def test_lookup_falls_back_to_the_nearest_coarser_cell() -> None:
    table = {"direct": 0.8, "direct|cue": 0.9, "direct|cue|person": 0.95}
    assert lookup(table, "direct|cue|person") == 0.95
    assert lookup(table, "direct|cue|organization") == 0.9
    assert lookup(table, "direct|dash|person") == 0.8
    assert lookup(table, "partial|cue|person") == 0.5
