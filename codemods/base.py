"""The codemod contract (shared by every codemod; implemented by ``zenml_migrate.fixer``).

A rule names its codemod with ``Rule.codemod = "<module>:<Class>"`` (a module of this
package). For one file, the fixer:

1. takes the scan findings (the same ``Finding`` objects ``migrate scan`` prints, so scan
   and fix never disagree) of the selected rules whose fix is safe (or unsafe with
   ``--unsafe-fixes``);
2. parses the file ONCE with LibCST and resolves ``PositionProvider`` ONCE;
3. runs every needed codemod inside ONE ``CSTTransformer`` pass: for each node the
   combined transformer calls ``visit_<Node>`` / ``leave_<Node>`` of each codemod in
   catalog order (each codemod sees the ``updated`` node of the previous one);
4. applies the import edits and TODO comments collected in the ``FixContext``;
5. re-parses the result (``ast`` and LibCST) and only then writes it (atomically).

A codemod finds its targets by position, never by re-detecting: ``self.ctx.at(node)``
returns the findings of the codemod's rules whose span starts where ``node`` starts
(finding spans are 1-based line and character column, LibCST's are 1-based line and
0-based column; the context does the conversion).
"""

from typing import ClassVar, Tuple


class Codemod:
    """Base class. Subclasses define ``rules`` and LibCST-style ``visit_*``/``leave_*`` hooks."""

    rules: ClassVar[Tuple[str, ...]] = ()

    def __init__(self, ctx):
        self.ctx = ctx  # zenml_migrate.fixer.FixContext
