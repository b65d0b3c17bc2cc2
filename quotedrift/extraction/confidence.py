"""How often a quotation found the way this one was found is right: ``Quote.confidence``.

A quotation's confidence is the share of quotations of its cell that were right on PolNeAR train
(the statement matches a gold attribution's content and the speaker its source), where the cell is
what the extractor's output says about how it was found: the kind (direct, partial, indirect), the
route that gave the speaker (a cue word, a colon, a dash, carried over from the quotation before,
the previous sentence's subject, none, a headline's own route; for reported speech the rules or
the learned frame model) and what the speaker is (a person, an organisation, a role, a pronoun,
unknown, none). The table is learned by ``benchmarks/polnear_extract.py --fit-confidence`` and
ships in ``quotedrift/lang/en/confidence.json``; the same benchmark prints its reliability on dev.

The cell is read from the finished Quote alone, so the benchmark and the extractor agree on it by
construction and the table can be refitted without touching extraction.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from importlib import resources

from quotedrift.lang.en.pronouns import PRONOUNS
from quotedrift.records import Quote

_DASHES = frozenset({"—", "–", "―", "--"})


def route(quote: Quote) -> str:
    """How the speaker of ``quote`` was found, as its fields show."""
    if quote.kind == "indirect":
        return "frame" if quote.stance else "rule"
    if quote.headline:
        return "headline"  # attributed by the body's words or the headline's subject
    if quote.cue is not None:
        if quote.cue.text == ":":
            return "colon"  # 'Varga said:' before it, or a transcript turn's label
        return "dash" if quote.cue.text in _DASHES else "cue"
    if quote.speaker is None:
        return "none"
    # A speaker without a mention was carried over from the quotation before.
    return "carried" if quote.speaker.span is None else "subject"


def speaker_class(quote: Quote) -> str:
    """What the speaker is: its kind, or 'pronoun' where a pronoun names it."""
    if quote.speaker is None:
        return "none"
    if quote.speaker.mention.lower() in PRONOUNS:
        return "pronoun"
    return quote.speaker.kind


def cell(quote: Quote) -> str:
    """The calibration cell of ``quote``: 'kind|route|speaker'."""
    return f"{quote.kind}|{route(quote)}|{speaker_class(quote)}"


def _parents(key: str) -> list[str]:
    """``key`` and the coarser cells it falls back to: 'a|b|c', 'a|b', 'a'."""
    parts = key.split("|")
    return ["|".join(parts[:n]) for n in range(len(parts), 0, -1)]


def fit_table(outcomes: Mapping[str, tuple[int, int]], prior: float = 10.0) -> dict[str, float]:
    """Confidence by cell (and by its coarser parents) from ``outcomes``: cell -> (quotations,
    right). Each level's share is shrunk towards its parent's by ``prior`` pseudo-counts, so a
    cell seen a few times says little more than its parent."""
    counts: dict[str, list[int]] = {}
    for key, (n, right) in outcomes.items():
        for level in _parents(key):
            total = counts.setdefault(level, [0, 0])
            total[0] += n
            total[1] += right
    table: dict[str, float] = {}
    overall = sum(n for n, _ in outcomes.values())
    base = sum(r for _, r in outcomes.values()) / max(overall, 1)
    for key in sorted(counts, key=lambda k: k.count("|")):  # parents before their children
        n, right = counts[key]
        towards = table.get(_parents(key)[1], base) if "|" in key else base
        table[key] = round((right + prior * towards) / (n + prior), 3)
    return table


def lookup(table: Mapping[str, float], key: str) -> float:
    """The confidence of cell ``key``: its own entry, else its nearest parent's; 0.5 for a kind
    the table never saw."""
    return next((table[k] for k in _parents(key) if k in table), 0.5)


@functools.cache
def _shipped() -> Mapping[str, float]:
    text = resources.files("quotedrift").joinpath("lang/en/confidence.json").read_text("utf-8")
    data = json.loads(text)
    return {str(k): float(v) for k, v in data["confidence"].items()}


def confidence(quote: Quote) -> float:
    """The calibrated confidence of ``quote`` (its own ``confidence`` field is not read)."""
    return lookup(_shipped(), cell(quote))
