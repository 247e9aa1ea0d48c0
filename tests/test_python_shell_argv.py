"""Python calls whose argv runs a shell on a line (``["bash", "-lc", LINE]``, a pod's
``cmds=["/bin/sh", "-c"]`` + ``arguments=[LINE]``): the line is a shell line; Airflow's
SSHOperator ``command``; nox ``session.run_always`` and ``session.run(*LINE.split())``."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

CODE = '''import subprocess

import nox
from airflow.providers.ssh.operators.ssh import SSHOperator
from airflow.providers.cncf.kubernetes.operators.kubernetes_pod import KubernetesPodOperator

subprocess.check_call(["bash", "-lc", "zenml stack update s1 -m md1 && zenml stack list"])
subprocess.run(["/bin/sh", "-e", "-c", "echo zenml profile set nothing"])
subprocess.run(["sh", "script.sh", "-c", "zenml profile set not_a_line"])
remote = SSHOperator(task_id="r", ssh_conn_id="box", command="cd /srv && zenml profile get")
pod = KubernetesPodOperator(task_id="p", name="p", image="i", cmds=["/bin/sh", "-c"], arguments=["zenml metadata-store list"])


@nox.session
def e2e(session):
    session.run_always("zenml", "profile", "describe", external=True)
    session.run(*"zenml stack update s2 -m md2".split(), external=True)
'''


def _found(text: str):
    return [(f.code, f.span.line) for f in scan_source(text, "dags/jobs.py") if f.code.startswith("ZM9")]


def test_shell_lines_in_argv_lists():
    assert _found(CODE) == [("ZM952", 7), ("ZM950", 10), ("ZM951", 11), ("ZM950", 16), ("ZM952", 17)]


def test_the_line_is_fixed_inside_its_list_item():
    out = fix_source(CODE, "dags/jobs.py").text
    assert '"bash", "-lc", "zenml stack update s1 && zenml stack list"]' in out
    assert 'session.run(*"zenml stack update s2".split(), external=True)' in out
