"""Human output: findings grouped by file, then a summary per rule."""

from collections import Counter, defaultdict

from rich.console import Console
from rich.table import Table


def render(report, rules, out, statistics=False, color=None, **_):
    console = Console(file=out, highlight=False, force_terminal=color, no_color=color is False, soft_wrap=True)
    by_file = defaultdict(list)
    for f in report.findings + [d.as_finding() for d in report.diagnostics]:
        by_file[f.path].append(f)
    for path in sorted(by_file):
        console.print(f"[bold]{path}[/bold]")
        for f in sorted(by_file[path], key=lambda f: f.sort_key()):
            where = f"cell {f.cell}:" if f.cell else ""
            fix = {"safe": " [green](fixable)[/green]", "unsafe": " [yellow](unsafe fix)[/yellow]"}.get(f.fix or "", "")
            style = "yellow" if f.code == "ZM001" else "red"
            console.print(f"  {where}{f.span.line}:{f.span.column} [{style}]{f.code}[/{style}] {_esc(f.message)}{fix}")
    counts = Counter(f.code for f in report.findings)
    fixable = sum(1 for f in report.findings if f.fix == "safe")
    unsafe = sum(1 for f in report.findings if f.fix == "unsafe")
    if statistics and counts:
        from zenml_migrate.rules import get_rule

        table = Table(title="Findings per rule")
        for col in ("count", "code", "name", "fix"):
            table.add_column(col)
        for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            rule = get_rule(code)
            table.add_row(str(n), code, rule.name if rule else "", rule.fix.value if rule else "")
        console.print(table)
    if report.findings or report.diagnostics:
        files = len({f.path for f in report.findings})
        console.print(
            f"Found {len(report.findings)} finding(s) in {files} file(s) "
            f"({fixable} fixable with `migrate code --fix`, {unsafe} with --unsafe-fixes) "
            f"of {report.files_seen} file(s) scanned."
        )
        if report.diagnostics:
            console.print(f"[yellow]{len(report.diagnostics)} file(s) could not be scanned (ZM001).[/yellow]")
    else:
        console.print(f"No ZenML 0.13.2 APIs found in {report.files_seen} file(s).")


def _esc(text: str) -> str:
    return text.replace("[", "\\[")
