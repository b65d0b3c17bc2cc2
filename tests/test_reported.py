"""Indirect (reported) speech: which clauses are reported, by whom, and what is not."""

from __future__ import annotations

import pytest

from quotedrift.extraction.article import extract_article
from quotedrift.records import Article, Quote


def _indirect(text: str) -> list[Quote]:
    ex = extract_article(Article(id="t", path="t", text=text))
    return [q for q in ex.quotes if q.kind == "indirect"]


# text, content, speaker mention, resolved name, cue
CASES = [
    (
        "The company said it was a record year.",
        "it was a record year",
        "The company",
        "company",
        "said",
    ),
    (
        "Jane Roe said that the bridge would stay shut.",
        "the bridge would stay shut",
        "Jane Roe",
        "Jane Roe",
        "said",
    ),
    (
        "The bridge will stay shut until May, Jane Roe said.",
        "The bridge will stay shut until May",
        "Jane Roe",
        "Jane Roe",
        "said",
    ),
    (
        "Tom Fox stressed that the plan had no legal basis.",
        "the plan had no legal basis",
        "Tom Fox",
        "Tom Fox",
        "stressed",
    ),
    (
        "Tom Fox told reporters the talks had failed.",
        "the talks had failed",
        "Tom Fox",
        "Tom Fox",
        "told",
    ),
    (
        "According to the Justice Department, six people were indicted.",
        "six people were indicted",
        "the Justice Department",
        "Justice Department",
        "according to",
    ),
    (
        "Six people were indicted, according to the Justice Department.",
        "Six people were indicted",
        "the Justice Department",
        "Justice Department",
        "according to",
    ),
    (
        "Six people were indicted, according to a statement from the Justice Department.",
        "Six people were indicted",
        "a statement from the Justice Department",
        "Justice Department",
        "according to",
    ),
]


@pytest.mark.parametrize(("text", "content", "mention", "name", "cue"), CASES)
def test_reported_forms(text, content, mention, name, cue) -> None:
    found = _indirect(text)
    assert len(found) == 1
    q = found[0]
    assert q.text == content
    assert q.spans == (q.content,) and text[q.spans[0][0] : q.spans[0][1]] == content
    assert q.speaker is not None
    assert (q.speaker.mention, q.speaker.name) == (mention, name)
    assert q.cue is not None and q.cue.text == cue


def test_pronoun_speaker_resolves() -> None:
    text = (
        "Assistant Attorney General John Eisenberg spoke on Monday. He warned that by "
        "embedding themselves in legitimate businesses, these operatives threaten security."
    )
    q = _indirect(text)[0]
    assert q.text.startswith("by embedding themselves")
    assert q.speaker is not None and q.speaker.mention == "He"
    assert q.speaker.name == "John Eisenberg"


def test_she_noted_that() -> None:
    text = (
        "US Attorney Leah Foley echoed these concerns. She noted that thousands of operatives "
        "have been trained to blend into the workforce."
    )
    q = next(q for q in _indirect(text) if not q.stance)  # 'echoed these concerns' is a stance
    assert q.speaker is not None and q.speaker.name == "Leah Foley"
    assert q.cue is not None and q.cue.text == "noted"


def test_passive_report_names_no_speaker() -> None:
    """'He was said to be tired': hearsay; the subject is what is said, not who said it."""
    found = _indirect("He was said to be tired.")
    assert all(q.speaker is None and q.stance for q in found)


@pytest.mark.parametrize(
    "text",
    [
        "The so-called 'deep state' is a myth.",
        "The senator called the police.",
        "Prices rose sharply in May.",
        "He said so.",
    ],
)
def test_no_reported_speech(text: str) -> None:
    assert _indirect(text) == []


def test_partial_quote_inside_reported_clause_is_one_partial() -> None:
    text = 'The mayor said the plan was "a disaster for everyone" and would fail.'
    ex = extract_article(Article(id="t", path="t", text=text))
    assert [q.kind for q in ex.quotes] == ["partial"]
    q = ex.quotes[0]
    assert q.text == "a disaster for everyone"
    assert q.content is not None
    assert text[q.content[0] : q.content[1]].startswith("the plan was")


def test_indirect_never_overlaps_a_direct_quote() -> None:
    text = '"We will appeal," she said, adding that the ruling was wrong.'
    ex = extract_article(Article(id="t", path="t", text=text))
    direct = [q for q in ex.quotes if q.kind == "direct"]
    assert len(direct) == 1
    for q in ex.quotes:
        if q.kind == "indirect":
            assert not (
                q.spans[0][0] < direct[0].spans[0][1] and direct[0].spans[0][0] < q.spans[0][1]
            )


def test_beliefs_are_not_reported_speech_by_default() -> None:
    """A belief may be reported as a stance, never as speech."""
    found = _indirect("The senator believes the bill will pass easily.")
    assert all(q.stance for q in found)


# Verb frames scored by the model learned from PolNeAR train (frame_model.py): a verb frame is an
# attribution where the verb, its complement and its subject make one likely. Speech verbs with a
# clause are speech; everything else the model reports is a stance.
@pytest.mark.parametrize(
    ("text", "content", "cue", "stance"),
    [
        (
            "Mayor Olsen criticized the ruling on Tuesday.",
            "the ruling on Tuesday",
            "criticized",
            True,
        ),
        (
            "The union urged members to reject the offer.",
            "members to reject the offer",
            "urged",
            True,
        ),
        ("Senator Reyes plans to run for governor.", "to run for governor", "plans", True),
        (
            "Jane Roe said that the bridge would stay shut.",
            "the bridge would stay shut",
            "said",
            False,
        ),
    ],
)
def test_frame_model_reports_attributions(text: str, content: str, cue: str, stance: bool) -> None:
    found = _indirect(text)
    assert [(q.text, q.cue.text if q.cue else None, q.stance) for q in found] == [
        (content, cue, stance)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The company won the contract last year.",
        "The team has a new coach.",
        "The bridge was closed for repairs.",
        "She walked to the station and took the train.",
    ],
)
def test_frame_model_leaves_other_verbs_alone(text: str) -> None:
    assert _indirect(text) == []


def test_frame_model_can_be_turned_off() -> None:
    text = "Mayor Olsen criticized the ruling on Tuesday."
    ex = extract_article(Article(id="t", path="t", text=text), frames=False)
    assert ex.quotes == ()


def test_frame_model_cut_decides() -> None:
    """A higher cut keeps fewer frames: the cut is the model's precision/recall dial."""
    text = "Mayor Olsen criticized the ruling on Tuesday."
    art = Article(id="t", path="t", text=text)
    assert extract_article(art, frame_cut=0.05).quotes
    assert extract_article(art, frame_cut=0.999).quotes == ()


def test_indirect_off_reports_only_quotation_marks() -> None:
    text = 'Jane Roe said that the bridge would stay shut. "We are sorry," she added.'
    ex = extract_article(Article(id="t", path="t", text=text), indirect=False)
    assert [(q.kind, q.text) for q in ex.quotes] == [("direct", "We are sorry")]


def test_partial_quotes_in_one_clause_are_one_statement() -> None:
    text = 'He called the mayor a "liar" and a "bully" at the rally.'
    ex = extract_article(Article(id="t", path="t", text=text))
    assert len(ex.quotes) == 1
    q = ex.quotes[0]
    assert q.kind == "partial" and len(q.spans) == 2
    assert [text[s:e] for s, e in q.spans] == ["liar", "bully"]
    assert q.content is not None and text[q.content[0] : q.content[1]].startswith("the mayor")


def test_a_report_nested_in_another_is_part_of_it() -> None:
    from quotedrift.extraction.article import extract_article
    from quotedrift.records import Article

    text = (
        "He warned that by embedding themselves in legitimate businesses, these operatives "
        "threaten both corporate security and global stability.\n"
    )
    quotes = extract_article(Article(id="a.txt", path="a.txt", text=text)).quotes
    assert [q.cue.text for q in quotes if q.cue] == ["warned"]
    assert quotes[0].text.startswith("by embedding themselves")


def _frame_features_of(text: str, verb: str) -> list[str]:
    from quotedrift.extraction.frame_model import frame_features
    from quotedrift.extraction.nlp import load_nlp
    from quotedrift.extraction.reported_speech import frame

    doc = load_nlp()(text)
    tok = next(t for t in doc if t.text == verb)
    found = frame(tok, min_object=1, wide=True, subjectless=True)
    assert found is not None, text
    shape, subj, toks = found
    return frame_features(tok, shape, subj, toks)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (
            "The fishermen criticized the new quota on Tuesday.",
            "The bakers criticized the new quota on Tuesday.",
        ),
        (
            "Mayor Olsen criticized the new quota on Tuesday.",
            "Mayor Hansen criticized the new quota on Tuesday.",
        ),
    ],
)
def test_frame_features_know_the_subject_by_kind_not_by_its_words(one: str, other: str) -> None:
    # Subject words learned from one year's news would carry its cast and topics into every
    # article the model reads.
    assert _frame_features_of(one, "criticized") == _frame_features_of(other, "criticized")


@pytest.mark.parametrize(
    "text",
    [
        "Yesterday the fishermen Criticized the quota.",
        "Criticized the quota, the fishermen went home.",
    ],
)
def test_a_capitalised_word_read_as_a_verb_enters_as_a_name(text: str) -> None:
    from quotedrift.extraction.frame_model import NAME_FORM

    feats = _frame_features_of(text, "Criticized")
    assert "form=" + NAME_FORM in feats
    assert not any("criticized" in f for f in feats)
