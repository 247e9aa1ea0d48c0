"""``post_execution:PostExecution``: methods of the client / a view that became functions.

Driven by each rule's ``fix_args``:

* ``("to", "zenml.post_execution.get_pipeline")``: ``<receiver>.method(args)`` becomes
  ``get_pipeline(args)`` whatever the receiver is (``Repository()``, a ``repo = Repository()``
  variable -- whose own rename is another rule's job --, ``context.metadata_store``); a
  reference without a call (``fn = Repository().get_pipeline``) becomes the function too;
* ``("drop_args", (("stack_name", 1),))``: arguments the function does not take, by keyword
  or by their positional slot in the old method;
* ``("keywords", (("run_name", "name"),))``: keywords renamed for the function;
* ``("template", "[r.name for r in {obj}.runs]")``: the call (without arguments), or the
  attribute read when it is not called (a property), becomes this expression, ``{obj}``
  being the receiver;
* ``("lookup", "{{r.name: r for r in {obj}.runs}}[{name}]")``: a SAFE finding's call (its one
  argument, ``{name}``) becomes this expression; the rule's fix check made the occurrences
  it does not fit unsafe, and those take ``to``.

The method rewritten is the one the rule matches (the last name of its ``Ref``). Functions
are imported from the module of ``to`` only where the rewritten file still calls or names
them (a chain such as ``get_pipeline("p").get_run("r")`` ends up needing ``get_run`` alone).
"""

from typing import Dict, Optional, Set, Tuple

import libcst as cst

from zenml_migrate.fix import call_args as ca
from zenml_migrate.fix.call_slots import dropped_slots
from zenml_migrate.fix.codemod import Codemod
from zenml_migrate.fix.local_names import codes_at, drop_unused_imports, module_names, root_name
from zenml_migrate.rules.base import Ref

_OBJ = "__zenml_migrate_obj__"
_VALUE = "__zenml_migrate_value__"


class PostExecution(Codemod):
    whole_tree = False  # only edits nodes inside statements that hold its findings (migrate/fix/codemod.py)

    def visit_Module(self, node: cst.Module) -> None:
        self.used: Set[Tuple[str, str]] = set()  # (module, function) this file now calls
        self.referenced: Set[Tuple[str, str]] = set()  # ... refers to without a call
        self.receivers: Set[str] = set()  # names the rewritten calls started from (imports to drop if unused)
        self.callees: Set[int] = set()  # ids of the (original) ``func`` of every call

    def visit_Call(self, node: cst.Call) -> None:
        self.callees.add(id(node.func))

    def _code(self, original: cst.Attribute) -> Optional[str]:
        """The flagged rule whose method is ``original``'s attribute."""
        for code in codes_at(self.ctx, original, exact=True):
            if original.attr.value in _methods(self.ctx.rule(code)):
                return code
        return None

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.BaseExpression:
        """``fn = Repository().get_pipeline`` (a reference, not a call) -> ``fn = get_pipeline``."""
        if id(original) in self.callees:
            return updated
        code = self._code(original)
        to = self.ctx.arg(code, "to") if code else None
        template = self.ctx.arg(code, "template") if code else None
        if not to and template is not None:  # a property: ``repo.stack_configurations`` -> the template
            self.receivers.update({root_name(original.value), root_name(updated.value)} - {None})
            return _from_template(template, updated.value)
        if not to:
            return updated
        self.receivers.update({root_name(original.value), root_name(updated.value)} - {None})
        function = _split(to)
        self.referenced.add(function)
        return cst.Name(self._local(function))

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        func = updated.func
        if not isinstance(func, cst.Attribute) or not isinstance(original.func, cst.Attribute):
            return updated
        code = self._code(original.func)
        if code is None:
            return updated
        template = self.ctx.arg(code, "template")
        to = self.ctx.arg(code, "to")
        lookup = self.ctx.arg(code, "lookup") if self._safe(original.func, code) else None
        if template is None and to is None and lookup is None:
            return updated
        self.receivers.update({root_name(original.func.value), root_name(func.value)} - {None})
        if lookup is not None:  # the rule's check let only a call with the one value through
            return _from_template(lookup, func.value, updated.args[0].value)
        if template is not None:
            return _from_template(template, func.value) if not updated.args else updated
        args = list(updated.args)
        drop = set()
        for keyword, slot in self.ctx.arg(code, "drop_args", ()) or ():
            drop |= _argument_at(args, keyword, slot)
        args = ca.remove_items(args, drop) if drop else args
        renames: Dict[str, str] = dict(self.ctx.arg(code, "keywords", ()) or ())
        args = [a.with_changes(keyword=cst.Name(renames[_keyword(a)])) if _keyword(a) in renames else a for a in args]
        function = _split(to)
        self.used.add(function)
        return updated.with_changes(func=cst.Name(self._local(function)), args=args)

    def _safe(self, original: cst.Attribute, code: str) -> bool:
        """Is the finding of ``code`` here a safe one? (The rule's check made the occurrences
        without an exact rewrite unsafe; they take ``to``.)"""
        return any(f.code == code and f.fix == "safe" for f in self.ctx.at(original, exact=True))

    def _local(self, function: Tuple[str, str]) -> str:
        """The name to write for ``function``: its own, or, when the file binds that name to
        something else (a wrapper ``def get_pipeline(name)`` of its own), the alias it is
        imported under (``ZenMLget_pipeline``); else the call would reach the user's function."""
        module, name = function
        return self.ctx.add_import(module, name) if self.ctx.clashes(name) else name

    def leave_Module(self, original: cst.Module, updated: cst.Module) -> cst.Module:
        wanted = {name for _, name in self.used | self.referenced}
        if self.receivers and wanted:  # one walk of the module answers both questions (module_names keeps it)
            module_names(self.ctx, updated, self.receivers | wanted)
        drop_unused_imports(self.ctx, updated, self.receivers)
        if wanted:
            used, called = module_names(self.ctx, updated, wanted)
            for module, name in sorted(self.used | self.referenced):
                if name in called or ((module, name) in self.referenced and name in used):
                    self.ctx.add_import(module, name)
        return updated


def _methods(rule) -> Set[str]:
    """The method names a rule matches (the last name of each of its ``Ref`` paths)."""
    return {name.rsplit(".", 1)[-1] for m in rule.match if isinstance(m, Ref) for name in m.names}


def _split(path: str) -> Tuple[str, str]:
    module, _, name = path.rpartition(".")
    return module, name


def _argument_at(args, keyword: str, slot: Optional[int]) -> Set[int]:
    """Indexes of the argument ``keyword``, given by keyword or at positional ``slot``."""
    return dropped_slots([(a.keyword.value if a.keyword is not None else None, bool(a.star)) for a in args], keyword, slot)


class _Receiver(cst.CSTTransformer):
    def __init__(self, receiver: cst.BaseExpression, value: Optional[cst.BaseExpression] = None):
        super().__init__()
        self.receiver = receiver
        self.value = value

    def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.BaseExpression:
        if updated.value == _VALUE and self.value is not None:
            return self.value
        return self.receiver if updated.value == _OBJ else updated


def _from_template(template: str, receiver: cst.BaseExpression, value: Optional[cst.BaseExpression] = None) -> cst.BaseExpression:
    """``template`` (a Python expression with ``{obj}``, and ``{name}`` for ``lookup``) with
    ``receiver`` in place of ``{obj}`` and ``value`` in place of ``{name}``."""
    return cst.parse_expression(template.format(obj=_OBJ, name=_VALUE)).visit(_Receiver(receiver, value))


def _keyword(arg: cst.Arg) -> str:
    return arg.keyword.value if arg.keyword is not None else ""
