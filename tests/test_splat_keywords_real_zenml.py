"""Keywords through ``functools.partial`` / a ``**`` dict (scan/splat_keywords.py) on the real
ZenMLs: the rules' Bad examples import on 0.13.2 and fail on 0.20.0 / 0.20.5 (TypeError at the
decorator); rewritten by ``migrate code --fix`` they import there, and the step / pipelines got
what the keywords meant (the output artifact, the docker settings). One interpreter per version."""


import pytest

from tests.realzenml import probe_facts
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.rules import get_rule

pytestmark = pytest.mark.real_zenml

PROBE = '''
import importlib, json, sys

facts = {}
for name in sys.argv[1:]:
    try:
        module = importlib.import_module(name)
    except TypeError as exc:
        facts[name] = "TypeError"
        continue
    got = {}
    if hasattr(module, "trainer"):
        step = module.trainer()
        config = getattr(step, "configuration", None)
        got["outputs"] = sorted(config.outputs) if config is not None and hasattr(config, "outputs") else "0.13.2"
    for name_ in ("training", "nightly"):
        pipe = getattr(module, name_, None)
        if pipe is not None:  # 0.20: the docker settings the decorator was given
            docker = pipe.INSTANCE_CONFIGURATION.get("settings", {}).get("docker")
            got[name_] = sorted(docker.dict(exclude_unset=True)) if docker is not None else None
    facts[name] = got
print("RESULT " + json.dumps(facts, sort_keys=True))
'''

EXAMPLES = [("ZM202", 2), ("ZM205", 5), ("ZM205", 6)]


def test_bad_examples_fail_on_020_and_import_after_the_fix(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    for code, i in EXAMPLES:
        bad = get_rule(code).bad[i]
        assert bad.fixed is not None, (code, i)
        fixed = fix_source(bad.code, f"fixed_{code}_{i}.py")
        assert fixed.error is None and fixed.text == bad.fixed, fixed.error
        (root / f"old_{code}_{i}.py").write_text(bad.code)
        (root / f"fixed_{code}_{i}.py").write_text(fixed.text)
    (root / "probe.py").write_text(PROBE)

    def facts(version, prefix):
        modules = [f"{prefix}_{code}_{i}" for code, i in EXAMPLES]
        return probe_facts(version, root, modules, tmp_path / f"cfg-{version}-{prefix}")

    assert "TypeError" not in facts("0.13.2", "old").values()
    for version in ("0.20.0", "0.20.5"):
        assert set(facts(version, "old").values()) == {"TypeError"}, version
        after = facts(version, "fixed")
        assert after == {
            "fixed_ZM202_2": {"outputs": ["rows"]},
            "fixed_ZM205_5": {"nightly": ["required_integrations", "requirements"], "training": ["required_integrations", "requirements"]},
            "fixed_ZM205_6": {"training": ["requirements"]},
        }, (version, after)
