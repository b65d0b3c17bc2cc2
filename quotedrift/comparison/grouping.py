"""Statements grouped across articles with no article privileged: sentence units, star groups.

Independent coverage has no original: each outlet quotes the same speakers on its own, trimmed
differently. Here every quotation is cut into its sentences (a two-sentence quotation may pair with
two one-sentence versions elsewhere), and each speaker's sentences are grouped across articles:

- pairs are scored like ``align`` scores a version against an original, but with containment taken
  both ways (either side may be the excerpt) and the excerpt rule applied both ways;
- pairs are found by candidate retrieval (the units sharing the most content words, plus the
  nearest vectors), never all pairs;
- groups are stars, not chains: the unit with the most accepted partners (the one the others agree
  with most) heads a group of its unassigned partners, then the next; a chain A~B~C where A and C
  differ stays two groups. Within one article, only an excerpt of the head joins its group (a
  partial in the lead and the full sentence later are one statement); two disjoint parts of the
  head in one article are a split;
- a sentence no one else carries, of a speaker named differently elsewhere, joins that group as an
  attribution change when its words are clearly the same.

Each group's original is its fullest version: the one the others are excerpts of, else the one
they agree with most, with the reason in words.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from quotedrift.comparison.align import is_content, words
from quotedrift.lang.en.abbreviations import SENTENCE_ABBREVIATIONS
from quotedrift.records import Quote, Span

# Pair acceptance, as align's (set on the made-up folders in tests/test_align.py and the seeds).
# A pair involving reported speech is paraphrase on one side and is accepted on meaning at a lower
# bar, but two paraphrases are held to the quoted bar: each is the writer's words.
_ACCEPT = {"quoted": 0.5, "indirect": 0.42}
_MIN_CONTAINMENT = {"quoted": 0.2, "indirect": 0.0}
_CROSS_ACCEPT = 0.62
_CROSS_MIN_CONTAINMENT = 0.5
_EXCERPT_MIN_WORDS = 3
_EXCERPT_SCORE = 0.9
# In one article, a unit is an excerpt of the head when this share of its words is in the head.
_SAME_ARTICLE_EXCERPT = 0.8
# Two units of one article rendering one head are a split when they share less than this.
_SPLIT_MAX_OVERLAP = 0.5
_TOP_WORDS = 20
_TOP_K = 3
# A word in more units than this is not used to find candidates (when the unit has rarer ones):
# in a corpus of many stories "government" would make retrieval quadratic.
_MAX_POSTING = 200

# A sentence ends at . ! or ? (a closing mark may follow) before a space and a capital or digit;
# "U.S. officials" or "Mr. Smith" do not end one (an abbreviation or an initial comes before).
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019]?\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])")
_LAST_WORD = re.compile(r"([\w.]+)\.$")


def _abbreviation_before(head: str, following: str) -> bool:
    m = _LAST_WORD.search(head)
    if m is None:
        return False
    word = m.group(1).lower()
    if len(word) == 1 and m.group(1).isupper():
        return True  # an initial: "John F. Kennedy"
    if word == "no":  # "No. 5", but "No." alone is a sentence
        return following[:1].isdigit()
    return word in SENTENCE_ABBREVIATIONS


def sentences(text: str) -> list[str]:
    """``text`` cut into sentences (one item when it is one sentence); abbreviations and initials
    ("Mr.", "U.S.") do not end a sentence. Pieces without a letter join the one before."""
    pieces: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        head = text[start : m.start()].strip()
        if _abbreviation_before(head, text[m.end() :]):
            continue
        pieces.append(head)
        start = m.end()
    pieces.append(text[start:].strip())
    out: list[str] = []
    for p in pieces:
        if out and not any(ch.isalpha() for ch in p):
            out[-1] = f"{out[-1]} {p}".strip()
        elif p:
            out.append(p)
    return out or [text]


def fragments(q: Quote) -> list[str]:
    """The pieces of an interrupted quotation ('"A," he said. "B."'), each a unit boundary: its
    text is the fragments joined by a space, one per span. One piece when the lengths disagree."""
    lengths = [e - s for s, e in q.spans]
    if len(lengths) < 2 or sum(lengths) + len(lengths) - 1 != len(q.text):
        return [q.text]
    out: list[str] = []
    pos = 0
    for n in lengths:
        piece = q.text[pos : pos + n]
        pos += n + 1
        # '"We found cracks," she said, "in 12 vessels."': one sentence in two pieces.
        if out and piece.lstrip()[:1].islower():
            out[-1] = f"{out[-1]} {piece}"
        elif piece.strip():
            out.append(piece)
    return out or [q.text]


@dataclass(frozen=True)
class Unit:
    """One sentence of one quotation, the unit statements are grouped by.

    quote: the quotation it belongs to (reports show the quotation; the unit only decides which
        statement it belongs to). index: the sentence's number in the quotation (0-based).
    text: the sentence. voice: the speaker's voice (identities.voice), ``?<quote id>`` if unknown.
    spans: where the sentence is in the article (the quotation's spans when that is unknown).
    """

    quote: Quote
    index: int
    text: str
    voice: str
    tokens: frozenset[str]
    words: tuple[str, ...]
    vector: np.ndarray
    spans: tuple[Span, ...] = ()

    @property
    def article(self) -> str:
        return self.quote.article


@dataclass(frozen=True)
class Group:
    """One statement found across articles: its units, which one is the original, and why.

    members: indexes into the unit list, the original first. relations: member index -> ``same``,
    ``split`` or ``attribution_changed`` (the original itself is absent). reason: why the
    original was chosen, in words.
    """

    members: tuple[int, ...]
    relations: Mapping[int, str]
    reason: str


Encoder = Callable[[list[str]], np.ndarray]


def _unit_vector(v: np.ndarray) -> np.ndarray:
    v = np.asarray(v, dtype=np.float32)
    norm = float(np.linalg.norm(v))
    return v / norm if norm > 0 else v


def make_units(
    quotes: Sequence[Quote],
    voice_of: Callable[[Quote], str],
    vectors: Mapping[str, np.ndarray],
    encode: Encoder,
) -> list[Unit]:
    """The sentence units of ``quotes``, in the order given. A one-sentence quotation keeps its
    own vector; the sentences of longer ones are encoded in one call of ``encode``."""
    split = [(q, [s for f in fragments(q) for s in sentences(f)]) for q in quotes]
    extra = sorted({s for _, parts in split if len(parts) > 1 for s in parts})
    extra_vectors = dict(zip(extra, encode(extra), strict=True)) if extra else {}
    out: list[Unit] = []
    # Rewrites repeat sentences word for word: each distinct one is tokenised once.
    seen: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {}
    for q, parts in split:
        voice = voice_of(q)
        spans = _part_spans(q, parts)
        for i, text in enumerate(parts):
            vec = vectors[q.id] if len(parts) == 1 else extra_vectors[text]
            if text not in seen:
                seq = tuple(words(text))
                seen[text] = (seq, frozenset(w for w in seq if is_content(w)))
            seq, tokens = seen[text]
            out.append(Unit(q, i, text, voice, tokens, seq, _unit_vector(vec), spans[i]))
    return out


def _part_spans(q: Quote, parts: Sequence[str]) -> list[tuple[Span, ...]]:
    """Where each part (a sentence of ``q.text``) lies in the article: text offsets mapped
    through the fragments (the text is the fragments joined by a space). The quotation's own
    spans for every part when its text and spans do not line up."""
    lengths = [e - s for s, e in q.spans]
    if not lengths or sum(lengths) + len(lengths) - 1 != len(q.text):
        return [q.spans] * len(parts)
    starts, pos = [], 0
    for n in lengths:
        starts.append(pos)
        pos += n + 1
    out: list[tuple[Span, ...]] = []
    cursor = 0
    for part in parts:
        at = q.text.find(part, cursor)
        if at < 0:
            return [q.spans] * len(parts)
        end = at + len(part)
        cursor = end
        pieces = []
        for (s, _), t0, n in zip(q.spans, starts, lengths, strict=True):
            lo, hi = max(at, t0), min(end, t0 + n)
            if lo < hi:
                pieces.append((s + lo - t0, s + hi - t0))
        out.append(tuple(pieces) or q.spans)
    return out


def _contiguous(needle: tuple[str, ...], hay: tuple[str, ...]) -> bool:
    n = len(needle)
    return n > 0 and any(hay[i : i + n] == needle for i in range(len(hay) - n + 1))


def _excerpt_of(a: Unit, b: Unit) -> bool:
    """``a``'s words, in order, inside ``b``."""
    return (
        len(a.words) >= _EXCERPT_MIN_WORDS and len(a.tokens) >= 2 and _contiguous(a.words, b.words)
    )


def pair_score(a: Unit, b: Unit) -> tuple[float, float]:
    """(score, containment) of two units, symmetric: 0.5 cosine + 0.5 the larger of the two
    containments (either side may be the excerpt), at least 0.9 when one's words, in order, are
    inside the other."""
    shared = len(a.tokens & b.tokens)
    cont = max(shared / len(x.tokens) if x.tokens else 0.0 for x in (a, b))
    score = 0.5 * float(np.dot(a.vector, b.vector)) + 0.5 * cont
    if _excerpt_of(a, b) or _excerpt_of(b, a):
        score = max(score, _EXCERPT_SCORE)
    return min(score, 1.0), cont


def _accepts(a: Unit, b: Unit, cross: bool) -> bool:
    score, cont = pair_score(a, b)
    if cross:
        return score >= _CROSS_ACCEPT and cont >= _CROSS_MIN_CONTAINMENT
    indirect = (a.quote.kind == "indirect") != (b.quote.kind == "indirect")
    key = "indirect" if indirect else "quoted"
    return score >= _ACCEPT[key] and (cont >= _MIN_CONTAINMENT[key] or score >= _EXCERPT_SCORE)


class _Index:
    """Content-word index and vector matrix over a set of units, for candidate retrieval."""

    def __init__(self, units: Sequence[Unit], members: Sequence[int]) -> None:
        self.units = units
        self.members = list(members)
        self.words: dict[str, list[int]] = defaultdict(list)
        for i in self.members:
            for token in units[i].tokens:
                self.words[token].append(i)
        dim = units[self.members[0]].vector.shape[0] if self.members else 1
        self.matrix = (
            np.stack([units[i].vector for i in self.members])
            if self.members
            else np.zeros((0, dim), np.float32)
        )

    def near(self, u: int, exclude_voice: str | None = None, by_vector: bool = True) -> list[int]:
        """Units sharing the most content words with unit ``u``, plus (``by_vector``) its nearest
        vectors; never ``u`` itself, in index order so ties break the same way every run. Words
        that most units share are skipped when rarer ones are there: they find everything."""
        unit = self.units[u]
        shared: dict[int, int] = defaultdict(int)
        postings = sorted((self.words.get(t, ()) for t in unit.tokens), key=len)
        for n, posting in enumerate(postings):
            if n and len(posting) > _MAX_POSTING:
                break
            for i in posting:
                if i != u and self.units[i].voice != exclude_voice:
                    shared[i] += 1
        hits = set(sorted(shared, key=lambda i: (-shared[i], i))[:_TOP_WORDS])
        if by_vector and self.members:
            sims = self.matrix @ unit.vector
            for rank in np.argsort(-sims, kind="stable")[: _TOP_K + 1]:
                i = self.members[int(rank)]
                if i != u and self.units[i].voice != exclude_voice:
                    hits.add(i)
        return sorted(hits)


def _partners(units: Sequence[Unit], members: Sequence[int]) -> dict[int, set[int]]:
    """Accepted same-voice partners of each unit: across articles any accepted pair; within one
    article only an excerpt (the same words quoted twice, trimmed once)."""
    index = _Index(units, members)
    partners: dict[int, set[int]] = {i: set() for i in members}
    for u in members:
        for c in index.near(u):
            if c in partners[u] or not _accepts(units[u], units[c], cross=False):
                continue
            if units[u].article == units[c].article and not _same_article_excerpt(
                units[u], units[c]
            ):
                continue
            partners[u].add(c)
            partners[c].add(u)
    return partners


def _same_article_excerpt(a: Unit, b: Unit) -> bool:
    if a.quote.id == b.quote.id:
        return False
    small, big = (a, b) if len(a.tokens) <= len(b.tokens) else (b, a)
    if not small.tokens:
        return False
    return _excerpt_of(small, big) or len(small.tokens & big.tokens) / len(small.tokens) >= (
        _SAME_ARTICLE_EXCERPT
    )


def _fullness(
    units: Sequence[Unit], i: int, members: Sequence[int]
) -> tuple[bool, float, int, int]:
    """How well unit ``i`` stands for the others: first whether every other is its words or a
    trimmed excerpt of them (then it is the fullest), then how well the others agree with it
    (mean pair score: an outlet that inserted words agrees less with the rest), then its length;
    ties to the earlier unit."""
    others = [j for j in members if j != i and units[j].quote.id != units[i].quote.id]
    holds = bool(others) and all(
        units[j].words == units[i].words or _excerpt_of(units[j], units[i]) for j in others
    )
    agree = [pair_score(units[i], units[j])[0] for j in others]
    return (holds, round(float(np.mean(agree)), 6) if agree else 0.0, len(units[i].tokens), -i)


def _star_groups(units: Sequence[Unit], members: Sequence[int]) -> list[list[int]]:
    """Stars over the accepted pairs: the unit with most partners heads its unassigned partners
    (one unit per quotation), then the next; units left alone are groups of one."""
    partners = _partners(units, members)
    free = set(members)
    groups: list[list[int]] = []
    order = sorted(members, key=lambda i: (-len(partners[i]), -len(units[i].tokens), i))
    for head in order:
        if head not in free:
            continue
        group = [head]
        free.discard(head)
        quotes = {units[head].quote.id}
        for p in sorted(
            partners[head] & free, key=lambda j: (-pair_score(units[head], units[j])[0], j)
        ):
            if units[p].quote.id in quotes:
                continue
            group.append(p)
            quotes.add(units[p].quote.id)
            free.discard(p)
        groups.append(group)
    return groups


def _relations(units: Sequence[Unit], group: Sequence[int], original: int) -> dict[int, str]:
    """``split`` for units of one article rendering different parts of one statement (of its
    original's article, or another); ``same`` otherwise."""
    out = {i: "same" for i in group if i != original}
    by_article: dict[str, list[int]] = defaultdict(list)
    for i in group:
        by_article[units[i].article].append(i)
    for members in by_article.values():
        for a in members:
            for b in members:
                if a >= b or units[a].quote.id == units[b].quote.id:
                    continue
                ta, tb = units[a].tokens, units[b].tokens
                if len(ta & tb) / (min(len(ta), len(tb)) or 1) < _SPLIT_MAX_OVERLAP:
                    for i in (a, b):
                        if i != original:
                            out[i] = "split"
    return out


def _reason(units: Sequence[Unit], group: Sequence[int], original: int, absent: str) -> str:
    n = len({units[i].quote.id for i in group})
    holds = _fullness(units, original, group)[0]
    how = "the fullest" if holds else "the one the others agree with most"
    return f"{how} of {n} versions; {absent}"


def group_units(
    units: Sequence[Unit],
    candidates: Sequence[int],
    *,
    absent: str,
    cross_voice: Callable[[Unit], bool] = lambda _: True,
) -> list[Group]:
    """Group ``candidates`` (indexes into ``units``) into statements across articles.

    absent: the words that end each group's reason ("no article is the original", "the wire
    copy does not carry it"). cross_voice: whether a unit's speaker is named, so that a match
    under another speaker is an attribution change (True) or merely names it (False: a role or an
    unknown speaker joins the group as ``same``).

    Returns every group of two or more quotations, the original first, in the order of their
    original's position in ``units``. A unit in no group is carried by no other article.
    """
    by_voice: dict[str, list[int]] = defaultdict(list)
    for i in candidates:
        by_voice[units[i].voice].append(i)
    groups: list[list[int]] = []
    for voice in sorted(by_voice):
        groups.extend(_star_groups(units, by_voice[voice]))
    multi = [g for g in groups if len({units[i].quote.id for i in g}) > 1]
    lonely = [g[0] for g in groups if len({units[i].quote.id for i in g}) == 1]
    changed = _attach_other_voices(units, multi, lonely, cross_voice)
    out: list[Group] = []
    for g in multi:
        original = max(g, key=lambda i: _fullness(units, i, g))
        members = [original] + [i for i in g if i != original]
        relations = _relations(units, members, original)
        for i in members[1:]:
            if i in changed:
                relations[i] = changed[i]
        out.append(Group(tuple(members), relations, _reason(units, members, original, absent)))
    out.sort(key=lambda g: g.members[0])
    return out


def _attach_other_voices(
    units: Sequence[Unit],
    multi: list[list[int]],
    lonely: Sequence[int],
    cross_voice: Callable[[Unit], bool],
) -> dict[int, str]:
    """Units no one of their own voice carries join another voice's group when their words are
    clearly that group's (appended to ``multi`` in place); returns unit -> relation."""
    if not lonely:
        return {}
    out: dict[int, str] = {}
    if multi:
        out.update(_attach(units, multi, lonely, cross_voice))
    # What is left may still be one statement printed under two names (two outlets, one of
    # them wrong): the same words across articles pair up, the fuller one heading.
    left = sorted((u for u in lonely if u not in out), key=lambda i: (-len(units[i].tokens), i))
    index = _Index(units, sorted(left))
    taken: set[int] = set()
    for u in left:
        if u in taken:
            continue
        group = [u]
        for c in index.near(u, exclude_voice=units[u].voice, by_vector=False):
            if c in taken or any(units[c].article == units[g].article for g in group):
                continue
            if _accepts(units[c], units[u], cross=cross_voice(units[c])):
                group.append(c)
                out[c] = "attribution_changed" if cross_voice(units[c]) else "same"
        if len(group) > 1:
            multi.append(group)
            taken.update(group)
    return out


def _attach(
    units: Sequence[Unit],
    multi: list[list[int]],
    lonely: Sequence[int],
    cross_voice: Callable[[Unit], bool],
) -> dict[int, str]:
    """Each of ``lonely`` joins the group of ``multi`` (appended in place) holding the unit of
    another voice it best matches, when the words are clearly the same; returns unit -> relation."""
    owner = {i: n for n, g in enumerate(multi) for i in g}
    index = _Index(units, sorted(owner))
    out: dict[int, str] = {}
    for u in lonely:
        named = cross_voice(units[u])
        best: tuple[float, int] | None = None
        # Words only: a match under another voice needs shared words (containment 0.5 when the
        # speaker is named, 0.2 when not), so the nearest vectors add nothing but cost.
        for c in index.near(u, exclude_voice=units[u].voice, by_vector=False):
            if units[c].article == units[u].article or not _accepts(units[u], units[c], named):
                continue
            score = pair_score(units[u], units[c])[0]
            if best is None or score > best[0]:
                best = (score, c)
        if best is not None:
            multi[owner[best[1]]].append(u)
            out[u] = "attribution_changed" if named else "same"
    return out
