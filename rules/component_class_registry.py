"""ZM447: the ZenML 0.6-0.7 ``@register_stack_component_class(type, flavor)`` decorator (and its
call form ``StackComponentClassRegistry.register_class(...)``), the 0.6 flavor enums
(``ArtifactStoreFlavor``, ``OrchestratorFlavor``, ...) it was called with, and a component's 0.6
``flavor`` property returning one of them."""

import ast
from typing import Optional

from zenml_migrate.rules.base import Bad, Fix, Good, Ref, Rule, snippet as _c
from zenml_migrate.scan.fix_checks import drops_decorator
from zenml_migrate.scan.zenml_index import legacy_names_of

# ``@register_stack_component_class(...)`` goes with its arguments
drops_decorator("registration_decorator:DropRegistration", with_arguments=True)

REGISTER = "zenml.stack.stack_component_class_registry.register_stack_component_class"
REGISTRY = "zenml.stack.stack_component_class_registry.StackComponentClassRegistry"
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


def _statement_of(node: ast.AST, site) -> Optional[ast.AST]:
    while node is not None and not isinstance(node, ast.stmt):
        node = site.parent(node)
    return node


def _registers(call: ast.AST, site) -> bool:
    """``StackComponentClassRegistry.register_class(...)`` or ``register_stack_component_class(...)(cls)``."""
    if not isinstance(call, ast.Call):
        return False
    if isinstance(call.func, ast.Call):
        return site.resolve(call.func.func) == REGISTER
    return site.resolve(call.func) == f"{REGISTRY}.register_class"


def _registration_call(node: ast.AST, site) -> Optional[ast.stmt]:
    """The module-level statement ``node`` is in when that statement is only a registration call."""
    stmt = _statement_of(node, site)
    if isinstance(stmt, ast.Expr) and site.parent(stmt) is site.module and _registers(stmt.value, site):
        return stmt
    return None


def _flavor_property(node: ast.AST, site) -> Optional[ast.FunctionDef]:
    """The 0.6 ``flavor`` property of a class that ``node`` is in (ZenML 0.20 sets ``flavor`` on the
    instance from the component's Flavor: a property of that name fails when the component is built)."""
    stmt = _statement_of(node, site)
    while stmt is not None and not isinstance(stmt, ast.FunctionDef):
        stmt = _statement_of(site.parent(stmt), site)
    if stmt is None or stmt.name != "flavor" or not isinstance(site.parent(stmt), ast.ClassDef):
        return None
    if not any(isinstance(d, ast.Name) and d.id == "property" for d in stmt.decorator_list):
        return None
    return stmt


def _goes(node: ast.AST, site) -> bool:
    """``node`` is in a registration (decorator or call) or a 0.6 ``flavor`` property: they go."""
    return any(found(node, site) is not None for found in (_registration, _registration_call, _flavor_property))


OUTSIDE = (
    "used outside a `@register_stack_component_class(...)` decorator, a registration call or a `flavor` property: "
    "port this code by hand"
)


def drop_check(node: ast.AST, site) -> Optional[str]:
    """Fixable: a registration decorator or call (and the flavor enums read in it), a component's
    ``flavor`` property reading a flavor enum, and an import whose every use in the module is in one."""
    if isinstance(node, (ast.Name, ast.Attribute)):
        return None if _goes(node, site) else OUTSIDE
    if isinstance(node, ast.alias):
        local = (node.asname or node.name).split(".")[0]
        for use in ast.walk(site.module):
            if isinstance(use, ast.Name) and use.id == local and not _goes(use, site):
                return OUTSIDE
        return None
    return "not an import line or a registration decorator: port this code by hand"


ZM447 = Rule(
    code="ZM447",
    name="register-stack-component-class",
    message="`@register_stack_component_class`, `StackComponentClassRegistry` and the flavor enums of ZenML 0.6-0.7 "
    "are gone in ZenML 0.20",
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
    "registers a flavor; a module-level `StackComponentClassRegistry.register_class(...)` call and a component's "
    "`flavor` property returning a flavor enum (0.20 sets `flavor` on the instance) are commented out under a TODO. "
    "On ZenML 0.20 the module failed at import, so nothing that worked there changes. Other uses of the names keep "
    "their TODO.",
    codemod="registration_decorator:DropRegistration",
    fix_check=drop_check,
    todo="`@register_stack_component_class` and the 0.6 flavor enums are gone in ZenML 0.20: give the component a "
    "Flavor class and register it with `zenml <component-type> flavor register`",
    match=(Ref(REGISTER), Ref(REGISTRY), *(Ref(path) for path in FLAVOR_ENUMS)),
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
        Bad(  # the registry's call form and the component's 0.6 ``flavor`` property go too
            _c(
                """
                from zenml.enums import OrchestratorFlavor, StackComponentType
                from zenml.orchestrators import LocalOrchestrator
                from zenml.stack.stack_component_class_registry import StackComponentClassRegistry


                class TracedOrchestrator(LocalOrchestrator):
                    @property
                    def flavor(self) -> OrchestratorFlavor:
                        return OrchestratorFlavor.LOCAL

                    def trace(self):
                        return "traced"


                StackComponentClassRegistry.register_class(
                    component_type=StackComponentType.ORCHESTRATOR,
                    component_flavor=OrchestratorFlavor.LOCAL,
                    component_class=TracedOrchestrator,
                )
                """
            ),
            fixed=_c(
                """
                from zenml.orchestrators import LocalOrchestrator


                class TracedOrchestrator(LocalOrchestrator):
                    # TODO(zenml-migrate): ZM447 the 0.6 `flavor` property (commented out below) cannot stay: ZenML 0.20 sets `flavor` on the component from its Flavor class; in ZenML 0.20 a custom component needs a Flavor class, registered once with `zenml <component-type> flavor register <module>.<FlavorClass>`
                    # @property
                    # def flavor(self) -> OrchestratorFlavor:
                    #     return OrchestratorFlavor.LOCAL

                    def trace(self):
                        return "traced"


                # TODO(zenml-migrate): ZM447 this ZenML 0.6-0.7 registration is gone (commented out below): in ZenML 0.20 a custom component needs a Flavor class, registered once with `zenml <component-type> flavor register <module>.<FlavorClass>`
                # StackComponentClassRegistry.register_class(
                #     component_type=StackComponentType.ORCHESTRATOR,
                #     component_flavor=OrchestratorFlavor.LOCAL,
                #     component_class=TracedOrchestrator,
                # )
                """
            ),
            count=6,
        ),
    ),
    good=(
        Good("class Plain:\n    @property\n    def flavor(self):\n        return 'local'\n"),
        Good("from zenml.enums import StackComponentType\n\nKIND = StackComponentType.ORCHESTRATOR\n"),
        Good("def register_stack_component_class(*a):\n    return lambda c: c\n\n\n@register_stack_component_class(1, 2)\nclass A:\n    pass\n"),
    ),
)
