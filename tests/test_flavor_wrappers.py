"""ZM414: a 0.10-0.13 `Integration.flavors()` of `FlavorWrapper(source=...)` becomes the 0.20
Flavor classes the ZM409 port writes in the same run; ZM112's name, annotation and import go
with it (resolved, no TODO), so `scan` and `code --fix` agree. A source this run cannot map
keeps ZM112's TODO lines."""

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from zenml_migrate.rules.base import snippet as c

INTEGRATION = c(
    """
    \"\"\"The team's ZenML integration (0.12 style).\"\"\"
    from typing import List

    from zenml.enums import StackComponentType
    from zenml.integrations.integration import Integration
    from zenml.zen_stores.models import FlavorWrapper

    TEAM = "teamops"


    class TeamOpsIntegration(Integration):
        NAME = TEAM
        REQUIREMENTS = ["requests>=2"]

        @classmethod
        def flavors(cls) -> List[FlavorWrapper]:
            \"\"\"Flavors of the team's stack components.\"\"\"
            return [
                FlavorWrapper(
                    name="team_bucket",
                    source="teamops.buckets.TeamBucketStore",
                    type=StackComponentType.ARTIFACT_STORE,
                    integration=cls.NAME,
                ),
            ]


    TeamOpsIntegration.check_installation()
    """
)

STORE = c(
    """
    from typing import ClassVar, Set

    from zenml.artifact_stores import LocalArtifactStore


    class TeamBucketStore(LocalArtifactStore):
        FLAVOR: ClassVar[str] = "team_bucket"
        SUPPORTED_SCHEMES: ClassVar[Set[str]] = {"teambucket://"}
        region: str = "eu-west-1"
    """
)


# the same integration with ``FlavorWrapper.from_flavor(Class)`` (0.10-0.13 built the wrapper from
# the class: its FLAVOR, TYPE and module), the class imported relatively
FROM_FLAVOR = c(
    """
    from typing import List

    from zenml.integrations.integration import Integration
    from zenml.zen_stores.models import FlavorWrapper

    from .buckets import TeamBucketStore as Store

    TEAM = "teamops"


    class TeamOpsIntegration(Integration):
        NAME = TEAM

        @classmethod
        def flavors(cls) -> List[FlavorWrapper]:
            return [FlavorWrapper.from_flavor(Store)]
    """
)


def _migrate(args, cwd):
    env = dict(os.environ, NO_COLOR="1", COLUMNS="1000", ZENML_CONFIG_PATH=str(cwd / ".no_zenml_config"))
    return subprocess.run([sys.executable, "-m", "zenml_migrate", *args], cwd=str(cwd), capture_output=True, text=True,
                          env=env, stdin=subprocess.DEVNULL, timeout=300)


def _project(tmp_path, source="teamops.buckets.TeamBucketStore", integration=INTEGRATION):
    package = tmp_path / "teamops"
    package.mkdir()
    (package / "__init__.py").write_text(integration.replace("teamops.buckets.TeamBucketStore", source))
    (package / "buckets.py").write_text(STORE)
    return package


def _scan(tmp_path):
    out = _migrate(["scan", ".", "--format", "json"], tmp_path)
    return json.loads(out.stdout)


def test_flavor_wrappers_become_the_ported_flavor_classes(tmp_path):
    package = _project(tmp_path)
    findings = [f for f in _scan(tmp_path)["findings"] if f["path"].endswith("__init__.py")]
    codes = sorted(f["code"] for f in findings)
    assert codes == ["ZM112", "ZM112", "ZM112", "ZM414"], findings
    assert all(f["fix"] == "safe" for f in findings), findings
    assert all("resolved by the ZM414 fix" in f["message"] for f in findings if f["code"] == "ZM112"), findings

    run = _migrate(["code", "--fix", "."], tmp_path)
    assert "fixed 2 files: ZM112 x3, ZM409 x1, ZM414 x1" in run.stderr, run.stdout + run.stderr
    text = (package / "__init__.py").read_text()
    assert "FlavorWrapper" not in text and "TODO" not in text, text
    assert "from typing import List, Type\n" in text and "from zenml.stack import Flavor\n" in text, text
    assert (
        "    def flavors(cls) -> List[Type[Flavor]]:\n"
        '        """Flavors of the team\'s stack components."""\n'
        "        from teamops.buckets import TeamBucketStoreFlavor\n\n"
        "        return [\n"
        "            TeamBucketStoreFlavor,\n"
        "        ]\n"
    ) in text, text
    assert "class TeamBucketStoreFlavor(" in (package / "buckets.py").read_text()
    ast.parse(text)
    assert _scan(tmp_path)["findings"] == []


def test_a_source_this_run_does_not_port_keeps_the_todo(tmp_path):
    package = _project(tmp_path, source="teamops.elsewhere.RemoteStore")
    findings = [f for f in _scan(tmp_path)["findings"] if f["path"].endswith("__init__.py")]
    # ZM414 declines; ZM460 (no 0.20 successor, used only after import) removes the FlavorWrapper
    # import: ZM112's findings are resolved by it, flavors() raises under a TODO (names, 23:37 NOTES)
    assert sorted(f["code"] for f in findings) == ["ZM112", "ZM112", "ZM112", "ZM414", "ZM460"], findings
    assert all(f.get("resolved_by") == "ZM460" for f in findings if f["code"] in ("ZM112", "ZM414")), findings
    (own,) = [f for f in findings if f["code"] == "ZM414"]
    assert "this project has no module `teamops.elsewhere`" not in own["message"], own  # resolved: no reason shown

    run = _migrate(["code", "--fix", "."], tmp_path)
    assert "Traceback" not in run.stderr, run.stderr
    text = (package / "__init__.py").read_text()
    assert "import FlavorWrapper" not in text, text
    # the raise's TODO carries ZM414's advice
    assert "# TODO(zenml-migrate): ZM460 `FlavorWrapper`" in text and "ZM414: return the 0.20 Flavor classes" in text, text
    assert "raise NotImplementedError(" in text, text
    ast.parse(text)


def test_from_flavor_becomes_the_ported_flavor_class(tmp_path):
    package = _project(tmp_path, integration=FROM_FLAVOR)
    findings = [f for f in _scan(tmp_path)["findings"] if f["path"].endswith("__init__.py")]
    assert sorted(f["code"] for f in findings) == ["ZM112", "ZM112", "ZM112", "ZM414"], findings
    assert all(f["fix"] == "safe" for f in findings), findings

    run = _migrate(["code", "--fix", "."], tmp_path)
    assert "fixed 2 files: ZM112 x3, ZM409 x1, ZM414 x1" in run.stderr, run.stdout + run.stderr
    text = (package / "__init__.py").read_text()
    assert "FlavorWrapper" not in text and "TODO" not in text, text
    assert "        from teamops.buckets import TeamBucketStoreFlavor\n\n        return [TeamBucketStoreFlavor]\n" in text, text
    assert _scan(tmp_path)["findings"] == []


def test_from_flavor_of_a_computed_class_keeps_the_todo(tmp_path):
    package = _project(tmp_path, integration=FROM_FLAVOR.replace("from_flavor(Store)", "from_flavor(cls.store())"))
    findings = [f for f in _scan(tmp_path)["findings"] if f["path"].endswith("__init__.py")]
    (own,) = [f for f in findings if f["code"] == "ZM414"]
    assert own.get("resolved_by") == "ZM460" or own["fix"] is None, own  # not rewritten by ZM414
    _migrate(["code", "--fix", "."], tmp_path)
    text = (package / "__init__.py").read_text()
    assert "TeamBucketStoreFlavor" not in text and "TODO(zenml-migrate)" in text, text
    ast.parse(text)


@pytest.mark.real_zenml
@pytest.mark.parametrize("version", ["0.20.0", "0.20.5"])
@pytest.mark.parametrize("integration", [INTEGRATION, FROM_FLAVOR], ids=["source", "from_flavor"])
def test_the_rewritten_integration_imports_and_lists_its_flavors_on_real_zenml(tmp_path, version, integration):
    from tests import realzenml

    project = tmp_path / "project"
    project.mkdir()
    _project(project, integration=integration)
    _migrate(["code", "--fix", "."], project)
    probe = ("import teamops, teamops.buckets; "
             "print([(f().name, f().type.value) for f in teamops.TeamOpsIntegration.flavors()])")
    run = realzenml.python(version, ["-c", probe], tmp_path / "config", cwd=project, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "[('team_bucket', 'artifact_store')]" in run.stdout, run.stdout + run.stderr


def test_positional_and_concatenated_sources_are_rewritten_too(tmp_path):
    # FlavorWrapper is a pydantic model (keywords only: positional arguments raise TypeError on
    # 0.10-0.13 too), but a positional call names its class in field order name, type, source,
    # integration; 0.10's own integrations split long sources over two literals
    package = _project(tmp_path)
    init = package / "__init__.py"
    text = init.read_text()
    call = text[text.index("FlavorWrapper(\n"):text.index("),\n        ]") + 2]
    positional = 'FlavorWrapper("team_bucket", StackComponentType.ARTIFACT_STORE, "teamops.buckets" ".TeamBucketStore", cls.NAME),'
    init.write_text(text.replace(call, positional))
    findings = [f for f in _scan(tmp_path)["findings"] if f["path"].endswith("__init__.py")]
    assert sorted(f["code"] for f in findings) == ["ZM112", "ZM112", "ZM112", "ZM414"], findings
    assert all(f["fix"] == "safe" for f in findings), findings
    run = _migrate(["code", "--fix", "."], tmp_path)
    assert "fixed 2 files: ZM112 x3, ZM409 x1, ZM414 x1" in run.stderr, run.stdout + run.stderr
    fixed = init.read_text()
    assert "FlavorWrapper" not in fixed and "TODO" not in fixed, fixed
    assert "        from teamops.buckets import TeamBucketStoreFlavor\n" in fixed and "TeamBucketStoreFlavor," in fixed, fixed
    assert _scan(tmp_path)["findings"] == []
