"""Notebooks kept as text files: their Python cells are read by the Python rules through the
one notebook model (``migrate/scan/notebook.py``), the rest of the file by the command-line
rules (``command_scan``), as for any file of its kind. Which text is a Python cell:

* an IPython script (``.ipy``): the whole file, one cell (``ipython x.ipy`` runs it as one);
* a Python script kept as cells (``# %%`` markers: VS Code, Spyder, PyCharm, jupytext "percent")
  that Python itself rejects because its cells hold IPython syntax (``!zenml stack list``,
  ``%load_ext``): each cell between two markers (and the text above the first), markdown and
  raw cells left out; the editor sends each cell to an IPython kernel, which runs it
  (``cells_job`` says when a ``.py`` file is read so, by ``scan`` and ``code`` alike);
* Quarto (``.qmd``) and R Markdown (``.Rmd``): the ```` ```{python} ```` chunks (the engine runs
  them; a plain ```` ```python ```` fence there is only shown);
* a MyST notebook (``.md``): its ```` ```{code-cell} ```` fences (``ipython3``/``python``, or no
  language), without the cell's ``:option:`` lines or ``---`` option block (its plain fences are
  markdown);
* a jupytext Markdown notebook (``.md`` whose front matter has ``jupyter:``, ``jupytext:`` or
  ``kernelspec:``): its ```` ```python ```` fences.

A notebook whose kernel (front matter ``language:``) is not Python has no Python cell; a
README (no front matter, no code cell) has none either: its fences are examples, not code.
Findings are on the file's own lines; ``--fix`` rewrites the cells' text in place
(``migrate/fix/text_notebook.py``).
"""

import re
from dataclasses import dataclass, replace
from typing import Iterator, List, Optional, Tuple

from zenml_migrate.findings import Diagnostic, FileResult, Finding, Span
from zenml_migrate.scan.command_lines import Section

KINDS = ("markdown", "ipython")
_CHUNK_SUFFIXES = (".qmd", ".rmd")
_FRONT_KEYS = re.compile(r"^(?:jupyter|jupytext|kernelspec):", re.M)
_LANGUAGE = re.compile(r"^[ \t]+language:[ \t]*['\"]?([\w+-]+)", re.M)
_MYST_OPTION = re.compile(r"^:[\w-]+:")
# VS Code's default cell markers (``jupyter.interactiveWindow.cellMarker.codeRegex``/``markdownRegex``;
# jupytext's percent format and Spyder write ``# %%`` too)
_CELL_MARK = re.compile(r"^(?:#\s*%%|#\s*<codecell>|#\s*In\[\d*?\]|#\s*In\[ \])")
_TEXT_MARK = re.compile(r"^(?:#\s*%%.*\[(?:markdown|md|raw)\]|#\s*<markdowncell>)")


@dataclass
class Chunk:
    """A Python cell of a text notebook."""

    line: int  # 0-based line of the file where the cell's text starts
    source: str  # the cell's text: those lines of the file, joined with "\n"


def python_chunks(kind: str, path: str, text: str) -> List[Chunk]:
    """The Python cells of a text notebook, in order ([] for any other file)."""
    from zenml_migrate.scan.command_lines import IPYTHON_LANGS, offset_lines, fences
    from zenml_migrate.scan.notebook import PYTHON_LANGUAGES

    if kind == "ipython":
        if path.lower().endswith((".py", ".pyw")):  # ``cells_job``: a script of cells
            return _marked_cells(text)
        return [Chunk(0, text)] if text.strip() else []
    if kind != "markdown":
        return []
    lines = list(offset_lines(text))
    chunked = path.lower().endswith(_CHUNK_SUFFIXES)
    front = _front_matter(lines)
    language = _LANGUAGE.search(front)
    if language is not None and language.group(1).lower() not in PYTHON_LANGUAGES:
        return []
    jupytext = bool(_FRONT_KEYS.search(front)) and not chunked
    out = []
    found = list(fences(lines))
    myst = any(f.cell for f in found)  # a MyST notebook's plain fences are markdown
    for f in found:
        if f.cell:  # MyST
            if chunked or (f.lang and f.lang not in IPYTHON_LANGS):
                continue
            body = _after_options(lines, f.body, f.end)
        elif f.braced:  # Quarto / R Markdown chunk
            if not chunked or f.lang not in IPYTHON_LANGS:
                continue
            body = f.body
        elif jupytext and not myst and not f.directive and f.lang in IPYTHON_LANGS:
            body = f.body
        else:
            continue
        if body < f.end:
            out.append(Chunk(body, "\n".join(line for _, line in lines[body : f.end])))
    return out


def cells_job(job, text: str):
    """The job reading a ``.py`` file as a script of IPython cells (kind ``ipython``) when it has
    cell markers and Python rejects it (``!cmd``, ``%magic`` lines the editor's kernel runs);
    None otherwise (a script of cells that is valid Python stays a Python module)."""
    import ast

    if job.kind != "py" or not any(_CELL_MARK.match(line) for line in text.split("\n")):
        return None
    try:
        ast.parse(text)
    except (SyntaxError, ValueError):
        return replace(job, kind="ipython")
    return None


def as_read(job, text: str, scanned: bool):
    """``job`` of the kind the fixer rewrites ``text`` as: the scan's decision (``job.read_as``),
    or, with no scan behind it (``scanned`` False: ``fix_file``, ``fix_source``), the scan's
    decision taken here (``cells_job``)."""
    if job.read_as:
        return replace(job, kind=job.read_as, read_as="")
    return job if scanned else cells_job(job, text) or job


def _marked_cells(text: str) -> List[Chunk]:
    """The code cells of a script of cells: the text between two markers (and above the first)."""
    lines = text.split("\n")
    marks = [i for i, line in enumerate(lines) if _CELL_MARK.match(line)]
    out = []
    for start, end in zip([-1] + marks, marks + [len(lines)]):
        if start >= 0 and _TEXT_MARK.match(lines[start]):
            continue
        body = lines[start + 1 : end]
        if any(line.strip() for line in body):
            out.append(Chunk(start + 1, "\n".join(body)))
    return out


def _front_matter(lines: List[tuple]) -> str:
    """The YAML front matter (between the first line ``---`` and the next), or ""."""
    if not lines or lines[0][1].rstrip() != "---":
        return ""
    for k in range(1, len(lines)):
        if lines[k][1].rstrip() in ("---", "..."):
            return "\n".join(line for _, line in lines[1:k])
    return ""


def _after_options(lines: List[tuple], body: int, end: int) -> int:
    """The first line of a MyST code cell's code: after its ``:key: value`` lines or its
    ``---`` ... ``---`` option block."""
    if body < end and lines[body][1].rstrip() == "---":
        for k in range(body + 1, end):
            if lines[k][1].rstrip() == "---":
                return k + 1
        return end
    while body < end and _MYST_OPTION.match(lines[body][1]):
        body += 1
    return body


def as_notebook_json(chunks: List[Chunk]) -> dict:
    """An nbformat 4 notebook whose code cells are the chunks (cell N = chunk N-1)."""
    cells = [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": c.source} for c in chunks]
    return {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def to_file(findings: List[Finding], starts: List[int]) -> List[Finding]:
    """Findings at (cell N, line in the cell) -> lines of the file (``starts[N-1]``: 0-based
    line where cell N starts); columns are the file's (a cell's lines are the file's lines)."""
    out = []
    for f in findings:
        base = starts[f.cell - 1] if f.cell else 0
        span = Span(f.span.line + base, f.span.column, f.span.end_line + base, f.span.end_column)
        out.append(replace(f, span=span, cell=None, todo_line=None if f.todo_line is None else f.todo_line + base))
    return out


def cell_written_sections(kind: str, path: str, text: str) -> Iterator[Section]:
    """The shell text of a text notebook's Python cells that only the notebook model knows, at
    the file's offsets: the command an ``%alias`` runs where it is used (``%zm stack list`` after
    ``%alias zm zenml %s``, also in a later cell), the body of the script, Dockerfile, CI workflow...
    a ``%%writefile`` cell writes (``notebook.WRITTEN_KINDS``). The file's own command reader
    (``command_lines.sections``, which yields these too) reads its ``!cmd`` lines and ``%%bash``
    bodies."""
    from zenml_migrate.scan.command_scan import cell_sections
    from zenml_migrate.scan.notebook import notebook_from_json

    chunks = python_chunks(kind, path, text) if path else []
    if not any("%" in c.source for c in chunks):
        return
    starts = [0]
    for line in text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    nb = notebook_from_json(as_notebook_json(chunks))
    for chunk, cell in zip(chunks, nb.cells):
        shell = [sh for sh in cell.shell if sh.words is not None or sh.kind]
        if not shell:
            continue
        base = starts[chunk.line]
        for s in cell_sections(cell, shell):
            words = None if s.words is None else [replace(w, start=w.start + base, end=w.end + base) for w in s.words]
            yield replace(s, start=s.start + base, anchor=None if s.anchor is None else s.anchor + base, words=words)
def to_cells(findings: List[Finding], chunks: List[Chunk]) -> Optional[List[Finding]]:
    """Findings on lines of the file that are in a cell -> (cell N, line in the cell)."""
    out = []
    for f in findings:
        for n, c in enumerate(chunks, 1):
            size = c.source.count("\n") + 1
            if c.line < f.span.line <= c.line + size:
                span = Span(f.span.line - c.line, f.span.column, f.span.end_line - c.line, f.span.end_column)
                out.append(replace(f, span=span, cell=n))
                break
    return out


def python_findings(job, text: str, ctx) -> Tuple[List[Finding], List[Diagnostic], bool]:
    """The Python rules' findings and diagnostics of a text notebook's cells, on the file's
    lines, and whether they are judged again with the project's cross-file facts."""
    from zenml_migrate.scan.file_scan import FileJob, notebook_python, written_documents
    from zenml_migrate.scan.notebook import notebook_from_json

    chunks = python_chunks(job.kind, job.path, text)
    if not chunks:
        return [], [], False
    nb = notebook_from_json(as_notebook_json(chunks))
    findings, diagnostics, pending, _ = notebook_python(FileJob(job.path, "ipynb", job.module_name), nb, ctx)
    findings += written_documents(job.path, nb, ctx)  # the run configs its ``%%writefile`` cells write
    starts = [c.line for c in chunks]
    diagnostics = [replace(d, line=d.line + starts[d.cell - 1], cell=None, partial=True) for d in diagnostics]
    return to_file(findings, starts), diagnostics, pending


def scan_text_notebook(job, data: bytes, ctx) -> FileResult:
    """A Markdown or IPython file: its command lines (``command_scan``) and the Python of its
    notebook cells."""
    from zenml_migrate.scan.command_scan import decode, scan_command_file
    from zenml_migrate.scan.file_scan import dedupe, hidden_count
    from zenml_migrate.scan.suppress import Suppressions

    result = scan_command_file(job, data, ctx)
    text = decode(data)
    findings, diagnostics, pending = python_findings(job, text, ctx)
    if findings or diagnostics:
        kept = Suppressions(text).filter(findings)
        result.findings = dedupe(result.findings + kept)
        result.hidden += hidden_count(findings, dedupe(kept))
        result.diagnostics = list(result.diagnostics) + diagnostics
    result.pending = result.pending or pending
    return result

