"""``registration_decorator:DropRegistration``: the 0.6-0.7 ``@register_stack_component_class``
decorator goes, with the imports only it read (the function and the 0.6 flavor enums).

ZenML 0.6-0.7 registered a custom stack component class in an in-process registry with
``@register_stack_component_class(StackComponentType.X, XFlavor.Y)``; 0.8 replaced that by flavors
registered in the store (``zenml <type> flavor register``), and neither the decorator nor the
flavor enums exist in 0.13.2 or 0.20 (ImportError: the module fails at import). The decorator
line goes; a TODO above the class says how 0.20 registers a flavor. The scan's check
(``rules/component_class_registry.drop_check``) marks fixable only decorator uses, the flavor
enums read inside them, and imports whose every use is there.
"""

from typing import Optional

import libcst as cst

from zenml_migrate.codemods.whylogs_decorator import DropEnableWhylogs
from zenml_migrate.fix.local_names import codes_at, decorator_target
from zenml_migrate.fix.todo import PREFIX as TODO_PREFIX

TODO = (
    "`@register_stack_component_class` (ZenML 0.6-0.7) is gone: in ZenML 0.20 a custom component needs a Flavor "
    "class, registered once with `zenml <component-type> flavor register <module>.<FlavorClass>`"
)


class _Names(cst.CSTVisitor):
    def __init__(self):
        super().__init__()
        self.found = set()

    def visit_Name(self, node: cst.Name) -> None:
        self.found.add(node.value)


class DropRegistration(DropEnableWhylogs):
    def _strip(self, original, updated) -> Optional[cst.CSTNode]:
        stripped = self._without_decorator(original, updated)
        if stripped is None:
            return None
        for dec in original.decorators:
            if codes_at(self.ctx, decorator_target(dec)):
                names = _Names()
                dec.decorator.visit(names)
                self._locals |= names.found  # the flavor enums it read: their imports go when unused
        code = min(self.ctx.codes)
        comment = cst.EmptyLine(indent=True, comment=cst.Comment(f"{TODO_PREFIX}{code} {TODO}"))
        self.ctx.wrote_todo(code, TODO)
        return stripped.with_changes(leading_lines=[*stripped.leading_lines, comment])

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef):
        return self._strip(original, updated) or updated

    def leave_ClassDef(self, original: cst.ClassDef, updated: cst.ClassDef):
        return self._strip(original, updated) or updated
