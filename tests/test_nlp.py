"""The speed paths of extraction give the same answers as the slow ones they replace: the
set-based cue-word filter, the numpy (OpenBLAS) matrix ops, single-threaded BLAS while parsing,
stepwise decoding, the recogniser on stretches, the parse memo and workers that start without
torch."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from quotedrift.extraction.cues import ACCORDING_RE, CUE_WORD_RE, has_cue_word
from quotedrift.extraction.nlp import blas_single_thread, load_nlp

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"

# text, has a cue word
CUE_CASES = [
    ("The minister said the bridge would close.", True),
    ("SAID THE MINISTER", True),
    ("According  to the report, nothing changed.", True),
    ("Prices rose 3% in May.", False),
    ("", False),
    ("The unsaid words: said2 or x_said.", False),  # no whole-word cue form
    ("“Stop,” she told reporters.", True),
    ("Il a déclaré que rien ne changerait.", False),
]


@pytest.mark.parametrize(("text", "expected"), CUE_CASES)
def test_has_cue_word(text: str, expected: bool) -> None:
    assert has_cue_word(text) is expected
    # The regex the set look-up replaces gives the same answer.
    old = CUE_WORD_RE.search(text) is not None or ACCORDING_RE.search(text) is not None
    assert old is expected


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds absent")
def test_has_cue_word_matches_regex_on_seeds() -> None:
    lines = [line for path in sorted(SEEDS.glob("*.txt")) for line in path.read_text().splitlines()]
    assert lines
    for line in lines:
        old = CUE_WORD_RE.search(line) is not None or ACCORDING_RE.search(line) is not None
        assert has_cue_word(line) is old, line


SENTENCES = [
    '"We will not back down," Jane Roe, the mayor, told reporters on Tuesday.',
    "The company said it expected profits to fall by 12 percent next year.",
    "Nothing was announced.",
]


def _annotations(docs) -> list[tuple]:
    return [
        tuple(
            (t.text, t.tag_, t.dep_, t.head.i, t.is_sent_start, t.ent_iob_, t.ent_type_)
            for t in doc
        )
        for doc in docs
    ]


def test_numpy_ops_parse_like_blis() -> None:
    import spacy
    from thinc.api import NumpyOps

    nlp = load_nlp()
    ops = nlp.get_pipe("tok2vec").model.ops
    assert isinstance(ops, NumpyOps) and not ops.use_blis
    # Every layer, the output layers the parser and recogniser rebuild on load included.
    layers = [node for _, c in nlp.pipeline for node in c.model.walk()]
    assert len(layers) > 100 and all(node.ops is ops for node in layers)
    # The entity recogniser types speakers; the lemmatizer and attribute ruler are not loaded.
    assert {"ner", "parser"} <= set(nlp.pipe_names)
    assert not {"lemmatizer", "attribute_ruler"} & set(nlp.pipe_names)
    texts = list(SENTENCES)
    if SEEDS.is_dir():
        texts += [p for f in sorted(SEEDS.glob("*.txt")) for p in f.read_text().split("\n") if p]
    reference = spacy.load(nlp.meta["lang"] + "_" + nlp.meta["name"], exclude=["lemmatizer"])
    reference_ops = reference.get_pipe("tok2vec").model.ops
    assert getattr(reference_ops, "use_blis", True)  # the default ops, for comparison
    reference.disable_pipes("attribute_ruler")
    # The tokenizer built from the model's configuration is the one its files hold (rules,
    # patterns and exceptions; the vocabulary grows with every text the process has read).
    assert nlp.tokenizer.to_bytes(exclude=["vocab"]) == reference.tokenizer.to_bytes(
        exclude=["vocab"]
    )
    with blas_single_thread():
        assert _annotations(nlp.pipe(texts)) == _annotations(reference.pipe(texts))


def test_stepwise_decoding_parses_and_types_like_spacy() -> None:
    # Extraction decodes the parser and the recogniser step by step from Python: the same tags,
    # heads, labels, sentence starts and entities as spaCy's own decoder, whatever the batch.
    from quotedrift.extraction.stepwise import parse, steppable

    nlp = load_nlp()
    assert steppable(nlp.get_pipe("parser")) and steppable(nlp.get_pipe("ner"))
    assert not steppable(nlp.get_pipe("tagger"))
    texts = ["", *SENTENCES, *ENTITY_TEXTS, "  ", "Yes."]
    if SEEDS.is_dir():
        texts += [p for f in sorted(SEEDS.glob("*.txt")) for p in f.read_text().split("\n") if p]
    with blas_single_thread():
        expected = _annotations(list(nlp.pipe(texts)))
        for batch_size in (1, 3, 64):
            assert _annotations(parse(nlp, texts, batch_size, disable=[])) == expected
        # Without the recogniser: no entity annotation at all, as with spaCy's own disable.
        bare = parse(nlp, texts, 8, disable=["ner"])
        assert _annotations(bare) == _annotations(list(nlp.pipe(texts, disable=["ner"])))
    assert sum(1 for doc in bare for t in doc if t.ent_iob_) == 0


def test_beam_parser_is_left_to_spacy() -> None:
    import spacy

    from quotedrift.extraction.stepwise import steppable

    blank = spacy.blank("en")
    assert not steppable(blank.add_pipe("beam_parser"))  # a beam: spaCy's own decoder
    assert not steppable(blank.add_pipe("sentencizer"))  # not a transition component


def test_blas_single_thread_restores() -> None:
    from threadpoolctl import threadpool_info

    def blas_threads() -> list[int]:
        return [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]

    before = blas_threads()
    with blas_single_thread():
        assert all(n == 1 for n in blas_threads())
    assert blas_threads() == before


def test_worker_starts_without_torch_or_spacy_cli() -> None:
    # A worker parses as usual with neither torch nor spaCy's command line imported, and the
    # real CLI is still importable afterwards.
    code = (
        "import os, sys\n"
        "from quotedrift.extraction.article import _worker_init\n"
        "_worker_init(os.getppid())\n"
        "from quotedrift.extraction.nlp import load_nlp\n"
        "doc = load_nlp()('She said it would rain.')\n"
        "print(sys.modules.get('torch') is None, 'spacy.cli' in sys.modules)\n"
        "print([t.dep_ for t in doc][1])\n"
        "import spacy.cli\n"
        "print(hasattr(spacy.cli, 'download'))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.split() == ["True", "False", "ROOT", "True"]


def test_missing_model_fails_before_workers_start(monkeypatch: pytest.MonkeyPatch) -> None:
    from quotedrift.errors import ModelError
    from quotedrift.extraction import nlp
    from quotedrift.extraction.article import extract_articles
    from quotedrift.records import Article

    monkeypatch.setattr(nlp, "_MODELS", ("no_such_model_xyz",))
    articles = [Article(id=f"a{i}", path="a", text="She said so.") for i in range(2)]
    with pytest.raises(ModelError, match="no spaCy English model found: pip install"):
        extract_articles(articles, processes=2)


# Made-up paragraphs where entity types decide speakers: people, bodies, places, dates, a name
# after a number, names in quotation marks, a capitalised common noun, and one with no name.
ENTITY_TEXTS = [
    '"I respect the farmers of Calverton," Senator Dana Whitlock said on Monday.',
    "Zentrix released a statement; the Orlow Institute and the Ministry of Ports disagreed.",
    "Officials in New Harbor said 3,000 residents met Mayor Ivo Brandt at Pellham Park.",
    '"We will not leave," said Ana Ruiz, a nurse at St. Clement\'s, in a post on Facebook.',
    "The Democrats of Ostland and the Kessler Marine board voted in March 2019.",
    "it rained all day, and nobody said anything.",
]


def _typed(docs: list) -> list[list[tuple[int, str, str]]]:
    from quotedrift.extraction.entity_windows import read_tokens

    return [[(i, doc[i].ent_iob_, doc[i].ent_type_) for i in read_tokens(doc)] for doc in docs]


def test_recogniser_on_stretches_types_like_on_whole_paragraphs() -> None:
    # Extraction runs the recogniser only around the words whose type it reads: each of them
    # gets the entity (and its place in it) the whole-paragraph run gives.
    from quotedrift.extraction.entities import has_entities
    from quotedrift.extraction.entity_windows import recognise
    from quotedrift.extraction.nlp import pipes_off

    nlp = load_nlp()
    texts = list(ENTITY_TEXTS) + SENTENCES
    if SEEDS.is_dir():
        texts += [p for f in sorted(SEEDS.glob("*.txt")) for p in f.read_text().split("\n") if p]
    with blas_single_thread():
        whole = list(nlp.pipe(texts))  # the recogniser after the parse, on whole paragraphs
        parsed = list(nlp.pipe(texts, disable=pipes_off(nlp)))
        assert not any(has_entities(doc) for doc in parsed)
        recognise(nlp, parsed, batch_size=4)
    assert all(has_entities(doc) for doc in parsed)
    assert _typed(parsed) == _typed(whole)
    assert sum(len(t) for t in _typed(parsed)) > 20  # the texts do hold names
    # Words outside every stretch are outside any entity, not unannotated.
    last = parsed[len(ENTITY_TEXTS) - 1]
    assert [t.ent_iob_ for t in last] == ["O"] * len(last)


@pytest.mark.parametrize(
    ("read", "length", "expected"),
    [
        ([], 10, []),
        ([0], 10, [(0, 3)]),  # cut at the start
        ([9], 10, [(7, 10)]),  # and at the end
        ([5], 20, [(3, 8)]),
        ([2, 5], 20, [(0, 8)]),  # overlapping: one stretch
        ([2, 7], 20, [(0, 10)]),  # touching (5 and 5): one stretch
        ([2, 8], 20, [(0, 5), (6, 11)]),  # a token apart: two
    ],
)
def test_stretches(read: list[int], length: int, expected: list[tuple[int, int]]) -> None:
    from quotedrift.extraction.entity_windows import stretches

    assert stretches(read, length, before=2, after=2) == expected


def test_encoder_reach() -> None:
    from quotedrift.extraction.entity_windows import encoder_reach, reach

    # en_core_web_sm: four layers seeing one token either side, and the token before.
    assert reach(load_nlp()) == (5, 4)
    own = {
        "tok2vec": {
            "@architectures": "spacy.Tok2Vec.v2",
            "encode": {
                "@architectures": "spacy.MaxoutWindowEncoder.v2",
                "depth": 2,
                "window_size": 3,
            },
        }
    }
    assert encoder_reach(own) == (7, 6)
    # A recogniser reading a shared layer or a transformer: no known reach, whole paragraphs.
    listener = {"tok2vec": {"@architectures": "spacy.Tok2VecListener.v1", "upstream": "tok2vec"}}
    assert encoder_reach(listener) is None
    assert (
        encoder_reach({"tok2vec": {"@architectures": "spacy-transformers.TransformerListener.v1"}})
        is None
    )


def _as_data(ex: object) -> list[tuple[str, str, str]]:
    quotes = ex.quotes  # type: ignore[attr-defined]
    return [(q.text, q.kind, q.speaker.name if q.speaker else "") for q in quotes]


def test_paragraph_parsed_once_per_process_gives_the_same_extraction(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from quotedrift.extraction import article as article_module
    from quotedrift.extraction.article import extract_articles
    from quotedrift.extraction.parse_memo import ParseMemo
    from quotedrift.records import Article

    wire = (
        '"The harbour stays open through the winter," said Mara Velt, the port director.\n'
        "Velt said the dredging would finish by March, according to a statement from the port."
    )
    own = "The Coastal Ledger reported that ferries would run on time. She said so again.\n"
    articles = [
        Article(id="a", path="a.txt", text=wire),
        Article(id="b", path="b.txt", text=own + wire),
    ]
    # Each alone, with a memo that knows nothing: what extraction found before parses were kept.
    alone = []
    for a in articles:
        monkeypatch.setattr(article_module, "_MEMO", ParseMemo())
        alone.extend(extract_articles([a], processes=1))
    memo = ParseMemo()
    monkeypatch.setattr(article_module, "_MEMO", memo)
    parsed: list[str] = []
    run = memo.parse

    def counting(nlp, texts, entities, todo_run):  # type: ignore[no-untyped-def]
        def recorded(todo: list[str]):  # type: ignore[no-untyped-def]
            parsed.extend(todo)
            return todo_run(todo)

        return run(nlp, texts, entities, recorded)

    memo.parse = counting  # type: ignore[method-assign]
    together = extract_articles(articles, processes=1)
    assert [_as_data(e) for e in together] == [_as_data(e) for e in alone]
    assert ("The harbour stays open through the winter", "direct", "Mara Velt") in _as_data(
        together[1]
    )
    # The two wire paragraphs are parsed once although both articles carry them.
    assert len(parsed) == len(set(parsed))
    assert sum(p.startswith('"The harbour') for p in parsed) == 1


def test_parse_memo_keeps_the_latest_and_starts_afresh_for_another_pipeline() -> None:
    from quotedrift.extraction.parse_memo import ParseMemo

    memo = ParseMemo(max_kept=2)
    calls: list[list[str]] = []

    def run(todo: list[str]) -> list[object]:
        calls.append(todo)
        return [f"doc:{t}" for t in todo]

    nlp_a, nlp_b = object(), object()
    assert memo.parse(nlp_a, ["x", "y", "x"], True, run) == ["doc:x", "doc:y", "doc:x"]  # type: ignore[arg-type]
    assert calls == [["x", "y"]]
    memo.parse(nlp_a, ["x", "z"], True, run)  # type: ignore[arg-type]
    assert calls[-1] == ["z"]  # x kept; y is the oldest and goes
    memo.parse(nlp_a, ["y"], True, run)  # type: ignore[arg-type]
    assert calls[-1] == ["y"]
    memo.parse(nlp_a, ["y"], False, run)  # type: ignore[arg-type]
    assert calls[-2:] == [["y"], ["y"]]  # without entities it is another parse
    memo.parse(nlp_b, ["y"], True, run)  # type: ignore[arg-type]
    assert calls[-3:] == [["y"], ["y"], ["y"]]  # another pipeline: nothing kept
