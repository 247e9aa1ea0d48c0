"""``clones:CloneToSubclass``: ``Copy = clone_step(Step, "Copy")`` -> ``class Copy(Step): ...``.

``clone_step`` (gone in ZenML 0.20.5) made a subclass of the step named ``Copy`` in the
calling module (``type(name, (step,), {...})``), so that one pipeline can use the same step
twice under two names. A class statement whose body is the namespace ``clone_step`` gave
(the rule's ``fix_args``) is the same class in every 0.20.x. Only a module-level statement
``NAME = clone_step(STEP, "LITERAL")`` is rewritten (when ``NAME`` differs from the literal,
``NAME = LITERAL`` follows the class); the ``clone_step`` import goes when nothing uses it
any more. Any other call ``clone_step(STEP, NAME)`` becomes the expression that makes
and registers the same class.

``fix_args``: ``("body", "...")``: the lines of the class body, ``{step}`` is the cloned step;
``("expression", "...")``: what any other flagged call becomes (``{step}``, ``{name}``: its
arguments).
"""

from typing import List, Optional, Union

import libcst as cst

from zenml_migrate.fix.codemod import Codemod
from zenml_migrate.fix.local_names import codes_at, drop_unused_imports, root_name


class CloneToSubclass(Codemod):
    whole_tree = False  # only edits nodes inside statements that hold its findings (migrate/fix/codemod.py)

    def visit_Module(self, node: cst.Module) -> None:
        self.dropped = set()

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        """Any other flagged ``clone_step(STEP, NAME)``: the expression of the rule's
        ``expression`` (``{step}``, ``{name}``), which makes and registers the same class."""
        codes = codes_at(self.ctx, original.func)
        template = self.ctx.arg(codes[0], "expression") if codes else None
        if template is None or len(updated.args) != 2:
            return updated
        code_of = cst.Module([]).code_for_node
        local = root_name(original.func)
        if local:
            self.dropped.add(local)
        text = template.format(step=code_of(updated.args[0].value), name=code_of(updated.args[1].value))
        return cst.parse_expression(text).with_changes(lpar=updated.lpar, rpar=updated.rpar)

    def leave_Module(self, original: cst.Module, updated: cst.Module) -> cst.Module:
        body: List[Union[cst.BaseStatement]] = []
        for old, new in zip(original.body, updated.body):
            replacement = self.clone_class(old, new)
            if replacement is None:
                body.append(new)
            else:
                body.extend(replacement)
        result = updated.with_changes(body=body)
        drop_unused_imports(self.ctx, result, self.dropped)
        return result

    def clone_class(self, original: cst.BaseStatement, updated: cst.BaseStatement) -> Optional[List[cst.BaseStatement]]:
        """The statements for a flagged ``NAME = clone_step(STEP, "LITERAL")`` line, else None."""
        if not (isinstance(original, cst.SimpleStatementLine) and len(original.body) == 1):
            return None
        assign = original.body[0]
        if not (isinstance(assign, cst.Assign) and len(assign.targets) == 1 and isinstance(assign.targets[0].target, cst.Name)):
            return None
        call = assign.value
        if not isinstance(call, cst.Call) or not codes_at(self.ctx, call.func):
            return None
        args = call.args
        if len(args) != 2 or any(a.keyword is not None or a.star for a in args):
            return None
        step, name = args[0].value, args[1].value
        if not isinstance(name, cst.SimpleString) or not str(name.evaluated_value).isidentifier():
            return None
        if not isinstance(step, (cst.Name, cst.Attribute)):
            return None
        code = codes_at(self.ctx, call.func)[0]
        class_name = name.evaluated_value
        step_text = cst.Module([]).code_for_node(step)
        body = self.ctx.arg(code, "body", "pass").format(step=step_text)
        klass = cst.ClassDef(
            name=cst.Name(class_name),
            bases=[cst.Arg(value=step)],
            body=cst.IndentedBlock(body=[cst.parse_statement(line + "\n") for line in body.splitlines()]),
            leading_lines=updated.leading_lines,
        )
        local = root_name(call.func)
        if local:
            self.dropped.add(local)
        out: List[cst.BaseStatement] = [klass]
        target = assign.targets[0].target.value
        if target != class_name:
            out.append(cst.parse_statement(f"{target} = {class_name}\n"))
        return out
