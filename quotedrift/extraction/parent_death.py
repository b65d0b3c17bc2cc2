"""Worker processes that end when the process that started them does.

A run ended from outside (``timeout``, systemd, the OOM killer: SIGTERM or SIGKILL) gets no
chance to stop its extraction workers, and a worker blocked on its task queue would otherwise
live on for minutes holding a loaded pipeline (about 150 MB each).
"""

from __future__ import annotations

import os
import signal
import sys
import threading

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_POLL_SECONDS = 1.0


def end_with_parent(parent: int) -> None:
    """Make this process end when process ``parent`` does.

    On Linux the kernel sends SIGKILL at the parent's death (``PR_SET_PDEATHSIG``; strictly, at
    the death of the parent's thread that started this process, which for the extraction pool is
    the thread that waits for its results). Elsewhere, or when prctl is unavailable, a daemon
    thread checks once a second whether this process has been handed to another parent.
    A parent that died before this call is caught by the same check, at once.
    """
    if sys.platform.startswith("linux") and _set_pdeathsig(signal.SIGKILL):
        if os.getppid() != parent:
            os._exit(1)  # the parent died before the signal was asked for
        return
    thread = threading.Thread(target=_watch, args=(parent,), name="parent-watch", daemon=True)
    thread.start()


def _set_pdeathsig(signum: int) -> bool:
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(PR_SET_PDEATHSIG, int(signum), 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    stop = threading.Event()
    while not stop.wait(_POLL_SECONDS):
        if os.getppid() != parent:
            os._exit(1)
