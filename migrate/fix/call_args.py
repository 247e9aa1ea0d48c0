"""Layout-keeping edits of call arguments and dict literals (shared by the structural codemods).

Every helper returns new LibCST nodes and keeps the author's layout: a call written one
argument per line with a trailing comma stays that way after an argument is added or
removed, and a comment on a removed argument's line moves to the argument before it.
"""

from typing import Iterable, List, Optional, Sequence, Set, Tuple

import libcst as cst

COMMA = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))


def keyword_index(args: Sequence[cst.Arg], name: str) -> Optional[int]:
    for i, arg in enumerate(args):
        if arg.keyword is not None and arg.keyword.value == name:
            return i
    return None


def keyword_value(args: Sequence[cst.Arg], name: str) -> Optional[cst.BaseExpression]:
    i = keyword_index(args, name)
    return None if i is None else args[i].value


def kwarg(name: str, value: cst.BaseExpression) -> cst.Arg:
    return cst.Arg(
        value=value,
        keyword=cst.Name(name),
        equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
    )


def comments_in(node: Optional[cst.CSTNode]) -> List[cst.Comment]:
    """Every comment inside ``node``, in order."""
    if node is None or isinstance(node, cst.MaybeSentinel):
        return []
    found: List[cst.Comment] = []

    class _Find(cst.CSTVisitor):
        def visit_Comment(self, c: cst.Comment) -> None:
            found.append(c)

    node.visit(_Find())
    return found


def has_comment(node: Optional[cst.CSTNode]) -> bool:
    return bool(comments_in(node))


def _comments(comma) -> List[cst.Comment]:
    """The comments in the whitespace after a comma (its own line's, and full lines below it)."""
    ws = comma.whitespace_after if isinstance(comma, cst.Comma) else None
    if not isinstance(ws, cst.ParenthesizedWhitespace):
        return []
    first = [ws.first_line.comment] if ws.first_line.comment is not None else []
    return first + [line.comment for line in ws.empty_lines if line.comment is not None]


def _with_comment_lines(comma, comments: List[cst.Comment], indent: cst.SimpleWhitespace):
    """``comma`` with ``comments`` as extra full lines after it (when it ends its line)."""
    ws = comma.whitespace_after if isinstance(comma, cst.Comma) else None
    if not comments or not isinstance(ws, cst.ParenthesizedWhitespace):
        return comma
    lines = [cst.EmptyLine(indent=True, whitespace=indent, comment=c) for c in comments]
    return comma.with_changes(whitespace_after=ws.with_changes(empty_lines=list(ws.empty_lines) + lines))


def _indent_after(comma) -> cst.SimpleWhitespace:
    ws = comma.whitespace_after if isinstance(comma, cst.Comma) else None
    return ws.last_line if isinstance(ws, cst.ParenthesizedWhitespace) else cst.SimpleWhitespace("")


def remove_items(items: Sequence, drop: Set[int]) -> List:
    """``items`` (call args, dict elements, import aliases) without the indices in ``drop``,
    commas fixed; the comments written after a removed item move to the item before it."""
    if not drop:
        return list(items)
    kept: List = []
    for i, item in enumerate(items):
        if i not in drop:
            kept.append(item)
            continue
        if not kept or i == len(items) - 1:
            continue
        comments = _comments(item.comma)
        if comments and not _comments(kept[-1].comma):
            kept[-1] = kept[-1].with_changes(comma=item.comma)
        elif comments:
            indent = _indent_after(kept[-1].comma)
            kept[-1] = kept[-1].with_changes(comma=_with_comment_lines(kept[-1].comma, comments, indent))
    if kept and (len(items) - 1) in drop:
        kept[-1] = _take_closing_layout(kept[-1], items[-1])
    return kept


def _take_closing_layout(item, last):
    """``item`` becomes the last one: it takes the removed last item's comma (trailing comma or
    not) and closing whitespace, keeping its own comments and the removed one's."""
    own = _comments(item.comma)
    indent = _indent_after(item.comma)
    comma = last.comma
    changes = {}
    if isinstance(last, cst.Arg) and isinstance(item, cst.Arg):
        changes["whitespace_after_arg"] = last.whitespace_after_arg
    if own and isinstance(comma, cst.Comma) and isinstance(comma.whitespace_after, cst.ParenthesizedWhitespace):
        mine = item.comma.whitespace_after
        merged = comma.whitespace_after.with_changes(first_line=mine.first_line, empty_lines=mine.empty_lines)
        comma = _with_comment_lines(comma.with_changes(whitespace_after=merged), _comments(last.comma), indent)
    elif own and "whitespace_after_arg" in changes and isinstance(item.comma.whitespace_after, cst.ParenthesizedWhitespace):
        closing = last.whitespace_after_arg
        last_line = closing.last_line if isinstance(closing, cst.ParenthesizedWhitespace) else cst.SimpleWhitespace("")
        mine = item.comma.whitespace_after
        changes["whitespace_after_arg"] = mine.with_changes(last_line=last_line)
    changes["comma"] = comma
    return item.with_changes(**changes)


def _separator(items: Sequence, opening_ws: Optional[cst.BaseParenthesizableWhitespace]) -> cst.Comma:
    """The comma (with its whitespace) the author uses between items."""
    if len(items) >= 2 and isinstance(items[-2].comma, cst.Comma) and not has_comment(items[-2].comma):
        return items[-2].comma
    if isinstance(opening_ws, cst.ParenthesizedWhitespace) and not has_comment(opening_ws):
        return cst.Comma(whitespace_after=opening_ws)
    return COMMA


def append_items(items: Sequence, new: Sequence, opening_ws=None) -> List:
    """``items`` followed by ``new``, in the layout of ``items``."""
    new = list(new)
    if not new:
        return list(items)
    if not items:
        out = [n.with_changes(comma=COMMA) for n in new[:-1]]
        return out + [new[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)]
    items = list(items)
    last = items[-1]
    sep = _separator(items, opening_ws)
    out = items[:-1]
    if isinstance(last.comma, cst.Comma):  # trailing comma: the new items take the same layout
        out.append(last.with_changes(comma=sep))
        out += [n.with_changes(comma=sep) for n in new[:-1]]
        out.append(new[-1].with_changes(comma=last.comma))
        return out
    closing = {}
    if isinstance(last, cst.Arg):
        closing = {"whitespace_after_arg": last.whitespace_after_arg}
        last = last.with_changes(whitespace_after_arg=cst.SimpleWhitespace(""))
    out.append(last.with_changes(comma=sep))
    out += [n.with_changes(comma=sep) for n in new[:-1]]
    out.append(new[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT, **closing))
    return out


def add_kwargs(call: cst.Call, new: Iterable[Tuple[str, cst.BaseExpression]]) -> cst.Call:
    args = [kwarg(k, v) for k, v in new]
    return call.with_changes(args=append_items(call.args, args, call.whitespace_before_args))


def remove_kwargs(call: cst.Call, names: Iterable[str]) -> cst.Call:
    names = set(names)
    drop = {i for i, a in enumerate(call.args) if a.keyword is not None and a.keyword.value in names}
    return call.with_changes(args=remove_items(call.args, drop))


# ------------------------------------------------------------------ dict literals
def literal_keys(node: cst.Dict) -> Optional[Set[str]]:
    """The string keys of a dict literal, or None when a key is not a plain string (or ``**x``)."""
    keys = set()
    for el in node.elements:
        if not isinstance(el, cst.DictElement) or not isinstance(el.key, cst.SimpleString):
            return None
        keys.add(el.key.evaluated_value)
    return keys


def string(value: str) -> cst.SimpleString:
    return cst.SimpleString('"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"')


def dict_element(key: str, value: cst.BaseExpression) -> cst.DictElement:
    return cst.DictElement(
        key=string(key),
        value=value,
        whitespace_before_colon=cst.SimpleWhitespace(""),
        whitespace_after_colon=cst.SimpleWhitespace(" "),
    )


def make_dict(pairs: Sequence[Tuple[str, cst.BaseExpression]]) -> cst.Dict:
    return cst.Dict(elements=append_items([], [dict_element(k, v) for k, v in pairs]))


def merge_dict(node: cst.Dict, pairs: Sequence[Tuple[str, cst.BaseExpression]]) -> cst.Dict:
    """Add the ``pairs`` whose key is not in ``node`` (an existing key is never overwritten)."""
    keys = literal_keys(node) or set()
    new = [dict_element(k, v) for k, v in pairs if k not in keys]
    return node.with_changes(elements=append_items(node.elements, new, node.lbrace.whitespace_after))


def merge_settings(call: cst.Call, pairs: Sequence[Tuple[str, cst.BaseExpression]]) -> Optional[cst.Call]:
    """``call`` with the settings ``pairs`` merged into its ``settings=`` (added when absent).

    Returns None when ``settings=`` is there but is not a dict literal with plain string keys
    (the caller leaves a TODO then).
    """
    if not pairs:
        return call
    i = keyword_index(call.args, "settings")
    if i is None:
        return add_kwargs(call, [("settings", make_dict(pairs))])
    value = call.args[i].value
    if not isinstance(value, cst.Dict) or literal_keys(value) is None:
        return None
    args = list(call.args)
    args[i] = args[i].with_changes(value=merge_dict(value, pairs))
    return call.with_changes(args=args)


def settings_keys(call: cst.Call) -> Optional[Set[str]]:
    """Keys of the call's ``settings=`` literal; empty when absent, None when not a literal."""
    value = keyword_value(call.args, "settings")
    if value is None:
        return set()
    if not isinstance(value, cst.Dict):
        return None
    return literal_keys(value)
