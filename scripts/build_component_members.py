"""Regenerate rules/data/component_members.json from the real ZenML 0.13.2, 0.20.0 and 0.20.5 wheels.

    python scripts/build_component_members.py              # downloads the wheels (pip download)
    python scripts/build_component_members.py --wheels DIR # or uses wheels already in DIR

What a 0.13.2 program reads on a stack component (``Repository().active_stack.orchestrator``,
an argument typed ``BaseOrchestrator``, a ``KubeflowOrchestrator``) and 0.20 no longer has on
the component: in 0.13.2 a component was a pydantic model whose configuration were its own
fields (``orchestrator.kubeflow_hostname``) with its flavor in a ``FLAVOR`` class attribute;
in 0.20 the configuration is ``component.config.<field>`` and the flavor ``component.flavor``.

The wheels are read with stdlib ``ast`` (``build_zenml_signatures.VersionIndex``): the 0.13.2
fields of every component class (``rules/client.py`` COMPONENT_CLASSES), the component
properties of the 0.13.2 and 0.20 ``Stack``, and the members of the 0.20 implementation
classes. Which 0.20 config class takes over a 0.13.2 class, and its fields, come from
``rules/data/component_flavors.json`` (``build_component_flavors.py``, made by importing the
real flavors). Written:

* ``stack``: ``{0.13.2 Stack property: component type}`` for the components 0.20's ``Stack``
  still has (``metadata_store`` is gone and has its own rules);
* ``types``: per component type, ``{"base": 0.13.2 base class, "classes": [its 0.13.2 classes],
  "config": [fields], "gone": [fields]}``: a 0.13.2 field that no 0.20 implementation
  class of the type has as a member (in one 0.20 release at least) is in ``config`` when the
  0.20 config class of every 0.13.2 class that had it has it too (``component.config.<f>``
  reads the same value), else in ``gone`` (moved to settings, or removed);
* ``classes``: the same per 0.13.2 class (its flavor is known there): ``{"config", "gone"}``, and
  ``collides``: its own fields whose name every 0.20 component has with another meaning
  (``VertexOrchestrator.project``: the GCP project in 0.13.2, the ZenML project's id in 0.20);
* ``renamed``: members of every 0.13.2 component with a 0.20 successor (``FLAVOR`` ->
  ``flavor``, ``TYPE`` -> ``type``, ``uuid`` -> ``id``), checked to exist on the 0.20 base ``StackComponent``;
* ``component``: that base class (a component of any type: ``Repository().get_stack_components(...)``);
* ``class_flavors``: ``{0.13.2 component class: 0.20 Flavor class}`` where the class's 0.13.2
  ``FLAVOR`` string (read on the class, ``SagemakerStepOperator.FLAVOR``) equals the ``name`` of
  that Flavor in 0.20.0 and 0.20.5 (the string constants are followed through the modules);
* ``class_config_vars``: ``{0.13.2 component class: {class attribute: 0.20 config class}}`` for an
  upper-case class attribute (``S3ArtifactStore.SUPPORTED_SCHEMES``) that the 0.20 implementation
  class lacks and its 0.20 config class sets to the same literal value in 0.20.0 and 0.20.5.
"""

import ast
import json
import sys
from pathlib import Path
from typing import Dict, List, Optional, Set

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
from build_zenml_index import VERSIONS_020, wheel_for, wheels_folder  # noqa: E402
from build_zenml_signatures import VersionIndex  # noqa: E402

OUT = ROOT / "rules" / "data" / "component_members.json"
FLAVORS = ROOT / "rules" / "data" / "component_flavors.json"
STACK = "zenml.stack.stack.Stack"
COMPONENT = "zenml.stack.stack_component.StackComponent"
# 0.13.2 member -> 0.20 member of the same meaning (checked against the 0.20 wheels below)
RENAMED = {"FLAVOR": "flavor", "TYPE": "type", "uuid": "id"}


def fields_0132(index: VersionIndex, path: str) -> Set[str]:
    """The pydantic fields of a 0.13.2 class, its bases included."""
    out: Set[str] = set()
    for cls in index.mro(path):
        facts = index.facts.get(cls)
        if facts is not None:
            out |= {name for name, _ in facts.fields}
    return out


def stack_components(index: VersionIndex) -> List[str]:
    """The component keywords of ``Stack(...)`` (every property that holds a component)."""
    init = index.flat(STACK).get("i", "")
    return [p.rstrip("=") for p in init.split(",") if p and p not in ("*", "/") and p.rstrip("=") not in ("id", "name")]


def members_020(indexes: List[VersionIndex], path: str) -> List[Set[str]]:
    """Members of a 0.20 class in each release (empty where the release lacks it)."""
    return [set(ix.flat(path)["m"]) if ix.define(path) == path else set() for ix in indexes]


def string_value(index: VersionIndex, module: str, node: Optional[ast.expr], depth: int = 0) -> Optional[str]:
    """The string an expression of ``module`` evaluates to: a literal, or a module constant
    (followed through imports)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    scope = index.scopes.get(module)
    if not isinstance(node, ast.Name) or scope is None or depth > 5:
        return None
    if node.id in scope.assigned:
        return string_value(index, module, scope.assigned[node.id], depth + 1)
    source, _, name = scope.imports.get(node.id, "").rpartition(".")
    return string_value(index, source, ast.Name(name), depth + 1) if source else None


def _class_node(index: VersionIndex, path: str) -> Optional[ast.ClassDef]:
    module, _, name = path.rpartition(".")
    scope = index.scopes.get(module)
    return scope.classes.get(name) if scope is not None else None


def flavor_0132(index: VersionIndex, path: str) -> Optional[str]:
    """The ``FLAVOR`` string of a 0.13.2 component class (its own or a base's)."""
    for cls in index.mro(path):
        node = _class_node(index, cls)
        for stmt in node.body if node is not None else ():
            target = stmt.target if isinstance(stmt, ast.AnnAssign) else (stmt.targets[0] if isinstance(stmt, ast.Assign) else None)
            if isinstance(target, ast.Name) and target.id == "FLAVOR" and stmt.value is not None:
                return string_value(index, cls.rpartition(".")[0], stmt.value)
    return None


def class_var(index: VersionIndex, path: str, member: str):
    """The literal value of an upper-case class attribute (``SUPPORTED_SCHEMES: ClassVar[...] = {"s3://"}``)
    of a class or its bases; ``...`` when it is not a literal, None when no class sets it."""
    for cls in index.mro(path):
        node = _class_node(index, cls)
        for stmt in node.body if node is not None else ():
            target = stmt.target if isinstance(stmt, ast.AnnAssign) else (stmt.targets[0] if isinstance(stmt, ast.Assign) else None)
            if isinstance(target, ast.Name) and target.id == member and stmt.value is not None:
                try:
                    return ast.literal_eval(stmt.value)
                except ValueError:
                    pass
                # a display of string constants (``{GCP_PATH_PREFIX}``), followed through the modules
                items = stmt.value.elts if isinstance(stmt.value, (ast.Set, ast.List, ast.Tuple)) else None
                strings = [string_value(index, cls.rpartition(".")[0], e) for e in items or ()]
                if items is None or None in strings:
                    return ...
                kind = {ast.Set: set, ast.List: list, ast.Tuple: tuple}[type(stmt.value)]
                return kind(strings)
    return None


def own_class_vars(index: VersionIndex, path: str) -> Set[str]:
    """Upper-case class attributes a 0.13.2 class or its zenml bases set (``FLAVOR`` and ``TYPE`` aside)."""
    out: Set[str] = set()
    for cls in index.mro(path):
        node = _class_node(index, cls)
        for stmt in node.body if node is not None else ():
            target = stmt.target if isinstance(stmt, ast.AnnAssign) else (stmt.targets[0] if isinstance(stmt, ast.Assign) else None)
            if isinstance(target, ast.Name) and target.id.isupper() and stmt.value is not None:
                out.add(target.id)
    return out - set(RENAMED)


def flavor_name_020(index: VersionIndex, path: str) -> Optional[str]:
    """What the ``name`` property of a 0.20 Flavor class returns, when it is one string."""
    for cls in index.mro(path):
        node = _class_node(index, cls)
        for stmt in node.body if node is not None else ():
            if isinstance(stmt, ast.FunctionDef) and stmt.name == "name":
                returns = [n.value for n in ast.walk(stmt) if isinstance(n, ast.Return)]
                return string_value(index, cls.rpartition(".")[0], returns[0]) if len(returns) == 1 else None
    return None


def build(w013: Path, w020: List[Path]) -> dict:
    from zenml_migrate.rules.client import COMPONENT_CLASSES

    old = VersionIndex(w013)
    new = [VersionIndex(w) for w in w020]
    flavors = json.loads(FLAVORS.read_text())["classes"]
    kept = set(stack_components(new[0])) & set(stack_components(new[1]))
    stack = {p: p for p in stack_components(old) if p in kept}
    base_members = members_020(new, COMPONENT)
    base_fields = fields_0132(old, COMPONENT)
    renamed = {a: b for a, b in RENAMED.items() if all(b in m for m in base_members)}

    per_class: Dict[str, dict] = {}
    by_type: Dict[str, List[str]] = {}
    for path in sorted(COMPONENT_CLASSES):
        entry = flavors.get(path)
        if entry is None or entry.get("type") not in stack:
            continue
        by_type.setdefault(entry["type"], []).append(path)
    class_flavors = {}
    for paths in by_type.values():
        for path in paths:
            old_name, flavor = flavor_0132(old, path), flavors[path]["flavor"]
            if old_name and all(flavor_name_020(ix, flavor) == old_name for ix in new):
                class_flavors[path] = flavor
    # ``S3ArtifactStore.SUPPORTED_SCHEMES``: a class attribute the 0.20 component class lacks and
    # its 0.20 config class has with the same literal value in both releases
    class_config_vars: Dict[str, Dict[str, str]] = {}
    for paths in by_type.values():
        for path in paths:
            entry = flavors[path]
            for member in sorted(own_class_vars(old, path)):
                value = class_var(old, path, member)
                if value in (None, ...) or member not in entry["config_members"]:
                    continue
                if any(member in m for m in members_020(new, entry["implementation"])):
                    continue
                if all(class_var(ix, entry["config"], member) == value for ix in new):
                    class_config_vars.setdefault(path, {})[member] = entry["config"]
    out_types = {}
    for type_, paths in sorted(by_type.items()):
        base = next(p for p in paths if p.rpartition(".")[2].startswith("Base"))
        # what any 0.20 component of this type may have: the members of every implementation
        impls = {flavors[p]["implementation"] for p in paths} | {base}
        union = [set(), set()]
        for impl in impls:
            for v, members in enumerate(members_020(new, impl)):
                union[v] |= members
        config_of: Dict[str, List[bool]] = {}
        for path in paths:
            own = fields_0132(old, path) - {"name"} - set(RENAMED)
            config = set(flavors[path]["config_fields"])
            impl_members = members_020(new, flavors[path]["implementation"])
            moved = sorted(f for f in own if not all(f in m for m in impl_members) and not f.startswith("_"))
            per_class[path] = {
                "config": [f for f in moved if f in config],
                "gone": [f for f in moved if f not in config],
                # same name, other meaning: a member of every 0.20 component (``project``: the
                # ZenML project's id) where this 0.13.2 class had a field of its own (the GCP project)
                "collides": sorted(f for f in own if all(f in m for m in base_members) and f not in base_fields),
            }
            for f in own:
                config_of.setdefault(f, []).append(f in config)
        missing = sorted(f for f in config_of if not all(f in m for m in union))
        out_types[type_] = {
            "base": base,
            "classes": paths,
            "config": [f for f in missing if all(config_of[f])],
            "gone": [f for f in missing if not all(config_of[f])],
        }
    return {
        "versions": ["0.13.2", *VERSIONS_020],
        "renamed": renamed,
        "component": COMPONENT,
        "class_flavors": class_flavors,
        "class_config_vars": class_config_vars,
        "stack": stack,
        "types": out_types,
        "classes": per_class,
    }


def main() -> None:
    with wheels_folder(__doc__.splitlines()[0]) as wheels_dir:
        data = build(wheel_for("0.13.2", wheels_dir), [wheel_for(v, wheels_dir) for v in VERSIONS_020])
    OUT.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")
    print(f"wrote {OUT} ({len(data['types'])} component types, {len(data['classes'])} classes)")


if __name__ == "__main__":
    main()
