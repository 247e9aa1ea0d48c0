"""``hasattr(<zenml module>, "name")`` is a version gate worked out from the name indexes of the
real releases: the branch that runs on neither 0.20 release is the user's legacy code (not
reported, not rewritten), and a member read only behind a probe that 0.20 answers False is no
failure there (no ZM000, no ZM461 claim that the statement fails at import)."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

SOURCE = '''from zenml import steps
from zenml.utils import yaml_utils

# a probe of a name no ZenML 0.20 has: the call after it never runs there
DUMP = yaml_utils.write_yaml_atomically if hasattr(yaml_utils, "write_yaml_atomically") else yaml_utils.write_yaml

if hasattr(steps, "BaseParameters"):  # 0.20 and later
    ParamsBase = steps.BaseParameters
else:  # the 0.13 side, kept for the old runners
    ParamsBase = steps.BaseStepConfig


def reader():
    if not hasattr(yaml_utils, "read_yaml_safely"):
        return yaml_utils.read_yaml
    return yaml_utils.read_yaml_safely
'''

LIVE = '''from zenml.utils import yaml_utils

if hasattr(yaml_utils, "read_yaml"):  # True on 0.20: the body runs there
    READ = yaml_utils.read_json_lines
'''


def _found(source):
    return sorted((f.code, f.span.line) for f in scan_source(source, "compat/probes.py"))


def test_branches_a_probe_rules_out_on_020_are_not_reported():
    assert _found(SOURCE) == []


def test_they_are_not_rewritten():
    assert fix_source(SOURCE, "compat/probes.py").text == SOURCE


def test_the_branch_a_probe_runs_on_020_is_reported():
    assert ("ZM000", 4) in _found(LIVE)


# ``hasattr(<zenml instance or class>, "member")``: the member data of the real 0.20.0 / 0.20.5
# wheels answers it (review24 G8: feature-detection compat code was flagged, its 0.13 arm rewritten)
INSTANCE_PROBES = '''try:
    from zenml.client import Client
except ImportError:  # ZenML < 0.20
    from zenml.repository import Repository as Client
from zenml.repository import Repository


def stack_name():
    c = Client()
    return c.active_stack_model.name if hasattr(c, "active_stack_model") else c.active_stack_name


def stack_name_old():
    repo = Repository()
    if not hasattr(repo, "active_stack_model"):  # 0.13: the arm 0.20 never runs
        return repo.active_stack_name
    return repo.active_stack_model.name


def by_class():
    return Client().active_stack_model if hasattr(Client, "active_stack_model") else Client().active_stack_name
'''

# an instance LACKING the member on 0.20 may be of a subclass (zenml's or the user's) that has it:
# no gate, the arm is judged as usual
NO_GATE = '''from zenml.client import Client


def name(c: Client):
    return c.active_stack_name if hasattr(c, "team_stack_name") else c.active_stack_model.name
'''


def test_probes_of_zenml_instances_and_classes_rule_out_the_0132_arm():
    assert _found(INSTANCE_PROBES) == [("ZM108", 5), ("ZM108", 14)]


def test_the_0132_arms_are_not_rewritten():
    fixed = fix_source(INSTANCE_PROBES, "compat/probes.py").text
    assert "else c.active_stack_name" in fixed and "return repo.active_stack_name" in fixed


def test_a_member_0_20_lacks_on_an_instance_is_no_gate():
    assert _found(NO_GATE) == [("ZM402", 5)]


def test_a_probe_of_a_pydantic_model_class_is_no_gate():
    # ``hasattr(DockerSettings, "requirements")`` is False on the class (pydantic keeps fields off it): no answer from the index
    source = (
        "from zenml.config import DockerSettings\nfrom zenml.repository import Repository\n\n"
        "NAME = None if hasattr(DockerSettings, 'requirements') else Repository().active_stack_name\n"
    )
    assert ("ZM402", 4) in _found(source)
