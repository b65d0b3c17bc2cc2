"""The work every engine runs: plain functions over batches of articles or texts, in this process.

Kept apart from the engines so that an engine module imports them without importing the module
that chooses among engines (no import circle between ``engine`` and ``ray_engine``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from quotedrift.comparison.embedding import Embedder
from quotedrift.config import Settings
from quotedrift.records import Article, Extraction


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
    from quotedrift.extraction.article import extract_articles

    if not articles:
        return []
    return extract_articles(articles, processes=1, indirect=indirect)


def encode_batch(texts: Sequence[str], embedder: Embedder) -> np.ndarray:
    """(len(texts), dim) float32 L2-normalised vectors of one batch. Raises ModelError."""
    return np.asarray(embedder.encode(list(texts)), dtype=np.float32)
