"""Real tier: notebooks kept as text (jupytext Markdown, Quarto, an IPython script) run their
Python cells on the real ZenML 0.13.2 and, after ``migrate code --fix``, on the real 0.20.5
with the same results. Their cells are run as jupytext/Quarto run them: as the code cells of a
notebook, in order, in one kernel (``tests/notebook_runner.py``)."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_notebooks_real_zenml import run_notebooks
from zenml_migrate.scan.discovery import kind_of
from zenml_migrate.scan.text_notebook import as_notebook_json, python_chunks

pytestmark = pytest.mark.real_zenml

RESULT_LINE = re.compile(r"^([a-z][a-z_ ]*): .*$", re.M)
NOTEBOOKS = {
    "runs.md": (
        "---\njupyter:\n  kernelspec:\n    display_name: Python 3\n    language: python\n    name: python3\n---\n\n# Runs\n\n"
        "```python\nfrom zenml.repository import Repository\nrepo = Repository()\n```\n\nThe pipelines:\n\n"
        "```python\npipes = repo.get_pipelines()\nprint('pipelines:', len(pipes))\n```\n\n"
        "```python\nfrom zenml.steps import BaseStepConfig\n\n\nclass Params(BaseStepConfig):\n    lr: float = 0.1\n\n\n"
        "print('lr:', Params().lr)\n```\n"
    ),
    "report.qmd": (
        "---\ntitle: report\njupyter: python3\n---\n\n```python\nshown = 'not run'\n```\n\n"
        "```{python}\n#| echo: false\nfrom zenml.repository import Repository\n"
        "print('stack:', Repository().active_stack_name)\n```\n"
    ),
    "check.ipy": "from zenml.repository import Repository\nfiles = !ls\nprint('stack:', Repository().active_stack_name)\n",
}


def _as_ipynb(path: Path) -> Path:
    text = path.read_text()
    out = path.with_name(path.name.replace(".", "_") + ".ipynb")
    out.write_text(json.dumps(as_notebook_json(python_chunks(kind_of(path.name), path.name, text))))
    return out


def test_text_notebooks_run_on_0205_after_the_fix_as_on_0132(tmp_path):
    jobs = {}
    for side in ("on0132", "on0205"):
        for name, text in NOTEBOOKS.items():
            folder = tmp_path / side / name.replace(".", "_")
            folder.mkdir(parents=True)
            (folder / name).write_text(text)
    proc = subprocess.run([sys.executable, "-m", "zenml_migrate", "code", "--fix", "--no-cache", "."], cwd=tmp_path / "on0205", capture_output=True, text=True)
    assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr, proc.stdout + proc.stderr
    for side in ("on0132", "on0205"):
        jobs[side] = []
        for name in NOTEBOOKS:
            folder = tmp_path / side / name.replace(".", "_")
            if side == "on0205":
                assert (folder / name).read_text() != NOTEBOOKS[name], (name, proc.stdout)
            nb = _as_ipynb(folder / name)
            jobs[side].append({"notebook": str(nb), "cwd": str(folder), "config": str(tmp_path / f"config-{side}" / name.replace(".", "_"))})
    before = run_notebooks("0.13.2", tmp_path, "on0132", jobs["on0132"])
    after = run_notebooks("0.20.5", tmp_path, "on0205", jobs["on0205"])
    for old, new in zip(jobs["on0132"], jobs["on0205"]):
        cells_old, cells_new = before[old["notebook"]], after[new["notebook"]]
        assert all(c["success"] for c in cells_old), (old["notebook"], [c["error"] for c in cells_old])
        assert all(c["success"] for c in cells_new), (new["notebook"], [c["error"] for c in cells_new], proc.stdout)
        printed_old = RESULT_LINE.findall("\n".join(c["stdout"] for c in cells_old))
        assert printed_old and printed_old == RESULT_LINE.findall("\n".join(c["stdout"] for c in cells_new))
