""".gitignore rules for folders that are not git work trees (git itself answers otherwise)."""

import os
from typing import Dict, List, Tuple

import pathspec


class GitIgnore:
    def __init__(self, root: str):
        self.root = root
        self.specs: List[Tuple[str, pathspec.PathSpec]] = []
        self._loaded: Dict[str, bool] = {}

    def load(self, rel_dir: str) -> None:
        if rel_dir in self._loaded:
            return
        self._loaded[rel_dir] = True
        path = os.path.join(self.root, rel_dir, ".gitignore")
        try:
            with open(path, encoding="utf-8", errors="replace") as fh:
                spec = pathspec.PathSpec.from_lines("gitwildmatch", fh)
        except OSError:
            return
        self.specs.append((rel_dir, spec))

    def ignored(self, rel: str, is_dir: bool) -> bool:
        for base, spec in self.specs:
            if base and not rel.startswith(base + "/"):
                continue
            sub = rel[len(base) + 1 :] if base else rel
            if spec.match_file(sub + "/" if is_dir else sub):
                return True
        return False
