"""ZM958: `zenml <type> flavor register SOURCE` names the component class of 0.13.2; 0.20 takes
its Flavor class. When ZM409 ports that class in the same run, the path becomes the Flavor
class it writes, at the port's fix level; else the finding has no fix and says what to do.
(redteam N2, held-out repro n2_flavor_register)"""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

ALERTER = '''\
from typing import ClassVar, Optional

from zenml.alerter.base_alerter import BaseAlerter


class TeamsAlerter(BaseAlerter):
    webhook_url: str

    FLAVOR: ClassVar[str] = "teams"

    def post(self, message: str, config: Optional[object] = None) -> bool:
        return True
'''
RUNTIME = ALERTER + '''
    def reset(self) -> None:
        self.webhook_url = ""
'''
SCRIPT = "zenml alerter flavor register team.alerter.TeamsAlerter\nzenml alerter register teams --flavor=teams\n"


def _project(tmp_path: Path, files) -> Path:
    root = tmp_path / "proj"
    for name, text in {"team/__init__.py": "", **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def _run(root: Path, *args: str) -> str:
    proc = subprocess.run([sys.executable, "-m", "zenml_migrate", *args], cwd=str(root), capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, timeout=120)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.stdout + proc.stderr


def _zm958(root: Path, *paths: str):
    out = json.loads(_run(root, "scan", *(paths or (".",)), "--format", "json", "--no-cache"))
    return [f for f in out["findings"] if f["code"] == "ZM958"]


def test_the_path_becomes_the_flavor_class_the_port_writes(tmp_path):
    root = _project(tmp_path, {"team/alerter.py": ALERTER, "register.sh": SCRIPT})
    (finding,) = _zm958(root)
    assert finding["fix"] == "safe" and "`team.alerter.TeamsAlerterFlavor`" in finding["message"]
    _run(root, "code", ".", "--fix", "--no-cache")
    assert (root / "register.sh").read_text() == SCRIPT.replace("TeamsAlerter\n", "TeamsAlerterFlavor\n")
    assert "class TeamsAlerterFlavor(" in (root / "team/alerter.py").read_text()
    assert not _zm958(root)


def test_a_port_that_needs_unsafe_fixes_rewrites_the_path_only_with_them(tmp_path):
    root = _project(tmp_path, {"team/alerter.py": RUNTIME, "register.sh": SCRIPT})
    (finding,) = _zm958(root)
    assert finding["fix"] == "unsafe"
    _run(root, "code", ".", "--fix", "--no-cache")
    assert "flavor register team.alerter.TeamsAlerter\n" in (root / "register.sh").read_text()  # the port is not written
    assert "TeamsAlerterFlavor" not in (root / "team/alerter.py").read_text()
    _run(root, "code", ".", "--fix", "--unsafe-fixes", "--no-cache")
    assert "flavor register team.alerter.TeamsAlerterFlavor\n" in (root / "register.sh").read_text()
    assert "class TeamsAlerterFlavor(" in (root / "team/alerter.py").read_text()


def test_no_fix_when_the_class_is_not_ported_by_this_run(tmp_path):
    """Only the script is given: its module is not rewritten, so the Flavor class does not exist
    after the run; a class this project does not have is not renamed either."""
    root = _project(tmp_path, {"team/alerter.py": ALERTER, "register.sh": SCRIPT,
                               "other.sh": "zenml orchestrator flavor register vendor.orch.FastOrchestrator\n"})
    findings = _zm958(root, "register.sh", "other.sh")
    assert [f["fix"] for f in findings] == [None, None]
    assert "its module is not among the files this run rewrites" in findings[1]["message"]  # sorted by path
    assert "writes `FastOrchestratorFlavor`: register `vendor.orch.FastOrchestratorFlavor`)" in findings[0]["message"]
    _run(root, "code", "register.sh", "other.sh", "--fix", "--unsafe-fixes", "--no-cache")
    text = (root / "register.sh").read_text()
    assert "flavor register team.alerter.TeamsAlerter\n" in text and "# TODO(zenml-migrate): ZM958" in text


def test_a_notebook_cell_is_rewritten_too(tmp_path):
    cell = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
            "source": ["!zenml alerter flavor register team.alerter.TeamsAlerter\n"]}
    nb = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    root = _project(tmp_path, {"team/alerter.py": ALERTER, "setup.ipynb": json.dumps(nb, indent=1) + "\n"})
    assert [f["fix"] for f in _zm958(root)] == ["safe"]
    _run(root, "code", ".", "--fix", "--no-cache")
    assert "team.alerter.TeamsAlerterFlavor" in (root / "setup.ipynb").read_text()


def test_flavor_classes_and_variables_are_not_flagged(tmp_path):
    script = textwrap.dedent('''\
        zenml alerter flavor register team.alerter.TeamsAlerterFlavor
        zenml orchestrator flavor register "$SOURCE"
        zenml orchestrator flavor register ${SOURCE}
        ''')
    root = _project(tmp_path, {"team/alerter.py": ALERTER, "register.sh": script})
    assert not _zm958(root, "register.sh")


def test_with_target_0200_the_rewritten_line_says_the_0200_cli_cannot_register_it(tmp_path):
    """review25 R2: 0.20.0's CLI fails for every custom flavor (fixed in 0.20.5): with --target
    0.20.0 the line rewritten to the Flavor class gets a TODO that says so and what works on
    0.20.0; the default target writes none (tests/test_flavor_register_real_zenml.py runs both)."""
    py = 'import subprocess\n\nsubprocess.run(["zenml", "alerter", "flavor", "register", "team.alerter.TeamsAlerter"])\n'
    root = _project(tmp_path, {"team/alerter.py": ALERTER, "register.sh": SCRIPT, "register.py": py})
    out = _run(root, "code", ".", "--fix", "--target", "0.20.0", "--no-cache")
    for name in ("register.sh", "register.py"):
        lines = (root / name).read_text().splitlines()
        at = next(i for i, line in enumerate(lines) if "flavor" in line and "register" in line and "TODO" not in line)
        assert "team.alerter.TeamsAlerterFlavor" in lines[at]
        assert "ZM958 ZenML 0.20.0's `zenml <type> flavor register` fails for every custom flavor" in lines[at - 1]
        assert "register_flavor.py alerter teams team.alerter.TeamsAlerterFlavor" in lines[at - 1]  # review28 R10: TYPE, NAME known
        assert f"{name}:{at + 1}:" in out  # the summary names the line it marked
    assert "marked with # TODO(zenml-migrate) comments: 2 lines written" in out
    root = _project(tmp_path / "default", {"team/alerter.py": ALERTER, "register.sh": SCRIPT, "register.py": py})
    _run(root, "code", ".", "--fix", "--no-cache")
    assert "TODO" not in (root / "register.sh").read_text() + (root / "register.py").read_text()


def test_a_command_in_python_code_is_judged_with_the_project_facts(tmp_path):
    """The scan judged a ``flavor register`` in a Python string before it knew the project's
    classes: "`X` is not a component class this run reads" for a class the run ports."""
    py = 'import subprocess\n\nsubprocess.run("zenml alerter flavor register team.alerter.TeamsAlerter", shell=True)\n'
    root = _project(tmp_path, {"team/alerter.py": ALERTER, "register.py": py})
    (finding,) = _zm958(root)
    assert finding["fix"] == "safe" and "`team.alerter.TeamsAlerterFlavor`" in finding["message"]


def test_a_class_a_notebook_writes_with_writefile_is_one_this_run_ports(tmp_path):
    """review25 R7: ZM958 said "`TeamsAlerter` is not a component class this run reads" for the
    class of a ``%%writefile alerter.py`` cell the same run ports."""
    cells = [["%%writefile alerter.py\n", *ALERTER.splitlines(keepends=True)],
             ["!zenml alerter flavor register alerter.TeamsAlerter\n"]]
    nb = {"cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": c} for c in cells],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    root = _project(tmp_path, {"setup.ipynb": json.dumps(nb, indent=1) + "\n"})
    (finding,) = _zm958(root)
    assert finding["fix"] == "safe" and "`alerter.TeamsAlerterFlavor`" in finding["message"], finding
    _run(root, "code", ".", "--fix", "--no-cache")
    source = json.loads((root / "setup.ipynb").read_text())["cells"][1]["source"]
    assert source == ["!zenml alerter flavor register alerter.TeamsAlerterFlavor\n"]


def test_fix_file_with_target_0200_judges_the_source_for_that_cli(tmp_path):
    """review26 P1: the release a fix writes for travels as ``FixOptions.target`` (into the
    detection context, ``ScanContext.target``), so the library's ``fix_file`` judges a
    ``flavor register`` source for the 0.20.0 CLI like ``migrate code --target 0.20.0`` does
    (the project-index sentinel reached only the worker pool)."""
    from zenml_migrate.fix.files import fix_file

    for target, said in (("0.20.0", True), (None, False)):
        path = tmp_path / f"register_{target}.sh"
        path.write_text("zenml alerter flavor register team.alerter.TeamsAlerter\n")
        assert fix_file(str(path), target=target, write=True).error is None
        text = path.read_text()
        assert "# TODO(zenml-migrate): ZM958 " in text
        assert ("ZenML 0.20.0's `zenml <type> flavor register` fails for every custom flavor" in text) is said


def test_the_fix_s_project_index_holds_only_facts(tmp_path, monkeypatch):
    """review26 P1: ``--target`` is an option, not a fact: the project index the fix workers
    get is the scan's, with no key added for it (no ``"\\0target"`` for a ``for key in project``
    to meet); the workers read the target from ``FixOptions``."""
    from zenml_migrate.fix import files
    from zenml_migrate.fix.result import FixOptions
    from zenml_migrate.scan import pool
    from zenml_migrate.scan.file_scan import FileJob

    seen = []
    monkeypatch.setattr(pool, "run_chunks", lambda items, work, init_worker, init, *rest, **kw: seen.append(init) or [])
    project = {"team.alerter.TeamsAlerter.facts": "{}"}
    job = FileJob(str(tmp_path / "register.sh"), "shell")
    files.fix_many([(job, SCRIPT.encode(), (), [])], [], FixOptions(target="0.20.0"), project, set(), 1)
    (codes, given, modules, options), = seen
    assert given == project and options.target == "0.20.0"
