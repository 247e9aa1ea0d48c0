"""YAML run configs and legacy .zen/config.yaml (issue 2, section 2 of the reference)."""

from zenml_migrate.findings import FileResult


def scan_yaml(job, data, ctx) -> FileResult:
    return FileResult(job.path)
