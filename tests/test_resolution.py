"""How the detector resolves names (aliases, re-exports, attribute chains, shadowing, shims,
star imports, notebooks), checked through the ZM1xx/ZM4xx/ZM9xx rules, and the data the
rules rely on (0.13.2 names they match exist in 0.13.2, 0.20 targets exist in 0.20)."""

import json
import sys

import pytest

from zenml_migrate.api import scan_source
from zenml_migrate.rules import all_rules, get_rule
from zenml_migrate.rules.base import Kwarg, Ref
from zenml_migrate.scan import api013
from zenml_migrate.scan.zenml_index import ALL_020, canonical, exists_020, zenml013, zenml020

MY_FAMILIES = ("imports", "client", "removed")


def codes(text, filename="example.py"):
    return [f.code for f in scan_source(text, filename)]


def findings(text, code, filename="example.py"):
    return [f for f in scan_source(text, filename) if f.code == code]


# --------------------------------------------------------------- re-export paths
def _importable_from(canonical_name):
    """Every 0.13.2 module from which ``canonical_name`` is importable at module level."""
    module, name = canonical_name.rsplit(".", 1)
    return sorted(m for m, names in zenml013().items() if name in names and canonical(f"{m}.{name}") == canonical_name)


# the re-export lists of reference section 1.1 (definition module excluded)
REFERENCE_REEXPORTS = {
    "zenml.steps.base_step_config.BaseStepConfig": [
        "zenml.steps",
        "zenml.steps.base_step",
        "zenml.steps.utils",
        "zenml.steps.step_interfaces.base_alerter_step",
        "zenml.steps.step_interfaces.base_analyzer_step",
        "zenml.steps.step_interfaces.base_datasource_step",
        "zenml.steps.step_interfaces.base_drift_detection_step",
        "zenml.integrations.deepchecks.steps.deepchecks_data_drift",
        "zenml.integrations.deepchecks.steps.deepchecks_data_integrity",
        "zenml.integrations.deepchecks.steps.deepchecks_model_drift",
        "zenml.integrations.deepchecks.steps.deepchecks_model_validation",
        "zenml.integrations.great_expectations.steps.ge_profiler",
        "zenml.integrations.great_expectations.steps.ge_validator",
        "zenml.integrations.kserve.steps.kserve_deployer",
        "zenml.integrations.label_studio.steps.label_studio_standard_steps",
        "zenml.integrations.mlflow.steps.mlflow_deployer",
        "zenml.integrations.seldon.steps.seldon_deployer",
    ],
    "zenml.config.docker_configuration.DockerConfiguration": [
        "zenml.config",
        "zenml.pipelines",
        "zenml.pipelines.base_pipeline",
        "zenml.pipelines.pipeline_decorator",
        "zenml.steps.utils",
        "zenml.utils.pipeline_docker_image_builder",
        "zenml.integrations.spark.step_operators.spark_step_operator",
        "zenml.integrations.spark.step_operators.kubernetes_step_operator",
    ],
    "zenml.config.resource_configuration.ResourceConfiguration": [
        "zenml.config",
        "zenml.steps",
        "zenml.steps.base_step",
        "zenml.steps.utils",
    ],
}
RULE_OF = {
    "zenml.steps.base_step_config.BaseStepConfig": "ZM101",
    "zenml.config.docker_configuration.DockerConfiguration": "ZM105",
    "zenml.config.resource_configuration.ResourceConfiguration": "ZM106",
}


def test_reference_reexports_are_in_the_index():
    assert len(REFERENCE_REEXPORTS["zenml.steps.base_step_config.BaseStepConfig"]) == 17
    for name, modules in REFERENCE_REEXPORTS.items():
        missing = set(modules) - set(_importable_from(name))
        assert not missing, (name, missing)


REEXPORT_CASES = [
    pytest.param(name, module, id=f"{name.rsplit('.', 1)[1]}-{module}")
    for name in REFERENCE_REEXPORTS
    for module in _importable_from(name)
]


@pytest.mark.parametrize("name,module", REEXPORT_CASES)
def test_every_reexport_path_is_resolved(name, module):
    short = name.rsplit(".", 1)[1]
    rule = RULE_OF[name]
    # from-import, then a use: two findings (import + reference)
    text = f"from {module} import {short}\n\nvalue = {short}()\n"
    assert len(findings(text, rule)) == 2, text
    # module alias + attribute: one finding (the attribute; the module import is fine)
    text = f"import {module} as m\n\nvalue = m.{short}()\n"
    assert len(findings(text, rule)) == 1, text
    # fully spelled deep path
    text = f"import {module}\n\nvalue = {module}.{short}()\n"
    assert len(findings(text, rule)) == 1, text


# ------------------------------------------------------------------- aliases
def test_from_import_alias_is_followed():
    text = "from zenml.steps import BaseStepConfig as Params\n\nclass TrainerParams(Params):\n    lr: float = 0.1\n"
    found = findings(text, "ZM101")
    assert [(f.span.line, f.span.column) for f in found] == [(1, 25), (3, 21)]


def test_module_alias_is_followed():
    text = "import zenml.steps as zs\n\nclass P(zs.BaseStepConfig):\n    pass\n"
    assert [(f.span.line, f.span.column) for f in findings(text, "ZM101")] == [(3, 9)]


def test_package_import_and_deep_attribute_chain():
    text = "import zenml\nimport zenml.repository\n\nzenml.repository.Repository().get_stack('s')\n"
    assert len(findings(text, "ZM404")) == 1
    assert len(findings(text, "ZM108")) == 1


def test_alias_of_a_local_variable_is_followed():
    text = "from zenml.repository import Repository\n\nrepo = Repository()\nr2 = repo\nr2.get_stack('a')\n"
    assert len(findings(text, "ZM404")) == 1


# ------------------------------------------------------------ attribute chains
@pytest.mark.parametrize(
    "text",
    [
        "from zenml.repository import Repository\n\nRepository().get_stack('s')\n",
        "from zenml.repository import Repository\n\nrepo = Repository()\nrepo.get_stack('s')\n",
        "from zenml.repository import Repository\n\ndef f(repo: Repository):\n    return repo.get_stack('s')\n",
        "from typing import Optional\nfrom zenml.repository import Repository\n\n"
        "def f(repo: Optional[Repository] = None):\n    return repo.get_stack('s')\n",
        "from zenml.repository import Repository\n\ndef f(repo: 'Repository'):\n    return repo.get_stack('s')\n",
        "from zenml.repository import Repository\n\nclass Tool:\n    def run(self):\n        repo = Repository()\n"
        "        return repo.get_stack('s')\n",
        "from zenml.repository import Repository\n\nwith Repository() as repo:\n    repo.get_stack('s')\n",
        # the spellings of TYPE_CHECKING-only imports (held-out 9 typed_helpers)
        "from typing import Optional\nfrom zenml.repository import Repository\n\n"
        "def f(repo: Optional['Repository'] = None):\n    return repo.get_stack('s')\n",
        "from zenml.repository import Repository\n\ndef f(repo: 'Optional[Repository]' = None):\n    return repo.get_stack('s')\n",
        # `Union[X, None]`, and a module's type alias of an optional (held-out 15 annotated_signatures)
        "from typing import Union\nfrom zenml.repository import Repository\n\n"
        "def f(repo: Union[Repository, None]):\n    return repo.get_stack('s')\n",
        "from typing import Optional\nfrom zenml import repository\n\nMaybeRepo = Optional[repository.Repository]\n\n"
        "def f(repo: MaybeRepo = None):\n    return repo.get_stack('s')\n",
        "import typing\nfrom zenml.repository import Repository\n\nRepoArg = typing.Union[None, 'Repository']\n\n"
        "def f(repo: RepoArg):\n    return repo.get_stack('s')\n",
    ],
    ids=["call-chain", "variable", "annotation", "optional", "string-annotation", "method-local", "with",
         "optional-of-a-string", "string-of-an-optional", "union-none", "optional-alias", "union-alias-of-a-string"],
)
def test_member_reached_through_attribute_chains(text):
    assert len(findings(text, "ZM404")) == 1


def test_an_alias_of_an_optional_that_names_itself_is_not_followed_forever():
    text = (
        "from typing import Optional\n\nA = Optional['B']\nB = Optional['A']\n\n"
        "def f(x: A):\n    return x.get_stack('s')\n"
    )
    assert findings(text, "ZM404") == []


def test_property_chain_reaches_the_alerter():
    text = (
        "from zenml.repository import Repository\n\n"
        "alerter = Repository().active_stack.alerter\nalerter.post('done', config=cfg)\n"
    )
    assert len(findings(text, "ZM411")) == 1


def test_step_context_chain():
    text = (
        "from zenml.steps import step, StepContext\n\n@step\ndef s(context: StepContext) -> None:\n"
        "    context.stack.alerter.ask('ok?', config=c)\n"
    )
    assert len(findings(text, "ZM411")) == 1


# ----------------------------------------------------------------- shadowing
def test_local_definition_shadows_nothing_from_zenml():
    text = "class Repository:\n    def get_stack(self, n): ...\n\nRepository().get_stack('x')\nRepository.initialize = 1\n"
    assert codes(text) == []


def test_function_parameter_shadows_the_import():
    text = (
        "from zenml.repository import Repository\n\n"
        "def build(Repository):\n    return Repository().get_stack('s')\n"
    )
    assert findings(text, "ZM404") == []
    assert len(findings(text, "ZM108")) == 1  # only the import


def test_unrelated_library_with_the_same_names():
    text = "from git import Repository\nfrom mylib.steps import BaseStepConfig\n\nRepository('.').get_stack('s')\nBaseStepConfig()\n"
    assert codes(text) == []


def test_class_attribute_does_not_leak_into_methods():
    text = (
        "from zenml.repository import Repository\n\nclass A:\n    repo = Repository\n"
        "    def f(self, repo):\n        return repo.get_stack('x')\n"
    )
    assert findings(text, "ZM404") == []


# --------------------------------------------------------------- compat shims
def test_client_shim_is_not_flagged():
    text = (
        "try:\n    from zenml.client import Client\nexcept ImportError:  # zenml < 0.20\n"
        "    from zenml.repository import Repository as Client\n\nClient().active_stack\nClient.initialize()\n"
    )
    assert codes(text) == []


def test_parameters_shim_is_not_flagged():
    text = (
        "try:\n    from zenml.steps import BaseParameters\nexcept (ImportError, ModuleNotFoundError):\n"
        "    from zenml.steps import BaseStepConfig as BaseParameters\n\nclass P(BaseParameters):\n    x: int = 1\n"
    )
    assert codes(text) == []


def test_old_first_shim_is_flagged():
    # zenml.repository still imports in 0.20, so the try branch wins there: the alias is used
    text = (
        "try:\n    from zenml.repository import Repository\nexcept ImportError:\n"
        "    from zenml.client import Client as Repository\n\nRepository.initialize()\n"
    )
    assert len(findings(text, "ZM413")) == 1


# ----------------------------------------------------------------- star imports
def test_star_import_binds_the_module_names():
    text = "from zenml.steps import *\n\nclass P(BaseStepConfig):\n    pass\n\nres = ResourceConfiguration(cpu_count=1)\n"
    assert len(findings(text, "ZM101")) == 1
    assert len(findings(text, "ZM106")) == 1


def test_star_import_of_a_removed_module_is_reported_once():
    assert len(findings("from zenml.runtime_configuration import *\n", "ZM111")) == 1


# ------------------------------------------------------------------ notebooks
def _notebook(*cells):
    return json.dumps(
        {
            "cells": [
                {"cell_type": kind, "metadata": {}, "source": source, **({"outputs": [], "execution_count": None} if kind == "code" else {})}
                for kind, source in cells
            ],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    )


def test_notebook_findings_carry_cell_numbers():
    nb = _notebook(
        ("markdown", "# Legacy notebook"),
        ("code", ["from zenml.repository import Repository\n", "%matplotlib inline\n"]),
        ("code", "repo = Repository()\n\nrepo.activate_stack('local')\n"),
    )
    found = scan_source(nb, "x.ipynb")
    by_code = {}
    for f in found:
        by_code.setdefault(f.code, []).append((f.cell, f.span.line))
    assert by_code["ZM108"] == [(2, 1), (3, 1)]
    assert by_code["ZM407"] == [(3, 3)]


def test_notebook_without_zenml_is_clean():
    nb = _notebook(("code", "class Repository:\n    pass\n\nRepository()\n"))
    assert scan_source(nb, "x.ipynb") == []


# ------------------------------------------------------- data behind the rules
def _my_rules():
    return [r for r in all_rules() if r.family in MY_FAMILIES]


def _head(path):
    """``zenml.a.B().c`` -> ``zenml.a.B``; ``zenml.a.B+`` -> ``zenml.a.B``."""
    cut = len(path)
    for marker in ("(", "+", "["):
        i = path.find(marker)
        if i != -1:
            cut = min(cut, i)
    return path[:cut]


def _exists_013(path):
    """A module, or a name of the longest module prefix (class members are not indexed)."""
    table = zenml013()
    if path in table:
        return True
    parts = path.split(".")
    for i in range(len(parts) - 1, 0, -1):
        module = ".".join(parts[:i])
        if module in table:
            return parts[i] in table[module]
    return False


def _matched_013_names():
    for rule in _my_rules():
        for m in rule.match:
            if isinstance(m, Ref) and not m.spelled:
                for name in m.names:
                    yield pytest.param(name, id=f"{rule.code}-{name}")
            elif isinstance(m, Kwarg):
                for name in m.callees:
                    yield pytest.param(name, id=f"{rule.code}-{name}")


@pytest.mark.parametrize("path", list(_matched_013_names()))
def test_matched_names_exist_in_0132(path):
    head = _head(path)
    assert canonical(head) == head, f"{path} is not a canonical (defining-module) path"
    assert _exists_013(head), f"{head} is not in the 0.13.2 index"


def _rename_targets():
    for rule in all_rules():
        targets = []
        if rule.arg("to"):
            targets.append(rule.arg("to"))
        for _, new in rule.arg("renames", ()) or ():
            targets.append(new)
        for target in targets:
            yield pytest.param(target, id=f"{rule.code}-{target}")


def _split_020(path):
    table = zenml020()
    parts = path.split(".")
    for i in range(len(parts) - 1, 0, -1):
        module = ".".join(parts[:i])
        if module in table:
            return module, parts[i]
    return None, None


@pytest.mark.parametrize("target", list(_rename_targets()))
def test_rename_targets_exist_in_both_020_releases(target):
    module, name = _split_020(target)
    assert module is not None, f"no 0.20 module for {target}"
    assert exists_020(module, name) == ALL_020, f"{module}.{name} is missing from a 0.20 release"


def test_rename_maps_match_the_matchers():
    for rule in _my_rules():
        renames = rule.arg("renames")
        if not renames:
            continue
        matched = {n for m in rule.match if isinstance(m, Ref) for n in m.names}
        assert {old for old, _ in renames} == matched, rule.code


def test_every_my_rule_is_complete():
    for rule in _my_rules():
        if rule.fix.value == "none":
            assert rule.todo and not rule.codemod, rule.code
        else:
            assert rule.codemod and rule.fix_args, rule.code
        assert rule.fix_note, rule.code
        assert any(b.count is not None for b in rule.bad), rule.code
        assert len(rule.bad) >= 2 and len(rule.good) >= 2, rule.code


def test_expected_codes_are_all_present():
    expected = [f"ZM{n}" for n in list(range(101, 116)) + list(range(401, 414)) + list(range(901, 906))]
    assert [c for c in expected if get_rule(c) is None] == []


# ------------------------------------------------------- user subclass attributes
def test_class_body_attribute_of_a_user_subclass_is_a_store_of_base_member():
    text = (
        "from zenml.step_operators import BaseStepOperator\n\n"
        "class Op(BaseStepOperator):\n    FLAVOR = 'op'\n    endpoint: str = 'x'\n    a, b = 1, 2\n"
    )
    assert [(f.span.line, f.span.column) for f in findings(text, "ZM409")] == [(4, 5)]


def test_class_attributes_are_not_matched_by_removed_module_prefixes():
    text = (
        "from zenml.runtime_configuration import RuntimeConfiguration\n\n"
        "class Mine(RuntimeConfiguration):\n    FLAVOR = 'x'\n    field: int = 1\n"
    )
    assert [f.span.line for f in findings(text, "ZM111")] == [1, 3]


# ----------------------------------------------------- a realistic 0.13.2 program
LEGACY_CONTINUOUS_DEPLOYMENT = '''\
import numpy as np
from zenml.integrations.constants import SELDON, SKLEARN
from zenml.integrations.seldon.services import SeldonDeploymentConfig
from zenml.integrations.seldon.steps import (
    SeldonDeployerStepConfig,
    seldon_model_deployer_step,
)
from zenml.pipelines import pipeline
from zenml.repository import Repository
from zenml.steps import BaseStepConfig, Output, StepContext, step


class DeploymentTriggerConfig(BaseStepConfig):
    min_accuracy: float = 0.9


@step
def deployment_trigger(accuracy: float, config: DeploymentTriggerConfig) -> bool:
    return accuracy > config.min_accuracy


@step
def notify(context: StepContext, decision: bool) -> None:
    context.stack.alerter.post(f"deployed: {decision}", config=None)


@pipeline(enable_cache=True)
def continuous_deployment_pipeline(trigger, model_deployer):
    decision = trigger(accuracy=0.95)
    model_deployer(decision)


def main() -> None:
    repo = Repository()
    print(repo.active_stack_name, repo.active_user_name)
    repo.activate_stack("seldon_stack")
    deployment = continuous_deployment_pipeline(
        trigger=deployment_trigger(config=DeploymentTriggerConfig(min_accuracy=0.8)),
        model_deployer=seldon_model_deployer_step(
            config=SeldonDeployerStepConfig(
                service_config=SeldonDeploymentConfig(model_name="mnist", replicas=1),
                timeout=120,
            )
        ),
    )
    deployment.run()
    print(Repository().get_stack("seldon_stack").orchestrator)
'''

EXPECTED_LEGACY = [
    ("ZM103", 5), ("ZM108", 9), ("ZM101", 10), ("ZM101", 13), ("ZM411", 24), ("ZM108", 34),
    ("ZM402", 35), ("ZM403", 35), ("ZM407", 36), ("ZM104", 40), ("ZM103", 40), ("ZM108", 47), ("ZM404", 47),
]


def test_realistic_legacy_program_gets_exactly_the_expected_findings():
    """Zenml 0.13.2 example style: every break found once, the user's own step `config=` left alone."""
    found = [(f.code, f.span.line) for f in scan_source(LEGACY_CONTINUOUS_DEPLOYMENT, "run.py")]
    assert found == EXPECTED_LEGACY


# ------------------------------------- members checked against the real packages
_PROBE = r"""
import importlib, json, sys
out = []
for module, cls, member in json.loads(sys.argv[1]):
    try:
        obj = getattr(importlib.import_module(module), cls)
    except Exception as exc:  # a module or class gone in this release
        out.append(None)
        continue
    fields = getattr(obj, "__fields__", {}) or {}
    out.append(hasattr(obj, member) or member in fields)
print(json.dumps(out))
"""
# what ``Repository()`` / ``Repository`` are in 0.20: a Client instance / the deprecated alias class
_INSTANCE_020 = {"zenml.repository.Repository": "zenml.client.Client"}


# ZM412: a stack's experiment tracker is typed as BaseExperimentTracker (api013.STACK_COMPONENTS); the
# tracker members it matches there were the mlflow tracker's in 0.13.2 (checked by the ZM412 examples)
_TYPED_AS_BASE = {"ZM412": frozenset(api013.STACK_COMPONENTS.values())}


def _member_refs():
    """(0.13.2 class, member, instance?) for every member a ZM1xx/ZM4xx/ZM9xx rule matches
    on a core (non-integration) class: the member must exist in 0.13.2 and be gone in 0.20."""
    out = set()
    for rule in _my_rules():
        for m in rule.match:
            if not isinstance(m, Ref) or m.prefix or m.spelled:
                continue
            for name in m.names:
                head = _head(name)
                rest = name[len(head):]
                if "+" in rest or head.startswith("zenml.integrations."):
                    continue
                if f"{head}()" in _TYPED_AS_BASE.get(rule.code, ()):
                    continue  # a stack property typed as the base class: the members are a subclass's (the rule says which)
                if rest.startswith("().") and "." not in rest[3:]:
                    out.add((head, rest[3:], True))
                elif not rest and head.count(".") >= 2:
                    module, cls = head.rsplit(".", 1)[0].rsplit(".", 1)
                    if cls[:1].isupper() and f"{module}.{cls}" not in zenml013():
                        out.add((f"{module}.{cls}", head.rsplit(".", 1)[1], False))
    return sorted(out)


def _repository_methods_of(code):
    return [n.rsplit(".", 1)[1] for m in get_rule(code).match if isinstance(m, Ref) for n in m.names]


@pytest.mark.real_zenml
def test_matched_members_exist_in_0132_and_are_gone_in_020(tmp_path):
    from tests.realzenml import python

    members = _member_refs()
    assert len(members) > 40  # Repository, GlobalConfiguration, Stack, enums

    def probe(version, triples):
        proc = python(version, ["-c", _PROBE, json.dumps(triples)], tmp_path / version)
        return json.loads(proc.stdout.strip().splitlines()[-1])

    (tmp_path / "0.13.2").mkdir()
    (tmp_path / "0.20.0").mkdir()
    (tmp_path / "0.20.5").mkdir()
    old = probe("0.13.2", [[c.rsplit(".", 1)[0], c.rsplit(".", 1)[1], m] for c, m, _ in members])
    assert [t for t, ok in zip(members, old) if not ok] == [], "matched members missing in 0.13.2"
    new_triples = []
    for cls, member, instance in members:
        target = _INSTANCE_020.get(cls, cls) if instance else cls
        new_triples.append([target.rsplit(".", 1)[0], target.rsplit(".", 1)[1], member])
    in_0200 = probe("0.20.0", new_triples)
    in_0205 = probe("0.20.5", new_triples)
    still_there = [t for t, a, b in zip(members, in_0200, in_0205) if a and b]
    # ZM407's methods are still there with model-based signatures; every other member is gone
    changed = {m for m in _repository_methods_of("ZM407")}
    assert {member for _, member, _ in still_there} == changed
    # and the rewrites' targets exist in both
    targets = [["zenml.client", "Client", m] for m in ("active_stack_model", "active_user", "initialize",
                                                       "find_repository", "get_instance", "is_repository_directory")]
    assert probe("0.20.0", targets) == [True] * len(targets)
    assert probe("0.20.5", targets) == [True] * len(targets)


def _module_level_refs():
    """(rule, 0.13.2 module, name) for every module-level name a ZM1/4/9 rule matches,
    and (rule, module, None) for every module it matches with ``prefix=True``."""
    table = zenml013()
    for rule in _my_rules():
        for m in rule.match:
            if not isinstance(m, Ref):
                continue
            for name in m.names:
                if m.prefix:
                    yield pytest.param(name, None, id=f"{rule.code}-{name}")
                    continue
                module, _, short = name.rpartition(".")
                if module in table and short in table[module]:
                    yield pytest.param(module, short, id=f"{rule.code}-{name}")


# names 0.20 still has, with another meaning: the rule is about that change
STILL_IN_020 = {
    # the deprecated alias: instantiation works, class-level calls and isinstance do not
    ("zenml.repository", "Repository"),
    # now the Slack alerter *component* config (slack_token, ...), not the step config
    ("zenml.integrations.slack.alerters.slack_alerter", "SlackAlerterConfig"),
}


@pytest.mark.parametrize("module,name", list(_module_level_refs()))
def test_matched_module_level_names_are_gone_in_020(module, name):
    """A rule about a removed/renamed name or module must match something 0.20 lacks."""
    if (module, name) in STILL_IN_020:
        assert exists_020(module, name) == ALL_020
        return
    mask = exists_020(module) if name is None else exists_020(module, name)
    assert mask != ALL_020, f"{module}{'.' + name if name else ''} exists in both 0.20 releases"


def test_comprehension_variables_are_typed_by_their_iterable():
    code = (
        "from zenml.repository import Repository\n"
        "names = [p.get_run_names() for p in Repository().get_pipelines()]\n"
        "same = {p: 1 for p in ['a']}\n"
    )
    codes = [(f.code, f.span.line) for f in scan_source(code)]
    assert ("ZM304", 2) in codes
    assert not [c for c in codes if c[1] == 3]


def test_an_item_of_a_comprehension_is_typed_by_its_value_expression():
    """``{r.name: r for r in view.runs}[name]`` is what ZM303's fix writes for ``view.get_run(name)``:
    the run view it gives keeps its type, so the re-scan after ``--fix`` still sees what is left."""
    from zenml_migrate.fix.fixer import fix_source

    code = (
        "from zenml.post_execution import get_pipeline\n"
        "def audit(name):\n"
        "    view = get_pipeline('nightly_scoring')\n"
        "    latest = {r.name: r for r in view.runs}[name]\n"
        "    first = [s for s in latest.steps][0]\n"
        "    return first.parameters, {k: len(v) for k, v in {}.items()}['x']\n"
    )
    assert [(f.code, f.span.line) for f in scan_source(code)] == [("ZM308", 6)]
    legacy = (
        "from zenml.repository import Repository\n"
        "def audit(name):\n"
        "    view = Repository().get_pipeline('nightly_scoring')\n"
        "    for s in view.get_run(name).steps:\n"
        "        print(s.parameters)\n"
    )
    fixed = fix_source(legacy, "audit.py").text
    assert "{r.name: r for r in" in fixed and [f.code for f in scan_source(fixed, "audit.py")] == ["ZM308"]


def test_an_environment_component_is_the_step_environment_only_under_its_name():
    """``Environment()[key]`` is the component registered under ``key``: the step environment for
    ``STEP_ENVIRONMENT_NAME`` (or its value), another component (0.8-0.10's MLflow one) for another key."""
    code = (
        "from zenml.environment import Environment\n"
        "from zenml.steps import STEP_ENVIRONMENT_NAME\n"
        "def describe(component_name):\n"
        "    step_env = Environment()[STEP_ENVIRONMENT_NAME]\n"
        "    other = Environment()[component_name]\n"
        "    return (step_env.runtime_configuration, other.runtime_configuration,\n"
        "            Environment()['tracking_environment'].docker_configuration,\n"
        "            Environment()['step_environment'].docker_configuration)\n"
    )
    assert [(f.code, f.span.line) for f in scan_source(code)] == [("ZM311", 6), ("ZM311", 8)]


def test_safety_net_stays_quiet_where_an_ignored_rule_applies():
    from zenml_migrate.rules import select_rules

    code = "from zenml.steps import BaseStepConfig\nfrom zenml.metadata_stores import SQLiteMetadataStore\n"
    rules = select_rules(ignore=["ZM1", "ZM3"])
    assert [f.code for f in scan_source(code, rules=rules)] == []
    # an unexplained missing name is still caught with the same selection
    missing = scan_source("from zenml.steps import NoSuchThing\n", rules=rules)
    assert [f.code for f in missing if f.code != "ZM460"] == ["ZM000"]  # (ZM460: the unused import can go)


def test_import_name_spans_are_exact_on_every_python():
    """Python 3.9 has no ``ast.alias`` positions: the text fallback must agree with 3.10+."""
    from zenml_migrate.scan.detect import _find_alias_texts
    import ast as _ast

    code = (
        "from zenml.repository import Repository as Repository, Repository as R  # Repository\n"
        "from zenml.steps import (  # BaseStepConfig here\n"
        "    step,\n"
        "    BaseStepConfig as B,\n"
        ")\n"
        "import zenml.steps as zs, zenml.metadata_stores as ms\n"
    )
    spans = [(f.code, f.span.line, f.span.column, f.span.end_column) for f in scan_source(code)]
    assert spans == [("ZM108", 1, 30, 54), ("ZM108", 1, 56, 71), ("ZM101", 4, 5, 24), ("ZM312", 6, 27, 54), ("ZM460", 6, 27, 54)]  # ZM460: the unused import can go
    tree = _ast.parse(code)
    lines = code.split("\n")
    fallback = [(s.line, s.column, s.end_column) for stmt in tree.body for s in _find_alias_texts(stmt, lines)]
    assert fallback[:2] == [(1, 30, 54), (1, 56, 71)]
    assert fallback[3] == (4, 5, 24)


def test_code_written_for_020_is_not_flagged_by_the_safety_net_or_zm409():
    """From a scan of the real ZenML 0.20.5 sources: 0.20.5-only names, module dunders and a
    0.20 implementation class that points FLAVOR at its Flavor class are all fine."""
    code = (
        "import zenml.services.local.local_daemon_entrypoint as ep\n"
        "from zenml.constants import ENV_ZENML_LOCAL_STORES_PATH\n"
        "from typing import ClassVar, Type\n"
        "from zenml.model_deployers import BaseModelDeployer, BaseModelDeployerFlavor\n"
        "from zenml.integrations.mlflow.flavors import MLFlowModelDeployerFlavor\n"
        "print(ep.__name__, ep.__file__)\n"
        "class D(BaseModelDeployer):\n"
        "    NAME: ClassVar[str] = 'MLflow'\n"
        "    FLAVOR: ClassVar[Type[BaseModelDeployerFlavor]] = MLFlowModelDeployerFlavor\n"
    )
    assert [f.code for f in scan_source(code)] == []
    legacy = "from typing import ClassVar\nfrom zenml.model_deployers import BaseModelDeployer\nclass D(BaseModelDeployer):\n    FLAVOR: ClassVar[str] = 'mine'\n"
    assert [f.code for f in scan_source(legacy)] == ["ZM409"]


def _view_reads(code):
    """``(code, line)`` of the findings on reads that 0.20's run and artifact views lack."""
    return [(f.code, f.span.line) for f in scan_source(code) if f.code in ("ZM305", "ZM307")]


def test_an_item_of_a_display_of_one_kind_is_typed_like_its_elements():
    """``for s in STEPS`` / ``{... for s in STEPS}`` with ``STEPS = [trainer, evaluator]`` (a
    list, tuple or set display bound once, or written in the ``for``): the loop variable is what
    every element is (before: untyped, so ``s.CONFIG_CLASS`` at import went unreported and
    failed on 0.20; held-out 14 r07). Unknown elements, or a name bound twice, stay untyped; mixed
    known elements: the read is reported for the first element it fails on, without a fix
    (held-out 17 r06; ``test_an_attribute_read_on_each_of_different_classes...``)."""
    code = (
        "from zenml.steps import step\n"
        "from zenml.repository import Repository\n"
        "@step\n"
        "def trainer() -> int:\n"
        "    return 1\n"
        "@step\n"
        "def evaluator() -> int:\n"
        "    return 2\n"
        "STEPS = (trainer, evaluator)\n"
        "PARAMS = {s.__name__: s.CONFIG_PARAMETER_NAME for s in STEPS}\n"
        "for s in [evaluator]:\n"
        "    print(s.CONFIG_CLASS)\n"
        "MIXED = [trainer, Repository]\n"
        "print([m.CONFIG_CLASS for m in MIXED])\n"
        "TWICE = [trainer]\n"
        "TWICE = [object]\n"
        "print([t.CONFIG_CLASS for t in TWICE])\n"
    )
    got = [(f.code, f.span.line, f.fix) for f in scan_source(code) if f.code == "ZM217"]
    assert got == [("ZM217", 10, "safe"), ("ZM217", 12, "safe"), ("ZM217", 14, None)]


def test_unpacked_loop_and_assignment_targets_are_typed_by_their_own_value():
    """``for key, view in mapping.items()`` binds an item of ``mapping.values()``, ``for i, x in
    enumerate(xs)`` an item of ``xs``, and ``a, b = x, y`` each name to its own value: the views
    reached that way are checked like any other (before, none of these names had a type)."""
    code = (
        "from zenml.repository import Repository\n"
        "def report(pipeline_name):\n"
        "    view = Repository().get_pipeline(pipeline_name)\n"
        "    first, last = view.runs[0], view.runs[-1]\n"
        "    print(last.runtime_configuration)\n"
        "    for position, run in enumerate(view.runs):\n"
        "        print(position, run.runtime_configuration)\n"
        "    trainer = last.get_step('trainer')\n"
        "    for output_name, art in trainer.outputs.items():\n"
        "        print(output_name, art.producer_step)\n"
        "    owners = {k: a.producer_step for k, a in trainer.inputs.items()}\n"
        "    key, value = 'k', 1\n"
        "    for a, (b, c) in trainer.outputs.items():\n"
        "        print(b.producer_step)\n"
        "    return owners, key.upper(), value\n"
    )
    got = _view_reads(code)
    assert got == [("ZM305", 5), ("ZM305", 7), ("ZM307", 10), ("ZM307", 11)]


def test_a_call_of_a_function_annotated_with_a_zenml_return_type_gives_an_instance():
    """``def latest() -> PipelineRunView`` (also ``Optional[...]``): what its calls return is read
    as that class's instance, also under ``functools.lru_cache`` (which returns what the function
    returns); a function under a decorator of the user's, a name bound twice or an unannotated one
    stays unknown."""
    code = (
        "import functools\n"
        "from typing import Optional\n"
        "from zenml.post_execution import PipelineRunView\n"
        "from zenml.stack import StackComponent\n"
        "def latest(name) -> Optional[PipelineRunView]:\n"
        "    return None\n"
        "def component(kind) -> 'StackComponent':\n"
        "    return None\n"
        "@functools.lru_cache()\n"
        "def cached(name) -> PipelineRunView:\n"
        "    return None\n"
        "def plain(name):\n"
        "    return None\n"
        "@own_decorator\n"
        "def wrapped(name) -> PipelineRunView:\n"
        "    return None\n"
        "def main():\n"
        "    print(latest('a').runtime_configuration)\n"
        "    print(component('orchestrator').uuid)\n"
        "    print(cached('a').runtime_configuration, plain('a').runtime_configuration)\n"
        "    print(wrapped('a').runtime_configuration)\n"
    )
    assert [(f.code, f.span.line) for f in scan_source(code)] == [("ZM305", 18), ("ZM420", 19), ("ZM305", 20)]


def test_cache_decorators_keep_the_return_type_and_a_contextmanager_gives_what_it_yields():
    """``@lru_cache`` / ``@functools.cache`` return what the function returns; ``with cm() as x``
    of a ``@contextlib.contextmanager`` function annotated ``-> Iterator[X]`` /
    ``Generator[X, None, None]`` binds an X (any other ``with`` keeps the expression's value)."""
    code = (
        "import contextlib\n"
        "import functools as ft\n"
        "from functools import lru_cache as memo\n"
        "from contextlib import contextmanager\n"
        "from typing import Generator, Iterator\n"
        "from zenml.repository import Repository\n"
        "from zenml.stack import Stack\n"
        "@memo\n"
        "def repo() -> 'Repository':\n"
        "    return Repository()\n"
        "@ft.cache\n"
        "def stack():\n"
        "    return repo().active_stack\n"
        "@contextmanager\n"
        "def switched(name) -> Iterator[Stack]:\n"
        "    yield stack()\n"
        "@contextlib.contextmanager\n"
        "def client() -> Generator[Repository, None, None]:\n"
        "    yield repo()\n"
        "def report():\n"
        "    print(repo().active_profile_name, stack().metadata_store)\n"
        "    with switched('x') as s, client() as c:\n"
        "        print(s.metadata_store, c.active_stack_name)\n"
        "    with open('f') as fh:\n"
        "        print(fh.metadata_store)\n"
    )
    got = [(f.code, f.span.line) for f in scan_source(code) if f.code in ("ZM310", "ZM401", "ZM402")]
    assert got == [("ZM401", 21), ("ZM310", 21), ("ZM310", 23), ("ZM402", 23)]


def test_streamlit_and_cachetools_caches_keep_the_return_of_the_function_they_memoize():
    """A dashboard's ``@st.cache(allow_output_mutation=True) def get_repo(): return Repository()``
    (also ``st.cache_resource``, ``st.experimental_singleton``, ``from streamlit import cache``,
    ``cachetools.cached(...)``, ``cachetools.func.ttl_cache``) returns what the function returns:
    ``get_repo().get_pipeline(...)`` is the 0.13 client's; a decorator of the user's or an attribute
    of a module of the user's named like them still hides it."""
    code = (
        "import streamlit as st\n"
        "import cachetools\n"
        "from cachetools.func import ttl_cache\n"
        "from streamlit import cache\n"
        "from zenml.repository import Repository\n"
        "import mylib\n"
        "@st.cache(allow_output_mutation=True)\n"
        "def a():\n"
        "    return Repository()\n"
        "@st.cache_resource\n"
        "def b():\n"
        "    return Repository()\n"
        "@cache\n"
        "def c():\n"
        "    return Repository()\n"
        "@cachetools.cached(cache={})\n"
        "def d():\n"
        "    return Repository()\n"
        "@ttl_cache(ttl=60)\n"
        "def e():\n"
        "    return Repository()\n"
        "@mylib.cache\n"
        "def f():\n"
        "    return Repository()\n"
        "def page():\n"
        "    print(a().get_pipelines(), b().get_pipelines(), c().get_pipelines())\n"
        "    print(d().get_pipelines(), e().get_pipelines())\n"
        "    print(f().get_pipelines())\n"
    )
    assert _code_lines(code, "ZM302") == [("ZM302", 26)] * 3 + [("ZM302", 27)] * 2


def test_dict_setdefault_gives_the_zenml_value_it_stores_and_its_fix_keeps_the_store():
    """``cache.setdefault("repo", Repository()).get_pipelines()``: ``dict.setdefault`` gives the
    value it stores, so the read is the 0.13 client's (heldout120 repros/r7_setdefault_value).
    The fix would drop the receiver and with it the value the cache keeps: no automatic fix there
    (a TODO), while ``Repository().get_pipelines()`` beside it is still fixed. A zenml object's own
    ``setdefault`` and a default that is no zenml value say nothing."""
    from zenml_migrate.fix.fixer import fix_source

    code = (
        "from zenml.repository import Repository\n"
        "def runs(cache: dict):\n"
        "    print(cache.setdefault('repo', Repository()).get_pipelines())\n"
        "    print(cache.setdefault('n', 3).get_pipelines())\n"
        "    print(Repository().get_pipelines())\n"
    )
    got = [(f.code, f.span.line, f.fix) for f in scan_source(code) if f.code == "ZM302"]
    assert [(c, line) for c, line, _ in got] == [("ZM302", 3), ("ZM302", 5)]
    assert got[0][2] is None and got[1][2] is not None
    fixed = fix_source(code)
    assert "cache.setdefault('repo', Client()).get_pipelines()" in fixed.text
    assert "print(get_pipelines())" in fixed.text
    assert sum("TODO(zenml-migrate): ZM302" in line for line in fixed.text.splitlines()) == 1
    assert fix_source(fixed.text).text == fixed.text  # the TODO names no text the fix rewrote: a 2nd run keeps it


def _code_lines(code, *codes):
    """``(code, line)`` of the findings of ``codes`` that ``scan_source`` gives for ``code``."""
    return [(f.code, f.span.line) for f in scan_source(code) if f.code in codes]


def test_an_unannotated_contextmanager_gives_what_its_own_yields_give():
    """``@contextmanager def pinned(name): repo = Repository(); ...; yield repo`` (no return
    annotation, a try/finally switching the stack back): ``with pinned("x") as r`` binds what the
    yields give when they agree; a bare ``yield``, a yielded parameter or yields of two kinds
    give nothing, and an annotation still wins (heldout119 repros/r3_contextmanager)."""
    code = (
        "import contextlib\n"
        "from contextlib import contextmanager\n"
        "from typing import Iterator\n"
        "from zenml.repository import Repository\n"
        "@contextmanager\n"
        "def pinned(name):\n"
        "    repo = Repository()\n"
        "    old = repo.active_stack.name\n"
        "    repo.activate_stack(name)\n"
        "    try:\n"
        "        yield repo\n"
        "    finally:\n"
        "        repo.activate_stack(old)\n"
        "@contextlib.asynccontextmanager\n"
        "async def views(name):\n"
        "    yield Repository().get_pipeline(name)\n"
        "@contextmanager\n"
        "def bare():\n"
        "    Repository()\n"
        "    yield\n"
        "@contextmanager\n"
        "def passed(x):\n"
        "    yield x\n"
        "@contextmanager\n"
        "def mixed(flag):\n"
        "    if flag:\n"
        "        yield Repository()\n"
        "    else:\n"
        "        yield Repository().active_stack\n"
        "@contextmanager\n"
        "def annotated() -> Iterator[None]:\n"
        "    yield Repository()\n"
        "def report():\n"
        "    with pinned('gpu') as r:\n"
        "        print(r.get_pipelines())\n"
        "    with bare() as a, passed(1) as b, mixed(True) as c, annotated() as d:\n"
        "        print(a.get_pipelines(), b.get_pipelines(), c.get_pipelines(), d.get_pipelines())\n"
        "async def later():\n"
        "    async with views('p') as v:\n"
        "        return v.get_run_names()\n"
    )
    assert _code_lines(code, "ZM302", "ZM304") == [("ZM302", 35), ("ZM304", 40)]


def test_an_instance_attribute_a_plain_base_class_of_the_file_gives_is_typed():
    """``class Base: def __init__(self): self.repo = Repository()`` and ``class Child(Base)``
    reading ``self.repo`` (or a ``@property`` of the base, or ``Child().repo``): the attribute
    is what the first class of the file in its bases (depth first, two levels up too) that gives
    it any value gives it; a class giving the attribute itself (``self.repo = 'x'``) is read
    alone (heldout119 repros/r4_inherited_attribute)."""
    code = (
        "from typing import Optional\n"
        "from zenml.repository import Repository\n"
        "class Base:\n"
        "    def __init__(self, repo: Optional[Repository] = None):\n"
        "        self.repo = repo or Repository()\n"
        "class Child(Base):\n"
        "    def names(self):\n"
        "        return self.repo.get_pipelines()\n"
        "class GrandChild(Child):\n"
        "    def more(self):\n"
        "        return self.repo.get_pipelines()\n"
        "class WithProp:\n"
        "    @property\n"
        "    def repo(self):\n"
        "        return Repository()\n"
        "class FromProp(WithProp):\n"
        "    def stack(self):\n"
        "        return self.repo.active_stack_name\n"
        "class Other(Base):\n"
        "    def __init__(self):\n"
        "        self.repo = 'x'\n"
        "    def names(self):\n"
        "        return self.repo.get_pipelines()\n"
        "class Switch(Base):\n"
        "    def __init__(self):\n"
        "        self.repo = Repository().active_stack\n"
        "    def names(self):\n"
        "        return self.repo.get_pipelines()\n"
        "def use():\n"
        "    return Child().repo.get_pipelines(), FromProp().repo.active_stack_name\n"
    )
    assert _code_lines(code, "ZM302", "ZM402") == [("ZM302", 8), ("ZM302", 11), ("ZM402", 18), ("ZM302", 30), ("ZM402", 30)]


def test_an_attribute_a_classmethod_assigns_on_cls_is_typed():
    """unittest's ``setUpClass(cls): cls.repo = Repository()`` then ``self.repo.get_pipelines()``
    in a test method (and ``cls.repo`` in another classmethod): what the class's methods,
    class methods included, assign on their first parameter (heldout119 p9)."""
    code = (
        "import unittest\n"
        "from zenml.repository import Repository\n"
        "class TestRuns(unittest.TestCase):\n"
        "    @classmethod\n"
        "    def setUpClass(cls):\n"
        "        cls.repo = Repository()\n"
        "    @classmethod\n"
        "    def tearDownClass(cls):\n"
        "        print(cls.repo.active_stack_name)\n"
        "    def test_pipelines(self):\n"
        "        self.assertTrue(self.repo.get_pipelines())\n"
    )
    assert _code_lines(code, "ZM302", "ZM402") == [("ZM402", 9), ("ZM302", 11)]


def test_a_method_returning_the_type_parameter_of_a_generic_class_gives_the_type_argument():
    """``REPO: Lazy[Repository] = Lazy(Repository)`` with ``class Lazy(Generic[T])`` whose ``get``
    is annotated ``-> T``: ``REPO.get()`` is a Repository (heldout119 typed_configs/sources.py:30,
    repros/r2_generic_lazy); a method annotated with a concrete class, a name annotated with
    another class, or a type argument list of another length give what they did."""
    code = (
        "from typing import Generic, Optional, TypeVar\n"
        "from zenml.repository import Repository\n"
        "T = TypeVar('T')\n"
        "class Lazy(Generic[T]):\n"
        "    def __init__(self, factory) -> None:\n"
        "        self._factory = factory\n"
        "    def get(self) -> T:\n"
        "        return self._factory()\n"
        "    def name(self) -> str:\n"
        "        return 'x'\n"
        "REPO: Lazy[Repository] = Lazy(Repository)\n"
        "OTHER: Lazy[int] = Lazy(int)\n"
        "def use(lazy: Lazy[Repository]):\n"
        "    print(REPO.get().get_pipelines(), OTHER.get().get_pipelines(), REPO.name().get_pipelines())\n"
        "    return lazy.get().active_stack_name\n"
    )
    got = [(f.code, f.span.line, f.span.column) for f in scan_source(code) if f.code in ("ZM302", "ZM402")]
    assert got == [("ZM302", 14, 11), ("ZM402", 15, 12)]


def test_an_instance_attribute_is_what_the_methods_of_its_class_assign():
    """``self.repo = Repository()`` in one method, ``self.repo.get_pipelines()`` in another: the
    attribute is typed by the class's own assignments (in any method, in blocks, as a tuple pair
    or a class-body annotation) when the values that resolve agree; two different ones, a static method's first
    parameter or another object's attribute stays unknown."""
    code = (
        "from zenml.repository import Repository\n"
        "from zenml.post_execution import PipelineRunView\n"
        "class Dashboard:\n"
        "    latest: PipelineRunView\n"
        "    def setup(self, name):\n"
        "        if name:\n"
        "            self.repo, self.name = Repository(), name\n"
        "    def header(self):\n"
        "        return self.repo.active_stack_name, self.latest.runtime_configuration\n"
        "    @staticmethod\n"
        "    def other(repo):\n"
        "        return repo.active_stack_name\n"
        "class Mixed:\n"
        "    def __init__(me, flag):\n"
        "        me.source = Repository() if flag else None\n"
        "        me.target = Repository()\n"
        "    def reset(me):\n"
        "        me.target = Repository().active_stack\n"
        "        return me.source.active_stack_name, me.target.active_stack_name\n"
        "def outside(board):\n"
        "    return board.repo.active_stack_name\n"
    )
    got = [(f.code, f.span.line, f.span.column) for f in scan_source(code) if f.code in ("ZM402", "ZM305")]
    assert got == [("ZM402", 9, 16), ("ZM305", 9, 45), ("ZM402", 19, 16)]


@pytest.mark.skipif(sys.version_info < (3, 10), reason="match statements parse on Python 3.10+")
def test_an_instance_attribute_assigned_in_a_match_case_or_an_except_handler_is_typed():
    code = (
        "from zenml.repository import Repository\n"
        "class Browser:\n"
        "    def __init__(self, mode):\n"
        "        match mode:\n"
        "            case 'train':\n"
        "                self.repo = Repository()\n"
        "        try:\n"
        "            pass\n"
        "        except KeyError:\n"
        "            self.view = Repository().get_pipeline('train')\n"
        "    def show(self):\n"
        "        return self.repo.active_stack_name, self.view.runs[-1].runtime_configuration\n"
    )
    got = [(f.code, f.span.line) for f in scan_source(code) if f.code in ("ZM402", "ZM305")]
    assert got == [("ZM402", 12), ("ZM305", 12)]


def test_a_property_or_method_of_the_instance_gives_its_annotated_return_type():
    code = (
        "from zenml.post_execution import PipelineRunView\n"
        "class Report:\n"
        "    @property\n"
        "    def current(self) -> PipelineRunView:\n"
        "        return None\n"
        "    def pick(self, name) -> 'PipelineRunView':\n"
        "        return None\n"
        "    def show(self):\n"
        "        return self.current.runtime_configuration, self.pick('a').runtime_configuration\n"
        "    def unknown(self):\n"
        "        return self.missing().runtime_configuration, self.current().runtime_configuration\n"
    )
    got = [(f.code, f.span.line) for f in scan_source(code)]
    assert got == [("ZM305", 9), ("ZM305", 9)]


def test_a_slice_or_a_builtin_over_a_list_of_views_keeps_their_type():
    """``view.runs[-3:]``, ``sorted(...)``, ``reversed(...)``, ``list(...)`` give the same items,
    ``max(...)``, ``min(...)``, ``next(iter(...))`` one of them; a mapping (``step.outputs``: its
    keys) and a rebound builtin give nothing."""
    code = (
        "from zenml.repository import Repository\n"
        "def audit(name, sorted_by=None):\n"
        "    view = Repository().get_pipeline(name)\n"
        "    tail = list(view.runs)[-3:]\n"
        "    for r in tail:\n"
        "        r.runtime_configuration\n"
        "    for r in sorted(view.runs[1:], key=str):\n"
        "        r.runtime_configuration\n"
        "    oldest = min(reversed(view.runs), key=str)\n"
        "    oldest.runtime_configuration\n"
        "    next(iter(tuple(view.runs))).runtime_configuration\n"
        "    step = view.runs[-1].get_step('trainer')\n"
        "    for key in sorted(step.outputs):\n"
        "        key.producer_step\n"
        "    max(step.outputs).producer_step\n"
        "def shadowed(view, list=None):\n"
        "    for r in list(Repository().get_pipeline('p').runs):\n"
        "        r.runtime_configuration\n"
    )
    got = _view_reads(code)
    assert got == [("ZM305", 6), ("ZM305", 8), ("ZM305", 10), ("ZM305", 11)]


def test_isinstance_narrows_a_name_in_an_if_body_after_an_assert_or_a_guard():
    """``if isinstance(c, KubernetesOrchestrator):`` (also an ``and`` operand, an ``elif``), ``assert
    isinstance(c, C)`` and ``if not isinstance(c, C): raise`` make ``c`` an instance of C in a
    function: its 0.13.2 config fields are reported (ZM421) where ``c`` was only a StackComponent
    (or unknown), also in a module-level ``if`` body; outside the ``if`` body and with a rebound
    isinstance, nothing."""
    code = (
        "from zenml.integrations.kubernetes.orchestrators import KubernetesOrchestrator\n"
        "from zenml.integrations.gcp.secrets_manager import GCPSecretsManager\n"
        "from zenml.repository import Repository\n"
        "def namespaces(names):\n"
        "    stack = Repository().active_stack\n"
        "    for c in stack.components.values():\n"
        "        if c.name in names and isinstance(c, KubernetesOrchestrator):\n"
        "            yield c.kubernetes_namespace\n"
        "        elif isinstance(c, GCPSecretsManager):\n"
        "            yield c.project_id\n"
        "        yield c.kubernetes_namespace\n"
        "def checked(component):\n"
        "    assert isinstance(component, KubernetesOrchestrator)\n"
        "    return component.kubernetes_context\n"
        "def guarded(component):\n"
        "    if not isinstance(component, GCPSecretsManager):\n"
        "        return None\n"
        "    return component.project_id\n"
        "def shadowed(component, isinstance=None):\n"
        "    assert isinstance(component, KubernetesOrchestrator)\n"
        "    return component.kubernetes_context\n"
        "c = namespaces\n"
        "if isinstance(c, KubernetesOrchestrator):\n"
        "    print(c.skip_config_loading)\n"
    )
    got = [(f.code, f.span.line) for f in scan_source(code) if f.code == "ZM421"]
    assert got == [("ZM421", 8), ("ZM421", 10), ("ZM421", 14), ("ZM421", 18), ("ZM421", 24)]


def test_a_name_is_not_the_class_a_false_isinstance_test_rules_out():
    """gaps24 (a): ``if not isinstance(h, Repository): return h.active_profile`` then uses of ``h``
    as a Repository: the body of the negative guard (and the ``else`` of ``if isinstance``, after
    ``if isinstance(...): return``, the operand after ``isinstance(...) or``, a tuple of classes)
    reads a member of something that is no Repository: no ZM401 (before: ZM401 there, and in
    /tmp/gaps24/a/guard.py a module-level call of such a function got ZM461 "fails on ZenML 0.20"
    while the module runs on the real 0.20.5). The uses the guard narrows are still reported."""
    code = (
        "from zenml.repository import Repository\n"
        "from zenml.client import Client\n"
        "def negative(h):\n"
        "    if not isinstance(h, Repository):\n"
        "        return h.active_profile\n"
        "    return h.active_profile_name\n"
        "def orelse(h):\n"
        "    if isinstance(h, Repository):\n"
        "        return h.active_profile\n"
        "    else:\n"
        "        return h.active_profile\n"
        "def early(h: Repository):\n"
        "    if isinstance(h, Repository):\n"
        "        return h.active_profile\n"
        "    return h.active_profile\n"
        "def either(h: Repository):\n"
        "    return isinstance(h, Repository) or h.active_profile\n"
        "def several(h: Repository):\n"
        "    if not isinstance(h, (Client, Repository)):\n"
        "        return h.active_profile\n"
        "def known():\n"
        "    r = Repository()\n"
        "    if not isinstance(r, Client):\n"
        "        return r.active_profile\n"
        "    return r.active_profile\n"
    )
    # the class tested is one whose instances exist on 0.20 (``Client``): what the test rules out is
    # not read as that class (line 24: ``Repository()`` gives a Client on 0.20, that body never runs)
    client = code.replace("isinstance(h, Repository)", "isinstance(h, Client)").replace("h: Repository", "h: Client")
    got = [(f.code, f.span.line) for f in scan_source(client) if f.code == "ZM401"]
    assert got == [("ZM401", 6), ("ZM401", 9), ("ZM401", 14), ("ZM401", 25)]
    # ZenML 0.20's deprecated ``Repository`` has no instances (``Repository()`` returns a ``Client``):
    # ``isinstance(x, Repository)`` is False for every client there, so a read the test was meant to
    # keep from a client runs with one on 0.20 (before the ZM108 rename) and fails: still reported
    # (gaps24's heldout111 guarded_helpers/describe.py:12 failed on the real 0.20.5 with no finding)
    got = [(f.code, f.span.line) for f in scan_source(code) if f.code == "ZM401"]
    assert got == [("ZM401", n) for n in (5, 6, 9, 14, 15, 17, 20, 25)]


def test_what_a_callable_run_by_an_executor_returns_is_typed():
    """gaps24 (b): ``await loop.run_in_executor(None, Repository().get_pipeline, name)``,
    ``await asyncio.to_thread(fn, name)``, ``pool.submit(fn, name).result()`` (also through the
    future's name) give what the callable returns, ``pool.map(fn, names)`` a list of it (also
    through ``list(...)``): a 0.13.2-only member read on it is reported (ZM305; before: none, and
    ``PipelineRunView.runtime_configuration`` is gone on the real 0.20.5). A callable that does
    not resolve, or ``result()`` of something else, gives nothing."""
    code = (
        "import asyncio\n"
        "import concurrent.futures as cf\n"
        "from zenml.repository import Repository\n"
        "def latest(name):\n"
        "    return Repository().get_pipeline(name)\n"
        "async def by_loop(name):\n"
        "    loop = asyncio.get_running_loop()\n"
        "    view = await loop.run_in_executor(None, Repository().get_pipeline, name)\n"
        "    return view.runs[-1].runtime_configuration\n"
        "async def by_thread(name):\n"
        "    view = await asyncio.to_thread(latest, name)\n"
        "    return view.runs[-1].runtime_configuration\n"
        "def by_pool(name, names):\n"
        "    with cf.ThreadPoolExecutor() as pool:\n"
        "        future = pool.submit(latest, name)\n"
        "        views = list(pool.map(latest, names))\n"
        "        other = pool.submit(print, name)\n"
        "    future.result().runs[-1].runtime_configuration\n"
        "    pool.submit(latest, name).result().runs[-1].runtime_configuration\n"
        "    other.result().runs[-1].runtime_configuration\n"
        "    for v in views:\n"
        "        v.runs[-1].runtime_configuration\n"
        "    return asyncio.to_thread(unknown, name).runs\n"
    )
    got = [(f.code, f.span.line) for f in scan_source(code) if f.code == "ZM305"]
    assert got == [("ZM305", 9), ("ZM305", 12), ("ZM305", 18), ("ZM305", 19), ("ZM305", 22)]


def test_what_a_coroutine_run_by_asyncio_run_returns_is_typed():
    """gaps24 (f): ``REPO = asyncio.run(repository())`` (an ``async def`` returning ``await
    loop.run_in_executor(pool, Repository)``), ``loop.run_until_complete(...)``: the coroutine's
    value; /work/heldout111 async_reports/repo_access.py line 26 failed on the real 0.20.5
    ('Client' object has no attribute 'active_stack_name') with no finding."""
    code = (
        "import asyncio\n"
        "from zenml.repository import Repository\n"
        "async def repository():\n"
        "    loop = asyncio.get_event_loop()\n"
        "    return await loop.run_in_executor(None, Repository)\n"
        "REPO = asyncio.run(repository())\n"
        "NAME = REPO.active_stack_name\n"
        "OTHER = asyncio.get_event_loop().run_until_complete(repository()).active_stack_name\n"
    )
    got = [(f.code, f.span.line) for f in scan_source(code) if f.code == "ZM402"]
    assert got == [("ZM402", 7), ("ZM402", 8)]


def test_a_call_of_an_unannotated_function_gives_what_its_returns_agree_on():
    """``def client(): return Repository()``: its calls give a Repository (every ``return`` of its
    own resolving alike; a bare ``return``, a generator, a recursive or a disagreeing function
    give nothing), also for a method called on ``self`` that returns ``self.<attr>``."""
    code = (
        "from zenml.repository import Repository\n"
        "def client():\n"
        "    return Repository()\n"
        "def last(name):\n"
        "    view = client().get_pipeline(name)\n"
        "    return view.runs[-1]\n"
        "def bare(flag):\n"
        "    if flag:\n"
        "        return Repository()\n"
        "    return\n"
        "def mixed(flag):\n"
        "    return Repository() if flag else Repository().active_stack\n"
        "def loop(n):\n"
        "    return loop(n)\n"
        "def many():\n"
        "    yield Repository()\n"
        "    return\n"
        "class Board:\n"
        "    def __init__(self):\n"
        "        self._repo = Repository()\n"
        "    def repo(self):\n"
        "        return self._repo\n"
        "    def title(self):\n"
        "        return self.repo().active_stack_name\n"
        "def main():\n"
        "    return (last('p').runtime_configuration, client().active_stack_name, bare(1).active_stack_name,\n"
        "            mixed(1).active_stack_name, loop(1).active_stack_name)\n"
    )
    got = [(f.code, f.span.line) for f in scan_source(code) if f.code in ("ZM301", "ZM305", "ZM402")]
    assert got == [("ZM301", 5), ("ZM402", 24), ("ZM305", 26), ("ZM402", 26)]


def test_an_attribute_read_on_each_of_different_classes_a_loop_goes_over_is_reported_without_a_fix():
    # held-out 17 r06: ``[cls.FLAVOR for cls in DEPLOYERS.values()]`` over a dict of three model deployer
    # classes had no finding (the loop variable resolved only when every item was the same value)
    # and the module failed on 0.20.0. Own inputs: a for loop over a tuple display, a comprehension over
    # a name bound to a dict display's values.
    head = (
        "from zenml.integrations.aws.step_operators import SagemakerStepOperator\n"
        "from zenml.integrations.gcp.step_operators import VertexStepOperator\n\n"
    )
    loop = head + "for op in (SagemakerStepOperator, VertexStepOperator):\n    print(op.FLAVOR)\n"
    table = head + 'OPS = {"aws": SagemakerStepOperator, "gcp": VertexStepOperator}\nNAMES = {op.FLAVOR for op in OPS.values()}\n'
    for text, line in ((loop, 5), (table, 5)):
        found = findings(text, "ZM423")
        # no fix of its own (at module level ZM461 then makes the statement inert: tests/test_import_time.py)
        assert [(f.span.line, "no automatic fix here" in f.message) for f in found] == [(line, True)], (text, found)
    # a rewrite that fits one item may not fit the others: none, with why
    mixed = (
        "from zenml.repository import Repository\nfrom zenml.steps import step\n\n"
        "for thing in (Repository(), step):\n    print(thing.active_stack_name)\n"
    )
    assert [(f.code, f.fix) for f in findings(mixed, "ZM402")] == [("ZM402", None)]
    assert "`thing` is each of 2 different values here: rewrite it by hand" in findings(mixed, "ZM402")[0].message


def test_an_attribute_read_on_an_item_of_a_display_picked_by_a_key_is_reported_on_each_value_without_a_fix():
    # held-out 31 p010_component_registry: ``cls = COMPONENT_CLASSES[env][t]; cls.FLAVOR`` (a dict of dicts of
    # component classes, looked up by variables) had no finding and raised AttributeError on 0.20. Own
    # inputs: one level and two levels, a key that is a parameter, nested constant keys, ``.get(key)``, a
    # list display by index, in a function and at module level.
    head = (
        "from zenml.integrations.aws.step_operators import SagemakerStepOperator\n"
        "from zenml.integrations.gcp.step_operators import VertexStepOperator\n"
        "from zenml.integrations.aws.secrets_managers import AWSSecretsManager\n\n"
        'CLOUDS = {"aws": {"op": SagemakerStepOperator, "secrets": AWSSecretsManager}, "gcp": {"op": VertexStepOperator}}\n'
        'OPS = {"aws": SagemakerStepOperator, "gcp": VertexStepOperator}\n'
        "ORDER = [VertexStepOperator, SagemakerStepOperator]\n\n"
    )
    uses = (
        "def one(cloud):\n    return OPS[cloud].FLAVOR\n",
        "def two(cloud, kind):\n    chosen = CLOUDS[cloud][kind]\n    return chosen.FLAVOR\n",
        'def fixed():\n    return CLOUDS["gcp"]["op"].FLAVOR\n',
        "def got(cloud):\n    return OPS.get(cloud).FLAVOR\n",
        "def nth(i):\n    return ORDER[i].FLAVOR\n",
        'FIRST = CLOUDS["aws"]["secrets"].FLAVOR\n',
    )
    for use in uses:
        found = findings(head + use, "ZM423")
        # no fix of its own (at module level ZM461 makes the statement inert)
        assert [(f.span.line, f.fix is None or f.resolved_by == "ZM461", "no automatic fix here" in f.message)
                for f in found] == [(head.count("\n") + use.count("\n"), True, True)], (use, found)
    # the values of another display, an item that does not resolve, a ** splat: nothing guessed
    for other in (
        'OTHER = {"a": 1, "b": 2}\n\ndef f(k):\n    return OTHER[k].FLAVOR\n',
        'MIXED = {"a": SagemakerStepOperator, "b": object}\n\ndef f(k):\n    return MIXED[k].FLAVOR\n',
        'SPLAT = {**OPS, "c": VertexStepOperator}\n\ndef f(k):\n    return SPLAT[k].FLAVOR\n',
    ):
        assert findings(head + other, "ZM423") == [], other


def test_a_loop_over_the_values_of_a_dict_of_one_value_resolves_as_that_value():
    text = (
        "from zenml.repository import Repository\n\n"
        'CLIENTS = {"a": Repository(), "b": Repository()}\n'
        "NAMES = [c.active_stack_name for c in CLIENTS.values()]\n"
    )
    assert [(f.span.line, f.fix) for f in findings(text, "ZM402")] == [(4, "safe")]
    # an item that does not resolve, a ** splat in the dict, .values() of something else: nothing guessed
    for other in (
        'CLIENTS = {"a": Repository(), "b": make()}\n',
        'CLIENTS = {"a": Repository(), **EXTRA}\n',
    ):
        assert findings(text.replace('CLIENTS = {"a": Repository(), "b": Repository()}\n', other), "ZM402") == []


def test_a_users_container_annotation_of_zenml_values_types_its_items():
    """``-> Dict[str, Repository]``, ``-> Optional[List[StepContext]]``, a parameter annotated
    ``Sequence[...]`` / ``Tuple[X, ...]``: items read by index, key, iteration, ``.values()``,
    ``.items()`` and ``.get()`` are the annotated type (before: untyped, so a removed member read
    on them went unreported). Iterating a mapping gives its keys, a ``Tuple[X, Y]`` holds two
    types: not typed."""
    code = (
        "from typing import Dict, List, Optional, Sequence, Tuple\n"  # 1
        "from zenml.repository import Repository\n"
        "from zenml.steps import StepContext\n"
        "def clients() -> Dict[str, Repository]:\n"
        "    return {}\n"  # 5
        "def contexts() -> Optional[List[StepContext]]:\n"
        "    return []\n"
        "def names(repos: Sequence[Repository], pair: Tuple[Repository, ...], two: Tuple[Repository, int]):\n"
        "    first = [r.active_stack_name for r in repos]\n"
        "    return first, pair[0].active_stack_name, two[0].active_stack_name\n"  # 10
        "def report():\n"
        "    print(clients()['a'].active_stack_name)\n"
        "    for c in clients().values():\n"
        "        print(c.active_stack_name)\n"
        "    for key, c in clients().items():\n"  # 15
        "        print(key.active_stack_name, c.active_stack_name)\n"
        "    for key in clients():\n"
        "        print(key.active_stack_name)\n"
        "    print(clients().get('a').active_stack_name)\n"
        "    for ctx in contexts():\n"  # 20
        "        print(ctx.metadata_store)\n"
    )
    got = [(f.code, f.span.line, f.span.column) for f in scan_source(code) if f.code in ("ZM402", "ZM310")]
    assert got == [
        ("ZM402", 9, 14), ("ZM402", 10, 19), ("ZM402", 12, 11), ("ZM402", 14, 15), ("ZM402", 16, 38),
        ("ZM402", 19, 11), ("ZM310", 21, 15),
    ], got


def test_a_class_attribute_behind_a_generic_descriptor_is_what_its_get_returns():
    """held-out 15 r05: ``repo: Lazy[Repository] = Lazy(Repository)`` with ``class Lazy(Generic[T])``
    whose ``__get__`` returns ``T``: ``self.repo`` is a Repository (before: untyped). Own inputs: two
    type parameters, the second one returned; a generic class without ``__get__`` (the attribute is
    that object) and a ``__get__`` returning something else are not followed."""
    code = (
        "from typing import Any, Generic, TypeVar\n"  # 1
        "from zenml.repository import Repository\n"
        "K = TypeVar('K')\n"
        "V = TypeVar('V')\n"
        "class Field(Generic[K, V]):\n"  # 5
        "    def __get__(self, obj: Any, owner: Any = None) -> V:\n"
        "        return obj.__dict__['x']\n"
        "class Box(Generic[V]):\n"
        "    pass\n"
        "class Loose(Generic[V]):\n"  # 10
        "    def __get__(self, obj: Any, owner: Any = None) -> Any:\n"
        "        return None\n"
        "class Service:\n"
        "    client: Field[str, Repository] = Field()\n"
        "    boxed: Box[Repository] = Box()\n"  # 15
        "    loose: Loose[Repository] = Loose()\n"
        "    def names(self):\n"
        "        return self.client.active_stack_name, self.boxed.active_stack_name, self.loose.active_stack_name\n"
    )
    got = [(f.code, f.span.line, f.span.column) for f in scan_source(code) if f.code == "ZM402"]
    assert got == [("ZM402", 18, 16)], got


def test_an_item_a_constant_key_or_index_picks_from_a_display_is_typed():
    text = (
        "from zenml.repository import Repository\n\n"
        'FIRST = {"prod": Repository()}["prod"].active_stack_name\n'
        "SECOND = [Repository()][0].active_stack_name\n"
        'STORES = {"prod": Repository(), "n": 3}\n'
        'THIRD = STORES["prod"].active_stack_name\n'
        "PAIR = (3, Repository())\n"
        "FOURTH = PAIR[-1].active_stack_name\n"
    )
    assert [(f.span.line, f.fix) for f in findings(text, "ZM402")] == [(3, "safe"), (4, "safe"), (6, "safe"), (8, "safe")]
    # another key or index, a key not written as a constant, a ** / * item, a name bound twice: nothing guessed
    for line, other in (
        (6, 'THIRD = STORES["n"].active_stack_name\n'),
        (6, "THIRD = STORES[key].active_stack_name\n"),
        (3, 'FIRST = {**EXTRA, "prod": Repository()}["prod"].active_stack_name\n'),
        (4, "SECOND = [*EXTRA, Repository()][0].active_stack_name\n"),
        (8, "FOURTH = PAIR[2].active_stack_name\n"),
    ):
        lines = text.splitlines(keepends=True)
        lines[line - 1] = other
        assert line not in [f.span.line for f in findings("".join(lines), "ZM402")], other
    twice = text + "PAIR = (Repository(), 3)\n"
    assert 8 not in [f.span.line for f in findings(twice, "ZM402")]


FORWARDER = (
    "from typing import Any\n\nfrom zenml.repository import Repository\n\n\n"
    "class Session:\n    label = 'ops'\n\n    def __init__(self) -> None:\n        self.client = Repository()\n        self.owner = 'me'\n\n"
    "    def describe(self) -> str:\n        return self.label\n\n"
    "    def __getattr__(self, item: str) -> Any:\n        return getattr(self.client, item)\n\n\n"
    "SESSION = Session()\n"
)


def test_an_attribute_an_instance_forwards_through_getattr_is_read_on_the_target():
    # SESSION.active_stack_name is Repository().active_stack_name (Session.__getattr__ forwards
    # what the class lacks); its own members (describe, label, owner, client) are not forwarded
    text = FORWARDER + (
        "STACK = SESSION.active_stack_name\nOWN = SESSION.describe(), SESSION.label, SESSION.owner\n\n\n"
        "def profile(s: Session):\n    return s.active_profile_name\n"
    )
    assert [f.span.line for f in findings(text, "ZM402")] == [21]
    assert [f.span.line for f in findings(text, "ZM401")] == [26]
    assert [f.code for f in scan_source(text, "example.py") if f.span.line == 22] == []
    # a hook that does more than forward, or a class with another base: nothing guessed
    for other in (
        ("return getattr(self.client, item)", "return getattr(self.client, item.lower())"),
        ("class Session:", "class Session(dict):"),
    ):
        assert findings(text.replace(*other), "ZM402") == [], other


def test_an_item_of_an_item_picked_by_constant_keys_keeps_the_fix_one_level_keeps():
    # review17 G2: ``D["x"]["a"].attr`` named one value as surely as ``D["a"].attr`` and lost the
    # fix. Own inputs: an inner dict bound to a name, a list in a dict by a negative index, three
    # levels, at module level; a key that is a variable at any level stays for a human.
    head = (
        "from zenml.repository import Repository\n\n"
        'MAIN = {"main": Repository()}\n'
        'BY_ENV = {"prod": MAIN, "dev": {"main": Repository()}}\n'
        'POOLS = {"ci": [Repository(), Repository()]}\n'
        'DEEP = {"a": {"b": {"c": Repository()}}}\n\n'
    )
    sure = (
        'def prod():\n    return BY_ENV["prod"]["main"].active_stack_name\n',
        'def dev():\n    return BY_ENV["dev"]["main"].active_stack_name\n',
        'def last():\n    return POOLS["ci"][-1].active_stack_name\n',
        'NAME = DEEP["a"]["b"]["c"].active_stack_name\n',
    )
    line = head.count("\n") + 2
    for use in sure:
        found = [(f.span.line, f.fix) for f in findings(head + use, "ZM402")]
        assert found == [(line - (use.count("\n") == 1), "safe")], (use, found)
        from zenml_migrate.fix.fixer import fix_source
        from zenml_migrate.rules import select_rules

        text = fix_source(head + use, rules=select_rules(select=["ZM402"])).text
        assert use.replace("active_stack_name", "active_stack_model.name") in text, text
    for unsure in (
        'def any_env(env):\n    return BY_ENV[env]["main"].active_stack_name\n',
        'def any_pool(i):\n    return POOLS["ci"][i].active_stack_name\n',
    ):
        found = [(f.span.line, f.fix, "no automatic fix here" in f.message) for f in findings(head + unsure, "ZM402")]
        assert found == [(line, None, True)], (unsure, found)
    # no such key, a ** splat on the way: nothing certain, nothing guessed
    for other in ('X = BY_ENV["prod"]["other"].active_stack_name\n', 'S = {**MAIN}\nY = {"s": S}["s"]["main"].active_stack_name\n'):
        assert findings(head + other, "ZM402") == [], other


def test_an_item_of_a_comprehension_bound_to_a_name_is_typed():
    """``by_name = {p.name: p for p in repo.get_pipelines()}`` then ``by_name["training"]`` is a
    pipeline view (as ``{...}[key]`` written in place already was): its ``get_run_names()`` is gone
    in 0.20 (ZM304). A slice of the name is not an item."""
    text = (
        "from zenml.repository import Repository\n\n\n"
        "def names():\n"
        "    by_name = {p.name: p for p in Repository().get_pipelines()}\n"
        "    views = [p for p in Repository().get_pipelines()]\n"
        "    return by_name[\"training\"].get_run_names(), views[0].get_run_names(), views[1:].get_run_names()\n"
    )
    found = sorted((f.span.line, f.span.column, f.code) for f in scan_source(text, "views.py") if f.code == "ZM304")
    assert found == [(7, 12, "ZM304"), (7, 49, "ZM304")], found


def test_a_plain_class_attribute_read_through_cls_or_the_class_is_typed():
    """``repo = Repository()`` in the body of a plain class: ``cls.repo`` in a classmethod and
    ``Explorer.repo`` (the class named) are that client, as ``self.repo`` already was."""
    text = (
        "from zenml.repository import Repository\n\n\n"
        "class Explorer:\n"
        "    repo = Repository()\n\n"
        "    @classmethod\n"
        "    def profile(cls):\n"
        "        return cls.repo.active_profile_name\n\n"
        "    @staticmethod\n"
        "    def stack():\n"
        "        return Explorer.repo.active_stack_name\n\n\n"
        "def user():\n"
        "    return Explorer.repo.active_user_name\n"
    )
    found = sorted((f.span.line, f.code) for f in scan_source(text, "explore.py") if f.code in ("ZM401", "ZM402", "ZM403"))
    assert found == [(9, "ZM401"), (13, "ZM402"), (17, "ZM403")], found


def _assert_parameter_reads(text, filename, lines):
    """The ZM308 findings (a step view's ``parameters`` read) of ``text`` are on ``lines``."""
    found = sorted(f.span.line for f in scan_source(text, filename) if f.code == "ZM308")
    assert found == lines, found


def test_the_call_of_a_returned_closure_or_lambda_is_typed():
    """A function returning a nested function (or a lambda, or a function of its own module) that
    returns a zenml value: calling what it returns gives that value (``helper()("p")`` and
    ``getter = make(); getter("p")`` are a ``PipelineRunView``: ZM308 on ``.parameters``)."""
    text = (
        "from zenml.repository import Repository\n\n\n"
        "def helper():\n"
        "    def _last(name):\n"
        "        return Repository().get_pipeline(name).runs[-1]\n"
        "    return _last\n\n\n"
        "def lam():\n"
        "    return lambda name: Repository().get_pipeline(name).runs[-1]\n\n\n"
        "def first(name):\n"
        "    return Repository().get_pipeline(name).runs[0]\n\n\n"
        "def pick():\n"
        "    return first\n\n\n"
        "def use():\n"
        "    a = helper()('p').get_step('s').parameters['x']\n"
        "    getter = lam()\n"
        "    b = getter('p').get_step('s').parameters['x']\n"
        "    c = pick()('p').get_step('s').parameters['x']\n"
        "    plain = helper\n"
        "    return a, b, c, plain\n"
    )
    _assert_parameter_reads(text, "closures.py", [23, 25, 26])


def test_an_item_of_a_generator_or_list_comprehension_given_to_a_builtin_is_typed():
    """``next(r for r in view.runs if r.name == name)`` is a run; ``sorted(r for r in ...)`` and
    ``list([...])`` hold runs (ZM308 on a step's ``parameters``)."""
    text = (
        "from zenml.post_execution import PipelineView\n\n\n"
        "def by_name(view: PipelineView, name: str):\n"
        "    run = next(r for r in view.runs if r.name == name)\n"
        "    return run.get_step('t').parameters['lr']\n\n\n"
        "def newest(view: PipelineView):\n"
        "    ordered = sorted(r for r in view.runs if r.status)\n"
        "    return ordered[-1].get_step('t').parameters['lr']\n\n\n"
        "def loop(view: PipelineView):\n"
        "    for run in [r for r in view.runs if r.name]:\n"
        "        print(run.get_step('t').parameters['lr'])\n"
    )
    _assert_parameter_reads(text, "gen.py", [6, 11, 16])


def test_a_module_name_a_function_assigns_through_global_is_typed():
    """``REPO = None`` at module level, ``global REPO; REPO = Repository()`` in ``init()``: the
    functions reading ``REPO`` read that client (ZM402), also in a module long enough for the
    scan to walk only the statements that can matter (``file_scan.prune_module``)."""
    filler = "".join(f"X{i} = {i}\n" for i in range(14))
    text = (
        "from zenml.repository import Repository\n\n"
        + filler
        + "REPO = None\n\n\n"
        "def init():\n"
        "    global REPO\n"
        "    REPO = Repository()\n\n\n"
        "def stack():\n"
        "    return REPO.active_stack_name\n"
    )
    found = [(f.span.line, f.code) for f in scan_source(text, "lazy.py") if f.code == "ZM402"]
    assert found == [(26, "ZM402")], found


def test_what_a_generator_function_yields_is_an_item_of_its_call():
    """``def iter_runs(): for p in Repository().get_pipelines(): yield from p.runs`` and
    ``def iter_steps(view): ... yield step``: ``for run in iter_runs()`` is a run, ``for step in
    iter_steps(...)`` a step (ZM308); ``{r.name: r for r in view.runs}.get(name)`` is a run."""
    text = (
        "from zenml.post_execution import PipelineView\n"
        "from zenml.repository import Repository\n\n\n"
        "def iter_runs():\n"
        "    for pipe in Repository().get_pipelines():\n"
        "        yield from pipe.runs\n\n\n"
        "def iter_steps(view: PipelineView):\n"
        "    for run in view.runs:\n"
        "        for step in run.steps:\n"
        "            yield step\n\n\n"
        "def use(view: PipelineView, name: str):\n"
        "    for run in iter_runs():\n"
        "        print(run.get_step('s').parameters['x'])\n"
        "    for step in iter_steps(view):\n"
        "        print(step.parameters['x'])\n"
        "    picked = {r.name: r for r in view.runs}.get(name)\n"
        "    return picked.get_step('s').parameters['x']\n"
    )
    _assert_parameter_reads(text, "gens.py", [18, 20, 22])


def test_a_member_assigned_on_a_name_from_outside_its_class_is_typed():
    """``e = Explorer(); e.view = Repository().get_pipeline("x"); e.view.get_run_names()`` (in a
    function, and in a script long enough for the scan to walk only the statements that can
    matter): ZM304; ``h.repo = Repository(); h.repo.active_stack_name``: ZM402."""
    filler = "".join(f"X{i} = {i}\n" for i in range(14))
    text = (
        "from zenml.repository import Repository\n\n\n"
        "class Explorer:\n"
        "    def __init__(self):\n"
        "        self.view = None\n\n\n"
        "def use():\n"
        "    e = Explorer()\n"
        "    e.view = Repository().get_pipeline('p')\n"
        "    return e.view.get_run_names()\n\n\n"
        + filler
        + "h = Explorer()\n"
        "h.repo = Repository()\n"
        "print(h.repo.active_stack_name)\n"
    )
    found = sorted((f.span.line, f.code) for f in scan_source(text, "members.py") if f.code in ("ZM304", "ZM402"))
    assert found == [(12, "ZM304"), (31, "ZM402")], found


def test_static_and_class_methods_and_annotated_instances_of_a_plain_class_are_typed():
    """``cls.repo()`` / ``self.repo()`` / ``Runs.repo()`` of a ``@staticmethod def repo(): return
    Repository()``, ``Runs.view("p")`` of a ``@classmethod``, and ``r.latest`` of a parameter
    annotated ``r: Runs`` (a plain class whose property returns a run) are typed."""
    text = (
        "from zenml.repository import Repository\n\n\n"
        "class Runs:\n"
        "    @staticmethod\n"
        "    def repo():\n"
        "        return Repository()\n\n"
        "    @classmethod\n"
        "    def view(cls, name):\n"
        "        return cls.repo().get_pipeline(name)\n\n"
        "    def view2(self, name):\n"
        "        return self.repo().get_pipeline(name)\n\n"
        "    @property\n"
        "    def latest(self):\n"
        "        return Repository().get_pipeline('p').runs[-1]\n\n\n"
        "def use(r: Runs):\n"
        "    print(Runs.view('p').get_run_names(), Runs.repo().active_stack_name)\n"
        "    return r.latest.get_step('s').parameters['x']\n"
    )
    found = sorted((f.span.line, f.code) for f in scan_source(text, "plain.py") if f.code in ("ZM301", "ZM304", "ZM402", "ZM308"))
    assert found == [(11, "ZM301"), (14, "ZM301"), (18, "ZM301"), (22, "ZM304"), (22, "ZM402"), (23, "ZM308")], found


def test_a_name_unpacked_from_a_function_returning_a_tuple_is_typed():
    """``repo, name = load()`` where ``load`` returns ``Repository(), "training"`` (or is annotated
    ``-> Tuple[PipelineView, str]``): ``repo`` is the client (ZM301), ``view`` the pipeline view (ZM304)."""
    text = (
        "from typing import Tuple\n\n"
        "from zenml.post_execution import PipelineView\n"
        "from zenml.repository import Repository\n\n\n"
        "def load():\n"
        "    if True:\n"
        "        return Repository(), 'training'\n"
        "    return Repository(), 'other'\n\n\n"
        "def pick() -> Tuple[PipelineView, str]:\n"
        "    ...\n\n\n"
        "def use():\n"
        "    repo, name = load()\n"
        "    view, _ = pick()\n"
        "    return repo.get_pipeline(name), view.get_run_names()\n"
    )
    found = sorted((f.span.line, f.code) for f in scan_source(text, "unpack.py") if f.code in ("ZM301", "ZM304"))
    assert found == [(20, "ZM301"), (20, "ZM304")], found


def test_the_class_of_an_instance_read_through_type_is_typed():
    """``type(repo).get_pipeline`` / ``type(s).CONFIG_CLASS``: a member of the class of a zenml
    instance (``type`` not rebound)."""
    text = (
        "from zenml.repository import Repository\n"
        "from zenml.steps import BaseStep\n\n\n"
        "def f(s: BaseStep):\n"
        "    repo = Repository()\n"
        "    return type(s).CONFIG_CLASS, type(repo).active_stack_name\n\n\n"
        "def g(type, s: BaseStep):\n"
        "    return type(s).CONFIG_CLASS\n"
    )
    found = sorted((f.span.line, f.span.column, f.code) for f in scan_source(text, "types.py") if f.code in ("ZM004", "ZM217", "ZM402"))
    assert found == [(7, 12, "ZM004"), (7, 34, "ZM004")], found


def test_an_instance_method_of_a_plain_class_called_from_outside_it_is_typed():
    """``Runs().repo()``, ``r.repo()`` of ``r = Runs()``, of a parameter annotated ``Runs`` / ``"Runs"``
    or defaulting to ``Runs()``: a method the class defines, returning a 0.13.2 value, gives it
    outside the class too. They were silent (only ``self.repo()`` was typed): `--fix` renamed the
    class's body, the re-scan said clean, and 0.20.5 raised AttributeError (review27 R12)."""
    text = (
        "from zenml.repository import Repository\n\n\n"
        "class Runs:\n"
        "    def repo(self):\n"
        "        return Repository()\n\n"
        "    def last(self, name):\n"
        "        return self.repo().get_pipeline(name).runs[-1]\n\n\n"
        "def g():\n"
        "    return Runs().repo().active_stack_name\n\n\n"
        "def h():\n"
        "    r = Runs()\n"
        "    return r.repo().active_stack_name\n\n\n"
        "def k(r: \"Runs\", s: Runs = Runs()):\n"
        "    return r.repo().active_stack_name, s.last('x').get_step('t').parameters['lr'] + 1\n\n\n"
        "class Other:\n"
        "    def repo(self):\n"
        "        return 1\n\n\n"
        "def not_it(o: Other):\n"
        "    return o.repo().active_stack_name\n"
    )
    found = sorted((f.span.line, f.code) for f in scan_source(text, "plain.py") if f.code in ("ZM402", "ZM308"))
    assert found == [(13, "ZM402"), (18, "ZM402"), (22, "ZM308"), (22, "ZM402")], found


def test_what_map_of_a_lambda_and_dict_of_zip_give_is_typed():
    """``map(lambda r: r.get_step("s"), view.runs)`` holds step views; ``dict(zip(names, view.runs))["a"]``
    is a run (ZM308 on their ``parameters``)."""
    text = (
        "from zenml.post_execution import PipelineView\n\n\n"
        "def mapped(view: PipelineView):\n"
        "    for s in map(lambda r: r.get_step('s'), view.runs):\n"
        "        print(s.parameters['x'])\n\n\n"
        "def zipped(view: PipelineView, names):\n"
        "    return dict(zip(names, view.runs))['a'].get_step('s').parameters['x']\n"
    )
    _assert_parameter_reads(text, "maps.py", [6, 10])


def test_what_map_of_a_callable_that_is_no_lambda_gives_is_typed():
    """``map(repo.get_pipeline, names)`` holds pipeline views (heldout120 functional_calls/history.py:16):
    ZM304 on ``.get_run_names()`` of its items, in a ``for``, through ``zip`` and ``list``, also for a
    function of the file that returns a view; a ``map`` the file rebinds, or a callable of unknown
    result, gives nothing."""
    code = (
        "from zenml.repository import Repository\n"
        "repo = Repository()\n"
        "def view_of(name):\n"
        "    return repo.get_pipeline(name)\n"
        "def names(ns):\n"
        "    for v in map(repo.get_pipeline, ns):\n"
        "        v.get_run_names()\n"
        "    for n, v in zip(ns, map(repo.get_pipeline, ns)):\n"
        "        v.get_run_names()\n"
        "    list(map(view_of, ns))[0].get_run_names()\n"
        "    for w in map(len, ns):\n"
        "        w.get_run_names()\n"
        "def shadowed(ns, map):\n"
        "    for v in map(repo.get_pipeline, ns):\n"
        "        v.get_run_names()\n"
    )
    got = [f.span.line for f in scan_source(code) if f.code == "ZM304"]
    assert got == [7, 9, 10], got


def test_an_item_of_a_display_picked_by_a_key_that_is_no_constant_is_typed_when_all_agree():
    """``PIPELINES[kind](...)`` where every value of ``PIPELINES = {...}`` is a ``@pipeline`` class
    (heldout120 pipeline_registry): the instance's ``steps`` items read ``PARAM_SPEC`` (ZM214); values
    that differ, or a display with an unknown item, type nothing."""
    code = (
        "from zenml.pipelines import pipeline\n"
        "from zenml.repository import Repository\n"
        "from zenml.steps import step\n"
        "@step\n"
        "def s() -> int:\n"
        "    return 1\n"
        "@pipeline\n"
        "def a(s):\n"
        "    s()\n"
        "@pipeline\n"
        "def b(s):\n"
        "    s()\n"
        "PIPELINES = {'a': a, 'b': b}\n"
        "REPOS = [Repository(), Repository()]\n"
        "MIXED = {'a': a, 'r': Repository()}\n"
        "UNKNOWN = [Repository(), object()]\n"
        "def go(kind, i):\n"
        "    p = PIPELINES[kind](s=s())\n"
        "    for name, st in p.steps.items():\n"
        "        print(st.PARAM_SPEC)\n"
        "    REPOS[i].get_pipelines()\n"
        "    MIXED[kind].get_pipelines()\n"
        "    UNKNOWN[i].get_pipelines()\n"
    )
    got = sorted((f.span.line, f.code) for f in scan_source(code) if f.code in ("ZM214", "ZM302"))
    assert (20, "ZM214") in got, got
    assert not [g for g in got if g[0] in (22, 23)], got


def test_a_method_called_through_operator_methodcaller_is_read_on_its_argument():
    """``get_rolling = operator.methodcaller("get_pipeline", ...)`` then ``get_rolling(Repository())``
    (heldout120 functional_calls/history.py:27): the call reads ``Repository().get_pipeline`` (ZM301,
    no automatic fix: the name is a string) and gives a pipeline view (ZM304 on ``.get_run_names()``);
    ``from operator import methodcaller`` too; a caller on a value of unknown type, or a
    ``methodcaller`` the file defines itself, gives nothing."""
    code = (
        "import operator\n"
        "from zenml.repository import Repository\n"
        "get_rolling = operator.methodcaller('get_pipeline', pipeline_name='p')\n"
        "def views(other):\n"
        "    get_rolling(Repository()).get_run_names()\n"
        "    operator.methodcaller('get_pipelines')(Repository())\n"
        "    get_rolling(other).get_run_names()\n"
    )
    got = sorted((f.span.line, f.code, f.fix is None) for f in scan_source(code) if f.code in ("ZM301", "ZM302", "ZM304"))
    assert got == [(5, "ZM301", True), (5, "ZM304", False), (6, "ZM302", True)], got
    imported = (
        "from operator import methodcaller\n"
        "from zenml.repository import Repository\n"
        "print(methodcaller('get_pipeline', 'p')(Repository()).get_run_names())\n"
    )
    assert [f.code for f in scan_source(imported) if f.code in ("ZM301", "ZM304")] == ["ZM301", "ZM304"]
    own = (
        "from zenml.repository import Repository\n"
        "def methodcaller(name):\n"
        "    return lambda obj: name\n"
        "print(methodcaller('get_pipeline')(Repository()).get_run_names())\n"
    )
    assert not [f for f in scan_source(own) if f.code in ("ZM301", "ZM304")]


def test_the_items_of_itertools_chain_and_chain_from_iterable_are_typed():
    """``itertools.chain.from_iterable(r.steps for r in runs)`` holds step views, ``chain(a.runs,
    b.runs)`` runs (heldout120 pipeline_registry/audit.py:19: ZM306 on ``parent_steps``, ZM305 on
    ``runtime_configuration``); ``from itertools import chain`` too; iterables of different items,
    or a ``chain`` of the file's own, give nothing."""
    code = (
        "import itertools\n"
        "from itertools import chain\n"
        "from zenml.post_execution import PipelineView\n"
        "def audit(a: PipelineView, b: PipelineView, names):\n"
        "    for s in itertools.chain.from_iterable(r.steps for r in a.runs):\n"
        "        s.parent_steps\n"
        "    for r in chain(a.runs, b.runs):\n"
        "        r.runtime_configuration\n"
        "    for x in chain(a.runs, names):\n"
        "        x.runtime_configuration\n"
    )
    got = sorted((f.span.line, f.code) for f in scan_source(code) if f.code in ("ZM305", "ZM306"))
    assert got == [(6, "ZM306"), (8, "ZM305")], got
    own = (
        "from zenml.post_execution import PipelineView\n"
        "def chain(*its):\n"
        "    return []\n"
        "def audit(a: PipelineView):\n"
        "    for r in chain(a.runs):\n"
        "        r.runtime_configuration\n"
    )
    assert not [f for f in scan_source(own) if f.code == "ZM305"]
