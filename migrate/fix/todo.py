"""``# TODO(zenml-migrate): ZMnnn <what to do>`` lines for findings no codemod fixed.

One line per rule code, directly above the statement that holds the finding (above its
decorators), with the statement's indentation. A line is never added twice: an existing
marker for the same code in the comment block right above the statement counts. The
statement's first line is never inside a string, so a TODO never lands in one.
"""

import ast
import re
from typing import Dict, Iterable, List, Optional, Tuple

PREFIX = "# TODO(zenml-migrate): "
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_INDENT = re.compile(r"[ \t]*")


def marker_re(code: str) -> "re.Pattern":
    return re.compile(r"#\s*TODO\(zenml-migrate\):\s*" + re.escape(code) + r"\b")


def todo_text(finding, rule) -> str:
    """The rule's TODO text, with the reason the scan gave when this occurrence has no
    automatic fix; a finding-specific message (e.g. ZM000's hint) wins."""
    if rule is None:
        text = finding.message
    elif finding.message.startswith(rule.message + " ("):
        text = f"{rule.todo or rule.instead} {finding.message[len(rule.message) + 1:]}"
    elif finding.message != rule.message:
        text = finding.message
    else:
        text = rule.todo or rule.instead
    return " ".join(str(text).split())


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
    text: str, tree: ast.Module, findings, rules: Dict[str, object], stop: Optional["re.Pattern"] = None
) -> Tuple[str, List[Tuple[int, List[str]]], int]:
    """``(text with the TODO lines for findings added, [(line, codes written above it)], how
    many findings have no statement to mark)`` (``line``: 1-based, in ``text``; ``stop``:
    comment lines that end the block scanned for existing markers, e.g. notebook cell
    separators)."""
    if not findings:
        return text, [], 0
    ranges = _statement_ranges(tree)
    wanted: Dict[int, Dict[str, str]] = {}
    unplaced = 0
    for f in findings:
        line = _owner(ranges, f.span.line)
        if line is None:
            unplaced += 1
            continue
        wanted.setdefault(line, {}).setdefault(f.code, todo_text(f, rules.get(f.code)))
    text, placed = place_todo_lines(text, wanted, stop)
    return text, placed, unplaced


def insert_todo_lines(text: str, wanted: Dict[int, Dict[str, str]], stop: Optional["re.Pattern"] = None) -> str:
    """``text`` with the TODO lines of ``wanted`` (see ``place_todo_lines``)."""
    return place_todo_lines(text, wanted, stop)[0]


def place_todo_lines(
    text: str, wanted: Dict[int, Dict[str, str]], stop: Optional["re.Pattern"] = None
) -> Tuple[str, List[Tuple[int, List[str]]]]:
    """``text`` with ``# TODO(zenml-migrate): CODE message`` lines above the lines of ``wanted``
    (``{line: {code: message}}``), indented like them; a marker already in the comment block
    right above a line is not added again (any ``#``-comment language: Python, YAML, shell).
    Also ``[(line, codes written above it)]``."""
    lines = split_keepends(text)
    wanted = {line: codes for line, codes in wanted.items() if 0 < line <= len(lines)}
    newline = _newline(lines)
    placed = []
    for line in sorted(wanted, reverse=True):
        above = _comment_block_above(lines, line, stop)
        target = lines[line - 1]
        indent = _INDENT.match(target).group(0)
        codes = [code for code in sorted(wanted[line]) if not any(marker_re(code).search(c) for c in above)]
        if codes:
            lines[line - 1 : line - 1] = [f"{indent}{PREFIX}{code} {wanted[line][code]}{newline}" for code in codes]
            placed.append((line, codes))
    return "".join(lines), sorted(placed)


def shifted(findings, placed: List[Tuple[int, List[str]]]):
    """``findings`` where they are after ``place_todos`` wrote ``placed`` (lines moved down)."""
    if not placed:
        return list(findings)
    from dataclasses import replace

    from zenml_migrate.findings import Span

    out = []
    for f in findings:
        n = sum(len(codes) for line, codes in placed if line <= f.span.line)
        out.append(replace(f, span=Span(f.span.line + n, f.span.column, f.span.end_line + n, f.span.end_column)) if n else f)
    return out


def _comment_block_above(lines: List[str], line: int, stop) -> List[str]:
    out = []
    i = line - 2
    while i >= 0:
        s = lines[i].strip()
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
