"""Render extraction results and ``Report`` records as text (table, JSONL, JSON, CSV, Markdown).

Every function here is pure: records in, text out. JSON, CSV and Markdown are byte-identical across
runs (keys sorted where order carries no meaning, floats rounded to 3 places, no timestamps), so
they can be diffed and kept as golden files. The HTML page lives in ``html_report`` and is reached
through ``render_report(report, "html")``.
"""

from __future__ import annotations

import csv
import io
import json
import re
import textwrap
from collections.abc import Iterable, Sequence
from typing import Any, Literal

from tabulate import tabulate

from quotedrift.errors import ConfigError
from quotedrift.records import (
    Article,
    Drift,
    Edit,
    Extraction,
    Report,
    SpeakerRef,
    Statement,
    Version,
)
from quotedrift.report.plain_words import (
    TIER_LABELS,
    describe_flags,
    display_original,
    free_notes,
    join_words,
    outlet_of,
    round3,
    speaker_label,
    version_outlet,
)

ExtractFormat = Literal["table", "jsonl", "json", "csv"]
ReportFormat = Literal["table", "markdown", "csv", "json", "html"]
EXTRACT_FORMATS: tuple[str, ...] = ("table", "jsonl", "json", "csv")
REPORT_FORMATS: tuple[str, ...] = ("table", "markdown", "csv", "json", "html")


def _check_format(fmt: str, allowed: tuple[str, ...]) -> None:
    if fmt not in allowed:
        raise ConfigError(f"unknown output format {fmt!r}: choose one of {', '.join(allowed)}")


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: object) -> object:
    """Neutralise spreadsheet formula injection: text starting with = + - @ tab or CR gets a '."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_safe(cell) for cell in row])
    return buffer.getvalue()


def _wrap(text: str, width: int = 60, max_lines: int = 6) -> str:
    """Wrap for a terminal cell; past ``max_lines`` lines the rest is cut with an ellipsis."""
    lines = textwrap.wrap(" ".join(text.split()), width=width) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip() + "\u2026"
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# extract


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
    }


def extraction_records(extractions: Sequence[Extraction]) -> list[dict[str, Any]]:
    """One JSON-ready record per quotation, in article order then text order.

    Takes the per-article results of ``extract``; returns dicts holding the JSONL contract fields
    (article, article_id, outlet, quote_id, kind, text, spans, speaker, cue, confidence, content)
    and ``stance`` (an attributed stance, intention or act rather than speech).
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
                }
            )
    return records


def _speaker_cell(speaker: dict[str, Any] | None) -> str:
    """The speaker as written, and what it resolves to when that differs ("she -> Leah Foley")."""
    if speaker is None:
        return "-"
    mention, name = speaker["mention"], speaker["name"]
    return mention if mention == name or name in mention else f"{mention} -> {name}"


def render_extraction(extractions: Sequence[Extraction], fmt: ExtractFormat) -> str:
    """Render extraction results as ``table``, ``jsonl``, ``json`` (a list) or ``csv`` text.

    Raises ConfigError for an unknown format.
    """
    _check_format(fmt, EXTRACT_FORMATS)
    records = extraction_records(extractions)
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)
    if fmt == "json":
        return _json(records)
    if fmt == "csv":
        return _csv(
            [
                "article",
                "outlet",
                "quote_id",
                "kind",
                "speaker",
                "speaker_id",
                "cue",
                "confidence",
                "spans",
                "stance",
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
                    r["cue"]["text"] if r["cue"] else "",
                    f"{r['confidence']:.3f}",
                    " ".join(f"{s}-{e}" for s, e in r["spans"]),
                    "yes" if r["stance"] else "",
                    r["text"],
                ]
                for r in records
            ),
        )
    rows = [
        [
            r["quote_id"],
            "stance" if r["stance"] else r["kind"],  # an indirect attribution, not speech
            _wrap(_speaker_cell(r["speaker"]), 24, 4),
            r["cue"]["text"] if r["cue"] else "-",
            f"{r['confidence']:.2f}",
            _wrap(r["text"]),
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


# ---------------------------------------------------------------------------------------------
# compare: the JSON contract


def _edit_record(edit: Edit) -> dict[str, Any]:
    return {"op": edit.op, "original": list(edit.original), "version": list(edit.version)}


def _version_record(version: Version, articles: dict[str, Article]) -> dict[str, Any]:
    drift = version.drift
    metrics = drift.metrics
    return {
        "quote_id": version.quote.id,
        "article": version.quote.article,
        "outlet": version_outlet(version, articles),
        "kind": version.quote.kind,
        "text": version.quote.text,
        "spans": [[s, e] for s, e in version.quote.spans],
        "speaker_as_written": version.speaker_as_written,
        "original_quote_ids": list(version.original_quote_ids),
        "tier": drift.tier,
        "drift": round3(drift.score),
        "flags": list(drift.flags),
        "flags_in_words": describe_flags(version),
        "metrics": {
            "cosine": round3(metrics.cosine),
            "containment": round3(metrics.containment),
            "reverse_containment": round3(metrics.reverse_containment),
            "word_similarity": round3(metrics.word_similarity),
        },
        "added": list(drift.added),
        "dropped": list(drift.dropped),
        "edits": [_edit_record(e) for e in drift.edits],
        "notes": list(drift.notes),
    }


def _original_text(statement: Statement) -> str:
    # A statement about some sentences of its original quotation shows those sentences.
    return " ".join(statement.sentences or [q.text for q in statement.original])


def _original_display(statement: Statement) -> str:
    return display_original(statement.sentences or [q.text for q in statement.original])


def report_to_dict(report: Report) -> dict[str, Any]:
    """The compare JSON contract as plain data (see the module docstring for stability rules).

    Takes a Report; returns a dict of reference, articles, speakers, statements, unsupported and
    problems. Statement and version order is the report's own. Raises nothing.
    """
    articles = {a.id: a for a in report.articles}
    speakers = {s.id: s for s in report.speakers}
    statements = []
    for statement in report.statements:
        first = statement.original[0] if statement.original else None
        statements.append(
            {
                "id": statement.id,
                "speaker": statement.speaker,
                "speaker_name": speakers[statement.speaker].name
                if statement.speaker in speakers
                else None,
                "original": {
                    "quote_ids": [q.id for q in statement.original],
                    "article": first.article if first else None,
                    "text": _original_text(statement),
                    "reason": statement.original_reason,
                },
                "not_in_original": statement.not_in_original,
                "versions": [_version_record(v, articles) for v in statement.versions],
            }
        )
    return {
        "reference": {"article": report.reference.article, "reason": report.reference.reason},
        "articles": [
            {
                "article": a.id,
                "path": a.path,
                "outlet": a.outlet,
                "title": a.title,
                "date": a.date,
                "wire": a.wire,
                "warnings": list(a.warnings),
            }
            for a in report.articles
        ],
        "speakers": [
            {
                "id": s.id,
                "name": s.name,
                "titles": list(s.titles),
                "kind": s.kind,
                "aliases": list(s.aliases),
                "organization": s.organization,
                "links": list(s.links),
            }
            for s in report.speakers
        ],
        "statements": statements,
        "unsupported": [
            {
                "quote_id": v.quote.id,
                "article": v.quote.article,
                "outlet": version_outlet(v, articles),
                "speaker": v.quote.speaker.id if v.quote.speaker else None,
                "speaker_as_written": v.speaker_as_written,
                "kind": v.quote.kind,
                "text": v.quote.text,
            }
            for v in report.unsupported
        ],
        "problems": [
            {"path": p.path, "message": p.message, "fatal": p.fatal} for p in report.problems
        ],
    }


# ---------------------------------------------------------------------------------------------
# compare: table, Markdown, CSV


def _statements_by_speaker(report: Report) -> list[tuple[str, list[Statement]]]:
    """Statements grouped by speaker id, speakers in first-appearance order."""
    groups: dict[str, list[Statement]] = {}
    for statement in report.statements:
        groups.setdefault(statement.speaker, []).append(statement)
    return list(groups.items())


def _flags_and_notes(version: Version) -> list[str]:
    return describe_flags(version) + free_notes(version.drift)


def _added_dropped(drift: Drift) -> str:
    parts = []
    if drift.added:
        parts.append("+ " + ", ".join(drift.added))
    if drift.dropped:
        parts.append("- " + ", ".join(drift.dropped))
    return "\n".join(parts)


def _render_table(report: Report) -> str:
    articles = {a.id: a for a in report.articles}
    speakers = {s.id: s for s in report.speakers}
    ref = articles.get(report.reference.article)
    out = [
        f"Original: {report.reference.article} ({outlet_of(ref)}): {report.reference.reason}",
        "",
    ]
    for speaker_id, statements in _statements_by_speaker(report):
        out.append(f"== {speaker_label(speakers.get(speaker_id), speaker_id)} ==")
        for statement in statements:
            first = statement.original[0] if statement.original else None
            rows = [
                [
                    _wrap(outlet_of(articles.get(first.article) if first else None), 18, 3),
                    "original",
                    "",
                    "",
                    "",
                    _wrap(_original_display(statement), 50, 8),
                ]
            ]
            for version in statement.versions:
                drift = version.drift
                rows.append(
                    [
                        _wrap(version_outlet(version, articles), 18, 3),
                        drift.tier,
                        f"{drift.score:.0f}",
                        _wrap("; ".join(_flags_and_notes(version)), 28, 6),
                        _wrap(_added_dropped(drift), 24, 6),
                        _wrap(version.quote.text, 50, 8),
                    ]
                )
            out.append(f"[{statement.id}]")
            out.append(
                tabulate(
                    rows,
                    headers=["outlet", "tier", "drift", "flags", "added/dropped", "text"],
                    tablefmt="simple_grid",
                )
            )
            out.append("")
    if report.unsupported:
        out.append("== Unsupported (no source in the original) ==")
        out.append(
            tabulate(
                [
                    [
                        _wrap(version_outlet(v, articles), 18, 3),
                        _wrap(v.speaker_as_written or "-", 20, 3),
                        _wrap(v.quote.text, 60, 8),
                    ]
                    for v in report.unsupported
                ],
                headers=["outlet", "speaker", "text"],
                tablefmt="simple_grid",
            )
        )
        out.append("")
    if report.problems:
        out.append("== Problems ==")
        out.extend(f"{p.path}: {p.message}" for p in report.problems)
        out.append("")
    if not report.statements and not report.unsupported:
        out.append("No statements found.")
    return "\n".join(out).rstrip("\n") + "\n"


# '>' and '#' only matter at the start of a line, and no cell text starts a line.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<|~])")


def md_escape(text: str) -> str:
    """Escape text for a Markdown table cell: backslash-escape Markdown/HTML specials, one line."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def md_diff(edits: Sequence[Edit]) -> str:
    """The word diff inline: ~~dropped~~ words, **added** words, kept words plain (escaped)."""
    out = ""

    def add(words: Sequence[str], mark: str) -> None:
        nonlocal out
        if not words:
            return
        text = join_words(words)
        # Kept words follow the spacing rule of a run ("Korea" then "'s" stay together); a
        # marked run always gets a space, or GFM would not see its ~~ or ** as an opening.
        if out and (mark or join_words(("x", text)) != "x" + text):
            out += " "
        out += f"{mark}{md_escape(text)}{mark}"

    for edit in edits:
        if edit.op == "keep":
            add(edit.version or edit.original, "")
        else:
            add(edit.original, "~~")
            add(edit.version, "**")
    return out


def _md_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(c or " " for c in cells) + " |"


def _render_markdown(report: Report) -> str:
    articles = {a.id: a for a in report.articles}
    speakers = {s.id: s for s in report.speakers}
    ref = articles.get(report.reference.article)
    title = next((a.title for a in report.articles if a.title), None)
    out = [f"# Quotation drift: {md_escape(title)}" if title else "# Quotation drift", ""]
    out.append(
        f"Original: **{md_escape(outlet_of(ref))}** ({md_escape(report.reference.article)})"
        f": {md_escape(report.reference.reason)}."
    )
    out.append("")
    out.append(_md_row(["Article", "Outlet", "Date", "Wire"]))
    out.append(_md_row(["---"] * 4))
    for a in report.articles:
        out.append(
            _md_row(
                [
                    md_escape(a.path),
                    md_escape(a.outlet or "-"),
                    md_escape(a.date or "-"),
                    md_escape(a.wire or "-"),
                ]
            )
        )
    out.append("")
    for speaker_id, statements in _statements_by_speaker(report):
        out.append(f"## {md_escape(speaker_label(speakers.get(speaker_id), speaker_id))}")
        out.append("")
        for statement in statements:
            first = statement.original[0] if statement.original else None
            source = outlet_of(articles.get(first.article) if first else None)
            out.append(
                f"### {md_escape(statement.id)}: {md_escape(_short(_original_display(statement)))}"
            )
            out.append("")
            out.append(f"> {md_escape(_original_display(statement))}")
            out.append(">")
            out.append(f"> \u2014 original, {md_escape(source)}")
            if statement.original_reason:
                out.append(">")
                out.append(f"> ({md_escape(statement.original_reason)})")
            out.append("")
            out.append(
                _md_row(["Outlet", "Tier", "Drift", "Flags", "Version (~~dropped~~ **added**)"])
            )
            out.append(_md_row(["---", "---", "---:", "---", "---"]))
            for version in statement.versions:
                drift = version.drift
                out.append(
                    _md_row(
                        [
                            md_escape(version_outlet(version, articles)),
                            md_escape(TIER_LABELS.get(drift.tier, drift.tier)),
                            f"{drift.score:.0f}",
                            md_escape("; ".join(_flags_and_notes(version))) or "-",
                            md_diff(drift.edits) or md_escape(version.quote.text),
                        ]
                    )
                )
            out.append("")
    if report.unsupported:
        out.append("## Unsupported: no source in the original")
        out.append("")
        out.append(_md_row(["Outlet", "Speaker as written", "Quotation"]))
        out.append(_md_row(["---"] * 3))
        for v in report.unsupported:
            out.append(
                _md_row(
                    [
                        md_escape(version_outlet(v, articles)),
                        md_escape(v.speaker_as_written or "-"),
                        md_escape(v.quote.text),
                    ]
                )
            )
        out.append("")
    if report.problems:
        out.append("## Files that could not be read")
        out.append("")
        out.extend(f"- {md_escape(p.path)}: {md_escape(p.message)}" for p in report.problems)
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


_CSV_HEADER = (
    "statement",
    "speaker",
    "speaker_id",
    "outlet",
    "article",
    "quote_id",
    "kind",
    "tier",
    "drift",
    "flags",
    "added",
    "dropped",
    "cosine",
    "containment",
    "reverse_containment",
    "word_similarity",
    "original_quote_ids",
    "speaker_as_written",
    "text",
    "original_text",
)


def _render_csv(report: Report) -> str:
    articles = {a.id: a for a in report.articles}
    speakers = {s.id: s for s in report.speakers}
    originals = {q.id: q for s in report.statements for q in s.original}

    def row(statement: Statement | None, speaker_id: str, version: Version) -> list[object]:
        d, m = version.drift, version.drift.metrics
        original = (
            _original_display(statement)
            if statement is not None
            else " ".join(originals[i].text for i in version.original_quote_ids if i in originals)
        )
        return [
            statement.id if statement else "",
            speakers[speaker_id].name if speaker_id in speakers else "",
            speaker_id,
            version_outlet(version, articles),
            version.quote.article,
            version.quote.id,
            version.quote.kind,
            d.tier,
            f"{round3(d.score):.3f}",
            ";".join(d.flags),
            "; ".join(d.added),
            "; ".join(d.dropped),
            f"{round3(m.cosine):.3f}",
            f"{round3(m.containment):.3f}",
            f"{round3(m.reverse_containment):.3f}",
            f"{round3(m.word_similarity):.3f}",
            " ".join(version.original_quote_ids),
            version.speaker_as_written or "",
            version.quote.text,
            original,
        ]

    rows = [row(s, s.speaker, v) for s in report.statements for v in s.versions]
    rows += [
        row(None, v.quote.speaker.id if v.quote.speaker else "", v) for v in report.unsupported
    ]
    return _csv(_CSV_HEADER, rows)


def render_report(report: Report, fmt: ReportFormat) -> str:
    """Render a compare Report as ``table``, ``markdown``, ``csv``, ``json`` or ``html`` text.

    Raises ConfigError for an unknown format.
    """
    _check_format(fmt, REPORT_FORMATS)
    if fmt == "json":
        return _json(report_to_dict(report))
    if fmt == "markdown":
        return _render_markdown(report)
    if fmt == "csv":
        return _render_csv(report)
    if fmt == "html":
        # Imported here because html_report imports this module's helpers.
        from quotedrift.report.html import render_html

        return render_html(report)
    return _render_table(report)
