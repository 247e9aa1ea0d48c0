"""ZM426's instance reads on the real ZenML (tests/test_ported_instances.py's project, review24 G1).

The component is built the way each release builds it (0.13.2: the class with its fields; 0.20:
the Flavor's config class and implementation class) and handed to the functions that read its
field: the originals on 0.13.2, the ``--fix``ed copy on 0.20.0 and 0.20.5 give the same values
(before: ``AttributeError: 'LakeStore' object has no attribute 'bucket_owner'`` on both 0.20).
"""

import json
import shutil

import pytest

from tests import realzenml
from tests.test_ported_instances import FILES, _project, migrate
from tests.test_ported_members_real_zenml import _result

pytestmark = pytest.mark.real_zenml

CALLS = """
import json

import report
from lake import store as module

print("RESULT " + json.dumps([module.annotated(s), module.optional(s), report.narrowed(s), report.asserted(s),
                               report.guarded(s), report.narrowed(object()), report.listed([s, s])]))
"""
OLD = 'import lake.store\ns = lake.store.LakeStore(name="probe", path="lake://x", bucket_owner="ops")\n' + CALLS
NEW = realzenml.built_component("lake.store", "LakeStore", "path='lake://x', bucket_owner='ops'") + "s = component\n" + CALLS


def test_the_instance_reads_give_the_same_values_on_020(tmp_path):
    old = _project(tmp_path / "old", FILES)
    fixed = tmp_path / "fixed" / "proj"
    shutil.copytree(old, fixed)
    migrate(fixed, "code", ".", "--fix")
    (old / "read.py").write_text(OLD)
    (fixed / "read.py").write_text(NEW)
    expected = ["opslake://x", "ops", "ops", "ops", "ops", "", ["ops", "ops"]]
    assert _result(realzenml.python("0.13.2", ["read.py"], tmp_path / "c132", cwd=old)) == expected
    for version in ("0.20.0", "0.20.5"):
        assert _result(realzenml.python(version, ["read.py"], tmp_path / f"c{version}", cwd=fixed)) == expected, version
