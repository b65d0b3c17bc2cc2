"""Words credited to several speakers at once: one record per speaker for comparison.

'Ruiz and Vale called it "a disaster"' is Ruiz's statement and Vale's: another outlet may quote
either of them alone with the same words, and neither is then a misattribution. ``credited``
gives each joint speaker (``Quote.joint``) a record of its own, the quotation's id with ``&2``,
``&3``..., which aligns like any other quotation of that speaker; ``pruned`` keeps one record of
such a quotation among the unsupported, and none where another of them found a statement;
``unshared`` keeps one speaker's record from rendering another's words as misattributed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from quotedrift.records import Alignment, Extraction, Quote, Span, Statement, Version

JOINT_MARK = "&"


def credited(extraction: Extraction) -> Extraction:
    """The extraction with one more record after each jointly credited quotation per speaker
    credited with it (its speaker that one, ``joint`` empty)."""
    if not any(q.joint for q in extraction.quotes):
        return extraction
    quotes: list[Quote] = []
    for q in extraction.quotes:
        quotes.append(q)
        quotes.extend(
            replace(q, id=f"{q.id}{JOINT_MARK}{n}", speaker=ref, joint=())
            for n, ref in enumerate(q.joint, start=2)
        )
    return replace(extraction, quotes=tuple(quotes))


def base_id(quote_id: str) -> str:
    """The id of the quotation a record was credited from (itself for any other record)."""
    return quote_id.split(JOINT_MARK, 1)[0]


def pruned(unsupported: Sequence[Version], statements: Iterable[Statement]) -> list[Version]:
    """The unsupported versions without the records of a joint quotation whose words there a
    statement of another of its speakers holds, and with one record only of the words none
    holds."""
    held: dict[str, list[Span]] = {}
    for s in statements:
        for n, q in enumerate(s.original):
            if _joint(q):
                held.setdefault(base_id(q.id), []).extend(s.original_rendered(n))
        for v in s.versions:
            if _joint(v.quote):
                held.setdefault(base_id(v.quote.id), []).extend(v.rendered)
    out: list[Version] = []
    seen: set[tuple[str, tuple[Span, ...]]] = set()
    for v in unsupported:
        if not _joint(v.quote):
            out.append(v)
            continue
        base = base_id(v.quote.id)
        key = (base, v.rendered)
        if key in seen or any(
            a < e and s < b for a, b in v.rendered for s, e in held.get(base, ())
        ):
            continue
        seen.add(key)
        out.append(v)
    return out


def _joint(q: Quote) -> bool:
    return bool(q.joint) or JOINT_MARK in q.id


def unshared(
    alignments: Mapping[str, Alignment],
    parent: Mapping[str, str],
    speaker_of: Mapping[str, str],
) -> dict[str, Alignment]:
    """The alignments less the attribution changes that a joint quotation explains, made
    unsupported so that they may pair again with their own speaker's words: a record of a joint
    quotation aligned as misattributed to another of its speakers (Vale's record against an
    outlet that credits the words to Ruiz alone: Ruiz's record is that version), and any version
    credited to one speaker aligned to another's words that a joint quotation crediting both
    renders too (Ruiz's words in one outlet, Vale's in another, 'Ruiz and Vale' in a third).
    parent: unit id -> its record's id; speaker_of: unit or record id -> speaker identity."""
    groups: dict[str, set[str]] = {}  # joint quotation -> its records
    for record in set(parent.values()):
        if JOINT_MARK in record:
            groups.setdefault(base_id(record), {base_id(record)}).add(record)
    if not groups:
        return dict(alignments)
    credited = {
        base: {speaker_of[r] for r in records if r in speaker_of}
        for base, records in groups.items()
    }
    # The originals each joint quotation renders or is (unit ids).
    rendered: dict[str, set[str]] = {base: set() for base in groups}
    for uid, record in parent.items():
        if base_id(record) in groups:
            rendered[base_id(record)].add(uid)
    for a in alignments.values():
        base = base_id(parent.get(a.version, a.version))
        if base in groups:
            rendered[base].update(a.originals)
    out = dict(alignments)
    for uid, a in alignments.items():
        if a.relation != "attribution_changed":
            continue
        own = speaker_of.get(a.version)
        theirs = {speaker_of.get(o) for o in a.originals}
        base = base_id(parent.get(a.version, a.version))
        explained = base in groups and bool(theirs & credited[base])
        explained = explained or any(
            own in credited[b] and theirs & credited[b] and rendered[b] & set(a.originals)
            for b in groups
        )
        if explained:
            out[uid] = Alignment(a.version, (), "unsupported", a.score)
    return out
