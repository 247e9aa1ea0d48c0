"""A compat module whose ``try:`` imports the 0.20 spelling, defines plain functions over it
and sets a flag (``NEW_API = True``; ``NEW_API = False`` under ``except ImportError``) makes that
flag a version gate, here and in the modules that import it: a ``def`` with no decorators,
defaults or annotations cannot fail at import, so 0.20 never runs the handler."""

from pathlib import Path

from zenml_migrate.rules import all_rules
from zenml_migrate.scan.engine import ScanSettings, run_scan

COMPAT = '''try:
    from zenml.post_execution import get_pipeline

    def last_run(name):
        return get_pipeline(name).runs[0]

    NEW_API = True
except ImportError:
    from zenml.repository import Repository

    def last_run(name):
        return Repository().get_pipeline(name).runs[-1]

    NEW_API = False
'''

USER = '''from shim import NEW_API
from zenml.pipelines import pipeline

if NEW_API:
    tracked = pipeline(enable_cache=False)
else:
    tracked = pipeline(enable_cache=False, requirements_file="requirements.txt")
'''

GUARDED_DEF = COMPAT.replace("    def last_run(name):\n        return get_pipeline", "    def last_run(name=get_pipeline):\n        return name", 1)


def _found(tmp_path: Path, compat: str, monkeypatch):
    (tmp_path / "shim.py").write_text(compat)
    (tmp_path / "runner.py").write_text(USER)
    monkeypatch.chdir(tmp_path)
    report = run_scan(["."], ScanSettings(rules=all_rules(), workers=1))
    assert not report.diagnostics, report.diagnostics
    return sorted((Path(f.path).name, f.code, f.span.line) for f in report.findings)


def test_the_flag_set_beside_plain_defs_is_a_gate(tmp_path, monkeypatch):
    assert _found(tmp_path, COMPAT, monkeypatch) == []


def test_a_def_whose_defaults_run_at_import_is_no_plain_def(tmp_path, monkeypatch):
    found = _found(tmp_path, GUARDED_DEF, monkeypatch)
    assert ("runner.py", "ZM205", 7) in found
