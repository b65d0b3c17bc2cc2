"""spaCy's transition-based components (parser, entity recogniser) decoded one step at a time.

A transition component reads a doc as a sequence of moves; at each step its model scores the
moves of every unfinished doc of a batch and the best valid one is taken. spaCy's compiled
greedy decoder runs this loop in C and multiplies the model's last layer with thinc's bundled
BLIS whatever matrix ops the model was built with, and BLIS falls back to its reference kernel
on a processor its build does not know ("libblis: selecting sub-configuration 'generic'" on the
AMD EPYC of these machines: about three times slower than numpy's OpenBLAS on a tok2vec layer's
matrices).
``decode`` takes the same steps from Python through the component's own step model, which
multiplies with the model's ops (numpy's BLAS: ``nlp.load_nlp``, which puts every layer on them),
and chooses the same move at each step: the best valid one (``transition_states``).

Measured on PolNeAR dev's 1,816 selected paragraphs (79,338 tokens), one process: the parser
1.6-1.7 CPU s in C, 0.7-0.9 stepped with its output layer on BLIS, 0.6 with every layer on
numpy (train's 16,271 paragraphs: 14.8 s in C, 10.0 and 6.1 stepped); the recogniser on its
stretches 1.5 with the width-1 beam used before, 1.3-1.5 stepped, 1.1-1.2 all on numpy. Heads,
labels, sentence starts and entities are the same on every paragraph of PolNeAR dev and train;
tests/test_nlp.py compares with spaCy's own decoding.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline.transition_parser import Parser
    from spacy.tokens import Doc


def steppable(component: object) -> bool:
    """True for a transition component ``decode`` can run: greedy (a beam width of 1) on numpy
    ops. Others (a beam, a GPU's ops) keep spaCy's own decoder."""
    from spacy.pipeline.transition_parser import Parser
    from thinc.api import NumpyOps

    if not isinstance(component, Parser) or component.cfg.get("beam_width", 1) != 1:
        return False
    return isinstance(component.model.ops, NumpyOps)


def decode(component: Parser, docs: Sequence[Doc]) -> None:
    """Annotate ``docs`` (through the components before ``component``) with ``component``'s
    moves, the best valid move at each step, all docs of the batch stepped together (a finished
    doc drops out)."""
    batch = list(docs)
    states = component.moves.init_batch(batch)
    if any(len(doc) for doc in batch):
        model = component.model.predict(batch)
        todo = [state for state in states if not state.is_final()]
        while todo:
            todo = component.transition_states(todo, model.predict(todo))
        model.clear_memory()
    component.set_annotations(batch, states)


def annotated(component: object, docs: Iterable[Doc], batch_size: int) -> Iterator[Doc]:
    """``docs`` through ``component`` in batches of ``batch_size``, in order: decoded by
    ``decode`` where ``steppable``, else by the component's own ``pipe`` (or call)."""
    from spacy.util import minibatch

    if steppable(component):
        for batch in minibatch(docs, size=batch_size):
            decode(cast("Parser", component), batch)
            yield from batch
    elif hasattr(component, "pipe"):
        yield from cast(Any, component).pipe(docs, batch_size=batch_size)
    else:
        yield from map(cast(Any, component), docs)


def parse(
    nlp: Language, texts: Sequence[str], batch_size: int, disable: Sequence[str]
) -> list[Doc]:
    """``list(nlp.pipe(texts, batch_size=batch_size, disable=disable))``, the steppable
    components (``steppable``) decoded by ``decode``."""
    docs: Iterable[Doc] = (nlp.make_doc(text) for text in texts)
    for name, component in nlp.pipeline:
        if name not in disable:
            docs = annotated(component, docs, batch_size)
    return list(docs)
