"""The terminal table of a compare Report, fitted to the terminal's width.

Pure like every renderer: records and a width in, text out. At 159 columns and more (and when no
width is given, as for a file) the full six-column grid; below it the added/dropped column goes;
below 100 columns (an 80-column terminal) each version becomes a block of indented lines.
"""

from __future__ import annotations

import textwrap

from tabulate import tabulate

from quotedrift.records import TIER_ORDER, Article, Drift, Report, Statement, Version
from quotedrift.report.plain_words import (
    describe_flags,
    display_original,
    free_notes,
    in_place,
    outlet_of,
    speaker_label,
    version_place,
    version_speaker,
)
from quotedrift.report.worst import headlines


def wrap(text: str, width: int = 60, max_lines: int = 6) -> str:
    """Wrap for a terminal cell; past ``max_lines`` lines the rest is cut with an ellipsis."""
    lines = textwrap.wrap(" ".join(text.split()), width=width) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip() + "\u2026"
    return "\n".join(lines)


def original_display(statement: Statement) -> str:
    """A statement's original quotation(s) as one text, pieces joined by a bracketed ellipsis."""
    return display_original(statement.original_texts())


def statements_by_speaker(report: Report) -> list[tuple[str, list[Statement]]]:
    """Statements grouped by speaker id, speakers in first-appearance order."""
    groups: dict[str, list[Statement]] = {}
    for statement in report.statements:
        groups.setdefault(statement.speaker, []).append(statement)
    return list(groups.items())


def flags_and_notes(version: Version) -> list[str]:
    """A version's flags in plain words, then the drift notes that no flag already says."""
    return describe_flags(version) + free_notes(version.drift)


def _added_dropped(drift: Drift) -> str:
    parts = []
    if drift.added:
        parts.append("+ " + ", ".join(drift.added))
    if drift.dropped:
        parts.append("- " + ", ".join(drift.dropped))
    return "\n".join(parts)


WIDE_TABLE = 159
"""Columns the full terminal table takes; narrower terminals get fewer or stacked columns."""
NARROW_TABLE = 100
"""Below this many columns the table is stacked: one block of lines per version."""


def split_carried(report: Report) -> tuple[list[tuple[str, list[Statement]]], list[Statement]]:
    """Statements some other outlet carried, grouped by speaker, and those none carried (listed
    once at the end rather than as a table holding only the original)."""
    groups = statements_by_speaker(report)
    carried = [(sp, [s for s in sts if s.versions]) for sp, sts in groups]
    alone = [s for _, sts in groups for s in sts if not s.versions]
    return [(sp, sts) for sp, sts in carried if sts], alone


def render_table(report: Report, width: int | None = None) -> str:
    """The report as the terminal table, fitted to ``width`` columns (None: the full table, as
    for a file; never narrower than 40). Raises nothing."""
    articles = {a.id: a for a in report.articles}
    speakers = {s.id: s for s in report.speakers}
    ref = articles.get(report.reference.article)
    width = WIDE_TABLE if width is None else max(40, width)
    heading = f"Original: {report.reference.article} ({outlet_of(ref)}): {report.reference.reason}"
    out = [heading if width >= WIDE_TABLE else textwrap.fill(heading, width - 1), ""]
    worst = headlines(report)
    if worst:
        out.append("Most severe changes:")
        for i, headline in enumerate(worst, start=1):
            out.append(
                textwrap.fill(f"  {i}. {headline.line}", width - 1, subsequent_indent="     ")
            )
        out.append("")
    shown, alone = split_carried(report)
    for speaker_id, statements in shown:
        out.append(f"== {speaker_label(speakers.get(speaker_id), speaker_id)} ==")
        for statement in statements:
            out.append(f"[{statement.id}]")
            if width < NARROW_TABLE:
                out.extend(_stacked_statement(statement, articles, width))
            else:
                out.append(_statement_grid(statement, articles, width))
            out.append("")
    if alone:
        out.append("== Not carried by any other outlet ==")
        for statement in alone:
            who = speaker_label(speakers.get(statement.speaker), statement.speaker)
            line = f"[{statement.id}] {who}: {original_display(statement)}"
            out.append(textwrap.fill(line, width - 1, subsequent_indent="    "))
        out.append("")
    if report.unsupported:
        out.append("== Unsupported (no source in the original) ==")
        out.extend(_unsupported_lines(report, articles, width))
        out.append("")
    if report.problems:
        out.append("== Problems ==")
        out.extend(f"{p.path}: {p.message}" for p in report.problems)
        out.append("")
    if not report.statements and not report.unsupported:
        out.append("No statements found.")
    return "\n".join(out).rstrip("\n") + "\n"


def _statement_grid(statement: Statement, articles: dict[str, Article], width: int) -> str:
    """One statement as a grid: six columns at full width, five (no added/dropped) below it."""
    first = statement.original[0] if statement.original else None
    full = width >= WIDE_TABLE
    # simple_grid takes 3 columns of padding and rule per column, and one more.
    outlet_w, text_w, flags_w = (18, 50, 28) if full else (14, 0, 0)
    if not full:
        # the tier column is as wide as the longest tier name; "drift" is padded to 7
        rest = width - 16 - outlet_w - max(map(len, TIER_ORDER)) - 7
        flags_w = rest * 2 // 5
        text_w = rest - flags_w
    source = in_place(outlet_of(articles.get(first.article) if first else None), first)
    original = [wrap(source, outlet_w, 3)]
    original += ["original", "", ""] + ([""] if full else [])
    rows = [[*original, wrap(original_display(statement), text_w, 8)]]
    for version in statement.versions:
        drift = version.drift
        row = [
            wrap(version_place(version, articles), outlet_w, 3),
            drift.tier,
            f"{drift.score:.0f}",
            wrap("; ".join(flags_and_notes(version)), flags_w, 6),
        ]
        if full:
            row.append(wrap(_added_dropped(drift), 24, 6))
        rows.append([*row, wrap(version.rendered_text, text_w, 8)])
    headers = ["outlet", "tier", "drift", "flags"] + (["added/dropped"] if full else []) + ["text"]
    return tabulate(rows, headers=headers, tablefmt="simple_grid")


def _stacked_statement(statement: Statement, articles: dict[str, Article], width: int) -> list[str]:
    """One statement for a narrow terminal: the original, then a block of lines per version."""
    first = statement.original[0] if statement.original else None
    source = in_place(outlet_of(articles.get(first.article) if first else None), first)
    lines = [f"original, {source}:"]
    lines += _indented(original_display(statement), width)
    for version in statement.versions:
        drift = version.drift
        head = f"  {version_place(version, articles)}: {drift.tier}, drift {drift.score:.0f}"
        lines += textwrap.wrap(head, width - 1, subsequent_indent="    ")
        body = [version.rendered_text, "; ".join(flags_and_notes(version))]
        body += _added_dropped(drift).split("\n")
        for part in body:
            lines += _indented(part, width)
    return lines


def _indented(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width - 1, initial_indent="    ", subsequent_indent="    ")


def _unsupported_lines(report: Report, articles: dict[str, Article], width: int) -> list[str]:
    if width < NARROW_TABLE:
        lines = []
        for v in report.unsupported:
            head = f"  {version_place(v, articles)}, {version_speaker(v) or 'no speaker'}:"
            lines += textwrap.wrap(head, width - 1, subsequent_indent="    ")
            lines += _indented(v.rendered_text, width)
        return lines
    outlet_w, speaker_w = (18, 20) if width >= WIDE_TABLE else (14, 16)
    text_w = 60 if width >= WIDE_TABLE else width - 10 - outlet_w - speaker_w
    table = tabulate(
        [
            [
                wrap(version_place(v, articles), outlet_w, 3),
                wrap(version_speaker(v) or "-", speaker_w, 3),
                wrap(v.rendered_text, text_w, 8),
            ]
            for v in report.unsupported
        ],
        headers=["outlet", "speaker", "text"],
        tablefmt="simple_grid",
    )
    return [table]
