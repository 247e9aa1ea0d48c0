"""Which names of a module hold an instance of one of a few given classes, read off the module's
own text (stdlib ``ast``): a parameter or variable annotated with the class (``store: MyStore``,
``Optional[MyStore]``, ``"MyStore"``), a name every binding of which (in its scope) is a call of
the class (``store = MyStore(...)``), or a name an ``isinstance(store, MyStore)`` test holds true
at the read (``if isinstance(...):``, ``assert isinstance(...)``, ``if not isinstance(...): raise``)
with no other binding of it in between, or a loop's (comprehension's) name over a container of
them (``stores: List[MyStore]``, ``[MyStore(...), MyStore(...)]``).

``classify(expr)`` maps a class expression to a key (or None); ``instances(tree, classify)`` yields
``(attribute node, name node, key, certain)`` for each load ``name.attr``: ``certain`` is False when
some binding is the class and another is not known to be (``Union[MyStore, Other]``, ``s = MyStore()
if x else other``): the caller reports it without rewriting it.
"""

import ast
from typing import Callable, Dict, Iterator, List, Optional, Tuple

from zenml_migrate.scan import guarded_reads

_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
_COMPS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
_UNKNOWN = "?"  # a binding whose value is not known to be one of the classes


def _unwrap(expr: ast.expr) -> List[ast.expr]:
    """The class expressions an annotation names: ``Optional[X]``/``Union[X, None]``/``X | None`` -> X."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        try:
            expr = ast.parse(expr.value, mode="eval").body
        except SyntaxError:
            return [expr]
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.BitOr):
        return _unwrap(expr.left) + _unwrap(expr.right)
    if isinstance(expr, ast.Subscript):
        head = expr.value.attr if isinstance(expr.value, ast.Attribute) else getattr(expr.value, "id", "")
        if head in ("Optional", "Union"):
            inner = expr.slice.elts if isinstance(expr.slice, ast.Tuple) else [expr.slice]
            return [e for i in inner for e in _unwrap(i)]
    if isinstance(expr, ast.Constant) and expr.value is None:
        return []
    return [expr]


_CONTAINERS = {"List", "Sequence", "Iterable", "Iterator", "Set", "FrozenSet", "Collection", "Tuple", "list", "set",
               "tuple", "frozenset"}
ITEMS = "[]"  # a key's prefix: a container of instances of the class (``List[MyStore]``, ``[MyStore(), ...]``)


def _annotated(annotation: ast.expr, classify) -> str:
    keys = {_one_annotation(e, classify) for e in _unwrap(annotation)} or {_UNKNOWN}
    return "|".join(sorted(keys))


def _one_annotation(expr: ast.expr, classify) -> str:
    """``C`` -> its key; ``List[C]``/``Sequence[C]``/``Tuple[C, ...]`` -> ``[]`` + its key."""
    if isinstance(expr, ast.Subscript):
        head = expr.value.attr if isinstance(expr.value, ast.Attribute) else getattr(expr.value, "id", "")
        inner = expr.slice.elts if isinstance(expr.slice, ast.Tuple) else [expr.slice]
        if head in ("Tuple", "tuple") and len(inner) == 2 and isinstance(inner[1], ast.Constant) and inner[1].value is ...:
            inner = inner[:1]
        if head in _CONTAINERS and len(inner) == 1:
            key = classify(inner[0])
            return ITEMS + key if key else _UNKNOWN
        return _UNKNOWN
    return classify(expr) or _UNKNOWN


def _value(value: Optional[ast.expr], classify) -> str:
    if isinstance(value, ast.Call):
        return classify(value.func) or _UNKNOWN
    if isinstance(value, (ast.List, ast.Tuple, ast.Set)) and value.elts:
        keys = {_value(e, classify) for e in value.elts}
        return ITEMS + keys.pop() if len(keys) == 1 and _UNKNOWN not in keys and "|" not in next(iter(keys)) else _UNKNOWN
    if isinstance(value, ast.IfExp):
        return "|".join(sorted({*_value(value.body, classify).split("|"), *_value(value.orelse, classify).split("|")}))
    return _UNKNOWN


class _Scope:
    def __init__(self, node: ast.AST, parent: Optional["_Scope"]):
        self.node, self.parent = node, parent
        self.bindings: Dict[str, List[Tuple[int, str]]] = {}  # name -> [(line, key or "?")]

    def bind(self, name: str, line: int, key: str) -> None:
        self.bindings.setdefault(name, []).append((line, key))


def _bind_params(scope: _Scope, args: ast.arguments, classify, method: bool) -> None:
    params = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
    for i, a in enumerate(p for p in params if p is not None):
        star = a is args.vararg or a is args.kwarg
        key = _annotated(a.annotation, classify) if a.annotation is not None and not star else _UNKNOWN
        scope.bind(a.arg, getattr(a, "lineno", 0), _UNKNOWN if method and i == 0 else key)


def _bind_targets(scope: _Scope, target: ast.AST, line: int) -> None:
    for node in ast.walk(target):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            scope.bind(node.id, line, _UNKNOWN)


def instances(tree: ast.Module, classify: Callable[[ast.expr], Optional[str]]) -> Iterator[Tuple[ast.Attribute, ast.Name, str, bool]]:
    parents: Dict[int, ast.AST] = {}
    scopes: Dict[int, _Scope] = {}
    reads: List[Tuple[ast.Attribute, _Scope]] = []
    stack: List[Tuple[ast.AST, _Scope]] = [(tree, _Scope(tree, None))]
    scopes[id(tree)] = stack[0][1]
    while stack:
        node, scope = stack.pop()
        if node is not scope.node and isinstance(node, (*_FUNCS, *_COMPS, ast.ClassDef)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                scope.bind(node.name, node.lineno, _UNKNOWN)
            inner = _Scope(node, scope)
            scopes[id(node)] = inner
            if isinstance(node, _FUNCS):
                method = isinstance(scope.node, ast.ClassDef) and not any(
                    isinstance(d, ast.Name) and d.id == "staticmethod" for d in getattr(node, "decorator_list", ()))
                _bind_params(inner, node.args, classify, method)
            scope = inner
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            scope.bind(node.target.id, node.lineno, _annotated(node.annotation, classify))
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    scope.bind(target.id, node.lineno, _value(node.value, classify))
                else:
                    _bind_targets(scope, target, node.lineno)
        elif isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)) and isinstance(node.target, ast.Name):
            # ``for store in stores`` where ``stores: List[MyStore]``: each item is one
            container = _lookup(scope, node.iter.id) if isinstance(node.iter, ast.Name) else {_value(node.iter, classify)}
            item = next(iter(container)) if len(container) == 1 else _UNKNOWN
            scope.bind(node.target.id, node.target.lineno, item[len(ITEMS):] if item.startswith(ITEMS) else _UNKNOWN)
        elif isinstance(node, (ast.AugAssign, ast.For, ast.AsyncFor, ast.comprehension)):
            _bind_targets(scope, node.target, getattr(node, "lineno", getattr(node.target, "lineno", 0)))
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                if item.optional_vars is not None:
                    _bind_targets(scope, item.optional_vars, node.lineno)
        elif isinstance(node, ast.NamedExpr):
            scope.bind(node.target.id, node.lineno, _value(node.value, classify))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                scope.bind((alias.asname or alias.name).partition(".")[0], node.lineno, _UNKNOWN)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            scope.bind(node.name, node.lineno, _UNKNOWN)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            for name in node.names:
                scope.bind(name, node.lineno, _UNKNOWN)
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load) and isinstance(_root(node.value), ast.Name):
            reads.append((node, scope))
        for child in ast.iter_child_nodes(node):
            parents[id(child)] = node
            stack.append((child, scope))
    parent = lambda n: parents.get(id(n))  # noqa: E731
    for node, scope in reads:
        name = _root(node.value).id
        bound = _bound(scope, name)
        keys = {key if not key.startswith(ITEMS) else _UNKNOWN for _, key in bound}
        if isinstance(node.value, ast.Name) and len(keys) == 1 and _UNKNOWN not in keys and "|" not in next(iter(keys)):
            yield node, node.value, next(iter(keys)), True
            continue
        narrowed = _narrowed(node, ast.dump(node.value), parent, classify)
        if narrowed is not None:
            line, key = narrowed
            if not any(line < at <= node.lineno for at, _ in bound):
                yield node, node.value, key, True
                continue
        if not isinstance(node.value, ast.Name):
            continue  # ``s.artifact_store.x``: only an ``isinstance(s.artifact_store, C)`` test types it
        known = {k for key in keys for k in key.split("|")} - {_UNKNOWN}
        if len(known) == 1:
            yield node, node.value, known.pop(), False


def _root(expr: ast.expr) -> ast.expr:
    """``s`` of ``s.artifact_store.config``."""
    while isinstance(expr, ast.Attribute):
        expr = expr.value
    return expr


def _bound(scope: _Scope, name: str) -> List[Tuple[int, str]]:
    """The bindings of ``name`` in the scope a read in ``scope`` sees (class bodies are not seen
    from the functions in them)."""
    owner = scope
    while owner is not None and (name not in owner.bindings or isinstance(owner.node, ast.ClassDef) and owner is not scope):
        owner = owner.parent
    return owner.bindings.get(name, []) if owner is not None else []


def _lookup(scope: _Scope, name: str) -> set:
    return {key for _, key in _bound(scope, name)} or {_UNKNOWN}


def _isinstance_of(test: ast.expr, name: str, classify) -> Optional[str]:
    """The key of ``C`` when ``test`` (or one operand of its ``and``) is ``isinstance(<name>, C)``
    (``name``: the ``ast.dump`` of the tested expression, ``s`` or ``s.artifact_store``)."""
    while isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not) and isinstance(test.operand, ast.UnaryOp) \
            and isinstance(test.operand.op, ast.Not):
        test = test.operand.operand
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return next((k for k in (_isinstance_of(v, name, classify) for v in test.values) if k), None)
    if (isinstance(test, ast.Call) and isinstance(test.func, ast.Name) and test.func.id == "isinstance"
            and len(test.args) == 2 and ast.dump(test.args[0]) == name):
        return classify(test.args[1])
    return None


def _narrowed(node: ast.AST, name: str, parent, classify) -> Optional[Tuple[int, str]]:
    """``(line of the test, key)`` of an ``isinstance(name, C)`` true at ``node``."""
    for test in guarded_reads.tests_true_at(node, parent):
        key = _isinstance_of(test, name, classify)
        if key:
            return getattr(test, "lineno", None) or getattr(getattr(test, "operand", None), "lineno", 0), key
    child, outer = node, parent(node)
    while outer is not None:
        for field in ("body", "orelse", "finalbody"):
            block = getattr(outer, field, None)
            if isinstance(block, list) and child in block:
                for stmt in block[: block.index(child)]:
                    if isinstance(stmt, ast.Assert):
                        key = _isinstance_of(stmt.test, name, classify)
                        if key:
                            return stmt.lineno, key
        if isinstance(outer, (*_FUNCS, ast.ClassDef, *_COMPS)):
            break
        child, outer = outer, parent(outer)
    return None
