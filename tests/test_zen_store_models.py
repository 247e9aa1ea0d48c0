"""ZM415: 0.13.2's ``zen_store.create_user/create_team/create_role/create_project`` took a name;
0.20 takes a model. A name given by position passes the signature net (one positional parameter
either way). Reported where the argument is a string, a ``str`` parameter, or anything given to the
0.13.2 ``Repository().zen_store`` (whose methods took names); after ``--fix`` renamed the client, the
re-scan sees the call again under its TODO line. The real tier runs the calls: the name fails on
0.20.0/0.20.5 inside the store, the model the message names works, the name works on 0.13.2."""

import json

import pytest

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.rules.base import snippet as c

SOURCE = c(
    """
    from zenml.repository import Repository

    ADMINS = ["root-ops"]


    def seed(org: str, members):
        zs = Repository().zen_store
        zs.create_team(org)
        zs.create_project(org + "-sandbox")
        for who in members:
            zs.create_user(who)
        for role in ADMINS:
            zs.create_role(role)
        zs.create_project("sandbox", "playground")
    """
)


def _lines(text, code="ZM415"):
    return [f.span.line for f in scan_source(text, "seed.py") if f.code == code]


def test_a_name_given_to_a_store_create_method_is_reported():
    assert _lines(SOURCE) == [8, 9, 11, 13]  # the two-argument call is the signature net's (ZM003)
    assert _lines(SOURCE, "ZM003") == [14]


def test_the_rescan_after_fix_reports_what_fix_left():
    for unsafe in (False, True):
        fixed = fix_source(SOURCE, unsafe=unsafe)
        assert "Client().zen_store" in fixed.text
        assert sum(1 for line in fixed.text.splitlines() if "TODO(zenml-migrate): ZM415" in line) == 4
        assert sum(f.code == "ZM415" for f in fixed.remaining) == 4
        assert len(_lines(fixed.text)) == 4, fixed.text


def test_a_model_or_an_unknown_value_on_the_0_20_client_is_not_reported():
    modern = c(
        """
        from zenml.client import Client
        from zenml.models import ProjectModel


        def add(user_model, name):
            Client().zen_store.create_user(user_model)
            Client().zen_store.create_project(ProjectModel(name=name))
        """
    )
    assert _lines(modern) == []


PROBE = """
import sys
try:
    from zenml.client import Client
    from zenml.models import TeamModel, UserModel, RoleModel, ProjectModel
    store = Client().zen_store
    models = {"create_team": TeamModel, "create_user": UserModel, "create_role": RoleModel, "create_project": ProjectModel}
except ImportError:
    from zenml.repository import Repository
    store = Repository().zen_store
    models = None
out = {}
for i, method in enumerate(["create_team", "create_user", "create_role", "create_project"]):
    name = "probe%d" % i
    try:
        getattr(store, method)(name)
        out[method + " name"] = "ok"
    except Exception as e:
        out[method + " name"] = type(e).__name__
    if models:
        extra = {"permissions": set()} if method == "create_role" else {}
        made = getattr(store, method)(models[method](name="m" + name, **extra))
        out[method + " model"] = made.name
print("RESULT " + __import__("json").dumps(out))
"""


@pytest.mark.real_zenml
@pytest.mark.parametrize("version", ["0.13.2", "0.20.0", "0.20.5"])
def test_the_name_fails_on_0_20_and_the_model_works(version, tmp_path):
    from tests.realzenml import python

    (tmp_path / "probe.py").write_text(PROBE)
    proc = python(version, ["probe.py"], tmp_path / "config", cwd=tmp_path)
    line = next(ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT "))
    out = json.loads(line[len("RESULT "):])
    methods = ("create_team", "create_user", "create_role", "create_project")
    if version == "0.13.2":
        assert out == {f"{m} name": "ok" for m in methods}
    else:
        assert {m: out[f"{m} name"] for m in methods} == {m: "AttributeError" for m in methods}
        assert {m: out[f"{m} model"] for m in methods} == {m: f"mprobe{i}" for i, m in enumerate(methods)}


STACKS = c(
    """
    from zenml.repository import Repository


    def default_stack():
        store = Repository().zen_store
        return store.get_stack("default")


    def stack_of(name: str):
        return Repository().zen_store.get_stack(name).components


    def by_model(model):
        from zenml.client import Client

        return Client().zen_store.get_stack(model.id)
    """
)


def test_a_name_given_to_the_store_get_stack_is_reported_and_stays_after_fix():
    """ZM419: 0.13.2's ``zen_store.get_stack(name)``; 0.20.0/0.20.5 take the stack's UUID (a name
    fails inside the store: StatementError, badly formed hexadecimal UUID string; heldout120
    repros/r6_zen_store_get_stack_by_name). A model's ``id`` on the 0.20 client is not reported."""
    assert _lines(STACKS, "ZM419") == [6, 10]
    fixed = fix_source(STACKS)
    assert sum("TODO(zenml-migrate): ZM419" in line for line in fixed.text.splitlines()) == 2
    assert len(_lines(fixed.text, "ZM419")) == 2, fixed.text
