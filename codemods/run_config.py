"""``run_config:RunConfigYaml``: YAML run configs from the 0.13.2 shape to the 0.20 shape.

Driven by the ``fix_args`` of the rules that name it (paths are dotted from the document
root, ``*`` is every key at that level):

* ``("drop", ("name", "steps.*.source"))``: delete these keys; a mapping under a ``*`` that
  only held them (a step with only a ``source``) goes too;
* ``("move", (("steps.*.parameters.enable_cache", "steps.*.enable_cache"),))``: move a key
  one level up (placed where its old parent is; an emptied parent goes; a value already at
  the destination wins);
* ``("materializers", "steps.*.materializers")``: ``materializers.<o>: {name: C, file: a/b.py}``
  -> ``outputs.<o>.materializer_source: a.b.C`` (the same mapping object, so flow or block
  style stays). A step whose materializers cannot all be converted (no ``file``, a path
  outside the tree) keeps them: the finding stays and the fixer reports it.

Only the rules with fixable findings in the file (``ctx.codes``) are applied. ruamel.yaml
round trip: key order, quotes, flow style, indentation (detected from the file) and comments
are kept; the comments on a removed key's lines become full lines where it was (the comment
of a moved key moves with it). A file whose documents need no change is returned as it came
(never re-dumped); BOM and newline style are restored.
"""

import io
import re
from typing import Any, Iterator, List, Optional, Tuple

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import CommentMark
from ruamel.yaml.tokens import CommentToken

from zenml_migrate.scan.yaml_scan import is_run_config

IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


class RunConfigYaml:
    def __init__(self, ctx):
        self.ctx = ctx
        self.drops: List[str] = []
        self.moves: List[Tuple[str, str]] = []
        self.materializers: List[str] = []
        for code in sorted(ctx.codes):
            self.drops += list(ctx.arg(code, "drop", ()) or ())
            self.moves += [_one_level_up(src, dst) for src, dst in ctx.arg(code, "move", ()) or ()]
            path = ctx.arg(code, "materializers")
            if path:
                self.materializers.append(path)

    def fix_text(self, text: str) -> str:
        bom = "\ufeff" if text.startswith("\ufeff") else ""
        body = text[len(bom) :]
        newline = "\r\n" if "\r\n" in body else "\n"
        yaml = round_trip_yaml(body)
        docs = list(yaml.load_all(body))
        changed = False
        for doc in docs:
            if is_run_config(doc):
                changed = self.convert(doc) or changed
        if not changed:
            return text
        out = io.StringIO()
        if len(docs) == 1:
            yaml.dump(docs[0], out)
        else:
            yaml.dump_all(docs, out)
        result = out.getvalue()
        if newline != "\n":
            result = result.replace("\r\n", "\n").replace("\n", newline)
        return bom + result

    # ------------------------------------------------------------ the fix data
    def convert(self, doc: CommentedMap) -> bool:
        changed = False
        emptied: List[Tuple[CommentedMap, Any]] = []  # mappings under a `*` that only held dropped keys
        for path in self.drops:
            *parent, key = path.split(".")
            for container, under_star in _containers(doc, parent):
                if key in container:
                    was = len(container)
                    delete_key(container, key)
                    changed = True
                    if under_star and was and not container:
                        emptied.append(under_star)
        for parent, sub, key in self.moves:
            for container, _ in _containers(doc, parent):
                changed = move_up(container, sub, key) or changed
        for path in self.materializers:
            *parent, key = path.split(".")
            for container, _ in _containers(doc, parent):
                changed = convert_materializers(container, key) or changed
        for owner, name in emptied:
            if name in owner and not owner[name]:
                delete_key(owner, name)  # nothing left to configure
        return changed


def _one_level_up(src: str, dst: str) -> Tuple[List[str], str, str]:
    """``a.*.sub.key`` -> ``a.*.key`` as ``(["a", "*"], "sub", "key")``; other shapes are a bug
    in the rule's data."""
    s, d = src.split("."), dst.split(".")
    if len(s) < 2 or s[:-2] != d[:-1] or s[-1] != d[-1]:
        raise ValueError(f"run_config move {src!r} -> {dst!r}: only a move one level up is supported")
    return s[:-2], s[-2], s[-1]


def _containers(node: Any, parts: List[str], owner=None) -> Iterator[Tuple[CommentedMap, Optional[Tuple[CommentedMap, Any]]]]:
    """The mappings at ``parts`` below ``node`` (``*``: every key), each with ``(mapping, key)``
    of the last ``*`` that led to it (None when there was none)."""
    if not isinstance(node, CommentedMap):
        return
    if not parts:
        yield node, owner
        return
    head, rest = parts[0], parts[1:]
    keys = list(node) if head == "*" else [head] if head in node else []
    for key in keys:
        yield from _containers(node[key], rest, (node, key) if head == "*" else owner)


def move_up(step: CommentedMap, sub: str, key: str) -> bool:
    """``step[sub][key]`` -> ``step[key]``, placed where ``sub`` is."""
    params = step.get(sub)
    if not isinstance(params, CommentedMap) or key not in params:
        return False
    value = params[key]
    comment = eol_comment(params, key)
    shift = _column(params, key) - _column(step, sub)  # the key moves left
    delete_key(params, key, keep_eol=False)  # its comment moves with it
    if key not in step:  # half migrated: the value already there wins
        step.insert(list(step).index(sub), key, value)
        if comment:
            text, column = comment
            step.ca.items.setdefault(key, [None, None, None, None])[2] = _token(text + "\n", column - shift)
    if not params:
        delete_key(step, sub)
    return True


def convert_materializers(step: CommentedMap, key: str = "materializers") -> bool:
    materializers = step.get(key)
    outputs = step.get("outputs")
    if not isinstance(materializers, CommentedMap) or (outputs is not None and not isinstance(outputs, CommentedMap)):
        return False
    sources = {}
    for output, spec in materializers.items():
        source = materializer_source(spec)
        if source is None:
            return False
        sources[output] = source
    for output, spec in materializers.items():
        for field in ("name", "file"):
            delete_key(spec, field)
        spec.insert(0, "materializer_source", sources[output])
    if outputs is None:
        position = list(step).index(key)
        comments = step.ca.items.pop(key, None)
        step.insert(position, "outputs", materializers)
        del step[key]
        if comments:
            step.ca.items["outputs"] = comments
    else:
        for output, spec in materializers.items():
            if output not in outputs:
                outputs[output] = spec
        delete_key(step, key)
    return True


def materializer_source(spec: Any) -> Optional[str]:
    """``{name: C, file: a/b.py}`` -> ``a.b.C`` (None when it cannot be known)."""
    if not isinstance(spec, CommentedMap) or set(spec) - {"name", "file"}:
        return None
    name, path = spec.get("name"), spec.get("file")
    if not isinstance(name, str) or not isinstance(path, str) or not all(IDENT.match(p) for p in name.split(".")):
        return None
    path = path.strip().replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    if not path.endswith(".py") or path.startswith("/") or re.match(r"[A-Za-z]:", path):
        return None
    parts = path[: -len(".py")].split("/")
    if parts[-1] == "__init__":
        parts = parts[:-1]
    if not parts or not all(IDENT.match(p) for p in parts):
        return None
    return ".".join(parts + [name])


# --------------------------------------------------------------- comments
def _tail_slot(cm: CommentedMap, key: Any) -> Tuple[CommentedMap, Any]:
    """The (map, key) whose comment slot holds what is written after ``key``'s value."""
    value = cm[key]
    if isinstance(value, CommentedMap) and len(value) and not value.fa.flow_style():
        return _tail_slot(value, list(value)[-1])
    return cm, key


def _slot_text(cm: CommentedMap, key: Any) -> str:
    entry = cm.ca.items.get(key)
    return entry[2].value if entry and len(entry) > 2 and entry[2] is not None else ""


def eol_comment(cm: CommentedMap, key: Any) -> Optional[Tuple[str, int]]:
    """The comment on ``key``'s own line (a scalar value) and its column, or None."""
    entry = cm.ca.items.get(key)
    token = entry[2] if entry and len(entry) > 2 else None
    if token is None or not token.value.startswith("#"):
        return None
    return token.value.split("\n", 1)[0].rstrip(), token.column


def _column(cm: CommentedMap, key: Any) -> int:
    try:
        return cm.lc.key(key)[1]
    except (AttributeError, KeyError, TypeError):
        return 0


def _token(text: str, column: int) -> CommentToken:
    return CommentToken(text, CommentMark(max(0, column)))


def _lines_of(text: str, indent: str, keep_eol: bool) -> str:
    """A comment slot's text as full lines: its end-of-line comment (if kept) moves onto a
    line of its own at ``indent``; the lines below it stay as written."""
    if text.startswith("#"):
        eol, _, rest = text.partition("\n")
        return (indent + eol.rstrip() + "\n" if keep_eol else "") + rest
    return text.lstrip("\n") if text.strip() else ""


def _subtree_comments(cm: CommentedMap, key: Any, indent: str, keep_eol: bool) -> str:
    """Every comment written on or after ``key``'s lines, in document order, as full lines."""
    value = cm[key]
    if isinstance(value, CommentedMap) and len(value) and not value.fa.flow_style():
        own = _lines_of(_slot_text(cm, key), indent, keep_eol)
        return own + "".join(_subtree_comments(value, k, indent, keep_eol) for k in value)
    return _lines_of(_slot_text(cm, key), indent, keep_eol)


def delete_key(cm: CommentedMap, key: Any, keep_eol: bool = True) -> None:
    """``del cm[key]``, keeping the comments on its lines and the full-line comments after it
    (they move to the key before it, or above the key after it)."""
    keys = list(cm)
    i = keys.index(key)
    following = _subtree_comments(cm, key, " " * _column(cm, key), keep_eol)
    del cm[key]
    if not following.strip():
        return
    if i > 0:
        prev_map, prev_key = _tail_slot(cm, keys[i - 1])
        entry = prev_map.ca.items.setdefault(prev_key, [None, None, None, None])
        if entry[2] is None:
            entry[2] = _token("\n" + following, 0)
        else:
            entry[2].value = entry[2].value + following
    elif i + 1 < len(keys):  # the first key went: the comments belong to the next one
        entry = cm.ca.items.setdefault(keys[i + 1], [None, None, None, None])
        entry[1] = [_token(following, 0)] + list(entry[1] or [])
    else:
        if cm.ca.comment is None:
            cm.ca.comment = [None, []]
        if cm.ca.comment[1] is None:
            cm.ca.comment[1] = []
        cm.ca.comment[1].append(_token(following, 0))


# ------------------------------------------------------------------ layout
_KEY_LINE = re.compile(r"^( *)[^\s#-][^\n]*:(\s|$)")
_DASH_LINE = re.compile(r"^( *)- ")


def round_trip_yaml(text: str) -> YAML:
    """A round-trip YAML whose output uses the file's own indentation and line width."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    mapping, sequence, offset = detect_indent(text)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    first = next((ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")), "")
    yaml.explicit_start = first.startswith("---")
    return yaml


def detect_indent(text: str) -> Tuple[int, int, int]:
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    mapping = 0
    sequence = offset = None
    for prev, line in zip(lines, lines[1:]):
        parent = _KEY_LINE.match(prev)
        if not parent or not prev.rstrip().endswith(":"):
            continue
        base = len(parent.group(1))
        dash = _DASH_LINE.match(line)
        if dash and sequence is None:
            offset = max(0, len(dash.group(1)) - base)
            sequence = offset + 2
        key = _KEY_LINE.match(line)
        if key and not mapping and len(key.group(1)) > base:
            mapping = len(key.group(1)) - base
    mapping = mapping or 2
    if sequence is None:
        sequence, offset = mapping, 0
    return mapping, max(sequence, offset + 2), offset

