"""review26 R5 rest and P7: ZenML's images of a release before 0.20 in an ECS task definition's
JSON (``"image": "zenmldocker/zenml:0.13.2"``), a devcontainer.json, and a Helm chart's values
(``repository: zenmldocker/zenml-server`` with ``tag: "0.13.2"`` beside it) are ZM970; a manifest's
image finding says the image is to be edited by hand (it said "the commands of a manifest")."""

import json
import subprocess
import sys
from pathlib import Path

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

TASKDEF = json.dumps({"family": "t", "containerDefinitions": [
    {"name": "t", "image": "zenmldocker/zenml:0.13.2", "command": ["python", "run.py"]},
    {"name": "s", "image": "123.dkr.ecr.eu-west-1.amazonaws.com/zenmldocker/zenml-server:0.13.2-py3.9"},
    {"name": "u", "image": "zenmldocker/zenml:0.20.5"}]}, indent=2)


def test_an_ecs_task_definition_s_images():
    found = [f for f in scan_source(TASKDEF, "taskdef.json") if f.code == "ZM970"]
    assert [(f.span.line, f.fix) for f in found] == [(6, "safe"), (14, None)]
    assert "`zenmldocker/zenml:0.13.2` holds a ZenML" in found[0].message
    assert "pick the ZenML 0.20.5 image's tag" in found[1].message
    fixed = fix_source(TASKDEF, "taskdef.json").text
    assert json.loads(fixed)["containerDefinitions"][0]["image"] == "zenmldocker/zenml:0.20.5"
    assert json.loads(fixed)["containerDefinitions"][1]["image"].endswith(":0.13.2-py3.9")  # left, with the finding


def test_a_devcontainer_image():
    text = '{\n  "name": "dev",\n  "image": "zenmldocker/zenml:0.12.0",\n  "postCreateCommand": "pip install -e ."\n}\n'
    assert [f.span.line for f in scan_source(text, ".devcontainer/devcontainer.json") if f.code == "ZM970"] == [3]


def _scan(root: Path) -> list:
    proc = subprocess.run([sys.executable, "-m", "zenml_migrate", "scan", "--no-cache", "--format", "json", "."], cwd=str(root),
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)
    assert "Traceback" not in proc.stderr, proc.stderr
    return json.loads(proc.stdout)["findings"]


def test_a_helm_chart_s_repository_and_tag(tmp_path):
    chart = tmp_path / "chart"
    chart.mkdir()
    (chart / "Chart.yaml").write_text("apiVersion: v2\nname: zen\nversion: 0.1.0\n")
    (chart / "values.yaml").write_text(
        "replicaCount: 1\nimage:\n  tag: \"0.13.2\"  # the server\n  repository: zenmldocker/zenml-server\n  pullPolicy: Always\n"
        "sidecar:\n  repository: nginx\n  tag: \"1.13.2\"\n"
    )
    (chart / "values-new.yaml").write_text("image:\n  repository: zenmldocker/zenml-server\n  tag: 0.20.5\n")
    found = [f for f in _scan(tmp_path) if f["code"] == "ZM970"]
    assert [(f["path"], f["line"]) for f in found] == [("chart/values.yaml", 3)], found
    message = found[0]["message"]
    assert "`zenmldocker/zenml-server:0.13.2` holds a ZenML" in message and "`zenmldocker/zenml-server:0.20.5`" in message
    assert "edit the image by hand" in message and "commands" not in message


def test_a_kubernetes_container_image_is_no_command():
    text = "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: z\n      image: zenmldocker/zenml:0.13.2\n"
    (found,) = [f for f in scan_source(text, "k8s/pod.yaml") if f.code == "ZM970"]
    assert found.fix is None and "(no automatic fix here: a manifest is not rewritten: edit the image by hand)" in found.message
