"""The reads through a package re-export run on the real ZenML (tests/test_ported_reexports.py's
project, review25 R1): the component is built the way each release builds it and handed to the
functions of ``use.py``; the originals on 0.13.2 and the ``--fix``ed copy on 0.20.0 and 0.20.5 give
the same values (before: ``AttributeError: 'TeamStore' object has no attribute 'team'`` on 0.20)."""

import shutil

import pytest

from tests import realzenml
from tests.test_ported_members_real_zenml import _result
from tests.test_ported_reexports import FILES, _project, migrate

pytestmark = pytest.mark.real_zenml

CALLS = """
import json

import use

print("RESULT " + json.dumps([use.narrowed(s), use.chained(s), use.starred(s), use.narrowed(object())]))
"""


def test_the_reads_through_a_re_export_give_the_same_values_on_020(tmp_path):
    old = _project(tmp_path / "old", FILES)
    fixed = tmp_path / "fixed" / "proj"
    shutil.copytree(old, fixed)
    migrate(fixed, "code", ".", "--fix")
    store = tmp_path / "store"
    (old / "read.py").write_text(f"import teamkit.stores\ns = teamkit.stores.TeamStore(name='probe', path={str(store)!r}, "
                                 "team='ops')\n" + CALLS)
    (fixed / "read.py").write_text(realzenml.built_component("teamkit.stores", "TeamStore", f"path={str(store)!r}, team='ops'")
                                   + "s = component\n" + CALLS)
    expected = ["ops", "ops", "ops", ""]
    assert _result(realzenml.python("0.13.2", ["read.py"], tmp_path / "c132", cwd=old)) == expected
    for version in ("0.20.0", "0.20.5"):
        assert _result(realzenml.python(version, ["read.py"], tmp_path / f"c{version}", cwd=fixed)) == expected, version
