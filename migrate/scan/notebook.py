"""Jupyter notebooks, read the way IPython reads a cell: the one model ``scan`` and ``code``
both use (``migrate/scan/file_scan.py``, ``migrate/fix/notebook.py``).

Per code cell, IPython's input transformers (``IPython.core.inputtransformer2``) turn what is
not Python into calls before the cell is compiled. We recognise the same lines and mask each
of them (one line for one line, byte-for-byte kept in the model) so that the rules see only
the Python:

* a cell magic (first non-blank line ``%%name``): ``%%bash``/``%%sh``/``%%script bash`` cells
  are shell text, ``%%html``/... cells are kept whole, the body of ``%%writefile x.py`` is a
  Python file of its own (scanned and fixed as one, apart from the cells' module), so is the
  program of ``%%python``/``%%python3``/``%%script python3`` (a new interpreter runs it), and the
  bodies of ``%%time``/``%%timeit``/``%%capture``/``%%prun`` (and of extensions' ``%%ipytest``,
  ``%%memit``, ...: ``PYTHON_CELL_MAGICS``) are Python (read line by line again); the bodies of
  ``%%px``/``%%local`` (``APART_CELL_MAGICS``) are Python run in another namespace: read as programs,
  as is the body of ``%%cython`` when it is Python (``CYTHON_CELL_MAGICS``);
* at the start of a statement: ``!cmd``, ``!!cmd``, ``%magic``, ``?obj``, ``??obj`` and the
  autocall escapes ``/``, ``;``, ``,``; ``x = !cmd`` and ``x = %magic``; ``obj?``/``obj??``;
  each with its backslash-continued lines;
* automagics (``pip install x``, ``cd dir`` without ``%``): only in a one-line cell that is
  not Python (IPython itself only applies them to one-line cells);
* a cell whose first line is indented loses that indentation on every line that has it
  (IPython's ``leading_indent``); then pasted prompts leave every line (``classic_prompt``:
  ``>>> ``/``... `` when the first line has ``>>>`` or the second a prompt; ``ipython_prompt``:
  ``In [3]: ``/``   ...: ``); findings keep the cell's own columns and a fix puts the prompts
  back (``restore``);
* the statement of a ``%time``/``%timeit``/``%prun``/``%debug``/``%memit`` line (IPython
  runs it as Python) is shown to the
  rules in its own columns, the magic and its options read as ``pass;`` and blanks
  (``timed``), and put back in front of whatever a fix writes;
* the ``{expr}`` fields of a one-line shell escape or line magic (IPython's ``var_expand``
  evaluates them first) are shown in their own columns, the rest of the line as ``pass;``,
  ``;`` and blanks (``_expanded``; put back like ``timed``);
* the modules of autoreload's ``%aimport a.b, c`` are shown as ``import   a.b, c`` (same
  columns; put back like ``timed``);
* help on a name (``Repository?``, ``??Repository``) is shown to the rules as that name
  (``Repository``, ``((Repository))``: same columns), so a 0.13.2 name asked about is
  reported and renamed like any other use of it.

The masked cells are joined into one module (``text``), one ``# zenml-migrate-cell:N`` line
before each cell, so names flow between cells as they do in the kernel and one ``ast.parse``
covers the notebook. A cell that still does not parse is left out of the module (it gets one
ZM001) and the others are read as before. Shell text (``!``/``%%bash``) is kept with its
position for the command-line rules.
"""

import ast
import json
import keyword
import re
import shlex
from dataclasses import dataclass, field, replace
from typing import Dict, List, Optional, Set, Tuple

from zenml_migrate.scan.sources import SourceError
from zenml_migrate.scan.suppress import Suppressions

CELL_PREFIX = "# zenml-migrate-cell:"
MASK_PREFIX = "pass  # zenml-migrate-magic:"
RUN_MASK = "  # zenml-migrate-magic:"  # after ``from MODULE import *``: a masked ``%run MODULE.py`` line (``_run_line``)
# a masked line as the rules read it (index: the line in the cell)
MASKED = re.compile(r"^[ \t]*(?:pass|from [\w.]+ import \*)  # zenml-migrate-magic:(?P<index>\d+)\r?$")
HELP_MARK = "  # zenml-migrate-help:"
CELL_LINE = re.compile(r"^# zenml-migrate-cell:(\d+)\r?\n?$")

# %%magics whose body IPython runs as Python in the kernel's namespace (through the same input transformers):
# IPython's own and those of common extensions (ipytest, memory_profiler's ``memit``, snakeviz, pyinstrument)
PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun", "debug", "ipytest", "memit", "snakeviz", "pyinstrument"})
# %%magics whose body is Python run in ANOTHER namespace: ipyparallel's ``px`` (on the engines), sparkmagic's
# ``local`` (the local kernel; the other cells run in the Spark session): read as a program of its own, as
# ``%%python``, so a fix never moves an import out of (or into) such a cell
APART_CELL_MAGICS = frozenset({"px", "local"})
# Cython's ``%%cython``: the body is compiled as a module of its own and imported (its public names then
# put in the kernel's namespace), so ``from zenml.steps import BaseStepConfig`` there fails on 0.20 when the
# cell runs: read as a program of its own when it is Python (Cython's own syntax, ``cdef``, is not read)
CYTHON_CELL_MAGICS = frozenset({"cython", "cython_pyximport"})
SHELL_CELL_MAGICS = frozenset({"bash", "sh", "system", "sx", "!", "shell"})  # ``%%shell``: Colab's
SHELLS = frozenset({"bash", "sh", "zsh", "dash", "ksh"})
WRITEFILE_MAGICS = frozenset({"writefile", "file"})
# ``%%python``/``%%python3``/``%%pypy`` (IPython's script magics) and ``%%script python3``: the body is a
# Python program a new interpreter runs (read apart, as the file of a ``%%writefile x.py`` cell)
PYTHON_PROGRAMS = re.compile(r"^(?:python|pypy)[\d.]*$")
# the files a ``%%writefile`` cell writes whose commands or pins the command rules read, by the kind
# ``discovery.kind_of`` gives their name (a shell script, a Dockerfile, a Makefile, a requirements
# file, a conda environment, a CI workflow, a compose file: notes in them are ``#`` lines)
WRITTEN_KINDS = frozenset({"sh", "dockerfile", "makefile", "requirements", "conda_env", "ci_yaml", "compose"})
# the YAML files a ``%%writefile`` cell writes that the YAML rules read (a 0.13.2 run config, a
# manifest's container commands): ``migrate/scan/file_scan.py::written_documents``
WRITTEN_DOCUMENTS = frozenset({"yaml"})
# the line magics that install packages (``%pip install``, ``%conda install``): read as command lines
INSTALL_MAGICS = frozenset({"pip", "conda", "mamba", "micromamba"})
# line magics (and the posix aliases IPython defines) that IPython runs without ``%`` in a
# one-line cell (automagic, on by default)
AUTOMAGICS = frozenset(
    "cd pip conda mamba micromamba ls ll lf lk lx ldir cat cp mv rm rmdir mkdir pwd env load_ext "
    "matplotlib timeit time run reset store alias unalias bookmark dhist pushd popd man less more "
    "clear pycat edit who whos who_ls history autoreload aimport config sx system".split()
)
ESCAPES = "!%?/;,"
# a cell without any of these needs no line-by-line reading
_MAYBE_IPYTHON = re.compile(r"^[ \t]*[!%?/;,]|=[ \t]*[!%]|\?[ \t]*\r?$", re.M)
_HELP_END = re.compile(r"^[ \t]*%{0,2}[\w.*\[\]]+\?{1,2}[ \t]*\r?$")
# IPython's HelpEnd (``inputtransformer2._help_end_re``): a statement whose last token is ``?``
# becomes a help call on the dotted name before it, whatever precedes the name
# (``x = Repository?``, ``Repository().get_pipelines?``: the statement itself is not run)
_QUOTE_OR_COMMENT = re.compile(r"[#'\"]")  # a quote may open a string that goes on (``s = """why?``): not help
_HELP_END_ANY = re.compile(r"%{0,2}(?!\d)[\w*]+(?:\.(?!\d)[\w*]+|\[-?[0-9]+\])*\?\??[ \t]*\r?$")
# help on a dotted name (not a magic, a wildcard search or a subscript): ``?x.y``, ``x.y??``
_HELP_NAME = re.compile(r"^(?P<indent>[ \t]*)(?P<pre>\?{0,2})(?P<name>[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)(?P<post>\?{0,2})(?P<tail>[ \t]*\r?)$")
# IPython's prompt strippers (IPython.core.inputtransformer2.classic_prompt / ipython_prompt)
_CLASSIC_PROMPT = re.compile(r"^(>>>|\.\.\.)( |$)")
_CLASSIC_FIRST = re.compile(r"^>>>( |$)")
_IPYTHON_PROMPT = re.compile(r"^(((\[nav\]|\[ins\])?\ )?In\ \[\d+\]:\ |\s*\.{3,}:\ ?)")
_STRING_START = re.compile(r"[rRbBuUfF]{0,2}('''|\"\"\"|'|\")")
_PLAIN = re.compile(r"[^'\"#()\[\]{}\\]+")


@dataclass
class ShellText:
    """Shell command text inside a cell: ``!cmd`` (with its continuation lines) or the body of
    a ``%%bash`` cell. ``line``/``column`` (1-based, in the cell) is where ``text`` starts;
    ``comment`` is how a note goes above a line of it: ``"python"`` (a ``# ...`` line in the
    cell, before the escape) or ``"shell"`` (a ``# ...`` line inside the shell text)."""

    text: str
    line: int
    column: int
    comment: str
    kind: str = ""  # the body of ``%%writefile FILE``: the kind of FILE (``WRITTEN_KINDS``), read as such a file
    words: Optional[list] = None  # one command's words, offsets in the cell (R: ``system2("zenml", c(...))``)


@dataclass
class CodeCell:
    """A code cell of a notebook, its lines as the rules see them."""

    position: int  # index in the notebook's "cells" list
    number: int  # 1-based, counting every cell (markdown too): what users see in outputs
    source: str
    lines: List[str]  # source.split("\n")
    python: List[str]  # the lines the rules see (masked ones replaced), same count
    masked: Dict[int, str] = field(default_factory=dict)  # 0-based line -> original line
    shell: List[ShellText] = field(default_factory=list)
    magic: Optional[str] = None  # name of the cell magic, when the cell has one
    error: Optional[SourceError] = None  # still not Python: left out of the module (ZM001)
    script: Optional[int] = None  # ``%%writefile x.py``, ``%%python``: 0-based line where the file's (program's) Python starts
    # ``%%writefile run.yaml``: 0-based line where the YAML file it writes starts (read as that file: a run config,
    # a manifest's commands)
    document: Optional[int] = None
    prefix: str = ""  # IPython's leading_indent: the first line's indentation, removed from the lines that have it
    dedented: frozenset = frozenset()  # 0-based lines that lost ``prefix`` in ``python``
    prompts: Dict[int, str] = field(default_factory=dict)  # 0-based line -> pasted prompt removed (after ``prefix``)
    continuation: str = ""  # the prompt a line added by a fix gets in a cell with prompts (``... ``)
    help: Dict[int, Tuple[str, str]] = field(default_factory=dict)  # help line -> (``?``s before, ``?``s and blanks after)
    # ``%time STMT`` line -> (what the rules see before STMT: ``pass;`` and blanks, the magic as written,
    # and for ``%lprun -f F STMT`` each (separator the rules see after a piece, the text written there))
    timed: Dict[int, Tuple[str, str, Tuple[Tuple[str, str], ...]]] = field(default_factory=dict)
    # ``%run FILE`` line (0-based, at module level) -> FILE as IPython takes it (None: a word IPython expands
    # first, ``$var``/``{expr}``, or no file at all): the names it binds are the cells' (``run_targets.resolve``)
    runs: Dict[int, Optional[str]] = field(default_factory=dict)

    def column_shift(self, line: int) -> int:
        """What to add to a column of ``python`` line ``line`` (1-based) for the cell's text."""
        return (len(self.prefix) if line - 1 in self.dedented else 0) + len(self.prompts.get(line - 1, ""))

    def lead(self, index: int) -> str:
        """What IPython strips from the start of line ``index`` (0-based): indentation, prompt."""
        return self.lines[index][: self.column_shift(index + 1)]

    def python_text(self) -> str:
        return "\n".join(self.python)

    def script_text(self) -> str:
        """The body of a ``%%writefile x.py`` cell (the Python file it writes)."""
        return "\n".join(self.lines[self.script :]) if self.script is not None else ""

    def document_text(self) -> str:
        """The body of a ``%%writefile x.yaml`` cell (the YAML file it writes; a cell of a CRLF text
        notebook ends in the CR of its last line break, which the file written has in full)."""
        text = "\n".join(self.lines[self.document :]) if self.document is not None else ""
        return text + "\n" if text.endswith("\r") else text

    def with_document(self, text: str) -> str:
        """The cell's source with ``text`` (its ``document_text`` rewritten) as the body."""
        if text.endswith("\r\n") and self.lines[-1].endswith("\r"):  # the LF ``document_text`` added
            text = text[:-1]
        return "\n".join(self.lines[: self.document] + [text])


@dataclass
class Notebook:
    """A notebook as the scan and the fixer read it."""

    data: dict
    cells: List[CodeCell]  # code cells, in order
    # markdown cells that mention zenml: {index in "cells": source}; their fenced shell blocks
    # are read like a Markdown file's (the CLI rules)
    markdown: Dict[int, str] = field(default_factory=dict)
    # the cell objects of ``data`` in order (nbformat 4: ``data["cells"]``; nbformat 2/3: the
    # cells of every worksheet), what ``position`` indexes
    raw_cells: List[dict] = field(default_factory=list)
    language: str = ""  # the kernel's language (``kernel_language``): how code cells are read
    # a Zeppelin note: each paragraph's interpreter (``zeppelin_language``), by position
    languages: Dict[int, str] = field(default_factory=dict)
    # the ``%alias`` commands earlier cells defined, by the position of the cell they hold for
    aliases: Dict[int, Dict[str, str]] = field(default_factory=dict)
    # what each ``%run`` line of the cells runs (``run_targets.RunTarget``: ``run_targets.resolve`` sets them)
    runs: list = field(default_factory=list)

    def read_cell(self, source: str, position: int) -> "CodeCell":
        """A code cell's text read as this notebook reads its code cells."""
        if position in self.languages:
            return zeppelin_cell(source, position, self.languages[position])
        return read_code_cell(source, position, self.language, dict(self.aliases.get(position, {})))

    def namespaces(self) -> List["Notebook"]:
        """The notebook once per Python namespace its code cells run in: ``[self]``, but a
        Zeppelin note whose Python paragraphs run in several interpreter groups (``%python`` and
        ``%spark.pyspark``: two processes, a name one defines is not the other's) gives one
        notebook per group (``zeppelin_namespace``), each with that group's paragraphs (the
        shell paragraphs go with the first): each is read, and fixed, as a module of its own."""
        groups: Dict[str, List[CodeCell]] = {}
        for cell in self.cells:
            language = self.languages.get(cell.position)
            if language in ZEPPELIN_PYTHON:
                groups.setdefault(zeppelin_namespace(language), []).append(cell)
        if len(groups) < 2:
            return [self]
        parts = [list(cells) for cells in groups.values()]
        first = {id(c) for c in parts[0]}
        parts[0] = [c for c in self.cells if id(c) in first or self.languages.get(c.position) not in ZEPPELIN_PYTHON]
        return [replace(self, cells=cells) for cells in parts]

    def source_key(self, position: int) -> str:
        """Where the cell keeps its text (``cell_source_key``)."""
        return cell_source_key(self.raw_cells[position])

    def module_text(self, cells: Optional[List[CodeCell]] = None) -> Tuple[str, List[Optional[Tuple[int, int]]]]:
        """The code cells (those without an error) as one module, and for each of its lines
        (0-based) the ``(cell number, line in cell)`` it comes from (None: a cell marker)."""
        chunks: List[str] = []
        where: List[Optional[Tuple[int, int]]] = []
        for i, cell in enumerate(self.cells if cells is None else cells):
            if cell.error is not None:
                continue
            chunks.append(f"{CELL_PREFIX}{i}")
            where.append(None)
            chunks.extend(cell.python)
            where.extend((cell.number, n) for n in range(1, len(cell.python) + 1))
        return "\n".join(chunks) + "\n", where

    def parse(self, filename: str = "<notebook>") -> Tuple[ast.Module, str, List[Optional[Tuple[int, int]]]]:
        """One ``ast.parse`` of the module; cells that do not parse on their own get their
        ``error`` and are left out (then the rest is parsed once more)."""
        from zenml_migrate.scan.file_scan import parse_cells

        text, where = self.module_text()
        try:
            return parse_cells(text, filename), text, where
        except (SyntaxError, ValueError):
            pass
        for cell in self.cells:
            if cell.error is None:
                cell.error = cell_error(cell)
        text, where = self.module_text()
        return parse_cells(text, filename), text, where  # cells parse alone: so does their sequence

    def code_size(self, module: Optional[str] = None) -> int:
        """Bytes of the code the rewriter parses (``fix/notebook.py``): the cells without an
        error (after ``parse``) as one module (``module``: that text, when already made)."""
        if module is None:
            module, _ = self.module_text([c for c in self.cells if c.error is None])
        return len(module.encode("utf-8", "surrogatepass"))

    def errors(self) -> List[CodeCell]:
        return [c for c in self.cells if c.error is not None]

    def suppressions(self) -> Dict[int, Suppressions]:
        """``# migrate: ignore[...]`` comments per cell number (code and markdown cells)."""
        out = {c.number: Suppressions(c.source) for c in self.cells}
        out.update((position + 1, Suppressions(source)) for position, source in self.markdown.items())
        return out

    def ignored_codes(self) -> Set[str]:
        """Codes an ``ignore-file`` comment in any cell hides in the whole notebook."""
        return set().union(*(s.file for s in self.suppressions().values()))


def cell_error(cell: CodeCell) -> Optional[SourceError]:
    """Why the cell's Python does not parse on its own, or None (the diagnostic carries the
    cell: every output prints it in the place, ``nb.ipynb:cell 2:2:1``, so the message does not)."""
    from zenml_migrate.scan.file_scan import nul_place, parse_cells

    text = cell.python_text()
    if "\0" in text:  # it said "source code string cannot contain null bytes; fix the syntax error" at 1:1
        return SourceError("cannot parse: the cell contains a NUL byte (binary data?); remove it (the other cells are read)", *nul_place(text))
    try:
        parse_cells(text)
    except SyntaxError as exc:
        return SourceError(f"cannot parse: {exc.msg}; fix the syntax error (the other cells are read)", exc.lineno or 1, exc.offset or 1)
    except ValueError as exc:  # NUL byte
        return SourceError(f"cannot parse: {exc}; the other cells are read")
    # ``if x:`` alone parses as a module only with its body: a cell never continues another
    return None


# ------------------------------------------------------------------ reading
def read_notebook(data: bytes) -> Notebook:
    """The notebook in ``data`` (bytes of an .ipynb); SourceError when it is not a JSON
    nbformat 4 notebook."""
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
        nb = _parsed(text)
    except UnicodeDecodeError as exc:  # Jupyter reads and writes notebooks as UTF-8
        raise _not_utf8(data, exc.start) from None
    except ValueError as exc:
        line, column = getattr(exc, "lineno", 1), getattr(exc, "colno", 1)
        raise SourceError(f"not a valid notebook (JSON: {exc}); repair it or re-save it from Jupyter; file skipped", line, column) from None
    return notebook_from_json(nb)


def _not_utf8(data: bytes, start: int) -> SourceError:
    """Where a notebook stops being UTF-8 (it said "JSON: 'utf-8' codec can't decode byte 0xe9 in
    position 117" at line 1, column 1), and what to do."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return SourceError("not a notebook Jupyter reads: UTF-16 text (it starts with a UTF-16 byte order mark); "
                           "re-save it as UTF-8; file skipped", 1, 1)
    line = data.count(b"\n", 0, start) + 1
    column = start - (data.rfind(b"\n", 0, start) + 1) + 1
    return SourceError(f"not a notebook Jupyter reads: byte 0x{data[start]:02x} is not UTF-8 (Jupyter writes notebooks as "
                       "UTF-8; another editor saved it in another encoding?); re-save it as UTF-8; file skipped", line, column)


def notebook_from_json(nb) -> Notebook:
    """nbformat 4, the worksheets of nbformat 2 and 3 and the cells of nbformat 1 (Jupyter still
    opens them, through ``nbformat``'s upgrades: code cells keep their text in ``input``, in
    ``code`` for nbformat 1, whose ``text`` cells are markdown; cells are numbered across
    worksheets)."""
    raw = raw_cells(nb)
    if is_zeppelin(nb):
        return _zeppelin_note(nb, raw)
    language = kernel_language(nb)
    cells = []
    markdown: Dict[int, str] = {}
    languages: Dict[int, str] = {}  # Databricks cells led by a language magic (``%sh``)
    databricks = is_databricks(nb, raw)
    sos = sos_kernels(nb) if language == "sos" else None  # a SoS notebook: each cell names its own kernel
    aliases: Dict[str, str] = {}  # ``%alias NAME COMMAND`` lines of the cells read so far, as IPython keeps them
    defined: Dict[int, Dict[str, str]] = {}
    for pos, cell in enumerate(raw):
        if not isinstance(cell, dict):
            raise SourceError(f"not a valid notebook (cell {pos + 1} is not an object); re-save it from Jupyter; file skipped")
        kind = cell.get("cell_type")
        if kind not in ("code", "markdown", "text"):
            continue
        source = cell.get(cell_source_key(cell), "")
        if isinstance(source, list) and all(isinstance(s, str) for s in source):
            source = cell_text(source, nb)
        elif not isinstance(source, str):
            raise SourceError(f"not a valid notebook (cell {pos + 1}: 'source' is not text); re-save it from Jupyter; file skipped")
        directive = databricks_language(source) if databricks and kind == "code" else None
        if directive in ZEPPELIN_SHELL:
            languages[pos] = directive
            cells.append(zeppelin_cell(source, pos, directive))
        elif directive in ZEPPELIN_MARKDOWN:
            if "zenml" in source:
                markdown[pos] = source
        elif directive is not None and directive not in ZEPPELIN_PYTHON:
            continue  # ``%sql``, ``%scala``, ``%r``, ``%fs``, ``%run``: not Python
        elif kind == "code" and sos is not None:
            kernel = sos_language(cell, sos)
            if kernel is not None:  # (a cell of another kernel, or of SoS itself, is not read)
                languages[pos] = kernel
                cells.append(zeppelin_cell(source, pos, kernel))
        elif kind == "code":
            if aliases:
                defined[pos] = dict(aliases)
            cells.append(read_code_cell(source, pos, language, aliases))
        elif "zenml" in source:  # markdown (nbformat 1: ``text``)
            markdown[pos] = source
    return Notebook(nb, cells, markdown, raw, language, languages, defined)


# ------------------------------------------------------------------ SoS notebooks
# A notebook of the SoS kernel (``sos-notebook``: ``kernelspec.language`` ``sos``) runs each code cell
# in the kernel its ``metadata.kernel`` names (``Python3``, ``Bash``, ``R``, ``SoS``), listed in
# ``metadata.sos.kernels`` as ``[name, Jupyter kernel, language, ...]``: the cells of a Python kernel
# are read as IPython reads them (one namespace), those of a shell kernel as shell text, the others
# (SoS itself, R, ...) not at all.


def sos_kernels(nb: dict) -> Dict[str, str]:
    """``{cell kernel name: "ipython" | "sh"}`` for the notebook's Python and shell kernels."""
    meta = nb.get("metadata") if isinstance(nb.get("metadata"), dict) else {}
    sos = meta.get("sos") if isinstance(meta.get("sos"), dict) else {}
    out: Dict[str, str] = {}
    for entry in sos.get("kernels") or []:
        if isinstance(entry, list) and len(entry) >= 2 and all(isinstance(x, str) for x in entry[:2]):
            words = {x.strip().lower() for x in entry[1:3] if isinstance(x, str)}
            if words & (PYTHON_LANGUAGES - {""}):
                out[entry[0]] = "ipython"
            elif words & (SHELLS | {"shell"}):
                out[entry[0]] = "sh"
    return out


def sos_language(cell: dict, kernels: Dict[str, str]) -> Optional[str]:
    """How a SoS notebook's code cell is read (``sos_kernels``), None: not at all."""
    meta = cell.get("metadata") if isinstance(cell.get("metadata"), dict) else {}
    name = meta.get("kernel")
    return kernels.get(name) if isinstance(name, str) else None


# ------------------------------------------------------------------ Databricks notebooks
# A notebook exported from Databricks as .ipynb (``application/vnd.databricks.v1+notebook`` in
# its metadata, ``application/vnd.databricks.v1+cell`` in its cells'): a code cell whose first
# line is a language magic runs in that language, as a Zeppelin paragraph does: ``%sh`` cells are
# shell text, ``%md`` cells Markdown, ``%sql``/``%scala``/``%r``/``%fs``/``%run`` cells are not
# Python; ``%python`` and ``%pip`` cells are read as IPython reads them.
_DATABRICKS = ("application/vnd.databricks.v1+notebook", "application/vnd.databricks.v1+cell")
_DATABRICKS_DIRECTIVE = re.compile(r"^[ \t\r\n]*%(sh|md|md-sandbox|sql|scala|r|fs|run|python)(?=[ \t\r\n]|$)")


def is_databricks(nb: dict, raw: List[dict]) -> bool:
    meta = nb.get("metadata")
    if isinstance(meta, dict) and _DATABRICKS[0] in meta:
        return True
    return any(isinstance(c, dict) and isinstance(c.get("metadata"), dict) and _DATABRICKS[1] in c["metadata"] for c in raw)


def databricks_language(source: str) -> Optional[str]:
    """The language of a Databricks cell led by a language magic (``sh``, ``md``, ...), else None."""
    m = _DATABRICKS_DIRECTIVE.match(source)
    if m is None:
        return None
    return {"md-sandbox": "md"}.get(m.group(1), m.group(1))


# ------------------------------------------------------------------ Zeppelin notes
# A Zeppelin note (``.zpln``; JSON): ``paragraphs[].text``, each led by its interpreter
# (``%python``, ``%sh``, ``%md``; none: the note's ``defaultInterpreterGroup``). Paragraph N is
# cell N: Python paragraphs are read as code cells (the ``%python`` line masked as a magic line),
# those of each interpreter group as a module of their own (``Notebook.namespaces``), shell
# paragraphs as shell text, Markdown ones as markdown cells; other interpreters (Scala, SQL, ...)
# are not read. The fix writes the paragraphs' ``text`` back.
ZEPPELIN_PYTHON = frozenset({
    "python", "python.python", "python.ipython", "ipython", "pyspark", "spark.pyspark", "ipyspark", "spark.ipyspark",
    "flink.pyflink", "pyflink", "jupyter.python",
})
ZEPPELIN_SHELL = frozenset({"sh", "sh.sh", "shell"})
ZEPPELIN_MARKDOWN = frozenset({"md", "md.md", "markdown"})
_ZEPPELIN_DIRECTIVE = re.compile(r"^[ \t\r\n]*%([\w.-]+)(?:\([^()\n]*\))?[ \t]*")


def zeppelin_namespace(language: str) -> str:
    """The interpreter group a Python paragraph runs in (one Python process per group):
    ``spark`` for ``%spark.pyspark``, ``%pyspark`` and ``%ipyspark``, ``python`` for ``%python``
    and ``%ipython``, ``flink`` for ``%pyflink``."""
    group, dot, _ = language.partition(".")
    if dot:
        return group
    return {"pyspark": "spark", "ipyspark": "spark", "ipython": "python", "pyflink": "flink"}.get(language, language)


def is_zeppelin(nb) -> bool:
    """A Zeppelin note's JSON (``paragraphs`` and no Jupyter ``cells``/``nbformat``)."""
    return isinstance(nb, dict) and isinstance(nb.get("paragraphs"), list) and "cells" not in nb and "nbformat" not in nb


# ``[text, parsed JSON]`` of the last note ``is_zeppelin_json`` found, for ``read_notebook``'s
# parse of the same text right after it (each note.json is then parsed once); empty once used
_NOTE: list = []


def _parsed(text: str):
    """``json.loads(text)``, the one ``is_zeppelin_json`` just made when it read this text."""
    if _NOTE and _NOTE[0] == text:
        nb = _NOTE[1]
        _NOTE.clear()
        return nb
    return json.loads(text)


def is_zeppelin_json(data: bytes) -> bool:
    """``data`` is the JSON of a Zeppelin note (what makes a ``<id>/note.json`` one: a release
    manifest or an app's notes file under a folder of nine capitals is none)."""
    _NOTE.clear()
    try:
        if json.detect_encoding(data) not in ("utf-8", "utf-8-sig"):
            return is_zeppelin(json.loads(data))
        try:
            text = data.decode("utf-8-sig")  # as ``read_notebook`` decodes it
        except UnicodeDecodeError:
            return is_zeppelin(json.loads(data))
        nb = json.loads(text)
    except (ValueError, RecursionError):
        return False
    if is_zeppelin(nb):
        _NOTE[:] = [text, nb]
        return True
    return False


def zeppelin_language(text: str, default: str) -> str:
    """The interpreter of a paragraph: its leading ``%name`` (``%spark.pyspark``), else the note's."""
    m = _ZEPPELIN_DIRECTIVE.match(text)
    return m.group(1).lower() if m else default


def zeppelin_cell(source: str, position: int, language: str) -> CodeCell:
    """A Python or shell paragraph as a code cell: a shell paragraph's text after its ``%sh``
    is shell text (the cell's magic is ``sh``: none of it is Python)."""
    if language in ZEPPELIN_PYTHON:
        return read_cell(source, position)
    lines = source.split("\n")
    cell = CodeCell(position, position + 1, source, lines, list(lines), magic="sh")
    _mask(cell, 0, len(lines) - 1, indent="")
    m = _ZEPPELIN_DIRECTIVE.match(source)
    start = m.end() if m else 0
    if source[start:].strip():
        line = source.count("\n", 0, start)
        cell.shell.append(ShellText(source[start:], line + 1, start - (source.rfind("\n", 0, start) + 1) + 1, "shell"))
    return cell


def _zeppelin_note(nb: dict, raw: List[dict]) -> "Notebook":
    default = nb.get("defaultInterpreterGroup") if isinstance(nb.get("defaultInterpreterGroup"), str) else ""
    cells: List[CodeCell] = []
    markdown: Dict[int, str] = {}
    languages: Dict[int, str] = {}
    for pos, paragraph in enumerate(raw):
        text = paragraph.get("text") if isinstance(paragraph, dict) else None
        if not isinstance(text, str):
            continue
        language = zeppelin_language(text, default.lower())
        if language in ZEPPELIN_PYTHON or language in ZEPPELIN_SHELL:
            languages[pos] = language
            cells.append(zeppelin_cell(text, pos, language))
        elif language in ZEPPELIN_MARKDOWN and "zenml" in text:
            markdown[pos] = text
    return Notebook(nb, cells, markdown, raw, "python", languages)


def raw_cells(nb) -> List[dict]:
    """The cell objects of a notebook's JSON, in order (what ``Notebook.raw_cells`` holds; a
    Zeppelin note's paragraphs); SourceError when it is no notebook Jupyter opens."""
    if is_zeppelin(nb):
        return nb["paragraphs"]
    version = nb.get("nbformat") if isinstance(nb, dict) else None
    if version in (2, 3):
        sheets = nb.get("worksheets")
        if not isinstance(sheets, list) or not all(isinstance(w, dict) and isinstance(w.get("cells", []), list) for w in sheets):
            raise SourceError(f"not a valid notebook (nbformat {version}: no 'worksheets' list of cells); re-save it from Jupyter; file skipped")
        return [cell for sheet in sheets for cell in sheet.get("cells", [])]
    if version is not None and version not in (1, 4):
        raise SourceError(
            f"not a notebook this tool reads (nbformat {version!r}; nbformat 1-4 are read); open and re-save it with "
            "Jupyter (or `jupyter nbconvert --to notebook`); file skipped"
        )
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        said = f"nbformat {version}: no 'cells' list" if version == 1 else "no 'cells' list; nbformat 4 is expected"
        raise SourceError(f"not a valid notebook ({said}); re-save it from Jupyter; file skipped")
    return nb["cells"]


def cell_text(lines: list, nb) -> str:
    """A cell's text kept as a list of lines, joined the way Jupyter reads it: nbformat 2
    wrote the lines without their ends (``str.splitlines()``) and ``nbformat``'s v2 reader
    joins them with newlines; every other format keeps the ends (joined as they are)."""
    return ("\n" if _split_without_ends(nb) else "").join(lines)


def cell_lines(text: str, nb) -> list:
    """``text`` as the list of lines ``cell_text`` joins back to ``text`` (nbformat 2: without
    their ends, as its writer splits them)."""
    return text.split("\n") if _split_without_ends(nb) else text.splitlines(keepends=True)


def _split_without_ends(nb) -> bool:
    return isinstance(nb, dict) and nb.get("nbformat") == 2


def cell_source_key(cell: dict) -> str:
    """Where a cell keeps its text: ``source``; ``input`` for a code cell of nbformat 2/3,
    ``code``/``text`` for the code/text cells of nbformat 1."""
    if "source" in cell:
        return "source"
    kind = cell.get("cell_type")
    if kind is None and "text" in cell:  # a Zeppelin paragraph
        return "text"
    if kind == "code":
        return "input" if "input" in cell or "code" not in cell else "code"
    return "text" if kind == "text" else "source"


PYTHON_LANGUAGES = frozenset({"", "python", "python2", "python3", "ipython", "ipython2", "ipython3"})


def kernel_language(nb: dict) -> str:
    """The language of the notebook's kernel (``metadata.kernelspec.language``, else
    ``language_info.name``; nbformat 3: ``metadata.language``), lower case; "" when unsaid."""
    meta = nb.get("metadata") if isinstance(nb.get("metadata"), dict) else {}
    for holder, key in ((meta.get("kernelspec"), "language"), (meta.get("language_info"), "name"), (meta, "language")):
        if isinstance(holder, dict) and isinstance(holder.get(key), str) and holder[key].strip():
            return holder[key].strip().lower()
    return ""


def read_code_cell(source: str, position: int, language: str, aliases: Optional[Dict[str, str]] = None) -> CodeCell:
    """``aliases``: the ``%alias`` commands defined so far (updated with the cell's own)."""
    return read_cell(source, position, aliases) if language in PYTHON_LANGUAGES else foreign_cell(source, position, language)


def foreign_cell(source: str, position: int, language: str) -> CodeCell:
    """A code cell of a kernel that is not Python: none of it is Python (masked); in a shell
    kernel (``bash_kernel``, ``language: bash``) the whole cell is shell text; in an R kernel
    (IRkernel) the command lines of ``system()``/``system2()`` calls are
    (``migrate/scan/r_commands.py``)."""
    lines = source.split("\n")
    cell = CodeCell(position, position + 1, source, lines, list(lines))
    if any(line.strip() for line in lines):
        _mask(cell, 0, len(lines) - 1, indent="")
        if language in SHELLS or language in ("shell", "sh"):
            cell.shell.append(ShellText(source, 1, 1, "shell"))
        elif language == "r":
            from zenml_migrate.scan.r_commands import r_sections

            for sec in r_sections(source):
                line = source.count("\n", 0, sec.start)
                column = sec.start - (source.rfind("\n", 0, sec.start) + 1)
                cell.shell.append(ShellText(sec.text, line + 1, column + 1, "python", words=sec.words))
    return cell


def read_cell(source: str, position: int, aliases: Optional[Dict[str, str]] = None) -> CodeCell:
    """``aliases``: the ``%alias`` commands in force (``%zm profile list`` after ``%alias zm
    zenml %s`` runs ``zenml profile list``); the cell's own ``%alias``/``%unalias`` lines update it."""
    lines = source.split("\n")
    cell = CodeCell(position, position + 1, source, lines, list(lines))
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return cell
    indent = re.match(r"[ \t]+", lines[first])
    if indent:  # IPython's leading_indent: the first line's indentation leaves every line that has it
        cell.prefix = indent.group(0)
        cell.dedented = frozenset(i for i, line in enumerate(lines) if line.startswith(cell.prefix))
        cell.python = [line[len(cell.prefix) :] if i in cell.dedented else line for i, line in enumerate(lines)]
    _strip_prompts(cell, first)
    start = 0
    while True:  # the body of ``%%time``/``%%capture`` is a cell again: it may start with a cell magic
        head = cell.python[first].lstrip()
        if not head.startswith("%%") or re.match(r"%%\w+\?", head):
            break
        name, _, args = head[2:].rstrip("\r").partition(" ")
        cell.magic = name
        if name in PYTHON_CELL_MAGICS:
            _mask(cell, first, first)
            start = first + 1
            first = next((i for i in range(start, len(lines)) if cell.python[i].strip()), None)
            if first is None:
                return cell
            continue
        else:
            _mask(cell, first, len(lines) - 1)
            target = args.split()[-1] if args.split() else ""
            program = name if name != "script" else script_program(args)
            shell = name in SHELL_CELL_MAGICS or program in SHELLS
            if shell and first + 1 < len(lines):
                cell.shell.append(ShellText("\n".join(lines[first + 1 :]), first + 2, 1, "shell"))
            if name in WRITEFILE_MAGICS and first + 1 < len(lines):
                from zenml_migrate.scan.discovery import kind_of

                written = kind_of(target.strip("'\""))  # a script, Dockerfile, requirements file... the notebook writes
                if written in WRITTEN_KINDS:
                    cell.shell.append(ShellText("\n".join(lines[first + 1 :]), first + 2, 1, "shell", kind=written))
                elif written in WRITTEN_DOCUMENTS:
                    cell.document = first + 1
            if first + 1 < len(lines) and (
                (name in WRITEFILE_MAGICS and target.endswith(".py")) or PYTHON_PROGRAMS.match(program) or name in APART_CELL_MAGICS
                or (name in CYTHON_CELL_MAGICS and _parses("\n".join(lines[first + 1 :])))
            ):
                cell.script = first + 1  # a Python file the notebook writes (and runs), a Python program it runs: read as one
            return cell
    if not _MAYBE_IPYTHON.search("\n".join(cell.python), _offset(cell.python, start)):
        _automagic(cell)
        return cell
    _read_lines(cell, start, aliases)
    _automagic(cell)
    return cell


def _parses(text: str) -> bool:
    try:
        ast.parse(text)
    except (SyntaxError, ValueError):
        return False
    return True


# the options of IPython's ``%%script`` (its own; the other words are the command it runs)
_SCRIPT_OPTIONS = frozenset({"--bg", "--no-raise-error"})
_SCRIPT_VALUED = frozenset({"--out", "--err", "--proc"})


def script_program(args: str) -> str:
    """The program ``%%script ARGS`` runs the body with (its name, no folder): IPython's options
    (``--bg``, ``--out NAME``, ... anywhere) left out, and behind ``env [NAME=VALUE...]``
    (``%%script env ZENML_DEBUG=1 bash``); "" when there is none."""
    words = args.split()
    command = []
    i = 0
    while i < len(words):
        word = words[i]
        if word in _SCRIPT_VALUED:
            i += 2
            continue
        if word not in _SCRIPT_OPTIONS and not any(word.startswith(o + "=") for o in _SCRIPT_VALUED):
            command.append(word)
        i += 1
    names = [w.rsplit("/", 1)[-1] for w in command]
    if names[:1] == ["env"]:
        names = names[1:]
        while names and re.match(r"[A-Za-z_]\w*=", names[0]):
            names = names[1:]
    return names[0] if names else ""


def _strip_prompts(cell: CodeCell, first: int) -> None:
    """IPython's ``classic_prompt`` then ``ipython_prompt``: when the first (non-blank) line has
    the first prompt, or the line after it any prompt, every line loses its prompt."""
    for prompt, initial, continuation in ((_CLASSIC_PROMPT, _CLASSIC_FIRST, "... "), (_IPYTHON_PROMPT, _IPYTHON_PROMPT, None)):
        head = cell.python[first : first + 2]
        if not (initial.match(head[0]) or (len(head) > 1 and prompt.match(head[1]))):
            continue
        for i in range(first, len(cell.python)):
            m = prompt.match(cell.python[i])
            if m and m.end():
                cell.prompts[i] = cell.prompts.get(i, "") + m.group(0)
                cell.python[i] = cell.python[i][m.end() :]
                if continuation is None and "...:" in m.group(0):
                    continuation = m.group(0)
        cell.continuation = cell.continuation or continuation or "...: "


def _offset(lines: List[str], index: int) -> int:
    return sum(len(line) + 1 for line in lines[:index])


def _mask(cell: CodeCell, first: int, last: int, indent: Optional[str] = None) -> None:
    """Lines ``first..last`` (0-based) are not Python: keep them, show ``pass`` to the rules
    (the indentation of ``first``, so a continued escape stays one simple statement)."""
    if indent is None:
        indent = re.match(r"[ \t]*", cell.python[first]).group(0)
    for i in range(first, last + 1):
        cell.masked[i] = cell.lines[i]
        cr = "\r" if cell.lines[i].endswith("\r") else ""
        cell.python[i] = f"{indent}{MASK_PREFIX}{i}{cr}"


def _continued_end(lines: List[str], i: int) -> int:
    while i + 1 < len(lines) and lines[i].rstrip("\r").endswith("\\"):
        i += 1
    return i


def _read_lines(cell: CodeCell, start: int, aliases: Optional[Dict[str, str]] = None) -> None:
    """IPython's line transforms, at statement starts only (not inside strings or brackets)."""
    lines = list(cell.python)  # (dedented) lines, before masking
    quote: Optional[str] = None
    depth = 0
    continued = False
    i = start
    while i < len(lines):
        line = lines[i]
        if quote is None and depth == 0 and not continued:
            found = _escape_at(line)
            if found is not None:
                kind, col = found
                end = _continued_end(lines, i)
                if kind == "?" and end == i and _help(cell, i, line):
                    i += 1
                    continue
                if kind == "%" and end == i and (_timed(cell, i, line) or _lprun(cell, i, line) or _aimport(cell, i, line)):
                    i += 1
                    continue
                _mask(cell, i, end)
                if kind == "%" and end == i:
                    _run_line(cell, i, lines[i])
                if kind == "%" and aliases is not None:
                    _alias_line(cell, i, lines[i], aliases)
                if end == i and kind in ("!", "!!", "%"):
                    _expanded(cell, i, lines[i], col)
                elif kind in ("!", "!!"):  # a ``\``-continued shell escape: IPython expands the joined line
                    for k in range(i, end + 1):
                        _expanded(cell, k, lines[k], col if k == i else 0, continued=k > i)
                if kind == "%" and end == i and "ZENML_" in line and _ENV_MAGIC.match(line, col):
                    # ``%env NAME=value``: the kernel's environment (ZM906 reads the variables it sets)
                    at = col + cell.column_shift(i + 1)
                    cell.shell.append(ShellText(cell.lines[i][at:].rstrip("\r"), i + 1, at + 1, "python", kind="env"))
                if kind in ("!", "!!"):
                    col += cell.column_shift(i + 1)  # shell text is kept in the cell's own columns
                    # continuation lines: what IPython strips (indentation, prompt) as blanks, same offsets
                    rest = [" " * cell.column_shift(k + 1) + lines[k] for k in range(i + 1, end + 1)]
                    cell.shell.append(ShellText("\n".join([cell.lines[i][col:]] + rest), i + 1, col + 1, "python"))
                i = end + 1
                continue
        quote, depth, continued = _python_state(line, quote, depth)
        i += 1


_ENV_MAGIC = re.compile(r"%(?:env|set_env)[ \t]")
# ``%run``'s options (IPython's ``parse_options(..., 'nidtN:b:pD:l:rs:T:em:G')``): those that take a value
_RUN_VALUED = frozenset("NbDlsTm")


def _run_line(cell: CodeCell, i: int, line: str) -> None:
    """A ``%run [OPTIONS] FILE ARGS`` line (masked) at module level: the kernel runs FILE (relative
    to its working directory, the notebook's folder) and takes its names in (a notebook's or an
    ``.ipy`` file's cells run in the kernel's own namespace). FILE is the first word after the
    options, split as IPython's ``arg_split`` does (quotes, backslashes); ``-m MODULE`` is a
    program (``_alias_line``). ``run_targets.resolve`` reads the line as ``from MODULE import *``
    once the notebook's path is known (``RUN_MASK``; a fix puts the line back as it was)."""
    if cell.python[i][:1] in (" ", "\t"):
        return
    m = re.match(r"[ \t]*%run(?=[ \t]|\r?$)", line)
    if m is None:
        return
    try:
        words = shlex.split(line[m.end() :].rstrip("\r"), comments=False, posix=True)
    except ValueError:  # an unclosed quote
        cell.runs[i] = None
        return
    k = 0
    while k < len(words) and words[k].startswith("-") and len(words[k]) > 1:
        flags = words[k][1:]
        for n, flag in enumerate(flags):
            if flag in _RUN_VALUED:
                if flag == "m":
                    return  # ``%run -m MODULE``: a program (``_alias_line``)
                if n == len(flags) - 1:
                    k += 1  # its value is the next word
                break
        k += 1
    word = words[k] if k < len(words) else None
    if word is not None and ("$" in word or "{" in word):
        word = None  # IPython expands ``$name`` and ``{expr}`` of a line magic first: not known here
    cell.runs[i] = word


# ``%alias NAME COMMAND`` (IPython's alias magic), ``%unalias NAME``, and ``%NAME ARGS`` using one
_LINE_MAGIC = re.compile(r"^([ \t]*)%(\w+)(?=[ \t]|\r?$)")


def _alias_line(cell: CodeCell, i: int, line: str, aliases: Dict[str, str]) -> None:
    """Line ``i`` (``line``: as the rules read it) is a line magic: ``%alias``/``%unalias``
    update ``aliases``; a use of an alias (and ``%run -m MODULE``) is the command it runs, as
    shell text of the cell."""
    m = _LINE_MAGIC.match(line)
    if m is None:
        return
    name, rest = m.group(2), line[m.end() :].rstrip("\r")
    if name == "alias":
        parts = rest.split(None, 1)
        if len(parts) == 2:
            aliases[parts[0]] = parts[1].strip()
    elif name == "unalias":
        aliases.pop(rest.strip(), None)
    elif name in aliases or (name == "run" and rest.split()[:1] == ["-m"]):
        # ``%run -m MODULE ARGS`` runs the module as a program, as ``python -m`` does
        command = aliases.get(name, "python")
        shift = cell.column_shift(i + 1)
        base = sum(len(text) + 1 for text in cell.lines[:i]) + shift
        for words in alias_commands(command, rest, base + m.end(), (base + m.start(2) - 1, base + m.end())):
            cell.shell.append(ShellText(cell.lines[i][shift + m.start(2) - 1 :].rstrip("\r"), i + 1, shift + m.start(2), "python", words=words))


def alias_parts(command: str, rest: str) -> Optional[Tuple[str, str]]:
    """The line an IPython alias defined as ``command`` runs for the arguments ``rest``, as
    ``IPython.core.alias.Alias`` builds it, in two parts: ``(what the alias puts in front,
    the arguments as written)``. ``%l`` is the whole of ``rest``, each ``%s`` one argument (the
    last one what is left), without a mark ``rest`` follows. When the only mark ends the
    command (``zenml %s``, ``zenml stack %l``, none), the arguments are ``rest`` itself; else the
    whole line is the first part. None: the alias runs nothing (fewer arguments than it takes:
    IPython's UsageError)."""
    nargs = command.count("%s") - command.count("%%s")
    marks = command.count("%l") + nargs
    end = command.rstrip()
    if marks == 0:
        return command.replace("%%s", "%s") + " ", rest
    if marks == 1 and end.endswith(("%l", "%s")) and not end.endswith("%%s"):
        if end.endswith("%s") and not rest.split():
            return None
        return end[:-2].replace("%%s", "%s"), rest
    if "%l" in command:
        command, rest = command.replace("%l", rest), ""
    args = rest.split(None, nargs) if nargs else []
    if len(args) < nargs:
        return None
    try:
        return (command % tuple(args[:nargs]) if nargs else command) + " " + " ".join(args[nargs:]), ""
    except (TypeError, ValueError):
        return None


def alias_commands(command: str, rest: str, start: int, at: Tuple[int, int]) -> list:
    """The commands (lists of ``command_lines.Word``) an alias defined as ``command`` runs for
    the arguments ``rest`` at offset ``start`` (``alias_parts``): the words of the arguments as
    written keep their offsets (a fix edits them there); the alias's own words are at ``at``
    (where it is used) and marked ``elsewhere`` (nothing edits them)."""
    from zenml_migrate.scan.command_lines import Word, split_commands

    parts = alias_parts(command, rest)
    if parts is None:
        return []
    head, args = parts
    prefix = [[Word(w.value, *at, elsewhere=True) for w in words] for words in split_commands(head)]
    commands = split_commands(args, start) if args.strip() else []
    if not prefix:
        return commands
    return prefix[:-1] + [prefix[-1] + (commands[0] if commands else [])] + commands[1:]


def _help(cell: CodeCell, i: int, line: str) -> bool:
    """``Repository?`` / ``??zenml.repository.Repository``: the rules see the name, in its own
    columns (``Repository``, ``((Repository))``); the line is restored around whatever name a
    fix writes. False for any other help form (magics, wildcard searches): masked then."""
    m = _HELP_NAME.match(line)
    if m is None or bool(m.group("pre")) == bool(m.group("post")) or any(keyword.iskeyword(p) for p in m.group("name").split(".")):
        return False
    depth = len(m.group("pre"))
    cr = "\r" if line.endswith("\r") else ""
    cell.masked[i] = cell.lines[i]
    cell.help[i] = (m.group("pre"), m.group("post") + m.group("tail").rstrip("\r"))
    cell.python[i] = f"{m.group('indent')}{'(' * depth}{m.group('name')}{')' * depth}{HELP_MARK}{i}{cr}"
    return True


# line magics whose last argument is a statement run as Python in the notebook's namespace, and
# the options each takes before it: IPython's ``%time STMT``, ``%timeit [-n<N> -r<R> -t -c -p<P>
# -q -o] STMT``, ``%prun [-l L -s KEY -T F -D F -r -q] STMT``, ``%debug [--breakpoint F:N] STMT``;
# memory_profiler's ``%memit [-r<R> -t<T> -i -c -o] STMT``; also with the value bound: ``runs =
# %timeit -o STMT``. (Not line_profiler's ``%lprun -f FUNC STMT``: FUNC is Python too, which the
# rules would not see, so a fix could rename a name in STMT and leave it in FUNC.)
_STATEMENT_MAGICS = {
    "time": "",
    "timeit": r"-(?:[nrp][ \t]*\d+|[tcqo])",
    "prun": r"-(?:[lsTD][ \t]*\S+|[rq])",
    "debug": r"(?:--breakpoint|-b)[ \t]+\S+",
    "memit": r"-(?:[rt][ \t]*[\d.]+|[ico])",
}
_TIMED = re.compile(
    r"^(?P<indent>[ \t]*)(?P<magic>(?:[A-Za-z_]\w*[ \t]*=[ \t]*)?%(?:"
    + "|".join(name + (f"(?:[ \t]+{options})*" if options else "") for name, options in _STATEMENT_MAGICS.items())
    + r")[ \t]+)(?P<stmt>\S.*)$"
)
TIMED_LEAD = "pass;"


def _timed(cell: CodeCell, i: int, line: str) -> bool:
    """``%time run = pipe.run()``: the rules see ``pass; run = pipe.run()`` (the magic read as
    ``pass;`` and blanks: the statement keeps its columns; ``x = %time STMT`` binds the magic's
    result, not read: ``pass;`` and blanks there too); a fix's rewrite of the statement
    gets the magic back in front (``fix/notebook.py``). False when the statement is not
    Python on its own (then the line is masked)."""
    m = _TIMED.match(line)
    if m is None or len(m.group("magic")) < len(TIMED_LEAD) + 1:
        return False
    lead = TIMED_LEAD + " " * (len(m.group("magic")) - len(TIMED_LEAD))
    try:
        ast.parse(m.group("stmt").rstrip("\r"))
    except SyntaxError:
        return False
    cell.timed[i] = (lead, m.group("magic"), ())
    cell.python[i] = m.group("indent") + lead + m.group("stmt")
    return True


# line_profiler's ``%lprun -f FUNC [-f FUNC2] [-m MODULE -D FILE -T FILE -u UNIT -r -s -z] STMT``: each
# FUNC is a Python expression (one word) evaluated in the notebook's namespace, STMT a statement run there
_LPRUN = re.compile(
    r"^(?P<indent>[ \t]*)(?P<head>(?:[A-Za-z_]\w*[ \t]*=[ \t]*)?%lprun"
    r"(?:[ \t]+(?:-f[ \t]*(?P<f>[^\s;#'\"]+)|-[mDTu][ \t]*\S+|-[rsz]))*[ \t]+)(?P<stmt>\S.*)$"
)
_LPRUN_FUNC = re.compile(r"(?<![^ \t])-f[ \t]*([^\s;#'\"]+)")


def _lprun(cell: CodeCell, i: int, line: str) -> bool:
    """``%lprun -f load -f Repository.get_pipeline load("x")``: the rules see ``pass;     load;   
    Repository.get_pipeline;load("x")`` (each FUNC and STMT in its own columns, what is between
    them read as ``;`` and blanks), so a name is found and renamed in FUNC and STMT alike; a fix's
    rewrite gets the magic and the options back around the pieces (``fix/notebook.py``). False
    when the pieces are not Python that way (then the line is masked)."""
    m = _LPRUN.match(line)
    if m is None or m.group("f") is None:
        return False
    head, start = m.group("head"), m.start("head")
    funcs = [(f.start(1), f.end(1)) for f in _LPRUN_FUNC.finditer(line, start, m.end("head"))]
    bounds = funcs + [(m.start("stmt"), None)]
    lead = TIMED_LEAD + " " * (funcs[0][0] - start - len(TIMED_LEAD))
    seps = []
    for (_, end), (nxt, _) in zip(bounds, bounds[1:]):
        seps.append((";" + " " * (nxt - end - 1), line[end:nxt]))
    python = m.group("indent") + lead + "".join(line[a:b] + sep for (a, b), (sep, _) in zip(funcs, seps)) + m.group("stmt")
    if len(lead) < len(TIMED_LEAD) + 1 or len(python) != len(line):
        return False
    try:
        parsed = ast.parse(python.strip().rstrip("\r"))
    except SyntaxError:
        return False
    if len(parsed.body) != len(funcs) + 2 or not all(isinstance(s, ast.Expr) for s in parsed.body[1:-1]):
        return False
    cell.timed[i] = (lead, head[: funcs[0][0] - start], tuple(seps))
    cell.python[i] = python
    return True


_DOLLAR_FIELD = re.compile(r"\$([A-Za-z_][\w.]*)")
# the magics IPython does not expand ``{expr}`` in (``@no_var_expand``) or that run their text as Python
_NOT_EXPANDED = frozenset(_STATEMENT_MAGICS) | {"lprun", "alias", "unalias", "sql"}
EXPANDED_LEAD = "{"  # what the text written back in front of the first ``{expr}`` ends with (``fix/notebook.py``)


def _expanded(cell: CodeCell, i: int, line: str, col: int, continued: bool = False) -> None:
    """A shell escape or line magic (line ``i``, masked; its text from ``col``) holding ``{expr}``
    fields: IPython evaluates each in the notebook's namespace before it runs the line
    (``InteractiveShell.var_expand``: ``!mlflow ui --backend-store-uri {get_tracking_uri()}``),
    so the rules see ``pass;`` and blanks, each expression in its own columns, ``;`` and blanks
    between them (as ``%lprun``'s pieces): a name found there is reported and renamed with the
    other uses, and a fix puts the text around the fields back (``timed``). Not read (left
    masked) when IPython would expand nothing (a lone ``}``: the format fails and the line runs
    as written) or a field is not one expression without blanks (``{x!r}``, ``{a + b}``).
    ``continued``: a continuation line of a backslash-continued escape (its indentation is shell
    text: the rules see ``pass;`` from its first column)."""
    magic = None if continued else re.match(r"[ \t]*(?:[A-Za-z_]\w*[ \t]*=[ \t]*)?%+(\w*)", line)
    if (magic and magic.group(1) in _NOT_EXPANDED) or not cell.python[i].lstrip(" \t").startswith(MASK_PREFIX):
        return  # (``%run x.py`` read as an import: ``_run_line``)
    text = line.rstrip("\r")
    fields, k = [], col
    while k < len(text):
        if text.startswith(("{{", "}}", "$$"), k):
            k += 2
        elif text[k] == "$" and _DOLLAR_FIELD.match(text, k) and text.count("'", col, k) % 2 == 0:
            # ``$name``/``$obj.attr`` (not in single quotes): IPython's DollarFormatter reads it as ``{obj.attr}``
            name = _DOLLAR_FIELD.match(text, k).group(1).rstrip(".")
            fields.append((k + 1, k + 1 + len(name)))
            k += 1 + len(name)
        elif text[k] == "}":
            return  # ("Single '}' encountered": nothing is expanded)
        elif text[k] == "{":
            close = text.find("}", k + 1)
            if close < 0 or "{" in text[k + 1 : close]:
                return
            fields.append((k + 1, close))
            k = close + 1
        else:
            k += 1
    indent = 0 if continued else len(text) - len(text.lstrip(" \t"))
    if not fields or fields[0][0] - indent < len(TIMED_LEAD) + 1:
        return
    for a, b in fields:
        piece = text[a:b]
        if not piece or re.search(r"[\s;]", piece):
            return
        try:
            ast.parse(piece, mode="eval")
        except SyntaxError:
            return
    bounds = fields + [(len(text), None)]
    seps = tuple((";" + " " * (nxt - end - 1) if nxt < len(text) else ";", text[end:nxt]) for (_, end), (nxt, _) in zip(fields, bounds[1:]))
    lead = TIMED_LEAD + " " * (fields[0][0] - indent - len(TIMED_LEAD))
    python = text[:indent] + lead + "".join(text[a:b] + shown for (a, b), (shown, _) in zip(fields, seps))
    try:
        parsed = ast.parse(python.strip())
    except SyntaxError:
        return
    if len(parsed.body) != len(fields) + 1:
        return
    del cell.masked[i]
    cell.timed[i] = (lead, text[indent : fields[0][0]], seps)
    cell.python[i] = python + ("\r" if line.endswith("\r") else "")


# autoreload's ``%aimport a.b, c``: imports the modules (binding ``a`` and ``c``), as ``import a.b, c``
_AIMPORT = re.compile(r"^(?P<indent>[ \t]*)(?P<magic>%aimport[ \t]+)[A-Za-z_][\w.]*(?:[ \t]*,[ \t]*[A-Za-z_][\w.]*)*[ \t]*\r?$")
IMPORT_LEAD = "import"


def _aimport(cell: CodeCell, i: int, line: str) -> bool:
    """``%aimport zenml.repository``: the rules see ``import   zenml.repository`` (the magic
    read as ``import`` and blanks: the modules keep their columns); a fix's rewrite gets the
    magic back in front, as for ``%time`` (``timed``). ``%aimport`` alone (a listing) and
    ``%aimport -a`` (an exclusion) import nothing: masked."""
    m = _AIMPORT.match(line)
    if m is None:
        return False
    lead = IMPORT_LEAD + " " * (len(m.group("magic")) - len(IMPORT_LEAD))
    cell.timed[i] = (lead, m.group("magic"), ())
    cell.python[i] = m.group("indent") + lead + line[m.end("magic") :]
    return True


def on_help_lines(findings: list, lines: List[str], rules) -> list:
    """The findings of a notebook's module (``lines``: its text) a help line (``obj?``) can
    carry. IPython only looks the name up there (``Object `x` not found.`` when there is none):
    the line never fails, so a finding on it is only worth reporting when its fix writes the
    name it asks about in 0.20 terms (``Repository?`` -> ``Client?``, ``?repo.get_pipeline`` ->
    ``?get_pipeline``); any other (no fix, or a fix that writes an expression) is left out, by
    the scan and by ``migrate code``'s own detections alike. ``rules``: code -> Rule."""
    out = []
    for f in findings:
        line = lines[f.span.line - 1] if 0 < f.span.line <= len(lines) else ""
        if HELP_MARK not in line or (f.fix is not None and _writes_a_name(rules.get(f.code))):
            out.append(f)
    return out


def _writes_a_name(rule) -> bool:
    """The rule's fix puts a (dotted) name where it matched: a rename, or a method of the
    client that became a function (``post_execution`` with ``to``)."""
    if rule is None:
        return False
    return rule.codemod == "renames:RenameSymbols" or (rule.codemod == "post_execution:PostExecution" and rule.arg("to") is not None)


def _escape_at(line: str) -> Optional[Tuple[str, int]]:
    """``(kind, column of the shell text)`` when the line (at a statement start) is an IPython
    escape: ``"!"``/``"!!"`` (shell, column after the bang), ``"%"`` (a magic), ``"?"`` (help)."""
    stripped = line.lstrip(" \t")
    if not stripped.strip():
        return None
    indent = len(line) - len(stripped)
    ch = stripped[0]
    if ch == "!":
        bang = 2 if stripped.startswith("!!") else 1
        return ("!!" if bang == 2 else "!"), indent + bang
    if ch == "%":
        rest = stripped[1:].lstrip("%")
        name = re.match(r"\w*", rest).group(0)
        if name in ("sx", "system"):
            return "!", _text_after(line, indent + (len(stripped) - len(rest)) + len(name))
        if name in INSTALL_MAGICS and not stripped.startswith("%%"):
            return "!", indent + 1  # ``%pip install ...``: a command line from ``pip`` on (its requirements are read)
        module = _RUN_ZENML.match(stripped) if name == "run" else None
        if module is not None:  # ``%run -m zenml ARGS``: IPython runs the module zenml with ARGS, as ``zenml ARGS``
            return "!", indent + module.start(1)
        return "%", indent
    if ch in "?/;,":
        return "?", indent
    if not stripped.startswith("#") and (_HELP_END.match(line) or (not _QUOTE_OR_COMMENT.search(stripped) and _HELP_END_ANY.search(stripped))):
        return "?", indent
    assign = _escape_assignment(stripped)
    if assign is not None:
        kind, at = assign
        return kind, indent + at
    return None


_RUN_ZENML = re.compile(r"%run(?:[ \t]+-[nieG])*[ \t]+-m[ \t]+(zenml)(?=[ \t]|\r?$)")


def _text_after(line: str, col: int) -> int:
    """Column of the first non-blank character at or after ``col``."""
    return col + len(line[col:]) - len(line[col:].lstrip(" \t"))


def _escape_assignment(stripped: str) -> Optional[Tuple[str, int]]:
    """``x = !cmd`` / ``x = %magic``: the first ``=`` outside brackets followed by ``!``/``%``."""
    if "=" not in stripped or stripped.startswith("#"):
        return None
    depth = 0
    i = 0
    n = len(stripped)
    while i < n:
        ch = stripped[i]
        if ch == "#":
            return None  # a comment before any ``=``
        if ch in "'\"":  # a string (``x['k'] = !ls``): skip it
            end = _string_end(stripped, i + 1, ch)
            if end < 0:
                return None
            i = end
            continue
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(0, depth - 1)
        elif ch == "=" and depth == 0:
            if i == 0 or stripped[i - 1] in "=<>!+-*/%&|^@:" or stripped[i + 1 : i + 2] == "=":
                return None
            rest = stripped[i + 1 :]
            value = rest.lstrip(" \t")
            if value.startswith("!"):
                at = i + 1 + (len(rest) - len(value))
                bang = 2 if value.startswith("!!") else 1
                return "!", at + bang
            magic = re.match(r"%%?(\w+)", value)
            if magic:
                if magic.group(1) in ("sx", "system"):
                    return "!", _text_after(stripped, i + 1 + (len(rest) - len(value)) + magic.end())
                return "%", 0
            return None
        i += 1
    return None


def _python_state(line: str, quote: Optional[str], depth: int) -> Tuple[Optional[str], int, bool]:
    """(open string quote, bracket depth, backslash-continued) after ``line``."""
    i = 0
    n = len(line)
    while i < n:
        if quote is not None:
            end = _string_end(line, i, quote)
            if end < 0:
                if len(quote) == 1 and not line.rstrip("\r").endswith("\\"):
                    quote = None  # an unterminated one-line string: a syntax error, not our business
                return quote, depth, quote is not None and len(quote) == 1
            i = end
            quote = None
            continue
        m = _PLAIN.match(line, i)
        if m:
            i = m.end()
            if i >= n:
                break
        ch = line[i]
        if ch == "#":
            break
        if ch in "'\"":
            q = line[i : i + 3] if line[i : i + 3] in ("'''", '"""') else ch
            quote = q
            i += len(q)
            continue
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(0, depth - 1)
        elif ch == "\\":
            i += 2
            continue
        i += 1
    continued = quote is None and line.rstrip("\r").endswith("\\") and "#" not in line[line.rfind("\\") :]
    return quote, depth, continued


def _string_end(line: str, i: int, quote: str) -> int:
    """Index just after the closing ``quote`` from ``i``, or -1 when the line does not close it."""
    n = len(line)
    while i < n:
        ch = line[i]
        if ch == "\\":
            i += 2
            continue
        if line.startswith(quote, i):
            return i + len(quote)
        i += 1
    return -1


def _automagic(cell: CodeCell) -> None:
    """A one-line cell like ``pip install zenml`` (IPython runs it as ``%pip``): masked when
    it is not Python and its first word is a line magic or alias."""
    real = [i for i, line in enumerate(cell.lines) if line.strip()]
    if len(real) != 1 or real[0] in cell.masked:
        return
    line = cell.python[real[0]]
    word = re.match(r"[ \t]*(\w+)", line)
    if word is None or word.group(1) not in AUTOMAGICS:
        return
    try:
        ast.parse(line.strip())
    except SyntaxError:
        _mask(cell, real[0], real[0])
        if word.group(1) in INSTALL_MAGICS:  # ``pip install zenml==0.13.2``: its requirements are read
            i = real[0]
            col = len(line) - len(line.lstrip(" \t")) + cell.column_shift(i + 1)
            cell.shell.append(ShellText(cell.lines[i][col:].rstrip("\r"), i + 1, col + 1, "python"))
