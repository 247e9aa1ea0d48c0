"""String annotations on the real ZenMLs: legacy modules whose renamed classes are also named
inside strings (a pydantic forward reference, a ``List["Repository"]`` parameter, a module-level
annotated constant) work on 0.13.2 as written and, after ``--fix``, on 0.20.0 and 0.20.5, where
the strings are evaluated: pydantic resolves the forward reference when the config is built and
``typing.get_type_hints`` the function's and the module's annotations. Before the fix of the
strings, the config failed on 0.20 (``field "base" not yet prepared so type is still a
ForwardRef``) and ``get_type_hints`` raised NameError. One interpreter per version."""

import pytest

from tests.realzenml import old_and_fixed_project, probe_facts

pytestmark = pytest.mark.real_zenml

CONFIGS = '''
from typing import Optional

from zenml.steps import BaseStepConfig


class ChainConfig(BaseStepConfig):
    """A chain of BaseStepConfig objects."""

    lr: float = 0.1
    base: Optional["BaseStepConfig"] = None  # any config


CHAIN = ChainConfig(base=ChainConfig(lr=0.2))
'''

HELPERS = """
from typing import List, Optional

from zenml.config.docker_configuration import DockerConfiguration
from zenml.repository import Repository

DOCKER: 'DockerConfiguration' = DockerConfiguration(requirements=["pandas"])


def stacks(repos: List["Repository"], docker: "Optional[DockerConfiguration]" = None) -> "DockerConfiguration":
    return docker or DOCKER
"""

PROBE = '''
import importlib, json, sys, typing

facts = {}
for name in sys.argv[1:]:
    module = importlib.import_module(name)
    if hasattr(module, "CHAIN"):
        facts[name] = [module.CHAIN.base.lr, module.ChainConfig(base=module.ChainConfig()).base.lr]
    else:
        hints = typing.get_type_hints(module.stacks)
        facts[name] = [hints["return"].__name__, hints["repos"].__args__[0].__name__,
                       typing.get_type_hints(module)["DOCKER"].__name__]
print("RESULT " + json.dumps(facts, sort_keys=True))
'''


def test_renamed_names_in_strings_work_on_020_after_the_fix(tmp_path):
    root = old_and_fixed_project(tmp_path / "project", {"configs": CONFIGS, "helpers": HELPERS}, PROBE)

    before = probe_facts("0.13.2", root, ["old_configs", "old_helpers"], tmp_path / "cfg-0.13.2")
    assert before == {"old_configs": [0.2, 0.1], "old_helpers": ["DockerConfiguration", "Repository", "DockerConfiguration"]}
    for version in ("0.20.0", "0.20.5"):
        after = probe_facts(version, root, ["fixed_configs", "fixed_helpers"], tmp_path / f"cfg-{version}")
        assert after == {"fixed_configs": [0.2, 0.1], "fixed_helpers": ["DockerSettings", "Client", "DockerSettings"]}, (version, after)
