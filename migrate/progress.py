"""Progress on stderr for runs that take more than a moment.

The engines call a ``Progress`` (``settings.progress``) at no cost to them:

    progress.phase("scanning", total=len(jobs))   # a phase starts (total None: no known size)
    progress.advance()                             # one more file done (any thread)

``NULL_PROGRESS`` does nothing (not a terminal, ``-q``, library use). ``TerminalProgress`` only
counts; a background thread (only when stderr is a terminal: a pre-commit run never starts
it) imports rich, shows a progress line once the run has lasted ``DELAY`` seconds (a short
run draws nothing) and redraws it ten times a second: spinner, phase, bar, files done/total, elapsed time. ``stop()``
erases it before the results are printed.
"""

import sys
import threading
import time
from typing import Optional

DELAY = 0.2  # seconds before anything is drawn (a pre-commit run of one file is over by then)
REFRESH = 0.1


class Progress:
    """Does nothing; the interface the engines call."""

    def phase(self, name: str, total: Optional[int] = None) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass

    def stop(self) -> None:
        pass

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


NULL_PROGRESS = Progress()


class TerminalProgress(Progress):
    def __init__(self, stream=None, delay: float = DELAY):
        self.stream = stream if stream is not None else sys.stderr
        self.name, self.total, self.done = "starting", None, 0
        self.started = time.monotonic()
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(delay,), name="zenml-migrate-progress", daemon=True)
        self._thread.start()

    def phase(self, name: str, total: Optional[int] = None) -> None:
        with self._lock:
            self.name, self.total, self.done = name, total, 0

    def advance(self, n: int = 1) -> None:
        with self._lock:
            self.done += n

    def stop(self) -> None:
        if not self._stopped.is_set():
            self._stopped.set()
            self._thread.join()

    def _run(self, delay: float) -> None:
        try:  # rich is imported while the delay runs (only ever on a terminal)
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, SpinnerColumn, TextColumn, TimeElapsedColumn

            from zenml_migrate.output.color import rich_console_options

            if self._stopped.wait(max(0.0, self.started + delay - time.monotonic())):
                return
            console = Console(**rich_console_options(self.stream), highlight=False)
            columns = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("files"), TimeElapsedColumn()]
            with Bar(*columns, console=console, transient=True, auto_refresh=False, redirect_stdout=False, redirect_stderr=False) as bar:
                task = bar.add_task(self.name, total=self.total)
                while True:  # the first frame at once, then ten a second
                    with self._lock:
                        name, total, done = self.name, self.total, self.done
                    bar.update(task, description=f"{name:<13}", total=total, completed=done)
                    bar.refresh()
                    if self._stopped.wait(REFRESH):
                        break
        except Exception:  # progress must never break a run (a closed terminal, an odd console)
            return


def for_stderr(quiet: bool = False) -> Progress:
    """A progress display when stderr is a terminal and not ``-q``, else ``NULL_PROGRESS``."""
    if quiet:
        return NULL_PROGRESS
    try:
        tty = sys.stderr.isatty()
    except (AttributeError, ValueError):
        tty = False
    return TerminalProgress() if tty else NULL_PROGRESS
