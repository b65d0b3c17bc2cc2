"""Which sentence of which outlet renders which, across every article: alignment in rounds.

First every sentence unit outside the original articles is aligned against the originals'
(``align``), as a rewrite is against its wire copy. What no original carries is not yet
unsupported: two outlets may share a statement the original lacks (the same sentence of a
speaker's post, quoted by two of three outlets). Those units are linked among themselves
(``linking.linked``: pairs that would align with either one as the original, found by candidate
retrieval), and each linked group is aligned in rounds: the article carrying most of the group's
units acts as the original for them, then the article carrying most of what is left, until
nothing pairs. Cost: one retrieval per unit, then rounds within groups of a few units each.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from quotedrift.comparison import align as align_stage
from quotedrift.comparison import identities as identity_stage
from quotedrift.comparison import linking
from quotedrift.comparison.align import _EXCERPT_SCORE, content_words
from quotedrift.comparison.sentences import Unit
from quotedrift.records import Alignment, Quote

Units = Mapping[str, tuple[Unit, ...]]


@dataclass(frozen=True)
class _Pool:
    """What every round needs: units by record, the record of each unit, speakers, vectors."""

    units: Units
    parent: Mapping[str, str]
    speaker_of: Mapping[str, str]
    identities: identity_stage.Identities
    vectors: Mapping[str, np.ndarray]
    independent: bool = False  # no article is known to be the original (``align``)

    @classmethod
    def of(
        cls,
        units: Units,
        speaker_of: Mapping[str, str],
        identities: identity_stage.Identities,
        vectors: Mapping[str, np.ndarray],
        independent: bool = False,
    ) -> _Pool:
        parent = {u.id: record for record, parts in units.items() for u in parts}
        return cls(units, parent, speaker_of, identities, vectors, independent)


def _aligned(article: str, pool: Sequence[Quote], ctx: _Pool) -> dict[str, Alignment]:
    """``align`` of the units in ``pool`` against ``article``'s, with the sentences too loose to
    align alone filled in from their whole quotation (``_filled``)."""
    found = {
        a.version: a
        for a in align_stage.align(
            article,
            pool,
            ctx.speaker_of,
            ctx.vectors,
            identities=ctx.identities,
            independent=ctx.independent,
        )
    }
    found.update(_filled(article, pool, found, ctx))
    return found


def _filled(
    article: str, pool: Sequence[Quote], found: Mapping[str, Alignment], ctx: _Pool
) -> dict[str, Alignment]:
    """A sentence that does not align by itself ("The danger is real."), in a quotation whose
    other sentences do and whose whole aligns to a run of originals that includes theirs, renders
    the originals of the run that its sister sentences do not."""
    in_pool = {u.id for u in pool}
    parent = ctx.parent
    records = {parent[u.id] for u in pool if u.article != article and parent[u.id] != u.id}
    partial = []
    for record in sorted(records):
        parts = ctx.units.get(record, ())
        ids = [u.id for u in parts if u.id in in_pool and u.id in found]
        if len(parts) > 1 and len(ids) == len(parts):
            aligned = [i for i in ids if found[i].originals]
            if aligned and len(aligned) < len(ids):
                partial.append(parts)
    if not partial:
        return {}
    originals = [u for u in pool if u.article == article]
    whole = {
        a.version: a
        for a in align_stage.align(
            article,
            [*originals, *(parts[0].parent for parts in partial)],
            ctx.speaker_of,
            ctx.vectors,
            identities=ctx.identities,
            independent=ctx.independent,
        )
    }
    by_id = {q.id: q for q in pool}
    out = {}
    for parts in partial:
        a = whole.get(parts[0].parent.id)
        if a is None or a.relation not in ("same", "merged"):
            continue
        used = {o for u in parts for o in found[u.id].originals}
        rest = tuple(o for o in a.originals if o not in used)
        if not rest or not used & set(a.originals):
            continue
        for u in parts:
            if found[u.id].originals:
                continue
            # Only the originals the sentence itself comes near: the run of a long quotation
            # may take in an original that shares a word with a sister sentence.
            near = tuple(o for o in rest if _near(by_id[u.id], by_id[o], ctx.vectors))
            if near:
                relation = "merged" if len(near) > 1 else "same"
                out[u.id] = Alignment(u.id, near, relation, a.score)
    return out


# A sentence filled in from its quotation still has to come near the original it is given: on
# the seeds "The danger posed by these actors is real." scores 0.48 (containment 0.5) against
# "threat posed by operatives is both real and immediate."; an unrelated sentence of the same
# quotation shares no content word.
_FILL_ACCEPT = 0.4
_FILL_MIN_CONTAINMENT = 0.25


def _near(unit: Quote, original: Quote, vectors: Mapping[str, np.ndarray]) -> bool:
    cosine = float(np.dot(vectors[unit.id], vectors[original.id]))
    score, _ = align_stage.pair_score(unit.text, original.text, cosine, unit.kind)
    cont = align_stage.containment(unit.text, original.text)
    return score >= _FILL_ACCEPT and cont >= _FILL_MIN_CONTAINMENT


def align_to_sources(
    source_ids: Sequence[str],
    units: Units,
    speaker_of: Mapping[str, str],
    identities: identity_stage.Identities,
    vectors: Mapping[str, np.ndarray],
    *,
    independent: bool = False,
) -> dict[str, Alignment]:
    """Alignment of every unit outside the sources (``units``: record id -> its sentence units;
    ``speaker_of`` and ``vectors`` hold record and unit ids); with several sources each keeps
    its best match (a found counterpart beats none, then the higher score, then the first
    source)."""
    sources = set(source_ids)
    ctx = _Pool.of(units, speaker_of, identities, vectors, independent)
    every = [u.quote for parts in units.values() for u in parts]
    best: dict[str, Alignment] = {}
    for source in sorted(sources):
        pool = [u for u in every if u.article == source or u.article not in sources]
        for a in _aligned(source, pool, ctx).values():
            kept = best.get(a.version)
            if kept is None or (bool(a.originals), a.score) > (bool(kept.originals), kept.score):
                best[a.version] = a
    return best


class _Components:
    """Union-find over unit ids."""

    def __init__(self, ids: Sequence[str]) -> None:
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

    def groups(self) -> list[list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for i in self.parent:
            out[self.find(i)].append(i)
        return [sorted(members) for _, members in sorted(out.items())]


def _round_article(units: Sequence[Quote]) -> str:
    """The article that acts as the original for ``units``: the one carrying most of them, then
    the one with most words in them (the fullest), then the first by id."""
    count: dict[str, int] = defaultdict(int)
    size: dict[str, int] = defaultdict(int)
    for u in units:
        count[u.article] += 1
        size[u.article] += len(content_words(u.text))
    return min(count, key=lambda a: (-count[a], -size[a], a))


def align_leftovers(
    leftovers: Sequence[Quote],
    units: Units,
    speaker_of: Mapping[str, str],
    identities: identity_stage.Identities,
    vectors: Mapping[str, np.ndarray],
    *,
    independent: bool = False,
) -> dict[str, Alignment]:
    """Alignments among units no original carries: for each version paired this way, its
    originals in the article that acted as the original for its group. Units of that article
    are originals and have no alignment of their own; units left unpaired have none either."""
    ctx = _Pool.of(units, speaker_of, identities, vectors, independent)
    pairs = linking.linked(
        leftovers, speaker_of, vectors, identities=identities, independent=independent
    )
    components = _Components([u.id for u in leftovers])
    for a, b in pairs:
        components.union(a, b)
    by_id = {u.id: u for u in leftovers}
    out: dict[str, Alignment] = {}
    for ids in components.groups():
        remaining = [by_id[i] for i in ids]
        while len({u.article for u in remaining}) > 1:
            article = _round_article(remaining)
            found = [a for a in _aligned(article, remaining, ctx).values() if a.originals]
            out.update((a.version, a) for a in found)
            done = {a.version for a in found}
            remaining = [u for u in remaining if u.article != article and u.id not in done]
    return out


def join_through_members(
    alignments: Mapping[str, Alignment],
    leftovers: Sequence[Quote],
    units: Units,
    speaker_of: Mapping[str, str],
    identities: identity_stage.Identities,
    vectors: Mapping[str, np.ndarray],
    *,
    independent: bool = False,
) -> dict[str, Alignment]:
    """Alignments for units still alone whose words lie in order inside a unit already in a
    statement, or hold its words (``linking.excerpt_partners``): a partial one outlet quoted in
    its lead joins the statement of the full sentence another outlet carries, also when that
    outlet's sentence is a version and not the statement's original. The unit is aligned to
    what its partner is aligned to (the partner itself when that is an original)."""
    by_id = {u.id: u.quote for parts in units.values() for u in parts}
    in_statements = {a.version for a in alignments.values() if a.originals}
    in_statements |= {o for a in alignments.values() for o in a.originals}
    members = [by_id[i] for i in sorted(in_statements)]
    partners = linking.excerpt_partners(
        leftovers, members, speaker_of, vectors, identities=identities, independent=independent
    )
    out = {}
    for uid, partner in sorted(partners.items()):
        via = alignments.get(partner)
        originals = via.originals if via is not None and via.originals else (partner,)
        out[uid] = Alignment(uid, originals, "same", 0.9)
    return out


# A sentence matched to the reference's this loosely (below the excerpt score) while another
# outlet prints a sentence that matches it this much better is that outlet's statement too, not
# a loose rendering of the reference's (two outlets' copies of a sentence the reference lacks,
# one of them drawn to a reference sentence on the same subject at 0.51, each other at 0.99).
_RELEASE_MARGIN = 0.25


def released(
    alignments: Mapping[str, Alignment],
    leftovers: Sequence[Quote],
    units: Units,
    speaker_of: Mapping[str, str],
    identities: identity_stage.Identities,
    vectors: Mapping[str, np.ndarray],
    *,
    independent: bool = False,
) -> set[str]:
    """Versions to align again among the units the reference does not carry: quotations aligned
    only to the reference's reported speech whose words all lie in another outlet's quotation
    and, with ``independent`` only (a rewrite's paraphrase of its wire copy stays the wire's),
    versions aligned loosely to the reference that match a unit of another outlet far better
    (by ``_RELEASE_MARGIN``); in both cases that unit not aligned to the same originals."""
    by_id = {u.id: u.quote for parts in units.values() for u in parts}
    weak = {
        v: a
        for v, a in alignments.items()
        if independent
        and a.originals
        and a.relation != "attribution_changed"
        and a.score < _EXCERPT_SCORE
    }
    # Words in quotation marks matched only to the reference's reported speech ('the suit was
    # without merit', the writer's words) while another outlet's quotation of the same speaker
    # holds every one of them: they are that quotation's, the speaker's own.
    reported = {
        v: a
        for v, a in alignments.items()
        if a.originals
        and v not in weak
        and a.relation != "attribution_changed"
        and by_id[v].kind != "indirect"
        and all(by_id[o].kind == "indirect" for o in a.originals)
    }
    if not weak and not reported:
        return set()
    queries = [by_id[v] for v in sorted({**weak, **reported})]
    partners = linking.best_partners(
        queries,
        [*leftovers, *queries],
        speaker_of,
        vectors,
        identities=identities,
        independent=independent,
    )
    out = set()
    for v, (partner, score) in partners.items():
        mine = weak.get(v) or reported[v]
        theirs = alignments.get(partner)
        if theirs is not None and set(theirs.originals) & set(mine.originals):
            continue
        if v in weak:
            if score >= mine.score + _RELEASE_MARGIN:
                out.add(v)
        elif by_id[partner].kind != "indirect" and _holds(by_id[partner], by_id[v]):
            out.add(v)
    return out


def _holds(outer: Quote, inner: Quote) -> bool:
    """Every content word of ``inner`` is in ``outer``."""
    words = set(content_words(inner.text))
    return bool(words) and words <= set(content_words(outer.text))
