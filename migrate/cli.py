"""The command line: ``migrate scan | code | profiles | rules | explain``.

Exit codes (every subcommand): 0 clean, 1 findings / files changed, 2 usage or input error.
Typer evaluates annotations at run time: no ``X | None`` while Python 3.9 is supported.
"""

import os
import sys
from typing import List, Optional, Tuple

import typer

from zenml_migrate import __version__

app = typer.Typer(
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # help texts are plain text: "[tool.zenml-migrate]" was eaten as markup
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Find, rewrite and migrate ZenML 0.13.2 code, run configs and stacks to ZenML 0.20.",
    epilog="Exit codes, for every command: 0 clean, 1 findings (or files changed / would change), 2 usage or input "
    "error (a bad option, a file that could not be read). `migrate COMMAND --help` says what each command returns.",
)

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _version(value: bool) -> None:
    if value:
        typer.echo(f"zenml-migrate {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
    verbose: bool = typer.Option(False, "-v", "--verbose", help="More detail: timings, and the traceback of an internal error (also accepted after the command)."),
) -> None:
    global VERBOSE
    VERBOSE = verbose
    # every command's last output reaches the stream also when it ends with typer.Exit
    # (click 8.1's test runner buffers sys.stderr and drops what is unflushed at exit)
    ctx.call_on_close(_flush_streams)


def _flush_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass


def fail(message: str) -> "typer.Exit":
    from zenml_migrate.output.color import echo

    echo(f"error: {message}", "red")
    return typer.Exit(EXIT_ERROR)


STDIN_NAME = "<stdin>"  # --stdin-filename's default


def paths_or_fail(paths: Optional[List[str]], stdin_filename: str = STDIN_NAME) -> List[str]:
    """The paths a command was given (default: ``.``); an empty one (``''``, an unset shell
    variable in quotes) is a usage error: it names no file (it printed ``:1:1: ZM001``).
    ``--stdin-filename`` with no path reads stdin (as ruff does: an editor pipes its buffer; it
    scanned ``.`` instead); with paths but no ``-`` it names nothing (it was ignored)."""
    if stdin_filename != STDIN_NAME:
        if not paths:
            return ["-"]
        if "-" not in paths:
            raise fail("--stdin-filename names the text read from stdin: pass - as the path (or no path)")
    if paths and any(not p for p in paths):
        raise fail("an empty path ('') names no file or folder; give a path (. for this folder)")
    return list(paths or ["."])


def read_stdin_or_fail(name: Optional[str]) -> bytes:
    """``-``: the text on stdin, within the size the scan parses (else exit 2, nothing read past it)."""
    from zenml_migrate.safe_read import FileTooLarge, read_stdin
    from zenml_migrate.scan.discovery import kind_of
    from zenml_migrate.scan.read import parse_limit

    limit = parse_limit(kind_of(name or "") or "py")
    try:
        return read_stdin(sys.stdin.buffer, limit)
    except FileTooLarge:
        raise fail(f"stdin is larger than the {limit >> 20} MB this tool parses") from None
    except OSError as exc:
        raise fail(f"cannot read stdin: {exc.strerror or exc}") from None


def _split(values: Optional[List[str]]) -> List[str]:
    out: List[str] = []
    for v in values or []:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


def _selected(rules) -> Optional[Tuple[int, int]]:
    """(rules run, rules in the catalog) when a selection left rules out, else None."""
    from zenml_migrate.rules import all_rules

    total = len(all_rules())
    return (len(rules), total) if len(rules) < total else None


def resolve_selection(config, select, ignore, extend_select):
    """Command line wins over pyproject; codes or prefixes; unknown selectors are an error,
    on the command line and in the config (per-file-ignores too)."""
    from zenml_migrate.rules import select_rules, unknown_selectors

    cli_select, cli_ignore, cli_extend = _split(select), _split(ignore), _split(extend_select)
    bad = unknown_selectors(cli_select + cli_ignore + cli_extend)
    if bad:
        raise fail(f"unknown rule code or prefix: {', '.join(bad)} (see `migrate rules`)")
    per_file = [c for codes in config.per_file_ignores.values() for c in codes]
    bad = unknown_selectors(config.select + config.ignore + config.extend_select + per_file)
    if bad:
        raise fail(f"{config.path}: [tool.zenml-migrate]: unknown rule code or prefix: {', '.join(bad)} (see `migrate rules`)")
    return select_rules(cli_select or config.select, cli_ignore + config.ignore, cli_extend + config.extend_select)


def load_config_or_fail(paths: List[str], config_file: Optional[str]):
    from zenml_migrate.config import ConfigError, load_config

    start = paths[0] if paths and paths[0] != "-" else "."
    try:
        return load_config(start, config_file)
    except ConfigError as exc:
        raise fail(str(exc))


COLOR_HELP = "auto (a terminal, unless NO_COLOR is set; FORCE_COLOR forces it) | always | never"
WORKERS_HELP = "Worker processes (default: CPU count)."
#: where the default cache goes: cache_folder() below, relative to the current folder without pyproject.toml
CACHE_DIR_HELP = "Results cache folder (default: .zenml-migrate-cache next to pyproject.toml, else in the current folder)."


def set_color(choice: Optional[str]) -> None:
    """``--color``: validated first, so every later message follows it."""
    from zenml_migrate.output import color

    try:
        color.set_choice(choice)
    except ValueError as exc:
        color.set_choice("auto")
        raise fail(str(exc))


def scan_settings(paths: List[str], config, rules, exclude, extend_exclude, workers, cache_dir, progress, **extra):
    """The ScanSettings of ``scan`` and ``code``: ``--exclude`` replaces the config's list,
    ``--extend-exclude`` adds to it."""
    from zenml_migrate.scan.engine import ScanSettings

    from zenml_migrate.scan.project_root import find_root

    excluded = (_split(exclude) if exclude else list(config.exclude)) + _split(extend_exclude)
    return ScanSettings(
        project_root=None if extra.get("stdin_data") is not None else find_root(paths, config.path),
        rules=rules,
        exclude=excluded,
        per_file_ignores=config.per_file_ignores,
        workers=workers,
        cache_dir=cache_dir,
        progress=progress,
        **extra,
    )


def cache_folder(no_cache: bool, named: Optional[str], config) -> Tuple[Optional[str], Optional[str]]:
    """``(results cache folder or None, the project folder it must stay in once symbolic links
    are followed)``: the folder the user named with ``--cache-dir`` is used as given (None);
    the default one and the config's ``cache-dir`` belong to the project."""
    if no_cache:
        return None, None
    if named:
        return named, None
    if config.cache_dir:
        return config.cache_dir, os.path.dirname(os.path.abspath(config.path))
    return ".zenml-migrate-cache", "."


def timing_line(verb: str, report, seconds: float) -> str:
    from zenml_migrate.output.words import plural

    cached = f", {report.cached:,} from the cache" if report.cached else ""
    # `migrate scan run.py` indexes the project for cross-file facts: "1 file (47 parsed)" read as a miscount
    project = "; the project's other files too, for cross-file facts" if report.files_parsed + report.cached > report.files_seen else ""
    return f"{verb} {plural(report.files_seen, 'file')} in {seconds:.2f} s ({report.files_parsed:,} parsed{cached}{project})\n"


@app.command(
    epilog="Exit codes: 0 nothing found, 1 findings, 2 a usage error or a file that could not be scanned (the "
    "result is incomplete). --exit-zero: 0 unless the command itself fails (a bad option or configuration, a "
    "report that cannot be written)."
)
def scan(
    paths: List[str] = typer.Argument(None, help="Files or folders to scan (default: .); - reads stdin."),
    output_format: Optional[str] = typer.Option(
        None, "--format", metavar="FORMAT", help="concise | full | grouped | json | json-lines | sarif | github | gitlab | junit | html "
        "(default: full on a terminal, concise otherwise; with --output, the format its name says: .json, .jsonl, .sarif, "
        ".html, .xml (junit), gl-code-quality-report.json (gitlab), else concise)"
    ),
    output: Optional[str] = typer.Option(None, "--output", "-o", metavar="FILE", help="Write the report to FILE."),
    select: Optional[List[str]] = typer.Option(None, "--select", metavar="CODES", help="Only these rule codes or prefixes (comma separated)."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", metavar="CODES", help="Skip these rule codes or prefixes."),
    extend_select: Optional[List[str]] = typer.Option(None, "--extend-select", metavar="CODES", help="Add rule codes or prefixes."),
    exclude: Optional[List[str]] = typer.Option(None, "--exclude", metavar="PATTERNS", help="Skip files and folders matching these patterns (replaces the config's exclude)."),
    extend_exclude: Optional[List[str]] = typer.Option(None, "--extend-exclude", metavar="PATTERNS", help="Skip these patterns too (added to the config's exclude)."),
    statistics: bool = typer.Option(False, "--statistics", help="Print only the number of findings per rule."),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even when something is found."),
    stdin_filename: str = typer.Option(STDIN_NAME, "--stdin-filename", metavar="NAME", help="File name to report for stdin (- ; with no path, stdin is read)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Do not read or write the results cache."),
    cache_dir: Optional[str] = typer.Option(None, "--cache-dir", metavar="DIR", help=CACHE_DIR_HELP),
    workers: Optional[int] = typer.Option(None, "--workers", metavar="N", min=1, help=WORKERS_HELP),
    config_file: Optional[str] = typer.Option(None, "--config", metavar="FILE", help="pyproject.toml to read [tool.zenml-migrate] from."),
    color: Optional[str] = typer.Option(None, "--color", metavar="WHEN", help=COLOR_HELP),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only the findings: no progress, no summary."),
) -> None:
    """Find every ZenML 0.13.2 API that breaks or changes in 0.20."""
    import time

    from zenml_migrate.scan.engine import run_scan
    from zenml_migrate import output as formats
    from zenml_migrate.output.common import RenderOptions

    started = time.perf_counter()
    set_color(color)
    paths = paths_or_fail(paths, stdin_filename)
    for option, value in (("--output", output), ("--cache-dir", cache_dir), ("--config", config_file)):
        if value == "":  # an unset variable in quotes: it printed to stdout / used the default, silently
            raise fail(f"{option} '' names no file or folder")
    if output_format is None:
        fmt = formats.default_format(_is_terminal(sys.stdout), output)
    else:
        fmt = formats.normalize(output_format)
        if fmt is None:
            raise fail(f"unknown --format {output_format!r}; choose one of {', '.join(formats.FORMATS)}")
    if statistics and fmt not in formats.TEXT_FORMATS + ("json",):
        raise fail(f"--statistics prints a table (or JSON with --format json), not --format {fmt}")
    if "-" in paths and paths != ["-"]:
        raise fail("- (stdin) cannot be combined with other paths")
    from zenml_migrate.progress import for_stderr

    with for_stderr(quiet or paths == ["-"]) as progress:  # from the start: loading the rules takes a moment too
        config = load_config_or_fail(paths, config_file)
        rules = resolve_selection(config, select, ignore, extend_select)
        stdin_data = read_stdin_or_fail(stdin_filename) if paths == ["-"] else None
        folder, inside = cache_folder(no_cache, cache_dir, config)
        settings = scan_settings(
            paths, config, rules, exclude, extend_exclude, workers, folder, progress,
            stdin_data=stdin_data, stdin_filename=stdin_filename, cache_inside=inside,
        )
        report = run_scan(paths, settings)
    from zenml_migrate.fix.tracker_names import annotate

    where = f"{config.path}: [tool.zenml-migrate] experiment-tracker" if config.path else "pyproject"
    report.findings = annotate(report.findings, config.experiment_tracker, where, paths[0] if paths != ["-"] else ".")
    if stdin_data is None:
        from zenml_migrate.fix.run_config_users import mark_readers

        mark_readers(report)
    if statistics and fmt != "json":
        from zenml_migrate.output.statistics import render
    else:
        render = formats.renderer(fmt)
    options = RenderOptions(statistics=statistics, quiet=quiet, stdin=(stdin_filename, stdin_data) if stdin_data is not None else None,
                            extra={"paths": paths, "selected": _selected(rules)})
    if output:
        try:
            with open(output, "w", encoding="utf-8", errors="backslashreplace") as fh:  # a non-UTF-8 file name
                options.color = False
                render(report, rules, fh, options)
        except OSError as exc:
            raise fail(f"cannot write {output}: {exc.strerror}")
        if not quiet:
            sys.stderr.write(f"wrote {output} ({fmt})\n")
    else:
        from zenml_migrate.output.color import enabled

        options.color = enabled(sys.stdout) and fmt in formats.TEXT_FORMATS
        render(report, rules, sys.stdout, options)
    if VERBOSE:  # the root -v/--verbose (accepted after the command too)
        sys.stderr.write(timing_line("scanned", report, time.perf_counter() - started))
    if report.diagnostics and not exit_zero:
        raise typer.Exit(EXIT_ERROR)  # some file could not be scanned: the result is incomplete
    if report.findings and not exit_zero:
        raise typer.Exit(EXIT_FINDINGS)


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


@app.command("rules", epilog="Exit codes: 0 listed, 2 unknown --format.")
def list_rules(
    output_format: str = typer.Option("text", "--format", metavar="FORMAT", help="text | json | markdown"),
) -> None:
    """List the rule catalog."""
    import shutil

    from zenml_migrate import docs

    fmt = output_format.lower()
    if fmt not in docs.LISTING_FORMATS:
        raise fail(f"unknown --format {output_format!r}; choose one of {', '.join(docs.LISTING_FORMATS)}")
    width = shutil.get_terminal_size().columns if _is_terminal(sys.stdout) else None  # COLUMNS respected
    sys.stdout.write(docs.rules_listing(fmt, width))


@app.command(epilog="Exit codes: 0 shown, 2 no such rule.")
def explain(
    query: str = typer.Argument(..., metavar="CODE|NAME|PREFIX", help="A rule code (ZM207), name (enable-mlflow) or code prefix (ZM2)."),
) -> None:
    """Show rules: what each does, why, what to write instead, fix safety, examples."""
    from zenml_migrate import docs
    from zenml_migrate.rules import find_rules

    found = find_rules(query)
    if not found:
        raise fail(f"no rule {query!r} (a code like ZM207, a name like enable-mlflow or a prefix like ZM2); `migrate rules` lists them")
    sys.stdout.write("\n".join(docs.explain(rule) for rule in found))


# commands defined in this module: running one of them needs nothing else imported
_OWN_COMMANDS = frozenset({"scan", "rules", "explain"})
# commands that live in their own module (signature and implementation), imported only when run
_MODULE_COMMANDS = {"code": "zenml_migrate.fix.command", "profiles": "zenml_migrate.profiles.command"}


def _register_optional_commands(argv: Optional[List[str]] = None) -> None:
    """``code`` and ``profiles`` live in their own modules. Importing one costs more than a whole
    pre-commit scan (the profiles readers: SQL, YAML, rich tables), so each invocation imports
    only the command it runs (none for ``--version``); ``migrate --help`` (or an unknown command)
    registers them all."""
    import importlib

    args = sys.argv[1:] if argv is None else argv
    first = next((a for a in args if not a.startswith("-")), None)
    if first in _OWN_COMMANDS:
        return
    if first is None and "--version" in args and not {"-h", "--help"} & set(args):
        return  # ``migrate --version`` runs no command
    wanted = [first] if first in _MODULE_COMMANDS else list(_MODULE_COMMANDS)
    for name in wanted:
        module = importlib.import_module(_MODULE_COMMANDS[name])
        app.command(name, epilog=getattr(module, "EXIT_CODES", None))(getattr(module, name))


_register_optional_commands()


VERBOSE = False  # set by the root ``-v/--verbose`` option
#: what a Ctrl-C at this point of the run leaves behind, said after "interrupted" (a command sets it)
INTERRUPT_NOTE = [""]
_VERBOSE_FLAGS = ("-v", "--verbose")


def _verbose_first(argv: List[str]) -> List[str]:
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


def _printable_streams() -> None:
    """A file name that is not UTF-8 (kept by Python as surrogates) is printed escaped, never a crash."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError, OSError):
            pass


def main() -> None:
    _printable_streams()
    argv = _verbose_first(sys.argv[1:])
    verbose = argv[:1] == ["--verbose"] or bool(os.environ.get("ZENML_MIGRATE_VERBOSE"))
    try:
        app(args=argv, prog_name="migrate")
    except KeyboardInterrupt:
        _interrupted()
    except SystemExit as exc:  # Typer turns Ctrl-C into exit 130: the workers must go too
        if _caused_by_interrupt(exc):
            _interrupted()
        raise
    except Exception as exc:  # noqa: BLE001 - the one place every unexpected error ends up
        sys.exit(internal_error(exc, verbose))


def entry() -> None:
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
