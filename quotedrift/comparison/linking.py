"""Pairs among quotations that no original carries, found without scoring all pairs.

Independent outlets may share a statement the reference article lacks. ``linked`` finds the
pairs of quotations of different articles that ``align`` would match with either one taken as the
original; ``excerpt_partners`` finds, for quotations left alone, a quotation already in a
statement whose words hold theirs in order (or theirs its). Both score each quotation only
against retrieved candidates: the quotations sharing the most content words with it (rare words
first) and its nearest vectors, among those it may pair with (its own voice, or any voice for an
unnamed speaker).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, TypeVar

import numpy as np

from quotedrift.comparison.align import (
    _ACCEPT,
    _EXCERPT_SCORE,
    _TOP_K,
    _TOP_WORDS,
    _Candidate,
    _content,
    _passes,
    _position,
    _score,
    _too_short,
    _vector,
    _VersionInfo,
    _Voices,
    quotes_the_other,
    words,
)
from quotedrift.records import Quote

if TYPE_CHECKING:
    from quotedrift.comparison.identities import Identities


# A word found in more quotations than this finds nothing in particular ("government" over a
# corpus of many stories); it is looked up only when the quotation has no rarer word.
_MAX_POSTING = 200
_NONE = np.empty(0, dtype=np.intp)


def _info(q: Quote, vectors: Mapping[str, np.ndarray]) -> _VersionInfo:
    seq = tuple(words(q.text))
    return _VersionInfo(q, frozenset(w for w in seq if _content(w)), seq, _vector(vectors, q.id))


def _single(info: _VersionInfo, voice: str) -> _Candidate:
    return _Candidate(
        (info.quote.id,), voice, info.tokens, (info.tokens,), (info.words,), info.vector
    )


_Key = TypeVar("_Key")


def _arrays(postings: Mapping[_Key, list[int]]) -> dict[_Key, np.ndarray]:
    return {key: np.asarray(found, dtype=np.intp) for key, found in postings.items()}


def _word_hits(
    postings: Sequence[np.ndarray], keep: Callable[[np.ndarray], np.ndarray]
) -> set[int]:
    """The quotations sharing the most content words with a quotation, from the postings of its
    words (rare words first) among the quotations ``keep`` lets it pair with (a mask over an
    array of indices); ties go to the lower index."""
    taken = []
    for n, posting in enumerate(sorted(postings, key=len)):
        if n and len(posting) > _MAX_POSTING:
            break
        taken.append(posting)
    if not taken:
        return set()
    # Counted as arrays: a Python loop over the postings was a third of linking's time.
    found = np.concatenate(taken)
    found = found[keep(found)]
    if not found.size:
        return set()
    hits, counts = np.unique(found, return_counts=True)
    return {int(j) for j in hits[np.lexsort((hits, -counts))[:_TOP_WORDS]]}


# The lowest score at which ``align`` accepts a match of any kind.
_LOWEST_ACCEPT = min(_ACCEPT.values())


def _hopeless(a: _VersionInfo, b: _VersionInfo, cosine: float) -> bool:
    """Whether ``_score`` and ``_passes`` must reject the pair either way round, known without
    scoring it: with fewer than two content words shared neither the excerpt nor the shared-run
    rule applies, so the score is the plain mix of cosine and containment (most retrieved pairs
    of a large folder; scoring them was a third of linking's time)."""
    shared = len(a.tokens & b.tokens)
    if shared >= 2:
        return False
    contained = max(shared / len(t) if t else 0.0 for t in (a.tokens, b.tokens))
    return 0.5 * cosine + 0.5 * contained < _LOWEST_ACCEPT


def _vector_hits(
    rows: Sequence[int], columns: Sequence[int], matrix: np.ndarray, allowed: _Allowed
) -> dict[int, set[int]]:
    """For each row quotation, the ``_TOP_K`` nearest allowed column quotations by vector."""
    if not rows or not columns:
        return {}
    r, c = np.asarray(rows), np.asarray(columns)
    sims = matrix[r] @ matrix[c].T
    sims[~allowed.mask(r, c)] = -np.inf
    k = min(_TOP_K, len(c))
    top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
    return {int(i): {int(c[j]) for j in top[n] if sims[n, j] > -np.inf} for n, i in enumerate(r)}


class _Allowed:
    """Which quotations may be the same statement: of different articles, and of one voice
    unless one of the speakers is unnamed (a role or unknown)."""

    def __init__(self, quotes: Sequence[Quote], voices: _Voices) -> None:
        self.voice = [voices.voice(q) for q in quotes]
        self.anonymous = [voices.anonymous(q) for q in quotes]
        articles = {a: n for n, a in enumerate(sorted({q.article for q in quotes}))}
        codes = {v: n for n, v in enumerate(sorted(set(self.voice)))}
        self._articles = [articles[q.article] for q in quotes]  # read one pair at a time
        self._article = np.array(self._articles)
        self._voice = np.array([codes[v] for v in self.voice])
        self._anonymous = np.array(self.anonymous, dtype=bool)

    def __call__(self, i: int, j: int) -> bool:
        if not self.other_article(i, j):
            return False
        return self.voice[i] == self.voice[j] or self.anonymous[i] or self.anonymous[j]

    def other_article(self, i: int, j: int) -> bool:
        return self._articles[i] != self._articles[j]

    def other_articles(self, i: int, js: np.ndarray) -> np.ndarray:
        return self._article[js] != self._articles[i]

    def other_voices(self, i: int, js: np.ndarray) -> np.ndarray:
        return self._voice[js] != self._voice[i]

    def unnamed(self, js: np.ndarray) -> np.ndarray:
        return self._anonymous[js]

    def mask(self, rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
        """``self(i, j)`` for every row i and column j, as a boolean matrix."""
        other = self._article[rows][:, None] != self._article[columns][None, :]
        voice = (self._voice[rows][:, None] == self._voice[columns][None, :]) | (
            self._anonymous[rows][:, None] | self._anonymous[columns][None, :]
        )
        return other & voice


class _Retrieval:
    """The quotations, indexed for candidate retrieval: by content word (per voice, and the
    unnamed ones) and as one matrix of vectors. ``columns``: the quotations that may be found
    (all when None)."""

    def __init__(
        self,
        ordered: Sequence[Quote],
        voices: _Voices,
        vectors: Mapping[str, np.ndarray],
        columns: set[int] | None = None,
        independent: bool = False,
    ) -> None:
        self.quotes = ordered
        self.independent = independent
        self.allowed = _Allowed(ordered, voices)
        self.infos = [_info(q, vectors) for q in ordered]
        self.singles = [_single(info, self.allowed.voice[i]) for i, info in enumerate(self.infos)]
        every: dict[str, list[int]] = defaultdict(list)
        own: dict[tuple[str, str], list[int]] = defaultdict(list)
        unnamed: dict[str, list[int]] = defaultdict(list)
        findable = range(len(ordered)) if columns is None else sorted(columns)
        for i in findable:
            for token in self.infos[i].tokens:
                every[token].append(i)
                if self.allowed.anonymous[i]:
                    unnamed[token].append(i)
                else:
                    own[(self.allowed.voice[i], token)].append(i)
        # Postings as arrays: ``_word_hits`` counts them with numpy.
        self.every = _arrays(every)
        self.own = _arrays(own)
        self.unnamed = _arrays(unnamed)
        self.matrix = np.stack([info.vector for info in self.infos])
        self._pairs: dict[tuple[int, int], tuple[bool, float]] = {}
        self.columns = list(findable)

    def postings(self, i: int) -> list[np.ndarray]:
        tokens, allowed = self.infos[i].tokens, self.allowed
        if allowed.anonymous[i]:
            return [self.every.get(t, _NONE) for t in tokens]
        voice = allowed.voice[i]
        out = []
        for t in tokens:
            own, unnamed = self.own.get((voice, t), _NONE), self.unnamed.get(t, _NONE)
            out.append(np.concatenate((own, unnamed)) if len(unnamed) else own)
        return out

    def near(self, rows: Sequence[int]) -> dict[int, set[int]]:
        """The nearest vectors of each row among the findable quotations it may pair with: a
        named quotation's own voice's, an unnamed one's anyone's."""
        allowed = self.allowed
        by_voice: dict[str, list[int]] = defaultdict(list)
        for j in self.columns:
            by_voice[allowed.voice[j]].append(j)
        out: dict[int, set[int]] = {}
        named: dict[str, list[int]] = defaultdict(list)
        for i in rows:
            if not allowed.anonymous[i]:
                named[allowed.voice[i]].append(i)
        for voice, members in named.items():
            out.update(_vector_hits(members, by_voice.get(voice, []), self.matrix, allowed))
        unnamed = [i for i in rows if allowed.anonymous[i]]
        out.update(_vector_hits(unnamed, self.columns, self.matrix, allowed))
        return out

    def crossed(self, i: int) -> tuple[float, int] | None:
        """The best quotation of another named voice in another article that holds the same
        words as named quotation ``i``, at ``align``'s bar for moving words to another speaker
        (either one taken as the original), as (score, index); None when there is none."""
        allowed = self.allowed

        def other_name(js: np.ndarray) -> np.ndarray:
            return (
                allowed.other_articles(i, js) & ~allowed.unnamed(js) & allowed.other_voices(i, js)
            )

        postings = [self.every.get(t, _NONE) for t in self.infos[i].tokens]
        best: tuple[float, int] | None = None
        for j in sorted(_word_hits(postings, other_name)):
            if _too_short(self.infos[i], self.singles[j]):
                continue
            there = _score(self.infos[i], self.singles[j])
            back = _score(self.infos[j], self.singles[i])
            if (
                _passes(there, self.quotes[i].kind, cross=True)
                or _passes(back, self.quotes[j].kind, cross=True)
            ) and not quotes_the_other(self.quotes[i].text, self.quotes[j].text):
                score = max(there.score, back.score)
                if best is None or (score, -j) > (best[0], -best[1]):
                    best = (score, j)
        return best

    def scored(self, i: int, near: Mapping[int, set[int]]) -> list[tuple[int, float]]:
        """The candidates of quotation ``i`` that ``align`` would match with either one as the
        original, with the better of the two scores, in candidate order."""
        out = []
        for j in sorted(
            _word_hits(self.postings(i), lambda js: self.allowed.other_articles(i, js))
            | near.get(i, set())
        ):
            passes, score = self._pair(i, j)
            # An unnamed speaker's quotation may be anyone's words, but not of someone it
            # quotes inside it, nor a word or two of theirs.
            if passes and self.allowed.voice[i] != self.allowed.voice[j]:
                passes = not _too_short(self.infos[i], self.singles[j]) and not quotes_the_other(
                    self.quotes[i].text, self.quotes[j].text
                )
            if passes:
                out.append((j, score))
        return out

    def _pair(self, i: int, j: int) -> tuple[bool, float]:
        """Whether ``align`` would match ``i`` and ``j`` with either one as the original, and
        the better score; each pair scored once (both are queries when both are left alone)."""
        key = (i, j) if i < j else (j, i)
        if key not in self._pairs:
            a, b = key
            # The cosine is the same both ways: computed once.
            cosine = float(np.dot(self.infos[a].vector, self.infos[b].vector))
            if _hopeless(self.infos[a], self.infos[b], cosine):
                self._pairs[key] = (False, 0.0)
                return self._pairs[key]
            there = _score(self.infos[a], self.singles[b], cosine)
            back = _score(self.infos[b], self.singles[a], cosine)
            passes = _passes(there, self.quotes[a].kind, False, self.independent) or _passes(
                back, self.quotes[b].kind, False, self.independent
            )
            self._pairs[key] = (passes, max(there.score, back.score))
        return self._pairs[key]


def linked(
    quotes: Sequence[Quote],
    speaker_of: Mapping[str, str],
    vectors: Mapping[str, np.ndarray],
    *,
    identities: Identities | None = None,
    independent: bool = False,
) -> list[tuple[str, str]]:
    """Pairs of quotations of different articles that ``align`` would match with either one
    taken as the original (containment both ways): for statements no original article carries.

    quotes / speaker_of / vectors / identities / independent: as for ``align``. Same-voice
    pairs are sought; for a quotation of an unnamed speaker (a role, or none) its one best pair
    with anyone: it may be anyone's words, but it is not evidence that two named speakers'
    statements are one; for a named quotation left alone, its one best pair under another name
    at the bar ``align`` sets for an attribution change. Returns (id, id) pairs, the lower id
    first, sorted; independent of the order of ``quotes``. Raises QuotedriftError when a
    quotation has no vector.
    """
    ordered = sorted(quotes, key=_position)
    if len(ordered) < 2:
        return []
    found = _Retrieval(ordered, _Voices(speaker_of, identities), vectors, None, independent)
    anonymous = found.allowed.anonymous
    near = found.near(list(range(len(ordered))))
    pairs: set[tuple[str, str]] = set()
    best: dict[int, tuple[float, int]] = {}  # unnamed quotation -> its best (score, partner)
    for i in range(len(ordered)):
        for j, score in found.scored(i, near):
            if not (anonymous[i] or anonymous[j]):
                pairs.add(_pair(ordered[i].id, ordered[j].id))
                continue
            for k, other in ((i, j), (j, i)):
                kept = best.get(k)
                if anonymous[k] and (kept is None or (score, -other) > (kept[0], -kept[1])):
                    best[k] = (score, other)
    pairs.update(_pair(ordered[k].id, ordered[other].id) for k, (_, other) in best.items())
    # The same words under two named speakers (one outlet credits them to someone else): only
    # for a quotation its own voice left alone, and then its one best match.
    paired = {q for pair in pairs for q in pair}
    for i, q in enumerate(ordered):
        if q.id not in paired and not anonymous[i]:
            crossed = found.crossed(i)
            if crossed is not None:
                pairs.add(_pair(q.id, ordered[crossed[1]].id))
    return sorted(pairs)


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def best_partners(
    queries: Sequence[Quote],
    members: Sequence[Quote],
    speaker_of: Mapping[str, str],
    vectors: Mapping[str, np.ndarray],
    *,
    identities: Identities | None = None,
    independent: bool = False,
) -> dict[str, tuple[str, float]]:
    """For each query quotation, the member quotation of another article that ``align`` would
    match with it (either one taken as the original) with the best score, and that score;
    queries with none are left out. Same voice, or an unnamed speaker on either side. Ties go to
    the member first in text order. Raises QuotedriftError when a quotation has no vector."""
    ordered = sorted({q.id: q for q in (*queries, *members)}.values(), key=_position)
    index = {q.id: n for n, q in enumerate(ordered)}
    rows = sorted({index[q.id] for q in queries})
    columns = {index[q.id] for q in members} - set(rows)
    if not rows or not columns:
        return {}
    found = _Retrieval(ordered, _Voices(speaker_of, identities), vectors, columns, independent)
    near = found.near(rows)
    out: dict[str, tuple[str, float]] = {}
    for i in rows:
        best = max(((score, -j) for j, score in found.scored(i, near)), default=None)
        if best is not None:
            out[ordered[i].id] = (ordered[-best[1]].id, best[0])
    return out


def excerpt_partners(
    queries: Sequence[Quote],
    members: Sequence[Quote],
    speaker_of: Mapping[str, str],
    vectors: Mapping[str, np.ndarray],
    *,
    identities: Identities | None = None,
    independent: bool = False,
) -> dict[str, str]:
    """For each query quotation, the member quotation of another article whose words hold its
    words in order, or whose words it holds (the excerpt rule of ``align``, either way), the
    best scoring one; queries with none are left out. Members are quotations already in a
    statement: a partial an outlet quoted alone joins the statement of the fuller sentence
    another outlet carries, whichever article is the original. Returns query id -> member id.
    Raises QuotedriftError when a quotation has no vector."""
    found = best_partners(
        queries, members, speaker_of, vectors, identities=identities, independent=independent
    )
    return {q: m for q, (m, score) in found.items() if score >= _EXCERPT_SCORE}
