"""ZM006: a mock/monkeypatch target in one of the project's own modules whose code no longer
uses the patched name once ``--fix`` ran.

``@patch("qa.checks.Repository")`` patches the name where ``qa/checks.py`` looks it up. When a
fix moves every use of it there to another 0.20 API (``Repository().get_pipeline(p)`` ->
``zenml.post_execution.get_pipeline(p)``, ZM301), ``--fix`` keeps the name bound for the modules
that import or patch it (``from zenml.client import Client as Repository``: the patch still finds
it), but the code under test no longer reads it: the mock is never called and the test runs the
real 0.20 API. Cross-file: the patched module's fact ``NAME.__unused__``
(``scan/resolved_with.unused_exports``), the patch calls the detector records
(``Detector._patch_target``)."""

import ast
from functools import lru_cache
from typing import Dict, List, Optional, Set, Tuple

from zenml_migrate.findings import Finding
from zenml_migrate.rules.base import Bad, Fix, Good, ModuleCheck, Rule
from zenml_migrate.scan import patchers
from zenml_migrate.scan.resolved_with import UNUSED_MARK, unused_names
from zenml_migrate.scan.zenml_index import canonical

#: what a test reads off a mock itself, not off the object it stands in for
_MOCK_API = frozenset({"return_value", "side_effect", "called", "call_count", "call_args", "call_args_list",
                       "method_calls", "mock_calls", "reset_mock", "configure_mock", "assert_called",
                       "assert_called_once", "assert_called_with", "assert_called_once_with", "assert_any_call",
                       "assert_has_calls", "assert_not_called"})


def _patch_target_findings(detector, rule) -> List[Finding]:
    out = []
    own = None
    parents: Optional[Dict[int, ast.AST]] = None
    for node, patcher, key in detector.patch_targets:
        module, _, name = key.rpartition(".")
        if module == detector.module_name:
            own = unused_names(detector, detector.findings) if own is None else own
            unused = name in own
        else:
            unused = f"{key}.{UNUSED_MARK}" in detector.project
        if unused:
            message = (
                f"`{node.value}` (a `{patcher}` target) patches `{name}` of `{module}`, whose own code does not use "
                f"`{name}` once --fix ran (the name stays bound there for the modules that import or patch it): "
                f"the mock is never called by `{module}`"
            )
            out.append(Finding(detector.path, detector._span(node), rule.code, message, None))
            continue
        value = detector.lookup(name) if module == detector.module_name else detector.project.get(key)
        if not value or not value.startswith("zenml.") or any(mark in value for mark in "(+~[@"):
            continue  # what the name is, a zenml class or module (``Repository``, after --fix ``Client``)
        parents = _parents(detector.tree) if parents is None else parents
        moved = {m: to for m in sorted(_mocked_members(node, parents)) for to in [_moved_to(value, m)] if to and _lacks(value, m)}
        if not moved:
            continue
        reads = ", ".join(f"`{name}().{m}`" for m in moved)
        targets = ", ".join(f"`{to}(...)`" for to in dict.fromkeys(moved.values()))
        them = "it" if len(moved) == 1 else "them"
        message = (
            f"`{node.value}` (a `{patcher}` target) patches `{name}` of `{module}`, and what it puts there stands in "
            f"for {reads}, which ZenML 0.20's `{_shown_020(value)}` does not have: --fix rewrites the calls of `{module}` "
            f"to {targets}, not through `{name}`, so the stand-in is not called for {them}"
        )
        out.append(Finding(detector.path, detector._span(node), rule.code, message, None))
    return out


def _moved_to(value: str, member: str) -> Optional[str]:
    """The 0.20 function a fix calls instead of ``value().member`` (``value`` the zenml class a
    patched name is, as written or as --fix renamed it: ``Repository`` or ``Client``) when the call
    no longer goes through the class: ``Repository().get_pipeline`` -> ``zenml.post_execution.get_pipeline``
    (a rule whose fix drops the receiver, ``resolved_with.RECEIVER_DROPPED``), else None. A member
    whose fix keeps the receiver (``active_stack_name`` -> ``active_stack_model.name``) is still
    read on the stand-in."""
    value = canonical(value)
    dropped = _receiver_dropped()
    return dropped.get(f"{value}().{member}") or dropped.get(f"{_renamed_from().get(value)}().{member}")


@lru_cache(maxsize=1)
def _receiver_dropped() -> Dict[str, str]:
    """``"zenml.repository.Repository().get_pipeline"`` -> ``"zenml.post_execution.get_pipeline"``."""
    from zenml_migrate.rules import all_rules
    from zenml_migrate.scan.resolved_with import RECEIVER_DROPPED

    out: Dict[str, str] = {}
    for rule in all_rules():
        to = rule.arg("to") if rule.codemod == RECEIVER_DROPPED else None
        if isinstance(to, str):
            for match in rule.match:
                out.update((canonical(path), to) for path in getattr(match, "names", ()))
    return out


@lru_cache(maxsize=1)
def _renamed_from() -> Dict[str, str]:
    """0.20 class -> the 0.13.2 class a catalog rename gives it for (``zenml.client.Client`` ->
    ``zenml.repository.Repository``)."""
    from zenml_migrate.rules.string_targets import renames_by_old

    return {hits[0][3]: old for old, hits in renames_by_old().items() if hits}


def _lacks(value: str, member: str) -> bool:
    """Does ZenML 0.20's spelling of the zenml class ``value`` lack ``member``?"""
    from zenml_migrate.rules.string_targets import problem, spelling_020

    path = f"{canonical(value)}.{member}"
    new, _ = spelling_020(path)
    return (problem(path) or (problem(new) if new else None)) is not None


def _shown_020(value: str) -> str:
    from zenml_migrate.rules.string_targets import spelling_020

    new, _ = spelling_020(canonical(value))
    return (new or canonical(value)).rpartition(".")[2]


def _parents(tree: ast.AST) -> Dict[int, ast.AST]:
    return {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _mocked_members(target: ast.expr, parents: Dict[int, ast.AST]) -> Set[str]:
    """The members of the patched object a test sets up or reads on the mock that the patch call
    holding ``target`` makes (``@patch(...)`` and the parameter it gives, ``with patch(...) as m``,
    ``m = patch(...)`` / ``mocker.patch(...)`` / ``patch(...).start()``): ``m.return_value.get_pipeline``,
    ``m().get_pipeline``, ``m.get_pipeline``. Empty when the mock is not found."""
    call = parents.get(id(target))
    if not isinstance(call, ast.Call):
        return set()
    given = patchers.given(call, target)
    if given is not None:
        return _fake_members(given, parents)
    out = _configured(call, instance=False)  # ``patch(..., **{"return_value.get_pipeline.return_value": x})``
    made = next((k.value for k in call.keywords if k.arg == "return_value"), None)
    if made is not None:  # ``patch(..., return_value=fake)``: what the code gets when it calls the class
        out |= _instance_members(made, parents, call)
    found = _mock_name(call, parents)
    if found is not None:
        out |= _name_members(found[0], found[1], parents, instance=False, depth=0)
    return out


def _name_members(name: str, scope: ast.AST, parents: Dict[int, ast.AST], instance: bool, depth: int) -> Set[str]:
    """The members set up or read on the mock ``name`` in ``scope`` (``instance``: it stands for an
    instance, else for the class the code calls): ``m.return_value.get_pipeline``, ``m().get_pipeline``,
    ``m.get_pipeline``, ``m.configure_mock(**{"return_value.get_pipeline...": ...})``, and what a
    function of the module given the mock (``configure(m)``) does with its parameter."""
    out: Set[str] = set()
    for node in ast.walk(scope):
        if not (isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load)):
            continue
        up = parents.get(id(node))
        if isinstance(up, ast.Call) and node in up.args and depth < 3:  # ``configure(m)``: its parameter
            out |= _passed_on(up, up.args.index(node), parents, instance, depth)
            continue
        at_instance = instance
        if isinstance(up, ast.Call) and up.func is node:  # ``m()``: an instance
            up, at_instance = parents.get(id(up)), True
        if not isinstance(up, ast.Attribute):
            continue
        if up.attr == "configure_mock" and isinstance(parents.get(id(up)), ast.Call):
            out |= _configured(parents[id(up)], at_instance)
            continue
        if up.attr == "return_value" and not at_instance:
            up = parents.get(id(up))
            if not isinstance(up, ast.Attribute):
                continue
        if up.attr not in _MOCK_API:
            out.add(up.attr)
    return out


def _passed_on(call: ast.Call, index: int, parents: Dict[int, ast.AST], instance: bool, depth: int) -> Set[str]:
    """What ``def configure(repo_mock): repo_mock.return_value.get_pipeline... = ...`` (a function of
    the module, named by ``call``) sets up on the mock given as its argument ``index``."""
    if not isinstance(call.func, ast.Name):
        return set()
    module = call
    while parents.get(id(module)) is not None:
        module = parents[id(module)]
    defs = [f for f in getattr(module, "body", ()) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)) and f.name == call.func.id]
    params = [a.arg for a in defs[0].args.posonlyargs + defs[0].args.args] if len(defs) == 1 else []
    return _name_members(params[index], defs[0], parents, instance, depth + 1) if index < len(params) else set()


def _configured(call: ast.Call, instance: bool) -> Set[str]:
    """The members the keywords of a mock-making or ``configure_mock`` call set up: ``get_pipeline=...``,
    ``**{"return_value.get_pipeline.return_value.runs": [...]}`` (on a class mock, what follows ``return_value``)."""
    keys = [k.arg for k in call.keywords if k.arg is not None]
    for k in call.keywords:
        if k.arg is None and isinstance(k.value, ast.Dict):
            keys += [key.value for key in k.value.keys if isinstance(key, ast.Constant) and isinstance(key.value, str)]
    out: Set[str] = set()
    for key in keys:
        parts = key.split(".")
        if not instance:
            if parts[0] != "return_value" or len(parts) < 2:
                continue
            parts = parts[1:]
        if parts[0] not in _MOCK_API and parts[0] not in ("new", "spec", "spec_set", "autospec", "new_callable", "create", "name"):
            out.add(parts[0])
    return out


def _instance_members(made: ast.expr, parents: Dict[int, ast.AST], call: ast.Call) -> Set[str]:
    """The members of the object given as a class mock's ``return_value``: a ``MagicMock(...)`` written
    there or bound to a name of the function holding the patch call (its keywords, then what the
    function sets up or reads on it)."""
    if isinstance(made, ast.Call):
        return _configured(made, instance=True)
    if not isinstance(made, ast.Name):
        return set()
    scope = parents.get(id(call))
    while scope is not None and not isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Module)):
        scope = parents.get(id(scope))
    if scope is None:
        return set()
    out: Set[str] = set()
    for node in ast.walk(scope):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == made.id for t in node.targets) and isinstance(node.value, ast.Call):
            out |= _configured(node.value, instance=True)
    return out | _name_members(made.id, scope, parents, instance=True, depth=0)


def _fake_members(given: ast.expr, parents: Dict[int, ast.AST]) -> Set[str]:
    """The members of a stand-in class the test writes itself: ``FakeRepo`` (a class of the module)
    or ``lambda: FakeRepo(...)``: what its body defines. Empty for anything else."""
    if isinstance(given, ast.Lambda) and isinstance(given.body, ast.Call):
        given = given.body.func
    if not isinstance(given, ast.Name):
        return set()
    module = given
    while parents.get(id(module)) is not None:
        module = parents[id(module)]
    classes = [c for c in getattr(module, "body", ()) if isinstance(c, ast.ClassDef) and c.name == given.id]
    if len(classes) != 1:
        return set()
    out: Set[str] = set()
    for stmt in classes[0].body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            out.add(stmt.name)
        elif isinstance(stmt, ast.Assign):
            out.update(t.id for t in stmt.targets if isinstance(t, ast.Name))
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            out.add(stmt.target.id)
    return out


def _mock_name(call: ast.Call, parents: Dict[int, ast.AST]) -> Optional[Tuple[str, ast.AST]]:
    """``(the name bound to the mock the patch call makes, where it is used)``."""
    up = parents.get(id(call))
    if isinstance(up, (ast.FunctionDef, ast.AsyncFunctionDef)) and call in up.decorator_list:
        makers = [d for d in reversed(up.decorator_list) if patchers.makes_mock(d)]
        if call not in makers:
            return None
        params = [a.arg for a in up.args.posonlyargs + up.args.args]
        if params and params[0] in ("self", "cls"):
            params = params[1:]
        index = makers.index(call)
        return (params[index], up) if index < len(params) else None
    if isinstance(up, ast.Attribute) and up.attr == "start" and isinstance(parents.get(id(up)), ast.Call):
        up = parents.get(id(parents[id(up)]))  # ``patch(...).start()``
    if isinstance(up, ast.withitem) and isinstance(up.optional_vars, ast.Name):
        return up.optional_vars.id, parents.get(id(up), up)
    if isinstance(up, ast.Assign) and len(up.targets) == 1 and isinstance(up.targets[0], ast.Name):
        scope = parents.get(id(up))
        while scope is not None and not isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Module)):
            scope = parents.get(id(scope))
        return (up.targets[0].id, scope) if scope is not None else None
    return None


ZM006 = Rule(
    code="ZM006",
    name="patch-target-unused-after-fix",
    message="A mock/monkeypatch target names a zenml import of your module that the module's code no longer uses after `--fix`",
    why=(
        "`@patch(\"mypkg.reports.Repository\")` (or `patch.object(reports, \"Repository\")`, `monkeypatch.setattr(...)`) "
        "replaces the name where `mypkg/reports.py` looks it up. When a fix moves every use of it there to another "
        "0.20 API (`Repository().get_pipeline(p)` becomes `zenml.post_execution.get_pipeline(p)`), `--fix` keeps the "
        "name bound for the modules that import or patch it, so the patch still finds it, but the code under test "
        "calls the new API: the mock is never used and the test reaches the real ZenML (or fails on its asserts)."
    ),
    instead="Patch what the module calls after the fix (`mypkg.reports.get_pipeline`) and set up that mock's return value.",
    fix=Fix.NONE,
    fix_note="No automatic fix: the new target and what the mock must return depend on the 0.20 API the code calls now.",
    todo="the patched module no longer uses this name after the fix: patch the 0.20 function it calls now",
    match=(ModuleCheck(_patch_target_findings),),
    bad=(
        Bad(  # a module that patches its own name (a test in another module reads the same)
            "from unittest import mock\n\nfrom zenml.repository import Repository\n\n\n"
            "def runs(name):\n    return Repository().get_pipeline(name).runs\n\n\n"
            "@mock.patch(\"example.Repository\")\ndef test_runs(repo):\n    repo.return_value.get_pipeline.return_value.runs = []\n"
            "    assert runs(\"p\") == []\n",
            count=1,
        ),
        Bad(  # the module still uses the name, but not for the member the mock stands in for
            "from unittest import mock\n\nfrom zenml.repository import Repository\n\n\n"
            "def runs(name):\n    return Repository().get_pipeline(name).runs\n\n\n"
            "def stack():\n    return Repository().active_stack.name\n\n\n"
            "@mock.patch(\"example.Repository\")\ndef test_runs(repo):\n    repo.return_value.get_pipeline.return_value.runs = []\n"
            "    assert runs(\"p\") == []\n",
            count=1,
        ),
        Bad(  # ``with patch(...) as m`` and an instance made by calling the mock
            "from unittest.mock import patch\n\nfrom zenml.repository import Repository\n\n\n"
            "def runs(name):\n    return Repository().get_pipeline(name).runs\n\n\n"
            "def stack():\n    return Repository().active_stack.name\n\n\n"
            "def test_runs():\n    with patch(\"example.Repository\") as repo:\n        repo().get_pipeline.return_value.runs = []\n"
            "        assert runs(\"p\") == []\n",
            count=1,
        ),
        Bad(  # the mock set up by a helper it is given, and a fake given as the class mock's ``return_value``
            "from unittest.mock import MagicMock, patch\n\nfrom zenml.repository import Repository\n\n\n"
            "def runs(name):\n    return Repository().get_pipeline(name).runs\n\n\n"
            "def stack():\n    return Repository().active_stack.name\n\n\n"
            "def configure(repo_mock):\n    repo_mock.return_value.get_pipeline.return_value.runs = []\n\n\n"
            "@patch(\"example.Repository\")\ndef test_helper(repo_mock):\n    configure(repo_mock)\n    assert runs(\"p\") == []\n\n\n"
            "def test_fake():\n    fake = MagicMock()\n    fake.get_pipeline.return_value.runs = []\n"
            "    with patch(\"example.Repository\", return_value=fake):\n        assert runs(\"p\") == []\n",
            count=2,
        ),
        Bad(  # dotted keywords set up on the patch call and through ``configure_mock``
            "from unittest import mock\n\nfrom zenml.repository import Repository\n\n\n"
            "def runs(name):\n    return Repository().get_pipeline(name).runs\n\n\n"
            "def stack():\n    return Repository().active_stack.name\n\n\n"
            "@mock.patch(\"example.Repository\", **{\"return_value.get_pipeline.return_value.runs\": []})\n"
            "def test_kwargs(_):\n    assert runs(\"p\") == []\n\n\n"
            "def test_configured():\n    with mock.patch(\"example.Repository\") as m:\n"
            "        m.configure_mock(**{\"return_value.get_pipeline.return_value.runs\": []})\n        assert runs(\"p\") == []\n",
            count=2,
        ),
    ),
    good=(
        Good(
            "from unittest import mock\n\n\n@mock.patch(\"example.Client\")\ndef test_x(client):\n    pass\n"
        ),
        Good(  # a fake given as ``return_value`` that stands in for a member the fixed module still reads through the name
            "from unittest.mock import MagicMock, patch\n\nfrom zenml.repository import Repository\n\n\n"
            "def runs(name):\n    return Repository().get_pipeline(name).runs\n\n\n"
            "def stack():\n    return Repository().active_stack.name\n\n\n"
            "def test_stack():\n    fake = MagicMock(**{\"active_stack.name\": \"s\"})\n"
            "    with patch(\"example.Repository\", return_value=fake):\n        assert stack() == \"s\"\n"
        ),
        Good(  # the mock stands in for a member the fixed module still reads through the name
            "from unittest import mock\n\nfrom zenml.repository import Repository\n\n\n"
            "def runs(name):\n    return Repository().get_pipeline(name).runs\n\n\n"
            "def stack():\n    return Repository().active_stack.name\n\n\n"
            "@mock.patch(\"example.Repository\")\ndef test_stack(repo):\n    repo.return_value.active_stack.name = \"s\"\n"
            "    assert stack() == \"s\"\n"
        ),
    ),
)
