"""Render ``Report`` records as text (table, Markdown, CSV, JSON); HTML through ``html``.

Every function here is pure: records in, text out. JSON, CSV and Markdown are byte-identical across
runs (keys sorted where order carries no meaning, floats rounded to 3 places, no timestamps), so
they can be diffed and kept as golden files. Extraction results render in
``report/extraction.py``, the terminal table in ``report/table.py``; the HTML page lives in
``report/html.py`` and is reached through ``render_report(report, "html")``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Literal

from quotedrift.records import (
    Article,
    Edit,
    Quote,
    Report,
    Speaker,
    Statement,
    Version,
)
from quotedrift.report.formats import check_format, to_csv, to_json
from quotedrift.report.plain_words import (
    TIER_LABELS,
    describe_flags,
    in_place,
    join_words,
    outlet_of,
    round3,
    speaker_label,
    version_outlet,
    version_place,
    version_speaker,
)
from quotedrift.report.table import (
    flags_and_notes,
    original_display,
    render_table,
    split_carried,
)
from quotedrift.report.worst import headlines, order_report

ReportFormat = Literal["table", "markdown", "csv", "json", "html"]
REPORT_FORMATS: tuple[str, ...] = ("table", "markdown", "csv", "json", "html")


# ---------------------------------------------------------------------------------------------
# compare: the JSON contract


def _edit_record(edit: Edit) -> dict[str, Any]:
    return {
        "op": edit.op,
        "original": list(edit.original),
        "version": list(edit.version),
        "printed": edit.printed,
        "printed_after": edit.printed_after,
        "printed_original": edit.printed_original,
        "elided": edit.elided,
    }


def _version_record(version: Version, articles: dict[str, Article]) -> dict[str, Any]:
    drift = version.drift
    metrics = drift.metrics
    return {
        "quote_id": version.quote.id,
        "article": version.quote.article,
        "outlet": version_outlet(version, articles),
        "kind": version.quote.kind,
        "headline": version.quote.headline,
        "text": version.quote.text,
        "spans": [[s, e] for s, e in version.quote.spans],
        "rendered_spans": [[s, e] for s, e in version.rendered],
        "rendered_text": version.rendered_text,
        "speaker": _speaker_id(version.quote),
        "speaker_as_written": version.speaker_as_written,
        "speaker_name": version.quote.speaker.name if version.quote.speaker else None,
        "speaker_resolved_from": version.quote.speaker.resolved_from
        if version.quote.speaker
        else None,
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


def _speaker_id(quote: Quote) -> str | None:
    """The speaker identity a quotation was resolved to (an id of the report's speakers)."""
    return quote.speaker.id if quote.speaker else None


def _original_quote_record(quote: Quote, rendered: Sequence[tuple[int, int]]) -> dict[str, Any]:
    # Where each original quotation is and who said it, so a reader can trace every member of a
    # statement back to its words without the joined text; rendered_spans: its fragments that
    # render this statement.
    return {
        "quote_id": quote.id,
        "article": quote.article,
        "kind": quote.kind,
        "headline": quote.headline,
        "spans": [[s, e] for s, e in quote.spans],
        "rendered_spans": [[s, e] for s, e in rendered],
        "speaker": _speaker_id(quote),
        "speaker_as_written": quote.speaker.mention if quote.speaker else None,
    }


def _original_text(statement: Statement) -> str:
    return " ".join(q.text for q in statement.original)


def _statement_record(
    statement: Statement, articles: dict[str, Article], speakers: dict[str, Speaker]
) -> dict[str, Any]:
    first = statement.original[0] if statement.original else None
    return {
        "id": statement.id,
        "speaker": statement.speaker,
        "speaker_name": speakers[statement.speaker].name if statement.speaker in speakers else None,
        "original": {
            "quote_ids": [q.id for q in statement.original],
            "article": first.article if first else None,
            "text": _original_text(statement),
            "rendered_text": " ".join(statement.original_texts()),
            "reason": statement.original_reason,
            "quotes": [
                _original_quote_record(q, statement.original_rendered(n))
                for n, q in enumerate(statement.original)
            ],
        },
        "not_in_original": statement.not_in_original,
        "versions": [_version_record(v, articles) for v in statement.versions],
    }


def _article_record(article: Article) -> dict[str, Any]:
    return {
        "article": article.id,
        "path": article.path,
        "outlet": article.outlet,
        "title": article.title,
        "date": article.date,
        "wire": article.wire,
        "warnings": list(article.warnings),
    }


def _speaker_record(speaker: Speaker) -> dict[str, Any]:
    return {
        "id": speaker.id,
        "name": speaker.name,
        "titles": list(speaker.titles),
        "kind": speaker.kind,
        "aliases": list(speaker.aliases),
        "organization": speaker.organization,
        "links": list(speaker.links),
    }


def _unsupported_record(version: Version, articles: dict[str, Article]) -> dict[str, Any]:
    return {
        "quote_id": version.quote.id,
        "article": version.quote.article,
        "outlet": version_outlet(version, articles),
        "speaker": _speaker_id(version.quote),
        "speaker_as_written": version.speaker_as_written,
        "speaker_name": version.quote.speaker.name if version.quote.speaker else None,
        "kind": version.quote.kind,
        "headline": version.quote.headline,
        "text": version.quote.text,
        "spans": [[s, e] for s, e in version.quote.spans],
        "rendered_spans": [[s, e] for s, e in version.rendered],
        "rendered_text": version.rendered_text,
    }


def report_to_dict(report: Report) -> dict[str, Any]:
    """The compare JSON contract as plain data (see the module docstring for stability rules).

    Takes a Report; returns a dict of worst (the most severe changes, one line each, most severe
    first), reference, articles, speakers, statements, unsupported and problems. Statement and
    version order is the report's own. Raises nothing.
    """
    articles = {a.id: a for a in report.articles}
    speakers = {s.id: s for s in report.speakers}
    return {
        "worst": [
            {
                "line": h.line,
                "statement": h.statement,
                "quote_id": h.quote_id,
                "tier": h.tier,
                "drift": round3(h.score),
            }
            for h in headlines(report)
        ],
        "reference": {
            "article": report.reference.article,
            "reason": report.reference.reason,
            "rule": report.reference.rule,
        },
        "articles": [_article_record(a) for a in report.articles],
        "speakers": [_speaker_record(s) for s in report.speakers],
        "statements": [_statement_record(st, articles, speakers) for st in report.statements],
        "unsupported": [_unsupported_record(v, articles) for v in report.unsupported],
        "problems": [
            {"path": p.path, "message": p.message, "fatal": p.fatal} for p in report.problems
        ],
    }


# ---------------------------------------------------------------------------------------------
# compare: table, Markdown, CSV


# '>' and '#' only matter at the start of a line, and no cell text starts a line.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<|~])")


def md_escape(text: str) -> str:
    """Escape text for a Markdown table cell: backslash-escape Markdown/HTML specials, one line."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _md_inline(text: str) -> str:
    """``md_escape`` that keeps a single space at either end (the diff joins runs by them)."""
    return _MD_SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text))


def md_diff(edits: Sequence[Edit]) -> str:
    """The word diff inline: ~~dropped~~ words, **added** words, kept words plain (escaped).

    The version's words appear as printed, punctuation included, so that the cell without its
    ~~dropped~~ runs and ** marks is the outlet's text; edits without printed text (records made
    elsewhere) fall back to their words joined.
    """
    if edits and any(e.printed for e in edits):
        return _md_printed(edits)
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


def _md_printed(edits: Sequence[Edit]) -> str:
    out: list[str] = []
    for edit in edits:
        if edit.op != "keep" and edit.original:
            # GFM needs no space inside the marks. Words cut stand right after the word before
            # them, ahead of the punctuation or ellipsis the version prints there; replaced words
            # stand where their replacement does.
            cut = f"~~{md_escape(edit.printed_original or join_words(edit.original))}~~"
            if edit.op == "drop" and len(out) >= 2:
                out.insert(len(out) - 1, " " + cut)
            else:
                out.append(cut + " ")
        if not edit.printed:
            continue
        words = _md_inline(edit.printed).strip()
        out.append(words if edit.op == "keep" else f"**{words}**")
        out.append(_md_inline(edit.printed_after))
    return re.sub(r" {2,}", " ", "".join(out)).strip()


def _md_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(c or " " for c in cells) + " |"


def _render_markdown(report: Report) -> str:
    articles = {a.id: a for a in report.articles}
    speakers = {s.id: s for s in report.speakers}
    out = _md_header(report, articles)
    shown, alone = split_carried(report)
    for speaker_id, statements in shown:
        out.append(f"## {md_escape(speaker_label(speakers.get(speaker_id), speaker_id))}")
        out.append("")
        for statement in statements:
            out.extend(_md_statement(statement, articles))
    if alone:
        out.append("## Not carried by any other outlet")
        out.append("")
        for statement in alone:
            who = speaker_label(speakers.get(statement.speaker), statement.speaker)
            out.append(
                f"- {md_escape(statement.id)}, {md_escape(who)}: "
                f"{md_escape(original_display(statement))}"
            )
        out.append("")
    if report.unsupported:
        out.append("## Unsupported: no source in the original")
        out.append("")
        out.append(_md_row(["Outlet", "Speaker", "Quotation"]))
        out.append(_md_row(["---"] * 3))
        for v in report.unsupported:
            out.append(
                _md_row(
                    [
                        md_escape(version_place(v, articles)),
                        md_escape(version_speaker(v) or "-"),
                        md_escape(v.rendered_text),
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


def _md_header(report: Report, articles: dict[str, Article]) -> list[str]:
    """The title, the original and the table of articles."""
    ref = articles.get(report.reference.article)
    title = next((a.title for a in report.articles if a.title), None)
    out = [f"# Quotation drift: {md_escape(title)}" if title else "# Quotation drift", ""]
    out.append(
        f"Original: **{md_escape(outlet_of(ref))}** ({md_escape(report.reference.article)})"
        f": {md_escape(report.reference.reason)}."
    )
    out.append("")
    worst = headlines(report)
    if worst:
        out.append("## Most severe changes")
        out.append("")
        out.extend(f"{i}. {md_escape(h.line)}" for i, h in enumerate(worst, start=1))
        out.append("")
    out.append(_md_row(["Article", "Outlet", "Date", "Wire"]))
    out.append(_md_row(["---"] * 4))
    for a in report.articles:
        cells = [a.path, a.outlet or "-", a.date or "-", a.wire or "-"]
        out.append(_md_row([md_escape(c) for c in cells]))
    out.append("")
    return out


def _md_statement(statement: Statement, articles: dict[str, Article]) -> list[str]:
    """One statement: its original as a block quote, then a row per version."""
    first = statement.original[0] if statement.original else None
    source = in_place(outlet_of(articles.get(first.article) if first else None), first)
    out = [
        f"### {md_escape(statement.id)}: {md_escape(_short(original_display(statement)))}",
        "",
        f"> {md_escape(original_display(statement))}",
        ">",
        f"> \u2014 original, {md_escape(source)}",
        "",
        _md_row(["Outlet", "Tier", "Drift", "Flags", "Version (~~dropped~~ **added**)"]),
        _md_row(["---", "---", "---:", "---", "---"]),
    ]
    for version in statement.versions:
        drift = version.drift
        out.append(
            _md_row(
                [
                    md_escape(version_place(version, articles)),
                    md_escape(TIER_LABELS.get(drift.tier, drift.tier)),
                    f"{drift.score:.0f}",
                    md_escape("; ".join(flags_and_notes(version))) or "-",
                    md_diff(drift.edits) or md_escape(version.rendered_text),
                ]
            )
        )
    out.append("")
    return out


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
    "headline",
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
    "version_speaker",
    "speaker_as_written",
    "text",
    "original_text",
    "change",
)


def _render_csv(report: Report) -> str:
    articles = {a.id: a for a in report.articles}
    speakers = {s.id: s for s in report.speakers}
    originals = {q.id: q for s in report.statements for q in s.original}

    every = sum(len(s.versions) for s in report.statements) + len(report.unsupported)
    lines = {h.quote_id: h.line for h in headlines(report, limit=every)}

    def row(statement: Statement | None, speaker_id: str, version: Version) -> list[object]:
        d, m = version.drift, version.drift.metrics
        original = (
            original_display(statement)
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
            "yes" if version.quote.headline else "",
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
            version.quote.speaker.name if version.quote.speaker else "",
            version.speaker_as_written or "",
            version.rendered_text,
            original,
            lines.get(version.quote.id, ""),
        ]

    rows = [row(s, s.speaker, v) for s in report.statements for v in s.versions]
    rows += [
        row(None, v.quote.speaker.id if v.quote.speaker else "", v) for v in report.unsupported
    ]
    return to_csv(_CSV_HEADER, rows)


def render_report(
    report: Report, fmt: ReportFormat, order: str = "severity", *, width: int | None = None
) -> str:
    """Render a compare Report as ``table``, ``markdown``, ``csv``, ``json`` or ``html`` text.

    Every format opens with the most severe changes, one line each (CSV: a ``change`` column,
    rows worst first). order: ``severity`` (default) puts the most severe statements, and the
    worst versions within each, first; ``original`` keeps the report's own order.
    width: terminal columns for ``table`` (None: the full 159-column layout; below 159 the
    added/dropped column goes, below 100 each version is a block of lines).
    Raises ConfigError for an unknown format or order.
    """
    check_format(fmt, REPORT_FORMATS)
    if fmt == "html":
        # Imported here because html_report imports this module's helpers.
        from quotedrift.report.html import render_html

        return render_html(report, order)
    report = order_report(report, order)
    if fmt == "json":
        return to_json(report_to_dict(report))
    if fmt == "markdown":
        return _render_markdown(report)
    if fmt == "csv":
        return _render_csv(report)
    return render_table(report, width)
