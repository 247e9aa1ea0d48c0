"""ZM306's fix runs on the real 0.20.0 and 0.20.5: on a pipeline's first step (no parents), 0.20's
``StepView.parent_step_ids`` property raises AssertionError (review26 R3: the fix wrote it before);
the ``_model.parent_step_ids`` the fix writes gives ``[]`` there and the parent's id elsewhere."""

import pytest

from tests.realzenml import python, zenml
from zenml_migrate.rules import all_rules

pytestmark = pytest.mark.real_zenml

PIPELINE = '''from zenml.pipelines import pipeline
from zenml.steps import step


@step
def first() -> int:
    return 1


@step
def second(x: int) -> int:
    return x + 1


@pipeline
def p(load, train):
    train(load())


if __name__ == "__main__":
    p(first(), second()).run()
'''

READ = '''
steps = {s.name: s for s in run.steps}
print("ROOTS", roots)
print("PARENTS", steps["train"]._model.parent_step_ids == [steps["load"].id])
try:
    steps["load"].parent_step_ids
except AssertionError:
    print("PROPERTY ASSERTS")
'''


@pytest.mark.parametrize("version", ["0.20.0", "0.20.5"])
def test_the_fixed_parents_read_works_on_a_first_step(tmp_path, version):
    rule = next(r for r in all_rules() if r.code == "ZM306")
    fixed = next(b.fixed for b in rule.bad if b.fixed and "roots" in b.fixed)
    cfg, root = tmp_path / "cfg", tmp_path / "proj"
    root.mkdir()
    (root / "pipe.py").write_text(PIPELINE)
    (root / "read.py").write_text(fixed + READ)
    zenml(version, ["init"], cfg, cwd=root)
    python(version, ["pipe.py"], cfg, cwd=root)
    out = python(version, ["read.py"], cfg, cwd=root).stdout
    assert "ROOTS ['load']" in out, out
    assert "PARENTS True" in out, out
    assert "PROPERTY ASSERTS" in out, out
