"""Parse only the module-level statements the scan walks; check the rest of the file for
syntax errors without building its tree.

``ast.parse`` is most of a legacy file's scan time, and most of that goes into the Python
objects of function bodies the scan never walks (``file_scan.prune_module`` drops them). Here:

1. the file is cut into *chunks* at the lines where a module-level statement may start
   (column 0, not a comment or a closing bracket, not inside a triple-quoted string as far as
   a quick quote scan tells; decorators and ``else``/``elif``/``except``/``finally`` lines
   stay with their statement);
2. the pruning decisions are those of ``prune_module``, taken on the real statements: a chunk
   is parsed when its text may matter (it holds ``import``, a rule's string or a name the
   pruning follows), all of a round's chunks by one ``ast.parse`` of the file with every
   other line blanked (positions stay exact); each must be exactly one statement spanning its
   chunk, and the pruning then looks at that statement's own lines, as it always did;
3. every run of chunks left unparsed goes through ``symtable`` (the compiler's parser without
   the tree objects), each run alone.

Steps 2 and 3 also prove the cuts that matter: text that parses on its own ends outside any
string, bracket or continuation, so going from the first line, every parsed chunk and every
unparsed run starts where a statement starts. Anything unexpected (a cut inside a string, a
semicolon, a syntax error, a NUL byte, a lone ``\\r``, a symtable-only error) gives None:
the caller parses the whole file as before, so errors are reported exactly as before.

The whole module is parsed only when something asks ``Detector.tree`` for it
(``Parsed.whole``): the unparsed runs, spliced between the statements already parsed (the
same objects).
"""

import ast
from typing import Callable, Dict, List, Optional, Sequence, Set, Tuple

_CLAUSES = ("else", "elif", "except", "finally")  # a col-0 line that continues a compound statement
_NOT_A_START = frozenset(" \t\f\v#)]}")
# symtable costs about 0.6 of ast.parse per line, and a check that needs the whole module
# parses the rest too: above this share of parsed lines the whole-file parse is cheaper
MAX_PARSED = 0.5


class Parsed:
    """The statements parsed so far (chunk index -> statement) and how to get the rest."""

    def __init__(self, text_lines: List[str], chunks: List[Tuple[int, int]], filename: str):
        self.lines, self.chunks, self.filename = text_lines, chunks, filename
        self.statements: Dict[int, ast.stmt] = {}
        self.parsed_lines = 0
        self.tables: List[Tuple[int, object]] = []  # (first line, ``_symtable`` table) of each unparsed run

    def parse(self, wanted: Sequence[int]) -> bool:
        """Parse the chunks ``wanted`` (one ``ast.parse``); False when one of them is not
        exactly one statement spanning its chunk (a wrong cut) or does not parse, or when the
        chunks parsed would hold more than ``MAX_PARSED`` of the lines (then parsing the whole
        file costs less)."""
        keep = set(wanted)
        self.parsed_lines += sum(self.chunks[i][1] - self.chunks[i][0] + 1 for i in keep)
        if self.parsed_lines > MAX_PARSED * len(self.lines):
            return False
        body = _parse_kept(self.lines, [self.chunks[i] for i in sorted(keep)], self.filename)
        if body is None or len(body) != len(keep):
            return False
        for i, stmt in zip(sorted(keep), body):
            first, last = self.chunks[i]
            if _start(stmt) != first or stmt.end_lineno != _last_code_line(self.lines, first, last):
                return False
            self.statements[i] = stmt
        return True

    def segment(self, i: int) -> str:
        stmt = self.statements[i]
        return "\n".join(self.lines[_start(stmt) - 1 : stmt.end_lineno])

    def chunk_text(self, i: int) -> str:
        first, last = self.chunks[i]
        return "\n".join(self.lines[first - 1 : last])

    def check_the_rest(self) -> bool:
        """Every run of unparsed chunks passes ``symtable`` on its own."""
        import _symtable

        for first, last in self._unparsed_runs():
            try:
                table = _symtable.symtable("\n".join(self.lines[first - 1 : last]), self.filename, "exec")
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                return False
            self.tables.append((first, table))  # kept for ``symbol_tables``
        return True

    def symbol_tables(self) -> Optional[list]:
        """The module ``_symtable`` tables of every statement of the file, in order: the unparsed
        runs' (from ``check_the_rest``) and one per parsed chunk, made now (None: one of those
        fails, a symtable-only error). The names they bind and read are the whole module's when
        no statement declares a name ``global`` at module level and nothing is imported from
        ``__future__`` (``fix/dangling.py`` checks)."""
        import _symtable

        tables = list(self.tables)
        for i in self.statements:
            try:
                tables.append((self.chunks[i][0], _symtable.symtable(self.chunk_text(i), self.filename, "exec")))
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                return None
        return [table for _, table in sorted(tables, key=lambda item: item[0])]

    def may_bind(self, name: str) -> bool:
        """May a statement of the unparsed runs bind ``name`` at module level (an assignment, an
        import, a def...)? Their module tables (``check_the_rest``) say; a name only read there
        gives False, so a search of the module-level assignments needs only the parsed statements."""
        import _symtable

        bound = _symtable.DEF_BOUND | _symtable.DEF_GLOBAL | _symtable.DEF_NONLOCAL | _symtable.DEF_ANNOT
        return any(table.symbols.get(name, 0) & bound for _, table in self.tables)

    def _unparsed_runs(self) -> List[Tuple[int, int]]:
        runs: List[Tuple[int, int]] = []
        for i, (first, last) in enumerate(self.chunks):
            if i in self.statements:
                continue
            if runs and runs[-1][1] == first - 1:
                runs[-1] = (runs[-1][0], last)
            else:
                runs.append((first, last))
        return runs

    def holding(self, word: str) -> Optional[List[ast.stmt]]:
        """The statements parsed so far and those of each unparsed run whose text holds ``word``
        (parsed now, apart: the other runs stay unparsed), in order; None when such a run does
        not parse alone (it passed ``symtable``: not expected)."""
        runs = [(first, last) for first, last in self._unparsed_runs() if any(word in line for line in self.lines[first - 1 : last])]
        body = list(self.statements.values())
        if runs:
            rest = _parse_kept(self.lines, runs, self.filename)
            if rest is None:
                return None
            body += rest
        body.sort(key=_start)
        return body

    def whole(self) -> List[ast.stmt]:
        """Every module-level statement in order: the parsed ones (the same objects) and the
        unparsed runs, parsed now (they passed ``symtable``: this parse cannot fail)."""
        rest = _parse_kept(self.lines, self._unparsed_runs(), self.filename, strict=True) or []
        body = list(rest) + [self.statements[i] for i in sorted(self.statements)]
        body.sort(key=_start)
        return body


def _parse_kept(lines: List[str], ranges: List[Tuple[int, int]], filename: str, strict: bool = False) -> Optional[List[ast.stmt]]:
    """``ast.parse`` of the file with only the lines of ``ranges`` kept (the others blank)."""
    kept = [""] * len(lines)
    for first, last in ranges:
        kept[first - 1 : last] = lines[first - 1 : last]
    try:
        return ast.parse("\n".join(kept), filename=filename).body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        if strict:
            raise
        return None


def _start(stmt: ast.stmt) -> int:
    start = stmt.lineno
    for dec in getattr(stmt, "decorator_list", ()):
        start = min(start, dec.lineno)
    return start


def _last_code_line(lines: List[str], first: int, last: int) -> int:
    """The last line of ``first..last`` holding more than blanks and a comment."""
    for n in range(last, first - 1, -1):
        s = lines[n - 1].strip(" \t\f")
        if s and s[0] != "#":
            return n
    return first


def chunks_of(text: str, lines: List[str]) -> Optional[List[Tuple[int, int]]]:
    """``(first line, last line)`` of each chunk (see the module doc); None when the lines
    before the first chunk hold code (an indented first statement: a syntax error)."""
    inside = _multiline_string_lines(text)
    if inside is None:
        return None
    starts: List[int] = []
    decorated = False  # the chunk being built is only decorators so far
    for n, line in enumerate(lines, 1):
        if not line or line[0] in _NOT_A_START or n in inside:
            continue
        if line[0] == "@":
            if not decorated:
                starts.append(n)
                decorated = True
            continue
        if decorated:
            decorated = False
            continue
        if line.startswith(_CLAUSES) and _keyword_at_start(line):
            continue
        starts.append(n)
    if not starts:
        return None
    for line in lines[: starts[0] - 1]:
        s = line.strip(" \t\f")
        if s and s[0] != "#":
            return None
    ends = [s - 1 for s in starts[1:]] + [len(lines)]
    return list(zip(starts, ends))


def _keyword_at_start(line: str) -> bool:
    word = line.split(None, 1)[0].split(":", 1)[0]
    return word in _CLAUSES


def _multiline_string_lines(text: str) -> Optional[Set[int]]:
    """Line numbers strictly inside a triple-quoted string that spans lines (a quick scan that
    ignores escapes and quotes inside comments: a wrong answer only costs a fallback)."""
    inside: Set[int] = set()
    if '"""' not in text and "'''" not in text:
        return inside
    pos, line, at = 0, 1, 0  # ``line`` is the line number of offset ``at``
    nxt = {'"""': text.find('"""'), "'''": text.find("'''")}
    while True:
        opening = [(p, q) for q, p in nxt.items() if p != -1]
        if not opening:
            return inside
        start, quote = min(opening)
        end = text.find(quote, start + 3)
        if end == -1:
            return None  # unterminated as far as this scan can tell
        line += text.count("\n", at, start)
        end_line = line + text.count("\n", start, end)
        inside.update(range(line + 1, end_line + 1))
        line, at = end_line, end
        pos = end + 3
        for q in nxt:
            if nxt[q] != -1 and nxt[q] < pos:
                nxt[q] = text.find(q, pos)


def parse_pruned(
    text: str,
    lines: List[str],
    filename: str,
    decide: Callable[["Parsed", List[Tuple[int, int]]], Optional[List[int]]],
) -> Optional[Tuple[Parsed, List[int]]]:
    """``decide(parsed, chunks)`` takes the pruning decisions, parsing chunks through
    ``parsed.parse`` as it needs them, and returns the chunk indices it keeps (None: no
    pruning). Returns the parsed file and the kept indices, or None: parse the whole file."""
    if "\0" in text or "barry_as_FLUFL" in text or ("\r" in text and text.count("\r") != text.count("\r\n")):
        return None  # ``\r\n`` line ends parse as ``\n`` ones (same tree); a lone ``\r`` is left to ast.parse
    chunks = chunks_of(text, lines)
    if chunks is None:
        return None
    parsed = Parsed(lines, chunks, filename)
    kept = decide(parsed, chunks)
    if kept is None or len(parsed.statements) == len(chunks) or not parsed.check_the_rest():
        return None
    return parsed, kept
