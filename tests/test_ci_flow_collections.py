"""Commands a CI file writes in YAML flow collections (review28 R7): ``script: ["pip install ...",
"zenml profile set ci"]``, ``before_script: [zenml profile set ci]``, GitHub ``steps: [{run: ...}]``
and ``- {run: ...}`` are read from the parsed YAML nodes at their marks, whatever the scalar's
spelling (plain, quoted, escaped, folded over lines); a fix inside a flow collection leaves YAML
that loads."""

import yaml

from zenml_migrate.api import scan_source
from zenml_migrate.fix import command_fix
from zenml_migrate.fix.fixer import fix_source

GITLAB = """a:
  script: ["pip install zenml==0.13.2", "zenml profile set ci"]
b:
  before_script: [zenml profile set ci]
  script:
    - echo ok
c:
  script: [
    'pip install "zenml==0.13.2"',
    zenml stack set ci
  ]
"""

GITHUB = r"""on: push
jobs:
  t:
    runs-on: ubuntu-latest
    steps: [{run: "zenml profile set ci"}, {run: "pip install zenml==0.13.2"}]
  u:
    runs-on: ubuntu-latest
    steps:
      - {name: x, run: zenml profile set ci}
      - {run: 'echo ''hi'' && pip install zenml==0.13.2'}
      - {run: "echo \"hi\" && pip install zenml==0.13.2 && zenml profile set ci"}
      - {run: "pip install \
          zenml==0.13.2"}
      - {run: pip install
          zenml==0.13.2 &&
          zenml profile set ci}
"""


def _codes(text, name):
    return sorted((f.span.line, f.code) for f in scan_source(text, name))


def test_gitlab_flow_lists_are_read():
    assert _codes(GITLAB, ".gitlab-ci.yml") == [(2, "ZM950"), (2, "ZM970"), (4, "ZM950"), (9, "ZM970")]
    found = {(f.span.line, f.code): f for f in scan_source(GITLAB, ".gitlab-ci.yml")}
    assert GITLAB.splitlines()[1][found[2, "ZM970"].span.column - 1 :].startswith("zenml==0.13.2")
    assert GITLAB.splitlines()[8][found[9, "ZM970"].span.column - 1 :].startswith("\"zenml==0.13.2\"")


def test_github_flow_steps_are_read_in_every_spelling():
    assert _codes(GITHUB, ".github/workflows/ci.yml") == [
        (5, "ZM950"), (5, "ZM970"), (9, "ZM950"), (10, "ZM970"), (11, "ZM950"), (11, "ZM970"), (13, "ZM970"),
        (15, "ZM970"), (16, "ZM950"),
    ]


def test_fixes_at_the_nodes_span_keep_the_yaml_valid():
    for text, name in ((GITLAB, ".gitlab-ci.yml"), (GITHUB, ".github/workflows/ci.yml")):
        out = fix_source(text, name).text
        assert "0.13.2" not in out
        assert "0.20.5" in out
        yaml.safe_load(out)  # still loads
        assert {f.code for f in scan_source(out, name)} == {"ZM950"}
        assert out.count("TODO(zenml-migrate): ZM950") == len([f for f in scan_source(text, name) if f.code == "ZM950"])
    out = fix_source(GITLAB, ".gitlab-ci.yml").text
    assert '  script: ["pip install zenml==0.20.5", "zenml profile set ci"]' in out
    assert "    'pip install \"zenml==0.20.5\"'," in out


def test_a_fix_that_would_not_load_leaves_the_file(monkeypatch):
    real = command_fix.fix_command_file

    def breaking(text, *args, **kwargs):
        result = real(text, *args, **kwargs)
        result.text = result.text.replace("[", "[{", 1)  # a rewrite the flow collection cannot hold
        return result

    monkeypatch.setattr(command_fix, "fix_command_file", breaking)
    result = fix_source(GITLAB, ".gitlab-ci.yml")
    assert result.text == GITLAB
    assert sorted(result.todos) == ["ZM950", "ZM950", "ZM970", "ZM970"]


def test_block_lists_and_scalars_are_read_once():
    text = "a:\n  script:\n    - zenml profile set ci\nb:\n  script: \"zenml profile set ci\"\n"
    assert _codes(text, ".gitlab-ci.yml") == [(3, "ZM950"), (5, "ZM950")]
    anchored = ".setup: &setup [zenml profile set ci]\na:\n  before_script: *setup\n  script: [echo ok]\n"
    assert _codes(anchored, ".gitlab-ci.yml") == [(1, "ZM950")]


WINDOWS_FLOW = """name: win
on: [push]
jobs:
  win:
    runs-on: windows-latest
    steps:
      - {name: iex, run: "Invoke-Expression 'zenml profile set ci'"}
      - {name: start, run: "Start-Process zenml -ArgumentList 'profile set ci'"}
      - {name: path, run: '.venv\\\\Scripts\\\\zenml.exe profile set ci'}
      - {name: bash, shell: bash, run: "Invoke-Expression 'zenml profile set ci'"}
  linux:
    runs-on: ubuntu-latest
    steps: [{run: "Invoke-Expression 'zenml profile set ci'"}, {run: "zenml stack list", shell: pwsh}]
  own:
    runs-on: ubuntu-latest
    steps: [{run: "Start-Process zenml -ArgumentList 'profile set ci'", shell: pwsh}]
"""


def test_a_flow_step_a_windows_shell_runs_is_read_as_that_shell():
    """surface29: a flow-written GitHub step on a Windows runner (or with ``shell: pwsh|cmd``) was read
    as POSIX shell; its own ``shell:`` wins over the runner's, as on GitHub."""
    assert _codes(WINDOWS_FLOW, ".github/workflows/w.yml") == [(7, "ZM950"), (8, "ZM950"), (9, "ZM950"), (16, "ZM950")]
