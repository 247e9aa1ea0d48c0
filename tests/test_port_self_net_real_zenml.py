"""``return self`` in a ported class, on the real ZenML (tests/test_port_self_net.py).

A component method that returns ``self`` (a fluent check, ``__enter__``) hands the component to its
caller, and a caller reading a field on it (``s.for_team("ops").team``) gets ``ops`` on 0.13.2 but
AttributeError on 0.20.0 and 0.20.5 once the port moves ``team`` into the Config: the port was safe
before, with no word of it. Now the safe ``--fix`` leaves the class (its ZM409 finding is unsafe),
``--unsafe-fixes`` writes it with a TODO at each ``return self``, and the caller reading
``.config.team`` as the TODO says gets ``ops`` again.
"""

import shutil

import pytest

from tests import realzenml
from tests.test_kept_flavor_string import _migrate as migrate, _project
from tests.test_ported_members_real_zenml import _result

pytestmark = pytest.mark.real_zenml

FILES = {
    "team.py": '''
        from zenml.artifact_stores import LocalArtifactStore


        class TeamStore(LocalArtifactStore):
            FLAVOR = "team_local"

            team: str = "ml"

            def for_team(self, team: str):
                if team != self.team:
                    raise ValueError(team)
                return self

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                return False
        ''',
    "use.py": '''
        def label(store) -> str:
            with store as s:
                return s.for_team("ops").team
        ''',
}

CALL = """
import json, use
try:
    out = use.label(component)
except AttributeError as exc:
    out = str(exc)
print("RESULT " + json.dumps(out))
"""


def test_a_caller_reading_a_field_on_a_returned_self_fails_after_the_port_as_its_todo_says(tmp_path):
    old = _project(tmp_path / "old", FILES)
    store = str(tmp_path / "store")
    (old / "run.py").write_text(f"import team\ncomponent = team.TeamStore(name='probe', path={store!r}, team='ops')\n" + CALL)
    assert _result(realzenml.python("0.13.2", ["run.py"], tmp_path / "c132", cwd=old)) == "ops"

    fixed = tmp_path / "fixed" / "proj"
    shutil.copytree(old, fixed)
    migrate(fixed, "code", "team.py", "--fix")
    assert "TeamStoreConfig" not in (fixed / "team.py").read_text()  # an unsafe port now: not written by --fix
    migrate(fixed, "code", "team.py", "--fix", "--unsafe-fixes")
    text = (fixed / "team.py").read_text()
    assert text.count("# TODO(zenml-migrate): ZM409 `return self` hands `self` to the caller") == 2, text
    (fixed / "run.py").write_text(realzenml.built_component("team", "TeamStore", f"path={store!r}, team='ops'") + CALL)
    for version in ("0.20.0", "0.20.5"):
        got = _result(realzenml.python(version, ["run.py"], tmp_path / f"c{version}", cwd=fixed))
        assert got == "'TeamStore' object has no attribute 'team'", version
    (fixed / "use.py").write_text((fixed / "use.py").read_text().replace(').team', ').config.team'))  # as the TODO says
    for version in ("0.20.0", "0.20.5"):
        assert _result(realzenml.python(version, ["run.py"], tmp_path / f"d{version}", cwd=fixed)) == "ops", version
