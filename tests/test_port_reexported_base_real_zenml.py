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
    assert results_before_and_after(tmp_path, FILES, "audit", "AuditedStore", "team='ops', audit_level=5", CALL) == \
        ["ops:512 audit=5 team=ops"] * 3


def results_before_and_after(tmp_path, files, module, cls, config, call):
    """The RESULT of ``call`` on ``component``, a ``module.cls`` built with ``path=...`` and ``config``
    (keywords): as written on 0.13.2, and after the safe ``--fix`` (no TODO) on 0.20.0 and 0.20.5."""
    old = _project(tmp_path / "old", files)
    fixed = tmp_path / "fixed" / "proj"
    shutil.copytree(old, fixed)
    assert "TODO" not in _code(fixed).stderr
    config = f"path={str(tmp_path / 'store')!r}, {config}"
    (old / "run.py").write_text(f"import {module}\ncomponent = {module}.{cls}(name='probe', {config})\n" + call)
    (fixed / "run.py").write_text(realzenml.built_component(module, cls, config) + call)
    out = [_result(realzenml.python("0.13.2", ["run.py"], tmp_path / "c132", cwd=old))]
    return out + [_result(realzenml.python(v, ["run.py"], tmp_path / f"c{v}", cwd=fixed)) for v in ("0.20.0", "0.20.5")]
