"""The Ray engine: extraction and embedding as Ray Data ``map_batches`` over actor pools, each
actor loading its model once (spaCy for extraction, the sentence encoder for embedding).

Install with ``pip install quotedrift[ray]``. Runs on a local Ray instance by default, or joins
the cluster at ``settings.ray_address``. Records cross the process boundary as JSON text (the
same form as the caches), vectors as float32 rows; results come back in the order given.

On a cluster the driver's paths are not the workers' paths: articles travel to the actors as data
(their decoded text and metadata), never as paths to open. A worker node that dies mid-job is
survived by Ray Data's defaults (actors restarted elsewhere, their lost batches retried); a job
that stops making progress (no batch finished for ``settings.ray_stall_timeout`` seconds, e.g.
every worker node gone) fails with a ClusterError instead of waiting for nodes forever. Every job,
however it ends, is stopped before the call returns: nothing of it is left calling into Ray.

Every actor reserves half a CPU: an actor pool that takes every CPU starves the read task and the
job stalls for minutes on a small machine (ray-project/ray#44687).
"""

from __future__ import annotations

import json
import logging
import os
import queue
import threading
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from quotedrift.comparison.embedding import CachedEmbedder, Embedder, SentenceTransformerEmbedder
from quotedrift.config import Settings
from quotedrift.errors import ClusterError, ConfigError, QuotedriftError
from quotedrift.records import Article, Extraction
from quotedrift.run import serialize
from quotedrift.run.batches import encode_batch, extract_batch, extraction_options
from quotedrift.run.extraction_cache import extraction_from_json, extraction_to_json

log = logging.getLogger("quotedrift")

_CPUS_PER_ACTOR = 0.5
_EXTRACT_BATCH = 8  # articles per map_batches call, as in extraction/article.py's worker chunks
_ENCODE_BATCH = 512  # texts per call; the encoder re-batches by length inside
_RELEASE_TIMEOUT = 60.0  # seconds to wait for a stopped job's thread (a loaded 2-core machine)


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
        self._owns_ray = False  # started Ray itself (not joined one the caller had connected)

    def _init(self) -> None:
        if self._started:
            return
        if not self.ray.is_initialized():
            self._connect()
            self._owns_ray = True
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

    def _connect(self) -> None:
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
        rows = self._collect(dataset, "extraction", len(items))
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
        rows = self._collect(dataset, "embedding", len(items))
        dim = len(rows[0]["vec"]) if rows else 0
        matrix = np.zeros((len(texts), dim), dtype=np.float32)
        for row in rows:
            matrix[int(row["i"])] = np.asarray(row["vec"], dtype=np.float32)
        return matrix

    def _collect(self, dataset: Any, stage: str, total: int) -> list[dict[str, Any]]:
        """All rows of ``dataset``, streamed from a helper thread so that the wait for the next
        batch can time out: Ray Data retries lost work without limit and would otherwise wait for
        a dead cluster forever. Raises ClusterError (stalled, or work lost for good); errors
        quotedrift raised inside an actor (e.g. ModelError) come through as themselves.

        However it ends, the execution is stopped and its helper thread joined before this
        returns (see ``_release``)."""
        executions = _watch_executions(dataset)
        results: queue.Queue[tuple[str, Any]] = queue.Queue()

        def pump() -> None:
            try:
                for batch in _batches(dataset):
                    results.put(("rows", batch))
                results.put(("done", None))
            except BaseException as exc:  # handed to the caller's thread
                results.put(("error", exc))

        thread = threading.Thread(target=pump, name=f"quotedrift-ray-{stage}", daemon=True)
        thread.start()
        try:
            return self._drain(results, stage, total)
        finally:
            _release(executions, thread)

    def _drain(
        self, results: queue.Queue[tuple[str, Any]], stage: str, total: int
    ) -> list[dict[str, Any]]:
        """The rows the pump thread hands over, until it is done; see ``_collect``."""
        rows: list[dict[str, Any]] = []
        stall = self.settings.ray_stall_timeout
        while True:
            try:
                kind, value = results.get(timeout=stall)
            except queue.Empty:
                raise ClusterError(
                    f"Ray {stage} made no progress for {stall:.0f} s ({len(rows)} of {total} "
                    f"done; {self._alive_nodes()}): check the cluster's worker nodes, or raise "
                    "ray_stall_timeout"
                ) from None
            if kind == "rows":
                rows.extend(value)
            elif kind == "done":
                return rows
            elif isinstance(value, QuotedriftError):
                raise value
            else:
                raise ClusterError(
                    f"Ray {stage} failed after {len(rows)} of {total} ({self._alive_nodes()}): "
                    f"{_first_line(value)}"
                ) from value

    def _alive_nodes(self) -> str:
        try:
            alive = [n for n in self.ray.nodes() if n.get("Alive")]
            cpus = sum(float(n.get("Resources", {}).get("CPU", 0)) for n in alive)
        except Exception as exc:  # the cluster itself may be gone; the message still goes out
            return f"cluster state unknown: {_first_line(exc)}"
        return f"{len(alive)} node(s) alive with {cpus:g} CPU"

    def embedder(self) -> Embedder:
        """The Ray embedder, behind the vector cache unless ``settings.cache`` is False."""
        inner = RayEmbedder(self)
        if not self.settings.cache:
            return inner
        return CachedEmbedder(inner, self.settings.resolved_cache_dir())

    def close(self) -> None:
        """End the connection to Ray if this engine made it: a local instance it started stops; a
        cluster it joined keeps running, only this driver leaves it (left connected, the process
        would go down with the cluster whenever that stops). A connection the caller had made
        is left open."""
        if self._owns_ray and self.ray.is_initialized():
            self.ray.shutdown()
        self._started = False
        self._owns_ray = False


def _watch_executions(dataset: Any) -> list[Any]:
    """A list that receives Ray Data's executor of ``dataset`` when its execution starts, so that
    a stalled one can be stopped (Ray Data has no public call to stop an execution that yields
    nothing). Registered on the dataset's own context, a copy, so no other dataset is watched.
    Stays empty on an older Ray Data without execution callbacks; see ``_release``."""
    executions: list[Any] = []
    context = dataset.context
    if not hasattr(context, "custom_execution_callback_classes"):
        return executions
    from ray.data._internal.execution.execution_callback import ExecutionCallback

    class _Watch(ExecutionCallback):
        def before_execution_starts(self, executor: Any) -> None:
            executions.append(executor)

    context.custom_execution_callback_classes = [*context.custom_execution_callback_classes, _Watch]
    return executions


def _release(executions: Sequence[Any], pump: threading.Thread) -> None:
    """Stop what one job started, whether it finished, failed or stalled: each execution's
    forced shutdown kills its actor pool, cancels its outstanding tasks (``ray.cancel`` with
    force where Ray allows it, plain cancel for actor tasks) and ends its scheduling thread; the
    pump thread then sees the end of the stream and is joined.

    Left running, a stalled execution keeps calling into Ray from its threads: after the
    caller's ``ray.shutdown`` such a call connects to the cluster again, and when that cluster
    goes the connection takes the whole process down with it. An execution that ended by itself
    is already shut down, and shutting it down again does nothing."""
    for executor in executions:
        try:
            executor.shutdown(force=True)
        except Exception as exc:  # a dead cluster may refuse the kills; the threads still stop
            log.warning("stopping a Ray execution: %s", _first_line(exc))
    pump.join(timeout=_RELEASE_TIMEOUT)
    if pump.is_alive():
        log.warning(
            "a Ray job's thread (%s) was still waiting %.0f s after the job was stopped",
            pump.name,
            _RELEASE_TIMEOUT,
        )


def _batches(dataset: Any) -> Iterator[list[dict[str, Any]]]:
    """The dataset's rows, a block's worth at a time, as plain dicts."""
    for batch in dataset.iter_batches(batch_size=None, batch_format="numpy"):
        names = list(batch)
        columns = zip(*batch.values(), strict=True)
        yield [dict(zip(names, values, strict=True)) for values in columns]


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}"
