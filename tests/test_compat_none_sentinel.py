"""A name the ``try:`` of a compat shim imports from zenml and its ``except ImportError:`` sets to
``None`` is a version gate: on 0.20 it is the imported object, so ``X is None`` is False there,
``X is not None`` and ``if X:`` True; the branch 0.20 never runs (the 0.13 side) is not reported
or rewritten, in the shim's module and in a module that imports the name."""

import textwrap
from pathlib import Path

from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.rules import all_rules
from zenml_migrate.scan.engine import ScanSettings, run_scan

SHIM = '''
try:
    from zenml.steps import BaseParameters
except ImportError:
    BaseParameters = None

if BaseParameters is None:  # the old runners
    from zenml.steps import BaseStepConfig as ParamsBase
else:
    ParamsBase = BaseParameters
'''

USER = '''
from shim import BaseParameters
from zenml.pipelines import pipeline

if BaseParameters:
    deco = pipeline(enable_cache=False)
else:
    deco = pipeline(enable_cache=False, required_integrations=["sklearn"])
'''

STILL_LIVE = '''
try:
    from zenml.steps import BaseParameters
except ImportError:
    BaseParameters = None

if BaseParameters is not None:
    from zenml.steps import BaseStepConfig
'''


def _scan(root: Path, files, monkeypatch):
    for rel, text in files.items():
        (root / rel).write_text(textwrap.dedent(text).lstrip("\n"))
    monkeypatch.chdir(root)
    report = run_scan(["."], ScanSettings(rules=all_rules(), workers=1))
    assert not report.diagnostics, report.diagnostics
    return sorted((f.path, f.span.line, f.code) for f in report.findings)


def test_the_legacy_side_of_a_none_sentinel_is_not_reported(tmp_path, monkeypatch):
    assert _scan(tmp_path, {"shim.py": SHIM, "runner.py": USER}, monkeypatch) == []


def test_it_is_not_rewritten():
    code = textwrap.dedent(SHIM).lstrip("\n")
    assert fix_source(code, "shim.py").text == code


def test_the_side_that_runs_on_020_is_reported(tmp_path, monkeypatch):
    found = _scan(tmp_path, {"shim.py": STILL_LIVE}, monkeypatch)
    assert [(line, code) for _, line, code in found] == [(7, "ZM101")]
