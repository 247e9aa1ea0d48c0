"""Per-file scan results, ruff-style: looked up by (path, mtime, size) first, so an unchanged
tree is re-scanned without reading a single file, and by content hash second (a file touched
by a checkout, or moved, is not analysed again).

One JSON file per (tool version, Python, selected rules, tool sources), written atomically.
What is kept per path:
  ``s`` (mtime_ns, size), ``m`` kind + module name, ``h`` content hash (None: no "zenml" in
  the text), ``r`` the context-free result (phase A), ``f``/``fr`` the result with the
  project's cross-file facts of digest ``f``, ``b`` phase-B searches that found nothing.
"""

import glob
import hashlib
import json
import os
import tempfile
from typing import Dict, Optional, Tuple

from zenml_migrate.findings import Diagnostic, FileResult, Finding

Stamp = Tuple[int, int]


class ResultCache:
    PLAIN = object()  # by_stamp(): the file is known not to mention zenml

    def __init__(self, directory: str, salt: str):
        self.directory = directory
        self.file = os.path.join(directory, f"scan-{salt}.json")
        self.entries: Dict[str, dict] = {}
        try:
            with open(self.file, encoding="utf-8") as fh:
                loaded = json.load(fh)
            if isinstance(loaded, dict):
                self.entries = loaded
        except (OSError, ValueError):
            pass
        self._by_hash: Optional[Dict[str, str]] = None
        self._current: set = set()  # paths whose entry matches the file as it is now
        self.dirty = False

    # ------------------------------------------------------------- lookups
    @staticmethod
    def _module_key(job) -> str:
        return f"{job.kind}:{job.module_name}:{int(job.is_package)}"

    def by_stamp(self, job, stamp: Stamp):
        """The cached result, PLAIN, or None when the file changed (or was never seen)."""
        entry = self.entries.get(job.path)
        if entry is None or entry.get("s") != list(stamp) or entry.get("m") != self._module_key(job):
            return None
        self._current.add(job.path)
        if entry.get("h") is None:
            return self.PLAIN
        if "r" not in entry:
            return None
        return _result(job.path, entry["r"])

    def by_content(self, job, stamp: Stamp, data: bytes) -> Optional[FileResult]:
        digest = hashlib.blake2b(data, digest_size=16).hexdigest()
        old = self.entries.get(job.path)
        if self._by_hash is None:
            self._by_hash = {e["h"]: p for p, e in self.entries.items() if e.get("h") and "r" in e}
        source = self._by_hash.get(digest)
        entry = {"s": list(stamp), "m": self._module_key(job), "h": digest}
        hit = None
        if source is not None and self.entries[source].get("m") == entry["m"]:
            entry["r"] = self.entries[source]["r"]
            hit = _result(job.path, entry["r"])
        self.entries[job.path] = entry
        self._current.add(job.path)
        self.dirty = self.dirty or old != entry
        return hit

    def by_facts(self, job, digest: str) -> Optional[FileResult]:
        entry = self.entries.get(job.path)
        if entry is None or job.path not in self._current or entry.get("f") != digest:
            return None
        return _result(job.path, entry["fr"])

    def phase_b(self, job, stamp: Stamp, key: str) -> Optional[bool]:
        """False when a phase-B search with these facts already found nothing in this file."""
        entry = self.entries.get(job.path)
        if entry is not None and job.path in self._current and key in entry.get("b", ()):
            return False
        return None

    # ------------------------------------------------------------- updates
    def put_plain(self, job, stamp: Stamp) -> None:
        self.entries[job.path] = {"s": list(stamp), "m": self._module_key(job), "h": None}
        self._current.add(job.path)
        self.dirty = True

    def put(self, result: FileResult) -> None:
        entry = self.entries.get(result.path)
        if entry is None or result.path not in self._current:
            return
        entry["r"] = _dump(result)
        self.dirty = True

    def put_facts(self, result: FileResult, digest: str) -> None:
        entry = self.entries.get(result.path)
        if entry is None or result.path not in self._current:
            return
        entry["f"], entry["fr"] = digest, _dump(result)
        self.dirty = True

    def put_phase_b(self, job, stamp: Stamp, key: str, hit: bool) -> None:
        entry = self.entries.get(job.path)
        if entry is None or job.path not in self._current or hit:
            return
        keys = entry.setdefault("b", [])
        if key not in keys:
            keys.append(key)
            del keys[:-8]
            self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        try:
            os.makedirs(self.directory, exist_ok=True)
            ignore = os.path.join(self.directory, ".gitignore")
            if not os.path.exists(ignore):
                with open(ignore, "w") as fh:
                    fh.write("*\n")
            # entries of files that are gone are dropped; files outside this run are kept
            fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".scan-", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(self.entries, fh, separators=(",", ":"))
            os.replace(tmp, self.file)
            for stale in glob.glob(os.path.join(self.directory, "scan-*.json")):
                if stale != self.file:
                    os.unlink(stale)
        except OSError:
            pass  # a cache that cannot be written is not an error


def _dump(result: FileResult) -> dict:
    return {
        "findings": [{k: v for k, v in f.to_dict().items() if k != "path"} for f in result.findings],
        "diagnostics": [[d.message, d.line, d.column] for d in result.diagnostics],
        "exports": result.exports,
        "pending": result.pending,
    }


def _result(path: str, data: dict) -> FileResult:
    return FileResult(
        path,
        findings=[Finding.from_dict({**f, "path": path}) for f in data["findings"]],
        diagnostics=[Diagnostic(path, m, line, col) for m, line, col in data["diagnostics"]],
        exports=data["exports"],
        pending=data["pending"],
    )
