"""Requirement strings Python code hands to an installer: Kubeflow components'
``packages_to_install`` (also on a decorator call), Ray's ``runtime_env={"pip": [...]}``, Airflow's
``PythonVirtualenvOperator``/``@task.virtualenv`` ``requirements``, a Modal image's ``pip_install``
(through its builder chain or a variable): zenml pins, fixed inside the literal."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

CODE = '''import modal
import ray
from airflow.decorators import task
from airflow.operators.python import PythonVirtualenvOperator
from kfp import dsl
from kfp.components import func_to_container_op

DEPS = ["zenml[server]==0.12.1", "pandas"]


@dsl.component(base_image="python:3.9", packages_to_install=DEPS)
def export() -> str:
    return ""


op = func_to_container_op(export, packages_to_install=["zenml~=0.13.0"])


@ray.remote(runtime_env={"pip": ["zenml==0.11.0"], "env_vars": {"X": "zenml"}})
def work():
    pass


@task.virtualenv(requirements=["zenml<0.14", "numpy"])
def legacy():
    pass


base = modal.Image.debian_slim().apt_install("git")
image = base.pip_install("zenml==0.13.2", "torch")
keep = PythonVirtualenvOperator(task_id="t", python_callable=print, requirements=["zenml>=0.20.5"])
'''


def test_requirement_calls():
    found = [(f.span.line, f.fix) for f in scan_source(CODE, "flows/remote.py") if f.code == "ZM970"]
    assert found == [(8, "safe"), (16, "safe"), (19, "safe"), (24, None), (30, "safe")]


def test_fix_in_the_literals():
    out = fix_source(CODE, "flows/remote.py").text
    for fixed in ('"zenml[server]==0.20.5"', '"zenml~=0.20.5"', '"zenml==0.20.5"], "env_vars"', 'pip_install("zenml==0.20.5", "torch")'):
        assert fixed in out
    assert '"zenml<0.14"' in out and '"zenml>=0.20.5"' in out
