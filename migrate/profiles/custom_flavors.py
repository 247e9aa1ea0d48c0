"""Custom flavors: find the 0.20 ``Flavor`` class for a legacy 0.13.2 flavor source.

0.13.2 registered a flavor by the path of a ``StackComponent`` subclass; 0.20 needs a
``zenml.stack.Flavor`` subclass whose ``implementation_class`` is the component. When the
source module can be found on ``sys.path`` (found, never imported: importing user code runs
it) its package is inspected with ``ast`` for such a Flavor class.
"""

import ast
import json
import os
import sys
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Set, Tuple

from zenml_migrate.safe_read import MB, read_regular

SOURCE_CAP = 8 * MB


@dataclass
class Found:
    """The 0.20 Flavor class found for a custom flavor (or None), with notes."""

    source: Optional[str]  # module.Class of a 0.20 Flavor subclass
    notes: List[str] = field(default_factory=list)
    module_file: Optional[str] = None  # the file of the legacy source module, when found
    schema: Optional["ConfigSchema"] = None  # fields of its config class, read from the code
    defined_as: Optional[str] = None  # module.Class where the legacy class is defined (the source names a re-export)


@dataclass
class ConfigSchema:
    """The fields of a Flavor's ``config_class``, read with ``ast`` (never imported)."""

    config_class: str
    fields: Set[str] = field(default_factory=set)
    required: Set[str] = field(default_factory=set)
    secret: Set[str] = field(default_factory=set)
    open: bool = False  # a base class whose fields are not visible: unknown keys are not errors

    def problems(self, config: Dict[str, object]) -> List[str]:
        """Why ``config`` (a stored component configuration) would be rejected."""
        out = []
        unknown = sorted(k for k in config if k not in self.fields)
        if unknown and not self.open:
            out.append(f"{self.config_class} has no field {', '.join(unknown)} (ZenML 0.20 config classes forbid extra keys)")
        missing = sorted(k for k in self.required if config.get(k) is None)
        if missing:
            out.append(f"{self.config_class} requires {', '.join(missing)}")
        return out


def _module_file(module: str, paths: Iterable[str]) -> Optional[str]:
    parts = module.split(".")
    for entry in paths:
        base = os.path.join(entry or os.getcwd(), *parts)
        for candidate in (base + ".py", os.path.join(base, "__init__.py")):
            if os.path.isfile(candidate):
                return candidate
    return None


def parse_source(path: str) -> Optional[ast.Module]:
    """The ``ast`` of a Python file (a regular file under the size cap), None when it cannot be parsed."""
    try:
        return ast.parse(read_regular(path, SOURCE_CAP), filename=path)
    except (OSError, SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _base_names(cls: ast.ClassDef) -> List[str]:
    out = []
    for b in cls.bases:
        if isinstance(b, ast.Name):
            out.append(b.id)
        elif isinstance(b, ast.Attribute):
            out.append(b.attr)
    return out


def _returns_name(cls: ast.ClassDef, prop: str) -> Optional[str]:
    """Names mentioned in the body of ``def <prop>`` (``return MyOrchestrator``, imports inside)."""
    for node in cls.body:
        if isinstance(node, ast.FunctionDef) and node.name == prop:
            names = set()
            for sub in ast.walk(node):
                if isinstance(sub, ast.Name):
                    names.add(sub.id)
                elif isinstance(sub, ast.alias):
                    names.add((sub.asname or sub.name).split(".")[-1])
            return " ".join(sorted(names))
    return None


def _flavor_classes(tree: ast.Module):
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and any(b.endswith("Flavor") for b in _base_names(node)):
            yield node


def find_020_flavor(source: str, type_: str, paths: Optional[Iterable[str]] = None, override: Optional[str] = None) -> Found:
    """Decide by inspection whether a 0.20 Flavor class exists for the legacy ``source``
    (``override``: the Flavor class path the user named with ``--flavor-source``)."""
    paths = list([*sys.path, os.getcwd()] if paths is None else paths)
    found = _find(source, paths, override)
    if found.source is not None:
        found.schema = config_schema(found.source, paths)
        if found.schema is None:
            found.notes.append(f"the config class of {found.source} could not be read: the components' configurations are not checked")
    return found


def _find(source: str, paths: List[str], override: Optional[str], depth: int = 0) -> Found:
    if override:
        module, _, cls_name = override.rpartition(".")
        path = _module_file(module, paths) if module else None
        tree = parse_source(path) if path else None
        if tree is None:
            return Found(None, [f"--flavor-source {source}={override}: module {module or override!r} not found or not parseable here"])
        if any(node.name == cls_name for node in _flavor_classes(tree)):
            return Found(override, [f"0.20 Flavor class given with --flavor-source: {override} (in {path})"], module_file=path)
        return Found(None, [f"--flavor-source {source}={override}: {path} defines no Flavor class {cls_name}"], module_file=path)
    module, _, cls_name = source.rpartition(".")
    path = _module_file(module, paths) if module else None
    if path is None:
        return Found(None, [f"source module {module or source!r} not found in the folders searched (--code, --repo, this "
                            "Python's path, the current folder): no 0.20 Flavor class known for it"])
    tree = parse_source(path)
    if tree is None:
        return Found(None, [f"{path} cannot be parsed"], module_file=path)
    for node in _flavor_classes(tree):
        if node.name == cls_name:
            return Found(source, [f"{source} is already a Flavor class (found in {path})"], module_file=path)
    importer = f"{module}.__init__" if os.path.basename(path) == "__init__.py" else module  # `from .x import` in a package
    imported = _imports(tree, importer).get(cls_name) if _class(tree, cls_name) is None and depth < 5 else None
    if imported and imported != source and _module_file(imported.rpartition(".")[0], paths):
        # ``from .alerting.hooky import HookyAlerter`` in the package 0.13.2 registered the class from:
        # the class, its secret fields and the Flavor class written next to it are in that module
        found = _find(imported, paths, None, depth + 1)
        found.defined_as = found.defined_as or imported
        return found
    package_dir = os.path.dirname(path)
    package = module.rpartition(".")[0] if not path.endswith("__init__.py") else module
    candidates = [(module, path)]
    for root, _dirs, files in os.walk(package_dir):
        if root != package_dir and os.path.basename(root) != "flavors":
            continue
        for name in sorted(files):
            full = os.path.join(root, name)
            if name.endswith(".py") and full != path:
                rel = os.path.relpath(full, package_dir)[:-3].replace(os.sep, ".")
                rel = rel[: -len(".__init__")] if rel.endswith(".__init__") else rel
                candidates.append((f"{package}.{rel}" if package else rel, full))
    for mod, file in candidates:
        tree = parse_source(file)
        for node in _flavor_classes(tree) if tree else ():
            mentioned = _returns_name(node, "implementation_class") or ""
            if cls_name in mentioned.split():
                found = f"{mod}.{node.name}"
                return Found(found, [f"0.20 Flavor class found by inspection: {found} (in {file})"], module_file=path)
    return Found(None, [f"{path} defines no 0.20 Flavor class for {cls_name}"], module_file=path)


# ---------------------------------------------------------------- the config schema, by inspection
_ZENML_CONFIGS: Optional[Dict[str, List[str]]] = None


def _zenml_config_fields() -> Dict[str, List[str]]:
    """0.20 config class path -> its fields (rules/data/component_flavors.json, from the wheels)."""
    global _ZENML_CONFIGS
    if _ZENML_CONFIGS is None:
        from zenml_migrate import rules

        path = os.path.join(os.path.dirname(os.path.abspath(rules.__file__)), "data", "component_flavors.json")
        with open(path, encoding="utf-8") as f:
            classes = json.load(f)["classes"]
        _ZENML_CONFIGS = {}
        for entry in classes.values():
            _ZENML_CONFIGS[entry["config"]] = entry["config_fields"]
            module, _, name = entry["config"].rpartition(".")
            _ZENML_CONFIGS.setdefault(f"{module.rsplit('.', 1)[0]}.{name}", entry["config_fields"])  # package re-export
    return _ZENML_CONFIGS


def _imports(tree: ast.Module, module: str) -> Dict[str, str]:
    """Local name -> dotted path, for the module-level ``from x import y`` of ``module``."""
    out = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                pkg = module.split(".")[: -node.level] if node.level <= len(module.split(".")) else []
                base = ".".join([*pkg, base] if base else pkg)
            for a in node.names:
                out[a.asname or a.name] = f"{base}.{a.name}"
    return out


def _class(tree: ast.Module, name: str) -> Optional[ast.ClassDef]:
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == name:
            return node
    return None


def _optional(annotation: Optional[ast.expr]) -> bool:
    if annotation is None:
        return False
    text = ast.unparse(annotation).replace(" ", "")
    if text.startswith(("Optional[", "typing.Optional[")):
        return True
    if text.startswith(("Union[", "typing.Union[")):
        return "None" in text[text.index("[") + 1 : -1].split(",")
    return "None" in text.split("|")


def _call_name(value: Optional[ast.expr]) -> str:
    if isinstance(value, ast.Call):
        f = value.func
        return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
    return ""


def _has_default(value: Optional[ast.expr]) -> bool:
    if value is None:
        return False
    if _call_name(value) in ("Field", "SecretField"):
        if value.args and not (isinstance(value.args[0], ast.Constant) and value.args[0].value is Ellipsis):
            return True
        return any(k.arg in ("default", "default_factory") for k in value.keywords)
    return True


def _class_fields(cls: ast.ClassDef, schema: ConfigSchema) -> None:
    for stmt in cls.body:
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            name, value, ann = stmt.target.id, stmt.value, stmt.annotation
            if "ClassVar" in ast.dump(ann):
                continue
        elif isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            name, value, ann = stmt.targets[0].id, stmt.value, None
            if name.isupper():
                continue
        else:
            continue
        if name.startswith("_"):
            continue
        schema.fields.add(name)
        if _call_name(value) == "SecretField":
            schema.secret.add(name)
        if not _has_default(value) and not _optional(ann):
            schema.required.add(name)
        else:
            schema.required.discard(name)


def config_schema(flavor_source: str, paths: Iterable[str]) -> Optional[ConfigSchema]:
    """The fields of the ``config_class`` of the Flavor class ``flavor_source``, read from the
    code (the class, its bases in the same or other user modules, ZenML's own config bases)."""
    paths = list(paths)
    module, _, cls_name = flavor_source.rpartition(".")
    path = _module_file(module, paths)
    tree = parse_source(path) if path else None
    flavor = _class(tree, cls_name) if tree else None
    if flavor is None:
        return None
    returned = None
    for node in flavor.body:
        if isinstance(node, ast.FunctionDef) and node.name == "config_class":
            for sub in ast.walk(node):
                if isinstance(sub, ast.Return) and isinstance(sub.value, ast.Name):
                    returned = sub.value.id
    if returned is None:
        return None
    schema = ConfigSchema(config_class=returned)
    if not _collect(module, tree, returned, schema, paths, depth=0):
        return None
    return schema


def _collect(module: str, tree: ast.Module, name: str, schema: ConfigSchema, paths: List[str], depth: int) -> bool:
    if depth > 10:
        return False
    cls = _class(tree, name)
    imports = _imports(tree, module)
    if cls is None:  # imported from another module
        target = imports.get(name)
        if target is None:
            return False
        return _from_path(target, schema, paths, depth + 1)
    for base in cls.bases:
        dotted_base = ast.unparse(base)
        head, _, rest = dotted_base.partition(".")
        full = imports.get(head, f"{module}.{head}") + (f".{rest}" if rest else "")
        if _class(tree, dotted_base) is not None:
            if not _collect(module, tree, dotted_base, schema, paths, depth + 1):
                return False
        elif not _from_path(full, schema, paths, depth + 1):
            schema.open = True  # e.g. a mixin we cannot read: do not reject unknown keys
    _class_fields(cls, schema)
    return True


def _from_path(path: str, schema: ConfigSchema, paths: List[str], depth: int) -> bool:
    known = _zenml_config_fields()
    if path in known:
        schema.fields.update(known[path])
        return True
    if path.startswith("zenml.") or path.startswith("pydantic."):
        return path in ("pydantic.BaseModel", "pydantic.main.BaseModel")
    module, _, name = path.rpartition(".")
    file = _module_file(module, paths)
    tree = parse_source(file) if file else None
    if tree is None:
        return False
    return _collect(module, tree, name, schema, paths, depth)
