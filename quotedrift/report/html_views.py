"""The records the HTML template renders: pieces of a diff or a context, and views of versions,
statements, speakers, articles, outlets and the heatmap. Article text in them is plain text: the
template escapes it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

PieceKind = Literal["keep", "drop", "cut", "insert", "old", "new", "elision", "text", "quote"]


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
    headline: bool = False  # the quotation is the article's headline's


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
