"""Independent coverage: small made-up folders of outlets reporting one event on their own,
compared with the real model and spaCy. The article taken as the original (``reference``) is one
that does not carry the statement under test, so the other outlets' versions must find each other
(``run/rounds.py``), as they must when no outlet is the original.

Each case names what a wrong result would look like. Statements are found by the words their
members print, not by ids, so the cases do not depend on how quotations are numbered.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from quotedrift.config import Settings
from quotedrift.records import Quote, Report
from quotedrift.run import pipeline

pytestmark = pytest.mark.model

_LEAD = "HARBORVILLE - The county board met on Tuesday to discuss the flooded river road.\n\n"


# The article taken as the original: it carries no statement of the cases.
_BYSTANDER = (
    'The board also heard from residents. "The water came up to our windows," said Greta '
    "Solberg, who lives by the road.\n"
)


def _compare(
    tmp_path: Path, articles: dict[str, str], reference: str | None = "bystander.txt"
) -> Report:
    """compare on the articles (and the bystander); ``reference`` None: no article is taken
    as the original, as in independent coverage with one date and no wire credit."""
    folder = tmp_path / "coverage"
    folder.mkdir()
    for name, body in {**articles, "bystander": _BYSTANDER}.items():
        (folder / f"{name}.txt").write_text(_LEAD + body, encoding="utf-8")
    settings = Settings(cache_dir=tmp_path / "cache", processes=1, reference=reference)
    return pipeline.compare([folder], settings)


def _members(report: Report) -> list[tuple[list[Quote], list[str]]]:
    """Each statement's quotations (original and versions) and the versions' flags."""
    out = []
    for s in report.statements:
        quotes = list(s.original) + [v.quote for v in s.versions]
        out.append((quotes, [f for v in s.versions for f in v.flags]))
    return out


def _statement_with(report: Report, *words: str) -> tuple[list[Quote], list[str]]:
    """The statement whose quotations, together, print every one of ``words``; fails if none."""
    for quotes, flags in _members(report):
        text = " ".join(q.text for q in quotes)
        if all(w in text for w in words):
            return quotes, flags
    raise AssertionError(f"no statement prints {words}: {_members(report)}")


def _articles_of(quotes: list[Quote]) -> set[str]:
    return {q.article for q in quotes}


def test_the_same_words_under_two_names_are_one_statement_moved(tmp_path: Path) -> None:
    # Wrong: two unsupported quotations, the move unreported.
    report = _compare(
        tmp_path,
        {
            "courier": 'Board chair Nadia Okafor said: "We will rebuild the river road before '
            'the autumn storms arrive, whatever the state decides."\n',
            "herald": 'Deputy chair Tomas Lind said: "We will rebuild the river road before '
            'the autumn storms arrive, whatever the state decides."\n',
        },
    )
    quotes, flags = _statement_with(report, "autumn storms")
    assert _articles_of(quotes) == {"courier.txt", "herald.txt"}
    assert "attribution_changed" in flags


def test_two_partials_in_one_sentence_each_find_their_statement(tmp_path: Path) -> None:
    # Wrong: the two partials joined into one unit ("step aside stay out of this fight") that
    # matches neither sentence and stays unsupported.
    report = _compare(
        tmp_path,
        {
            "courier": 'Chair Nadia Okafor said the contractor should "step aside" and the '
            'state should "stay out of this fight" until the road reopens.\n',
            "herald": 'Chair Nadia Okafor was blunt. "The contractor should step aside," she '
            'said. "The state should stay out of this fight until we have reopened it."\n',
        },
    )
    for words in ("step aside", "stay out of this fight"):
        quotes, _ = _statement_with(report, words)
        assert _articles_of(quotes) == {"courier.txt", "herald.txt"}, words
    assert not [v for v in report.unsupported if v.quote.article != "bystander.txt"]


def test_a_surname_never_given_in_full_is_one_person_across_outlets(tmp_path: Path) -> None:
    # Wrong: "Okafor" in one outlet and "Chair Okafor" in the other as two identities, and the
    # shared sentence flagged as attributed to someone else.
    report = _compare(
        tmp_path,
        {
            "courier": 'Okafor told reporters: "The river road will reopen in the spring, '
            'not a day later."\n',
            "herald": '"The river road will reopen in the spring, not a day later," Chair '
            "Okafor said.\n",
        },
    )
    quotes, flags = _statement_with(report, "reopen in the spring")
    assert _articles_of(quotes) == {"courier.txt", "herald.txt"}
    assert "attribution_changed" not in flags
    assert len({s.id for s in report.speakers if s.name.endswith("Okafor")}) == 1


def test_two_sentences_on_one_subject_are_two_statements(tmp_path: Path) -> None:
    # Wrong: one statement, the second outlet's sentence a "reworded" version of the first's:
    # they share the subject's words, not the sentence.
    report = _compare(
        tmp_path,
        {
            "courier": 'Chair Nadia Okafor said: "I believe the river road must be rebuilt '
            'with state money before the winter."\n',
            "herald": 'Chair Nadia Okafor said: "Nobody has found the money for the river '
            'road yet, and the state has not offered any."\n',
        },
        reference=None,
    )
    for quotes, _ in _members(report):
        assert _articles_of(quotes) != {"courier.txt", "herald.txt"}, [q.text for q in quotes]


def test_words_one_speaker_quotes_from_another_are_not_moved_to_them(tmp_path: Path) -> None:
    # Wrong: the chair's phrase and the critic's sentence quoting it made one statement, the
    # chair's version flagged as words moved from the critic.
    report = _compare(
        tmp_path,
        {
            "courier": 'Chair Nadia Okafor called the closure "a failure of planning" on Monday.\n',
            "herald": 'In a letter, the engineer Dana Pratt wrote: "The closure was not '
            "'a failure of planning.' It was a choice the board made in daylight.\"\n",
        },
        reference=None,
    )
    for quotes, flags in _members(report):
        assert _articles_of(quotes) != {"courier.txt", "herald.txt"}, [q.text for q in quotes]
        assert "attribution_changed" not in flags


# Each: the two outlets' texts and words of each that the one statement prints.
SHARED_RUNS = [
    # two cuts of one sentence: each outlet cut it at a different end and neither holds most of
    # the other's words (wrong: two unsupported quotations)
    (
        'Chair Nadia Okafor asked: "If the engineers know so much, have they not learned that '
        'the one thing you never do is build a bridge on river clay?"\n',
        'Chair Nadia Okafor said: "...you never do is build a bridge on river clay, because '
        'every crew that tried it here has watched it sink."\n',
        ("engineers know", "watched it sink"),
    ),
    # two excerpts of one long rule, whoever each outlet takes to be speaking them (wrong: two
    # unsupported quotations of the same words of the charter)
    (
        'The county charter is plain. It says: "No officer shall accept any gift, loan or favor '
        'as reward for any official act of the board...or be paid twice for one post."\n',
        'The charter says an officer may take nothing "as reward for any official act of the '
        'board or for any vote cast by its members in a closed session."\n',
        ("paid twice", "closed session"),
    ),
]


@pytest.mark.parametrize(("courier", "herald", "words"), SHARED_RUNS)
def test_quotations_sharing_a_long_run_are_one_statement(
    tmp_path: Path, courier: str, herald: str, words: tuple[str, str]
) -> None:
    report = _compare(tmp_path, {"courier": courier, "herald": herald}, reference=None)
    quotes, flags = _statement_with(report, *words)
    assert _articles_of(quotes) == {"courier.txt", "herald.txt"}
    assert "attribution_changed" not in flags


def test_one_word_two_speakers_used_is_not_one_statement(tmp_path: Path) -> None:
    # Wrong: the residents' "reckless" taken for an excerpt of the chair's sentence, and the
    # residents named as her. Her own one-word excerpt still joins her sentence.
    report = _compare(
        tmp_path,
        {
            "courier": 'Chair Nadia Okafor said: "This detour plan is reckless, and the county '
            'will pay for it for a decade."\n',
            "herald": 'Residents at the meeting called the detour plan "reckless" and left '
            "early.\n",
            "gazette": 'Chair Nadia Okafor called the detour plan "reckless" on Tuesday.\n',
        },
    )
    quotes, _ = _statement_with(report, "pay for it for a decade")
    assert _articles_of(quotes) == {"courier.txt", "gazette.txt"}
    residents = [v for v in report.unsupported if v.quote.article == "herald.txt"]
    assert [v.quote.text for v in residents] == ["reckless"]


def test_words_credited_to_two_speakers_are_each_ones_statement(tmp_path: Path) -> None:
    # Wrong: the outlet quoting the deputy alone flagged as crediting the chair's words to
    # someone else, or the joint quotation's second speaker lost.
    report = _compare(
        tmp_path,
        {
            "courier": "Chair Nadia Okafor and deputy chair Tomas Lind both called the closure "
            '"a failure of planning" on Monday.\n',
            "herald": 'Deputy chair Tomas Lind called the closure "a failure of planning."\n',
            "ledger": 'Chair Nadia Okafor said the closure was "a failure of planning."\n',
        },
        reference=None,
    )
    by_speaker = {}
    for s in report.statements:
        quotes = list(s.original) + [v.quote for v in s.versions]
        if any("failure of planning" in q.text for q in quotes):
            by_speaker[s.speaker] = (_articles_of(quotes), [f for v in s.versions for f in v.flags])
    names = {sp.id: sp.name for sp in report.speakers}
    assert {names[k]: v[0] for k, v in by_speaker.items()} == {
        "Nadia Okafor": {"courier.txt", "ledger.txt"},
        "Tomas Lind": {"courier.txt", "herald.txt"},
    }
    assert all("attribution_changed" not in flags for _, flags in by_speaker.values())
    assert not [v for v in report.unsupported if "failure" in v.quote.text]


@pytest.mark.parametrize("reference", ["courier.txt", None])
def test_quoted_words_join_the_quotation_not_the_reported_speech(
    tmp_path: Path, reference: str | None
) -> None:
    # Wrong: the herald's quoted words made a version of the courier's reported speech (the
    # writer's words), apart from the ledger's quotation that holds them.
    report = _compare(
        tmp_path,
        {
            "courier": "Chair Nadia Okafor said the contractor's claim was without merit.\n",
            "herald": 'Chair Nadia Okafor called the claim "without merit."\n',
            "ledger": 'Chair Nadia Okafor said: "We believe this claim is without merit and we '
            'will fight it in court."\n',
        },
        reference=reference,
    )
    quotes, _ = _statement_with(report, "We believe this claim")
    assert {"herald.txt", "ledger.txt"} <= _articles_of(quotes)
