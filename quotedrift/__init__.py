"""quotedrift: find how quotations drift as a news story is rewritten across outlets.

The public API mirrors the command line::

    import quotedrift
    report = quotedrift.compare(["data/story"])          # Report record
    result = quotedrift.extract(["data/story"])          # ExtractResult record
    text = quotedrift.render_report(report, "markdown")
    result = quotedrift.check("draft.docx", ["wire.txt"])  # CheckResult record
    print(result.summary)  # "3 quotations checked against 1 source: none fails"
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from quotedrift.config import Settings, load_settings
from quotedrift.errors import (
    CacheError,
    ConfigError,
    InputError,
    ModelError,
    NoArticlesError,
    QuotedriftError,
)
from quotedrift.records import (
    Alignment,
    Article,
    Cue,
    Drift,
    Extraction,
    Metrics,
    Problem,
    Quote,
    Reference,
    Report,
    Speaker,
    SpeakerRef,
    Statement,
    Version,
)

if TYPE_CHECKING:
    from quotedrift.report.extraction import render_extraction
    from quotedrift.report.text import render_report
    from quotedrift.run.check import CheckResult, check
    from quotedrift.run.pipeline import ExtractResult, compare, extract

__version__ = "0.1.0"

__all__ = [
    "Alignment",
    "Article",
    "CacheError",
    "ConfigError",
    "CheckResult",
    "Cue",
    "Drift",
    "ExtractResult",
    "Extraction",
    "InputError",
    "Metrics",
    "ModelError",
    "NoArticlesError",
    "Problem",
    "Quote",
    "QuotedriftError",
    "Reference",
    "Report",
    "Settings",
    "Speaker",
    "SpeakerRef",
    "Statement",
    "Version",
    "__version__",
    "check",
    "compare",
    "extract",
    "load_settings",
    "render_extraction",
    "render_report",
]

_LAZY = {
    "check": "run.check",
    "CheckResult": "run.check",
    "compare": "run.pipeline",
    "extract": "run.pipeline",
    "ExtractResult": "run.pipeline",
    "render_extraction": "report.extraction",
    "render_report": "report.text",
}


def __getattr__(name: str) -> Any:
    # The pipeline pulls in numpy, spaCy and the encoder wiring: import it only when used, so that
    # `import quotedrift` for the records stays cheap.
    if name in _LAZY:
        import importlib

        module = importlib.import_module(f".{_LAZY[name]}", __name__)
        return getattr(module, name)
    raise AttributeError(f"module 'quotedrift' has no attribute {name!r}")


def __dir__() -> list[str]:
    # The lazy names are not in the module's namespace until used: list them all the same.
    return sorted(set(globals()) | set(__all__))
