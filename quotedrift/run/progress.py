"""Progress on stderr: a bar in a terminal for runs that last, log lines with -v, else nothing."""

from __future__ import annotations

import logging
import sys
import time
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

log = logging.getLogger("quotedrift")

# Runs shorter than this show nothing: a bar that flashes for half a second is noise.
_SHOW_AFTER = 1.5


class StageProgress:
    """A callable ``progress(message)`` that advances one step per pipeline stage.

    interactive: stderr is a terminal (a rich bar is drawn there once the run has lasted
    _SHOW_AFTER seconds, and removed when it ends); verbose: every stage is logged instead.
    stages: how many calls a run makes, for the bar's length.
    """

    def __init__(self, stages: int, *, interactive: bool | None = None, verbose: bool = False):
        self.stages = stages
        self.interactive = sys.stderr.isatty() if interactive is None else interactive
        self.verbose = verbose
        self.started = time.monotonic()
        self._bar: Progress | None = None
        self._task: TaskID | None = None
        self._done = 0

    def __call__(self, message: str) -> None:
        from quotedrift.report.terminal import printable

        self._done += 1
        message = printable(message, one_line=True)  # it may name a file
        if self.verbose:
            log.info("%s", message)
            return
        if not self.interactive:
            return
        if self._bar is None and time.monotonic() - self.started >= _SHOW_AFTER:
            self._start()
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, completed=self._done - 1, description=message)

    def _start(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        bar = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        bar.start()
        self._task = bar.add_task("", total=self.stages)
        self._bar = bar

    def __enter__(self) -> StageProgress:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.stop()
