"""A function that builds a class-based pipeline and forwards its own ``**kwargs`` next to the
legacy docker keywords (redteam24 drift_classbased): on the real 0.13.2 it builds; on 0.20.0 /
0.20.5 ``docker_configuration=`` fails at the call; after ``migrate code --fix`` (the keywords
folded into ``settings=`` beside ``**kwargs``) the pipeline builds there with those docker
settings, and forwarded keywords (``enable_cache``) still reach it. One interpreter per version."""

import textwrap

import pytest

from tests.realzenml import PROBE_EACH_MODULE, old_and_fixed_project, probe_facts

pytestmark = pytest.mark.real_zenml

MODULE = textwrap.dedent(
    """
    from zenml.config.docker_configuration import DockerConfiguration
    from zenml.integrations.constants import SKLEARN
    from zenml.pipelines import BasePipeline
    from zenml.steps import step


    @step
    def loader() -> int:
        return 1


    class TrainPipeline(BasePipeline):
        def connect(self, loader):
            loader()


    def build(loader_step, **kwargs):
        return TrainPipeline(
            loader=loader_step,
            required_integrations=[SKLEARN],
            docker_configuration=DockerConfiguration(requirements=["scikit-learn"], parent_image="python:3.9-slim"),
            **kwargs,
        )


    P = build(loader(), enable_cache=False)
    """
).lstrip("\n")

PROBE = '''
import importlib, json, sys

''' + PROBE_EACH_MODULE + '''
    p = module.P
    if hasattr(p, "configuration"):  # 0.20
        docker = p.configuration.settings.get("docker")
        got = {"image": docker.parent_image, "integrations": docker.required_integrations,
               "requirements": docker.requirements, "cache": p.enable_cache}
    facts[name] = got
print("RESULT " + json.dumps(facts, sort_keys=True))
'''


def test_the_fold_beside_forwarded_kwargs_builds_the_pipeline_on_020(tmp_path):
    root = old_and_fixed_project(tmp_path / "project", {"build": MODULE}, PROBE)
    fixed = (root / "fixed_build.py").read_text()
    assert "**kwargs," in fixed and 'settings={"docker": DockerSettings(' in fixed, fixed

    def facts(version, prefix):
        return probe_facts(version, root, [f"{prefix}_build"], tmp_path / f"cfg-{version}-{prefix}")

    assert facts("0.13.2", "old") == {"old_build": {}}
    for version in ("0.20.0", "0.20.5"):
        assert isinstance(facts(version, "old")["old_build"], str), version  # the exception's name
        after = facts(version, "fixed")
        assert after["fixed_build"] == {"image": "python:3.9-slim", "integrations": ["sklearn"],
                          "requirements": ["scikit-learn"], "cache": False}, (version, after)
