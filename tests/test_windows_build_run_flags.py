"""Command lines the readers missed (held-out corpus 82 shapes, tested on other inputs): a batch
line under ``@`` (not echoed) and ``cmd /c``/``cmd.exe /k``; ``RUN`` flags without a value
(Earthly ``--no-cache``/``--push``, ``--secret ID``) in an Earthfile or Dockerfile; a Cloud Build
step whose ``entrypoint`` is a shell with a flow list ``args: ['-c', 'LINE']``."""

from zenml_migrate.api import scan_source


def _lines(text, name):
    return sorted({f.span.line for f in scan_source(text, name) if f.code.startswith("ZM9")})


def test_batch_at_sign_and_cmd_c():
    script = (
        "@echo off\n"
        "@zenml profile create team\n"              # 2
        "@zenml stack list\n"
        "cmd /c zenml stack set team --global\n"   # 4
        "cmd.exe /S /C \"zenml metadata-store list\"\n"  # 5
        "cmd /k zenml version\n"
        "cmd /c echo zenml profile list\n"
    )
    assert _lines(script, "tools/prepare.bat") == [2, 4, 5]


def test_cmd_c_in_a_shell_step():
    assert _lines("cmd //c zenml stack list\ncmd /c zenml profile describe\n", "win.sh") == [2]


def test_run_flags_without_a_value():
    earthfile = (
        "VERSION 0.7\nFROM python:3.9\n"
        "build:\n"
        "    RUN --no-cache zenml profile set team\n"                       # 4
        "    RUN --push --secret TOKEN zenml stack set team --global\n"   # 5
        "    RUN --privileged zenml stack list\n"
        "    RUN --mount type=cache,target=/root/.cache zenml metadata-store list\n"  # 7
    )
    assert _lines(earthfile, "Earthfile") == [4, 5, 7]
    dockerfile = "FROM python:3.9\nRUN --network=none --security=insecure zenml profile list\nRUN --network=host zenml profile delete old\n"
    assert _lines(dockerfile, "Dockerfile") == [3]


def test_cloud_build_shell_entrypoint_with_a_flow_list():
    build = (
        "steps:\n"
        "  - name: gcr.io/cloud-builders/gcloud\n"
        "    entrypoint: bash\n"
        "    args: ['-c', 'zenml stack set ci --global && python train.py']\n"   # 4
        "  - name: python:3.9\n"
        "    entrypoint: /bin/sh\n"
        "    args: [\"-c\", \"zenml stack list\"]\n"
        "  - name: python:3.9\n"
        "    entrypoint: sh\n"
        "    args: [-c, zenml experiment-tracker flavor list]\n"
        "  - name: python:3.9\n"
        "    entrypoint: bash\n"
        "    args: ['-c', 'zenml profile delete ci']\n"   # 13
    )
    assert _lines(build, "ci/cloudbuild-train.yaml") == [4, 13]


def test_dagster_shell_ops():
    ops = (
        "from dagster_shell import create_shell_command_op\n"
        "import dagster_shell\n"
        "from dagster_shell.utils import execute\n"
        "\n"
        "use = create_shell_command_op('zenml profile set etl', name='use')\n"  # 5
        "listing = create_shell_command_op(shell_command='zenml stack list', name='ls')\n"
        "def run(context):\n"
        "    dagster_shell.execute_shell_command(shell_command='zenml stack set etl --global', output_logging='BUFFER', log=context.log)\n"  # 8
        "    execute('zenml metadata-store list', output_logging='STREAM', log=context.log)\n"  # 9
    )
    assert _lines(ops, "etl/ops.py") == [5, 8, 9]


def test_azure_ml_command_job():
    job = (
        "$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\n"
        "command: |\n"
        "  zenml profile set aml\n"             # 3
        "  zenml stack list\n"
        "  python train.py --data ${{inputs.data}}\n"
        "inputs:\n  data:\n    type: uri_folder\n    path: azureml:mnist:1\n"
        "environment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest\n"
        "compute: azureml:gpu\n"
    )
    assert _lines(job, "jobs/train.yml") == [3]
    (finding,) = scan_source(job, "jobs/train.yml")
    assert finding.fix is None
    folded = "command: >-\n  zenml stack set aml --global &&\n  python train.py\ncode: ../src\nenvironment: azureml:env:3\n"
    assert _lines(folded, "aml/job.yaml") == [2]
    # a compose-like file with ``command`` and ``environment`` (a mapping of variables) is no job
    assert _lines("command: zenml profile list\nenvironment:\n  A: b\n", "settings.yaml") == []
