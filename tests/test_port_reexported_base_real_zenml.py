"""The subclass of a class imported through its package's re-export runs on the real ZenML
(tests/test_port_reexported_base.py's project): the original on 0.13.2 and the safe ``--fix``ed copy
on 0.20.0 and 0.20.5 give the same value (before: the subclass's Config derived from the zenml base,
so building it with the base's ``team`` failed with "extra fields not permitted", and ``self.team``
was left as it was: AttributeError)."""

import shutil

import pytest

from tests import realzenml
from tests.test_component_port_cross_module import _code, _project
from tests.test_port_reexported_base import FILES
from tests.test_ported_members_real_zenml import _result

pytestmark = pytest.mark.real_zenml

CALL = 'import json\nprint("RESULT " + json.dumps(component.audit()))\n'


def test_the_ported_subclass_of_a_re_exported_class_runs_on_020(tmp_path):
    old = _project(tmp_path / "old", FILES)
    fixed = tmp_path / "fixed" / "proj"
    shutil.copytree(old, fixed)
    _code(fixed)
    store = str(tmp_path / "store")
    (old / "run.py").write_text(f"import audit\ncomponent = audit.AuditedStore(name='probe', path={store!r}, team='ops', "
                                "audit_level=5)\n" + CALL)
    (fixed / "run.py").write_text(realzenml.built_component("audit", "AuditedStore", f"path={store!r}, team='ops', audit_level=5")
                                  + CALL)
    expected = "ops:512 audit=5 team=ops"
    assert _result(realzenml.python("0.13.2", ["run.py"], tmp_path / "c132", cwd=old)) == expected
    for version in ("0.20.0", "0.20.5"):
        assert _result(realzenml.python(version, ["run.py"], tmp_path / f"c{version}", cwd=fixed)) == expected, version
