"""ZM426: a read, in another module, of what a 0.13.2 stack component class of the project no
longer has on ZenML 0.20 (``HdfsStore.SUPPORTED_SCHEMES``, ``HdfsStore.TYPE``).

The ZM409 port splits the class into ``<X>Config``, ``<X>`` and ``<X>Flavor``: the class
attributes the Config owns move there, and ``TYPE`` (the component type: the Flavor's ``type``
in 0.20) leaves the class; a 0.20 component class is no pydantic model either (no
``__fields__``). Code elsewhere that reads them on the class fails with AttributeError after
the port, while the port's own module imports. What each class lacks comes from the cross-file
facts of its module (``migrate/scan/component_port.Facts``: ``moved``, ``gone``); the read is
rewritten to the class the port writes (the Config, or an instance of the Flavor) at the fix
level of the port, where the class is read by its own name through an absolute import.
"""

import ast
from typing import Dict, List, Optional, Set, Tuple

from zenml_migrate.findings import NO_FIX_HERE, Finding
from zenml_migrate.rules.base import Bad, Fix, Good, ModuleCheck, Net, Rule, snippet as _c
from zenml_migrate.rules.client import ZM409
from zenml_migrate.scan import guarded_reads
from zenml_migrate.scan.per_project import per_project
from zenml_migrate.scan.component_port import (
    FACTS, LEFT_OUTSIDE_RUN, Facts, detector_names, gone_members, instance_classes, planner_for, port_facts, port_selected,
)

PORTED = "ported"  # ``Finding.fix_args`` key: ``(module, class, instantiate, attribute)`` the read becomes
ON_CONFIG = "on_config"  # ``Finding.fix_args`` key: an instance's read ``v.<field>`` becomes ``v.config.<field>``
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef, ast.ListComp, ast.SetComp, ast.DictComp,
           ast.GeneratorExp)


def _imported(detector) -> Dict[str, Tuple[str, Facts]]:
    """``{name: (project key, facts)}`` of the module-level names bound to another project module's
    component class (``from infra.stores import HdfsStore``, or re-exported by a package: ``from
    infra import HdfsStore``) or to a project module."""
    out = {}
    for name, bindings in detector.module_scope.bindings.items():
        if len(bindings) != 1 or getattr(bindings[0], "kind", None) != "project" or not bindings[0].extra:
            continue
        facts = port_facts(detector.project, bindings[0].extra)[0]
        if facts is None or facts.component:
            out[name] = (bindings[0].extra, facts)
    return out


def _binds(scope: ast.AST) -> Set[str]:
    """Names a function, lambda, class body or comprehension binds itself (not in nested scopes)."""
    out: Set[str] = set()
    if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        args = scope.args
        out.update(a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg) if a)
    todo = list(scope.generators) if isinstance(scope, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)) else (
        [scope.body] if isinstance(scope, ast.Lambda) else list(scope.body))
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            out.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            out.update((a.asname or a.name).partition(".")[0] for a in node.names)
        if not isinstance(node, _SCOPES):
            todo.extend(ast.iter_child_nodes(node))
    return out


def _reads(tree: ast.Module, names: Set[str]):
    """``(attribute node, parent map)``: loads of ``<name>.<x>`` / ``<name>.<y>...<x>`` for ``names`` that
    no enclosing function, class body or comprehension binds again. What a scope binds and the
    parent map are made only once a read of one of ``names`` is found (most modules have none)."""
    parents: Optional[Dict[int, ast.AST]] = None
    bound: Dict[int, Set[str]] = {}  # id(scope) -> the ``names`` it binds itself
    stack = [(tree, ())]
    while stack:
        node, scopes = stack.pop()
        if isinstance(node, _SCOPES):
            scopes = (*scopes, node)
        stack.extend((child, scopes) for child in ast.iter_child_nodes(node))
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load):
            root = node.value
            while isinstance(root, ast.Attribute):  # ``stores.HdfsStore``, ``infra.stores.HdfsStore``
                root = root.value
            if isinstance(root, ast.Name) and root.id in names and not any(
                root.id in (bound[id(s)] if id(s) in bound else bound.setdefault(id(s), _binds(s) & names)) for s in scopes
            ):
                if parents is None:
                    parents = {id(child): outer for outer in ast.walk(tree) for child in ast.iter_child_nodes(outer)}
                yield node, root, parents


def _absolute_import(tree: ast.Module, name: str) -> Optional[str]:
    """The module a module-level ``from M import ...`` (not relative) or ``import M`` binding
    ``name`` names, else None."""
    found = None
    for stmt in tree.body:
        if isinstance(stmt, ast.ImportFrom) and not stmt.level and stmt.module:
            for alias in stmt.names:
                if (alias.asname or alias.name) == name:
                    found = f"{stmt.module}.{alias.name}"
        elif isinstance(stmt, ast.Import):
            for alias in stmt.names:
                if (alias.asname or alias.name.partition(".")[0]) == name:
                    found = alias.name if alias.asname else name
    return found


def _what(facts: Facts, cls: str, member: str, node: ast.Attribute, parent) -> Tuple[str, Optional[Tuple[bool, str, str]]]:
    """``(what the message says, (instantiate, class suffix, attribute) of the rewrite or None)``."""
    if member in facts.moved:
        return f"its port moves `{member}` to `{cls}Config`", (False, "Config", member) if facts.config else None
    if member == "TYPE":
        return ("a stack component class has no `TYPE` in ZenML 0.20: the Flavor's `type` gives the component type",
                (True, "Flavor", "type") if facts.flavor else None)
    sub = parent(node)
    key = sub.slice if isinstance(sub, ast.Subscript) and sub.value is node else None
    field = isinstance(key, ast.Constant) and key.value in facts.fields and facts.known
    return ("a stack component class is no pydantic model in ZenML 0.20 (no `__fields__`): its config fields are "
            f"those of `{cls}Config`", (False, "Config", member) if facts.config and field else None)


def _local(detector) -> Dict[str, Tuple[str, Facts]]:
    """``{name: ("", facts)}`` of this module's component classes whose port moves class attributes
    (a read of ``TYPE``/``__fields__`` on them is the member net's, ZM004)."""

    planner = planner_for(detector) if "class" in detector.text else None
    if planner is None:
        return {}
    out = {}
    for name in planner.plans:
        facts = planner.facts[name]
        if facts.moved and facts.ported:
            out[name] = ("", Facts(**{**facts.__dict__, "gone": facts.moved}))
    return out


def _instance_members(facts: Facts) -> Set[str]:
    """What the port moves into ``<X>Config`` that an instance of the ported class lacks on ZenML 0.20:
    its fields and moved class attributes but those 0.20's component class still has (an artifact
    store's ``path``) and the zenml base's own fields (ZM421 reads those on any component)."""
    from zenml_migrate.scan import component_members, zenml_signatures as sigs

    base = f"{facts.root}()"
    entry = dict(component_members.owners()).get(base, {})
    judged = {*entry.get("config", ()), *entry.get("gone", ()), *component_members.renamed()}  # ZM421's reads
    return {m for m in ((*facts.fields, *facts.moved) if facts.ported else (*facts.lacks, *facts.later))
            if m not in judged and not (facts.root and sigs.has_member(facts.root, m))}


def _instance_findings(detector, rule) -> List[Finding]:
    """``store.bucket_owner`` where ``store`` holds an instance of a ported component class of the
    project (annotated, constructed, or narrowed by ``isinstance``; see ``scan/class_instances``);
    the tree is walked only when the module names such a class."""
    from zenml_migrate.scan import class_instances

    planner = planner_for(detector) if "class" in detector.text else None
    local = {n: f for n, f in planner.facts.items() if f.component and (f.ported or f.lacks)} if planner is not None else {}
    ported = instance_classes(detector.project) if detector.project else frozenset()
    imported = any(n in detector.text for n in ported)
    if not local and not imported:
        return []
    names = detector_names(detector)
    facts_of: Dict[str, Facts] = {}

    def classify(expr: ast.expr) -> Optional[str]:
        if isinstance(expr, ast.Name) and expr.id in local:
            facts_of[expr.id] = local[expr.id]
            return expr.id
        key = names.project_key(expr) if imported and isinstance(expr, (ast.Name, ast.Attribute)) else None
        facts = port_facts(detector.project, key)[0] if key else None
        if facts is None or not facts.component:
            return None
        facts_of[key] = facts
        return key

    tree = detector.tree
    out = []
    parents = {id(c): n for n in ast.walk(tree) for c in ast.iter_child_nodes(n)}
    for node, name, key, certain in class_instances.instances(tree, classify):
        facts = facts_of[key]
        if node.attr not in _instance_members(facts):
            continue
        if guarded_reads.cannot_raise(node, node.attr, lambda n: parents.get(id(n)), detector._bound):
            continue
        cls = key.rpartition(".")[2]
        moves = f"whose port moves `{node.attr}` to" if facts.ported else f"whose `{node.attr}` is a field of"
        held = ast.unparse(name)
        message = (f"`{ast.unparse(node)}` fails on ZenML 0.20 (AttributeError): `{held}` is "
                   f"{'' if certain else 'maybe '}a `{cls}`, {moves} `{cls}Config` "
                   f"(read it as `{held}.config.{node.attr}`)")
        fix, args = None, ()
        if facts.left:
            message += f"{NO_FIX_HERE}`{cls}` is not ported by this run: {facts.left})"
        elif facts.ported and not port_selected(detector):
            message += _unselected(cls)
        elif not certain:
            message += f"{NO_FIX_HERE}`{held}` may hold something else too: read the config where it is a `{cls}`)"
        elif facts.config:
            fix = "safe" if facts.exact else "unsafe"
            message += "; the fix writes it" + (" (an unsafe fix here: the port of the class needs --unsafe-fixes)"
                                                 if fix == "unsafe" else "")
            args = ((ON_CONFIG, True),)
        out.append(Finding(detector.path, detector._span(node), rule.code, message, fix, fix_args=args))
    return out


@per_project
def _moved_by_member(project: Dict[str, str]) -> Dict[str, Dict[str, Tuple[str, bool, bool]]]:
    """``{member: {class name: (its zenml root, ported by this run, ported by a later run)}}``: what an instance of a component
    class this run ports (or of one in the 0.20 shape, or of one whose module's port this run does not
    write: ``Facts.later``) lacks on ZenML 0.20 (``_instance_members``), per member (once per project)."""
    return _by_member((key[: -len(FACTS)], Facts.decode(value)) for key, value in project.items() if key.endswith(FACTS))


def _by_member(classes) -> Dict[str, Dict[str, Tuple[str, bool, bool]]]:
    table: Dict[str, Dict[str, Tuple[str, bool, bool]]] = {}
    for key, facts in classes:
        if facts is not None and facts.component and ((facts.ported or facts.lacks) and not facts.left or facts.later) and facts.root:
            for member in _instance_members(facts):
                table.setdefault(member, {})[key.rpartition(".")[2]] = (facts.root, facts.ported, bool(facts.later))
    return table


def base_read(detector, owner: str, member: str, span, node: Optional[ast.AST]) -> None:
    """``Client().active_stack.artifact_store.team``: ``member`` read on an instance of a zenml
    component class (``owner``, ``X()``) that has no such member on ZenML 0.20, where a component
    class this run ports from such a class moves ``member`` into its Config. On 0.13.2 the read
    worked when the stack's component was that class; after the port it fails with AttributeError.
    The value may be any component of the type: a finding with a TODO (``.config.<member>``),
    no rewrite (the detector's member net, ``Detector._member_net``, calls this)."""
    from zenml_migrate.scan import component_members, zenml_signatures as sigs

    rule = detector.index.base_read_net
    path = owner[:-2]
    types = component_members.types()
    kinds = {t for t, entry in types.items() if path in (entry["base"], *entry["classes"])}
    if rule is None or not (kinds or path == component_members.component()) or sigs.has_member(path, member):
        return
    if detector.project:
        classes = _moved_by_member(detector.project).get(member)
    else:  # the first round (no cross-file facts yet): this module's classes; judged again with the project's
        detector.pending = True
        planner = planner_for(detector) if "class" in detector.text else None
        classes = _by_member(planner.facts.items()).get(member) if planner is not None else None
    if not classes:
        return
    base = path == component_members.component() or any(path == types[t]["base"] for t in kinds)
    mine = sorted(c for c, (root, _, _) in classes.items()
                  if root == path or base and (not kinds or any(root in (types[t]["base"], *types[t]["classes"]) for t in kinds)))
    if not mine:
        return
    read = ast.unparse(node) if isinstance(node, ast.Attribute) and node.attr == member else f"<component>.{member}"
    named = " or ".join(f"`{c}`" for c in mine)
    ported = ""
    if any(classes[c][1] for c in mine):  # (``--select`` without ZM409: the run does not write the port)
        ported = " (this run's port moves it there)" if port_selected(detector) else f" (its {ZM409.code} port moves it there)"
    elif any(classes[c][2] for c in mine):
        ported = f" (its {ZM409.code} port moves it there; {LEFT_OUTSIDE_RUN})"
    message = (f"`{read}` fails on ZenML 0.20 (AttributeError) where the component is a {named}: `{member}` is a field "
               f"of {' and '.join(f'`{c}Config`' for c in mine)}{ported}, read `.config.{member}` on it"
               f"{NO_FIX_HERE}the value is any `{path.rpartition('.')[2]}`, not surely a {named}: read the config where it is one)")
    detector.findings.append(Finding(detector.path, span, rule.code, message, None))


def _unselected(cls: str) -> str:
    """Why a read of a class the port moves is not rewritten where the run's selection leaves the port out
    (``--select ZM426``: ``<X>Config`` would not exist)."""
    return f"{NO_FIX_HERE}`{cls}` is ported by its {ZM409.code} fix, which this run's rule selection leaves out: select {ZM409.code} too)"


def _findings(detector, rule) -> List[Finding]:
    out = _instance_findings(detector, rule)
    if out:  # a read both typed as the ported class and as its zenml base (``base_read``): the class says more
        spans = {f.span for f in out}
        detector.findings[:] = [f for f in detector.findings if f.code != rule.code or f.span not in spans]
    # a read of another module's class is reported when its class lacks the member (``Facts.gone``)
    candidates = _imported(detector) if detector.project and gone_members(detector.project) else {}
    candidates.update(_local(detector))
    if not candidates or not any(n in detector.text for n in candidates):
        return out
    tree = detector.tree
    names = detector_names(detector)
    for node, root, parents in _reads(tree, set(candidates)):
        value = node.value
        parent = lambda n, p=parents: p.get(id(n))  # noqa: E731 - the whole tree's (the detector maps what it walked)
        key, facts = candidates[root.id]
        via = False
        if key:  # another module's class (``HdfsStore`` or ``stores.HdfsStore``)
            key = names.project_key(value)
            facts, via = port_facts(detector.project, key) if key else (None, False)
        elif value is not root:
            continue
        if facts is None or not facts.component or node.attr not in facts.gone:
            continue
        if guarded_reads.cannot_raise(node, node.attr, parent, detector._bound):
            continue
        cls = key.rpartition(".")[2] if key else root.id
        why, rewrite = _what(facts, cls, node.attr, node, parent)
        message = f"`{ast.unparse(node)}` fails on ZenML 0.20 (AttributeError): {why}"
        fix, args = None, ()
        if facts.left:
            message += f"{NO_FIX_HERE}`{cls}` is not ported by this run: {facts.left})"
        elif rewrite is None:
            message += f"{NO_FIX_HERE}read it where ZenML 0.20 keeps it by hand)"
        elif via:
            message += (f"{NO_FIX_HERE}`{cls}` is imported from a module that re-exports it: import `{cls}{rewrite[1]}` "
                        f"from the module that defines `{cls}`, or re-export it there too)")
        elif facts.ported and not port_selected(detector):
            message += _unselected(cls)
        else:
            written = _absolute_import(tree, root.id) if key else f".{cls}"
            spelled = written if value is root else written + ast.unparse(value)[len(root.id):] if written else None
            if spelled is None or spelled.rpartition(".")[2] != cls:
                message += f"{NO_FIX_HERE}the class is not imported with an absolute import)"
            else:
                instantiate, suffix, attr = rewrite
                module = spelled.rpartition(".")[0]
                new = f"{cls}{suffix}" + ("()" if instantiate else "")
                message += f"; the fix writes `{new}.{attr}`" + (f" (imported from `{module}`)" if module else "")
                fix = "safe" if facts.exact or not facts.ported else "unsafe"
                if fix == "unsafe":
                    message += " (an unsafe fix here: the port of the class needs --unsafe-fixes)"
                args = ((PORTED, (module, cls + suffix, instantiate, attr)),)
        out.append(Finding(detector.path, detector._span(node), rule.code, message, fix, fix_args=args))
    return out


ZM426 = Rule(
    code="ZM426",
    name="ported-component-member-elsewhere",
    message="A stack component class of the project (or an instance of it) has no such attribute in ZenML 0.20 (its port moves it, or 0.20 has none)",
    why=(
        "ZenML 0.20 splits a custom stack component into `<X>Config` (the pydantic fields and the class "
        "attributes ZenML reads on the config, such as an artifact store's `SUPPORTED_SCHEMES`), the "
        "implementation `<X>` and `<X>Flavor` (its `type` is the component type). The ZM409 port writes that "
        "split, so another module that reads `X.SUPPORTED_SCHEMES`, `X.TYPE` or `X.__fields__` on the class "
        "fails with AttributeError once the port is made (`TYPE` and `__fields__` fail on 0.20 even without "
        "it: the 0.20 component bases have neither), though the port's own module imports. So does a read of a "
        "moved field on an instance of the class (`store.endpoint` where `store: HdfsStore`, "
        "`store = HdfsStore(...)` or `isinstance(store, HdfsStore)`, through the package that re-exports the class, or "
        "a comprehension's `if isinstance(...)`): the field is `store.config.endpoint` on 0.20. A read on a value typed as "
        "the zenml base (`Client().active_stack.artifact_store.endpoint`) fails the same way where the stack's store is "
        "the ported class."
    ),
    instead="`HdfsStoreConfig.SUPPORTED_SCHEMES`, `HdfsStoreFlavor().type`, `HdfsStoreConfig.__fields__[\"endpoint\"]`, `store.config.endpoint`.",
    fix=Fix.SAFE,
    fix_note=(
        "Safe where the ZM409 port of the class is safe (the same value, from the class the port writes; "
        "unsafe where the port is): the class read by its own name through an absolute import. Otherwise a "
        "TODO says what to write. An instance's read is rewritten where the name surely holds an instance of the "
        "class (its annotation, its every assignment, or an `isinstance` test); where it may hold something else "
        "too (`Union[HdfsStore, dict]`), or is typed as the zenml base only (`stack.artifact_store`), a TODO. A class "
        "read through a package that re-exports it gets a TODO (its Config is not importable from there)."
    ),
    todo="read it where ZenML 0.20 keeps it: `<X>Config.<attribute>`, `<X>Flavor().type`",
    codemod="component_members:ComponentMembers",
    match=(ModuleCheck(_findings), Net("base_reads")),
    bad=(
        Bad(  # in the class's own module (in another module: tests/test_ported_members.py)
            _c(
                """
                from typing import ClassVar, Set

                from zenml.artifact_stores import BaseArtifactStore


                class HdfsStore(BaseArtifactStore):
                    FLAVOR = "hdfs"
                    SUPPORTED_SCHEMES: ClassVar[Set[str]] = {"hdfs://"}
                    endpoint: str = "namenode.local"


                PREFIXES = sorted(HdfsStore.SUPPORTED_SCHEMES)
                """
            ),
            count=1,
        ),
        Bad(  # a read on an instance of the class: its field is under the config (G1)
            _c(
                """
                from zenml.artifact_stores import BaseArtifactStore


                class HdfsStore(BaseArtifactStore):
                    FLAVOR = "hdfs"
                    endpoint: str = "namenode.local"


                def endpoint_of(store: HdfsStore) -> str:
                    return store.endpoint
                """
            ),
            count=1,
        ),
        Bad(  # a read on the zenml base a ported class derives from: where the stack's store is one (a TODO: it may be another)
            _c(
                """
                from zenml.artifact_stores import LocalArtifactStore
                from zenml.repository import Repository


                class TeamStore(LocalArtifactStore):
                    FLAVOR = "team_local"
                    team: str = "ml"


                def active_team() -> str:
                    return Repository().active_stack.artifact_store.team
                """
            ),
            count=1,
        ),
    ),
    good=(
        Good("class HdfsStore:\n    SUPPORTED_SCHEMES = {'hdfs://'}\n\n\nprint(HdfsStore.SUPPORTED_SCHEMES)\n"),
        Good(  # the orchestrator has no `team`, and no ported orchestrator has one either: not this port's
            "from zenml.artifact_stores import LocalArtifactStore\nfrom zenml.repository import Repository\n\n\n"
            "class TeamStore(LocalArtifactStore):\n    FLAVOR = 'team_local'\n    team: str = 'ml'\n\n\n"
            "print(Repository().active_stack.orchestrator.team, Repository().active_stack.artifact_store.path)\n"
        ),
        Good("class HdfsStore:\n    endpoint = 'x'\n\n\ndef endpoint_of(store: HdfsStore):\n    return store.endpoint\n"),
    ),
)
