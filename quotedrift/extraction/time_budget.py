"""A clock on one batch of extraction: an article that takes too long fails alone instead of
holding up the folder.

The size budgets (``Settings.max_article_chars``, ``max_html_extract_bytes``) bound the work an
article can ask for; this is the net under them for text that is slow in a way size does not
show. It uses SIGALRM, so it runs only in a process's main thread on POSIX (an extraction worker,
or ``--processes 1``); elsewhere there is no clock and nothing changes.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType


class TimeBudgetExceeded(Exception):
    """Raised inside the extraction of an article (or a batch) past its time budget."""


@contextlib.contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """A context in which TimeBudgetExceeded is raised once ``seconds`` of wall time have
    passed (None: no budget). The previous SIGALRM handler and timer are put back after."""
    usable = (
        seconds is not None
        and seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return
    assert seconds is not None

    def expired(signum: int, frame: FrameType | None) -> None:
        raise TimeBudgetExceeded(f"took longer than {seconds:g} s (max_article_seconds); skipped")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
