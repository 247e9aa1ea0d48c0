"""What every run of the command line shares, whichever command it runs and however it is parsed
(``cli.py`` through Typer, ``scan_fast.py`` without it): ``-v`` after the command, Ctrl-C, an
internal error, and the exit. Imports nothing heavy: a pre-commit scan imports this, not Typer."""

import os
import sys
from typing import List

from zenml_migrate.commands import EXIT_ERROR

#: what a Ctrl-C at this point of the run leaves behind, said after "interrupted" (a command sets it)
INTERRUPT_NOTE = [""]
_VERBOSE_FLAGS = ("-v", "--verbose")


def verbose_first(argv: List[str]) -> List[str]:
    """``-v/--verbose`` is a root option; accept it after the command too (``migrate code --fix -v``)."""
    cut = argv.index("--") if "--" in argv else len(argv)
    if not any(a in _VERBOSE_FLAGS for a in argv[:cut]):
        return argv
    return ["--verbose", *[a for i, a in enumerate(argv) if not (a in _VERBOSE_FLAGS and i < cut)]]


def internal_error(exc: BaseException, verbose: bool) -> int:
    """An unexpected exception: one line on stderr (the traceback with ``--verbose``), exit 2,
    never the findings code 1. Nothing from the input is quoted beyond the exception's own
    one-line text, with control characters and known secrets masked."""
    import traceback

    from zenml_migrate.redact import REDACTOR, printable

    if verbose:
        sys.stderr.write(REDACTOR.text("".join(traceback.format_exception(type(exc), exc, exc.__traceback__))))
    detail = " ".join(REDACTOR.text(printable(str(exc))).split())
    detail = f"{type(exc).__name__}: {detail[:200]}" if detail else type(exc).__name__
    hint = "" if verbose else " (run with -v for the traceback)"
    sys.stderr.write(f"error: internal error, the run stopped: {detail}{hint}; please report it\n")
    return EXIT_ERROR


def _interrupted() -> None:
    """Ctrl-C: stop our worker processes now and exit 130. A plain exit would first wait for
    every queued file (the process pool's exit handler joins its workers)."""
    import multiprocessing

    for child in multiprocessing.active_children():  # only this run's own workers
        try:
            child.kill()
        except (OSError, ValueError):
            pass
    sys.stderr.write(f"interrupted{INTERRUPT_NOTE[0]}\n")
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(130)


def _caused_by_interrupt(exc: BaseException) -> bool:
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, KeyboardInterrupt):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def printable_streams() -> None:
    """A file name that is not UTF-8 (kept by Python as surrogates) is printed escaped, never a crash."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError, OSError):
            pass


def guarded(run, verbose: bool) -> None:
    """``run()``, a command of the command line: a Ctrl-C stops the workers and exits 130, an
    unexpected exception is an internal error (exit 2)."""
    try:
        run()
    except KeyboardInterrupt:
        _interrupted()
    except SystemExit as exc:  # Typer turns Ctrl-C into exit 130: the workers must go too
        if _caused_by_interrupt(exc):
            _interrupted()
        raise
    except Exception as exc:  # noqa: BLE001 - the one place every unexpected error ends up
        sys.exit(internal_error(exc, verbose))


def end(main) -> None:
    """The process entry point (console scripts, ``python -m zenml_migrate``): ``main()``, then
    the exit. When nothing is registered to run at exit, the process ends without tearing the
    interpreter down: freeing every object of the run (ASTs, the ZenML indexes, the rule
    catalog) one by one costs a quarter of a pre-commit scan (~25 ms). ``main()`` itself
    still raises SystemExit (tests call it in-process)."""
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code
    _exit(code)


def _finished_pool_hooks() -> int:
    """The atexit callbacks a process pool leaves behind once it is shut down, when they have
    nothing left to do (no live child, no pending finalizer): multiprocessing's and logging's
    (concurrent.futures imports logging). -1 when something is still alive. The scan's pools
    are shut down before the report is written; teardown after them cost 30-90 ms."""
    util = sys.modules.get("multiprocessing.util")
    if util is None:
        return 0
    import multiprocessing
    import weakref

    if multiprocessing.active_children() or getattr(util, "_finalizer_registry", True) or weakref.finalize._registry:
        return -1
    return 1 + ("logging" in sys.modules)


def _finished_pool_hook(hook) -> bool:
    """A ``threading`` exit hook of concurrent.futures with no pool thread left to join."""
    process = sys.modules.get("concurrent.futures.process")
    return (
        process is not None
        and _hook_function(hook) is getattr(process, "_python_exit", None)
        and not getattr(process, "_threads_wakeups", True)
    )


def _hook_function(hook):
    """The function a ``threading._register_atexit`` hook calls: a ``functools.partial`` up to
    Python 3.11, a lambda over ``func`` from 3.12 on (the quick exit never happened there)."""
    func = getattr(hook, "func", None)
    if func is not None:
        return func
    for cell in getattr(hook, "__closure__", None) or ():
        try:
            value = cell.cell_contents
        except ValueError:  # an empty cell
            continue
        if callable(value):
            return value
    return hook


def _exit(code) -> None:
    import atexit
    import threading

    if code is None:
        code = 0
    quiet_exit = (
        isinstance(code, int)
        # nothing registered, or only the hooks of a process pool that is shut down already
        and getattr(atexit, "_ncallbacks", lambda: 1)() == _finished_pool_hooks()
        and all(_finished_pool_hook(f) for f in getattr(threading, "_threading_atexits", None) or ())
        and all(t.daemon or t is threading.main_thread() for t in threading.enumerate())
    )
    if quiet_exit:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):
            quiet_exit = False  # a closed pipe: the interpreter's own exit reports it as before
    if quiet_exit:
        os._exit(code)
    sys.exit(code)

