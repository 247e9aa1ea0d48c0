"""``no_successor:RaiseAtUses``: the import of a zenml name no 0.20 release has goes; the code
that uses it raises ``NotImplementedError`` under a TODO when it runs.

Where: what the scan decided (``migrate/scan/no_successor.mark``: every use of the name is in code
that does not run at import), carried by each finding of its rules in its ``fix_args`` (the
import, the statements that get the raise, the annotations that become strings, what to do
instead); this codemod decides nothing again. The import name is removed (the whole line when it
was the only one); each statement that uses it (the outermost one of a block, an ``elif``'s
``if``) gets, right above it::

    # TODO(zenml-migrate): ZMnnn `ProfileConfiguration` is gone in ZenML 0.20 (...): port this code
    raise NotImplementedError("zenml-migrate: `ProfileConfiguration` is gone in ZenML 0.20 (...)")

and a def annotation that names it becomes a string (never evaluated): the name's full zenml path
when the annotation is that name alone (``"zenml.runtime_configuration.RuntimeConfiguration"``, so
a re-scan still knows the parameter), else the annotation's text. The statement itself is kept,
unchanged, below the raise: it is what the human ports.
"""

from typing import Dict, List, Optional, Tuple

import libcst as cst

from zenml_migrate.findings import Finding, Span
from zenml_migrate.fix.codemod import STATEMENTS, Codemod
from zenml_migrate.fix.comment_out import raise_above, string as _string
from zenml_migrate.fix.todo import TAG as TODO_TAG
from zenml_migrate.rules.no_successor import ADVICE, ANCHORS, ANNOTATIONS, IMPORT

class RaiseAtUses(Codemod):
    whole_tree = True  # the uses are in statements without a finding of their own

    def __init__(self, ctx):
        super().__init__(ctx)
        self._module: Optional[cst.Module] = None
        self._drops: Dict[Tuple[int, int], tuple] = {}  # alias start -> the (module, name, local) it removes
        self._anchors: Dict[int, List[Finding]] = {}  # statement line -> removals named by its raise
        self._annotations: Dict[Tuple[int, int, int, int], Finding] = {}  # span -> its removal

    def visit_Module(self, node: cst.Module) -> None:
        # the scan's plan; not those another fix makes (an unsafe inline's own at ``--unsafe-fixes``: ``unsafe_view``)
        mine = sorted((f for f in self.ctx.findings() if f.code in self.ctx.codes and not f.resolved_by and f.arg(IMPORT)),
                      key=lambda f: f.span)
        if not mine:
            return
        for removal in mine:
            self._drops[(removal.span.line, removal.span.column)] = removal.arg(IMPORT)
            for annotation in removal.arg(ANNOTATIONS, ()):
                self._annotations[tuple(annotation)] = removal
        for anchor, removals in _outer_anchors(mine):
            self._anchors[anchor[0]] = removals
        self._module = node
        self.ctx.locate_everything()

    # ------------------------------------------------------------ the import
    def leave_ImportFrom(self, original, updated):
        self.ctx.drop_imports_at(original, self._drops)
        return updated

    leave_Import = leave_ImportFrom

    # ------------------------------------------------------------ the uses
    def _raise_above(self, original, updated):
        if not self._anchors:
            return updated
        position = self.ctx.position(original)
        removals = self._anchors.get(position.start.line) if position is not None else None
        if not removals:
            return updated
        code = min(self.ctx.codes)
        names = ", ".join(f"`{r.arg(IMPORT)[2]}`" for r in removals)
        verb = "is" if len(removals) == 1 else "are"
        advice = "; ".join(dict.fromkeys(r.arg(ADVICE) for r in removals if r.arg(ADVICE)))
        advice = f" ({advice})" if advice else ""
        todo = f"{names} {verb} gone in ZenML 0.20 with no successor{advice}: port this code (it raises until then)"
        message = f"zenml-migrate: {names} {verb} gone in ZenML 0.20{advice}; see the {TODO_TAG} above this line"
        comment = self.ctx.todo_line(code, todo)
        del self._anchors[position.start.line]  # one raise per statement
        return cst.FlattenSentinel(raise_above(updated, comment, message))

    def leave_Annotation(self, original: cst.Annotation, updated: cst.Annotation):
        if not self._annotations:
            return updated
        position = self.ctx.position(original.annotation)
        if position is None:
            return updated
        key = (position.start.line, position.start.column + 1, position.end.line, position.end.column + 1)
        removal = self._annotations.get(key)
        if removal is None:
            return updated
        text = _full_path(original.annotation, removal) or self._module.code_for_node(original.annotation)
        return updated.with_changes(annotation=_string(text))


def _full_path(annotation: cst.BaseExpression, removal: Finding) -> Optional[str]:
    """The zenml path an annotation that is the removed name alone spells (``RuntimeConfiguration``
    -> ``zenml.runtime_configuration.RuntimeConfiguration``; ``rc.RuntimeConfiguration`` of
    ``import zenml.runtime_configuration as rc`` likewise): quoted so, the scan still knows what a
    parameter was (a read of it in a hook left to the component port is seen again after ``--fix``)."""
    module, name, local = removal.arg(IMPORT)
    parts = []
    node = annotation
    while isinstance(node, cst.Attribute):
        parts.insert(0, node.attr.value)
        node = node.value
    if not isinstance(node, cst.Name) or node.value != local:
        return None
    head = f"{module}.{name}" if name else module
    return ".".join([head, *parts])


def _outer_anchors(removals: List[Finding]) -> List[Tuple[Tuple[int, ...], List[Finding]]]:
    """Each statement (its span) that gets a raise, with the removals whose names it uses; a
    statement inside another one that gets a raise gets none (the outer raise comes first)."""
    by_span: Dict[Tuple[int, ...], List[Finding]] = {}
    for removal in removals:
        for anchor in removal.arg(ANCHORS, ()):
            names = by_span.setdefault(tuple(anchor), [])
            if removal not in names:
                names.append(removal)
    inner = {a for a in by_span for b in by_span if a != b and Span(*a).inside(Span(*b))}
    kept = [(a, names) for a, names in by_span.items() if a not in inner]
    for anchor in sorted(inner):  # the names of an inner statement are named by the outer raise
        for outer, names in kept:
            if Span(*anchor).inside(Span(*outer)):
                names.extend(r for r in by_span[anchor] if r not in names)
    return sorted(kept, key=lambda e: e[0][:2])


for _name in STATEMENTS:
    setattr(RaiseAtUses, f"leave_{_name}", RaiseAtUses._raise_above)
