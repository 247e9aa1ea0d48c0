"""``pipeline_spec.FACTORY_STEPS`` read against the real ZenML 0.13.2, 0.20.0 and 0.20.5 packages:
every ZenML step factory that makes its step with ``clone_step(STEP, step_name)`` in 0.13.2 is in
the table, and each one still does so in 0.20.0 (source ``<module>.<step_name>``) and returns
``STEP(name=step_name, ...)`` in 0.20.5 (source ``<module>.STEP``). The files are read with ``ast``:
the integrations' own libraries (evidently, whylogs, ...) are not in the venvs.
(Run by hand, /tmp/prof27/r1: a real 0.13.2 run of ``evidently_profile_step(step_name="drift_detector")``,
migrated with ``migrate profiles --code``, got the spec the real 0.20.0 and 0.20.5 registered.)
"""

import ast
from pathlib import Path

import pytest

from tests import realzenml
from zenml_migrate.profiles.pipeline_spec import FACTORY_STEPS

pytestmark = pytest.mark.real_zenml


def _package(version: str) -> Path:
    venv = realzenml.venv_python(version).parent.parent
    (found,) = venv.glob("lib/python3*/site-packages/zenml")
    return found


def _calls(tree: ast.Module, function: str) -> list:
    (fn,) = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == function]
    return [n for n in ast.walk(fn) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)]


def _is_step_name(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id == "step_name"


@pytest.mark.parametrize("version", ["0.13.2", "0.20.0", "0.20.5"])
def test_the_factory_table_matches_the_real_release(version):
    package = _package(version)
    for module, (factory, step_class) in FACTORY_STEPS.items():
        tree = ast.parse((package.parent / (module.replace(".", "/") + ".py")).read_text())
        assert step_class in {n.name for n in tree.body if isinstance(n, ast.ClassDef)}, (version, module)
        calls = _calls(tree, factory)
        if version == "0.20.5":
            assert any(c.func.id == step_class and any(k.arg == "name" and _is_step_name(k.value) for k in c.keywords)
                       for c in calls), (version, module)
        else:
            assert any(c.func.id == "clone_step" and isinstance(c.args[0], ast.Name) and c.args[0].id == step_class
                       and _is_step_name(c.args[1]) for c in calls), (version, module)
    if version == "0.13.2":  # every 0.13.2 factory that clones a step is in the table
        cloning = {".".join(p.relative_to(package.parent).with_suffix("").parts) for p in package.rglob("*.py")
                   if "clone_step(" in p.read_text(errors="replace") and p != package / "steps" / "utils.py"}
        assert cloning == set(FACTORY_STEPS)
