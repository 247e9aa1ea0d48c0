"""`migrate profiles` end to end through the Typer app (plan, json, dry run, bundle, report, repo)."""

import json
import shutil
from pathlib import Path

from tests.clirunner import cli_runner

from tests.profiles.test_readers import CONFIGS, fixture
from zenml_migrate.cli import app

runner = cli_runner()


def run(*args, env=None):
    result = runner.invoke(app, ["profiles", *map(str, args)], env=env or {"COLUMNS": "200"})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def snapshot(path: Path):
    return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


def test_no_target_prints_the_plan_and_changes_nothing(tmp_path):
    cfg = tmp_path / "cfg"
    shutil.copytree(fixture("one_stack"), cfg)
    before = snapshot(cfg)
    result = run(cfg)
    assert result.exit_code == 0, result.output
    assert "docker_stack" in result.output and "migrate with changes" in result.output
    assert "docker_parent_image" in result.output
    assert snapshot(cfg) == before


def test_default_config_dir_comes_from_zenml_config_path():
    result = run(env={"ZENML_CONFIG_PATH": str(fixture("one_stack")), "COLUMNS": "200"})
    assert result.exit_code == 0 and "docker_stack" in result.output


def test_json_plan_for_machines():
    result = run(fixture("multi"), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {p["name"] for p in data["profiles"]} >= {"team_a", "team_b"}
    stacks = {i["target_name"] for i in data["items"] if i["kind"] == "stack"}
    assert {"dev_team_a", "dev_team_b"} <= stacks
    assert data["active_stack_is_suggestion"] is True and data["problems"] == []


def test_json_plan_never_shows_credentials():
    result = run(fixture("rich"), "--format", "json")
    assert "s3cr3t" not in result.stdout
    [tracker] = [i for i in json.loads(result.stdout)["items"] if i["name"] == "mlflow_tracker"]
    assert tracker["configuration"]["tracking_password"] == "********"
    assert tracker["configuration"]["tracking_uri"] == "https://mlflow.example.com"


def test_dry_run_with_a_bundle_writes_nothing(tmp_path):
    result = run(fixture("one_stack"), "--bundle", tmp_path / "b", "--dry-run")
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "b").exists()
    # it said "pass --bundle DIR, --store PATH or --server URL to migrate" with --bundle given (review27 R10)
    assert "nothing was written (--dry-run): run again without --dry-run to migrate" in result.output, result.output
    plan_only = run(fixture("one_stack"), "--dry-run")
    assert "nothing was written (--dry-run): pass --bundle DIR, --store PATH or --server URL to migrate" in plan_only.output


def test_bundle_report_and_repo(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(CONFIGS / "with_runs" / "repo", repo)
    original = (repo / ".zen" / "config.yaml").read_text()
    result = run(fixture("with_runs"), "--bundle", tmp_path / "b", "--report", tmp_path / "r.md", "--repo", repo)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "b" / "import.sh").exists()
    report = (tmp_path / "r.md").read_text()
    assert "## What was dropped, and why" in report and "2 runs of 1 pipeline," in report
    assert "metadata.db" in report and "What to do next" in report
    new = (repo / ".zen" / "config.yaml").read_text()
    assert "active_project_name: default" in new
    backups = list((repo / ".zen").glob("config.yaml.zenml-0.13.2*.bak"))
    assert len(backups) == 1 and backups[0].read_text() == original
    for line in original.splitlines():  # every legacy key is kept
        assert line.split(":")[0] in new


def test_html_report_is_escaped(tmp_path):
    result = run(fixture("rich"), "--report", tmp_path / "r.html")
    assert result.exit_code == 0, result.output
    html = (tmp_path / "r.html").read_text()
    assert html.startswith("<!doctype html>") and "kf_stack" in html and "http://zenml.example.com:8080" in html
    assert "settings={&#39;docker&#39;" in html or "settings={&#x27;docker&#x27;" in html


def test_rerun_into_the_same_bundle_dir_is_refused_without_overwrite(tmp_path):
    assert run(fixture("one_stack"), "--bundle", tmp_path / "b").exit_code == 0
    again = run(fixture("one_stack"), "--bundle", tmp_path / "b")
    assert again.exit_code == 2 and "not empty" in again.output and "--overwrite" in again.output
    assert run(fixture("one_stack"), "--bundle", tmp_path / "b", "--overwrite").exit_code == 0


def test_only_one_target_and_known_formats(tmp_path):
    both = run(fixture("one_stack"), "--bundle", tmp_path / "b", "--server", "http://x")
    assert both.exit_code == 2 and "choose one target" in both.output
    assert run(fixture("one_stack"), "--format", "xml").exit_code == 2
    assert run(fixture("one_stack"), "--report", tmp_path / "r.pdf").exit_code == 2
    assert run(fixture("multi"), "--profile", "nope").exit_code == 2
    assert not (tmp_path / "b").exists()


def test_profile_selection_and_prefix():
    result = run(fixture("multi"), "--profile", "team_b", "--prefix", "b_", "--format", "json")
    data = json.loads(result.stdout)
    assert {i["profile"] for i in data["items"]} == {"team_b"}
    assert all(i["target_name"].startswith("b_") for i in data["items"] if i["action"] != "drop")


def test_repo_rewrite_sets_the_stack_id_when_the_target_knows_it(tmp_path):
    from zenml_migrate.profiles.plan import build_plan
    from zenml_migrate.profiles.readers import read_legacy
    from zenml_migrate.profiles.repo import read_repo_config, rewrite

    zen = tmp_path / "repo" / ".zen"
    zen.mkdir(parents=True)
    (zen / "config.yaml").write_text("# my repo\nactive_profile_name: default\nactive_stack_name: docker_stack\nproject_name: null\ncustom_key: 1\n")
    plan = build_plan(read_legacy(str(fixture("one_stack"))))
    cfg = read_repo_config(str(tmp_path / "repo"))
    backup = rewrite(cfg, plan, {"docker_stack": "11111111-2222-4333-8444-555555555555"})
    text = (zen / "config.yaml").read_text()
    assert text.startswith("# my repo\n") and "custom_key: 1" in text and "active_stack_name: docker_stack" in text
    assert "active_stack_id: 11111111-2222-4333-8444-555555555555" in text and "active_project_name: default" in text
    assert Path(backup).read_text().startswith("# my repo")
    assert rewrite(read_repo_config(str(tmp_path / "repo")), plan, {"docker_stack": "11111111-2222-4333-8444-555555555555"}) is None


def test_repo_rewrite_of_a_symlinked_config_keeps_the_link_and_leaves_no_temp_file(tmp_path):
    """A dotfiles-managed .zen/config.yaml (a symlink): the file it points to is rewritten, the
    link stays (os.replace on the link path replaced it with a plain file), nothing else is left."""
    import os

    from zenml_migrate.profiles.plan import build_plan
    from zenml_migrate.profiles.readers import read_legacy
    from zenml_migrate.profiles.repo import read_repo_config, rewrite

    zen = tmp_path / "repo" / ".zen"
    zen.mkdir(parents=True)
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    (dotfiles / "zen-config.yaml").write_text("active_profile_name: default\nactive_stack_name: docker_stack\n")
    os.symlink(dotfiles / "zen-config.yaml", zen / "config.yaml")
    plan = build_plan(read_legacy(str(fixture("one_stack"))))
    rewrite(read_repo_config(str(tmp_path / "repo")), plan, {"docker_stack": "11111111-2222-4333-8444-555555555555"})
    assert (zen / "config.yaml").is_symlink()
    assert "active_stack_id: 11111111-2222-4333-8444-555555555555" in (dotfiles / "zen-config.yaml").read_text()
    assert sorted(p.name for p in dotfiles.iterdir()) == ["zen-config.yaml"]


def test_store_rerun_with_a_flavor_needing_a_020_class_says_already_migrated(tmp_path):
    """The custom flavor row is never written (no 0.20 Flavor class): a re-run must not
    claim to write it again."""
    from tests.profiles.test_store import make_store

    cfg020 = tmp_path / "cfg020"
    cfg020.mkdir()
    db = make_store(cfg020)
    first = run(fixture("custom_flavor"), "--store", db, "--skip-invalid")
    assert first.exit_code in (0, 1), first.output
    assert "wrote" in first.output
    again = run(fixture("custom_flavor"), "--store", db, "--skip-invalid")
    assert "already migrated" in again.output, again.output
    assert "wrote" not in again.output


def test_a_repo_naming_a_deleted_profile_gets_the_stack_0132_switched_it_to(tmp_path):
    """The repo's profile was deleted: ZenML 0.13.2 says "Profile gone not found. Switching repository
    to the global active profile" and uses that profile's active stack (seen on the real 0.13.2,
    /tmp/profiles-c4b). The rewrite pointed active_stack_id at any profile's stack of the repo's
    stack name (the first profile's 'default'), and nothing said so."""
    from zenml_migrate.profiles.plan import build_plan
    from zenml_migrate.profiles.readers import read_legacy
    from zenml_migrate.profiles.repo import new_config, profile_gone, read_repo_config

    zen = tmp_path / "repo" / ".zen"
    zen.mkdir(parents=True)
    (zen / "config.yaml").write_text("active_profile_name: gone\nactive_stack_name: default\nproject_name: null\n")
    legacy = read_legacy(str(fixture("multi")))
    plan = build_plan(legacy)
    cfg = read_repo_config(str(tmp_path / "repo"))
    active = {p.name: p.active_stack for p in legacy.profiles}[legacy.activated_profile]
    [expected] = [s for s in plan.stacks if s.profile == legacy.activated_profile and s.legacy.name == active]
    assert new_config(cfg, plan, {s.target_name: f"id-{s.target_name}" for s in plan.stacks})["active_stack_id"] == f"id-{expected.target_name}"
    assert profile_gone(cfg, legacy) == (
        f"{cfg.path} names profile 'gone', which {legacy.path} no longer has: ZenML 0.13.2 switches such a repository to "
        f"the global active profile {legacy.activated_profile!r} and its active stack {active!r}, whose migration becomes "
        "the repository's 0.20 active stack")
    result = cli_runner().invoke(app, ["profiles", str(fixture("multi")), "--repo", str(tmp_path / "repo")], env={"COLUMNS": "400"})
    assert "names profile 'gone', which" in result.stdout
    (zen / "config.yaml").write_text(f"active_profile_name: {legacy.activated_profile}\nactive_stack_name: default\n")
    assert profile_gone(read_repo_config(str(tmp_path / "repo")), legacy) is None


def test_a_zenml_version_outside_020_is_refused_with_the_reason_of_its_side(tmp_path):
    """0.19.0 was answered with "ZenML 0.21+ changed the store... migrate into 0.20.5 first", about another release."""
    cfg = fixture("default_only")  # refused before anything is read
    said = {}
    for version in ("0.19.0", "0.12.0", "0.20", "0.20.9", "0.21.0", "newest"):
        result = run(cfg, "--zenml-version", version)
        assert result.exit_code == 2 and "0.20.0-0.20.5" in result.output and "Traceback" not in result.output
        said[version] = result.output
    assert all("before 0.20 has no 0.20 store" in said[v] and "0.21" not in said[v] for v in ("0.19.0", "0.12.0"))
    assert "not a full version" in said["0.20"] and "not a ZenML 0.20 release this migration knows" in said["0.20.9"]
    assert "ZenML 0.21+ changed the store" in said["0.21.0"] and "is not a ZenML version" in said["newest"]
