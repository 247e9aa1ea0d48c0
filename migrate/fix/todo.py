"""``# TODO(zenml-migrate): ZMnnn <what to do>`` lines for findings no codemod fixed.

One line per rule code, directly above the statement that holds the finding (above its
decorators), with the statement's indentation. A line is never added twice: an existing
marker for the same code in the comment block right above the statement counts. The
statement's first line is never inside a string, so a TODO never lands in one.

Lines an earlier run wrote (``KnownTodos``): when the fixer places the TODO lines of a file, a
line in exactly our format (``# TODO(zenml-migrate): ZMnnn text`` alone on its line) whose text
is one this version writes for that code, above a statement where this run started with a
finding of that code and fixed it (``--unsafe-fixes``, ``--experiment-tracker``, the whole
project after one file), is removed; one with an older text of a finding still there is replaced
by the current text. A line that is the current text (or one of ours) with words after it that
are not a reason of ours (``... by name (dana: ask infra)``) was edited by the user: it stays as
it is, for a finding still there and one this run fixed (then reported). Only what this run saw go counts: a TODO whose finding no scan can see
(a rename hides ``Repository().register_stack`` for good; a user fixed it by hand) stays. A line
whose text is not ours (edited by hand, a note a rewrite wrote, an older wording) is never
removed; when its finding was fixed in this run it is reported (``Marks.edited``).
"""

import ast
import re
import string
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Sequence, Set, Tuple

from zenml_migrate.findings import unresolved_message

#: the one spelling of the marker: ``TAG`` in prose ("# TODO(zenml-migrate) line"), ``MARK`` where a
#: TODO note starts (any comment syntax), ``PREFIX`` the Python/YAML/shell comment line we write
TAG = "TODO(zenml-migrate)"
MARK = f"{TAG}:"
PREFIX = f"# {MARK} "
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_INDENT = re.compile(r"[ \t]*")


#: a TODO line exactly as we write it (one line, alone on its line)
_OUR_LINE = re.compile(r"[ \t]*" + re.escape(PREFIX) + r"(?P<code>ZM\d{3}) (?P<text>[^\r\n]*?)[ \t]*(?:\r\n|\r|\n)?\Z")


def marker_re(code: str) -> "re.Pattern":
    return re.compile(r"#\s*" + re.escape(MARK) + r"\s*" + re.escape(code) + r"\b")


def todo_text(finding, rule) -> str:
    """The rule's TODO text, with the reason the scan gave when this occurrence has no
    automatic fix; a finding-specific message (e.g. ZM000's hint) wins. A finding another
    fix resolves (``resolved_by``) gets a line only when that fix does not run at this level
    (``--fix`` and an unsafe ZM461): its text does not say "resolved"."""
    message = unresolved_message(finding.message)  # a line is written for what is left: never "resolved by"
    if message != finding.message:
        from dataclasses import replace

        finding = replace(finding, message=message)
    if rule is None:
        text = finding.message
    elif finding.message.startswith(rule.message + " ("):
        text = f"{rule.todo or rule.instead} {finding.message[len(rule.message) + 1:]}"
    elif finding.message != rule.message:
        text = finding.message
    else:
        text = rule.todo or rule.instead
    return " ".join(str(text).split())


class KnownTodos:
    """The TODO texts this version writes, per rule code: ``todo_text`` of the findings of this
    run (``findings``: the scan's and the rewrite's), the rule's own text, with or without a
    reason in parentheses, and ``texts`` (``{code: text}`` another writer uses). ``protected``:
    ``(code, text)`` lines a rewrite of this run wrote (never stale)."""

    def __init__(self, rules: Dict[str, object], findings: Iterable = (), protected: Iterable[Tuple[str, str]] = (),
                 texts: Iterable[Tuple[str, str]] = (), normal=None, also=None):
        from dataclasses import replace

        self.rules = rules
        self.normal = normal or (lambda text: text)  # the part of a text that must match (YAML: not a reader's line)
        self.also = also  # (code, text) -> another text of ours (YAML: a reader's "kept: ..." line)
        self.texts: Dict[str, Set[str]] = {}
        for f in findings:
            rule = rules.get(f.code)
            self.add(f.code, todo_text(f, rule))
            if f.resolved_by:  # the text an earlier run wrote, before another fix resolved it
                self.add(f.code, todo_text(replace(f, message=unresolved_message(f.message)), rule))
        for code, text in texts:
            self.add(code, text)
        self.protected = {(code, " ".join(str(text).split("\n")[0].split())) for code, text in protected}

    def add(self, code: str, text: str) -> None:
        self.texts.setdefault(code, set()).add(" ".join(str(text).split()))

    def ours(self, code: str, text: str) -> bool:
        """Is ``text`` one this version writes for ``code`` (not edited by hand)?"""
        if (code, text) in self.protected:
            return False
        if any(self.edited(text, t) for t in self.texts.get(code, ())):
            return False  # one of our texts with the user's words after it
        if text in self.texts.get(code, ()) or (self.also is not None and self.also(code, text)):
            return True
        if any(self.normal(text) == self.normal(t) for t in self.texts.get(code, ())):
            return True
        rule = self.rules.get(code)
        if rule is None:
            return False
        stems = {" ".join(str(t).split()) for t in (getattr(rule, "todo", None), getattr(rule, "instead", None), rule.message) if t}
        # the rule's text and ONE reason in parentheses, as ``todo_text`` writes it; a second group
        # after it (``... (no automatic fix here: x) (bob: see OPS-12)``) is a user's note
        if text in stems or any(text.startswith(stem + " (") and _one_group(text[len(stem) + 1 :]) for stem in stems):
            return True
        return any(_in_form(text, form) for form in getattr(rule, "todo_forms", ()))

    def written(self, code: str, text: str) -> bool:
        """Is ``text`` a TODO line a codemod wrote for ``code`` in this run (``protected``)?"""
        return (code, " ".join(str(text).split("\n")[0].split())) in self.protected

    def same(self, text: str, wanted: Optional[str]) -> bool:
        """Is the line ``text`` the one to write for ``wanted`` (None: nothing wanted)? The whole
        text with the user's words after it (``... by name -- carol: ask infra``) is that line,
        edited: it stays as the user wrote it."""
        if wanted is None:
            return False
        return text == wanted or self.normal(text) == self.normal(wanted) or self.edited(text, wanted)

    @staticmethod
    def edited(text: str, wanted: Optional[str]) -> bool:
        """Is ``text`` the line for ``wanted`` with words a user added after it (not the reason
        an earlier run gave the same finding: ``... (no automatic fix here: ...)``)?"""
        if wanted is None or len(text) <= len(wanted) or not text.startswith(wanted) or text[len(wanted)] not in " \t;,.:-(":
            return False
        rest = text[len(wanted) :].strip()
        return not (_one_group(rest) and rest.startswith(_REASONS))


@dataclass
class Marks:
    """What placing the TODO lines of a file did. Unpacks as ``(text, placed, unplaced)``."""

    text: str
    placed: List[Tuple[int, List[str]]] = field(default_factory=list)  # (line in the input, codes added above it)
    unplaced: int = 0  # findings with no statement to mark
    removed: List[int] = field(default_factory=list)  # lines (in the input) of our TODO lines removed
    replaced: int = 0  # how many of ``removed`` had an older text of a finding still there (a new line replaces each)
    edited: List[Tuple[int, str, str]] = field(default_factory=list)  # (line in ``text``, code, text) kept: not our text

    def __iter__(self):
        return iter((self.text, self.placed, self.unplaced))


#: how the reasons ``todo_text`` writes in parentheses begin (``findings``: a finding whose fix
#: level is not its rule's says why; the fixer's and the run-config users' notes)
_REASONS = ("(no automatic fix here", "(an unsafe fix here", "(not rewritten: ", "(kept: ")


_BINDS_GROUP = "NotImplementedError when used)"  # ZM461's ``(`X` then raises NotImplementedError when used)``


def _in_form(text: str, form: str) -> bool:
    """Is ``text`` the message template ``form`` (``Rule.todo_forms``) with its fields filled in, followed
    by nothing but groups of ours (a reason, the names bound to a stub)? A user's words after it are not."""
    pattern = "".join(re.escape(literal) + (".+?" if name is not None else "")
                      for literal, name, _, _ in string.Formatter().parse(form))
    found = re.match(pattern + r"(?P<rest>.*)\Z", text, re.S)
    if found is None:
        return False
    rest = found.group("rest").strip()
    while rest:
        end = _group_end(rest)
        if end is None:
            return False
        group, rest = rest[: end + 1], rest[end + 1 :].strip()
        if not (group.startswith(_REASONS) or group.endswith(_BINDS_GROUP)):
            return False
    return True


def _group_end(text: str) -> Optional[int]:
    """Where the group in parentheses that ``text`` starts with ends (None: it starts with none)."""
    if not text.startswith("("):
        return None
    depth = 0
    for i, ch in enumerate(text):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth == 0:
            return i
    return None


def _one_group(text: str) -> bool:
    """Is ``text`` one group in parentheses (``(a (b) c)``, not ``(a) (b)``)?"""
    return _group_end(text) == len(text) - 1


def _statement_ranges(tree: ast.Module) -> List[Tuple[int, int, int]]:
    """(first line incl. decorators, end line, depth) of every statement."""
    out = []

    def walk(body: Iterable[ast.stmt], depth: int) -> None:
        for stmt in body:
            first = min([stmt.lineno] + [d.lineno for d in getattr(stmt, "decorator_list", ())])
            out.append((first, stmt.end_lineno or stmt.lineno, depth))
            for field in ("body", "orelse", "finalbody"):
                walk(getattr(stmt, field, ()) or (), depth + 1)
            for handler in getattr(stmt, "handlers", ()) or ():
                walk(handler.body, depth + 1)
            for case in getattr(stmt, "cases", ()) or ():
                walk(case.body, depth + 1)

    walk(tree.body, 0)
    return out


def _owner(ranges: List[Tuple[int, int, int]], line: int) -> Optional[int]:
    best = None
    for first, end, depth in ranges:
        if first <= line <= end:
            key = (end - first, -depth)
            if best is None or key < best[0]:
                best = (key, first)
    return None if best is None else best[1]


def split_keepends(text: str) -> List[str]:
    """Lines as Python counts them (\\n, \\r\\n, \\r), each with its end (``str.splitlines``
    also splits at form feeds, \\x1c-\\x1e, \\x85 and \\u2028: wrong line numbers)."""
    return _LINE.findall(text)


def place_todos(
    text: str, tree: ast.Module, findings, rules: Dict[str, object], stop: Optional["re.Pattern"] = None,
    known: Optional[KnownTodos] = None, about: Sequence = (),
) -> Marks:
    """``text`` with the TODO lines for ``findings`` added (unpacks as ``(text, [(line, codes
    written above it)], how many findings have no statement to mark)``; ``line``: 1-based, in
    ``text``; ``stop``: comment lines that end the block scanned for existing markers, e.g.
    notebook cell separators). With ``known``, TODO lines earlier runs wrote for findings that
    are gone are removed (see the module doc; ``about``: findings this run started from, at
    their lines in ``text``: an edited line above one of them that is gone is reported)."""
    if not findings and (known is None or PREFIX.strip() not in text):
        return Marks(text)  # nothing to place and no TODO line of an earlier run to check
    ranges = _statement_ranges(tree)
    wanted: Dict[int, Dict[str, str]] = {}
    unplaced = 0
    lines = shell = None
    for f in findings:
        line = _owner(ranges, f.span.line)
        if line is None:  # a command kept in a comment no statement holds (a jupytext ``# !zenml ...``,
            lines = split_keepends(text) if lines is None else lines  # a Databricks ``# MAGIC`` line): the note goes right above it
            line = f.span.line if _commented_command(lines, f.span.line) else None
            if line is not None and shell is None:
                from zenml_migrate.scan.python_commands import jupytext_shell_lines

                shell = jupytext_shell_lines(text)
        if line is None:
            unplaced += 1
            continue
        wanted.setdefault(line, {}).setdefault(f.code, todo_text(f, rules.get(f.code)))
    if known is not None and PREFIX.strip() in text:
        about_lines = {(line, f.code) for f in about for line in [_owner(ranges, f.span.line)] if line is not None}
        marks = mark_todo_lines(text, wanted, stop, known, _string_lines(tree), about_lines, commented=shell or ())
    else:
        marks = mark_todo_lines(text, wanted, stop, commented=shell or ())
    marks.unplaced = unplaced
    return marks


_MAGIC_LINE = re.compile(r"[ \t]*# MAGIC(?: |$)")


def _commented_command(lines: List[str], line: int) -> bool:
    """Is ``line`` a comment a note can go above: not the first line of a Databricks magic cell
    (``# MAGIC %sh ...``: a line above it would end the magic), nor a line after a ``# MAGIC``
    one whose note would be no ``# MAGIC`` line?"""
    if not 0 < line <= len(lines) or not lines[line - 1].lstrip().startswith("#"):
        return False
    magic = _MAGIC_LINE.match(lines[line - 1])
    if magic is None:
        return True
    return not lines[line - 1][magic.end():].lstrip().startswith("%")


def _string_lines(tree: ast.Module) -> Set[int]:
    """Lines inside a string that spans lines (after its first): a ``#`` there is no comment."""
    out: Set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Constant, ast.JoinedStr)) and isinstance(getattr(node, "value", ""), (str, bytes, list)):
            end = getattr(node, "end_lineno", None) or node.lineno
            out.update(range(node.lineno + 1, end + 1))
    return out


def insert_todo_lines(text: str, wanted: Dict[int, Dict[str, str]], stop: Optional["re.Pattern"] = None) -> str:
    """``text`` with the TODO lines of ``wanted`` (see ``place_todo_lines``)."""
    return place_todo_lines(text, wanted, stop)[0]


def place_todo_lines(
    text: str, wanted: Dict[int, Dict[str, str]], stop: Optional["re.Pattern"] = None, known: Optional[KnownTodos] = None
) -> Tuple[str, List[Tuple[int, List[str]]]]:
    """``text`` with ``# TODO(zenml-migrate): CODE message`` lines above the lines of ``wanted``
    (``{line: {code: message}}``), indented like them; a marker already in the comment block
    right above a line is not added again (any ``#``-comment language: Python, YAML, shell).
    Also ``[(line, codes written above it)]``. ``known``: see ``mark_todo_lines``."""
    marks = mark_todo_lines(text, wanted, stop, known)
    return marks.text, marks.placed


def mark_todo_lines(
    text: str, wanted: Dict[int, Dict[str, str]], stop: Optional["re.Pattern"] = None, known: Optional[KnownTodos] = None,
    strings: Set[int] = frozenset(), about: Set[Tuple[int, str]] = frozenset(), commented=(),
) -> Marks:
    """``place_todo_lines`` as ``Marks``. With ``known``, our TODO lines (not on the lines of
    ``strings``) are checked against ``wanted`` at the line they sit above: one of a code wanted
    there with another text, or of a code this run fixed there (``about``: ``(line, code)`` of
    the findings it started from) goes when ``known`` says the text is ours, else it is kept
    (``edited`` when its finding was fixed)."""
    lines = split_keepends(text)
    wanted = {line: codes for line, codes in wanted.items() if 0 < line <= len(lines)}
    newline = _newline(lines)
    owners = dict(wanted)
    ours = _our_lines(lines, stop, strings) if known is not None else {}
    for line in ours:
        owners.setdefault(line, {})
    placed, removed, edited = [], [], []
    replaced = 0
    for line in sorted(owners, reverse=True):
        codes_wanted = owners[line]
        block = ours.get(line, [])
        gone_here: Set[str] = set()
        current: Dict[str, int] = {}  # code -> the one line of the wanted text kept
        for i, code, body in block:
            if known.same(body, codes_wanted.get(code)):
                current.setdefault(code, i)
        for i, code, body in reversed(block):
            fixed = code not in codes_wanted and (line, code) in about
            if current.get(code) == i or not (code in codes_wanted or fixed):
                continue
            if not known.same(body, codes_wanted.get(code)) and not known.ours(code, body):
                if fixed and not known.written(code, body):  # a codemod's own TODO line of this run is not an edit
                    edited.append((i + 1, code, body))
                continue
            del lines[i]
            removed.append(i + 1)
            gone_here.add(code)
        if not codes_wanted:
            continue
        above = comment_block_above(lines, line - sum(1 for r in removed if r < line), stop)
        at = line - sum(1 for r in removed if r < line)
        target = lines[at - 1]
        magic = _MAGIC_LINE.match(target)  # a line of a Databricks magic cell: the note is one of its lines
        indent = magic.group(0) + _INDENT.match(target, magic.end()).group(0) if magic else _INDENT.match(target).group(0)
        if line in commented:  # a line of a jupytext shell cell: its ``# `` comes off (``commented``: those lines)
            indent += "# "
        codes = [code for code in sorted(codes_wanted) if not any(marker_re(code).search(c) for c in above)]
        if codes:
            lines[at - 1 : at - 1] = [f"{indent}{PREFIX}{code} {codes_wanted[code]}{newline}" for code in codes]
            placed.append((line, codes))
            replaced += len(gone_here & set(codes))  # an older text of a finding still there: the new line replaces it
    removed.sort()
    # ``edited``: lines of the input -> lines of the output
    out_edited = sorted((_moved_line(i, placed, removed), code, body) for i, code, body in edited)
    return Marks("".join(lines), sorted(placed), 0, removed, replaced, out_edited)


def _moved_line(line: int, placed, removed) -> int:
    return line + sum(len(codes) for at, codes in placed if at <= line) - sum(1 for r in removed if r < line)


def _our_lines(lines: List[str], stop, strings: Set[int]) -> Dict[int, List[Tuple[int, str, str]]]:
    """``{line below the comment block: [(index, code, text)]}`` of the TODO lines in our exact
    format (``line``: 1-based; past the end, or a ``stop`` line, when no line follows)."""
    out: Dict[int, List[Tuple[int, str, str]]] = {}
    n = len(lines)
    i = 0
    while i < n:
        if i + 1 in strings or not lines[i].lstrip().startswith("#"):
            i += 1
            continue
        j = i
        block = []
        while j < n and lines[j].lstrip().startswith("#") and j + 1 not in strings and not (stop is not None and stop.match(lines[j])):
            m = _OUR_LINE.match(lines[j])
            if m:
                block.append((j, m["code"], m["text"]))
            j += 1
        if block:
            out[j + 1] = block
        i = max(j, i + 1)
    return out


def shifted(findings, placed: List[Tuple[int, List[str]]], removed: Sequence[int] = ()):
    """``findings`` where they are after ``place_todos`` wrote ``placed`` and removed the lines
    ``removed`` (lines moved down and up)."""
    if not placed and not removed:
        return list(findings)

    def by(line: int) -> int:
        return sum(len(codes) for at, codes in placed if at <= line) - sum(1 for r in removed if r < line)

    return [f.moved(by) for f in findings]


def comment_block_above(lines: List[str], line: int, stop, lead: str = "") -> List[str]:
    """The comment lines right above ``line`` (``lead``: a comment starter of the file's
    language before the ``#`` of our notes, ``REM``/``//``)."""
    out = []
    i = line - 2
    while i >= 0:
        s = lines[i].strip()
        if lead and s.startswith(lead):
            s = s[len(lead) :].lstrip()
        if not s.startswith("#") or (stop is not None and stop.match(lines[i])):
            break
        out.append(s)
        i -= 1
    return out


def _newline(lines: List[str]) -> str:
    for line in lines:
        if line.endswith("\r\n"):
            return "\r\n"
        if line.endswith("\n"):
            return "\n"
        if line.endswith("\r"):
            return "\r"
    return "\n"


def written_todo_lines(text: str, written) -> List[Tuple[int, str, str]]:
    """``(line, code, text)`` of the TODO lines codemods said they wrote (``(code, text)``), found
    in the final ``text`` (one line each, in order; a line not there any more is not listed)."""
    lines = split_keepends(text)
    out = []
    start: Dict[str, int] = {}
    for code, message in written:
        marker = f"{PREFIX}{code} {message.splitlines()[0] if message else ''}".rstrip()
        for i in range(start.get(marker, 0), len(lines)):
            if marker in lines[i]:
                out.append((i + 1, code, message.splitlines()[0] if message else ""))
                start[marker] = i + 1
                break
    return sorted(out)
