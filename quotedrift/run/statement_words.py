"""Texts and words a statement's drift is measured with: vectors by text, and the stems of
what each speaker said in each article (``words_never_said``), each computed once."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping

import numpy as np

from quotedrift.comparison.normalise import vocabulary
from quotedrift.comparison.sentences import Unit
from quotedrift.records import Quote


class TextVectors:
    """Vectors by text: every record's and unit's, and those encoded for the joined texts
    drift compares that no record or unit holds (one encode call for all of them)."""

    def __init__(
        self,
        records: Iterable[Quote],
        units: Iterable[Unit],
        vectors: Mapping[str, np.ndarray],
        encode: Callable[[Mapping[str, str]], Mapping[str, np.ndarray]],
    ) -> None:
        self.by_text: dict[str, np.ndarray] = {}
        for q in records:
            if q.id in vectors:
                self.by_text.setdefault(q.text, vectors[q.id])
        for u in units:
            if u.id in vectors:
                self.by_text.setdefault(u.quote.text, vectors[u.id])
        self.encode = encode

    def add(self, texts: Iterable[str]) -> None:
        missing = sorted({t for t in texts if t not in self.by_text})
        if missing:
            self.by_text.update(self.encode({t: t for t in missing}))

    def cosine(self, a: str, b: str) -> float:
        return float(np.dot(self.by_text[a], self.by_text[b]))


@functools.lru_cache(maxsize=1 << 15)
def _stems(text: str) -> frozenset[str]:
    return vocabulary((text,))


def vocabulary_of(texts: Iterable[str]) -> frozenset[str]:
    """``normalise.vocabulary``, each text's stems computed once (rewrites repeat them)."""
    return frozenset().union(*(_stems(t) for t in texts))


class SpeakerWords:
    """Stems of everything one speaker said in one article, computed once per pair."""

    def __init__(self, records: Iterable[Quote], speaker_of: Mapping[str, str]) -> None:
        self.texts: dict[tuple[str, str], list[str]] = defaultdict(list)
        for q in records:
            self.texts[(q.article, speaker_of.get(q.id, ""))].append(q.text)
        self.cache: dict[tuple[str, str], frozenset[str]] = {}

    def __call__(self, article: str, speaker: str) -> frozenset[str]:
        key = (article, speaker)
        if key not in self.cache:
            self.cache[key] = vocabulary_of(self.texts.get(key, ()))
        return self.cache[key]
