"""The codemod contract (shared by every codemod; implemented by ``zenml_migrate.fix.fixer``).

A rule names its codemod with ``Rule.codemod = "<module>:<Class>"`` (a module of
``zenml_migrate.codemods``) and gives it its data in ``Rule.fix_args``. A codemod names no
rule code and keeps no table of rules: it is handed the findings of every rule that names it
and reads what to do from those rules' ``fix_args`` (``self.ctx.arg(finding.code, key)``) and
from the finding's own (``self.ctx.fix_arg(finding, key)``: what the scan decided for that
occurrence, e.g. a way of fixing it a check chose; a codemod never decides it again).
Adding a rule that reuses a codemod is therefore one rule object and nothing else; a rule
naming a codemod that does not exist is an error (``load_codemod`` raises), never a silently
skipped fix. For one file, the fixer:

1. takes the scan findings (the same ``Finding`` objects ``migrate scan`` prints, so scan
   and fix never disagree) of the selected rules whose fix is safe (or unsafe with
   ``--unsafe-fixes``);
2. parses the file ONCE with LibCST and resolves ``PositionProvider`` ONCE;
3. runs every needed codemod inside ONE ``CSTTransformer`` pass: for each node the
   combined transformer calls ``visit_<Node>(node)`` / ``leave_<Node>(original, updated)``
   of each codemod in catalog order (each codemod's ``leave_`` gets the ``updated`` node the
   previous one returned; when a codemod returns a node of another type, a removal or a
   ``FlattenSentinel``, the codemods after it are not called for that node). The return
   value of ``visit_*`` is ignored: children are always visited;
4. applies the import edits collected in the ``FixContext`` (one pass over the statements);
5. re-parses the result (``ast`` and LibCST); when it does not parse the file is left
   alone and reported;
6. detects again and repeats (at most 3 rounds) while fixable findings remain;
7. adds one ``# TODO(zenml-migrate): ZMnnn ...`` line above every statement that still has
   a finding (``Fix.NONE``, unsafe without ``--unsafe-fixes``, or a codemod that declined).

So a codemod that cannot rewrite a flagged node safely simply leaves it: the TODO comment
is added for it (the text is ``rule.todo`` or else ``rule.instead``).

Writing a codemod::

    class MyCodemod(Codemod):
        def leave_Call(self, original, updated):
            for finding in self.ctx.at(original.func, exact=True):  # ALWAYS pass ``original``
                rule = self.ctx.rule(finding.code)
                local = self.ctx.add_import("zenml.client", "Client")  # the name to write
                ...
            return updated

``self.ctx`` (``zenml_migrate.fix.fixer.FixContext``) offers:

* ``at(node, exact=False)``: findings of THIS codemod's rules whose span starts where
  ``node`` starts (``exact=True``: and ends where it ends). Positions are looked up in the
  metadata of the ORIGINAL tree: pass ``original_node``, never ``updated_node``. Finding
  spans are 1-based line / 1-based column; the context converts.
* ``rule(code)``, ``arg(code, key, default)`` (the rule's ``fix_args``), ``fix_arg(finding,
  key, default)`` (what the scan decided for this occurrence, ``Finding.fix_args``, else the
  rule's), ``unsafe``,
  ``experiment_tracker``, ``target`` (``"0.20.0"``, ``"0.20.5"`` or None = every 0.20.x).
* ``add_import(module, name, asname=None) -> str``: make ``from module import name`` available
  and return the local name to write (it merges into an existing ``from module import ...``
  line, else adds a line after the last zenml import; an existing binding is reused; a clash
  with a non-zenml binding of the same name gives an alias such as ``ZenMLClient``).
* ``drop_import(module, name, asname=None)``: remove that alias from ``from module import``
  lines (the whole line when it was the only name; the comment lines above are kept);
  ``drop_import(module, "", asname)`` removes ``import module as asname``.
* ``drop_imports_at(original, gone)``: remove the aliases of the import statement ``original``
  that ``gone`` maps by their start (a finding's line, column) to the ``(module, name, local)``
  they import (a codemod whose findings are on import names that go).
* ``findings()``: every finding handed to this round, of every rule (resolved ones included).
* ``drop_import_if_unused(local)``: remove the zenml import that binds ``local`` when
  ``local`` is no longer used anywhere in the rewritten file.
* ``position(node) -> Optional[CodeRange]`` (of an original node in a statement with a finding;
  after ``locate_everything()``, of any node: the fixer locates the rest of the module once, for
  every codemod that asks; a codemod never computes positions itself), ``clashes(name)``: is
  ``name`` bound in the file by something that is not a zenml import;
* ``todo_line(code, text)``: the ``# TODO(zenml-migrate): <code> <text>`` line the codemod writes
  itself (an ``EmptyLine`` for a node's ``leading_lines``; the summary counts it);
* ``comment_out(updated, todo_line)``: what a ``leave_`` returns to comment a statement out under
  that TODO line, where it was (``migrate/fix/comment_out.py``; ``commented_lines`` gives the lines
  for a statement of the codemod's own that takes its place);
* ``todo(node, code)``: optional, records that the codemod declined a finding (the TODO
  line itself comes from the finding that remains after the rewrite);
* ``binding(local) -> Optional[str]``: the resolved zenml path of a module-level name
  (``"zenml.steps"`` for ``import zenml.steps as zs``), from the detector's import table.
* ``imported(local) -> Optional[(module, name)]``: the ``from module import name [as local]``
  that binds ``local`` in the original file, if any.

Codemods are instantiated once per file (state on ``self`` is per file). A codemod that
only edits nodes inside statements that hold its findings sets ``whole_tree = False``; when
every codemod of a file does, statements without findings are not visited at all.
"""

import importlib
from functools import lru_cache
from typing import ClassVar, Optional


#: the LibCST statement nodes a codemod hooks to see every statement (``leave_<name>``)
STATEMENTS = ("SimpleStatementLine", "If", "For", "While", "With", "Try", "FunctionDef", "ClassDef", "Match", "TryStar")


def at_target(rule, new: str, target: Optional[str]) -> str:
    """``new``, text a rule's fix writes, for the release ``--target`` names: a rule whose
    ``fix_args`` name the release its fix writes (``target``: ZM970's pin) writes the one asked for."""
    written = rule.arg("target") if rule is not None and target else None
    return new.replace(written, target) if written else new


class Codemod:
    """Base class. Subclasses define LibCST-style ``visit_*``/``leave_*`` hooks; ``self.ctx.codes``
    are the codes of the rules that named this codemod and have findings in the file."""

    # False: the codemod only looks at statements that hold one of its findings, so the
    # fixer may skip the others (faster). True (the default): it sees every node.
    whole_tree: ClassVar[bool] = True

    def __init__(self, ctx):
        self.ctx = ctx  # zenml_migrate.fix.fixer.FixContext


class CodemodNotFound(RuntimeError):
    """A rule names a codemod that does not exist: a bug in the rule catalog, never ignored."""


@lru_cache(maxsize=None)
def load_codemod(spec: str):
    """The class ``"module:Class"`` in ``zenml_migrate.codemods``; raises CodemodNotFound."""
    module_name, _, class_name = spec.partition(":")
    if not module_name or not class_name:
        raise CodemodNotFound(f"codemod {spec!r} is not of the form 'module:Class'")
    try:
        module = importlib.import_module(f"zenml_migrate.codemods.{module_name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"zenml_migrate.codemods.{module_name}":
            raise  # the codemod module exists but imports something missing: show the real error
        raise CodemodNotFound(f"codemod {spec!r}: no module zenml_migrate.codemods.{module_name}") from None
    cls = getattr(module, class_name, None)
    if cls is None:
        raise CodemodNotFound(f"codemod {spec!r}: zenml_migrate.codemods.{module_name} has no {class_name}")
    return cls
