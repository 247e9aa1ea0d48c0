"""A finding inside an argument that a post-execution rewrite drops goes with it.

``repo.get_pipeline(name, stack_key=repo.get_active_stack_key())`` (ZenML 0.5-0.7) becomes
``get_pipeline(name)``: ZM301's fix drops ``stack_key=``/``stack_name=`` (``drop_args``), and with
it the ``get_active_stack_key()`` read that ZM004 reports. Before, ``--fix`` still wrote that
ZM004's TODO line above the rewritten call and counted it as left for a human: a TODO about code
no longer in the file, and a summary the re-scan contradicts (h100 m01 lineage.py: tests/claims.py
"re-scan reports ZM004 1 fewer than 'left for a human' said")."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

SOURCE = '''from zenml.core.repo import Repository


def latest_runs(names):
    repo = Repository()
    found = {}
    for name in names:
        view = repo.get_pipeline(name, stack_key=repo.get_active_stack_key())
        found[name] = view.runs[-1] if view else None
    return found


def all_names(repo):
    return [p.name for p in Repository().get_pipelines(Repository().get_active_stack_key())]
'''


def test_the_dropped_argument_finding_is_resolved_by_the_rewrite():
    findings = [f for f in scan_source(SOURCE, "jobs/latest.py") if f.code == "ZM004"]
    assert [(f.span.line, f.fix, f.resolved_by) for f in findings] == [(8, "safe", "ZM301"), (14, "safe", "ZM302")]


def test_fix_writes_no_todo_for_code_it_removed():
    result = fix_source(SOURCE, "jobs/latest.py")
    assert "get_active_stack_key" not in result.text
    assert "TODO(zenml-migrate)" not in result.text
    assert result.todos == [] and result.todo_lines == 0
    assert "view = get_pipeline(name)" in result.text
    assert "Repository().get_pipelines" not in result.text and "for p in get_pipelines()]" in result.text
