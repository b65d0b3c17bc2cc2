"""Statements from sentence alignments: which units form one statement, its original and why,
and each outlet's version measured for drift.

A statement is a group of sentence units (``comparison/sentences.py``): an original unit, the
units aligned to it, and the originals a version merges. Within one article, a unit whose words
all lie, in order, inside another unit of the same speaker (a partial quoted in the lead, the
full sentence later) joins that unit's statement as a version of it. Groups whose members are
the same quotations and fragments (two sentences every outlet quotes together) are one statement.

The original of a statement is the original article's quotation when the folder has an original
article (``Reference.is_original``) and it carries the statement. Otherwise, and always for a
statement the reference article lacks, it is the fullest version: the one every other version's
sentences are excerpts of; the reason is kept on the statement.

Versions are measured on the fragments that render the statement, against the original's
fragments that those render (a fragment that runs on into another statement's sentence is
measured against both originals: a merge). ``words_never_said`` is judged against what the
original's speaker said in the original's article and, for a statement with no original article,
against every other version of it too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from quotedrift.comparison import drift as drift_stage
from quotedrift.comparison.align import content_words, words
from quotedrift.comparison.sentences import (
    Piece,
    Unit,
    fragments_spans,
    fragments_text,
    spans_of,
    text_of,
)
from quotedrift.records import Alignment, Article, Drift, Quote, Reference, Span, Statement, Version
from quotedrift.run.statement_words import SpeakerWords, TextVectors, vocabulary_of
from quotedrift.run.versions import unsupported_drift, version_record

Encode = Callable[[Mapping[str, str]], dict[str, np.ndarray]]


@dataclass(frozen=True)
class Inputs:
    """What statements are built from.

    records: every quotation (speakers resolved across articles). units: record id -> its
    sentence units. alignments: unit id -> its alignment (versions only). reference / sources:
    the reference and the source article ids. speaker_of: record id -> speaker identity.
    vectors: record and unit id -> embedding. encode: texts by key -> vectors (for fragments
    measured together that no record or unit holds). by_id: the articles.
    """

    records: Sequence[Quote]
    units: Mapping[str, tuple[Unit, ...]]
    alignments: Mapping[str, Alignment]
    reference: Reference
    sources: frozenset[str]
    speaker_of: Mapping[str, str]
    vectors: Mapping[str, np.ndarray]
    encode: Encode
    by_id: Mapping[str, Article]


@dataclass
class _Group:
    """One statement in the making: original unit ids and version unit alignments."""

    originals: set[str] = field(default_factory=set)
    versions: dict[str, Alignment] = field(default_factory=dict)
    reason: str = ""


class _Roots:
    """Union-find over original unit ids."""

    def __init__(self, ids: Iterable[str]) -> None:
        self.parent = {i: i for i in ids}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _position(u: Unit) -> tuple[str, int, int]:
    return (u.parent.article, u.parent.spans[0][0] if u.parent.spans else 0, u.index)


def _contiguous(needle: Sequence[str], hay: Sequence[str]) -> bool:
    n = len(needle)
    return n > 0 and any(tuple(hay[i : i + n]) == tuple(needle) for i in range(len(hay) - n + 1))


def _same_article_excerpts(
    originals: Iterable[Unit], speaker_of: Mapping[str, str]
) -> dict[str, str]:
    """Original unit id -> the longer unit of the same article and speaker whose words hold its
    words in order (a partial in the lead, the full sentence later): one statement, quoted
    twice. Equal words: the later one is the excerpt of the first."""
    by_place: dict[tuple[str, str], list[Unit]] = defaultdict(list)
    for u in originals:
        sid = speaker_of.get(u.parent.id)
        if sid is not None:
            by_place[(u.parent.article, sid)].append(u)
    out: dict[str, str] = {}
    for units in by_place.values():
        seqs = {u.id: words(u.quote.text) for u in units}
        ordered = sorted(units, key=lambda u: (-len(seqs[u.id]), _position(u)))
        for n, small in enumerate(ordered):
            if not content_words(small.quote.text):
                continue
            holder = next(
                (
                    big
                    for big in ordered[:n]
                    if big.parent.id != small.parent.id
                    and big.id not in out
                    and _contiguous(seqs[small.id], seqs[big.id])
                ),
                None,
            )
            if holder is not None:
                out[small.id] = holder.id
    return out


def _groups(inputs: Inputs, unit_by_id: Mapping[str, Unit]) -> list[_Group]:
    """Groups of units, before combining and choosing originals."""
    matched = {v: a for v, a in inputs.alignments.items() if a.originals}
    originals = {
        u.id for r in inputs.records if r.article in inputs.sources for u in inputs.units[r.id]
    }
    originals |= {o for a in matched.values() for o in a.originals}
    excerpts = _same_article_excerpts((unit_by_id[i] for i in sorted(originals)), inputs.speaker_of)
    roots = _Roots(originals)
    for a in matched.values():
        for other in a.originals[1:]:
            roots.union(a.originals[0], other)
    for small, big in excerpts.items():
        roots.union(small, big)
        matched[small] = Alignment(small, (big,), "same", 1.0)
    groups: dict[str, _Group] = defaultdict(_Group)
    for o in originals - set(excerpts):
        groups[roots.find(o)].originals.add(o)
    for v, a in matched.items():
        groups[roots.find(a.originals[0])].versions[v] = a
    return [groups[k] for k in sorted(groups)]


def _members(group: _Group, unit_by_id: Mapping[str, Unit]) -> dict[str, frozenset[int]]:
    """Record id -> the fragments of it that hold the group's units."""
    out: dict[str, set[int]] = defaultdict(set)
    for uid in (*group.originals, *group.versions):
        u = unit_by_id[uid]
        out[u.parent.id] |= u.fragments
    return {k: frozenset(v) for k, v in out.items()}


def _combined(groups: Sequence[_Group], unit_by_id: Mapping[str, Unit]) -> list[_Group]:
    """Groups whose members are the same quotations and fragments, with the same originals,
    made one: sentences every outlet quotes together are one statement."""
    out: dict[tuple[frozenset[tuple[str, frozenset[int]]], frozenset[str]], _Group] = {}
    for g in groups:
        members = frozenset(_members(g, unit_by_id).items())
        originals = frozenset(unit_by_id[o].parent.id for o in g.originals)
        key = (members, originals)
        if key in out:
            out[key].originals |= g.originals
            out[key].versions.update(g.versions)
        else:
            out[key] = _Group(set(g.originals), dict(g.versions))
    return list(out.values())


# ---------------------------------------------------------------------------------------------
# The original of each statement


@dataclass(frozen=True)
class _Context:
    inputs: Inputs
    unit_by_id: Mapping[str, Unit]
    record_by_id: Mapping[str, Quote]
    measured: dict[tuple[object, ...], Drift] = field(default_factory=dict)

    def unit(self, uid: str) -> Unit:
        return self.unit_by_id[uid]

    def record_of(self, uid: str) -> Quote:
        return self.unit_by_id[uid].parent


def _fullest(group: _Group, ctx: _Context) -> tuple[str | None, int]:
    """The record every other member's sentences are excerpts of (the longest of those, then the
    first in text order), None when there is none; and how many records the group has."""
    members = _members(group, ctx.unit_by_id)
    seqs = {r: words(fragments_text(ctx.record_by_id[r], f)) for r, f in members.items()}
    own: dict[str, list[list[str]]] = defaultdict(list)
    for uid in (*group.originals, *group.versions):
        own[ctx.record_of(uid).id].append(words(ctx.unit(uid).quote.text))

    def holds(m: str) -> bool:
        return all(_contiguous(s, seqs[m]) for r in members if r != m for s in own[r])

    # Reported speech is the writer's words: the original is a quotation when there is one.
    quoted = [m for m in members if ctx.record_by_id[m].kind != "indirect"]
    found = [m for m in (quoted or members) if holds(m)]
    if not found:
        return None, len(members)
    # Of equal stretches, the one whose whole quotation says more ('"A," she said. "B."' before
    # another outlet's "A.").
    record = ctx.record_by_id
    best = min(
        found,
        key=lambda m: (-len(seqs[m]), -len(record[m].text), record[m].article, record[m].spans[0]),
    )
    return best, len(members)


def _agreed(group: _Group, ctx: _Context) -> str:
    """The record the group's other members agree with most (mean share of each one's words,
    numbers included, found in the other, both ways), a quotation before reported speech; ties
    to the first in text order."""
    members = _members(group, ctx.unit_by_id)
    said = {r: set(words(fragments_text(ctx.record_by_id[r], f))) for r, f in members.items()}
    quoted = [m for m in members if ctx.record_by_id[m].kind != "indirect"] or list(members)

    def share(a: str, b: str) -> float:
        return len(said[a] & said[b]) / len(said[a]) if said[a] else 0.0

    def agreement(m: str) -> float:
        others = [r for r in members if r != m]
        both = [share(r, m) + share(m, r) for r in others]
        return sum(both) / (2 * len(both)) if both else 0.0

    return min(quoted, key=lambda m: (-round(agreement(m), 6), _record_position(ctx, m)))


def _anchored(group: _Group, ctx: _Context) -> bool:
    """Whether the group's original is the original article's own quotation."""
    reference = ctx.inputs.reference
    articles = {ctx.record_of(o).article for o in group.originals}
    return reference.is_original and articles <= ctx.inputs.sources


def _absent(reference: Reference) -> str:
    """How the reason names the reference article when it lacks a statement."""
    return {
        "wire": "the wire copy",
        "date": "the earliest article",
        "reference": "the chosen original",
        "sources": "the sources",
    }.get(reference.rule, "the article the others agree with most")


def _rerooted(group: _Group, ctx: _Context) -> _Group:
    """The group with its original chosen and the reason said (module docstring)."""
    reference = ctx.inputs.reference
    if _anchored(group, ctx):
        return _Group(group.originals, group.versions, "the original article carries it")
    members = _members(group, ctx.unit_by_id)
    in_reference = any(ctx.record_by_id[r].article in ctx.inputs.sources for r in members)
    tail = (
        "no article is the original" if in_reference else f"{_absent(reference)} does not carry it"
    )
    fullest, n = _fullest(group, ctx)
    current = {ctx.record_of(o).id for o in group.originals}
    crossed = any(a.relation == "attribution_changed" for a in group.versions.values())
    if len(current) > 1 or crossed or n < 2:
        return _Group(group.originals, group.versions, f"one of {n} versions; {tail}")
    reason = f"the fullest of {n} versions; {tail}"
    if fullest is None:
        fullest = _agreed(group, ctx)
        reason = f"the version the others agree with most, of {n}; {tail}"
    if fullest in current:
        return _Group(group.originals, group.versions, reason)
    units = sorted(
        (u for u in (*group.originals, *group.versions) if ctx.record_of(u).id == fullest),
        key=lambda u: ctx.unit(u).index,
    )
    versions = {}
    for uid in (*group.originals, *group.versions):
        if uid in units:
            continue
        old = group.versions.get(uid)
        relation = "split" if old is not None and old.relation == "split" else "same"
        versions[uid] = Alignment(uid, tuple(units), relation, old.score if old else 1.0)
    return _Group(set(units), versions, reason)


# ---------------------------------------------------------------------------------------------
# Versions and their drift


@dataclass(frozen=True)
class _Job:
    """One version to measure: the record, its fragments in the statement, the stretch of them
    measured, the original records with their fragments, and the relation.

    stretch: the words of the version measured, one piece per fragment: its fragments in the
    statement less the sentences at either end that render nothing of this statement's
    original article (another statement's, or no one's). longer: some were left out, or the
    version renders several of the original's quotations: its quotation and the original's are
    overlapping stretches of one utterance, not one and the same.
    """

    record: Quote
    fragments: frozenset[int]
    stretch: tuple[Piece, ...]
    originals: tuple[tuple[Quote, frozenset[int]], ...]
    relation: str
    loose: bool
    others: tuple[str, ...]  # the statement's other members' texts (words_never_said, loose)
    longer: bool = False

    @property
    def text(self) -> str:
        return text_of(self.record, self.stretch)

    @property
    def spans(self) -> tuple[Span, ...]:
        return spans_of(self.record, self.stretch)

    @property
    def breaks(self) -> tuple[int, ...]:
        out, at = [], 0
        for n, p in enumerate(self.stretch):
            if n:
                out.append(at)
            at += p.end - p.start + 1
        return tuple(out)

    @property
    def original_texts(self) -> list[str]:
        return [fragments_text(q, f) for q, f in self.originals]


def _stretch(units: Sequence[Unit], accounted: set[str]) -> tuple[tuple[Piece, ...], bool]:
    """The pieces from the first to the last accounted unit (text order), one per fragment, and
    whether units were left out at either end."""
    ids = [u.id for u in units]
    at = [n for n, uid in enumerate(ids) if uid in accounted]
    kept = units[at[0] : at[-1] + 1] if at else units
    spans: dict[int, tuple[int, int]] = {}
    for u in kept:
        for p in u.pieces:
            lo, hi = spans.get(p.fragment, (p.start, p.end))
            spans[p.fragment] = (min(lo, p.start), max(hi, p.end))
    pieces = tuple(Piece(lo, hi, f) for f, (lo, hi) in sorted(spans.items()))
    return pieces, len(kept) < len(units)


def _relation(alignments: Sequence[Alignment], original_records: int) -> str:
    relations = {a.relation for a in alignments}
    if "attribution_changed" in relations:
        return "attribution_changed"
    if original_records > 1:
        return "merged"
    return "split" if "split" in relations else "same"


def _jobs(
    group: _Group, ctx: _Context, effective: Mapping[str, Alignment], loose: bool
) -> list[_Job]:
    """One job per version record of the group."""
    members = _members(group, ctx.unit_by_id)
    original_records = {ctx.record_of(o).id for o in group.originals}
    article = next(iter(ctx.record_of(o).article for o in group.originals))
    texts = {r: fragments_text(ctx.record_by_id[r], f) for r, f in members.items()}
    jobs = []
    for rid, frags in sorted(members.items()):
        if rid in original_records:
            continue
        record = ctx.record_by_id[rid]
        touching = [u for u in ctx.inputs.units[rid] if u.fragments & frags]
        found: dict[str, set[int]] = defaultdict(set)
        accounted = set()
        for u in touching:
            a = effective.get(u.id)
            if a is None:
                continue
            for o in a.originals:
                unit = ctx.unit(o)
                if unit.parent.article == article:
                    found[unit.parent.id] |= unit.fragments
                    accounted.add(u.id)
        originals = tuple(
            (ctx.record_by_id[r], frozenset(f))
            for r, f in sorted(found.items(), key=lambda kv: _record_position(ctx, kv[0]))
        )
        own = [group.versions[u.id] for u in touching if u.id in group.versions]
        stretch, trimmed = _stretch(touching, accounted)
        jobs.append(
            _Job(
                record,
                frags,
                stretch,
                originals,
                _relation(own, len(originals)),
                loose,
                tuple(t for r, t in sorted(texts.items()) if r != rid),
                longer=trimmed or sum(len(f) for _, f in originals) > 1,
            )
        )
    return jobs


def _record_position(ctx: _Context, rid: str) -> tuple[str, int]:
    q = ctx.record_by_id[rid]
    return (q.article, q.spans[0][0] if q.spans else 0)


def _measure(job: _Job, ctx: _Context, vectors: TextVectors, said: SpeakerWords) -> Drift:
    speaker_of = ctx.inputs.speaker_of
    first = job.originals[0][0]
    words_of = said(first.article, speaker_of.get(first.id, "")) or said(
        first.article, speaker_of.get(job.record.id, "")
    )
    if job.loose:
        words_of = words_of | vocabulary_of(job.others)
    originals = job.original_texts
    cosine = vectors.cosine(job.text, " ".join(originals))
    key = (
        tuple(originals),
        job.text,
        job.record.kind,
        cosine,
        words_of,
        job.relation,
        job.breaks,
        job.longer,
    )
    # Rewrites repeat quotations word for word: each distinct measurement is made once.
    if key not in ctx.measured:
        drift = drift_stage.measure(
            originals,
            job.text,
            kind=job.record.kind,
            cosine=cosine,
            speaker_words=words_of,
            relation=job.relation,
            breaks=job.breaks,
        )
        ctx.measured[key] = drift_stage.overlapping(drift) if job.longer else drift
    return ctx.measured[key]


# ---------------------------------------------------------------------------------------------
# Assembly


def build(inputs: Inputs) -> tuple[list[Statement], list[Version]]:
    """Every statement (numbered s1, s2, ... by speaker, article and position) with its
    versions measured for drift, and the quotations (or fragments of them) no statement holds:
    carried by no other article and by no source. Raises nothing of its own."""
    unit_by_id = {u.id: u for units in inputs.units.values() for u in units}
    ctx = _Context(inputs, unit_by_id, {q.id: q for q in inputs.records})
    groups = [_rerooted(g, ctx) for g in _combined(_groups(inputs, unit_by_id), unit_by_id)]
    effective = {uid: a for g in groups for uid, a in g.versions.items()}
    planned = [(g, _jobs(g, ctx, effective, loose=not _anchored(g, ctx))) for g in groups]
    vectors = TextVectors(inputs.records, unit_by_id.values(), inputs.vectors, inputs.encode)
    vectors.add(
        t for _, jobs in planned for j in jobs for t in (j.text, " ".join(j.original_texts))
    )
    said = SpeakerWords(inputs.records, inputs.speaker_of)
    statements = [_statement(g, jobs, ctx, vectors, said) for g, jobs in planned]
    unsupported = _unsupported_versions(groups, (j for _, jobs in planned for j in jobs), ctx)
    statements.sort(key=lambda s: (s.speaker, s.original[0].article, s.original_rendered(0)[0][0]))
    numbered = [
        Statement(
            id=f"s{i}",
            speaker=s.speaker,
            original=s.original,
            versions=s.versions,
            original_spans=s.original_spans,
            original_reason=s.original_reason,
            not_in_original=s.not_in_original,
        )
        for i, s in enumerate(statements, 1)
    ]
    return numbered, unsupported


def _statement(
    group: _Group, jobs: Sequence[_Job], ctx: _Context, vectors: TextVectors, said: SpeakerWords
) -> Statement:
    members = _members(group, ctx.unit_by_id)
    originals = sorted(
        {ctx.record_of(o).id for o in group.originals}, key=lambda r: _record_position(ctx, r)
    )
    versions = []
    for job in jobs:
        originals_ids = tuple(q.id for q, _ in job.originals)
        versions.append(
            version_record(
                job.record,
                ctx.inputs.by_id[job.record.article],
                originals_ids,
                _measure(job, ctx, vectors, said),
                job.spans,
            )
        )
    versions.sort(key=lambda v: (v.quote.article, v.rendered[0][0] if v.rendered else 0))
    sources = ctx.inputs.sources
    return Statement(
        id="",
        speaker=ctx.inputs.speaker_of.get(originals[0], ""),
        original=tuple(ctx.record_by_id[r] for r in originals),
        versions=tuple(versions),
        original_spans=tuple(fragments_spans(ctx.record_by_id[r], members[r]) for r in originals),
        original_reason=group.reason,
        not_in_original=not any(ctx.record_by_id[r].article in sources for r in members),
    )


def _unsupported_versions(
    groups: Sequence[_Group], jobs: Iterable[_Job], ctx: _Context
) -> list[Version]:
    """Versions for what no statement holds: whole quotations, or the sentences of a quotation
    whose other sentences render statements and that no version's measured stretch takes in."""
    grouped = {u for g in groups for u in (*g.originals, *g.versions)}
    measured: dict[str, list[Piece]] = defaultdict(list)
    for job in jobs:
        measured[job.record.id].extend(job.stretch)

    def inside(u: Unit) -> bool:
        held = measured.get(u.parent.id, [])
        return bool(held) and all(
            any(m.fragment == p.fragment and m.start <= p.start and p.end <= m.end for m in held)
            for p in u.pieces
        )

    out = []
    for q in sorted(ctx.inputs.records, key=lambda q: q.id):
        units = ctx.inputs.units[q.id]
        left = [u for u in units if u.id not in grouped and not inside(u)]
        article = ctx.inputs.by_id[q.article]
        if len(left) == len(units):
            out.append(version_record(q, article, (), unsupported_drift(q.text), ()))
            continue
        for u in left:
            out.append(
                version_record(q, article, (), unsupported_drift(u.quote.text), u.quote.spans)
            )
    return out
