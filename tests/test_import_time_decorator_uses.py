"""A module-level statement that fails at import on 0.20 (ZM461) and binds a name whose only use is
an ``@enable_*`` decorator that its own safe fix removes: the scan offers ZM461 (the decorator's
read of the name goes with that fix), so ``scan`` and ``code --fix`` agree in one round. The
findings inside the statement are resolved by ZM461 (its TODO carries their advice: no TODO line of
theirs is left, none inside the stub class). Before, ZM461 appeared only in the fixer's second round: the earlier TODO lines
landed inside the stub class's body and the summary listed findings no re-scan could see."""

import ast

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.rules.base import snippet as _c

SOURCE = _c(
    """
    import importlib

    from zenml.steps import step

    # the tracking decorator of the platform team
    wandb_on = getattr(importlib.import_module("zenml.integrations.wandb.wandb_step_decorator"), "enable_wandb")


    @wandb_on
    @step
    def fit() -> float:
        return 0.5
    """
)


def test_zm461_is_offered_when_the_only_use_is_a_decorator_its_fix_removes():
    found = {(f.code, f.span.line): f for f in scan_source(SOURCE)}
    assert found[("ZM461", 6)].fix == "safe"
    assert found[("ZM208", 9)].fix == "safe"
    assert all(f.fix == "safe" for (code, line), f in found.items() if line == 6)


def test_the_fix_leaves_no_todo_inside_the_stub_and_says_what_is_left():
    result = fix_source(SOURCE, experiment_tracker="wandb_tracker")
    tree = ast.parse(result.text)
    stub = next(s for s in tree.body if isinstance(s, ast.ClassDef))
    body_lines = result.text.splitlines()[stub.lineno : stub.end_lineno]
    assert not any("TODO(zenml-migrate)" in line for line in body_lines)
    assert isinstance(stub.body[0], ast.Expr) and isinstance(stub.body[0].value, ast.Constant)  # its docstring first
    lines = result.text.splitlines()
    at = lines.index("# the tracking decorator of the platform team")
    assert lines[at + 1].startswith("# TODO(zenml-migrate): ZM461 ") and lines[at + 2].startswith("# wandb_on = getattr(")
    # the one TODO line is the ZM461 fix's own; nothing else is said to be left for a human
    assert result.todo_lines == 0 and [code for _, code, _ in result.fix_todos] == ["ZM461"]
    assert result.text.count("# TODO(zenml-migrate)") == 1 and result.remaining == []
    assert result.applied == {"ZM208": 2, "ZM461": 1, "ZM000": 1}
    assert [f.code for f in scan_source(result.text) if f.fix] == []
