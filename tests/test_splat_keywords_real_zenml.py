"""Keywords through ``functools.partial`` / a ``**`` dict (scan/splat_keywords.py) on the real
ZenMLs: the rules' Bad examples import on 0.13.2 and fail on 0.20.0 / 0.20.5 (TypeError at the
decorator); rewritten by ``migrate code --fix`` they import there, and the step / pipelines got
what the keywords meant (the output artifact, the docker settings). One interpreter per version."""


import pytest

from tests.realzenml import bad_examples_project

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
    "splat_conditional": ("ZM205", "QUICK_RUN = True"),  # beside **({...} if c else {})
}


def test_bad_examples_fail_on_020_and_import_after_the_fix(tmp_path):
    facts = bad_examples_project(tmp_path, EXAMPLES, PROBE)

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
            "fixed_splat_conditional": {"training": ["requirements"]},
        }, (version, after)
