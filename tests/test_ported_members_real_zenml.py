"""ZM426 on the real ZenML (tests/test_ported_members.py's project).

``report.py`` reads ``SUPPORTED_SCHEMES``, ``TYPE`` and ``__fields__`` on two component classes
of the project. It imports on 0.13.2 as written and, after ``migrate code --fix`` then
``--unsafe-fixes`` (both ports written), on 0.20.0 and 0.20.5 with the same values (before: the
ports' own modules imported, ``report.py`` failed with AttributeError and the re-scan was clean).
"""

import json
import shutil

import pytest

from tests import realzenml
from tests.test_ported_members import FILES, _project, migrate

pytestmark = pytest.mark.real_zenml

READ = """
import report
print("RESULT " + report.RESULT)
"""


def _result(proc) -> dict:
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")), None)
    assert line is not None, proc.stdout + proc.stderr
    return json.loads(line[len("RESULT "):])


def test_the_reads_give_the_same_values_on_020(tmp_path):
    old = _project(tmp_path / "old", FILES)
    fixed = tmp_path / "fixed" / "proj"
    shutil.copytree(old, fixed)
    migrate(fixed, "code", ".", "--fix")
    migrate(fixed, "code", ".", "--fix", "--unsafe-fixes")
    for root in (old, fixed):
        (root / "read.py").write_text(READ)
    expected = {"schemes": ["lakefs://", "lfs://"], "kinds": ["artifact_store", "step_operator"], "datacenter": "dc1"}
    assert _result(realzenml.python("0.13.2", ["read.py"], tmp_path / "c132", cwd=old)) == expected
    for version in ("0.20.0", "0.20.5"):
        assert _result(realzenml.python(version, ["read.py"], tmp_path / f"c{version}", cwd=fixed)) == expected, version
