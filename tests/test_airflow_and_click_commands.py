"""`zenml` commands that Python code hands to Airflow operators (``BashOperator`` shell lines,
``DockerOperator`` commands, ``KubernetesPodOperator`` ``cmds`` + ``arguments``) and to zenml's
click group called directly (``cli([...])``, ``cli.main(args=...)``, ``CliRunner().invoke(cli,
"a string")``): found by the callee's qualified name, reported at the characters, fixed in the
literals when they are plain."""

import textwrap

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

DAG = """\
from airflow.operators.bash_operator import BashOperator
from airflow.operators.docker_operator import DockerOperator
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator

POD_ARGS = ["stack", "update", "edge", "--metadata-store", "edge_md"]

nightly = BashOperator(task_id="nightly", bash_command="cd /srv && zenml profile describe edge")
container = DockerOperator(task_id="c", image="img", command=["zenml", "metadata-store", "delete", "md"])
pod = KubernetesPodOperator(task_id="p", name="p", image="img", cmds=["zenml"], arguments=POD_ARGS)
shell_pod = KubernetesPodOperator(task_id="s", name="s", image="img", cmds=["bash"], arguments=["-c", "echo zenml"])
fine = BashOperator(task_id="f", bash_command="zenml stack set edge")
"""


def _found(code: str, filename: str):
    return [(f.code, f.span.line, f.span.column) for f in scan_source(textwrap.dedent(code), filename) if f.code.startswith("ZM9")]


def test_airflow_operators_commands_are_judged():
    assert _found(DAG, "dags/nightly.py") == [("ZM952", 5, 41), ("ZM950", 7, 68), ("ZM951", 8, 64)]


def test_airflow_pod_arguments_fixed_where_written():
    out = fix_source(DAG, "dags/nightly.py").text
    assert 'POD_ARGS = ["stack", "update", "edge"]\n' in out
    assert 'bash_command="zenml stack set edge")' in out


def test_a_local_operator_class_is_not_airflow():
    code = """\
        class BashOperator:
            def __init__(self, **kw):
                self.kw = kw

        BashOperator(bash_command="zenml profile set edge")
        """
    assert _found(code, "dags/local.py") == []


def test_the_zenml_click_group_called_directly_and_string_args():
    code = """\
        from click.testing import CliRunner
        from zenml.cli import cli

        def bootstrap():
            cli.main(args=["profile", "set", "edge"], standalone_mode=False)
            cli(["stack", "register", "e", "--metadata-store", "md", "-a", "a", "-o", "o"])
            CliRunner().invoke(cli, "stack update e -m md")
        """
    assert _found(code, "boot.py") == [("ZM950", 5, 5), ("ZM952", 6, 37), ("ZM952", 7, 45)]
    out = fix_source(textwrap.dedent(code), "boot.py").text
    assert 'cli(["stack", "register", "e", "-a", "a", "-o", "o"])' in out
    assert 'CliRunner().invoke(cli, "stack update e")' in out
