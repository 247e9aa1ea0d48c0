"""The plan for custom flavors: found by their ported Flavor class, checked against its config
class, renamed away from a built-in 0.20 name, and never blocking what does not use them.

Input: the config dir the real 0.13.2 made with fixtures/team_flavors_pkg
(fixtures/configs/custom_components) and that package ported by `migrate code --fix --unsafe-fixes`.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from zenml_migrate.profiles.model import Action
from zenml_migrate.profiles.plan import PlanOptions, build_plan
from zenml_migrate.profiles.readers import read_legacy

ROOT = Path(__file__).resolve().parent.parent.parent
PKG = ROOT / "fixtures" / "team_flavors_pkg"
LEGACY = ROOT / "fixtures" / "configs" / "custom_components" / "zenml_config"
TYPES = {"audited_local", "team_audited", "step_logging", "local_process", "jsonl"}


def _on_path(monkeypatch, root: Path) -> None:
    monkeypatch.setattr(sys, "path", [str(root), *sys.path])


@pytest.fixture(scope="module")
def ported(tmp_path_factory) -> Path:
    """The package after `migrate code --fix --unsafe-fixes` (the whole tree: a class there
    subclasses one of another module)."""
    dest = tmp_path_factory.mktemp("ported") / "pkg"
    shutil.copytree(PKG, dest)
    proc = subprocess.run([sys.executable, "-m", "zenml_migrate", "code", str(dest), "--fix", "--unsafe-fixes"],
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300)
    assert proc.returncode in (0, 1) and "error" not in proc.stdout, proc.stdout + proc.stderr
    return dest


def _legacy_copy(tmp_path: Path, replace=()) -> Path:
    dest = tmp_path / "legacy"
    shutil.copytree(LEGACY, dest)
    for rel, old, new in replace:
        path = dest / rel
        path.write_text(path.read_text().replace(old, new))
    return dest


def _plan(legacy: Path, **options):
    return build_plan(read_legacy(str(legacy)), None, PlanOptions(**options))


def _by_name(items, name):
    return [i for i in items if i.legacy.name == name][0]


def test_ported_flavors_are_found_and_every_component_fits(monkeypatch, ported):
    _on_path(monkeypatch, ported)
    plan = _plan(LEGACY)
    found = {f.legacy.name: f for f in plan.flavors}
    assert set(found) == TYPES
    for f in found.values():
        assert f.flavor_source.endswith("Flavor") and not f.needs_flavor_class and f.schema is not None
    assert found["team_audited"].flavor_source == "team_flavors.more_stores.TeamArtifactStoreFlavor"
    assert found["audited_local"].schema.secret == {"api_key"}
    # fields of the base config classes (the built-in LocalArtifactStoreConfig, the other module's Config)
    assert {"path", "audit_file", "api_key", "team"} <= found["team_audited"].schema.fields
    assert found["step_logging"].schema.required == {"log_dir"}
    assert not plan.warnings and not plan.problems
    assert "api_key" in _by_name(plan.components, "audited_store").secret_keys
    assert _by_name(plan.stacks, "team_stack").action in (Action.MIGRATE, Action.CHANGE)


def test_unported_code_names_the_command_that_ports_it(monkeypatch):
    _on_path(monkeypatch, PKG)
    plan = _plan(LEGACY)
    tracker = _by_name(plan.flavors, "jsonl")
    assert tracker.needs_flavor_class and tracker.flavor_source is None
    note = " ".join(tracker.notes)
    assert f"migrate code --fix --unsafe-fixes {PKG / 'team_flavors' / 'trackers.py'}" in note
    assert "--flavor-source team_flavors.trackers.JsonlExperimentTracker=" in note
    # the components and stacks still migrate (the flavor row is written once the class exists)
    assert _by_name(plan.stacks, "team_stack").action in (Action.MIGRATE, Action.CHANGE)


def test_a_flavor_with_no_020_class_is_labelled_not_registered_not_migrate_with_changes(monkeypatch):
    """It was shown as "migrate with changes" and counted so in the summary (again on a second
    run), although no flavor row is ever written for it."""
    from zenml_migrate.profiles.report import render
    from zenml_migrate.profiles.targets import Existing

    _on_path(monkeypatch, PKG)
    plan = _plan(LEGACY)
    tracker = _by_name(plan.flavors, "jsonl")
    assert tracker.action == Action.NO_CLASS and tracker in plan.writable()[0]  # the writers say it is skipped
    assert all(f.action == Action.NO_CLASS for f in plan.flavors)  # the package is not ported
    assert plan.counts()[Action.NO_CLASS.value] == 5 and "not registered (no 0.20 Flavor class)" == Action.NO_CLASS.value
    assert Action.CHANGE.value not in plan.counts() or all(f.action != Action.CHANGE for f in plan.flavors)
    stack = _by_name(plan.stacks, "team_stack")  # written, listed, but 0.20 cannot load it yet (real 0.20.5: KeyError)
    assert any("has the flavor 'jsonl', not registered (no 0.20 Flavor class): ZenML 0.20 cannot load this stack" in n
               for n in stack.notes), stack.notes
    report = render(plan, dry_run=True)
    assert "5 custom flavors not registered (no 0.20 Flavor class; see Next steps): " in report and "`jsonl`" in report
    assert "custom flavors to migrate" not in report
    # registered by hand since: the next run says so, and the components use it
    existing = Existing(flavors={("experiment_tracker", "jsonl"): "mine.JsonlFlavor"})
    again = build_plan(read_legacy(str(LEGACY)), existing, PlanOptions())
    tracker = _by_name(again.flavors, "jsonl")
    assert tracker.action == Action.DONE and again.counts()[Action.NO_CLASS.value] == 4
    assert any("registered in project 'default' of the target already (from mine.JsonlFlavor)" in n for n in tracker.notes)
    assert not any("needs a 0.20 Flavor class" in n for n in tracker.notes)
    assert not any("'jsonl', not registered" in n for n in _by_name(again.stacks, "team_stack").notes)


def test_keys_of_a_custom_component_no_020_config_class_checks_are_said_to_be_unchecked(monkeypatch, ported, tmp_path):
    """They were carried into the 0.20 config silently; a 0.20 config class forbids keys it does
    not declare. Checked when the ported config class is read (a misfit is left out), said otherwise."""
    legacy = _legacy_copy(tmp_path, [("profiles/default/artifact_stores/team_store.yaml", "team: data", "team: data\nlegacy_option: 1")])
    _on_path(monkeypatch, PKG)  # not ported: nothing to check against
    plan = _plan(legacy)
    team_store = _by_name(plan.components, "team_store")
    assert team_store.action in (Action.MIGRATE, Action.CHANGE) and team_store.target_config["legacy_option"] == 1
    note = [n for n in team_store.notes if n.startswith("configuration not checked")]
    assert len(note) == 1 and "no 0.20 Flavor class of flavor team_audited was found here" in note[0]
    assert "does not declare " in note[0] and "legacy_option" in note[0] and ": 1" not in note[0]  # names, never values
    monkeypatch.undo()
    _on_path(monkeypatch, ported)  # ported: checked, the misfit is left out with its reason
    checked = _by_name(_plan(legacy).components, "team_store")
    assert checked.action == Action.DROP and not any(n.startswith("configuration not checked") for n in checked.notes)
    assert not any(n.startswith("configuration not checked") for c in _plan(LEGACY).components for n in c.notes)


def test_flavor_modules_are_looked_for_under_the_code_and_repo_roots_too(monkeypatch, ported, tmp_path):
    """The lookup searched only sys.path and the cwd: run from another folder, a flavor whose
    package is in --code / the --repo root was "not importable here" and left unregistered."""
    from zenml_migrate.profiles.repo import read_repo_config

    monkeypatch.chdir(tmp_path)
    alone = _plan(LEGACY)
    assert all(f.action == Action.NO_CLASS for f in alone.flavors)
    assert any("not found in the folders searched (--code, --repo" in n for n in _by_name(alone.flavors, "jsonl").notes)
    plan = _plan(LEGACY, code=[str(ported)])
    found = {f.legacy.name: f for f in plan.flavors}
    assert set(found) == TYPES and all(f.action == Action.CHANGE and f.schema is not None for f in found.values())
    assert found["audited_local"].schema.secret == {"api_key"}
    note = f"found under {ported} (--code), which is not on this Python's path: ZenML 0.20 imports"
    assert all(any(n.startswith(note) and "on PYTHONPATH" in n for n in f.notes) for f in found.values())
    # ZenML 0.20 (0.20.0 and 0.20.5: source_utils.load_source_path_class) puts the root of the ZenML repository it
    # runs in on the path before it loads a flavor: a folder that is that root is not "only" importable from PYTHONPATH
    assert all(any("is the root of the ZenML repository (`zenml init`) you run in" in n for n in f.notes) for f in found.values())
    (ported / ".zen").mkdir(exist_ok=True)
    (ported / ".zen" / "config.yaml").write_text("active_profile_name: default\nactive_stack_name: default\n")
    legacy = read_legacy(str(LEGACY))
    legacy.repo = read_repo_config(str(ported))
    by_repo = build_plan(legacy, None, PlanOptions())
    assert all(f.action == Action.CHANGE for f in by_repo.flavors)
    assert any("(--repo)" in n for n in _by_name(by_repo.flavors, "jsonl").notes)
    said = [n for f in by_repo.flavors for n in f.notes if n.startswith(f"found under {ported} (--repo)")]
    assert said and all("when you run it inside that ZenML repository" in n and " only when " not in n for n in said), said
    _on_path(monkeypatch, ported)  # on the path already: nothing to add to PYTHONPATH
    assert not any("--code" in n for f in _plan(LEGACY, code=[str(ported)]).flavors for n in f.notes)


def test_flavor_source_option_names_a_flavor_class_elsewhere(monkeypatch, ported, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "ported_tracker").mkdir(parents=True)
    shutil.copy(ported / "team_flavors" / "trackers.py", elsewhere / "ported_tracker" / "__init__.py")
    _on_path(monkeypatch, PKG)  # the unported package; the tracker's port lives elsewhere
    monkeypatch.setattr(sys, "path", [str(elsewhere), *sys.path])
    plan = _plan(LEGACY, flavor_sources={"jsonl": "ported_tracker.JsonlExperimentTrackerFlavor"})
    tracker = _by_name(plan.flavors, "jsonl")
    assert tracker.flavor_source == "ported_tracker.JsonlExperimentTrackerFlavor" and not tracker.needs_flavor_class
    assert tracker.schema.fields == {"root", "experiment"}


def test_a_component_that_does_not_fit_its_config_class_is_left_out_alone(monkeypatch, ported, tmp_path):
    legacy = _legacy_copy(tmp_path, [("profiles/default/artifact_stores/team_store.yaml", "team: data", "team: data\nno_such_field: 1")])
    _on_path(monkeypatch, ported)
    plan = _plan(legacy)
    team_store = _by_name(plan.components, "team_store")
    assert team_store.action == Action.DROP and any("no_such_field" in n for n in team_store.notes)
    assert _by_name(plan.stacks, "team_store_stack").action == Action.DROP
    assert _by_name(plan.stacks, "team_stack").action in (Action.MIGRATE, Action.CHANGE)  # not blocked
    assert not plan.problems and any("team_store" in w and "no_such_field" in w for w in plan.warnings)


def test_custom_flavor_named_like_a_builtin_is_renamed_and_its_components_follow(monkeypatch, ported, tmp_path):
    # the team had called its audited store flavor `local`, like the built-in local artifact store
    legacy = _legacy_copy(tmp_path, [("profiles/default/stacks.yaml", "audited_local", "local")])
    _on_path(monkeypatch, ported)
    monkeypatch.setattr(sys, "path", [str(ported), *sys.path])
    plan = _plan(legacy)
    flavor = [f for f in plan.flavors if f.legacy.name == "local"][0]
    assert flavor.target_name == "local_custom" and any("built-in artifact_store flavor 'local'" in n for n in flavor.notes)
    audited = _by_name(plan.components, "audited_store")
    assert audited.target_flavor == "local_custom"
    # 0.13.2 (like 0.20) served every `local` artifact store with the custom class, the old default
    # one too: it follows, while the 0.20 store's own default store keeps the built-in flavor
    default = [c for c in plan.components if c.legacy.type == "artifact_store" and c.legacy.name == "default"][0]
    assert default.target_flavor == "local_custom" and default.target_name == "legacy_default"
    assert _by_name(plan.stacks, "team_stack").action in (Action.MIGRATE, Action.CHANGE)


PAGER_013 = '''
from typing import ClassVar
from zenml.alerter import BaseAlerter


class PagerAlerter(BaseAlerter):
    FLAVOR: ClassVar[str] = "pager"
    token: str

    def post(self, message, config=None) -> bool:
        return True
'''

PAGER_020 = '''
from typing import Type
from zenml.alerter import BaseAlerter, BaseAlerterConfig, BaseAlerterFlavor
from zenml.config.secret_reference_mixin import SecretField


class PagerAlerterConfig(BaseAlerterConfig):
    token: str = SecretField()


class PagerAlerterFlavor(BaseAlerterFlavor):
    @property
    def name(self) -> str:
        return "pager"

    @property
    def config_class(self) -> Type[PagerAlerterConfig]:
        return PagerAlerterConfig

    @property
    def implementation_class(self) -> Type["PagerAlerter"]:
        return PagerAlerter


class PagerAlerter(BaseAlerter):
    def post(self, message, config=None) -> bool:
        return True
'''


@pytest.mark.parametrize("reexport", ["from .alerting.pager import PagerAlerter", "from opsdeck.alerting.pager import PagerAlerter as PagerAlerter"])
def test_a_flavor_registered_through_a_package_re_export_is_found_where_the_class_is(tmp_path, reexport):
    """0.13.2 registered `opsdeck.PagerAlerter` (the package re-exports the class of
    opsdeck/alerting/pager.py). The Flavor class that `migrate code --fix --unsafe-fixes` writes is
    next to the class: it was not found ('__init__.py defines no 0.20 Flavor class'), the hint named
    __init__.py and a Flavor class path that never exists, and the secret fields were read from __init__.py."""
    from zenml_migrate.profiles.custom_flavors import find_020_flavor
    from zenml_migrate.profiles.flavor_secrets import secret_fields

    pkg = tmp_path / "opsdeck"
    (pkg / "alerting").mkdir(parents=True)
    (pkg / "__init__.py").write_text(f"{reexport}\n")
    (pkg / "alerting" / "__init__.py").write_text("")
    pager = pkg / "alerting" / "pager.py"
    pager.write_text(PAGER_013)
    before = find_020_flavor("opsdeck.PagerAlerter", "alerter", paths=[str(tmp_path)])
    assert before.source is None and before.module_file == str(pager) and before.defined_as == "opsdeck.alerting.pager.PagerAlerter"
    assert before.notes == [f"{pager} defines no 0.20 Flavor class for PagerAlerter"]
    pager.write_text(PAGER_020)
    after = find_020_flavor("opsdeck.PagerAlerter", "alerter", paths=[str(tmp_path)])
    assert after.source == "opsdeck.alerting.pager.PagerAlerterFlavor" and after.module_file == str(pager), after
    assert after.schema is not None and "token" in secret_fields(after.module_file)
