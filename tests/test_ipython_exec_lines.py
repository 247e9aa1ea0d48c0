"""An IPython profile's config runs ``exec_lines`` at every shell/kernel start of the profile:
0.13.2 names imported there fail on ZenML 0.20 at each start (and the notebooks that use them
after it). They are found inside their strings; the fix cannot edit them (a TODO above)."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

KERNEL_CONFIG = '''config = get_config()
config.IPKernelApp.exec_lines += [
    "%autoreload 2",
    "import pandas as pd",
    'from zenml.pipelines import pipeline; from zenml.repository import Repository',
]
config.IPKernelApp.exec_lines += ["repo = Repository()"]
'''


def test_the_lines_are_read_as_ipython_code():
    found = [(f.code, f.span.line, f.span.column, f.fix) for f in scan_source(KERNEL_CONFIG, "profile_ml/ipython_kernel_config.py")]
    lines = KERNEL_CONFIG.splitlines()
    assert found == [("ZM108", 5, lines[4].index("Repository") + 1, None), ("ZM108", 7, lines[6].index("Repository") + 1, None)]


def test_the_fix_marks_the_statement_and_leaves_the_string():
    result = fix_source(KERNEL_CONFIG, "profile_ml/ipython_kernel_config.py")
    assert result.text.count("# TODO(zenml-migrate): ZM108") == 2
    assert "'from zenml.pipelines import pipeline; from zenml.repository import Repository'," in result.text


def test_a_config_object_the_file_makes_itself_is_not_ipythons():
    own = KERNEL_CONFIG.replace("config = get_config()", "from traitlets.config import Config\nconfig = Config()")
    assert [f for f in scan_source(own, "profile_ml/ipython_kernel_config.py") if f.code != "ZM001"] == []


EXPORTED = '''#!/usr/bin/env python
# coding: utf-8
from zenml.steps import BaseStepConfig

get_ipython().run_line_magic('time', 'from zenml.steps.base_step_config import BaseStepConfig as Config')
get_ipython().run_line_magic('aimport', 'zenml.steps.base_step_config')
get_ipython().run_line_magic('timeit', '-n1 BaseStepConfig()')
get_ipython().run_line_magic('matplotlib', 'inline')
'''


def test_the_python_line_magics_of_an_exported_script_are_read():
    """nbconvert writes ``%time STMT`` as ``get_ipython().run_line_magic('time', 'STMT')``;
    ``%aimport`` imports its modules. The strings are read on their own, and after the script
    when they read a name it imports from zenml (``BaseStepConfig`` in the ``%timeit``: ZM101,
    no fix, a TODO; on ZenML 0.20 the string fails before the fix (ImportError of the script)
    and after it (NameError: the fix renames the script's import, not the string))."""
    found = [(f.code, f.span.line, f.span.column, f.fix) for f in scan_source(EXPORTED, "exports/bench.py")]
    lines = EXPORTED.splitlines()
    assert found == [
        ("ZM101", 3, lines[2].index("BaseStepConfig") + 1, "safe"),
        ("ZM101", 5, lines[4].index("BaseStepConfig") + 1, None),
        ("ZM000", 6, lines[5].index("zenml.steps") + 1, None),
        ("ZM101", 7, lines[6].index("BaseStepConfig") + 1, None),
    ]


BOUND = '''from zenml.repository import Repository

repo = Repository()
get_ipython().run_line_magic('time', 'runs = repo.get_pipeline("training").runs')
get_ipython().run_line_magic('prun', 'Repository().get_pipelines()')
'''


def test_a_magic_string_reading_a_name_the_script_binds_is_read_after_the_script(tmp_path):
    """``repo`` is bound by the script (``repo = Repository()``): the ``%time`` string is read
    after the statements before it, where ``repo`` is known (no fix: a TODO); after ``--fix``
    (``repo = Client()``) the re-scan still sees it, and a second fix changes nothing. A string
    reading a name the script imports from zenml (``Repository``) is read after the script too (on
    the real 0.20.5 ``Repository().get_pipelines()`` raises AttributeError; after the fix renamed
    the import to ``Client``, NameError): its findings have no fix, and the re-scan after the fix,
    where the script imports ``Client`` and the string still reads ``Repository``, finds them again
    (the string is read after the import the rename replaced)."""
    from tests.scan_helpers import migrate, scan_json, write_tree

    lines = BOUND.splitlines()
    found = [(f.code, f.span.line, f.span.column, f.fix) for f in scan_source(BOUND, "exports/runs.py")]
    assert ("ZM301", 4, lines[3].index("repo.get_pipeline") + 1, None) in found
    assert [(code, fix) for code, line, _, fix in found if line == 5] == [("ZM108", None), ("ZM302", None)]
    write_tree(tmp_path, {"runs.py": BOUND})
    migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    fixed = (tmp_path / "runs.py").read_text()
    assert "repo = Client()\n# TODO(zenml-migrate): ZM301 " in fixed
    assert sorted((f["code"], f["fix"]) for f in scan_json(tmp_path).json()["findings"]) == [("ZM108", None), ("ZM301", None), ("ZM302", None)]
    migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    assert (tmp_path / "runs.py").read_text() == fixed
