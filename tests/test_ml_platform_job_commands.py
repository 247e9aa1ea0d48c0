"""`zenml` command lines handed to ML platform job SDKs and remote runners in Python code: a
SageMaker processing job's ``entrypoint``, a Vertex AI container training job's ``command`` and a
custom job's ``worker_pool_specs`` container specs, a Flyte container task's ``command`` +
``arguments``, an Azure ML ``command()`` job's shell line, a Ray job's ``entrypoint``, Airflow's
ECS operator ``overrides``, Dagger's ``with_exec``, asyncssh's ``conn.run`` and a kubernetes pod exec ``stream(...)``.
Found through the callee's qualified name; a call of another object with the same keywords is
not read."""

import textwrap

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source


def _found(code: str, filename: str = "jobs.py"):
    return [(f.code, f.span.line) for f in scan_source(textwrap.dedent(code), filename) if f.code.startswith("ZM9")]


def test_platform_job_keywords():
    code = """\
        from sagemaker.processing import Processor
        from google.cloud import aiplatform
        from flytekit import ContainerTask
        from azure.ai.ml import command

        Processor(role="r", image_uri="i", instance_count=1, instance_type="ml.t3.large", entrypoint=["zenml", "profile", "get"])
        aiplatform.CustomContainerTrainingJob(display_name="t", container_uri="i", command=["zenml", "metadata-store", "describe"])
        ContainerTask(name="c", image="i", command=["zenml"], arguments=["profile", "delete", "old_one"])
        command(code=".", command="zenml stack update team -m team_meta", environment="env@1", compute="gpu")
        Processor(role="r", image_uri="i", instance_count=1, instance_type="ml.t3.large", entrypoint=["zenml", "stack", "list"])
        """
    assert _found(code) == [("ZM950", 6), ("ZM951", 7), ("ZM950", 8), ("ZM952", 9)]


def test_container_spec_dicts():
    code = """\
        from airflow.providers.amazon.aws.operators.ecs import EcsRunTaskOperator
        from google.cloud import aiplatform

        SPEC = {"image_uri": "i", "command": ["zenml"], "args": ["profile", "explain"]}
        aiplatform.CustomJob(display_name="j", worker_pool_specs=[{"replica_count": 1, "container_spec": SPEC}])
        EcsRunTaskOperator(
            task_id="t",
            overrides={"containerOverrides": [{"name": "c", "command": ["sh", "-c", "zenml metadata-store list && zenml stack list"]}]},
        )
        aiplatform.CustomJob(display_name="k", worker_pool_specs=[{"container_spec": {"command": ["zenml", "stack", "describe"]}}])
        """
    assert _found(code) == [("ZM950", 4), ("ZM951", 8)]


def test_remote_runners():
    code = """\
        import asyncssh
        from kubernetes.stream import stream
        from ray.job_submission import JobSubmissionClient


        async def main(api):
            async with asyncssh.connect("gpu-box") as conn:
                await conn.run("zenml profile describe")
            stream(api.connect_get_namespaced_pod_exec, "p", "ns", command=["zenml", "metadata-store", "get"])
            JobSubmissionClient("http://head:8265").submit_job(entrypoint="zenml stack copy a b --from old_p")
        """
    assert _found(code) == [("ZM950", 8), ("ZM951", 9), ("ZM950", 10)]


def test_same_keywords_on_another_callee_not_read():
    code = """\
        class Processor:
            def __init__(self, **kw):
                self.kw = kw


        def command(**kw):
            return kw


        Processor(entrypoint=["zenml", "profile", "get"])
        command(command="zenml metadata-store list")
        """
    assert _found(code) == []


def test_fix_inside_the_shell_line():
    code = 'from azure.ai.ml import command\n\njob = command(code=".", command="zenml stack register s -m md -a a -o o", environment="e@1")\n'
    assert 'command="zenml stack register s -a a -o o"' in fix_source(code, "jobs.py").text


def test_dagger_with_exec():
    code = """\
        import dagger
        from dagger import dag


        async def ci():
            async with dagger.Connection() as client:
                base = client.container().from_("python:3.9").with_workdir("/src")
                await base.with_exec(["zenml", "profile", "get"]).with_exec(["zenml", "stack", "list"]).stdout()
            await dag.container().from_("python:3.9").with_exec(["zenml", "metadata-store", "list"]).sync()
        """
    assert _found(code, "ci.py") == [("ZM950", 8), ("ZM951", 9)]
