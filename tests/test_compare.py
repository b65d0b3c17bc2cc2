"""compare end to end with the real models: the seeds' answer key and the sample story's."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from goldcheck import match_gold, mismatches

from quotedrift.config import Settings
from quotedrift.records import MEANING_FLAGS, TIER_ORDER, Report
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
def test_seeds_omissions_carry_no_meaning_flag(seeds_report: Report) -> None:
    # The seeds' rewrites leave numbers and clauses out (the reported speech of the arrests drops
    # "six" while merging three statements) but state no other value: no meaning flag anywhere.
    flagged = [
        (v.quote.id, sorted(MEANING_FLAGS & set(v.drift.flags)))
        for s in seeds_report.statements
        for v in s.versions
        if MEANING_FLAGS & set(v.drift.flags)
    ]
    assert flagged == []


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


def test_story_misattribution_is_red_and_counts_against_fidelity(story_report: Report) -> None:
    from quotedrift.report.html_builder import ViewBuilder, heat_style, outlet_summary

    versions = [v for s in story_report.statements for v in s.versions]
    moved = [v for v in versions if v.drift.tier == "attribution_changed"]
    # Harbour FM credits the port spokesman's words to the minister.
    assert [(v.outlet, v.quote.speaker.name if v.quote.speaker else None) for v in moved] == [
        ("Harbour FM", "Elena Varga")
    ]
    worst_reworded = max(
        v.drift.score for v in versions if v.drift.tier in ("reworded", "paraphrased")
    )
    assert moved[0].drift.score > worst_reworded
    # Red in the heatmap: the hue of its cell is at the red end (0-20 of 130).
    builder = ViewBuilder(story_report)
    _, rows = builder.heatmap(builder.speakers_view())
    cells = [c for r in rows if r.outlet == "Harbour FM" for c in r.cells if c is not None]
    hues = [int(c.style.split("hsl(")[1].split(",")[0]) for c in cells]
    assert heat_style(moved[0].drift.score) in [c.style for c in cells]
    assert min(hues) <= 20
    fm = next(r for r in outlet_summary(story_report) if r.outlet == "Harbour FM")
    assert fm.fidelity != "100%"
    assert fm.counts[TIER_ORDER.index("attribution_changed")] == 1


def test_story_markdown_versions_paste_back_verbatim(story_report: Report) -> None:
    from test_report import markdown_versions, pasted_back

    from quotedrift.report.text import render_report

    texts = {a.id: a.text for a in story_report.articles}
    versions = [v for s in story_report.statements for v in s.versions]
    cells = markdown_versions(render_report(story_report, "markdown"))
    assert len(cells) == len(versions)
    pasted = [pasted_back(c) for c in cells]
    # Punctuation as printed: the apostrophe of "passengers' lives" and the commas survive.
    assert any("passengers' lives" in p or "passengers\u2019 lives" in p for p in pasted)
    # Each cell shows the words that render its statement: the whole quotation, or the
    # fragments of it that do when its other fragments render other statements.
    assert sorted(pasted) == sorted(v.rendered_text for v in versions)
    assert any(v.rendered_text != v.quote.text for v in versions)
    for version in versions:
        if len(version.rendered) == 1:  # several fragments are joined by a space
            assert version.rendered_text in texts[version.quote.article]


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
