"""Statements grouped across outlets with no original: small made-up folders, real models.

Each case is a folder of plain-text articles (title line, blank line, paragraphs; no date, no
wire credit, so no article is the original) and the statements an editor expects: for each, the
outlets and the words of each version. Everything is made up.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from quotedrift.comparison.grouping import fragments, sentences
from quotedrift.config import Settings
from quotedrift.records import Quote, Report
from quotedrift.run import pipeline

os.environ.setdefault("HF_HUB_OFFLINE", "1")
pytestmark = pytest.mark.model


def article(title: str, *paragraphs: str) -> str:
    """A plain-text article: title line, blank line, paragraphs separated by blank lines."""
    return "\n\n".join((title, *paragraphs)) + "\n"


TRAM = {
    "alpha.txt": article(
        "City backs tram line to the harbour",
        (
            '"The tram will reach the harbour by 2030, and every stop will be step-free," '
            'Mayor Ruth Calder said. "We cannot wait for the motorway to be widened."'
        ),
        (
            'Councillor Tom Berg said the vote was rushed. "Nobody has seen the final costs,"'
            " Berg said."
        ),
    ),
    "beta.txt": article(
        "Council votes for harbour tram",
        (
            '"The tram will reach the harbour by 2030, and every stop will be step-free," '
            "Mayor Ruth Calder told reporters."
        ),
        '"We cannot wait for the motorway to be widened," she said.',
    ),
    "gamma.txt": article(
        "Tram vote splits council",
        (
            '"The tram will reach the harbour by 2030, and every stop will be step-free," '
            "said Mayor Ruth Calder."
        ),
        'Shopkeeper Ana Ruiz said: "My customers want parking, not trams."',
    ),
}

# A two-sentence interrupted quotation in one outlet, each sentence quoted alone by another.
INTERRUPTED = {
    "north.txt": article(
        "Dam repairs to start in May",
        (
            '"The spillway gates will be replaced before the autumn rains," engineer Paulo '
            'Brandt said. "Nobody living below the dam is in danger today."'
        ),
    ),
    "south.txt": article(
        "Dam gates to be replaced",
        (
            '"The spillway gates will be replaced before the autumn rains," said Paulo '
            "Brandt, the chief engineer."
        ),
    ),
    "west.txt": article(
        "Engineers reassure valley residents",
        ('"Nobody living below the dam is in danger today," Paulo Brandt told a public meeting.'),
    ),
}

# One outlet quotes a few words in its lead and the full sentence later; another the sentence.
EXCERPT_AND_FULL = {
    "first.txt": article(
        "Library to open on Sundays",
        (
            'Head librarian Mina Osei said the change would "bring the whole town through our'
            ' doors".'
        ),
        (
            '"Opening on Sundays will bring the whole town through our doors," Osei said at '
            "the launch."
        ),
    ),
    "second.txt": article(
        "Sunday opening for town library",
        (
            '"Opening on Sundays will bring the whole town through our doors," librarian Mina'
            " Osei said."
        ),
    ),
}

# The headline carries the words; the other outlet quotes them in its body.
HEADLINE = {
    "one.txt": article(
        'Okoro: "We will not sell the harbour to developers"',
        "The port board met on Tuesday to discuss the offer from a property group.",
    ),
    "two.txt": article(
        "Port board rejects property offer",
        ('"We will not sell the harbour to developers," board chair Ifeoma Okoro said on Tuesday.'),
    ),
}

# Nothing shared: three outlets quoting three people on three matters.
NOTHING_SHARED = {
    "a.txt": article(
        "Bakery wins prize",
        '"Our rye bread took eleven years to perfect," baker Lena Fischer said.',
    ),
    "b.txt": article(
        "Road closed for repairs",
        '"The bridge deck needs new bearings before winter," engineer Omar Haddad said.',
    ),
    "c.txt": article(
        "School choir tours abroad",
        ('"The children have practised every evening since March," teacher Ruth Quinn said.'),
    ),
}

CASES = {
    # Two outlets share a statement the third lacks; the third's own quote is unsupported.
    "shared by two of three": (
        TRAM,
        [
            {"alpha", "beta", "gamma"},  # the tram sentence
            {"alpha", "beta"},  # the motorway sentence
        ],
        {"Nobody has seen the final costs", "My customers want parking, not trams."},
    ),
    "interrupted quotation against two one-sentence versions": (
        INTERRUPTED,
        [{"north", "south"}, {"north", "west"}],
        set(),
    ),
    "an excerpt and its full sentence in one article": (
        EXCERPT_AND_FULL,
        [{"first", "second"}],
        set(),
    ),
    "a headline quotation": (HEADLINE, [{"one", "two"}], set()),
    "nothing shared": (
        NOTHING_SHARED,
        [],
        {
            "Our rye bread took eleven years to perfect",
            "The bridge deck needs new bearings before winter",
            "The children have practised every evening since March",
        },
    ),
}


@pytest.fixture(scope="module")
def embedder():
    from quotedrift.comparison.embedding import load_embedder

    return load_embedder(Settings(cache=False))


def _compare(tmp_path: Path, files: dict[str, str], embedder) -> Report:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return pipeline.compare([tmp_path], Settings(cache=False, processes=1), embedder=embedder)


def _outlets(report: Report) -> list[set[str]]:
    out = []
    for s in report.statements:
        quotes: list[Quote] = [*s.original, *(v.quote for v in s.versions)]
        out.append({Path(q.article).stem for q in quotes})
    return out


@pytest.mark.parametrize("name", CASES)
def test_statements_across_outlets_with_no_original(tmp_path: Path, embedder, name: str) -> None:
    files, statements, unsupported = CASES[name]
    report = _compare(tmp_path, files, embedder)
    assert not report.reference.is_original
    assert sorted(map(sorted, _outlets(report))) == sorted(map(sorted, statements))
    assert {v.quote.text for v in report.unsupported if v.quote.kind != "indirect"} == unsupported
    for s in report.statements:
        assert s.original_reason.endswith("no article is the original"), s.original_reason
        assert not s.not_in_original
        assert all("not_in_original" not in v.drift.flags for v in s.versions)


def test_interrupted_quotation_pairs_each_sentence_with_its_own_version(
    tmp_path: Path, embedder
) -> None:
    report = _compare(tmp_path, INTERRUPTED, embedder)
    by_outlets = {frozenset(o): s for o, s in zip(_outlets(report), report.statements, strict=True)}
    gates = by_outlets[frozenset({"north", "south"})]
    danger = by_outlets[frozenset({"north", "west"})]
    # The statement shows the sentence it is about, not the whole interrupted quotation.
    assert (
        gates.sentences and "spillway" in gates.sentences[0] and "danger" not in gates.sentences[0]
    )
    assert danger.sentences and "danger" in danger.sentences[0]
    for s in (gates, danger):
        assert all(v.drift.tier in ("verbatim", "typographic") for v in s.versions)


def test_excerpt_in_the_same_article_is_a_version_of_the_full_sentence(
    tmp_path: Path, embedder
) -> None:
    report = _compare(tmp_path, EXCERPT_AND_FULL, embedder)
    (statement,) = report.statements
    assert statement.original[0].text.startswith("Opening on Sundays")
    assert statement.original_reason.startswith("the fullest of 3 versions")
    tiers = {(Path(v.quote.article).stem, v.drift.tier) for v in statement.versions}
    assert tiers == {("first", "excerpt"), ("second", "verbatim")}


def test_words_no_version_has_are_words_never_said(tmp_path: Path, embedder) -> None:
    files = {
        "x.txt": article(
            "Ferry fares to rise",
            '"Fares will rise by five percent in April," operator chief Dana Holm said.',
        ),
        "y.txt": article(
            "Ferry fares going up",
            '"Fares will rise by five percent in April," Dana Holm said on Friday.',
        ),
        "z.txt": article(
            "Ferry fare rise",
            '"Fares will rise sharply by five percent in April," Dana Holm said.',
        ),
    }
    report = _compare(tmp_path, files, embedder)
    (statement,) = report.statements
    z = next(v for v in [*statement.versions] if v.quote.article == "z.txt")
    assert "words_never_said" in z.drift.flags
    assert not any("words_never_said" in v.drift.flags for v in statement.versions if v is not z)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We will win. They will lose.", ["We will win.", "They will lose."]),
        ("Mr. Smith met U.S. officials today.", ["Mr. Smith met U.S. officials today."]),
        ("Is it over? No. It has just begun!", ["Is it over?", "No.", "It has just begun!"]),
        ("one fragment, no end", ["one fragment, no end"]),
        ("We won. ...", ["We won. ..."]),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def _quote(text: str, spans: tuple[tuple[int, int], ...]) -> Quote:
    return Quote("a#1", "a", "direct", text, spans, None, None, 1.0)


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        # '"The gates will go," she said. "Nobody is in danger."'
        (
            "The gates will go Nobody is in danger.",
            ((1, 18), (40, 60)),
            ["The gates will go", "Nobody is in danger."],
        ),
        # '"We found cracks," she said, "in 12 vessels."': one sentence in two pieces.
        ("We found cracks in 12 vessels.", ((1, 16), (30, 44)), ["We found cracks in 12 vessels."]),
        # Lengths that do not add up: the text is kept whole.
        ("A whole text", ((0, 3), (9, 12)), ["A whole text"]),
        ("Single", ((0, 6),), ["Single"]),
    ],
)
def test_fragments(text: str, spans, expected: list[str]) -> None:
    assert fragments(_quote(text, spans)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The fire is 40 percent contained, and we expect to lift the evacuation order on Sunday",
        "the the the a a b the the",
        "No route will close entirely. Islanders will still have a daily crossing",
    ],
)
def test_verbatim_runs_align_as_the_full_programme_does(monkeypatch, text: str) -> None:
    """Copies and excerpts skip the dynamic programme; the steps must be the programme's."""
    from quotedrift.comparison import word_align
    from quotedrift.comparison.normalise import tokenize

    original = tokenize(text)
    segments = [0] * len(original)
    for a in range(len(original)):
        for b in range(a + 1, len(original) + 1):
            version = tokenize(" ".join(t.surface for t in original[a:b]))
            fast = word_align.align(original, segments, version)
            with monkeypatch.context() as m:
                m.setattr(word_align, "_verbatim_run", lambda *_: None)
                full = word_align.align(original, segments, version)
            assert fast == full, (a, b)
