"""``zenml`` command lines in the configuration files around a project (tox, pyproject task
runners, compose, pre-commit, Procfile, justfile, Jenkinsfile, other CI definitions, PowerShell
and batch scripts), commands run through ``sh -c`` / a here-document fed to a shell / a Makefile
variable, and notebooks whose kernel is not Python: each found with its position, fixed in
place (the file stays what its tool reads), noted with a comment of its language, idempotent."""

import pytest

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.scan.command_configs import READERS
from zenml_migrate.scan.command_lines import split_commands, zenml_argv
from zenml_migrate.scan.file_kinds import CONFIG_KINDS
from zenml_migrate.scan.discovery import kind_of


def found(text, filename):
    return [(f.code, f.span.line, f.span.column) for f in scan_source(text, filename)]


def fixed(text, filename):
    result = fix_source(text, filename)
    again = fix_source(result.text, filename)
    assert again.text == result.text, "a second run changes nothing"
    return result.text


def test_every_config_kind_has_a_reader():
    # and a Databricks job.json (a requirements kind: its libraries are pins), whose name an AWS Batch or
    # Vertex AI job spec may have: its container commands are read as well
    assert set(READERS) == set(CONFIG_KINDS) | {"databricks_job"}


@pytest.mark.parametrize(
    "path, kind",
    [
        ("tox.ini", "tox"), ("pkg/setup.cfg", "tox"), ("pyproject.toml", "pyproject"), ("docker-compose.yml", "compose"),
        ("deploy/docker-compose.prod.yaml", "compose"), ("compose.yaml", "compose"), (".pre-commit-config.yaml", "pre_commit"),
        ("Procfile", "procfile"), ("justfile", "justfile"), ("Jenkinsfile", "jenkinsfile"), ("ops/init.ps1", "powershell"),
        ("win/setup.bat", "batch"), ("win/setup.cmd", "batch"), ("azure-pipelines.yml", "ci_yaml"),
        (".circleci/config.yml", "ci_yaml"), ("action.yml", "ci_yaml"), (".github/actions/x/action.yaml", "ci_yaml"),
        ("configs/compose_step.yaml", "yaml"), ("settings.ini", "tox"), ("app.ini", None), ("other.toml", None),
    ],
)
def test_config_file_kinds(path, kind):
    assert kind_of(path) == kind


TOX = """[tox]
envlist = lint

[testenv:e2e]
deps = pytest
commands_pre = zenml profile create e2e
commands =
    -zenml stack register e2e -m local -a local -o local
    zenml stack set e2e
    pytest {posargs}

[flake8]
commands = zenml profile create not_tox
"""


def test_tox_commands_one_per_line():
    assert found(TOX, "tox.ini") == [("ZM950", 6, 16), ("ZM952", 8, 31)]
    out = fixed(TOX, "tox.ini")
    assert "    -zenml stack register e2e -a local -o local\n" in out
    assert "# TODO(zenml-migrate): ZM950 " in out.split("commands_pre")[0]  # above the key line
    assert out.count("TODO(zenml-migrate)") == 1


PYPROJECT = """[tool.poetry]
name = "x"
description = "zenml stack register doc -m nope"

[tool.poe.tasks.bootstrap]
help = "zenml profile create helper (not run)"
cmd = "zenml stack register boot -m m1 -a a1 -o o1"

[tool.taskipy.tasks]
prof = 'zenml profile set dev'
"""


def test_pyproject_task_strings():
    assert found(PYPROJECT, "pyproject.toml") == [("ZM952", 7, 34), ("ZM950", 10, 9)]
    out = fixed(PYPROJECT, "pyproject.toml")
    assert 'cmd = "zenml stack register boot -a a1 -o o1"' in out and "doc -m nope" in out


PDM_ARGV = """[tool.pdm.scripts]
up = { cmd = ["zenml", "profile", "create", "ci"] }
ok = { cmd = ["zenml", "stack", "list"], help = "zenml profile set x" }

[tool.pdm.scripts.stack]
cmd = [
    "zenml", "stack", "register", "s3",  # the stack
    "-m", "default", "-a", "default", "-o", "default",
]

[tool.rye.scripts]
prof = { cmd = ["zenml", "profile", "set", "ci"] }
more = { cmd = ["zenml", "stack", "register", "s4", "-m", "md", "-a", "a", "-o", "o", "\\x"] }

[tool.hatch.envs.default.scripts]
both = ["zenml stack list", "zenml profile set ci"]
"""


def test_pdm_and_rye_cmd_lists_are_the_words_of_one_command():
    """review29 R7 nit: PDM's and Rye's ``cmd = [...]`` is a list of words (Hatch's list, commands)."""
    assert found(PDM_ARGV, "pyproject.toml") == [
        ("ZM950", 2, 16), ("ZM952", 8, 6), ("ZM950", 12, 18), ("ZM952", 13, 54), ("ZM950", 16, 30)]
    out = fixed(PDM_ARGV, "pyproject.toml")
    assert '    "zenml", "stack", "register", "s3",  # the stack\n    "-a", "default", "-o", "default",\n]' in out, out
    assert '"s4", "-a", "a", "-o", "o", "\\x"' in out, out  # (a word after it is not plain: the known words end there)
    assert out.count("# TODO(zenml-migrate): ZM950") == 3


COMPOSE = """services:
  api:
    command: ["zenml", "stack", "register", "c1", "-m", "md", "-a", "ar", "-o", "or"]
  job:
    entrypoint:
      - zenml
      - stack
      - register
      - c2
      - -a
      - ar
      - -o
      - or
      - -m
      - md
  sh:
    command: bash -lc 'zenml metadata-store list'
"""


def test_compose_command_forms():
    assert [c for c, _, _ in found(COMPOSE, "docker-compose.yml")] == ["ZM952", "ZM952", "ZM951"]
    out = fixed(COMPOSE, "docker-compose.yml")
    assert 'command: ["zenml", "stack", "register", "c1", "-a", "ar", "-o", "or"]' in out
    assert "      - or\n  sh:" in out
    assert "    # TODO(zenml-migrate): ZM951 " in out
    import yaml

    assert yaml.safe_load(out)["services"]["job"]["entrypoint"] == ["zenml", "stack", "register", "c2", "-a", "ar", "-o", "or"]


def test_pre_commit_procfile_justfile_jenkinsfile():
    assert found("repos:\n- repo: local\n  hooks:\n  - id: z\n    entry: zenml profile list\n    language: system\n", ".pre-commit-config.yaml") == []
    assert [c for c, *_ in found("repos:\n- repo: local\n  hooks:\n  - id: z\n    entry: zenml profile set dev\n", ".pre-commit-config.yaml")] == ["ZM950"]
    assert found("web: gunicorn app\nclock: zenml stack register k -m x -a y -o z\n", "Procfile") == [("ZM952", 2, 31)]
    just = 'default:\n  just --list\n\nboot name="s":\n  @zenml stack register {{name}} -m x -a y\n'
    assert fixed(just, "justfile") == 'default:\n  just --list\n\nboot name="s":\n  @zenml stack register {{name}} -a y\n'
    # the program from a string variable: ``{{zenml}}`` runs ``poetry run zenml``; an unknown variable runs nothing known
    via = 'zenml := "poetry run zenml"\nexport zen2 := \'zenml\'\n\nboot:\n  {{zenml}} stack register s -m x -a y -o z\n  {{zen2}} profile create p\n  {{other}} profile create p\n'
    assert [(c, line) for c, line, _ in found(via, "justfile")] == [("ZM952", 5), ("ZM950", 6)]
    assert "  {{zenml}} stack register s -a y -o z\n" in fixed(via, "justfile")
    groovy = "node {\n  stage('s') {\n    sh '''\n      zenml profile create ci\n    '''\n    sh(script: \"zenml stack register j -m x -a y -o z\")\n  }\n}\n"
    out = fixed(groovy, "Jenkinsfile")
    assert '    sh(script: "zenml stack register j -a y -o z")' in out
    assert "\n    // # TODO(zenml-migrate): ZM950 " in out  # a Groovy comment, above the sh step


def test_powershell_and_batch_continuations():
    ps = "zenml stack register w `\n  -m x `\n  -a y -o z\n& zenml profile create p\n"
    assert [c for c, *_ in found(ps, "init.ps1")] == ["ZM952", "ZM950"]
    assert fixed(ps, "init.ps1").startswith("zenml stack register w `\n  -a y -o z\n# TODO(zenml-migrate): ZM950 ")
    bat = "@echo off\r\nREM zenml profile create not_run\r\n:: zenml profile create not_run\r\ncall zenml profile create p\r\n"
    assert found(bat, "setup.bat") == [("ZM950", 4, 6)]
    out = fixed(bat, "setup.bat")
    assert "\r\nREM # TODO(zenml-migrate): ZM950 " in out and out.endswith("call zenml profile create p\r\n")


@pytest.mark.parametrize(
    "line, argv",
    [
        ("bash -c 'zenml profile create p'", "zenml profile create p"),
        ('/bin/sh -ec "zenml stack list && zenml profile create p"', "zenml profile create p"),
        ("bash <<'EOF'\nzenml profile create p\nEOF\n", "zenml profile create p"),
        # ssh runs it on the remote host, whose zenml is migrated with the project: a command too
        ("ssh host bash -s <<EOF\nzenml profile create p\nEOF\n", "zenml profile create p"),
        ("cat > x.sh <<EOF\nzenml profile create p\nEOF\n", None),
    ],
)
def test_commands_a_shell_runs_from_a_string_or_a_here_document(line, argv):
    runs = [" ".join(w.value for w in zenml_argv(c)) for c in split_commands(line) if zenml_argv(c)]
    assert (argv in runs) if argv else not any("profile" in r for r in runs)


def test_makefile_program_variable():
    make = "ZENML ?= poetry run zenml\nPY := python\nstack:\n\t$(ZENML) stack register s -m x -a y -o z\n\t$(PY) -c 'print(1)' -m x\n"
    assert found(make, "Makefile") == [("ZM952", 4, 28)]
    assert "\t$(ZENML) stack register s -a y -o z\n" in fixed(make, "Makefile")


def _nb(language, *cells):
    import json

    meta = {"kernelspec": {"name": language, "language": language, "display_name": language}}
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": meta, "cells": [
        {"cell_type": "code", "id": f"c{i}", "metadata": {}, "execution_count": None, "outputs": [], "source": s} for i, s in enumerate(cells)
    ]}, indent=1) + "\n"


def test_a_bash_kernel_notebook_is_shell_and_another_language_is_not_python():
    bash = _nb("bash", "zenml stack register nb -m x -a y -o z\necho done", "ls -la | wc -l")
    assert found(bash, "setup.ipynb") == [("ZM952", 1, 25)]
    out = fixed(bash, "setup.ipynb")
    assert '"zenml stack register nb -a y -o z\\necho done"' in out
    r = _nb("R", "x <- c(1, 2) # zenml\nsystem('ls')")
    assert found(r, "report.ipynb") == [] and fixed(r, "report.ipynb") == r


def test_cell_magic_bodies_that_start_with_a_cell_magic_and_shell_cell_magics():
    nested = _nb("python", "%%capture out\n%%bash\nzenml profile create p\nzenml stack list", "%%time\n%%capture\n!zenml stack register t -m x -a y -o z", "%%!\nzenml metadata-store list", "%%sx\nzenml profile set p")
    assert [(c, line) for c, line, _ in found(nested, "n.ipynb")] == [("ZM950", 3), ("ZM952", 3), ("ZM951", 2), ("ZM950", 2)]
    assert "ZM001" not in fixed(nested, "n.ipynb")


def test_exec_form_items_a_shell_runs():
    docker = 'CMD ["sh", "-c", "zenml stack register d -m x -a y -o o && zenml up"]\n'
    assert fixed(docker, "Dockerfile") == 'CMD ["sh", "-c", "zenml stack register d -a y -o o && zenml up"]\n'
    compose = 'services:\n  r:\n    entrypoint: ["/bin/bash", "-c"]\n    command: ["zenml profile set p && python run.py"]\n'
    assert [c for c, *_ in found(compose, "compose.yaml")] == ["ZM950"]


def test_a_credential_in_a_shell_escape_or_a_commented_magic_is_masked_in_reports_and_diffs(tmp_path):
    from tests.scan_helpers import migrate, write_tree

    write_tree(tmp_path, {
        "n.ipynb": _nb("python", "!zenml secret register db --password=hunter2x\nx = 1", "%%bash\nzenml secret register b --password=hunter3x"),
        "j.py": "# %%\n# !zenml secret register db --password=hunter4x\nimport zenml\n",
    })
    full = migrate(["scan", ".", "--no-cache", "--exit-zero", "--format", "full"], tmp_path).out
    assert "zenml secret register" in full and "--password=****" in full
    assert not any(f"hunter{i}x" in full for i in (2, 3, 4)), full
    diff = migrate(["code", ".", "--no-cache"], tmp_path).out
    assert "hunter2x" not in diff and "hunter4x" not in diff


def test_job_dsl_shell_and_batch_file_steps():
    dsl = ("job('seed') {\n    steps {\n        shell('zenml profile create dsl')\n        batchFile('zenml stack list')\n"
           "        shell('''\n            zenml metadata-store list\n        ''')\n    }\n}\n"
           "def shell = 'zenml profile set not_a_step'\n")
    assert [line for _, line, _ in found(dsl, "jobs/seed.groovy")] == [3, 6]
    assert "// # TODO(zenml-migrate): ZM950" in fixed(dsl, "jobs/seed.groovy")
