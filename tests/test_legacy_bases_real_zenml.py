"""ZM442 (empty abstract bases of ZenML 0.5-0.12) on the real ZenMLs: the rule's Bad examples
fail to import on 0.13.2 (the classes were removed before it) and, rewritten by --fix, import
on 0.20.0 and 0.20.5, where the step class is built by BaseStepMeta (its parameters class is
the rewritten config) and the visualizer is a BaseVisualizer. One interpreter per version."""


import pytest

from tests.realzenml import probe_facts
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.rules import get_rule

pytestmark = pytest.mark.real_zenml

PROBE = '''
import importlib, json, sys

facts = {}
for name in sys.argv[1:]:
    try:
        module = importlib.import_module(name)
    except ImportError as exc:
        facts[name] = "ImportError"
        continue
    if hasattr(module, "Trainer"):
        from zenml.steps import BaseStep
        cls = module.Trainer
        facts[name] = [issubclass(cls, BaseStep), getattr(cls, "PARAMETERS_CLASS", None) is module.TrainerConfig,
                       cls().entrypoint(2, module.TrainerConfig())]
    else:
        from zenml.visualizers import BaseVisualizer
        facts[name] = [issubclass(module.Printer, BaseVisualizer)]
print("RESULT " + json.dumps(facts, sort_keys=True))
'''


def test_bad_examples_import_on_020_after_the_fix(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    names = []
    for i, bad in enumerate(get_rule("ZM442").bad):
        fixed = fix_source(bad.code, f"fixed_{i}.py")
        assert fixed.error is None and not fixed.todos, (fixed.error, fixed.todos)
        (root / f"old_{i}.py").write_text(bad.code)
        (root / f"fixed_{i}.py").write_text(fixed.text)
        names.append(i)
    (root / "probe.py").write_text(PROBE)

    def facts(version, prefix):
        return probe_facts(version, root, [f"{prefix}_{i}" for i in names], tmp_path / f"cfg-{version}-{prefix}")

    assert set(facts("0.13.2", "old").values()) == {"ImportError"}
    for version in ("0.20.0", "0.20.5"):
        after = facts(version, "fixed")
        assert after == {"fixed_0": [True, True, 6], "fixed_1": [True], "fixed_2": [True, True, 6]}, (version, after)
