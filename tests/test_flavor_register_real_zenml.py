"""review25 R2 on the real CLIs: the line ZM958 rewrites to the Flavor class registers on
0.20.5; on 0.20.0 the CLI fails for every custom flavor, so with ``--target 0.20.0`` the line
gets a TODO, and what that TODO names (``register_flavor.py``) registers it on 0.20.0."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.realzenml import python, zenml
from tests.test_flavor_register_command import ALERTER, SCRIPT, _project

pytestmark = pytest.mark.real_zenml

REGISTER_FLAVOR = Path(__file__).resolve().parent.parent / "migrate" / "profiles" / "targets" / "register_flavor.py"


def _fixed(tmp_path: Path, *options: str) -> Path:
    root = _project(tmp_path, {"team/alerter.py": ALERTER, "register.sh": SCRIPT})
    subprocess.run([sys.executable, "-m", "zenml_migrate", "code", ".", "--fix", "--no-cache", *options], cwd=str(root),
                   capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300, check=False)
    return root


def _register_line(root: Path) -> str:
    lines = (root / "register.sh").read_text().splitlines()
    return next(line for line in lines if line.startswith("zenml alerter flavor register"))


def test_the_0200_todo_is_true_and_its_way_registers_the_flavor(tmp_path):
    root = _fixed(tmp_path, "--target", "0.20.0")
    line = _register_line(root)
    assert line.endswith("team.alerter.TeamsAlerterFlavor")
    assert "ZM958 ZenML 0.20.0's" in (root / "register.sh").read_text()
    cfg = tmp_path / "cfg0200"
    zenml("0.20.0", ["init"], cfg, cwd=root)
    cli = zenml("0.20.0", line.split()[1:], cfg, cwd=root, check=False)
    assert cli.returncode != 0 and "ValidationError" in cli.stdout + cli.stderr, cli.stdout + cli.stderr
    script = tmp_path / "tools" / "register_flavor.py"
    script.parent.mkdir()
    shutil.copy(REGISTER_FLAVOR, script)
    done = python("0.20.0", [str(script), "alerter", "teams", "team.alerter.TeamsAlerterFlavor"], cfg, cwd=root,
                  env={"PYTHONPATH": str(root)})
    assert "registered from team.alerter.TeamsAlerterFlavor" in done.stdout
    listed = zenml("0.20.0", ["alerter", "flavor", "list"], cfg, cwd=root)
    assert "team.alerter.TeamsAlerterFlavor" in listed.stdout


def test_the_default_target_writes_a_line_0205_registers(tmp_path):
    root = _fixed(tmp_path)
    assert "TODO" not in (root / "register.sh").read_text()
    cfg = tmp_path / "cfg0205"
    zenml("0.20.5", ["init"], cfg, cwd=root)
    zenml("0.20.5", _register_line(root).split()[1:], cfg, cwd=root)
    assert "team.alerter.TeamsAlerterFlavor" in zenml("0.20.5", ["alerter", "flavor", "list"], cfg, cwd=root).stdout


def test_the_0200_todo_s_own_command_registers_the_flavor(tmp_path):
    """review28 R10: the TODO's ``python register_flavor.py TYPE NAME SOURCE`` names the type and
    the flavor's name; run as written (from the TODO line) on the real 0.20.0, the flavor is listed
    under that name and 0.20.0 then registers a component of it (what the script's next line does)."""
    import re
    import shlex

    root = _fixed(tmp_path, "--target", "0.20.0")
    todo = next(line for line in (root / "register.sh").read_text().splitlines() if "TODO(zenml-migrate): ZM958" in line)
    command = shlex.split(re.search(r"`(python register_flavor\.py [^`]*)`", todo).group(1))
    assert command[2:] == ["alerter", "teams", "team.alerter.TeamsAlerterFlavor"], todo
    cfg = tmp_path / "cfg0200"
    zenml("0.20.0", ["init"], cfg, cwd=root)
    shutil.copy(REGISTER_FLAVOR, root / "register_flavor.py")
    done = python("0.20.0", command[1:], cfg, cwd=root, env={"PYTHONPATH": str(root)})
    assert "flavor teams (alerter) registered" in done.stdout, done.stdout + done.stderr
    listed = zenml("0.20.0", ["alerter", "flavor", "list"], cfg, cwd=root)
    assert "teams" in listed.stdout and "team.alerter.TeamsAlerterFlavor" in listed.stdout, listed.stdout
    zenml("0.20.0", ["alerter", "register", "teams_alerts", "--flavor=teams", "--webhook_url=http://localhost/x"], cfg, cwd=root,
          env={"PYTHONPATH": str(root)})
    assert "teams_alerts" in zenml("0.20.0", ["alerter", "list"], cfg, cwd=root).stdout
