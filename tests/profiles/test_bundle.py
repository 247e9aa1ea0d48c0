"""The bundle target: `zenml stack import` files, import.sh, modes, atomic writes."""

import json
import os
import stat
import subprocess
import uuid
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.profiles.legacy_dirs import simple_config
from tests.profiles.test_readers import fixture
from zenml_migrate.profiles import yaml_emit
from zenml_migrate.profiles.plan import PlanOptions, build_plan
from zenml_migrate.profiles.readers import read_legacy
from zenml_migrate.profiles.targets import TargetError
from zenml_migrate.profiles.targets.bundle import BundleTarget


def write_bundle(cfg, out, **options):
    target = BundleTarget(str(out), overwrite=options.pop("overwrite", False))
    plan = build_plan(read_legacy(str(cfg)), target.existing("default"),
                      PlanOptions(import_safe_names=True, target=target.describe(), **options))
    return plan, target.write(plan)


def load(path):
    with open(path) as f:
        return yaml.safe_load(f)


def test_one_file_per_stack_in_the_shape_zenml_stack_import_reads(tmp_path):
    plan, result = write_bundle(fixture("rich"), tmp_path / "b", profiles=["default"])
    files = sorted((tmp_path / "b" / "stacks").iterdir())
    assert {f.name for f in files} == {"kf_stack.yaml", "aws_stack.yaml", "local_tracking.yaml", "legacy_default.yaml"}
    doc = load(tmp_path / "b" / "stacks" / "kf_stack.yaml")
    assert doc["stack_name"] == "kf_stack" and doc["zenml_version"] == "0.20.5"
    assert "metadata_store" not in doc["components"]
    for type_, c in doc["components"].items():
        assert set(c) == {"name", "flavor", "type", "id", "configuration"} and c["type"] == type_
        assert uuid.UUID(c["id"]).version == 4
    assert doc["components"]["orchestrator"]["configuration"]["kubeflow_pipelines_ui_port"] == 8090
    aws = load(tmp_path / "b" / "stacks" / "aws_stack.yaml")
    assert aws["components"]["artifact_store"]["id"] == doc["components"]["artifact_store"]["id"]  # shared
    assert "stack kf_stack" in result.created


def test_credentials_files_are_private_and_the_rest_readable(tmp_path):
    write_bundle(fixture("rich"), tmp_path / "b", profiles=["default"])
    mode = lambda p: stat.S_IMODE(os.stat(tmp_path / "b" / p).st_mode)  # noqa: E731
    assert mode("stacks/kf_stack.yaml") == 0o600  # mlflow tracking_password
    assert mode("stacks/legacy_default.yaml") & 0o044  # no credentials: readable (umask permitting)
    assert mode("plan.json") & 0o044  # names only, no credential: readable like README.txt


def test_import_script_order_and_shared_component_ids(tmp_path):
    plan, _ = write_bundle(fixture("rich"), tmp_path / "b", profiles=["default"])
    script = (tmp_path / "b" / "import.sh").read_text()
    assert os.access(tmp_path / "b" / "import.sh", os.X_OK)
    imports = [line for line in script.splitlines() if "zenml stack import" in line and not line.startswith("#")]
    assert len(imports) == 4 and all("</dev/null" in line for line in imports)
    shared = [c for c in plan.components if c.legacy.name == "s3_store"][0]
    first_import = script.index("kf_stack.yaml") if script.index("kf_stack.yaml") < script.index("aws_stack.yaml") else script.index("aws_stack.yaml")
    assert script.index(f"use_id {shared.new_id}") > first_import
    assert script.rstrip().endswith('exit "$FAILED"')
    subprocess.run(["sh", "-n", str(tmp_path / "b" / "import.sh")], check=True)  # valid POSIX sh


def test_custom_flavors_file_and_register_commands(tmp_path, monkeypatch):
    monkeypatch.chdir(Path(__file__).resolve().parent.parent.parent / "fixtures" / "custom_flavor_pkg")
    write_bundle(fixture("custom_flavor"), tmp_path / "b")
    flavors = {f["name"]: f for f in load(tmp_path / "b" / "flavors.yaml")["flavors"]}
    assert flavors["my_custom"]["source"] == "my_flavors.flavors.my_orchestrator_flavor.MyOrchestratorFlavor"
    assert flavors["legacy_op"]["needs_flavor_class"] and flavors["legacy_op"]["components"] == ["legacy_step_op"]
    script = (tmp_path / "b" / "import.sh").read_text()
    register = '"$PY" register_flavor.py orchestrator my_custom my_flavors.flavors.my_orchestrator_flavor.MyOrchestratorFlavor'
    assert f"if {register} </dev/null; then FLAVOR_OK_ORCHESTRATOR_MY_CUSTOM=1; else FAILED=1; fi" in script
    assert "FLAVOR_SOURCE_STEP_OPERATOR_LEGACY_OP" in script
    assert script.index("register_flavor.py") < script.index("zenml stack import")
    # a stack is imported only once every custom flavor it uses is registered
    guard = 'if [ -n "$FLAVOR_OK_ORCHESTRATOR_MY_CUSTOM" ] && [ -n "$FLAVOR_OK_STEP_OPERATOR_LEGACY_OP" ]; then'
    assert guard in script and script.index(guard) < script.index("custom_stack.yaml")
    assert (tmp_path / "b" / "register_flavor.py").is_file()
    subprocess.run(["sh", "-n", str(tmp_path / "b" / "import.sh")], check=True)
    custom = load(tmp_path / "b" / "stacks" / "custom_stack.yaml")
    assert custom["components"]["step_operator"]["configuration"] == {"endpoint": "http://op:9000", "workers": 4}
    readme = (tmp_path / "b" / "README.txt").read_text()
    assert "NEEDS a 0.20 Flavor class" in readme


def test_what_the_bundle_says_it_wrote_counts_only_flavors_it_can_register(tmp_path, monkeypatch):
    """A custom flavor with no 0.20 Flavor class is only listed in flavors.yaml: the summary said
    "wrote 3 flavors" for three such flavors (held-out 34). my_custom has a 0.20 class, legacy_op none."""
    monkeypatch.chdir(Path(__file__).resolve().parent.parent.parent / "fixtures" / "custom_flavor_pkg")
    _plan, result = write_bundle(fixture("custom_flavor"), tmp_path / "b")
    said = result.summary()
    assert "1 flavor," in said or said.startswith("1 flavor ")
    [waiting] = [m for m in result.messages if "Flavor class" in m]
    assert waiting.startswith("1 custom flavor (legacy_op) needs a ZenML 0.20 Flavor class")
    assert "FLAVOR_SOURCE_STEP_OPERATOR_LEGACY_OP names its Flavor class" in waiting


def test_refuses_a_non_empty_dir_unless_overwrite(tmp_path):
    """--overwrite replaces a previous bundle's own files only: a dir that holds no bundle is
    refused even with it, and files the user added to a bundle dir are kept."""
    out = tmp_path / "b"
    out.mkdir()
    (out / "keep.txt").write_text("x")
    with pytest.raises(TargetError, match="not empty"):
        write_bundle(fixture("one_stack"), out)
    with pytest.raises(TargetError, match="holds no bundle written by zenml-migrate"):
        write_bundle(fixture("one_stack"), out, overwrite=True)
    assert (out / "keep.txt").read_text() == "x"
    (out / "keep.txt").unlink()
    write_bundle(fixture("one_stack"), out)
    (out / "keep.txt").write_text("x")
    with pytest.raises(TargetError, match="pass --overwrite"):
        write_bundle(fixture("one_stack"), out)
    write_bundle(fixture("one_stack"), out, overwrite=True)
    assert (out / "keep.txt").read_text() == "x" and (out / "stacks" / "docker_stack.yaml").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["b"]  # no temp dirs left


def test_a_failed_write_leaves_nothing(tmp_path, monkeypatch):
    from zenml_migrate.profiles.targets import bundle

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(bundle, "readme", lambda *a: boom())
    with pytest.raises(TargetError, match="nothing was written"):
        write_bundle(fixture("one_stack"), tmp_path / "b")
    assert list(tmp_path.iterdir()) == []


def test_standalone_components_get_register_commands(tmp_path):
    cfg = simple_config(tmp_path / "cfg", {("experiment_tracker", "lonely"): ("mlflow", {"tracking_uri": "http://m", "tracking_insecure_tls": True})})
    write_bundle(cfg, tmp_path / "b")
    script = (tmp_path / "b" / "import.sh").read_text()
    assert "zenml experiment-tracker register lonely --flavor=mlflow --tracking_insecure_tls=true --tracking_uri=http://m" in script
    assert load(tmp_path / "b" / "components.yaml")["components"][0]["name"] == "lonely"


def test_plan_json_names_the_active_stack(tmp_path):
    write_bundle(fixture("one_stack"), tmp_path / "b")
    data = json.loads((tmp_path / "b" / "plan.json").read_text())
    assert data["active_stack"] == "docker_stack" and data["stacks"]["docker_stack"] == "stacks/docker_stack.yaml"


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text())
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(), inner, max_size=4)), max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(), values, max_size=6))
def test_the_bundle_yaml_writer_round_trips_through_yaml_safe_load(data):
    assert yaml.safe_load(yaml_emit.dump(data)) == (data or None)


def test_credentials_of_vault_and_custom_flavors_make_files_private(tmp_path):
    cfg = simple_config(tmp_path / "cfg", {
        ("secrets_manager", "vault_sm"): ("vault", {"url": "http://v", "token": "t", "mount_point": "m"}),
        ("orchestrator", "custom"): ("my_orch", {"db_password": "p", "retries": 1}),
        ("artifact_store", "plain"): ("local", {"path": "/p"}),
    }, {"v": {"orchestrator": "default", "artifact_store": "plain", "secrets_manager": "vault_sm"},
        "c": {"orchestrator": "custom", "artifact_store": "plain"},
        "p": {"orchestrator": "default", "artifact_store": "plain"}},
        flavors=[{"name": "my_orch", "type": "orchestrator", "source": "nowhere.Orch", "integration": None}])
    write_bundle(cfg, tmp_path / "b")
    mode = lambda name: stat.S_IMODE(os.stat(tmp_path / "b" / "stacks" / name).st_mode)  # noqa: E731
    assert mode("v.yaml") == 0o600 and mode("c.yaml") == 0o600
    assert mode("p.yaml") & 0o044  # readable by others (umask permitting): no credentials inside


def test_a_standalone_components_credentials_are_read_from_private_files_not_the_command_line(tmp_path):
    """import.sh registered a component in no stack with every value on the command line: a wandb
    api_key was visible in `ps` to every user while it ran. ZenML 0.20.0-0.20.5 read `--key=@FILE`
    from FILE: the credential goes into a 0600 file; a plain value that starts with @ is doubled."""
    cfg = simple_config(tmp_path / "cfg", {
        ("experiment_tracker", "wb"): ("wandb", {"api_key": "WANDB-CANARY-4417", "entity": "@team", "project_name": "p"}),
        ("experiment_tracker", "ml"): ("mlflow", {"tracking_uri": "https://u:URLPW-CANARY-4417@m.example", "tracking_username": "me",
                                                "tracking_password": "PW-CANARY-4417"}),
    })
    write_bundle(cfg, tmp_path / "b")
    script = (tmp_path / "b" / "import.sh").read_text()
    assert "CANARY-4417" not in script
    assert stat.S_IMODE(os.stat(tmp_path / "b" / "import.sh").st_mode) & 0o044  # no credential in it
    assert "--entity=@@team" in script and "--project_name=p" in script
    files = {}
    for line in script.splitlines():
        for word in line.split():
            if "=@credentials/" in word:
                files[word.split("=", 1)[0]] = (tmp_path / "b" / word.split("=@", 1)[1]).read_text()
    assert files == {"--api_key": "WANDB-CANARY-4417", "--tracking_password": "PW-CANARY-4417", "--tracking_username": "me",
                     "--tracking_uri": "https://u:URLPW-CANARY-4417@m.example"}
    for f in (tmp_path / "b" / "credentials").iterdir():
        assert stat.S_IMODE(f.stat().st_mode) == 0o600


def test_every_bundle_ships_register_flavor_py(tmp_path):
    """review29 P2: ZM958's 0.20.0 TODO names ``python register_flavor.py TYPE NAME SOURCE`` written
    by ``migrate profiles --bundle``, which wrote it only when the config dir held a custom flavor."""
    from zenml_migrate.cli import app
    from tests.scan_helpers import cli_runner

    result = cli_runner().invoke(app, ["profiles", str(fixture("default_only")), "--bundle", str(tmp_path / "b")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "b" / "register_flavor.py").is_file()
