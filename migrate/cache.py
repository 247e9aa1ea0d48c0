"""Per-file results keyed by content hash (+ tool version, rule selection, module name),
ruff-style, so an unchanged tree re-scans at close to file-read speed."""

import hashlib
import json
import os
import tempfile
from typing import Dict, Optional

from zenml_migrate.findings import Diagnostic, FileResult, Finding


class ResultCache:
    def __init__(self, directory: str, salt: str):
        self.file = os.path.join(directory, f"scan-{salt}.json")
        self.directory = directory
        self.entries: Dict[str, dict] = {}
        self.dirty = False
        try:
            with open(self.file, encoding="utf-8") as fh:
                self.entries = json.load(fh)
        except (OSError, ValueError):
            self.entries = {}
        self._keys: Dict[str, str] = {}

    @staticmethod
    def _key(data: bytes, kind: str, module: str) -> str:
        h = hashlib.blake2b(data, digest_size=16)
        h.update(f"\0{kind}\0{module}".encode())
        return h.hexdigest()

    def get(self, data: bytes, job) -> Optional[FileResult]:
        key = self._key(data, job.kind, job.module_name)
        self._keys[job.path] = key
        entry = self.entries.get(key)
        if entry is None:
            return None
        return FileResult(
            job.path,
            findings=[Finding.from_dict({**f, "path": job.path}) for f in entry["findings"]],
            diagnostics=[Diagnostic(job.path, d["message"], d["line"], d["column"]) for d in entry["diagnostics"]],
            exports=entry["exports"],
            pending=entry["pending"],
        )

    def put(self, result: FileResult) -> None:
        key = self._keys.get(result.path)
        if key is None:
            return
        self.entries[key] = {
            "findings": [f.to_dict() for f in result.findings],
            "diagnostics": [{"message": d.message, "line": d.line, "column": d.column} for d in result.diagnostics],
            "exports": result.exports,
            "pending": result.pending,
        }
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
            fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".scan-", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(self.entries, fh, separators=(",", ":"))
            os.replace(tmp, self.file)
        except OSError:
            pass  # a cache that cannot be written is not an error
