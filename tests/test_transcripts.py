"""Transcript turns ('WALLACE: ...'): found in dialogues, not in page furniture."""

from __future__ import annotations

import pytest

from quotedrift.extraction.transcripts import find_turns

DIALOGUE = (
    "Partial transcript as follows:\n\n"
    '"WALLACE: Let us start with the debate story.\n\n'
    "PENCE: Well, the question really should be why they invited him.\n\n"
    "WALLACE: Do you really see those two as equivalent?"
)


def _turns(text: str) -> list[tuple[str, str]]:
    return [
        (text[t.label[0] : t.label[1]], text[t.words[0] : t.words[1]]) for t in find_turns(text)
    ]


def test_dialogue_turns() -> None:
    assert _turns(DIALOGUE) == [
        ("WALLACE", "Let us start with the debate story."),
        ("PENCE", "Well, the question really should be why they invited him."),
        ("WALLACE", "Do you really see those two as equivalent?"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # One label is no dialogue.
        "WALLACE: Let us start with the debate story.\n\nThe debate is on Monday.",
        # The same label twice is page furniture, as are known furniture labels.
        "BYLINE: Amber Phillips of the Post.\n\nBYLINE: Amber Phillips of the Post.",
        "UPDATE: The vote was moved to Friday.\n\nVIDEO: Watch the full speech here now.",
        # Title case, a time and too few words are no labels.
        "Poll: Wealthy Voters Abandon Party.\n\nNote: the figures are rounded.",
        "At 10:30 the meeting began.\n\nAt 11:45 it ended with a vote.",
        "WALLACE: Yes.\n\nPENCE: No.",
    ],
)
def test_no_turns(text: str) -> None:
    assert find_turns(text) == []


def test_turns_outside_excluded_ranges() -> None:
    start = DIALOGUE.rindex("WALLACE")
    turns = find_turns(DIALOGUE, [(start, start + 20)])
    assert [DIALOGUE[t.label[0] : t.label[1]] for t in turns] == ["WALLACE", "PENCE"]


@pytest.mark.model
def test_turns_are_direct_quotes_of_the_named_speaker() -> None:
    from quotedrift.extraction.article import extract_article
    from quotedrift.records import Article

    text = "Mike Pence spoke to Chris Wallace of Fox News on Sunday.\n\n" + DIALOGUE
    quotes = extract_article(Article(id="t", path="t", text=text)).quotes
    got = [(q.kind, q.text, q.speaker.name if q.speaker else None) for q in quotes]
    assert got == [
        ("direct", "Let us start with the debate story.", "Chris Wallace"),
        ("direct", "Well, the question really should be why they invited him.", "Mike Pence"),
        ("direct", "Do you really see those two as equivalent?", "Chris Wallace"),
    ]
    for q in quotes:
        assert q.speaker is not None and q.speaker.span is not None
        assert text[q.speaker.span[0] : q.speaker.span[1]] in {"WALLACE", "PENCE"}
        assert q.cue is not None and q.cue.text == ":"
