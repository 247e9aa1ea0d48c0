"""What porting a 0.13.2 custom stack component class to ZenML 0.20 takes, decided on ``ast``.

One decision for scan and fix (ZM409): the scan flags the classes (``sites``) and exports, per
component class, the facts a subclass in another module needs (``Facts``: what its port
defines, its config fields, whether the port is exact); each finding carries the ``Plan`` of its
class (``PORT``, ``Plan.encode``), and the codemod (``codemods/flavors.py``) writes exactly what
it says. Nothing here imports LibCST.

A class is ported when it derives from a stack component (a ZenML base or built-in, or a
user's component class of this module or, through the project index, of another one) and
is in the 0.13.2 shape: a ``FLAVOR`` string (a literal or a constant; a 0.20 class assigns its
Flavor *class* there), or no ``FLAVOR`` but pydantic fields or validators of its own (a team's
shared base class; it becomes ``<X>Config`` and ``<X>`` without a Flavor). The plan never
names a class that will not exist: a base whose port is unknown gives a TODO, not an import.
"""

import ast
import json
import re
from dataclasses import dataclass, field
from typing import Callable, Dict, FrozenSet, List, Optional, Set, Tuple

from zenml_migrate.rules.client import ZM409
from zenml_migrate.scan.nodes import walk
from zenml_migrate.scan.per_project import per_project

FACTS = ".__port__"  # project-index key suffix: "<module>.<Class>.__port__" -> Facts.encode()
# project-index key suffix of a name a module re-exports (``from pkg.store import Store`` in
# ``pkg/__init__.py``): "<module>.<Name>.__port_via__" -> the key of the class it is ("pkg.store.Store")
VIA = ".__port_via__"
PYDANTIC_VALIDATORS = ("validator", "root_validator")
PYDANTIC_METHODS = {"dict", "json", "copy", "schema", "schema_json"}
KEEP_ON_COMPONENT = {"name", "uuid", "id"}  # not config fields in either version
# attributes every 0.20 component has (reads of them are not config fields)
COMPONENT_ATTRIBUTES = {
    "name", "id", "uuid", "config", "type", "flavor", "user", "project", "created", "updated",
    "log_file", "local_path", "validator", "requirements", "settings_class", "get_settings",
    "FLAVOR", "TYPE", "NAME",
}
LEGACY_CLASS_READS = ("TYPE", "__fields__")  # 0.13.2 component classes had them (pydantic models with a type)
CONFIG_KEYS_DROPPED = {"underscore_attrs_are_private"}  # 0.13.2 StackComponent-only pydantic switches
LEFT_OUTSIDE_RUN = "its module is not among the files this run rewrites"
LEFT_NO_PORT = f"it has no automatic port, see its {ZM409.code} finding"
TODO_KEY = Tuple[str, int]  # (method name, n-th def of that name) ; ("", 0): the class itself
PORT = "port"  # the ZM409 finding's ``fix_args`` key: the JSON form of its class's ``Plan`` (``Plan.encode``)


# ------------------------------------------------------------------------------- facts
@dataclass
class Facts:
    """A module-level class of another module, as its port leaves it (or as it already is)."""

    component: bool = True  # a stack component class (else: a plain class mixed into them)
    config: bool = False  # ``<Name>Config`` exists after the port
    flavor: bool = False  # ``<Name>Flavor`` exists after the port
    fields: Tuple[str, ...] = ()  # config fields (inherited ones included)
    known: bool = True  # ``fields`` is complete
    exact: bool = True  # its port (if any) leaves nothing for a human: done at the safe level
    type: Optional[str] = None
    reads: Tuple[str, ...] = ()  # plain class: ``self.<x>`` it reads and does not define
    rewritten: bool = False  # plain class: its module's port reads those as ``self.config.<x>``
    ported: bool = False  # ``config``/``flavor`` are written by this class's own port
    left: str = ""  # why the class needs a port that this run does not write ("": it does not)
    root: str = ""  # the ZenML component class it derives from (zenml path)
    # what 0.13.2 code read on the class that the class (as this run leaves it) lacks on ZenML 0.20: the
    # class attributes its port moves into ``<Name>Config`` (``moved``), and ``TYPE``/``__fields__`` (a
    # 0.20 component class is no pydantic model and has no ``TYPE``) where no class of the user's defines them
    moved: Tuple[str, ...] = ()
    gone: Tuple[str, ...] = ()
    # a class in the 0.20 shape (``<Name>Config`` next to it): the fields of its Config that the class
    # itself does not define, which an instance of it lacks on ZenML 0.20 (read as ``.config.<field>``)
    lacks: Tuple[str, ...] = ()
    name: str = ""  # the flavor's name when the class (or its ``<Name>Flavor``) spells it as a literal
    # a class left as written: the hooks it has (its own or a base's) with their 0.13.2 parameters, which
    # ZenML 0.20 calls with the 0.20 ones (a TypeError in a subclass the run ports): ``hook(p1,p2,...)``
    hooks: Tuple[str, ...] = ()
    # a class whose port this run does not write (``on_disk``): what that port moves into ``<Name>Config``,
    # which an instance lacks once the module is ported (``migrate scan steps.py`` reports those reads too)
    later: Tuple[str, ...] = ()

    def encode(self) -> str:
        if self == PLAIN:  # a plain class that reads no ``self.<x>`` it does not define: nothing to follow
            return "@port:component=0"
        parts = [
            f"component={int(self.component)}", f"config={int(self.config)}", f"flavor={int(self.flavor)}",
            f"known={int(self.known)}", f"exact={int(self.exact)}", f"rewritten={int(self.rewritten)}",
            f"type={self.type or ''}", f"fields={','.join(self.fields)}", f"reads={','.join(self.reads)}",
            f"ported={int(self.ported)}", f"root={self.root}", f"left={self.left.replace(';', ',')}",
            f"moved={','.join(self.moved)}", f"gone={','.join(self.gone)}", f"lacks={','.join(self.lacks)}",
            f"name={self.name}", f"hooks={'|'.join(self.hooks)}", f"later={','.join(self.later)}",
        ]
        return "@port:" + ";".join(parts)

    @classmethod
    def decode(cls, text: Optional[str]) -> Optional["Facts"]:
        if not text or not text.startswith("@port:"):
            return None
        kv = dict(p.split("=", 1) for p in text[len("@port:"):].split(";"))
        split = lambda v: tuple(x for x in v.split(",") if x)  # noqa: E731
        if kv == {"component": "0"}:
            return cls(component=False)
        return cls(
            component=kv["component"] == "1", config=kv["config"] == "1", flavor=kv["flavor"] == "1",
            known=kv["known"] == "1", exact=kv["exact"] == "1", rewritten=kv["rewritten"] == "1",
            type=kv["type"] or None, fields=split(kv["fields"]), reads=split(kv["reads"]),
            ported=kv.get("ported") == "1", left=kv.get("left", ""), root=kv.get("root", ""),
            moved=split(kv.get("moved", "")), gone=split(kv.get("gone", "")), lacks=split(kv.get("lacks", "")),
            name=kv.get("name", ""), hooks=tuple(h for h in kv.get("hooks", "").split("|") if h),
            later=split(kv.get("later", "")),
        )

    def on_disk(self) -> "Facts":
        """The class as it stays when its module is not rewritten by this run (``migrate code
        a.py``: the project's other modules only inform the port of ``a.py``)."""
        if self.ported:  # the 0.13.2 class as written: what the port would move is still there
            return Facts(type=self.type, known=False, root=self.root, name=self.name,
                         left=LEFT_OUTSIDE_RUN, gone=tuple(g for g in self.gone if g not in self.moved),
                         later=tuple(sorted({*self.fields, *self.moved})))
        if self.rewritten:
            return Facts(component=False, reads=self.reads)
        return self


PLAIN = Facts(component=False)


@per_project
def gone_members(project: Dict[str, str]) -> frozenset:
    """Every ``Facts.gone`` member of a stack component class of ``project`` (one pass over the
    project per project: asked once per file). Empty for most projects (no component class of
    their own): then no read in another module can lack one (ZM426)."""
    members = set()
    for key, value in project.items():
        if key.endswith(FACTS):
            facts = Facts.decode(value)
            if facts is not None and facts.component:
                members.update(facts.gone)
    return frozenset(members)


@per_project
def instance_classes(project: Dict[str, str]) -> frozenset:
    """The names of the project's component classes whose port moves a field or class attribute
    into ``<X>Config`` (one pass per project, as ``gone_members``): a module that names none of
    them holds no instance ZM426 reads a moved field of."""
    names = set()
    for key, value in project.items():
        if key.endswith(FACTS):
            facts = Facts.decode(value)
            if facts is not None and facts.component and (facts.ported and (facts.fields or facts.moved) or facts.lacks or facts.later):
                names.add(key[: -len(FACTS)].rpartition(".")[2])
    return frozenset(names)


def origin(project: Dict[str, str], key: str) -> Optional[str]:
    """The key of the component class ``key`` names (itself, or the class a package re-exports
    under that name: ``VIA``), or None when the project index has no port facts for it."""
    if key + FACTS in project:
        return key
    return project.get(key + VIA)


def port_facts(project: Dict[str, str], key: str) -> Tuple[Optional["Facts"], bool]:
    """``(facts of the class key names, re-exported)``; a re-exported class is named by a module
    that does not define it (``from pkg import Store``): ``<X>Config`` is not importable from there."""
    found = origin(project, key)
    return (Facts.decode(project.get(found + FACTS)) if found else None), found not in (None, key)


def reexport_facts(detector) -> Dict[str, str]:
    """``"<Name>.__port_via__" -> key``: the module-level names of the module bound (once) to a
    component class of another project module that has port facts (``from pkg.store import
    Store``, also through a star import or a chain of re-exports): where an importer of this
    module reads one (``from pkg import Store``), it reads that class."""
    project = detector.project
    out: Dict[str, str] = {}
    if not project:
        return out
    for name, bindings in detector.module_scope.bindings.items():
        binding = bindings[0] if len(bindings) == 1 else None
        if getattr(binding, "kind", None) != "project" or not binding.extra:
            continue
        found = origin(project, binding.extra)
        facts = Facts.decode(project.get(found + FACTS)) if found else None
        if facts is not None and facts.component:
            out[name + VIA] = found
    return out


def on_disk_export(value: str) -> str:
    """A project-index value of a module this run does not rewrite (see ``Facts.on_disk``)."""
    facts = Facts.decode(value)
    return facts.on_disk().encode() if facts is not None else value


class Names:
    """What the plan needs to know about names: answered by the scan's detector (the same
    tables for scan and fix)."""

    def __init__(self, resolve: Callable[[ast.expr], Optional[str]], project_key: Callable[[ast.expr], Optional[str]],
                 fact: Callable[[str], Optional[str]], module_name: str = "", bound: Callable[[str], bool] = lambda n: False,
                 read: Callable[[str], bool] = lambda m: False):
        self.resolve = resolve  # canonical zenml path of a module-level expression, or None
        self.project_key = project_key  # "pkg.mod.Name" of a name imported from a project module
        self.fact = fact  # the project index
        self.module_name = module_name
        self.bound = bound  # is a name bound at module level (a class, an import, an assignment)?
        self.read = read  # is a module (dotted name) one of the files this run reads?

    def origin(self, expr: ast.expr) -> Optional[str]:
        """The key of the class ``expr`` names (``pkg.store.Store`` also where it is imported through
        the package's re-export, ``from pkg import Store``: ``VIA``), or None (no port facts)."""
        key = self.project_key(expr)
        if not key:
            return None
        return key if self.fact(key + FACTS) is not None else self.fact(key + VIA)

    def facts(self, expr: ast.expr) -> Optional[Facts]:
        key = self.origin(expr)
        return Facts.decode(self.fact(key + FACTS)) if key else None

    def unread(self, expr: ast.expr) -> str:
        """Why the facts of ``expr`` (a name of a project module, none found) are not known, as a phrase after it."""
        key = self.project_key(expr) or ""
        module = key.rpartition(".")[0]
        if module and self.read(module):
            return (f"is a name of `{module}` whose class this run has no port facts for (a class with bases or "
                    "decorators, one using `self` other than in `self.<member>` reads, or a name bound conditionally, "
                    "more than once or by assignment)")
        return "comes from a module this run did not read"


# ------------------------------------------------------------------------------- plan
@dataclass
class Base:
    """What the ported class derives from (``config``/``flavor``: (module, name) to import;
    module "" = a class of this module)."""

    config: Tuple[str, str]
    flavor: Tuple[str, str]
    type: Optional[str]  # component type value (None: plain StackComponent)
    fields: Set[str]
    members: Set[str] = field(default_factory=set)  # what the 0.20 config base defines besides fields
    impl: Optional[str] = None  # 0.20 class to subclass instead of the written one (zenml path)
    expr: Optional[str] = None  # the base expression (as ``ast.unparse`` writes it) the port replaces with ``impl``
    flavor_attr: bool = False  # the 0.20 implementation declares ``FLAVOR`` (the Flavor class)
    exact: bool = True  # the base's own port is exact (a user class ported in the same run)
    known: bool = True  # ``fields`` is complete


@dataclass
class Hook:
    """How a hook method of a 0.13.2 component is ported to 0.20."""

    signature: str  # 0.20 parameters after ``self``
    imports: Tuple[Tuple[str, str], ...] = ()
    typing: Tuple[str, ...] = ()
    exact: Dict[str, str] = field(default_factory=dict)  # old argument -> 0.20 expression
    members: Dict[str, Dict[str, str]] = field(default_factory=dict)  # old argument -> {member read -> 0.20 expression}


@dataclass
class Plan:
    """The port of a 0.13.2 stack component class to its 0.20 form."""

    name: str
    base: Base
    has_flavor: bool  # False: a base class without a flavor (no ``<X>Flavor``)
    fields: Set[str]  # config fields, inherited ones included
    to_config: Set[str]  # class-body members (by name) that move to the Config
    config_reads: Set[str]  # ``self.<x>`` read as ``self.config.<x>`` in the implementation
    hooks: Dict[TODO_KEY, Hook] = field(default_factory=dict)
    todos: Dict[TODO_KEY, List[str]] = field(default_factory=dict)
    mixins: Dict[str, Set[str]] = field(default_factory=dict)  # mixin of this module -> reads rewritten in it
    # config fields a mixin left as it is reads as ``self.<field>``: the implementation forwards them
    # (``@property def <field>(self): return self.config.<field>``)
    forwards: Set[str] = field(default_factory=set)
    unsafe: List[str] = field(default_factory=list)  # why the port needs --unsafe-fixes without a TODO line
    known: bool = True
    blocked: Optional[str] = None  # why there is no automatic port at all
    root: str = ""  # the ZenML component class it derives from (zenml path)
    # the ports of this module it builds on (its bases, the classes sharing a mixin with it): it is
    # written only when they are written too
    after: List[str] = field(default_factory=list)

    @property
    def exact(self) -> bool:
        return not self.todos and not self.unsafe and not self.blocked

    def encode(self) -> str:
        """The JSON form of the plan: the ZM409 finding carries it to the codemod (``PORT``)."""
        base = self.base
        keyed = lambda table, value: [[k[0], k[1], value(v)] for k, v in sorted(table.items())]  # noqa: E731
        return json.dumps({
            "name": self.name, "has_flavor": self.has_flavor, "fields": sorted(self.fields),
            "to_config": sorted(self.to_config), "config_reads": sorted(self.config_reads),
            "hooks": keyed(self.hooks, lambda h: [h.signature, [list(i) for i in h.imports], list(h.typing), h.exact, h.members]),
            "todos": keyed(self.todos, list), "mixins": {k: sorted(v) for k, v in self.mixins.items()},
            "forwards": sorted(self.forwards),
            "unsafe": self.unsafe, "known": self.known, "blocked": self.blocked, "root": self.root, "after": self.after,
            "base": {
                "config": _ref_form(base.config), "flavor": _ref_form(base.flavor), "type": base.type,
                "fields": sorted(base.fields), "members": sorted(base.members), "impl": base.impl, "expr": base.expr,
                "flavor_attr": base.flavor_attr, "exact": base.exact, "known": base.known,
            },
        }, sort_keys=True)

    @classmethod
    def decode(cls, text: str) -> "Plan":
        data = json.loads(text)
        b = data["base"]
        base = Base(ClassRef(*b["config"]), ClassRef(*b["flavor"]), b["type"], set(b["fields"]), set(b["members"]),
                    b["impl"], b["expr"], b["flavor_attr"], b["exact"], b["known"])
        return cls(
            data["name"], base, data["has_flavor"], set(data["fields"]), set(data["to_config"]), set(data["config_reads"]),
            hooks={(k, n): Hook(sig, tuple(tuple(i) for i in imports), tuple(typing), exact, members)
                   for k, n, (sig, imports, typing, exact, members) in data["hooks"]},
            todos={(k, n): list(texts) for k, n, texts in data["todos"]},
            mixins={k: set(v) for k, v in data["mixins"].items()}, forwards=set(data.get("forwards", ())), unsafe=list(data["unsafe"]), known=data["known"],
            blocked=data["blocked"], root=data["root"], after=list(data["after"]),
        )

    def todo(self, key: TODO_KEY, text: str) -> None:
        self.todos.setdefault(key, []).append(text)

    def facts(self) -> Facts:
        if self.blocked:
            return Facts(type=self.base.type, known=False, root=self.root,
                         left=LEFT_NO_PORT)
        return Facts(config=True, flavor=self.has_flavor, fields=tuple(sorted(self.fields)), known=self.known,
                     exact=self.exact, type=self.base.type, ported=True, root=self.root)


# ------------------------------------------------------------------------------- shapes
def target_name(stmt: ast.stmt) -> Optional[str]:
    if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
        return stmt.target.id
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
        return stmt.targets[0].id
    return None


def is_classvar(stmt: ast.stmt) -> bool:
    if not isinstance(stmt, ast.AnnAssign):
        return False
    ann = stmt.annotation.value if isinstance(stmt.annotation, ast.Subscript) else stmt.annotation
    return dotted_name(ann).split(".")[-1] == "ClassVar"


def decorator_names(func) -> List[str]:
    out = []
    for dec in func.decorator_list:
        node = dec.func if isinstance(dec, ast.Call) else dec
        out.append(dotted_name(node).split(".")[-1])
    return out


def is_validator(stmt: ast.stmt) -> bool:
    return isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(
        d in PYDANTIC_VALIDATORS for d in decorator_names(stmt)
    )


def is_private_attr(stmt: ast.stmt) -> bool:
    value = getattr(stmt, "value", None)
    return isinstance(value, ast.Call) and dotted_name(value.func).split(".")[-1] == "PrivateAttr"


def is_field(stmt: ast.stmt) -> bool:
    """A pydantic field of a 0.13.2 component: an annotated or assigned public name that is not a
    ``ClassVar``, ``FLAVOR``/``TYPE`` or an un-annotated UPPER_CASE constant."""
    name = target_name(stmt)
    if name is None or name.startswith("_") or name in ("FLAVOR", "TYPE") or is_classvar(stmt):
        return False
    return isinstance(stmt, ast.AnnAssign) or not name.isupper()


def own_fields(cls: ast.ClassDef) -> List[str]:
    """Pydantic fields the class body declares."""
    return [target_name(stmt) for stmt in cls.body if is_field(stmt)]


def flavor_statement(cls: ast.ClassDef, is_class: Callable[[ast.expr], bool]) -> Optional[ast.stmt]:
    """The ``FLAVOR = <name>`` statement of the 0.13.2 shape (a 0.20 class assigns a class there)."""
    for stmt in cls.body:
        if target_name(stmt) != "FLAVOR" or getattr(stmt, "value", None) is None:
            continue
        value = stmt.value
        if isinstance(stmt, ast.AnnAssign) and "Type[" in ast.unparse(stmt.annotation):
            return None  # ``FLAVOR: ClassVar[Type[XFlavor]] = XFlavor``: the 0.20 shape
        if isinstance(value, ast.Constant):
            return stmt if isinstance(value.value, str) else None
        if isinstance(value, (ast.Name, ast.Attribute)):
            return None if is_class(value) else stmt
        if isinstance(value, (ast.JoinedStr, ast.BinOp)):
            return stmt
        return None
    return None


def port_config(cls: ast.ClassDef, module_classes: Dict[str, ast.ClassDef]) -> Optional[ast.ClassDef]:
    """The 0.20 ``<Name>Config`` next to ``cls``: it derives from a Config (a plain class of
    that name, a settings holder of the team, is not one)."""
    config = module_classes.get(f"{cls.name}Config")
    if config is not None and any(dotted_name(b).endswith("Config") for b in config.bases):
        return config
    return None


def looks_ported(cls: ast.ClassDef, module_classes: Dict[str, ast.ClassDef]) -> bool:
    """Already in the 0.20 shape: a ``config`` property, or a ``<Name>Config`` class next to it."""
    if port_config(cls, module_classes) is not None:
        return True
    return any(isinstance(s, ast.FunctionDef) and s.name == "config" for s in cls.body)


def needs_port(cls: ast.ClassDef, module_classes: Dict[str, ast.ClassDef], is_class) -> Optional[ast.AST]:
    """The node ZM409 flags on a component class, or None (not in the 0.13.2 shape). A class
    with its ``<Name>Flavor`` next to it and a ``config`` property or ``<Name>Config`` is in the
    0.20 shape also when it keeps a ``FLAVOR`` string (the port keeps it for code that reads it)."""
    stmt = flavor_statement(cls, is_class)
    if stmt is not None and f"{cls.name}Flavor" in module_classes and looks_ported(cls, module_classes):
        return None
    if stmt is not None:
        return stmt.target if isinstance(stmt, ast.AnnAssign) else stmt.targets[0]
    if any(target_name(s) == "FLAVOR" for s in cls.body) or looks_ported(cls, module_classes):
        return None
    if own_fields(cls) or any(is_validator(s) for s in cls.body):
        return name_node(cls)
    return None


def name_node(cls: ast.ClassDef) -> ast.Name:
    """An ``ast.Name`` spanning the class's name (where a class without ``FLAVOR`` is flagged)."""
    # ``class`` keyword, whitespace, name: the name's column is found on the class's first line
    node = ast.Name(id=cls.name, ctx=ast.Store())
    node.lineno = node.end_lineno = cls.lineno
    node.col_offset = cls.col_offset + len("class") + 1  # adjusted by ``locate_name`` when spaced
    node.end_col_offset = node.col_offset + len(cls.name.encode("utf-8"))
    return node


def locate_name(cls: ast.ClassDef, line: str) -> ast.Name:
    node = name_node(cls)
    raw = line.encode("utf-8")
    start = cls.col_offset + len("class")
    while start < len(raw) and raw[start:start + 1] in (b" ", b"\t", b"\\"):
        start += 1
    node.col_offset = start
    node.end_col_offset = start + len(cls.name.encode("utf-8"))
    return node


# ------------------------------------------------------------------------------- reads
def self_name(func) -> Optional[str]:
    if "staticmethod" in decorator_names(func) or not func.args.args:
        return None
    return func.args.args[0].arg


def attribute_uses(func, me: str) -> Tuple[Set[str], Set[str], Set[str]]:
    """(``me.<x>`` read, ``me.<x>`` assigned, ``me.<x>(...)`` called) inside ``func``."""
    reads: Set[str] = set()
    writes: Set[str] = set()
    calls: Set[str] = set()
    for node in walk(func):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == me:
            (writes if isinstance(node.ctx, (ast.Store, ast.Del)) else reads).add(node.attr)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            f = node.func
            if isinstance(f.value, ast.Name) and f.value.id == me:
                calls.add(f.attr)
    return reads, writes, calls


def _constructed(func, callers: Set[str], fields: Set[str]) -> Dict[str, List[str]]:
    """``{callee: [field keywords]}`` of the calls in ``func`` of one of ``callers`` (``cls`` in a
    classmethod, the class's own name) that pass a field of the class as a keyword."""
    out: Dict[str, List[str]] = {}
    for node in ast.walk(func):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in callers:
            keywords = [k.arg for k in node.keywords if k.arg in fields]
            if keywords:
                out.setdefault(node.func.id, []).extend(k for k in keywords if k not in out.get(node.func.id, ()))
    return out


_BY_NAME = {"getattr": "read", "hasattr": "read", "setattr": "write", "delattr": "write"}


def _indirect_uses(func, me: str, config: Set[str], fields: Set[str], bound: Callable[[str], bool]) -> List[str]:
    """TODO texts for what reaches a config field of the class other than ``me.<field>`` (which
    the port rewrites): ``getattr(me, "<field>")`` / ``hasattr`` where the module binds that name
    itself (else the port reads it on ``me.config``), ``setattr``/``delattr``, a name of a field
    not written out (``getattr(me, name)``), an alias (``t = me; t.<field>``), ``vars(me)`` and
    ``me.__dict__`` (0.20 keeps the fields in the config, not on the component)."""
    out: List[str] = []
    aliases: Set[str] = set()
    for node in ast.walk(func):
        value = node.value if isinstance(node, (ast.Assign, ast.AnnAssign, ast.NamedExpr)) else None
        if isinstance(value, ast.Name) and value.id == me:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            aliases.update(t.id for t in targets if isinstance(t, ast.Name))
    for node in ast.walk(func):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args and \
                isinstance(node.args[0], ast.Name) and node.args[0].id == me:
            what = _BY_NAME.get(node.func.id)
            name = node.args[1] if len(node.args) > 1 else None
            if node.func.id == "vars" and len(node.args) == 1 and not bound("vars"):
                out.append(f"`vars({me})`: in ZenML 0.20 the fields are in `{me}.config` (`{me}.config.dict()`), not on the component")
            elif what is None or bound(node.func.id) and what == "read":
                if what is not None and isinstance(name, ast.Constant) and name.value in config:
                    out.append(f"`{node.func.id}({me}, {name.value!r})`: the module binds `{node.func.id}` itself; "
                               f"`{name.value}` is in `{me}.config` in ZenML 0.20")
            elif not isinstance(name, ast.Constant):
                out.append(f"`{node.func.id}({me}, {ast.unparse(name) if name is not None else ''})`: a name not written out "
                           f"may be a field, which ZenML 0.20 keeps in `{me}.config`: {what} it there")
            elif what == "write" and name.value in fields:
                out.append(f"`{node.func.id}({me}, {name.value!r}, ...)`: in ZenML 0.20 `{name.value}` is a config field "
                           f"(`{me}.config.{name.value}`), set when the component is registered")
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if node.value.id == me and node.attr in ("__dict__", "__fields__"):
                out.append(f"`{me}.{node.attr}`: in ZenML 0.20 the fields are in `{me}.config` (`{me}.config.dict()`, "
                           f"`{me}.config.__fields__`): a component is no pydantic model")
            elif node.value.id in aliases and node.attr in config:
                out.append(f"`{node.value.id}.{node.attr}` (`{node.value.id}` is `{me}`): in ZenML 0.20 read "
                           f"`{node.value.id}.config.{node.attr}`")
    return list(dict.fromkeys(out))


def gone_base_members(root: str, type_: Optional[str], impl: str) -> Dict[str, Tuple[str, ...]]:
    """``{member: the 0.20 releases lacking it}``: the public members of the 0.13.2 zenml component
    class ``root`` (else of its type's base class) that ZenML 0.20's class ``impl`` itself has not,
    from the wheels' member index (rules/data/zenml020_signatures.json: ``v0132`` and ``classes``)."""
    from zenml_migrate.scan import component_members, zenml_signatures as sigs

    base = component_members.types().get(type_ or "", {}).get("base", "")
    old = sigs.members_0132(root) or sigs.members_0132(base) or ()
    out = {}
    for member in old:
        lacking = sigs.lacks_member(impl, member) if not member.startswith("_") else ()
        if lacking:
            out[member] = lacking
    return out


# what ZenML 0.20 has instead of a member of the 0.13.2 component bases it dropped (the hooks' own
# "removed" texts, ``COMPONENT_HOOKS`` of rules/client.py, come first)
_GONE_INSTEAD = {
    "get_upstream_step_names": "a step's upstream steps are `step.spec.upstream_steps` in ZenML 0.20 (the `Step`s of "
                               "`deployment.steps`, step name -> `Step`)",
    **{m: "a ZenML 0.20 stack component is no pydantic model: its config is `self.config`, its class the flavor's "
          "`config_class`" for m in ("construct", "parse_obj", "parse_raw", "parse_file", "from_orm", "schema", "schema_json",
                                    "update_forward_refs", "validate", "Config")},
}

# what a ported class may still do with ``self``/``cls`` itself: 0.20's component keeps these
_HARMLESS_CALLS = {"isinstance", "issubclass", "id", "str", "repr", "super", "hash"}
_HARMLESS_DUNDERS = {"__class__", "__module__", "__doc__", "__name__", "__qualname__", "__dict__", "__fields__"}


def _other_uses(func, me: str, moved: Set[str], own: Set[str], name: str, classmethod: bool,
                followed: Tuple[str, ...] = ()) -> List[str]:
    """TODO texts for the loads of ``me`` (``self``, or ``cls`` in a classmethod) in ``func`` that
    the port does not follow: ``me`` handed to anything (a helper, ``attrgetter(...)(me)``,
    ``"{0.f}".format(me)``), built (``cls(...)``, ``type(self)(...)``), a pydantic internal
    (``me.__fields_set__``), in a classmethod ``cls.<member moved to the Config>`` or ``cls.TYPE``.
    An alias (``t = me``) is followed the same way, and ``me`` bound again by a nested function or
    lambda (``lambda self: ...``) is named. What the port rewrites or ``_indirect_uses``/``_constructed``
    already name is left out: a plain ``me.<x>``, ``getattr``/``hasattr``/``setattr``/``delattr``/``vars(me)``,
    ``super(C, me)``, ``isinstance(me, ...)``, ``f"{me}"``, ``me is x``. ``return me`` hands ``me`` to
    the caller: a caller's ``.<field>`` on it fails on ZenML 0.20 (tests/test_port_self_net.py)."""
    parents: Dict[int, ast.AST] = {}
    for node in ast.walk(func):
        for child in ast.iter_child_nodes(node):
            parents[id(child)] = node
    out: List[str] = []
    aliases: List[str] = []
    for node in ast.walk(func):
        inner = node is not func and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
        if inner and me in {a.arg for a in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs,
                                              node.args.vararg, node.args.kwarg) if a is not None}:
            where = "a lambda" if isinstance(node, ast.Lambda) else f"`{node.name}`"
            out.append(f"`{me}` is a parameter of {where} in here: there it may not be this component, but the port "
                       f"reads `{me}.<field>` there as `{me}.config.<field>`: rename that parameter")
    for node in ast.walk(func):
        if not (isinstance(node, ast.Name) and node.id == me and isinstance(node.ctx, ast.Load)):
            continue
        parent = parents.get(id(node))
        if isinstance(parent, (ast.Assign, ast.AnnAssign, ast.NamedExpr)) and parent.value is node:  # ``t = self``
            targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
            aliases.extend(t.id for t in targets if isinstance(t, ast.Name) and t.id != me)
        shown, what = me, node
        if isinstance(parent, ast.Call) and isinstance(parent.func, ast.Name) and parent.func.id == "type" \
                and len(parent.args) == 1 and not parent.keywords and not classmethod:
            shown, what, node, parent = f"type({me})", parent, parent, parents.get(id(parent))
        elif shown == me and isinstance(parent, ast.Attribute):
            if classmethod and (parent.attr in moved or parent.attr == "TYPE"):
                where = "its flavor's `type`" if parent.attr == "TYPE" else f"`{name}Config`"
                out.append(f"`{me}.{parent.attr}`: the port moves it to {where}; the ZenML 0.20 class has no "
                           f"`{parent.attr}` (read it on an instance's `self.config`, or keep it on the class yourself)")
            elif parent.attr.startswith("__") and parent.attr not in _HARMLESS_DUNDERS and parent.attr not in own:
                out.append(f"`{me}.{parent.attr}`: a ZenML 0.20 stack component is no pydantic model (its fields are in "
                           f"`{me}.config`)")
            continue
        if isinstance(parent, ast.Attribute) and parent.value is node:  # ``type(self).<x>``
            if parent.attr in moved or parent.attr == "TYPE":
                out.append(f"`{shown}.{parent.attr}`: the port moves it off the class; the ZenML 0.20 class has no "
                           f"`{parent.attr}` (read it on `self.config`)")
            continue
        if isinstance(parent, ast.Call) and parent.func is node:
            out.append(f"`{shown}(...)`: a ZenML 0.20 stack component is built by ZenML from its config "
                       f"(`{name}Config(...)`, registered with `zenml <type> register`): its `__init__` takes name, id, "
                       "config, flavor, type, user, project, created, updated, not the fields")
            continue
        if what is not node or shown != me:
            continue
        if isinstance(parent, ast.Call) and isinstance(parent.func, ast.Name) and \
                (parent.func.id in _HARMLESS_CALLS or parent.func.id in _BY_NAME or parent.func.id == "vars"):
            continue
        if isinstance(parent, ast.Return):  # ``return self``: a caller reading a field on it fails on 0.20 (AttributeError)
            out.append(f"`return {me}` hands `{me}` to the caller{_is(followed, me)}: what a caller reads on it of the class's "
                       f"fields is in `.config` in ZenML 0.20 (the port rewrites only `{(followed or (me,))[0]}.<field>` here): "
                       "read `.config.<field>` on what this returns")
            continue
        if isinstance(parent, (ast.FormattedValue, ast.Compare, ast.Assign, ast.AnnAssign, ast.NamedExpr, ast.Expr)):
            continue
        text = ast.unparse(parent) if parent is not None else me
        text = text if len(text) <= 60 else text[:57] + "..."
        out.append(f"`{text}` hands `{me}` on{_is(followed, me)}: what it reads there of the "
                   f"class's fields is in `{me}.config` in ZenML 0.20 (the port rewrites only `{(followed or (me,))[0]}.<field>` "
                   f"here): pass `{me}.config` or read it there")
    for alias in dict.fromkeys(aliases):  # what ``t = self`` hands on is followed like ``self`` (its field reads: ``_indirect_uses``)
        if alias not in followed:
            out.extend(_other_uses(func, alias, moved, own, name, classmethod, (*(followed or (me,)), alias)))
    return list(dict.fromkeys(out))


def _is(followed: Tuple[str, ...], me: str) -> str:
    return f" (`{me}` is `{followed[0]}`)" if followed else ""


def defined_names(cls: ast.ClassDef) -> Set[str]:
    out: Set[str] = set()
    for stmt in cls.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.add(stmt.name)
        else:
            name = target_name(stmt)
            if name:
                out.add(name)
            elif isinstance(stmt, ast.Assign):
                out.update(t.id for t in stmt.targets if isinstance(t, ast.Name))
    for func in methods(cls):
        me = self_name(func)
        if me:
            out |= attribute_uses(func, me)[1]
    return out


def methods(cls: ast.ClassDef) -> List[ast.FunctionDef]:
    return [s for s in cls.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))]


def undefined_reads(cls: ast.ClassDef) -> Set[str]:
    """``self.<x>`` a class reads (not calls) and defines nowhere in its body: a mixin's needs."""
    out: Set[str] = set()
    for func in methods(cls):
        me = self_name(func)
        if me and "classmethod" not in decorator_names(func):
            reads, _, calls = attribute_uses(func, me)
            out |= reads - calls
    return {a for a in out - defined_names(cls) if not a.startswith("__")}


def method_keys(cls: ast.ClassDef) -> Dict[int, TODO_KEY]:
    """id(def) -> (name, n-th def of that name in the body): how plan and codemod name a method."""
    seen: Dict[str, int] = {}
    out = {}
    for stmt in cls.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            n = seen.get(stmt.name, 0)
            seen[stmt.name] = n + 1
            out[id(stmt)] = (stmt.name, n)
    return out


def dotted_name(node) -> str:
    """``a.b.c`` for a chain of attributes on a name, else ``""``."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return ""


def _only_member_reads(func: ast.FunctionDef, arg: str, members: Dict[str, str]) -> bool:
    """Is every load of ``arg`` in ``func``'s body a read of one of ``members`` (``arg.run_name``),
    never a write to it, nor the object itself (passed on, subscripted, ``.get(...)``)?"""
    if not members:
        return False
    inside: Set[int] = set()
    for node in ast.walk(ast.Module(body=func.body, type_ignores=[])):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == arg:
            if node.attr not in members or not isinstance(node.ctx, ast.Load):
                return False
            inside.add(id(node.value))
    loads = [n for n in ast.walk(ast.Module(body=func.body, type_ignores=[])) if isinstance(n, ast.Name) and n.id == arg]
    return bool(loads) and all(id(n) in inside for n in loads)


def names_in(node: ast.AST) -> Tuple[Set[str], Set[str]]:
    """(plain names loaded, plain names stored) anywhere inside ``node``."""
    loads, stores = set(), set()
    for n in ast.walk(node):
        if isinstance(n, ast.Name):
            (stores if isinstance(n.ctx, (ast.Store, ast.Del)) else loads).add(n.id)
    return loads, stores


def imports_inside(node: ast.AST) -> bool:
    return any(isinstance(n, (ast.Import, ast.ImportFrom)) for n in ast.walk(node))



# ------------------------------------------------------------------------------- planning
@dataclass(frozen=True)
class ClassRef:
    """A class the port writes a reference to: ``<prefix><name>`` (``prefix``: a module alias,
    nothing imported), or ``name`` imported from ``module``, or from wherever ``beside`` (a
    module-level name of the file) is imported from, or a class of this module."""

    name: str
    module: Optional[str] = None
    beside: Optional[str] = None
    prefix: str = ""


def _ref_form(ref: ClassRef) -> list:
    return [ref.name, ref.module, ref.beside, ref.prefix]


def _zenml_ref(path: str) -> ClassRef:
    module, _, name = path.rpartition(".")
    return ClassRef(name, module=module)


class ModulePlanner:
    """The plans of one module's component classes (source order: a base before its subclasses)."""

    def __init__(self, classes: List[ast.ClassDef], names: Names, class_value: Callable[[str], Optional[str]],
                 components: dict, hooks: dict):
        self.names = names
        self.class_value = class_value
        self.components = components
        self.hooks = hooks or {}
        self.classes: Dict[str, ast.ClassDef] = {c.name: c for c in classes}
        self.plans: Dict[str, Plan] = {}
        self.facts: Dict[str, Facts] = {}
        self.sites: Dict[str, ast.AST] = {}
        for cls in self.classes.values():
            self._classify(cls)
        self._mixins()
        self._propagate()
        for name, plan in self.plans.items():
            self.facts[name] = plan.facts()
            self.facts[name].reads = tuple(sorted(self._leftover_reads(self.classes[name], plan)))
            if not plan.blocked:
                self.facts[name].moved = tuple(sorted(plan.to_config - plan.fields))
            bases = [e.id for e in self.classes[name].bases if isinstance(e, ast.Name) and e.id in self.plans and not self.plans[e.id].blocked]
            mates = [n for n, p in self.plans.items() if n != name and set(p.mixins) & set(plan.mixins)]
            plan.after = bases + mates
        for name, cls in self.classes.items():  # source order: a base's facts before its subclasses'
            facts = self.facts[name]
            if facts.component:
                ported = name in self.plans and not self.plans[name].blocked
                facts.gone = tuple(sorted({*facts.moved, *(m for m in LEGACY_CLASS_READS if self._lacks(cls, m, ported))}))
                facts.name = self._flavor_name(cls)

    def _lacks(self, cls: ast.ClassDef, member: str, ported: bool) -> bool:
        """Does ``cls`` (as this run leaves it: ``ported`` or as written) lack ``member`` on ZenML 0.20?
        Only when every base is known to lack it (a zenml component class, from the real wheels'
        members; a class of the user's with its facts); a port takes ``TYPE`` off the class body."""
        from zenml_migrate.rules import signatures

        if not cls.bases or (not ported and member in defined_names(cls)):
            return False
        for expr in cls.bases:
            if isinstance(expr, ast.Name) and expr.id in self.classes:
                facts = self.facts.get(expr.id)
                if facts is None or (member not in facts.gone if facts.component else member in defined_names(self.classes[expr.id])):
                    return False
                continue
            path = self.names.resolve(expr)
            if path is not None and path in self.components:
                if signatures.member_problem(path, member) is None:
                    return False
                continue
            facts = self.names.facts(expr)
            if facts is None or not facts.component or member not in facts.gone:
                return False  # a base whose members are not known may define it
        return True

    # ------------------------------------------------------------ what each class is
    def is_class(self, expr: ast.expr) -> bool:
        """Does ``expr`` name a class (a 0.20 ``FLAVOR = XFlavor``), not a string constant?"""
        if isinstance(expr, ast.Name) and expr.id in self.classes:
            return True
        last = dotted_name(expr).rpartition(".")[2]
        value = self.names.resolve(expr) or self.names.project_key(expr) or ""
        if value:
            last = value.rpartition(".")[2]
        return last[:1].isupper() and not last.isupper()  # ``XFlavor``, not ``X_FLAVOR``

    def component_root(self, name: str) -> Optional[str]:
        """The zenml stack component class the module's class ``name`` derives from, or None."""
        value = self.class_value(name)
        if value and value.endswith("+") and value[:-1] in self.components:
            return value[:-1]
        return None

    def _classify(self, cls: ast.ClassDef) -> None:
        root = self.component_root(cls.name)
        if root is None:
            self.facts[cls.name] = Facts(component=False, reads=tuple(sorted(undefined_reads(cls))))
            return
        site = needs_port(cls, self.classes, self.is_class)
        if site is None and self._old_hooks(cls, root) and self._ported_subclass(cls):
            site = name_node(cls)
        if site is not None:
            plan = self._plan(cls)
            if plan is not None:
                self.plans[cls.name] = plan
                self.sites[cls.name] = site
                plan.root = root
                self.facts[cls.name] = plan.facts()
                return
        self.facts[cls.name] = self._as_is(cls, root)

    def _old_hooks(self, cls: ast.ClassDef, root: str) -> List[str]:
        """Does ``cls`` (no ``FLAVOR``, no fields: not in the 0.13.2 shape ``needs_port`` ports) override
        a hook 0.20 calls with other parameters (``prepare_pipeline_deployment(self, pipeline, stack,
        runtime_configuration)``: 0.20 calls it with ``deployment=``, ``stack=``, a TypeError) while not
        in the 0.20 shape? Those hooks, as ``name(old parameters)``."""
        if any(target_name(s) == "FLAVOR" for s in cls.body) or looks_ported(cls, self.classes):
            return []
        type_ = self.components.get(root, {}).get("type")
        out = []
        for func in methods(cls):
            hook = self._hook(func.name, type_)
            old = [a.arg for a in func.args.args[1:]]
            if hook and hook.get("signature") and old != [_param_name(a) for a in _params(hook["signature"])]:
                out.append(f"{func.name}({','.join(old)})")
        return out

    def _ported_subclass(self, cls: ast.ClassDef) -> bool:
        """Does a class of this module the run ports (``needs_port``) derive from ``cls``, directly or
        through other classes of the module? Its port inherits ``cls``'s hooks, which ZenML 0.20 calls
        with the 0.20 parameters: ``cls`` is ported with it (adapting them), else it is left as written
        (a class nothing here registers: its own member reads and calls are judged, ZM003/ZM004)."""
        def derives(other: ast.ClassDef, seen: Set[str]) -> bool:
            for expr in other.bases:
                if isinstance(expr, ast.Name) and expr.id in self.classes and expr.id not in seen:
                    seen.add(expr.id)
                    if expr.id == cls.name or derives(self.classes[expr.id], seen):
                        return True
            return False

        return any(other is not cls and derives(other, set()) and needs_port(other, self.classes, self.is_class) is not None
                   for other in self.classes.values())

    def _flavor_name(self, cls: ast.ClassDef) -> str:
        """The name ``cls`` registers under, when written as a literal: its ``FLAVOR`` string (the
        ``name`` of the ``<Name>Flavor`` the port writes) or what its ``<Name>Flavor``'s ``name`` returns."""
        stmt = flavor_statement(cls, self.is_class)
        values = [stmt.value] if stmt is not None else []
        flavor = self.classes.get(f"{cls.name}Flavor")
        for func in methods(flavor) if flavor is not None else ():
            if func.name == "name":
                values.extend(n.value for n in ast.walk(func) if isinstance(n, ast.Return) and n.value is not None)
        names = {v.value for v in values if isinstance(v, ast.Constant) and isinstance(v.value, str)}
        name = names.pop() if len(names) == 1 and all(isinstance(v, ast.Constant) for v in values) else ""
        return name if re.fullmatch(r"[A-Za-z0-9_.-]+", name) else ""

    def _as_is(self, cls: ast.ClassDef, root: str) -> Facts:
        """A component class with nothing to port (0.20 shape, or no fields of its own)."""
        config = port_config(cls, self.classes)
        base = self._base(cls)
        fields = set(base.fields) if base else set()
        if config is not None:
            fields |= set(own_fields(config))
        reads = undefined_reads(cls) - fields - COMPONENT_ATTRIBUTES
        entry = self.components.get(root, {})
        lacks: Set[str] = set()
        if config is not None and "__getattr__" not in defined_names(cls):
            lacks = set(own_fields(config)) - defined_names(cls) - COMPONENT_ATTRIBUTES
        return Facts(config=config is not None, flavor=f"{cls.name}Flavor" in self.classes, fields=tuple(sorted(fields)),
                     known=base is not None, type=entry.get("type"), reads=tuple(sorted(reads)), root=root,
                     lacks=tuple(sorted(lacks)), hooks=tuple(self._kept_old_hooks(cls, root)))

    def _kept_old_hooks(self, cls: ast.ClassDef, root: str) -> List[str]:
        """The old hooks (``_old_hooks``) ``cls`` has as written: its own, and those of its bases
        (their facts) it does not override."""
        out = self._old_hooks(cls, root)
        own = {m.name for m in methods(cls)}
        for _, facts in self._base_facts(cls):
            out += [h for h in facts.hooks if h.partition("(")[0] not in own and h not in out]
        return out

    def _base_facts(self, cls: ast.ClassDef) -> List[Tuple[ast.expr, Facts]]:
        """``(base, its facts)`` of the bases of ``cls`` that are component classes of the project
        (this module's or another's)."""
        out = []
        for expr in cls.bases:
            local = expr.id if isinstance(expr, ast.Name) and expr.id in self.classes else None
            facts = self.facts.get(local) if local else self.names.facts(expr)
            if facts is not None and facts.component:
                out.append((expr, facts))
        return out

    # ------------------------------------------------------------ the base
    def _base(self, cls: ast.ClassDef, todo: Optional[Callable[[str], None]] = None) -> Optional[Base]:
        for expr in cls.bases:
            local = expr.id if isinstance(expr, ast.Name) and expr.id in self.classes else None
            if local is not None:
                facts = self.facts.get(local)
                if facts is None or not facts.component:
                    continue
                return self._from_facts(local, facts, ClassRef, expr, todo)
            path = self.names.resolve(expr)
            if path is None:
                continue
            entry = self.components.get(path)
            if entry is not None:
                impl = entry["implementation"] if entry["implementation"] != path else None
                return Base(
                    config=_zenml_ref(entry["config"]), flavor=_zenml_ref(entry["flavor"]), type=entry["type"],
                    fields=set(entry["config_fields"]) | set(entry.get("legacy_fields") or ()) - KEEP_ON_COMPONENT,
                    members=set(entry.get("config_members") or ()), impl=impl, expr=ast.unparse(expr),
                    flavor_attr=bool(entry.get("flavor_attr")),
                )
            if path.endswith("+") and path[:-1] in self.components:
                facts = self.names.facts(expr)
                name = dotted_name(expr)
                origin = self.names.origin(expr) or ""
                if origin and origin != self.names.project_key(expr):  # a re-export: ``<X>Config`` is in the defining module
                    refs = lambda n: ClassRef(n, module=origin.rpartition(".")[0])  # noqa: E731
                elif "." in name:
                    refs = lambda n: ClassRef(n, prefix=name.rpartition(".")[0] + ".")  # noqa: E731
                else:
                    refs = lambda n: ClassRef(n, beside=name)  # noqa: E731
                if facts is not None and facts.component:
                    return self._from_facts(name.rpartition(".")[2], facts, refs, expr, todo)
                root = self.components[path[:-1]]
                if todo is not None:
                    todo(f"`{name}` {self.names.unread(expr)}, so its config fields are not known: "
                         f"the Config derives from `{root['config'].rpartition('.')[2]}`; if `{name}` has config fields, "
                         f"derive it from `{name}Config` once `{name}` is ported (`migrate code --fix` on its module)")
                return self._zenml_base(root, known=False)
        return None

    def _zenml_base(self, entry: dict, known: bool = True) -> Base:
        return Base(config=_zenml_ref(entry["config"]), flavor=_zenml_ref(self._type_flavor(entry["type"])),
                    type=entry["type"], fields=set(entry["config_fields"]), known=known,
                    members=set(entry.get("config_members") or ()), flavor_attr=bool(entry.get("flavor_attr")))

    def _type_flavor(self, type_: Optional[str]) -> str:
        """The Flavor base of a component type (``BaseOrchestratorFlavor``; ``Flavor`` for StackComponent)."""
        for path, entry in self.components.items():
            if entry["type"] == type_ and path.rpartition(".")[2].startswith("Base"):
                return entry["flavor"]
        return "zenml.stack.flavor.Flavor"

    def _type_entry(self, type_: Optional[str]) -> dict:
        for path, entry in self.components.items():
            if entry["type"] == type_ and (path.rpartition(".")[2].startswith("Base") or type_ is None):
                return entry
        return {}

    def _from_facts(self, name: str, facts: Facts, ref, expr, todo) -> Base:
        entry = self._type_entry(facts.type)
        if facts.left and facts.root in self.components:
            # the class stays as it is: the port builds on what it derives from in ZenML 0.20
            entry = self.components[facts.root]
            base = Base(config=_zenml_ref(entry["config"]), flavor=_zenml_ref(entry["flavor"]), type=entry["type"],
                        fields=set(), members=set(entry.get("config_members") or ()), known=False,
                        flavor_attr=bool(entry.get("flavor_attr")))
        else:
            base = None
        if facts.left and todo is not None:
            config = entry.get("config", "zenml.stack.stack_component.StackComponentConfig").rpartition(".")[2]
            how = "`migrate code --fix` on its module" if facts.left == LEFT_OUTSIDE_RUN else "by hand"
            todo(f"`{name}` is not ported by this run ({facts.left}): this Config derives from `{config}`, without "
                 f"the fields of `{name}`; once `{name}` is ported ({how}), derive this Config from its Config class")
        if base is not None:
            return base
        config = ref(f"{name}Config") if facts.config else _zenml_ref(entry.get("config", "zenml.stack.stack_component.StackComponentConfig"))
        flavor = ref(f"{name}Flavor") if facts.flavor else _zenml_ref(self._type_flavor(facts.type))
        return Base(config=config, flavor=flavor, type=facts.type, fields=set(facts.fields), known=facts.known,
                    members=set(entry.get("config_members") or ()), flavor_attr=bool(entry.get("flavor_attr")),
                    exact=facts.exact)

    # ------------------------------------------------------------ one class
    def _plan(self, cls: ast.ClassDef) -> Optional[Plan]:
        class_todos: List[str] = []
        base = self._base(cls, todo=class_todos.append)
        if base is None:
            return None
        flavor = flavor_statement(cls, self.is_class)
        plan = Plan(cls.name, base, has_flavor=flavor is not None, fields=set(base.fields), to_config=set(),
                    config_reads=set(), known=base.known)
        for text in class_todos:
            plan.todo(("", 0), text)
        taken = [n for n in (f"{cls.name}Config", f"{cls.name}Flavor") if self.names.bound(n)]
        if taken:
            plan.blocked = (f"the module already has {' and '.join(f'`{n}`' for n in taken)}: name the new classes "
                            "yourself (or rename that one) and split the class by hand")
        if not base.exact:
            plan.unsafe.append("its base class is ported only with --unsafe-fixes")
        own = {m.name for m in methods(cls)}
        for expr, facts in self._base_facts(cls):
            for hook in facts.hooks:
                name, _, old = hook.partition("(")
                sig = (self._hook(name, base.type) or {}).get("signature", "")
                if name not in own:
                    plan.todo(("", 0), (
                        f"`{dotted_name(expr)}.{name}` keeps its 0.13.2 parameters ({', '.join(f'`{a}`' for a in old.rstrip(')').split(',') if a)}); "
                        f"ZenML 0.20 calls `{name}(self, {sig})` on this class (TypeError): give it the 0.20 parameters "
                        f"there, or override `{name}` here"))
        keys = method_keys(cls)
        has_type = False
        for stmt in cls.body:
            name = target_name(stmt)
            if name == "TYPE":
                has_type = True
                continue
            if name == "FLAVOR" or (isinstance(stmt, ast.ClassDef) and stmt.name == "Config"):
                continue
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self._method(cls, stmt, keys[id(stmt)], plan)
            elif name is not None and name in base.members:
                plan.to_config.add(name)
            elif is_field(stmt):
                plan.to_config.add(name)
                plan.fields.add(name)
        clashes = sorted(_set_by_020_init(cls, plan.to_config))
        if clashes:
            plan.unsafe.append(f"the class sets {', '.join(f'`{n}`' for n in clashes)} itself")
            plan.todo(("", 0), (
                f"{', '.join(f'`self.{n}`' for n in clashes)}: ZenML 0.20's `StackComponent.__init__` sets "
                f"{'it' if len(clashes) == 1 else 'them'} (`_config` holds the component's config, read by the `config` "
                "property): rename your attribute, or every read of the config gets your value"))
        if base.type is None and not has_type:
            plan.todo(("", 0), f"`{cls.name}Flavor.type` must return the component's `StackComponentType`")
        moved = {m for m in plan.to_config if m not in plan.fields}
        plan.config_reads = plan.fields | moved | (base.members - COMPONENT_ATTRIBUTES - defined_names(cls))
        for func in methods(cls):
            self._reads(cls, func, keys[id(func)], plan)
        if not base.known:
            unknown = self._leftover_reads(cls, plan)
            if unknown:
                plan.todo(("", 0), (
                    f"{', '.join(f'`self.{a}`' for a in sorted(unknown))}: defined in a base class whose config fields "
                    "are not known here; where one is a config field there, read it as `self.config.<field>`"))
        return plan

    def _method(self, cls: ast.ClassDef, func, key: TODO_KEY, plan: Plan) -> None:
        decorators = decorator_names(func)
        if any(d in PYDANTIC_VALIDATORS for d in decorators):
            plan.to_config.add(func.name)
            if imports_inside(func):
                plan.todo(("", 0), (
                    f"validator `{func.name}` imports a library inside: it now runs whenever the Config is loaded "
                    "(also by `zenml flavor register`, where that library may be missing); move the check into the "
                    "implementation (e.g. its `validator` property) if it must not run there"))
            me = self_name(func) or "cls"
            reads, _, calls = attribute_uses(func, me)
            constants = {name for name in reads | calls if name in _class_constants(cls)}
            plan.to_config |= constants  # what the validator reads on its class goes with it
            if "FLAVOR" in reads:
                plan.todo(("", 0), (
                    f"validator `{func.name}` reads `{me}.FLAVOR`: it runs on `{cls.name}Config` in ZenML 0.20, "
                    "which has no flavor; write the flavor name there"))
            return
        if func.name in plan.base.members and func.name not in ("__init__",):
            me = self_name(func)
            reads = attribute_uses(func, me)[0] if me else set()
            foreign = reads - plan.fields - plan.base.members - _own_members(cls, plan)
            if foreign:
                plan.todo(key, (
                    f"`{func.name}` belongs to the Config in ZenML 0.20 (ZenML reads `component.config.{func.name}`), "
                    f"but it reads {', '.join(f'`{me}.{a}`' for a in sorted(foreign))}, which the Config does not have: "
                    "compute it from config fields only and move it into the Config"))
            else:
                plan.to_config.add(func.name)
            return
        if func.name == "__init__":
            extra = [a.arg for a in (*func.args.args[1:], *func.args.kwonlyargs)]
            if extra:
                plan.todo(key, (
                    f"`__init__` took {', '.join(extra)}: in ZenML 0.20 a component is built from its config "
                    "(read `self.config.<field>` after `super().__init__(*args, **kwargs)`)"))
            kwargs = func.args.kwarg.arg if func.args.kwarg else None
            if kwargs and _uses_outside_super(func, kwargs):
                plan.todo(key, (
                    f"`__init__` reads or changes `{kwargs}`: in ZenML 0.20 they are not the configuration values "
                    f"(`name`, `id`, `config`, ...); read `self.config.<field>` after `super().__init__(*args, **{kwargs})`"))
        hook = self._hook(func.name, plan.base.type)
        if hook is not None:
            self._adapt_hook(func, key, hook, plan)

    def _reads(self, cls: ast.ClassDef, func, key: TODO_KEY, plan: Plan) -> None:
        if func.name in plan.to_config:
            return
        me = self_name(func)
        if me is None:
            return
        reads, writes, calls = attribute_uses(func, me)
        classmethod = "classmethod" in decorator_names(func)
        constructed = _constructed(func, {*((me,) if classmethod else ()), cls.name}, plan.fields)
        for made, keywords in sorted(constructed.items()):
            plan.todo(key, (
                f"`{made}({', '.join(f'{k}=...' for k in keywords)})`: a ZenML 0.20 stack component is built by ZenML "
                f"from its config (`{cls.name}Config({keywords[0]}=...)`, registered with `zenml <type> register`): its "
                "`__init__` takes name, id, config, flavor, type, user, project, created, updated, not the fields"))
        own = {s.name for s in methods(cls)}
        for member, why in sorted(self._gone_base_members(cls, plan, func, me).items()):
            plan.todo(key, why)
        for why in self._inherited_calls(cls, plan, func, me):
            plan.todo(key, why)
        if classmethod:
            if "FLAVOR" in reads and plan.base.flavor_attr:  # else the port keeps the ``FLAVOR`` string
                plan.todo(key, f"`{me}.FLAVOR`: ZenML 0.20 has the flavor name in `{cls.name}Flavor().name` "
                               "(and `self.flavor` on a component)")
            for text in _other_uses(func, me, plan.to_config, own, cls.name, classmethod=True):
                if not (me in constructed and text.startswith(f"`{me}(...)`")):  # named above with its keywords
                    plan.todo(key, text)
            return
        for text in _other_uses(func, me, plan.to_config, own, cls.name, classmethod=False):
            plan.todo(key, text)
        for text in _indirect_uses(func, me, plan.config_reads, plan.fields, self.names.bound):
            plan.todo(key, text)
        for f in sorted(writes & plan.fields):
            plan.todo(key, f"`{me}.{f}` is assigned here: in ZenML 0.20 it is a config field (`{me}.config.{f}`), "
                           "set when the component is registered; keep run-time state in another attribute")
        for pyd in sorted(calls & PYDANTIC_METHODS):
            plan.todo(key, f"`{me}.{pyd}()` was pydantic behaviour of the component: in ZenML 0.20 use "
                           f"`{me}.config.{pyd}()` (the config fields only) or build the value yourself")

    def _gone_base_members(self, cls: ast.ClassDef, plan: Plan, func, me: str) -> Dict[str, str]:
        """``{member: TODO text}`` for ``me.X`` / ``super().X`` in ``func`` where ``X`` is a member the
        0.13.2 zenml base had and the 0.20 class the port derives from has not (``get_upstream_step_names``,
        ``runtime_options``, ``prepare_pipeline_run``, ...: AttributeError on 0.20; ``gone_base_members``).
        What the port rewrites or already names (config fields and members, ``FLAVOR``/``TYPE``/``uuid``,
        ``dict()``/``json()``/``copy()``) and what the class (for ``super()``: a base) of this module
        defines are left out. Nothing where a base's members are not known."""
        from zenml_migrate.scan import component_members, zenml_signatures as sigs

        root = plan.root or self.component_root(cls.name) or ""  # (``_classify`` sets ``plan.root`` after planning)
        impl = plan.base.impl or (self.components.get(root) or {}).get("implementation") or root
        gone = gone_base_members(root, plan.base.type, impl) if self._members_known(cls) else {}
        if not gone:
            return {}
        mine, above = set(), set()  # ``me.X``, ``super().X``
        for node in ast.walk(func):
            if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load):
                value = node.value
                if isinstance(value, ast.Name) and value.id == me:
                    mine.add(node.attr)
                elif isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "super":
                    above.add(node.attr)
        handled = plan.config_reads | set(component_members.renamed()) | PYDANTIC_METHODS | COMPONENT_ATTRIBUTES
        inherited = self._inherited(cls)
        used = {(me, m) for m in mine - defined_names(cls) - inherited} | {("super()", m) for m in above - inherited}
        shown = impl.rpartition(".")[2]
        out = {}
        for who, member in sorted(used):
            if member not in gone or member in handled:
                continue
            hook = self._hook(member, plan.base.type)
            instead = hook.get("removed") if hook else _GONE_INSTEAD.get(member)
            lacking = gone[member]
            where = "ZenML 0.20" if lacking == sigs.VERSIONS else f"ZenML {' and '.join(lacking)}"
            out[member] = (f"`{who}.{member}`: the 0.13.2 base had it, {where}'s `{shown}` has no `{member}` (AttributeError)"
                           + (f": {instead}" if instead else ""))
        return out

    def _inherited_calls(self, cls: ast.ClassDef, plan: Plan, func, me: str) -> List[str]:
        """TODO texts for ``me.X(...)`` / ``super().X(...)`` in ``func`` calling a method ``X`` of the 0.20 class
        the port derives from (no class of this module between defines it) with arguments its 0.20 signature
        rejects: ``self.run_step(step=..., run_name=..., pb2_pipeline=...)`` in an orchestrator, TypeError on
        0.20 (review24 G3; the signatures of the real wheels, ``rules/signatures.call_problems``)."""
        from zenml_migrate.rules import signatures

        if "classmethod" in decorator_names(func) or not self._members_known(cls):
            return []
        root = plan.root or self.component_root(cls.name) or ""
        impl = plan.base.impl or (self.components.get(root) or {}).get("implementation") or root
        inherited = self._inherited(cls)
        out = []
        for node in ast.walk(func):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            value, member = node.func.value, node.func.attr
            if isinstance(value, ast.Name) and value.id == me and member not in defined_names(cls) | inherited:
                who = me
            elif isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "super" \
                    and member not in inherited:
                who = "super()"
            else:
                continue
            if member == func.name and self._hook(member, plan.base.type) is not None:
                continue  # ``super().<hook>(...)`` in the hook the port adapts: its TODO says what the old arguments became
            for _, _, message in signatures.call_problems(f"{impl}().{member}", node, set()):
                out.append(f"`{who}.{member}(...)`: {message}")
        return list(dict.fromkeys(out))

    def _inherited(self, cls: ast.ClassDef) -> Set[str]:
        """What the classes of this module ``cls`` derives from define."""
        return set().union(*(self._defined_in_mro(self.classes[e.id]) for e in cls.bases
                             if isinstance(e, ast.Name) and e.id in self.classes and self.classes[e.id] is not cls))

    def _members_known(self, cls: ast.ClassDef, below: FrozenSet[int] = frozenset()) -> bool:
        """Is every base of ``cls`` a zenml class or a class of this module whose bases are known
        too? ``below``: the classes (ids) this one is a base of, on the way here: a base among them
        is a cycle of the class table (``class Mine(Base)`` then ``class Base(Mine)``: the table holds
        the last ``Base``), not known."""
        below = below | {id(cls)}
        for expr in cls.bases:
            if isinstance(expr, ast.Name) and expr.id in self.classes:
                base = self.classes[expr.id]
                if id(base) in below or not self._members_known(base, below):
                    return False
            elif self.names.resolve(expr) is None:
                return False
        return True

    def _defined_in_mro(self, cls: ast.ClassDef, seen: Optional[Set[int]] = None) -> Set[str]:
        """The names ``cls`` and its bases of this module define (each class once: a cycle of
        rebound names ends)."""
        seen = set() if seen is None else seen
        seen.add(id(cls))
        out = defined_names(cls)
        for expr in cls.bases:
            if isinstance(expr, ast.Name) and expr.id in self.classes and id(self.classes[expr.id]) not in seen:
                out |= self._defined_in_mro(self.classes[expr.id], seen)
        return out

    def _leftover_reads(self, cls: ast.ClassDef, plan: Plan) -> Set[str]:
        """What a ported class's own methods still read as ``self.<x>`` without defining it
        (a template method reading a field its subclasses declare)."""
        return undefined_reads(cls) - plan.config_reads - COMPONENT_ATTRIBUTES - set(plan.base.members)

    # ------------------------------------------------------------ hooks
    def _hook(self, name: str, type_: Optional[str]) -> Optional[dict]:
        for spec in (self.hooks.get(type_ or "", {}).get(name), self.hooks.get("*", {}).get(name)):
            if spec:
                return spec
        return None

    def _adapt_hook(self, func, key: TODO_KEY, hook: dict, plan: Plan) -> None:
        name = func.name
        if hook.get("removed"):
            plan.todo(key, f"`{name}` is never called by ZenML 0.20: {hook['removed']}")
            return
        old = [a.arg for a in func.args.args[1:]]
        new_names = [_param_name(a) for a in _params(hook["signature"])]
        if old == new_names:
            return  # already the 0.20 signature
        new_sig, kept, dropped = _signature_keeping(func, hook, new_names)
        for arg in dropped:
            plan.todo(key, (
                f"`{arg}` (no default) is no parameter of `{name}` in ZenML 0.20, which calls `{name}(self, "
                f"{hook['signature']})`: it is left out (pass what it carried another way: your own callers that pass it fail)"))
        loads, stores = names_in(ast.Module(body=func.body, type_ignores=[]))
        shadowed = {n for n in new_names if n in stores and n not in old}  # the body's own local of that name
        if shadowed:
            plan.unsafe.append(f"`{name}` binds {', '.join(f'`{n}`' for n in sorted(shadowed))} itself")
            plan.todo(key, (
                f"`{name}` binds {', '.join(f'`{n}`' for n in sorted(shadowed))} itself, the name of a parameter ZenML 0.20 "
                f"passes (`{name}(self, {hook['signature']})`): rename your local, then read the old arguments from the parameter"))
        exact: Dict[str, str] = {}
        members: Dict[str, Dict[str, str]] = {}
        notes: List[str] = []
        for arg in old:
            became = hook["args"].get(arg)
            if arg in new_names and (became is None or became.get("expr") == arg):
                continue  # same name, same meaning
            if arg not in loads or arg in kept or arg in dropped:
                continue  # unused, kept as the user's own parameter, or said above: nothing to carry over
            if became is not None and _reads_any(became, shadowed):
                notes.append(f"`{arg}`: {became.get('note') or became.get('expr') or 'see the 0.20 signature'}")
            elif became is not None and "expr" in became and arg not in stores:
                exact[arg] = became["expr"]
            elif became is not None and arg not in stores and _only_member_reads(func, arg, became.get("members") or {}):
                members[arg] = dict(became["members"])
            else:
                notes.append(f"`{arg}`: {became['note'] if became else 'no 0.20 equivalent'}")
        plan.hooks[key] = Hook(new_sig, tuple(tuple(i) for i in hook.get("imports", ())), tuple(hook.get("typing", ())), exact, members)
        if hook.get("todo"):
            plan.todo(key, hook["todo"])
        if notes:
            plan.todo(key, f"ZenML 0.20 calls `{name}(self, {hook['signature']})`; what the old arguments became:\n" + "\n".join(notes))

    # ------------------------------------------------------------ mixins and chains
    def _mixins(self) -> None:
        """A plain class of this module mixed into ported components reads their fields as
        ``self.<field>``: rewritten to ``self.config.<field>`` in it when every class it is mixed
        into here is a ported component with those fields; else a TODO on each port."""
        users: Dict[str, List[str]] = {}
        for cls in self.classes.values():
            for expr in cls.bases:
                if isinstance(expr, ast.Name) and expr.id in self.classes and not self.facts[expr.id].component:
                    users.setdefault(expr.id, []).append(cls.name)
        for mixin, names in users.items():
            reads = set(self.facts[mixin].reads)
            ported = [self.plans[n] for n in names if n in self.plans]
            relevant = reads & set().union(*(p.fields for p in ported)) if ported else set()
            if not relevant:
                continue
            if len(ported) == len(names) and all(relevant <= p.fields for p in ported):
                for plan in ported:
                    plan.mixins[mixin] = relevant
                self.facts[mixin] = Facts(component=False, reads=tuple(sorted(relevant)), rewritten=True)
            else:
                for plan in ported:
                    self._forward(plan, mixin, relevant & plan.fields)
        for plan in self.plans.values():
            cls = self.classes[plan.name]
            for expr in cls.bases:
                if isinstance(expr, ast.Name) and expr.id in self.classes:
                    continue
                facts = self.names.facts(expr)
                if facts is None and self.names.project_key(expr) is not None:
                    plan.todo(("", 0), (
                        f"`{dotted_name(expr)}` {self.names.unread(expr)}: where "
                        "it reads a config field of this component as `self.<field>`, read it as `self.config.<field>`"))
                    continue
                if facts is None or facts.component:
                    continue
                mine = set(facts.reads) & plan.fields
                if facts.rewritten and set(facts.reads) - plan.fields:
                    plan.todo(("", 0), f"`{dotted_name(expr)}` reads {', '.join(f'`self.config.{r}`' for r in sorted(set(facts.reads) - plan.fields))}, "
                                       f"which `{plan.name}Config` does not have: add the field(s) to it")
                elif not facts.rewritten and mine:
                    self._forward(plan, dotted_name(expr), mine)

    def _forward(self, plan: Plan, mixin: str, fields: Set[str]) -> None:
        """``mixin`` stays as it is and reads ``fields`` of the ported class as ``self.<field>``: the
        implementation forwards each to ``self.config.<field>`` (a property), where the class ZenML 0.20
        implements it with has no member of that name in any 0.20 release (a property would hide it, or
        break the ``self.<name> = ...`` of ZenML's ``__init__``) and the class assigns no ``self.<field>``
        (a property has no setter); a TODO for the rest."""
        from zenml_migrate.scan.zenml_signatures import VERSIONS, missing_member

        impl = self.components.get(plan.root, {}).get("implementation", "")
        cls = self.classes[plan.name]
        written = set().union(*(attribute_uses(f, self_name(f))[1] for f in methods(cls) if self_name(f)))
        can = {f for f in fields if impl and not f.startswith("_") and f not in SET_BY_020_INIT | written
               and (missing_member(impl, f) or ((), None))[0] == tuple(VERSIONS)}
        plan.forwards |= can
        if fields - can:
            plan.todo(("", 0), _mixin_todo(mixin, sorted(fields - can)))

    def _propagate(self) -> None:
        """A port that builds on another port of this module (its base, a shared mixin) is exact
        only when that one is: all of them are written at the same fix level."""
        changed = True
        while changed:
            changed = False
            for plan in self.plans.values():
                if not plan.exact:
                    continue
                cls = self.classes[plan.name]
                local = [e.id for e in cls.bases if isinstance(e, ast.Name) and e.id in self.plans and not self.plans[e.id].blocked]
                shared = [p for p in self.plans.values() if p is not plan and set(p.mixins) & set(plan.mixins)]
                if any(not self.plans[n].exact for n in local) or any(not p.exact for p in shared):
                    plan.unsafe.append("it builds on a port of this module that needs --unsafe-fixes")
                    changed = True


# the instance attributes ZenML 0.20's ``StackComponent.__init__`` sets (0.20.0 and 0.20.5), and the
# ``config`` property the port writes: a ported class that sets one itself overwrites ZenML's (review24 G15)
SET_BY_020_INIT = frozenset({"_config", "config", "id", "flavor", "type", "user", "project", "created", "updated"})


def _set_by_020_init(cls: ast.ClassDef, to_config: Set[str]) -> Set[str]:
    """The names of ``SET_BY_020_INIT`` the class declares in its body or assigns on ``self``; a
    body field the port moves into the config (``to_config``: its reads become ``self.config.<name>``)
    is no clash."""
    declared = ({target_name(stmt) for stmt in cls.body} - to_config) & SET_BY_020_INIT
    for func in methods(cls):
        me = self_name(func)
        if me:
            declared |= attribute_uses(func, me)[1] & SET_BY_020_INIT
    return declared


def _reads_any(became: dict, names: Set[str]) -> bool:
    """Does what an old hook argument became (``expr``, or its ``members``' expressions) start
    with one of ``names``?"""
    exprs = [became.get("expr") or "", *(became.get("members") or {}).values()]
    return any(e.split(".")[0].split("[")[0] in names for e in exprs if e)


def _params(signature: str) -> List[str]:
    """The parameters of a hook's 0.20 signature text (``"info: StepRunInfo, entrypoint_command: List[str]"``;
    the catalog's signatures hold no comma inside an annotation)."""
    return [a.strip() for a in signature.split(",") if a.strip()]


def _param_name(param: str) -> str:
    """``name`` of ``"name: Annotation = default"``."""
    return param.split(":")[0].split("=")[0].strip()


def _signature_keeping(func, hook: dict, new_names: List[str]) -> Tuple[str, Set[str], List[str]]:
    """The 0.20 parameters of a ported hook, keeping what the user's own calls rely on: the
    default of an old parameter that one of the new ones takes over (``config=None`` ->
    ``params: Optional[...] = None``: ZenML passes every 0.20 parameter, the user's callers may
    not) and the user's extra parameters that have a default (ZenML never passes them) or
    ``*args``/``**kwargs``. Returns the signature, the user's parameters it keeps, and the extra
    parameters without a default, which are left out (ZenML's own call would fail with them)."""
    parts = _params(hook["signature"])
    args = func.args
    positional = list(args.args[1:])
    defaults = dict(zip([a.arg for a in positional[len(positional) - len(args.defaults):]], args.defaults))
    defaults.update({a.arg: d for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None})
    taken: Dict[int, ast.expr] = {}
    extra: Dict[bool, List[str]] = {False: [], True: []}  # keyword-only or not -> kept parameters
    dropped: List[str] = []
    for a in [*positional, *args.kwonlyargs]:
        became = hook["args"].get(a.arg)
        target = a.arg if a.arg in new_names else (became or {}).get("expr")
        if target in new_names:
            if a.arg in defaults:
                taken[new_names.index(target)] = defaults[a.arg]
        elif became is None and a.arg in defaults:
            annotation = f": {ast.unparse(a.annotation)}" if a.annotation is not None else ""
            extra[a in args.kwonlyargs].append(f"{a.arg}{annotation} = {ast.unparse(defaults[a.arg])}")
        elif became is None:
            dropped.append(a.arg)
    # a default only where every later 0.20 parameter has or gets one (else the signature is invalid)
    first = len(parts)
    while first > 0 and ("=" in parts[first - 1] or first - 1 in taken):
        first -= 1
    parts[first:] = [p if "=" in p else f"{p} = {ast.unparse(taken[i])}" for i, p in enumerate(parts[first:], first)]
    parts.extend(extra[False])
    if args.vararg is not None:
        parts.append(f"*{args.vararg.arg}")
    elif extra[True]:
        parts.append("*")
    parts.extend(extra[True])
    if args.kwarg is not None:
        parts.append(f"**{args.kwarg.arg}")
    kept = {a.arg for a in (args.vararg, args.kwarg) if a is not None}
    kept |= {_param_name(a) for a in extra[False] + extra[True]}
    return ", ".join(parts), kept, dropped


def _class_constants(cls: ast.ClassDef) -> Set[str]:
    """Class-level names of the body that are not fields (``ClassVar``s, UPPER_CASE constants)."""
    return {target_name(s) for s in cls.body if target_name(s) and not is_field(s) and target_name(s) not in ("FLAVOR", "TYPE")}


def _uses_outside_super(func, name: str) -> bool:
    """Is ``name`` used in ``func``'s body other than as ``**name`` of its ``super().__init__(...)``?"""
    for stmt in func.body:
        call = stmt.value if isinstance(stmt, ast.Expr) else None
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "__init__":
            args = [*call.args, *(k.value for k in call.keywords)]
            if all(isinstance(a, (ast.Name, ast.Starred)) for a in args):
                continue  # super().__init__(*args, **kwargs): rewritten by the port
        if any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(stmt)):
            return True
    return False


def _own_members(cls: ast.ClassDef, plan: Plan) -> Set[str]:
    return {target_name(s) for s in cls.body if target_name(s) in plan.base.members}


def _mixin_todo(mixin: str, fields: List[str]) -> str:
    reads = ", ".join(f"`self.{f}`" for f in fields)
    return (f"`{mixin}` reads {reads}: config fields of this component in ZenML 0.20; read them there as "
            "`self.config.<field>` (every class it is mixed into must then be a ported component)")


# ------------------------------------------------------------------------------- the detector's side
CODEMOD = "flavors:PortComponent"  # the rules whose fix this plan is (they carry its data)


def _port_rule(detector):
    """The rule carrying the port's data: the selected one, else the catalog's (what the port does is
    what other rules judge a module by, ZM426's reads, the ``self`` of a ported class: a selection
    without ZM409 must not change what they find)."""
    return next((rule for rule in detector.index.rules if rule.codemod == CODEMOD), ZM409)


def port_selected(detector) -> bool:
    """Does the run's selection write the ports (a rule of it carries the port's fix)?"""
    return any(rule.codemod == CODEMOD for rule in detector.index.rules)


def detector_names(detector) -> Names:
    """``Names`` answered by a scan detector's tables (module scope)."""
    from zenml_migrate.scan import detect

    scope = detector.module_scope

    def resolve(expr: ast.expr) -> Optional[str]:
        value = detector.resolve(expr, scope)
        return detect.canonical(value) if value and value.startswith("zenml") else None

    def project_key(expr: ast.expr) -> Optional[str]:
        if isinstance(expr, ast.Name):
            for binding in scope.bindings.get(expr.id, ()):
                binding = getattr(binding, "value", binding)  # a compat shim's fallback binding
                if getattr(binding, "kind", None) == "project":
                    return binding.extra
            return None
        if isinstance(expr, ast.Attribute):
            base = detector.resolve(expr.value, scope)
            if base and base.startswith(detect.PROJECT_MODULE):
                return f"{base[len(detect.PROJECT_MODULE):]}.{expr.attr}"
        return None

    return Names(resolve, project_key, detector.project.get, detector.module_name, lambda n: n in scope.bindings,
                 lambda m: m in detector.project_modules)


def _module_classes(detector) -> List[ast.ClassDef]:
    out = []
    for bindings in detector.module_scope.bindings.values():
        for binding in bindings:
            if getattr(binding, "kind", None) == "class":
                out.append(binding.node)
    return sorted(out, key=lambda c: (c.lineno, c.col_offset))


def planner_for(detector) -> Optional[ModulePlanner]:
    """The plans of the detector's module (computed once per detector)."""
    cached = getattr(detector, "_component_planner", False)
    if cached is not False:
        return cached
    rule = _port_rule(detector)
    planner = None
    if rule is not None:
        from zenml_migrate.scan import detect

        scope = detector.module_scope

        def class_value(name: str) -> Optional[str]:
            value = detector.lookup(name, scope)
            return detect.canonical(value) if value and value.startswith("zenml") else None

        planner = ModulePlanner(_module_classes(detector), detector_names(detector), class_value,
                                rule.arg("components", {}), rule.arg("hooks", {}))
    detector._component_planner = planner
    return planner


def flavor_site(detector, node: ast.ClassDef) -> Optional[ast.AST]:
    """The node ZM409 flags on ``node`` (a class deriving a stack component), or None."""
    if detector.scope is detector.module_scope:
        planner = planner_for(detector)
        if planner is None or planner.classes.get(node.name) is not node:
            return None
        site = planner.sites.get(node.name)
        if isinstance(site, ast.Name) and site.id == node.name and site.lineno == node.lineno:
            site = planner.sites[node.name] = locate_name(node, detector.lines[node.lineno - 1])
        return site
    stmt = flavor_statement(node, lambda e: True)  # a nested class: only a string literal counts
    if stmt is None:
        return None
    return stmt.target if isinstance(stmt, ast.AnnAssign) else stmt.targets[0]


def export_facts(detector) -> Dict[str, str]:
    """``"<Class>.__port__" -> Facts`` of the module's component classes and of the plain
    classes mixed into them: the cross-file facts a subclass in another module is ported with."""
    out = reexport_facts(detector)
    if not any(getattr(b, "kind", None) == "class" for bs in detector.module_scope.bindings.values() for b in bs):
        return out
    planner = planner_for(detector)
    if planner is None:
        return out
    from zenml_migrate.scan.detect import mixin_facts_of

    mixed = {name for name, _, _ in mixin_facts_of(detector.project, detector.module_name)}
    for name, facts in planner.facts.items():
        if facts.component or facts.reads or (facts == PLAIN and name in mixed and plain_mixin(planner.classes[name])):
            out[name + FACTS] = facts.encode()
    return out


_IDENTITY_CALLS = {"type", "isinstance", "id", "super"}  # what they do with ``self`` reads no field


def plain_mixin(cls: ast.ClassDef) -> bool:
    """Is ``cls`` a class of its own (no bases, decorators or metaclass) whose methods use ``self``
    only to read or call its members (``self.<x>``, ``type(self)``; no ``self`` handed on, returned or written to)?
    Mixed into a ported component reading none of its fields, it needs nothing of the port."""
    if cls.bases or cls.keywords or cls.decorator_list:
        return False
    for func in methods(cls):
        params = func.args.posonlyargs + func.args.args
        if "staticmethod" in decorator_names(func) or not params:
            continue
        me = params[0].arg
        read = {id(n.value) for n in ast.walk(func) if isinstance(n, ast.Attribute) and isinstance(n.ctx, ast.Load)}
        read.update(id(a) for n in ast.walk(func) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                    and n.func.id in _IDENTITY_CALLS for a in n.args)
        for node in ast.walk(func):
            if isinstance(node, ast.Name) and node.id == me and id(node) not in read:
                return False
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)) and node is not func and \
                    me in {a.arg for a in node.args.posonlyargs + node.args.args + node.args.kwonlyargs}:
                return False
    return True


def port_check(detector, node: ast.AST) -> Tuple[Optional[Plan], Optional[str]]:
    """ZM409's fix check: ``(the plan of the port, why not / why only with --unsafe-fixes)`` for
    the finding at ``node`` (no plan: no automatic fix here; a reason with a plan: the port is
    written with --unsafe-fixes only)."""
    planner = planner_for(detector)
    name = next((n for n, site in (planner.sites.items() if planner else ()) if site is node), None)
    if name is None or not isinstance(detector.parent(planner.classes[name]), ast.Module):  # not in an ``if``/``try`` either
        return None, "only a class at module level is ported"
    plan = planner.plans[name]
    if plan.blocked:
        return None, plan.blocked
    if plan.exact:
        return plan, None
    lines = sum(len(t) for t in plan.todos.values())
    if lines:
        return plan, f"the port leaves {lines} TODO line{'s' if lines != 1 else ''} for a human"
    return plan, plan.unsafe[0]


# ------------------------------------------------------------------------------- registration
@dataclass
class SourceCheck:
    """A ``zenml <type> flavor register SOURCE`` whose SOURCE is not a 0.20 Flavor class (or,
    for the release 0.20.0, any class path: ``whole``, the finding's whole message)."""

    why: str
    replacement: Optional[str] = None  # the Flavor class path (None: no automatic fix)
    fix: Optional[str] = None  # "safe" / "unsafe" / None: the level of the port that writes it
    whole: bool = False
    cli: bool = False  # about the command (0.20.0's CLI), not its class path: flagged on the command's words


# checked with the real CLIs: 0.20.0 builds a FlavorModel without name/config_schema (ValidationError)
CLI_NO_CUSTOM_FLAVOR = "0.20.0"
NO_CUSTOM_FLAVOR = ("ZenML 0.20.0's `zenml <type> flavor register` fails for every custom flavor (a bug fixed in 0.20.5): "
                    "use 0.20.5, or on 0.20.0 register `{source}` with `python register_flavor.py {type} {name} {source}` "
                    "(every `migrate profiles CONFIG_DIR --bundle DIR` writes it into DIR){placeholder}")


def flavor_source(source: str, project: Optional[Dict[str, str]]) -> Optional[SourceCheck]:
    """What registering ``source`` (a class path) needs in ZenML 0.20, or None when it is fine
    or not a class path (a variable, a quoted expression). The Flavor class is named as a fix
    only when this run's project index says it exists after the run: the class is ported by
    this run (at the port's fix level) or already has ``<X>Flavor`` next to it."""
    if not _class_path(source):
        return None
    return _flavor_source(source, source.rpartition(".")[2], project)


def register_checks(source: str, project: Optional[Dict[str, str]], target: Optional[str], type_word: str) -> List[SourceCheck]:
    """What ``zenml <type_word> flavor register source`` needs on the release ``target`` (the
    release a fix writes for, ``FixOptions.target``; None: the default): the scan and the fix both
    read this one list. On 0.20.0 the CLI registers no custom flavor: besides the finding on the
    class path (the component class -> its Flavor class, at the port's level), the line gets one
    that no fix removes (a fix that rewrites the path leaves the line failing on 0.20.0); a path
    with no fix gets the 0.20.0 advice in its own message, an already right path only that."""
    if not _class_path(source):
        return []
    check = flavor_source(source, project)
    if target != CLI_NO_CUSTOM_FLAVOR:
        return [check] if check is not None else []
    flavor = check.replacement if check is not None and check.replacement else \
        source if source.endswith("Flavor") else f"{source}Flavor"
    component = flavor[: -len("Flavor")] if flavor.endswith("Flavor") else flavor
    facts = Facts.decode((project or {}).get(component + FACTS))
    known = facts.name if facts is not None else ""
    advice = NO_CUSTOM_FLAVOR.format(
        source=flavor, type=type_word.replace("-", "_"), name=known or "NAME",
        placeholder="" if known else f" (NAME: the flavor's name, what `{flavor.rpartition('.')[2]}().name` returns)")
    if check is None:
        return [SourceCheck(advice, whole=True)]
    if check.fix is None:
        check.why += "; " + advice
        return [check]
    if check.fix != "safe":  # its TODO, when the port is left to --unsafe-fixes, says both (review26 R8)
        check.why += "; " + advice
    return [check, SourceCheck(advice, whole=True, cli=True)]


def _class_path(source: str) -> bool:
    module, _, name = source.rpartition(".")
    return bool(module) and all(p.isidentifier() for p in source.split(".")) and name[:1].isupper()


def _flavor_source(source: str, name: str, project: Optional[Dict[str, str]]) -> Optional[SourceCheck]:
    if name.endswith("Flavor"):
        return None
    new = f"{source}Flavor"
    facts = Facts.decode((project or {}).get(source + FACTS))
    if facts is None:
        return SourceCheck(f"`{name}` is not a component class this run reads; the port of a 0.13.2 component class "
                           f"`{name}` ({ZM409.code}, `migrate code --fix --unsafe-fixes` on its module) writes `{name}Flavor`: "
                           f"register `{new}`")
    if not facts.component:
        return None
    if facts.flavor and not facts.left:
        if facts.ported and not facts.exact:
            return SourceCheck(f"`{new}` is written by the port of `{name}`, which needs --unsafe-fixes", new, "unsafe")
        return SourceCheck(f"register its Flavor class `{new}`", new, "safe")
    why = facts.left or "it has no `FLAVOR`: a base class is not registered"
    return SourceCheck(f"this run does not write the Flavor class of `{name}`: {why}")
