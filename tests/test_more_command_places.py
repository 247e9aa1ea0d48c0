"""More places that run `zenml` commands: npm/yarn `package.json` scripts (fixed in place, no
TODO line: JSON has no comments), Airflow's `@task.bash` (the returned string is the task's
shell line), a GitHub step running a container with `entrypoint: zenml` and `args:`."""

import json

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.scan.discovery import kind_of


def _found(text: str, filename: str):
    return [(f.code, f.span.line, f.span.column) for f in scan_source(text, filename) if f.code.startswith("ZM9")]


PACKAGE = """{
  "name": "pipelines-ui",
  "config": {"scripts": {"x": "zenml profile list"}},
  "scripts": {
    "prestart": "zenml stack update local -m sqlite_store",
    "start": "node server.js",
    "quoted": "echo \\"hi\\" && zenml profile set ci",
    "profile": "zenml profile get"
  },
  "description": "zenml profile set docs"
}
"""


def test_package_json_scripts():
    assert kind_of("web/package.json") == "package_json"
    assert _found(PACKAGE, "web/package.json") == [("ZM952", 5, 43), ("ZM950", 8, 17)]


def test_package_json_fix_edits_the_strings_and_writes_no_note():
    result = fix_source(PACKAGE, "web/package.json")
    assert json.loads(result.text)["scripts"]["prestart"] == "zenml stack update local"
    assert "TODO" not in result.text
    assert [f.code for f in result.remaining] == ["ZM950"] and result.unmarked == 1


def test_airflow_task_bash_returns_the_shell_line():
    dag = (
        "from airflow.decorators import dag, task\n\n\n@dag(schedule=None)\ndef nightly():\n"
        "    @task.bash(cwd='/srv')\n    def register(name: str) -> str:\n"
        "        if name:\n            return f'zenml stack register {name} -m mlmd -a art -o orch'\n"
        "        return 'zenml profile describe'\n\n"
        "    @task\n    def plain() -> str:\n        return 'zenml profile describe'\n\n"
        "    register('s') >> plain()\n"
    )
    assert _found(dag, "dags/nightly.py") == [("ZM952", 9, 50), ("ZM950", 10, 17)]
    out = fix_source(dag, "dags/nightly.py").text
    assert "return f'zenml stack register {name} -a art -o orch'\n" in out


def test_a_github_container_step_with_entrypoint_zenml():
    workflow = (
        "on: push\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: docker://ghcr.io/acme/zenml:0.13.2\n        with:\n"
        "          args: stack register s -m md -a a -o o\n          entrypoint: /usr/local/bin/zenml\n"
        "      - uses: docker://alpine\n        with:\n          entrypoint: sh\n          args: profile set x\n"
    )
    assert _found(workflow, ".github/workflows/c.yml") == [("ZM952", 8, 34)]
    out = fix_source(workflow, ".github/workflows/c.yml").text
    assert "          args: stack register s -a a -o o\n" in out
