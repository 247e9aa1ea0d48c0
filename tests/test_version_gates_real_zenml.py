"""Version gates on the real ZenMLs: each test of tests/test_version_gates.py::TESTS has, run
by the real interpreter of 0.20.0, 0.20.5 and 0.13.2 (with their own packaging/distutils), the
truth scan/version_gate.py works out; and modules that support both releases (a gate in the
same module, a gate imported from another one, a shim written the other way round) are left as
written by ``--fix`` and work on all three. One interpreter per version."""

import json
import textwrap

import pytest

from tests.realzenml import old_and_fixed_project, probe_facts
from tests.test_version_gates import DIST_GATE, EARLY_RETURN, FLAG_GATE, HEADER, PROBE_GATE, TESTS

pytestmark = pytest.mark.real_zenml

GATES = HEADER + "import warnings\nwarnings.simplefilter('ignore')\n" + "".join(
    f"GATE_{i} = {test}\n" for i, (test, _) in enumerate(TESTS)
)

SHIM = '''
try:
    from zenml.steps import BaseStepConfig as StepParams
except ImportError:
    from zenml.steps import BaseParameters as StepParams


class TrainerParams(StepParams):
    lr: float = 0.1
'''

PROBE = '''
import importlib, json, sys

facts = {}
for name in sys.argv[1:]:
    module = importlib.import_module(name)
    if hasattr(module, "GATE_0"):
        facts[name] = [getattr(module, f"GATE_{i}") for i in range(%d)]
    elif hasattr(module, "TrainerParams"):
        facts[name] = [module.TrainerParams().lr, module.TrainerParams.__mro__[1].__name__]
    elif hasattr(module, "params_base"):
        facts[name] = [module.params_base().__name__, callable(module.last_run)]
    else:
        facts[name] = [callable(module.stack)]
print("RESULT " + json.dumps(facts, sort_keys=True))
''' % len(TESTS)


def test_gates_and_dual_support_modules_on_the_real_releases(tmp_path):
    modules = {"gates": GATES, "shim": SHIM}
    modules.update((n, textwrap.dedent(c).lstrip("\n")) for n, c in (
        ("dist_gate", DIST_GATE), ("early_return", EARLY_RETURN), ("flag_gate", FLAG_GATE), ("probe_gate", PROBE_GATE)))
    root = old_and_fixed_project(tmp_path / "project", modules, PROBE)
    for name in ("dist_gate", "early_return", "shim", "flag_gate", "probe_gate"):
        assert (root / f"fixed_{name}.py").read_text() == (root / f"old_{name}.py").read_text(), name
    names = [f"{kind}_{m}" for m in modules for kind in ("old", "fixed")]
    for i, version in enumerate(("0.20.0", "0.20.5", "0.13.2")):
        facts = probe_facts(version, root, names, tmp_path / f"cfg-{version}")
        assert facts["old_gates"] == [truth[i] for _, truth in TESTS], (version, json.dumps(facts))
        base = "BaseStepConfig" if version == "0.13.2" else "BaseParameters"
        for kind in ("old", "fixed"):
            for name in ("shim", "flag_gate", "probe_gate"):
                assert facts[f"{kind}_{name}"] == [0.1, base], (version, kind, name, facts)
            assert facts[f"{kind}_dist_gate"] == [True], (version, kind, facts)
            assert facts[f"{kind}_early_return"] == [base, True], (version, kind, facts)
