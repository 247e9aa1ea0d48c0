"""A facade that star-imports two zenml modules binding the same 0.13.2 name (``zenml.steps`` and a
``step_interfaces`` module without ``__all__``) and lists it in ``__all__`` (held-out 70's style), on
the real ZenMLs: ``from kit.api import *`` fails on 0.20.0 / 0.20.5 as written (AttributeError) and
imports after ``--fix``, the listed name being the 0.20 class (``tests/test_star_reexports.py``)."""

import pytest

from tests.realzenml import PROBE_EACH_MODULE, probe_facts
from tests.scan_helpers import migrate, write_tree
from tests.test_star_reexports import TWO_STARS

pytestmark = pytest.mark.real_zenml

PROBE = "import importlib, json, sys\n" + PROBE_EACH_MODULE + """
    facts[name] = [base.__name__ for base in module.RunConfig.__bases__]
print("RESULT " + json.dumps(facts, sort_keys=True))
"""


def test_a_facade_of_two_zenml_star_imports_imports_after_the_fix(tmp_path):
    root = write_tree(tmp_path / "p", {
        "kit/__init__.py": "",
        "kit/api.py": TWO_STARS,
        "jobs/__init__.py": "",
        "jobs/run.py": "from kit.api import *  # noqa: F403\n\n\nclass RunConfig(BaseStepConfig):  # noqa: F405\n    k: int = 2\n",
        "probe.py": PROBE,
    })
    for version in ("0.20.0", "0.20.5"):
        assert probe_facts(version, root, ["jobs.run"], tmp_path / f"before-{version}") == {"jobs.run": "AttributeError"}
    fixed = migrate(["code", "--no-cache", "--fix", "."], root)
    assert fixed.code == 1, fixed.out + fixed.err  # files changed
    for version in ("0.20.0", "0.20.5"):
        assert probe_facts(version, root, ["jobs.run"], tmp_path / f"after-{version}") == {"jobs.run": ["BaseParameters"]}


def test_a_facade_with_a_computed_dunder_all_passes_the_name_on_after_the_fix(tmp_path):
    from tests.test_star_reexports import computed_tree

    root = computed_tree(tmp_path / "p")
    (root / "probe.py").write_text(PROBE.replace("RunConfig", "Params"))
    for version in ("0.20.0", "0.20.5"):
        assert probe_facts(version, root, ["use_star"], tmp_path / f"before-{version}") == {"use_star": "NameError"}
    migrate(["code", "--no-cache", "--fix", "."], root)
    for version in ("0.20.0", "0.20.5"):
        assert probe_facts(version, root, ["use_star"], tmp_path / f"after-{version}") == {"use_star": ["BaseParameters"]}
