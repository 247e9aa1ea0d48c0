"""``migrate code --fix --select ZM426`` on the real ZenML (tests/test_port_rule_selection.py's
project): a run that leaves the port out rewrites no read the port moves, so the module still
imports and runs on 0.20.0 and 0.20.5 (before: it imported `TeamStoreConfig`, which that run did
not write: ImportError); with ZM409 selected too, the ported class and the rewritten reads run."""

import shutil

import pytest

from tests import realzenml
from tests.test_kept_flavor_string import _migrate as migrate, _project
from tests.test_port_rule_selection import STORE, USE
from tests.test_ported_members_real_zenml import _result

pytestmark = pytest.mark.real_zenml

FILES = {"teamkit/__init__.py": "", "teamkit/stores.py": STORE, "use.py": USE}


def test_a_selection_without_the_port_leaves_code_that_runs_on_020(tmp_path):
    alone = _project(tmp_path / "alone", FILES)
    both = tmp_path / "both"
    shutil.copytree(alone, both)
    migrate(alone, "code", ".", "--fix", "--select", "ZM426")
    (alone / "run.py").write_text('import json, use\nprint("RESULT " + json.dumps(use.schemes()))\n')
    migrate(both, "code", ".", "--fix", "--select", "ZM426,ZM409")
    (both / "run.py").write_text(
        realzenml.built_component("teamkit.stores", "TeamStore", f"path={str(tmp_path / 's')!r}, team='ops'")
        + 'import json, use\nprint("RESULT " + json.dumps([use.team_of(component), use.schemes()]))\n')
    for version in ("0.20.0", "0.20.5"):
        assert _result(realzenml.python(version, ["run.py"], tmp_path / f"a{version}", cwd=alone)) == [""], version
        assert _result(realzenml.python(version, ["run.py"], tmp_path / f"b{version}", cwd=both)) == ["ops", [""]], version
