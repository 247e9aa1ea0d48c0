""".gitignore rules for folders that are not git work trees (inside one, ``git ls-files``
answers). The .gitignore files of the folder's parents count too, as in git: scanning
``pkg/`` honours the ``.gitignore`` next to it."""

import os
from typing import Dict, List, Optional, Tuple

from zenml_migrate.safe_read import read_regular


def _read_spec(path: str) -> Optional["pathspec.PathSpec"]:  # noqa: F821
    try:
        lines = read_regular(path).decode("utf-8", "replace").splitlines()  # a FIFO .gitignore is ignored, not waited on
    except OSError:
        return None
    import pathspec  # only for a folder that has a .gitignore (a pre-commit run on one file seldom does)

    # pathspec >= 0.12 names git's own semantics "gitignore"; older releases only "gitwildmatch"
    style = "gitignore" if "gitignore" in getattr(pathspec.util, "_registered_patterns", {}) else "gitwildmatch"
    return pathspec.PathSpec.from_lines(style, lines)


class GitIgnore:
    def __init__(self, root: str):
        self.root = root
        self.specs: List[Tuple[str, object]] = []  # (folder relative to root, pathspec.PathSpec)
        self.parents: List[Tuple[str, object]] = []  # (root relative to the parent + "/", pathspec.PathSpec)
        self._loaded: Dict[str, bool] = {}
        here = os.path.abspath(root)
        prefix = ""
        while True:
            parent = os.path.dirname(here)
            if parent == here:
                break
            prefix = os.path.basename(here) + "/" + prefix
            spec = _read_spec(os.path.join(parent, ".gitignore"))
            if spec is not None:
                self.parents.append((prefix, spec))
            if os.path.exists(os.path.join(parent, ".git")):
                break
            here = parent

    def load(self, rel_dir: str) -> None:
        if rel_dir in self._loaded:
            return
        self._loaded[rel_dir] = True
        spec = _read_spec(os.path.join(self.root, rel_dir, ".gitignore"))
        if spec is not None:
            self.specs.append((rel_dir, spec))

    def ignored(self, rel: str, is_dir: bool) -> bool:
        suffix = "/" if is_dir else ""
        for prefix, spec in self.parents:
            if spec.match_file(prefix + rel + suffix):
                return True
        for base, spec in self.specs:
            if base and not rel.startswith(base + "/"):
                continue
            sub = rel[len(base) + 1 :] if base else rel
            if spec.match_file(sub + suffix):
                return True
        return False
