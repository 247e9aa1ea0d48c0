"""ZM448 safe where the module inlines both names (h41/h51 shape, own input): a module that imports
ZenML 0.6-0.11's `@restrict_step_access` and `ForbiddenRepositoryAccessError` and no other module of
the project uses zenml's exception gets both inlined at `--fix`, the decorator raising the inlined
class (as 0.11's raised zenml's). Before: unsafe everywhere, so after `--fix` the module still failed
at import on 0.20 (the decorator runs at import). Where another module imports the exception too, or
the module has only one of the names, it stays unsafe, with the reason. The real-ZenML side:
tests/test_repository_guard_safe_real_zenml.py."""

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Dict

AUDIT = '''
"""Reads of the store that a step must not make."""
from zenml.exceptions import ForbiddenRepositoryAccessError
from zenml.steps.restrict_step_access_decorator import restrict_step_access


@restrict_step_access
def audit_rows():
    return [("stack", "default")]


def audit_or_empty():
    try:
        return audit_rows()
    except ForbiddenRepositoryAccessError:
        return []
'''

REPORT = '''
from zenml.exceptions import ForbiddenRepositoryAccessError

from ops.audit import audit_or_empty


def report():
    try:
        return audit_or_empty()
    except ForbiddenRepositoryAccessError:
        return None
'''


def _project(root: Path, files: Dict[str, str]) -> Path:
    for name, text in {"ops/__init__.py": "", **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"))
    return root


def _migrate(root: Path, *args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "zenml_migrate", *args, "--no-cache"], cwd=str(root),
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def test_a_module_that_inlines_both_names_is_fixed_at_the_safe_level(tmp_path):
    root = _project(tmp_path / "p", {"ops/audit.py": AUDIT})
    scan = _migrate(root, "scan", ".", "--format", "concise")
    assert scan.stdout.count("ZM448 [*]") == 4, scan.stdout
    _migrate(root, "code", ".", "--fix")
    text = (root / "ops" / "audit.py").read_text()
    assert "from zenml.steps" not in text and "from zenml.exceptions import ForbiddenRepositoryAccessError" not in text
    assert "class ForbiddenRepositoryAccessError(ZenMLBaseException, RuntimeError):" in text
    assert '        raise ForbiddenRepositoryAccessError("Unable to access repository' in text, text
    assert "raise RuntimeError(" not in text
    assert _migrate(root, "scan", ".").returncode == 0


def test_another_module_using_the_exception_keeps_it_unsafe(tmp_path):
    root = _project(tmp_path / "p", {"ops/audit.py": AUDIT, "ops/report.py": REPORT})
    for paths in (["."], ["ops/audit.py"]):  # the project's facts also when one file is asked for
        scan = _migrate(root, "scan", *paths, "--format", "concise")
        audit = [line for line in scan.stdout.splitlines() if line.startswith("ops/audit.py") and "ZM448" in line]
        assert len(audit) == 4 and all("[*]" not in line for line in audit), scan.stdout
        assert all("`ops.report` uses zenml's `ForbiddenRepositoryAccessError` too" in line for line in audit), audit
    _migrate(root, "code", ".", "--fix")
    assert "from zenml.steps.restrict_step_access_decorator import" in (root / "ops" / "audit.py").read_text()


def test_a_module_with_only_the_decorator_keeps_it_unsafe(tmp_path):
    only = AUDIT.replace("from zenml.exceptions import ForbiddenRepositoryAccessError\n", "").replace(
        "except ForbiddenRepositoryAccessError:", "except RuntimeError:")
    root = _project(tmp_path / "p", {"ops/audit.py": only})
    scan = _migrate(root, "scan", ".", "--format", "concise")
    assert "ZM448 [*]" not in scan.stdout and "does not import both" in scan.stdout, scan.stdout
