"""The three seed articles against the editor's gold (../shared/gold/seeds.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotedrift.extraction.article import extract_articles
from quotedrift.read.ingest import read_articles
from quotedrift.records import Extraction

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds.json"

pytestmark = pytest.mark.skipif(not GOLD.is_file(), reason="../shared/gold and seeds absent")


@pytest.fixture(scope="module")
def gold() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def extractions() -> dict[str, Extraction]:
    articles, problems = read_articles(sorted(SEEDS.glob("*.txt")))
    assert not problems
    # processes=1: in-process; test_parallel_identical checks the multi-process path.
    return {ex.article.id: ex for ex in extract_articles(articles, processes=1)}


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


def _find(ex: Extraction, text: str):
    return [
        q for q in ex.quotes if q.kind != "indirect" and _norm(q.text).rstrip(",") == _norm(text)
    ]


def _gold_name(gold: dict, speaker: str) -> str:
    return gold["speakers"][speaker]["name"]


def test_every_gold_quotation_found_with_exact_text(gold, extractions) -> None:
    missing = []
    for g in gold["quotes"]:
        ex = extractions[Path(g["article"]).name]
        if "i" in g["id"].split(".")[1][:1]:
            continue
        if len(_find(ex, g["text"])) != 1:
            missing.append(g["id"])
    assert missing == []


def test_speakers_right_for_at_least_eleven(gold, extractions) -> None:
    right, wrong = 0, []
    for g in gold["quotes"]:
        if g["id"].split(".")[1].startswith("i"):
            continue
        found = _find(extractions[g["article"]], g["text"])
        name = found[0].speaker.name if found and found[0].speaker else None
        expected = {_gold_name(gold, g["speaker"])}
        if g["id"] == "003.q3":  # unnamed in 003: the role as written is right at this stage
            expected.add("spokesperson for the foreign ministry")
        if name in expected:
            right += 1
        else:
            wrong.append((g["id"], name))
    assert right >= 11, wrong


def test_china_foreign_ministry_is_an_organization(extractions) -> None:
    q = _find(
        extractions["000_22da808e21f495c3.txt"],
        "safeguard the legitimate rights and interests of Chinese citizens",
    )[0]
    assert q.speaker is not None and q.speaker.kind == "organization"
    assert q.kind == "partial" and q.content is not None


def test_uncued_quote_takes_previous_sentence_speaker(extractions) -> None:
    ex = extractions["003_8538ff372b17d9b2.txt"]
    q = [q for q in ex.quotes if q.text.startswith("The danger posed")][0]
    assert q.cue is None and q.speaker is not None and q.speaker.name == "Leah Foley"


def test_both_indirect_statements_found(gold, extractions) -> None:
    for g in gold["quotes"]:
        if not g["id"].split(".")[1].startswith("i"):
            continue
        ex = extractions[g["article"]]
        start = ex.article.text.index(g["text"])
        end = start + len(g["text"])
        best = 0.0
        for q in ex.quotes:
            if q.kind != "indirect":
                continue
            s, e = q.spans[0]
            best = max(best, max(0, min(e, end) - max(s, start)) / max(e - s, end - start))
        assert best >= 0.8, g["id"]
        hit = [
            q for q in ex.quotes if q.kind == "indirect" and q.spans[0][0] <= start < q.spans[0][1]
        ]
        assert hit[0].speaker is not None
        assert hit[0].speaker.name == _gold_name(gold, g["speaker"])
        assert hit[0].speaker.mention == g["resolved_from"]


def test_nothing_from_boilerplate_or_headlines(extractions) -> None:
    for ex in extractions.values():
        banned = ex.article.boilerplate + ex.article.headlines
        for q in ex.quotes:
            for s, e in q.spans:
                assert not any(s < be and bs < e for bs, be in banned), q


def test_quote_ids_in_text_order(extractions) -> None:
    for art_id, ex in extractions.items():
        assert [q.id for q in ex.quotes] == [f"{art_id}#{n}" for n in range(1, len(ex.quotes) + 1)]
        starts = [q.spans[0][0] for q in ex.quotes]
        assert starts == sorted(starts)


def test_speakers_listed_with_aliases_and_titles(extractions) -> None:
    ex = extractions["000_22da808e21f495c3.txt"]
    by_id = {s.id: s for s in ex.speakers}
    assert "Assistant Attorney General" in by_id["john-eisenberg"].titles
    assert {"Foley", "US Attorney Leah Foley"} <= set(by_id["leah-foley"].aliases)
    assert by_id["mao-ning"].titles == ("foreign ministry spokeswoman",)


def test_parallel_identical(extractions) -> None:
    articles = [ex.article for ex in extractions.values()]
    parallel = extract_articles(articles, processes=2)
    assert [p.quotes for p in parallel] == [extractions[a.id].quotes for a in articles]
    assert [p.speakers for p in parallel] == [extractions[a.id].speakers for a in articles]
