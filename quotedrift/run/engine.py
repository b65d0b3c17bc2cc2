"""Engines: where extraction and embedding run. The work itself is plain functions over batches
(``extract_batch``, ``encode_batch``) so any engine can call them; an engine only decides where
the batches go.

``local`` (the default) runs them in this process, extraction spread over worker processes. On a
2-core machine nothing beats it (see the notes on distributed engines); ``ray`` (ray_engine.py)
is for clusters. Alignment, drift and the report always run on the driver: alignment needs every
speaker's statements across articles together with the chosen reference article, and costs little
next to parsing and encoding.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Protocol

from quotedrift.comparison.embedding import Embedder, load_embedder, preload
from quotedrift.config import Settings
from quotedrift.errors import ConfigError
from quotedrift.records import Article, Extraction
from quotedrift.run.batches import extraction_options

ENGINES: tuple[str, ...] = ("local", "ray")


class Engine(Protocol):
    """Where extraction and embedding run.

    name: ``local`` or ``ray``.
    """

    name: str

    def extract(self, articles: Sequence[Article]) -> list[Extraction]:
        """Extractions of ``articles`` in the order given; identical whatever the engine."""
        ...

    def embedder(self) -> Embedder:
        """The embedder to use for this run (cached per ``settings.cache``)."""
        ...

    def close(self) -> None:
        """Release workers (a no-op for engines without any)."""
        ...


class LocalEngine:
    """Extraction over ``settings.processes`` worker processes, encoding in this process.

    While worker processes extract, this process would only wait: if ``embedder()`` was asked
    for before ``extract``, its model loads meanwhile (torch and sentence-transformers imports
    are most of a small run's cost). Nothing loads when every article came from the extraction
    cache (``extract`` is then not called), so a cached run imports neither torch nor spaCy.
    """

    name = "local"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._embedder: Embedder | None = None

    def workers(self, articles: int) -> int:
        """How many worker processes ``extract`` starts for this many articles (0: it runs in
        this process)."""
        count = min(self.settings.processes or (os.cpu_count() or 1), articles)
        return count if count > 1 else 0

    def extract(self, articles: Sequence[Article]) -> list[Extraction]:
        """See Engine.extract. Raises ModelError when no spaCy model is installed."""
        if not articles:
            return []
        from quotedrift.extraction.article import extract_articles

        started = None
        if self._embedder is not None and self.workers(len(articles)):
            _import_pool_modules()
            embedder = self._embedder

            def started() -> None:
                # After the workers exist: a loading thread in this process would rule out
                # forking them (extraction._start_method).
                preload(embedder)

        return extract_articles(
            articles,
            processes=self.settings.processes,
            started=started,
            max_seconds=self.settings.max_article_seconds or None,
            **extraction_options(self.settings),
        )

    def embedder(self) -> Embedder:
        """See Engine.embedder: one per engine, its model loaded during the next extraction in
        worker processes. Raises ModelError when the model is absent."""
        if self._embedder is None:
            self._embedder = load_embedder(self.settings)
        return self._embedder

    def close(self) -> None:
        """Nothing to release: worker pools close with each extract call."""


def _import_pool_modules() -> None:
    """Import what the extraction workers' pool needs before the model starts loading in another
    thread (a pool may be started again while it loads, to retry after a worker died).

    torch imports parts of multiprocessing too; two threads importing the same modules at once
    wait on each other's import locks and, in the worst interleaving, deadlock. Imported here
    first, they are already in ``sys.modules`` when both threads get to them.
    """
    import concurrent.futures.process  # noqa: F401
    import multiprocessing.queues
    import multiprocessing.synchronize  # noqa: F401

    if os.name == "posix":
        import multiprocessing.popen_fork
        import multiprocessing.popen_spawn_posix  # noqa: F401


def load_engine(settings: Settings) -> Engine:
    """The engine ``settings.engine`` names.

    Raises ConfigError for an unknown name, or for ``ray`` when Ray is not installed.
    """
    if settings.engine == "local":
        return LocalEngine(settings)
    if settings.engine == "ray":
        from quotedrift.run.ray_engine import RayEngine

        return RayEngine(settings)
    raise ConfigError(f"unknown engine {settings.engine!r}: choose one of {', '.join(ENGINES)}")
