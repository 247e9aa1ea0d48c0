"""``registration_decorator:DropRegistration``: the 0.6-0.7 ``@register_stack_component_class``
decorator goes, with the imports only it read (the function and the 0.6 flavor enums); so do a
module-level registration call (``StackComponentClassRegistry.register_class(...)``,
``register_stack_component_class(...)(cls)``) and a component's 0.6 ``flavor`` property that
returns a flavor enum (ZenML 0.20 sets ``flavor`` on the instance: the property would fail when
the component is built), each commented out under a TODO.

ZenML 0.6-0.7 registered a custom stack component class in an in-process registry with
``@register_stack_component_class(StackComponentType.X, XFlavor.Y)``; 0.8 replaced that by flavors
registered in the store (``zenml <type> flavor register``), and neither the decorator nor the
flavor enums exist in 0.13.2 or 0.20 (ImportError: the module fails at import). The decorator
line goes; a TODO above the class says how 0.20 registers a flavor. The scan's check
(``rules/component_class_registry.drop_check``) marks fixable only decorator uses, registration
calls, ``flavor`` properties, the flavor enums read inside them, and imports whose every use is there.
"""

from typing import Optional

import libcst as cst

from zenml_migrate.codemods.whylogs_decorator import DropEnableWhylogs
from zenml_migrate.fix.local_names import codes_at, decorator_target

TODO_AFTER = (
    "in ZenML 0.20 a custom component needs a Flavor class, registered once with "
    "`zenml <component-type> flavor register <module>.<FlavorClass>`"
)
TODO = f"`@register_stack_component_class` (ZenML 0.6-0.7) is gone: {TODO_AFTER}"
CALL_TODO = f"this ZenML 0.6-0.7 registration is gone (commented out below): {TODO_AFTER}"
PROPERTY_TODO = (
    "the 0.6 `flavor` property (commented out below) cannot stay: ZenML 0.20 sets `flavor` on the component from "
    f"its Flavor class; {TODO_AFTER}"
)


class _Names(cst.CSTVisitor):
    def __init__(self):
        super().__init__()
        self.found = set()

    def visit_Name(self, node: cst.Name) -> None:
        self.found.add(node.value)


class _Flagged(cst.CSTVisitor):
    """Does a subtree hold a Name/Attribute this codemod's findings start at?"""

    def __init__(self, ctx):
        super().__init__()
        self.ctx, self.found, self.names = ctx, False, set()

    def visit_Name(self, node: cst.Name) -> None:
        self.names.add(node.value)
        self.found = self.found or bool(codes_at(self.ctx, node, exact=True))

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self.found = self.found or bool(codes_at(self.ctx, node, exact=True))


def _flagged(ctx, node: cst.CSTNode) -> _Flagged:
    visitor = _Flagged(ctx)
    node.visit(visitor)
    return visitor


class DropRegistration(DropEnableWhylogs):
    def _gone(self, original, updated, todo: str) -> cst.FlattenSentinel:
        """``updated`` commented out under a TODO, with the imports only it read."""
        self._locals |= _flagged(self.ctx, original).names  # the imports only it read go
        return self.ctx.comment_out(updated, self.ctx.todo_line(min(self.ctx.codes), todo))

    def leave_SimpleStatementLine(self, original: cst.SimpleStatementLine, updated: cst.SimpleStatementLine):
        """A module-level registration call (the scan flags only such a statement's names)."""
        if len(original.body) == 1 and isinstance(original.body[0], cst.Expr) and isinstance(original.body[0].value, cst.Call):
            call = original.body[0].value
            func = call.func.func if isinstance(call.func, cst.Call) else call.func
            if _flagged(self.ctx, func).found:
                return self._gone(original, updated, CALL_TODO)
        return updated

    def _strip(self, original, updated) -> Optional[cst.CSTNode]:
        stripped = self._without_decorator(original, updated)
        if stripped is None:
            return None
        for dec in original.decorators:
            if codes_at(self.ctx, decorator_target(dec)):
                names = _Names()
                dec.decorator.visit(names)
                self._locals |= names.found  # the flavor enums it read: their imports go when unused
        comment = self.ctx.todo_line(min(self.ctx.codes), TODO)
        return stripped.with_changes(leading_lines=[*stripped.leading_lines, comment])

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef):
        if original.name.value == "flavor" and any(
            isinstance(d.decorator, cst.Name) and d.decorator.value == "property" for d in original.decorators
        ) and _flagged(self.ctx, original).found:
            return self._gone(original, updated, PROPERTY_TODO)
        return self._strip(original, updated) or updated

    def leave_ClassDef(self, original: cst.ClassDef, updated: cst.ClassDef):
        return self._strip(original, updated) or updated
