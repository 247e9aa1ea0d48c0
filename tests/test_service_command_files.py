"""Files that run `zenml` commands as services and jobs: devcontainer.json lifecycle commands
(string, list of words, object of named commands; fixed in place, no TODO: JSON), systemd units
(`Exec*=`), supervisord programs (`command=`), cron tables (user tables, and `cron.d` ones with a
user field), DVC stages (`cmd:`), MLflow's MLproject entry points (`command:`), fabric tasks."""

import json

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.scan.discovery import kind_of


def _found(text: str, filename: str):
    return [(f.code, f.span.line, f.span.column) for f in scan_source(text, filename) if f.code.startswith("ZM9")]


def test_kinds_by_name():
    assert kind_of(".devcontainer/devcontainer.json") == kind_of(".devcontainer.json") == "devcontainer"
    assert kind_of("deploy/units/trainer.service") == "systemd"
    assert kind_of("deploy/supervisord.conf") == "supervisord"
    assert kind_of("deploy/crontab") == kind_of("deploy/nightly.crontab") == "cron"
    assert kind_of("etc/cron.d/retrain") == "cron_d"
    assert kind_of("pipelines/dvc.yaml") == kind_of("pipelines/MLproject") == "ci_yaml"
    assert kind_of("deploy/app.conf") is None


DEVCONTAINER = """{
  "name": "ml",
  "onCreateCommand": {"deps": "pip install 'zenml==0.12.0'", "stack": ["zenml", "stack", "update", "s", "-m", "md"]},
  "postAttachCommand": "zenml profile get",
  "remoteEnv": {"CMD": "zenml profile get"}
}
"""


def test_devcontainer_lifecycle_commands():
    assert _found(DEVCONTAINER, ".devcontainer/devcontainer.json") == [("ZM970", 3, 44), ("ZM952", 3, 105), ("ZM950", 4, 25)]
    result = fix_source(DEVCONTAINER, ".devcontainer/devcontainer.json")
    data = json.loads(result.text)
    assert data["onCreateCommand"]["stack"] == ["zenml", "stack", "update", "s"]
    assert "TODO" not in result.text and [f.code for f in result.remaining] == ["ZM950"]


def test_systemd_supervisord_and_cron():
    unit = "[Service]\nExecStartPre=-/srv/venv/bin/zenml profile set prod\nExecStart=/srv/venv/bin/python serve.py\n"
    assert _found(unit, "units/serve.service") == [("ZM950", 2, 15)]
    assert fix_source(unit, "units/serve.service").text.startswith("[Service]\n# TODO(zenml-migrate): ZM950 ")
    supervisor = "[program:sync]\ncommand=zenml stack update s -m md\nautostart=true\n"
    assert _found(supervisor, "supervisord.conf") == [("ZM952", 2, 30)]
    assert "command=zenml stack update s\n" in fix_source(supervisor, "supervisord.conf").text
    table = "MAILTO=ops\n# 0 1 * * * zenml profile get\n@daily zenml profile set a\n*/5 1-3 * * mon-fri zenml stack update s -m md\n"
    assert _found(table, "ops/nightly.crontab") == [("ZM950", 3, 8), ("ZM952", 4, 42)]
    system = "15 4 * * * mlops cd /srv && zenml profile set b\n"
    assert _found(system, "etc/cron.d/retrain") == [("ZM950", 1, 29)]


def test_dvc_stages_and_mlproject_entry_points():
    dvc = "stages:\n  prep:\n    cmd: zenml stack update s -m md\n    deps: [a.py]\n"
    assert _found(dvc, "dvc.yaml") == [("ZM952", 3, 31)]
    mlproject = "name: p\nentry_points:\n  main:\n    command: \"zenml profile set x && python run.py\"\n"
    assert _found(mlproject, "MLproject") == [("ZM950", 4, 15)]


def test_fabric_tasks():
    fab = "from fabric import task\n\n\n@task\ndef up(conn):\n    conn.run('zenml profile set remote')\n"
    assert _found(fab, "fabfile.py") == [("ZM950", 6, 15)]
