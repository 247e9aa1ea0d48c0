"""Edits of a YAML text as spans located from the parser's node marks (PyYAML, the tool's one
YAML library: ``yaml_load``).

Every byte an edit does not touch stays as written: comments, blank lines, quoting, flow or
block style, indentation, line endings, a BOM, other documents. An edit is one of: delete a
mapping entry (the comments on its lines stay as full lines at its key's column; blank lines
right after it go with it, unless its last line had a comment), insert an entry (before another one, with the comment lines right
above that one staying next to it, or at the end), rename a key, set a top-level scalar.
Entries are named by their key path from a document's root.

The text is composed again after every edit (PyYAML's C parser, offsets set from its lines
and columns: ``compose_exact``), so edits never overlap. What cannot be edited safely (a key that does not start its line, a multi-line value
into a flow mapping, lone CR or Unicode line breaks) raises ``Declined``; ``atomic`` puts the
text back as it was before the group of edits.
"""

import re
from contextlib import contextmanager
from typing import Iterator, List, Optional, Sequence, Tuple

import yaml

Path = Sequence[str]
_COMMENT = re.compile(r"(?<![^ \t\n])#")  # a '#' at a line start or after a blank
_ODD_BREAKS = re.compile("\r(?!\n)|[\x85\u2028\u2029]")


class Declined(Exception):
    """An edit that cannot be made without touching more than it should."""


def odd_line_breaks(text: str) -> bool:
    """Whether ``text`` breaks lines with a lone CR or a Unicode line break (NEL, LS, PS), which
    the edits never touch (the scan says so of such a file's findings: ``scan/yaml_scan``)."""
    return _ODD_BREAKS.search(text) is not None


class YamlText:
    def __init__(self, text: str, newline: Optional[str] = None):
        if odd_line_breaks(text):
            raise Declined("lone CR or Unicode line breaks")
        self.text = text
        self.newline = newline or ("\r\n" if "\r\n" in text else "\n")
        self._docs: Optional[List[yaml.Node]] = None
        self._spans: Optional[List[Tuple[int, int]]] = None

    # ------------------------------------------------------------- reading
    @property
    def docs(self) -> List[yaml.Node]:
        if self._docs is None:
            self._docs = compose_exact(self.text)
            self._spans = None
        return self._docs

    def node(self, doc: int, path: Path) -> Optional[yaml.Node]:
        """The node at ``path`` (key names) of document ``doc``, or None."""
        node = self.docs[doc]
        for name in path:
            i = index_of(node, name)
            if i is None:
                return None
            node = node.value[i][1]
        return node

    def mapping(self, doc: int, path: Path) -> Optional[yaml.MappingNode]:
        node = self.node(doc, path)
        return node if isinstance(node, yaml.MappingNode) else None

    def value_end(self, key: yaml.Node, value: yaml.Node) -> int:
        """Offset just after the last character of ``value`` as written after ``key``."""
        if value.start_mark.index < key.end_mark.index:  # an alias: its node lies at the anchor
            match = re.compile(r"\s*:\s*\*[^\s,\]\}]+").match(self.text, key.end_mark.index)
            if match is None:
                raise Declined("alias value")
            return match.end()
        if isinstance(value, yaml.ScalarNode):
            if value.start_mark.index == value.end_mark.index:  # an empty (null) value
                return self.text.index(":", key.end_mark.index) + 1
            return _rstrip_to(self.text, value.start_mark.index, value.end_mark.index)
        if value.flow_style or not value.value:
            return value.end_mark.index
        if isinstance(value, yaml.MappingNode):
            k, v = value.value[-1]
            return self.value_end(k, v)
        last = value.value[-1]
        return self.value_end(last, last) if last.start_mark.index < last.end_mark.index else last.end_mark.index

    def line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def line_end(self, index: int) -> int:
        """Offset after the line break of the line holding ``index``."""
        end = self.text.find("\n", index)
        return len(self.text) if end < 0 else end + 1

    def comment_at(self, start: int, end: int) -> Optional[int]:
        """Offset of the comment in ``text[start:end]`` (one line), or None."""
        spans = self._quoted_spans()
        for m in _COMMENT.finditer(self.text, start, end):
            if not any(a <= m.start() < b for a, b in spans):
                return m.start()
        return None

    def _quoted_spans(self) -> List[Tuple[int, int]]:
        if self._docs is not None and self._spans is not None:
            return self._spans
        spans = []
        stack = list(self.docs)
        seen = set()
        while stack:
            node = stack.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            if isinstance(node, yaml.ScalarNode):
                if node.style:
                    spans.append((node.start_mark.index, node.end_mark.index))
            elif isinstance(node, yaml.MappingNode):
                stack.extend(x for pair in node.value for x in pair)
            else:
                stack.extend(node.value)
        self._spans = spans
        return spans

    def entry_lines(self, mapping: yaml.MappingNode, i: int) -> Tuple[int, int]:
        """``(start, end)``: the whole lines of block entry ``i``, from its key to the end of its value."""
        key, value = mapping.value[i]
        start = self.line_start(key.start_mark.index)
        if self.text[start : key.start_mark.index].strip():
            raise Declined("a key that does not start its line")
        end = self.value_end(key, value)
        return start, self.line_end(end - 1 if end > start else end)

    def entry_text(self, mapping: yaml.MappingNode, i: int, plain_key: str) -> List[str]:
        """Entry ``i`` written again as lines relative to its key's column (the key plain)."""
        key, value = mapping.value[i]
        if mapping.flow_style:
            end = self.value_end(key, value)
            body = self.text[value.start_mark.index : end] if end > key.end_mark.index else ""
            if "\n" in body or (value.start_mark.index < key.end_mark.index):
                raise Declined("a multi-line or aliased value in a flow mapping")
            return [f"{plain_key}: {body}".rstrip()]
        start, end = self.entry_lines(mapping, i)
        column = key.start_mark.column
        lines = _lines(self.text[start:end])
        first = plain_key + lines[0][key.end_mark.index - start :]
        rest = []
        for line in lines[1:]:
            if line.strip() and line[:column].strip():
                raise Declined("a value line left of its key")
            rest.append(line[column:] if line.strip() else "")
        return [first.rstrip()] + [r.rstrip() for r in rest]

    # ------------------------------------------------------------- editing
    def replace(self, start: int, end: int, new: str) -> None:
        self.text = self.text[:start] + new + self.text[end:]
        self._docs = None

    @contextmanager
    def atomic(self) -> Iterator[None]:
        before = self.text
        try:
            yield
        except Declined:
            self.text, self._docs = before, None
            raise

    def rename_key(self, doc: int, path: Path, new: str) -> None:
        parent, i = self._entry(doc, path)
        key = parent.value[i][0]
        self.replace(key.start_mark.index, key.end_mark.index, new)

    def _entry(self, doc: int, path: Path) -> Tuple[yaml.MappingNode, int]:
        """The mapping holding the entry at ``path`` and its index there."""
        parent = self.mapping(doc, path[:-1])
        i = index_of(parent, path[-1]) if path else None
        if parent is None or i is None:  # a key that came from a merge (`<<: *base`)
            raise Declined(f"no entry {'.'.join(path)} as written")
        return parent, i

    def delete(self, doc: int, path: Path, keep_comments: bool = True) -> None:
        """Delete the entry at ``path``; its comments stay as full lines where it was
        (``keep_comments=False``: the entry is moving, they go with it)."""
        parent, i = self._entry(doc, path)
        key, value = parent.value[i]
        if parent.flow_style:
            self._delete_flow(parent, i)
            return
        start, end = self.entry_lines(parent, i)
        kept = []
        last_commented = False
        for line_start, line in _line_spans(self.text, start, end):
            stripped = line.strip()
            if not stripped:
                continue
            at = self.comment_at(line_start, line_start + len(line.rstrip("\r\n")))
            if at is not None and not self.text[line_start:at].strip():  # a comment line
                kept.append(line if keep_comments else "")
                continue
            last_commented = at is not None and keep_comments
            if last_commented:
                comment = self.text[at : line_start + len(line.rstrip("\r\n"))].rstrip()
                kept.append(" " * key.start_mark.column + comment + self.newline)
        if keep_comments and not last_commented:  # the blank lines right after it go with it
            while end < len(self.text) and not self.text[end : self.line_end(end)].strip():
                end = self.line_end(end)
        empty = self._empty_at(doc, path[:-1]) if len(parent.value) == 1 else None
        self.replace(start, end, "".join(kept))
        if empty is not None:  # before the entry: not moved by the edit above
            self.replace(empty, empty, " {}")

    def _empty_at(self, doc: int, path: Path) -> int:
        """Where `` {}`` goes on the key line of the block mapping at ``path`` (its last entry goes)."""
        if not path:
            raise Declined("the document would be empty")
        owner, i = self._entry(doc, path)
        key = owner.value[i][0]
        line_end = self.line_end(key.end_mark.index)
        at = self.comment_at(key.end_mark.index, line_end)
        return _rstrip_to(self.text, key.end_mark.index, line_end if at is None else at)

    def _delete_flow(self, mapping: yaml.MappingNode, i: int) -> None:
        entries = mapping.value
        key, value = entries[i]
        if i + 1 < len(entries):
            start, end = key.start_mark.index, entries[i + 1][0].start_mark.index
        elif i > 0:
            prev_key, prev_value = entries[i - 1]
            start, end = self.value_end(prev_key, prev_value), self.value_end(key, value)
        else:
            start, end = key.start_mark.index, self.value_end(key, value)
        if any(self.comment_at(a, a + len(line.rstrip("\r\n"))) is not None for a, line in _line_spans(self.text, start, end)):
            raise Declined("a comment inside the flow mapping entry")
        self.replace(start, end, "")

    def insert(self, doc: int, path: Path, before: Optional[str], lines: List[str]) -> None:
        """Insert an entry (``lines`` relative to the key's column; one line for a flow
        mapping) into the mapping at ``path``, before the key ``before`` (None: at the end)."""
        mapping = self.mapping(doc, path)
        if mapping is None or (before is not None and index_of(mapping, before) is None):
            raise Declined(f"no mapping {'.'.join(path)} as written")
        entries = mapping.value
        i = index_of(mapping, before) if before is not None else None
        if mapping.flow_style:
            if len(lines) != 1:
                raise Declined("a multi-line value into a flow mapping")
            if i is not None:
                self.replace(entries[i][0].start_mark.index, entries[i][0].start_mark.index, lines[0] + ", ")
            elif entries:
                self.replace(*[self.value_end(*entries[-1])] * 2, ", " + lines[0])
            else:
                at = self.text.index("{", mapping.start_mark.index) + 1
                self.replace(at, at, lines[0])
            return
        column = entries[0][0].start_mark.column
        if i is not None:
            at = self.line_start(entries[i][0].start_mark.index)
            while at > 0:  # the comment lines right above it stay next to it
                above = self.line_start(at - 1)
                if not self.text[above:at].lstrip().startswith("#"):
                    break
                at = above
        else:
            at = self.entry_lines(mapping, len(entries) - 1)[1]
        lead = self.newline if at and self.text[at - 1] != "\n" else ""  # the last line had no line break
        self.replace(at, at, lead + "".join((" " * column + ln if ln else "") + self.newline for ln in lines))

    def set_top(self, key: str, value) -> None:
        """``key: value`` in the top-level mapping of the first document: the value of an
        existing entry replaced where it is, else a new entry at the end (PyYAML writes the
        value: quoted where YAML 1.1 would read it as something else)."""
        lines = emit_entry(key, value)
        root = self.docs[0] if self.docs else None
        if root is None:  # an empty file (or only comments)
            lead = self.newline if self.text and not self.text.endswith("\n") else ""
            self.replace(len(self.text), len(self.text), lead + "".join(ln + self.newline for ln in lines))
            return
        if not isinstance(root, yaml.MappingNode):
            raise Declined("the document is not a mapping")
        i = index_of(root, key)
        if i is None:
            self.insert(0, (), None, lines)
            return
        old_key, old = root.value[i]
        if len(lines) == 1 and isinstance(old, yaml.ScalarNode) and old.start_mark.index >= old_key.end_mark.index:
            new = lines[0][len(lines[0].split(":", 1)[0]) + 1 :].strip()
            end = self.value_end(old_key, old)
            start = old.start_mark.index if old.start_mark.index < old.end_mark.index else end
            self.replace(start, end, new if start < end else " " + new)
            return
        after = root.value[i + 1][0].value if i + 1 < len(root.value) else None
        self.delete(0, (key,))
        self.insert(0, (), after, lines)


def emit_entry(key: str, value) -> List[str]:
    """``key: value`` as PyYAML writes it (block style, never folded), as lines."""
    text = yaml.safe_dump({key: value}, sort_keys=False, allow_unicode=True, default_flow_style=False, width=2**31 - 1)
    return text.splitlines()


def compose_exact(text: str) -> List[yaml.Node]:
    """The node graphs of ``text`` with exact character offsets in their marks. PyYAML's C
    parser (ten times faster than its Python one: a rewrite composes the text again after each
    edit) counts lines and columns exactly but not offsets (a BOM, CRLF): they are set from
    the line and column. The scan has read the file with the Python parser before any edit."""
    c_loader = getattr(yaml, "CSafeLoader", None)
    if c_loader is None:
        return list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    bom = 1 if text.startswith("\ufeff") else 0
    try:
        docs = list(yaml.compose_all(text[bom:], Loader=c_loader))
    except yaml.YAMLError as exc:
        raise Declined(f"the C parser refuses the text ({type(exc).__name__})") from None
    starts = [bom]
    at = text.find("\n", bom)
    while at >= 0:
        starts.append(at + 1)
        at = text.find("\n", at + 1)
    seen = set()
    stack = list(docs)
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        node.start_mark, node.end_mark = (
            yaml.Mark(None, starts[m.line] + m.column if m.line < len(starts) else len(text), m.line, m.column, None, None)
            for m in (node.start_mark, node.end_mark)
        )
        if isinstance(node, yaml.MappingNode):
            stack.extend(x for pair in node.value for x in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return docs


def nodes(docs: Sequence[yaml.Node]) -> Iterator[yaml.Node]:
    """Every node of the graphs ``docs``, once (an aliased node is one node)."""
    stack = list(docs)
    seen = set()
    while stack:
        node = stack.pop()
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        if isinstance(node, yaml.MappingNode):
            stack.extend(x for pair in node.value for x in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def index_of(node: yaml.Node, name: Optional[str]) -> Optional[int]:
    if not isinstance(node, yaml.MappingNode) or name is None:
        return None
    for i, (key, _) in enumerate(node.value):
        if isinstance(key, yaml.ScalarNode) and key.value == name:
            return i
    return None


def keys(node: yaml.Node) -> List[str]:
    """The scalar keys of a mapping node, in order."""
    if not isinstance(node, yaml.MappingNode):
        return []
    return [k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)]


def _rstrip_to(text: str, start: int, end: int) -> int:
    return start + len(text[start:end].rstrip(" \t\r\n"))


def _lines(text: str) -> List[str]:
    return text.splitlines()


def _line_spans(text: str, start: int, end: int) -> Iterator[Tuple[int, str]]:
    at = start
    while at < end:
        nl = text.find("\n", at, end)
        stop = end if nl < 0 else nl + 1
        yield at, text[at:stop]
        at = stop
