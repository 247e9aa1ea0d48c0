"""``flavor_wrappers:FlavorClasses``: ``FlavorWrapper(source="m.C", ...)`` (or
``FlavorWrapper.from_flavor(C)``, ``C`` defined or imported in the module) -> the 0.20 Flavor class ``CFlavor``.

The finding is the ``source=`` keyword of each wrapper in an ``Integration.flavors()`` method;
the scan's check (``rules/flavor_wrappers.wrapper_check``) marks them fixable only when every
``FlavorWrapper`` of the method can go. The codemod replaces each flagged call by the name of
its Flavor class, imports those classes at the top of the method (lazily, as ZenML 0.20's own
integrations do: the Flavor modules import the integration's SDK), and gives the method the
0.20 annotation ``List[Type[Flavor]]`` when its annotation named ``FlavorWrapper``. The
``FlavorWrapper`` import goes when no use is left.
"""

import ast
from typing import Dict, List, Optional

import libcst as cst

from zenml_migrate.fix.codemod import Codemod
from zenml_migrate.rules.flavor_wrappers import FROM_FLAVOR, SOURCE, SOURCE_AT

WRAPPER_SUFFIX = ".FlavorWrapper"


class FlavorClasses(Codemod):
    whole_tree = False

    def __init__(self, ctx):
        super().__init__(ctx)
        self._functions: List[Dict[str, str]] = []  # per enclosing function: Flavor class -> module
        self._wrappers: set = set()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._functions.append({})

    def leave_Call(self, original: cst.Call, updated: cst.Call):
        source = self._flagged_source(original)
        if source is None or not self._functions:
            return updated
        module, _, name = source.rpartition(".")
        flavor = f"{name}Flavor"
        self._functions[-1][flavor] = module
        func = original.func.value if isinstance(original.func, cst.Attribute) else original.func
        if isinstance(func, cst.Name):
            self._wrappers.add(func.value)
        return cst.Name(flavor)

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef):
        flavors = self._functions.pop() if self._functions else {}
        if not flavors:
            return updated
        imports = [
            cst.parse_statement(f"from {module} import {', '.join(sorted(n for n, m in flavors.items() if m == module))}")
            for module in sorted(set(flavors.values()))
        ]
        body = list(updated.body.body)
        at = 1 if body and _is_docstring(body[0]) else 0
        if at < len(body):  # a blank line between the imports and the code
            body[at] = body[at].with_changes(leading_lines=[cst.EmptyLine(indent=False), *body[at].leading_lines])
        updated = updated.with_changes(body=updated.body.with_changes(body=body[:at] + imports + body[at:]))
        if original.returns is not None and self._names_wrapper(original.returns.annotation):
            annotation = f"{self._typing('List')}[{self._typing('Type')}[{self.ctx.add_import('zenml.stack', 'Flavor')}]]"
            updated = updated.with_changes(returns=cst.Annotation(cst.parse_expression(annotation)))
        for local in sorted(self._wrappers):
            self.ctx.drop_import_if_unused(local)
        return updated

    def _typing(self, name: str) -> str:
        """The local name of ``typing.<name>`` (its module-level ``from typing import`` binding, or a new one)."""
        for statement in self.ctx.detector.tree.body:
            if isinstance(statement, ast.ImportFrom) and statement.module == "typing" and statement.level == 0:
                for alias in statement.names:
                    if alias.name == name:
                        return alias.asname or name
        return self.ctx.add_import("typing", name)

    def _flagged_source(self, call: cst.Call) -> Optional[str]:
        """The source the scan found for ``call`` (``rules/flavor_wrappers.SOURCE``), on the finding
        of its ``source=`` keyword or third positional argument (``SOURCE_AT``), or of the class
        of ``FlavorWrapper.from_flavor(Class)``."""
        if isinstance(call.func, cst.Attribute) and call.func.attr.value == FROM_FLAVOR:
            flagged = [call.args[0].value] if len(call.args) == 1 else []
        else:
            flagged = [arg for i, arg in enumerate(call.args)
                       if (arg.keyword is not None and arg.keyword.value == "source") or (arg.keyword is None and not arg.star and i == SOURCE_AT)]
        for node in flagged:
            for finding in self.ctx.at(node):
                source = finding.arg(SOURCE)
                if isinstance(source, str):
                    return source
        return None

    def _names_wrapper(self, annotation: cst.BaseExpression) -> bool:
        found: List[bool] = []

        class _Names(cst.CSTVisitor):
            def visit_Name(inner, node: cst.Name) -> None:
                path = self.ctx.binding(node.value)
                if path and path.endswith(WRAPPER_SUFFIX):
                    found.append(True)

        annotation.visit(_Names())
        return bool(found)


def _is_docstring(statement: cst.CSTNode) -> bool:
    return (isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1
            and isinstance(statement.body[0], cst.Expr) and isinstance(statement.body[0].value, (cst.SimpleString, cst.ConcatenatedString)))
