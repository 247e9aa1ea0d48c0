"""JUnit XML, as CI systems (GitLab, Jenkins, Azure) show test results: one ``testsuite`` per
file with findings, one failing ``testcase`` per finding (an ``error`` for an unreadable file,
ZM001); a clean run is one passing case."""

from itertools import groupby
from typing import List
from xml.sax.saxutils import escape, quoteattr

from zenml_migrate.output.common import UNREADABLE, display_path, items, location
from zenml_migrate.output.source import Sources
from zenml_migrate.output.words import plural


def _case(f, sources: Sources) -> str:
    where = f"cell {f.cell}, " if f.cell else ""
    kind = "error" if f.code == UNREADABLE else "failure"
    text = escape(f"{where}line {f.span.line}, column {f.span.column}: {f.code} {f.message}")
    return (
        f'    <testcase name={quoteattr(f"{f.code} {location(f)}")} classname={quoteattr(display_path(f.path))} file={quoteattr(display_path(f.path))} line="{sources.on_disk(f).line}">\n'
        f"      <{kind} message={quoteattr(f.message)} type={quoteattr(f.code)}>{text}</{kind}>\n"
        "    </testcase>\n"
    )


def _counts(found) -> str:
    errors = sum(1 for f in found if f.code == UNREADABLE)
    return f'tests="{max(len(found), 1)}" failures="{len(found) - errors}" errors="{errors}"'


def render(report, rules, out, options):
    found = items(report)
    sources = Sources(options.stdin)  # (a notebook finding's ``line``: the .ipynb file's)
    suites: List[str] = []
    for path, group in groupby(found, key=lambda f: f.path):
        group = list(group)
        suites.append(f"  <testsuite name={quoteattr(display_path(path))} {_counts(group)}>\n" + "".join(_case(f, sources) for f in group) + "  </testsuite>\n")
    if not found:
        clean = quoteattr(f"no ZenML 0.13.2 APIs in {plural(report.files_seen, 'file')}")
        suites.append(f'  <testsuite name="zenml-migrate" {_counts(found)}>\n    <testcase name={clean} classname="zenml-migrate"/>\n  </testsuite>\n')
    out.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="zenml-migrate" {_counts(found)}>\n' + "".join(suites) + "</testsuites>\n")
