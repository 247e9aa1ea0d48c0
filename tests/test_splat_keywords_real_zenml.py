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

# module name -> (rule, text only that rule's Bad example has): examples are found by text, so adding
# an example to a rule shifts nothing here
EXAMPLES = {
    "partial_output": ("ZM202", "functools"),
    "splat_merged": ("ZM205", "NIGHTLY_OPTIONS"),
    "splat_literal": ("ZM205", 'OPTIONS = {"enable_cache"'),
    "splat_beside": ("ZM205", "QUICK = dict("),
    "splat_into": ("ZM205", "TRAINING_IMAGE = {"),
}


def _bad_example(code, marker):
    matches = [bad for bad in get_rule(code).bad if marker in bad.code]
    assert len(matches) == 1, (code, marker, len(matches))
    return matches[0]


def test_bad_examples_fail_on_020_and_import_after_the_fix(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    for name, (code, marker) in EXAMPLES.items():
        bad = _bad_example(code, marker)
        assert bad.fixed is not None, (code, marker)
        fixed = fix_source(bad.code, f"fixed_{name}.py")
        assert fixed.error is None and fixed.text == bad.fixed, fixed.error
        (root / f"old_{name}.py").write_text(bad.code)
        (root / f"fixed_{name}.py").write_text(fixed.text)
    (root / "probe.py").write_text(PROBE)

    def facts(version, prefix):
        modules = [f"{prefix}_{name}" for name in EXAMPLES]
        return probe_facts(version, root, modules, tmp_path / f"cfg-{version}-{prefix}")

    assert "TypeError" not in facts("0.13.2", "old").values()
    for version in ("0.20.0", "0.20.5"):
        assert set(facts(version, "old").values()) == {"TypeError"}, version
        after = facts(version, "fixed")
        assert after == {
            "fixed_partial_output": {"outputs": ["rows"]},
            "fixed_splat_merged": {"nightly": ["required_integrations", "requirements"], "training": ["required_integrations", "requirements"]},
            "fixed_splat_literal": {"training": ["requirements"]},
            "fixed_splat_beside": {"training": ["dockerignore", "requirements"]},
            "fixed_splat_into": {"training": ["required_integrations", "requirements"]},
        }, (version, after)
