"""Worst first: statements ordered by how badly they drifted, and the most severe changes in one
line each ("Island Post: 12 -> 20 vessels (Elena Varga)"), which every format opens with.

An editor reads a report top down and stops early, so the changes that need a correction lead:
words credited to the wrong person, a changed meaning, words never said inside quotation marks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from quotedrift.errors import ConfigError
from quotedrift.lang.en.function_words import FUNCTION_WORDS
from quotedrift.records import MEANING_FLAGS, Article, Edit, Report, Version
from quotedrift.report.plain_words import (
    describe_flag,
    join_words,
    severity_key,
    speaker_label,
    version_place,
)

Order = Literal["severity", "original"]
ORDERS: tuple[str, ...] = ("severity", "original")

HEADLINE_LIMIT = 10
"""At most this many changes open a report; the rest are in its body."""

# Versions at these tiers always lead; below them only those with words never said or a silent cut.
_LEADING_TIERS = frozenset({"meaning_changed", "attribution_changed", "unsupported"})
_LEADING_FLAGS = frozenset({"words_never_said", "silent_elision"})
_QUOTE_CHARS = 48


@dataclass(frozen=True)
class Headline:
    """One severe change in one line.

    line: the change as an editor would say it ("Island Post: 12 -> 20 vessels (Elena Varga)").
    statement: the statement id (empty for a quotation with no source); quote_id: the version.
    tier / score: the version's verdict.
    """

    line: str
    statement: str
    quote_id: str
    tier: str
    score: float


def _rank(version: Version) -> tuple[int, float]:
    return severity_key(version)


def order_report(report: Report, order: str = "severity") -> Report:
    """``report`` with statements (and the versions inside each, and the unsupported quotations)
    ordered most severe first, ties kept in their original order; ``original`` returns it as is.

    Raises ConfigError for an unknown order.
    """
    if order not in ORDERS:
        raise ConfigError(f"unknown order {order!r}: use one of {', '.join(ORDERS)}")
    if order == "original":
        return report
    worst_first = [
        replace(s, versions=tuple(sorted(s.versions, key=_rank, reverse=True)))
        for s in report.statements
    ]
    # Python's sort is stable, so negated keys keep equal statements in their original order.
    worst_first.sort(key=lambda s: _negated(max((_rank(v) for v in s.versions), default=None)))
    unsupported = sorted(report.unsupported, key=lambda v: _negated(_rank(v)))
    return replace(report, statements=tuple(worst_first), unsupported=tuple(unsupported))


def _negated(key: tuple[int, float] | None) -> tuple[int, float]:
    return (1, 0.0) if key is None else (-key[0], -key[1])


def _short(text: str, limit: int = _QUOTE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _next_word(edits: Sequence[Edit], index: int) -> str:
    """The version's words after edit ``index`` up to the first content word (at most three):
    the noun a changed number counts ("20 other ports")."""
    words = [w for edit in edits[index + 1 :] for w in edit.version][:3]
    out: list[str] = []
    for word in words:
        out.append(word)
        if word.lower() not in FUNCTION_WORDS:
            break
    return join_words(out)


def _changed_words(version: Version, flag: str) -> str | None:
    """The words behind a meaning flag with the word that follows them: "12 -> 20 vessels",
    "no -> an incident", "may -> will take"."""
    edits = version.drift.edits
    detail = describe_flag(flag, version).partition(": ")[2]
    if flag == "number_changed" and " -> " in detail:
        new = detail.rsplit(" -> ", 1)[1].split(", ")[-1]
        at = next((i for i, e in enumerate(edits) if new in " ".join(e.version)), None)
        return f"{detail} {_next_word(edits, at)}".rstrip() if at is not None else detail
    for i, edit in enumerate(edits):
        if edit.op == "replace":
            old, new = join_words(edit.original), join_words(edit.version)
            return f"{old} -> {new} {_next_word(edits, i)}".rstrip()
    return None


def _change(version: Version) -> str:
    """What changed, in a few words."""
    drift = version.drift
    quoted = f"\u201c{_short(version.rendered_text)}\u201d"
    if drift.tier == "attribution_changed":
        who = version.speaker_as_written or "another speaker"
        return f"{quoted} credited to {who}"
    if drift.tier == "unsupported":
        return f"{quoted} has no source in the original"
    meaning = [f for f in drift.flags if f in MEANING_FLAGS]
    if meaning:
        found = _changed_words(version, meaning[0])
        return found or describe_flag(meaning[0], version)
    for flag in ("words_never_said", "silent_elision"):
        if flag in drift.flags:
            return describe_flag(flag, version)
    return describe_flag(drift.flags[0], version) if drift.flags else drift.tier


def _leads(version: Version) -> bool:
    if version.drift.tier in _LEADING_TIERS:
        return True
    return version.quote.kind != "indirect" and bool(_LEADING_FLAGS & set(version.drift.flags))


def headlines(report: Report, limit: int = HEADLINE_LIMIT) -> list[Headline]:
    """The most severe changes of ``report``, most severe first, at most ``limit``: every version
    that changed meaning, moved to another speaker or has no source, then quotations with words
    never said or cut silently. Raises nothing."""
    articles: dict[str, Article] = {a.id: a for a in report.articles}
    speakers = {s.id: s for s in report.speakers}
    found: list[tuple[tuple[int, float], Headline]] = []
    candidates = [(s.id, s.speaker, v) for s in report.statements for v in s.versions]
    candidates += [
        ("", v.quote.speaker.id if v.quote.speaker else "", v) for v in report.unsupported
    ]
    seen: set[tuple[str, str]] = set()
    for statement, speaker_id, version in candidates:
        if not _leads(version):
            continue
        speaker = speakers.get(speaker_id)
        who = speaker_label(speaker, version.speaker_as_written or "unknown speaker")
        if speaker is not None:
            who = speaker.name
        line = f"{version_place(version, articles)}: {_change(version)} ({who})"
        # A quotation of several sentences renders several statements: one line for it.
        if (version.quote.id, line) in seen:
            continue
        seen.add((version.quote.id, line))
        headline = Headline(line, statement, version.quote.id, version.drift.tier,
                            version.drift.score)  # fmt: skip
        found.append((_rank(version), headline))
    found.sort(key=lambda pair: _negated(pair[0]))
    return [h for _key, h in found[:limit]]


__all__ = ["HEADLINE_LIMIT", "ORDERS", "Headline", "headlines", "order_report"]
