"""review26 R7: ZenML 0.13.2's profile variables (``ZENML_ACTIVATED_STACK``, ``ZENML_PROFILE_NAME``,
...) set outside Python code: 0.13.2 read them, 0.20.0 and 0.20.5 ignore them, so a CI job or a
container meant for another stack runs silently on the default one (ZM906). One reader for every
place a file sets a variable (``scan/env_vars.py``); a ``.env`` file is a kind of its own."""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from zenml_migrate.api import scan_source
from zenml_migrate.scan.data_files import rules_data
from zenml_migrate.scan.discovery import kind_of


def _found(text: str, filename: str):
    return [(f.span.line, f.message.rpartition("(`")[2].rstrip("`)")) for f in scan_source(textwrap.dedent(text), filename) if f.code == "ZM906"]


def test_the_variables_are_generated_from_the_real_releases():
    names = rules_data("removed_constants.json")["environment"]
    assert {"ZENML_ACTIVATED_STACK", "ZENML_PROFILE_NAME", "ZENML_DEFAULT_STORE_TYPE", "ZENML_ACTIVATED_PROFILE"} <= set(names)
    # kept by 0.20: never reported
    assert not {"ZENML_CONFIG_PATH", "ZENML_DEBUG", "ZENML_LOGGING_VERBOSITY", "ZENML_ANALYTICS_OPT_IN", "ZENML_REPOSITORY_PATH"} & set(names)


def test_dotenv_files_are_a_kind():
    assert kind_of(".env") == kind_of("deploy/.env.production") == kind_of("prod.env") == "env"
    assert kind_of(".envrc") == "sh"
    assert _found("ZENML_PROFILE_NAME=prod\nZENML_ACTIVATED_STACK=mlflow_stack\nZENML_STORE_URL=http://x\n", ".env") == [
        (1, "ZENML_PROFILE_NAME"), (2, "ZENML_ACTIVATED_STACK")]


@pytest.mark.parametrize("filename,text,expected", [
    ("run.sh", "export ZENML_ACTIVATED_STACK=prod\nZENML_ACTIVATED_PROFILE=ci python run.py\nenv ZENML_PROFILE_NAME=p zenml stack list\n",
     [(1, "ZENML_ACTIVATED_STACK"), (2, "ZENML_ACTIVATED_PROFILE"), (3, "ZENML_PROFILE_NAME")]),
    ("docker-compose.yml", """\
        services:
          a:
            image: python:3.9
            environment:
              - ZENML_ACTIVATED_STACK=local
              - "ZENML_PROFILE_NAME=prod"
          b:
            image: python:3.9
            environment:
              ZENML_DEFAULT_STORE_TYPE: sql
        """, [(5, "ZENML_ACTIVATED_STACK"), (6, "ZENML_PROFILE_NAME"), (10, "ZENML_DEFAULT_STORE_TYPE")]),
    (".gitlab-ci.yml", """\
        variables:
          ZENML_ACTIVATED_STACK: gcp
        train:
          script:
            - python run.py
        """, [(2, "ZENML_ACTIVATED_STACK")]),
    ("k8s/deploy.yaml", """\
        apiVersion: apps/v1
        kind: Deployment
        spec:
          template:
            spec:
              containers:
                - name: t
                  image: example.com/t:1
                  env:
                    - name: ZENML_ACTIVATED_STACK
                      value: k8s
                    - {name: ZENML_PROFILE_NAME, value: prod}
        """, [(10, "ZENML_ACTIVATED_STACK"), (12, "ZENML_PROFILE_NAME")]),
    ("Dockerfile", "FROM python:3.9\nENV ZENML_ACTIVATED_STACK prod\nENV A=1 \\\n    ZENML_PROFILE_NAME=p\nRUN ZENML_ACTIVATED_PROFILE=x python -c 1\n",
     [(2, "ZENML_ACTIVATED_STACK"), (4, "ZENML_PROFILE_NAME"), (5, "ZENML_ACTIVATED_PROFILE")]),
    ("taskdef.json", '{"containerDefinitions": [{"name": "t", "image": "x",\n "environment": [{"name": "ZENML_ACTIVATED_STACK", "value": "aws"}]}]}\n',
     [(2, "ZENML_ACTIVATED_STACK")]),
    ("devcontainer.json", '{"image": "python:3.9", "containerEnv": {\n  "ZENML_ACTIVATED_STACK": "dev"}}\n', [(2, "ZENML_ACTIVATED_STACK")]),
    ("train.service", "[Service]\nEnvironment=ZENML_ACTIVATED_STACK=prod\nExecStart=/usr/bin/python run.py\n", [(2, "ZENML_ACTIVATED_STACK")]),
    ("Makefile", "export ZENML_ACTIVATED_STACK = prod\n\nrun:\n\tZENML_PROFILE_NAME=p python run.py\n",
     [(1, "ZENML_ACTIVATED_STACK"), (4, "ZENML_PROFILE_NAME")]),
    ("README.md", "Set `ZENML_ACTIVATED_STACK=prod` in prose.\n\n```bash\nexport ZENML_ACTIVATED_STACK=prod\n```\n", [(4, "ZENML_ACTIVATED_STACK")]),
])
def test_every_place_a_file_sets_one(filename, text, expected):
    assert _found(text, filename) == expected


@pytest.mark.parametrize("filename,text", [
    ("run.sh", 'unset ZENML_ACTIVATED_STACK\necho "$ZENML_ACTIVATED_STACK ${ZENML_PROFILE_NAME:-x}"\n# export ZENML_ACTIVATED_STACK=prod\n'),
    (".github/workflows/t.yml", "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n"
                                "      - run: zenml stack set ${{ env.ZENML_ACTIVATED_STACK }}  # ZENML_PROFILE_NAME: x\n"),
    ("Makefile", "ZENML_ACTIVATED_STACK ?= prod\n\nrun:\n\tzenml stack set $(ZENML_ACTIVATED_STACK)\n"),
    (".env", "ZENML_STORE_URL=https://z.example.com\nZENML_ACTIVE_STACK_NAME_X=1\n"),
    # printed or searched, not set (review27 R11)
    ("dbg.sh", 'echo "ZENML_ACTIVATED_STACK=${ZENML_ACTIVATED_STACK}"\nprintf "ZENML_PROFILE_NAME=%s\\n" "$ZENML_PROFILE_NAME"\n'
               'echo "using stack: ZENML_ACTIVATED_STACK=$STACK (set it in .env)"\nlogger "ZENML_PROFILE_NAME=$P"\n'
               "env | grep ZENML_PROFILE_NAME=\n"),
])
def test_reads_comments_and_other_names_are_not_settings(filename, text):
    assert _found(text, filename) == []


def _migrate(cwd: Path, *args: str) -> str:
    proc = subprocess.run([sys.executable, "-m", "zenml_migrate", *args], cwd=str(cwd), capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=120)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.stdout + proc.stderr


def test_a_project_without_zenml_code_gets_findings_and_todos(tmp_path):
    (tmp_path / ".env").write_text("ZENML_PROFILE_NAME=prod\nZENML_ACTIVATED_STACK=mlflow_stack\n")
    (tmp_path / "run.sh").write_text("export ZENML_ACTIVATED_STACK=prod\nzenml stack list\n")
    (tmp_path / "taskdef.json").write_text(json.dumps({"containerDefinitions": [
        {"name": "t", "image": "x", "environment": [{"name": "ZENML_ACTIVATED_STACK", "value": "aws"}]}]}, indent=1))
    out = _migrate(tmp_path, "scan", "--no-cache", ".")
    assert out.count("ZM906") == 4, out
    out = _migrate(tmp_path, "code", "--fix", "--no-cache", ".")
    assert "ZM906 x4" in out, out
    env = (tmp_path / ".env").read_text().splitlines()
    assert env[0].startswith("# TODO(zenml-migrate): ZM906 ") and "`ZENML_PROFILE_NAME`" in env[0]
    assert env[1] == "ZENML_PROFILE_NAME=prod"
    assert (tmp_path / "run.sh").read_text().startswith("# TODO(zenml-migrate): ZM906 ")
    json.loads((tmp_path / "taskdef.json").read_text())  # no line written in JSON
    again = _migrate(tmp_path, "code", "--fix", "--no-cache", ".")
    assert "nothing to rewrite" in again and "1 not marked in their files" in again, again  # (the JSON file's)


def test_a_notebook_s_env_magic_and_shell_lines(tmp_path):
    cells = ["%env ZENML_ACTIVATED_STACK=prod\nimport zenml", "!ZENML_PROFILE_NAME=p zenml stack list", "%set_env ZENML_DEBUG=true"]
    nb = json.dumps({"cells": [{"cell_type": "code", "metadata": {}, "source": c, "outputs": [], "execution_count": None} for c in cells],
                     "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
    found = [(f.cell, f.span.line, f.span.column) for f in scan_source(nb, "setup.ipynb") if f.code == "ZM906"]
    assert found == [(1, 1, 6), (2, 1, 2)]
    (tmp_path / "setup.ipynb").write_text(nb)
    out = _migrate(tmp_path, "code", "--fix", "--no-cache", ".")
    assert "ZM906 x2" in out and "2 lines written" in out, out
    first = "".join(json.loads((tmp_path / "setup.ipynb").read_text())["cells"][0]["source"])
    assert first.startswith("# TODO(zenml-migrate): ZM906 ") and first.endswith("\n%env ZENML_ACTIVATED_STACK=prod\nimport zenml")


def test_a_setting_after_a_printing_command_or_a_quoted_hash_is_one():
    """``echo done && ZENML_ACTIVATED_STACK=gpu python run.py``: the name comes after the echo's
    words end; ``echo "build #1" && ...``: the ``#`` is quoted, no comment (review27 R11)."""
    text = 'echo done && ZENML_ACTIVATED_STACK=gpu python run.py\necho "build #1" && ZENML_PROFILE_NAME=ci zenml stack list\n'
    assert _found(text, "ci.sh") == [(1, "ZENML_ACTIVATED_STACK"), (2, "ZENML_PROFILE_NAME")]


def test_shell_text_is_read_by_its_words():
    """In shell text a setting is an assignment word before the command word (behind ``sudo``/
    ``env``), an argument of ``export``/``declare -x``/``setenv``, the value of docker's/kubectl's
    ``-e``/``--env``, an assignment of ``kubectl set env``, or an ``echo NAME=value`` into
    ``$GITHUB_ENV``/a ``.env`` file (review27 R11/P10: the words the command scanner parses, not
    line text); an argument of another command sets nothing. A here-document's body (no
    command words) is read by how a name is written, as before."""
    text = (
        "sudo -E ZENML_ACTIVATED_STACK=gpu python run.py\n"  # 1: yes
        "python run.py --note ZENML_PROFILE_NAME=x\n"  # 2: an argument of python: no
        "docker run -e ZENML_PROFILE_NAME=p --env=ZENML_ACTIVATED_STACK=s img\n"  # 3: yes, yes
        "kubectl set env deploy/train ZENML_ACTIVATED_STACK=k8s\n"  # 4: yes
        'echo "ZENML_ACTIVATED_STACK=gpu" >> "$GITHUB_ENV"\n'  # 5: yes
        "declare -x ZENML_PROFILE_NAME=p; declare -r ZENML_ACTIVATED_STACK=x\n"  # 6: the first only
        "cat > .env <<EOF\nZENML_ACTIVATED_PROFILE=ci\nEOF\n"  # 8: yes (a dotenv line)
        'curl -d "ZENML_ACTIVATED_STACK=x" https://example.com\n'  # 10: no
    )
    assert _found(text, "ci.sh") == [
        (1, "ZENML_ACTIVATED_STACK"), (3, "ZENML_PROFILE_NAME"), (3, "ZENML_ACTIVATED_STACK"), (4, "ZENML_ACTIVATED_STACK"),
        (5, "ZENML_ACTIVATED_STACK"), (6, "ZENML_PROFILE_NAME"), (8, "ZENML_ACTIVATED_PROFILE")]
    workflow = (
        "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n"
        '      - run: echo "ZENML_ACTIVATED_STACK=$S" && python run.py --stack ZENML_PROFILE_NAME=p\n'
        '      - run: echo "ZENML_ACTIVATED_STACK=gpu" >> $GITHUB_ENV\n'
    )
    assert _found(workflow, ".github/workflows/t.yml") == [(7, "ZENML_ACTIVATED_STACK")]


def test_a_setting_in_a_compound_command_or_behind_a_wrapper_is_one():
    # review28 P8 (a regression of 4332ec9): a reserved word before the command (`then`, `do`, `{`)
    # or a wrapper with an operand (`flock FILE`, `gosu USER`, `su-exec USER`, `xargs -a F`) ended the
    # search for assignments; the wrappers are now command_lines' own list (past_wrapper)
    lines = [
        "if true; then ZENML_ACTIVATED_STACK=g python run.py; fi",
        "for i in 1 2; do ZENML_ACTIVATED_STACK=c python run.py; done",
        "while false; do ZENML_ACTIVATED_STACK=f python run.py; done",
        "{ ZENML_ACTIVATED_STACK=d python run.py; }",
        "flock /tmp/l env ZENML_ACTIVATED_STACK=c python run.py",
        "xargs -a f env ZENML_ACTIVATED_STACK=d python",
        "gosu app env ZENML_ACTIVATED_STACK=e python run.py",
        "su-exec app env ZENML_ACTIVATED_STACK=f python run.py",
        "stdbuf -oL env ZENML_ACTIVATED_STACK=b python run.py",
        "doas ZENML_ACTIVATED_STACK=a python run.py",
    ]
    found = _found("".join(line + "\n" for line in lines), "s.sh")
    assert found == [(i, "ZENML_ACTIVATED_STACK") for i in range(1, len(lines) + 1)], found


def test_a_python_launcher_without_zenml_sets_one(tmp_path):
    """A script that does not use ZenML but sets a 0.13.2 variable for the program it starts
    (surface27 "Python launcher", /tmp/review26/repros/R7/boot.py): scanned without the word
    zenml, ZM906 at each literal name; a module that imports zenml is ZM902's (its Good example,
    a module without zenml, is not ZM902's: it is ZM906's now). The TODO lines the fix writes
    (which spell "zenml-migrate") leave the re-scan as it was."""
    launcher = (
        "import os\nimport subprocess as sp\nfrom os import environ as env, putenv\n\n"
        'os.environ["ZENML_ACTIVATED_STACK"] = "mlflow_stack"\n'
        'os.environ.setdefault("ZENML_PROFILE_NAME", "prod")\n'
        'env.update({"ZENML_ACTIVATED_PROFILE": "ci"}, ZENML_DEFAULT_STORE_TYPE="sql")\n'
        'putenv("ZENML_PROFILE_NAME", "x")\n'
        'sp.run(["python", "run.py"], env=dict(os.environ, ZENML_ACTIVATED_STACK="gpu"), check=True)\n'
        'print(os.environ.get("ZENML_ACTIVATED_STACK"), os.environ["ZENML_PROFILE_NAME"])\n'
    )
    assert _found(launcher, "boot.py") == [
        (5, "ZENML_ACTIVATED_STACK"), (6, "ZENML_PROFILE_NAME"), (7, "ZENML_ACTIVATED_PROFILE"), (7, "ZENML_DEFAULT_STORE_TYPE"),
        (8, "ZENML_PROFILE_NAME"), (9, "ZENML_ACTIVATED_STACK")]
    assert _found("import os\nimport zenml\n\nos.environ['ZENML_PROFILE_NAME'] = 'dev'\n", "boot.py") == []  # ZM902's
    (tmp_path / "boot.py").write_text(launcher)
    assert _migrate(tmp_path, "scan", "--no-cache", ".").count("ZM906") == 6
    out = _migrate(tmp_path, "code", "--fix", "--no-cache", ".")
    assert "ZM906 x6" in out, out
    again = _migrate(tmp_path, "scan", "--no-cache", ".")
    assert again.count("ZM906") == 6, again


def test_a_git_ignored_dotenv_that_sets_one_is_scanned_or_named(tmp_path):
    """A ``.env`` is git-ignored as a rule (surface27: it was skipped without a word). Outside a
    git work tree it is scanned like a hidden Python file; inside one it is named in the closing
    note, as an ignored Python file is (an untracked file has no copy to go back to after --fix).
    A hidden ``.env`` that sets no ZenML variable is not named."""
    (tmp_path / ".gitignore").write_text(".env\nlocal.env\n")
    (tmp_path / ".env").write_text("ZENML_ACTIVATED_STACK=prod\n")
    (tmp_path / "local.env").write_text("AWS_REGION=eu-west-1\n")
    (tmp_path / "run.py").write_text("import zenml\n")
    out = _migrate(tmp_path, "scan", "--no-cache", ".")
    assert ".env:1:1: ZM906" in out, out
    subprocess.run(["git", "init", "-q", "."], cwd=str(tmp_path), check=True)
    out = _migrate(tmp_path, "scan", "--no-cache", ".")
    assert "ZM906" not in out and "1 dotenv file ignored by .gitignore was not scanned (.env)" in out, out
