"""Classes loaded by a string pair on the real ZenMLs: a plugin loader that spells the module
and the class as strings (``getattr(importlib.import_module(M), "Name")``,
``importlib.import_module(M).Name``, ``__import__(M, fromlist=["Name"])``) imports on 0.13.2
and, after ``--fix`` (the pair rewritten to the 0.20 spelling, no TODO), on 0.20.0 and 0.20.5,
where the loaded classes build their objects. Also a plain ``import zenml.config.docker_configuration``
whose every use is renamed (``tests/test_plain_import_renamed.py``): before, it stayed and the
module failed on 0.20 (ModuleNotFoundError). Before, ``--fix`` commented the statements out
(ZM461) and the names raised NotImplementedError. One interpreter per version."""

import pytest

from tests.realzenml import old_and_fixed_project, probe_facts
from tests.test_plain_import_renamed import CHAINS

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
    if hasattr(module, "DOCKER_CLS"):
        facts[name] = [module.docker(requirements=["pandas"]).requirements, module.DOCKER_ATTR is module.DOCKER_CLS,
                       module.PluginConfig().name, module.DOCKER_CLS.__name__]
    else:  # tests/test_plain_import_renamed.py: the plain import of the gone module went with its last use
        facts[name] = [module.docker().requirements, type(module.docker()).__name__]
print("RESULT " + json.dumps(facts, sort_keys=True))
'''


def test_a_loader_by_strings_works_on_020_after_the_fix(tmp_path):
    root = old_and_fixed_project(tmp_path / "project", {"loader": LOADER, "chains": CHAINS}, PROBE)
    assert 'getattr(importlib.import_module("zenml.config"), "DockerSettings")' in (root / "fixed_loader.py").read_text()

    before = probe_facts("0.13.2", root, ["old_loader", "old_chains"], tmp_path / "cfg-0.13.2")
    assert before == {
        "old_loader": [["pandas"], True, "plugin", "DockerConfiguration"], "old_chains": [["pandas"], "DockerConfiguration"]
    }
    for version in ("0.20.0", "0.20.5"):
        after = probe_facts(version, root, ["fixed_loader", "fixed_chains"], tmp_path / f"cfg-{version}")
        assert after == {
            "fixed_loader": [["pandas"], True, "plugin", "DockerSettings"], "fixed_chains": [["pandas"], "DockerSettings"]
        }, (version, after)


LAZY = '''
"""A facade that loads zenml classes on first use (PEP 562)."""
import importlib

_LAZY = {
    "Params": ("zenml.steps.base_step_config", "BaseStepConfig"),
    "Docker": ("zenml.config.docker_configuration", "DockerConfiguration"),
}


def __getattr__(name):
    module, attr = _LAZY[name]
    return getattr(importlib.import_module(module), attr)
'''

LAZY_PROBE = '''
import importlib, json, sys

facts = {}
for name in sys.argv[1:]:
    module = importlib.import_module(name)
    facts[name] = [module.Docker(requirements=["numpy"]).requirements, module.Params.__name__, module.Docker.__name__]
print("RESULT " + json.dumps(facts, sort_keys=True))
'''


def test_a_lazy_import_table_works_on_020_after_the_fix(tmp_path):
    """held-out 14 r02: ``(module, name)`` pairs of a lazy-import table (ZM005) are rewritten
    to pairs both 0.20 releases resolve."""
    root = old_and_fixed_project(tmp_path / "project", {"lazy": LAZY}, LAZY_PROBE)
    assert before_and_after(root, tmp_path) == (
        {"old_lazy": [["numpy"], "BaseStepConfig", "DockerConfiguration"]},
        {"fixed_lazy": [["numpy"], "BaseParameters", "DockerSettings"]},
    )


def before_and_after(root, tmp_path):
    before = probe_facts("0.13.2", root, ["old_lazy"], tmp_path / "cfg-0.13.2")
    after = [probe_facts(v, root, ["fixed_lazy"], tmp_path / f"cfg-{v}") for v in ("0.20.0", "0.20.5")]
    assert after[0] == after[1], after
    return before, after[0]
