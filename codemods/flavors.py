"""Port a 0.13.2 custom stack component class to the 0.20 Config / implementation / Flavor form.

The flagged node is the ``FLAVOR = "name"`` class attribute of a user subclass of a stack
component. The class becomes three classes, in the shape of ZenML's own port (the S3 artifact
store, the MLflow tracker):

* ``<X>Config(<base Config>)``: the pydantic fields (secret fields included), the validators,
  the inner ``class Config`` and, for artifact stores, ``SUPPORTED_SCHEMES``;
* ``<X>Flavor(<base Flavor>)``: ``name`` (the old ``FLAVOR``), ``config_class`` and
  ``implementation_class`` (the implementation is looked up when the property is read, not
  when the module is imported); ``type`` too when the base is ``StackComponent`` itself;
* ``<X>(<base>)``: the rest, with a typed ``config`` property, ``self.<field>`` read as
  ``self.config.<field>``, ``self.uuid`` as ``self.id``, ``__init__(self, *args, **kwargs)``,
  pydantic private attributes as plain attributes, and the hooks whose signature changed in
  0.20 given their new signature (an old argument with an exact 0.20 equivalent is replaced
  in the body; the others get a TODO line that says what each became).

What the codemod reads (the rule's ``fix_args``): ``components`` (0.13.2 class path -> 0.20
class, Config, Flavor, type, config fields; generated from the wheels), ``hooks`` (per
component type: the 0.20 signature, the imports it needs, and per old argument the exact
expression or the note for a human). Without ``--unsafe-fixes`` only ports that leave nothing
for a human are written; the others keep the finding (and its TODO line).
"""

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Set, Tuple

import libcst as cst

from zenml_migrate.fix.codemod import Codemod
from zenml_migrate.fix.imports import dotted
from zenml_migrate.fix.local_names import qualified
from zenml_migrate.fix.todo import PREFIX

PYDANTIC_VALIDATORS = ("validator", "root_validator")
KEEP_ON_COMPONENT = {"name", "uuid", "id"}  # not config fields in either version
DROP_CONFIG_KEYS = {"underscore_attrs_are_private"}  # 0.13.2 StackComponent-only pydantic switches


@dataclass
class _Base:
    """What the class being ported derives from."""

    impl: Optional[str]  # local name of the 0.20 class to subclass (None: keep the written base)
    config: str  # local name of the Config base
    flavor: str  # local name of the Flavor base
    type: Optional[str]  # component type value (None: plain StackComponent)
    fields: Set[str]  # config fields inherited
    unknown_fields: bool = False  # a user base from another module: its fields are not visible here


@dataclass
class _Port:
    fields: Set[str] = field(default_factory=set)
    todos: List[str] = field(default_factory=list)  # class-level notes for a human
    needs_human: bool = False  # some TODO line was written (class or method)


def _code(node: cst.CSTNode) -> str:
    return cst.Module(body=[]).code_for_node(node)


def _stmt(text: str) -> cst.BaseStatement:
    return cst.parse_statement(text)


def _member(text: str) -> cst.BaseStatement:
    """A statement written at class-body indentation (docstrings keep their layout)."""
    body = "".join(("    " + line) if line.strip() else line for line in text.splitlines(True))
    return cst.parse_statement("class _:\n" + body).body.body[0]


def _layout(body: List[cst.BaseStatement]) -> List[cst.BaseStatement]:
    """A blank line before every def/class of a class body and after its docstring."""
    out = []
    for i, stmt in enumerate(body):
        lines = list(stmt.leading_lines)
        wants = i > 0 and (isinstance(stmt, (cst.FunctionDef, cst.ClassDef)) or _is_docstring(body[i - 1]))
        if wants and not (lines and lines[0].comment is None):
            stmt = stmt.with_changes(leading_lines=[cst.EmptyLine(indent=False), *lines])
        out.append(stmt)
    return out


def _todo_lines(code: str, texts: List[str], indent: str = "") -> List[cst.EmptyLine]:
    lines = []
    for text in texts:
        first, *rest = text.split("\n")
        lines.append(cst.EmptyLine(comment=cst.Comment(f"{PREFIX}{code} {first}")))
        lines.extend(cst.EmptyLine(comment=cst.Comment(f"#   {more}")) for more in rest)
    return lines


def _target_name(stmt: cst.BaseSmallStatement) -> Optional[str]:
    if isinstance(stmt, cst.AnnAssign) and isinstance(stmt.target, cst.Name):
        return stmt.target.value
    if isinstance(stmt, cst.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0].target, cst.Name):
        return stmt.targets[0].target.value
    return None


def _is_classvar(stmt: cst.BaseSmallStatement) -> bool:
    if not isinstance(stmt, cst.AnnAssign):
        return False
    ann = stmt.annotation.annotation
    head = ann.value if isinstance(ann, cst.Subscript) else ann
    return dotted(head).split(".")[-1] == "ClassVar"


def _decorator_names(func: cst.FunctionDef) -> List[str]:
    out = []
    for dec in func.decorators:
        node = dec.decorator.func if isinstance(dec.decorator, cst.Call) else dec.decorator
        out.append(dotted(node).split(".")[-1])
    return out


def _contains(node: cst.CSTNode, kinds) -> bool:
    found = []

    class _Find(cst.CSTVisitor):
        def on_visit(self, n: cst.CSTNode) -> bool:
            if isinstance(n, kinds):
                found.append(n)
            return not found

    node.visit(_Find())
    return bool(found)


def _names_used(node: cst.CSTNode) -> Tuple[Set[str], Set[str]]:
    """(names loaded, names assigned) anywhere inside ``node``."""
    loads: Set[str] = set()
    stores: Set[str] = set()

    class _Names(cst.CSTVisitor):
        def visit_Name(self, n: cst.Name) -> None:
            loads.add(n.value)

        def visit_AssignTarget(self, n: cst.AssignTarget) -> None:
            if isinstance(n.target, cst.Name):
                stores.add(n.target.value)

        def visit_AugAssign(self, n: cst.AugAssign) -> None:
            if isinstance(n.target, cst.Name):
                stores.add(n.target.value)

        def visit_For(self, n: cst.For) -> None:
            if isinstance(n.target, cst.Name):
                stores.add(n.target.value)

    node.visit(_Names())
    return loads, stores


class _SelfFields(cst.CSTTransformer):
    """``self.<field>`` -> ``self.config.<field>``, ``self.uuid`` -> ``self.id`` inside one method."""

    def __init__(self, me: str, fields: Set[str]):
        super().__init__()
        self.me = me
        self.fields = fields
        self.written: Set[str] = set()  # fields assigned: config is read-only
        self._store_depth = 0

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self._mark_store(node.target)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._mark_store(node.target)

    def _mark_store(self, target: cst.BaseExpression) -> None:
        if isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) and target.value.value == self.me:
            if target.attr.value in self.fields:
                self.written.add(target.attr.value)

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.BaseExpression:
        if not (isinstance(updated.value, cst.Name) and updated.value.value == self.me):
            return updated
        attr = updated.attr.value
        if attr == "uuid":
            return updated.with_changes(attr=cst.Name("id"))
        if attr in self.fields and attr not in self.written:
            return updated.with_changes(value=cst.Attribute(value=cst.Name(self.me), attr=cst.Name("config")))
        return updated


class _Replace(cst.CSTTransformer):
    """Replace loads of plain names by expressions (old hook arguments)."""

    def __init__(self, table: Dict[str, str]):
        super().__init__()
        self.table = table

    def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.BaseExpression:
        if updated.value in self.table:
            return cst.parse_expression(self.table[updated.value])
        return updated

    def leave_Param(self, original: cst.Param, updated: cst.Param) -> cst.Param:
        return original  # parameter names are not loads

    def leave_Arg(self, original: cst.Arg, updated: cst.Arg) -> cst.Arg:
        return updated.with_changes(keyword=original.keyword)  # ``f(run_name=...)`` keeps its keyword

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.Attribute:
        return updated.with_changes(attr=original.attr)  # ``x.run_name`` is not the argument


class PortComponent(Codemod):
    """Reads ``fix_args``: ``components`` and ``hooks`` (see the module docstring)."""

    def visit_Module(self, node: cst.Module) -> None:
        self.module = node
        self.typing: Set[str] = set()  # names bound by ``from typing import ...``
        self.typing_needed: Set[str] = set()
        self.ported: Dict[str, Tuple[str, Set[str], Optional[str]]] = {}  # class -> (Config name, fields, type)
        self.abstract: Dict[str, cst.ClassDef] = {}
        for stmt in node.body:
            if isinstance(stmt, cst.SimpleStatementLine):
                for small in stmt.body:
                    if isinstance(small, cst.ImportFrom) and dotted(small.module) == "typing" and not isinstance(small.names, cst.ImportStar):
                        self.typing.update((a.asname.name.value if a.asname else a.name.value) for a in small.names)

    # ---------------------------------------------------------------- entry
    def leave_ClassDef(self, original: cst.ClassDef, updated: cst.ClassDef):
        hit = self._flavor_statement(original)
        if hit is None:
            return updated
        code, flavor_expr = hit
        base = self._base(updated, code)
        if base is None:
            return updated  # not a base we know how to port: the finding stays
        components = self.ctx.arg(code, "hooks", {})
        port = _Port(fields=set(base.fields))
        parts = self._split(updated, code, base, port, components)
        if parts is None:
            return updated
        if (port.todos or port.needs_human) and not self.ctx.unsafe:
            return updated  # a human decision remains: only with --unsafe-fixes
        return cst.FlattenSentinel(parts)

    def _flavor_statement(self, cls: cst.ClassDef) -> Optional[Tuple[str, cst.BaseExpression]]:
        for stmt in cls.body.body:
            if not isinstance(stmt, cst.SimpleStatementLine):
                continue
            for small in stmt.body:
                if _target_name(small) != "FLAVOR" or small.value is None:
                    continue
                target = small.target if isinstance(small, cst.AnnAssign) else small.targets[0].target
                for finding in self.ctx.at(target):
                    return finding.code, small.value
        return None

    # ---------------------------------------------------------------- bases
    def _base(self, cls: cst.ClassDef, code: str) -> Optional[_Base]:
        table = self.ctx.arg(code, "components", {})
        for arg in cls.bases:
            expr = arg.value
            name = dotted(expr)
            if name in self.ported:  # a user base ported earlier in this module
                config, fields, type_ = self.ported[name]
                return _Base(None, config, f"{name}Flavor", type_, set(fields))
            path = qualified(self.ctx, expr)
            if path is None:
                continue
            entry = table.get(path)
            if entry is not None:
                impl = None
                if entry["implementation"] != path:  # e.g. the built-in container registry classes
                    impl = self._import(entry["implementation"])
                return _Base(
                    impl,
                    self._import(entry["config"]),
                    self._import(entry["flavor"]),
                    entry["type"],
                    set(entry["config_fields"]) | set(entry.get("legacy_fields") or ()) - KEEP_ON_COMPONENT,
                )
            if path.endswith("+") and name:
                # a user component class imported from another module: its port (by this
                # codemod) defines ``<Name>Config`` next to it
                imported = self.ctx.imported(name) if "." not in name else None
                root = path[:-1]
                entry = table.get(root)
                type_ = entry["type"] if entry else None
                module, cls_name = imported if imported is not None else (self._module_of(name), name)
                if module is None:
                    return None
                config = self.ctx.add_import(module, f"{cls_name}Config")
                flavor = self.ctx.add_import(module, f"{cls_name}Flavor")
                return _Base(None, config, flavor, type_, set(), unknown_fields=True)
        return None

    def _module_of(self, local: str) -> Optional[str]:
        for stmt in self.module.body:
            if isinstance(stmt, cst.SimpleStatementLine):
                for small in stmt.body:
                    if isinstance(small, cst.ImportFrom) and small.module is not None and not isinstance(small.names, cst.ImportStar):
                        for a in small.names:
                            if (a.asname.name.value if a.asname else a.name.value) == local:
                                return "." * len(small.relative) + dotted(small.module) if small.relative else dotted(small.module)
        return None

    def _flavor_base_for(self, type_: Optional[str], table) -> str:
        for path, entry in table.items():
            if entry["type"] == type_ and path.rpartition(".")[2].startswith("Base"):
                return self._import(entry["flavor"])
        return self._import("zenml.stack.flavor.Flavor")

    def _import(self, path: str) -> str:
        module, _, name = path.rpartition(".")
        return self.ctx.add_import(module, name)

    def _typing(self, name: str) -> str:
        """``name`` from ``typing``: reused when imported, else added to the typing import."""
        if name not in self.typing:
            self.typing_needed.add(name)
        return name

    def leave_Module(self, original: cst.Module, updated: cst.Module) -> cst.Module:
        needed = sorted(self.typing_needed - self.typing)
        if not needed:
            return updated
        body = list(updated.body)
        for i, stmt in enumerate(body):
            if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1:
                small = stmt.body[0]
                if isinstance(small, cst.ImportFrom) and dotted(small.module) == "typing" and not small.relative and not isinstance(small.names, cst.ImportStar):
                    names = [a.with_changes(comma=cst.MaybeSentinel.DEFAULT) for a in small.names]
                    names += [cst.ImportAlias(cst.Name(n)) for n in needed]
                    names.sort(key=lambda a: dotted(a.name))
                    new = small.with_changes(names=names, lpar=None, rpar=None) if len(names) < 6 else small.with_changes(names=names)
                    body[i] = stmt.with_changes(body=[new])
                    return updated.with_changes(body=body)
        at = 0
        for i, stmt in enumerate(body):
            if _is_docstring(stmt) and i == 0:
                at = 1
                continue
            if isinstance(stmt, cst.SimpleStatementLine) and isinstance(stmt.body[0], cst.ImportFrom) and dotted(stmt.body[0].module) == "__future__":
                at = i + 1
                continue
            break
        line = cst.parse_statement(f"from typing import {', '.join(needed)}\n")
        return updated.with_changes(body=[*body[:at], line, *body[at:]])

    # ---------------------------------------------------------------- the split
    def _split(self, cls: cst.ClassDef, code: str, base: _Base, port: _Port, hooks) -> Optional[list]:
        name = cls.name.value
        config_name, flavor_name = f"{name}Config", f"{name}Flavor"
        config_body: List[cst.BaseStatement] = []
        impl_body: List[cst.BaseStatement] = []
        privates: List[Tuple[str, str]] = []  # (name, expression) set in __init__
        type_expr: Optional[str] = None
        flavor_expr: Optional[str] = None
        init: Optional[cst.FunctionDef] = None
        methods: List[cst.BaseStatement] = []
        body = list(cls.body.body)
        for stmt in body:
            if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1:
                small = stmt.body[0]
                target = _target_name(small)
                if target == "FLAVOR":
                    flavor_expr = _code(small.value)
                    continue
                if target == "TYPE":
                    type_expr = _code(small.value) if small.value is not None else None
                    continue
                if target == "SUPPORTED_SCHEMES" and base.type == "artifact_store":
                    config_body.append(stmt)
                    continue
                if target is not None and isinstance(small, (cst.Assign, cst.AnnAssign)):
                    if target.startswith("_"):
                        kept = self._private(stmt, small, privates)
                        if kept is not None:
                            impl_body.append(kept)
                    elif _is_classvar(small):
                        impl_body.append(stmt)
                    else:
                        config_body.append(stmt)
                        port.fields.add(target)
                    continue
                if isinstance(small, cst.Expr) and isinstance(small.value, (cst.SimpleString, cst.ConcatenatedString)) and stmt is body[0]:
                    impl_body.append(stmt)  # the docstring
                    continue
                impl_body.append(stmt)
                continue
            if isinstance(stmt, cst.ClassDef) and stmt.name.value == "Config":
                kept = self._inner_config(stmt)
                if kept is not None:
                    config_body.append(kept)
                continue
            if isinstance(stmt, cst.FunctionDef):
                decorators = _decorator_names(stmt)
                if any(d in PYDANTIC_VALIDATORS for d in decorators):
                    config_body.append(self._validator(stmt, code, port))
                    continue
                if stmt.name.value == "__init__":
                    init = stmt
                    continue
                methods.append(stmt)
                continue
            impl_body.append(stmt)
        if flavor_expr is None:
            return None

        # the implementation
        me_fields = port.fields
        if base.unknown_fields:
            unknown = _unresolved_reads(methods, init, port.fields | {n for n, _ in privates} | _defined(cls))
            if unknown:
                port.todos.append(
                    f"{', '.join(f'`self.{a}`' for a in unknown)}: defined in a base class of another module; "
                    "where one is a config field there, read it as `self.config.<field>`"
                )
        new_init = self._init(init, privates, code, port)
        impl_methods = [self._method(m, code, base, me_fields, port, hooks) for m in methods]
        cast_t = self._typing("cast")
        config_prop = _member(
            f"@property\n"
            f"def config(self) -> {config_name}:\n"
            f'    """Returns the `{config_name}` config.\n\n'
            f"    Returns:\n"
            f"        The configuration.\n"
            f'    """\n'
            f"    return {cast_t}({config_name}, self._config)\n"
        )
        docstring = impl_body[:1] if impl_body and _is_docstring(impl_body[0]) else []
        rest = impl_body[len(docstring):]
        new_impl_body = [*docstring, *rest, *([new_init] if new_init is not None else []), config_prop, *impl_methods]
        new_impl_body = _layout(new_impl_body)
        new_bases = list(cls.bases)
        if base.impl is not None:
            new_bases = [
                b.with_changes(value=cst.Name(base.impl)) if qualified(self.ctx, b.value) else b for b in new_bases
            ]
        impl = cls.with_changes(bases=new_bases, body=cls.body.with_changes(body=new_impl_body))

        # the config
        config_doc = _stmt(f'"""Configuration of the `{name}` {(base.type or "stack component").replace("_", " ")}."""')
        config = cst.ClassDef(
            name=cst.Name(config_name),
            bases=[cst.Arg(cst.Name(base.config))],
            body=cst.IndentedBlock(body=_layout([config_doc, *config_body])),
            leading_lines=cls.leading_lines,
        )

        # the flavor
        type_t = self._typing("Type")
        flavor_src = (
            f"class {flavor_name}({base.flavor}):\n"
            f'    """Flavor of the `{name}` {(base.type or "stack component").replace("_", " ")}."""\n\n'
            f"    @property\n"
            f"    def name(self) -> str:\n"
            f'        """Name of the flavor."""\n'
            f"        return {flavor_expr}\n\n"
        )
        if base.type is None:
            enum = self._import("zenml.enums.StackComponentType")
            if type_expr is None:
                port.todos.append(f"`{flavor_name}.type` must return the component's StackComponentType")
                type_expr = f"{enum}.ORCHESTRATOR  # TODO(zenml-migrate): {code} set the component type"
            flavor_src += (
                f"    @property\n"
                f"    def type(self) -> {enum}:\n"
                f'        """The stack component type."""\n'
                f"        return {type_expr}\n\n"
            )
        flavor_src += (
            f"    @property\n"
            f"    def config_class(self) -> {type_t}[{config_name}]:\n"
            f'        """The config class of the flavor."""\n'
            f"        return {config_name}\n\n"
            f"    @property\n"
            f'    def implementation_class(self) -> {type_t}["{name}"]:\n'
            f'        """Implementation class for this flavor."""\n'
            f"        return {name}\n"
        )
        two = [cst.EmptyLine(), cst.EmptyLine()]
        flavor = cst.parse_statement(flavor_src).with_changes(leading_lines=two)
        if port.todos:
            port.needs_human = True
        impl = impl.with_changes(leading_lines=[*two, *_todo_lines(code, port.todos)])
        self.ported[name] = (config_name, port.fields, base.type)
        return [config, flavor, impl]

    # ---------------------------------------------------------------- pieces
    def _inner_config(self, stmt: cst.ClassDef) -> Optional[cst.ClassDef]:
        kept = []
        for item in stmt.body.body:
            if isinstance(item, cst.SimpleStatementLine) and len(item.body) == 1 and _target_name(item.body[0]) in DROP_CONFIG_KEYS:
                continue
            kept.append(item)
        meaningful = [k for k in kept if not _is_docstring(k) and not (isinstance(k, cst.SimpleStatementLine) and isinstance(k.body[0], cst.Pass))]
        if not meaningful:
            return None
        return stmt.with_changes(body=stmt.body.with_changes(body=kept))

    def _private(self, stmt: cst.SimpleStatementLine, small, privates: List[Tuple[str, str]]) -> Optional[cst.BaseStatement]:
        """``_x: T = PrivateAttr(default=v)`` -> ``_x: T = v``; a ``default_factory`` is called in ``__init__``."""
        value = small.value
        if isinstance(value, cst.Call) and dotted(value.func).split(".")[-1] == "PrivateAttr":
            default, factory = None, None
            for arg in value.args:
                kw = arg.keyword.value if arg.keyword else "default"
                if kw == "default":
                    default = arg.value
                elif kw == "default_factory":
                    factory = arg.value
            name = _target_name(small)
            if factory is not None:
                privates.append((name, f"{_code(factory)}()"))
                if isinstance(small, cst.AnnAssign):
                    return stmt.with_changes(body=[small.with_changes(value=None, equal=cst.MaybeSentinel.DEFAULT)])
                return None  # set in ``__init__`` only
            new_value = default if default is not None else cst.Name("None")
            return stmt.with_changes(body=[small.with_changes(value=new_value)])
        return stmt

    def _validator(self, func: cst.FunctionDef, code: str, port: _Port) -> cst.FunctionDef:
        if _contains(func.body, (cst.Import, cst.ImportFrom)):
            port.todos.append(
                f"validator `{func.name.value}` imports a library inside: {func.name.value} now runs whenever "
                "the Config is loaded (also by `zenml flavor register`, where that library may be missing); "
                "move the check into the implementation (e.g. its `validator` property) if it must not run there"
            )
        return func

    def _init(self, init: Optional[cst.FunctionDef], privates, code: str, port: _Port) -> Optional[cst.FunctionDef]:
        assigns = [_stmt(f"self.{n} = {expr}") for n, expr in privates]
        if init is None and not assigns:
            return None
        any_t = self._typing("Any")
        if init is None:
            src = f"def __init__(self, *args: {any_t}, **kwargs: {any_t}) -> None:\n    super().__init__(*args, **kwargs)\n"
            func = cst.parse_statement(src)
            return func.with_changes(body=func.body.with_changes(body=[*func.body.body, *assigns]))
        params = init.params
        extra = [p.name.value for p in (*params.params[1:], *params.kwonly_params) if p is not None]
        if extra:
            port.todos.append(
                f"`__init__` took {', '.join(extra)}: in ZenML 0.20 a component is built from its config "
                f"(read `self.config.<field>` after `super().__init__(*args, **kwargs)`)"
            )
        kwargs = params.star_kwarg.name.value if params.star_kwarg else "kwargs"
        args = params.star_arg.name.value if isinstance(params.star_arg, cst.Param) else "args"
        new_params = _stmt(f"def f(self, *{args}: {any_t}, **{kwargs}: {any_t}) -> None:\n    pass\n").params
        body = list(init.body.body)
        fixed_super = False
        out = []
        for stmt in body:
            text = _code(stmt).strip()
            if not fixed_super and text.startswith("super().__init__(") and isinstance(stmt, cst.SimpleStatementLine):
                out.append(_stmt(f"super().__init__(*{args}, **{kwargs})"))
                fixed_super = True
                out.extend(assigns)
                continue
            out.append(stmt)
        if not fixed_super:
            out = [_stmt(f"super().__init__(*{args}, **{kwargs})"), *assigns, *out]
        new = init.with_changes(params=new_params, body=init.body.with_changes(body=out), returns=init.returns or cst.Annotation(cst.Name("None")))
        fields_tx = _SelfFields("self", port.fields)
        return new.visit(fields_tx)

    def _method(self, func: cst.FunctionDef, code: str, base: _Base, fields: Set[str], port: _Port, hooks) -> cst.FunctionDef:
        me = func.params.params[0].name.value if func.params.params else None
        todos: List[str] = []
        if me is not None and "staticmethod" not in _decorator_names(func) and "classmethod" not in _decorator_names(func):
            tx = _SelfFields(me, fields)
            func = func.visit(tx)
            for f in sorted(tx.written):
                todos.append(f"`{me}.{f}` is assigned here: in ZenML 0.20 it is a config field (`{me}.config.{f}`), "
                             "set when the component is registered; keep run-time state in another attribute")
            loads = _method_calls(func, me)
            for pyd in sorted(loads & {"dict", "json", "copy", "schema", "schema_json"}):
                todos.append(f"`{me}.{pyd}()` was pydantic behaviour of the component: in ZenML 0.20 use `{me}.config.{pyd}()` "
                             "(the config fields only) or build the value yourself")
        hook = self._hook(func.name.value, base.type, hooks)
        if hook is not None:
            func, more = self._adapt_hook(func, hook)
            todos.extend(more)
        if todos:
            port.needs_human = True
            func = func.with_changes(leading_lines=[*func.leading_lines, *_todo_lines(code, todos)])
        return func

    def _hook(self, name: str, type_: Optional[str], hooks) -> Optional[dict]:
        for spec in hooks.get(type_ or "", {}).get(name, ()), hooks.get("*", {}).get(name, ()):
            if spec:
                return spec
        return None

    def _adapt_hook(self, func: cst.FunctionDef, hook: dict) -> Tuple[cst.FunctionDef, List[str]]:
        name = func.name.value
        if hook.get("removed"):
            return func, [f"`{name}` is never called by ZenML 0.20: {hook['removed']}"]
        old = [p.name.value for p in func.params.params[1:]]
        new_sig = hook["signature"]
        new_names = [a.strip().split(":")[0].split("=")[0].strip() for a in new_sig.split(",") if a.strip()]
        if old == new_names:
            return func, []  # already the 0.20 signature (ported before)
        for module, imp in hook.get("imports", ()):
            self.ctx.add_import(module, imp)
        for t in hook.get("typing", ()):
            self._typing(t)
        loads, stores = _names_used(func.body)
        exact: Dict[str, str] = {}
        notes: List[str] = []
        for arg in old:
            became = hook["args"].get(arg)
            if arg in new_names and (became is None or became.get("expr") == arg):
                continue  # same name, same meaning
            if arg not in loads:
                continue  # unused: nothing to carry over
            if became is not None and "expr" in became and arg not in stores:
                exact[arg] = became["expr"]
            else:
                note = became["note"] if became else "no 0.20 equivalent"
                notes.append(f"`{arg}`: {note}")
        new_func = func
        if exact:
            new_func = new_func.with_changes(body=new_func.body.visit(_Replace(exact)))
        returns = func.returns
        sig = _stmt(f"def f(self, {new_sig}):\n    pass\n").params
        me = func.params.params[0].with_changes(comma=cst.MaybeSentinel.DEFAULT, whitespace_after_param=cst.SimpleWhitespace(""))
        sig = sig.with_changes(params=[me, *sig.params[1:]])
        new_func = new_func.with_changes(params=sig, returns=returns, whitespace_before_params=cst.SimpleWhitespace(""))
        todos = [hook["todo"]] if hook.get("todo") else []
        if notes:
            todos.append(
                f"ZenML 0.20 calls `{name}(self, {new_sig})`; what the old arguments became:\n" + "\n".join(notes)
            )
        return new_func, todos


COMPONENT_ATTRIBUTES = {"name", "id", "uuid", "config", "type", "flavor", "user", "project", "created", "updated",
                        "log_file", "local_path", "validator", "requirements", "settings_class", "get_settings"}


def _defined(cls: cst.ClassDef) -> Set[str]:
    out = set()
    for stmt in cls.body.body:
        if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
            out.add(stmt.name.value)
        elif isinstance(stmt, cst.SimpleStatementLine):
            out.update(n for n in (_target_name(s) for s in stmt.body) if n)
    return out


def _unresolved_reads(methods, init, known: Set[str]) -> List[str]:
    """``self.<attr>`` read (not called) in the methods, defined neither here nor on every component."""
    out: Set[str] = set()
    for func in [*methods, *([init] if init is not None else [])]:
        if not func.params.params:
            continue
        me = func.params.params[0].name.value
        called = _method_calls(func, me)

        class _Reads(cst.CSTVisitor):
            def visit_Attribute(self, node: cst.Attribute) -> None:
                if isinstance(node.value, cst.Name) and node.value.value == me:
                    out.add(node.attr.value) if node.attr.value not in called else None

        func.visit(_Reads())
    return sorted(a for a in out if a not in known and a not in COMPONENT_ATTRIBUTES and not a.startswith("_"))


def _method_calls(func: cst.FunctionDef, me: str) -> Set[str]:
    out: Set[str] = set()

    class _Calls(cst.CSTVisitor):
        def visit_Call(self, node: cst.Call) -> None:
            f = node.func
            if isinstance(f, cst.Attribute) and isinstance(f.value, cst.Name) and f.value.value == me:
                out.add(f.attr.value)

    func.visit(_Calls())
    return out


def _is_docstring(stmt: cst.BaseStatement) -> bool:
    return (
        isinstance(stmt, cst.SimpleStatementLine)
        and len(stmt.body) == 1
        and isinstance(stmt.body[0], cst.Expr)
        and isinstance(stmt.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )
