"""Render a ``Report`` as one self-contained HTML page.

Articles are untrusted input, so the page is built from structured view records and rendered by
jinja2 with autoescape forced on (the template's ``.html.j2`` name would defeat jinja2's
extension-based ``select_autoescape``). No article-derived text is ever marked safe: the word diff
and the quotation-in-context are lists of pieces the template wraps in tags and escapes itself.
As a second line of defence the page carries a Content-Security-Policy that forbids every network
fetch and allows only its own inline script, by hash, so an injected handler could not run either.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import importlib.metadata
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

import jinja2

from quotedrift.errors import ConfigError
from quotedrift.records import TIER_ORDER, Article, Edit, Quote, Report, Span, Version
from quotedrift.report.plain_words import (
    ELLIPSES,
    FIDELITY_TIERS,
    TIER_LABELS,
    describe_flags,
    display_original,
    free_notes,
    join_words,
    outlet_of,
    severity_key,
    speaker_label,
    version_outlet,
)
from quotedrift.report.worst import ORDERS, headlines

PieceKind = Literal["keep", "drop", "cut", "insert", "old", "new", "elision", "text", "quote"]
_CLOSING = frozenset(",.;:!?)]}'\u2019\u201d%")
_CONTEXT_REACH = 320  # characters searched each side of a quotation for its sentence boundaries
_SENTENCE_START = re.compile(r"(?:[.!?][\"'\u201d\u2019)]?\s+|\n\s*)")
_SENTENCE_END = re.compile(r"(?:[.!?][\"'\u201d\u2019)]?(?=\s|$)|\n)")
_TIER_SHORT = {
    "verbatim": "Verbatim",
    "typographic": "Typo\u00adgraphic",
    "excerpt": "Excerpt",
    "indirect": "Indirect",
    "reworded": "Reworded",
    "paraphrased": "Para\u00adphrased",
    "meaning_changed": "Meaning changed",
    "attribution_changed": "Speaker changed",
    "unsupported": "Unsup\u00adported",
}
_CSP_PLACEHOLDER = "__QUOTEDRIFT_SCRIPT_HASH__"
_SCRIPT_RE = re.compile(r"<script>(.*?)</script>", re.DOTALL)


@dataclass(frozen=True)
class Piece:
    """A run of words in a diff or a context, with how to show it; ``space`` = space before."""

    text: str
    kind: PieceKind
    space: bool = True


@dataclass(frozen=True)
class VersionView:
    anchor: str
    outlet: str
    outlet_key: str
    article: str
    kind: str
    tier: str
    tier_label: str
    score: int
    severity: int
    flags: tuple[str, ...]
    notes: tuple[str, ...]
    speaker_as_written: str
    speaker_resolved: str
    written_as: str
    speaker_key: str
    originals: tuple[str, ...]
    diff: tuple[Piece, ...]
    context: tuple[Piece, ...]
    order: int = 0


@dataclass(frozen=True)
class StatementView:
    anchor: str
    id: str
    label: str
    speaker: str
    order: int
    severity: int
    original: str
    original_outlet: str
    original_ids: tuple[str, ...]
    context: tuple[Piece, ...]
    versions: tuple[VersionView, ...]


@dataclass(frozen=True)
class SpeakerView:
    key: str
    label: str
    kind: str
    aliases: tuple[str, ...]
    links: tuple[str, ...]
    severity: int
    statements: tuple[StatementView, ...]
    order: int = 0


@dataclass(frozen=True)
class ArticleRow:
    path: str
    outlet: str
    title: str
    date: str
    wire: str
    quotations: int
    is_reference: bool
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class OutletRow:
    outlet: str
    total: int
    counts: tuple[int, ...]
    fidelity: str
    breakdown: str = ""


@dataclass(frozen=True)
class HeatCell:
    score: str
    title: str
    style: str
    anchor: str


@dataclass(frozen=True)
class HeatRow:
    outlet: str
    cells: tuple[HeatCell | None, ...]


@dataclass(frozen=True)
class Option:
    key: str
    label: str


@dataclass(frozen=True)
class HeadlineView:
    line: str
    anchor: str
    tier: str


# ---------------------------------------------------------------------------------------------
# view builders


def _piece_space(text: str, first: bool) -> bool:
    return not first and (text[:1] not in _CLOSING or text in ELLIPSES)


# An outlet's elision mark: "...", ". . .", "…", bracketed or not.
_DOTS = r"(?:\.\s?\.\s?\.|\u2026)"
_ELLIPSIS_RUN = re.compile(rf"\[\s*{_DOTS}\s*\]|\(\s*{_DOTS}\s*\)|{_DOTS}")


def _printed_pieces(edits: Sequence[Edit]) -> tuple[Piece, ...]:
    """Pieces with the version's words as printed: punctuation kept, an outlet's own ellipsis an
    ``elision`` piece, words cut where the outlet marked the cut (``cut``) apart from words
    dropped silently (``drop``)."""
    pieces: list[Piece] = []

    def text(value: str) -> None:
        at = 0
        for m in _ELLIPSIS_RUN.finditer(value):
            if m.start() > at:
                pieces.append(Piece(value[at : m.start()], "text", False))
            pieces.append(Piece(m.group(), "elision", False))
            at = m.end()
        if at < len(value):
            pieces.append(Piece(value[at:], "text", False))

    after_at = -1  # where the previous edit's printed_after pieces start
    for edit in edits:
        if edit.op != "keep" and edit.original:
            cut = edit.printed_original or join_words(edit.original)
            if edit.op == "drop" and after_at >= 0:
                # Words cut stand right after the word before them, ahead of the punctuation or
                # ellipsis the version prints there.
                kind: PieceKind = "cut" if edit.elided else "drop"
                pieces[after_at:after_at] = [Piece(" ", "text", False), Piece(cut, kind, False)]
            else:
                pieces.append(Piece(cut, "old" if edit.op == "replace" else "drop", False))
                pieces.append(Piece(" ", "text", False))
        if not edit.printed:
            continue
        if edit.op == "keep":
            text(edit.printed)
        else:
            pieces.append(Piece(edit.printed, "insert" if edit.op == "insert" else "new", False))
        after_at = len(pieces)
        text(edit.printed_after)
    if pieces and pieces[-1].kind == "text" and not pieces[-1].text.strip():
        pieces.pop()
    return tuple(pieces)


def diff_pieces(edits: Sequence[Edit]) -> tuple[Piece, ...]:
    """Word edits as display pieces: kept, dropped, inserted, replaced (old/new) and elisions.

    With the words as printed (``Edit.printed``), punctuation shows as the outlet printed it and
    an outlet's own ellipsis is an ``elision`` piece, with the words it stands for ``cut`` rather
    than ``drop`` (a silent cut). Otherwise an inserted ellipsis is an elision mark the outlet
    printed, so it gets its own kind.
    """
    if edits and any(e.printed for e in edits):
        return _printed_pieces(edits)
    pieces: list[Piece] = []

    def add(words: Sequence[str], kind: PieceKind) -> None:
        if not words:
            return
        text = join_words(words)
        if kind in ("insert", "new") and text.strip() in ELLIPSES:
            kind = "elision"
        pieces.append(Piece(text, kind, _piece_space(text, not pieces)))

    for edit in edits:
        if edit.op == "keep":
            add(edit.version or edit.original, "keep")
        elif edit.op == "drop":
            add(edit.original, "drop")
        elif edit.op == "insert":
            add(edit.version, "insert")
        else:
            add(edit.original, "old")
            add(edit.version, "new")
    return tuple(pieces)


def context_pieces(article: Article | None, spans: Sequence[Span]) -> tuple[Piece, ...]:
    """The sentence(s) around ``spans`` in the article, split into plain text and quoted pieces.

    Returns () when the article is unknown or a span falls outside its text (never raises), so a
    report built from partial records still renders.
    """
    if article is None or not spans:
        return ()
    text = article.text
    ordered = sorted(spans)
    if ordered[0][0] < 0 or ordered[-1][1] > len(text) or any(s > e for s, e in ordered):
        return ()
    first, last = ordered[0][0], ordered[-1][1]
    reach_start = max(0, first - _CONTEXT_REACH)
    starts = [m.end() for m in _SENTENCE_START.finditer(text, reach_start, first)]
    begin = starts[-1] if starts else reach_start
    # A quotation's closing mark and the attribution that follows belong to its sentence.
    end_match = _SENTENCE_END.search(text, last + 1, min(len(text), last + _CONTEXT_REACH))
    end = end_match.end() if end_match else min(len(text), last + _CONTEXT_REACH)
    pieces: list[Piece] = []
    if begin > 0 and begin == reach_start:
        pieces.append(Piece("\u2026", "text", False))
    cursor = begin
    for start, stop in ordered:
        if start < cursor:  # overlapping spans: show the overlap once
            start = cursor
        if start > cursor:
            pieces.append(Piece(text[cursor:start], "text", False))
        if stop > start:
            pieces.append(Piece(text[start:stop], "quote", False))
        cursor = max(cursor, stop)
    if end > cursor:
        pieces.append(Piece(text[cursor:end], "text", False))
    if end < len(text) and end == last + _CONTEXT_REACH:
        pieces.append(Piece("\u2026", "text", False))
    return tuple(pieces)


_LABEL_WORDS = 4


def first_words(text: str, count: int = _LABEL_WORDS) -> str:
    """A statement's first words, to label it where its whole text does not fit ("We have found
    cracks…")."""
    words = text.split()
    return " ".join(words[:count]) + ("\u2026" if len(words) > count else "")


def _severity(version: Version) -> int:
    rank, score = severity_key(version)
    return rank * 1000 + round(score * 5)


def _score(version: Version) -> int:
    return max(0, min(100, round(version.drift.score)))


def heat_style(score: float) -> str:
    """Cell background for a drift score: green at 0 through amber to red at 100."""
    clamped = max(0.0, min(100.0, score))
    hue = round(130 * (1 - clamped / 100))
    return f"background-color: hsl({hue}, 68%, {86 - round(clamped / 100 * 18)}%)"


class _Builder:
    """Turns one Report into the template's view records."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.articles = {a.id: a for a in report.articles}
        self.speakers = {s.id: s for s in report.speakers}
        self.outlet_keys: dict[str, str] = {}
        self.speaker_keys: dict[str, str] = {}

    def outlet_key(self, name: str) -> str:
        # Keys are generated, never article text, so data attributes and anchors stay plain.
        return self.outlet_keys.setdefault(name, f"o{len(self.outlet_keys) + 1}")

    def speaker_key(self, speaker_id: str) -> str:
        return self.speaker_keys.setdefault(speaker_id, f"p{len(self.speaker_keys) + 1}")

    def resolved_name(self, version: Version, speaker_id: str) -> str:
        """Who the version's speaker was taken to be: the identity resolved across articles (the
        statement's own when the quotation has no speaker), else the name resolved in its
        article."""
        ref = version.quote.speaker
        identity = self.speakers.get(ref.id if ref is not None else speaker_id)
        if identity is not None:
            return identity.name
        return ref.name if ref is not None else ""

    def version(
        self, version: Version, anchor: str, speaker_id: str, order: int = 0
    ) -> VersionView:
        outlet = version_outlet(version, self.articles)
        drift = version.drift
        article = self.articles.get(version.quote.article)
        written = version.speaker_as_written or ""
        resolved = self.resolved_name(version, speaker_id)
        return VersionView(
            anchor=anchor,
            outlet=outlet,
            outlet_key=self.outlet_key(outlet),
            article=version.quote.article,
            kind=version.quote.kind,
            tier=drift.tier,
            tier_label=TIER_LABELS.get(drift.tier, drift.tier),
            score=_score(version),
            severity=_severity(version),
            flags=tuple(describe_flags(version)),
            notes=tuple(free_notes(drift)),
            speaker_as_written=written,
            speaker_resolved=resolved or written,
            # The words the outlet wrote, when the name does not already say them ("she").
            written_as="" if not resolved or resolved.casefold() in written.casefold() else written,
            speaker_key=self.speaker_key(speaker_id),
            originals=version.original_quote_ids,
            diff=diff_pieces(drift.edits) or (Piece(version.rendered_text, "keep", False),),
            context=context_pieces(article, version.quote.spans),
            order=order,
        )

    def original_context(self, quotes: Sequence[Quote]) -> tuple[Piece, ...]:
        pieces: list[Piece] = []
        for quote in quotes:
            found = context_pieces(self.articles.get(quote.article), quote.spans)
            if pieces and found:
                pieces.append(Piece(" [\u2026] ", "text", False))
            pieces.extend(found)
        return tuple(pieces)

    def speakers_view(self) -> list[SpeakerView]:
        groups: dict[str, list[StatementView]] = {}
        for order, statement in enumerate(self.report.statements, start=1):
            anchor = f"s{order}"
            versions = tuple(
                self.version(v, f"{anchor}-v{i}", statement.speaker, i)
                for i, v in enumerate(statement.versions, start=1)
            )
            first = statement.original[0] if statement.original else None
            original = display_original(statement.original_texts())
            groups.setdefault(statement.speaker, []).append(
                StatementView(
                    anchor=anchor,
                    id=statement.id,
                    label=first_words(original),
                    speaker=self.speakers[statement.speaker].name
                    if statement.speaker in self.speakers
                    else statement.speaker,
                    order=order,
                    severity=max((v.severity for v in versions), default=0),
                    original=original,
                    original_outlet=outlet_of(self.articles.get(first.article) if first else None),
                    original_ids=tuple(q.id for q in statement.original),
                    context=self.original_context(statement.original),
                    versions=versions,
                )
            )
        views = []
        for number, (speaker_id, statements) in enumerate(groups.items(), start=1):
            speaker = self.speakers.get(speaker_id)
            views.append(
                SpeakerView(
                    key=self.speaker_key(speaker_id),
                    label=speaker_label(speaker, speaker_id),
                    kind=speaker.kind if speaker else "unknown",
                    aliases=speaker.aliases if speaker else (),
                    links=speaker.links if speaker else (),
                    severity=max((s.severity for s in statements), default=0),
                    statements=tuple(statements),
                    order=number,
                )
            )
        return views

    def unsupported_view(self) -> list[VersionView]:
        return [
            self.version(v, f"u{i}", v.quote.speaker.id if v.quote.speaker else "", i)
            for i, v in enumerate(self.report.unsupported, start=1)
        ]

    def article_rows(self) -> list[ArticleRow]:
        counts: dict[str, int] = {}
        for statement in self.report.statements:
            for quote in statement.original:
                counts[quote.article] = counts.get(quote.article, 0) + 1
            for v in statement.versions:
                counts[v.quote.article] = counts.get(v.quote.article, 0) + 1
        for v in self.report.unsupported:
            counts[v.quote.article] = counts.get(v.quote.article, 0) + 1
        return [
            ArticleRow(
                a.path,
                outlet_of(a),
                a.title or "",
                a.date or "",
                a.wire or "",
                counts.get(a.id, 0),
                a.id == self.report.reference.article,
                a.warnings,
            )
            for a in self.report.articles
        ]

    def outlet_rows(
        self, speakers: Sequence[SpeakerView], unsupported: Sequence[VersionView]
    ) -> list[OutletRow]:
        tallies: dict[str, dict[str, int]] = {}
        for view in self._all_versions(speakers, unsupported):
            tally = tallies.setdefault(view.outlet, {})
            tally[view.tier] = tally.get(view.tier, 0) + 1
        rows = []
        for outlet, tally in tallies.items():
            total = sum(tally.values())
            faithful = sum(n for tier, n in tally.items() if tier in FIDELITY_TIERS)
            breakdown = ", ".join(
                f"{tally[t]} {TIER_LABELS.get(t, t)}" for t in TIER_ORDER if tally.get(t)
            )
            rows.append(
                OutletRow(
                    outlet,
                    total,
                    tuple(tally.get(t, 0) for t in TIER_ORDER),
                    f"{100 * faithful / total:.0f}%" if total else "-",
                    breakdown,
                )
            )
        return rows

    @staticmethod
    def _all_versions(
        speakers: Sequence[SpeakerView], unsupported: Sequence[VersionView]
    ) -> list[VersionView]:
        found = [v for sp in speakers for st in sp.statements for v in st.versions]
        return found + list(unsupported)

    def heatmap(self, speakers: Sequence[SpeakerView]) -> tuple[list[StatementView], list[HeatRow]]:
        statements = sorted(
            (st for sp in speakers for st in sp.statements), key=lambda st: st.order
        )
        outlets: list[str] = []
        for st in statements:
            for v in st.versions:
                if v.outlet not in outlets:
                    outlets.append(v.outlet)
        rows = []
        for outlet in outlets:
            cells: list[HeatCell | None] = []
            for st in statements:
                mine = [v for v in st.versions if v.outlet == outlet]
                if not mine:
                    cells.append(None)
                    continue
                worst = max(mine, key=lambda v: v.severity)
                extra = f" (+{len(mine) - 1} more)" if len(mine) > 1 else ""
                cells.append(
                    HeatCell(
                        str(worst.score),
                        f"{worst.tier_label}, drift {worst.score}{extra}",
                        heat_style(worst.score),
                        worst.anchor,
                    )
                )
            rows.append(HeatRow(outlet, tuple(cells)))
        return statements, rows


def outlet_summary(report: Report) -> list[OutletRow]:
    """Per outlet: quotations compared, counts per tier (in ``TIER_ORDER``) and fidelity rate.

    Fidelity = (verbatim + typographic + excerpt + indirect) / all, as a whole percentage.
    The reference article's own quotations are not counted. Raises nothing.
    """
    builder = _Builder(report)
    return builder.outlet_rows(builder.speakers_view(), builder.unsupported_view())


# ---------------------------------------------------------------------------------------------
# rendering


@functools.cache
def _environment() -> jinja2.Environment:
    # Built once per process: compiling the template is most of the cost of a render.
    return jinja2.Environment(
        loader=jinja2.PackageLoader("quotedrift.report", "templates"),
        autoescape=True,  # always: select_autoescape would miss the .j2 suffix
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _add_script_hash(page: str) -> str:
    """Put the sha256 of the page's own inline script into its Content-Security-Policy."""
    match = _SCRIPT_RE.search(page)
    digest = hashlib.sha256(match.group(1).encode("utf-8")).digest() if match else b""
    source = f"'sha256-{base64.b64encode(digest).decode('ascii')}'" if match else "'none'"
    return page.replace(_CSP_PLACEHOLDER, source, 1)


def _version() -> str:
    # From the installed metadata, not quotedrift.__version__: an editable install can expose the
    # package as a namespace package without its __init__ attributes.
    try:
        return importlib.metadata.version("quotedrift")
    except importlib.metadata.PackageNotFoundError:
        return "unknown version"


def _worst_first(speakers: list[SpeakerView]) -> list[SpeakerView]:
    """Speakers, statements and versions most severe first (stable: ties keep their order)."""

    def severity(view: SpeakerView | StatementView | VersionView) -> int:
        return -view.severity

    out = []
    for sp in speakers:
        statements = [
            replace(st, versions=tuple(sorted(st.versions, key=severity))) for st in sp.statements
        ]
        out.append(replace(sp, statements=tuple(sorted(statements, key=severity))))
    return sorted(out, key=severity)


def _headline_views(report: Report) -> list[HeadlineView]:
    """The most severe changes, each linked to its version (anchors as ``_Builder`` makes them)."""
    anchors: dict[str, str] = {}
    for n, statement in enumerate(report.statements, start=1):
        for i, version in enumerate(statement.versions, start=1):
            anchors[version.quote.id] = f"s{n}-v{i}"
    for i, version in enumerate(report.unsupported, start=1):
        anchors[version.quote.id] = f"u{i}"
    return [HeadlineView(h.line, anchors.get(h.quote_id, ""), h.tier) for h in headlines(report)]


def render_html(report: Report, order: str = "severity") -> str:
    """The report as one self-contained HTML page (inline CSS and JS, no network fetches),
    opening with the most severe changes; ``order`` ``severity`` (default) shows speakers,
    statements and versions most severe first, ``original`` in the report's order (the page's
    own selector switches between the two).

    Takes a Report; returns the page text, identical for identical reports. Raises ConfigError
    for an unknown order, jinja2.TemplateError only if the packaged template is broken.
    """
    if order not in ORDERS:
        raise ConfigError(f"unknown order {order!r}: use one of {', '.join(ORDERS)}")
    builder = _Builder(report)
    speakers = builder.speakers_view()
    unsupported = builder.unsupported_view()
    leading = _headline_views(report)
    if order == "severity":
        speakers = _worst_first(speakers)
        unsupported = sorted(unsupported, key=lambda v: -v.severity)
    heat_statements, heat_rows = builder.heatmap(speakers)
    reference = builder.articles.get(report.reference.article)
    title = (
        reference.title
        if reference and reference.title
        else next((a.title for a in report.articles if a.title), None)
    ) or "Quotation drift"
    all_versions = builder._all_versions(speakers, unsupported)
    tiers_present = [t for t in TIER_ORDER if any(v.tier == t for v in all_versions)]
    page = (
        _environment()
        .get_template("report.html.j2")
        .render(
            title=title,
            version=_version(),
            csp_script=_CSP_PLACEHOLDER,
            reference_outlet=outlet_of(reference),
            reference_path=reference.path if reference else report.reference.article,
            reference_reason=report.reference.reason,
            articles=builder.article_rows(),
            speakers=speakers,
            unsupported=unsupported,
            problems=report.problems,
            outlet_rows=builder.outlet_rows(speakers, unsupported),
            tier_order=TIER_ORDER,
            tier_labels=TIER_LABELS,
            tier_short=_TIER_SHORT,
            heat_statements=heat_statements,
            heat_rows=heat_rows,
            speaker_options=[Option(s.key, s.label) for s in speakers],
            outlet_options=[Option(k, name) for name, k in builder.outlet_keys.items()],
            tier_options=[Option(t, TIER_LABELS.get(t, t)) for t in tiers_present],
            total_versions=len(all_versions),
            headlines=leading,
            severity_first=order == "severity",
        )
    )
    return _add_script_hash(page)
