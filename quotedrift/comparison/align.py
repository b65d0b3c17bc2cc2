"""Per speaker: which quotations across outlets are the same statement as one in the original.

Every quotation outside the reference article (a *version*) is compared with the reference's
quotations (the *originals*) and with runs of two or three consecutive originals of the same voice
(a version may merge them, in any order). Two signals decide, because neither is enough alone:

- cosine of sentence embeddings: robust to rewording, but a trimmed excerpt of a long quotation
  scores low (a real two-word excerpt: 0.49) while unrelated statements on the same story reach
  0.45;
- directional word containment: the share of the version's content words found in the original
  (a trimmed excerpt scores 1.0 whatever its length; words the speaker never said lower it).

A version is first matched against its own speaker's originals; only when nothing there is good
enough are other speakers' originals searched, through a word index plus the nearest vectors (never
all pairs). A match found there is ``attribution_changed`` when the version names a different
speaker, and a plain match when the version's speaker is only a role ("a spokesperson") or unknown:
that is the evidence ``identities.link_roles`` uses to name them.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from quotedrift.comparison.nested import has_nested, outside_nested
from quotedrift.comparison.normalise import stem, tokenize
from quotedrift.errors import QuotedriftError
from quotedrift.lang.en.demonyms import DEMONYMS
from quotedrift.lang.en.function_words import FUNCTION_WORDS
from quotedrift.lang.en.stop_words import STOP_WORDS_TEXT
from quotedrift.records import Alignment, Article, Quote

if TYPE_CHECKING:
    from quotedrift.comparison.identities import Identities

# Acceptance thresholds on the combined score (0.5 * cosine + 0.5 * containment), set on the seed
# articles and the made-up cases in tests/test_align.py. Words inside quotation marks should mostly
# be the speaker's, so direct and partial quotes also need some containment; reported speech is
# paraphrase by design and is accepted on meaning alone at a lower bar.
_ACCEPT = {"direct": 0.5, "partial": 0.5, "indirect": 0.42}
_MIN_CONTAINMENT = {"direct": 0.2, "partial": 0.2, "indirect": 0.0}
# Outlets reporting on their own (no article known to be the original) quote one speaker's
# different sentences on one subject, which share its vocabulary; a rewrite's reworded quotation
# derives from its wire copy. So with no original, quotation marks must hold most of the same
# words (set on BASIL dev: pair precision 0.74 -> 0.79, recall 0.83 -> 0.81 at 0.6; 0.5 kept
# more false pairs and found no more true ones).
_INDEPENDENT_MIN_CONTAINMENT = 0.6
# Moving a statement to another named speaker is a strong claim: same-topic statements by two
# officials share vocabulary and meaning, so ask for clearly the same words.
# (Set on BASIL dev, where a sentence of one speaker's on a subject shares 60% of its words
# with another's on the same subject; a copy of another speaker's words shares nearly all.)
_CROSS_ACCEPT = 0.62
_CROSS_MIN_CONTAINMENT = 0.8
# ... and enough of them: a short sentence ("It's not their war.") is contained in any
# statement on the same subject that shares its two content words.
_CROSS_MIN_SHARED = 3
# A run of originals must beat the best single original by this much, and each part must supply
# words no other part has, or every version would "merge" whatever shares a common word.
_MERGE_MARGIN = 0.02
_MERGE_MIN_OWN_WORDS = 2
_MAX_RUN = 3
# How far apart (in the speaker's originals, in text order) the parts of a merge may lie.
_MAX_RUN_SPAN = 3
# What is scored when searching other speakers' originals: the candidates sharing the most
# content words, plus the nearest vectors (so a corpus of thousands is never scored all pairs).
_TOP_WORDS = 20
_TOP_K = 3
# A contiguous run of the original's words this long (with two content words) is an excerpt.
_EXCERPT_MIN_WORDS = 3
_EXCERPT_SCORE = 0.9
# Two quotations sharing a run of this many words in order, with this many content words in it,
# render one statement however much else either says: two outlets cut one long sentence at
# different ends, so containment is low both ways. (Set on BASIL dev: the same statement's
# excerpts share runs of 10 and 12 words; the longest run two different statements of one
# speaker share is 9 words with 2 content words ("and they cannot believe what they are ..."),
# and an idiom two speakers share, "are on the wrong side of history", is 7.)
RUN_MIN_WORDS = 8
_RUN_MIN_CONTENT = 3
# One or two words are no evidence that two speakers' quotations are one statement: two people
# use the same adjective ("crazy") without one quoting the other.
_ACROSS_MIN_WORDS = 3
# Two versions in one article rendering one original are a split only when they render different
# parts of it (a repeated quote is not a split).
_SPLIT_MAX_OVERLAP = 0.5


def _stem(norm: str) -> str:
    """The shared stem with possessive apostrophes gone and a demonym read as its place
    ("Korean"/"Korea" meet), since a rewrite turns one into the other."""
    word = norm.replace("'", "")
    singular = word[:-1] if word.endswith("s") and word[:-1] in DEMONYMS else word
    return stem(DEMONYMS.get(singular, word))


# Both the word and its stem: the stop lists are written as words, compared with stems.
_STOP = frozenset(
    form for w in (*STOP_WORDS_TEXT.split(), *FUNCTION_WORDS) for form in (w, _stem(w))
)


def words(text: str) -> list[str]:
    """Every word of ``text`` normalised for comparison (normalise's typography, spelling, US/U.S.
    and numbers, then a crude stem), stop words included, in order; possessive 's dropped."""
    return list(_word_sequence(text))


@functools.lru_cache(maxsize=1 << 16)
def _word_sequence(text: str) -> tuple[str, ...]:
    # Alignment in rounds meets the same sentence many times (each round, each candidate run).
    return tuple(_stem(t.norm) for t in tokenize(text) if t.norm != "'s")


def _content(word: str) -> bool:
    return word not in _STOP and len(word) > 1


def content_words(text: str) -> list[str]:
    """``words`` without stop words (and without one-letter leftovers)."""
    return [w for w in words(text) if _content(w)]


def containment(version: str, original: str) -> float:
    """Share of the version's distinct content words found in the original (0 when the version
    has none). Directional: an excerpt of a long original scores 1.0."""
    v = set(content_words(version))
    if not v:
        return 0.0
    return len(v & set(content_words(original))) / len(v)


@dataclass(frozen=True)
class _Candidate:
    """One original quotation, or a run of consecutive originals of one voice."""

    ids: tuple[str, ...]  # in text order
    voice: str
    tokens: frozenset[str]
    parts: tuple[frozenset[str], ...]
    part_words: tuple[tuple[str, ...], ...]
    vector: np.ndarray


@dataclass(frozen=True)
class _Match:
    candidate: _Candidate
    score: float
    cosine: float
    containment: float
    shared: int = 0
    verbatim: bool = False  # one holds the other's words in order (the excerpt rule)
    run: bool = False  # they share a long run of words in order (``_shares_run``)


@dataclass(frozen=True)
class _VersionInfo:
    quote: Quote
    tokens: frozenset[str]
    words: tuple[str, ...]
    vector: np.ndarray


def _unit(v: np.ndarray) -> np.ndarray:
    v = np.asarray(v, dtype=np.float32)
    norm = float(np.linalg.norm(v))
    return v / norm if norm > 0 else v


def _contiguous(needle: tuple[str, ...], hay: tuple[str, ...]) -> bool:
    n = len(needle)
    return any(hay[i : i + n] == needle for i in range(len(hay) - n + 1))


@functools.lru_cache(maxsize=1 << 14)
def _grams(seq: tuple[str, ...]) -> dict[tuple[str, ...], tuple[int, ...]]:
    """Every run of ``RUN_MIN_WORDS`` words of ``seq`` -> where it starts."""
    out: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in range(len(seq) - RUN_MIN_WORDS + 1):
        out[seq[i : i + RUN_MIN_WORDS]].append(i)
    return {gram: tuple(at) for gram, at in out.items()}


def _shares_run(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether ``a`` and ``b`` share a run of at least ``RUN_MIN_WORDS`` words in order that
    holds ``_RUN_MIN_CONTENT`` content words (a run of stop words is any two sentences')."""
    ga, gb = _grams(a), _grams(b)
    for gram in ga.keys() & gb.keys():
        for i in ga[gram]:
            for j in gb[gram]:
                k = RUN_MIN_WORDS
                while i + k < len(a) and j + k < len(b) and a[i + k] == b[j + k]:
                    k += 1
                if len({w for w in a[i : i + k] if _content(w)}) >= _RUN_MIN_CONTENT:
                    return True
    return False


def _too_short(v: _VersionInfo, c: _Candidate) -> bool:
    """Whether the version or the candidate has too few words to say that two different
    speakers' quotations are one statement (``_ACROSS_MIN_WORDS``)."""
    return min(len(v.words), sum(len(w) for w in c.part_words)) < _ACROSS_MIN_WORDS


def _score(v: _VersionInfo, c: _Candidate, cosine: float | None = None) -> _Match:
    shared = len(v.tokens & c.tokens)
    cont = shared / len(v.tokens) if v.tokens else 0.0
    cos = float(np.dot(v.vector, c.vector)) if cosine is None else cosine
    score = 0.5 * cos + 0.5 * cont
    # The version's exact words, in order, inside one original: an excerpt, whatever its cosine.
    # Containment holds both ways: an original that carries only an excerpt of what the version
    # quotes in full (a partial in its lead) is as much the same statement. (Either needs every
    # content word of the one inside the other, which is quick to rule out.)
    verbatim = (
        shared == len(v.tokens)
        and len(v.words) >= _EXCERPT_MIN_WORDS
        and len(v.tokens) >= 2
        and any(_contiguous(v.words, pw) for pw in c.part_words)
    ) or (
        shared == len(c.tokens)
        and len(c.ids) == 1
        and len(c.part_words[0]) >= _EXCERPT_MIN_WORDS
        and len(c.tokens) >= 2
        and _contiguous(c.part_words[0], v.words)
    )
    if verbatim:
        score = max(score, _EXCERPT_SCORE)
    run = (
        not verbatim
        and shared >= _RUN_MIN_CONTENT
        and any(_shares_run(v.words, pw) for pw in c.part_words)
    )
    return _Match(c, min(score, 1.0), cos, cont, shared, verbatim, run)


def _merge_ok(v: _VersionInfo, c: _Candidate) -> bool:
    """Every part of a run supplies words of the version that no other part has."""
    for i, part in enumerate(c.parts):
        others: set[str] = set()
        for j, other in enumerate(c.parts):
            if j != i:
                others |= other
        own = (v.tokens & part) - others
        if len(own) < min(_MERGE_MIN_OWN_WORDS, len(part)):
            return False
    return True


def quotes_the_other(a: str, b: str) -> bool:
    """Whether the words two quotations share lie inside a quotation nested in one of them (the
    outer speaker quoting the other): then their shared words are no attribution change. True
    when, with the nested quotations left out, the words no longer meet the bar for moving words
    to another speaker."""
    for inner, outer in ((a, b), (b, a)):
        if (
            has_nested(outer)
            and containment(inner, outer) >= _CROSS_MIN_CONTAINMENT
            and containment(inner, outside_nested(outer)) < _CROSS_MIN_CONTAINMENT
        ):
            return True
    return False


def _passes(m: _Match, kind: str, cross: bool, independent: bool = False) -> bool:
    """Whether a match is good enough: for ``cross``, to move words to another speaker; with
    ``independent``, among outlets none of which is known to be the original. A long shared run
    of words is enough for one speaker, not to move them to another (the second speaker may be
    quoting the first, or both a text)."""
    if cross:
        return (
            m.score >= _CROSS_ACCEPT
            and m.containment >= _CROSS_MIN_CONTAINMENT
            and (m.shared >= _CROSS_MIN_SHARED or m.score >= _EXCERPT_SCORE)
        )
    if m.run:
        return True
    floor = _MIN_CONTAINMENT.get(kind, 0.2)
    if independent and floor:
        floor = _INDEPENDENT_MIN_CONTAINMENT
    return m.score >= _ACCEPT.get(kind, 0.5) and (
        m.containment >= floor or m.score >= _EXCERPT_SCORE
    )


def _best(v: _VersionInfo, candidates: Sequence[_Candidate]) -> _Match | None:
    """Best single original, replaced by a run only when the run is clearly better and every part
    of it contributes. An original holding the version's words in order beats one that only
    holds them all ('went too far' is "I went too far.", not "I went way too far"), and one
    sharing a long run of them beats one sharing scattered words. Ties go to the earlier
    candidate (candidates come in a fixed order)."""
    best_single: _Match | None = None
    best_run: _Match | None = None
    for c in candidates:
        m = _score(v, c)
        if len(c.ids) == 1:
            if best_single is None or (m.verbatim, m.run, m.score) > (
                best_single.verbatim,
                best_single.run,
                best_single.score,
            ):
                best_single = m
        elif _merge_ok(v, c) and (best_run is None or m.score > best_run.score):
            best_run = m
    if best_run is not None and (
        best_single is None or best_run.score >= best_single.score + _MERGE_MARGIN
    ):
        return best_run
    return best_single


def pair_score(
    version: str, original: str, cosine: float, kind: str = "direct"
) -> tuple[float, bool]:
    """The score ``align`` gives one version against one original, and whether it would accept
    it for the version's own speaker (for benchmarks and diagnostics).

    version / original: the two texts; cosine: their embedding similarity; kind: the version's
    quote kind (``direct``, ``partial``, ``indirect``). Returns (score 0-1, accepted).
    """
    empty = np.zeros(1, np.float32)
    v = _VersionInfo(
        _probe(version), frozenset(content_words(version)), tuple(words(version)), empty
    )
    parts = (frozenset(content_words(original)),)
    c = _Candidate(("original",), "", parts[0], parts, (tuple(words(original)),), empty)
    m = _score(v, c, cosine)
    return m.score, _passes(m, kind, cross=False)


def _probe(text: str) -> Quote:
    return Quote("version", "", "direct", text, (), None, None, 1.0)


def _vector(vectors: Mapping[str, np.ndarray], quote_id: str) -> np.ndarray:
    try:
        return _unit(vectors[quote_id])
    except KeyError:
        raise QuotedriftError(
            f"no vector for quotation {quote_id}: encode every quotation's text before align"
        ) from None


def _build_candidates(
    originals: Sequence[Quote], voice_of_quote: Mapping[str, str], vectors: Mapping[str, np.ndarray]
) -> list[_Candidate]:
    by_voice: dict[str, list[Quote]] = defaultdict(list)
    for q in originals:
        by_voice[voice_of_quote[q.id]].append(q)
    # Tokenise each original once; runs reuse the pieces.
    seq = {q.id: tuple(words(q.text)) for q in originals}
    content = {qid: frozenset(w for w in ws if _content(w)) for qid, ws in seq.items()}
    unit = {q.id: _vector(vectors, q.id) for q in originals}
    out: list[_Candidate] = []
    for voice in sorted(by_voice):
        qs = by_voice[voice]
        for size in range(1, _MAX_RUN + 1):
            for picks in itertools.combinations(range(len(qs)), size):
                # A merge may skip an original in between (a partial quote the version leaves
                # out), but only a near one: parts far apart are rarely one statement.
                if picks[-1] - picks[0] > _MAX_RUN_SPAN:
                    continue
                run = [qs[i] for i in picks]
                parts = tuple(content[q.id] for q in run)
                # The embedding of a run is approximated by the mean of its parts' embeddings
                # (on the seeds within 0.06 of encoding the joined text).
                vec = _unit(np.sum([unit[q.id] for q in run], axis=0))
                out.append(
                    _Candidate(
                        ids=tuple(q.id for q in run),
                        voice=voice,
                        tokens=frozenset().union(*parts),
                        parts=parts,
                        part_words=tuple(seq[q.id] for q in run),
                        vector=vec,
                    )
                )
    return out


def _retrieve(
    v: _VersionInfo,
    candidates: Sequence[_Candidate],
    index: Mapping[str, Sequence[int]],
    matrix: np.ndarray,
    exclude_voice: str | None,
) -> list[_Candidate]:
    """Candidates of other voices sharing the most content words with the version, plus the
    nearest few by vector; in candidate order so ties break the same way every run."""
    shared: dict[int, int] = defaultdict(int)
    for token in v.tokens:
        for i in index.get(token, ()):
            if candidates[i].voice != exclude_voice:
                shared[i] += 1
    hits = set(sorted(shared, key=lambda i: (-shared[i], i))[:_TOP_WORDS])
    if len(candidates):
        sims = matrix @ v.vector
        sims[[c.voice == exclude_voice for c in candidates]] = -np.inf
        hits.update(int(i) for i in np.argsort(-sims, kind="stable")[:_TOP_K] if sims[i] > -np.inf)
    return [candidates[i] for i in sorted(hits)]


def _position(q: Quote) -> tuple[str, int, str]:
    return (q.article, q.spans[0][0] if q.spans else 0, q.id)


def align(
    reference: Article | str,
    quotes: Sequence[Quote],
    speaker_of: Mapping[str, str],
    vectors: Mapping[str, np.ndarray],
    *,
    identities: Identities | None = None,
    independent: bool = False,
) -> list[Alignment]:
    """Align every quotation outside the reference article with the reference's quotations.

    reference: the article taken as the original, or its id. quotes: every quotation of every
    article (the reference's own included; those are the originals). speaker_of: quote id ->
    speaker id (a quote missing from it has an unknown speaker). vectors: quote id -> embedding
    of the quote's text. identities: when given, speakers that share a voice (a spokesperson
    and the body they speak for) count as one speaker, and role-only speakers are recognised by
    their resolved kind. independent: the reference is only the article most like the others,
    not a source they derive from (``_INDEPENDENT_MIN_CONTAINMENT``).

    Returns one Alignment per version, sorted by quote id: originals in text order (several:
    ``merged``), relation ``same`` | ``merged`` | ``split`` | ``attribution_changed`` |
    ``unsupported`` (originals empty), and the score that decided it (for unsupported, the best
    score that fell short). The result does not depend on the order of ``quotes``.

    Raises QuotedriftError when a quotation has no vector.
    """
    ref = reference if isinstance(reference, str) else reference.id
    ordered = sorted(quotes, key=_position)
    originals = [q for q in ordered if q.article == ref]
    versions = [q for q in ordered if q.article != ref]
    voices = _Voices(speaker_of, identities)
    pool = _Pool.of(originals, voices, vectors)
    decided = [_decide(q, pool, voices, vectors, independent) for q in versions]
    _mark_splits(decided)
    out = []
    for info, match, relation in decided:
        score = round(match.score, 4) if match is not None else 0.0
        ids = match.candidate.ids if match is not None and relation != "unsupported" else ()
        out.append(Alignment(info.quote.id, ids, relation, score))
    return sorted(out, key=lambda a: a.version)


class _Voices:
    """Who speaks a quotation, for alignment: its voice (a spokesperson and their body are one),
    and whether the speaker is only a role or unknown."""

    def __init__(self, speaker_of: Mapping[str, str], identities: Identities | None) -> None:
        self.speaker_of = speaker_of
        self.identities = identities
        self.kind_of = identities.kinds if identities is not None else {}

    def voice(self, quote: Quote) -> str:
        sid = self.speaker_of.get(quote.id)
        if sid is None:
            return f"?{quote.id}"  # unknown: a voice of its own that owns no originals
        return self.identities.voice(sid) if self.identities is not None else sid

    def name(self, quote: Quote) -> str:
        """The name of the quotation's speaker identity (as the article wrote it without one)."""
        sid = self.speaker_of.get(quote.id)
        if self.identities is not None and sid is not None and sid in self.identities.names:
            return self.identities.names[sid]
        return quote.speaker.name if quote.speaker is not None else ""

    def anonymous(self, quote: Quote) -> bool:
        """Role-only or unknown speakers cannot be misattributed, only left unnamed."""
        sid = self.speaker_of.get(quote.id)
        if sid is None:
            return True
        if sid in self.kind_of:
            return self.kind_of[sid] in ("role", "unknown")
        return quote.speaker is None or quote.speaker.kind in ("role", "unknown")


@dataclass(frozen=True)
class _Pool:
    """The candidate originals, by voice, by content word and as one matrix of vectors."""

    candidates: list[_Candidate]
    own: dict[str, list[_Candidate]]
    index: dict[str, list[int]]
    matrix: np.ndarray
    names: dict[str, str | None]  # original id -> its speaker's name (None: unnamed)
    texts: dict[str, str]  # original id -> its words

    @classmethod
    def of(
        cls, originals: Sequence[Quote], voices: _Voices, vectors: Mapping[str, np.ndarray]
    ) -> _Pool:
        names = {q.id: None if voices.anonymous(q) else voices.name(q) for q in originals}
        voice_of_quote = {q.id: voices.voice(q) for q in originals}
        candidates = _build_candidates(originals, voice_of_quote, vectors)
        own: dict[str, list[_Candidate]] = defaultdict(list)
        index: dict[str, list[int]] = defaultdict(list)
        for i, c in enumerate(candidates):
            own[c.voice].append(c)
            for token in c.tokens:
                index[token].append(i)
        matrix = (
            np.stack([c.vector for c in candidates]) if candidates else np.zeros((0, 1), np.float32)
        )
        return cls(candidates, own, index, matrix, names, {q.id: q.text for q in originals})


def _decide(
    q: Quote,
    pool: _Pool,
    voices: _Voices,
    vectors: Mapping[str, np.ndarray],
    independent: bool = False,
) -> tuple[_VersionInfo, _Match | None, str]:
    """The version's best original and relation: its own speaker's originals first, then any
    speaker's (an attribution change, unless the version's speaker is unnamed)."""
    seq = tuple(words(q.text))
    info = _VersionInfo(q, frozenset(w for w in seq if _content(w)), seq, _vector(vectors, q.id))
    v_voice = voices.voice(q)
    own = _best(info, pool.own.get(v_voice, ()))
    own_ok = own is not None and _passes(own, q.kind, cross=False, independent=independent)
    match: _Match | None = own
    relation = "same" if own_ok else ""
    if own is None or not own_ok or own.score < _EXCERPT_SCORE:
        unnamed = voices.anonymous(q)
        found = _retrieve(info, pool.candidates, pool.index, pool.matrix, v_voice)
        other = _best(info, [c for c in found if not _too_short(info, c)])
        # With an unnamed speaker on either side no words move to another speaker, so a long
        # run of them shared is the same statement as it is for one speaker.
        other_ok = other is not None and (
            _passes(other, q.kind, cross=not unnamed, independent=independent)
            or (other.run and all(pool.names.get(i) is None for i in other.candidate.ids))
        )
        # A loose match with the speaker's own words loses to a near-verbatim copy of another
        # speaker's: the version quotes those words, under the wrong name.
        if other_ok and other is not None:
            text = " ".join(pool.texts[i] for i in other.candidate.ids)
            other_ok = not quotes_the_other(q.text, text)  # the phrase was the version's own
        if other_ok and other is not None and (not own_ok or other.score >= _EXCERPT_SCORE):
            moved = not unnamed and _other_person(voices.name(q), other.candidate, pool)
            match, relation = other, ("attribution_changed" if moved else "same")
        elif not own_ok and other is not None and (own is None or other.score > own.score):
            match = other
    if relation == "same" and match is not None and len(match.candidate.ids) > 1:
        relation = "merged"
    return info, match, relation or "unsupported"


_NAME_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")


def _name_words(name: str) -> list[str]:
    return _NAME_WORD.findall(name.casefold().replace("\u2019", "'"))


def _other_person(version_name: str, candidate: _Candidate, pool: _Pool) -> bool:
    """Whether the original's words are credited to someone else: the original's speaker is
    named, and its name and the version's share no surname ("Mike Bloomberg" and "Michael
    Bloomberg", or "Terry O'Neill" and "NOW President Terry O'Neill", are one person written two
    ways, whatever the identities say; two relatives of one name are taken for one person too)."""
    mine = _name_words(version_name)
    for i in candidate.ids:
        name = pool.names.get(i)
        if name is None:
            return False  # an unnamed original speaker: the version names them
        theirs = _name_words(name)
        if (mine and mine[-1] in theirs) or (theirs and theirs[-1] in mine):
            return False
    return True


def _mark_splits(decided: list[tuple[_VersionInfo, _Match | None, str]]) -> None:
    """Relation ``split`` for versions in one article rendering different parts of one original."""
    groups: dict[tuple[str, tuple[str, ...]], list[int]] = defaultdict(list)
    for i, (info, match, relation) in enumerate(decided):
        if relation == "same" and match is not None:
            groups[(info.quote.article, match.candidate.ids)].append(i)
    for members in groups.values():
        if len(members) < 2:
            continue
        split: set[int] = set()
        for a in members:
            for b in members:
                if a >= b:
                    continue
                ta, tb = decided[a][0].tokens, decided[b][0].tokens
                smaller = min(len(ta), len(tb)) or 1
                if len(ta & tb) / smaller < _SPLIT_MAX_OVERLAP:
                    split.update((a, b))
        for i in split:
            info, match, _ = decided[i]
            decided[i] = (info, match, "split")
