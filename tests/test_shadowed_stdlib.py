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


# What a worker started by spawn (macOS, Windows) or a forkserver (Linux from Python 3.14)
# imports before it gets the run's own ``sys.path``: it starts as ``python -c "from
# multiprocessing... import ..."`` in the project folder, and ``-c`` puts that folder first.
WORKER_SHADOWS = {
    "multiprocessing.py": "raise RuntimeError('the user module multiprocessing was imported')\n",
    "concurrent/__init__.py": "raise RuntimeError('the user package concurrent was imported')\n",
    "threading.py": "raise RuntimeError('the user module threading was imported')\n",
    "pickle.py": "raise RuntimeError('the user module pickle was imported')\n",
    "struct.py": "raise RuntimeError('the user module struct was imported')\n",
    "runpy.py": "raise RuntimeError('the user module runpy was imported')\n",
    "selectors.py": "raise RuntimeError('the user module selectors was imported')\n",
    "weakref.py": "raise RuntimeError('the user module weakref was imported')\n",
}
# ``python -m zenml_migrate`` with another start method than the platform's: the method is set
# before anything else, then the module runs as ``-m`` runs it (the current folder first on the path)
WITH_START_METHOD = (
    "import multiprocessing, os, runpy, sys\n"
    "multiprocessing.set_start_method(sys.argv[1])\n"
    "sys.path[0] = os.getcwd()\n"
    "sys.argv = ['zenml_migrate'] + sys.argv[2:]\n"
    "runpy.run_module('zenml_migrate', run_name='__main__', alter_sys=True)\n"
)


def _start_methods():
    import multiprocessing

    return [m for m in ("spawn", "forkserver") if m in multiprocessing.get_all_start_methods()]


@pytest.mark.parametrize("method", _start_methods())
def test_workers_that_start_a_new_interpreter_do_not_import_the_project(tmp_path, method):
    project = tmp_path / "project"
    project.mkdir()
    cwd = _project(project, 60)  # more files than the pool's threshold: the workers scan and fix
    for rel, text in WORKER_SHADOWS.items():
        path = project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    harness = tmp_path / "with_start_method.py"
    harness.write_text(WITH_START_METHOD)

    scan = _run(cwd, sys.executable, str(harness), method, "scan", ".", "--workers", "2", "--no-cache")
    assert "Traceback" not in scan.stderr + scan.stdout, scan.stderr
    assert "could not be scanned" not in scan.stdout, scan.stdout  # a worker that died: ZM001 per file
    assert scan.returncode == 1, scan.stderr
    assert "Found 120 findings in 60 files" in scan.stdout, scan.stdout

    fix = _run(cwd, sys.executable, str(harness), method, "code", "--fix", ".", "--workers", "2", "--no-cache")
    assert "Traceback" not in fix.stderr + fix.stdout, fix.stderr
    assert fix.returncode == 1 and "fixed 60 files" in fix.stderr, fix.stderr
    assert (project / "step_59.py").read_text() == STEP.format(n=59).replace("BaseStepConfig", "BaseParameters")
    for rel, text in {**SHADOWS, **WORKER_SHADOWS}.items():
        assert (project / rel).read_text() == text


def _start_of_the_worker(items):
    import multiprocessing.spawn  # what a new interpreter imported first, with the folder it started in first on its path

    return [(os.path.dirname(os.path.dirname(multiprocessing.spawn.__file__)), os.getcwd()) for _ in items]


def _nothing(*args):
    pass


@pytest.mark.parametrize("method", _start_methods())
def test_a_new_worker_starts_in_an_empty_folder_and_works_in_the_run_s(monkeypatch, tmp_path, method):
    """A worker that starts as a new interpreter starts in an empty folder (what ``-c`` puts first
    on its path), then works in the run's folder (relative paths); the run is back in its own
    folder as soon as the workers have started, and the empty folder is the run's own."""
    import multiprocessing

    from zenml_migrate.scan import pool

    monkeypatch.setattr(pool, "_start_context", lambda: multiprocessing.get_context(method))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "multiprocessing").mkdir()
    (tmp_path / "multiprocessing" / "__init__.py").write_text("raise RuntimeError('the user package was imported')\n")
    stream = pool.ChunkStream(_start_of_the_worker, _nothing, (), 2, 2, _nothing)
    for x in range(6):
        stream.add(x)
    assert os.getcwd() == str(tmp_path)
    found = stream.results()
    stdlib = os.path.dirname(os.path.dirname(os.path.abspath(multiprocessing.__file__)))
    assert [os.path.realpath(os.path.join(str(tmp_path), lib)) == os.path.realpath(stdlib) for lib, _ in found] == [True] * 6
    assert [os.path.realpath(cwd) for _, cwd in found] == [os.path.realpath(str(tmp_path))] * 6
    assert os.listdir(pool._empty_folder()) == []
