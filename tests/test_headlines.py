"""Headline quotations: read apart from the body, attributed to the body's speaker of the same
words, else to the headline's subject, else to nobody. Made-up articles, the real parser."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from quotedrift import render_report
from quotedrift.config import Settings
from quotedrift.extraction.article import extract_article
from quotedrift.read.ingest import read_text
from quotedrift.records import Quote
from quotedrift.run import pipeline


def _extract(text: str) -> tuple[list[Quote], list[Quote]]:
    """(headline quotations, body quotations in marks) of ``text`` read as a plain-text file."""
    article = read_text(text, article_id="a.txt", path="a.txt")
    quotes = [q for q in extract_article(article).quotes if q.kind != "indirect"]
    return [q for q in quotes if q.headline], [q for q in quotes if not q.headline]


# text, the headline's quoted words, the speaker's resolved name (None: nobody), how it was found
FOUND = [
    # 1. the body quotes the same words: its speaker
    (
        "Mayor Slams 'Reckless' Budget\n\n"
        'Mayor Ann Lee said on Monday that the budget was "reckless and cruel."\n',
        "Reckless",
        "Ann Lee",
        "body",
    ),
    (
        "Harbour Deal 'A Betrayal,' Union Says\n\n"
        'Tom Reyes, who leads the union, called the deal "a betrayal of every worker" on Monday.\n',
        "A Betrayal",
        "Tom Reyes",
        "body",
    ),
    # ...the tightest such quotation wins over a longer one holding the words too
    (
        "Ferries 'Not Safe'\n\n"
        'Ruth Okafor said the ferries were "not safe, and not ready."\n\n'
        'Her deputy, Sam Wu, told reporters: "Not safe."\n',
        "Not Safe",
        "Sam Wu",
        "body",
    ),
    # 2. a name opening the headline before a colon or a cue verb
    (
        "Okafor: Ferries 'Not Ready' For Winter\n\n"
        "Ruth Okafor spoke to reporters on Tuesday about the ferries.\n",
        "Not Ready",
        "Ruth Okafor",
        ":",
    ),
    (
        "Tom Reyes Calls Harbour Plan 'A Disaster'\n\n"
        "Tom Reyes met the harbour board on Tuesday.\n",
        "A Disaster",
        "Tom Reyes",
        "Calls",
    ),
    (
        "Sen. Ann Lee Slams 'Secret' Ferry Deal\n\nAnn Lee met the board on Tuesday.\n",
        "Secret",
        "Ann Lee",
        "Slams",
    ),
    # ...or closing it after a comma
    (
        "Ferries Will Be 'Back By Spring,' Ruth Okafor Says\n\n"
        "Ruth Okafor told reporters on Tuesday that the ferries were pulled.\n",
        "Back By Spring",
        "Ruth Okafor",
        "Says",
    ),
    # 3. nobody: no body quotation holds the words and the headline names no speaker
    (
        'Storm Hits Town: "We Will Rebuild"\n\nThe town closed its schools on Tuesday.\n',
        "We Will Rebuild",
        None,
        None,
    ),
    # a headline quoting someone is still a headline, whatever mark it ends with
    (
        "Ann Lee admits she 'went too far'\n\n"
        'Ann Lee admitted on Tuesday that she "went too far" with the joke.\n',
        "went too far",
        "Ann Lee",
        "body",
    ),
]


@pytest.mark.parametrize(("text", "words", "name", "route"), FOUND)
def test_headline_quotation(text: str, words: str, name: str | None, route: str | None) -> None:
    heads, body = _extract(text)
    assert [q.text.rstrip(",") for q in heads] == [words]
    q = heads[0]
    assert q.spans[0][1] <= text.index("\n")  # in the headline line
    if name is None:
        assert q.speaker is None and q.cue is None
        return
    assert q.speaker is not None and q.speaker.name == name
    if route == "body":
        assert q.cue is None and q.speaker.span is None
        assert q.speaker.resolved_from is not None
        assert q.speaker.resolved_from.startswith("headline: the body quotes")
    else:
        assert q.cue is not None and q.cue.text == route
    assert all(not b.headline for b in body)


@pytest.mark.parametrize(
    "text",
    [
        # apostrophes, not quotation marks
        "Lee's Budget Passes Council's Vote\n\nThe council voted on Tuesday.\n",
        # a fragment nobody is said to have said: a term or a scare quote, as in the body
        "Town Braces For 'Storm Of The Century'\n\nThe town closed its schools on Tuesday.\n",
        "Lee Takes On Rivals Over 'Harbour Tax'\n\nLee opposed the harbour tax on Tuesday.\n",
        # a title-case opening that names nobody the body names is no subject
        "Storm Hits Town: Schools 'To Stay Shut'\n\nThe town said its schools will close.\n",
    ],
)
def test_no_headline_quotation(text: str) -> None:
    heads, _ = _extract(text)
    assert heads == []


def test_a_repeated_headline_is_read_once() -> None:
    """The repeat is furniture (boilerplate): its quotation is the same one, not a second."""
    text = "Lee Calls Plan 'Cruel'\n\nLee Calls Plan 'Cruel'\n\nAnn Lee told the council so.\n"
    heads, body = _extract(text)
    assert [(q.text, q.spans) for q in heads] == [("Cruel", ((16, 21),))]
    assert body == []


def test_headline_quotation_is_numbered_first_and_marked() -> None:
    text = (
        "Lee Calls Plan 'Cruel'\n\nAnn Lee said the plan was \"cruel to every family\" and left.\n"
    )
    article = read_text(text, article_id="a.txt", path="a.txt")
    quotes = [q for q in extract_article(article).quotes if q.kind != "indirect"]
    assert [(q.id, q.headline) for q in quotes] == [("a.txt#1", True), ("a.txt#2", False)]
    assert quotes[0].speaker is not None and quotes[0].speaker.id == quotes[1].speaker.id


@pytest.mark.model
def test_headline_quotation_flows_through_compare(tmp_path: Path) -> None:
    """A headline quotation is aligned like any other quotation (here an excerpt of the
    original's), and every format says it is the headline's (JSON ``headline``, Markdown and
    the table "(headline)", CSV a ``headline`` column, HTML "in the headline")."""
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "post.txt").write_text(
        "Lee Calls Ferry Deal 'A Disgrace'\n\n"
        'Mayor Ann Lee said on Tuesday the ferry deal was "a disgrace to this harbour."\n',
        encoding="utf-8",
    )
    (folder / "herald.txt").write_text(
        "Harbour row grows\n\n"
        'Mayor Ann Lee said the ferry deal was "a disgrace to this harbour" and left the hall.\n',
        encoding="utf-8",
    )
    settings = Settings(cache_dir=tmp_path / "cache", processes=1, reference="herald.txt")
    report = pipeline.compare([folder], settings)
    data = json.loads(render_report(report, "json"))
    [statement] = data["statements"]
    assert [q["headline"] for q in statement["original"]["quotes"]] == [False]
    versions = {v["quote_id"]: v for v in statement["versions"]}
    assert sorted(versions) == ["post.txt#1", "post.txt#2"]
    head = versions["post.txt#1"]
    assert (head["headline"], head["tier"], head["speaker"]) == (True, "excerpt", "ann-lee")
    assert versions["post.txt#2"]["headline"] is False
    assert "| post (headline) | faithful excerpt |" in render_report(report, "markdown")
    assert "post (headline)" in render_report(report, "table")
    assert render_report(report, "html").count("quotation in the headline") == 1
    rows = csv.DictReader(io.StringIO(render_report(report, "csv")))
    assert {r["quote_id"]: r["headline"] for r in rows} == {"post.txt#1": "yes", "post.txt#2": ""}
