"""zenml commands run through Python process libraries other than subprocess: the ``sh``
module's attribute subcommands and ``sh.Command``, plumbum commands, pexpect, anyio, paramiko,
the docker SDK, container specs (kubernetes client, Kubeflow, Hera) and pulumi_command. Found
through the qualified name of the callee (or of what built the object), at the command's own
line; names that only look alike are not read."""

import textwrap

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source


def _lines(code: str, filename: str = "jobs.py"):
    return sorted({f.span.line for f in scan_source(textwrap.dedent(code), filename) if f.code.startswith("ZM9")})


def test_sh_module_subcommands_and_command_objects():
    code = """\
        import sh
        from sh import zenml as zm

        zm.profile.describe("dev")
        sh.zenml.stack.set("gpu", "--global")
        runner = sh.Command("/usr/local/bin/zenml")
        runner("metadata-store", "describe")
        sh.Command("zenml")("profile", "describe")
        sh.python3("-m", "zenml", "profile", "delete", "old")
        zm.stack.list()
        sh.zenml.stack_component.list()
        sh.echo("zenml profile create x")
        """
    assert _lines(code) == [4, 5, 7, 8, 9]


def test_plumbum_commands_each_reported_once_where_written():
    code = """\
        from plumbum import BG, local
        from plumbum.cmd import zenml as zcmd

        base = local["zenml"]
        base["profile", "describe"]()
        prepared = base["stack", "register", "t", "-m", "md", "-a", "default", "-o", "default"]
        prepared()
        zcmd["stack", "set", "t", "--global"] & BG
        local.get("zenml").run(["metadata-store", "list"])
        base["stack", "describe"]()
        """
    assert _lines(code) == [5, 6, 8, 9]
    fixed = fix_source(textwrap.dedent(code), "jobs.py")
    assert 'base["stack", "register", "t", "-a", "default", "-o", "default"]' in fixed.text
    # the others have no automatic fix: a TODO line above each, and nothing else changed
    assert fixed.text.count("# TODO(zenml-migrate): ZM95") == 3
    assert _lines(fixed.text) == [6, 10, 12]


def test_pexpect_anyio_paramiko():
    code = """\
        import anyio
        import pexpect
        from paramiko import SSHClient

        pexpect.run("zenml profile set dev")
        pexpect.spawn("zenml", args=["metadata-store", "list"])
        pexpect.spawn("zenml stack list")
        client = SSHClient()
        client.exec_command("zenml stack set prod --global")

        async def go():
            await anyio.run_process(["zenml", "profile", "create", "a"])
        """
    assert _lines(code) == [5, 6, 9, 12]


def test_docker_sdk_and_container_specs():
    code = """\
        import docker
        from hera.workflows import Container
        from kubernetes import client

        engine = docker.DockerClient(base_url="unix://var/run/docker.sock")
        engine.containers.run("img", "zenml profile describe")
        worker = engine.containers.get("w")
        worker.exec_run(["zenml", "stack", "update", "s", "-m", "md"])
        docker.from_env().containers.create("img", command=["zenml", "stack", "list"])
        spec = client.V1Container(name="c", image="img", command=["zenml"], args=["profile", "describe"])
        ok = client.V1Container(name="d", image="img", command=["zenml"], args=["stack", "list"])
        Container(name="e", image="img", command=["bash", "-c", "zenml metadata-store up"])
        """
    assert _lines(code) == [6, 8, 10, 12]


def test_which_splat_split_and_pulumi():
    code = """\
        import shutil
        import subprocess
        import sys

        from pulumi_command import local

        ZEN = shutil.which("zenml") or "zenml"
        MOD = [sys.executable, "-m", "zenml"]
        subprocess.run([ZEN, "profile", "describe"])
        subprocess.run([*MOD, "metadata-store", "list"])
        subprocess.run([*MOD, "stack", "list"])
        subprocess.run(["zenml"] + "stack set x --global".split())
        local.Command("c", create="zenml stack list", delete="zenml profile delete p")
        """
    assert _lines(code) == [9, 10, 12, 13]
