"""A small library API (tests, codemods, editors): scan text without touching disk."""

from typing import Iterable, List, Optional

from zenml_migrate.findings import Finding
from zenml_migrate.scan.detect import rule_index
from zenml_migrate.rules import Rule, all_rules
from zenml_migrate.scan.file_scan import FileJob, ScanContext, scan_bytes


def scan_source(
    text: str,
    filename: str = "example.py",
    rules: Optional[Iterable[Rule]] = None,
    with_diagnostics: bool = False,
) -> List[Finding]:
    from zenml_migrate.scan.discovery import kind_of

    rules = list(rules) if rules is not None else all_rules()
    job = FileJob(filename, kind_of(filename) or "py", module_name=filename.rsplit(".", 1)[0].replace("/", "."))
    result = scan_bytes(job, text.encode("utf-8"), ScanContext(rule_index(rules)))
    findings = list(result.findings)
    if with_diagnostics:
        findings += [d.as_finding() for d in result.diagnostics]
    return findings
