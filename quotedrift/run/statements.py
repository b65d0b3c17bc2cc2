"""Statements from alignments: against an original article, and grouped with none privileged.

Two ways a statement comes to be. Where the folder has an original article, each version aligned
to one of its quotations joins that quotation's statement (``statements_from_alignments``). What
that article does not carry, and everything when no article is the original, is grouped across
articles sentence by sentence (``statements_from_groups``): each group's original is its fullest
version, the reason is kept on the statement, and versions of a statement the original article
lacks are flagged ``not_in_original`` rather than ``unsupported``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

import numpy as np

from quotedrift.comparison import drift as drift_stage
from quotedrift.comparison import identities as identity_stage
from quotedrift.comparison.grouping import Group, Unit
from quotedrift.comparison.normalise import vocabulary
from quotedrift.records import Alignment, Article, Drift, Edit, Metrics, Quote, Statement, Version

Encode = Callable[[Mapping[str, str]], dict[str, np.ndarray]]


def statements_from_alignments(
    source_ids: set[str],
    quotes: Sequence[Quote],
    alignments: Sequence[Alignment],
    identities: identity_stage.Identities,
    vectors: Mapping[str, np.ndarray],
    encode: Encode,
    by_id: Mapping[str, Article],
) -> tuple[list[Statement], list[Version]]:
    """One statement per original quotation (quotations rendered together by a merge share
    one), its versions measured for drift; and the versions with no counterpart (unsupported).
    Statements are unnumbered (see ``number``)."""
    quote_by_id = {q.id: q for q in quotes}
    originals = [q for q in quotes if q.article in source_ids]
    speaker_of = identities.of_quote

    # What each speaker said in the original: the vocabulary 'words never said' is checked against.
    texts_of: dict[str, list[str]] = defaultdict(list)
    for q in originals:
        texts_of[speaker_of.get(q.id, "")].append(q.text)
    said = {speaker: vocabulary(texts) for speaker, texts in texts_of.items()}

    root_of = _merged_roots(originals, alignments)

    # Joined originals of merged versions need their own vector for the cosine metric.
    joined: dict[tuple[str, ...], str] = {}
    for a in alignments:
        if len(a.originals) > 1:
            joined[a.originals] = " ".join(quote_by_id[i].text for i in a.originals)
    joined_vectors = encode({"\x1f".join(k): v for k, v in joined.items()})

    versions_of: dict[str, list[Version]] = defaultdict(list)
    unsupported: list[Version] = []
    for a in sorted(alignments, key=lambda a: a.version):
        q = quote_by_id[a.version]
        article = by_id[q.article]
        speaker = speaker_of.get(q.id, "")
        if not a.originals:
            unsupported.append(make_version(q, article, a, unsupported_drift(q)))
            continue
        if len(a.originals) > 1:
            ref_vec = joined_vectors["\x1f".join(a.originals)]
        else:
            ref_vec = vectors[a.originals[0]]
        cosine = float(np.dot(vectors[q.id], ref_vec))
        original_speaker = speaker_of.get(a.originals[0], "")
        d = drift_stage.measure(
            [quote_by_id[i].text for i in a.originals],
            q.text,
            kind=q.kind,
            cosine=cosine,
            speaker_words=said.get(original_speaker) or said.get(speaker),
            relation=a.relation,
        )
        versions_of[root_of[a.originals[0]]].append(make_version(q, article, a, d))

    return _statements(originals, root_of, versions_of, speaker_of), unsupported


def _merged_roots(originals: Sequence[Quote], alignments: Sequence[Alignment]) -> dict[str, str]:
    """Original quote id -> the id standing for its statement: originals rendered together
    (merged) by any version form one statement (union-find over them)."""
    parent = {q.id: q.id for q in originals}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a in alignments:
        ids = [i for i in a.originals if i in parent]
        for other in ids[1:]:
            parent[find(other)] = find(ids[0])
    return {qid: find(qid) for qid in parent}


def _statements(
    originals: Sequence[Quote],
    root_of: Mapping[str, str],
    versions_of: Mapping[str, list[Version]],
    speaker_of: Mapping[str, str],
) -> list[Statement]:
    """One unnumbered Statement per group of originals with its versions, in text order."""
    groups: dict[str, list[Quote]] = defaultdict(list)
    for q in originals:
        groups[root_of[q.id]].append(q)
    statements = []
    for root, members in groups.items():
        members.sort(key=lambda q: (q.article, q.spans[0][0]))
        versions = sorted(
            versions_of.get(root, []), key=lambda v: (v.quote.article, v.quote.spans[0][0])
        )
        statements.append(
            Statement(
                id="",
                speaker=speaker_of.get(members[0].id, ""),
                original=tuple(members),
                versions=tuple(versions),
            )
        )
    return statements


def group_alignments(units: Sequence[Unit], groups: Sequence[Group]) -> list[Alignment]:
    """The groups as alignments (each version quotation to its group's original quotation), the
    evidence ``identities.link_roles`` names role-only speakers by."""
    out: list[Alignment] = []
    for g in groups:
        head = units[g.members[0]]
        for i in g.members[1:]:
            u = units[i]
            if u.quote.id == head.quote.id:
                continue
            relation = g.relations.get(i, "same")
            out.append(Alignment(u.quote.id, (head.quote.id,), relation, 1.0))
    return out


def statements_from_groups(
    units: Sequence[Unit],
    groups: Sequence[Group],
    speaker_of: Mapping[str, str],
    by_id: Mapping[str, Article],
    *,
    original_article: bool,
) -> list[Statement]:
    """One statement per group, its original the group's first unit.

    original_article: the folder has an original article that lacks these statements: their
    versions are flagged ``not_in_original`` and words never said are judged against the
    statement's original alone; without one they are judged against every version of it (a word
    any outlet quotes the speaker saying is not one the speaker never said).
    """
    # A quotation whose sentences render different statements is shown in each by the sentences
    # it renders there; one rendering a single statement is shown whole (the words around the
    # sentence are the context a reader needs, and nothing else claims them).
    spread: dict[str, set[int]] = defaultdict(set)
    for n, g in enumerate(groups):
        for i in g.members:
            spread[units[i].quote.id].add(n)
    out: list[Statement] = []
    for g in groups:
        head = units[g.members[0]]
        whole = len(spread[head.quote.id]) < 2
        head_part = head.quote if whole else _part_of(head.quote, [head])
        # A quotation may render the statement in more than one of its sentences (a split within
        # one quotation is rare; an excerpt and the full sentence in one quotation, never): its
        # units in the group are joined, in their order in the quotation.
        by_quote: dict[str, list[int]] = defaultdict(list)
        for i in g.members[1:]:
            if units[i].quote.id != head.quote.id:
                by_quote[units[i].quote.id].append(i)
        versions = []
        measured: dict[tuple[object, ...], Drift] = {}
        for members in by_quote.values():
            members.sort(key=lambda i: units[i].index)
            q = units[members[0]].quote
            relation = g.relations.get(members[0], "same")
            text = " ".join(units[i].text for i in members)
            # Without an original article, a word another outlet also quotes the speaker saying
            # is not one the speaker never said.
            heard = (
                None
                if original_article
                else vocabulary([units[i].text for i in g.members if units[i].quote.id != q.id])
            )
            vec = np.sum([units[i].vector for i in members], axis=0)
            norm = float(np.linalg.norm(vec)) or 1.0
            cosine = round(float(np.dot(vec / norm, head.vector)), 6)
            # Rewrites repeat a statement word for word: the same pair is measured once.
            key = (text, q.kind, cosine, relation, None if heard is None else frozenset(heard))
            if key not in measured:
                measured[key] = drift_stage.measure(
                    [head.text],
                    text,
                    kind=q.kind,
                    cosine=cosine,
                    speaker_words=heard,
                    relation=relation,
                )
            d = measured[key]
            if original_article:
                d = replace(d, flags=(*d.flags, "not_in_original"))
            part = q if len(spread[q.id]) < 2 else _part_of(q, [units[i] for i in members])
            a = Alignment(part.id, (head_part.id,), relation, 1.0)
            versions.append(make_version(part, by_id[q.article], a, d))
        versions.sort(key=lambda v: (v.quote.article, v.quote.spans[0][0]))
        whole = whole or head.quote.text.strip() == head.text.strip()
        out.append(
            Statement(
                id="",
                speaker=speaker_of.get(head.quote.id, ""),
                original=(head_part,),
                versions=tuple(versions),
                original_reason=g.reason,
                not_in_original=original_article,
                sentences=() if whole else (head.text,),
            )
        )
    return out


def ungrouped(units: Sequence[Unit], groups: Sequence[Group]) -> dict[str, Quote]:
    """Quotation id -> what of it no group holds, for quotations whose sentences render two or
    more statements (one rendering a single statement is shown whole there): its remaining
    sentences (as ``_part_of``)."""
    held = {i for g in groups for i in g.members}
    spread: dict[str, set[int]] = defaultdict(set)
    for n, g in enumerate(groups):
        for i in g.members:
            spread[units[i].quote.id].add(n)
    rest: dict[str, list[Unit]] = defaultdict(list)
    for i, u in enumerate(units):
        if i not in held and len(spread[u.quote.id]) > 1:
            rest[u.quote.id].append(u)
    return {qid: _part_of(parts[0].quote, parts) for qid, parts in rest.items()}


def _part_of(q: Quote, parts: Sequence[Unit]) -> Quote:
    """The quotation as far as it renders a statement: its sentences ``parts`` (text and spans),
    with an id of its own (``<quote id>/<first sentence number>``); the quotation itself when
    that is all of it."""
    text = " ".join(u.text for u in parts)
    if text.strip() == q.text.strip() or not all(u.spans for u in parts):
        return q
    spans = tuple(span for u in parts for span in u.spans)
    return replace(q, id=f"{q.id}/{parts[0].index + 1}", text=text, spans=spans)


def number(statements: Sequence[Statement]) -> list[Statement]:
    """Statements in report order (speaker, then where the original stands), numbered s1, s2..."""

    def key(s: Statement) -> tuple[str, str, int, str]:
        first = s.original[0]
        return (
            s.speaker,
            first.article,
            first.spans[0][0] if first.spans else 0,
            "".join(s.sentences),
        )

    ordered = sorted(statements, key=key)
    return [replace(s, id=f"s{i}") for i, s in enumerate(ordered, 1)]


def unsupported_drift(q: Quote) -> Drift:
    """What a quotation with no counterpart anywhere shows: every word new, the top score."""
    words = tuple(q.text.split())
    return Drift(
        tier="unsupported",
        score=drift_stage.BANDS["unsupported"][1],
        flags=("unsupported",),
        metrics=Metrics(cosine=0.0, containment=0.0, reverse_containment=0.0, word_similarity=0.0),
        edits=(Edit(op="insert", original=(), version=words),),
        added=(q.text,),
        dropped=(),
    )


def make_version(q: Quote, article: Article, a: Alignment, d: Drift) -> Version:
    return Version(
        quote=q,
        outlet=article.outlet,
        speaker_as_written=q.speaker.mention if q.speaker else None,
        original_quote_ids=a.originals,
        drift=d,
    )
