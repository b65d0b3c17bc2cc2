"""Loading the encoder in the background while extraction runs in worker processes: the vectors
are the same, the model loads once, failures surface at encode, and nothing loads in-process or
on a fully cached run."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from quotedrift.comparison.embedding import CachedEmbedder, SentenceTransformerEmbedder, preload
from quotedrift.config import Settings
from quotedrift.errors import ModelError
from quotedrift.read import ingest
from quotedrift.run.engine import LocalEngine

os.environ["HF_HUB_OFFLINE"] = "1"

ROOT = Path(__file__).resolve().parent.parent
STORY = ROOT / "data" / "story"
TEXTS = [
    "We will not raise taxes this year.",
    "The minister said the plan would cost 4 billion euros.",
    "We will not raise taxes this year.",
    "",
]


class PlainEmbedder:
    """An embedder without ``preload``: preloading it must do nothing."""

    identity = "plain@0"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return np.ones((len(texts), 2), dtype=np.float32) / np.sqrt(2)


@pytest.mark.model
def test_preloaded_vectors_equal_loaded_on_demand() -> None:
    on_demand = SentenceTransformerEmbedder().encode(TEXTS)
    early = SentenceTransformerEmbedder()
    early.preload()
    assert early.preloading
    assert np.array_equal(early.encode(TEXTS), on_demand)


@pytest.mark.model
def test_encode_waits_for_the_load_under_way(monkeypatch: pytest.MonkeyPatch) -> None:
    import sentence_transformers

    real = sentence_transformers.SentenceTransformer
    built: list[str] = []
    threads: list[str] = []

    def counting(*args: Any, **kwargs: Any) -> Any:
        built.append(str(args[0]))
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(sentence_transformers, "SentenceTransformer", counting)
    embedder = SentenceTransformerEmbedder()
    embedder.preload()
    embedder.preload()  # a second call starts nothing new
    vectors = embedder.encode(TEXTS[:2])
    assert vectors.shape == (2, embedder.dim)
    assert len(built) == 1
    assert threads == ["quotedrift-encoder-load"]


def test_broken_model_raises_at_encode_not_at_preload(tmp_path: Path) -> None:
    (tmp_path / "model.safetensors").write_bytes(b"not a weights file")
    embedder = SentenceTransformerEmbedder(str(tmp_path))
    embedder.preload()  # must not raise: the failure belongs to the caller of encode
    with pytest.raises(ModelError, match="cannot load model"):
        embedder.encode(["anything"])


def test_preload_leaves_other_embedders_alone(tmp_path: Path) -> None:
    plain = PlainEmbedder()
    preload(plain)  # no preload method: nothing to do, nothing raised
    cached = CachedEmbedder(plain, tmp_path)
    preload(cached)
    assert cached.encode(["a"]).shape == (1, 2)


def test_preload_through_the_cache_reaches_the_encoder(tmp_path: Path) -> None:
    inner = SentenceTransformerEmbedder()
    cached = CachedEmbedder(inner, tmp_path)
    assert not inner.preloading
    preload(cached)
    assert inner.preloading


@pytest.mark.parametrize(
    ("processes", "articles", "workers"),
    [(2, 4, 2), (2, 1, 0), (1, 4, 0), (3, 2, 2), (0, 1, 0)],
)
def test_workers_follow_processes_and_article_count(
    processes: int, articles: int, workers: int
) -> None:
    assert LocalEngine(Settings(processes=processes)).workers(articles) == workers


def test_workers_default_to_one_per_core() -> None:
    cores = os.cpu_count() or 1
    expected = min(cores, 4) if min(cores, 4) > 1 else 0
    assert LocalEngine(Settings(processes=0)).workers(4) == expected


@pytest.mark.model
@pytest.mark.parametrize(("processes", "loads"), [(2, True), (1, False)])
def test_model_loads_during_extraction_only_with_workers(
    processes: int, loads: bool, tmp_path: Path
) -> None:
    settings = Settings(processes=processes, cache_dir=tmp_path)
    articles, _ = ingest.read_articles([STORY], settings)
    engine = LocalEngine(settings)
    embedder = engine.embedder()
    assert isinstance(embedder, CachedEmbedder)
    inner = embedder.inner
    assert isinstance(inner, SentenceTransformerEmbedder)
    extractions = engine.extract(articles)
    assert sum(len(e.quotes) for e in extractions) > 0
    assert inner.preloading is loads
