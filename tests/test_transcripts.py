"""Transcript turns ('HARLOW: ...'): found in dialogues, not in page furniture."""

from __future__ import annotations

import pytest

from quotedrift.extraction.transcripts import find_turns

DIALOGUE = (
    "Part of the interview follows:\n\n"
    '"HARLOW: Let us begin with the harbour plan.\n\n'
    "OKONJO: Well, the real question is why the council waited so long.\n\n"
    "HARLOW: Do you think the two plans are alike?"
)


def _turns(text: str) -> list[tuple[str, str]]:
    return [
        (text[t.label[0] : t.label[1]], text[t.words[0] : t.words[1]]) for t in find_turns(text)
    ]


def test_dialogue_turns() -> None:
    assert _turns(DIALOGUE) == [
        ("HARLOW", "Let us begin with the harbour plan."),
        ("OKONJO", "Well, the real question is why the council waited so long."),
        ("HARLOW", "Do you think the two plans are alike?"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # One label is no dialogue.
        "HARLOW: Let us begin with the harbour plan.\n\nThe vote is on Monday.",
        # The same label twice is page furniture, as are known furniture labels.
        "BYLINE: Nell Corrigan of the Ledger.\n\nBYLINE: Nell Corrigan of the Ledger.",
        "UPDATE: The vote was moved to Friday.\n\nVIDEO: Watch the full speech here now.",
        # Title case, a time and too few words are no labels.
        "Poll: Wealthy Voters Abandon Party.\n\nNote: the figures are rounded.",
        "At 10:30 the meeting began.\n\nAt 11:45 it ended with a vote.",
        "HARLOW: Yes.\n\nOKONJO: No.",
    ],
)
def test_no_turns(text: str) -> None:
    assert find_turns(text) == []


def test_turns_outside_excluded_ranges() -> None:
    start = DIALOGUE.rindex("HARLOW")
    turns = find_turns(DIALOGUE, [(start, start + 20)])
    assert [DIALOGUE[t.label[0] : t.label[1]] for t in turns] == ["HARLOW", "OKONJO"]


@pytest.mark.model
def test_turns_are_direct_quotes_of_the_named_speaker() -> None:
    from quotedrift.extraction.article import extract_article
    from quotedrift.records import Article

    text = "Ada Okonjo spoke to Sam Harlow of the Coast Radio on Sunday.\n\n" + DIALOGUE
    quotes = extract_article(Article(id="t", path="t", text=text)).quotes
    got = [(q.kind, q.text, q.speaker.name if q.speaker else None) for q in quotes]
    assert got == [
        ("direct", "Let us begin with the harbour plan.", "Sam Harlow"),
        ("direct", "Well, the real question is why the council waited so long.", "Ada Okonjo"),
        ("direct", "Do you think the two plans are alike?", "Sam Harlow"),
    ]
    for q in quotes:
        assert q.speaker is not None and q.speaker.span is not None
        assert text[q.speaker.span[0] : q.speaker.span[1]] in {"HARLOW", "OKONJO"}
        assert q.cue is not None and q.cue.text == ":"
