"""Notebooks as Jupyter runs them, on the real ZenMLs.

The notebooks in ``fixtures/notebooks/`` are written like ZenML's own 0.13 tutorials (line
magics, ``!zenml`` stack set-up cells with continued lines, ``x = !cmd``, a ``%%bash`` cell,
a pipeline, post-execution reads, ``obj?`` help). Each runs top to bottom on the real 0.13.2
with IPython's own ``InteractiveShell.run_cell`` (``tests/notebook_runner.py``: the input
transformers and shell escapes of ipykernel, without a kernel), its ``zenml`` commands
against a temp ``ZENML_CONFIG_PATH``. Then ``migrate code --fix`` rewrites a copy, which
must run on the real 0.20.5 as far as the original ran on 0.13.2: every cell that succeeded
still succeeds, every shell command that succeeded still does unless the fix left a
``# TODO(zenml-migrate)`` note above it, and the results printed are the same. Both versions
run at the same time (one subprocess each).

A second check holds our reading of cells against IPython's own: the lines the notebook model
keeps as Python are exactly the lines IPython's ``TransformerManager`` leaves alone.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Dict, List

import pytest

from tests.realzenml import VERSIONS, run, venv_python
from zenml_migrate.scan.notebook import read_cell

pytestmark = pytest.mark.real_zenml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "notebooks"
RUNNER = Path(__file__).resolve().parent / "notebook_runner.py"
NOTEBOOKS = sorted(p.name for p in FIXTURES.glob("*.ipynb"))
TODO = "# TODO(zenml-migrate):"
# what a cell prints that must be the same on 0.13.2 and, after the fix, on 0.20.5
RESULT_LINE = re.compile(r"^(trainer output|active stack|notebook_stack active|a pipeline view|steps run): .*$", re.M)


def ipython_python(version: str) -> Path:
    """The venv's python, with IPython in it (ZenML brings it through rich[jupyter]; installed
    with the venv's release-era cut-off date when missing)."""
    python = venv_python(version)
    if subprocess.run([str(python), "-c", "import IPython"], capture_output=True).returncode != 0:
        from tests.realzenml import _uv

        cutoff = VERSIONS[version][2]
        subprocess.run([_uv(), "pip", "install", "-q", "-p", str(python), "--exclude-newer", cutoff, "ipython"], check=True)
    return python


def run_notebook(version: str, project: Path, notebook: str) -> List[dict]:
    python = ipython_python(version)
    out = project.parent / f"{project.name}-{notebook}.json"
    env = {"PATH": f"{python.parent}{os.pathsep}{os.environ.get('PATH', '')}", "COLUMNS": "200"}
    config = project.parent / f"{project.name}-zenml-config"
    proc = run([python, RUNNER, notebook, out], config, cwd=project, env=env, check=False, timeout=900)
    assert proc.returncode == 0 and out.exists(), f"runner failed on {version}:\n{proc.stdout[-3000:]}\n{proc.stderr[-5000:]}"
    return json.loads(out.read_text())


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> Dict[str, dict]:
    base = tmp_path_factory.mktemp("notebooks")
    old, new = base / "on0132", base / "on0205"
    shutil.copytree(FIXTURES, old)
    shutil.copytree(FIXTURES, new)
    fix = subprocess.run(
        [sys.executable, "-m", "zenml_migrate", "code", "--fix", "--no-cache", "."], cwd=new, capture_output=True, text=True
    )
    assert fix.returncode in (0, 1), fix.stderr
    out = {}
    with ThreadPoolExecutor(max_workers=2) as pool:
        for name in NOTEBOOKS:
            before = pool.submit(run_notebook, "0.13.2", old, name)
            after = pool.submit(run_notebook, "0.20.5", new, name)
            out[name] = {"old": before.result(), "new": after.result(), "fixed": json.loads((new / name).read_text()), "log": fix.stderr}
    return out


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_fixture_notebook_runs_top_to_bottom_on_0132(runs, name):
    for cell in runs[name]["old"]:
        assert cell["success"], (cell["cell"], cell["error"], cell["stdout"][-1500:])
        assert all(c["exit_code"] == 0 for c in cell["shell"]), (cell["cell"], cell["shell"], cell["stdout"][-1500:])


def _noted_commands(fixed: dict) -> List[str]:
    """Shell commands of the fixed notebook with a TODO note above them (left for a human)."""
    out = []
    for cell in fixed["cells"]:
        lines = "".join(cell["source"]).split("\n")
        for above, line in zip(lines, lines[1:]):
            if above.lstrip().startswith(TODO):
                out.append(" ".join(line.strip().lstrip("!").split()))
    return out


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_fixed_notebook_runs_on_0205_as_far_as_the_original_on_0132(runs, name):
    old = {c["cell"]: c for c in runs[name]["old"]}
    new = {c["cell"]: c for c in runs[name]["new"]}
    assert set(old) == set(new)
    noted = _noted_commands(runs[name]["fixed"])
    for number, before in old.items():
        after = new[number]
        if before["success"]:
            assert after["success"], (number, after["error"], after["stdout"][-2000:], runs[name]["log"])
        for call in after["shell"]:
            command = " ".join(call["command"].split())
            if call["exit_code"] != 0:
                assert any(command.startswith(n) for n in noted), (number, command, after["stdout"][-2000:])
        assert RESULT_LINE.findall(after["stdout"]) == RESULT_LINE.findall(before["stdout"]), (number, after["stdout"][-1500:])
    printed = "\n".join(c["stdout"] for c in runs[name]["new"])
    assert RESULT_LINE.search(printed), "the notebook printed none of its results"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_what_0205_could_not_run_is_what_the_fix_marked(runs, name):
    failing = [" ".join(c["command"].split()) for cell in runs[name]["new"] for c in cell["shell"] if c["exit_code"] != 0]
    noted = _noted_commands(runs[name]["fixed"])
    assert noted, "the fixture has no command 0.20 dropped: it tests nothing"
    for command in failing:
        assert any(command.startswith(n) for n in noted), command


# ------------------------------------------------------------------ our reading = IPython's
TRANSFORM = r"""
import json, re, sys
from IPython.core.inputtransformer2 import TransformerManager
cells = json.load(open(sys.argv[1]))
manager = TransformerManager()

def transform(cell):
    out = manager.transform_cell(cell)
    # %%time/%%timeit/%%capture/%%prun run their body through the same transformers
    if re.match(r"get_ipython\(\)\.run_cell_magic\('(time|timeit|capture|prun|debug)'", out):
        out += "\n" + manager.transform_cell(cell.lstrip().split("\n", 1)[1])
    return out

print(json.dumps([transform(c) for c in cells]))
"""

EXTRA_CELLS = [
    "%matplotlib inline\n!zenml stack register s \\\n    -m default \\\n    -a default -o default\nstacks = !zenml stack list\n",
    "out = %sx zenml profile list\nRepository?\n??Repository\n%pip install -q zenml==0.13.2\n",
    'docs = """\n!not a shell escape inside a string\n"""\nvalue = call(1,\n  2)\nif stacks:\n    !echo "zenml"\nx = 1 if y else 2\n',
    "%%bash\nzenml profile list\nzenml stack list\n",
    "%%time\nfrom zenml.repository import Repository\n!ls\n",
    "x = a != b\nd = {'a': 1}  # %magic\na[x] = b % c\nprint('!x')\n",
]


def test_cells_are_read_the_way_ipython_reads_them(tmp_path):
    cells = EXTRA_CELLS[:]
    for name in NOTEBOOKS:
        nb = json.loads((FIXTURES / name).read_text())
        cells += ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    data = tmp_path / "cells.json"
    data.write_text(json.dumps(cells))
    script = tmp_path / "transform.py"
    script.write_text(TRANSFORM)
    python = ipython_python("0.20.5")
    proc = run([python, script, data], tmp_path / "zenml-config", cwd=tmp_path)
    transformed = json.loads(proc.stdout)
    for source, ipython in zip(cells, transformed):
        cell = read_cell(source, 0)
        kept = set(ipython.split("\n"))
        for i, line in enumerate(cell.lines):
            if not line.strip():
                continue
            if i in cell.masked:
                assert line not in kept, (source, line, ipython)
            else:
                assert line in kept, (source, line, ipython)
