"""``string_targets:RewriteStringTargets``: a zenml path spelled as a string (a mock/monkeypatch
target, a ``module:name`` import string) becomes its 0.20 spelling (``rules/string_targets.spelling_020``); the quotes and any
string prefix are kept."""

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
