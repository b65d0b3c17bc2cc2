"""The quotation scanner: tables of text and the quotations that must (or must not) be found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from quotedrift.extraction.quotations import find_quotations
from quotedrift.records import QuoteCandidate

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds.json"


def texts(text: str, c: QuoteCandidate) -> list[str]:
    return [text[a:b] for a, b in c.spans]


def found(text: str) -> list[list[str]]:
    return [texts(text, c) for c in find_quotations(text)]


# ---------------------------------------------------------------------------------------------
# Marks and fragments

MARKS = [
    # (text, expected fragments of each candidate)
    ('"We will win," he said.', [["We will win"]]),
    ("\u201cWe will win,\u201d he said.", [["We will win"]]),
    ("\u2018We will win,\u2019 he said.", [["We will win"]]),
    ("'We will win,' he said.", [["We will win"]]),
    ("\u00abNous allons gagner\u00bb, a-t-il dit.", [["Nous allons gagner"]]),
    ("\u00ab Nous allons gagner \u00bb, a-t-il dit.", [["Nous allons gagner"]]),
    ("\u00bbWir gewinnen\u00ab, sagte er.", [["Wir gewinnen"]]),
    ("\u201eWir schaffen das\u201c, sagte sie.", [["Wir schaffen das"]]),
    # Mixed marks in one article.
    (
        '"One," he said.\n\u201cTwo,\u201d she said.\n\u00abThree\u00bb, they said.',
        [["One"], ["Two"], ["Three"]],
    ),
    # Nested quotes stay inside the outer one.
    ("\"He said 'no' today,\" she said.", [["He said 'no' today"]]),
    ("\u201cHe said \u2018no\u2019 today,\u201d she said.", [["He said \u2018no\u2019 today"]]),
    ("'He called it \"rubbish\",' she said.", [['He called it "rubbish"']]),
    # Apostrophes inside a quotation do not end it.
    (
        "\u2018We didn\u2019t go to the Jones\u2019 house,\u2019 he said.",
        [["We didn\u2019t go to the Jones\u2019 house"]],
    ),
    ("'I can't and won't,' he said.", [["I can't and won't"]]),
    ("\"The players' union won't budge,\" he said.", [["The players' union won't budge"]]),
    # Straight double quotes decided by context.
    ('She called it "a disaster" and "a shame".', [["a disaster"], ["a shame"]]),
    ('Asked why, he said:"Because."', [["Because."]]),
    ('("Not now," she said.)', [["Not now"]]),
    ('It was a win \u2014"a big one," he said.', [["a big one"]]),
    # Ellipses belong to the text; the final period inside the marks is kept.
    ('"We will ... win." he said', [["We will ... win."]]),
    ("\u201cWe will\u2026 win.\u201d", [["We will\u2026 win."]]),
    # Interrupted by the attribution: one candidate, two spans.
    ('"We will win," he said. "Nobody can stop us."', [["We will win", "Nobody can stop us."]]),
    (
        '"We will win," he said, "and nobody can stop us."',
        [["We will win", "and nobody can stop us."]],
    ),
    (
        "\u201cWe will win,\u201d Sen. Smith said. \u201cNobody can stop us.\u201d",
        [["We will win", "Nobody can stop us."]],
    ),
    # Two separate quotations in two sentences of the writer's.
    (
        'He called it "fake". Later he praised the "great work" of the team.',
        [["fake"], ["great work"]],
    ),
    # Unbalanced: an unclosed quote ends at its paragraph; a stray closer is ignored.
    ('He said "we are done.\nThe next paragraph is plain.', [["we are done."]]),
    ('That was it" and more.', []),
    ('First" "Second one," he said.', [["Second one"]]),
    # Multi-paragraph: the paragraph ends without closing, the next one opens with a mark.
    (
        '"We will win.\n"We will fight on.\n"And we will prevail," he said.',
        [["We will win.", "We will fight on.", "And we will prevail"]],
    ),
    ('"We will win.\n\n"And we will prevail," he said.', [["We will win.", "And we will prevail"]]),
    # A continuation paragraph without an opening mark: the quotation runs on until the
    # paragraph whose closing mark closes nothing it opened (a letter printed whole).
    (
        '"We will win.\nWe will fight on.\nAnd we will prevail," he said.',
        [["We will win.", "We will fight on.", "And we will prevail"]],
    ),
    (
        "\u201cThe board knew.\n\nIt did nothing at all.\u201d\n\nShe left.",
        [["The board knew.", "It did nothing at all."]],
    ),
    (
        "He wrote: \u201cThe board knew.\nIt called the cracks \u201cminor\u201d and waited.\u201d",
        [["The board knew.", "It called the cracks \u201cminor\u201d and waited."]],
    ),
    (
        '"Go home.\nNot now.\nWe stay," she said, "and wait."',
        [["Go home.", "Not now.", "We stay", "and wait."]],
    ),
    # ...never over a paragraph that opens a quotation of its own, nor without a closing mark,
    # nor when the paragraph before closed its quotation.
    ('"We will win.\nShe left the room.\n"Never," he said.', [["We will win."], ["Never"]]),
    ('"We will win.\nShe left the room.\nNobody spoke.', [["We will win."]]),
    ('"We won," he said.\nIt was over," she said.', [["We won"]]),
    (
        '"We will win.\n' + "Plain words.\n" * 9 + 'It was over," she said.',
        [["We will win."]],
    ),
    # ...but an unclosed partial is closed by its paragraph when the next is a quote of its own.
    (
        'She said the "threat is real.\n"Thousands were trained," she said.',
        [["threat is real."], ["Thousands were trained"]],
    ),
    # A straight mark that never closes around curly quotes marks a block quote: the curly
    # quotations inside it are the quotations.
    (
        '"Venn walked on stage, chanting \u201cGo Port! Go Port!\u201d\nNext.',
        [["Go Port! Go Port!"]],
    ),
    # A closing curly mark misused as an opener at the start of a paragraph.
    (
        "\u201d \u2026 he delivered a mix of orthodoxy,\u201d Barabak wrote.",
        [["\u2026 he delivered a mix of orthodoxy"]],
    ),
    # ...and a partial that goes on unclosed in the next paragraph is continued.
    (
        'She said the "threat is real.\n"Thousands were trained.\nShe left.',
        [["threat is real.", "Thousands were trained."]],
    ),
    # A colon introduction whose opening mark is missing: the stray closer closes it.
    (
        '"It is fine," Lee said. Lee: We doubt it. We will see."',
        [["It is fine"], ["We doubt it. We will see."]],
    ),
    ('Score: 5" wide.', []),
    # Opened with a single mark, closed with a double one.
    ("He left. 'We won't pay. Nobody will.\"", [["We won't pay. Nobody will."]]),
    # Typewriter pairs, as in archived New York Times text, and the ``LaTeX'' style.
    (
        "''This isn't tax reform,'' said Mr. Holtz-Eakin. ''It's anti-reform.''",
        [["This isn't tax reform", "It's anti-reform."]],
    ),
    ("He called it ''not in line with our policy'' on Monday.", [["not in line with our policy"]]),
    ("``We will win,'' she said.", [["We will win"]]),
]


@pytest.mark.parametrize(("text", "expected"), MARKS)
def test_marks(text: str, expected: list[list[str]]) -> None:
    assert found(text) == expected


NOTHING = [
    "",
    "   \n\n  ",
    "She didn't go to the Jones' house in the '90s.",
    "She didn\u2019t go to the Jones\u2019 house in the \u201990s.",
    "He is 5'9\" tall and weighs 180 lbs.",
    'A 12" pipe and a 5\' 10" man.',
    "The players' union and the teachers' union met.",
    "Rock 'n' roll never dies, 'cause it's loud.",
    "O'Brien's dog and the Smiths' cat.",
    "Closing marks only\u201d here\u201d and \u2019there\u2019.",
    "\u2019Tis the season.",
    '" " "',
    "Two apostrophes '' alone are no quotation.",
]


@pytest.mark.parametrize("text", NOTHING)
def test_nothing_found(text: str) -> None:
    assert find_quotations(text) == []


# ---------------------------------------------------------------------------------------------
# Kind: direct or partial

KINDS = [
    ('"We will win," he said.', "direct"),
    ('He said: "We will win."', "direct"),
    ('Lee: We will win. We always do."', "direct"),
    ('He said, "We will win."', "direct"),
    ("Trump said \u201cWe are going to win big.\u201d", "direct"),
    ("\u2014 \u201cWe will win.\u201d", "direct"),
    ("She described the threat as \u201creal and immediate.\u201d", "partial"),
    (
        'US Attorney Leah Foley said the "threat posed by operatives is both real and immediate.',
        "partial",
    ),
    (
        'It said it would "safeguard the legitimate rights and interests of Chinese citizens".',
        "partial",
    ),
    ('He called the plan "a disaster" before leaving.', "partial"),
    ('"It is over," he said, adding that the "fight goes on".', "direct"),
]


@pytest.mark.parametrize(("text", "kind"), KINDS)
def test_kind(text: str, kind: str) -> None:
    cands = find_quotations(text)
    assert cands, text
    assert cands[0].kind == kind


# ---------------------------------------------------------------------------------------------
# Speech or not

SPEECHLIKE = [
    ('The gunman, known as "Shorty", fled.', False),
    ('They watched the film "Jaws" again.', False),
    ('He attacked the so-called "deep state" again.', False),
    ('The group "Black Lives Matter" marched.', False),
    (
        "Mao Ning pledged to protect the \u201clegitimate rights and interests\u201d of citizens.",
        True,
    ),
    ("Foley described the threat as \u201creal and immediate.\u201d", True),
    ('"We will win," he said.', True),
    ('He said the deal was "terrible".', True),
    ('"Jaws," she said.', True),
    ("He told CNN\u2019s \u201cNew Day\u201d that he would run.", False),
    ('Once again the "experts" were wrong.', False),
    ('He called the plan a "disaster" on Monday.', True),
    ('<blockquote id="672138506081275904">', False),
    ('The total was "1474387200" in all.', False),
    ('See "pic.twitter.com/abc" for more.', False),
]


@pytest.mark.parametrize(("text", "speechlike"), SPEECHLIKE)
def test_speechlike(text: str, speechlike: bool) -> None:
    cands = find_quotations(text)
    assert len(cands) == 1, text
    assert cands[0].speechlike is speechlike


# ---------------------------------------------------------------------------------------------
# Sentence extent, marks, excluded ranges


def test_sentence_covers_attribution_after() -> None:
    text = 'Intro sentence here. "We will win," Sen. Smith said. Next sentence.'
    (c,) = find_quotations(text)
    assert text[c.sentence[0] : c.sentence[1]] == '"We will win," Sen. Smith said.'
    assert text[c.marks[0][0] : c.marks[0][1]] == '"We will win,"'


def test_sentence_covers_capitalised_attribution_after() -> None:
    text = 'Intro. "We will win." Foley said. "Next one," she added.'
    c = find_quotations(text)[0]
    assert text[c.sentence[0] : c.sentence[1]] == '"We will win." Foley said.'


def test_sentence_covers_attribution_before() -> None:
    text = "It rained. The U.S. envoy told reporters: \u201cWe will win.\u201d Then he left."
    (c,) = find_quotations(text)
    assert text[c.sentence[0] : c.sentence[1]] == (
        "The U.S. envoy told reporters: \u201cWe will win.\u201d"
    )


def test_sentence_spans_both_fragments() -> None:
    text = 'Intro. "A is true," he said. "B is too." After.'
    (c,) = find_quotations(text)
    assert text[c.sentence[0] : c.sentence[1]] == '"A is true," he said. "B is too."'
    assert [text[a:b] for a, b in c.marks] == ['"A is true,"', '"B is too."']


def test_unclosed_marks_end_at_paragraph() -> None:
    text = 'He said "we are done   \nNext.'
    (c,) = find_quotations(text)
    assert text[c.marks[0][0] : c.marks[0][1]] == '"we are done'


def test_excluded_ranges() -> None:
    headline = 'Trump: "We will win"'
    body = '"We will win," Trump said.'
    text = headline + "\n" + body
    cands = find_quotations(text, excluded=[(0, len(headline))])
    assert [texts(text, c) for c in cands] == [["We will win"]]
    assert cands[0].marks[0][0] > len(headline)
    # A quotation cut by an excluded range does not run through it.
    text = '"We will win ADVERTISEMENT and more," he said.'
    ad = text.index("ADVERTISEMENT")
    for c in find_quotations(text, excluded=[(ad, ad + len("ADVERTISEMENT"))]):
        for a, b in c.marks:
            assert b <= ad or a >= ad + len("ADVERTISEMENT")


# ---------------------------------------------------------------------------------------------
# The seed articles against the editor's gold


@pytest.mark.shared
@pytest.mark.skipif(not GOLD.exists(), reason="../shared/gold absent")
def test_seed_gold_quotes_found() -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    by_article: dict[str, list[dict[str, str]]] = {}
    for q in gold["quotes"]:
        if ".q" in q["id"]:
            by_article.setdefault(q["article"], []).append(q)
    assert by_article
    for article, quotes in by_article.items():
        text = (SEEDS / article).read_text(encoding="utf-8")
        cands = find_quotations(text)
        joined = {" ".join(texts(text, c)): c for c in cands}
        for q in quotes:
            assert q["text"] in joined, (q["id"], sorted(joined))
            cand = joined[q["text"]]
            assert cand.speechlike, q["id"]
            assert cand.kind == ("direct" if q["kind"].startswith("direct") else "partial"), q["id"]


# ---------------------------------------------------------------------------------------------
# Properties


def check_invariants(text: str, cands: list[QuoteCandidate]) -> None:
    last_end = -1
    for c in cands:
        assert c.spans and len(c.spans) == len(c.marks)
        assert c.kind in ("direct", "partial")
        for (a, b), (ma, mb) in zip(c.spans, c.marks, strict=True):
            assert 0 <= ma <= a <= b <= mb <= len(text)
            assert ma > last_end
            last_end = mb - 1
        assert 0 <= c.sentence[0] <= c.marks[0][0]
        assert c.marks[-1][1] <= c.sentence[1] <= len(text)


JUNK = st.lists(
    st.sampled_from(
        list("ab .,;:!?-\n\t5'\"\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb\u2026\u2014(")
        + ["\x00", "\ufffd", "said", "He ", "A."]
    ),
    max_size=150,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(JUNK)
@example("„a''")  # a typewriter closer at the very end: its sentence must hold both marks
def test_never_raises_on_junk(text: str) -> None:
    check_invariants(text, find_quotations(text))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200), st.lists(st.tuples(st.integers(-5, 250), st.integers(-5, 250))))
def test_never_raises_with_excluded(text: str, excluded: list[tuple[int, int]]) -> None:
    cands = find_quotations(text, excluded)
    check_invariants(text, cands)
    for c in cands:
        for a, b in c.marks:
            assert not any(x < b and a < y for x, y in excluded if y > x)


def test_many_marks() -> None:
    for text in ('"' * 10_000, "\u201c" * 10_000, "'a " * 5_000, '"a" ' * 5_000, "\u2018x " * 5000):
        check_invariants(text, find_quotations(text))
    assert len(find_quotations('"a" ' * 5_000)) == 5_000
