"""Cross-file facts that do not depend on which files are passed.

``migrate scan a.py`` (pre-commit passes only the staged files) must report for ``a.py`` what
``migrate scan .`` reports for it, yet ``a.py`` may use a legacy step defined in ``steps.py``.
So when the paths given do not cover the project, the whole project is scanned (through the
results cache: a warm run only stats the files) and only the files asked for are reported.

The project root is the folder of the ``pyproject.toml`` the configuration came from, else the
git work tree the first path is in; without either (a copied folder, an unzipped example), the
current directory when every path is under it (like ruff), else the folder of the files given.
The home directory, the filesystem root and a folder listing more than FALLBACK_MAX_FILES
files are never taken as a guessed project.
"""

import dataclasses
import os
import subprocess
from typing import Dict, List, Optional, Sequence, Set, Tuple

from zenml_migrate.scan.discovery import Discovered, discover, kind_of

FALLBACK_MAX_FILES = 2000  # a project without pyproject.toml or git is an example, not a home folder


def find_root(paths: Sequence[str], config_path: Optional[str]) -> Optional[str]:
    """The project root to index for ``paths``, or None when the paths already cover it (one
    of them is the root or above it) or there is no project boundary."""
    real = [os.path.realpath(p) for p in paths if p != "-" and os.path.exists(p)]
    if not real:
        return None
    if config_path:
        root = os.path.dirname(os.path.realpath(config_path))
    else:
        root = _git_top(real[0] if os.path.isdir(real[0]) else os.path.dirname(real[0])) or _fallback_root(real)
    if root is None or any(_inside(root, p) for p in real):
        return None
    if not any(_inside(p, root) for p in real):
        return None  # the paths are not in this project: nothing to add
    return root


def package_root(paths: Sequence[str], config_path: Optional[str]) -> Optional[str]:
    """The folder of the project's ``pyproject.toml`` when the paths cover it (``find_root`` is
    None for them) and it is one package of a bigger git work tree (a monorepo with a
    ``pyproject.toml`` per package): the scan looks for the sibling packages its files import
    (``with_siblings``), as a scan of the whole work tree finds them. None otherwise: no
    ``git`` process is started for a project that is its own work tree."""
    if not config_path:
        return None
    root = os.path.dirname(os.path.realpath(config_path))
    real = [os.path.realpath(p) for p in paths if p != "-" and os.path.exists(p)]
    if not any(_inside(root, p) for p in real):
        return None
    from zenml_migrate.scan.git_listing import work_tree_top

    top = work_tree_top(root, real=True)
    return root if top is not None and top != root and _inside(root, top) else None


def _fallback_root(real: Sequence[str]) -> Optional[str]:
    """No pyproject.toml, no git: the current directory when it holds every path, else the
    folder the paths have in common."""
    cwd = os.path.realpath(os.getcwd())
    if all(_inside(p, cwd) for p in real) and _may_index(cwd):
        return cwd
    folder = os.path.commonpath([p if os.path.isdir(p) else os.path.dirname(p) for p in real])
    return folder if _may_index(folder) else None


def _may_index(folder: str) -> bool:
    """A guessed project: not the home directory, not /, and small enough to index on the way
    (``cd /tmp && migrate scan x/run.py`` must not scan all of /tmp)."""
    from zenml_migrate.scan.discovery import lists_at_most

    if folder in (os.path.realpath(os.path.expanduser("~")), os.path.realpath(os.sep)):
        return False
    return lists_at_most(folder, FALLBACK_MAX_FILES)


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _git_top(folder: str) -> Optional[str]:
    from zenml_migrate.scan.git_listing import in_a_repository

    if not in_a_repository(folder):  # no git process for nothing
        return None
    try:
        out = subprocess.run(["git", "-C", folder, "rev-parse", "--show-toplevel"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    top = out.stdout.strip()
    return os.path.realpath(top) if out.returncode == 0 and top else None


def widen(found: Discovered, root: str, exclude: Sequence[str], cache=None) -> Tuple[Discovered, Dict[str, str]]:
    """The jobs of the whole project (each requested file as the project sees it: module
    name from the root) plus the requested files it does not list; and, for every requested
    file, project path -> the path as the user spelled it."""
    shown_root = os.path.relpath(root)
    project = discover([shown_root], exclude)
    by_real = _twins(found.jobs, project.jobs)
    jobs: List = list(project.jobs) + sibling_packages(found.jobs, project.jobs, root, exclude, found.stamps, cache)
    shown: Dict[str, str] = {}
    for job in found.jobs:
        twin = by_real.get(os.path.realpath(job.path))
        if twin is None:
            jobs.append(job)  # not part of the project listing (git-ignored, no suffix): as given
            shown[job.path] = job.path
        else:
            shown[twin.path] = job.path
            if twin.kind != job.kind:
                # the project's root cut off the folder that says what the file is (``.circleci/``,
                # ``.github/workflows/`` when that folder is the root): its whole path says it
                kind = kind_of(os.path.realpath(job.path))
                if kind is not None and kind != twin.kind:
                    jobs[jobs.index(twin)] = dataclasses.replace(twin, kind=kind)
    return Discovered(jobs, list(found.errors)), shown


def with_siblings(found: Discovered, root: str, exclude: Sequence[str], cache=None) -> Tuple[Discovered, Optional[Dict[str, str]]]:
    """``found`` (the whole project ``root``: ``package_root``) plus the sibling packages its
    Python files import (``sibling_packages``), and the paths to report: the project's own
    (None: no sibling package, nothing to cut)."""
    extra = sibling_packages(found.jobs, found.jobs, root, exclude, found.stamps, cache)
    if not extra:
        return found, None
    shown = {job.path: job.path for job in found.jobs}
    extra = [job for job in extra if job.path not in shown]
    return dataclasses.replace(found, jobs=list(found.jobs) + extra), shown


def sibling_packages(asked: Sequence, listed: Sequence, root: str, exclude: Sequence[str], stamps=None, cache=None) -> List:
    """The jobs of the packages the ``asked`` Python files import from outside the project ``root``
    but inside its git work tree (a monorepo with a ``pyproject.toml`` per package: ``b_pkg/use.py``
    importing ``a_pkg`` of ``packages/a/src``), each module named from its package. Only the
    top-level names those files import that no ``listed`` module has are looked for, by one
    ``git ls-files`` of their package folders and module files. ``stamps`` and ``cache``: what
    ``imported_names`` reuses of the previous run."""
    from zenml_migrate.scan.git_listing import work_tree_top

    top = work_tree_top(root, real=True)
    if top is None or top == root:
        return []
    known = {part for job in listed for part in job.module_name.split(".") if part}
    wanted = sorted(imported_names(asked, stamps or {}, cache) - known)
    if not wanted:
        return []
    specs = [spec for name in wanted for spec in (f":(glob)**/{name}/__init__.py", f":(glob)**/{name}.py")]
    try:
        out = subprocess.run(["git", "-C", top, "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", *specs],
                             capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return []
    best: Dict[str, str] = {}  # name -> its shallowest folder or module file outside the project
    for rel in sorted(out.stdout.split("\0"), key=lambda r: (r.count("/"), r)) if out.returncode == 0 else []:
        path = os.path.join(top, rel)
        if not rel or _inside(path, root):
            continue
        name, place = (os.path.basename(os.path.dirname(rel)), os.path.dirname(path)) if rel.endswith("/__init__.py") or rel == "__init__.py" \
            else (os.path.basename(rel)[: -len(".py")], path)
        if name in wanted:
            best.setdefault(name, place)
    jobs: List = []
    for name, place in best.items():
        for job in discover([os.path.relpath(place)], exclude).jobs:
            module = name if os.path.isfile(place) else ".".join(p for p in (name, job.module_name) if p)
            jobs.append(dataclasses.replace(job, module_name=module))
    return jobs


_STDLIB = frozenset(getattr(__import__("sys"), "stdlib_module_names", ()))


def imported_names(jobs: Sequence, stamps: Dict[str, Tuple[int, int]], cache=None) -> Set[str]:
    """The top-level modules the Python files and notebooks of ``jobs`` import absolutely, but
    the standard library's, ``zenml`` and ``__future__``. A file whose stamp (``stamps``, else its
    ``stat``) is the one the results ``cache`` keeps its names for is not read (a warm folder scan
    of a package reads none); the names of the others are kept there."""
    from zenml_migrate.scan.read import parse_limit, read_file

    names: Set[str] = set()
    for job in jobs:
        if job.kind not in ("py", "ipynb"):
            continue
        stamp = stamps.get(job.path)
        if stamp is None:
            try:
                st = os.stat(job.path)
            except (OSError, ValueError):
                continue
            stamp = (st.st_mtime_ns, st.st_size)
        kept = cache.imports_of(job.path, stamp) if cache is not None else None
        if kept is None:
            if stamp[1] > parse_limit(job.kind):
                continue
            try:
                data = read_file(job.path)
            except (OSError, ValueError):
                continue
            kept = tuple(sorted(top_imports(_python_of(job.kind, data)) - _STDLIB - {"zenml", "__future__"}))
            if cache is not None:
                cache.put_imports(job.path, stamp, kept)
        names.update(kept)
    return names


def _python_of(kind: str, data: bytes) -> bytes:
    """The Python of a module (its bytes) or of a notebook (its code cells, as the scan reads
    them: magics masked; b"" when it is no notebook the scan reads)."""
    if kind != "ipynb":
        return data
    from zenml_migrate.scan.notebook import read_notebook
    from zenml_migrate.scan.sources import SourceError

    try:
        cells = read_notebook(data).cells
    except (SourceError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return b""
    return "\n".join(cell.python_text() for cell in cells).encode("utf-8", "surrogatepass")


def top_imports(data: bytes) -> Set[str]:
    """The top-level modules ``data`` (Python source) imports absolutely. Read from its lines
    that hold ``import`` (``cross_file.import_lines``), parsed without the rest: most files are
    read without a parse of the whole module. A piece Python does not take alone (a docstring's
    "important", ``else: import x``), or a file with a backslash continuation (``from a \\``
    then ``import b`` on the next line: that line alone parses, as another import), has the whole
    module parsed instead (when Python takes that)."""
    import ast

    from zenml_migrate.scan.cross_file import import_lines

    trees = None if b"\\\n" in data or b"\\\r" in data else _pieces_parsed(import_lines(data))
    if trees is None:
        try:
            trees = [ast.parse(data)]
        except (SyntaxError, ValueError, MemoryError, RecursionError):
            return set()
    names: Set[str] = set()
    for tree in trees:
        for statement in tree.body:  # (mostly the imports themselves: no walk of those)
            for node in (statement,) if isinstance(statement, (ast.Import, ast.ImportFrom)) else ast.walk(statement):
                if isinstance(node, ast.Import):
                    names.update(a.name.split(".")[0] for a in node.names)
                elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                    names.add(node.module.split(".")[0])
    return names


def _pieces_parsed(pieces: List[bytes]) -> Optional[List]:
    """The pieces parsed as one module, each with its first line's indentation dropped; None when
    that is not Python."""
    import ast

    try:
        return [ast.parse(b"\n".join(piece.lstrip() for piece in pieces))]
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None


def _twins(asked: Sequence, listed: Sequence) -> Dict[str, object]:
    """Real path -> the last job of ``listed`` with that real path, for the real paths of the
    ``asked`` jobs only. ``os.path.realpath`` is pure Python (an ``lstat`` and a join per path
    component): over every file of a 20,000-file project it cost about half a CPU-second of a
    one-file pre-commit scan. A listed file whose (device, inode) is none of the asked files'
    cannot have their real path; the others (the same file, another hard link to it, a file
    ``os.stat`` cannot read) have their real path compared, as before."""
    wanted = {os.path.realpath(j.path) for j in asked}
    ids = set()
    for real in wanted:
        try:
            st = os.stat(real)
        except (OSError, ValueError):
            continue
        ids.add((st.st_dev, st.st_ino))
    out: Dict[str, object] = {}
    for job in listed:
        try:
            st = os.stat(job.path)
        except (OSError, ValueError):
            st = None
        if st is not None and st.st_ino and (st.st_dev, st.st_ino) not in ids:
            continue
        real = os.path.realpath(job.path)
        if real in wanted:
            out[real] = job
    return out


def narrow(report, shown: Dict[str, str], errors: Sequence[str] = ()) -> None:
    """Keep only the requested files (and the paths that do not exist) in ``report``, under
    the names the user gave them. The project's module names stay those of the whole
    project (``migrate code`` resolves imports with them): ``report.modules`` reads
    ``report.project_jobs``, the jobs before the cut."""
    from zenml_migrate.findings import Finding

    given = set(errors)

    def rename(item):
        name = shown.get(item.path, item.path)
        return item if name == item.path else dataclasses.replace(item, path=name)

    report.findings = sorted((rename(f) for f in report.findings if f.path in shown), key=Finding.sort_key)
    report.diagnostics = sorted(
        (rename(d) for d in report.diagnostics if d.path in shown or d.path in given), key=lambda d: (d.path, d.line, d.column, d.message)
    )
    report.project_jobs = list(report.jobs)
    report.jobs = [rename(j) for j in report.jobs if j.path in shown]
    sources = getattr(report, "sources", None)
    if sources:
        report.sources = {shown[p]: data for p, data in sources.items() if p in shown}
    read_as = getattr(report, "read_as", None)  # the kind the scan read a file as: the fixer's too
    if read_as:
        report.read_as = {shown[p]: kind for p, kind in read_as.items() if p in shown}
    report.files_seen = len(shown)
