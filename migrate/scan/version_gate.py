"""Which branch of a ZenML version gate runs on 0.20?

Code written for both releases picks a branch on the installed version::

    if version.parse(zenml.__version__) >= version.parse("0.20.0"):
        from zenml.post_execution import get_pipeline          # runs on 0.20
    else:
        from zenml.repository import Repository                 # runs on 0.13 only

    LEGACY = tuple(int(p) for p in zenml.__version__.split(".")[:2]) < (0, 20)
    if LEGACY: ...                                              # also through ``from .compat import LEGACY``

The branch that runs on neither 0.20 release is the user's legacy code: it is not reported and
not rewritten (a rewrite would break the version it is written for), like the ``except
ImportError:`` branch of a compat shim. The test is worked out, never run: its names are
replaced by values (the version string of ``zenml.__version__`` / ``importlib.metadata.version
("zenml")`` / ``pkg_resources.get_distribution("zenml").version``, a version class for
``packaging.version.parse``/``Version``, ``pkg_resources.parse_version``, ``LooseVersion``, a few
builtins, module-level names bound to such a test) and a small interpreter evaluates the
comparison for 0.20.0, 0.20.5 and 0.13.2; anything else (another name, a call, an operator it
does not know) and the test is no gate. A feature probe of a zenml module is a gate too:
``hasattr(io_utils, "get_local_temp_dir")`` is worked out from the name indexes of the real
releases (``zenml_index``).
"""

import ast
import operator
import re
from typing import Callable, Dict, List, Optional, Set, Tuple

from zenml_migrate.scan.zenml_index import V0200, V0205, exists_020, in_zenml, zenml013
from zenml_migrate.scan.zenml_signatures import member_on_releases

#: the releases a gate is evaluated for: 0.20.0, 0.20.5 (the contract), then 0.13.2
RELEASES = ("0.20.0", "0.20.5", "0.13.2")

#: a fact of a module-level name bound to a gate (``LEGACY.__zenml_gate__`` = "gate:110"): its truth on RELEASES
GATE_MARK = "__zenml_gate__"

_VERSION_TYPES = frozenset(
    {
        "packaging.version.parse", "packaging.version.Version", "packaging.version.LegacyVersion",
        "pkg_resources.parse_version", "pkg_resources.extern.packaging.version.parse",
        "distutils.version.LooseVersion", "distutils.version.StrictVersion",
        "setuptools._distutils.version.LooseVersion", "looseversion.LooseVersion",
    }
)
_DIST_VERSION = frozenset({"importlib.metadata.version", "importlib_metadata.version"})
_DISTRIBUTION = frozenset({"pkg_resources.get_distribution", "importlib.metadata.distribution", "importlib_metadata.distribution"})
_BUILTINS = {"int": int, "tuple": tuple, "map": map, "str": str, "list": list, "len": len, "float": float}
_ATTRS = frozenset(
    {"split", "rsplit", "startswith", "endswith", "strip", "partition", "release", "major", "minor", "micro",
     "base_version", "public", "version"}
)
_COMPARE = {
    ast.Lt: operator.lt, ast.LtE: operator.le, ast.Gt: operator.gt, ast.GtE: operator.ge,
    ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.In: lambda a, b: a in b, ast.NotIn: lambda a, b: a not in b,
    ast.Is: operator.is_, ast.IsNot: operator.is_not,  # a flag or a sentinel (detect._flag) against None
}
_VERSION = "\0zenml.__version__"  # the placeholder of the version string in a test


class _Version:
    """``packaging.version.Version`` / ``LooseVersion`` enough for a release comparison."""

    def __init__(self, text):
        parts: List[int] = []
        for piece in str(text).split("+")[0].split("."):
            digits = re.match(r"\d+", piece)
            if digits is None:
                break
            parts.append(int(digits.group()))
            if digits.group() != piece:
                break
        self.release = tuple(parts)
        self.version = list(parts)
        self.major, self.minor, self.micro = (parts + [0, 0, 0])[:3]
        self.base_version = self.public = ".".join(map(str, parts))

    def _key(self, other) -> Tuple[Tuple[int, ...], Tuple[int, ...]]:
        other = other if isinstance(other, _Version) else _Version(other)
        width = max(len(self.release), len(other.release))
        pad = lambda r: tuple(r) + (0,) * (width - len(r))  # noqa: E731
        return pad(self.release), pad(other.release)

    def __lt__(self, other):
        a, b = self._key(other)
        return a < b

    def __le__(self, other):
        a, b = self._key(other)
        return a <= b

    def __gt__(self, other):
        a, b = self._key(other)
        return a > b

    def __ge__(self, other):
        a, b = self._key(other)
        return a >= b

    def __eq__(self, other):
        a, b = self._key(other)
        return a == b

    def __ne__(self, other):
        return not self == other

    __hash__ = None


class _Unknown(Exception):
    pass


def other_imports(tree: ast.Module) -> Dict[str, str]:
    """Local name -> dotted path of the module-level imports a gate may use (packaging,
    pkg_resources, distutils, importlib.metadata, looseversion)."""
    out: Dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.asname:
                    out[a.asname] = a.name
                else:
                    out[a.name.split(".")[0]] = a.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for a in node.names:
                out[a.asname or a.name] = f"{node.module}.{a.name}"
    return out


class Gates:
    """The gates of one file. ``resolve(node)``: the zenml path of a name or attribute (the
    detector's); ``name_value(name_node)``: for a name bound once at module level to an
    expression, that expression; else a truth tuple (a project module's gate fact), else None."""

    def __init__(self, tree: Callable[[], Optional[ast.Module]], resolve: Callable[[ast.expr], Optional[str]],
                 name_value: Callable[[ast.Name], object]):
        self._tree, self._resolve, self._name_value = tree, resolve, name_value
        self._imports: Optional[Dict[str, str]] = None
        self._truths: Dict[int, Optional[Tuple[bool, ...]]] = {}
        self._rebound: Dict[str, bool] = {}
        self._aliases: Optional[Set[str]] = None

    def dead_branch(self, node) -> Optional[str]:
        """``"body"`` or ``"orelse"``: the branch of an ``if`` (a statement, or ``A if T else B``)
        that runs on neither 0.20 release (``None``: both may run there, or the test is no gate)."""
        truth = self.truth(node.test)
        if truth is None or truth[0] != truth[1]:
            return None
        return "orelse" if truth[0] else "body"

    def truth(self, test: ast.expr, depth: int = 0) -> Optional[Tuple[bool, ...]]:
        """The test's truth on each of RELEASES, when it is a gate on the zenml version (a
        comparison, ``startswith``, ``not``/``and``/``or`` of them: a bool on each release)."""
        key = id(test)
        if key not in self._truths:
            self._truths[key] = None  # a name bound to itself
            self._truths[key] = self._work_out(test, depth)
        return self._truths[key]

    def _work_out(self, test: ast.expr, depth: int) -> Optional[Tuple[bool, ...]]:
        if depth > 4 or not self._may_gate(test, depth):
            return None
        try:
            env: Dict[str, object] = {}
            tree = self._substitute(test, env, depth, set())
        except _Unknown:
            return None
        if not env.pop("\0gate", False):
            return None  # no zenml version in it
        out: List[Optional[bool]] = []
        for i, release in enumerate(RELEASES):
            values = {k: (v[i] if isinstance(v, tuple) else v) for k, v in env.items()}
            if any(v is None for k, v in values.items() if k.startswith("\0")):
                out.append(None)  # a probe not known on that release (0.13.2's members of a class)
                continue
            values[_VERSION] = release
            try:
                value = _evaluate(tree, values, {})
            except Exception:  # noqa: BLE001 - any failure of the worked-out test: no gate
                return None
            if not isinstance(value, bool):
                return None  # a version itself (``ZENML_VERSION = tuple(...)``), not a test of it
            out.append(value)
        return None if out[0] is None or out[1] is None else tuple(out)

    def _may_gate(self, test: ast.expr, depth: int) -> bool:
        """Does ``test`` read a version (cheap: no name is looked up beyond its binding)?"""
        for node in ast.walk(test):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "hasattr":
                return True
            if isinstance(node, ast.Attribute) and node.attr in ("__version__", "version"):
                return True
            if isinstance(node, ast.Constant) and node.value == "zenml":
                return True
            if isinstance(node, ast.Name):
                if node.id == "__version__" or node.id in self._version_aliases():  # also ``as zenml_version``
                    return True
                value = self._name_value(node)
                if isinstance(value, tuple) or isinstance(value, ast.expr) and depth < 4 and self._may_gate(value, depth + 1):
                    return True
        return False

    def _version_aliases(self) -> Set[str]:
        """Local names of ``from zenml import __version__ as zenml_version`` (read from the syntax:
        resolving names here would settle them before the walk narrows them)."""
        if self._aliases is None:
            tree = self._tree()
            self._aliases = {a.asname for n in (tree.body if tree is not None else ()) if isinstance(n, ast.ImportFrom)
                             and n.module == "zenml" and not n.level for a in n.names if a.name == "__version__" and a.asname}
        return self._aliases

    def _probe(self, call: ast.Call) -> Optional[Tuple[bool, ...]]:
        """``hasattr(M, "name")`` on a zenml module ``M`` that both 0.20 releases have (the builtin,
        not rebound in the file): whether each of RELEASES has ``M.name``; None for any other call."""
        if not (isinstance(call.func, ast.Name) and call.func.id == "hasattr" and len(call.args) == 2):
            return None
        name = call.args[1]
        if not (isinstance(name, ast.Constant) and isinstance(name.value, str)) or self._rebinds("hasattr"):
            return None
        module = self._resolve(call.args[0])
        if not module or not in_zenml(module):
            return None
        if exists_020(module) != V0200 | V0205:  # a zenml class or an instance of one: its members
            return member_on_releases(module, name.value)
        mask = exists_020(module, name.value)
        return bool(mask & V0200), bool(mask & V0205), name.value in zenml013().get(module, {})

    def _rebinds(self, name: str) -> bool:
        """Does the file bind ``name`` itself (a ``def``, a class, an assignment, an import)?"""
        if name not in self._rebound:
            tree = self._tree()
            self._rebound[name] = tree is not None and any(
                (isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and n.name == name)
                or (isinstance(n, ast.Name) and n.id == name and not isinstance(n.ctx, ast.Load))
                or (isinstance(n, ast.alias) and (n.asname or n.name) == name)
                for n in ast.walk(tree)
            )
        return self._rebound[name]

    def _other(self, node: ast.expr) -> Optional[str]:
        """The dotted path of a non-zenml name (``version.parse`` -> ``packaging.version.parse``)."""
        if self._imports is None:
            tree = self._tree()
            self._imports = other_imports(tree) if tree is not None else {}
        if isinstance(node, ast.Name):
            return self._imports.get(node.id)
        if isinstance(node, ast.Attribute):
            base = self._other(node.value)
            return f"{base}.{node.attr}" if base else None
        return None

    def _substitute(self, node: ast.expr, env: Dict[str, object], depth: int, bound: set) -> ast.expr:
        """A copy of ``node`` whose names are placeholders of ``env`` (raises _Unknown)."""
        if isinstance(node, (ast.Name, ast.Attribute)):
            if self._resolve(node) == "zenml.__version__":
                env["\0gate"] = True
                return ast.Name(_VERSION, ast.Load())
            other = self._other(node)
            if other in _VERSION_TYPES:
                return ast.Name("\0Version", ast.Load())
            if isinstance(node, ast.Attribute) and node.attr == "version" and isinstance(node.value, ast.Call):
                called = self._other(node.value.func)
                if called in _DISTRIBUTION and _only_zenml(node.value):
                    env["\0gate"] = True
                    return ast.Name(_VERSION, ast.Load())
        if isinstance(node, ast.Name):
            if node.id in bound:
                return node
            value = self._name_value(node)
            if isinstance(value, tuple):  # a project module's gate
                env["\0gate"] = True
                env[f"\0{node.id}"] = value
                return ast.Name(f"\0{node.id}", ast.Load())
            if isinstance(value, ast.expr):
                return self._substitute(value, env, depth + 1, bound) if depth < 4 else _fail()
            if node.id in _BUILTINS and self._other(node) is None:
                return node
            _fail()
        if isinstance(node, ast.Call):
            if node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
                _fail()
            probe = self._probe(node)
            if probe is not None:  # ``hasattr(io_utils, "name")``: its truth on each release
                env["\0gate"] = True
                env[f"\0probe{len(env)}"] = probe
                return ast.Name(f"\0probe{len(env) - 1}", ast.Load())
            if self._other(node.func) in _DIST_VERSION and _only_zenml(node):
                env["\0gate"] = True
                return ast.Name(_VERSION, ast.Load())
            return ast.Call(self._substitute(node.func, env, depth, bound), [self._substitute(a, env, depth, bound) for a in node.args], [])
        if isinstance(node, ast.Attribute):
            if node.attr not in _ATTRS:
                _fail()
            return ast.Attribute(self._substitute(node.value, env, depth, bound), node.attr, ast.Load())
        if isinstance(node, ast.Constant):
            return node
        if isinstance(node, (ast.Tuple, ast.List)):
            return type(node)([self._substitute(e, env, depth, bound) for e in node.elts], ast.Load())
        if isinstance(node, ast.Compare):
            return ast.Compare(self._substitute(node.left, env, depth, bound), node.ops, [self._substitute(c, env, depth, bound) for c in node.comparators])
        if isinstance(node, ast.BoolOp):
            return ast.BoolOp(node.op, [self._substitute(v, env, depth, bound) for v in node.values])
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.Not, ast.USub)):
            return ast.UnaryOp(node.op, self._substitute(node.operand, env, depth, bound))
        if isinstance(node, ast.Subscript):
            return ast.Subscript(self._substitute(node.value, env, depth, bound), self._substitute(_index(node.slice), env, depth, bound), ast.Load())
        if isinstance(node, ast.Slice):
            parts = [None if p is None else self._substitute(p, env, depth, bound) for p in (node.lower, node.upper, node.step)]
            return ast.Slice(*parts)
        if isinstance(node, (ast.GeneratorExp, ast.ListComp)) and len(node.generators) == 1:
            gen = node.generators[0]
            if not isinstance(gen.target, ast.Name) or gen.is_async:
                _fail()
            inner = bound | {gen.target.id}
            comp = ast.comprehension(gen.target, self._substitute(gen.iter, env, depth, bound),
                                     [self._substitute(c, env, depth, inner) for c in gen.ifs], 0)
            return type(node)(self._substitute(node.elt, env, depth, inner), [comp])
        _fail()


def _fail():
    raise _Unknown


def _index(node):
    return node.value if type(node).__name__ == "Index" else node  # Python 3.8's ast.Index


def _only_zenml(call: ast.Call) -> bool:
    return len(call.args) == 1 and not call.keywords and isinstance(call.args[0], ast.Constant) and call.args[0].value == "zenml"


def _evaluate(node: ast.expr, env: Dict[str, object], local: Dict[str, object]):
    """The value of a substituted test (only the node kinds ``_substitute`` writes)."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        if node.id in local:
            return local[node.id]
        if node.id == "\0Version":
            return _Version
        if node.id in env:
            return env[node.id]
        return _BUILTINS[node.id]
    if isinstance(node, ast.Attribute):
        return getattr(_evaluate(node.value, env, local), node.attr)
    if isinstance(node, ast.Call):
        func = _evaluate(node.func, env, local)
        return func(*[_evaluate(a, env, local) for a in node.args])
    if isinstance(node, (ast.Tuple, ast.List)):
        items = [_evaluate(e, env, local) for e in node.elts]
        return tuple(items) if isinstance(node, ast.Tuple) else items
    if isinstance(node, ast.Compare):
        left = _evaluate(node.left, env, local)
        for op, right_node in zip(node.ops, node.comparators):
            right = _evaluate(right_node, env, local)
            if not _COMPARE[type(op)](left, right):
                return False
            left = right
        return True
    if isinstance(node, ast.BoolOp):
        result = None
        for value in node.values:
            result = _evaluate(value, env, local)
            if isinstance(node.op, ast.And) and not result or isinstance(node.op, ast.Or) and result:
                return result
        return result
    if isinstance(node, ast.UnaryOp):
        value = _evaluate(node.operand, env, local)
        return (not value) if isinstance(node.op, ast.Not) else -value
    if isinstance(node, ast.Subscript):
        return _evaluate(node.value, env, local)[_evaluate(node.slice, env, local)]
    if isinstance(node, ast.Slice):
        return slice(*[None if p is None else _evaluate(p, env, local) for p in (node.lower, node.upper, node.step)])
    if isinstance(node, (ast.GeneratorExp, ast.ListComp)):
        gen = node.generators[0]
        items = []
        for item in _evaluate(gen.iter, env, local):
            inner = dict(local, **{gen.target.id: item})
            if all(_evaluate(c, env, inner) for c in gen.ifs):
                items.append(_evaluate(node.elt, env, inner))
        return items
    raise _Unknown
