"""Parses of paragraphs already seen in this process, reused.

A wire dispatch republished by many outlets repeats whole paragraphs word for word (in the scale
benchmark's folder of rewrites, 59% of its words). spaCy's parse of a text does not depend
on what else is in its batch, and extraction only reads a parse, so each distinct paragraph is
parsed once per process and its Doc shared by every article that carries it.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Paragraphs kept (least recently used dropped first): a folder's wire copies arrive close
# together, and a few thousand short Docs are tens of megabytes.
MAX_KEPT = 2048


class ParseMemo:
    """Docs by (paragraph text, entities run), for one pipeline at a time."""

    def __init__(self, max_kept: int = MAX_KEPT) -> None:
        self.max_kept = max_kept
        self._nlp: Language | None = None
        self._docs: OrderedDict[tuple[str, bool], Doc] = OrderedDict()

    def parse(
        self,
        nlp: Language,
        texts: Sequence[str],
        entities: bool,
        run: Callable[[list[str]], list[Doc]],
    ) -> list[Doc]:
        """A Doc for each of ``texts``: the kept one, else from ``run`` (called once, on the
        distinct texts not kept, in first-seen order). Another pipeline than last time starts
        the memo afresh."""
        if self._nlp is not nlp:
            self._nlp = nlp
            self._docs.clear()
        known: dict[str, Doc] = {}
        for text in texts:
            doc = self._docs.get((text, entities))
            if doc is not None:
                known[text] = doc
                self._docs.move_to_end((text, entities))
        todo = list(dict.fromkeys(t for t in texts if t not in known))
        known.update(zip(todo, run(todo), strict=True))
        for text in todo:
            self._docs[(text, entities)] = known[text]
        while len(self._docs) > self.max_kept:
            self._docs.popitem(last=False)
        return [known[t] for t in texts]
