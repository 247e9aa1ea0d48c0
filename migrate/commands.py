"""The commands' shared steps and ``migrate scan`` itself, free of Typer: ``cli.py`` declares the
options and calls these; a pre-commit ``migrate scan FILE`` runs them without loading Typer at all
(``scan_fast.py``). Every heavy import is made where it is used."""

import os
import sys
from typing import List, Optional, Tuple

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def flush_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass


def fail(message: str) -> SystemExit:
    """The error exit of a command, to raise: the message on stderr, exit 2. A SystemExit, not
    Typer's Exit: the scan runs without Typer too (``scan_fast.py``), and through Typer it ends the
    same way (Typer's Exit becomes this SystemExit)."""
    from zenml_migrate.output.color import echo

    echo(f"error: {message}", "red")
    return SystemExit(EXIT_ERROR)


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
    from zenml_migrate.rules import Selected, all_rules

    total = rules.total if isinstance(rules, Selected) else len(all_rules())
    return (len(rules), total) if len(rules) < total else None


def resolve_selection(config, select, ignore, extend_select, index=None):
    """Command line wins over pyproject; codes or prefixes; unknown selectors are an error,
    on the command line and in the config (per-file-ignores too). ``index``: the catalog's
    ``rules.catalog_index`` when known without importing it (``scan.cache.known_catalog``): the
    rules selected are then a ``rules.Selected``, which imports the catalog only when a rule is
    looked at."""
    from zenml_migrate.rules import Selected, select_codes, select_rules, unknown_selectors

    codes = index[0] if index is not None else None

    cli_select, cli_ignore, cli_extend = _split(select), _split(ignore), _split(extend_select)
    bad = unknown_selectors(cli_select + cli_ignore + cli_extend, codes)
    if bad:
        raise fail(f"unknown rule code or prefix: {', '.join(bad)} (see `migrate rules`)")
    per_file = [c for codes in config.per_file_ignores.values() for c in codes]
    bad = unknown_selectors(config.select + config.ignore + config.extend_select + per_file, codes)
    if bad:
        raise fail(f"{config.path}: [tool.zenml-migrate]: unknown rule code or prefix: {', '.join(bad)} (see `migrate rules`)")
    chosen = (cli_select or config.select, cli_ignore + config.ignore, cli_extend + config.extend_select)
    return select_rules(*chosen) if index is None else Selected(select_codes(codes, *chosen), len(codes), index[1])


def load_config_or_fail(paths: List[str], config_file: Optional[str]):
    from zenml_migrate.config import ConfigError, load_config

    start = paths[0] if paths and paths[0] != "-" else "."
    try:
        return load_config(start, config_file)
    except ConfigError as exc:
        raise fail(str(exc))



def set_color(choice: Optional[str]) -> None:
    """``--color``: validated first, so every later message follows it."""
    from zenml_migrate.output import color

    try:
        color.set_choice(choice)
    except ValueError as exc:
        color.set_choice("auto")
        raise fail(str(exc))


def scan_settings(paths: List[str], config, rules, exclude, extend_exclude, workers, cache_dir, progress, **extra):
    """The ScanSettings of ``scan`` and ``code``: ``--exclude`` replaces the config's ``exclude``,
    the config's ``extend-exclude`` and ``--extend-exclude`` add to it (as in ruff)."""
    from zenml_migrate.scan.engine import ScanSettings

    from zenml_migrate.scan.project_root import find_root, package_root

    excluded = (_split(exclude) if exclude else list(config.exclude)) + list(config.extend_exclude) + _split(extend_exclude)
    stdin = extra.get("stdin_data") is not None
    root = None if stdin else find_root(paths, config.path)
    return ScanSettings(
        project_root=root,
        package_root=None if stdin or root else package_root(paths, config.path),
        rules=rules,
        exclude=excluded,
        per_file_ignores=config.per_file_ignores,
        workers=workers,
        target=extra.pop("target", config.target),
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



def scan(paths, output_format, output, select, ignore, extend_select, exclude, extend_exclude, statistics, exit_zero,
         stdin_filename, no_cache, cache_dir, workers, config_file, color, quiet, verbose) -> None:
    """``migrate scan``, its options parsed (by Typer in ``cli.scan``, or by ``scan_fast.py``):
    returns when nothing is found, else raises SystemExit with the exit code."""
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
        fmt = formats.default_format(is_terminal(sys.stdout), output)
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
        folder, inside = cache_folder(no_cache, cache_dir, config)
        from zenml_migrate.rules import catalog_index
        from zenml_migrate.scan.cache import known_catalog

        index = known_catalog(folder, inside)
        rules = resolve_selection(config, select, ignore, extend_select, index)
        stdin_data = read_stdin_or_fail(stdin_filename) if paths == ["-"] else None
        settings = scan_settings(
            paths, config, rules, exclude, extend_exclude, workers, folder, progress,
            stdin_data=stdin_data, stdin_filename=stdin_filename, cache_inside=inside,
            catalog=catalog_index() if index is None and folder is not None else None,
        )
        report = run_scan(paths, settings)
    from zenml_migrate.fix.tracker_names import annotate

    where = f"{config.path}: [tool.zenml-migrate] experiment-tracker" if config.path else "pyproject"
    report.findings = annotate(report.findings, config.experiment_tracker, where, paths[0] if paths != ["-"] else ".",
                               jobs=(report.project_jobs or report.jobs) if stdin_data is None else ())
    if stdin_data is None:
        from zenml_migrate.fix.run_config_users import mark_readers

        from zenml_migrate.rules import run_config_codes

        mark_readers(report, run_config_codes(rules))
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
    if verbose:  # the root -v/--verbose (accepted after the command too)
        sys.stderr.write(timing_line("scanned", report, time.perf_counter() - started))
    if report.diagnostics and not exit_zero:
        raise SystemExit(EXIT_ERROR)  # some file could not be scanned: the result is incomplete
    if report.findings and not exit_zero:
        raise SystemExit(EXIT_FINDINGS)


def is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
