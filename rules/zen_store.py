"""ZM415: the zen store's user-management ``create_*`` methods take a model in ZenML 0.20.
ZM419: the zen store's ``get_stack`` takes a stack UUID in ZenML 0.20 (0.13.2: a name).

0.13.2's ``BaseZenStore.create_user(user_name: str)``, ``create_team(team_name: str)``,
``create_role(role_name: str)`` and ``create_project(project_name: str, description=None)`` took
names; 0.20.0 and 0.20.5 take ``UserModel`` / ``TeamModel`` / ``RoleModel`` / ``ProjectModel``
(checked on the wheels: one positional parameter each, so a name given by position passes the
signature net and fails inside the store: ``AttributeError: 'str' object has no attribute 'name'``).
"""

import ast
from typing import List, Optional

from zenml_migrate.rules.base import Bad, CallCheck, Fix, Good, Rule, snippet

STORE = "zenml.zen_stores.base_zen_store.BaseZenStore()"
# method -> the 0.20 model it takes (zenml.models in 0.20.0 and 0.20.5)
MODELS = {"create_user": "UserModel", "create_team": "TeamModel", "create_role": "RoleModel", "create_project": "ProjectModel"}
CODE = "ZM415"


def _is_text(node: ast.AST) -> bool:
    """A string written as such: a literal, an f-string, ``"a" + x`` / ``x + "a"``, ``"...".format()``,
    ``str(...)``."""
    if isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str)):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return _is_text(node.left) or (isinstance(node.op, ast.Add) and _is_text(node.right))
    if isinstance(node, ast.Call) and not node.keywords:
        func = node.func
        if isinstance(func, ast.Name) and func.id == "str":
            return True
        if isinstance(func, ast.Attribute) and func.attr in ("format", "lower", "upper", "strip") and _is_text(func.value):
            return True
    return False


def _bindings(detector, name: str) -> list:
    return (detector.bindings_of(name) or []) if hasattr(detector, "bindings_of") else []


def _annotated_str(detector, node: ast.AST) -> bool:
    """A name whose only bindings are annotations ``str`` / ``Optional[str]`` (a parameter)."""
    if not isinstance(node, ast.Name) or detector is None:
        return False
    found = _bindings(detector, node.id)
    anns = [getattr(b, "node", None) for b in found if getattr(b, "kind", None) == "ann"]
    if not anns or len(anns) != len(found):
        return False
    for ann in anns:
        if isinstance(ann, ast.Subscript) and isinstance(ann.value, ast.Name) and ann.value.id == "Optional":
            ann = ann.slice
        if not (isinstance(ann, ast.Name) and ann.id == "str" or isinstance(ann, ast.Constant) and ann.value == "str"):
            return False
    return True


def _repository_store(detector, receiver: ast.AST, resolve, depth: int = 0) -> bool:
    """``Repository().zen_store`` (or a name bound only to it): the 0.13.2 spelling, whose
    ``create_*`` methods took names, so whatever the call gives is a name."""
    if isinstance(receiver, ast.Attribute) and receiver.attr == "zen_store":
        owner = resolve(receiver.value)
        return bool(owner) and owner.startswith("zenml.repository.Repository")
    if isinstance(receiver, ast.Name) and detector is not None and depth < 3:
        found = _bindings(detector, receiver.id)
        values = [getattr(b, "node", None) for b in found if getattr(b, "kind", None) == "expr"]
        return bool(values) and len(values) == len(found) and all(
            v is not None and _repository_store(detector, v, resolve, depth + 1) for v in values
        )
    return False


def _given_a_name_for(code: str):
    """The ``when`` of a store method that took a name on 0.13.2 and takes something else on
    0.20 (its one positional argument): a string, a ``str`` parameter, or any argument of the
    0.13.2 spelling ``Repository().zen_store``."""

    def given_a_name(call: ast.Call, resolve) -> List[ast.AST]:
        if len(call.args) != 1 or call.keywords or isinstance(call.args[0], ast.Starred):
            return []  # other arities and keywords (``team_name=``) are the signature net's (ZM003)
        detector = getattr(resolve, "__self__", None)  # the scan's Detector (resolve is its method)
        arg = call.args[0]
        if _is_text(arg) or _annotated_str(detector, arg):
            return [call.func]
        if isinstance(call.func, ast.Attribute) and _repository_store(detector, call.func.value, resolve):
            return [call.func]
        # the re-scan after --fix renamed Repository: the call is still under this rule's TODO line
        marked = detector is not None and hasattr(detector, "marked_for") and detector.marked_for(call, code)
        return [call.func] if marked else []

    return given_a_name


_given_a_name = _given_a_name_for(CODE)


def _one_positional(call: ast.Call) -> bool:
    return len(call.args) == 1 and not call.keywords


ZM415 = Rule(
    code=CODE,
    name="zen-store-takes-models",
    message="The zen store's `create_user`/`create_team`/`create_role`/`create_project` take a model in ZenML 0.20, not a name",
    why=(
        "0.13.2's `zen_store.create_user(user_name)`, `create_team(team_name)`, `create_role(role_name)` and "
        "`create_project(project_name, description)` took names; 0.20.0 and 0.20.5 take a `UserModel`, "
        "`TeamModel`, `RoleModel` or `ProjectModel` (`zenml.models`) and fail inside the store on a string "
        "(`AttributeError: 'str' object has no attribute 'name'`)."
    ),
    instead=(
        "Pass the model: `from zenml.models import TeamModel` then `Client().zen_store.create_team(TeamModel(name=\"ml-team\"))`; "
        "likewise `UserModel(name=...)`, `RoleModel(name=..., permissions=set())`, `ProjectModel(name=..., description=...)`."
    ),
    fix=Fix.NONE,
    fix_note="No automatic fix: the model takes more than the name (a user's password or activation, a role's permissions).",
    todo="in ZenML 0.20 the zen store's create_* take a model (zenml.models: UserModel, TeamModel, RoleModel, ProjectModel)",
    match=(CallCheck(tuple(f"{STORE}.{m}" for m in MODELS), _given_a_name, pre=_one_positional),),
    bad=(
        Bad(
            snippet(
                """
                from zenml.repository import Repository

                Repository().zen_store.create_project("forecasting")
                """
            ),
            count=1,
        ),
        Bad(
            snippet(
                """
                from zenml.repository import Repository


                def onboard(names):
                    store = Repository().zen_store
                    for name in names:
                        store.create_user(name)
                """
            ),
            count=1,
        ),
        Bad(
            snippet(
                """
                from zenml.client import Client


                def add_group(group: str, region: str):
                    Client().zen_store.create_team(group)
                    Client().zen_store.create_role(f"{region}-reader")
                """
            ),
            count=2,
        ),
    ),
    good=(
        Good(
            snippet(
                """
                from zenml.client import Client
                from zenml.models import TeamModel

                Client().zen_store.create_team(TeamModel(name="ml-team"))
                """
            )
        ),
        Good("from zenml.client import Client\n\n\ndef add(model):\n    Client().zen_store.create_user(model)\n"),
        Good("class Store:\n    def create_team(self, name): ...\n\nStore().create_team('x')\n"),
    ),
)


ZM419 = Rule(
    code="ZM419",
    name="zen-store-get-stack-takes-an-id",
    message="The zen store's `get_stack` takes the stack's UUID in ZenML 0.20, not its name",
    why=(
        "0.13.2's `Repository().zen_store.get_stack(name)` looked a stack up by name. 0.20.0 and 0.20.5's "
        "`zen_store.get_stack(stack_id)` takes a UUID: a name passes the signature and fails inside the store "
        "(`StatementError: badly formed hexadecimal UUID string` on the local store)."
    ),
    instead=(
        "Look the stack up by name in the client's stacks: `next(s for s in Client().stacks if s.name == \"default\")` "
        "(a `StackModel`, on 0.20.0 and 0.20.5; `zen_store.get_stack(model.id)` takes its `id`)."
    ),
    fix=Fix.NONE,
    fix_note="No automatic fix: 0.20 gives a `StackModel`, not the 0.13.2 `StackWrapper`; what the code reads from it changes.",
    todo="in ZenML 0.20 zen_store.get_stack takes the stack UUID; find the StackModel by name in Client().stacks",
    match=(CallCheck(f"{STORE}.get_stack", _given_a_name_for("ZM419"), pre=_one_positional),),
    bad=(
        Bad(
            snippet(
                """
                from zenml.repository import Repository


                def default_stack():
                    store = Repository().zen_store
                    return store.get_stack("default")
                """
            ),
            count=1,
        ),
        Bad(
            snippet(
                """
                from zenml.client import Client


                def components(stack_name: str):
                    return Client().zen_store.get_stack(stack_name).components
                """
            ),
            count=1,
        ),
    ),
    good=(
        Good(
            snippet(
                """
                from zenml.client import Client

                model = next(s for s in Client().stacks if s.name == "default")
                Client().zen_store.get_stack(model.id)
                """
            )
        ),
    ),
)
