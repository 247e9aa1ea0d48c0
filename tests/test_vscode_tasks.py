"""VS Code's ``.vscode/tasks.json`` and ``.vscode/launch.json`` (JSON with comments and trailing
commas): a task's ``command`` with its ``args`` list is one argv (a ``command`` alone is a shell
line; ``windows``/``linux``/``osx`` variants too); a launch configuration running ``"module":
"zenml"`` or a ``program`` named zenml with its ``args``. Commands are fixed inside the JSON."""

import json

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.scan.command_configs import jsonc_as_json
from zenml_migrate.scan.discovery import kind_of

TASKS = """// See https://go.microsoft.com/fwlink/?LinkId=733558
{
  "version": "2.0.0",
  "tasks": [
    {
      "label": "register",
      "type": "shell",
      "command": "poetry run zenml",
      "args": ["stack", "register", "dev", "-m", "dev_store", "-a", "local", "-o", "local"],
    },
    /* the Windows machines */
    {
      "label": "profiles",
      "command": "true",
      "windows": { "command": "zenml profile list; zenml profile describe" },
    },
    { "label": "echo", "command": "echo zenml profile get" },
  ],
}
"""

LAUNCH = """{
  "configurations": [
    {"name": "cli", "type": "python", "request": "launch", "module": "zenml", "args": ["metadata-store", "describe"]},
    {"name": "bin", "type": "python", "request": "launch", "program": "${workspaceFolder}/.venv/bin/zenml", "args": ["stack", "describe"]},
    {"name": "app", "type": "python", "request": "launch", "module": "app", "args": ["profile", "get"]}
  ]
}
"""


def _found(text, filename):
    return [(f.code, f.span.line) for f in scan_source(text, filename) if f.code.startswith("ZM9")]


def test_kinds():
    assert kind_of("proj/.vscode/tasks.json") == kind_of(".vscode/launch.json") == "vscode"
    # outside a .vscode folder a tasks.json is no VS Code file: it may be a list of ECS tasks, read
    # as container specs, where VS Code's task shapes are no command
    assert kind_of("proj/config/tasks.json") == "container_json"
    assert _found(TASKS, "proj/config/tasks.json") == []


def test_tasks_with_comments_and_trailing_commas():
    assert _found(TASKS, ".vscode/tasks.json") == [("ZM952", 9), ("ZM950", 15)]


def test_launch_configurations():
    assert _found(LAUNCH, ".vscode/launch.json") == [("ZM951", 3)]


def test_fix_in_the_args_list():
    out = fix_source(TASKS, ".vscode/tasks.json").text
    assert '"args": ["stack", "register", "dev", "-a", "local", "-o", "local"],' in out
    assert out.startswith("// See https://go.microsoft.com")
    assert '      // # TODO(zenml-migrate): ZM950 ' in out  # JSON with comments: the note is a comment line
    assert json.loads(jsonc_as_json(out))["tasks"][0]["args"][3] == "-a"
    assert _found(out, ".vscode/tasks.json") == [("ZM950", 16)]


def test_invalid_result_leaves_the_file():
    broken = '{"tasks": [{"command": "zenml stack update s -m old"}]'  # no closing brace: VS Code cannot load it
    assert fix_source(broken, ".vscode/tasks.json").text == broken



def test_a_trailing_comma_followed_by_a_comment_is_still_trailing():
    # ``"list",  // why`` then ``]``: the comma before the comment ends the list (json.loads failed: no finding)
    text = (
        '{\n  "tasks": [\n    {"label": "p", "command": "zenml", "args": ["metadata-store", "list",  // the old stores\n    ]},\n'
        '    {"label": "q", "command": "zenml metadata-store list", /* old */ },\n  ],\n}\n'
    )
    assert json.loads(jsonc_as_json(text))["tasks"][0]["args"] == ["metadata-store", "list"]
    assert _found(text, ".vscode/tasks.json") == [("ZM951", 3), ("ZM951", 5)]


WORKSPACE = """{
  "folders": [{"path": "svc"}, {"path": "ml"}],
  // tasks and launch configurations of a multi-root workspace
  "tasks": {
    "version": "2.0.0",
    "tasks": [
      {"label": "old", "type": "shell", "command": "zenml metadata-store describe"},
      {"label": "ok", "type": "process", "command": "zenml", "args": ["stack", "describe"]},
    ],
  },
  "launch": {
    "configurations": [
      {"name": "cli", "type": "debugpy", "request": "launch", "module": "zenml.cli.cli",
       "args": ["stack", "set", "ml_dev", "--global"]},
    ],
  },
}
"""


def test_a_code_workspace_file_holds_tasks_and_launch_configurations():
    assert kind_of("ml.code-workspace") == "vscode"
    found = [(f.code, f.span.line) for f in scan_source(WORKSPACE, "team/ml.code-workspace") if f.code.startswith("ZM9")]
    assert found == [("ZM951", 7), ("ZM950", 14)]
