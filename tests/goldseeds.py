"""Typed records built from the hand-made gold of the seed articles (test helper).

Reads ``../shared/gold/seeds.json`` and the seed texts in ``../shared/seeds`` (relative to the repo
root) and returns what extraction would return for them if it were perfect: Articles, and Quotes
whose SpeakerRefs are resolved *within* their article only (ids are per article, mentions as
written), so cross-article identity resolution still has its whole job to do.

Nothing here is copied into the repository; tests using it skip when the folder is absent.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from quotedrift.records import Article, Extraction, Quote, Speaker, SpeakerKind, SpeakerRef

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds.json"

needs_seeds = pytest.mark.skipif(
    not (GOLD.is_file() and SEEDS.is_dir()), reason="../shared seeds and gold not present"
)

# A title ending in one of these names a role inside the body named before it
# ("foreign ministry spokeswoman" -> organisation "foreign ministry").
_ROLE_NOUNS = ("spokeswoman", "spokesman", "spokesperson")


@dataclass(frozen=True)
class GoldSeeds:
    """The seeds as records, plus the gold answers tests compare against."""

    articles: tuple[Article, ...]
    extractions: tuple[Extraction, ...]
    quotes: tuple[Quote, ...]
    gold_speaker: dict[str, str]
    """quote id -> gold speaker key (``foley``)."""
    alignments: tuple[dict[str, Any], ...]
    unmatched: tuple[str, ...]
    """quote ids the gold lists as having no counterpart."""
    raw: dict[str, Any]


def _find(text: str, needle: str, start: int = 0) -> int:
    """Offset of ``needle`` in ``text`` (typographic quotes and spacing tolerated), or -1."""
    at = text.find(needle, start)
    if at >= 0:
        return at
    pattern = re.escape(needle)
    for straight, curly in (("'", "['’]"), ('"', '["“”]')):
        pattern = pattern.replace(re.escape(straight), curly).replace(straight, curly)
    pattern = pattern.replace(r"\ ", r"\s+")
    m = re.compile(pattern).search(text, start)
    return m.start() if m else -1


def _mention_near(text: str, span: tuple[int, int], candidates: list[str]) -> tuple[str, int]:
    """The candidate mention whose occurrence is closest to the quote (longest wins ties)."""
    best: tuple[int, int, str, int] | None = None
    for cand in candidates:
        for m in re.finditer(re.escape(cand), text):
            if span[0] <= m.start() < span[1]:
                continue
            dist = span[0] - m.end() if m.end() <= span[0] else m.start() - span[1]
            if dist > 400:
                continue
            key = (dist, -len(cand), cand, m.start())
            if best is None or key < best:
                best = key
    if best is None:
        raise LookupError(f"no mention of {candidates} near {span}")
    return best[2], best[3]


def _ref_for(
    text: str, article: str, span: tuple[int, int], q: dict[str, Any], spk: dict[str, Any], n: int
) -> SpeakerRef:
    name: str = spk["name"]
    kind: SpeakerKind = (
        "organization" if spk.get("kind") in ("organization", "outlet staff") else "person"
    )
    sid = f"{article}#s{n}"
    if "speaker_as_written" in q:
        # An unnamed role: what an extractor would see, not the gold's resolution of it.
        mention = q["speaker_as_written"]
        at = text.rfind(mention, 0, span[0])
        role = re.sub(r"^(an?|the)\s+", "", mention, flags=re.I)
        org = role.split(" for ", 1)[1].removeprefix("the ") if " for " in role else None
        return SpeakerRef(mention, (at, at + len(mention)), role, role.split()[0], "role", sid, org)
    if "resolved_from" in q:
        pron = q["resolved_from"]
        starts = [mm.start() for mm in re.finditer(rf"\b{pron}\b", text[: span[0]])]
        at = starts[-1] if starts else -1
        return SpeakerRef(pron, (at, at + len(pron)) if at >= 0 else None, name, None, kind, sid)
    titles: list[str] = spk.get("titles", [])
    cands = [f"{t} {name}" for t in titles] + [name, name.split()[-1]] + titles
    mention, at = _mention_near(text, span, [c for c in cands if kind == "person" or c == name])
    title = next((t for t in titles if mention.startswith(t)), None)
    org = None
    if title and title.lower().endswith(_ROLE_NOUNS):
        org = title.rsplit(" ", 1)[0] if " " in title else None
    return SpeakerRef(mention, (at, at + len(mention)), name, title, kind, sid, org)


@cache
def load() -> GoldSeeds:
    """Articles, extractions and quotes of the seeds as gold describes them.

    Raises FileNotFoundError when the shared folder is absent (tests skip before that), and
    LookupError when a gold quote cannot be found in its article.
    """
    raw = json.loads(GOLD.read_text(encoding="utf-8"))
    articles: dict[str, Article] = {}
    for name, meta in sorted(raw["articles"].items()):
        path = SEEDS / name
        articles[name] = Article(
            id=name,
            path=str(path),
            text=path.read_text(encoding="utf-8"),
            outlet=meta.get("outlet"),
            date=meta.get("date"),
            wire=meta.get("wire"),
            dateline=meta.get("dateline"),
        )
    quotes: list[Quote] = []
    gold_speaker: dict[str, str] = {}
    local_ids: dict[tuple[str, str], int] = {}
    for q in raw["quotes"]:
        art = articles[q["article"]]
        at = _find(art.text, q["text"])
        if at < 0:
            raise LookupError(f"{q['id']}: gold text not found in {art.id}")
        span = (at, at + len(q["text"]))
        key = (art.id, q.get("speaker_as_written", q["speaker"]))
        n = local_ids.setdefault(key, len([k for k in local_ids if k[0] == art.id]) + 1)
        ref = _ref_for(art.text, art.id, span, q, raw["speakers"][q["speaker"]], n)
        kind = q["kind"].split(",")[0].strip()
        quotes.append(
            Quote(
                id=q["id"],
                article=art.id,
                kind=kind,  # type: ignore[arg-type]
                text=q["text"],
                spans=(span,),
                speaker=ref,
                cue=None,
                confidence=1.0,
            )
        )
        gold_speaker[q["id"]] = q["speaker"]
    extractions = []
    for art in articles.values():
        qs = tuple(q for q in quotes if q.article == art.id)
        speakers: dict[str, Speaker] = {}
        for r in (q.speaker for q in qs if q.speaker is not None):
            had = speakers.get(r.id) or Speaker(r.id, r.name, r.kind, organization=r.organization)
            speakers[r.id] = Speaker(
                id=r.id,
                name=had.name,
                kind=had.kind,
                titles=tuple(dict.fromkeys((*had.titles, *([r.title] if r.title else [])))),
                aliases=tuple(dict.fromkeys((*had.aliases, r.mention))),
                organization=had.organization or r.organization,
            )
        extractions.append(Extraction(article=art, quotes=qs, speakers=tuple(speakers.values())))
    unmatched = tuple(u.split(":", 1)[0].strip() for u in raw["unmatched"])
    return GoldSeeds(
        articles=tuple(articles.values()),
        extractions=tuple(extractions),
        quotes=tuple(quotes),
        gold_speaker=gold_speaker,
        alignments=tuple(raw["alignments"]),
        unmatched=unmatched,
        raw=raw,
    )
