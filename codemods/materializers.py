"""ZM210: ``.with_return_materializers(M)`` -> ``configure(output_materializers=M)``, chained out.

In every 0.20.x, ``with_return_materializers(M)`` is ``self.configure(output_materializers=M);
return self``. ``configure()`` itself returns None on 0.20.0 (``self`` on 0.20.5), so the
tempting ``x = s().configure(output_materializers=M)`` binds None on 0.20.0, and passing
``output_materializers=`` to the step *instance* is ignored on 0.20.0. The only forms that
behave the same on every 0.20.x call ``configure`` as a statement of its own:

* ``s.with_return_materializers(M)``      -> ``s.configure(output_materializers=M)``
* ``x = s().with_return_materializers(M)`` -> ``x = s()`` and, on the next line,
  ``x.configure(output_materializers=M)`` (same indentation; ``; `` inside a one-line suite)

Anywhere else (e.g. ``p(trainer=trainer().with_return_materializers(M))``) the value of the
call is used in place, and no statement form keeps the evaluation order exactly, so the
code is left as it is (it still works on 0.20.x, with a deprecation log) with a TODO that
says to bind the step to a name first. Moving ``output_materializers=`` into the ``@step``
decorator was not chosen: it would change every other instance of that step as well, and
the materializer class must then exist when the step is defined.
"""

from typing import List, Optional, Set

import libcst as cst

from zenml_migrate.codemods import call_args as ca
from zenml_migrate.codemods.base import Codemod
from zenml_migrate.codemods.local_names import codes_at

RULE = "ZM210"
METHOD = "with_return_materializers"


class ReturnMaterializers(Codemod):
    rules = (RULE,)

    def visit_Module(self, node: cst.Module) -> None:
        self.statement_level: Set[int] = set()

    def _flagged(self, node: cst.BaseExpression) -> bool:
        return (
            isinstance(node, cst.Call)
            and isinstance(node.func, cst.Attribute)
            and node.func.attr.value == METHOD
            and len(node.args) == 1
            and not node.args[0].star
            and _keyword(node.args[0]) in ("", "materializers")
            and bool(codes_at(self.ctx, node.func, exact=True))
        )

    def _visit_statements(self, body) -> None:
        for small in body:
            value = _rewritable_value(small)
            if value is not None and self._flagged(value):
                self.statement_level.add(id(value))

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        self._visit_statements(node.body)

    def visit_SimpleStatementSuite(self, node: cst.SimpleStatementSuite) -> None:
        self._visit_statements(node.body)

    def _rewrite(self, original_body, body) -> Optional[List[List[cst.BaseSmallStatement]]]:
        """Per small statement: the statements replacing it (None when nothing changed)."""
        out, changed = [], False
        for before, after in zip(original_body, body):
            value = _rewritable_value(before)
            if value is None or id(value) not in self.statement_level:
                out.append([after])
                continue
            changed = True
            call = _rewritable_value(after)
            receiver, materializers = call.func.value, call.args[0].value
            if isinstance(after, cst.Expr):
                out.append([after.with_changes(value=_configure(receiver, materializers))])
            else:
                name = after.targets[0].target if isinstance(after, cst.Assign) else after.target
                bound = after.with_changes(value=receiver, semicolon=cst.MaybeSentinel.DEFAULT)
                out.append([bound, cst.Expr(_configure(name, materializers), semicolon=after.semicolon)])
        return out if changed else None

    def leave_SimpleStatementLine(self, original, updated):
        groups = self._rewrite(original.body, updated.body)
        if groups is None:
            return updated
        if len(groups) == 1 and len(groups[0]) == 2:  # `x = s().with_...(M)` alone: two lines
            first, second = groups[0]
            return cst.FlattenSentinel(
                [updated.with_changes(body=[first]), cst.SimpleStatementLine(body=[second])]
            )
        return updated.with_changes(body=_joined(groups))

    def leave_SimpleStatementSuite(self, original, updated):
        groups = self._rewrite(original.body, updated.body)
        return updated if groups is None else updated.with_changes(body=_joined(groups))


def _keyword(arg: cst.Arg) -> str:
    return arg.keyword.value if arg.keyword is not None else ""


def _rewritable_value(small: cst.CSTNode) -> Optional[cst.BaseExpression]:
    """The value of ``E`` / ``name = E`` / ``name: T = E``; None for any other statement."""
    if isinstance(small, cst.Expr):
        return small.value
    if isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name):
        return small.value
    if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name) and small.value is not None:
        return small.value
    return None


def _configure(receiver: cst.BaseExpression, materializers: cst.BaseExpression) -> cst.Call:
    func = cst.Attribute(value=receiver, attr=cst.Name("configure"))
    return cst.Call(func=func, args=[ca.kwarg("output_materializers", materializers)])


def _joined(groups) -> List[cst.BaseSmallStatement]:
    flat = [s for group in groups for s in group]
    semi = cst.Semicolon(whitespace_after=cst.SimpleWhitespace(" "))
    return [s if i == len(flat) - 1 or isinstance(s.semicolon, cst.Semicolon) else s.with_changes(semicolon=semi) for i, s in enumerate(flat)]
