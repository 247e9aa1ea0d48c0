"""What a notebook's ``%run FILE`` lines bring in (``CodeCell.runs``, read by ``notebook._run_line``).

IPython runs FILE with the kernel's working directory, the notebook's folder, as the base of a
relative path (``get_py_filename``: the path as written, else with ``.py`` added), and copies the
names it binds into the notebook's namespace; a notebook (``.ipynb``) or an IPython script
(``.ipy``) runs its cells in that namespace. So the rules read the line as ``from MODULE import
*`` of the file it names, found by its path (not by a module name ending like it, review27 P13):

* a scanned ``.py`` file whose module name is a dotted name: that module (``tools.runs``);
* a scanned ``.py`` file named otherwise (``my-helpers.py``) and a notebook: a module of the
  notebook's own context, ``migrate_run_file_N``, holding the file's cross-file facts (for a
  notebook: what its cells bind, read here);
* anything else (``$var``, a file that does not exist, one the scan does not cover): nothing,
  and ZM262 (``rules/notebooks.py``) says that the names it binds were not checked.
"""

import os
import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Set, Tuple

RUN_MODULE = "migrate_run_file_"  # + a number: the module a file named otherwise is read as


@dataclass
class RunTarget:
    """A ``%run`` line and what the scan reads it as."""

    cell: int  # the cell's number
    index: int  # 0-based line in the cell
    word: Optional[str]  # FILE as IPython takes it (None: expanded first)
    path: str = ""  # the file it names, as the scan shows paths ("": none)
    module: str = ""  # the module it is read as ("": not read)
    real: str = ""  # a ``.py`` file's project module name (``module`` unless that is no dotted name)
    unread: str = ""  # why its names are not read


def resolve(nb, path: str, modules: Set[str]) -> List[RunTarget]:
    """Read each ``%run`` line of ``nb`` (the notebook at ``path``) as an import of the file it
    runs (``cell.python`` rewritten); ``modules``: the project's module names. Each line's target."""
    from zenml_migrate.scan.notebook import RUN_MASK

    out: List[RunTarget] = []
    folder = os.path.dirname(path)
    written = _written_modules(nb)
    for cell in nb.cells:
        for i, word in sorted(cell.runs.items()):
            target = RunTarget(cell.number, i, word)
            out.append(target)
            if word is None:
                target.unread = "IPython expands `$name`/`{expr}` in it first"
                continue
            name = os.path.normpath(word)
            own = written.get(name, written.get(name + ".py"))
            if own is not None:  # a file a ``%%writefile`` cell of the notebook writes (``notebook_root.writefile_facts``)
                target.module = target.real = own
            else:
                found = _file(os.path.join(folder, os.path.expanduser(word)))
                if found is None:
                    target.unread = "no such file next to the notebook"
                    continue
                _read_as(target, found, modules, len(out))
            if not target.module:
                continue
            cr = "\r" if cell.lines[i].endswith("\r") else ""
            cell.python[i] = f"from {target.module} import *{RUN_MASK}{i}{cr}"
    return out


def _written_modules(nb) -> Dict[str, str]:
    """``{file: module}`` of the ``%%writefile x.py`` cells of the notebook (in its folder)."""
    out = {}
    for cell in nb.cells:
        if cell.script is not None and cell.magic in ("writefile", "file"):
            name = os.path.normpath(cell.lines[cell.script - 1].split()[-1].strip("'\""))
            if name.endswith(".py") and "/" not in name and name[:-3].isidentifier():
                out[name] = name[:-3]
    return out


def _file(name: str) -> Optional[str]:
    """IPython's ``get_py_filename``: the path, else with ``.py`` added."""
    name = os.path.normpath(name)
    if os.path.isfile(name):
        return name
    if not name.endswith(".py") and os.path.isfile(name + ".py"):
        return name + ".py"
    return None


def _module_of(path: str, modules: Set[str]) -> Optional[str]:
    """The project module of the file at ``path``: the longest dotted tail of its path that is a
    module name of the scan (``discovery.module_name_for`` names a file by its path from the
    folder scanned, and every tail of that is a known name)."""
    stem, ext = os.path.splitext(os.path.abspath(path))
    if ext not in (".py", ".pyw"):
        return None
    parts = stem.split(os.sep)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    for k in range(1, len(parts)):
        name = ".".join(parts[k:])
        if name in modules:
            return name
    return None


def _dotted(module: str) -> bool:
    import keyword

    return all(p.isidentifier() and not keyword.iskeyword(p) for p in module.split("."))


def facts(targets: List[RunTarget], project: Dict[str, str], read_notebook_facts) -> Tuple[Dict[str, str], Set[str]]:
    """The cross-file facts of the ``migrate_run_file_N`` modules (and their names): a ``.py``
    file's from ``project`` (its module's keys), a notebook's from ``read_notebook_facts(path)``
    (its module-level names' facts, None when it cannot be read)."""
    out: Dict[str, str] = {}
    names: Set[str] = set()
    for target in targets:
        if not target.module.startswith(RUN_MODULE):
            continue
        names.add(target.module)
        if target.path.endswith(".ipynb"):
            exports = read_notebook_facts(target.path) or {}
        else:
            prefix = f"{target.real}."
            exports = {k[len(prefix) :]: v for k, v in project.items() if k.startswith(prefix)}
        out.update((f"{target.module}.{k}", v) for k, v in exports.items())
    return out, names



def used_facts(targets: List[RunTarget], used: Dict[str, str]) -> Dict[str, str]:
    """The notebook's ``USED_MARK`` facts (``Detector.used_facts``) with the names of the
    ``migrate_run_file_N`` modules of ``.py`` files as their project modules' (the file's fix
    keeps a name the notebook uses: ``tests/test_run_file_names_kept.py``)."""
    renamed = {f"{t.module}.": f"{t.real}." for t in targets if t.real and t.module != t.real}
    if not renamed:
        return used
    def real(name: str) -> str:
        head = name[: name.find(".") + 1]
        return renamed[head] + name[len(head) :] if head in renamed else name

    return {real(key): real(value) for key, value in used.items()}


# a notebook exported from Databricks as ``.py`` keeps a ``%run`` cell as ``# MAGIC %run ./other``: Databricks
# runs the other notebook (``other.py`` in that format, or ``other.ipynb``) in the caller's context
DATABRICKS_HEADER = "# Databricks notebook source"
_DATABRICKS_RUN = re.compile(r"^# MAGIC %run[ \t]+(?P<path>\S+)[ \t]*\r?$", re.M)


def databricks_runs(path: str, text: str, modules: Set[str]) -> Tuple[str, List[RunTarget]]:
    """``text`` of the Databricks notebook source at ``path`` with each ``# MAGIC %run PATH``
    line read as ``from MODULE import *`` (the comment kept after it), and each line's target."""
    if not text.startswith((DATABRICKS_HEADER, "\ufeff" + DATABRICKS_HEADER)) or "# MAGIC %run" not in text:  # (every module: no copy)
        return text, []
    folder = os.path.dirname(path)
    targets: List[RunTarget] = []
    lines = text.split("\n")
    for i, line in enumerate(lines):
        m = _DATABRICKS_RUN.match(line)
        if m is None:
            continue
        word = m.group("path")
        target = RunTarget(0, i, word)
        targets.append(target)
        name = os.path.normpath(os.path.join(folder, word))
        found = next((n for n in (name, name + ".py", name + ".ipynb") if os.path.isfile(n)), None)
        if found is None:
            target.unread = "no such notebook next to this one"
            continue
        _read_as(target, found, modules, len(targets))
        if target.module:
            lines[i] = f"from {target.module} import *  {line}"
    return "\n".join(lines), targets


def not_read(path: str, nb, detector, rule) -> list:
    """A finding of ``rule`` on each ``%run`` line of ``nb`` (``Notebook.runs``) whose file is not
    read, in the coordinates of the module ``detector`` read: the notebook's cells, or the fixer's
    rewrite of them (its ``k``-th cell marker is the ``k``-th cell without an error; a rewrite
    adds lines, never changes the line the rules see for a magic: found at or after its place)."""
    from zenml_migrate.findings import Finding, Span
    from zenml_migrate.scan.notebook import CELL_LINE

    unread = [t for t in nb.runs if t.unread]
    if not unread:
        return []
    good = [c for c in nb.cells if c.error is None]
    starts = [i for i, text in enumerate(detector.lines) if CELL_LINE.match(text)]
    out = []
    for k, cell in enumerate(good[: len(starts)]):
        end = starts[k + 1] if k + 1 < len(starts) else len(detector.lines)
        at = starts[k] + 1
        for target in sorted((t for t in unread if t.cell == cell.number), key=lambda t: t.index):
            seen = cell.python[target.index].rstrip("\r")
            at = next((i for i in range(max(at, starts[k] + 1 + target.index), end) if detector.lines[i].rstrip("\r") == seen), None)
            if at is None:
                break
            word = f"`{target.word}`" if target.word is not None else "its file"
            out.append(Finding(path, Span(at + 1, 1, at + 1, 1), rule.code, f"{rule.message} ({word}: {target.unread})", rule.fix_value))
            at += 1
    return out


def _read_as(target: RunTarget, found: str, modules: Set[str], number: int) -> None:
    """Set what ``target`` (its file ``found``) is read as, or why it is not read."""
    target.path = found
    if found.endswith(".ipy"):
        target.unread = "an IPython script: not read"
    elif found.endswith(".ipynb"):
        target.module = f"{RUN_MODULE}{number}"
    else:
        module = _module_of(found, modules)
        if module is None:
            target.unread = "not among the scanned files"
        elif module.split(".")[0] != "zenml":
            target.real = module
            target.module = module if _dotted(module) else f"{RUN_MODULE}{number}"
