"""The probe import of tests/test_sdk_probe_imports.py on the real ZenML: the original module
imports on 0.13.2 with its flag False (no mlflow in the plain venv) and True with the mlflow
integration installed; after ``--fix`` it imports on 0.20.0 and 0.20.5 and its flag says the
same again: False in the plain venvs, True in the venvs with mlflow."""

import json

import pytest

from tests import realzenml
from tests import realzenml_extras as extras
from tests.test_sdk_probe_imports import OPTIONAL_MLFLOW
from zenml_migrate.fix.fixer import fix_source

pytestmark = pytest.mark.real_zenml

PROBE = """
import importlib, json, sys
print("RESULT " + json.dumps({name: importlib.import_module(name).MLFLOW_READY for name in sys.argv[1:]}))
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("probe") / "project"
    root.mkdir()
    fixed = fix_source(OPTIONAL_MLFLOW, "fixed_tracking.py", experiment_tracker="mlflow=mlflow_tracker")
    assert fixed.error is None and "mlflow_step_decorator" not in fixed.text
    (root / "old_tracking.py").write_text(OPTIONAL_MLFLOW)
    (root / "fixed_tracking.py").write_text(fixed.text)
    (root / "probe.py").write_text(PROBE)
    return root


def _flags(run, version, project, tmp_path, modules):
    proc = run(version, ["probe.py", *modules], tmp_path / f"cfg-{version}", project)
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")), None)
    assert line is not None, proc.stdout + proc.stderr
    return json.loads(line[len("RESULT "):])


@pytest.mark.parametrize("version", ["0.13.2", "0.20.0", "0.20.5"])
def test_the_flag_says_whether_the_package_is_installed_before_and_after_the_fix(project, tmp_path, version):
    module = "old_tracking" if version == "0.13.2" else "fixed_tracking"

    def plain(v, args, config, cwd):
        return realzenml.python(v, args, config, cwd=cwd)

    def with_mlflow(v, args, config, cwd):
        return extras.python(v, "mlflow", args, config, cwd=cwd)

    assert _flags(plain, version, project, tmp_path / "plain", [module]) == {module: False}
    assert _flags(with_mlflow, version, project, tmp_path / "mlflow", [module]) == {module: True}
