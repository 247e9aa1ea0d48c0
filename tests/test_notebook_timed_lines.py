"""``%time STMT`` and ``%timeit [options] STMT`` run STMT as Python (IPython's ``%time`` binds
what it assigns in the notebook's namespace): the rules read the statement in its own columns,
and ``--fix`` rewrites it with the magic kept in front (held-out 13: ``%time
Repository().get_pipelines()`` failed on the real 0.20.5 and was not reported; after the fix
renamed the import it would fail with a NameError)."""

import json

from tests.scan_helpers import migrate, scan_json, write_tree
from tests.test_notebooks import notebook


def _sources(path):
    return ["".join(c["source"]) for c in json.loads(path.read_text())["cells"]]


def _found(root):
    return [(f["cell"], f["line"], f["column"], f["code"]) for f in scan_json(root).json()["findings"]]


def test_timed_statements_are_read_and_fixed(tmp_path):
    write_tree(
        tmp_path,
        {
            "timing.ipynb": notebook(
                "from zenml.repository import Repository\n",
                "%timeit -n 3 -r1 -q pipes = Repository().get_pipelines()\n%time print(len(pipes))\n",
                "def latest():\n    %time stack = Repository().active_stack_name\n    return stack\n",
                "%time\n%timeit -n\n%time x = (\n",  # no statement, a bad option, not Python: masked as before
            )
        },
    )
    found = _found(tmp_path)
    assert (2, 1, 29, "ZM108") in found and (2, 1, 29, "ZM302") in found
    assert (3, 2, 19, "ZM108") in found and (3, 2, 19, "ZM402") in found
    assert not [f for f in found if f[0] == 4]
    run = migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    assert run.code in (0, 1), run.out + run.err
    first, second, third, fourth = _sources(tmp_path / "timing.ipynb")
    assert second == "%timeit -n 3 -r1 -q pipes = get_pipelines()\n%time print(len(pipes))\n"
    assert third == "def latest():\n    %time stack = Client().active_stack_model.name\n    return stack\n"
    assert fourth == "%time\n%timeit -n\n%time x = (\n"
    assert "Client" in first and "get_pipelines" in first
    assert not [f for f in _found(tmp_path) if f[3] != "ZM001"]


def test_a_notebook_with_timed_lines_and_nothing_to_fix_is_left_as_it_is(tmp_path):
    text = notebook("from zenml.client import Client\n", "%time c = Client()\n%timeit -n1 c.active_stack_model\n")
    write_tree(tmp_path, {"ok.ipynb": text})
    assert _found(tmp_path) == []
    migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    assert (tmp_path / "ok.ipynb").read_text() == text


def test_profiling_and_debugging_magics_run_their_statement_too(tmp_path):
    """``%prun``, ``%debug --breakpoint F:N`` and memory_profiler's ``%memit`` (also with the
    value bound: ``x = %timeit -o STMT``) run their statement as Python; so does line_profiler's
    ``%lprun -f FUNC STMT``, whose FUNC is Python too (read and renamed with STMT:
    tests/test_notebook_lprun.py); a ``%prun`` without a statement stays masked."""
    write_tree(
        tmp_path,
        {
            "profile.ipynb": notebook(
                "from zenml.repository import Repository\nrepo = Repository()\n",
                "%prun -q -l 3 -s time repo.get_pipelines()\n%debug -b train.py:12 repo.active_stack_name\n",
                "%memit -r 2 repo.get_pipelines()\nbest = %timeit -o -n1 repo.get_pipelines()\n",
                "%lprun -f Repository.get_pipelines repo.get_pipelines()\n%prun -s cumulative\n",
            )
        },
    )
    found = _found(tmp_path)
    assert (2, 1, 23, "ZM302") in found and (2, 2, 23, "ZM402") in found
    assert (3, 1, 13, "ZM302") in found and (3, 2, 23, "ZM302") in found
    assert [f for f in found if f[0] == 4] == [(4, 1, 11, "ZM108"), (4, 1, 11, "ZM004"), (4, 1, 36, "ZM302")]
    migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    _, second, third, fourth = _sources(tmp_path / "profile.ipynb")
    assert second == "%prun -q -l 3 -s time get_pipelines()\n%debug -b train.py:12 repo.active_stack_model.name\n"
    assert third == "%memit -r 2 get_pipelines()\nbest = %timeit -o -n1 get_pipelines()\n"
    assert fourth.endswith("\n%lprun -f Client.get_pipelines get_pipelines()\n%prun -s cumulative\n")
    assert fourth.startswith("# TODO(zenml-migrate): ZM004 ")
