"""pytest fixtures as values: an unannotated parameter of a test function or of a fixture is
the value of the fixture of that name, found the way pytest finds it (a ``@pytest.fixture``
function of the same module, else of the nearest ``conftest.py`` in the test's folder or a
folder above it). ``def test_x(clean_repo): clean_repo.active_stack.orchestrator.FLAVOR``
with ``clean_repo`` returning ``Repository()`` in ``tests/conftest.py`` reads a Repository.

A ``conftest.py`` exports ``"<fixture>.__fixture__": value`` for each of its fixtures whose
value reaches ZenML; the project index keys them by the conftest's folder (``fixture_key``),
not by module name: pytest finds a conftest by where it is, and many conftests share a name."""

import ast
import os
from typing import TYPE_CHECKING, Dict, Iterable, List, Optional, Set, Tuple

from zenml_migrate.scan.per_project import per_project

if TYPE_CHECKING:  # pragma: no cover
    from zenml_migrate.scan.detect import Detector, Scope

FIXTURE_MARK = "__fixture__"
OVERRIDDEN = "fixture_above"  # the binding kind of ``def repo(repo)``'s parameter: the fixture ``repo`` hides
GENERATE_HOOK = "pytest_generate_tests"  # a conftest's hook: exported as a fact of that name (never a fixture's)
NOT_ZENML = "-"  # the fact of a conftest fixture whose value does not reach ZenML (it hides a farther one)
MOCKED = "~mock"  # ``<fixture>~mock``: the fact that a conftest fixture's zenml value is a mock specced with the class
CONFTEST = "conftest.py"


def fixture_key(folder: str, name: str) -> str:
    """The project-index key of fixture ``name`` of the ``conftest.py`` in ``folder``."""
    return f"{folder}{os.sep}{CONFTEST}:{name}.{FIXTURE_MARK}"


def folder_of_key(key: str) -> Optional[str]:
    """The folder of a ``fixture_key`` (None for any other key)."""
    head, sep, _ = key.rpartition(f"{os.sep}{CONFTEST}:")
    return head if sep and key.endswith("." + FIXTURE_MARK) else None


def is_conftest(path: str) -> bool:
    return os.path.basename(path) == CONFTEST


def index_keys(path: str, exports: Dict[str, str]) -> Iterable[Tuple[str, str]]:
    """``(project key, value)`` of the fixture facts of the file at ``path`` (a conftest.py)."""
    if not is_conftest(path):
        return
    folder = os.path.dirname(path)
    for key, value in exports.items():
        if key.endswith("." + FIXTURE_MARK):
            yield fixture_key(folder, key[: -len(FIXTURE_MARK) - 1]), value


def is_fixture(detector: "Detector", func) -> bool:
    """``func`` is decorated with ``pytest.fixture`` (``@pytest.fixture``, ``@fixture(scope=...)``)."""
    return any(_fixture_decorator(detector, d) is not None for d in func.decorator_list)


def _fixture_decorator(detector: "Detector", dec: ast.expr) -> Optional[ast.expr]:
    called = dec.func if isinstance(dec, ast.Call) else dec
    if isinstance(called, ast.Name):
        known = detector.stdlib_names.get(called.id) == "pytest.fixture"
    elif isinstance(called, ast.Attribute) and isinstance(called.value, ast.Name) and called.attr == "fixture":
        known = detector.stdlib_names.get(called.value.id) == "pytest"
    else:
        return None
    return dec if known else None


def _fixture_name(detector: "Detector", func) -> Optional[str]:
    """The name pytest knows a fixture function by (``@pytest.fixture(name="repo")``)."""
    for dec in func.decorator_list:
        if _fixture_decorator(detector, dec) is None:
            continue
        if isinstance(dec, ast.Call):
            for kw in dec.keywords:
                if kw.arg == "name":
                    return kw.value.value if isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str) else None
        return func.name
    return None


def takes_fixtures(detector: "Detector", func, owner: Optional[ast.ClassDef]) -> bool:
    """pytest passes fixtures to ``func``'s parameters: a fixture, or a test function (``test*``
    at module level or in a ``Test*`` class)."""
    if func.name.startswith("test"):
        if owner is not None:
            return owner.name.startswith("Test")
        if any(getattr(b, "node", None) is func for b in detector.module_scope.bindings.get(func.name, ())):
            return True
    return is_fixture(detector, func)


def module_fixtures(detector: "Detector") -> Dict[str, object]:
    """Fixture name -> its module-level binding (the last ``def`` of that name wins, as in Python)."""
    cached = detector.pytest_fixtures
    if cached is not None:
        return cached
    out: Dict[str, object] = {}
    if "pytest" in detector.stdlib_names.values() or "pytest.fixture" in detector.stdlib_names.values():
        for bindings in detector.module_scope.bindings.values():
            for b in bindings:
                if getattr(b, "kind", None) == "def":
                    name = _fixture_name(detector, b.node)
                    if name is not None:
                        out[name] = b
    detector.pytest_fixtures = out
    return out


def fixture_value(detector: "Detector", name: str, owner: Optional[ast.ClassDef] = None, where: "Scope" = None,
                  above: bool = False) -> Optional[str]:
    """What pytest passes for a parameter ``name``: the fixture of this module, else the nearest
    conftest's (a project fact: the engine scans the file again when one is known,
    ``cross_file.fixture_users``). ``above``: the parameter of a fixture of that same name
    (``def repo(repo)`` overrides the fixture it is given): the one it hides, farther out."""
    if owner is not None and not above:  # a fixture of the test's class hides the module's and the conftest's
        mine = [d for d in owner.body if isinstance(d, (ast.FunctionDef, ast.AsyncFunctionDef)) and _fixture_name(detector, d) == name]
        if mine:
            return produced(detector, mine[-1], where)
    own = module_fixtures(detector).get(name)
    if own is not None and not (above and owner is None):
        return produced(detector, own.node, own.scope)
    if not detector.project:
        return None
    folders = _folders(detector.path)
    if above and owner is None and is_conftest(detector.path):
        folders = folders[1:]  # this conftest's own fixture is the one overriding
    for folder in folders:
        value = detector.project.get(fixture_key(folder, name))
        if value is not None:  # the nearest conftest defining it
            return None if value == NOT_ZENML else value
    return None


def conftest_mock(detector: "Detector", name: str) -> bool:
    """Is the fixture ``name`` a test here is given from a conftest (the nearest defining it) a
    mock specced with a zenml class (``MagicMock(spec=Repository)``: its reads of members the 0.20
    class lacks fail, and a fix would rewrite the mock's plumbing)?"""
    for folder in _folders(detector.path) if detector.project else ():
        if fixture_key(folder, name) in detector.project:
            return fixture_key(folder, name + MOCKED) in detector.project
    return False


def project_fixture(detector: "Detector", name: str, owner: Optional[ast.ClassDef] = None) -> bool:
    """Does the project define a fixture ``name`` a test here is given (its class's, its module's,
    a conftest's above it), rather than a plugin (pytest-mock's ``mocker``)?"""
    if owner is not None and any(isinstance(d, (ast.FunctionDef, ast.AsyncFunctionDef)) and _fixture_name(detector, d) == name
                                 for d in owner.body):
        return True
    if name in module_fixtures(detector):
        return True
    return any(fixture_key(folder, name) in (detector.project or {}) for folder in _folders(detector.path))


def _folders(path: str) -> List[str]:
    """The folders from ``path``'s own up to the top (``a/b/t.py``: ``a/b``, ``a``, ``""``)."""
    out: List[str] = []
    folder = os.path.dirname(path)
    while True:
        out.append(folder)
        parent = os.path.dirname(folder)
        if parent == folder:
            return out
        folder = parent


def produced(detector: "Detector", func, where: "Scope") -> Optional[str]:
    """The value a fixture function gives: its return annotation (the first argument of
    ``Iterator[X]``/``Generator[X, ...]``), else what its own ``yield``s (a generator) or
    ``return``s give when they agree."""
    from zenml_migrate.scan.detect import LazyNode, own_returns, yielded_annotation

    if func.returns is not None:
        return detector._value_of(LazyNode("ann", yielded_annotation(func.returns) or func.returns, where))
    return detector._returned_value(func, where, yielded=bool(own_returns(func)[1]))


def bind_parameters(detector: "Detector", func, scope: "Scope", where: "Scope", owner: Optional[ast.ClassDef]) -> Set[str]:
    """Bind the unannotated parameters of a function pytest passes fixtures to (not ``self``, not
    ones with a default) to the fixture of their name; the names bound."""
    from zenml_migrate.scan.detect import LazyNode

    if not takes_fixtures(detector, func, owner):
        return set()
    args = func.args
    positional = list(args.posonlyargs) + list(args.args)
    first_default = len(positional) - len(args.defaults)
    given = _parametrized(detector, func, owner)
    overriding = _fixture_name(detector, func) if is_fixture(detector, func) else None
    out = set()
    for i, arg in enumerate(positional + list(args.kwonlyargs)):
        if arg.annotation is not None or (i == 0 and owner is not None) or arg.arg == "request" or arg.arg in given:
            continue
        if i >= first_default and i < len(positional):
            continue  # a default: not a fixture
        if i >= len(positional) and args.kw_defaults[i - len(positional)] is not None:
            continue
        kind = OVERRIDDEN if arg.arg == overriding else "fixture"
        scope.bind(arg.arg, LazyNode(kind, owner, where, arg.arg))
        out.add(arg.arg)
    return out


def _parametrized(detector: "Detector", func, owner: Optional[ast.ClassDef]) -> Set[str]:
    """The argument names pytest gives values of its own, not the fixtures of those names: those of
    ``@pytest.mark.parametrize("a, b", ...)`` / ``(["a", "b"], ...)`` on ``func``, on its class, in a
    ``pytestmark`` of the class or the module (one mark or a list of them), also through a name bound
    to ``pytest.mark.parametrize``; every parameter when the module has a ``pytest_generate_tests``
    hook (it may parametrize any of them)."""
    module = detector.tree or detector._walked
    body = module.body if module is not None else []
    if _generates(body) or any(fixture_key(folder, GENERATE_HOOK) in (detector.project or {}) for folder in _folders(detector.path)):
        return {a.arg for a in ast.walk(func.args) if isinstance(a, ast.arg)}
    aliases = {
        t.id
        for s in body
        if isinstance(s, ast.Assign) and isinstance(s.value, ast.Attribute) and s.value.attr == "parametrize"
        for t in s.targets
        if isinstance(t, ast.Name)
    }
    marks = list(func.decorator_list) + _pytestmark(body)
    if owner is not None:
        marks += list(owner.decorator_list) + _pytestmark(owner.body)
    out: Set[str] = set()
    for dec in marks:
        if not isinstance(dec, ast.Call):
            continue
        called = dec.func
        if not (
            (isinstance(called, ast.Attribute) and called.attr == "parametrize")
            or (isinstance(called, ast.Name) and called.id in aliases)
        ):
            continue
        names = dec.args[0] if dec.args else next((k.value for k in dec.keywords if k.arg == "argnames"), None)
        if isinstance(names, ast.Constant) and isinstance(names.value, str):
            out.update(n.strip() for n in names.value.split(","))
        elif isinstance(names, (ast.List, ast.Tuple)):
            out.update(e.value for e in names.elts if isinstance(e, ast.Constant) and isinstance(e.value, str))
    return out


def _generates(body) -> bool:
    """Does a module body define the ``pytest_generate_tests`` hook?"""
    return any(isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) and s.name == GENERATE_HOOK for s in body)


def _pytestmark(body) -> List[ast.expr]:
    """The marks a ``pytestmark = MARK`` / ``[MARK, ...]`` assignment of ``body`` gives every test under it."""
    out: List[ast.expr] = []
    for stmt in body:
        if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "pytestmark" for t in stmt.targets):
            value = stmt.value
            out.extend(value.elts if isinstance(value, (ast.List, ast.Tuple)) else [value])
    return out


def exports(detector: "Detector") -> Dict[str, str]:
    """``"<fixture>.__fixture__": value`` for the fixtures of a conftest.py (``NOT_ZENML`` for
    those whose value does not reach ZenML: pytest passes the nearest one)."""
    if not is_conftest(detector.path):
        return {}
    from zenml_migrate.scan.detect import canonical

    out = {}
    module = detector.tree or detector._walked
    if module is not None and _generates(module.body):  # it may parametrize any argument of the tests below
        out[f"{GENERATE_HOOK}.{FIXTURE_MARK}"] = NOT_ZENML
    for name, binding in module_fixtures(detector).items():
        value = produced(detector, binding.node, binding.scope)
        zenml = value is not None and not value.startswith("<")
        out[f"{name}.{FIXTURE_MARK}"] = canonical(value) if zenml else NOT_ZENML
        if zenml and detector._returns_mock(binding.node):  # its uses in the tests are reported with no fix:
            out[f"{name}{MOCKED}.{FIXTURE_MARK}"] = canonical(value)  # a fix would rewrite the mock's plumbing
    return out


def fixture_names(project: Dict[str, str], path: str) -> Set[str]:
    """The names of the conftest fixtures (project facts) holding a zenml value that a test at
    ``path`` can be passed."""
    folders = set(_folders(path))
    return {name for folder, name in _zenml_fixtures(project) if folder in folders and not name.endswith(MOCKED)}


def mocks_above(project: Dict[str, str], path: str) -> bool:
    """Does a conftest at or above ``path``'s folder give a fixture that is a zenml-specced mock?"""
    folders = set(_folders(path))
    return any(folder in folders and name.endswith(MOCKED) for folder, name in _zenml_fixtures(project))


@per_project
def _zenml_fixtures(project: Dict[str, str]) -> Tuple[Tuple[str, str], ...]:
    """``(conftest folder, fixture name)`` of the fixture facts of ``project`` that reach ZenML
    (one pass over the project per project: asked once per file); ``<name>~mock`` too when it
    is a mock (``MOCKED``)."""
    found = []
    for key, value in project.items():
        if key.endswith(FIXTURE_MARK) and value != NOT_ZENML:
            folder = folder_of_key(key)
            if folder is not None:
                found.append((folder, key[len(fixture_key(folder, "")) - len(FIXTURE_MARK) - 1 : -len(FIXTURE_MARK) - 1]))
    return tuple(found)
