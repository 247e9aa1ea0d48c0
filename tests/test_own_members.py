"""Members of a user's own subclass of a zenml class: what the subclass declares itself is
the user's (never a zenml member that 0.20 dropped), and what it does not declare is the
zenml base's, also when a method reads it through ``self``."""

import textwrap
from pathlib import Path

from zenml_migrate.rules import all_rules
from zenml_migrate.scan.engine import ScanSettings, run_scan


def _write(root: Path, files) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"))


def _scan(root: Path, monkeypatch):
    monkeypatch.chdir(root)
    report = run_scan(["."], ScanSettings(rules=all_rules(), workers=1))
    assert not report.diagnostics, report.diagnostics
    return [(f.path, f.span.line, f.span.column, f.code) for f in report.findings]


def test_a_field_the_subclass_declares_is_read_as_its_own(tmp_path, monkeypatch):
    """``class ServeCfg(MLFlowDeployerConfig): model_uri: str``: ``SERVE.model_uri`` reads the
    subclass's own field, which 0.20 keeps (the subclass declares it), here and in the module
    that imports ``SERVE``. A read of the field on the zenml class itself is still ZM904."""
    _write(
        tmp_path,
        {
            "pricing/cfg.py": """
                from zenml.integrations.mlflow.steps import MLFlowDeployerConfig


                class ServeCfg(MLFlowDeployerConfig):
                    model_uri: str = ""
                    canary: bool = False


                class CanaryCfg(ServeCfg):
                    share: float = 0.1


                SERVE = ServeCfg(model_uri="models:/price/1")
                CANARY = CanaryCfg()
                print(SERVE.model_uri, CANARY.model_uri, CANARY.share)
            """,
            "app.py": """
                from zenml.integrations.mlflow.steps import MLFlowDeployerConfig
                from pricing.cfg import CANARY, SERVE, ServeCfg

                print(SERVE.model_uri, CANARY.model_uri)
                fresh = ServeCfg()
                print(fresh.model_uri)
                plain = MLFlowDeployerConfig()
                print(plain.model_uri)
            """,
        },
    )
    found = [f for f in _scan(tmp_path, monkeypatch) if f[3] in ("ZM904", "ZM461")]
    assert found == [("app.py", 8, 1, "ZM461"), ("app.py", 8, 7, "ZM904")]


def test_self_reads_a_zenml_member_the_subclass_does_not_declare(tmp_path, monkeypatch):
    """``class Workspace(Repository)``: in its methods ``self.active_profile_name`` is the
    0.13.2 ``Repository`` member (gone in 0.20) and is reported; the members the class declares,
    assigns on ``self`` or defines are its own. A class with a base the scan cannot see (a mixin
    from another library may define anything) is left alone."""
    _write(
        tmp_path,
        {
            "ws.py": """
                from zenml.repository import Repository
                from vendor.mixins import AuditMixin


                class Workspace(Repository):
                    label = "ws"

                    def describe(self):
                        return self.active_profile_name, self.label, self.helper(), self.cached

                    def helper(self):
                        self.cached = self.active_stack_name
                        return self.cached


                class Audited(AuditMixin, Repository):
                    def describe(self):
                        return self.active_profile_name
            """,
        },
    )
    found = [f for f in _scan(tmp_path, monkeypatch) if f[3] != "ZM108"]
    assert found == [("ws.py", 9, 16, "ZM401"), ("ws.py", 12, 23, "ZM402")]


def test_self_in_a_stack_component_class_is_left_to_the_component_port(tmp_path, monkeypatch):
    """A 0.13.2 custom stack component reads its fields on ``self``; the component port decides
    what they become (a property it moves into the 0.20 config class keeps ``self.uri``, where
    ``self`` is the config), so the member rules do not rewrite them there."""
    _write(
        tmp_path,
        {
            "registry.py": """
                from typing import ClassVar

                from zenml.container_registries import BaseContainerRegistry


                class QuayRegistry(BaseContainerRegistry):
                    org: str

                    FLAVOR: ClassVar[str] = "quay"

                    @property
                    def is_local(self) -> bool:
                        return self.uri.startswith("localhost")
            """,
        },
    )
    found = [f for f in _scan(tmp_path, monkeypatch) if f[1] == 13]
    assert found == []


def test_a_zenml_member_read_on_a_fully_known_subclass_is_judged_as_the_zenml_class(tmp_path, monkeypatch):
    """What ``--fix`` leaves (``class Workspace(Client)``: the base renamed) is judged as the
    original was: ``self.active_profile_name`` and ``ws.active_profile_name`` read a member that no
    0.20 ``Client`` has (ZM401, left for a human), so the re-scan still reports what the summary
    counted; an attribute the program sets on the instance itself is not judged."""
    _write(
        tmp_path,
        {
            "ws.py": """
                from zenml.client import Client


                class Workspace(Client):
                    def describe(self):
                        return self.active_profile_name


                ws = Workspace()
                ws.note = "x"


                def show():
                    return ws.active_profile_name, ws.note, ws.active_stack_model
            """,
        },
    )
    found = _scan(tmp_path, monkeypatch)
    assert found == [("ws.py", 6, 16, "ZM401"), ("ws.py", 14, 12, "ZM401")]


def test_an_override_or_a_self_write_of_a_zenml_member_is_still_that_member(tmp_path, monkeypatch):
    """A method of the user's subclass named like a member the zenml base has overrides it, and a
    write on ``self`` sets the base's member: neither makes the name the user's own, so reads of it
    are judged as the zenml member's (review18 G1/G2). ``Integration.flavors()`` returns stack
    component classes whose ``FLAVOR`` 0.20 dropped; ``self.enable_cache = False`` in a
    ``BasePipeline`` subclass and ``p.enable_cache = False`` on its instance fail on 0.20
    (read-only property); ``get_pipelines`` overridden on a ``Repository`` subclass is still the
    0.13.2 member ZM302 explains. A field the subclass declares stays its own."""
    _write(
        tmp_path,
        {
            "plugins/__init__.py": """
                from zenml.integrations.integration import Integration


                class PluginIntegration(Integration):
                    NAME = "plugins"

                    @classmethod
                    def flavors(cls):
                        from plugins.store import PluginStore

                        return [PluginStore]
            """,
            "plugins/store.py": """
                from zenml.artifact_stores import LocalArtifactStore


                class PluginStore(LocalArtifactStore):
                    FLAVOR = "plugin_local"
            """,
            "docs_flavors.py": """
                from plugins import PluginIntegration

                for flavor in PluginIntegration.flavors():
                    print(flavor.FLAVOR)
            """,
            "audit.py": """
                from zenml.pipelines import BasePipeline
                from zenml.repository import Repository


                class NightlyPipeline(BasePipeline):
                    retries: int = 2

                    def __init__(self, *steps, **kwargs):
                        super().__init__(*steps, **kwargs)
                        self.enable_cache = False

                    def connect(self, loader):
                        loader()


                class TeamRepository(Repository):
                    def get_pipelines(self):
                        return super().get_pipelines()


                def turn_off(p: NightlyPipeline):
                    p.enable_cache = False
                    return p.retries


                def count():
                    return len(TeamRepository().get_pipelines())
            """,
        },
    )
    found = [f for f in _scan(tmp_path, monkeypatch) if f[3] not in ("ZM108", "ZM409")]
    assert ("docs_flavors.py", 4, 11, "ZM004") in found
    assert ("audit.py", 10, 9, "ZM213") in found
    assert ("audit.py", 22, 5, "ZM213") in found
    assert ("audit.py", 27, 16, "ZM302") in found
    assert not [f for f in found if f[0] == "audit.py" and f[1] == 23]  # the subclass's own field


def test_a_subclass_that_makes_members_on_demand_has_no_known_members(tmp_path, monkeypatch):
    """``setattr(self, key, value)`` in a method, or a ``__getattr__``, gives the user's subclass
    members the code never spells: a read of one is not judged as the zenml class's (review18 G4:
    ``REPO.team`` got ZM004 and a stub of working code)."""
    _write(
        tmp_path,
        {
            "opts.py": """
                from zenml.client import Client


                class OptionsClient(Client):
                    def __init__(self, **options):
                        super().__init__()
                        for key, value in options.items():
                            setattr(self, key, value)


                class LookupClient(Client):
                    def __getattr__(self, name):
                        return {"region": "eu"}[name]


                OPTS = OptionsClient(region="eu")
                print(OPTS.region, LookupClient().region)
            """,
        },
    )
    assert _scan(tmp_path, monkeypatch) == []


def test_a_def_in_an_if_block_of_the_class_body_follows_the_rule_of_a_top_level_def(tmp_path, monkeypatch):
    """lead18: a method defined in an ``if``/``try`` block of the class body counted as a name the
    user declares, where the same method at the top of the body is an override of the zenml
    member (a use of it). Both follow one rule now; a plain name in such a block stays the user's."""
    _write(
        tmp_path,
        {
            "ops.py": """
                import os

                from zenml.repository import Repository


                class OpsRepository(Repository):
                    if os.environ.get("OPS_CACHE"):
                        def get_pipelines(self):
                            return super().get_pipelines()
                    else:
                        timeout = 30


                def count():
                    return len(OpsRepository().get_pipelines()), OpsRepository().timeout
            """,
        },
    )
    found = [f for f in _scan(tmp_path, monkeypatch) if f[3] != "ZM108"]
    assert found == [("ops.py", 15, 16, "ZM302")], found
