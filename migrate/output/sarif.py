"""SARIF 2.1.0, as GitHub code scanning accepts it."""

import json
import os

from zenml_migrate import __version__

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _uri(path: str) -> str:
    path = path.replace(os.sep, "/")
    return path[2:] if path.startswith("./") else path


def render(report, rules, out, options):
    from zenml_migrate.output.common import UNREADABLE, items
    from zenml_migrate.output.source import Sources
    from zenml_migrate.rules import describe

    used = sorted({f.code for f in report.findings} | {d.code for d in report.diagnostics})
    rule_ids = [r.code for r in rules]
    for code in used:
        if code not in rule_ids:
            rule_ids.append(code)
    descriptors = []
    for code in rule_ids:
        rule = describe(code)
        descriptors.append({
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.message},
            "fullDescription": {"text": rule.why},
            "help": {"text": f"{rule.why}\n\nInstead: {rule.instead}\n\nFix: {rule.fix.value}. {rule.fix_note}".strip()},
            "defaultConfiguration": {"level": "warning" if rule.code == UNREADABLE else "error"},
            "properties": {"fix": rule.fix.value},
        })
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    results = []
    sources = Sources(options.stdin)
    for f in items(report):
        span = sources.on_disk(f)  # (a notebook's: the region in the .ipynb file, not in the cell)
        region = {"startLine": span.line, "startColumn": span.column, "endLine": span.end_line, "endColumn": max(span.end_column, span.column) if span.end_line == span.line else span.end_column}
        message = f.message + (f" (cell {f.cell})" if f.cell else "")
        results.append({
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": "warning" if f.code == UNREADABLE else "error",
            "message": {"text": message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(f.path), "uriBaseId": "%SRCROOT%"}, "region": region}}],
            "properties": {"fix": f.fix, **({"cell": f.cell, "cellLine": f.span.line, "cellColumn": f.span.column} if f.cell else {})},
        })
    doc = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "zenml-migrate", "version": __version__, "informationUri": "https://pypi.org/project/zenml-migrate/", "rules": descriptors}},
            "results": results,
        }],
    }
    out.write(json.dumps(doc, indent=2) + "\n")
