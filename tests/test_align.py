"""Alignment of versions to originals, and the choice of the original, on real and made-up quotes.

Matching depends on the embedding model, so these tests use the real bundled all-MiniLM-L6-v2.
"""

from __future__ import annotations

import os
import random
from collections.abc import Sequence

import numpy as np
import pytest
from goldseeds import load, needs_seeds

from quotedrift.comparison.align import align, containment, content_words
from quotedrift.comparison.identities import link_roles, resolve_identities
from quotedrift.comparison.original import choose_reference
from quotedrift.config import Settings
from quotedrift.errors import ConfigError, NoArticlesError, QuotedriftError
from quotedrift.records import Article, Extraction, Quote, SpeakerKind, SpeakerRef

os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture(scope="module")
def encode():
    from quotedrift.comparison.embedding import load_embedder

    embedder = load_embedder(Settings(cache=False))

    def run(quotes: Sequence[Quote]) -> dict[str, np.ndarray]:
        texts = sorted({q.id: q.text for q in quotes}.items())
        matrix = embedder.encode([t for _, t in texts])
        return {k: matrix[i] for i, (k, _) in enumerate(texts)}

    return run


# ---------------------------------------------------------------------------------------------
# The seeds: the gold must come out exactly.

# version -> (originals, relation). 001.i2 paraphrases only 000.q3 (nothing of 000.q2's "threat ...
# real and immediate"), so it aligns to 000.q3 alone; the gold lists it under the statement whose
# original is [000.q2, 000.q3], which 000.q3 belongs to.
SEED_EXPECTED = {
    "001.q1": (("000.q1",), "same"),
    "003.q1": (("000.q1",), "same"),
    "001.q2": (("000.q2",), "same"),
    "001.i2": (("000.q3",), "same"),
    "003.q2": (("000.q2", "000.q3"), "merged"),
    # 000.q4 is the ministry's, 001 prints it as Mao Ning's: the same voice, so not a change.
    "001.q3": (("000.q4",), "same"),
    # Text order of the originals, though 003 renders 000.q5 first.
    "003.q3": (("000.q4", "000.q5"), "merged"),
    "001.q4": ((), "unsupported"),
    "001.i1": ((), "unsupported"),
}


def _seed_alignments(encode, shuffle_seed: int | None = None):
    g = load()
    extractions = list(g.extractions)
    quotes = list(g.quotes)
    if shuffle_seed is not None:
        rng = random.Random(shuffle_seed)
        rng.shuffle(extractions)
        rng.shuffle(quotes)
    identities = resolve_identities(extractions)
    vectors = encode(quotes)
    by_article: dict[str, list[Quote]] = {}
    for q in quotes:
        by_article.setdefault(q.article, []).append(q)
    reference = choose_reference([e.article for e in extractions], by_article, None, vectors)
    ref = next(a for a in g.articles if a.id == reference.article)
    alignments = align(ref, quotes, identities.of_quote, vectors, identities=identities)
    return g, identities, reference, alignments


@needs_seeds
def test_seed_alignments_match_gold(encode) -> None:
    g, _, reference, alignments = _seed_alignments(encode)
    assert reference.article == g.articles[0].id
    got = {a.version: (a.originals, a.relation) for a in alignments}
    assert got == SEED_EXPECTED
    # Every version the gold lists sits inside its statement's originals, and nothing else aligned.
    for statement in g.alignments:
        for version in statement["versions"]:
            assert got[version][0], version
            assert set(got[version][0]) <= set(statement["original"]), version
    for version in g.unmatched:
        assert got[version] == ((), "unsupported")


@needs_seeds
def test_seed_alignment_scores_are_decisive(encode) -> None:
    _, _, _, alignments = _seed_alignments(encode)
    for a in alignments:
        assert 0.0 <= a.score <= 1.0
        if a.relation == "unsupported":
            assert a.score < 0.4, a
        else:
            assert a.score >= 0.6, a


@needs_seeds
def test_seed_role_speaker_is_linked_to_mao_ning(encode) -> None:
    g, identities, _, alignments = _seed_alignments(encode)
    linked = link_roles(identities, alignments, g.quotes)
    mao = linked.of_quote["000.q5"]
    assert linked.of_quote["003.q3"] == mao
    assert linked.of_quote["001.q3"] == mao
    speaker = linked.speaker(mao)
    assert speaker is not None and speaker.name == "Mao Ning"
    # The reason names the role as written and the articles, in words (no quotation ids).
    role = next(q for q in g.quotes if q.id == "003.q3")
    assert role.speaker is not None
    assert any(
        reason.startswith(
            f"\u201c{role.speaker.mention}\u201d in {role.article} is taken to be Mao Ning"
        )
        for reason in speaker.links
    ), speaker.links
    assert "A spokesperson for the foreign ministry" in speaker.aliases
    # The ministry keeps its own identity but speaks with Mao Ning's voice.
    ministry = linked.of_quote["000.q4"]
    assert ministry != mao and linked.voice(ministry) == linked.voice(mao)


@needs_seeds
def test_seed_result_does_not_depend_on_order(encode) -> None:
    _, ids_a, ref_a, first = _seed_alignments(encode)
    for seed in (1, 2, 3):
        _, ids_b, ref_b, again = _seed_alignments(encode, shuffle_seed=seed)
        assert again == first
        assert ref_b == ref_a
        assert ids_b.speakers == ids_a.speakers and dict(ids_b.of_quote) == dict(ids_a.of_quote)


# ---------------------------------------------------------------------------------------------
# Made-up quotes: one reference article ("ref") and rewrites.

ORIGINALS = [
    # (quote id, speaker, text)
    (
        "ref#1",
        "Ana Ruiz",
        "The water in the eastern districts is safe to drink, and we will keep testing it every "
        "single day until residents trust it again.",
    ),
    (
        "ref#2",
        "Ana Ruiz",
        "We have asked the state for forty million dollars to replace every lead pipe in the city "
        "by 2028.",
    ),
    (
        "ref#3",
        "Paul Okafor",
        "Families with infants should keep using bottled water until the filters have been "
        "installed.",
    ),
    (
        "ref#4",
        "Paul Okafor",
        "Our inspectors found no bacteria in any of the samples taken this week.",
    ),
]

# (case, article, speaker (None: unknown), speaker kind, quote kind, text, originals, relation)
CASES = [
    (
        "verbatim copy",
        "a",
        "Ana Ruiz",
        "person",
        "direct",
        "We have asked the state for forty million dollars to replace every lead pipe in the city "
        "by 2028.",
        ("ref#2",),
        "same",
    ),
    ("short excerpt", "b", "Ana Ruiz", "person", "partial", "safe to drink", ("ref#1",), "same"),
    (
        "merge of two",
        "c",
        "Paul Okafor",
        "person",
        "direct",
        "Our inspectors found no bacteria in the samples. Families with infants should keep using "
        "bottled water until filters are installed.",
        ("ref#3", "ref#4"),
        "merged",
    ),
    (
        "speaker swapped to another named person",
        "e",
        "Ana Ruiz",
        "person",
        "direct",
        "Families with infants should keep using bottled water until the filters have been "
        "installed.",
        ("ref#3",),
        "attribution_changed",
    ),
    (
        "unrelated statement by the same speaker",
        "f",
        "Ana Ruiz",
        "person",
        "direct",
        "I am proud of the volunteers who handed out food at the stadium on Saturday.",
        (),
        "unsupported",
    ),
    (
        "same topic, first statement",
        "g",
        "Ana Ruiz",
        "person",
        "direct",
        "We will keep testing the water every day until people trust it",
        ("ref#1",),
        "same",
    ),
    (
        "same topic, second statement",
        "g",
        "Ana Ruiz",
        "person",
        "direct",
        "We asked the state for $40 million to replace lead pipes",
        ("ref#2",),
        "same",
    ),
    (
        "role-only speaker",
        "h",
        "city hall spokesperson",
        "role",
        "direct",
        "The water in the eastern districts is safe to drink and testing will continue every day.",
        ("ref#1",),
        "same",
    ),
    (
        "indirect paraphrase",
        "i",
        "Paul Okafor",
        "person",
        "indirect",
        "parents of babies should stick to bottled water until the filters are fitted",
        ("ref#3",),
        "same",
    ),
    (
        "unknown speaker, unrelated words",
        "j",
        None,
        "unknown",
        "direct",
        "Tickets for the concert go on sale next Tuesday.",
        (),
        "unsupported",
    ),
    (
        "same speaker, same topic, a different statement",
        "k",
        "Paul Okafor",
        "person",
        "direct",
        "The new treatment plant will open in the spring and employ forty people from the city.",
        (),
        "unsupported",
    ),
    # One word another speaker also used is no sign that the two are one statement.
    ("one word of another's, role speaker", "m", "a resident", "role", "partial", "safe", (),
     "unsupported"),
    ("one-word excerpt, same speaker", "n", "Ana Ruiz", "person", "partial", "safe", ("ref#1",),
     "same"),
]  # fmt: skip

SPLIT = [
    ("l", "Ana Ruiz", "The water in the eastern districts is safe to drink"),
    ("l", "Ana Ruiz", "we will keep testing it every single day until residents trust it again"),
]


def _article(aid: str) -> Article:
    return Article(id=aid, path=f"{aid}.txt", text="")


def _quote(
    qid: str, article: str, speaker: str | None, kind: SpeakerKind, text: str, qkind: str
) -> Quote:
    ref = (
        None
        if speaker is None
        else SpeakerRef(speaker, None, speaker, None, kind, f"{article}:{speaker}")
    )
    start = int(qid.rsplit("#", 1)[1]) * 1000
    return Quote(
        id=qid,
        article=article,
        kind=qkind,  # type: ignore[arg-type]
        text=text,
        spans=((start, start + len(text)),),
        speaker=ref,
        cue=None,
        confidence=1.0,
    )


def _made_up() -> list[Quote]:
    quotes = [_quote(i, "ref", s, "person", t, "direct") for i, s, t in ORIGINALS]
    for n, (_, art, spk, skind, qkind, text, _, _) in enumerate(CASES):
        quotes.append(_quote(f"{art}#{n}", art, spk, skind, text, qkind))  # type: ignore[arg-type]
    for n, (art, spk, text) in enumerate(SPLIT):
        quotes.append(_quote(f"{art}#{n}", art, spk, "person", text, "direct"))
    return quotes


def _extractions(quotes: Sequence[Quote]) -> list[Extraction]:
    arts = sorted({q.article for q in quotes})
    return [Extraction(_article(a), tuple(q for q in quotes if q.article == a), ()) for a in arts]


@pytest.fixture(scope="module")
def made_up(encode):
    quotes = _made_up()
    identities = resolve_identities(_extractions(quotes))
    vectors = encode(quotes)
    alignments = align(_article("ref"), quotes, identities.of_quote, vectors, identities=identities)
    return quotes, identities, vectors, {a.version: a for a in alignments}


@pytest.mark.parametrize(
    "n,case", list(enumerate(CASES)), ids=[c[0].replace(" ", "-") for c in CASES]
)
def test_made_up_versions(made_up, n, case) -> None:
    _, art, _, _, _, _, originals, relation = case
    got = made_up[3][f"{art}#{n}"]
    assert (got.originals, got.relation) == (originals, relation), got


def test_split_into_two_in_one_article(made_up) -> None:
    got = [made_up[3][f"l#{n}"] for n in range(len(SPLIT))]
    assert [(a.originals, a.relation) for a in got] == [(("ref#1",), "split")] * 2


def test_repeated_quote_in_one_article_is_not_a_split(encode) -> None:
    text = "Our inspectors found no bacteria in any of the samples taken this week."
    quotes = [_quote(i, "ref", s, "person", t, "direct") for i, s, t in ORIGINALS]
    quotes += [_quote(f"z#{n}", "z", "Paul Okafor", "person", text, "direct") for n in (1, 2)]
    ids = resolve_identities(_extractions(quotes))
    got = align(_article("ref"), quotes, ids.of_quote, encode(quotes), identities=ids)
    assert [(a.originals, a.relation) for a in got] == [(("ref#4",), "same")] * 2


def test_made_up_order_does_not_matter(made_up) -> None:
    quotes, identities, vectors, first = made_up
    shuffled = list(quotes)
    random.Random(7).shuffle(shuffled)
    again = align(_article("ref"), shuffled, identities.of_quote, vectors, identities=identities)
    assert {a.version: a for a in again} == first


def test_made_up_role_speaker_gets_linked(made_up) -> None:
    quotes, identities, _, alignments = made_up
    linked = link_roles(identities, list(alignments.values()), quotes)
    role_quote = next(f"h#{n}" for n, c in enumerate(CASES) if c[1] == "h")
    assert linked.of_quote[role_quote] == linked.of_quote["ref#1"]
    ruiz = linked.speaker(linked.of_quote["ref#1"])
    role = next(q for q in quotes if q.id == role_quote)
    assert ruiz is not None and role.speaker is not None
    said = f"\u201c{role.speaker.mention}\u201d in h is taken to be Ana Ruiz"
    assert any(link.startswith(said) for link in ruiz.links), ruiz.links
    # The swapped quote is by a named speaker: Ana Ruiz must not absorb Paul Okafor.
    assert linked.of_quote["ref#3"] != linked.of_quote["ref#1"]


def test_without_identities_each_speaker_is_its_own_voice(encode) -> None:
    quotes = _made_up()
    speaker_of = {q.id: q.speaker.name for q in quotes if q.speaker is not None}
    got = {a.version: a for a in align(_article("ref"), quotes, speaker_of, encode(quotes))}
    assert got["a#0"].originals == ("ref#2",)
    assert got["f#4"].relation == "unsupported"


def test_nothing_to_align(encode) -> None:
    assert align(_article("ref"), [], {}, {}) == []
    # A reference without quotations: every version is unsupported.
    version = _quote("x#1", "x", "Ana Ruiz", "person", "The water is safe.", "direct")
    got = align(_article("ref"), [version], {"x#1": "ana"}, encode([version]))
    assert [(a.originals, a.relation) for a in got] == [((), "unsupported")]


def test_missing_vector_is_an_error() -> None:
    version = _quote("x#1", "x", "Ana Ruiz", "person", "The water is safe.", "direct")
    with pytest.raises(QuotedriftError, match="x#1"):
        align(_article("ref"), [version], {}, {})


@pytest.mark.parametrize(
    "version,original,expected",
    [
        ("real and immediate.", "threat posed by operatives is both real and immediate.", 1.0),
        ("U.S. companies", "US companies", 1.0),
        ("China opposes sanctions", "China has always opposed unilateral sanctions", 1.0),
        ("the weather is nice", "sanctions on the regime", 0.0),
        ("and the of", "anything", 0.0),
    ],
)
def test_containment_is_directional_and_normalised(version, original, expected) -> None:
    assert containment(version, original) == pytest.approx(expected)
    if expected == 1.0 and len(original) > len(version) + 5:
        assert containment(original, version) < 1.0


# ---------------------------------------------------------------------------------------------
# Choosing the reference.


@needs_seeds
@pytest.mark.parametrize(
    "override", [None, "000_22da808e21f495c3.txt", "000_22da808e21f495c3", "spacedaily"]
)
def test_seed_reference_is_the_wire_original(override) -> None:
    g = load()
    quotes = {a.id: [q for q in g.quotes if q.article == a.id] for a in g.articles}
    ref = choose_reference(list(reversed(g.articles)), quotes, override)
    assert ref.article == "000_22da808e21f495c3.txt"
    assert ("AFP" in ref.reason) if override is None else (override in ref.reason)


@needs_seeds
def test_seed_reference_override_other_article() -> None:
    g = load()
    ref = choose_reference(g.articles, {}, "003_8538ff372b17d9b2.txt")
    assert ref.article == "003_8538ff372b17d9b2.txt"


def test_reference_override_matching_nothing() -> None:
    with pytest.raises(ConfigError, match="nope"):
        choose_reference([_article("a"), _article("b")], {}, "nope")
    with pytest.raises(NoArticlesError):
        choose_reference([], {})


def test_reference_by_date_then_medoid() -> None:
    def art(aid: str, date: str | None = None, wire: str | None = None) -> Article:
        return Article(id=aid, path=aid, text="", date=date, wire=wire)

    dated = [art("b", "2025-07-02"), art("a", "2025-07-01"), art("c")]
    assert choose_reference(dated, {}).article == "a"
    assert "earliest" in choose_reference(dated, {}).reason
    two_wires = [
        art("x", "2025-07-03", "AP"),
        art("y", "2025-07-02", "AFP"),
        art("z", "2025-07-01"),
    ]
    assert choose_reference(two_wires, {}).article == "y"

    # No credit, no date: the original is the one whose quotations account for the others'.
    orig_texts = [
        "We will rebuild every school damaged by the flood before the winter term begins.",
        "The state has promised twelve million dollars for the repairs.",
    ]
    quotes = {
        "orig": [
            _quote(f"orig#{i}", "orig", "X", "person", t, "direct")
            for i, t in enumerate(orig_texts, 1)
        ],  # fmt: skip
        "r1": [
            _quote(
                "r1#1", "r1", "X", "person", "rebuild every school damaged by the flood", "partial"
            )
        ],  # fmt: skip
        "r2": [
            _quote("r2#1", "r2", "X", "person", "twelve million dollars for the repairs", "partial")
        ],  # fmt: skip
    }
    plain = [art("r2"), art("orig"), art("r1")]
    ref = choose_reference(plain, quotes)
    assert ref.article == "orig" and "agree" in ref.reason


@pytest.mark.parametrize(
    ("a", "b", "meet"),
    [
        ("the Korean delegation", "envoys from Korea", True),
        ("Koreans", "Korea", True),
        ("the Brazilian farmers", "growers in Brazil", True),
        # A word ending in -ean that names no people is left alone ('ocean' is not 'ocea',
        # which would meet 'Oceania').
        ("the ocean", "Oceania", False),
        ("the oceans", "an ocean", True),
        ("European ministers", "Europe", True),
    ],
)
def test_demonyms_meet_their_place(a: str, b: str, meet: bool) -> None:
    shared = set(content_words(a)) & set(content_words(b))
    assert bool(shared) is meet, (content_words(a), content_words(b))


def test_words_ending_like_a_demonym_keep_their_stem() -> None:
    assert content_words("the ocean") == ["ocean"]


def test_words_quoted_verbatim_from_another_speaker_are_an_attribution_change(encode) -> None:
    # The version's own speaker said something loosely alike (every ferry inspected), but the
    # version is another speaker's sentence word for word: the words moved.
    quotes = [
        _quote("ref#1", "ref", "Ana Ruiz", "person",
               "Every ferry will be inspected by surveyors, and the inspections may take weeks.",
               "direct"),
        _quote("ref#2", "ref", "Paul Okafor", "person",
               "Every ferry in the fleet will be inspected before it carries passengers again.",
               "direct"),
        _quote("x#1", "x", "Ana Ruiz", "person",
               "Every ferry in the fleet will be inspected before it carries passengers again.",
               "direct"),
        # Her own words, reworded, stay hers.
        _quote("y#1", "y", "Ana Ruiz", "person",
               "Every ferry will be inspected by surveyors and inspections may take weeks.",
               "direct"),
    ]  # fmt: skip
    speaker_of = {"ref#1": "ana", "ref#2": "paul", "x#1": "ana", "y#1": "ana"}
    got = {a.version: a for a in align(_article("ref"), quotes, speaker_of, encode(quotes))}
    assert (got["x#1"].originals, got["x#1"].relation) == (("ref#2",), "attribution_changed")
    assert (got["y#1"].originals, got["y#1"].relation) == (("ref#1",), "same")


def test_a_fragment_goes_to_the_original_holding_its_words_in_order(encode) -> None:
    # Wrong: "went too far" aligned to "went way too far", which holds every word but not in
    # order and scores higher on meaning.
    quotes = [
        _quote("ref#0", "ref", "Ana Ruiz", "person", "We went way too far.", "direct"),
        _quote(
            "ref#1",
            "ref",
            "Ana Ruiz",
            "person",
            "We went too far with the closure, and the drivers paid for it.",
            "direct",
        ),
        _quote("a#0", "a", "Ana Ruiz", "person", "went too far", "partial"),
    ]
    identities = resolve_identities(_extractions(quotes))
    got = align(_article("ref"), quotes, identities.of_quote, encode(quotes), identities=identities)
    assert [(a.version, a.originals) for a in got] == [("a#0", ("ref#1",))]


# (case, original, version, aligned) with no original article (``independent``): the version
# by the original's speaker, or by an unknown one.
SHARED_RUN = [
    (
        "two cuts of one sentence share a long run",
        "If the engineers know so much, have they not learned that the one thing you never do is "
        "build a bridge on river clay?",
        "...you never do is build a bridge on river clay, because every crew that tried it here "
        "has watched it sink.",
        True,
    ),
    (
        "two excerpts of one long rule",
        "No officer shall accept any gift, loan or favor as reward for any official act of the "
        "board...or be paid twice for one post.",
        "as reward for any official act of the board or for any vote cast by its members in a "
        "closed session.",
        True,
    ),
    (
        "a long run of stop words is any two sentences'",
        "And they cannot believe what they are seeing at the harbor this winter.",
        "And they cannot believe what they are paying for bread at the market.",
        False,
    ),
]


@pytest.mark.parametrize(
    "case,original,version,aligned", SHARED_RUN, ids=[c[0].replace(" ", "-") for c in SHARED_RUN]
)
@pytest.mark.parametrize("speaker", ["Ana Ruiz", None])
def test_a_long_shared_run_is_one_statement(
    encode, case: str, original: str, version: str, aligned: bool, speaker: str | None
) -> None:
    # Wrong: unsupported because each says much the other does not (containment about 0.5 both
    # ways, under the bar for outlets with no original).
    quotes = [
        _quote("ref#1", "ref", "Ana Ruiz", "person", original, "direct"),
        _quote("x#1", "x", speaker, "person" if speaker else "unknown", version, "direct"),
    ]
    assert containment(version, original) < 0.6 and containment(original, version) < 0.6
    ids = resolve_identities(_extractions(quotes))
    got = align(
        _article("ref"), quotes, ids.of_quote, encode(quotes), identities=ids, independent=True
    )
    expected = (("ref#1",), "same") if aligned else ((), "unsupported")
    assert [(a.originals, a.relation) for a in got] == [expected], case


def test_a_long_shared_run_does_not_move_words_to_another_speaker(encode) -> None:
    # Another named speaker sharing a run of the original's words may be quoting it: no
    # attribution change on a run alone.
    original, version, _ = SHARED_RUN[0][1:]
    quotes = [
        _quote("ref#1", "ref", "Ana Ruiz", "person", original, "direct"),
        _quote("x#1", "x", "Paul Okafor", "person", version, "direct"),
    ]
    ids = resolve_identities(_extractions(quotes))
    got = align(
        _article("ref"), quotes, ids.of_quote, encode(quotes), identities=ids, independent=True
    )
    assert [(a.originals, a.relation) for a in got] == [((), "unsupported")]


def test_linking_shortcut_rejects_only_what_scoring_rejects() -> None:
    """Linking skips scoring a retrieved pair that shares fewer than two content words when its
    cosine and containment cannot reach any bar: scoring it both ways must reject it too, and
    the shortcut must stay out of the way of pairs that pass."""
    from quotedrift.comparison.align import _passes, _score
    from quotedrift.comparison.linking import _hopeless, _info, _single

    rng = random.Random(7)
    vocab = [
        "harbour",
        "winter",
        "dredging",
        "ferries",
        "budget",
        "council",
        "bridge",
        "tolls",
        "March",
        "open",
        "close",
    ]
    fillers = ["the", "a", "of", "to", "we", "will", "not", "it", "is", "and"]
    skipped = passed = 0
    for n in range(400):
        texts = [
            " ".join(rng.choice(vocab if rng.random() < 0.4 else fillers) for _ in range(9))
            for _ in range(2)
        ]
        quotes = [
            _quote(f"{art}#{n}", art, "Mara Velt", "person", t, rng.choice(("direct", "indirect")))
            for art, t in zip("ab", texts, strict=True)
        ]
        base = rng.gauss(0, 1) * np.ones(8) + np.array([rng.gauss(0, 1) for _ in range(8)])
        vectors = {}
        for q in quotes:
            v = base + np.array([rng.gauss(0, 0.7) for _ in range(8)])
            vectors[q.id] = (v / np.linalg.norm(v)).astype(np.float32)
        a, b = (_info(q, vectors) for q in quotes)
        cosine = float(np.dot(a.vector, b.vector))
        either = any(
            _passes(_score(x, _single(y, "v"), cosine), x.quote.kind, False, independent)
            for x, y in ((a, b), (b, a))
            for independent in (False, True)
        )
        if _hopeless(a, b, cosine):
            skipped += 1
            assert not either, texts
        passed += either
    assert skipped > 50 and passed > 5  # both sides of the shortcut were tried
