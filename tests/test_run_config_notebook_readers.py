"""A notebook that runs a YAML run config the 0.13.2 way is read, for that fact, as the scan
reads notebooks (``scan/notebook.raw_cells``): older nbformat versions keep their cells in
worksheets, a code cell's text in ``input``; the YAML it runs keeps its 0.13.2 keys."""

import json

from zenml_migrate.fix.run_config_users import legacy_readers
from zenml_migrate.scan.discovery import discover
from zenml_migrate.scan.run_config_refs import config_refs

YAML = "name: etl_pipeline\nsteps:\n  loader:\n    source:\n      name: loader\n    parameters:\n      rows: 10\n"


def _v3(*cells):
    """An nbformat 3 notebook: one worksheet; a code cell's lines in ``input``."""
    return json.dumps({
        "nbformat": 3, "nbformat_minor": 0, "metadata": {"name": "etl"},
        "worksheets": [{"cells": list(cells), "metadata": {}}],
    })


def _markdown(text):
    return {"cell_type": "markdown", "metadata": {}, "source": [text]}


def _code(*lines):
    return {"cell_type": "code", "collapsed": False, "input": list(lines), "language": "python", "metadata": {}, "outputs": []}


def test_an_nbformat_3_notebook_names_the_configs_its_cells_run():
    nb = _v3(_markdown("# ETL\n"), _code("import os\n", "!zenml pipeline run etl.py -c etl_config.yaml\n"),
             _code('etl_pipeline(loader=loader()).with_config("nightly.yaml").run()\n'))
    assert sorted(config_refs("ipynb", nb.encode())) == [
        ("cell 2:2", "zenml pipeline run -c", "etl_config.yaml"),
        ("cell 3:1", "with_config", "nightly.yaml"),
    ]


def test_what_is_no_notebook_names_none():
    for text in ('{"nbformat": 3, "worksheets": 7}', '{"nbformat": 9, "cells": []}', "[1, 2]", "{not json"):
        assert config_refs("ipynb", (text + " pipeline run").encode()) == ()


def test_the_config_an_old_notebook_runs_keeps_its_keys(tmp_path):
    (tmp_path / "etl_config.yaml").write_text(YAML)
    (tmp_path / "other.yaml").write_text(YAML)
    (tmp_path / "etl.ipynb").write_text(_v3(_code("!zenml pipeline run etl.py \\\n", "    -c etl_config.yaml\n")))
    jobs = discover([str(tmp_path)], ()).jobs
    found = legacy_readers([str(tmp_path / "etl_config.yaml"), str(tmp_path / "other.yaml")], jobs, str(tmp_path))
    assert found == {str(tmp_path / "etl_config.yaml"): ["etl.ipynb:cell 1:1 (zenml pipeline run -c)"]}


def test_command_lines_are_split_by_the_command_scans_lexer():
    """``run_config_refs`` splits a line with ``command_lines.split_commands`` (no second
    splitter): a command in ``$(...)`` or backquotes runs too, and a quote the line never closes
    no longer hides the commands before it (shlex gave up on the whole line)."""
    from zenml_migrate.scan.run_config_refs import config_refs

    script = (
        'out=$(zenml pipeline run a.py -c sub.yaml)\n'
        'log=`zenml pipeline run b.py --config=back.yaml`\n'
        "zenml pipeline run c.py -c plain.yaml; echo \"it's\n"
    )
    assert config_refs("sh", script.encode()) == (
        (1, "zenml pipeline run -c", "sub.yaml"),
        (2, "zenml pipeline run -c", "back.yaml"),
        (3, "zenml pipeline run -c", "plain.yaml"),
    )


def test_the_scan_reads_a_notebooks_json_once(monkeypatch):
    """The run-config references of a scanned notebook come from the notebook the scan read
    (``scan_notebook``), not from a second ``json.loads`` of its bytes."""
    import zenml_migrate.scan.notebook as notebook
    from zenml_migrate.rules import all_rules
    from zenml_migrate.scan.detect import RuleIndex
    from zenml_migrate.scan.file_scan import FileJob, ScanContext, scan_bytes

    loads = []
    real = notebook.json.loads
    nb = _v3(_code("import zenml\n", "!zenml pipeline run etl.py -c etl_config.yaml\n"))
    monkeypatch.setattr(notebook.json, "loads", lambda text, *a, **k: loads.append(text == nb) or real(text, *a, **k))
    result = scan_bytes(FileJob("etl.ipynb", "ipynb"), nb.encode(), ScanContext(RuleIndex(all_rules())))
    assert result.config_refs == (("cell 1:2", "zenml pipeline run -c", "etl_config.yaml"),)
    assert sum(loads) == 1  # (the CLI catalog's data files are JSON too)
