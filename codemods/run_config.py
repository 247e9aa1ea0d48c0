"""``run_config:RunConfigYaml``: YAML run configs from the 0.13.2 shape to the 0.20 shape.

Driven by the ``fix_args`` of the rules that name it (paths are dotted from the document
root, ``*`` is every key at that level):

* ``("drop", ("name", "steps.*.source"))``: delete these keys; a mapping under a ``*`` that
  only held them (a step with only a ``source``) goes too;
* ``("move", (("steps.*.parameters.enable_cache", "steps.*.enable_cache"),))``: move a key
  one level up (placed where its old parent is, above the comment lines right above it; an
  emptied parent goes; a value already at the destination wins);
* ``("materializers", "steps.*.materializers")``: ``materializers.<o>: {name: C, file: a/b.py}``
  -> ``outputs.<o>.materializer_source: a.b.C`` (the same mapping, so flow or block style
  stays). A step whose materializers cannot all be converted (no ``file``, a path outside the
  tree) keeps them: the finding stays and the fixer reports it.

Only the rules with fixable findings in the file (``ctx.codes``) are applied, to the documents
that hold them, and each output's source is the one the scan found: a finding carries the
number of its document (``scan/yaml_scan.DOCUMENT``), its key's path (``AT``) and, for
materializers, ``rules/run_config.SOURCES`` (``Finding.fix_args``); nothing is judged again here. The edits are
spans of the text located from PyYAML's node marks (``zenml_migrate.yaml_edit``): every byte
they do not touch stays as written (comments, quotes, flow style, indentation, blank lines,
BOM, line endings, other documents); the comments on a removed key's lines stay as full lines
where it was (the comment of a moved key moves with it). A file whose documents need no change
is returned as it came. An edit that cannot be made safely (``yaml_edit.Declined``) leaves
its part of the file as it is: the finding stays and the fixer reports it.
"""

from typing import Any, Dict, List, Optional, Tuple

from zenml_migrate.rules.run_config import SOURCES
from zenml_migrate.scan.yaml_scan import AT, DOCUMENT
from zenml_migrate.yaml_edit import Declined, YamlText, index_of, keys
from zenml_migrate.yaml_load import load_all



class RunConfigYaml:
    def __init__(self, ctx):
        self.ctx = ctx
        self.drops: List[str] = []
        self.moves: List[Tuple[str, str]] = []
        self.materializers: List[str] = []
        # what the scan found: the documents that are run configs (``scan/yaml_scan.is_run_config``),
        # and, per ``(document, path of a materializers key)``, the source of each output
        self.documents = {f.arg(DOCUMENT) for f in ctx.findings}
        self.sources: Dict[Tuple[int, Tuple[str, ...]], Dict[str, str]] = {
            (f.arg(DOCUMENT), tuple(f.arg(AT))): dict(map(tuple, f.arg(SOURCES))) for f in ctx.findings if f.arg(SOURCES)
        }
        for code in sorted(ctx.codes):
            self.drops += list(ctx.arg(code, "drop", ()) or ())
            self.moves += [_one_level_up(src, dst) for src, dst in ctx.arg(code, "move", ()) or ()]
            path = ctx.arg(code, "materializers")
            if path:
                self.materializers.append(path)

    def fix_text(self, text: str) -> str:
        try:
            data = load_all(text, run_config=True)
            doc = YamlText(text)
        except Declined:
            return text
        changed = False
        for i, item in enumerate(data):
            if i in self.documents:
                changed = self.convert(doc, i, item) or changed
        return doc.text if changed else text

    # ------------------------------------------------------------ the fix data
    def convert(self, doc: YamlText, i: int, data: Any) -> bool:
        """Apply the rules' data to document ``i``. The keys under a ``*`` (each step) are edited
        as texts of their own, spliced back at the end: a rewrite composes its text again after
        each edit, and a 100-step file must not be composed 600 times."""
        plain = [p for p in self.drops if "*" not in p], [m for m in self.moves if "*" not in m[0]], [p for p in self.materializers if "*" not in p]
        self._document = i
        changed, emptied = self._apply(doc, i, data, *plain)
        prefixes = {tuple(p.split(".")[: p.split(".").index("*")]) for p in self.drops + self.materializers if "*" in p}
        prefixes |= {tuple(m[0][: m[0].index("*")]) for m in self.moves if "*" in m[0]}
        for prefix in sorted(prefixes):
            ops = self._under(prefix)
            container = _data_at(data, prefix)
            node = doc.mapping(i, prefix)
            if not isinstance(container, dict) or node is None:
                continue
            edits = []
            for name in [k for k in container if isinstance(k, str)]:
                try:
                    start, end = doc.entry_lines(node, _index(node, name))
                except Declined:  # a flow mapping of entries (`steps: {a: {...}}`): edited in place
                    view = {name: container[name]}
                    for part in reversed(prefix):
                        view = {part: view}
                    more, gone = self._apply(doc, i, view, *self._under(prefix, relative=False))
                    changed, emptied = changed or more, emptied + gone
                    node = doc.mapping(i, prefix)
                    continue
                while end < len(doc.text) and not doc.text[end : doc.line_end(end)].strip():
                    end = doc.line_end(end)  # the blank lines after it: a deleted last key takes them
                try:
                    sub = YamlText(doc.text[start:end], newline=doc.newline)
                except Declined:
                    continue
                more, gone = self._apply(sub, 0, {name: container[name]}, *ops, under=prefix)
                if more:
                    edits.append((start, end, sub.text))
                emptied += [prefix + owner for owner in gone]
            for start, end, text in reversed(edits):
                doc.replace(start, end, text)
            changed = changed or bool(edits)
        for owner in emptied:
            node = doc.mapping(i, owner)
            if node is not None and not node.value:
                changed = _edit(doc, lambda: doc.delete(i, owner)) or changed  # nothing left to configure
        return changed

    def _under(self, prefix: Tuple[str, ...], relative: bool = True):
        """The drops, moves and materializer paths below ``prefix.*``, relative to it (``*``
        kept: it names the one entry of the text edited), or as they are."""
        n = len(prefix)

        def rel(parts: List[str]) -> Optional[List[str]]:
            if tuple(parts[:n]) != prefix or parts[n : n + 1] != ["*"]:
                return None
            return parts[n:] if relative else parts

        drops = [".".join(r) for r in (rel(p.split(".")) for p in self.drops) if r]
        moves = [(r, sub, key) for r, sub, key in ((rel(list(m[0])), m[1], m[2]) for m in self.moves) if r]
        materializers = [".".join(r) for r in (rel(p.split(".")) for p in self.materializers) if r]
        return drops, moves, materializers

    def _apply(self, doc: YamlText, i: int, data: Any, drops, moves, materializers, under: Tuple[str, ...] = ()) -> Tuple[bool, List[Tuple[str, ...]]]:
        """``(changed, the mappings under a `*` that only held dropped keys)``; ``under``: the path
        of ``data`` in the document (``self._document``) when ``doc`` is the text of one entry."""
        changed = False
        emptied: List[Tuple[str, ...]] = []
        for path in drops:
            *parent, key = path.split(".")
            for container, under_star in _containers(data, parent):
                if isinstance(container[1], dict) and key in container[1]:
                    was = len(container[1])
                    if _edit(doc, lambda: doc.delete(i, container[0] + (key,))):
                        changed = True
                        del container[1][key]
                        if under_star and was and not container[1]:
                            emptied.append(under_star)
        for parent, sub, key in moves:
            for (path, step), _ in _containers(data, parent):
                changed = _edit(doc, lambda: move_up(doc, i, path, step, sub, key)) or changed
        for path in materializers:
            *parent, key = path.split(".")
            for (at, step), _ in _containers(data, parent):
                sources = self.sources.get((self._document, under + at + (key,)))
                if sources is not None:
                    changed = _edit(doc, lambda: convert_materializers(doc, i, at, step, key, sources)) or changed
        return changed, emptied


def _data_at(data: Any, path: Tuple[str, ...]) -> Any:
    for name in path:
        data = data.get(name) if isinstance(data, dict) else None
    return data


def _index(node, name: str) -> int:
    at = index_of(node, name)
    if at is None:
        raise Declined("an entry that came from a merge")
    return at


def _edit(doc: YamlText, edit) -> bool:
    """Run one edit (or group of edits) as a whole; False when it was declined or did nothing."""
    before = doc.text
    try:
        with doc.atomic():
            result = edit()
    except Declined:
        return False
    return result is not False and doc.text != before


def _one_level_up(src: str, dst: str) -> Tuple[List[str], str, str]:
    """``a.*.sub.key`` -> ``a.*.key`` as ``(["a", "*"], "sub", "key")``; other shapes are a bug
    in the rule's data."""
    s, d = src.split("."), dst.split(".")
    if len(s) < 2 or s[:-2] != d[:-1] or s[-1] != d[-1]:
        raise ValueError(f"run_config move {src!r} -> {dst!r}: only a move one level up is supported")
    return s[:-2], s[-2], s[-1]


def _containers(node: Any, parts: List[str], at: Tuple[str, ...] = (), owner=None):
    """``((path, mapping), owner)`` of the mappings at ``parts`` below ``node`` (``*``: every
    key), ``owner`` the path of the last ``*`` that led there (None when there was none)."""
    if not isinstance(node, dict):
        return
    if not parts:
        yield (at, node), owner
        return
    head, rest = parts[0], parts[1:]
    names = [k for k in node if isinstance(k, str)] if head == "*" else [head] if head in node else []
    for key in names:
        yield from _containers(node[key], rest, at + (key,), at + (key,) if head == "*" else owner)


def move_up(doc: YamlText, i: int, path: Tuple[str, ...], step: dict, sub: str, key: str) -> bool:
    """``step[sub][key]`` -> ``step[key]``, placed where ``sub`` is."""
    params = step.get(sub)
    if not isinstance(params, dict) or key not in params:
        return False
    node = doc.mapping(i, path + (sub,))
    lines = doc.entry_text(node, index_of(node, key), key)  # its comment moves with it
    last = len(params) == 1
    doc.delete(i, path + (sub, key), keep_comments=False)
    if key not in step:  # half migrated: the value already there wins
        doc.insert(i, path, sub, lines)
        step[key] = params[key]
    del params[key]
    if last:
        doc.delete(i, path + (sub,))
        del step[sub]
    return True


def convert_materializers(doc: YamlText, i: int, path: Tuple[str, ...], step: dict, key: str, sources: Dict[str, str]) -> bool:
    """``step[key]`` (``{output: {name: C, file: a/b.py}}``) -> ``outputs.<output>.materializer_source``,
    each output's source as the scan found it (``sources``)."""
    materializers = step.get(key)
    outputs = step.get("outputs")
    if not isinstance(materializers, dict) or (outputs is not None and not isinstance(outputs, dict)):
        return False
    if set(materializers) != set(sources):
        return False
    for output in materializers:
        spec = path + (key, output)
        first = (keys(doc.node(i, spec)) or [None])[0]
        doc.insert(i, spec, first, [f"materializer_source: {sources[output]}"])
        for field in ("name", "file"):
            if index_of(doc.node(i, spec), field) is not None:
                doc.delete(i, spec + (field,))
    if outputs is None:
        if "outputs" in step:  # `outputs:` with nothing under it
            doc.delete(i, path + ("outputs",))
        doc.rename_key(i, path + (key,), "outputs")
    else:
        node = doc.mapping(i, path + (key,))
        for output in materializers:
            if output not in outputs:
                if index_of(node, output) is None:
                    raise Declined("an output that came from a merge")
                doc.insert(i, path + ("outputs",), None, doc.entry_text(node, index_of(node, output), output))
                node = doc.mapping(i, path + (key,))
        doc.delete(i, path + (key,))
    return True
