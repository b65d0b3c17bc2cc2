"""The BASIL benchmark's scoring rules on small made-up labels and predictions (no eval text)."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import basil_scoring as scoring  # noqa: E402
from basil_scoring import (  # noqa: E402
    Gold,
    GoldPair,
    GoldQuote,
    PredictedVersion,
    Prediction,
)

T = "abcd1234-0000-0000-0000-000000000000"
FOX, NYT, HPO = f"{T}/fox.txt", f"{T}/nyt.txt", f"{T}/hpo.txt"


def gq(
    qid: str, start: int, end: int, speaker: str = "Ana Ruiz", kind: str = "direct"
) -> GoldQuote:
    outlet = qid.split("/")[0]
    return GoldQuote(
        id=f"abcd1234/{qid}",
        file=f"{T}/{outlet}.txt",
        start=start,
        end=end,
        kind=kind,
        speaker=speaker,
    )


def pred(
    pid: str,
    file: str,
    spans: list[tuple[int, int]],
    statement: str | None = "s1",
    name: str | None = "Ana Ruiz",
    kind: str | None = "person",
    mention: str | None = "Ruiz",
    stance: bool = False,
) -> Prediction:
    return Prediction(
        id=pid,
        file=file,
        spans=tuple(spans),
        statement=statement,
        speaker_name=name,
        speaker_kind=kind,
        mention=mention,
        stance=stance,
    )


def no_head(role: str) -> str:
    raise AssertionError(f"head noun asked for a named speaker: {role}")


# --- half coverage and stances


@pytest.mark.parametrize(
    ("spans", "file", "stance", "expected"),
    [
        ([(100, 150)], FOX, False, True),  # exactly half of [100, 200)
        ([(100, 149)], FOX, False, False),  # one character short of half
        ([(90, 120), (160, 190)], FOX, False, True),  # fragments add up: 20 + 30 of 100
        ([(0, 1000)], FOX, False, True),  # a longer prediction stands for what it contains
        ([(100, 200)], NYT, False, False),  # the same offsets in another file
        ([(100, 200)], FOX, True, False),  # a stance earns nothing
        ([(200, 300)], FOX, False, False),  # touching, not overlapping
    ],
)
def test_half_coverage_rule(
    spans: list[tuple[int, int]], file: str, stance: bool, expected: bool
) -> None:
    gold = gq("fox/q1", 100, 200)
    assert scoring.stands_for(pred("p", file, spans, stance=stance), gold) is expected


def test_one_prediction_stands_for_every_gold_sentence_it_covers() -> None:
    # '"A," he said. "B."' kept whole by the tool, two sentences in the gold: both are found.
    golds = (gq("fox/q1", 10, 40), gq("fox/q2", 55, 90), gq("fox/q3", 300, 320))
    gold = Gold(T, golds, ())
    score = scoring.score_triplet(gold, [pred("p", FOX, [(10, 40), (55, 90)])], [], no_head)
    assert score.missed == ("abcd1234/fox/q3",)
    assert scoring.figures([score]).quote_recall == pytest.approx(2 / 3)


def test_stance_predictions_earn_no_recall_speaker_or_pair() -> None:
    golds = (gq("fox/q1", 0, 50), gq("nyt/q1", 0, 50))
    gold = Gold(T, golds, (GoldPair(golds[0].id, golds[1].id, "identical"),))
    predictions = [pred("f", FOX, [(0, 50)], stance=True), pred("n", NYT, [(0, 50)])]
    score = scoring.score_triplet(gold, predictions, [], no_head)
    assert score.missed == ("abcd1234/fox/q1",)
    assert score.speakers_scored == 1
    assert score.true_pairs == ()
    assert score.missed_pairs == ((golds[0].id, golds[1].id),)


def test_speaker_is_judged_on_the_best_covering_prediction() -> None:
    gold = gq("fox/q1", 100, 200, speaker="Ana Ruiz")
    small = pred("small", FOX, [(100, 160)], name="Ana Ruiz")
    big = pred("big", FOX, [(90, 200)], name="Tomas Vidal")
    assert scoring.best_cover(gold, [small, big]) == big
    score = scoring.score_triplet(Gold(T, (gold,), ()), [small, big], [], no_head)
    assert [(w.prediction, w.predicted) for w in score.wrong_speakers] == [("big", "Tomas Vidal")]


# --- speaker rules


@pytest.mark.parametrize(
    ("gold_speaker", "name", "kind", "mention", "right"),
    [
        ("Ana Ruiz", "Ruiz", "person", "she", True),  # the last word is enough
        ("Ana Ruiz", "Ana", "person", "Ana", False),  # a first name is not
        ("Ana Ruiz", "Ruizman", "person", "Ruizman", False),  # a word, not a substring
        ("Ana Ruiz", None, None, "she", False),  # no resolved name
        ("Raúl Peña", "Raul Pena", "person", "Pena", True),  # accents folded
        ("RAÚL PEÑA", "raúl peña", "person", None, True),  # and case
        ("Kevin de Leòn", "De Leon", "person", None, True),
        ("Wilma P. Stone III", "Wilma Stone", "person", None, True),  # suffix set aside
        ("Harbour Workers Union", "Harbour Workers", "organization", None, True),  # org prefix
        ("Harbour", "Harbour Workers Union", "organization", None, True),  # either way
        ("Harbour Workers Union", "Harbour Workers", "person", None, False),  # people: no prefix
        ("Harbour Workers Union", "Dockside Workers", "organization", None, False),
        ("Harbour Workers Union", "Workers Union", "organization", None, True),  # last word
    ],
)
def test_speaker_name_rules(
    gold_speaker: str, name: str | None, kind: str | None, mention: str | None, right: bool
) -> None:
    p = pred("p", FOX, [(0, 10)], name=name, kind=kind, mention=mention)
    assert scoring.speaker_right(gold_speaker, p, no_head) is right


@pytest.mark.parametrize(
    ("gold_speaker", "name", "kind", "right"),
    [
        ("Harbour Workers Union", "Harbour", "person", True),  # listed: the prefix counts
        ("Dana Ocampo", "Dana", "organization", False),  # not listed: a person, whatever kind
        ("Dana Ocampo", "Ocampo", "organization", True),  # the last word still counts
    ],
)
def test_listed_organisations_decide_the_prefix_rule(
    gold_speaker: str, name: str, kind: str, right: bool
) -> None:
    organisations = frozenset({"Harbour Workers Union"})
    p = pred("p", FOX, [(0, 10)], name=name, kind=kind)
    assert scoring.speaker_right(gold_speaker, p, no_head, organisations) is right


def test_a_parenthesis_is_part_of_the_name_as_labelled() -> None:
    # A parenthesis is part of the name as labelled: its last word is the one that counts.
    p = pred("p", FOX, [(0, 10)], name="Riverside chapter", kind="organization")
    assert scoring.speaker_right("Tidewater Alliance (Riverside chapter)", p, no_head)
    assert scoring.last_word("Terry O’Neill") == "o'neill"


@pytest.mark.model
@pytest.mark.parametrize(
    ("gold_speaker", "name", "mention", "right"),
    [
        ("a senior port official", "senior port official", "a senior port official", True),
        ("a senior port official", "Ana Ruiz", "one official", True),  # the mention holds it
        ("an official briefed on the talks", "Ana Ruiz", "an official", True),  # head, not last
        ("an official briefed on the talks", "Ana Ruiz", "people briefed on the talks", False),
        ("a spokeswoman for the ferry line", "spokesman", "a spokesman", False),
        ("protesters in the square", "Protesters", "protesters", True),
        ("the ministry's annual report", "Ministry", "the ministry", False),
    ],
)
def test_role_only_speaker_needs_its_head_noun(
    gold_speaker: str, name: str, mention: str, right: bool
) -> None:
    # The real spaCy model finds the head noun of the role description.
    p = pred("p", FOX, [(0, 10)], name=name, kind="role", mention=mention)
    assert scoring.speaker_right(gold_speaker, p, scoring.head_noun) is right


# --- pairs


def _pairs_case() -> Gold:
    golds = (
        gq("fox/q1", 0, 40),
        gq("fox/q2", 50, 90),
        gq("nyt/q1", 0, 40),
        gq("nyt/q2", 100, 140),
        gq("hpo/q1", 0, 40),
    )
    g = {q.id.split("/", 1)[1]: q.id for q in golds}
    pairs = (
        GoldPair(g["fox/q1"], g["nyt/q1"], "excerpt"),
        GoldPair(g["fox/q2"], g["nyt/q2"], None),  # same statement, non-overlapping parts
        GoldPair(g["hpo/q1"], g["nyt/q1"], "identical"),
    )
    return Gold(T, golds, pairs)


def test_pairs_are_statement_co_membership_with_disjoint_pairs_counted() -> None:
    gold = _pairs_case()
    predictions = [
        pred("f1", FOX, [(0, 40)], statement="s1"),
        pred("n1", NYT, [(0, 40)], statement="s1"),
        pred("f2", FOX, [(50, 90)], statement="s2"),
        pred("n2", NYT, [(100, 140)], statement="s2"),  # the disjoint pair: found
        pred("h1", HPO, [(0, 40)], statement=None),  # unsupported: in no statement
    ]
    score = scoring.score_triplet(gold, predictions, [], no_head)
    ids = {q.id.split("/", 1)[1]: q.id for q in gold.quotes}
    assert set(score.true_pairs) == {
        tuple(sorted((ids["fox/q1"], ids["nyt/q1"]))),
        tuple(sorted((ids["fox/q2"], ids["nyt/q2"]))),
    }
    assert score.missed_pairs == (tuple(sorted((ids["hpo/q1"], ids["nyt/q1"]))),)
    assert score.missed_pair_causes == ("a quotation unsupported",)
    assert score.false_pairs == ()
    fig = scoring.figures([score])
    assert (fig.pair_precision, fig.pair_recall) == (1.0, pytest.approx(2 / 3))
    assert fig.pair_f1 == pytest.approx(0.8)


def test_one_statement_for_everything_makes_false_pairs_and_same_outlet_pairs_never_count() -> None:
    gold = _pairs_case()
    predictions = [pred(f"p{i}", q.file, [(q.start, q.end)]) for i, q in enumerate(gold.quotes)]
    score = scoring.score_triplet(gold, predictions, [], no_head)
    # 5 quotations of 3 outlets: 10 pairs, minus fox/q1~fox/q2 and nyt/q1~nyt/q2 in one outlet.
    assert len(score.true_pairs) + len(score.false_pairs) == 8
    assert len(score.true_pairs) == 3 and len(score.false_pairs) == 5
    assert set(score.false_pair_causes) == {"different gold statements aligned"}
    assert scoring.figures([score]).pair_precision == pytest.approx(3 / 8)


def test_a_whole_interrupted_quotation_pairs_both_its_sentences() -> None:
    # fox keeps '"A," she said. "B."' as one quotation; nyt quotes only A: B ~ nyt is false.
    gold = _pairs_case()
    ids = {q.id.split("/", 1)[1]: q.id for q in gold.quotes}
    predictions = [
        pred("f", FOX, [(0, 40), (50, 90)], statement="s1"),
        pred("n1", NYT, [(0, 40)], statement="s1"),
        pred("h1", HPO, [(0, 40)], statement="s2"),
    ]
    score = scoring.score_triplet(gold, predictions, [], no_head)
    assert score.false_pairs == (tuple(sorted((ids["fox/q2"], ids["nyt/q1"]))),)
    assert score.false_pair_causes == ("a prediction spans several gold quotations",)
    assert set(score.missed_pair_causes) == {"in different statements", "a quotation not found"}


def test_a_prediction_covering_too_little_does_not_pair() -> None:
    gold = _pairs_case()
    predictions = [
        pred("f1", FOX, [(0, 10)], statement="s1"),  # a quarter of fox/q1
        pred("n1", NYT, [(0, 40)], statement="s1"),
    ]
    score = scoring.score_triplet(gold, predictions, [], no_head)
    assert score.true_pairs == () and score.false_pairs == ()


# --- verdicts


@pytest.mark.parametrize(
    ("relation", "tier", "flags", "agrees", "alarm"),
    [
        ("identical", "verbatim", (), True, None),
        ("identical", "typographic", (), True, None),
        ("identical", "excerpt", (), False, None),
        ("typographic", "verbatim", (), True, None),
        ("excerpt", "excerpt", (), True, None),
        ("excerpt", "reworded", (), False, None),
        ("reworded", "reworded", (), True, None),
        ("reworded", "paraphrased", (), True, None),
        ("meaning_changed", "meaning_changed", ("number_changed",), True, None),
        ("meaning_changed", "paraphrased", (), False, None),
        ("excerpt", "meaning_changed", ("negation_changed",), False, "meaning_changed"),
        ("identical", "verbatim", ("attribution_changed",), True, "attribution_changed"),
        ("meaning_changed", "reworded", ("attribution_changed",), False, None),
    ],
)
def test_tier_mapping_and_false_alarms(
    relation: str, tier: str, flags: tuple[str, ...], agrees: bool, alarm: str | None
) -> None:
    golds = (gq("fox/q1", 0, 40), gq("nyt/q1", 0, 40))
    gold = Gold(T, golds, (GoldPair(golds[1].id, golds[0].id, relation),))
    predictions = [pred("f", FOX, [(0, 40)]), pred("n", NYT, [(0, 40)])]
    # The version is the fox quotation; the labelled pair names it second: order does not matter.
    versions = [PredictedVersion("f", ("n",), tier, flags)]
    score = scoring.score_triplet(gold, predictions, versions, no_head)
    (verdict,) = score.verdicts
    assert (verdict.agrees, verdict.false_alarm) == (agrees, alarm)
    assert len(score.false_alarms) == (1 if alarm else 0)


def test_versions_of_unlabelled_or_disjoint_pairs_are_not_scored() -> None:
    gold = _pairs_case()
    predictions = [pred(f"p{i}", q.file, [(q.start, q.end)]) for i, q in enumerate(gold.quotes)]
    by_gold = {q.id.split("/", 1)[1]: f"p{i}" for i, q in enumerate(gold.quotes)}
    versions = [
        PredictedVersion(by_gold["nyt/q2"], (by_gold["fox/q2"],), "meaning_changed"),  # disjoint
        PredictedVersion(by_gold["hpo/q1"], (by_gold["fox/q1"],), "meaning_changed"),  # no label
        PredictedVersion(by_gold["hpo/q1"], (by_gold["nyt/q1"],), "verbatim"),  # labelled
    ]
    score = scoring.score_triplet(gold, predictions, versions, no_head)
    assert [(v.relation, v.tier, v.agrees) for v in score.verdicts] == [
        ("identical", "verbatim", True)
    ]
    confusion = scoring.tier_confusion([score])
    assert confusion == {("identical", "verbatim"): 1}


def test_predictions_from_json_reads_every_quotation_of_the_contract() -> None:
    report = {
        "articles": [
            {"article": "fox.txt", "path": f"/eval/triplets/{FOX}"},
            {"article": "nyt.txt", "path": f"/eval/triplets/{NYT}"},
        ],
        "speakers": [{"id": "ana-ruiz", "name": "Ana Ruiz", "kind": "person"}],
        "statements": [
            {
                "id": "s1",
                "original": {
                    "quotes": [
                        {
                            "quote_id": "fox.txt#1",
                            "article": "fox.txt",
                            "spans": [[0, 40]],
                            "speaker": "ana-ruiz",
                            "speaker_as_written": "Ruiz",
                        }
                    ]
                },
                "versions": [
                    {
                        "quote_id": "nyt.txt#2",
                        "article": "nyt.txt",
                        "spans": [[5, 9]],
                        "speaker": None,
                        "speaker_as_written": None,
                        "original_quote_ids": ["fox.txt#1"],
                        "tier": "excerpt",
                        "flags": [],
                    }
                ],
            }
        ],
        "unsupported": [
            {
                "quote_id": "nyt.txt#3",
                "article": "nyt.txt",
                "spans": [[50, 60]],
                "speaker": "ana-ruiz",
                "speaker_as_written": "she",
            }
        ],
    }
    predictions, versions = scoring.predictions_from_json(
        report, lambda p: p.split("/triplets/", 1)[1]
    )
    assert [(p.id, p.file, p.statement, p.speaker_name) for p in predictions] == [
        ("fox.txt#1", FOX, "s1", "Ana Ruiz"),
        ("nyt.txt#2", NYT, "s1", None),
        ("nyt.txt#3", NYT, None, "Ana Ruiz"),
    ]
    assert versions == [PredictedVersion("nyt.txt#2", ("fox.txt#1",), "excerpt", ())]


def test_label_hashes_are_checked_and_a_bad_file_does_not_stop_the_others(
    tmp_path: Path,
) -> None:
    import hashlib
    import json

    import basil

    folder = tmp_path / "triplets" / T
    folder.mkdir(parents=True)
    (folder / "fox.txt").write_text('Title\n\n"We sail at dawn," Ruiz said.\n', encoding="utf-8")
    start = len('Title\n\n"')
    end = start + len("We sail at dawn,")
    digest = hashlib.sha1(b"We sail at dawn,").hexdigest()

    def label(name: str, sha1: str) -> Path:
        quote = {
            "id": "abcd1234/fox/q1",
            "file": FOX,
            "start": start,
            "end": end,
            "sha1": sha1,
            "kind": "direct",
            "speaker": "Ana Ruiz",
            "speaker_as_written": "Ruiz",
            "headline": False,
        }
        data = {
            "triplets": [T],
            "quotes": [quote],
            "statements": [],
            "pairs": [],
            "disjoint_pairs": [],
            "notes": {},
        }
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        return path

    good, bad = label("good", digest), label("bad", "0" * 40)
    loaded, errors = basil.load_labels([bad, good], tmp_path / "triplets")
    assert [item.path for item in loaded] == [good]
    assert len(errors) == 1
    assert str(bad) in errors[0] and "abcd1234/fox/q1" in errors[0] and "SHA-1" in errors[0]


def test_check_fails_below_a_floor_or_above_the_alarm_ceiling() -> None:
    import json

    import basil

    floors = json.loads(basil.FLOORS.read_text(encoding="utf-8"))
    assert set(basil.FLOORED) | {"false_alarms_max"} <= floors.keys()  # every figure is gated
    gold = _pairs_case()
    predictions = [pred(f"p{i}", q.file, [(q.start, q.end)]) for i, q in enumerate(gold.quotes)]
    fig = scoring.figures([scoring.score_triplet(gold, predictions, [], no_head)])
    assert basil.check_floors(fig, {"quote_recall": 1.0, "pair_f1": 0.5}) == []
    failed = basil.check_floors(fig, {"pair_precision": 0.5, "tier_agreement": 0.1})
    # 3/8 precision is below 0.5; no verdict at all counts as below any floor.
    assert [line.split()[0] for line in failed] == ["pair_precision", "tier_agreement"]
    alarms = dataclasses.replace(fig, false_alarms=4)
    assert basil.check_floors(alarms, {"false_alarms_max": 3}) != []
    assert basil.check_floors(alarms, {"false_alarms_max": 4}) == []
