"""Keys a wrapper adds to the ``**`` dict it gives to ``@pipeline`` / ``@step``
(scan/splat_keywords.py ``added_keys``), and keywords given to such a wrapper
(``forwarding_value``), on the real ZenMLs: the modules import on 0.13.2 and
fail on 0.20.0 / 0.20.5 (TypeError at the decorator); after ``migrate code --fix`` (the
``setdefault`` / item assignment moved into ``settings``, a renamed key renamed) they import
there, and the pipelines and steps got what the keys meant. With only the class renames fixed
(``renamed_*``) the key alone still fails there. One interpreter per version."""

import textwrap

import pytest

from tests.realzenml import PROBE_EACH_MODULE, old_and_fixed_project, probe_facts
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.rules import get_rule

pytestmark = pytest.mark.real_zenml

MODULES = {
    "docker": """
        from zenml.config import DockerConfiguration
        from zenml.pipelines import pipeline

        BASE = DockerConfiguration(parent_image="python:3.9-slim", environment={"STAGE": "ci"})


        def ci_pipeline(func=None, **opts):
            opts.setdefault("docker_configuration", BASE)
            if func is None:
                return lambda f: ci_pipeline(f, **opts)
            return pipeline(**opts)(func)


        @ci_pipeline
        def nightly(loader):
            loader()


        @ci_pipeline(enable_cache=False)
        def weekly(loader):
            loader()
    """,
    "wrapper": """
        from zenml.config import DockerConfiguration
        from zenml.pipelines import pipeline


        def team_pipeline(func=None, **opts):
            if func is None:
                return lambda f: team_pipeline(f, **opts)
            return pipeline(**opts)(func)


        @team_pipeline(docker_configuration=DockerConfiguration(parent_image="team/gpu"), enable_cache=False)
        def weekly(loader):
            loader()
    """,
    "resources": """
        from zenml.config import ResourceConfiguration
        from zenml.steps import step


        def gpu_step(func):
            extra = {"enable_cache": False}
            extra["resource_configuration"] = ResourceConfiguration(gpu_count=1)
            return step(**extra)(func)


        @gpu_step
        def trainer() -> int:
            return 1
    """,
    "outputs": """
        from zenml.artifacts import DataArtifact
        from zenml.steps import Output, step


        def data_step(**kw):
            kw.setdefault("output_types", {"rows": DataArtifact})
            return step(**kw)


        @data_step(enable_cache=False)
        def loader() -> Output(rows=int):
            return 1
    """,
}

PROBE = '''
import importlib, json, sys

''' + PROBE_EACH_MODULE + '''
    for attr in ("nightly", "weekly"):
        pipe = getattr(module, attr, None)
        if pipe is not None and hasattr(pipe, "INSTANCE_CONFIGURATION"):  # 0.20
            config = pipe.INSTANCE_CONFIGURATION
            docker = config.get("settings", {}).get("docker")
            got[attr] = [docker.parent_image if docker is not None else None, config.get("enable_cache")]
    for attr in ("trainer", "loader"):
        made = getattr(module, attr, None)
        config = getattr(made(), "configuration", None) if made is not None else None
        if config is not None and hasattr(config, "settings"):  # 0.20
            resources = config.settings.get("resources")
            got[attr] = {"gpu": resources.gpu_count if resources is not None else None,
                         "outputs": {k: v.artifact_source for k, v in config.outputs.items() if v.artifact_source}}
    facts[name] = got
print("RESULT " + json.dumps(facts, sort_keys=True))
'''


def test_added_keys_fail_on_020_and_the_fixed_modules_import_with_their_settings(tmp_path):
    modules = {name: textwrap.dedent(code).lstrip("\n") for name, code in MODULES.items()}
    root = old_and_fixed_project(tmp_path / "project", modules, PROBE)
    assert 'opts["settings"] = {"docker": BASE, **opts.get("settings", {})}' in (root / "fixed_docker.py").read_text()

    renames = [get_rule("ZM105"), get_rule("ZM106")]  # DockerConfiguration / ResourceConfiguration only
    for name, code in modules.items():
        (root / f"renamed_{name}.py").write_text(fix_source(code, f"renamed_{name}.py", rules=renames).text)

    def facts(version, prefix):
        return probe_facts(version, root, [f"{prefix}_{name}" for name in modules], tmp_path / f"cfg-{version}-{prefix}")

    assert all(isinstance(v, dict) for v in facts("0.13.2", "old").values())
    for version in ("0.20.0", "0.20.5"):
        assert set(facts(version, "renamed").values()) == {"TypeError"}, version
        after = facts(version, "fixed")
        assert after == {
            "fixed_docker": {"nightly": ["python:3.9-slim", True], "weekly": ["python:3.9-slim", False]},
            "fixed_wrapper": {"weekly": ["team/gpu", False]},
            "fixed_resources": {"trainer": {"gpu": 1, "outputs": {}}},
            "fixed_outputs": {"loader": {"gpu": None, "outputs": {"rows": after["fixed_outputs"]["loader"]["outputs"]["rows"]}}},
        }, (version, after)
        assert after["fixed_outputs"]["loader"]["outputs"]["rows"].startswith("zenml.artifacts.data_artifact.DataArtifact")
