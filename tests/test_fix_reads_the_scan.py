"""Issue 11 (fix consumes the scan): a codemod reads what the scan decided for each finding
(``Finding.fix_args``), and never decides it again from the tree or from the message text.

Each test hands the fixer the scan's findings for one rewrite round: with the decision the fix
is made; with the decision changed (or taken away) the codemod does what the findings say, not
what a second look at the code would say."""

import ast
import json
import textwrap
from dataclasses import replace
from pathlib import Path

from zenml_migrate.api import scan_source
from zenml_migrate.findings import Finding
from zenml_migrate.fix.fixer import FixOptions, fix_text
from zenml_migrate.rules import select_rules
from zenml_migrate.scan.file_scan import FileJob

CODEMODS = Path(__file__).resolve().parent.parent / "codemods"


def _src(text: str) -> str:
    return textwrap.dedent(text).lstrip()


def _one_round(monkeypatch, code: str, findings, unsafe: bool = False):
    monkeypatch.setattr("zenml_migrate.fix.fixer.MAX_ROUNDS", 1)  # no second detection to learn it from
    return fix_text(code, FileJob("m.py", "py", module_name="m"), select_rules(), FixOptions(unsafe=unsafe), findings=findings)


# ---------------------------------------------------------------- ZM461 (codemods/import_time.py)
AT_IMPORT = _src(
    """
    import os

    from zenml.metadata_stores import SQLiteMetadataStore
    from zenml.repository import Repository

    if os.environ.get("TRACKER") == "mlflow":
        from zenml.integrations.mlflow.mlflow_step_decorator import (enable_mlflow as track,
                                                                     enable_wandb as track2)

    STORE = SQLiteMetadataStore(name="md", uri="/tmp/md.db")
    print("profile:", Repository().active_profile_name)


    def flavor():
        return SQLiteMetadataStore.FLAVOR
    """
)


def test_zm461_fix_takes_the_plan_and_the_reasons_from_the_findings(monkeypatch):
    found = scan_source(AT_IMPORT, "m.py")
    mine = sorted((f for f in found if f.code == "ZM461"), key=lambda f: f.span)
    assert [(f.span.line, f.fix) for f in mine] == [(3, "safe"), (7, "safe"), (8, "safe"), (10, "safe"), (11, "safe")]
    args = [dict(f.fix_args) for f in mine]
    assert args[0]["import"] == ("zenml.metadata_stores", "SQLiteMetadataStore", "SQLiteMetadataStore")
    assert args[0]["stub"] is True and args[0]["in_block"] is None  # ``flavor()`` still uses the name
    assert [(a["import"][2], a["in_block"]) for a in args[1:3]] == [("track", 0), ("track2", 1)]  # lines below ``from``
    assert args[3]["binds"] == ("STORE",) and args[4]["binds"] == ()
    assert all(a["reason"] and a["reason"] in f.message for a, f in zip(args, mine))
    again = [Finding.from_dict(json.loads(json.dumps(f.to_dict(fix_data=True)))) for f in found]  # the results cache
    assert [dict(f.fix_args) for f in again if f.code == "ZM461"] == [
        {k: list(v) if isinstance(v, tuple) else v for k, v in a.items()} for a in args
    ]

    result = _one_round(monkeypatch, AT_IMPORT, again)
    assert result.error is None, result.error
    ast.parse(result.text)
    assert "\n# STORE = SQLiteMetadataStore(" in result.text and "\nSTORE = _RemovedInZenML020(" in result.text
    assert '\n# print("profile:", Client().active_profile_name)' in result.text
    assert "\nSQLiteMetadataStore = _RemovedInZenML020(" in result.text
    assert "\n    track = track2 = _RemovedInZenML020(" in result.text and "import (" not in result.text

    # the reasons the TODO lines and stubs give are the scan's, whatever the messages say
    told = [replace(f, fix_args=tuple((k, f"REASON-{f.span.line}" if k == "reason" else v) for k, v in f.fix_args),
                    message="reworded") if f.code == "ZM461" else f for f in found]
    told_text = _one_round(monkeypatch, AT_IMPORT, told).text
    for line in (3, 8, 10, 11):  # (the stub of an ``if`` block's import says its last name's)
        assert f"REASON-{line}" in told_text, line
    assert "reworded" not in told_text

    # without the scan's decision the codemod has nothing to do: it does not plan again
    blind = _one_round(monkeypatch, AT_IMPORT, [replace(f, fix_args=()) if f.code == "ZM461" else f for f in found])
    assert "_RemovedInZenML020" not in blind.text and "STORE = SQLiteMetadataStore(" in blind.text

    # a removed import name the scan found unused after the fix (``stub`` False) gets no stub
    unused = [replace(f, fix_args=tuple((k, False if k == "stub" else v) for k, v in f.fix_args))
              if f.code == "ZM461" and f.span.line == 3 else f for f in found]
    assert "\nSQLiteMetadataStore = _RemovedInZenML020(" not in _one_round(monkeypatch, AT_IMPORT, unused).text


def test_zm461_cross_file_stub_facts_come_from_the_findings():
    """``stub_exports`` (the names another module sees bound to a stub) reads the same decision."""
    from zenml_migrate.scan.import_time import STUBBED, stub_exports

    class _Names:  # nothing is ported where used
        index = type("I", (), {"ported_where_used": staticmethod(lambda value: False)})()

        @staticmethod
        def lookup(name, scope):
            return None

        module_scope = None

    found = [f for f in scan_source(AT_IMPORT, "m.py") if f.code == "ZM461"]
    assert stub_exports(_Names(), found, "") == dict.fromkeys(["SQLiteMetadataStore", "STORE"], STUBBED)  # `track`: used nowhere
    unused = [replace(f, fix_args=tuple((k, False if k == "stub" else v) for k, v in f.fix_args)) for f in found]
    assert stub_exports(_Names(), unused, "") == {"STORE": STUBBED}


# ---------------------------------------------------------------- ZM460 (codemods/no_successor.py)
LATER_USES = _src(
    """
    from zenml.config.profile_config import ProfileConfiguration
    from zenml.repository import Repository


    def profile_name():
        return Repository().active_profile_name


    def new_profile(name: str) -> ProfileConfiguration:
        if name:
            print(name)
        elif name is None:
            return ProfileConfiguration(name="x")
        return ProfileConfiguration(name=name)


    if __name__ == "__main__":
        print(ProfileConfiguration)
    """
)


def test_zm460_fix_takes_the_plan_from_the_findings_and_moves_it_with_the_text(monkeypatch):
    found = scan_source(LATER_USES, "m.py")
    (zm460,) = [f for f in found if f.code == "ZM460"]
    args = dict(zm460.fix_args)
    assert args["import"] == ("zenml.config.profile_config", "ProfileConfiguration", "ProfileConfiguration")
    assert sorted(a[0] for a in args["@anchors"]) == [13, 14, 18] and [a[0] for a in args["@annotations"]] == [9]
    assert args["advice"].startswith("ZM902: ")
    again = [Finding.from_dict(json.loads(json.dumps(f.to_dict(fix_data=True)))) for f in found]  # the results cache

    # the ZM401 TODO line is written above line 6 before the rewrite (its rename hides it): every
    # line the plan names moves down with the text
    result = _one_round(monkeypatch, LATER_USES, again)
    assert result.error is None, result.error
    ast.parse(result.text)
    assert "ProfileConfiguration\n" not in result.text.split("def ")[0]  # the import is gone
    assert '-> "zenml.config.profile_config.ProfileConfiguration":' in result.text
    raised = [i for i, line in enumerate(result.text.splitlines()) if line.strip().startswith("raise NotImplementedError")]
    below = [result.text.splitlines()[i + 1].strip() for i in raised]
    assert below == ['return ProfileConfiguration(name="x")', "return ProfileConfiguration(name=name)",
                     "print(ProfileConfiguration)"], result.text
    assert result.text.count("(ZM902: profiles are gone") == 6  # 3 TODO lines, 3 raises

    # what to do instead is the scan's, and without the scan's plan nothing is planned again
    told = [replace(f, fix_args=tuple((k, "ADVICE" if k == "advice" else v) for k, v in f.fix_args)) for f in found]
    assert _one_round(monkeypatch, LATER_USES, told).text.count("(ADVICE)") == 6
    blind = _one_round(monkeypatch, LATER_USES, [replace(f, fix_args=()) if f.code == "ZM460" else f for f in found])
    assert "raise NotImplementedError(" not in blind.text and "import ProfileConfiguration\n" in blind.text


def test_spans_a_finding_carries_move_with_its_text():
    from zenml_migrate.findings import Span
    from zenml_migrate.fix.todo import shifted

    f = Finding("m.py", Span(5, 1, 5, 9), "ZM460", "m", "safe",
                fix_args=(("@anchors", ((3, 5, 4, 9), (9, 5, 9, 20))), ("import", ("a", "b", "b")), ("advice", "x")))
    (moved,) = shifted([f], [(4, ["ZM401"]), (8, ["ZM401", "ZM108"])])  # 1 line above line 4, 2 above line 8
    assert moved.span == Span(6, 1, 6, 9)
    assert moved.arg("@anchors") == ((3, 5, 4, 9), (12, 5, 12, 20)) and moved.arg("import") == ("a", "b", "b")
    (back,) = shifted([moved], [], removed=[1])
    assert back.span == Span(5, 1, 5, 9) and back.arg("@anchors") == ((2, 5, 3, 9), (11, 5, 11, 20))


# ---------------------------------------------------------------- ZM005 (codemods/string_targets.py)
PATCHED = _src(
    """
    from unittest import mock

    TABLE = {"client": ("zenml.repository", "Repository")}


    @mock.patch("zenml.repository.Repository")
    def test_x(repo):
        pass
    """
)


def test_zm005_fix_writes_the_spelling_the_scan_decided(monkeypatch):
    found = scan_source(PATCHED, "m.py")
    assert sorted((str(f.arg("to")) for f in found if f.code == "ZM005"), key=len) == ["zenml.client.Client", "('zenml.client', 'Client')"]
    assert _one_round(monkeypatch, PATCHED, found).text == PATCHED.replace('"zenml.repository", "Repository"', '"zenml.client", "Client"').replace(
        '"zenml.repository.Repository"', '"zenml.client.Client"')
    told = [replace(f, fix_args=(("to", ("a", "b") if isinstance(f.arg("to"), tuple) else "a.b"),)) for f in found]
    assert '("a", "b")' in _one_round(monkeypatch, PATCHED, told).text and '@mock.patch("a.b")' in _one_round(monkeypatch, PATCHED, told).text
    blind = _one_round(monkeypatch, PATCHED, [replace(f, fix_args=()) for f in found]).text
    assert '("zenml.repository", "Repository")}' in blind and '@mock.patch("zenml.repository.Repository")' in blind


# ---------------------------------------------------------------- renames.py (star re-exports, unread `**` keys)
REEXPORTS = _src(
    """
    import json

    from zenml.config.docker_configuration import DockerConfiguration
    from zenml.steps import *  # noqa: F403

    __all__ = ["BaseStepConfig", "step"]

    with open("docker.json") as handle:
        SPEC = json.load(handle)

    DOCKER = DockerConfiguration(**SPEC["image"])
    """
)


def test_renames_fix_takes_the_star_names_and_the_unread_keys_from_the_findings(monkeypatch):
    found = scan_source(REEXPORTS, "m.py")
    star = [f for f in found if f.span.line == 4 and f.arg("star_name")]
    assert [f.arg("star_name") for f in star] == ["BaseStepConfig"]
    (splat,) = [f for f in found if f.arg("unchecked_keys")]
    assert splat.span.line == 11 and "`copy_profile` key there must become `copy_global_config`" in splat.arg("unchecked_keys")
    again = [Finding.from_dict(json.loads(json.dumps(f.to_dict(fix_data=True)))) for f in found]  # the results cache
    assert [(f.arg("star_name"), f.arg("unchecked_keys")) for f in again] == [(f.arg("star_name"), f.arg("unchecked_keys")) for f in found]

    result = _one_round(monkeypatch, REEXPORTS, again)
    assert result.error is None, result.error
    assert "import BaseParameters as BaseStepConfig" in result.text
    assert "are not checked: a `copy_profile` key there must become `copy_global_config`" in result.text

    # what the codemod writes is what the findings say, not a second look at the module
    told = [replace(f, fix_args=tuple((k, "BaseStepConfig-NOT" if k == "star_name" else "KEYS-TOLD" if k == "unchecked_keys" else v)
                                      for k, v in f.fix_args)) for f in found]
    told_text = _one_round(monkeypatch, REEXPORTS, told).text
    assert "as BaseStepConfig" not in told_text and "are not checked: KEYS-TOLD where" in told_text
    blind = _one_round(monkeypatch, REEXPORTS, [replace(f, fix_args=()) for f in found]).text
    assert "as BaseStepConfig" not in blind and "are not checked" not in blind
    assert "DockerSettings(**SPEC" in blind  # the rename itself is the rule's


# ---------------------------------------------------------------- renames.py (where each renamed name is read from)
MOVED_NAMES = _src(
    """
    import importlib

    import zenml.steps.base_step_config as bsc
    from zenml.config.docker_configuration import DockerConfiguration, PythonEnvironmentExportMethod
    from zenml.steps import BaseStepConfig


    class Params(bsc.BaseStepConfig):
        lr: float = 0.1


    def setup():
        Repository.initialize()
        print(DockerConfiguration, PythonEnvironmentExportMethod, BaseStepConfig)
        return getattr(importlib.import_module("zenml.steps.base_step_config"), "BaseStepConfig")


    from zenml.repository import Repository
    """
)


def test_renames_fix_reads_the_0_20_modules_from_the_findings(monkeypatch):
    """Which module keeps a renamed name, which one a line of renamed names moves to, the class
    a member moves onto, whether a module alias's import goes, the module string of a renamed
    pair: the scan decides each on the 0.20 name index, the codemod reads it."""
    found = scan_source(MOVED_NAMES, "m.py")
    facts = {(f.span.line, f.span.column, f.code): dict(f.fix_args) for f in found}
    # DockerConfiguration -> zenml.config.DockerSettings; zenml.config.docker_settings has both names
    assert facts[(4, 47, "ZM105")] == {"keeps": False, "homes": ("zenml.config.docker_settings",)}
    assert facts[(4, 68, "ZM105")] == {"keeps": False}
    assert facts[(5, 25, "ZM101")] == {"keeps": True}  # zenml.steps (a 0.20 package) has BaseParameters
    assert facts[(8, 14, "ZM101")] == {"keeps": False, "base_gone": True}
    assert facts[(13, 5, "ZM413")] == {"owner": ("zenml.client", "Client"), "base_gone": True}
    assert facts[(15, 12, "ZM101")] == {"pair_module": "zenml.steps"}
    again = [Finding.from_dict(json.loads(json.dumps(f.to_dict(fix_data=True)))) for f in found]  # the results cache

    text = _one_round(monkeypatch, MOVED_NAMES, again).text
    assert "from zenml.config.docker_settings import DockerSettings, PythonEnvironmentExportMethod\n" in text
    assert "from zenml.steps import BaseParameters\n" in text and "class Params(BaseParameters):" in text
    assert "bsc" not in text and "    Client.initialize()" in text
    assert 'getattr(importlib.import_module("zenml.steps"), "BaseParameters")' in text

    def told(key, value):
        return [replace(f, fix_args=tuple((k, value if k == key else v) for k, v in f.fix_args)) for f in found]

    # what the codemod writes is what the findings say, not a second look at the 0.20 index
    assert "from zenml.config.told import DockerSettings, PythonEnvironmentExportMethod" not in _one_round(
        monkeypatch, MOVED_NAMES, told("homes", ("zenml.config.told",))).text
    assert "from zenml.config import DockerSettings, PythonEnvironmentExportMethod" not in text
    kept = _one_round(monkeypatch, MOVED_NAMES, told("keeps", True)).text
    assert "from zenml.config.docker_configuration import DockerSettings, PythonEnvironmentExportMethod" in kept
    assert "bsc.BaseParameters" in kept
    assert 'import_module("told.module"), "BaseParameters")' in _one_round(monkeypatch, MOVED_NAMES, told("pair_module", "told.module")).text
    assert "from told import Told\n" in _one_round(monkeypatch, MOVED_NAMES, told("owner", ("told", "Told"))).text
    blind = _one_round(monkeypatch, MOVED_NAMES, [replace(f, fix_args=()) for f in found]).text
    assert "from zenml.steps import BaseStepConfig" not in blind and "from zenml.steps import BaseParameters" in blind
    assert 'import_module("zenml.steps.base_step_config"), "BaseParameters")' in blind  # the name is the rule's
    assert "Client.initialize()" not in blind  # no finding named the class ``initialize`` is a member of


# ---------------------------------------------------------------- ZM414 (codemods/flavor_wrappers.py)
VAULT_STORES = _src(
    """
    from typing import ClassVar, Set

    from zenml.artifact_stores import LocalArtifactStore


    class VaultStore(LocalArtifactStore):
        FLAVOR: ClassVar[str] = "vault"
        SUPPORTED_SCHEMES: ClassVar[Set[str]] = {"vault://"}


    class ColdVaultStore(LocalArtifactStore):
        FLAVOR: ClassVar[str] = "cold_vault"
        SUPPORTED_SCHEMES: ClassVar[Set[str]] = {"coldvault://"}
    """
)
VAULT_INTEGRATION = _src(
    """
    from typing import List

    from zenml.integrations.integration import Integration
    from zenml.zen_stores.models import FlavorWrapper

    from .stores import VaultStore as Hot


    class VaultIntegration(Integration):
        NAME = "vault"

        @classmethod
        def flavors(cls) -> List[FlavorWrapper]:
            return [FlavorWrapper.from_flavor(Hot), FlavorWrapper(name="cold_vault", source="vault.stores.ColdVaultStore", type="artifact_store", integration=cls.NAME)]
    """
)


def test_zm414_fix_takes_each_wrappers_class_from_the_findings(monkeypatch, tmp_path):
    from zenml_migrate.rules import all_rules
    from zenml_migrate.scan.engine import ScanSettings, run_scan

    (tmp_path / "vault").mkdir()
    (tmp_path / "vault/__init__.py").write_text(VAULT_INTEGRATION)
    (tmp_path / "vault/stores.py").write_text(VAULT_STORES)
    monkeypatch.chdir(tmp_path)
    report = run_scan(["."], ScanSettings(rules=all_rules(), workers=1))
    found = [f for f in report.findings if f.path.endswith("__init__.py")]
    assert sorted(f.arg("source") for f in found if f.code == "ZM414") == ["vault.stores.ColdVaultStore", "vault.stores.VaultStore"]
    again = [Finding.from_dict(json.loads(json.dumps(f.to_dict(fix_data=True)))) for f in found]  # the results cache

    def fixed(findings):
        monkeypatch.setattr("zenml_migrate.fix.fixer.MAX_ROUNDS", 1)
        job = FileJob(found[0].path, "py", module_name="vault", is_package=True)
        return fix_text(VAULT_INTEGRATION, job, select_rules(), FixOptions(), findings=findings)

    result = fixed(again)
    assert result.error is None, result.error
    assert "from vault.stores import ColdVaultStoreFlavor, VaultStoreFlavor\n" in result.text
    assert "return [VaultStoreFlavor, ColdVaultStoreFlavor]" in result.text
    # the class each wrapper becomes is the scan's (a `from_flavor` class resolved through the relative import)
    told = [replace(f, fix_args=(("source", "vault.other.TOLD"),)) if f.code == "ZM414" else f for f in found]
    assert "return [TOLDFlavor, TOLDFlavor]" in fixed(told).text
    blind = fixed([replace(f, fix_args=()) if f.code == "ZM414" else f for f in found]).text
    assert "FlavorWrapper.from_flavor(Hot)" in blind and 'source="vault.stores.ColdVaultStore"' in blind


# ---------------------------------------------------------------- YAML run configs (codemods/run_config.py)
RUN_CONFIGS = _src(
    """
    enable_cache: true
    ---
    name: nightly
    steps:
      scorer:
        source: steps.scorer
        materializers:
          report: {name: ReportMaterializer, file: ./lib/io/report.py}
    """
)


def test_run_config_fix_takes_the_documents_and_the_sources_from_the_findings(monkeypatch):
    from zenml_migrate.fix.yaml_fix import fix_yaml_text

    found = scan_source(RUN_CONFIGS, "nightly.yaml")
    assert {f.arg("document") for f in found} == {1}  # the first document is no run config
    (mat,) = [f for f in found if f.arg("sources")]
    assert tuple(mat.arg("at")) == ("steps", "scorer", "materializers") and mat.arg("sources") == (("report", "lib.io.report.ReportMaterializer"),)
    again = [Finding.from_dict(json.loads(json.dumps(f.to_dict(fix_data=True)))) for f in found]  # the results cache
    monkeypatch.setattr("zenml_migrate.fix.yaml_fix.MAX_ROUNDS", 1)

    def fixed(findings):
        return fix_yaml_text(RUN_CONFIGS, FileJob("nightly.yaml", "yaml"), select_rules(), FixOptions(unsafe=True), findings=findings).text

    text = fixed(again)
    assert "report: {materializer_source: lib.io.report.ReportMaterializer}" in text and "name: nightly" not in text
    told = [replace(f, fix_args=tuple((k, (("report", "told.Told"),) if k == "sources" else v) for k, v in f.fix_args)) for f in found]
    assert "report: {materializer_source: told.Told}" in fixed(told)
    blind = fixed([replace(f, fix_args=()) for f in found])
    # no document is judged a run config again at fix time: every key stays (each with its TODO line)
    assert "\nname: nightly\n" in blind and "    source: steps.scorer\n" in blind
    assert "report: {name: ReportMaterializer, file: ./lib/io/report.py}" in blind


# ---------------------------------------------------------------- settings folds next to `**` (codemods/settings.py)
SPLATS = _src(
    """
    import os

    from zenml.pipelines import pipeline

    GPU = os.environ.get("GPU")
    PINNED = {"requirements": ["pandas==1.5.3"]}
    QUIET = {"enable_cache": False}


    @pipeline(required_integrations=["sklearn"], **({"requirements": ["torch"]} if GPU else {}))
    def lifted(step):
        step()


    @pipeline(required_integrations=["sklearn"], **PINNED)
    def moved_into(step):
        step()


    @pipeline(requirements=["xgboost"], **QUIET)
    def beside(step):
        step()
    """
)


def test_settings_fold_next_to_a_splat_the_way_the_findings_say(monkeypatch):
    found = scan_source(SPLATS, "m.py")
    assert [(f.span.line, f.arg("splat")) for f in found if f.arg("splat")] == [(10, "lift"), (15, "into"), (20, "beside")]
    again = [Finding.from_dict(json.loads(json.dumps(f.to_dict(fix_data=True)))) for f in found]  # the results cache
    text = _one_round(monkeypatch, SPLATS, again).text
    assert '@pipeline(settings={"docker": DockerSettings(required_integrations=["sklearn"], requirements=["torch"] if GPU else None)})' in text
    assert '\n@pipeline(**PINNED)\n' in text and 'DockerSettings(requirements=["pandas==1.5.3"], required_integrations=["sklearn"])' in text
    assert '@pipeline(settings={"docker": DockerSettings(requirements=["xgboost"])}, **QUIET)' in text

    # the way is the scan's: told another, the codemod follows it (a fold beside a dict that holds
    # legacy keys, or a lift of a plain name, is declined); without it, no fold next to a `**`
    told = [replace(f, fix_args=(("splat", {"lift": "beside", "into": "lift", "beside": "into"}[f.arg("splat")]),))
            if f.arg("splat") else f for f in found]
    told_text = _one_round(monkeypatch, SPLATS, told).text
    assert '@pipeline(required_integrations=["sklearn"], **({' in told_text  # (the dict's own keys fold in it)
    assert "@pipeline(**PINNED)" not in told_text and '@pipeline(requirements=["xgboost"], **QUIET)' in told_text
    blind = _one_round(monkeypatch, SPLATS, [replace(f, fix_args=()) for f in found]).text
    for line in ('@pipeline(required_integrations=["sklearn"], **({', '@pipeline(required_integrations=["sklearn"], **PINNED)',
                 '@pipeline(requirements=["xgboost"], **QUIET)'):
        assert line in blind, line


# ---------------------------------------------------------------- ZM409 (codemods/flavors.py)
TEAM_ALERTERS = _src(
    """
    from zenml.alerter import BaseAlerter


    class TeamAlerter(BaseAlerter):
        \"\"\"Shared settings of the team's alerters.\"\"\"

        channel: str = "#ml"


    class PagerAlerter(TeamAlerter):
        FLAVOR = "pager"
        severity: int = 2

        def post(self, message: str, config=None) -> bool:
            print(self.channel, self.severity, message)
            return True
    """
)


def test_zm409_fix_writes_the_port_plan_the_finding_carries(monkeypatch):
    from zenml_migrate.scan.component_port import PORT, Plan

    found = scan_source(TEAM_ALERTERS, "m.py")
    ports = sorted((f for f in found if f.code == "ZM409"), key=lambda f: f.span)
    assert [(f.span.line, f.fix) for f in ports] == [(4, "safe"), (11, "safe")]
    plans = [Plan.decode(f.arg(PORT)) for f in ports]
    assert [(p.name, p.after, p.has_flavor) for p in plans] == [("TeamAlerter", [], False), ("PagerAlerter", ["TeamAlerter"], True)]
    assert plans[1].to_config == {"severity"} and {"channel", "severity"} <= plans[1].config_reads
    assert Plan.decode(plans[1].encode()) == plans[1]  # the JSON form is the whole plan
    again = [Finding.from_dict(json.loads(json.dumps(f.to_dict(fix_data=True)))) for f in found]  # the results cache
    assert [f.arg(PORT) for f in again if f.code == "ZM409"] == [f.arg(PORT) for f in ports]

    result = _one_round(monkeypatch, TEAM_ALERTERS, again)
    assert result.error is None, result.error
    assert "class PagerAlerterConfig(TeamAlerterConfig):" in result.text and "class PagerAlerterFlavor(" in result.text
    assert "print(self.config.channel, self.config.severity, message)" in result.text

    def told(change):
        out = []
        for f in found:
            if f.code == "ZM409":
                plan = Plan.decode(f.arg(PORT))
                change(plan)
                f = replace(f, fix_args=((PORT, plan.encode()),))
            out.append(f)
        return out

    # what is written is the plan's: a read it does not list stays ``self.<x>``; a port that builds
    # on a class without a finding of its own is not written
    kept = _one_round(monkeypatch, TEAM_ALERTERS, told(lambda p: p.config_reads.discard("severity"))).text
    assert "print(self.config.channel, self.severity, message)" in kept, kept
    alone = _one_round(monkeypatch, TEAM_ALERTERS, told(lambda p: p.after.append("Elsewhere") if p.name == "PagerAlerter" else None)).text
    assert "class TeamAlerterConfig(" in alone and "PagerAlerterConfig" not in alone, alone
    # no plan carried, no port: the codemod does not plan it again
    blind = [replace(f, fix_args=()) if f.code == "ZM409" else f for f in found]
    assert "Config(" not in _one_round(monkeypatch, TEAM_ALERTERS, blind).text


def test_a_component_class_under_a_condition_is_not_claimed_fixable():
    """The port is written for a class at module level only; a class defined inside an ``if``
    or ``try`` block said ``[*]`` and ``--fix`` left it ("could not be applied here")."""
    imports, classes = TEAM_ALERTERS.split("\n\n\n", 1)
    guarded = f"import os\n{imports}\n\nif os.environ.get('TEAM'):\n" + textwrap.indent(classes, "    ")
    ports = [f for f in scan_source(guarded, "m.py") if f.code == "ZM409"]
    assert len(ports) == 2 and all(f.fix is None and "only a class at module level is ported" in f.message for f in ports), ports


# ---------------------------------------------------------------- every codemod
# functions of the scan and of the rule modules a codemod still calls at fix time (each a decision
# the scan made already, to move into ``fix_args``): this list only shrinks
NOT_YET_MOVED = set()


def _decision_imports(folder: Path = CODEMODS):
    """``(codemod file, name)`` of each function a codemod imports from ``zenml_migrate.scan``
    or ``zenml_migrate.rules`` (at module level or in a function: at fix time). Constants and
    types (an upper-case first letter) are data, not decisions."""
    out = set()
    for path in sorted(folder.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(("zenml_migrate.scan", "zenml_migrate.rules")):
                out.update((path.name, a.name) for a in node.names if not a.name[:1].isupper())
            elif isinstance(node, ast.Import) and any(a.name.startswith(("zenml_migrate.scan", "zenml_migrate.rules")) for a in node.names):
                out.add((path.name, "import " + ", ".join(a.name for a in node.names)))
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                  and isinstance(node.func.value, ast.Attribute) and node.func.value.attr == "detector"):
                out.add((path.name, f"detector.{node.func.attr}"))  # the scan's detector asked again (review18 G5)
    return out


def test_no_codemod_calls_what_the_scan_decides():
    found = _decision_imports()
    new = sorted(found - NOT_YET_MOVED)
    assert not new, f"codemods decide again at fix time what the scan decided: {new}; carry it in Finding.fix_args"
    moved = sorted(NOT_YET_MOVED - found)
    assert not moved, f"no longer imported, drop from NOT_YET_MOVED: {moved}"


def test_the_guard_sees_a_decision_imported_inside_a_method(tmp_path):
    (tmp_path / "x.py").write_text(
        "from zenml_migrate.rules.import_time import STUB\n\n\nclass X:\n"
        "    def visit_Module(self, node):\n        from zenml_migrate.scan.import_time import needs_stub\n"
    )
    assert _decision_imports(tmp_path) == {("x.py", "needs_stub")}


def test_the_guard_sees_a_question_put_to_the_scans_detector(tmp_path):
    (tmp_path / "x.py").write_text(
        "class X:\n    def leave_ImportFrom(self, original, updated):\n"
        "        names = self.ctx.detector.star_reexports('zenml.steps')\n        return self.ctx.detector.tree\n"
    )
    assert _decision_imports(tmp_path) == {("x.py", "detector.star_reexports")}
