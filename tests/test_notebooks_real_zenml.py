"""Notebooks as Jupyter runs them, on the real ZenMLs.

The notebooks in ``fixtures/notebooks/`` are written like ZenML's own 0.6-0.13 tutorials and
like users' exploration notebooks: line and cell magics, ``!zenml`` stack set-up cells with
continued lines, ``x = !cmd``, ``%%bash``, ``%%writefile`` modules the next cell imports,
class-based steps, ``@enable_mlflow``, post-execution reads, pasted ``>>>``/``In [1]:``
prompts, ``obj?`` help, a re-defined step, a cell with a real syntax error (tagged
``raises-exception``, as Jupyter expects), nbformat 4.0-4.5, CRLF and tab-indented JSON.

Each runs top to bottom on the real 0.13.2 with IPython's own ``InteractiveShell.run_cell``
(``tests/notebook_runner.py``: the input transformers and shell escapes of ipykernel,
without a kernel; all notebooks of one version in one process, each as in a fresh kernel in
its own folder and ``ZENML_CONFIG_PATH``). Then ``migrate code --fix`` rewrites a copy,
which must run on the real 0.20.5 as far as the original ran on 0.13.2: every cell that
succeeded still succeeds (or the fix put a ``# TODO(zenml-migrate)`` note in it), every shell
command that succeeded still does unless a note is above it (or in the script it runs), and
the results the cells print are the same. Notebooks that ``--unsafe-fixes`` rewrites
differently run on 0.20.5 as well. Both versions run at the same time (one subprocess
each); the mlflow venvs (``tests/realzenml_extras.py``) serve every notebook.

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

from tests.realzenml import VERSIONS, _uv, run
from tests.realzenml_extras import extra_venv_python
from zenml_migrate.scan.notebook import read_cell

pytestmark = pytest.mark.real_zenml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "notebooks"
RUNNER = Path(__file__).resolve().parent / "notebook_runner.py"
NOTEBOOKS = sorted(p.name for p in FIXTURES.glob("*.ipynb"))
TODO = "# TODO(zenml-migrate):"
TRACKER = "mlflow_tracker"  # the experiment tracker mlflow_tracking.ipynb registers
# what a cell prints that must be the same on 0.13.2 and, after the fix, on 0.20.5: ``label: value``
RESULT_LINE = re.compile(r"^([a-z][a-z_ ]*): .*$", re.M)
# a zenml command a ``%%bash`` cell ran that this version does not have
CLICK_ERROR = re.compile(r"^Error: No such (command|option)", re.M)
SHELL_MAGICS = {"bash", "sh", "script", "system"}


def notebook_python(version: str) -> Path:
    """The mlflow venv's python, with IPython (ZenML brings it through rich[jupyter]) and pip
    (``zenml integration install`` calls ``python -m pip``) installed with the venv's
    release-era cut-off date when missing."""
    python = extra_venv_python(version, "mlflow")
    for module, requirement in (("IPython", "ipython"), ("pip", "pip")):
        if subprocess.run([str(python), "-c", f"import {module}"], capture_output=True).returncode != 0:
            cutoff = VERSIONS[version][2]
            subprocess.run([_uv(), "pip", "install", "-q", "-p", str(python), "--exclude-newer", cutoff, requirement], check=True)
    return python


def copies(base: Path, side: str) -> List[dict]:
    """Each notebook in a folder of its own (its working directory; the files it uses it
    writes itself) with a config directory of its own."""
    jobs = []
    for name in NOTEBOOKS:
        folder = base / side / Path(name).stem
        folder.mkdir(parents=True)
        shutil.copy2(FIXTURES / name, folder / name)
        jobs.append({"notebook": str(folder / name), "cwd": str(folder), "config": str(base / f"config-{side}" / Path(name).stem)})
    return jobs


def fix(folder: Path, *options: str) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "zenml_migrate", "code", "--fix", "--no-cache", "--experiment-tracker", TRACKER, *options, "."],
        cwd=folder,
        capture_output=True,
        text=True,
    )
    # 2: the cell with the user's syntax error is reported (ZM001), the rest is fixed
    assert proc.returncode in (0, 1, 2) and "Traceback" not in proc.stderr, proc.stdout + proc.stderr
    return proc


def run_notebooks(version: str, base: Path, side: str, jobs: List[dict]) -> Dict[str, List[dict]]:
    python = notebook_python(version)
    (base / f"jobs-{side}.json").write_text(json.dumps(jobs))
    out = base / f"results-{side}.json"
    env = {"PATH": f"{python.parent}{os.pathsep}{os.environ.get('PATH', '')}", "COLUMNS": "200", "IPYTHONDIR": str(base / f"ipython-{side}")}
    proc = run([python, RUNNER, base / f"jobs-{side}.json", out], base / f"config-{side}-default", cwd=base, env=env, check=False, timeout=900)
    assert proc.returncode == 0 and out.exists(), f"runner failed on {version}:\n{proc.stdout[-3000:]}\n{proc.stderr[-5000:]}"
    return json.loads(out.read_text())  # notebook path -> cell records


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> Dict[str, dict]:
    base = tmp_path_factory.mktemp("notebooks")
    old, new, unsafe = copies(base, "on0132"), copies(base, "on0205"), copies(base, "unsafe")
    fixed = fix(base / "on0205")
    log = fixed.stdout + fixed.stderr
    fix(base / "unsafe", "--unsafe-fixes")
    # --unsafe-fixes: only the notebooks it rewrites differently run again
    unsafe = [j for j, safe in zip(unsafe, new) if Path(j["notebook"]).read_bytes() != Path(safe["notebook"]).read_bytes()]
    with ThreadPoolExecutor(max_workers=2) as pool:
        before = pool.submit(run_notebooks, "0.13.2", base, "on0132", old)
        after = pool.submit(run_notebooks, "0.20.5", base, "on0205", new + unsafe)
        before, after = before.result(), after.result()
    out = {}
    for job, original in zip(new, old):
        name = Path(job["notebook"]).name
        out[name] = {"old": before[original["notebook"]], "new": after[job["notebook"]], "fixed": json.loads(Path(job["notebook"]).read_text()), "log": log}
    for job in unsafe:
        name = Path(job["notebook"]).name
        original = next(o for o in old if Path(o["notebook"]).name == name)
        out[f"{name} --unsafe-fixes"] = {"old": before[original["notebook"]], "new": after[job["notebook"]], "fixed": json.loads(Path(job["notebook"]).read_text()), "log": log}
    return out


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_fixture_notebook_runs_top_to_bottom_on_0132(runs, name):
    for cell in runs[name]["old"]:
        if cell["expected_error"]:
            assert not cell["success"], cell["cell"]  # the cell with the user's syntax error
            continue
        assert cell["success"], (cell["cell"], cell["error"], cell["stdout"][-1500:])
        assert all(c["exit_code"] in (0, None) for c in cell["shell"]), (cell["cell"], cell["shell"], cell["stdout"][-1500:])
        assert not CLICK_ERROR.search(cell["stderr"]), (cell["cell"], cell["stderr"][-1500:])


def _source(cell: dict) -> str:
    return cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])


def _noted_commands(fixed: dict) -> List[str]:
    """Shell commands of the fixed notebook with a TODO note above them (left for a human),
    and ``bash x.sh`` for a script a ``%%writefile x.sh`` cell writes with a note in it."""
    out = []
    for cell in fixed["cells"]:
        lines = _source(cell).split("\n")
        for above, line in zip(lines, lines[1:]):
            if above.lstrip().startswith(TODO):
                out.append(" ".join(line.strip().lstrip("!").split()))
        head = lines[0].split()
        if head[:1] == ["%%writefile"] and head[-1].endswith(".sh") and any(TODO in line for line in lines):
            out.append(f"bash {head[-1]}")
    return out


def _noted(fixed: dict, number: int) -> bool:
    return TODO in _source(fixed["cells"][number - 1])


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_fixed_notebook_runs_on_0205_as_far_as_the_original_on_0132(runs, name):
    _as_far_as(runs[name])


def test_notebooks_unsafe_fixes_rewrite_differently_run_on_0205_as_far(runs):
    unsafe = [k for k in runs if k.endswith("--unsafe-fixes")]
    for key in unsafe:
        _as_far_as(runs[key])


def _as_far_as(run_: dict) -> None:
    old = {c["cell"]: c for c in run_["old"]}
    new = {c["cell"]: c for c in run_["new"]}
    fixed = run_["fixed"]
    assert set(old) == set(new)
    noted = _noted_commands(fixed)
    for number, before in old.items():
        after = new[number]
        if before["success"] and not after["success"]:
            assert _noted(fixed, number), (number, after["error"], after["stdout"][-2000:], run_["log"])
        for call in after["shell"]:
            command = " ".join(call["command"].split())
            if call["exit_code"] not in (0, None):
                assert any(command.startswith(n) for n in noted), (number, command, after["stdout"][-2000:])
        if CLICK_ERROR.search(after["stderr"]) and not CLICK_ERROR.search(before["stderr"]):
            assert _noted(fixed, number), (number, after["stderr"][-1500:])  # a %%bash cell
        failed_noted = any(call["exit_code"] not in (0, None) for call in after["shell"])  # noted: asserted above
        # a statement --unsafe-fixes commented out (ZM461: it fails on 0.20) prints nothing
        commented_out = f"{TODO} ZM461 " in _source(fixed["cells"][number - 1])
        # what zenml commands print differs between the versions: it is not the cell's result
        ran_commands = bool(before["shell"] or after["shell"]) or before["magic"] in SHELL_MAGICS
        if before["success"] and after["success"] and not failed_noted and not commented_out and not ran_commands:
            assert RESULT_LINE.findall(after["stdout"]) == RESULT_LINE.findall(before["stdout"]), (number, after["stdout"][-1500:])
    printed = "\n".join(c["stdout"] for c in run_["new"])
    assert RESULT_LINE.search(printed), "the notebook printed none of its results"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_the_fix_changed_every_fixture_notebook(runs, name):
    original = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    assert runs[name]["fixed"] != original, "the fixture has nothing 0.20 changed: it tests nothing"


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
    ">>> from zenml.repository import Repository\n>>> !zenml stack list\n>>> repo = Repository()\n",
    "In [3]: x = 1\n   ...: y = 2\n\nIn [4]: Repository?\n",
    "x = 1\n>>> y = 2\n",
    "  >>> a = 1\n  ... b = 2\n",
    "x = 1\ny = 2\n>>> z = 3\n",
    "from zenml.repository import Repository\nRepository?\n??Repository\nif True:\n    Repository??\n%timeit?\n",
    ">>> from zenml.repository import Repository\n... pipe = Repository().get_pipeline('p')\n",
    "x = Repository??\nRepository().get_pipelines?\nlst[0]?\nzenml.*?\ns = \"\"\"why?\n!not a command\n\"\"\"\n",
]


def test_cells_are_read_the_way_ipython_reads_them(tmp_path):
    cells = EXTRA_CELLS[:]
    for name in NOTEBOOKS:
        nb = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
        cells += [_source(c) for c in nb["cells"] if c["cell_type"] == "code"]
    data = tmp_path / "cells.json"
    data.write_text(json.dumps(cells))
    script = tmp_path / "transform.py"
    script.write_text(TRANSFORM)
    python = notebook_python("0.20.5")
    proc = run([python, script, data], tmp_path / "zenml-config", cwd=tmp_path)
    transformed = json.loads(proc.stdout)
    for source, ipython in zip(cells, transformed):
        cell = read_cell(source, 0)
        kept = {line.rstrip("\r") for line in ipython.split("\n")}
        for i, line in enumerate(cell.python):
            if not cell.lines[i].strip():
                continue
            if i in cell.masked or i in cell.timed:  # (timed: an escape whose Python pieces the rules see, ``{expr}`` fields too)
                assert cell.lines[i].rstrip("\r") not in kept, (source, line, ipython)
            else:
                assert line.rstrip("\r") in kept, (source, line, ipython)


# ------------------------------------------------------------------ nothing IPython runs is skipped
# cells with much IPython syntax, each with the code of the CLI finding its zenml command gets
# (None: none); every cell IPython compiles must be read (no ZM001) and its commands checked
IPYTHON_CELLS = [
    ("%load_ext autoreload\n%autoreload 2", None),
    ("!zenml stack register s -m default -a default -o default", "ZM952"),
    ("x = !zenml stack list --json", "ZM960"),
    ("!!zenml profile create p", "ZM950"),
    ("%%bash\nzenml stack set s --global\n", "ZM950"),
    ("%%capture out\n!zenml metadata-store list\nprint(1)", "ZM951"),
    ("from zenml.repository import Repository\nRepository?", None),
    ("?Repository\nRepository??\n%pinfo Repository", None),
    ("# only a comment", None),
    ("", None),
    ("import asyncio\nawait asyncio.sleep(0)", None),
    ("!zenml stack register s2 \\\n   -m default \\\n   -a default -o default", "ZM952"),
    ("%%time\nfrom zenml.repository import Repository\nRepository().active_stack_name", None),
    ("%%script bash\nzenml server up", "ZM953"),
    ("%sx zenml example run quickstart --bogus", "ZM960"),
    ("%system zenml served-models list", "ZM957"),
    ("%env ZENML_DEBUG=1", None),
    ("ls", None),
    ("%%writefile run.sh\nzenml stack register x -m m -a a -o o\n", "ZM952"),
    ("%%html\n<b>hi</b>", None),
    ("name = 's3'\n!zenml stack register {name} -m default -a default -o default", "ZM952"),
    ("print('a');", None),
    ("  y = 1\n  z = 2", None),
    ("%timeit -n1 Repository()", None),
    ("a = %env", None),
    ("%config Completer.use_jedi = False", None),
    ("%%prun\nRepository()", None),
    ("%%sh\nzenml stack up --bogus-opt\n", "ZM960"),
    ("import zenml\nzenml.*?", None),
    ("Repository().get_pipelines?", None),
    ("x = Repository??", None),
    ("lst = [1, 2]\nlst[0]?", None),
    ('s = """why?\n!not a command\n"""', None),
    ("%matplotlib inline", None),
    ('!pip install "zenml[server]==0.20.5"', None),
    ("async def f():\n    return 1\nawait f()", None),
    ("for i in range(2):\n    !echo {i}\n    !zenml stack describe s --bogus", "ZM960"),
    ("if True:\n    %time Repository()", None),
    ("%%bash\ncat <<EOF > x.txt\nzenml stack list\nEOF\nzenml orchestrator register kf --flavor kubeflow --kubernetes_context ctx", "ZM960"),
    ("!zenml stack register s3 -m default -a default -o default  # comment", "ZM952"),
    ("%%capture\n%%time\nRepository()", None),
    ("%run -i other.py", None),
    ("x = 1 \\\n    + 2", None),
    ("def g():\n    '''!zenml not a command'''\n    return 1", None),
    ('%%bash -s "$name"\nzenml stack describe $1 --json', "ZM960"),
    ("In [3]: from zenml.repository import Repository\n   ...: Repository()", None),
    (">>> from zenml.repository import Repository\n>>> Repository()", None),
    ("%%timeit -n 1\nRepository()", None),
    ("print(f'{Repository!r}')", None),
]

ACCEPTS = r"""
import ast, json, sys
from IPython.core.inputtransformer2 import TransformerManager
manager = TransformerManager()
out = []
for cell in json.load(open(sys.argv[1])):
    try:
        compile(manager.transform_cell(cell), "<cell>", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
        out.append(True)
    except SyntaxError:
        out.append(False)
print(json.dumps(out))
"""


def test_no_cell_ipython_runs_is_skipped_and_its_commands_are_checked(tmp_path):
    from zenml_migrate.api import scan_source
    from zenml_migrate.rules.notebooks import _notebook

    sources = [source for source, _ in IPYTHON_CELLS]
    (tmp_path / "cells.json").write_text(json.dumps(sources))
    (tmp_path / "accepts.py").write_text(ACCEPTS)
    proc = run([notebook_python("0.20.5"), tmp_path / "accepts.py", tmp_path / "cells.json"], tmp_path / "zenml-config", cwd=tmp_path)
    accepted = json.loads(proc.stdout.strip().splitlines()[-1])
    assert all(accepted), [s for s, ok in zip(sources, accepted) if not ok]  # every cell here is one IPython runs
    for layout in ("list", "text", "crlf"):
        cells = [s.replace("\n", "\r\n") if layout == "crlf" else s for s in sources]
        nb = json.loads(_notebook(*cells))
        if layout == "list":
            for cell in nb["cells"]:
                cell["source"] = cell["source"].splitlines(True)
        found = scan_source(json.dumps(nb), "ipython.ipynb", with_diagnostics=True)
        assert not [f for f in found if f.code == "ZM001"], (layout, [f for f in found if f.code == "ZM001"])
        for number, (source, code) in enumerate(IPYTHON_CELLS, 1):
            cli = {f.code for f in found if f.cell == number and f.code.startswith("ZM9")}
            assert cli == ({code} if code else set()), (layout, number, source, cli)
