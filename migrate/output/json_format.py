import json

from zenml_migrate import __version__


def render(report, rules, out, **_):
    data = {
        "tool": {"name": "zenml-migrate", "version": __version__},
        "findings": [f.to_dict() for f in report.findings + [d.as_finding() for d in report.diagnostics]],
        "summary": {
            "files": report.files_seen,
            "findings": len(report.findings),
            "errors": len(report.diagnostics),
        },
    }
    out.write(json.dumps(data, indent=2) + "\n")
