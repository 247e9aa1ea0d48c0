"""Bad input: a clear error naming the file (and line) and what to do, exit 2, nothing
written, never a traceback. With --skip-invalid the valid rest is migrated (exit 1)."""

import os
import shutil
import sys

import pytest
from tests.clirunner import cli_runner

from tests.profiles.legacy_dirs import simple_config
from tests.profiles.test_readers import fixture
from zenml_migrate.cli import app

runner = cli_runner()


def migrate(cfg, out, *extra):
    result = runner.invoke(app, ["profiles", str(cfg), "--bundle", str(out), *extra], env={"COLUMNS": "200"})
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result


def expect_error(cfg, tmp_path, *needles):
    out = tmp_path / "bundle"
    result = migrate(cfg, out)
    assert result.exit_code == 2, result.output
    for needle in needles:
        assert needle in result.output, result.output
    assert "nothing was written" in result.output
    assert not out.exists()
    return result


@pytest.fixture
def cfg(tmp_path):
    dest = tmp_path / "cfg"
    shutil.copytree(fixture("one_stack"), dest)
    return dest


def profile(cfg):
    return cfg / "profiles" / "default"


def test_truncated_yaml(cfg, tmp_path):
    stacks = profile(cfg) / "stacks.yaml"
    stacks.write_text(stacks.read_text()[:-40] + "\n  docker_stack: {artifact_store: my_st")
    expect_error(cfg, tmp_path, "stacks.yaml:", "invalid YAML", "truncated")


def test_invalid_yaml_in_a_component_file(cfg, tmp_path):
    (profile(cfg) / "orchestrators" / "docker_orch.yaml").write_text("name: docker_orch\nuuid: [unclosed\n")
    expect_error(cfg, tmp_path, "docker_orch.yaml:", "invalid YAML")


def test_duplicate_keys(cfg, tmp_path):
    f = profile(cfg) / "orchestrators" / "docker_orch.yaml"
    f.write_text(f.read_text() + "docker_parent_image: python:3.8\n")
    expect_error(cfg, tmp_path, "docker_orch.yaml:", "duplicate key 'docker_parent_image'", "first on line")


def test_a_stack_naming_a_missing_component_file(cfg, tmp_path):
    (profile(cfg) / "artifact_stores" / "my_store.yaml").unlink()
    expect_error(cfg, tmp_path, "my_store.yaml", "has no configuration file", "stacks.yaml (line")


def test_a_stack_naming_a_component_the_profile_does_not_have(tmp_path):
    cfg = simple_config(tmp_path / "cfg", stacks={"s": {"orchestrator": "ghost", "artifact_store": "default"}})
    expect_error(cfg, tmp_path, "stacks.yaml:", "'ghost'")


def test_unknown_config_keys_of_a_built_in_flavor(cfg, tmp_path):
    f = profile(cfg) / "orchestrators" / "docker_orch.yaml"
    f.write_text(f.read_text() + "paralelism: 4\n")
    result = expect_error(cfg, tmp_path, "docker_orch.yaml:", "paralelism", "--skip-invalid")
    line = [i for i, text in enumerate(f.read_text().splitlines(), 1) if text.startswith("paralelism")][0]
    assert f"docker_orch.yaml:{line}" in result.output


def test_non_utf8_bytes(cfg, tmp_path):
    f = profile(cfg) / "orchestrators" / "docker_orch.yaml"
    f.write_bytes(f.read_bytes() + b"note: caf\xe9\n")
    line = f.read_bytes().count(b"\n")
    expect_error(cfg, tmp_path, f"docker_orch.yaml:{line}: not UTF-8: byte 0xe9 in column 10 cannot be decoded")


@pytest.mark.parametrize("where", ["config.yaml", "profiles/default/stacks.yaml", "profiles/default/orchestrators/docker_orch.yaml"])
def test_binary_bytes_that_are_utf8_say_line_column_and_what_to_do(cfg, tmp_path, where):
    """A NUL byte or another control character is valid UTF-8 that YAML refuses: it said
    "invalid YAML (ReaderError)" with no place and "fix the ..." only. The C parser counts in
    bytes: the column counts characters (the line has non-ASCII text before it)."""
    f = cfg / where
    secret = "s3cr3t-Pw-9d2"
    f.write_text(f.read_text() + f"note_{secret}: caf\u00e9 d\u00e9j\u00e0\x07 \x00\n")
    line = f.read_text().count("\n")
    result = expect_error(cfg, tmp_path, f"{f.name}:{line}: invalid YAML: the character U+0007 in column 30 is not allowed in YAML",
                          "(binary data?)", "remove it, or restore the")
    assert "ReaderError" not in result.output and secret not in result.output


def test_a_control_character_in_the_020_global_config_says_where():
    from zenml_migrate.profiles.global_config import GlobalConfig, GlobalConfigError

    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as d:
        (Path(d) / "config.yaml").write_bytes("version: 0.20.5\nstore:\n  url: sqlite:///p\u00e4th\x00\n".encode())
        with pytest.raises(GlobalConfigError) as err:
            GlobalConfig(Path(d))
    assert "not valid YAML on line 3, column 22 (the character U+0000 is not allowed in YAML); fix or move the file" in str(err.value)
    assert "sqlite" not in str(err.value)


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads any file; checked below by a directory")
def test_unreadable_file(cfg, tmp_path):
    f = profile(cfg) / "stacks.yaml"
    f.chmod(0)
    expect_error(cfg, tmp_path, "stacks.yaml", "permission denied")


def test_unreadable_file_reported_without_traceback(cfg, tmp_path, monkeypatch):
    """Root can read everything: simulate EACCES where the reader opens files (``os.open``,
    the bounded reader ``zenml_migrate.safe_read``)."""
    real_open = os.open
    target = str(profile(cfg) / "orchestrators" / "docker_orch.yaml")

    def fake_open(path, *a, **k):
        if str(path) == target:
            raise PermissionError(13, "Permission denied", target)
        return real_open(path, *a, **k)

    monkeypatch.setattr(os, "open", fake_open)
    expect_error(cfg, tmp_path, "docker_orch.yaml", "not readable (permission denied)", "chmod")


def test_symlink_loop(cfg, tmp_path):
    f = profile(cfg) / "orchestrators" / "docker_orch.yaml"
    f.unlink()
    loop = profile(cfg) / "orchestrators" / "loop.yaml"
    os.symlink(loop, f)
    os.symlink(f, loop)
    expect_error(cfg, tmp_path, "docker_orch.yaml", "symlink loop")


def test_directory_where_a_file_belongs(cfg, tmp_path):
    f = profile(cfg) / "orchestrators" / "docker_orch.yaml"
    f.unlink()
    f.mkdir()
    expect_error(cfg, tmp_path, "docker_orch.yaml", "is a directory where")


def test_broken_global_config(cfg, tmp_path):
    (cfg / "config.yaml").write_text("profiles:\n  default: {store_type: local\n")
    expect_error(cfg, tmp_path, "config.yaml:", "invalid YAML")


def test_not_a_config_dir(tmp_path):
    (tmp_path / "empty").mkdir()
    expect_error(tmp_path / "empty", tmp_path, "is not a ZenML 0.13.2 config dir")
    expect_error(tmp_path / "nope", tmp_path, "does not exist", "ZENML_CONFIG_PATH")


def test_corrupt_sql_store(tmp_path):
    cfg = tmp_path / "cfg"
    shutil.copytree(fixture("sql_profile"), cfg)
    (cfg / "profiles" / "sqlp" / "zenml.db").write_bytes(b"SQLite format 3\x00" + b"\x00" * 50)
    expect_error(cfg, tmp_path, "zenml.db", "SQLite")


def test_a_locked_sql_store_says_wait_not_restore(tmp_path):
    """A 0.13.2 command or `zenml server` writing the store holds it locked: the file is fine."""
    import sqlite3

    cfg = tmp_path / "cfg"
    shutil.copytree(fixture("sql_profile"), cfg)
    db = cfg / "profiles" / "sqlp" / "zenml.db"
    holder = sqlite3.connect(db, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("UPDATE zenstack SET name = name")
        result = expect_error(cfg, tmp_path, f"{db}: the SQLite store is locked by another process", "wait for it")
        assert "restore" not in result.output
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_stack_whose_sql_component_cannot_be_read_is_left_out_not_stripped(tmp_path):
    """--skip-invalid migrated sql_stack without its secrets manager (the plan said nothing of it)."""
    import sqlite3

    import yaml

    cfg = tmp_path / "cfg"
    shutil.copytree(fixture("sql_profile"), cfg)
    conn = sqlite3.connect(cfg / "profiles" / "sqlp" / "zenml.db")
    conn.execute("UPDATE zenstackcomponent SET configuration = X'21402324' WHERE name = 'local_sm'")
    conn.commit()
    conn.close()
    expect_error(cfg, tmp_path, "zenstackcomponent secrets_manager 'local_sm'",
                 "stack 'sql_stack' uses the secrets_manager 'local_sm', whose configuration cannot be read")
    out = tmp_path / "bundle"
    result = migrate(cfg, out, "--skip-invalid", "--profile", "sqlp")
    assert result.exit_code == 1, result.output
    assert not (out / "stacks" / "sql_stack.yaml").exists()  # not written without its secrets manager
    assert yaml.safe_load((out / "stacks" / "legacy_default.yaml").read_text())["stack_name"] == "legacy_default"


def test_a_stack_whose_component_file_is_broken_says_so_not_missing(cfg, tmp_path):
    f = profile(cfg) / "orchestrators" / "docker_orch.yaml"
    f.write_text(f.read_text() + "  bad: [unclosed\n")
    result = expect_error(cfg, tmp_path, "docker_orch.yaml", "stack 'docker_stack' uses the orchestrator 'docker_orch', whose configuration cannot be read")
    assert "does not have" not in result.output


def test_skip_invalid_migrates_the_valid_rest(cfg, tmp_path):
    f = profile(cfg) / "orchestrators" / "docker_orch.yaml"
    f.write_text(f.read_text() + "paralelism: 4\n")
    out = tmp_path / "bundle"
    result = migrate(cfg, out, "--skip-invalid")
    assert result.exit_code == 1, result.output
    assert "paralelism" in result.output and "skipped" in result.output
    assert (out / "stacks" / "legacy_default.yaml").exists()
    assert not (out / "stacks" / "docker_stack.yaml").exists()


def test_sql_stack_naming_a_missing_component_row(tmp_path):
    import sqlite3

    cfg = tmp_path / "cfg"
    shutil.copytree(fixture("sql_profile"), cfg)
    db = cfg / "profiles" / "sqlp" / "zenml.db"
    conn = sqlite3.connect(db)
    conn.execute("DELETE FROM zenstackcomponent WHERE name = 'ld_orch'")
    conn.commit()
    conn.close()
    expect_error(cfg, tmp_path, "zenml.db (zenstack 'sql_stack')", "not in zenstackcomponent")
    result = migrate(cfg, tmp_path / "bundle", "--skip-invalid", "--profile", "sqlp")
    assert result.exit_code == 1 and not (tmp_path / "bundle" / "stacks" / "sql_stack.yaml").exists()
    assert (tmp_path / "bundle" / "stacks" / "legacy_default.yaml").exists()


@pytest.mark.parametrize("name", ["", "  "])
def test_an_empty_project_name_is_a_usage_error(cfg, tmp_path, name):
    """``--project "$PROJECT"`` with the variable unset: it planned "(project )" and wrote a bundle."""
    out = tmp_path / "bundle"
    result = migrate(cfg, out, "--project", name)
    assert result.exit_code == 2 and f"--project {name!r}: an empty name names no project" in result.output, result.output
    assert not out.exists()


def test_a_project_name_zenml_020_cannot_read_back_is_a_usage_error(cfg, tmp_path):
    """A 150-character --project was created in the 0.20.5 store and named in its config.yaml; then
    `zenml project list` (and every command reading the active project) failed with a
    ValidationError (ZenML 0.20 takes at most 128 characters in a name)."""
    out = tmp_path / "bundle"
    result = migrate(cfg, out, "--project", "p" * 129)
    assert result.exit_code == 2 and "--project: the name has 129 characters; ZenML 0.20 takes at most 128" in result.output, result.output
    assert not out.exists()
    assert migrate(cfg, out, "--project", "p" * 128).exit_code == 0
