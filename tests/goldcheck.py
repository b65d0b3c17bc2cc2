"""Compare a Report with an editor's answer key (the shape of ../shared/gold/seeds.json and
data/gold.json): which versions align to which originals, with which tier, flags and relation."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from quotedrift.records import Quote, Report, Version


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    return re.sub(r"[^\w']+", " ", text.lower()).strip()


def _overlap(a: str, b: str) -> float:
    wa, wb = _norm(a).split(), _norm(b).split()
    if not wa or not wb:
        return 0.0
    common = sum(min(wa.count(w), wb.count(w)) for w in set(wa))
    return common / max(len(wa), len(wb))


@dataclass
class GoldMatch:
    """Gold quote id -> the report's quote, and the report's versions by quote id."""

    quotes: dict[str, Quote]
    versions: dict[str, Version]
    originals: dict[str, Quote]


def match_gold(report: Report, gold: Mapping[str, Any]) -> GoldMatch:
    """Find each gold quotation among the report's quotations (same article, best word overlap)."""
    versions = {v.quote.id: v for s in report.statements for v in s.versions}
    versions.update({v.quote.id: v for v in report.unsupported})
    originals = {q.id: q for s in report.statements for q in s.original}
    ours = list(originals.values()) + [v.quote for v in versions.values()]
    found: dict[str, Quote] = {}
    for g in gold["quotes"]:
        candidates = [q for q in ours if q.article == g["article"]]
        best = max(candidates, key=lambda q: _overlap(q.text, g["text"]), default=None)
        if best is not None and _overlap(best.text, g["text"]) >= 0.6:
            found[g["id"]] = best
    return GoldMatch(found, versions, originals)


def mismatches(
    report: Report, gold: Mapping[str, Any], *, check_verdicts: bool = True
) -> list[str]:
    """Every way the report departs from the gold alignments (empty when it agrees).

    Checks each listed version: found, aligned to exactly the listed originals (any order), and,
    where the gold gives them, its tier and that its flags include the gold flags. Gold entries in
    "unmatched" naming a version must be unsupported.
    """
    m = match_gold(report, gold)
    problems: list[str] = []
    # A merged version is listed under each statement it merges: its originals are the union.
    wanted: dict[str, set[str]] = {}
    verdicts: dict[str, Any] = {}
    for statement in gold["alignments"]:
        ids = {m.quotes[o].id for o in statement["original"] if o in m.quotes}
        if len(ids) < len(statement["original"]):
            problems.append(f"{statement['statement']}: original not found")
            continue
        for gid, verdict in statement["versions"].items():
            wanted.setdefault(gid, set()).update(ids)
            verdicts[gid] = verdict
    for gid, verdict in verdicts.items():
        q = m.quotes.get(gid)
        if q is None:
            problems.append(f"{gid}: not extracted")
            continue
        v = m.versions.get(q.id)
        if v is None:
            problems.append(f"{gid}: extracted as {q.id} but not in the report")
            continue
        got = set(v.original_quote_ids)
        merged = isinstance(verdict, dict) and verdict.get("relation") == "merged"
        # A version may render part of a statement whose original spans several quotations;
        # a merge must render all of them.
        if not got or not got <= wanted[gid] or (merged and got != wanted[gid]):
            problems.append(f"{gid}: aligned to {sorted(got)}, gold {sorted(wanted[gid])}")
        if not check_verdicts or not isinstance(verdict, dict):
            continue
        tier = verdict.get("tier")
        if tier and v.drift.tier != tier:
            problems.append(f"{gid}: tier {v.drift.tier}, gold {tier}")
        missing = set(verdict.get("flags", ())) - set(v.drift.flags)
        if missing:
            problems.append(f"{gid}: flags {sorted(v.drift.flags)} lack {sorted(missing)}")
    for line in gold.get("unmatched", ()):
        gid = line.split(":")[0].strip()
        q = m.quotes.get(gid)
        if q is None or gid.startswith("wire."):
            continue
        if q.id not in {v.quote.id for v in report.unsupported}:
            problems.append(f"{gid}: should be unsupported")
    return problems
