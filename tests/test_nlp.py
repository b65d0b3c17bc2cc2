"""The speed paths of extraction give the same answers as the slow ones they replace: the
set-based cue-word filter, the numpy (OpenBLAS) matrix ops, single-threaded BLAS while parsing
and workers that start without torch."""

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


def _annotations(nlp, texts: list[str]) -> list[tuple]:
    return [
        tuple((t.text, t.tag_, t.dep_, t.head.i, t.is_sent_start) for t in doc)
        for doc in nlp.pipe(texts)
    ]


def test_numpy_ops_parse_like_blis() -> None:
    import spacy
    from thinc.api import NumpyOps

    nlp = load_nlp()
    ops = nlp.get_pipe("tok2vec").model.ops
    assert isinstance(ops, NumpyOps) and not ops.use_blis
    assert "ner" not in nlp.pipe_names and "parser" in nlp.pipe_names
    texts = list(SENTENCES)
    if SEEDS.is_dir():
        texts += [p for f in sorted(SEEDS.glob("*.txt")) for p in f.read_text().split("\n") if p]
    reference = spacy.load(nlp.meta["lang"] + "_" + nlp.meta["name"], exclude=["lemmatizer"])
    reference_ops = reference.get_pipe("tok2vec").model.ops
    assert getattr(reference_ops, "use_blis", True)  # the default ops, for comparison
    reference.disable_pipes("ner", "attribute_ruler")
    with blas_single_thread():
        assert _annotations(nlp, texts) == _annotations(reference, texts)


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
