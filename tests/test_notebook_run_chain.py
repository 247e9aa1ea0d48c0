"""A chain of ``%run`` lines (review29 R10): ``%run ./X.ipynb`` runs X in the caller's namespace,
X's own ``%run`` lines too, so a tutorial series where 02 runs 01 and 01 runs 00 gets 00's names in
02. They are read down the chain (a cycle stops), and the results cache keys 02 with the stamps of
the whole chain: a change of 00 makes a warm run scan 02 again."""

import json
import os

from zenml_migrate.rules import all_rules
from zenml_migrate.scan.engine import ScanSettings, run_scan


def _notebook(*lines):
    cell = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": [ln + "\n" for ln in lines]}
    return json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


SETUP = _notebook("from zenml.repository import Repository", "repo = Repository()")
PLAIN = _notebook("client = None")


def _write(tmp_path, setup=SETUP):
    (tmp_path / "00_setup.ipynb").write_text(setup)
    (tmp_path / "01_train.ipynb").write_text(_notebook("%run ./00_setup.ipynb", "x = 1"))
    (tmp_path / "02_inspect.ipynb").write_text(_notebook("%run ./01_train.ipynb", "print(repo.active_stack_name)"))


def _codes(report, name):
    return [(f.code, f.span.line) for f in report.findings if os.path.basename(f.path) == name]


def test_names_come_down_a_chain_of_run_lines(tmp_path, monkeypatch):
    _write(tmp_path)
    monkeypatch.chdir(tmp_path)
    report = run_scan(["."], ScanSettings(rules=all_rules(), workers=1))
    assert _codes(report, "02_inspect.ipynb") == [("ZM402", 2)]


def test_a_cycle_of_run_lines_ends(tmp_path, monkeypatch):
    (tmp_path / "a.ipynb").write_text(_notebook("%run ./b.ipynb", "from zenml.repository import Repository", "repo = Repository()"))
    (tmp_path / "b.ipynb").write_text(_notebook("%run ./a.ipynb", "print(repo.active_stack_name)"))
    monkeypatch.chdir(tmp_path)
    report = run_scan(["."], ScanSettings(rules=all_rules(), workers=1))
    assert ("ZM402", 2) in _codes(report, "b.ipynb")


def test_a_change_two_links_up_the_chain_makes_a_warm_run_scan_again(tmp_path, monkeypatch):
    _write(tmp_path)
    monkeypatch.chdir(tmp_path)

    def scan():
        return run_scan(["."], ScanSettings(rules=all_rules(), workers=1, cache_dir=str(tmp_path / "cache")))

    assert _codes(scan(), "02_inspect.ipynb") == [("ZM402", 2)]
    warm = scan()
    assert warm.files_parsed == 0 and _codes(warm, "02_inspect.ipynb") == [("ZM402", 2)]
    (tmp_path / "00_setup.ipynb").write_text(PLAIN)  # 00 no longer makes a Repository
    assert _codes(scan(), "02_inspect.ipynb") == []
    (tmp_path / "00_setup.ipynb").write_text(SETUP + " ")  # and again (another size)
    assert _codes(scan(), "02_inspect.ipynb") == [("ZM402", 2)]


def test_a_cycle_spelled_through_the_parent_folder_ends(tmp_path):
    """The cache key walks the chain by path: ``%run ../x/b.ipynb`` and back grew the path at each
    turn (``x/../x/../x/a.ipynb``) and never met it again."""
    from zenml_migrate.scan.file_kinds import _run_notebooks

    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "a.ipynb").write_text(_notebook("%run ../x/b.ipynb"))
    (tmp_path / "x" / "b.ipynb").write_text(_notebook("%run ../x/a.ipynb"))
    key = _run_notebooks(str(tmp_path / "x" / "a.ipynb"), {})
    assert key.count("b.ipynb") == 1
