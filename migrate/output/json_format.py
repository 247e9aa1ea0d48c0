"""One JSON document: the tool, every finding (ZM001 for unreadable files) and a summary.
With ``--statistics``: the per-rule counts instead."""

import json

from zenml_migrate import __version__
from zenml_migrate.output.common import items, statistics_rows


def render(report, rules, out, options):
    if options.statistics:
        out.write(json.dumps(statistics_rows(report), indent=2) + "\n")
        return
    data = {
        "tool": {"name": "zenml-migrate", "version": __version__},
        "findings": [f.to_dict() for f in items(report)],
        "summary": {
            "files": report.files_seen,
            "findings": len(report.findings),
            "errors": len(report.diagnostics),
        },
    }
    out.write(json.dumps(data, indent=2) + "\n")
