"""ZM306's TODO for ``parent_steps`` (no 0.20 replacement) names the read that works on a first
step: 0.20's ``parent_step_ids`` property asserts a non-empty list (review26 P6, after R3;
tests/test_step_parents_real_zenml.py runs it on the real releases)."""

from zenml_migrate.fix.fixer import fix_source

SOURCE = "from zenml.post_execution import get_run\n\nfor s in get_run('r').steps:\n    print(s.parent_steps)\n"


def test_the_parent_steps_todo_names_the_model_s_list():
    text = fix_source(SOURCE, "report.py").text
    assert "# TODO(zenml-migrate): ZM306 parent_steps is gone in ZenML 0.20; look the ids of step._model.parent_step_ids up in run.steps" in text, text
    assert "use parent_step_ids" not in text
