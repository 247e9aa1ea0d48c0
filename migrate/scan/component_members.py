"""What a 0.13.2 program read on a stack component that a 0.20 component no longer has, from
``rules/data/component_members.json`` (generated from the real wheels by
``scripts/build_component_members.py``).

A component is reached as ``zenml.stack.stack.Stack().<property>`` (``active_stack``,
``StepContext().stack``) or as an instance of a 0.13.2 component class (an annotated argument);
the paths below are the detector's (see ``rules/base.py``).
"""

from functools import lru_cache
from typing import Dict, Iterator, Tuple

from zenml_migrate.scan import api013
from zenml_migrate.scan.data_files import rules_data


@lru_cache(maxsize=None)
def _data() -> dict:
    return rules_data("component_members.json")


def renamed() -> Dict[str, str]:
    """``{0.13.2 member: 0.20 member}`` of every component (``FLAVOR`` -> ``flavor``)."""
    return dict(_data()["renamed"])


def types() -> Dict[str, dict]:
    """``{component type: {"base": path, "classes": [0.13.2 zenml classes of the type], ...}}``."""
    return _data()["types"]


def component() -> str:
    """The path of ``StackComponent``, every component class's base."""
    return _data()["component"]


def owners() -> Iterator[Tuple[str, dict]]:
    """``(path of a component, {"config": [...], "gone": [...]})`` for every way a component is
    reached: a stack property and the type's base class (any flavor of the type: the type's
    fields), a concrete 0.13.2 class (its own fields), ``StackComponent`` (any type: only the
    members every component renamed)."""
    data = _data()
    yield f"{data['component']}()", {"config": [], "gone": []}
    for prop, type_ in sorted(data["stack"].items()):
        yield f"{api013.STACK}.{prop}", data["types"][type_]
    for type_, entry in sorted(data["types"].items()):
        yield f"{entry['base']}()", entry
        for path in entry["classes"]:
            if path != entry["base"]:
                yield f"{path}()", data["classes"][path]


def member_paths(kind: str) -> Tuple[str, ...]:
    """Every ``<component>.<member>`` path of one kind: ``renamed`` (a 0.20 successor),
    ``config`` (a field of the 0.20 config) or ``gone`` (on neither)."""
    out = set()
    for owner, entry in owners():
        members = renamed() if kind == "renamed" else entry[kind]
        out.update(f"{owner}.{m}" for m in members)
    return tuple(sorted(out))


def config_fields() -> Tuple[str, ...]:
    """Every field some 0.20 config class has where a 0.13.2 component had it."""
    return tuple(sorted({f for _, entry in owners() for f in entry["config"]}))


def class_flavors() -> Dict[str, str]:
    """``{0.13.2 component class: its 0.20 Flavor class}`` where the class's ``FLAVOR`` string is
    that Flavor's ``name`` in 0.20.0 and 0.20.5."""
    return dict(_data()["class_flavors"])


def class_config_vars() -> Dict[str, Dict[str, str]]:
    """``{0.13.2 component class: {class attribute: 0.20 config class}}`` where the attribute
    (``S3ArtifactStore.SUPPORTED_SCHEMES``) moved to the config class with the same value."""
    return {c: dict(v) for c, v in _data()["class_config_vars"].items()}


def collision_paths() -> Tuple[str, ...]:
    """Every ``<component>.<field>`` path where a 0.13.2 class had a field of its own that every
    0.20 component has with another meaning (``VertexOrchestrator().project``): on the class, and
    on its type's stack property and base class (in 0.13.2 only that class had the field)."""
    data = _data()
    out = set()
    for type_, entry in data["types"].items():
        props = [p for p, t in data["stack"].items() if t == type_]
        for path in entry["classes"]:
            for field in data["classes"].get(path, {}).get("collides", ()):
                owners = [f"{path}()", f"{entry['base']}()"] + [f"{api013.STACK}.{p}" for p in props]
                out.update(f"{owner}.{field}" for owner in owners)
    return tuple(sorted(out))
