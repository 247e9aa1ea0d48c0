"""The renamed field read runs on the real ZenML (tests/test_renamed_field_reads.py, review24 G10): the
module prints the same values on 0.13.2 and, after the safe ``--fix``, on 0.20.0 and 0.20.5 (before, the
module-level read was commented out and the function's read raised AttributeError there; a
``getattr(cfg, "copy_profile", None)`` gave None there)."""

import shutil

import pytest

from tests import realzenml
from tests.test_kept_flavor_string import _migrate as migrate, _project
from tests.test_ported_members_real_zenml import _result
from tests.test_renamed_field_reads import ASKED, SOURCE

pytestmark = pytest.mark.real_zenml

RUN = SOURCE + '\nimport json\nprint("RESULT " + json.dumps([BASE.copy_profile, *show(), *guarded()]))\n'


def test_the_renamed_read_gives_the_same_value_on_020(tmp_path):
    old = _project(tmp_path / "old", {"d.py": RUN})
    fixed = tmp_path / "fixed" / "proj"
    shutil.copytree(old, fixed)
    migrate(fixed, "code", ".", "--fix")
    code = [ln for ln in (fixed / "d.py").read_text().splitlines() if not ln.lstrip().startswith("#")]
    assert [ln for ln in code if "copy_profile" in ln] == ['    return operator.attrgetter("copy_profile")(BASE)']  # its TODO says why
    same = [False] * 5  # the getattr with a default too (before its string was renamed: None on 0.20)
    assert _result(realzenml.python("0.13.2", ["d.py"], tmp_path / "c132", cwd=old)) == same
    for version in ("0.20.0", "0.20.5"):
        assert _result(realzenml.python(version, ["d.py"], tmp_path / f"c{version}", cwd=fixed)) == same, version


def test_the_renamed_hasattr_takes_the_same_branch_on_020(tmp_path):
    """``hasattr(cfg, "copy_profile")``: before its string was renamed, the fixed module took the other
    branch on 0.20 (``[true, false]``) where 0.13.2 returned the field (``false``)."""
    old = _project(tmp_path / "old", {"h.py": ASKED + '\nimport json\nprint("RESULT " + json.dumps(copies()))\n'})
    fixed = tmp_path / "fixed" / "proj"
    shutil.copytree(old, fixed)
    migrate(fixed, "code", ".", "--fix")
    assert _result(realzenml.python("0.13.2", ["h.py"], tmp_path / "c132", cwd=old)) is False
    for version in ("0.20.0", "0.20.5"):
        assert _result(realzenml.python(version, ["h.py"], tmp_path / f"c{version}", cwd=fixed)) is False, version
