"""Keys written into a pipeline class's ``INSTANCE_CONFIGURATION`` (migrate/scan/instance_configuration.py):
0.20's ``BasePipeline.__init__`` merges the dict into its keywords and takes every key but
``enable_cache``/``settings``/``extra`` for a step (PipelineInterfaceError when the pipeline is created).
Each key is judged like that keyword of ``@pipeline`` where it is written, with no fix there (a TODO).
The real tier creates a pipeline with each key on 0.13.2 / 0.20.0 / 0.20.5: a key is flagged exactly
when 0.20 raises, and works on 0.13.2."""

import json

import pytest

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.rules.base import snippet as c

SOURCE = c(
    """
    from zenml.pipelines import BasePipeline


    class Scoring(BasePipeline):
        INSTANCE_CONFIGURATION = {"dockerignore_file": ".dockerignore", "enable_cache": False}

        def connect(self, read, score):
            score(read())


    class ShadowScoring(Scoring):
        pass


    ShadowScoring.INSTANCE_CONFIGURATION = dict(docker_configuration=None, secrets=["gcp"])


    class Plain:
        INSTANCE_CONFIGURATION = {"requirements": ["x"]}


    Plain.INSTANCE_CONFIGURATION = {"requirements": ["y"]}
    """
)


def _found(text):
    return sorted((f.span.line, f.code) for f in scan_source(text, "scoring.py"))


def test_legacy_keys_are_reported_where_written():
    assert _found(SOURCE) == [(5, "ZM205"), (15, "ZM204"), (15, "ZM206")]
    assert all(f.fix is None for f in scan_source(SOURCE, "scoring.py"))


def test_fix_writes_todos_the_rescan_agrees_with():
    for unsafe in (False, True):
        fixed = fix_source(SOURCE, unsafe=unsafe)
        assert sum("TODO(zenml-migrate)" in line for line in fixed.text.splitlines()) == 3
        assert "INSTANCE_CONFIGURATION = {\"dockerignore_file\"" in fixed.text  # the dict itself is left as written
        assert sorted(code for _, code in _found(fixed.text)) == ["ZM204", "ZM205", "ZM206"]


KEYS = {
    "required_integrations": ["sklearn"],
    "requirements": ["torch"],
    "dockerignore_file": ".dockerignore",
    "secrets": [],
    "docker_configuration": None,
    "enable_cache": False,
}
PROBE = """
import json, sys
from zenml.pipelines import BasePipeline
from zenml.steps import step


@step
def one() -> int:
    return 1


failed = []
for key, value in json.loads(sys.argv[1]).items():
    cls = type("P_" + key, (BasePipeline,), {"connect": lambda self, s: s(), "INSTANCE_CONFIGURATION": {key: value}})
    try:
        cls(one())
    except Exception as e:
        failed.append(key)
print("RESULT " + json.dumps(failed))
"""


@pytest.mark.real_zenml
@pytest.mark.parametrize("version", ["0.13.2", "0.20.0", "0.20.5"])
def test_a_key_is_flagged_exactly_when_0_20_raises(version, tmp_path):
    from tests.realzenml import python

    text = "from zenml.pipelines import BasePipeline\n\n\nclass P(BasePipeline):\n    INSTANCE_CONFIGURATION = {\n"
    text += "".join(f"        {json.dumps(k)}: {v!r},\n" for k, v in KEYS.items()) + "    }\n"
    flagged = [list(KEYS)[f.span.line - 6] for f in scan_source(text, "p.py")]
    (tmp_path / "probe.py").write_text(PROBE)
    proc = python(version, ["probe.py", json.dumps(KEYS)], tmp_path / "config", cwd=tmp_path)
    line = next(ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT "))
    failed = json.loads(line[len("RESULT "):])
    if version == "0.13.2":
        assert failed == []
    else:
        assert sorted(failed) == sorted(flagged)
    assert len(flagged) == 5  # not a vacuous comparison


STEP_CLASSES = c(
    """
    from zenml.config.resource_configuration import ResourceConfiguration
    from zenml.steps import BaseStep


    class GpuTrainer(BaseStep):
        INSTANCE_CONFIGURATION = {
            "enable_cache": False,
            "resource_configuration": ResourceConfiguration(cpu_count=2),
        }

        def entrypoint(self) -> int:
            return 10


    class Evaluator(BaseStep):
        INSTANCE_CONFIGURATION = {"custom_step_operator": None, "enable_cache": False}

        def entrypoint(self, score: int) -> float:
            return score / 100


    class SlowEvaluator(Evaluator):
        INSTANCE_CONFIGURATION = {"custom_step_operator": "k8s"}
    """
)

STEP_PROBE = """
import importlib, json, sys

got = {}
try:
    module = importlib.import_module(sys.argv[1])
except ImportError as e:
    print("RESULT " + json.dumps({"import": type(e).__name__}))
    sys.exit(0)
for name in ("GpuTrainer", "Evaluator", "SlowEvaluator"):
    try:
        made = getattr(module, name)()
    except Exception as e:
        got[name] = type(e).__name__
        continue
    config = getattr(made, "configuration", None)
    if config is None:  # 0.13.2
        got[name] = "built"
    else:
        resources = config.settings.get("resources")
        got[name] = [config.step_operator, config.enable_cache, resources.cpu_count if resources is not None else None]
print("RESULT " + json.dumps(got, sort_keys=True))
"""


def test_a_step_class_instance_configuration_is_judged_and_fixed_where_written():
    """review25 R6: 0.20's ``BaseStep.__init__`` merges a step class's ``INSTANCE_CONFIGURATION`` into
    its keywords and counts an unknown key as a parameter (StepInterfaceError when the step is
    created): its 0.13.2 keys are reported where written and fixed there, as the keywords of the step
    class's constructor are (``custom_step_operator`` -> ``step_operator``, ``resource_configuration``
    folded into ``settings``), in a subclass of the user's step class too."""
    found = sorted((f.span.line, f.code, f.fix) for f in scan_source(STEP_CLASSES, "s.py") if f.code in ("ZM201", "ZM203"))
    assert found == [(8, "ZM203", "safe"), (16, "ZM201", "safe"), (23, "ZM201", "safe")], found
    fixed = fix_source(STEP_CLASSES, "s.py").text
    assert '        "settings": {"resources": ResourceSettings(cpu_count=2)},\n' in fixed, fixed
    assert 'INSTANCE_CONFIGURATION = {"step_operator": None, "enable_cache": False}' in fixed
    assert 'INSTANCE_CONFIGURATION = {"step_operator": "k8s"}' in fixed
    assert scan_source(fixed, "s.py") == []


@pytest.mark.real_zenml
def test_the_fixed_step_classes_are_created_on_020_with_their_configuration(tmp_path):
    from tests.realzenml import probe_facts

    (tmp_path / "old_steps.py").write_text(STEP_CLASSES)
    (tmp_path / "fixed_steps.py").write_text(fix_source(STEP_CLASSES, "s.py").text)
    (tmp_path / "probe.py").write_text(STEP_PROBE)
    from zenml_migrate.rules import get_rule  # only the class rename: the keys alone fail on 0.20

    (tmp_path / "renamed_steps.py").write_text(fix_source(STEP_CLASSES, "s.py", rules=[get_rule("ZM106")]).text)

    def facts(version, prefix):
        return probe_facts(version, tmp_path, [f"{prefix}_steps"], tmp_path / f"cfg-{version}-{prefix}")

    assert facts("0.13.2", "old") == {"GpuTrainer": "built", "Evaluator": "built", "SlowEvaluator": "built"}
    for version in ("0.20.0", "0.20.5"):
        assert facts(version, "old") == {"import": "ModuleNotFoundError"}, version  # zenml.config.resource_configuration
        assert set(facts(version, "renamed").values()) == {"StepInterfaceError"}, version
        assert facts(version, "fixed") == {
            "GpuTrainer": [None, False, 2], "Evaluator": [None, False, None], "SlowEvaluator": ["k8s", True, None],
        }, version
