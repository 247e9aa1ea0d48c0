"""Regenerate rules/data/zenml020_signatures.json from the real ZenML 0.20.0 and 0.20.5 wheels.

    python scripts/build_zenml_signatures.py              # downloads the wheels (pip download)
    python scripts/build_zenml_signatures.py --wheels DIR # or uses wheels already in DIR

Like ``build_zenml_index.py`` the wheels are read as zip files and parsed with stdlib
``ast`` (nothing is imported). For every public zenml function, class and method it
records what a call accepts and what an instance has:

* ``functions``: ``{path: signature}`` for module-level functions (the last definition:
  ``@overload`` stubs are skipped);
* ``classes``: ``{path: {"i": constructor signature, "m": {member: kind}, "o": 1}}`` with
  the MRO flattened: ``i`` comes from the first ``__init__``/``__new__`` up the bases, or
  from the fields of a pydantic model (its ``Config.extra`` decides whether unknown
  keywords are accepted); ``m`` maps every member an instance has (methods, properties,
  class attributes, fields, ``self.x = ...`` assignments) to ``"~<signature>"`` for a method
  called on an instance, ``"^<signature>"`` for a class/static method, ``""`` otherwise;
  ``s`` marks a class that zenml itself subclasses (an instance typed as it may be a subclass,
  whose attributes are not checked), ``v`` lists its methods that a subclass overrides with
  other parameters (calls of them are not checked);
  ``o`` marks a class whose members cannot be known (a base outside zenml, pydantic or the
  standard library, ``__getattr__``, ``extra = allow``); ``i`` is missing when the
  constructor cannot be known (an unknown base, ``*args/**kwargs`` passed on, a
  ``root_validator(pre=True)`` that may pop keywords);
* ``aliases``: ``{spelled path: defining path}`` for every re-export of those names;
* ``v0132``: for the functions and classes the two 0.20 releases disagree on, what 0.13.2 had
  (its signature; its constructor and member names);
* ``successors``: ``{0.13.2 keyword: 0.20 keyword}`` for keywords that the same callables
  renamed between the 0.13.2 wheel and both 0.20 wheels (``user_name`` -> ``user_name_or_id``);
* ``steps0132``: the 0.13.2 classes that derive from ``BaseStep`` (the built-in integration
  steps, the step interfaces): built by ``BaseStep``'s constructor, so what a rule says of a
  step class's keywords holds for them and for a user's subclass of them.

Every value is ``[0.20.0, 0.20.5]`` when the releases differ (``null`` where one lacks it),
else the one shared value. A signature is a Python parameter list without annotations and
defaults: ``name`` (required), ``name=`` (has a default), ``/``, ``*``, ``*args``,
``**kwargs`` -- e.g. ``_func=,*,name=,enable_cache=``.
"""

import ast
import json
import sys
from pathlib import Path
from typing import Dict, List, Optional, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_zenml_index import VERSIONS_020, _absolute, module_level_names, read_modules, wheel_for, wheels_folder  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "rules" / "data" / "zenml020_signatures.json"

PYDANTIC_ROOTS = {
    "pydantic.BaseModel": "ignore",
    "pydantic.main.BaseModel": "ignore",
    "pydantic.generics.GenericModel": "ignore",
    "pydantic.BaseSettings": "forbid",
    "pydantic.env_settings.BaseSettings": "forbid",
    "sqlmodel.SQLModel": "ignore",
}
# what every pydantic (v1) model instance has besides its fields (pydantic 1.x has no `fields`: 0.13.2 runs on 1.9,
# tests/test_port_gone_base_members_real_zenml.py)
PYDANTIC_MEMBERS = (
    "dict json copy parse_obj parse_raw parse_file from_orm construct schema schema_json validate "
    "update_forward_refs Config __fields__ __config__ __fields_set__ __fields__ __validators__"
).split()
BASE_SETTINGS_INIT = "_env_file=,_env_file_encoding=,_env_nested_delimiter=,_secrets_dir="
ENUM_ROOTS = {"enum.Enum", "enum.IntEnum", "enum.Flag", "enum.IntFlag"}
# bases that add nothing an instance or a call could trip on
NEUTRAL_ROOTS = {"object", "abc.ABC", "typing.Generic", "typing.Protocol", "abc.ABCMeta"}
# decorators that keep a function's call signature
KEEPS_SIGNATURE = {
    "abstractmethod", "abc.abstractmethod", "track", "handle_exceptions", "contextmanager",
    "contextlib.contextmanager", "functools.wraps", "staticmethod", "classmethod", "property",
    "validator", "root_validator", "overload",
}


# ----------------------------------------------------------------------------- signatures
def signature(args: ast.arguments, drop_first: bool = False) -> str:
    """The parameter list of a ``def`` as this index writes it."""
    parts: List[str] = []
    posonly = list(getattr(args, "posonlyargs", []))
    positional = posonly + list(args.args)
    defaults_from = len(positional) - len(args.defaults)
    for i, a in enumerate(positional):
        parts.append(a.arg + ("=" if i >= defaults_from else ""))
        if posonly and i == len(posonly) - 1:
            parts.append("/")
    if args.vararg:
        parts.append("*" + args.vararg.arg)
    elif args.kwonlyargs:
        parts.append("*")
    for a, d in zip(args.kwonlyargs, args.kw_defaults):
        parts.append(a.arg + ("=" if d is not None else ""))
    if args.kwarg:
        parts.append("**" + args.kwarg.arg)
    if drop_first:
        first = next((i for i, p in enumerate(parts) if p not in ("/",)), None)
        if first is not None and not parts[first].startswith("*"):
            parts.pop(first)
            if parts and parts[0] == "/":
                parts.pop(0)
    return ",".join(parts)


def _decorator_name(node: ast.expr) -> str:
    target = node.func if isinstance(node, ast.Call) else node
    if isinstance(target, ast.Attribute):
        base = _decorator_name(target.value)
        return f"{base}.{target.attr}" if base else target.attr
    if isinstance(target, ast.Name):
        return target.id
    return ""


def _is_overload(fn: ast.AST) -> bool:
    return any(_decorator_name(d) in ("overload", "typing.overload") for d in fn.decorator_list)


# ------------------------------------------------------------------------- module scopes
class ModuleScope:
    """Names of one module: what each local name refers to (``pkg.mod.Name`` for imports)."""

    def __init__(self, name: str, tree: ast.Module, is_package: bool):
        self.name = name
        self.imports: Dict[str, str] = {}
        self.classes: Dict[str, ast.ClassDef] = {}
        self.functions: Dict[str, ast.AST] = {}
        self.assigned: Dict[str, ast.expr] = {}
        self._collect(tree.body, is_package)

    def _collect(self, body, is_package) -> None:
        for stmt in body:
            if isinstance(stmt, ast.ClassDef):
                self.classes[stmt.name] = stmt
                self.functions.pop(stmt.name, None)
            elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if not _is_overload(stmt):
                    self.functions[stmt.name] = stmt
                    self.classes.pop(stmt.name, None)
            elif isinstance(stmt, ast.Import):
                for a in stmt.names:
                    if a.asname:
                        self.imports[a.asname] = a.name
                    else:
                        self.imports[a.name.split(".")[0]] = a.name.split(".")[0]
            elif isinstance(stmt, ast.ImportFrom):
                src = _absolute(self.name, is_package, stmt)
                for a in stmt.names:
                    if a.name != "*":
                        self.imports[a.asname or a.name] = f"{src}.{a.name}"
            elif isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
                self.assigned[stmt.targets[0].id] = stmt.value
            elif isinstance(stmt, ast.If) and not _is_type_checking(stmt.test):
                self._collect(stmt.body, is_package)
                self._collect(stmt.orelse, is_package)
            elif isinstance(stmt, ast.If):  # TYPE_CHECKING imports still name the classes
                self._collect(stmt.body, is_package)
            elif isinstance(stmt, ast.Try):
                self._collect(stmt.body, is_package)
                for h in stmt.handlers:
                    self._collect(h.body, is_package)

    def dotted(self, node: ast.expr) -> Optional[str]:
        """What an expression like ``pydantic.BaseModel`` or ``BaseStep`` names."""
        if isinstance(node, ast.Name):
            if node.id in self.classes or node.id in self.functions:
                return f"{self.name}.{node.id}"
            if node.id in self.imports:
                return self.imports[node.id]
            if node.id in ("object", "type", "Exception", "BaseException", "ValueError", "RuntimeError", "KeyError", "TypeError"):
                return node.id
            return None
        if isinstance(node, ast.Attribute):
            base = self.dotted(node.value)
            return f"{base}.{node.attr}" if base else None
        if isinstance(node, ast.Subscript):  # Generic[T], BaseModel[...]
            return self.dotted(node.value)
        if isinstance(node, ast.Call):
            return None
        return None


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


# ------------------------------------------------------------------------------ classes
class ClassFacts:
    """What one class body says by itself (before the MRO is walked)."""

    def __init__(self, path: str, node: ast.ClassDef, scope: ModuleScope):
        self.path = path
        self.bases = [scope.dotted(b) for b in node.bases]
        self.metaclass = next((scope.dotted(k.value) for k in node.keywords if k.arg == "metaclass"), None)
        self.init: Optional[str] = None  # own __init__/__new__ signature (bound)
        self.has_init = False
        self.members: Dict[str, str] = {}
        self.fields: List[Tuple[str, bool]] = []  # (name or alias, required)
        self.extra: Optional[str] = None
        self.pre_validator = False
        self.open = False
        self.consumed: List[str] = []  # keywords a metaclass __call__ takes out of **kwargs
        for stmt in node.body:
            self._statement(stmt, scope)

    def _statement(self, stmt: ast.stmt, scope: ModuleScope) -> None:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if _is_overload(stmt):
                return
            decorators = [_decorator_name(d) for d in stmt.decorator_list]
            if stmt.name == "__new__":
                self.open = True  # may hand back an instance of another class (0.20's Repository)
            if stmt.name in ("__init__", "__new__"):
                self.has_init = True
                self.init = signature(stmt.args, drop_first=True)
                if not all(d in KEEPS_SIGNATURE for d in decorators):
                    self.init = None
            if stmt.name in ("__getattr__", "__getattribute__"):
                self.open = True
            if stmt.name == "__call__" and stmt.args.kwarg is not None:
                self.consumed = _consumed_keywords(stmt, stmt.args.kwarg.arg)
            if any(d.endswith("root_validator") for d in decorators):
                if any(_pre_true(d) for d in stmt.decorator_list):
                    self.pre_validator = True
            self._self_assignments(stmt)
            if any(d.endswith(".setter") or d.endswith(".deleter") for d in decorators):
                return
            if "property" in decorators or any(d.endswith("cached_property") for d in decorators):
                self.members[stmt.name] = ""
            elif not all(d in KEEPS_SIGNATURE for d in decorators):
                self.members[stmt.name] = ""
            elif "staticmethod" in decorators:
                self.members[stmt.name] = "^" + signature(stmt.args)
            elif "classmethod" in decorators or any(d.endswith("validator") for d in decorators):
                self.members[stmt.name] = "^" + signature(stmt.args, drop_first=True)
            else:
                self.members[stmt.name] = "~" + signature(stmt.args, drop_first=True)
        elif isinstance(stmt, ast.ClassDef):
            self.members[stmt.name] = ""
            if stmt.name == "Config":
                for inner in stmt.body:
                    if isinstance(inner, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "extra" for t in inner.targets):
                        self.extra = _extra_value(inner.value)
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            name = stmt.target.id
            self.members[name] = ""
            if not _is_classvar(stmt.annotation) and not name.startswith("_"):
                alias = _field_alias(stmt.value)
                self.fields.append((name, _field_required(stmt.annotation, stmt.value)))
                if alias:
                    self.fields.append((alias, False))
        elif isinstance(stmt, ast.Assign):
            for t in stmt.targets:
                for n in ast.walk(t):
                    if isinstance(n, ast.Name):
                        self.members[n.id] = ""
                        if not n.id.startswith("_") and not n.id.isupper():
                            # pydantic v1 makes an un-annotated assignment a field too
                            self.fields.append((n.id, False))
        elif isinstance(stmt, (ast.If, ast.Try)):
            for inner in getattr(stmt, "body", []) + getattr(stmt, "orelse", []):
                self._statement(inner, scope)

    def _self_assignments(self, fn: ast.AST) -> None:
        for node in ast.walk(fn):
            targets = []
            if isinstance(node, ast.Assign):
                targets = node.targets
            elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
                targets = [node.target]
            for t in targets:
                for n in ast.walk(t):
                    if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id in ("self", "cls"):
                        self.members.setdefault(n.attr, "")
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "setattr"
                    and node.args and isinstance(node.args[0], ast.Name) and node.args[0].id in ("self", "cls")):
                self.open = True  # setattr(self, name, ...) with names not known here (not: another object's)


def _consumed_keywords(fn: ast.AST, kwargs: str) -> List[str]:
    """String keys read from ``kwargs`` in ``fn`` (``kwargs.pop("x")``, ``kwargs["x"]``, ``"x" in kwargs``)."""
    out = []
    for node in ast.walk(fn):
        key = None
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == kwargs
            and node.func.attr in ("pop", "get")
            and node.args
        ):
            key = node.args[0]
        elif isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == kwargs:
            key = getattr(node.slice, "value", node.slice) if type(node.slice).__name__ == "Index" else node.slice
        elif isinstance(node, ast.Compare) and any(isinstance(c, ast.Name) and c.id == kwargs for c in node.comparators):
            key = node.left
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            out.append(key.value)
    return out


def _pre_true(dec: ast.expr) -> bool:
    return isinstance(dec, ast.Call) and any(
        k.arg == "pre" and isinstance(k.value, ast.Constant) and k.value.value is True for k in dec.keywords
    )


def _extra_value(node: ast.expr) -> Optional[str]:
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _is_classvar(annotation: ast.expr) -> bool:
    target = annotation.value if isinstance(annotation, ast.Subscript) else annotation
    name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        return annotation.value.startswith("ClassVar")
    return name == "ClassVar"


def _field_call(value: Optional[ast.expr]) -> Optional[ast.Call]:
    if isinstance(value, ast.Call) and _decorator_name(value).split(".")[-1].endswith("Field"):  # Field, SecretField
        return value
    return None


def _field_alias(value: Optional[ast.expr]) -> Optional[str]:
    call = _field_call(value)
    if call is None:
        return None
    for k in call.keywords:
        if k.arg == "alias" and isinstance(k.value, ast.Constant):
            return k.value.value
    return None


def _field_required(annotation: ast.expr, value: Optional[ast.expr]) -> bool:
    """pydantic v1: a field is required without a default, unless it is ``Optional`` (then it
    defaults to None); an explicit ``...`` makes even an ``Optional`` field required."""
    if isinstance(value, ast.Constant) and value.value is Ellipsis:
        return True
    call = _field_call(value)
    if value is not None and call is None:
        return False
    if call is not None:
        if call.args:
            return isinstance(call.args[0], ast.Constant) and call.args[0].value is Ellipsis
        if any(k.arg in ("default", "default_factory") for k in call.keywords):
            return False
    return not _is_optional(annotation)


def _is_optional(annotation: ast.expr) -> bool:
    text = ast.unparse(annotation) if hasattr(ast, "unparse") else ""
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        text = annotation.value
    text = text.replace(" ", "")
    return text.startswith(("Optional[", "typing.Optional[")) or "None]" in text or "|None" in text or text in ("Any", "typing.Any")


# --------------------------------------------------------------------------------- build
class VersionIndex:
    def __init__(self, wheel: Path):
        self.modules = read_modules(wheel)
        self.packages = {m for m in self.modules if any(k.startswith(m + ".") for k in self.modules)}
        self.table = module_level_names(self.modules, self.packages)
        self.scopes = {m: ModuleScope(m, t, m in self.packages) for m, t in self.modules.items()}
        self.facts: Dict[str, ClassFacts] = {}
        for m, scope in self.scopes.items():
            for name, node in scope.classes.items():
                self.facts[f"{m}.{name}"] = ClassFacts(f"{m}.{name}", node, scope)
        self._flat: Dict[str, dict] = {}

    def define(self, path: Optional[str], seen=None) -> Optional[str]:
        """Follow zenml re-exports of ``path`` to the class or function that defines it."""
        seen = seen or set()
        if path is None or path in seen:
            return None
        seen.add(path)
        if path in self.facts:
            return path
        mod, _, name = path.rpartition(".")
        scope = self.scopes.get(mod)
        if scope is None:
            return path if not path.startswith("zenml") else None
        if name in scope.functions:
            return path
        if name in scope.imports:
            return self.define(scope.imports[name], seen)
        target = self.table.get(mod, {}).get(name)
        if target:
            return self.define(target, seen)
        return None

    def mro(self, path: str, seen=None) -> List[str]:
        seen = set() if seen is None else seen
        if path in seen:
            return []
        seen.add(path)
        out = [path]
        facts = self.facts.get(path)
        if facts is None:
            return out
        for base in facts.bases:
            resolved = self.define(base) if base and base.startswith("zenml") else base
            out += [p for p in self.mro(resolved or "?", seen) if p not in out]
        return out

    def flat(self, path: str) -> dict:
        if path in self._flat:
            return self._flat[path]
        chain = self.mro(path)
        pydantic_chain = any(c in PYDANTIC_ROOTS for c in chain)
        members: Dict[str, str] = {}
        fields: Dict[str, bool] = {}
        is_open, init, init_known, pydantic, extra, pre, enum = False, None, False, None, None, False, False
        consumed: List[str] = []
        for cls in chain:
            facts = self.facts.get(cls)
            if facts is None:
                if cls in PYDANTIC_ROOTS:
                    pydantic = pydantic or cls
                    extra = extra or PYDANTIC_ROOTS[cls]
                    for m in PYDANTIC_MEMBERS:
                        members.setdefault(m, "")
                elif cls in ENUM_ROOTS:
                    enum = True
                    members.setdefault("name", "")
                    members.setdefault("value", "")
                elif cls not in NEUTRAL_ROOTS:
                    is_open = True
                continue
            for name, kind in facts.members.items():
                members.setdefault(name, kind)
            for name, required in facts.fields:
                fields.setdefault(name, required)
            is_open = is_open or facts.open
            extra = extra or facts.extra
            pre = pre or facts.pre_validator
            if facts.has_init and not init_known and not (pydantic_chain and _passes_through(facts.init)):
                init, init_known = facts.init, True
            if facts.metaclass and not self._neutral_metaclass(facts.metaclass, pydantic_chain):
                pre = True  # a metaclass may change what a call accepts (or add fields)
            elif facts.metaclass:
                consumed += self.facts[self.define(facts.metaclass)].consumed if self.define(facts.metaclass) in self.facts else []
        entry: Dict[str, object] = {"m": {k: v for k, v in sorted(members.items()) if not k.startswith("_")}}
        if pydantic and extra == "allow":
            is_open = True
        if enum:
            init, init_known = None, False  # Enum("value") looks a member up
        elif pydantic and not pre and (not init_known or (init is not None and "**" in init)):
            own = [p for p in (init or "").split(",") if p and not p.startswith("**")] if init_known else []
            names = [f"{n}{'' if req else '='}" for n, req in fields.items() if req] + [
                f"{n}=" for n, req in fields.items() if not req
            ]
            sig = ",".join(["*"] + names) if names else ""
            if pydantic.endswith("BaseSettings"):
                sig = ",".join(p for p in (sig or "*", BASE_SETTINGS_INIT) if p)
            if extra in ("ignore", "allow", None):
                sig = ",".join(p for p in (sig, "**extra") if p)  # unknown keywords are accepted
            if own:
                fields_part = [p for p in sig.split(",") if p and p != "*" and p.rstrip("=") not in own and not any(o.rstrip("=") == p.rstrip("=") for o in own)]
                star = [] if any(p.startswith("*") for p in own) or not fields_part or fields_part[0].startswith("**") else ["*"]
                sig = ",".join(own + star + fields_part)
            init, init_known = sig, True
        elif not init_known and not is_open and all(c in self.facts or c in NEUTRAL_ROOTS for c in chain):
            init, init_known = "", True  # object.__init__: no arguments
        if init_known and init is not None and consumed and not any(p.startswith("**") for p in init.split(",")):
            star = [] if any(p.startswith("*") for p in init.split(",") if p) else ["*"]
            init = ",".join([p for p in init.split(",") if p] + star + [f"{k}=" for k in consumed])
        if init_known and init is not None and not pre:
            entry["i"] = init
        if is_open:
            entry["o"] = 1
        self._flat[path] = entry
        return entry

    def _neutral_metaclass(self, metaclass: str, pydantic: bool) -> bool:
        if metaclass in ("abc.ABCMeta", "ABCMeta"):
            return True
        facts = self.facts.get(self.define(metaclass) or "")
        if facts is None or pydantic:  # a pydantic metaclass of zenml's own adds fields (``type``)
            return False
        call = facts.members.get("__call__")
        return call is None or _passes_through(call.lstrip("~^"))

    def public_functions(self) -> Dict[str, str]:
        out = {}
        for m, scope in self.scopes.items():
            if _private_module(m):
                continue
            for name, fn in scope.functions.items():
                if name.startswith("_"):
                    continue
                decorators = [_decorator_name(d) for d in fn.decorator_list]
                if all(d in KEEPS_SIGNATURE for d in decorators):
                    out[f"{m}.{name}"] = signature(fn.args)
        return out

    def subclasses(self) -> Dict[str, List[str]]:
        out: Dict[str, List[str]] = {}
        for path in self.facts:
            for base in self.mro(path)[1:]:
                out.setdefault(base, []).append(path)
        return out

    def _subclass_facts(self, path: str, subclasses: List[str]) -> dict:
        """``s``: zenml subclasses exist; ``v``: the methods some of them override with
        other parameters (a call on an instance typed as ``path`` cannot be checked there);
        ``a``: the public members an instance of one of them has beyond ``path``'s own (what an
        instance typed as ``path`` may have: a component's also the fields of every component
        config, ``FORWARDS``), or ``"*"`` when one of them is open (any member)."""
        if not subclasses:
            return {}
        members = self.flat(path)["m"]
        varying = sorted(
            m for m, kind in members.items()
            if kind[:1] in ("~", "^") and any(self.flat(sub)["m"].get(m, kind) != kind for sub in subclasses)
        )
        if any(self.flat(sub).get("o") for sub in subclasses):
            added: object = "*"
        else:
            more = set().union(*(self.flat(sub)["m"] for sub in subclasses))
            for owner, config in FORWARDS.items():
                if owner == path or owner in self.mro(path):
                    more.update(self._members_of_all(config))
            added = sorted(m for m in more - set(members) if not m.startswith("_"))
        return {"s": 1, "a": added, **({"v": varying} if varying else {})}

    def _members_of_all(self, base: str) -> set:
        """The members of ``base`` and of every class that derives from it (cached)."""
        cache = self.__dict__.setdefault("_all_members", {})
        if base not in cache:
            cache[base] = set().union(*(self.flat(c)["m"] for c in self.facts if c == base or base in self.mro(c)))
        return cache[base]

    def public_classes(self) -> Dict[str, dict]:
        subclasses = self.subclasses()
        return {
            p: dict(self.flat(p), **self._subclass_facts(p, subclasses.get(p, [])))
            for p in sorted(self.facts)
            if not _private_module(p.rpartition(".")[0])
            and not p.rpartition(".")[2].startswith("_")
            and "type" not in self.mro(p)  # metaclasses
        }

    def aliases(self, defined) -> Dict[str, str]:
        out = {}
        for mod, names in self.table.items():
            for name in names:
                if name.startswith("_"):
                    continue
                path = f"{mod}.{name}"
                if path in defined:
                    continue
                target = self.define(path)
                if target in defined:
                    out[path] = target
        return out


def _passes_through(sig: Optional[str]) -> bool:
    """``(*args, **kwargs)``: an ``__init__``/``__call__`` that hands everything on."""
    return sig is not None and all(p.startswith("*") for p in sig.split(",") if p)


def _private_module(module: str) -> bool:
    parts = module.split(".")
    return any(part.startswith("_") for part in parts) or parts[:2] in (["zenml", "cli"], ["zenml", "zen_server"])


def merge(values: List[Optional[object]]):
    return values[0] if all(v == values[0] for v in values) else values


def _keywords(sig: Optional[str]) -> set:
    return {p.rstrip("=") for p in (sig or "").split(",") if p and not p.startswith("*") and p != "/"}


def _callables(index: "VersionIndex") -> Dict[str, str]:
    """Every public callable of a release: functions, constructors, methods (by path)."""
    out = dict(index.public_functions())
    for path, entry in index.public_classes().items():
        if "i" in entry:
            out[path] = entry["i"]
        for member, kind in entry["m"].items():
            if kind[:1] in ("~", "^"):
                out[f"{path}.{member}"] = kind[1:]
    return out


def _successor(old: str, added: set, renamed: Tuple[str, str] = ("", "")) -> Optional[str]:
    """The 0.20 keyword that took over ``old`` (same meaning, new name), by the patterns the
    0.20 release used: ``x`` -> ``x_or_id``, ``config`` -> ``params``, ``*config*`` -> ``*parameters*``,
    and, on a class 0.20 renamed (``renamed``: its old and new name, lower case), the old name
    in the keyword replaced by the new one (``Repository(skip_repository_check=)`` ->
    ``Client(skip_client_check=)``)."""
    was, now = renamed
    for new in (
        f"{old}_or_id",
        "params" if old == "config" else None,
        old.replace("config", "parameters") if "config" in old else None,
        old.replace(was, now) if was and was in old else None,
    ):
        if new and new in added:
            return new
    return None


def successors(old_wheel: Path, new_indexes: List["VersionIndex"]) -> Dict[str, str]:
    """``{old keyword: 0.20 keyword}`` for keywords 0.13.2 callables took that the same
    callables of every 0.20 release renamed (one successor per old name, else left out). A
    0.20 class whose ``__new__`` builds another class (``CONSTRUCTS``: ``Repository`` gives a
    ``Client``) is called with the keywords of that class."""
    from zenml_migrate.scan.zenml_signatures import CONSTRUCTS

    old = _callables(VersionIndex(old_wheel))
    found: Dict[str, set] = {}
    for path, sig in old.items():
        target = CONSTRUCTS.get(path, path)
        news = [_callables_cached(ix).get(target) for ix in new_indexes]
        if any(n is None for n in news):
            continue
        removed = _keywords(sig) - set().union(*(_keywords(n) for n in news))
        added = set.intersection(*(_keywords(n) - _keywords(sig) for n in news))
        renamed = (path.rpartition(".")[2].lower(), target.rpartition(".")[2].lower()) if target != path else ("", "")
        for kw in removed:
            new = _successor(kw, added, renamed)
            if new:
                found.setdefault(kw, set()).add(new)
    return {k: v.pop() for k, v in sorted(found.items()) if len(v) == 1}


_CALLABLES: Dict[int, Dict[str, str]] = {}


def _callables_cached(index: "VersionIndex") -> Dict[str, str]:
    if id(index) not in _CALLABLES:
        _CALLABLES[id(index)] = _callables(index)
    return _CALLABLES[id(index)]


def build(wheels: Dict[str, Path], wheel_0132: Path) -> dict:
    per_version = {}
    indexes = []
    for version in VERSIONS_020:
        index = VersionIndex(wheels[version])
        indexes.append(index)
        functions = index.public_functions()
        classes = index.public_classes()
        per_version[version] = {
            "functions": functions,
            "classes": classes,
            "aliases": index.aliases(set(functions) | set(classes)),
        }
    out = {}
    for section in ("functions", "classes", "aliases"):
        keys = sorted(set().union(*(per_version[v][section] for v in VERSIONS_020)))
        out[section] = {k: merge([per_version[v][section].get(k) for v in VERSIONS_020]) for k in keys}
    out["successors"] = successors(wheel_0132, indexes)
    old = VersionIndex(wheel_0132)
    out["v0132"] = releases_differ_0132(out, old)
    out["steps0132"] = step_classes(old)
    return out


STEP_BASE = "zenml.steps.base_step.BaseStep"
# classes whose instances forward unknown attribute reads to another object: 0.20's StackComponent
# (``__getattribute__ = __custom_getattribute__`` in its body: a read of a config field returns
# ``self.config.<field>``, the config being an instance of a StackComponentConfig subclass)
FORWARDS = {"zenml.stack.stack_component.StackComponent": "zenml.stack.stack_component.StackComponentConfig"}


def step_classes(index: "VersionIndex") -> List[str]:
    """The public classes of ``index`` whose MRO holds ``BaseStep`` (``BaseStep`` itself not)."""
    return [p for p in index.public_classes() if p != STEP_BASE and STEP_BASE in index.mro(p)]


def releases_differ_0132(out: dict, old: "VersionIndex") -> dict:
    """For what 0.20.0 and 0.20.5 disagree on, what 0.13.2 had: a call or attribute that only
    one 0.20 release rejects is a finding only when 0.13.2 code could have written it. Also for
    the classes zenml subclasses (``s``): a member read on an instance typed as one of them is
    judged only when 0.13.2's class had it (the code relied on the base API, not a subclass's)."""
    functions, classes = old.public_functions(), old.public_classes()
    result: Dict[str, object] = {}
    for path, value in out["functions"].items():
        if isinstance(value, list) and path in functions:
            result[path] = functions[path]
    for path, value in out["classes"].items():
        subclassed = any(v and v.get("s") for v in (value if isinstance(value, list) else [value]))
        if (isinstance(value, list) or subclassed) and path in classes:
            entry = classes[path]
            result[path] = {k: v for k, v in entry.items() if k in ("i", "m", "o")}
    return result


def main() -> None:
    with wheels_folder(__doc__.splitlines()[0]) as wheels_dir:
        data = build({v: wheel_for(v, wheels_dir) for v in VERSIONS_020}, wheel_for("0.13.2", wheels_dir))
    OUT.write_text(json.dumps(data, separators=(",", ":"), sort_keys=True) + "\n")
    print(f"wrote {OUT} ({len(data['functions'])} functions, {len(data['classes'])} classes, {len(data['aliases'])} aliases)")


if __name__ == "__main__":
    main()
