"""The command line: ``migrate scan | code | profiles | rules | explain``.

Exit codes (every subcommand): 0 clean, 1 findings / files changed, 2 usage or input error.
Typer evaluates annotations at run time: no ``X | None`` while Python 3.9 is supported.
"""

import sys
from typing import List, Optional

import typer

from zenml_migrate import __version__

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Find, rewrite and migrate ZenML 0.13.2 code, run configs and stacks to ZenML 0.20.",
)

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _version(value: bool) -> None:
    if value:
        typer.echo(f"zenml-migrate {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    pass


def fail(message: str) -> "typer.Exit":
    typer.secho(f"error: {message}", err=True, fg=typer.colors.RED)
    return typer.Exit(EXIT_ERROR)


def _split(values: Optional[List[str]]) -> List[str]:
    out: List[str] = []
    for v in values or []:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


def resolve_selection(config, select, ignore, extend_select):
    """Command line wins over pyproject; codes or prefixes; unknown selectors are an error."""
    from zenml_migrate.rules import select_rules, unknown_selectors

    select = _split(select) or config.select
    ignore = _split(ignore) + config.ignore
    extend = _split(extend_select) + config.extend_select
    bad = unknown_selectors(select + ignore + extend)
    if bad:
        raise fail(f"unknown rule code or prefix: {', '.join(bad)} (see `migrate rules`)")
    return select_rules(select, ignore, extend)


def load_config_or_fail(paths: List[str], config_file: Optional[str]):
    from zenml_migrate.config import ConfigError, load_config

    start = paths[0] if paths and paths[0] != "-" else "."
    try:
        return load_config(start, config_file)
    except ConfigError as exc:
        raise fail(str(exc))


@app.command()
def scan(
    paths: List[str] = typer.Argument(None, help="Files or folders to scan (default: .); - reads stdin."),
    output_format: str = typer.Option("text", "--format", help="text | json | sarif | github"),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write the report to FILE."),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Only these rule codes or prefixes (comma separated)."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Skip these rule codes or prefixes."),
    extend_select: Optional[List[str]] = typer.Option(None, "--extend-select", help="Add rule codes or prefixes."),
    statistics: bool = typer.Option(False, "--statistics", help="Show a count per rule."),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even when something is found."),
    stdin_filename: str = typer.Option("<stdin>", "--stdin-filename", help="File name to report for stdin (-)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Do not read or write the results cache."),
    cache_dir: Optional[str] = typer.Option(None, "--cache-dir", help="Results cache folder (default: .zenml-migrate-cache next to pyproject.toml)."),
    workers: Optional[int] = typer.Option(None, "--workers", help="Worker processes (default: CPU count)."),
    config_file: Optional[str] = typer.Option(None, "--config", help="pyproject.toml to read [tool.zenml-migrate] from."),
) -> None:
    """Find every ZenML 0.13.2 API that breaks or changes in 0.20."""
    from zenml_migrate.scan.engine import ScanSettings, run_scan
    from zenml_migrate.output import FORMATS, renderer

    paths = list(paths or ["."])
    if output_format not in FORMATS:
        raise fail(f"unknown --format {output_format!r}; choose one of {', '.join(FORMATS)}")
    config = load_config_or_fail(paths, config_file)
    rules = resolve_selection(config, select, ignore, extend_select)
    stdin_data = None
    if paths == ["-"]:
        stdin_data = sys.stdin.buffer.read()
    elif "-" in paths:
        raise fail("- (stdin) cannot be combined with other paths")
    settings = ScanSettings(
        rules=rules,
        exclude=config.exclude,
        per_file_ignores=config.per_file_ignores,
        workers=workers,
        cache_dir=None if no_cache else (cache_dir or config.cache_dir or ".zenml-migrate-cache"),
        stdin_data=stdin_data,
        stdin_filename=stdin_filename,
    )
    report = run_scan(paths, settings)
    render = renderer(output_format)
    if output:
        try:
            with open(output, "w", encoding="utf-8") as fh:
                render(report, rules, fh, statistics=statistics, color=False)
        except OSError as exc:
            raise fail(f"cannot write {output}: {exc.strerror}")
    else:
        render(report, rules, sys.stdout, statistics=statistics)
    if report.diagnostics and not exit_zero:
        raise typer.Exit(EXIT_ERROR)  # some file could not be scanned: the result is incomplete
    if report.findings and not exit_zero:
        raise typer.Exit(EXIT_FINDINGS)


@app.command("rules")
def list_rules(
    output_format: str = typer.Option("text", "--format", help="text | json | markdown"),
) -> None:
    """List the rule catalog."""
    from zenml_migrate import docs

    sys.stdout.write(docs.rules_listing(output_format))


@app.command()
def explain(code: str = typer.Argument(..., help="A rule code, e.g. ZM207.")) -> None:
    """Show one rule: what it does, why, what to write instead, fix safety, examples."""
    from zenml_migrate import docs
    from zenml_migrate.rules import get_rule

    rule = get_rule(code)
    if rule is None:
        raise fail(f"no rule {code!r}; `migrate rules` lists them")
    sys.stdout.write(docs.explain(rule))


# commands defined in this module: running one of them needs nothing else imported
_OWN_COMMANDS = frozenset({"scan", "rules", "explain"})


def _register_optional_commands(argv: Optional[List[str]] = None) -> None:
    """``code`` and ``profiles`` live in their own modules. Importing them (LibCST, ruamel.yaml,
    SQL readers) costs more than a whole pre-commit scan, so ``migrate scan|rules|explain``
    skips it; any other invocation (including ``migrate --help``) registers everything."""
    args = sys.argv[1:] if argv is None else argv
    first = next((a for a in args if not a.startswith("-")), None)
    if first in _OWN_COMMANDS:
        return
    from zenml_migrate.fix.command import code
    from zenml_migrate.profiles.command import profiles

    app.command("code")(code)
    app.command("profiles")(profiles)


_register_optional_commands()


def main() -> None:
    try:
        app(prog_name="migrate")
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
