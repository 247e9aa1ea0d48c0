"""The command line: ``migrate scan | code | profiles | rules | explain``.

Exit codes (every subcommand): 0 clean, 1 findings / files changed, 2 usage or input error.
Typer evaluates annotations at run time: no ``X | None`` while Python 3.9 is supported.
"""

import os
import sys
from typing import List, Optional

import typer

from zenml_migrate import __version__
from zenml_migrate.commands import STDIN_NAME, flush_streams, is_terminal, fail
from zenml_migrate.process import printable_streams, verbose_first, end, guarded

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
    ctx.call_on_close(flush_streams)


COLOR_HELP = "auto (a terminal, unless NO_COLOR is set; FORCE_COLOR forces it) | always | never"
WORKERS_HELP = "Worker processes (default: CPU count)."
#: where the default cache goes: cache_folder() below, relative to the current folder without pyproject.toml
CACHE_DIR_HELP = "Results cache folder (default: .zenml-migrate-cache next to pyproject.toml, else in the current folder)."



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
    from zenml_migrate import commands

    commands.scan(paths, output_format, output, select, ignore, extend_select, exclude, extend_exclude, statistics, exit_zero,
                  stdin_filename, no_cache, cache_dir, workers, config_file, color, quiet, VERBOSE)


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
    width = shutil.get_terminal_size().columns if is_terminal(sys.stdout) else None  # COLUMNS respected
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


@app.command(
    epilog="Exit codes: 0 nothing to change, 1 files changed (--fix) or would change (a diff, --check; a diff also "
    "when work is left for a human), 2 a usage error or a file that could not be read or written."
)
def code(
    paths: List[str] = typer.Argument(None, help="Files or folders (default: .); - reads stdin and writes the result to stdout."),
    fix: bool = typer.Option(False, "--fix", help="Write the changes (default: print a diff)."),
    diff: bool = typer.Option(False, "--diff", help="Print a unified diff of what would change (the default)."),
    check: bool = typer.Option(False, "--check", help="Only say which files would change (no diff); exit 1 if any would."),
    unsafe_fixes: bool = typer.Option(False, "--unsafe-fixes", help="Also apply fixes marked unsafe."),
    select: Optional[List[str]] = typer.Option(None, "--select", metavar="CODES", help="Only these rule codes or prefixes (comma separated)."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", metavar="CODES", help="Skip these rule codes or prefixes."),
    extend_select: Optional[List[str]] = typer.Option(None, "--extend-select", metavar="CODES", help="Add rule codes or prefixes."),
    target: Optional[str] = typer.Option(None, "--target", metavar="VERSION", help="0.20.0 | 0.20.5: the release a pinned zenml requirement moves to (default 0.20.5). Every code rewrite works on both."),
    experiment_tracker: Optional[List[str]] = typer.Option(
        None,
        "--experiment-tracker",
        metavar="[FLAVOR=]NAME",
        help="Component name of the experiment tracker that @enable_mlflow / @enable_wandb steps name: NAME, or "
        "FLAVOR=NAME (repeat for mlflow and wandb). Default: [tool.zenml-migrate] experiment-tracker, else the "
        "active stack's tracker in your ZenML 0.13.2 config dir or 0.20 store (read only).",
    ),
    workers: Optional[int] = typer.Option(None, "--workers", metavar="N", min=1, help="Worker processes (default: CPU count)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Do not read or write the scan results cache."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only the summary (no diff, no per-file lines, no progress)."),
    config_file: Optional[str] = typer.Option(None, "--config", metavar="FILE", help="pyproject.toml to read [tool.zenml-migrate] from."),
    exclude: Optional[List[str]] = typer.Option(None, "--exclude", metavar="PATTERNS", help="Skip files and folders matching these patterns (replaces the config's exclude)."),
    extend_exclude: Optional[List[str]] = typer.Option(None, "--extend-exclude", metavar="PATTERNS", help="Skip these patterns too (added to the config's exclude)."),
    stdin_filename: str = typer.Option("<stdin>", "--stdin-filename", metavar="NAME", help="File name of the text read from stdin (- ; with no path, stdin is read): its kind and the name in messages."),
    color: Optional[str] = typer.Option(None, "--color", metavar="WHEN", help="auto (a terminal, unless NO_COLOR is set; FORCE_COLOR forces it) | always | never"),
) -> None:
    """Rewrite ZenML 0.13.2 code for ZenML 0.20 (a diff by default, --fix writes)."""
    from zenml_migrate.fix import command

    command.run(paths, fix, diff, check, unsafe_fixes, select, ignore, extend_select, target, experiment_tracker, workers,
                no_cache, quiet, config_file, exclude, extend_exclude, stdin_filename, color, VERBOSE)


# commands defined in this module: running one of them needs nothing else imported
_OWN_COMMANDS = frozenset({"scan", "code", "rules", "explain"})
# commands that live in their own module (signature and implementation), imported only when run
_MODULE_COMMANDS = {"profiles": "zenml_migrate.profiles.command"}


def _register_optional_commands(argv: Optional[List[str]] = None) -> None:
    """``profiles`` lives in its own module. Importing it costs more than a whole pre-commit scan
    (the profiles readers: SQL, YAML, rich tables), so only an invocation of it imports it (none
    for ``--version``); ``migrate --help`` (or an unknown command) registers it. (``code``'s
    signature is here, its implementation in ``fix/command.py``, imported when it runs.)"""
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


def main() -> None:
    printable_streams()
    argv = verbose_first(sys.argv[1:])
    verbose = argv[:1] == ["--verbose"] or bool(os.environ.get("ZENML_MIGRATE_VERBOSE"))
    guarded(lambda: app(args=argv, prog_name="migrate"), verbose)


def entry() -> None:
    """``main()``, then the exit (``process.end``)."""
    end(main)
