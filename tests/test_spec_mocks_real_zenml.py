"""tests/test_spec_mocks.py on the real ZenML: each member read the scan flags on a spec mock of its
fixed suite raises AttributeError on 0.20.0 and 0.20.5 (the mock has the 0.20 class's members
only) and works on 0.13.2 with the suite as written; the fixed suite imports on both 0.20
releases. One subprocess per release."""

import json

import pytest

from tests.realzenml import python
from tests.test_spec_mocks import SUITE
from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

pytestmark = pytest.mark.real_zenml

READS = ["context().metadata_store", "fake_store()", "context().get_output_artifact_uri"]  # fake_store() reads get_pipeline

PROBE = r'''
import importlib, json, sys
module = importlib.import_module(sys.argv[1])
out = {}
for expression in json.loads(sys.argv[2]):
    try:
        eval(expression, vars(module))
        out[expression] = "ok"
    except AttributeError:
        out[expression] = "AttributeError"
print("RESULT " + json.dumps(out))
'''


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    root = tmp_path_factory.mktemp("spec_mocks")
    fixed = fix_source(SUITE, "fixed_suite.py")
    assert fixed.error is None
    (root / "old_suite.py").write_text(SUITE)
    (root / "fixed_suite.py").write_text(fixed.text)
    (root / "probe.py").write_text(PROBE)
    (root / "pytest.py").write_text("def fixture(func):\n    return func\n")  # the venvs have no pytest: the fixture is its function
    return root


@pytest.mark.parametrize("version", ["0.13.2", "0.20.0", "0.20.5"])
def test_flagged_reads_fail_on_020_only(tree, tmp_path, version):
    module = "old_suite" if version == "0.13.2" else "fixed_suite"
    proc = python(version, ["probe.py", module, json.dumps(READS)], tmp_path / "cfg", cwd=tree)
    result = json.loads(next(ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT "))[len("RESULT "):])
    if version == "0.13.2":
        assert set(result.values()) == {"ok"}, result
        return
    assert result == {"context().metadata_store": "AttributeError", "fake_store()": "AttributeError",
                      "context().get_output_artifact_uri": "ok"}, result
    flagged = {f.code for f in scan_source((tree / "fixed_suite.py").read_text(), "fixed_suite.py")}
    assert flagged == {"ZM301", "ZM302", "ZM310"}
