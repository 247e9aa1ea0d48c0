"""A script nbconvert exported from a notebook keeps each cell magic as
``get_ipython().run_cell_magic(NAME, LINE, BODY)``: the Python of BODY is read as the notebook's
cell was (a ``%%writefile x.py`` file and a ``%%python3``/``%%cython`` program as modules of their
own, a ``%%time``/``%%capture`` body in the script's namespace). Findings there have no fix (the
code is a string): a TODO above the call. Before, nothing in these strings was read."""

from tests.scan_helpers import migrate, scan_json, write_tree

SCRIPT = """#!/usr/bin/env python
# coding: utf-8

get_ipython().run_cell_magic('writefile', 'steps.py', 'from zenml.steps import BaseStepConfig\\n\\nclass Cfg(BaseStepConfig):\\n    lr: float = 0.1\\n')
get_ipython().run_cell_magic('time', '', 'from zenml.repository import Repository\\nRepository().get_pipelines()\\n')
get_ipython().run_cell_magic('cython', '', 'from zenml.steps import BaseStepConfig\\n')
get_ipython().run_cell_magic('writefile', '-a steps.py', 'x = BaseStepConfig\\n')
get_ipython().run_cell_magic('html', '', '<p>from zenml.steps import BaseStepConfig</p>')
get_ipython().run_cell_magic('script', 'python3 --bg', 'from zenml.steps import BaseStepConfig\\n')
"""


def test_the_python_bodies_of_exported_cell_magics_are_read(tmp_path):
    write_tree(tmp_path, {"exported.py": SCRIPT})
    found = sorted((f["line"], f["code"], f.get("fix")) for f in scan_json(tmp_path).json()["findings"])
    lines = {line for line, _, _ in found}
    assert lines == {4, 5, 6, 9}, found  # not the appended part alone, not %%html
    assert all(fix is None for _, _, fix in found), found
    assert {code for line, code, _ in found if line == 5} >= {"ZM108", "ZM302"}
    run = migrate(["code", "--fix", "--no-cache", "exported.py"], tmp_path)
    assert run.code in (0, 1), run.out + run.err
    text = (tmp_path / "exported.py").read_text()
    lines = text.splitlines()
    for k, line in enumerate(lines):
        if line.startswith("get_ipython()"):  # a TODO above each call read, and the strings as they were
            marked = any(f"run_cell_magic('{m}" in line for m in ("writefile', 'steps.py", "time", "cython", "script"))
            assert lines[k - 1].startswith("# TODO(zenml-migrate)") == marked, (line, text)
    assert "run_cell_magic('writefile', 'steps.py', 'from zenml.steps import BaseStepConfig" in text
