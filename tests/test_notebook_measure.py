"""How scripts/notebook_check.py counts recall on notebooks (plain Python, no ZenML needed).

* A failing line is the first line of its statement: a finding on another line of that
  statement reports it (held-out 11: a multi-line 'from zenml.integrations.evidently.steps
  import (\\n    EvidentlyProfileConfig, ...)' failed at its first line while ZM103 is on the
  name, and the line was counted missed; corpus_check.py already reads .py files so).
* A ``%%time`` cell runs its body as Python: a failure there that uses what an earlier probe
  stubbed is a cascade, as for any other statement (its names were invisible inside the
  ``run_cell_magic`` string, so the cell was charged a failing line of its own)."""

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import corpus_import  # noqa: E402
import notebook_check  # noqa: E402

MODULE = "import os\nfrom zenml.integrations.x.steps import (\n    OldConfig,\n    OldStep,\n)\nprint(os.sep)\n"


def _results(failing_cells, failing_lines):
    one = {"nb.ipynb": {"ok": False, "error": "ImportError", "failing_lines": failing_lines, "failing_cells": failing_cells,
                        "cascade_lines": [], "blamed": [], "module": ".nbimport/nb.py"}}
    ok = {"nb.ipynb": {"ok": True, "error": None, "failing_lines": [], "failing_cells": [], "blamed": [], "module": ".nbimport/nb.py"}}
    return {
        "0.13.2": {"trees": {"orig": ok}},
        "0.20.0": {"trees": {"orig": one, "fixed": ok, "unsafe": ok}},
        "0.20.5": {"trees": {"orig": one, "fixed": ok, "unsafe": ok}},
    }


def test_a_finding_on_another_line_of_the_failing_statement_reports_it(tmp_path):
    (tmp_path / ".nbimport").mkdir()
    (tmp_path / ".nbimport" / "nb.py").write_text(MODULE)
    # cell 2 holds module lines 2-5; the probe charges module line 2 = cell 2, line 1
    results = _results([[2, 1]], [2])
    on_the_name = [{"path": "nb.ipynb", "cell": 2, "line": 2, "end_line": 2, "code": "ZM103"}]
    assert notebook_check.measure(tmp_path, results, on_the_name)["recall@0.20.5"] == {"failing": 1, "reported": 1, "missed": []}
    elsewhere = [{"path": "nb.ipynb", "cell": 3, "line": 1, "end_line": 1, "code": "ZM103"}]
    assert notebook_check.measure(tmp_path, results, elsewhere)["recall@0.20.5"]["missed"] == ["nb.ipynb[2]:1"]


def test_a_time_cell_reads_the_names_of_its_body():
    stmt = ast.parse("get_ipython().run_cell_magic('time', '', 'p = make(\\n    step=drift_step,\\n)\\n')\n").body[0]
    assert {"make", "drift_step"} <= corpus_import._uses(stmt)
    bash = ast.parse("get_ipython().run_cell_magic('bash', '', 'echo $drift_step\\n')\n").body[0]
    assert "drift_step" not in corpus_import._uses(bash)


def test_a_failure_inside_a_time_cell_body_is_a_cascade_of_a_stubbed_name():
    # module lines: 1 the stubbed binding, 2 the %%time statement, 3-4 the body's own lines
    source = "drift_step = make()\nget_ipython().run_cell_magic('time', '', 'p = build(\\n    step=drift_step)\\n')\n\n\n"
    assert corpus_import.uses_any(source, 3, {"drift_step"})
    assert not corpus_import.uses_any(source, 3, {"other"})
    assert not corpus_import.uses_any(source, 9, {"drift_step"})


def test_a_text_notebook_is_checked_as_the_notebook_of_its_cells(tmp_path):
    # a percent script Python rejects (``!`` line): two code cells, a markdown cell between
    script = "# %%\n!pip install x\nimport os\n\n# %% [markdown]\n# notes\n\n# %%\nfrom zenml.repository import Repository\nprint(os.sep)\n"
    (tmp_path / "nb").mkdir()
    (tmp_path / "nb" / "explore.py").write_text(script)
    (tmp_path / "plain.py").write_text("# %%\nimport os\n")  # valid Python: a module, not a notebook
    texts = notebook_check.text_notebooks(tmp_path)
    assert texts == {"nb/explore.py": [1, 8]}
    written = notebook_check.write_text_notebooks(tmp_path, texts)
    assert written == ["nb/explore.py" + notebook_check.TEXT_AS_NOTEBOOK]
    import json

    cells = [c["source"] for c in json.loads((tmp_path / written[0]).read_text())["cells"]]
    assert cells[1] == "from zenml.repository import Repository\nprint(os.sep)\n"
    # the probe fails cell 2 line 1 = file line 9, where the scan's finding is (no cell: a text file)
    rel = written[0]
    module = ".nbimport/explore.py"
    (tmp_path / "nb" / ".nbimport").mkdir()
    (tmp_path / "nb" / module.split("/", 1)[0] / "explore.py").write_text("import os\nfrom zenml.repository import Repository\n")
    one = {rel: {"ok": False, "error": "E", "failing_lines": [2], "failing_cells": [[2, 1]], "cascade_lines": [], "blamed": [], "module": "nb/" + module}}
    ok = {rel: {"ok": True, "error": None, "failing_lines": [], "failing_cells": [], "blamed": [], "module": "nb/" + module}}
    results = {"0.13.2": {"trees": {"orig": ok}}, "0.20.0": {"trees": {"orig": one, "fixed": ok, "unsafe": ok}},
               "0.20.5": {"trees": {"orig": one, "fixed": ok, "unsafe": ok}}}
    found = [{"path": "nb/explore.py", "line": 9, "end_line": 9, "code": "ZM108"}]
    report = notebook_check.measure(tmp_path, results, found, texts)
    assert report["recall@0.20.5"]["reported"] == 1, report
    assert notebook_check.measure(tmp_path, results, [], texts)["recall@0.20.5"]["missed"] == [rel + "[2]:1"]


def test_the_run_check_runs_the_cell_magics_the_tool_reads_as_python():
    from zenml_migrate.scan.notebook import PYTHON_CELL_MAGICS

    assert corpus_import.PYTHON_CELL_MAGICS == PYTHON_CELL_MAGICS


def test_the_checker_runs_the_statement_of_a_line_magic_behind_its_options():
    """scripts/notebook_import.py runs ``%timeit -n3 STMT``, ``%prun -s cumulative STMT`` and
    line_profiler's ``%lprun -f FUNC STMT`` (FUNC evaluated too) as the magics do: the options are
    no Python (before, ``-n3 STMT`` was compiled: a SyntaxError on every release)."""
    import notebook_import

    assert notebook_import.magic_options("timeit", "-n3 -r 2 -q x = 1") == ([("n", "3"), ("r", "2")], "x = 1")
    assert notebook_import.magic_options("prun", "-s cumulative -l 10 f('t')") == ([("s", "cumulative"), ("l", "10")], "f('t')")
    assert notebook_import.magic_options("lprun", "-f load -s -f Client.get load('x')") == ([("f", "load"), ("f", "Client.get")], "load('x')")
    assert notebook_import.magic_options("time", "-1") == ([], "-1")
