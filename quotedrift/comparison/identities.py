"""Speakers across articles: one identity per real speaker, whatever each outlet called them.

Extraction resolves speakers within an article ("She" -> "Leah Foley"); this module joins those
per-article speakers across the collection:

- people by full name (accents and case folded), then by a name one letter apart ("Micheal
  Alvarez" = "Michael Álvarez": an outlet's misspelling), never when the two articles' speakers
  were told apart within one article or hold different titles; then surname-only mentions
  ("Eisenberg") to the one person of that surname. People who share a surname but not a given
  name stay apart. Each merge of names written differently is recorded in ``Speaker.links``;
- role-only mentions ("U.S. Attorney") to the one person holding that title, when only one does;
- organisations by their core words ("the Justice Department" = "US Department of Justice");
- a spokesperson and the body they speak for ("foreign ministry spokeswoman Mao Ning" and "China's
  foreign ministry") stay two speakers but share one *voice*, so a statement moving between them
  is not an attribution change.

``link_roles`` runs after alignment and names the role-only speakers whose statements align with a
named speaker's, recording why.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from quotedrift.comparison.spellings import short_form, spelling
from quotedrift.lang.en.honorifics import FORMS_OF_ADDRESS, HONORIFICS
from quotedrift.lang.en.org_name_words import ORG_FILLER, ORG_SYNONYMS
from quotedrift.lang.en.role_nouns import GENERIC_ROLE_NOUNS, ROLE_NOUNS, SPOKESPERSON_NOUNS
from quotedrift.lang.en.title_spellings import TITLE_SPELLINGS
from quotedrift.lang.en.titles import TITLE_WORDS
from quotedrift.records import Alignment, Extraction, Quote, Speaker, SpeakerKind

# Heads that name no one in particular: generic roles, and the documents that stand for them
# ("a statement", "reports").
_GENERIC_HEADS = GENERIC_ROLE_NOUNS | {"statement", "report", "reports"}


def _empty() -> Mapping[str, str]:
    return MappingProxyType({})


@dataclass(frozen=True)
class Identities:
    """Speakers resolved across a collection.

    speakers: one Speaker per identity, sorted by id.
    of_quote: quote id -> speaker id (quotes without a speaker are absent).
    voices: speaker id -> voice id for speakers that speak as one (a spokesperson and their
        organisation); a speaker absent from it is its own voice.
    """

    speakers: tuple[Speaker, ...]
    of_quote: Mapping[str, str]
    voices: Mapping[str, str] = field(default_factory=_empty)

    def speaker(self, speaker_id: str) -> Speaker | None:
        """The Speaker with this id, or None."""
        for s in self.speakers:
            if s.id == speaker_id:
                return s
        return None

    def voice(self, speaker_id: str) -> str:
        """The voice a speaker speaks with (its own id unless it shares one)."""
        return self.voices.get(speaker_id, speaker_id)

    @functools.cached_property
    def names(self) -> Mapping[str, str]:
        """Speaker id -> its name."""
        return MappingProxyType({s.id: s.name for s in self.speakers})

    @functools.cached_property
    def kinds(self) -> Mapping[str, str]:
        """Speaker id -> its kind (computed once: alignment in rounds asks for it each round)."""
        return MappingProxyType({s.id: s.kind for s in self.speakers})


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.replace("\u2019", "'").lower()


def _tokens(text: str) -> list[str]:
    text = _fold(text)
    text = re.sub(r"\bu\.\s?s\.(?:\s?a\.)?|\busa\b", " us ", text)
    text = re.sub(r"\bu\.\s?n\.", " un ", text)
    text = re.sub(r"\bu\.\s?k\.", " uk ", text)
    text = re.sub(r"\bunited states(?: of america)?\b", " us ", text)
    return [t for t in re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text)]


def _person_key(name: str) -> tuple[str, ...]:
    toks = [t.removesuffix("'s") for t in _tokens(name)]
    return tuple(t for t in toks if t not in HONORIFICS)


def _first_last(key: tuple[str, ...]) -> tuple[str, ...]:
    """'John F. Kennedy' and 'John Kennedy' are one name: middle initials are dropped (a full
    middle name is kept: 'Mary Ann Smith' is not 'Mary Smith')."""
    if len(key) > 2 and all(len(t) == 1 for t in key[1:-1]):
        return (key[0], key[-1])
    return key


def _title_key(title: str) -> tuple[str, ...]:
    return tuple(t for t in _tokens(title) if t not in ("a", "an", "the"))


def _org_key(name: str) -> frozenset[str]:
    toks = [t.removesuffix("'s") for t in _tokens(name)]
    return frozenset(ORG_SYNONYMS.get(t, t) for t in toks if t not in ORG_FILLER)


def _generic(name: str) -> bool:
    """A collective noun, maybe with lowercase modifiers ("federal prosecutors"), naming no one."""
    words = [w for w in name.split() if _fold(w) not in ("a", "an", "the", "some", "several")]
    if not words or _fold(words[-1]) not in _GENERIC_HEADS:
        return False
    return all(w.islower() for w in words[:-1])


def _org_of_title(title: str) -> str | None:
    """'foreign ministry spokeswoman' -> 'foreign ministry'; None when the title names no body."""
    toks = title.split()
    if len(toks) >= 2 and _fold(toks[-1]) in SPOKESPERSON_NOUNS:
        return " ".join(toks[:-1])
    m = re.match(r"(?i)(?:an?\s+|the\s+)?\w+\s+(?:for|of|at)\s+(?:the\s+)?(.+)", title)
    if m and _fold(title.split()[0]) in SPOKESPERSON_NOUNS:
        return m.group(1)
    return None


def _one_word_wider(keys: Iterable[frozenset[str]]) -> dict[frozenset[str], set[frozenset[str]]]:
    """For each set of two or more words, the ``keys`` that add exactly one word to it (those
    ``_org_match`` pairs with it as the smaller): found by taking each word out of each key, not
    by comparing every pair."""
    out: dict[frozenset[str], set[frozenset[str]]] = defaultdict(set)
    for key in keys:
        if len(key) >= 3:
            for word in key:
                out[key - {word}].add(key)
    return out


@dataclass
class _Local:
    """One speaker as resolved inside one article."""

    article: str
    name: str
    kind: SpeakerKind
    titles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    organization: str | None = None
    quotes: list[str] = field(default_factory=list)


def _collect(extractions: Sequence[Extraction]) -> list[_Local]:
    locals_: dict[tuple[str, str], _Local] = {}
    for ex in sorted(extractions, key=lambda e: e.article.id):
        for sp in ex.speakers:
            loc = locals_.setdefault(
                (ex.article.id, sp.id), _Local(ex.article.id, sp.name, sp.kind)
            )
            _add(loc.titles, sp.titles)
            _add(loc.aliases, sp.aliases)
            loc.organization = loc.organization or sp.organization
        for q in sorted(ex.quotes, key=lambda q: (q.spans[0][0] if q.spans else 0, q.id)):
            ref = q.speaker
            if ref is None:
                continue
            loc = locals_.setdefault(
                (ex.article.id, ref.id), _Local(ex.article.id, ref.name, ref.kind)
            )
            if ref.title:
                _add(loc.titles, [ref.title])
            _add(loc.aliases, [ref.mention])
            loc.organization = loc.organization or ref.organization
            loc.quotes.append(q.id)
    return [locals_[k] for k in sorted(locals_)]


def _add(into: list[str], items: Sequence[str]) -> None:
    for item in items:
        if item and item not in into:
            into.append(item)


class _Clusters:
    """Union-find over local speakers, by index."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> list[list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.parent)):
            out[self.find(i)].append(i)
        return [out[k] for k in sorted(out)]


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _fold(name).replace("'", "")).strip("-") or "speaker"


def _canonical(members: Sequence[_Local]) -> str:
    """The fullest name: most words first, then most frequent, then alphabetical."""
    counts: dict[str, int] = defaultdict(int)
    for m in members:
        counts[re.sub(r"(?i)^the\s+", "", m.name.strip())] += 1
    return min(counts, key=lambda n: (-len(n.split()), -counts[n], n))


def resolve_identities(extractions: Sequence[Extraction]) -> Identities:
    """One identity per real speaker across articles.

    extractions: per-article results whose SpeakerRefs are resolved within their article.
    Returns Identities: speakers (sorted by id, ids are slugs of the canonical name), of_quote
    (quote id -> speaker id) and voices (spokespeople and the bodies they speak for). The result
    does not depend on the order of ``extractions``. Raises nothing.
    """
    locs = _collect(extractions)
    for loc in locs:
        if loc.kind == "organization" and _generic(loc.name):
            loc.kind = "role"
    uf = _Clusters(len(locs))
    why: dict[int, list[str]] = defaultdict(list)
    _join_people(locs, uf, why)
    _join_roles(locs, uf)
    _join_organisations(locs, uf)
    groups = uf.groups()
    speakers, of_quote = _speakers(locs, groups, _group_ids(locs, groups), why)
    voices, speakers = _voices(speakers)
    return Identities(
        speakers=tuple(speakers[k] for k in sorted(speakers)),
        of_quote=MappingProxyType(dict(sorted(of_quote.items()))),
        voices=MappingProxyType(voices),
    )


def _join_people(locs: Sequence[_Local], uf: _Clusters, why: dict[int, list[str]]) -> None:
    """People: full names first, then names one letter apart, then surname-only mentions when
    one full name carries it. ``why`` collects, per local index, the reason it was merged under
    a name written differently."""
    people = [i for i, loc in enumerate(locs) if loc.kind == "person"]
    full: dict[tuple[str, ...], int] = {}
    for i in people:
        key = _first_last(_person_key(locs[i].name))
        if len(key) >= 2:
            if key in full:
                uf.union(full[key], i)
                if locs[full[key]].name != locs[i].name:
                    why[i].append(
                        _merge_reason(locs[i], locs[full[key]], "the same name, accents folded")
                    )
            else:
                full[key] = i
    _merge_spellings(locs, full, uf, why)
    by_surname: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for key in full:
        by_surname[key[-1]].add(key)
    unnamed: dict[str, list[int]] = defaultdict(list)
    for i in people:
        key = _person_key(locs[i].name)
        if len(key) == 1 and len(by_surname.get(key[0], ())) == 1:
            uf.union(full[next(iter(by_surname[key[0]]))], i)
        elif len(key) == 1 and key[0] not in by_surname:
            unnamed[key[0]].append(i)
    # A surname no article gives in full ("Obama" here, "President Obama" there) is one person
    # across articles, unless their titles tell two apart.
    for first, *rest in unnamed.values():
        heads = _title_heads(locs[first])
        for i in rest:
            theirs = _title_heads(locs[i])
            if not (heads and theirs) or heads & theirs:
                uf.union(first, i)


def _join_roles(locs: Sequence[_Local], uf: _Clusters) -> None:
    """Role-only mentions, and "people" whose name is only a title, go to the one person cluster
    holding that title (after name merging)."""
    holders: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for i, loc in enumerate(locs):
        if loc.kind == "person":
            for t in loc.titles:
                holders[_title_key(t)].add(uf.find(i))
    for i, loc in enumerate(locs):
        if loc.kind not in ("role", "unknown", "person"):
            continue
        if (
            loc.kind == "person"
            and len(_person_key(loc.name)) >= 2
            and not holders.get(_title_key(loc.name))
        ):
            continue
        # A bare one-word title ("spokesperson") is too common to identify anyone.
        keys = {_title_key(loc.name)} | {
            _title_key(t) for t in loc.titles if loc.kind != "person" and len(t.split()) >= 2
        }
        found = {uf.find(h) for k in keys for h in holders.get(k, ())}
        if len(found) == 1:
            uf.union(found.pop(), i)


def _join_organisations(locs: Sequence[_Local], uf: _Clusters) -> None:
    """Organisations: same core words, or one qualifier more, when the shorter name is
    unambiguous."""
    orgs = [i for i, loc in enumerate(locs) if loc.kind == "organization"]
    okeys = {i: _org_key(locs[i].name) for i in orgs}
    first_with: dict[frozenset[str], int] = {}
    for i in orgs:
        if okeys[i]:
            uf.union(first_with.setdefault(okeys[i], i), i)
    wider_keys = _one_word_wider(first_with)
    for i in orgs:
        wider = wider_keys.get(okeys[i], set())
        if len(wider) == 1:  # "the foreign ministry" with both China's and Russia's: neither
            uf.union(i, first_with[next(iter(wider))])


def _group_ids(locs: Sequence[_Local], groups: Sequence[list[int]]) -> dict[int, str]:
    """Each local speaker's identity id: the slug of its group's canonical name, numbered when
    two groups share a slug (in the order of their canonical names)."""
    ids: dict[int, str] = {}
    used: set[str] = set()
    for g in sorted(groups, key=lambda g: (_canonical([locs[i] for i in g]), g[0])):
        base = _slug(_canonical([locs[i] for i in g]))
        sid, n = base, 2
        while sid in used:
            sid, n = f"{base}-{n}", n + 1
        used.add(sid)
        for i in g:
            ids[i] = sid
    return ids


def _speakers(
    locs: Sequence[_Local],
    groups: Sequence[list[int]],
    ids: dict[int, str],
    why: Mapping[int, list[str]],
) -> tuple[dict[str, Speaker], dict[str, str]]:
    """One Speaker per group (its kind the most specific its members have, its links the
    reasons names written differently were merged) and quote id -> speaker id."""
    speakers: dict[str, Speaker] = {}
    of_quote: dict[str, str] = {}
    for g in groups:
        members = [locs[i] for i in g]
        sid = ids[g[0]]
        kinds = [m.kind for m in members]
        kind: SpeakerKind = next(
            (k for k in ("person", "organization", "role", "unknown") if k in kinds), "unknown"
        )
        named = [m for m in members if m.kind == kind]
        titles: list[str] = []
        aliases: list[str] = []
        for m in members:
            _add(titles, m.titles)
            _add(aliases, [m.name, *m.aliases])
            for q in m.quotes:
                of_quote[q] = sid
        org = next((m.organization for m in members if m.organization), None)
        speakers[sid] = Speaker(
            id=sid,
            name=_canonical(named),
            kind=kind,
            titles=tuple(titles),
            aliases=tuple(aliases),
            organization=org,
            links=tuple(dict.fromkeys(r for i in g for r in why.get(i, ()))),
        )
    return speakers, of_quote


def _title_heads(loc: _Local) -> frozenset[str]:
    """The last word of each title, spelled out ("Sen." -> "senator")."""
    heads = set()
    for title in loc.titles:
        words = _tokens(title)
        # 'Mr.' and 'Ms.' are forms of address, not roles that tell two people apart.
        if not words or words[-1] in FORMS_OF_ADDRESS:
            continue
        head = TITLE_SPELLINGS.get(words[-1], words[-1])
        # Only a position tells two people apart: 'Marijuana Industry', read as a title from
        # "the Marijuana Industry Group's Mike Elliott", names no role.
        if {words[-1], head} & (TITLE_WORDS | ROLE_NOUNS):
            heads.add(head)
    return frozenset(heads)


def _merge_spellings(
    locs: Sequence[_Local],
    full: Mapping[tuple[str, ...], int],
    uf: _Clusters,
    why: dict[int, list[str]],
) -> None:
    """Join full names written two ways (``spellings.spelling``), unless one article spells
    both (it told them apart) or they hold different titles. Names are compared within blocks
    of the same surname initial, not pair by pair over the collection."""
    # Blocks by surname initial: 'bill'/'william' differ in their first letter.
    blocks: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for key in full:
        blocks[key[-1][0]].append(key)
    articles: dict[int, set[str]] = defaultdict(set)
    heads: dict[int, set[str]] = defaultdict(set)
    for i, loc in enumerate(locs):
        if loc.kind == "person":
            articles[uf.find(i)].add(loc.article)
            heads[uf.find(i)] |= _title_heads(loc)
    for keys in blocks.values():
        for n, a in enumerate(keys):
            for b in keys[n + 1 :]:
                how = spelling(a, b)
                ra, rb = uf.find(full[a]), uf.find(full[b])
                if how is None or ra == rb:
                    continue
                # One article writing two spellings told two people apart; one writing the
                # full and the short given name ('Michael R. Bloomberg', 'Mike Bloomberg')
                # did not.
                if articles[ra] & articles[rb] and not short_form(a[0], b[0]):
                    continue
                if heads[ra] and heads[rb] and not heads[ra] & heads[rb]:
                    continue  # 'Sen. Ann Price' and 'Dr. Anne Price': two people
                uf.union(ra, rb)
                root = uf.find(ra)
                articles[root] = articles[ra] | articles[rb]
                heads[root] = heads[ra] | heads[rb]
                why[full[b]].append(_merge_reason(locs[full[b]], locs[full[a]], how))


def _merge_reason(a: _Local, b: _Local, how: str) -> str:
    return f"{a.name} ({a.article}) taken as {b.name} ({b.article}): {how}"


def _voices(speakers: dict[str, Speaker]) -> tuple[dict[str, str], dict[str, Speaker]]:
    """Join each person to the organisation their title or organisation names, when exactly one
    organisation matches; the person's id becomes the voice of both."""
    by_key: dict[frozenset[str], set[str]] = defaultdict(set)
    for sp in speakers.values():
        if sp.kind == "organization" and _org_key(sp.name):
            by_key[_org_key(sp.name)].add(sp.id)
    wider = _one_word_wider(by_key)
    voices: dict[str, str] = {}
    out = dict(speakers)
    for s in sorted(speakers.values(), key=lambda s: s.id):
        if s.kind != "person":
            continue
        bodies = [s.organization] if s.organization else []
        bodies += [b for b in (_org_of_title(t) for t in s.titles) if b]
        hits = {oid for b in bodies for oid in _matching_orgs(_org_key(b), by_key, wider)}
        if len(hits) != 1:
            continue
        oid = hits.pop()
        if oid in voices:  # the body already speaks through someone else: join that voice
            voices[s.id] = voices[oid]
        else:
            voices[oid] = voices[s.id] = s.id
        org = out[oid]
        person = out[s.id]
        out[oid] = replace(
            org, links=(*org.links, f"same voice as {person.name} ({_role(person)})")
        )
        out[s.id] = replace(
            person,
            organization=person.organization or org.name,
            links=(*person.links, f"speaks for {org.name} ({_role(person)})"),
        )
    return voices, out


def _matching_orgs(
    key: frozenset[str],
    by_key: Mapping[frozenset[str], set[str]],
    wider: Mapping[frozenset[str], set[frozenset[str]]],
) -> set[str]:
    """The organisations whose key ``_org_match``es ``key``: the same, one word more, or (when
    two words are left) one word less."""
    if not key:
        return set()
    keys = {key} | wider.get(key, set())
    if len(key) >= 3:
        keys |= {key - {word} for word in key}
    return {oid for k in keys for oid in by_key.get(k, ())}


def _role(person: Speaker) -> str:
    return person.titles[0] if person.titles else f"organisation {person.organization}"


def link_roles(
    identities: Identities, alignments: Sequence[Alignment], quotes: Sequence[Quote]
) -> Identities:
    """Name the role-only and unknown speakers whose statements align with a named speaker's.

    identities: from resolve_identities. alignments: from align.align. quotes: every quotation
    (for the mentions quoted in the reasons).
    A role speaker is merged into the named speaker (person first, else organisation) whose voice
    all of its aligned statements render; its quotes move to that speaker, its mention becomes an
    alias, and the reason is recorded in Speaker.links ('"A spokesperson for the foreign
    ministry" in 003.txt is taken to be Mao Ning: the words quoted match Mao Ning's in 000.txt').
    An organisation whose statements render one other voice gets the same kind of link recorded
    without being merged. A speaker whose statements point at several voices is left alone.
    Raises nothing.
    """
    by_id = {s.id: s for s in identities.speakers}
    quote_by_id = {q.id: q for q in quotes}
    of_quote = dict(identities.of_quote)
    evidence: dict[str, list[Alignment]] = defaultdict(list)
    for a in sorted(alignments, key=lambda a: a.version):
        sid = of_quote.get(a.version)
        if sid is None or not a.originals or a.relation == "unsupported":
            continue
        if by_id[sid].kind in ("role", "unknown", "organization"):
            evidence[sid].append(a)

    speakers = dict(by_id)
    for sid in sorted(evidence):
        me = speakers[sid]
        voices = {
            identities.voice(of_quote[o])
            for a in evidence[sid]
            for o in a.originals
            if o in of_quote
        }
        voices.discard(identities.voice(sid))
        if len(voices) != 1:
            continue
        voice = voices.pop()
        speaking = [s for s in speakers.values() if identities.voice(s.id) == voice]
        target = min(speaking, key=lambda s: (s.kind != "person", s.kind != "organization", s.id))
        if target.kind not in ("person", "organization") or target.id == sid:
            continue
        reasons = tuple(_reason(a, quote_by_id, target) for a in evidence[sid])
        if me.kind == "organization":
            speakers[sid] = replace(me, links=(*me.links, *reasons))
            continue
        speakers[target.id] = replace(
            target,
            aliases=tuple(dict.fromkeys((*target.aliases, *me.aliases))),
            links=(*target.links, *reasons),
        )
        del speakers[sid]
        for q, s in of_quote.items():
            if s == sid:
                of_quote[q] = target.id
    voices_map = {k: v for k, v in identities.voices.items() if k in speakers}
    return Identities(
        speakers=tuple(speakers[k] for k in sorted(speakers)),
        of_quote=MappingProxyType(dict(sorted(of_quote.items()))),
        voices=MappingProxyType(voices_map),
    )


def _reason(a: Alignment, quote_by_id: Mapping[str, Quote], target: Speaker) -> str:
    # In words a reader of the report can check: articles by file, no quotation ids or scores
    # (the alignment itself, with its score, is in the report's statements).
    q = quote_by_id.get(a.version)
    who = f"\u201c{q.speaker.mention}\u201d" if q is not None and q.speaker else "the speaker"
    where = f" in {q.article}" if q is not None else ""
    original = quote_by_id.get(a.originals[0]) if a.originals else None
    source = f" in {original.article}" if original is not None else ""
    return (
        f"{who}{where} is taken to be {target.name}: the words quoted match {target.name}'s{source}"
    )
