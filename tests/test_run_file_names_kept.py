"""A name a notebook takes in through ``%run FILE.py`` stays bound in FILE.py after its fix
(review22 G3, own input).

``%run tools.py`` runs the file in the kernel and takes its names in; the scan reads the line
as ``from tools import *``. ``migrate code --fix`` renamed ``Repository`` in ``tools.py`` to a plain
``from zenml.client import Client``, and the notebook's own ``Repository()`` was then a NameError
on 0.20: a notebook has no module name, so what it uses of ``tools`` never reached the index
(a ``.py`` doing ``from tools import *`` kept the name: ``Client as Repository``). The real-ZenML
side: tests/test_run_file_names_kept_real_zenml.py.
"""

import ast
import json
import subprocess
import sys
import textwrap
from pathlib import Path

TOOLS = '''
from zenml.repository import Repository


def stack_label() -> str:
    return "stack: " + Repository().active_stack_name
'''

CELLS = ["%run tools.py", "client = Repository()\nprint(type(client).__name__)\nprint(stack_label())"]


def project(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "tools.py").write_text(textwrap.dedent(TOOLS).lstrip("\n"))
    cells = [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": c} for c in CELLS]
    nb = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (root / "explore.ipynb").write_text(json.dumps(nb, indent=1))
    return root


def fix(root: Path) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "zenml_migrate", "code", ".", "--fix", "--no-cache"],
        cwd=str(root), capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def test_the_fix_of_the_run_file_keeps_the_name_the_notebook_uses(tmp_path):
    root = project(tmp_path / "proj")
    fix(root)
    tree = ast.parse((root / "tools.py").read_text())
    bound = {(n.module, a.name, a.asname) for n in tree.body if isinstance(n, ast.ImportFrom) for a in n.names}
    assert ("zenml.client", "Client", "Repository") in bound
    nb = json.loads((root / "explore.ipynb").read_text())
    assert "".join(nb["cells"][1]["source"]).startswith("client = Repository()")  # the notebook's use, as written
