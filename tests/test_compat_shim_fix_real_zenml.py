"""Modules written for 0.13.2 and 0.20 alike (tests/test_compat_shim_fix.py), before and after
``--fix``, on the real 0.13.2, 0.20.0 and 0.20.5: the fixed ones import on all three (the shim's
0.13.2 side still binds the old class there) and bind the 0.20 API on 0.20. One interpreter per
version."""

import textwrap

import pytest

from tests.realzenml import old_and_fixed_project, probe_facts
from tests.test_compat_shim_fix import HANDLER_BUILDS_OLD, NEW_FIRST, OLD_FIRST

pytestmark = pytest.mark.real_zenml

PROBE = '''
import importlib, json, sys, warnings

warnings.simplefilter("ignore")
post_execution = importlib.import_module("zenml.post_execution")
facts = {}
for name in sys.argv[1:]:
    try:
        module = importlib.import_module(name)
    except Exception as exc:  # noqa: BLE001
        facts[name] = "import fails: %s" % type(exc).__name__
        continue
    client = getattr(module, "Repository", getattr(module, "Client", None))
    facts[name] = [
        client and "%s.%s" % (client.__module__, client.__name__),
        "get_pipeline" in vars(module) and module.get_pipeline is getattr(post_execution, "get_pipeline", None),
        callable(getattr(module, "pipeline_runs", getattr(module, "pipeline_names", None))),
    ]
print("RESULT " + json.dumps(facts, sort_keys=True))
'''


def test_dual_support_modules_import_on_all_three_releases_after_the_fix(tmp_path):
    modules = {n: textwrap.dedent(c) for n, c in (("old_first", OLD_FIRST), ("new_first", NEW_FIRST), ("handler", HANDLER_BUILDS_OLD))}
    root = old_and_fixed_project(tmp_path / "project", modules, PROBE)
    assert (root / "fixed_handler.py").read_text() == (root / "old_handler.py").read_text()
    names = [f"{kind}_{m}" for m in modules for kind in ("old", "fixed")]
    for version in ("0.13.2", "0.20.0", "0.20.5"):
        facts = probe_facts(version, root, names, tmp_path / f"cfg-{version}")
        new = version != "0.13.2"
        for name in ("old_first", "new_first"):
            client, get_pipeline, callable_ = facts[f"fixed_{name}"]
            assert client == ("zenml.client.Client" if new else "zenml.repository.Repository"), (version, facts)
            assert get_pipeline is new, (version, facts)  # 0.20's own function; unbound on 0.13.2
            assert callable_, (version, facts)
            assert facts[f"old_{name}"][0] == client or name == "old_first", (version, facts)
        assert facts["fixed_handler"] == facts["old_handler"] == [None, False, True], (version, facts)
