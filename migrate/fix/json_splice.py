"""Writing an edited JSON document (a notebook, a Zeppelin note) by replacing, in its original
text, only the values that changed: every other byte stays as it was (the layout, key order,
escapes such as ``\\u0021`` that ``json.dumps`` never writes, a one-line compact document). In a
changed list of strings (a cell's ``source`` lines) the items that are still there keep their
original spelling too; only new or changed strings are written anew, escaped the way the
original escapes (see ``encoder``).

``splice`` returns None when the change is not one of strings or lists of strings in place
(keys added or removed, a list of other values growing, a document ``json.loads`` reads
differently from this reader): the caller then serialises the whole document.
"""

import difflib
import json
import re
from typing import Callable, List, Optional, Tuple

_WS = " \t\r\n"
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


class _Node:
    """A JSON value's place in the text: ``kind`` "obj" (``items`` = [(key, node)]), "arr"
    (``items`` = [node]), "str" or "atom"; ``start``/``end`` offsets of its text."""

    __slots__ = ("kind", "start", "end", "items")

    def __init__(self, kind: str, start: int):
        self.kind, self.start, self.end, self.items = kind, start, start, []


def _skip(text: str, i: int) -> int:
    while i < len(text) and text[i] in _WS:
        i += 1
    return i


def _string_end(text: str, i: int) -> int:
    """The offset after the string token that starts (with its quote) at ``i``."""
    i += 1
    while True:
        c = text[i]
        if c == "\\":
            i += 2
        elif c == '"':
            return i + 1
        else:
            i += 1


def _value(text: str, i: int) -> _Node:
    i = _skip(text, i)
    c = text[i]
    if c == "{":
        node = _Node("obj", i)
        i = _skip(text, i + 1)
        if text[i] == "}":
            node.end = i + 1
            return node
        while True:
            i = _skip(text, i)
            end = _string_end(text, i)
            key = json.loads(text[i:end])
            i = _skip(text, end)
            if text[i] != ":":
                raise ValueError(f"':' expected at {i}")
            child = _value(text, i + 1)
            node.items.append((key, child))
            i = _skip(text, child.end)
            if text[i] == "}":
                node.end = i + 1
                return node
            if text[i] != ",":
                raise ValueError(f"',' expected at {i}")
            i += 1
    if c == "[":
        node = _Node("arr", i)
        i = _skip(text, i + 1)
        if text[i] == "]":
            node.end = i + 1
            return node
        while True:
            child = _value(text, i)
            node.items.append(child)
            i = _skip(text, child.end)
            if text[i] == "]":
                node.end = i + 1
                return node
            if text[i] != ",":
                raise ValueError(f"',' expected at {i}")
            i += 1
    if c == '"':
        node = _Node("str", i)
        node.end = _string_end(text, i)
        return node
    node = _Node("atom", i)  # a number, true, false, null (NaN, Infinity: what json.loads takes)
    while i < len(text) and text[i] not in _WS + ",]}":
        i += 1
    node.end = i
    return node


def parse_spans(text: str) -> _Node:
    """The root value of a JSON text with the offsets of every value (ValueError/IndexError on
    text that is no JSON)."""
    root = _value(text, 0)
    if _skip(text, root.end) != len(text):
        raise ValueError("text after the JSON value")
    return root


def encoder(original: str, ensure_ascii: bool) -> Callable[[str], str]:
    """How ``original`` writes a string: ``json.dumps`` with its ASCII escaping, and an ASCII
    character it only ever writes as ``\\uXXXX`` (``\\u0021`` for ``!``, Gson's ``\\u003d``) escaped
    the same way."""
    spelled = {}
    for m in _ESCAPE.finditer(original):
        spelled.setdefault(chr(int(m.group(1), 16)), m.group(0))
    plain = set(original.replace("\\\\", "").replace('\\"', ""))  # (literal characters anywhere in it)
    mimic = sorted((c, e) for c, e in spelled.items() if " " <= c <= "~" and c not in '"\\' and c not in plain)

    def encode(value: str) -> str:
        out = json.dumps(value, ensure_ascii=ensure_ascii)
        for c, escape in mimic:  # (no such character outside the strings: quotes, escapes, hex digits)
            out = out.replace(c, escape)
        return out

    return encode


def _string_list(text: str, node: _Node, new: List[str], old: List[str], encode) -> Optional[str]:
    if not node.items:
        return None
    raws = [text[n.start:n.end] for n in node.items]
    lead = text[node.start + 1:node.items[0].start]
    trail = text[node.items[-1].end:node.end - 1]
    sep = text[node.items[0].end:node.items[1].start] if len(raws) > 1 else "," + lead
    if not new:
        return None
    out: List[str] = [""] * len(new)
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for k in range(j1, j2):
            out[k] = raws[i1 + k - j1] if tag == "equal" else encode(new[k])
    return "[" + lead + sep.join(out) + trail + "]"


def _edits(text: str, node: _Node, old, new, encode, edits: List[Tuple[int, int, str]]) -> bool:
    if old == new and type(old) is type(new):
        return True
    if node.kind == "obj" and isinstance(old, dict) and isinstance(new, dict):
        keys = [k for k, _ in node.items]
        if keys != list(old) or keys != list(new):
            return False
        return all(_edits(text, child, old[k], new[k], encode, edits) for k, child in node.items)
    if node.kind == "arr" and isinstance(old, list) and isinstance(new, list) and len(node.items) == len(old):
        if all(isinstance(x, str) for x in old + new):
            spelled = _string_list(text, node, new, old, encode)
            if spelled is None:
                return False
            edits.append((node.start, node.end, spelled))
            return True
        if len(old) != len(new):
            return False
        return all(_edits(text, child, o, n, encode, edits) for child, o, n in zip(node.items, old, new))
    if node.kind == "str" and isinstance(old, str) and isinstance(new, str):
        edits.append((node.start, node.end, encode(new)))
        return True
    return False


def splice(original: str, new, encode: Callable[[str], str]) -> Optional[str]:
    """``original`` (a JSON text) with the values where ``new`` differs from it rewritten in
    place, or None (see the module's doc)."""
    try:
        old = json.loads(original)
        root = parse_spans(original)
    except (ValueError, IndexError, RecursionError):
        return None
    edits: List[Tuple[int, int, str]] = []
    if not _edits(original, root, old, new, encode, edits):
        return None
    out = original
    for start, end, spelled in sorted(edits, reverse=True):
        out = out[:start] + spelled + out[end:]
    try:
        if json.loads(out) != new:  # the reader and json.loads disagree: write it whole
            return None
    except ValueError:
        return None
    return out
