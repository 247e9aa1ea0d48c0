"""fabric connections built in the code (not a @task parameter): ``with Connection(h) as c``,
``c = fabric.Connection(h)``, ``Connection(h).run(...)``, and Fabric 1's ``fabric.api``
``local``/``run``/``sudo``: their lines are shell lines. A name bound to something else too has no type."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

DEPLOY = '''import fabric
from fabric import Connection
from fabric.api import local as run_here


def push(hosts):
    for h in hosts:
        with Connection(h, user="ml") as box:
            box.sudo("zenml profile set " + h)
    gpu = fabric.Connection("gpu-7")
    gpu.run("zenml stack update gpu_stack -m mlmd")
    Connection("cpu-1").local("zenml metadata-store list")
    run_here("zenml profile describe")


def unknown(path):
    box = Connection("a")
    box = open(path)
    box.run("zenml profile set a")
    with open(path) as fh:
        fh.run("zenml profile set b")
'''


def _found(text: str, filename: str):
    return [(f.code, f.span.line) for f in scan_source(text, filename) if f.code.startswith("ZM9")]


def test_connections_built_in_code():
    assert _found(DEPLOY, "deploy/tasks.py") == [("ZM950", 9), ("ZM952", 11), ("ZM951", 12), ("ZM950", 13)]


def test_a_connection_command_is_fixed_in_its_literal():
    out = fix_source(DEPLOY, "deploy/tasks.py").text
    assert 'gpu.run("zenml stack update gpu_stack")' in out
    assert 'box.run("zenml profile set a")' in out  # not a Connection: untouched
