"""tests/test_repository_guard_safe.py's module after `--fix`, on the real ZenML 0.20.0 and 0.20.5: it
imports, the inlined decorator returns the function unchanged outside a step, and inside a running
step raises the inlined ForbiddenRepositoryAccessError (a ZenMLBaseException and a RuntimeError, as
0.11's class was), which the module's own `except ForbiddenRepositoryAccessError` catches."""

import json

import pytest

from tests.realzenml import python
from tests.test_repository_guard_safe import AUDIT, _migrate, _project

pytestmark = pytest.mark.real_zenml

PROBE = '''
import json
from unittest import mock

from zenml.environment import Environment
from zenml.exceptions import ZenMLBaseException

import ops.audit as audit

out = {"outside": audit.audit_or_empty()}
with mock.patch.object(Environment, "step_is_running", new_callable=mock.PropertyMock, return_value=True):
    try:
        audit.restrict_step_access(lambda: None)
    except audit.ForbiddenRepositoryAccessError as exc:
        out["raised"] = [type(exc).__module__, isinstance(exc, RuntimeError), isinstance(exc, ZenMLBaseException)]
print("RESULT " + json.dumps(out))
'''


def test_the_fixed_guard_works_on_020(tmp_path):
    root = _project(tmp_path / "p", {"ops/audit.py": AUDIT})
    _migrate(root, "code", ".", "--fix")
    (root / "probe.py").write_text(PROBE)
    for version in ("0.20.0", "0.20.5"):
        proc = python(version, ["probe.py"], tmp_path / f"cfg-{version}", cwd=root)
        line = next(ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT "))
        assert json.loads(line[len("RESULT "):]) == {"outside": [["stack", "default"]], "raised": ["ops.audit", True, True]}, version
