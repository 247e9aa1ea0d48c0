"""``string_targets:RewriteStringTargets``: a zenml path spelled as a string (a mock/monkeypatch
target, a ``module:name`` import string) becomes its 0.20 spelling; the quotes and any string
prefix are kept. A ``("zenml.module", "Name")`` pair gets the 0.20 module and name, each in its
own quotes. What to write is the scan's (``rules/string_targets.py``: the finding's ``fix_args``,
``TO``); this codemod decides nothing again."""

import libcst as cst

from zenml_migrate.fix.codemod import Codemod
from zenml_migrate.rules.string_targets import TO


class RewriteStringTargets(Codemod):
    whole_tree = False

    def leave_SimpleString(self, original: cst.SimpleString, updated: cst.SimpleString) -> cst.BaseExpression:
        new = next((f.arg(TO) for f in self.ctx.at(original, exact=True) if isinstance(f.arg(TO), str)), None)
        if new is None:
            return updated
        return updated.with_changes(value=f"{original.prefix}{original.quote}{new}{original.quote}")

    def leave_Tuple(self, original: cst.Tuple, updated: cst.Tuple) -> cst.BaseExpression:
        if len(original.elements) != 2:
            return updated
        last = self.ctx.position(original.elements[-1].value)  # the finding spans the strings (rules/string_targets._span)
        if last is None:
            return updated
        parts = next((f.arg(TO) for f in self.ctx.at(original) if (f.span.end_line, f.span.end_column) == (last.end.line, last.end.column + 1)
                      and isinstance(f.arg(TO), (list, tuple))), None)
        strings = [e.value for e in updated.elements]
        if parts is None or not all(isinstance(v, cst.SimpleString) for v in strings):
            return updated
        return updated.with_changes(elements=[
            e.with_changes(value=v.with_changes(value=f"{v.prefix}{v.quote}{text}{v.quote}"))
            for e, v, text in zip(updated.elements, strings, parts)
        ])
