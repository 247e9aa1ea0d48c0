"""``zenml`` command lines in R code (R-kernel notebooks, ``.R`` scripts): ``system("...")`` and
``shell("...")`` run a shell command line, ``system2("zenml", args = c("stack", ...))`` and
``processx::run("zenml", c(...))`` run a program with a list of arguments (``system2`` pastes a
single ``args`` string into the command line).

Only string literals are read: a literal written plainly (no backslash escape) becomes a
section whose offsets are the file's, so findings and fixes point at the exact characters; an
argument that is not a literal (a variable, ``paste(...)``) ends the words known
(``Word.more``). Comments and strings are skipped when looking for the calls.
"""

import re
from typing import List, Optional, Tuple

from zenml_migrate.scan.command_lines import Section, Word, split_commands

_CALL = re.compile(r"(?<![\w.$@])(?:base::)?(system2|system|shell)[ \t]*\(|(?<![\w.$@])processx::(run)[ \t]*\(")
_STRING = re.compile(r"\"((?:[^\"\\]|\\.)*)\"|'((?:[^'\\]|\\.)*)'", re.S)


def _code_positions(text: str) -> List[Tuple[int, int]]:
    """``(start, end)`` of the stretches of ``text`` that are code (not strings, not comments)."""
    out = []
    i = start = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "#":
            out.append((start, i))
            j = text.find("\n", i)
            i = start = n if j < 0 else j
        elif ch in "\"'`":
            out.append((start, i))
            i += 1
            while i < n and text[i] != ch:
                i += 2 if text[i] == "\\" else 1
            i = start = i + 1
        else:
            i += 1
    out.append((start, n))
    return out


def _arguments(text: str, i: int) -> Tuple[List[Tuple[Optional[str], int, int]], int]:
    """The arguments of the call whose ``(`` is at ``i - 1``: ``(name or None, start, end)`` of
    each value (blanks stripped), and the offset after the closing ``)``."""
    args = []
    depth = 0
    start = i
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in "\"'`":
            j = i + 1
            while j < n and text[j] != ch:
                j += 2 if text[j] == "\\" else 1
            i = j + 1
            continue
        if ch == "#":
            j = text.find("\n", i)
            i = n if j < 0 else j
            continue
        if ch in "([{":
            depth += 1
        elif ch in ")]}" and depth:
            depth -= 1
        elif (ch == "," or ch == ")") and depth == 0:
            args.append(_argument(text, start, i))
            if ch == ")":
                return [a for a in args if a[1] < a[2]], i + 1
            start = i + 1
        i += 1
    return [], n


def _argument(text: str, start: int, end: int) -> Tuple[Optional[str], int, int]:
    m = re.compile(r"[ \t\r\n]*(?:([A-Za-z_.][\w.]*)[ \t\r\n]*=(?!=))?[ \t\r\n]*").match(text, start, end)
    value_start = m.end()
    value_end = end
    while value_end > value_start and text[value_end - 1] in " \t\r\n":
        value_end -= 1
    return m.group(1), value_start, value_end


def _literal(text: str, start: int, end: int) -> Optional[Word]:
    """The string literal ``text[start:end]`` as a word (its span includes the quotes), when it
    is one plainly written."""
    m = _STRING.fullmatch(text, start, end)
    if m is None:
        return None
    value = m.group(1) if m.group(1) is not None else m.group(2)
    if "\\" in value:
        return None
    return Word(value, start, end)


def _matched(args, formals: Tuple[str, ...]) -> dict:
    """R's argument matching for the first ``formals``: named arguments first, then the
    unnamed ones in order to the formals left."""
    out = {a[0]: a for a in args if a[0] in formals}
    left = [f for f in formals if f not in out]
    for a, formal in zip([a for a in args if a[0] is None], left):
        out[formal] = a
    return out


def _vector(text: str, start: int, end: int) -> List[Word]:
    """The words of ``c("a", "b", ...)`` (or of one literal); a word that is not a literal
    ends them (the last known word gets ``more``)."""
    one = _literal(text, start, end)
    if one is not None:
        return [one]
    m = re.compile(r"c[ \t]*\(").match(text, start, end)
    if m is None:
        return []
    words = []
    for _, a, b in _arguments(text, m.end())[0]:
        word = _literal(text, a, b)
        if word is None:
            if words:
                words[-1].more = True
            break
        words.append(word)
    return words


def r_sections(text: str) -> List[Section]:
    """The command lines of the R code ``text``: a section per ``system()``/``shell()`` string
    (shell text) and per ``system2()``/``processx::run()`` call (its words)."""
    if "zenml" not in text:
        return []
    out: List[Section] = []
    for start, end in _code_positions(text):
        for m in _CALL.finditer(text, start, end):
            function = m.group(1) or m.group(2)
            args, stop = _arguments(text, m.end())
            matched = _matched(args, ("command", "args"))
            command = matched.get("command")
            program = _literal(text, command[1], command[2]) if command else None
            if program is None:
                continue
            if function in ("system", "shell"):
                out.append(Section(program.value, program.start + 1))
                continue
            rest = matched.get("args")
            line = _literal(text, rest[1], rest[2]) if function == "system2" and rest is not None else None
            if line is not None:  # ``system2("zenml", "stack list")``: pasted into the command line
                commands = split_commands(line.value, line.start + 1)
                words = [program] + (commands[0] if len(commands) == 1 else [])
            else:
                words = [program] + (_vector(text, rest[1], rest[2]) if rest is not None else [])
            out.append(Section(text[m.start() : stop], m.start(), words=words))
    return out
