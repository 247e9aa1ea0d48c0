"""ZM447: the ZenML 0.6-0.7 ``@register_stack_component_class(type, flavor)`` decorator and the
0.6 flavor enums (``ArtifactStoreFlavor``, ``OrchestratorFlavor``, ...) it was called with."""

import ast
from typing import Optional

from zenml_migrate.rules.base import Bad, Fix, Good, Ref, Rule, snippet as _c
from zenml_migrate.scan.zenml_index import legacy_names_of

REGISTER = "zenml.stack.stack_component_class_registry.register_stack_component_class"
# the 0.6 flavor enums (``zenml.enums.ArtifactStoreFlavor``, ...; 0.7 made the flavor a class
# variable), from the index generated from the real old wheels (scripts/build_zenml_legacy.py)
FLAVOR_ENUMS = tuple(f"zenml.enums.{name}" for name in legacy_names_of("zenml.enums") if name.endswith("Flavor"))


def _registration(node: ast.AST, site) -> Optional[ast.AST]:
    """The ``@register_stack_component_class(...)`` decorator ``node`` is (the Name) or is inside."""
    child = node
    parent = site.parent(child)
    while parent is not None and not isinstance(parent, ast.stmt):
        child, parent = parent, site.parent(parent)
    if not isinstance(parent, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) or child not in parent.decorator_list:
        return None
    target = child.func if isinstance(child, ast.Call) else child
    return child if site.resolve(target) == REGISTER else None


OUTSIDE = "used outside a `@register_stack_component_class(...)` decorator: port this code by hand"


def drop_check(node: ast.AST, site) -> Optional[str]:
    """Fixable: a registration decorator (and the flavor enums read in it), and an import whose
    every use in the module is in one."""
    if isinstance(node, (ast.Name, ast.Attribute)):
        return None if _registration(node, site) is not None else OUTSIDE
    if isinstance(node, ast.alias):
        local = (node.asname or node.name).split(".")[0]
        for use in ast.walk(site.module):
            if isinstance(use, ast.Name) and use.id == local and _registration(use, site) is None:
                return OUTSIDE
        return None
    return "not an import line or a registration decorator: port this code by hand"


ZM447 = Rule(
    code="ZM447",
    name="register-stack-component-class",
    message="`@register_stack_component_class` and the flavor enums of ZenML 0.6-0.7 are gone in ZenML 0.20",
    why=(
        "ZenML 0.6-0.7 registered a custom stack component class in an in-process registry with "
        "`@register_stack_component_class(StackComponentType.X, XFlavor.Y)` "
        "(`zenml.stack.stack_component_class_registry`, with the flavor enums `zenml.enums.ArtifactStoreFlavor`, "
        "`OrchestratorFlavor`, ...). 0.8 made flavors store entries registered by the CLI; neither the decorator nor "
        "the enums exist in 0.13.2 or 0.20 (ImportError: the module fails at import)."
    ),
    instead="Give the component a 0.20 Flavor class and register it once with "
    "`zenml <component-type> flavor register <module>.<FlavorClass>`.",
    fix=Fix.SAFE,
    fix_note="Safe: the decorator goes (with the imports only it read) and a TODO above the class says how 0.20 "
    "registers a flavor. On ZenML 0.20 the module failed at import, so nothing that worked there changes. Other uses "
    "of the names keep their TODO.",
    codemod="registration_decorator:DropRegistration",
    fix_check=drop_check,
    todo="`@register_stack_component_class` and the 0.6 flavor enums are gone in ZenML 0.20: give the component a "
    "Flavor class and register it with `zenml <component-type> flavor register`",
    match=(Ref(REGISTER), *(Ref(path) for path in FLAVOR_ENUMS)),
    bad=(
        Bad(
            _c(
                """
                from zenml.enums import ArtifactStoreFlavor, StackComponentType
                from zenml.stack.stack_component_class_registry import register_stack_component_class


                @register_stack_component_class(StackComponentType.ARTIFACT_STORE, ArtifactStoreFlavor.LOCAL)
                class AuditedStore:
                    audit = True
                """
            ),
            fixed=_c(
                """
                # TODO(zenml-migrate): ZM447 `@register_stack_component_class` (ZenML 0.6-0.7) is gone: in ZenML 0.20 a custom component needs a Flavor class, registered once with `zenml <component-type> flavor register <module>.<FlavorClass>`
                class AuditedStore:
                    audit = True
                """
            ),
            count=4,
        ),
        Bad(  # a removed member read in the decorator (ZM113) goes with it: no TODO of its own is left
            _c(
                """
                from zenml.enums import MetadataStoreFlavor, StackComponentType
                from zenml.stack import stack_component_class_registry as registry


                @registry.register_stack_component_class(StackComponentType.METADATA_STORE, MetadataStoreFlavor.MYSQL)
                class TeamMetadata:
                    host = "db"
                """
            ),
            fixed=_c(
                """
                # TODO(zenml-migrate): ZM447 `@register_stack_component_class` (ZenML 0.6-0.7) is gone: in ZenML 0.20 a custom component needs a Flavor class, registered once with `zenml <component-type> flavor register <module>.<FlavorClass>`
                class TeamMetadata:
                    host = "db"
                """
            ),
            count=3,
        ),
        Bad(  # a flavor enum used elsewhere too: that use keeps its TODO, the decorator goes
            _c(
                """
                from zenml.enums import OrchestratorFlavor, StackComponentType
                from zenml.stack.stack_component_class_registry import register_stack_component_class as register

                DEFAULT = OrchestratorFlavor.LOCAL


                @register(component_type=StackComponentType.ORCHESTRATOR, component_flavor=OrchestratorFlavor.LOCAL)
                class Noop:
                    pass
                """
            ),
            count=5,
        ),
    ),
    good=(
        Good("from zenml.enums import StackComponentType\n\nKIND = StackComponentType.ORCHESTRATOR\n"),
        Good("def register_stack_component_class(*a):\n    return lambda c: c\n\n\n@register_stack_component_class(1, 2)\nclass A:\n    pass\n"),
    ),
)
