"""The process entry point of ``migrate`` / ``zenml-migrate`` / ``python -m zenml_migrate``.

Loading the command line takes a moment (Typer, the rule catalog); a Ctrl-C then (a command typed
in the wrong folder) ends the process quietly with exit 130, like a Ctrl-C later in the run,
instead of a KeyboardInterrupt traceback out of an import. Nothing is written before the
command runs, so there is nothing to say but that.

Before that loading, the ``git ls-files`` listings of the folders a ``scan``/``code`` command
line names start (``scan/git_listing.py``): git lists the tree on another core meanwhile.
"""

import gc
import os
import signal
import sys


def fewer_gc_passes() -> None:
    """An AST is tens of thousands of objects; the default gen-0 threshold (700) makes the
    collector run hundreds of times per file for nothing. Cycles are still collected. Set for
    the whole run at the entry (loading the command line and the rule catalog, and a cold
    scan's main process gathering the workers' answers, ran ~170 gen-0 passes), and by every
    pool worker (``scan/pool.init_worker``: a spawned worker does not run the entry)."""
    gc.set_threshold(200_000, 20, 20)


def _interrupted_while_loading(signum, frame) -> None:
    try:
        sys.stderr.write("interrupted: nothing was done\n")
        sys.stderr.flush()
    finally:
        os._exit(130)


def entry() -> None:
    fewer_gc_passes()
    previous = signal.getsignal(signal.SIGINT)
    if previous is signal.default_int_handler:  # not when the caller made us ignore it (a background job)
        signal.signal(signal.SIGINT, _interrupted_while_loading)
    from zenml_migrate.scan.git_listing import start_early

    start_early(sys.argv[1:])
    from zenml_migrate import process, scan_fast

    argv = process.verbose_first(sys.argv[1:])
    options, code = scan_fast.parse(argv), False
    if options is None:
        options = scan_fast.parse_code(argv)
        code = options is not None
    if options is not None:  # a plain `migrate scan ...` / `migrate code ...`: no Typer to load
        signal.signal(signal.SIGINT, previous)
        process.end(lambda: scan_fast.main(options, code))
        return
    from zenml_migrate import cli

    signal.signal(signal.SIGINT, previous)
    cli.entry()
