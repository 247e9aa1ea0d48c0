"""Run inside a project whose folders and files are named like standard-library modules (a
``platform/`` package, a ``typing.py``): ``python -m zenml_migrate`` put that folder first on
``sys.path`` and the first ``from typing import ...`` of the tool imported the user's file (a
traceback before the command started). The entry drops that folder; the console script never had
it. Neither imports the user's code: every module below raises when imported."""

import os
import subprocess
import sys

import pytest

# user modules named like the standard library: importing any of them is a failure
SHADOWS = {
    "platform/__init__.py": "raise RuntimeError('the user package platform was imported')\n",
    "platform/tools.py": "VALUE = 1\n",
    "types/__init__.py": "raise RuntimeError('the user package types was imported')\n",
    "logging/__init__.py": "raise RuntimeError('the user package logging was imported')\n",
    "json/__init__.py": "raise RuntimeError('the user package json was imported')\n",
    "typing.py": "raise RuntimeError('the user module typing was imported')\n",
    "enum.py": "raise RuntimeError('the user module enum was imported')\n",
    "signal.py": "raise RuntimeError('the user module signal was imported')\n",
    "ast.py": "raise RuntimeError('the user module ast was imported')\n",
    "tokenize.py": "raise RuntimeError('the user module tokenize was imported')\n",
}
STEP = (
    "from platform.tools import VALUE\n"
    "from zenml.steps import BaseStepConfig\n"
    "\n"
    "\n"
    "class Settings{n}(BaseStepConfig):\n"
    "    size: int = VALUE\n"
)


def _project(root, steps: int) -> str:
    for rel, text in SHADOWS.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    for n in range(steps):
        (root / f"step_{n}.py").write_text(STEP.format(n=n))
    return str(root)


def _run(cwd: str, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    return subprocess.run(list(args), cwd=cwd, capture_output=True, text=True, timeout=300, env=env)


def _console_script() -> str:
    script = os.path.join(os.path.dirname(sys.executable), "migrate")
    if not os.path.exists(script):
        pytest.skip("no migrate console script next to this Python")
    return script


@pytest.mark.parametrize("steps", [1, 60])  # 60: more files than the process pool's threshold
def test_python_m_scan_and_fix_inside_a_project_that_shadows_the_stdlib(tmp_path, steps):
    cwd = _project(tmp_path, steps)
    scan = _run(cwd, sys.executable, "-m", "zenml_migrate", "scan", ".", "--workers", "2", "--no-cache")
    assert "Traceback" not in scan.stderr + scan.stdout, scan.stderr
    assert scan.returncode == 1, scan.stderr  # findings
    assert f"Found {2 * steps} findings in {steps} file" in scan.stdout, scan.stdout
    assert "step_0.py:2:25: ZM101" in scan.stdout

    fix = _run(cwd, sys.executable, "-m", "zenml_migrate", "code", "--fix", ".")
    assert "Traceback" not in fix.stderr + fix.stdout, fix.stderr
    assert fix.returncode == 1, fix.stderr  # files changed
    assert f"fixed {steps} file" in fix.stderr, fix.stderr
    assert (tmp_path / "step_0.py").read_text() == STEP.format(n=0).replace("BaseStepConfig", "BaseParameters")
    for rel, text in SHADOWS.items():  # the user's own modules are left as they were
        assert (tmp_path / rel).read_text() == text
    again = _run(cwd, sys.executable, "-m", "zenml_migrate", "code", "--fix", ".")
    assert again.returncode == 0 and "Traceback" not in again.stderr, again.stderr  # nothing left to change


def test_the_console_script_inside_a_project_that_shadows_the_stdlib(tmp_path):
    cwd = _project(tmp_path, 1)
    scan = _run(cwd, _console_script(), "scan", ".")
    assert "Traceback" not in scan.stderr + scan.stdout, scan.stderr
    assert scan.returncode == 1 and "Found 2 findings in 1 file" in scan.stdout, scan.stderr
    fix = _run(cwd, _console_script(), "code", "--fix", ".")
    assert "Traceback" not in fix.stderr + fix.stdout, fix.stderr
    assert fix.returncode == 1 and "BaseParameters" in (tmp_path / "step_0.py").read_text(), fix.stderr


def test_python_m_keeps_the_folder_zenml_migrate_is_installed_from(tmp_path):
    """Run from the folder the package is imported from (``site-packages``, a copied tree), the
    folder stays on ``sys.path``: the package's neighbours there are its dependencies."""
    package = tmp_path / "zenml_migrate"
    package.mkdir()
    main = os.path.join(os.path.dirname(os.path.abspath(__import__("zenml_migrate").__file__)), "__main__.py")
    with open(main) as f:
        source = f.read()
    (package / "__init__.py").write_text("")
    (package / "start.py").write_text("import sys\n\ndef entry():\n    print(sys.path[0])\n")
    (package / "__main__.py").write_text(source)
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    kept = subprocess.run([sys.executable, "-m", "zenml_migrate"], cwd=str(tmp_path), capture_output=True, text=True, timeout=60, env=env)
    assert kept.returncode == 0, kept.stderr
    assert os.path.realpath(kept.stdout.strip()) == os.path.realpath(str(tmp_path))
