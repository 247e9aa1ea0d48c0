"""``keywords:RenameKeywords``: rename or remove flagged keyword arguments of a call.

``fix_args``: ``(("keywords", (("old", "new"), ...)),)``; ``new=None`` removes the argument
(with its comma: the layout of the remaining arguments is kept). ``("any_to", "new")``
renames a flagged keyword that is not in the table (e.g. a step's ``cfg=`` -> ``params=``).
A rename that would repeat a keyword already in the call is not made (TODO instead).
The string keys of a dict display given to a zenml call as ``**`` are edited the same way, and
so is a key a wrapper adds to such a dict (``kw.setdefault("k", v)``, ``kw["k"] = v``).
"""

from typing import Dict, List, Optional, Set

import libcst as cst

from zenml_migrate.fix.codemod import Codemod
from zenml_migrate.fix.call_args import remove_items

_KEEP = object()


def _new_keyword(ctx, code: str, old: str):
    table: Dict[str, Optional[str]] = dict(ctx.arg(code, "keywords", ()) or ())
    if old in table:
        return table[old]
    return ctx.arg(code, "any_to", _KEEP)


def edit_keywords(ctx, original: cst.Call, updated: cst.Call) -> cst.Call:
    """``updated`` with the keyword edits of the findings (of ``ctx``'s rules) on ``original``'s args."""
    edits: Dict[str, Optional[str]] = {}
    for arg in original.args:
        if arg.keyword is None:
            continue
        for finding in ctx.at(arg):
            new = _new_keyword(ctx, finding.code, arg.keyword.value)
            if new is not _KEEP:
                edits[arg.keyword.value] = new
                break
    if not edits:
        return updated
    present: Set[str] = {a.keyword.value for a in updated.args if a.keyword is not None}
    args: List[cst.Arg] = list(updated.args)
    drop = set()
    for i, arg in enumerate(args):
        if arg.keyword is None or arg.keyword.value not in edits:
            continue
        new = edits[arg.keyword.value]
        if new is None:
            drop.add(i)
        elif new not in present:
            args[i] = arg.with_changes(keyword=arg.keyword.with_changes(value=new))
            present.add(new)
    if drop:
        args = remove_items(args, drop)
        if not args:
            return updated.with_changes(args=(), whitespace_before_args=cst.SimpleWhitespace(""))
    return updated.with_changes(args=args)


def edit_keys(ctx, original: cst.Dict, updated: cst.Dict) -> cst.Dict:
    """``updated`` with the key edits of the findings on ``original``'s string keys: a dict
    display whose items are given to a zenml call as ``**`` (``scan/splat_keywords.py``); the
    key keeps its quotes."""
    edits: Dict[int, Optional[str]] = {}
    for i, element in enumerate(original.elements):
        key = getattr(element, "key", None)
        if not isinstance(key, cst.SimpleString):
            continue
        for finding in ctx.at(key):
            new = _new_keyword(ctx, finding.code, key.evaluated_value)
            if new is not _KEEP:
                edits[i] = new
                break
    if not edits:
        return updated
    elements = list(updated.elements)
    present: Set[str] = {e.key.evaluated_value for e in elements if isinstance(getattr(e, "key", None), cst.SimpleString)}
    drop = set()
    for i, new in edits.items():
        key = elements[i].key
        if new is None:
            drop.add(i)
        elif new not in present:
            quote = key.prefix + key.quote
            elements[i] = elements[i].with_changes(key=key.with_changes(value=f"{quote}{new}{key.quote}"))
            present.add(new)
    return updated.with_changes(elements=remove_items(elements, drop))


def edit_key_string(ctx, original: cst.BaseExpression, updated: cst.BaseExpression) -> cst.BaseExpression:
    """``updated`` renamed when ``original`` is a flagged key string a wrapper adds to a dict it
    gives to a zenml call as ``**`` (``kw.setdefault("k", v)``, ``kw["k"] = v``:
    ``scan/splat_keywords.added_keys``); the key keeps its quotes."""
    if not isinstance(original, cst.SimpleString) or not isinstance(updated, cst.SimpleString):
        return updated
    for finding in ctx.at(original):
        new = _new_keyword(ctx, finding.code, original.evaluated_value)
        if isinstance(new, str):
            quote = updated.prefix + updated.quote
            return updated.with_changes(value=f"{quote}{new}{updated.quote}")
    return updated


class RenameKeywords(Codemod):
    whole_tree = False
    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        updated = edit_keywords(self.ctx, original, updated)
        func = original.func
        if isinstance(func, cst.Attribute) and func.attr.value == "setdefault" and original.args and updated.args:
            key = edit_key_string(self.ctx, original.args[0].value, updated.args[0].value)
            if key is not updated.args[0].value:
                updated = updated.with_changes(args=[updated.args[0].with_changes(value=key), *updated.args[1:]])
        return updated

    def leave_Subscript(self, original: cst.Subscript, updated: cst.Subscript) -> cst.Subscript:
        if len(original.slice) != 1 or not isinstance(original.slice[0].slice, cst.Index):
            return updated
        old, new = original.slice[0].slice.value, updated.slice[0].slice.value
        key = edit_key_string(self.ctx, old, new)
        if key is new:
            return updated
        return updated.with_changes(slice=[updated.slice[0].with_changes(slice=updated.slice[0].slice.with_changes(value=key))])

    def leave_Dict(self, original: cst.Dict, updated: cst.Dict) -> cst.Dict:
        return edit_keys(self.ctx, original, updated)
