"""Embeddings: the real bundled model, the on-disk cache and its repair, model errors."""

from __future__ import annotations

import logging
import os
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from quotedrift.comparison.embedding import (
    CachedEmbedder,
    SentenceTransformerEmbedder,
    load_embedder,
    resolve_model_path,
)
from quotedrift.config import Settings
from quotedrift.errors import ModelError

os.environ["HF_HUB_OFFLINE"] = "1"


class CountingEmbedder:
    """Wraps the real embedder and records what it was asked to compute."""

    def __init__(self, inner: SentenceTransformerEmbedder) -> None:
        self.inner = inner
        self.identity = inner.identity
        self.calls: list[list[str]] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(list(texts))
        return self.inner.encode(texts)


@pytest.fixture(scope="module")
def real() -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder()


@pytest.mark.model
def test_real_vectors_are_normalised_and_meaningful(real: SentenceTransformerEmbedder) -> None:
    vectors = real.encode(
        [
            "The minister said taxes would be cut next year.",
            "Taxes will be lowered next year, according to the minister.",
            "The cat slept on a warm windowsill all afternoon.",
        ]
    )
    assert vectors.shape == (3, 384)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    paraphrase = float(vectors[0] @ vectors[1])
    unrelated = float(vectors[0] @ vectors[2])
    assert paraphrase > 0.6 > unrelated


@pytest.mark.model
def test_empty_input(real: SentenceTransformerEmbedder, tmp_path: Path) -> None:
    assert real.encode([]).shape == (0, 384)
    assert CachedEmbedder(real, tmp_path).encode([]).shape == (0, 384)


def test_identity_is_stable_and_follows_the_files(tmp_path: Path) -> None:
    a, b = SentenceTransformerEmbedder(), SentenceTransformerEmbedder()
    assert a.identity == b.identity
    assert a.identity.startswith("all-MiniLM-L6-v2@")
    # a local folder: identity changes with the weights and with the pooling config
    (tmp_path / "model.safetensors").write_bytes(b"weights v1")
    first = SentenceTransformerEmbedder(str(tmp_path)).identity
    (tmp_path / "model.safetensors").write_bytes(b"weights v2")
    second = SentenceTransformerEmbedder(str(tmp_path)).identity
    (tmp_path / "1_Pooling").mkdir()
    (tmp_path / "1_Pooling" / "config.json").write_text('{"word_embedding_dimension": 8}')
    third = SentenceTransformerEmbedder(str(tmp_path))
    assert len({first, second, third.identity}) == 3
    assert third.dim == 8


@pytest.mark.model
def test_cache_hit_on_second_call(real: SentenceTransformerEmbedder, tmp_path: Path) -> None:
    counting = CountingEmbedder(real)
    cached = CachedEmbedder(counting, tmp_path)
    texts = ["one quote", "another quote", "one quote"]
    first = cached.encode(texts)
    assert (cached.stats.hits, cached.stats.misses) == (0, 2)
    assert counting.calls == [["one quote", "another quote"]]  # each distinct text once
    second = cached.encode(texts)
    assert (cached.stats.hits, cached.stats.misses) == (2, 0)
    assert len(counting.calls) == 1
    assert np.array_equal(first, second)
    assert np.array_equal(first[0], first[2])
    # a new cache object on the same folder reads the same vectors
    again = CachedEmbedder(counting, tmp_path)
    assert np.array_equal(again.encode(["another quote"])[0], first[1])
    assert again.stats.hits == 1


@pytest.mark.model
@pytest.mark.parametrize("damage", ["truncated", "wrong_dim", "not_unit", "garbage_file"])
def test_corrupted_cache_is_rebuilt_with_a_warning(
    real: SentenceTransformerEmbedder,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    damage: str,
) -> None:
    texts = ["first text", "second text"]
    cached = CachedEmbedder(real, tmp_path)
    good = cached.encode(texts)
    cached.close()
    path = tmp_path / CachedEmbedder.FILENAME
    if damage == "garbage_file":
        path.write_bytes(b"this is not a database" * 100)
    else:
        with sqlite3.connect(path) as conn:
            key, dim, blob = conn.execute("SELECT key, dim, vec FROM vectors LIMIT 1").fetchone()
            if damage == "truncated":
                row = (dim, blob[: len(blob) // 2])
            elif damage == "wrong_dim":
                row = (dim // 2, blob[: len(blob) // 2])
            else:
                row = (dim, (np.frombuffer(blob, "<f4") * 3).astype("<f4").tobytes())
            conn.execute("UPDATE vectors SET dim = ?, vec = ? WHERE key = ?", (*row, key))
    repaired = CachedEmbedder(real, tmp_path)
    with caplog.at_level(logging.WARNING, logger="quotedrift"):
        vectors = repaired.encode(texts)
    assert any("cache" in r.getMessage() and r.levelno == logging.WARNING for r in caplog.records)
    assert np.allclose(vectors, good, atol=1e-6)
    assert repaired.stats.misses >= 1
    # rebuilt: the next encode is all hits and silent
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="quotedrift"):
        repaired.encode(texts)
    assert repaired.stats.hits == 2 and repaired.stats.misses == 0
    assert not caplog.records


@pytest.mark.parametrize("model", ["no-such-model", "sentence-transformers/all-mpnet-base-v2"])
def test_missing_model_raises_model_error(model: str) -> None:
    with pytest.raises(ModelError, match="not found"):
        SentenceTransformerEmbedder(model)


def test_folder_without_weights_raises_model_error(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(ModelError, match="no weights"):
        resolve_model_path(str(tmp_path))


def test_load_embedder_follows_settings(tmp_path: Path) -> None:
    cached = load_embedder(Settings(cache_dir=tmp_path))
    assert isinstance(cached, CachedEmbedder)
    plain = load_embedder(Settings(cache=False))
    assert isinstance(plain, SentenceTransformerEmbedder)
    with pytest.raises(ModelError):
        load_embedder(Settings(model=str(tmp_path / "absent")))


_CACHED_RUN = """
import sys
from pathlib import Path
from quotedrift.config import Settings
from quotedrift.comparison.embedding import load_embedder
embedder = load_embedder(Settings(cache_dir=Path(sys.argv[1])))
vectors = embedder.encode(["a cached quotation", "another one"])
print(vectors.shape, embedder.stats.hits, embedder.stats.misses, "torch" in sys.modules)
"""


@pytest.mark.model
def test_fully_cached_encode_does_not_import_torch(tmp_path: Path) -> None:
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    run = [sys.executable, "-c", _CACHED_RUN, str(tmp_path)]
    first = subprocess.run(run, capture_output=True, text=True, env=env, check=True)
    assert first.stdout.split() == ["(2,", "384)", "0", "2", "True"]
    second = subprocess.run(run, capture_output=True, text=True, env=env, check=True)
    assert second.stdout.split() == ["(2,", "384)", "2", "0", "False"]
