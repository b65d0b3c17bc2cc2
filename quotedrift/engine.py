"""Engines: where extraction and embedding run. The work itself is plain functions over batches
(``extract_batch``, ``encode_batch``) so any engine can call them; an engine only decides where
the batches go.

``local`` (the default) runs them in this process, extraction spread over worker processes. On a
2-core machine nothing beats it (see the notes on distributed engines); ``ray`` (engine_ray.py)
is for clusters. Alignment, drift and the report always run on the driver: alignment needs every
speaker's statements across articles together with the chosen reference article, and costs little
next to parsing and encoding.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

from .config import Settings
from .embed import Embedder, load_embedder
from .errors import ConfigError
from .records import Article, Extraction

ENGINES: tuple[str, ...] = ("local", "ray")


def extraction_options(settings: Settings) -> dict[str, bool]:
    """The settings that change what extraction finds, as keyword arguments of
    ``extraction.extract_articles``; part of every extraction cache and store key."""
    return {"indirect": settings.include_indirect}


def extract_batch(articles: Sequence[Article], *, indirect: bool = True) -> list[Extraction]:
    """Extractions of one batch of articles, in the order given, in this process, with the
    process-wide spaCy pipeline (``nlp.load_nlp``, loaded on first use).

    indirect: also report reported speech (``Settings.include_indirect``).
    Raises ModelError when no spaCy model is installed.
    """
    # Imported here: extraction pulls in the parser wiring, which a cached run never needs.
    from .extraction import extract_articles

    if not articles:
        return []
    return extract_articles(articles, processes=1, indirect=indirect)


def encode_batch(texts: Sequence[str], embedder: Embedder) -> np.ndarray:
    """(len(texts), dim) float32 L2-normalised vectors of one batch. Raises ModelError."""
    return np.asarray(embedder.encode(list(texts)), dtype=np.float32)


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
    """Extraction over ``settings.processes`` worker processes, encoding in this process."""

    name = "local"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def extract(self, articles: Sequence[Article]) -> list[Extraction]:
        """See Engine.extract. Raises ModelError when no spaCy model is installed."""
        if not articles:
            return []
        from .extraction import extract_articles

        return extract_articles(
            articles, processes=self.settings.processes, **extraction_options(self.settings)
        )

    def embedder(self) -> Embedder:
        """See Engine.embedder. Raises ModelError when the model is absent."""
        return load_embedder(self.settings)

    def close(self) -> None:
        """Nothing to release: worker pools close with each extract call."""


def load_engine(settings: Settings) -> Engine:
    """The engine ``settings.engine`` names.

    Raises ConfigError for an unknown name, or for ``ray`` when Ray is not installed.
    """
    if settings.engine == "local":
        return LocalEngine(settings)
    if settings.engine == "ray":
        from .engine_ray import RayEngine

        return RayEngine(settings)
    raise ConfigError(f"unknown engine {settings.engine!r}: choose one of {', '.join(ENGINES)}")
