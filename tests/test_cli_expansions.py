"""ZM961 (a required option missing) on lines with expansions: what can be known is judged.
A variable right after an option that takes a value, or inside an option word, is that value;
a quoted one elsewhere is one argument; an unquoted one elsewhere (``$FLAGS``, IPython's
``{flags}``, just's ``{{args}}``, ``"$@"``, Python's ``*args``) may hold any option: not judged."""

import json

from tests.scan_helpers import scan_json, write_tree

SCRIPT = """\
zenml stack register "$NAME" -a default
zenml stack register $NAME -a default
zenml stack register s -o "$ORCH" -a $ART
zenml orchestrator register k --flavor=$FLAVOR
zenml orchestrator register k $FLAGS
zenml stack register s -a default "$@"
zenml orchestrator register "k_${ENV}"
zenml stack register s -a default -o "$(get_orch)"
zenml stack register `name` -a default
"""

CELLS = ['!zenml stack register {name} -a default', '!zenml stack register "{name}" -a default\n!zenml stack register s -o {orch} -a {art}']

PYTHON = """\
import subprocess


def go(name, args):
    subprocess.run(["zenml", "stack", "register", name, "-a", "default"])
    subprocess.run(["zenml", "stack", "register", name, "-a", "default", *args])
    subprocess.run(f"zenml stack register {name} -a default", shell=True)
"""


def test_what_an_expansion_can_be_is_decided_by_where_it_stands(tmp_path):
    nb = {"nbformat": 4, "nbformat_minor": 4, "metadata": {}, "cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": c} for c in CELLS]}
    write_tree(tmp_path, {"run.sh": SCRIPT, "nb.ipynb": json.dumps(nb), "go.py": PYTHON})
    found = sorted((f["path"], f.get("cell"), f["line"]) for f in scan_json(tmp_path, "--select", "ZM961").json()["findings"])
    assert found == [("go.py", None, 5), ("nb.ipynb", 2, 1), ("run.sh", None, 1), ("run.sh", None, 7)]
