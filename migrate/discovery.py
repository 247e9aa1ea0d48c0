"""Which files to look at: explicit files, folders walked with .gitignore honoured,
virtualenvs and build folders skipped, config ``exclude`` patterns applied."""

import fnmatch
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, List, Optional, Sequence, Tuple

from zenml_migrate.scanner import FileJob

SKIP_DIRS = {
    ".git", ".hg", ".svn", ".bzr", ".venv", "venv", ".env", "env", "virtualenv", "__pycache__", "build",
    "dist", "node_modules", ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", "site-packages",
    ".ipynb_checkpoints", ".eggs", ".zenml-migrate-cache", ".direnv", "__pypackages__",
}
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass
class Discovered:
    jobs: List[FileJob]
    errors: List[Tuple[str, str]]  # (path, message) for arguments that do not exist / cannot be read


def kind_of(path: str) -> Optional[str]:
    name = path.replace("\\", "/")
    if name.endswith(".py"):
        return "py"
    if name.endswith(".ipynb"):
        return "ipynb"
    if name.endswith("/.zen/config.yaml") or name == ".zen/config.yaml":
        return "zen_config"
    if name.endswith(YAML_SUFFIXES):
        return "yaml"
    return None


def _excluded(rel: str, patterns: Sequence[str]) -> bool:
    rel = rel.replace("\\", "/").lstrip("./") if rel.startswith("./") else rel.replace("\\", "/")
    parts = rel.split("/")
    for pat in patterns:
        pat = pat.rstrip("/")
        if fnmatch.fnmatch(rel, pat) or fnmatch.fnmatch(rel, pat + "/*"):
            return True
        if "/" not in pat and any(fnmatch.fnmatch(p, pat) for p in parts):
            return True
    return False


def _is_virtualenv(dirpath: str) -> bool:
    return os.path.exists(os.path.join(dirpath, "pyvenv.cfg"))


def _git_files(root: str) -> Optional[List[str]]:
    """Files git would not ignore (tracked + untracked), or None when not in a git work tree."""
    try:
        out = subprocess.run(
            ["git", "-C", root, "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            capture_output=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if out.returncode != 0:
        return None
    files = [f for f in out.stdout.decode("utf-8", "surrogateescape").split("\0") if f]
    return [f for f in files if os.path.lexists(os.path.join(root, f))]


def _walk(root: str) -> Iterable[str]:
    """Files below root (relative paths), without following directory symlinks."""
    git = _git_files(root)
    if git is not None:
        for rel in git:
            parts = rel.split("/")
            if any(p in SKIP_DIRS or p.endswith(".egg-info") for p in parts[:-1]):
                continue
            yield rel
        return
    from zenml_migrate.gitignore import GitIgnore

    ignore = GitIgnore(root)
    for dirpath, dirnames, filenames in os.walk(root):
        rel_dir = os.path.relpath(dirpath, root)
        rel_dir = "" if rel_dir == "." else rel_dir.replace(os.sep, "/")
        ignore.load(rel_dir)
        keep = []
        for d in dirnames:
            rel = f"{rel_dir}/{d}" if rel_dir else d
            if d in SKIP_DIRS or d.endswith(".egg-info") or _is_virtualenv(os.path.join(dirpath, d)):
                continue
            if ignore.ignored(rel, is_dir=True):
                continue
            keep.append(d)
        dirnames[:] = sorted(keep)
        for f in sorted(filenames):
            rel = f"{rel_dir}/{f}" if rel_dir else f
            if not ignore.ignored(rel, is_dir=False):
                yield rel


def module_name_for(root: str, rel: str) -> Tuple[str, bool]:
    parts = rel[: -len(".py")].split("/") if rel.endswith(".py") else rel.split("/")
    is_package = parts[-1] == "__init__"
    if is_package:
        parts = parts[:-1]
    return ".".join(p for p in parts if p and p != "."), is_package


def discover(paths: Sequence[str], exclude: Sequence[str] = ()) -> Discovered:
    jobs: List[FileJob] = []
    errors: List[Tuple[str, str]] = []
    seen = set()
    for arg in paths:
        if not os.path.lexists(arg):
            errors.append((arg, "no such file or directory"))
            continue
        if os.path.isdir(arg):
            root = arg
            for rel in _walk(root):
                kind = kind_of(rel)
                if kind is None or _excluded(rel, exclude):
                    continue
                shown = os.path.normpath(os.path.join(root, rel)) if root not in (".", "./") else rel
                key = os.path.realpath(os.path.join(root, rel)) if os.path.islink(os.path.join(root, rel)) else os.path.abspath(shown)
                if key in seen:
                    continue
                seen.add(key)
                module, is_pkg = module_name_for(root, rel) if kind == "py" else ("", False)
                jobs.append(FileJob(shown, kind, module, is_pkg))
        else:
            kind = kind_of(arg) or ("py" if not Path(arg).suffix else None)
            if kind is None:
                continue
            if _excluded(os.path.normpath(arg), exclude):
                continue
            key = os.path.abspath(arg)
            if key in seen:
                continue
            seen.add(key)
            rel = os.path.normpath(arg).replace(os.sep, "/")
            module, is_pkg = module_name_for(".", rel) if kind == "py" else ("", False)
            jobs.append(FileJob(arg, kind, module, is_pkg))
    return Discovered(jobs, errors)


def project_modules(jobs: Sequence[FileJob]) -> set:
    """Every dotted suffix of every scanned module: ``a.b.c`` -> ``a.b.c``, ``b.c``, ``c``
    (and the packages above), so script-style and namespace-package imports resolve."""
    names = set()
    for job in jobs:
        if job.kind != "py" or not job.module_name:
            continue
        parts = job.module_name.split(".")
        for i in range(len(parts)):
            for j in range(i + 1, len(parts) + 1):
                names.add(".".join(parts[i:j]))
    return names
