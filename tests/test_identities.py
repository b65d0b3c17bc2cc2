"""Speaker identities across articles, and role-only speakers named through alignment."""

from __future__ import annotations

import random
from collections import defaultdict

import pytest
from goldseeds import load, needs_seeds

from quotedrift.comparison.identities import Identities, link_roles, resolve_identities
from quotedrift.records import Alignment, Article, Extraction, Quote, SpeakerKind, SpeakerRef

# A mention: (article, mention as written, name as resolved in the article, title, kind, org)
Mention = tuple[str, str, str, str | None, SpeakerKind, str | None]


def _extractions(mentions: list[Mention]) -> list[Extraction]:
    """One quote per mention; per-article speaker ids keyed by the resolved name."""
    quotes: dict[str, list[Quote]] = defaultdict(list)
    for n, (art, mention, name, title, kind, org) in enumerate(mentions):
        ref = SpeakerRef(mention, None, name, title, kind, f"{art}:{name}", org)
        quotes[art].append(
            Quote(
                f"{art}#{n}", art, "direct", f"words {n}", ((n * 10, n * 10 + 7),), ref, None, 1.0
            )
        )
    return [
        Extraction(Article(id=a, path=a, text=""), tuple(qs), ())
        for a, qs in sorted(quotes.items())
    ]


def _groups(ids: Identities) -> set[frozenset[str]]:
    """Quote ids grouped by speaker: what the resolution decided, independent of the id names."""
    by: dict[str, set[str]] = defaultdict(set)
    for q, s in ids.of_quote.items():
        by[s].add(q)
    return {frozenset(v) for v in by.values()}


P, ORG, R = "person", "organization", "role"

CASES = [
    (
        "full name, title + name and surname are one person",
        [
            ("a", "Assistant Attorney General John Eisenberg", "John Eisenberg",
             "Assistant Attorney General", P, None),
            ("b", "Eisenberg", "Eisenberg", None, P, None),
            ("c", "John Eisenberg", "John Eisenberg", None, P, None),
        ],
        [{"a#0", "b#1", "c#2"}],
    ),
    (
        "middle initials, honorifics and accents",
        [
            ("a", "John F. Kennedy", "John F. Kennedy", None, P, None),
            ("b", "Mr. John Kennedy", "Mr. John Kennedy", None, P, None),
            ("c", "José Ramos", "José Ramos", None, P, None),
            ("d", "Jose Ramos", "Jose Ramos", None, P, None),
            ("d", "Mary Ann Smith", "Mary Ann Smith", None, P, None),
            ("e", "Mary Smith", "Mary Smith", None, P, None),
        ],
        [{"a#0", "b#1"}, {"c#2", "d#3"}, {"d#4"}, {"e#5"}],
    ),
    (
        "a title alone goes to its only holder, US = U.S.",
        [
            ("a", "US Attorney Leah Foley", "Leah Foley", "US Attorney", P, None),
            ("b", "U.S. Attorney", "U.S. Attorney", "U.S. Attorney", R, None),
        ],
        [{"a#0", "b#1"}],
    ),
    (
        "a title held by two people stays unnamed",
        [
            ("a", "US Attorney Leah Foley", "Leah Foley", "US Attorney", P, None),
            ("a", "US Attorney Joshua Levy", "Joshua Levy", "US Attorney", P, None),
            ("b", "the U.S. Attorney", "U.S. Attorney", None, R, None),
        ],
        [{"a#0"}, {"a#1"}, {"b#2"}],
    ),
    (
        "a surname shared by two people stays apart",
        [
            ("a", "John Smith", "John Smith", None, P, None),
            ("b", "Jane Smith", "Jane Smith", None, P, None),
            ("c", "Smith", "Smith", None, P, None),
        ],
        [{"a#0"}, {"b#1"}, {"c#2"}],
    ),
    (
        "organisation variants",
        [
            ("a", "the Justice Department", "the Justice Department", None, ORG, None),
            ("b", "US Department of Justice", "US Department of Justice", None, ORG, None),
            ("c", "the State Department", "the State Department", None, ORG, None),
        ],
        [{"a#0", "b#1"}, {"c#2"}],
    ),
    (
        "a qualifier is dropped only when unambiguous",
        [
            ("a", "China's foreign ministry", "China's foreign ministry", None, ORG, None),
            ("b", "Russia's foreign ministry", "Russia's foreign ministry", None, ORG, None),
            ("c", "the foreign ministry", "the foreign ministry", None, ORG, None),
        ],
        [{"a#0"}, {"b#1"}, {"c#2"}],
    ),
    (
        "a country and its government",
        [
            ("a", "The United States", "United States", None, ORG, None),
            ("b", "the U.S. government", "U.S. government", None, ORG, None),
        ],
        [{"a#0", "b#1"}],
    ),
    (
        "collective nouns name no one: not merged across articles, nor with a named body",
        [
            ("a", "Prosecutors", "Prosecutors", None, ORG, None),
            ("b", "federal prosecutors", "federal prosecutors", None, ORG, None),
            ("b", "the Justice Department", "the Justice Department", None, ORG, None),
        ],
        [{"a#0"}, {"b#1"}, {"b#2"}],
    ),
    (
        "an outlet's misspelling is the same person (wrong: two identities)",
        [
            ("a", "Michael Álvarez", "Michael Álvarez", None, P, None),
            ("b", "Micheal Alvarez", "Micheal Alvarez", None, P, None),
            ("c", "Mr. Vicente Lobo", "Vicente Lobo", None, P, None),
            ("d", "Vincente Lobo", "Vincente Lobo", None, P, None),
        ],
        [{"a#0", "b#1"}, {"c#2", "d#3"}],
    ),
    (
        "three people sharing a surname stay apart (wrong: one family member for all)",
        [
            ("a", "Sen. Lisa Adler", "Lisa Adler", "Sen.", P, None),
            ("a", "her father, John Adler", "John Adler", "father", P, None),
            ("b", "Jane Adler", "Jane Adler", "sister", P, None),
            ("b", "Lisa Adler", "Lisa Adler", None, P, None),
            ("c", "Adler", "Adler", None, P, None),
        ],
        [{"a#0", "b#3"}, {"a#1"}, {"b#2"}, {"c#4"}],
    ),
    (
        "names one letter apart that one article tells apart stay apart (wrong: merged)",
        [
            ("a", "Dana Morrow", "Dana Morrow", None, P, None),
            ("a", "Dana Marrow", "Dana Marrow", None, P, None),
            ("b", "Dana Morrow", "Dana Morrow", None, P, None),
        ],
        [{"a#0", "b#2"}, {"a#1"}],
    ),
    (
        "one letter apart but different titles, or short names, stay apart (wrong: merged)",
        [
            ("a", "Sen. Karen Holt", "Karen Holt", "Sen.", P, None),
            ("b", "Dr. Karin Holt", "Karin Holt", "Dr.", P, None),
            ("c", "Ann Lee", "Ann Lee", None, P, None),
            ("d", "Ann Lea", "Ann Lea", None, P, None),
            ("e", "Tom Fox", "Tom Fox", None, P, None),
            ("f", "Tim Fox", "Tim Fox", None, P, None),
        ],
        [{"a#0"}, {"b#1"}, {"c#2"}, {"d#3"}, {"e#4"}, {"f#5"}],
    ),
    (
        "short and full forms of one given name are one person (wrong: two identities)",
        [
            ("a", "Michael Rourke", "Michael Rourke", None, P, None),
            ("b", "Mike Rourke", "Mike Rourke", None, P, None),
            ("c", "Bill Tanner", "Bill Tanner", None, P, None),
            ("d", "William Tanner", "William Tanner", None, P, None),
            # different given names, not short forms of each other, stay apart
            ("e", "Martin Rourke", "Martin Rourke", None, P, None),
        ],
        [{"a#0", "b#1"}, {"c#2", "d#3"}, {"e#4"}],
    ),
    (
        "one article writing the full and the short given name names one person, whatever the "
        "form of address (wrong: two identities)",
        [
            ("a", "Mr. Will Tanner", "Will Tanner", "Mr.", P, None),
            ("a", "William R. Tanner", "William R. Tanner", "mayor", P, None),
        ],
        [{"a#0", "a#1"}],
    ),
    (
        "a title naming no position does not tell two spellings apart (wrong: two identities)",
        [
            ("a", "the Harbor Traders Group's Mike Lund", "Mike Lund", "Harbor Traders", P, None),
            ("b", "executive director Michael Lund", "Michael Lund", "executive director", P,
             None),
        ],
        [{"a#0", "b#1"}],
    ),
    (
        "a surname no article gives in full is one person across articles, unless their "
        "positions differ (wrong: one identity per article; or the senator and the doctor one)",
        [
            ("a", "President Varga", "Varga", "President", P, None),
            ("b", "Mr. Varga", "Varga", "Mr.", P, None),
            ("c", "Varga", "Varga", None, P, None),
            ("a", "Sen. Holm", "Holm", "Sen.", P, None),
            ("b", "Dr. Holm", "Holm", "Dr.", P, None),
        ],
        [{"a#0", "b#1", "c#2"}, {"a#3"}, {"b#4"}],
    ),
    (
        "nothing to resolve",
        [],
        [],
    ),
]  # fmt: skip


@pytest.mark.parametrize("name,mentions,groups", CASES, ids=[c[0] for c in CASES])
def test_resolution(name, mentions, groups) -> None:
    ids = resolve_identities(_extractions(mentions))
    assert _groups(ids) == {frozenset(g) for g in groups}
    assert len(ids.speakers) == len(groups)
    assert len({s.id for s in ids.speakers}) == len(ids.speakers)


def test_spelling_merge_is_reported_with_its_reason() -> None:
    ids = resolve_identities(
        _extractions(
            [
                ("a", "Michael Álvarez", "Michael Álvarez", None, P, None),
                ("b", "Micheal Alvarez", "Micheal Alvarez", None, P, None),
                ("c", "Michael Alvarez", "Michael Alvarez", None, P, None),
            ]
        )
    )
    (speaker,) = ids.speakers
    assert speaker.name in {"Michael Álvarez", "Michael Alvarez"}
    assert any(
        "Micheal Alvarez (b)" in link and "one letter apart" in link for link in speaker.links
    )
    assert any("accents folded" in link for link in speaker.links)


def test_collective_nouns_become_roles() -> None:
    ids = resolve_identities(
        _extractions(
            [
                ("a", "prosecutors", "prosecutors", None, ORG, None),
                ("a", "a statement", "statement", None, ORG, None),
                ("a", "US officials", "US officials", None, ORG, None),
            ]
        )
    )
    kinds = {s.id: s.kind for s in ids.speakers}
    assert [kinds[ids.of_quote[q]] for q in ("a#0", "a#1", "a#2")] == [
        "role",
        "role",
        "organization",
    ]


def test_canonical_name_titles_and_aliases() -> None:
    ids = resolve_identities(_extractions(CASES[0][1]))
    (speaker,) = ids.speakers
    assert speaker.id == "john-eisenberg" and speaker.name == "John Eisenberg"
    assert speaker.titles == ("Assistant Attorney General",)
    assert {"Eisenberg", "Assistant Attorney General John Eisenberg"} <= set(speaker.aliases)


def test_spokesperson_and_body_share_a_voice() -> None:
    ids = resolve_identities(
        _extractions(
            [
                ("a", "China's foreign ministry", "China's foreign ministry", None, ORG, None),
                (
                    "a",
                    "foreign ministry spokeswoman Mao Ning",
                    "Mao Ning",
                    "foreign ministry spokeswoman",
                    P,
                    None,
                ),  # fmt: skip
                ("b", "the Justice Department", "the Justice Department", None, ORG, None),
            ]
        )
    )
    mao, ministry, doj = ids.of_quote["a#1"], ids.of_quote["a#0"], ids.of_quote["b#2"]
    assert mao != ministry
    assert ids.voice(ministry) == ids.voice(mao) == mao
    assert ids.voice(doj) == doj
    person = ids.speaker(mao)
    assert person is not None and person.organization == "China's foreign ministry"
    assert any("China's foreign ministry" in link for link in person.links)


def test_resolution_does_not_depend_on_order() -> None:
    mentions = [m for _, ms, _ in CASES for m in ms]
    first = resolve_identities(_extractions(mentions))
    for seed in range(3):
        exts = _extractions(mentions)
        random.Random(seed).shuffle(exts)
        again = resolve_identities(exts)
        assert again.speakers == first.speakers
        assert dict(again.of_quote) == dict(first.of_quote)


def _linked(alignments: list[Alignment]) -> Identities:
    exts = _extractions(
        [
            ("ref", "Ana Ruiz", "Ana Ruiz", None, P, None),
            ("ref", "Paul Okafor", "Paul Okafor", None, P, None),
            ("x", "a city hall spokesperson", "city hall spokesperson", None, R, "city hall"),
            ("x", "a city hall spokesperson", "city hall spokesperson", None, R, "city hall"),
        ]
    )
    ids = resolve_identities(exts)
    assert ids.of_quote["x#2"] == ids.of_quote["x#3"]
    return link_roles(ids, alignments, [q for e in exts for q in e.quotes])


def test_role_linked_to_the_speaker_it_renders() -> None:
    linked = _linked(
        [
            Alignment("x#2", ("ref#0",), "same", 0.81),
            Alignment("x#3", (), "unsupported", 0.1),
        ]
    )
    ruiz = linked.of_quote["ref#0"]
    assert linked.of_quote["x#2"] == linked.of_quote["x#3"] == ruiz
    speaker = linked.speaker(ruiz)
    assert speaker is not None
    assert speaker.links == (
        "\u201ca city hall spokesperson\u201d in x is taken to be Ana Ruiz: the words quoted "
        "match Ana Ruiz's in ref",
    )
    assert "a city hall spokesperson" in speaker.aliases
    assert all(s.kind != "role" for s in linked.speakers)


@pytest.mark.parametrize(
    "alignments",
    [
        [Alignment("x#2", ("ref#0",), "same", 0.8), Alignment("x#3", ("ref#1",), "same", 0.8)],
        [Alignment("x#2", (), "unsupported", 0.2)],
        [],
    ],
    ids=["two different speakers", "nothing aligned", "no alignments"],
)
def test_role_left_alone_without_clear_evidence(alignments) -> None:
    linked = _linked(alignments)
    role = linked.of_quote["x#2"]
    assert role not in (linked.of_quote["ref#0"], linked.of_quote["ref#1"])
    speaker = linked.speaker(role)
    assert speaker is not None and speaker.kind == "role"
    assert all(not s.links for s in linked.speakers)


@needs_seeds
def test_seed_identities_match_gold() -> None:
    g = load()
    ids = resolve_identities(g.extractions)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for q in g.quotes:
        key = g.gold_speaker[q.id]
        # Before alignment, 003's "A spokesperson for the foreign ministry" is nobody yet.
        if q.speaker is not None and q.speaker.kind == "role":
            key = "role"
        by_gold[key].add(ids.of_quote[q.id])
    assert all(len(v) == 1 for v in by_gold.values()), by_gold
    assert len({next(iter(v)) for v in by_gold.values()}) == len(by_gold)
    names = {s.name for s in ids.speakers}
    assert {"John Eisenberg", "Leah Foley", "Mao Ning", "China's foreign ministry",
            "Editorial Board"} <= names  # fmt: skip
    mao, ministry = next(iter(by_gold["mao_ning"])), next(iter(by_gold["china_fm"]))
    assert ids.voice(ministry) == ids.voice(mao)
    foley = ids.speaker(next(iter(by_gold["foley"])))
    assert foley is not None and {"US Attorney", "U.S. Attorney"} <= set(foley.titles)
