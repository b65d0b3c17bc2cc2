"""Render extraction results (quotations per article) as text: table, JSONL, JSON or CSV.

Pure functions, records in, text out; JSON and CSV are byte-identical across runs.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Literal

from tabulate import tabulate

from quotedrift.records import (
    Extraction,
    SpeakerRef,
)
from quotedrift.report.formats import check_format, to_csv, to_json
from quotedrift.report.plain_words import (
    round3,
    speaker_shown,
)
from quotedrift.report.table import wrap

ExtractFormat = Literal["table", "jsonl", "json", "csv"]
EXTRACT_FORMATS: tuple[str, ...] = ("table", "jsonl", "json", "csv")


def _span(span: tuple[int, int] | None) -> list[int] | None:
    return None if span is None else [span[0], span[1]]


def _speaker_record(ref: SpeakerRef | None) -> dict[str, Any] | None:
    if ref is None:
        return None
    return {
        "mention": ref.mention,
        "span": _span(ref.span),
        "name": ref.name,
        "title": ref.title,
        "kind": ref.kind,
        "id": ref.id,
        "organization": ref.organization,
        "resolved_from": ref.resolved_from,
    }


def extraction_records(extractions: Sequence[Extraction]) -> list[dict[str, Any]]:
    """One JSON-ready record per quotation, in article order then text order.

    Takes the per-article results of ``extract``; returns dicts holding the JSONL contract fields
    (article, article_id, outlet, quote_id, kind, text, spans, speaker, cue, confidence, content),
    ``stance`` (an attributed stance, intention or act rather than speech), ``headline`` (a
    quotation in the article's headline) and ``joint`` (the others credited with the same words,
    'Ruiz and Vale said': speaker records as ``speaker``).
    Raises nothing.
    """
    records: list[dict[str, Any]] = []
    for extraction in extractions:
        article = extraction.article
        for quote in extraction.quotes:
            records.append(
                {
                    "article": article.path,
                    "article_id": article.id,
                    "outlet": article.outlet,
                    "quote_id": quote.id,
                    "kind": quote.kind,
                    "text": quote.text,
                    "spans": [[start, end] for start, end in quote.spans],
                    "speaker": _speaker_record(quote.speaker),
                    "cue": None
                    if quote.cue is None
                    else {"text": quote.cue.text, "span": _span(quote.cue.span)},
                    "confidence": round3(quote.confidence),
                    "content": _span(quote.content),
                    "stance": quote.stance,
                    "headline": quote.headline,
                    "joint": [_speaker_record(ref) for ref in quote.joint],
                }
            )
    return records


def _kind_cell(record: dict[str, Any]) -> str:
    if record["stance"]:
        return "stance"  # an indirect attribution, not speech
    return f"{record['kind']} (headline)" if record["headline"] else record["kind"]


def _speaker_cell(record: dict[str, Any]) -> str:
    """What the speaker resolves to, and the mention as written where that differs ("Leah Foley
    (as written: she)"), and who else is credited with the words ("Ana Ruiz and Tom Vale")."""
    speaker = record["speaker"]
    if speaker is None:
        return "-"
    shown = [speaker_shown(s["name"], s["mention"]) for s in (speaker, *record["joint"])]
    return " and ".join(shown)


def render_extraction(extractions: Sequence[Extraction], fmt: ExtractFormat) -> str:
    """Render extraction results as ``table``, ``jsonl``, ``json`` (a list) or ``csv`` text.

    Raises ConfigError for an unknown format.
    """
    check_format(fmt, EXTRACT_FORMATS)
    records = extraction_records(extractions)
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)
    if fmt == "json":
        return to_json(records)
    if fmt == "csv":
        return to_csv(
            [
                "article",
                "outlet",
                "quote_id",
                "kind",
                "speaker",
                "speaker_id",
                "speaker_as_written",
                "cue",
                "confidence",
                "spans",
                "stance",
                "headline",
                "joint",
                "text",
            ],
            (
                [
                    r["article"],
                    r["outlet"] or "",
                    r["quote_id"],
                    r["kind"],
                    r["speaker"]["name"] if r["speaker"] else "",
                    r["speaker"]["id"] if r["speaker"] else "",
                    r["speaker"]["mention"] if r["speaker"] else "",
                    r["cue"]["text"] if r["cue"] else "",
                    f"{r['confidence']:.3f}",
                    " ".join(f"{s}-{e}" for s, e in r["spans"]),
                    "yes" if r["stance"] else "",
                    "yes" if r["headline"] else "",
                    "; ".join(s["name"] for s in r["joint"]),
                    r["text"],
                ]
                for r in records
            ),
        )
    rows = [
        [
            r["quote_id"],
            _kind_cell(r),
            wrap(_speaker_cell(r), 24, 4),
            r["cue"]["text"] if r["cue"] else "-",
            f"{r['confidence']:.2f}",
            wrap(r["text"]),
        ]
        for r in records
    ]
    if not rows:
        return "No quotations found.\n"
    return (
        tabulate(
            rows,
            headers=["quote", "kind", "speaker", "cue", "conf", "text"],
            tablefmt="simple_grid",
        )
        + "\n"
    )
