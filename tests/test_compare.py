"""compare end to end with the real models: the seeds' answer key and the sample story's."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from goldcheck import match_gold, mismatches

from quotedrift.config import Settings
from quotedrift.records import TIER_ORDER, Report
from quotedrift.run import pipeline

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
SEED_GOLD = SHARED / "gold" / "seeds.json"
STORY = ROOT / "data" / "story"
STORY_GOLD = ROOT / "data" / "gold.json"

needs_shared = pytest.mark.skipif(not SEED_GOLD.is_file(), reason="../shared/gold absent")
pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(cache_dir=tmp_path_factory.mktemp("cache"), processes=1)


@pytest.fixture(scope="module")
def seeds_report(settings: Settings) -> Report:
    if not SEED_GOLD.is_file():
        pytest.skip("../shared/gold absent")
    return pipeline.compare([SEEDS], settings)


@pytest.fixture(scope="module")
def seeds_gold() -> dict:
    return json.loads(SEED_GOLD.read_text(encoding="utf-8"))


@needs_shared
def test_seeds_original_is_the_wire_copy(seeds_report: Report) -> None:
    assert seeds_report.reference.article == "000_22da808e21f495c3.txt"
    assert "AFP" in seeds_report.reference.reason


@needs_shared
def test_seeds_alignments_match_the_gold(seeds_report: Report, seeds_gold: dict) -> None:
    # The seed gold gives verdicts in words, not tiers: alignment is checked here, tiers below.
    assert mismatches(seeds_report, seeds_gold, check_verdicts=False) == []


@needs_shared
def test_seeds_tiers_and_flags(seeds_report: Report, seeds_gold: dict) -> None:
    m = match_gold(seeds_report, seeds_gold)
    drift = {gid: m.versions[q.id].drift for gid, q in m.quotes.items() if q.id in m.versions}
    assert drift["001.q2"].tier == "excerpt"
    assert drift["001.q3"].tier == "excerpt"
    assert drift["001.q1"].tier in ("reworded", "paraphrased", "meaning_changed")
    assert "words_never_said" in drift["001.q1"].flags
    assert any("directly" in n for n in drift["001.q1"].notes)
    at_least_paraphrased = TIER_ORDER.index("paraphrased")
    for gid in ("003.q1", "003.q2", "003.q3"):
        assert TIER_ORDER.index(drift[gid].tier) >= at_least_paraphrased, gid
    assert "merged" in drift["003.q2"].flags and "merged" in drift["003.q3"].flags
    assert any("behind a screen" in a for a in drift["003.q2"].added)
    assert drift["001.q4"].tier == "unsupported" and drift["001.i1"].tier == "unsupported"
    # Expected order: 001.q2 = 001.q3 (about zero) < 001.q1 < 003.q1, 003.q2, 003.q3.
    assert drift["001.q2"].score == pytest.approx(drift["001.q3"].score, abs=2)
    assert drift["001.q2"].score <= 10
    assert drift["001.q1"].score > drift["001.q2"].score
    assert all(drift[g].score > drift["001.q1"].score for g in ("003.q1", "003.q2", "003.q3"))


@needs_shared
def test_seeds_role_speaker_is_linked_to_the_named_spokeswoman(seeds_report: Report) -> None:
    mao = [s for s in seeds_report.speakers if s.name == "Mao Ning"]
    assert len(mao) == 1
    assert any("spokesperson for the foreign ministry" in a.lower() for a in mao[0].aliases)
    assert mao[0].links, "the link from the role to the name carries its reason"


@pytest.fixture(scope="module")
def story_report(settings: Settings) -> Report:
    return pipeline.compare([STORY], settings)


def test_story_original_is_the_wire(story_report: Report) -> None:
    assert story_report.reference.article == "npa_wire.txt"


def test_story_matches_the_answer_key(story_report: Report) -> None:
    gold = json.loads(STORY_GOLD.read_text(encoding="utf-8"))
    assert mismatches(story_report, gold) == []


@needs_shared
def test_seeds_html_report_shows_diffs_badges_and_summary(seeds_report: Report) -> None:
    from quotedrift.report.text import render_report

    page = render_report(seeds_report, "html")
    # 003's Foley version: words never said are marked as insertions in the diff.
    inserted = re.findall(r'<ins title="never said">([^<]*)</ins>', page)
    assert any("screen" in words for words in inserted)
    # 001's Eisenberg version: the words it cut are marked as dropped.
    dropped = re.findall(r'<del title="dropped">([^<]*)</del>', page)
    assert any("target" in words for words in dropped)
    for tier in ("excerpt", "reworded", "paraphrased", "unsupported"):
        assert f'class="badge tier-{tier}"' in page, tier
    assert "Outlets at a glance" in page and "Drift heatmap" in page
    assert "the only article with a wire credit (AFP)" in page


COVERAGE = ROOT / "data" / "coverage"
COVERAGE_GOLD = ROOT / "data" / "coverage.json"


@pytest.fixture(scope="module")
def coverage_report(settings: Settings) -> Report:
    return pipeline.compare([COVERAGE], settings)


def test_coverage_has_no_original_article(coverage_report: Report) -> None:
    assert not coverage_report.reference.is_original
    assert "no article is the original" in coverage_report.reference.reason


def test_coverage_matches_the_answer_key(coverage_report: Report) -> None:
    gold = json.loads(COVERAGE_GOLD.read_text(encoding="utf-8"))
    m = match_gold(coverage_report, gold)
    assert set(m.quotes) == {q["id"] for q in gold["quotes"]}, "every quotation extracted"
    gid_of = {q.id: gid for gid, q in m.quotes.items()}
    found = []
    for s in coverage_report.statements:
        members = {gid_of.get(q.id, q.id) for q in s.original}
        members |= {gid_of.get(v.quote.id, v.quote.id) for v in s.versions}
        found.append((members, s))
    assert sorted(sorted(f) for f, _ in found) == sorted(
        sorted(g["quotes"]) for g in gold["statements"]
    )
    for g in gold["statements"]:
        s = next(s for members, s in found if members == set(g["quotes"]))
        assert gid_of[s.original[0].id] in g["original"], g["statement"]
        assert s.original_reason and not s.not_in_original
        for v in s.versions:
            verdict = g["verdicts"][gid_of[v.quote.id]]
            assert v.drift.tier == verdict["tier"], (g["statement"], v.quote.text)
            assert set(verdict["flags"]) <= set(v.drift.flags), (g["statement"], v.drift.flags)
    unsupported = {gid_of.get(v.quote.id) for v in coverage_report.unsupported}
    assert set(gold["unsupported"]) <= unsupported


def _quotes_of(report: Report) -> list:
    return [
        *(q for s in report.statements for q in s.original),
        *(v.quote for s in report.statements for v in s.versions),
        *(v.quote for v in report.unsupported),
    ]


@pytest.mark.parametrize("which", ["story", "seeds"])
def test_every_quotation_names_its_identity_across_articles(
    which: str, request: pytest.FixtureRequest
) -> None:
    # The report's quotations carry the identity resolved across articles, not the id their own
    # article gave the speaker: a role linked to a named speaker elsewhere reads as that speaker.
    if which == "seeds" and not SEED_GOLD.is_file():
        pytest.skip("../shared/gold absent")
    report = request.getfixturevalue(f"{which}_report")
    ids = {s.id for s in report.speakers}
    named = [q for q in _quotes_of(report) if q.speaker is not None]
    assert named
    assert [q.id for q in named if q.speaker.id not in ids] == []
