"""``migrate scan`` and ``migrate code`` without Typer: the pre-commit hooks' command lines, parsed here.

Loading Typer and building its command from the signatures costs about a sixth of a one-file
scan (``python -X importtime``; ~110 M of the ~700 M instructions of ``migrate scan FILE.py``
measured with callgrind). A ``scan`` (``code``) command line in the plain shapes below is parsed here,
to the very values Typer gives ``cli.scan`` (``cli.code``; ``tests/test_scan_fast.py`` and
``tests/test_code_fast.py`` compare the two on every option), and runs ``commands.scan``
(``fix.command.run``) as the Typer command does. Anything else (``--help``, ``--version``,
another command, ``-ofile``, ``--workers x``, an option value that starts with ``-``, ``--``,
an unknown option: every usage error) returns None and goes through Typer, which says what is
wrong exactly as before."""

import os
import sys
from typing import Dict, List, Optional

# option -> (parameter, kind): "flag", "value" (the last one given wins) or "values" (each one, in order)
OPTIONS = {
    "--format": ("output_format", "value"),
    "--output": ("output", "value"),
    "-o": ("output", "value"),
    "--select": ("select", "values"),
    "--ignore": ("ignore", "values"),
    "--extend-select": ("extend_select", "values"),
    "--exclude": ("exclude", "values"),
    "--extend-exclude": ("extend_exclude", "values"),
    "--statistics": ("statistics", "flag"),
    "--exit-zero": ("exit_zero", "flag"),
    "--stdin-filename": ("stdin_filename", "value"),
    "--no-cache": ("no_cache", "flag"),
    "--cache-dir": ("cache_dir", "value"),
    "--workers": ("workers", "value"),
    "--config": ("config_file", "value"),
    "--color": ("color", "value"),
    "--quiet": ("quiet", "flag"),
    "-q": ("quiet", "flag"),
}


# ``migrate code``'s options, as OPTIONS
CODE_OPTIONS = {
    "--fix": ("fix", "flag"),
    "--diff": ("diff", "flag"),
    "--check": ("check", "flag"),
    "--unsafe-fixes": ("unsafe_fixes", "flag"),
    "--select": ("select", "values"),
    "--ignore": ("ignore", "values"),
    "--extend-select": ("extend_select", "values"),
    "--target": ("target", "value"),
    "--experiment-tracker": ("experiment_tracker", "values"),
    "--workers": ("workers", "value"),
    "--no-cache": ("no_cache", "flag"),
    "--quiet": ("quiet", "flag"),
    "-q": ("quiet", "flag"),
    "--config": ("config_file", "value"),
    "--exclude": ("exclude", "values"),
    "--extend-exclude": ("extend_exclude", "values"),
    "--stdin-filename": ("stdin_filename", "value"),
    "--color": ("color", "value"),
}


def code_defaults() -> Dict[str, object]:
    """What Typer gives ``cli.code`` for an option not on the command line."""
    return {
        "paths": None, "fix": False, "diff": False, "check": False, "unsafe_fixes": False, "select": None, "ignore": None,
        "extend_select": None, "target": None, "experiment_tracker": None, "workers": None, "no_cache": False,
        "quiet": False, "config_file": None, "exclude": None, "extend_exclude": None, "stdin_filename": "<stdin>",
        "color": None,
    }


def defaults() -> Dict[str, object]:
    """What Typer gives ``cli.scan`` for an option not on the command line."""
    from zenml_migrate.commands import STDIN_NAME

    return {
        "paths": None, "output_format": None, "output": None, "select": None, "ignore": None, "extend_select": None,
        "exclude": None, "extend_exclude": None, "statistics": False, "exit_zero": False, "stdin_filename": STDIN_NAME,
        "no_cache": False, "cache_dir": None, "workers": None, "config_file": None, "color": None, "quiet": False,
    }


def parse(argv: List[str]) -> Optional[Dict[str, object]]:
    """``argv`` (after ``process.verbose_first``) as ``commands.scan``'s keywords, ``verbose`` among
    them, or None when it is not a plain ``scan`` command line."""
    return _parse(argv, "scan", OPTIONS, defaults)


def parse_code(argv: List[str]) -> Optional[Dict[str, object]]:
    """The same for ``migrate code``: ``fix.command.run``'s keywords, or None."""
    return _parse(argv, "code", CODE_OPTIONS, code_defaults)


def _parse(argv: List[str], command: str, options, make_defaults) -> Optional[Dict[str, object]]:
    verbose = argv[:1] == ["--verbose"]
    args = argv[1:] if verbose else argv
    if args[:1] != [command] or os.environ.get("_MIGRATE_COMPLETE"):  # click's shell completion: Typer's
        return None
    values = make_defaults()
    paths: List[str] = []
    rest = args[1:]
    i = 0
    while i < len(rest):
        token = rest[i]
        i += 1
        if token == "-" or not token.startswith("-"):
            paths.append(token)
            continue
        name, eq, attached = token.partition("=")
        if not name.startswith("--"):
            name, eq, attached = token, "", ""  # a short option takes its value as the next word here
        option = options.get(name)
        if option is None:
            return None
        param, kind = option
        if kind == "flag":
            if eq:
                return None
            values[param] = True
            continue
        if eq:
            value = attached
        elif i < len(rest) and not rest[i].startswith("-"):
            value = rest[i]
            i += 1
        else:
            return None
        if param == "workers":
            if not (value.isascii() and value.isdigit() and value[0] != "0"):
                return None  # Typer's int conversion and its min=1 say what is wrong
            value = int(value)
        if kind == "values":
            values[param] = (values[param] or []) + [value]
        else:
            values[param] = value
    values["paths"] = paths or None
    values["verbose"] = verbose
    return values


def main(options: Dict[str, object], code: bool = False) -> None:
    """``cli.main`` for a parsed ``scan`` (``code``) command line, ending as Typer's own main ends a command."""
    from zenml_migrate.process import printable_streams, guarded

    printable_streams()
    verbose = bool(options["verbose"]) or bool(os.environ.get("ZENML_MIGRATE_VERBOSE"))
    guarded(lambda: _run(options, code), verbose)


def _run(options: Dict[str, object], code: bool) -> None:
    """``commands.scan`` (``fix.command.run``), with what Typer's main does around a command: the streams
    flushed when it ends (``cli._root``), a closed pipe exit 1, end of input "Aborted!" and exit 1."""
    import errno

    from zenml_migrate import commands

    try:
        try:
            if code:
                from zenml_migrate.fix import command

                command.run(**options)
            else:
                commands.scan(**options)
        finally:
            commands.flush_streams()
    except EOFError:
        sys.stderr.write("\nAborted!\n")
        sys.stderr.flush()
        sys.exit(1)
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        from typer._click.utils import PacifyFlushWrapper  # as Typer does (loads it: a closed pipe only)

        sys.stdout = PacifyFlushWrapper(sys.stdout)
        sys.stderr = PacifyFlushWrapper(sys.stderr)
        sys.exit(1)
