"""``string_targets:RewriteStringTargets``: a zenml path spelled as a string (a mock/monkeypatch
target, a ``module:name`` import string) becomes its 0.20 spelling (``rules/string_targets.spelling_020``); the quotes and any
string prefix are kept. A ``("zenml.module", "Name")`` pair gets the 0.20 module and name, each
in its own quotes."""

import ast

import libcst as cst

from zenml_migrate.fix.codemod import Codemod


class RewriteStringTargets(Codemod):
    whole_tree = False

    def leave_SimpleString(self, original: cst.SimpleString, updated: cst.SimpleString) -> cst.BaseExpression:
        from zenml_migrate.rules.string_targets import as_path, respelled, spelling_020

        if not self.ctx.at(original, exact=True):
            return updated
        value = ast.literal_eval(original.value)
        new, fixable = spelling_020(as_path(value))
        if not new or not fixable:
            return updated
        new = respelled(value, new)
        quote = original.quote
        prefix = original.prefix
        return updated.with_changes(value=f"{prefix}{quote}{new}{quote}")

    def leave_Tuple(self, original: cst.Tuple, updated: cst.Tuple) -> cst.BaseExpression:
        from zenml_migrate.rules.string_targets import spelling_020

        if len(original.elements) != 2:
            return updated
        last = self.ctx.position(original.elements[-1].value)  # the finding spans the strings (rules/string_targets._span)
        if last is None or not any((f.span.end_line, f.span.end_column) == (last.end.line, last.end.column + 1) for f in self.ctx.at(original)):
            return updated
        strings = [e.value for e in updated.elements]
        if not all(isinstance(v, cst.SimpleString) for v in strings):
            return updated
        new, fixable = spelling_020(".".join(ast.literal_eval(v.value) for v in strings))
        if not new or not fixable:
            return updated
        parts = new.rpartition(".")[::2]
        return updated.with_changes(elements=[
            e.with_changes(value=v.with_changes(value=f"{v.prefix}{v.quote}{text}{v.quote}"))
            for e, v, text in zip(updated.elements, strings, parts)
        ])
