"""Where a file names a YAML run config: a per-file fact of the scan.

The 0.13.2 way, ``zenml pipeline run FILE.py -c CONFIG`` (a shell script, Makefile, CI workflow,
Markdown block, notebook ``!`` line) or ``pipeline.with_config("CONFIG")`` in Python, and the
0.20 way, ``pipeline.run(config_path="CONFIG")`` (``NEW_READER``): the scan records
``(line, how, config as written)`` for every file it reads (``FileResult.config_refs``, kept
in the results cache; a file the prefilter passes over can only hold ``with_config``), and
``migrate/fix/run_config_users.py`` decides from these facts which configs keep their 0.13.2
keys, without reading any file again. Command lines are split by the command scan's lexer
(``command_lines.split_commands``); a notebook's cells are those of the scan's notebook model
(``scan/notebook.Notebook``: the scan passes the one it read, its JSON is not parsed twice).
"""

import ast
from typing import List, Optional, Tuple


Ref = Tuple[object, str, str]  # (line, or "cell N:line" in a notebook; how; the config path as written)

# what a line must hold to be a candidate (cheap test before the lexer/ast)
_CLI_WORDS = ("zenml", "pipeline", "run")
PYTHON_CALL = "with_config"
# ``pipeline.run(config_path="CONFIG")``: how the ref of the 0.20 reader is named (it rejects the 0.13.2 keys)
CONFIG_PATH = "config_path"
NEW_READER = "run(config_path=)"
PYTHON_WORDS = (PYTHON_CALL, CONFIG_PATH)
# what a run-config finding carries (``Finding.fix_args``) when its document is in the shape
# ``zenml pipeline run FILE -c CONFIG`` reads (``yaml_scan.cli_reads``): ZenML 0.20 still runs such a
# file with that command, so its keys stay unless a ``run(config_path=)`` reads it
CLI_SHAPE = "cli_shape"


def _has_python_word(data: bytes) -> bool:
    return any(w.encode() in data for w in PYTHON_WORDS)


def config_refs(kind: str, data: bytes, notebook=None) -> Tuple[Ref, ...]:
    """The run-config references in the bytes of a file of ``kind`` (none in a YAML file).
    ``notebook``: the ``Notebook`` the scan read from ``data`` (else it is read here)."""
    if kind in ("yaml", "zen_config"):
        return ()
    if kind == "py":
        if not _has_python_word(data):
            return ()
        return tuple(python_refs(as_text(data)))
    if not _has_python_word(data) and not (b"pipeline" in data and b"run" in data):
        return ()  # neither a ``with_config``/``run(config_path=)`` call nor a ``zenml pipeline run`` line
    if kind == "ipynb":
        return tuple(notebook_refs(data if notebook is None else notebook))
    return tuple(command_refs(as_text(data).splitlines()))


def plain_config_refs(kind: str, data: bytes) -> Tuple[Ref, ...]:
    """``config_refs`` of a file without ``zenml`` (the scan's prefilter passes over it): only a
    Python file or a notebook calling ``with_config`` or ``run(config_path=)`` can hold one."""
    return config_refs(kind, data) if kind in ("py", "ipynb") and _has_python_word(data) else ()


def as_text(data: bytes) -> str:
    """A file's text as ``config_refs`` reads it."""
    return data.decode("utf-8", "replace")


def _logical_lines(lines: List[str]):
    """``(first line number, text)`` with backslash continuations joined, as a shell reads them."""
    i = 0
    while i < len(lines):
        start, text = i + 1, lines[i]
        while text.rstrip().endswith("\\") and i + 1 < len(lines):
            i += 1
            text = text.rstrip()[:-1] + " " + lines[i]
        yield start, text
        i += 1


def command_refs(lines: List[str]) -> List[Ref]:
    """``(line, how, config)`` for each ``zenml pipeline run ... -c/--config CONFIG``."""
    out = []
    for i, raw in _logical_lines(lines):
        if not all(w in raw for w in _CLI_WORDS):
            continue
        from zenml_migrate.scan.command_lines import split_commands  # the lexer only for such a line (a one-file scan)
        line = raw.strip().lstrip("!").lstrip("- ").strip()
        for command in split_commands(line):
            words = [w.value for w in command]
            for j in range(len(words) - 2):
                if words[j].endswith("zenml") and words[j + 1 : j + 3] == ["pipeline", "run"]:
                    config = _option_value(words[j + 3 :], ("-c", "--config"))
                    if config:
                        out.append((i, "zenml pipeline run -c", config))
    return out


def _option_value(words: List[str], names) -> Optional[str]:
    for k, word in enumerate(words):
        if word in names and k + 1 < len(words):
            return words[k + 1]
        for name in names:
            if name.startswith("--") and word.startswith(name + "="):
                return word[len(name) + 1 :]
    return None


def python_refs(text: str, tree: Optional[ast.Module] = None) -> List[Ref]:
    """``(line, how, config)`` for ``x.with_config("config.yaml", ...)`` and
    ``x.run(config_path="config.yaml")``. ``tree``: ``text`` parsed (every module-level statement
    that spells one of ``PYTHON_WORDS`` at least: the scan's, ``file_scan.python_config_refs``),
    else it is parsed here."""
    if not any(w in text for w in PYTHON_WORDS):
        return []
    if tree is None:
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError, RecursionError):
            return []
    out = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "with_config"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            out.append((node.lineno, "with_config", node.args[0].value))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "run":
            path = next((k.value for k in node.keywords if k.arg == CONFIG_PATH), None)
            if isinstance(path, ast.Constant) and isinstance(path.value, str):
                out.append((node.lineno, NEW_READER, path.value))
    return out


def notebook_refs(notebook) -> List[Ref]:
    """The run config references in a notebook's cells (every cell, code and markdown), read and
    numbered as the scan reads them: ``notebook`` is the scan's ``Notebook`` (nbformat 1-4, the
    worksheets of nbformat 2/3, every cell counted), or the bytes of one, read by the scan's
    ``read_notebook``; a notebook that is not one (the scan says so with a ZM001) has none."""
    from zenml_migrate.scan.notebook import cell_source_key, cell_text, read_notebook
    from zenml_migrate.scan.sources import SourceError

    if isinstance(notebook, (bytes, str)):
        try:
            notebook = read_notebook(notebook)
        except (ValueError, AttributeError, RecursionError, SourceError):
            return []
    nb = notebook.data
    out = []
    for n, cell in enumerate(notebook.raw_cells, 1):
        source = cell.get(cell_source_key(cell), "") if isinstance(cell, dict) else ""
        if isinstance(source, list):
            source = cell_text(source, nb) if all(isinstance(x, str) for x in source) else ""
        elif not isinstance(source, str):
            source = ""
        for line, how, value in command_refs(source.splitlines()) + python_refs(source):
            out.append((f"cell {n}:{line}", how, value))
    return out
