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
