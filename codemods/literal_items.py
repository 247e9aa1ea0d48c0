"""``literal_items:DropItems``: a flagged item of a list, tuple or set literal leaves it, and so
does the entry of a dict literal whose key is flagged (``fix_args``: ``("literals", ("list",
"tuple", "set", "dict"))``, the kinds of literal it applies to).

For a value 0.20 has no counterpart of at all (``StackComponentType.METADATA_STORE``: no
metadata store component exists, so no 0.20 code path ever meets that value), the collection
without it is what the code means on 0.20: ``COMPONENT_TYPES = [ORCHESTRATOR, METADATA_STORE,
ARTIFACT_STORE]`` becomes ``[ORCHESTRATOR, ARTIFACT_STORE]``, and ``x in (A, METADATA_STORE)``
becomes ``x in (A,)``. The other items keep their commas and comments (a comment after the removed
item goes with it); a tuple left with one item gets its trailing comma. Where the item sits is the rule's ``fix_check``'s
decision (removed-enum-members: ``_an_item_of_a_literal`` in ``rules/imports.py``): an item
alone in a set (``{}`` is a dict), a starred or stored item, or any other place is left for a
human.
"""

import libcst as cst

from zenml_migrate.fix.codemod import Codemod
from zenml_migrate.fix.local_names import codes_at
from zenml_migrate.rules.imports import MEMBER_READS


def _flagged(item: cst.BaseExpression) -> cst.BaseExpression:
    """The node of ``item`` a finding would be on: the member itself, or the member whose
    ``.value`` / ``.name`` the item reads (``StoreType.LOCAL.value``)."""
    if isinstance(item, cst.Attribute) and item.attr.value in MEMBER_READS:
        return item.value
    return item


def _item(element) -> cst.BaseExpression:
    """What a finding on ``element`` is on: a list, tuple or set item; a dict entry's key (None
    for ``**mapping``)."""
    if isinstance(element, cst.DictElement):
        return element.key
    if isinstance(element, cst.StarredDictElement):
        return None
    return element.value


class DropItems(Codemod):
    whole_tree = False  # only edits nodes inside statements that hold its findings

    def _drop(self, updated, original):
        kind = type(original).__name__.lower()  # the rule's ``literals``: the kinds of literal it drops items from
        drop = {
            i for i, element in enumerate(original.elements)
            if _item(element) is not None
            and any(kind in (self.ctx.arg(code, "literals", ()) or ()) for code in codes_at(self.ctx, _flagged(_item(element)), exact=True))
        }
        if not drop:
            return updated
        elements = list(updated.elements)
        kept = [e for i, e in enumerate(elements) if i not in drop]  # a comment after an item goes with it
        if kept and len(elements) - 1 in drop:  # the new last item closes the literal as the removed one did
            kept[-1] = kept[-1].with_changes(comma=elements[-1].comma)
        return updated.with_changes(elements=kept)

    def leave_List(self, original: cst.List, updated: cst.List) -> cst.BaseExpression:
        return self._drop(updated, original)

    def leave_Set(self, original: cst.Set, updated: cst.Set) -> cst.BaseExpression:
        return self._drop(updated, original)

    def leave_Dict(self, original: cst.Dict, updated: cst.Dict) -> cst.BaseExpression:
        return self._drop(updated, original)

    def leave_Tuple(self, original: cst.Tuple, updated: cst.Tuple) -> cst.BaseExpression:
        result = self._drop(updated, original)
        if result is not updated and len(result.elements) == 1:  # ``(A)`` is no tuple: ``(A,)``
            only = result.elements[0]
            if not isinstance(only.comma, cst.Comma):
                result = result.with_changes(elements=[only.with_changes(comma=cst.Comma())])
        if result is not updated and not result.elements and not result.lpar:
            result = result.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])  # ``x = A,`` -> ``x = ()``
        return result
