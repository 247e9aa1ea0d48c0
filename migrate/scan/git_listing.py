"""The two ``git ls-files`` listings discovery asks of a folder inside a git work tree, and
their early start.

A cold scan of a big tree waits for ``git ls-files`` (~60 ms wall on 20,000 files) after
Python has imported the command line and the scan engine (~70-90 ms), one core idle all that
time. ``start_early`` (the process entry, ``migrate/start.py``, before those imports) starts
the listings of the folders a ``migrate scan`` / ``migrate code`` command line names, so git
lists the tree on another core meanwhile; ``listing`` hands discovery that process when it asks
for the same folder from the same working directory, else starts git itself, as before. The
early start is only a guess from the command line: the same command, folder and environment,
so the files listed are the same (nothing is written before discovery). A command line it
does not fully understand (an option it does not know, ``--help``, stdin) gets no early start.
"""

import os
from typing import Dict, List, Optional, Sequence, Tuple

FILES = ("ls-files", "-z", "--cached", "--others", "--exclude-standard")  # tracked and untracked
IGNORED = ("ls-files", "-z", "--others", "--ignored", "--exclude-standard", "--directory")  # what git ignores
TIMEOUT = 120

_COMMANDS = ("scan", "code")
_ROOT_FLAGS = frozenset({"-v", "--verbose"})
# options of ``scan`` / ``code`` (migrate/cli.py, migrate/fix/command.py): without a value, with one
_FLAGS = frozenset({
    "-v", "--verbose", "-q", "--quiet", "--statistics", "--exit-zero", "--no-cache", "--fix", "--diff", "--check",
    "--unsafe-fixes",
})
_VALUED = frozenset({
    "--format", "--output", "-o", "--select", "--ignore", "--extend-select", "--exclude", "--extend-exclude",
    "--stdin-filename", "--cache-dir", "--workers", "--config", "--color", "--target", "--experiment-tracker",
})

_early: Dict[Tuple[str, str, Tuple[str, ...]], object] = {}  # (cwd, folder, git arguments) -> Popen


def folders_named(argv: Sequence[str]) -> List[str]:
    """The folders a ``scan``/``code`` command line (``argv`` without the program) scans, as
    spelled (no path: ``.``); [] for any other command line or one with an option not known here."""
    i = 0
    while i < len(argv) and argv[i] in _ROOT_FLAGS:
        i += 1
    if i >= len(argv) or argv[i] not in _COMMANDS:
        return []
    args, paths, j = argv[i + 1 :], [], 0
    while j < len(args):
        arg = args[j]
        if arg == "--":
            paths.extend(args[j + 1 :])
            break
        if arg.startswith("-") and arg != "-":
            name, eq, _ = arg.partition("=")
            if name in _VALUED:
                j += 1 if eq else 2
                continue
            if arg in _FLAGS:
                j += 1
                continue
            return []
        paths.append(arg)
        j += 1
    if "-" in paths or "" in paths:
        return []
    return [p for p in paths or ["."] if os.path.isdir(p)]


def start_early(argv: Sequence[str]) -> None:
    """Start the listings of the folders ``argv`` names (see the module doc)."""
    for folder in folders_named(argv):
        cwd = os.getcwd()
        for args in (IGNORED, FILES):
            key = (cwd, folder, args)
            if key not in _early:
                proc = _start(folder, args)
                if proc is None:
                    return
                _early[key] = proc


def listing(root: str, args: Tuple[str, ...]):
    """The running ``git -C root <args>`` (started early, else now); None when git cannot run."""
    try:
        cwd = os.getcwd()
    except OSError:
        cwd = None
    proc = _early.pop((cwd, root, args), None) if cwd is not None else None
    return proc if proc is not None else _start(root, args)


def output(proc) -> Optional[List[str]]:
    """The NUL-separated names ``proc`` printed, or None when it failed or took too long."""
    import subprocess

    if proc is None:
        return None
    try:
        out, _ = proc.communicate(timeout=TIMEOUT)
    except subprocess.SubprocessError:
        proc.kill()
        proc.communicate()
        return None
    if proc.returncode != 0:
        return None
    return [f for f in out.decode("utf-8", "surrogateescape").split("\0") if f]


def _start(root: str, args: Tuple[str, ...]):
    if not in_a_repository(root):
        return None
    import subprocess

    try:
        return subprocess.Popen(["git", "-C", root, *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return None



def submodules(root: str) -> List[str]:
    """The submodule folders of the work tree ``root`` is in, relative to ``root`` (those below
    it), from the ``.gitmodules`` file at the top of the work tree (``path = vendor/shared``
    lines; [] when there is none). ``git ls-files`` lists a submodule as one entry, like a file,
    and cannot list its files with ``--others``."""
    top = work_tree_top(root)
    if top is None:
        return []
    from zenml_migrate.safe_read import MB, read_regular

    try:
        text = read_regular(os.path.join(top, ".gitmodules"), MB).decode("utf-8", "replace")
    except OSError:  # none, a FIFO or device, larger than 1 MiB
        return []
    out = []
    real_root = os.path.realpath(root)
    for line in text.splitlines():
        key, eq, value = line.strip().partition("=")
        if not eq or key.strip() != "path" or not value.strip():
            continue
        rel = os.path.relpath(os.path.join(top, value.strip().strip('"')), real_root).replace(os.sep, "/")
        if rel != "." and not rel.startswith("../"):
            out.append(rel)
    return out


def work_tree_top(root: str, real: bool = False) -> Optional[str]:
    """The real path of the nearest folder at or above ``root`` holding ``.git`` (None: none).
    ``real``: ``root`` is a real path already."""
    folder = root if real else os.path.realpath(root)
    while True:
        if os.path.lexists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def in_a_repository(root: str) -> bool:
    """Can git find a repository for the folder ``root``? False only when it certainly cannot: no
    ``GIT_DIR`` or ``GIT_WORK_TREE`` in the environment, and no ``.git`` (folder or file) in
    ``root`` or any folder above it, walked up through ``..`` as git does (the real parents, not
    those a symbolic link's spelling shows). Then no ``git`` process is started only to fail: a
    scan of a folder outside any work tree started two (about 3 ms of CPU)."""
    if "GIT_DIR" in os.environ or "GIT_WORK_TREE" in os.environ:
        return True
    folder = root
    try:
        here = os.stat(folder)
        while True:
            if os.path.lexists(os.path.join(folder, ".git")):
                return True
            folder = os.path.join(folder, os.pardir)
            parent = os.stat(folder)
            if (parent.st_dev, parent.st_ino) == (here.st_dev, here.st_ino):  # the root
                return False
            here = parent
    except OSError:  # a folder that cannot be looked at: git decides
        return True
