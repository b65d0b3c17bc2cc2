"""One Report -> the HTML template's view records: speakers with their statements and versions,
unsupported versions, article and outlet rows, the heatmap."""

from __future__ import annotations

from collections.abc import Sequence

from quotedrift.records import TIER_ORDER, Quote, Report, Version
from quotedrift.report.html_pieces import context_pieces, diff_pieces
from quotedrift.report.html_views import (
    ArticleRow,
    HeatCell,
    HeatRow,
    OutletRow,
    Piece,
    SpeakerView,
    StatementView,
    VersionView,
)
from quotedrift.report.plain_words import (
    FIDELITY_TIERS,
    TIER_LABELS,
    describe_flags,
    display_original,
    free_notes,
    in_place,
    outlet_of,
    severity_key,
    speaker_label,
    version_outlet,
)

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


class ViewBuilder:
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
            headline=version.quote.headline,
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
                    original_outlet=in_place(
                        outlet_of(self.articles.get(first.article) if first else None), first
                    ),
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
        for view in self.all_versions(speakers, unsupported):
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
    def all_versions(
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
    builder = ViewBuilder(report)
    return builder.outlet_rows(builder.speakers_view(), builder.unsupported_view())
