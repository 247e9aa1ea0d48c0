"""review28 P9: the results cache keys a notebook with the stamps of the notebooks its ``%run``
lines name (9a5be0e), and found those names by reading the whole notebook, outputs and all, on
every run, a warm one too. The names come from the notebook's bytes, so the cache keeps them with
the notebook's stamp: a warm run reads no notebook, and a change of a notebook a ``%run`` line
names still makes the cache scan the notebook again."""

import json

from zenml_migrate import safe_read
from zenml_migrate.rules import all_rules
from zenml_migrate.scan.engine import ScanSettings, run_scan


def _notebook(*lines):
    cell = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": [ln + "\n" for ln in lines]}
    return json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def test_a_warm_run_reads_no_notebook_for_its_key(tmp_path, monkeypatch):
    (tmp_path / "main.ipynb").write_text(_notebook("%run helper.ipynb", "from zenml.steps import BaseStepConfig", "x = helper_value"))
    (tmp_path / "helper.ipynb").write_text(_notebook("helper_value = 1"))
    (tmp_path / "other.ipynb").write_text(_notebook("from zenml.steps import step"))
    monkeypatch.chdir(tmp_path)

    def scan():
        return run_scan(["."], ScanSettings(rules=all_rules(), workers=1, cache_dir=str(tmp_path / "cache")))

    cold = scan()
    assert cold.findings
    read, real = [], safe_read.read_regular

    def recorded(path, *args, **kw):
        read.append(str(path))
        return real(path, *args, **kw)

    monkeypatch.setattr(safe_read, "read_regular", recorded)
    warm = scan()
    assert [n for n in read if n.endswith(".ipynb")] == []
    assert warm.files_parsed == 0
    assert [f.to_dict() for f in warm.findings] == [f.to_dict() for f in cold.findings]

    # the notebook a %run line names changes: the notebook that runs it is scanned again
    (tmp_path / "helper.ipynb").write_text(_notebook("helper_value = 2  # a longer line"))
    again = scan()
    assert again.files_parsed >= 1
    assert [f.to_dict() for f in again.findings] == [f.to_dict() for f in cold.findings]
    read.clear()
    assert scan().files_parsed == 0
    assert [n for n in read if n.endswith(".ipynb")] == []
