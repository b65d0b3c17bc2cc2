"""The Ray engine: extraction and embedding as Ray Data ``map_batches`` over actor pools, each
actor loading its model once (spaCy for extraction, the sentence encoder for embedding).

Install with ``pip install quotedrift[ray]``. Runs on a local Ray instance by default, or joins
the cluster at ``settings.ray_address``. Records cross the process boundary as JSON text (the
same form as the caches), vectors as float32 rows; results come back in the order given.

Every actor reserves half a CPU: an actor pool that takes every CPU starves the read task and the
job stalls for minutes on a small machine (ray-project/ray#44687).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Sequence
from typing import Any

import numpy as np

from quotedrift.comparison.embedding import CachedEmbedder, Embedder, SentenceTransformerEmbedder
from quotedrift.config import Settings
from quotedrift.errors import ConfigError
from quotedrift.records import Article, Extraction
from quotedrift.run import serialize
from quotedrift.run.batches import encode_batch, extract_batch, extraction_options
from quotedrift.run.extraction_cache import extraction_from_json, extraction_to_json

log = logging.getLogger("quotedrift")

_CPUS_PER_ACTOR = 0.5
_EXTRACT_BATCH = 8  # articles per map_batches call, as in extraction/article.py's worker chunks
_ENCODE_BATCH = 512  # texts per call; the encoder re-batches by length inside


class _ExtractActor:
    """One Ray actor: spaCy loaded once, then batches of article JSON -> extraction JSON."""

    def __init__(self, options: dict[str, bool]) -> None:
        from quotedrift.extraction.nlp import load_nlp

        load_nlp()  # cached for the life of the actor process
        self.options = options

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        articles = [serialize.from_data(Article, json.loads(s)) for s in batch["article"]]
        extractions = extract_batch(articles, **self.options)
        return {"i": batch["i"], "extraction": [extraction_to_json(e) for e in extractions]}


class _EmbedActor:
    """One Ray actor: the sentence encoder loaded once, then batches of texts -> vectors."""

    def __init__(self, model: str, batch_size: int, threads: int) -> None:
        import torch

        torch.set_num_threads(threads)
        self.embedder = SentenceTransformerEmbedder(model, batch_size=batch_size)
        self.embedder._load()  # at actor start, not inside the first batch

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        vectors = encode_batch([str(t) for t in batch["text"]], self.embedder)
        return {"i": batch["i"], "vec": vectors}


def _import_ray() -> Any:
    try:
        import ray
    except ImportError as exc:
        raise ConfigError(
            f"--engine ray needs Ray ({exc}): pip install 'quotedrift[ray]', or use --engine local"
        ) from exc
    return ray


class RayEmbedder:
    """An Embedder whose ``encode`` runs on a Ray actor pool (see module docstring).

    identity equals the in-process encoder's, so cached vectors are shared between engines.
    """

    def __init__(self, engine: RayEngine) -> None:
        # Constructing the encoder checks the model folder and fingerprints it; nothing loads.
        self.identity = SentenceTransformerEmbedder(engine.settings.model).identity
        self.engine = engine

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """See Embedder.encode. Raises ModelError (from the actors) or ConfigError."""
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return self.engine.encode(texts)


class RayEngine:
    """Extraction and embedding on Ray Data (see module docstring).

    Raises ConfigError when Ray is not installed or the cluster cannot be reached.
    """

    name = "ray"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.ray = _import_ray()
        self._started = False

    def _init(self) -> None:
        if self._started or self.ray.is_initialized():
            self._started = True
            return
        # Ray's own progress bars and logs would bury quotedrift's stderr.
        os.environ.setdefault("RAY_DEDUP_LOGS", "0")
        try:
            self.ray.init(
                address=self.settings.ray_address,
                include_dashboard=False,
                log_to_driver=self.settings.verbose,
                logging_level=logging.INFO if self.settings.verbose else logging.ERROR,
                configure_logging=True,
            )
        except (ConnectionError, RuntimeError, ValueError) as exc:
            where = self.settings.ray_address or "a local instance"
            raise ConfigError(f"cannot start or reach Ray at {where}: {exc}") from exc
        self._started = True
        if not self.settings.verbose:
            # Ray Data logs each dataset's start and finish on stderr at INFO.
            for name in ("ray", "ray.data"):
                logging.getLogger(name).setLevel(logging.ERROR)
        from ray.data import DataContext

        context = DataContext.get_current()
        context.enable_progress_bars = False
        context.print_on_execution_start = False
        context.execution_options.preserve_order = True

    def extract(self, articles: Sequence[Article]) -> list[Extraction]:
        """See Engine.extract. Raises ModelError (re-raised from the actors) or ConfigError."""
        if not articles:
            return []
        self._init()
        items = [
            {"i": i, "article": json.dumps(serialize.to_data(a), ensure_ascii=False)}
            for i, a in enumerate(articles)
        ]
        batches = -(-len(items) // _EXTRACT_BATCH)
        # Parsing is the heavy part: at most one spaCy actor per CPU.
        cpus = float(self.ray.cluster_resources().get("CPU", 1))
        pool = max(1, min(batches, int(cpus)))
        dataset = self.ray.data.from_items(items).map_batches(
            _ExtractActor,
            fn_constructor_args=(extraction_options(self.settings),),
            batch_size=_EXTRACT_BATCH,
            compute=self.ray.data.ActorPoolStrategy(size=pool),
            num_cpus=_CPUS_PER_ACTOR,
        )
        rows = dataset.take_all()
        out: list[Extraction | None] = [None] * len(articles)
        for row in rows:
            i = int(row["i"])
            out[i] = extraction_from_json(str(row["extraction"]), articles[i])
        missing = [articles[i].id for i, e in enumerate(out) if e is None]
        if missing:
            raise ConfigError(f"Ray returned no extraction for {', '.join(missing[:5])}")
        return [e for e in out if e is not None]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of ``texts`` computed on the embedding actor pool, in the order given."""
        self._init()
        items = [{"i": i, "text": t} for i, t in enumerate(texts)]
        batches = -(-len(items) // _ENCODE_BATCH)
        cpus = float(self.ray.cluster_resources().get("CPU", 1))
        pool = max(1, min(batches, int(cpus // 2) or 1))
        threads = max(1, int(cpus // pool))
        dataset = self.ray.data.from_items(items).map_batches(
            _EmbedActor,
            fn_constructor_args=(self.settings.model, self.settings.batch_size, threads),
            batch_size=_ENCODE_BATCH,
            compute=self.ray.data.ActorPoolStrategy(size=pool),
            num_cpus=_CPUS_PER_ACTOR,
        )
        rows = dataset.take_all()
        dim = len(rows[0]["vec"]) if rows else 0
        matrix = np.zeros((len(texts), dim), dtype=np.float32)
        for row in rows:
            matrix[int(row["i"])] = np.asarray(row["vec"], dtype=np.float32)
        return matrix

    def embedder(self) -> Embedder:
        """The Ray embedder, behind the vector cache unless ``settings.cache`` is False."""
        inner = RayEmbedder(self)
        if not self.settings.cache:
            return inner
        return CachedEmbedder(inner, self.settings.resolved_cache_dir())

    def close(self) -> None:
        """Shut down the local Ray instance this engine started (a cluster is left running)."""
        if self._started and self.settings.ray_address is None and self.ray.is_initialized():
            self.ray.shutdown()
        self._started = False
