"""ZM110 (``clone_step``, gone in ZenML 0.20.5) on the real ZenMLs: the class ``--fix`` writes is
the class ``clone_step`` made. A module with a functional step (with configuration) and a
class-based step cloned (also inside a function, under a name computed there) runs as it is on 0.13.2 and 0.20.0 (where clone_step exists),
and rewritten on 0.20.0 and 0.20.5; every run prints what ZenML reads from the copies (name,
module, docstring, INSTANCE_CONFIGURATION, whether the cache key comes from the entrypoint,
enable_cache of an instance). One interpreter per run, no store used."""

import json
import textwrap

import pytest

from tests.realzenml import python
from zenml_migrate.fix.fixer import fix_source

pytestmark = pytest.mark.real_zenml

STEPS = '''
from zenml.steps import BaseStep, step


@step(enable_cache=False)
def trainer() -> int:
    """Trains a model."""
    return 1


class Counter(BaseStep):
    """Counts."""

    def entrypoint(self) -> int:
        return 2
'''

LEGACY = '''
from zenml.steps.utils import clone_step

from steps import Counter, trainer

trainer_b = clone_step(trainer, "trainer_b")
SecondCounter = clone_step(Counter, "SecondCounter")


def register(suffix):  # a clone made in a function, named at run time: registered in the module
    clone_step(trainer, f"trainer_{suffix}")


register("c")
'''

PROBE = '''
import importlib, json, sys

module = importlib.import_module(sys.argv[1])
facts = {}
for name in ("trainer_b", "SecondCounter", "trainer_c"):
    cls = getattr(module, name)
    config = {k: v for k, v in cls.INSTANCE_CONFIGURATION.items() if v is not None}
    facts[name] = [cls.__name__, cls.__module__, cls.__doc__, config, cls._created_by_functional_api(),
                   cls().name, cls().enable_cache]
print("RESULT " + json.dumps(facts, sort_keys=True))
'''


def _facts(version, module, root, tmp_path):
    proc = python(version, ["probe.py", module], tmp_path / f"cfg-{version}-{module}", cwd=root)
    line = next(ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT "))
    return json.loads(line[len("RESULT "):])


def test_the_rewrite_is_the_class_clone_step_made(tmp_path):
    fixed = fix_source(textwrap.dedent(LEGACY).lstrip(), "copies.py")
    assert fixed.error is None and not fixed.todos, (fixed.error, fixed.todos)
    assert "clone_step" not in fixed.text and "globals().setdefault(" in fixed.text
    root = tmp_path / "project"
    root.mkdir()
    (root / "steps.py").write_text(STEPS)
    (root / "legacy.py").write_text(textwrap.dedent(LEGACY).lstrip().replace("copies", "legacy"))
    (root / "copies.py").write_text(fixed.text)
    (root / "probe.py").write_text(PROBE)
    before = {v: _facts(v, "legacy", root, tmp_path) for v in ("0.13.2", "0.20.0")}
    after = {v: _facts(v, "copies", root, tmp_path) for v in ("0.20.0", "0.20.5")}
    for facts in list(before.values()) + list(after.values()):
        assert facts["trainer_b"][0] == "trainer_b" and facts["trainer_b"][2] == "Trains a model."
        assert facts["trainer_b"][4] is True and facts["trainer_b"][5:] == ["trainer_b", False]
        assert facts["SecondCounter"][4] is True and facts["SecondCounter"][5] == "SecondCounter"
        assert facts["trainer_c"][0] == "trainer_c" and facts["trainer_c"][4:] == [True, "trainer_c", False]
    for facts in after.values():  # only the module differs
        for name in facts:
            facts[name][1] = "legacy"
    assert after["0.20.0"] == before["0.20.0"]
    assert after["0.20.5"]["trainer_b"][3]["enable_cache"] is False
    assert after["0.20.5"]["SecondCounter"] == before["0.20.0"]["SecondCounter"]
    assert after["0.20.5"]["trainer_c"][1:3] == before["0.20.0"]["trainer_c"][1:3]
