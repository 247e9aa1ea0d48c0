"""The CLI rules (ZM95x) on ``zenml`` command lines: parsing (prefixes, quotes,
continuations, ``$(...)``), every file kind that holds them, notebook shell escapes, the
generated command trees (no finding on what 0.20 kept, a finding on everything it dropped),
fixes and TODO notes, suppressions and exit codes."""

import json
import os

import pytest

from tests.scan_helpers import migrate, scan_json, write_tree
from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.scan.command_lines import split_commands, zenml_argv
from zenml_migrate.scan.command_scan import trees
from zenml_migrate.scan.discovery import discover, kind_of


def codes(text, filename="setup.sh"):
    return sorted(f.code for f in scan_source(text, filename))


def where(text, filename="setup.sh"):
    return [(f.code, f.span.line, f.span.column, f.span.end_line, f.span.end_column) for f in scan_source(text, filename)]


@pytest.mark.parametrize(
    "line",
    [
        "zenml profile create p",
        "sudo -E zenml profile create p",
        "sudo -u ci ZENML_DEBUG=1 zenml profile create p",
        "env -i PATH=$PATH zenml profile create p",
        "ZENML_ANALYTICS_OPT_IN=false zenml profile create p",
        "python -m zenml profile create p",
        "python3.9 -W ignore -m zenml profile create p",
        "poetry run zenml profile create p",
        "time /opt/venv/bin/zenml profile create p",
        "pip install zenml && zenml profile create p || exit 1",
        "echo $(zenml profile create p)",
        'echo "made: `zenml profile create p`"',
        "zenml \\\n  profile \\\n  create p",
        "zenml 'profile' \"create\" p",
    ],
)
def test_a_zenml_invocation_is_found_however_it_is_written(line):
    assert codes(line + "\n") == ["ZM950"], line


@pytest.mark.parametrize(
    "line",
    [
        "echo zenml profile create p",
        "# zenml profile create p",
        "grep 'zenml profile create' notes.txt",
        "cat <<EOF\nzenml profile create p\nEOF",
        "python -c 'import zenml' profile create",
        "mkdir zenml && cd zenml",
    ],
)
def test_text_that_only_mentions_zenml_is_not_a_command(line):
    assert codes(line + "\n") == [], line


def test_words_keep_their_offsets():
    text = 'sudo zenml stack register s -m "my store" -a a'
    [words] = split_commands(text)
    argv = zenml_argv(words)
    assert [(w.value, text[w.start : w.end]) for w in argv[4:6]] == [("-m", "-m"), ("my store", '"my store"')]


def test_finding_spans_point_at_the_command_or_the_option():
    assert where("zenml profile set p\n") == [("ZM950", 1, 1, 1, 18)]
    assert where("zenml stack register s \\\n  -m ms -a a -o o\n") == [("ZM952", 2, 3, 2, 8)]


FILES = {
    "setup.sh": "#!/bin/bash\nzenml profile create p\n",
    "scripts/ci.bash": "zenml metadata-store list\n",
    "Makefile": "stack:\n\t@zenml stack register s -m $(MS) -a a -o o\n",
    "build/lib/stack.mk": "x:\n\tzenml profile set p\n",  # setuptools output (build/lib) is skipped by discovery
    "docker/Dockerfile": "FROM python:3.9\nRUN pip install zenml==0.13.2 && \\\n    zenml profile create p\n",
    "Dockerfile.server": 'FROM python:3.9\nCMD ["zenml", "server", "up"]\n',
    ".github/workflows/ci.yml": "jobs:\n  t:\n    steps:\n      - run: zenml profile list\n      - run: |\n          zenml stack register s -m x -a y -o z\n",
    ".gitlab-ci.yml": "test:\n  script:\n    - zenml profile set default\n    - 'zenml metadata-store list'\n",
    "docs/setup.md": "# Setup\n\n```bash\nzenml profile create p\n```\n\n```console\n$ zenml server up\nServer running\n```\n\n```python\nzenml.profile.create()\n```\n",
    "configs/run.yaml": "steps:\n  trainer:\n    parameters: {}\n",
}


def test_every_kind_of_file_is_discovered_and_scanned(tmp_path):
    write_tree(tmp_path, FILES)
    jobs = {j.path: j.kind for j in discover([str(tmp_path)]).jobs}
    rel = {p[len(str(tmp_path)) + 1 :]: k for p, k in jobs.items()}
    assert rel == {
        "setup.sh": "sh",
        "scripts/ci.bash": "sh",
        "Makefile": "makefile",
        "docker/Dockerfile": "dockerfile",
        "Dockerfile.server": "dockerfile",
        ".github/workflows/ci.yml": "ci_yaml",
        ".gitlab-ci.yml": "ci_yaml",
        "docs/setup.md": "markdown",
        "configs/run.yaml": "yaml",
    }
    run = scan_json(tmp_path)
    assert run.code == 1
    found = sorted((f["path"], f["line"], f["code"]) for f in run.json()["findings"])
    assert found == [
        (".github/workflows/ci.yml", 6, "ZM952"),
        (".gitlab-ci.yml", 3, "ZM950"),
        (".gitlab-ci.yml", 4, "ZM951"),
        ("Dockerfile.server", 2, "ZM953"),
        ("Makefile", 2, "ZM952"),
        ("docker/Dockerfile", 2, "ZM970"),  # the pin: `pip install zenml==0.13.2`
        ("docker/Dockerfile", 3, "ZM950"),
        ("docs/setup.md", 4, "ZM950"),
        ("docs/setup.md", 8, "ZM953"),
        ("scripts/ci.bash", 1, "ZM951"),
        ("setup.sh", 2, "ZM950"),
    ]


def test_gitignored_command_files_are_skipped(tmp_path):
    import subprocess

    write_tree(tmp_path, {".gitignore": "generated/\n", "generated/setup.sh": "zenml profile create p\n", "setup.sh": "zenml profile create p\n"})
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    assert [j.path for j in discover([str(tmp_path)]).jobs] == [str(tmp_path / "setup.sh")]


def test_kind_of_names():
    assert kind_of("Makefile") == kind_of("a/GNUmakefile") == "makefile"
    assert kind_of("Dockerfile") == kind_of("x/Dockerfile.gpu") == kind_of("api.dockerfile") == "dockerfile"
    assert kind_of(".github/workflows/release.yaml") == "ci_yaml" and kind_of("workflows/release.yaml") == "yaml"
    assert kind_of("README.md") == "markdown" and kind_of("run.sh") == "sh"


# ------------------------------------------------------------------ generated from the real trees
def _both_020(command):
    return all(command in trees()[v] for v in ("0.20.0", "0.20.5"))


def _kept_spellings(command):
    old = {o for spec in trees()["0.13.2"][command]["options"].values() for o in spec["opts"]}
    new = [{o for spec in trees()[v][command]["options"].values() for o in spec["opts"]} for v in ("0.20.0", "0.20.5")]
    return sorted(old & new[0] & new[1])


KEPT = [c for c in trees()["0.13.2"] if c and _both_020(c)]
# commands 0.20 kept on purpose flagged: the files they read changed format (ZM954). (``zenml pipeline run
# FILE -c CONFIG`` is not: 0.20 runs a 0.13.2 config file as 0.13.2 did, see test_pipeline_run_with_a_config_is_no_finding)
FLAGGED_ON_PURPOSE = {"stack import": "ZM954"}
# the generated lines give no required option (`stack register` without -a/-o, `register` without --flavor):
# ZM961 says so, rightly (they fail on 0.20, and on 0.13.2); this test is about kept commands and options
INCOMPLETE_LINE = "ZM961"


def test_no_finding_on_a_command_or_option_020_kept():
    assert len(KEPT) > 200
    noisy = []
    for command in KEPT:
        for option in [None] + _kept_spellings(command):
            spec = next((s for s in trees()["0.13.2"][command]["options"].values() if option in s["opts"]), None)
            line = f"zenml {command}" + (f" {option}" if option else "") + ("" if option is None or spec["flag"] else " value")
            found = [c for c in codes(line + "\n") if c not in (FLAGGED_ON_PURPOSE.get(command), INCOMPLETE_LINE)]
            if found:
                noisy.append((line, found))
    assert not noisy, noisy[:20]


def test_every_command_and_option_020_dropped_is_found():
    old = trees()["0.13.2"]
    missed = []
    for command, node in old.items():
        if not command:
            continue
        if not _both_020(command):
            if not codes(f"zenml {command}\n"):
                missed.append(command)
            continue
        new = [{o for s in trees()[v][command]["options"].values() for o in s["opts"]} for v in ("0.20.0", "0.20.5")]
        for spec in node["options"].values():
            for option in spec["opts"]:
                if option in new[0] and option in new[1]:
                    continue
                line = f"zenml {command} {option}" + ("" if spec["flag"] else " value")
                if not codes(line + "\n"):
                    missed.append(line)
    assert not missed, missed


def test_every_020_command_path_is_known():
    commands = sorted(set(trees()["0.20.0"]) | set(trees()["0.20.5"]) - {""})
    assert len(commands) > 300
    assert [c for c in commands if "ZM957" in codes(f"zenml {c} NAME --help\n")] == []


@pytest.mark.parametrize(
    "line, closest",
    [
        ("zenml served-models list", "model-deployer models list"),  # 0.8-0.12
        ("zenml served-models describe 1234", "model-deployer models describe"),
        ("zenml stak list", "stack list"),
        ("zenml stack regster s -a a -o o", "stack register"),
        ("zenml step-operators list", "step-operator list"),
        ("zenml secret list", "secrets-manager secret list"),
        ("sudo python -m zenml integrations list", "integration list"),
        ("zenml model-deployer model list", "model-deployer models list"),  # below a 0.13.2 group
        ("zenml team craete devs", "team create"),  # below a group 0.20 added
        # the verbs of later ZenMLs' docs: `secret create` is `secrets-manager secret register` in 0.20
        ("zenml secret create aws --aws_access_key_id=$KEY", "secrets-manager secret register"),
        ("zenml secret create", "secrets-manager secret register"),
        ("zenml stack create local -o default -a default", "stack register"),
        ("zenml user add alice", "user create"),
        ("zenml secret rm aws", "secrets-manager secret delete"),
    ],
)
def test_a_command_path_no_release_has_names_the_closest_020_command(line, closest):
    [finding] = [f for f in scan_source(line + "\n", "serve.sh") if f.code == "ZM957"]
    assert f"the closest 0.20 command is `zenml {closest}`" in finding.message, finding.message
    assert finding.span.column == line.index("zenml") + 1


@pytest.mark.parametrize(
    "line",
    [
        "zenml $COMMAND list",
        "zenml ${CMD} list",
        "zenml STACK_COMPONENT list",
        "zenml <component> list",
        "zenml {component} list",
        "zenml -- served-models",
        "zenml connect --url http://x",  # new in 0.20
        "zenml project create p",
        "zenml --version",
        "zenml",
        "zenml pipeline runs list",
        "zenml example pull quickstart",
    ],
)
def test_no_unknown_command_finding_on_expansions_placeholders_or_020_commands(line):
    assert "ZM957" not in codes(line + "\n")


def test_an_unknown_command_in_a_notebook_gets_a_note():
    text = notebook("!zenml served-models list\n")
    found = [(f.code, f.cell, f.span.line) for f in scan_source(text, "nb.ipynb")]
    assert found == [("ZM957", 1, 1)]
    [cell] = json.loads(fix_source(text, "nb.ipynb").text)["cells"]
    assert "".join(cell["source"]).startswith("# TODO(zenml-migrate): ZM957 `zenml served-models` is not a command in ZenML 0.20")


# ------------------------------------------------------------------ notebooks
def notebook(*cells):
    out = [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": c.splitlines(keepends=True)} for c in cells]
    return json.dumps({"cells": out, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1) + "\n"


NOTEBOOK_CELLS = (
    "!pip install zenml==0.13.2\n!zenml integration install sklearn -y\n",
    "!zenml profile create nb_profile\n!zenml stack register nb_stack \\\n    -m default \\\n    -a default \\\n    -o default\n",
    "%%bash\nzenml metadata-store list\nzenml stack set nb_stack\n",
    "stacks = !zenml stack list\nprint(stacks)\n",
)


def test_notebook_shell_escapes_are_checked_with_cell_and_line(tmp_path):
    write_tree(tmp_path, {"nb.ipynb": notebook(*NOTEBOOK_CELLS)})
    run = scan_json(tmp_path)
    assert run.code == 1
    found = [(f["cell"], f["line"], f["column"], f["code"]) for f in run.json()["findings"]]
    assert found == [(1, 1, 14, "ZM970"), (2, 1, 2, "ZM950"), (2, 3, 5, "ZM952"), (3, 2, 1, "ZM951")]  # ZM970: the pin


def test_notebook_command_fixes_and_notes():
    result = fix_source(notebook(*NOTEBOOK_CELLS), "nb.ipynb")
    assert result.error is None
    cells = ["".join(c["source"]) for c in json.loads(result.text)["cells"]]
    assert cells[0] == NOTEBOOK_CELLS[0].replace("zenml==0.13.2", "zenml==0.20.5")  # ZM970: the pin
    assert cells[1].startswith("# TODO(zenml-migrate): ZM950 ")
    assert cells[1].split("\n", 1)[1] == "!zenml profile create nb_profile\n!zenml stack register nb_stack \\\n    -a default \\\n    -o default\n"
    assert cells[2].startswith("%%bash\n# TODO(zenml-migrate): ZM951 ") and cells[2].endswith("\nzenml metadata-store list\nzenml stack set nb_stack\n")
    assert result.applied["ZM952"] == 1
    assert sorted((f.cell, f.code) for f in result.remaining) == [(2, "ZM950"), (3, "ZM951")]
    assert fix_source(result.text, "nb.ipynb").text == result.text


def test_notebook_command_suppression(tmp_path):
    write_tree(tmp_path, {"nb.ipynb": notebook("!zenml profile create p  # migrate: ignore[ZM950]\n")})
    assert scan_json(tmp_path).code == 0


# ------------------------------------------------------------------ fixes in files
def test_fix_keeps_yaml_valid_and_notes_above_the_key():
    import yaml

    text = FILES[".github/workflows/ci.yml"].replace("zenml profile list", "zenml profile set p")
    result = fix_source(text, ".github/workflows/ci.yml")
    assert result.error is None
    assert "      # TODO(zenml-migrate): ZM950 " in result.text and "-m x" not in result.text
    data = yaml.safe_load(result.text)
    assert data["jobs"]["t"]["steps"][1]["run"] == "zenml stack register s -a y -o z\n"
    assert fix_source(result.text, ".github/workflows/ci.yml").text == result.text


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_folded_yaml_command_is_read_as_one_line_and_noted_above_its_key(newline):
    """``run: >``: YAML joins the lines into one command; a note inside the block would be
    folded into the command and comment it out, so it goes above the key."""
    import yaml

    text = (
        "jobs:\n  t:\n    steps:\n      - run: >\n          zenml stack register s\n          -m default\n          -a a -o o\n\n"
        "          echo done\n      - name: x\n        run: >-\n          zenml profile create\n          p\n"
    ).replace("\n", newline)
    assert where(text, ".github/workflows/ci.yml") == [("ZM952", 6, 11, 6, 21), ("ZM950", 12, 11, 12, 31)]
    result = fix_source(text, ".github/workflows/ci.yml")
    steps = yaml.safe_load(result.text)["jobs"]["t"]["steps"]
    assert steps[0]["run"] == "zenml stack register s -a a -o o\necho done\n"
    assert steps[1]["run"] == "zenml profile create p"  # the note did not fold into it
    assert "        # TODO(zenml-migrate): ZM950 " in result.text and result.text.count("\r\n") == result.text.count("\n") * (newline == "\r\n")
    assert fix_source(result.text, ".github/workflows/ci.yml").text == result.text


def test_fix_dockerfile_note_goes_above_run():
    result = fix_source(FILES["docker/Dockerfile"], "Dockerfile")
    rest = FILES["docker/Dockerfile"].split("\n", 1)[1].replace("zenml==0.13.2", "zenml==0.20.5")  # ZM970: the pin
    assert result.text == "FROM python:3.9\n# TODO(zenml-migrate): ZM950 " + result.text.split("ZM950 ", 1)[1].split("\n", 1)[0] + "\n" + rest


def test_fix_exec_form_keeps_json():
    result = fix_source('RUN ["zenml", "stack", "register", "s", "-m", "ms", "-a", "a", "-o", "o"]\n', "Dockerfile")
    assert result.text == 'RUN ["zenml", "stack", "register", "s", "-a", "a", "-o", "o"]\n'


def test_makefile_and_markdown_fixes():
    assert fix_source(FILES["Makefile"], "Makefile").text == "stack:\n\t@zenml stack register s -a a -o o\n"
    md = fix_source(FILES["docs/setup.md"], "docs/setup.md").text
    assert "```bash\n# TODO(zenml-migrate): ZM950 " in md and "```console\n# TODO(zenml-migrate): ZM953 " in md


def test_code_fix_through_the_cli_exit_codes(tmp_path):
    write_tree(tmp_path, {"setup.sh": "zenml stack register s -m ms -a a -o o\n", "todo.sh": "zenml profile create p\n"})
    assert migrate(["code", "--no-cache", "."], tmp_path).code == 1
    run = migrate(["code", "--no-cache", "--fix", "."], tmp_path)
    assert run.code == 1, run.err
    assert (tmp_path / "setup.sh").read_text() == "zenml stack register s -a a -o o\n"
    assert (tmp_path / "todo.sh").read_text().startswith("# TODO(zenml-migrate): ZM950 ")
    again = migrate(["code", "--no-cache", "--fix", "."], tmp_path)
    assert again.code == 0, again.err
    assert scan_json(tmp_path).code == 1  # the profile command is still there for a human


def test_sarif_and_github_outputs_carry_command_findings(tmp_path):
    write_tree(tmp_path, {"setup.sh": "zenml profile create p\n"})
    sarif = migrate(["scan", "--no-cache", "--format", "sarif", "."], tmp_path)
    assert "ZM950" in sarif.out and '"startLine": 1' in sarif.out
    gh = migrate(["scan", "--no-cache", "--format", "github", "."], tmp_path)
    assert "file=setup.sh,line=1" in gh.out and "ZM950" in gh.out


def test_an_explicit_script_without_suffix_is_read_by_its_shebang(tmp_path):
    write_tree(
        tmp_path,
        {"bin/setup": "#!/usr/bin/env bash\nzenml profile create p\n", "bin/train": "#!/usr/bin/env python3\nimport zenml\n", "bin/plain": "import zenml\n", "bin/tool": "#!/usr/bin/perl\nprint 1;\n"},
    )
    kinds = {os.path.basename(j.path): j.kind for j in discover([str(tmp_path / "bin" / n) for n in ("setup", "train", "plain", "tool")]).jobs}
    assert kinds == {"setup": "sh", "train": "py", "plain": "py"}
    run = migrate(["scan", "--no-cache", "--format", "json", "bin/setup"], tmp_path)
    assert run.code == 1 and [f["code"] for f in run.json()["findings"]] == ["ZM950"]


def test_markdown_cells_of_a_notebook_are_read_like_markdown_files(tmp_path):
    nb = json.loads(notebook("!zenml stack list\n"))
    nb["cells"].insert(0, {"cell_type": "markdown", "metadata": {}, "source": ["Set up the stack first:\n", "```bash\n", "zenml stack register s -m ms -a a -o o\n", "zenml profile set p\n", "```\n"]})
    nb["cells"].insert(1, {"cell_type": "markdown", "metadata": {}, "source": ["`zenml profile set p` in a sentence is prose\n"]})
    write_tree(tmp_path, {"nb.ipynb": json.dumps(nb)})
    found = [(f["cell"], f["line"], f["code"]) for f in scan_json(tmp_path).json()["findings"]]
    assert found == [(1, 3, "ZM952"), (1, 4, "ZM950")]
    result = fix_source(json.dumps(nb), "nb.ipynb")
    cells = json.loads(result.text)["cells"]
    assert "".join(cells[0]["source"]).startswith("Set up the stack first:\n```bash\nzenml stack register s -a a -o o\n# TODO(zenml-migrate): ZM950 ")
    assert cells[1]["source"] == nb["cells"][1]["source"] and cells[2]["source"] == nb["cells"][2]["source"]


def test_pipeline_run_with_a_config_is_no_finding():
    """``zenml pipeline run FILE -c CONFIG`` parses on 0.20.0 and 0.20.5 and runs a 0.13.2 config
    file as 0.13.2 did (``run_pipeline`` reads the same ``name``/``steps.*.source`` keys and hands
    the step parameters to ``with_config``, which still reads them, with a deprecation warning): no
    finding on a line both 0.20 releases accept. A line 0.20 rejects is still reported."""
    assert codes("zenml pipeline run pipelines/training.py -c configs/training.yml\n") == []
    assert codes("zenml pipeline run run.py --config=prod.yaml && zenml pipeline list\n") == []
    assert codes("zenml pipeline run run.py -c prod.yaml -m md_store\n") != []
