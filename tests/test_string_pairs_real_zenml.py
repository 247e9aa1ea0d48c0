"""Classes loaded by a string pair on the real ZenMLs: a plugin loader that spells the module
and the class as strings (``getattr(importlib.import_module(M), "Name")``,
``importlib.import_module(M).Name``, ``__import__(M, fromlist=["Name"])``) imports on 0.13.2
and, after ``--fix`` (the pair rewritten to the 0.20 spelling, no TODO), on 0.20.0 and 0.20.5,
where the loaded classes build their objects. Before, ``--fix`` commented the statements out
(ZM461) and the names raised NotImplementedError. One interpreter per version."""

import pytest

from tests.realzenml import probe_facts
from zenml_migrate.fix.fixer import fix_source

pytestmark = pytest.mark.real_zenml

LOADER = '''
"""Loads zenml classes by name (the platform swaps zenml versions)."""
import importlib

DOCKER_CLS = getattr(importlib.import_module("zenml.config.docker_configuration"), "DockerConfiguration")
DOCKER_ATTR = importlib.import_module("zenml.config.docker_configuration").DockerConfiguration
CONFIG_MOD = __import__("zenml.steps.base_step_config", fromlist=["BaseStepConfig"])


class PluginConfig(CONFIG_MOD.BaseStepConfig):
    name: str = "plugin"


def docker(**kwargs):
    return DOCKER_CLS(**kwargs)
'''

PROBE = '''
import importlib, json, sys

facts = {}
for name in sys.argv[1:]:
    module = importlib.import_module(name)
    facts[name] = [module.docker(requirements=["pandas"]).requirements, module.DOCKER_ATTR is module.DOCKER_CLS,
                   module.PluginConfig().name, module.DOCKER_CLS.__name__]
print("RESULT " + json.dumps(facts, sort_keys=True))
'''


def test_a_loader_by_strings_works_on_020_after_the_fix(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    fixed = fix_source(LOADER, "fixed_loader.py")
    assert fixed.error is None and not fixed.todos, (fixed.error, fixed.todos)
    assert 'getattr(importlib.import_module("zenml.config"), "DockerSettings")' in fixed.text
    (root / "old_loader.py").write_text(LOADER)
    (root / "fixed_loader.py").write_text(fixed.text)
    (root / "probe.py").write_text(PROBE)

    before = probe_facts("0.13.2", root, ["old_loader"], tmp_path / "cfg-0.13.2")
    assert before == {"old_loader": [["pandas"], True, "plugin", "DockerConfiguration"]}
    for version in ("0.20.0", "0.20.5"):
        after = probe_facts(version, root, ["fixed_loader"], tmp_path / f"cfg-{version}")
        assert after == {"fixed_loader": [["pandas"], True, "plugin", "DockerSettings"]}, (version, after)
