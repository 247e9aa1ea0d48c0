"""The fixture generator still drives the real ZenML 0.13.2 (so fixtures/configs can be rebuilt):
rebuild the small ``one_stack`` fixture (default profile + one stack) into a temp dir and
read it back. The other fixtures take long to build and are committed."""

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT / "fixtures"))

import make_config_dirs  # noqa: E402

from zenml_migrate.profiles.model import Action  # noqa: E402
from zenml_migrate.profiles.plan import build_plan  # noqa: E402
from zenml_migrate.profiles.readers import read_legacy  # noqa: E402


@pytest.mark.real_zenml
def test_generator_rebuilds_one_stack_and_the_readers_read_it(tmp_path):
    manifest = make_config_dirs.build(["one_stack"], tmp_path)
    entry = manifest["fixtures"]["one_stack"]
    assert entry["zenml_version"] == "0.13.2" and entry["commands"][0] == "zenml stack list"
    assert json.loads((tmp_path / "MANIFEST.json").read_text())["fixtures"]["one_stack"]["files"] == entry["files"]
    config = read_legacy(str(tmp_path / "one_stack" / "zenml_config"))
    [profile] = config.profiles
    assert config.version == "0.13.2" and profile.active_stack == "docker_stack" and not profile.problems
    assert {s.name for s in profile.stacks} == {"default", "docker_stack"}
    plan = build_plan(config)
    docker = [c for c in plan.components if c.legacy.name == "docker_orch"][0]
    assert docker.action == Action.CHANGE and docker.removed == {"docker_parent_image": "python:3.9-slim"}
    assert plan.active_stack == "docker_stack"
