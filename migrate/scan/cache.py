"""Per-file scan results, ruff-style: looked up by (path, mtime, size) first, so an unchanged
tree is re-scanned without reading a single file, and by content hash second (a file touched
by a checkout, or moved, is not analysed again).

One ``marshal`` file per (tool version, Python version, selected rules, tool sources), written
atomically: plain data only (marshal runs no code), faster to load than JSON, which matters
because a warm run is mostly this load and one stat per file. Layout:

* ``plain``: paths and stamps of files that do not mention zenml (most of a tree), as two
  parallel lists;
* ``results``: per zenml file ``s`` stamp, ``m`` kind + module name, ``h`` content hash,
  ``r`` the context-free result, ``f``/``fr`` the result with cross-file facts of digest ``f``;
* ``phase_b``: per phase-B search (a digest of the modules searched for), the plain files it
  matched; every other plain file known to the previous run did not match.
"""

import hashlib
import marshal
import os
import sys
from typing import Dict, Optional, Sequence, Set, Tuple

from zenml_migrate.findings import Diagnostic, FileResult, Finding

Stamp = Tuple[int, int]
FORMAT = 2


def cache_salt(codes: Sequence[str]) -> str:
    """Tool version, Python version, selected rules and the mtimes of everything that decides
    a scan result: the scan package, the findings model, the rules and their data."""
    import zenml_migrate
    from zenml_migrate import rules, scan

    h = hashlib.blake2b(digest_size=8)
    h.update(zenml_migrate.__version__.encode())
    h.update(sys.version.encode())
    h.update(",".join(codes).encode())
    files = [os.path.join(p, "findings.py") for p in zenml_migrate.__path__]
    folders = list(scan.__path__) + list(rules.__path__) + [os.path.join(p, "data") for p in rules.__path__]
    for folder in folders:
        try:
            files += [os.path.join(folder, n) for n in sorted(os.listdir(folder)) if n.endswith((".py", ".json"))]
        except OSError:
            continue
    for path in files:
        h.update(path.encode())
        try:
            h.update(str(os.stat(path).st_mtime_ns).encode())
        except OSError:
            pass
    return h.hexdigest()


class ResultCache:
    PLAIN = object()  # by_stamp(): the file is known not to mention zenml

    def __init__(self, directory: str, salt: str):
        self.directory = directory
        self.file = os.path.join(directory, f"scan-{salt}.marshal")
        self.plain: Dict[str, Stamp] = {}
        self.entries: Dict[str, dict] = {}
        self.searches: Dict[str, Set[str]] = {}
        try:
            with open(self.file, "rb") as fh:
                data = marshal.load(fh)
            if isinstance(data, dict) and data.get("format") == FORMAT:
                self.plain = dict(zip(data["plain_paths"], data["plain_stamps"]))
                self.entries = data["results"]
                self.searches = {k: set(v) for k, v in data["phase_b"].items()}
        except (OSError, ValueError, EOFError, TypeError, KeyError):
            pass
        self._by_hash: Optional[Dict[str, str]] = None
        self._known: Set[str] = set()  # plain files unchanged since the previous run
        self._current: Set[str] = set()  # paths whose entry matches the file as it is now
        self._used_searches: Set[str] = set()
        self.dirty = False

    # ------------------------------------------------------------- lookups
    @staticmethod
    def _module_key(job) -> str:
        return f"{job.kind}:{job.module_name}:{int(job.is_package)}"

    def by_stamp(self, job, stamp: Stamp):
        """The cached result, PLAIN, or None when the file changed (or was never seen)."""
        path = job.path
        if self.plain.get(path) == stamp:
            self._known.add(path)
            self._current.add(path)
            return self.PLAIN
        entry = self.entries.get(path)
        if entry is None or entry["s"] != stamp or entry["m"] != self._module_key(job) or "r" not in entry:
            return None
        self._current.add(path)
        return _result(path, entry["r"])

    def by_content(self, job, stamp: Stamp, data: bytes) -> Optional[FileResult]:
        digest = hashlib.blake2b(data, digest_size=16).hexdigest()
        if self._by_hash is None:
            self._by_hash = {e["h"]: p for p, e in self.entries.items() if "r" in e and "h" in e}
        source = self._by_hash.get(digest)
        entry = {"s": stamp, "m": self._module_key(job), "h": digest}
        hit = None
        if source is not None and self.entries[source]["m"] == entry["m"]:
            entry["r"] = self.entries[source]["r"]
            hit = _result(job.path, entry["r"])
        self.plain.pop(job.path, None)
        self.entries[job.path] = entry
        self._current.add(job.path)
        self.dirty = True
        return hit

    def by_facts(self, job, digest: str) -> Optional[FileResult]:
        entry = self.entries.get(job.path)
        if entry is None or job.path not in self._current or entry.get("f") != digest:
            return None
        if entry["m"] != self._module_key(job):
            return None
        return _result(job.path, entry["fr"])

    def phase_b(self, job, key: str) -> Optional[bool]:
        """Did the previous run's phase-B search ``key`` match this (unchanged) plain file?
        None when unknown."""
        self._used_searches.add(key)
        if job.path not in self._known or key not in self.searches:
            return None
        return job.path in self.searches[key]

    # ------------------------------------------------------------- updates
    def put_plain(self, job, stamp: Stamp) -> None:
        self.entries.pop(job.path, None)
        self.plain[job.path] = stamp
        self._current.add(job.path)
        self.dirty = True

    def put(self, result: FileResult) -> None:
        entry = self.entries.get(result.path)
        if entry is None or result.path not in self._current:
            return
        entry["r"] = _dump(result)
        self.dirty = True

    def put_facts(self, result: FileResult, digest: str, job) -> None:
        if result.path not in self._current:
            return
        entry = self.entries.get(result.path)
        if entry is None:  # a plain file found by phase B
            if result.path not in self.plain:
                return
            entry = self.entries[result.path] = {"s": self.plain[result.path], "m": self._module_key(job)}
        entry["f"], entry["fr"] = digest, _dump(result)
        self.dirty = True

    def put_phase_b(self, job, key: str, hit: bool) -> None:
        matched = self.searches.setdefault(key, set())
        if hit and job.path not in matched:
            matched.add(job.path)
            self.dirty = True
        elif not hit and job.path in matched:
            matched.discard(job.path)
            self.dirty = True
        self.dirty = self.dirty or key not in self._used_searches
        self._used_searches.add(key)

    def save(self) -> None:
        if not self.dirty:
            return
        paths = sorted(self.plain)
        data = {
            "format": FORMAT,
            "plain_paths": paths,
            "plain_stamps": [self.plain[p] for p in paths],
            "results": self.entries,
            "phase_b": {k: sorted(v) for k, v in self.searches.items() if k in self._used_searches},
        }
        try:
            os.makedirs(self.directory, exist_ok=True)
            ignore = os.path.join(self.directory, ".gitignore")
            if not os.path.exists(ignore):
                with open(ignore, "w") as fh:
                    fh.write("*\n")
            import tempfile  # only when saving: a warm run that changed nothing never imports it

            fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".scan-", suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                marshal.dump(data, fh)
            os.replace(tmp, self.file)
            import glob

            for stale in glob.glob(os.path.join(self.directory, "scan-*")):
                if stale != self.file:
                    os.unlink(stale)
        except OSError:
            pass  # a cache that cannot be written is not an error


def _dump(result: FileResult) -> dict:
    return {
        "findings": [{k: v for k, v in f.to_dict().items() if k != "path"} for f in result.findings],
        "diagnostics": [(d.message, d.line, d.column, d.cell) for d in result.diagnostics],
        "exports": result.exports,
        "pending": result.pending,
    }


def _result(path: str, data: dict) -> FileResult:
    return FileResult(
        path,
        findings=[Finding.from_dict({**f, "path": path}) for f in data["findings"]],
        diagnostics=[Diagnostic(path, m, line, col, cell=cell) for m, line, col, cell in data["diagnostics"]],
        exports=data["exports"],
        pending=data["pending"],
    )
