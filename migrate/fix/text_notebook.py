"""Fixing a notebook kept as a text file (jupytext/MyST Markdown, Quarto, R Markdown, ``.ipy``:
``migrate/scan/text_notebook.py`` says which lines are its Python cells): the cells are fixed
as a notebook's (``fix/notebook.py``: one module, imports where "Run all" needs them, magics
and shell lines kept byte for byte) and their new text written back in place of the old;
then the command lines of the whole file are fixed as in any Markdown or IPython file
(``fix/command_fix.py``), from the scan's findings moved to where the first step left them.
"""

import json
import re
from collections import Counter
from dataclasses import replace
from typing import List, Optional, Sequence, Tuple

from zenml_migrate.findings import Finding, Span
from zenml_migrate.fix.fixer import FixOptions
from zenml_migrate.fix.result import FixResult
from zenml_migrate.rules import Rule
from zenml_migrate.scan.text_notebook import Chunk, as_notebook_json, python_chunks, to_cells, to_file


def fix_text_notebook(text: str, job, rules: Sequence[Rule], options: FixOptions, scan_ctx=None, findings=None) -> FixResult:
    from zenml_migrate.fix.cell_order import line_map
    from zenml_migrate.fix.command_fix import fix_command_file
    from zenml_migrate.fix.notebook import moved_findings

    chunks = python_chunks(job.kind, job.path, text)
    if not chunks:
        return fix_command_file(text, job, rules, options, scan_ctx, findings)
    commands = None if findings is None else [f for f in findings if f.todo_line is not None]
    python = None if findings is None else to_cells([f for f in findings if f.todo_line is None], chunks)
    first = FixResult(text)
    middle = text
    if python is None or python:
        first = _fix_cells(text, chunks, job, rules, options, scan_ctx, python)
        if first.error is not None:
            return first
        middle = first.text
    if commands is not None and middle != text:
        commands = moved_findings(commands, line_map(text.split("\n"), middle.split("\n")))  # None: found again
    second = fix_command_file(middle, job, rules, options, scan_ctx, commands)
    remaining, introduced = first.remaining, first.introduced
    if second.text != middle:
        shift = line_map(middle.split("\n"), second.text.split("\n"))
        remaining, introduced = _shifted(remaining, shift), _shifted(introduced, shift)
    final = second.text
    result = FixResult(
        final,
        applied=first.applied + second.applied,
        elsewhere=first.elsewhere,
        trackers=first.trackers,
        remaining=sorted(remaining + second.remaining, key=Finding.sort_key),
        text_changed=final != text,
        introduced=introduced,
        todos_replaced=first.todos_replaced,
    )
    result.todos = [f.code for f in result.remaining]
    from zenml_migrate.fix.todo import written_todo_lines

    result.fix_todos = written_todo_lines(final, [(code, note) for _, code, note in first.fix_todos])
    result.todos_edited = _found(final, first.todos_edited)
    return result


def _fix_cells(text: str, chunks: List[Chunk], job, rules, options, scan_ctx, findings: Optional[List[Finding]]) -> FixResult:
    """The cells fixed as one notebook, written back in place: the result's text is the whole
    file, its findings on the file's lines."""
    from zenml_migrate.fix.notebook import fix_notebook_text
    from zenml_migrate.scan.file_scan import FileJob

    notebook = json.dumps(as_notebook_json(chunks))
    nb_job = FileJob(job.path, "ipynb", job.module_name, job.is_package)
    result = fix_notebook_text(notebook, nb_job, rules, options, scan_ctx, findings=findings, commands=False)
    if result.error is not None:
        where = lambda m: f"the notebook cell at line {chunks[int(m.group(1)) - 1].line + 1}"  # noqa: E731
        result.error = re.sub(r"^cell (\d+)", where, result.error)
        result.text = text
        return result
    sources = [cell["source"] for cell in json.loads(result.text)["cells"]] if result.text_changed else [c.source for c in chunks]
    lines = text.split("\n")
    out: List[str] = []
    starts: List[int] = []
    at = 0
    for chunk, new in zip(chunks, sources):
        out.extend(lines[at : chunk.line])
        starts.append(len(out))
        out.extend(new.split("\n"))
        at = chunk.line + chunk.source.count("\n") + 1
    out.extend(lines[at:])
    result.text = "\n".join(out)
    result.remaining = to_file(result.remaining, starts)
    result.introduced = to_file(result.introduced, starts)
    result.text_changed = result.text != text
    return result


def _shifted(findings: List[Finding], shift) -> List[Finding]:
    return [
        replace(f, span=Span(shift.get(f.span.line, f.span.line), f.span.column, shift.get(f.span.end_line, f.span.end_line), f.span.end_column))
        for f in findings
    ]


def _found(text: str, items: List[Tuple[int, str, str]]) -> List[Tuple[int, str, str]]:
    """``(line, code, text)`` items at the line of ``text`` that holds their text (in order)."""
    lines = text.split("\n")
    out = []
    start = 0
    for _, code, said in items:
        hit = next((i for i in range(start, len(lines)) if said and said in lines[i]), None)
        if hit is not None:
            out.append((hit + 1, code, said))
            start = hit + 1
    return out
