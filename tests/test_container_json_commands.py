"""Container specs in JSON files: an ECS task definition (``containerDefinitions``, with an
``entryPoint`` shell), an AWS Batch job definition (``containerProperties``), a Vertex AI custom
job (``containerSpec`` ``command`` + ``args``): each container's lists are one argv."""

import json

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

TASKDEF = {
    "family": "trainer",
    "containerDefinitions": [
        {"name": "setup", "image": "acme/ml:1", "entryPoint": ["/bin/sh", "-c"],
         "command": ["zenml profile set nightly && python train.py"]},
        {"name": "register", "image": "acme/ml:1",
         "command": ["zenml", "stack", "register", "nightly", "-m", "default", "-a", "default", "-o", "default"]},
        {"name": "ok", "image": "acme/ml:1", "command": ["zenml", "stack", "describe"]},
    ],
}


def _lines(text, name):
    return [(f.code, f.span.line) for f in scan_source(text, name) if f.code.startswith("ZM9")]


def test_ecs_task_definition():
    text = json.dumps(TASKDEF, indent=2)
    found = _lines(text, "deploy/ecs/task-definition.json")
    assert [line for _, line in found] == [text[: text.index("zenml profile")].count("\n") + 1,
                                           text[: text.index('"-m"')].count("\n") + 1]


def test_the_fix_keeps_valid_json():
    text = json.dumps(TASKDEF, indent=2)
    fixed = fix_source(text, "deploy/ecs/taskdef.json").text
    data = json.loads(fixed)
    assert data["containerDefinitions"][1]["command"] == ["zenml", "stack", "register", "nightly", "-a", "default", "-o", "default"]


def test_batch_and_vertex_jobs():
    batch = json.dumps({"jobDefinitionName": "md", "containerProperties": {"image": "acme/ml:1", "command": ["zenml", "metadata-store", "describe"]}})
    assert [line for _, line in _lines(batch, "batch/jobdef.json")] == [1]
    vertex = json.dumps({"jobSpec": {"workerPoolSpecs": [{"containerSpec": {
        "imageUri": "gcr.io/p/ml:1", "command": ["zenml"], "args": ["stack", "set", "gpu", "--global"]}}]}})
    assert [line for _, line in _lines(vertex, "vertex/training_job.json")] == [1]


def test_a_command_list_without_an_image_is_no_container():
    text = json.dumps({"tasks": [{"command": ["zenml", "profile", "create", "x"]}]})
    assert _lines(text, "tasks.json") == []


def test_a_batch_job_definition_named_batch_with_a_shell_command():
    # review20's repro shape: ``batch.json``/``aws-batch.json``, ``sh -c "LINE"`` in ``containerProperties``
    job = json.dumps({"jobDefinitionName": "retrain", "type": "container", "containerProperties": {
        "image": "acme/ml:2", "command": ["sh", "-c", "zenml stack set prod --global && python retrain.py"]}}, indent=2)
    line = job[: job.index("zenml stack set")].count("\n") + 1
    assert [line for _, line in _lines(job, "infra/batch.json")] == [line]
    assert [line for _, line in _lines(job, "aws-batch-retrain.json")] == [line]


def _where(text, name):
    return [(f.code, f.span.line, f.span.column) for f in scan_source(text, name) if f.code.startswith("ZM9")]


def test_a_shell_line_written_with_escapes():
    # json.dumps writes the quotes and line breaks of the script as \" and \n: each word is found
    # at its place in the file, and the fix edits the file's characters, not the decoded ones
    script = 'set -e\nzenml profile get\nzenml stack update "gpu stack" -m shared_meta\necho "zenml profile list"\n'
    text = json.dumps({"family": "f", "containerDefinitions": [{"name": "c", "image": "acme/ml:3", "entryPoint": ["bash", "-c"],
                                                                "command": [script]}]}, indent=1)
    line = text[: text.index("zenml profile get")].count("\n") + 1
    col = lambda needle: text.index(needle) - text.rfind("\n", 0, text.index(needle))  # noqa: E731
    assert _where(text, "ecs/taskdef.json") == [("ZM950", line, col("zenml profile get")),
                                                ("ZM952", line, col("-m shared_meta"))]
    fixed = json.loads(fix_source(text, "ecs/taskdef.json").text)
    assert fixed["containerDefinitions"][0]["command"] == [script.replace(" -m shared_meta", "")]


def test_sagemaker_app_specification_and_step_functions_overrides():
    processing = json.dumps({"ProcessingJobName": "p", "AppSpecification": {
        "ImageUri": "1.dkr.ecr.aws/ml:1", "ContainerEntrypoint": ["zenml"], "ContainerArguments": ["profile", "delete", "tmp"]}})
    assert [c for c, _, _ in _where(processing, "sagemaker/batch-processing.json")] == ["ZM950"]
    machine = json.dumps({"StartAt": "a", "States": {"a": {"Type": "Task", "Parameters": {"Overrides": {"ContainerOverrides": [
        {"Name": "c", "Command": ["zenml", "metadata-store", "get"]}, {"Name": "d", "Command": ["zenml", "stack", "get"]}]}}}}}, indent=2)
    program = machine.rindex('"zenml"', 0, machine.index('"metadata-store"')) + 1  # the word's first character
    place = (machine[:program].count("\n") + 1, program - machine.rfind("\n", 0, program))
    assert _where(machine, "states/nightly.asl.json") == [("ZM951",) + place]
