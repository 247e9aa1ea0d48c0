"""ZM906 in a Python module that does not use ZenML itself: a launcher that sets a 0.13.2
variable for the program it starts (``os.environ["ZENML_ACTIVATED_STACK"] = "prod"`` then
``subprocess.run(["python", "run.py"])``; surface27's "Python launcher"). A module that mentions
zenml is ZM902's (``rules/removed.py``: the same names as string literals), so this reads only the
others, which the scan now reads when they hold ``ZENML_`` (``file_kinds.wanted``).

A setting is a literal name in ``os.environ[NAME] = v`` (also ``+=``), ``os.environ.setdefault(NAME,
v)``, ``os.environ.update({NAME: v}|NAME=v)``, ``os.putenv(NAME, v)``, and a key of a dict given as
``env=`` (``subprocess.run(..., env={**os.environ, NAME: v})``, ``dict(os.environ, NAME=v)``)."""

import ast
from typing import Iterator, List, Set

from zenml_migrate.findings import Finding


def findings(detector, rule, names) -> List[Finding]:
    if "ZENML_" not in (detector.text or "") or detector.tree is None:
        return []
    wanted = set(names)
    environ, os_names, putenv, zenml = _os_names(detector.tree)
    if zenml or not (environ or os_names or putenv):
        return []
    out = []
    for node, name in _settings(detector.tree, environ, os_names, putenv):
        if name in wanted:
            out.append(Finding(detector.path, detector._span(node), rule.code, f"{rule.message} (`{name}`)", rule.fix_value))
    return out


def _os_names(tree: ast.Module):
    """The names bound to ``os.environ``, to ``os``, and to ``os.putenv``, and whether the module
    imports zenml (then ZM902 reports the names: a ZenML module's literal)."""
    environ: Set[str] = set()
    os_names: Set[str] = set()
    putenv: Set[str] = set()
    zenml = False
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            os_names.update(a.asname or a.name for a in node.names if a.name == "os")
            zenml = zenml or any(a.name.split(".")[0] == "zenml" for a in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level:
            zenml = zenml or (node.module or "").split(".")[0] == "zenml"
            if node.module == "os":
                environ.update(a.asname or a.name for a in node.names if a.name == "environ")
                putenv.update(a.asname or a.name for a in node.names if a.name == "putenv")
    return environ, os_names, putenv, zenml


def _is_environ(node: ast.AST, environ: Set[str], os_names: Set[str]) -> bool:
    if isinstance(node, ast.Name):
        return node.id in environ
    return isinstance(node, ast.Attribute) and node.attr == "environ" and isinstance(node.value, ast.Name) and node.value.id in os_names


def _literal(node: ast.AST):
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _dict_keys(node: ast.AST) -> Iterator[ast.AST]:
    """The literal string keys of a dict display, or the keywords of ``dict(...)``."""
    if isinstance(node, ast.Dict):
        yield from (k for k in node.keys if k is not None and _literal(k) is not None)
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "dict":
        yield from (kw for kw in node.keywords if kw.arg is not None)


def _key_name(node: ast.AST) -> str:
    return node.arg if isinstance(node, ast.keyword) else _literal(node)


def _settings(tree: ast.Module, environ: Set[str], os_names: Set[str], putenv: Set[str]) -> Iterator[tuple]:
    for node in ast.walk(tree):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AugAssign) else []
        for target in targets:
            if isinstance(target, ast.Subscript) and _is_environ(target.value, environ, os_names):
                key = target.slice.value if isinstance(target.slice, ast.Index) else target.slice  # (Python 3.8)
                if _literal(key) is not None:
                    yield key, _literal(key)
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and _is_environ(func.value, environ, os_names):
            if func.attr in ("setdefault", "__setitem__") and node.args and _literal(node.args[0]) is not None:
                yield node.args[0], _literal(node.args[0])
            elif func.attr == "update":
                for arg in node.args[:1]:
                    yield from ((k, _key_name(k)) for k in _dict_keys(arg))
                yield from ((kw, kw.arg) for kw in node.keywords if kw.arg is not None)
        elif (isinstance(func, ast.Name) and func.id in putenv) or (
            isinstance(func, ast.Attribute) and func.attr == "putenv" and isinstance(func.value, ast.Name) and func.value.id in os_names
        ):
            if node.args and _literal(node.args[0]) is not None:
                yield node.args[0], _literal(node.args[0])
        for kw in node.keywords:
            if kw.arg == "env":  # ``subprocess.run(..., env={**os.environ, NAME: v})``
                yield from ((k, _key_name(k)) for k in _dict_keys(kw.value))
