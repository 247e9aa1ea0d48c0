"""Per-file scan results, ruff-style: looked up by (path, mtime, size) first, so an unchanged
tree is re-scanned without reading a single file, and by content hash second (a file touched
by a checkout, or moved, is not analysed again).

One ``marshal`` file per (tool version, Python version, tool sources), written atomically:
plain data only (marshal runs no code), faster to load than JSON, which matters because a warm
run is mostly this load and one stat per file. Layout:

* ``plain``: paths and stamps of files that do not mention zenml (most of a tree), as two
  parallel lists;
* ``results``: per rule selection (``selection_key``), per zenml file ``s`` stamp, ``m`` kind +
  module name + surroundings, ``a`` what the surroundings read of the file at that stamp (a
  notebook's ``%run`` names: ``file_kinds.FileKind.around``), ``h`` content hash, ``r`` the context-free result, ``F`` its results with
  cross-file facts, by facts digest (the last ``FACTS_KEPT``: a file scanned again in several
  rounds has one per round, and a later run with one file edited meets the same rounds again)
  (a result: findings, diagnostics, exports, pending, ``c`` the run configs the file names);
  ``selections``: the selections kept, the last used first;
* ``phase_b``: per phase-B search (a digest of the modules searched for), the plain files it
  matched; every other plain file known to the previous run did not match;
* ``imports``: per Python file, its stamp and the top-level modules it imports
  (``project_root.imported_names``: the sibling packages of a monorepo's package; a warm run
  reads no file for them);
* ``runs``: how the cross-file rounds of recent runs ended, by ``run_key`` (the rule selection,
  the files with their kinds and module names, the paths reported): the files whose last result
  is one with cross-file facts, and the digest of those facts. A run whose files are all as the
  cache knows them, with the same key, takes that outcome and skips the rounds
  (``last_run``). Sound because every save that changes anything else drops the other runs'
  entries: an outcome in the file always describes the file's stamps and results.

Next to it, ``catalog-<salt>.marshal``: the rule catalog's codes and its run-config rules'
(``rules.catalog_index``), written by a run that imported the catalog. The next run of the same
tool (the same salt: the same rule modules) selects its rules from it (``known_catalog``,
``rules.Selected``): a warm ``migrate scan`` imports none of the 38 rule modules.

What the prefilter and the phase-B search know is the same whatever the rules selected (a
file's words and import lines), so a run with ``--select/--ignore`` reads only the files that
mention zenml again, and it leaves the other selections' results in place. A result is not
shared: which rules run changes the findings of the others (``resolved_with``, ZM460/ZM461
decide from every selected rule's findings: ``--select ZM112`` leaves a removed import for a
human, the whole catalog has ZM461's fix resolve it).
"""

import marshal
import os
import re
import sys
from functools import lru_cache
from itertools import chain
from typing import Dict, List, Optional, Set, Tuple

from zenml_migrate.findings import Diagnostic, FileResult, Finding
from zenml_migrate.scan.file_kinds import surroundings
from zenml_migrate.safe_read import MB, read_regular

try:  # hashlib's own BLAKE2, without the OpenSSL library hashlib loads (~2 ms of every start-up)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

Stamp = Tuple[int, int]
FORMAT = 7
CACHE_CAP = 512 * MB
SELECTIONS_KEPT = 4  # rule selections whose results one cache file keeps (the last used)
RUNS_KEPT = 4  # outcomes of the cross-file rounds kept (``runs``: selections, or paths reported, alternating)
FACTS_KEPT = 8  # results with cross-file facts kept per file (``F``): the last put


def content_digest(data: bytes) -> str:
    """The key of a file's bytes in the cache (a file touched or moved is found by it)."""
    return blake2b(data, digest_size=16).hexdigest()


def selection_key(selection) -> str:
    """The key in the cache file of the results of a ``file_scan.Selection``: its rules and the
    release a fix writes for (a finding's fix data may name it)."""
    text = ",".join(selection.codes) + (f"\0{selection.target}" if selection.target else "")
    return blake2b(text.encode(), digest_size=8).hexdigest()


@lru_cache(maxsize=1)
def cache_salt() -> str:
    """Tool version, Python version and the mtimes of everything that decides a scan result:
    the scan package, the findings model, the rules and their data (the rules selected key the
    results inside the file: ``selection_key``)."""
    import zenml_migrate
    from zenml_migrate import rules, scan

    h = blake2b(digest_size=8)
    h.update(zenml_migrate.__version__.encode())
    h.update(sys.version.encode())
    files = [os.path.join(p, "findings.py") for p in zenml_migrate.__path__]
    folders = list(scan.__path__) + list(rules.__path__) + [os.path.join(p, "data") for p in rules.__path__]
    for folder in folders:
        try:
            files += [os.path.join(folder, n) for n in sorted(os.listdir(folder)) if n.endswith((".py", ".json"))]
        except OSError:
            continue
    for path in files:
        h.update(path.encode("utf-8", "surrogateescape"))
        try:
            h.update(str(os.stat(path).st_mtime_ns).encode())
        except OSError:
            pass
    return h.hexdigest()


def run_key(selection: str, jobs, shown) -> str:
    """What the cross-file rounds of a run depend on besides the files' bytes: the rule selection,
    the files (path, kind, module name, package or not; ``jobs`` sorted by path) and the paths the
    run reports (``shown``: the project is indexed around them, ``project_index``), None: all."""
    rows = "\0".join([f"{j.path}\1{j.kind}\1{j.module_name}\1{j.is_package}" for j in jobs])  # (a format spec: +50%)
    asked = "" if shown is None else "\0".join(sorted(shown))
    text = f"{selection}\2{rows}\2{shown is None:d}{asked}"
    return blake2b(text.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


_CACHE_FILE = re.compile(r"(?:scan|catalog)-[0-9a-f]{16}\.marshal\Z")  # what save() writes (nothing else is removed)
CATALOG_CAP = MB


def known_catalog(directory: Optional[str], inside: Optional[str]) -> Optional[Tuple[Tuple[str, ...], Tuple[str, ...]]]:
    """The ``rules.catalog_index`` (rule codes, run-config rule codes) that a previous run of this very
    tool (the same ``cache_salt``: the same rule modules) kept in the cache folder, else None: a
    warm ``migrate scan`` selects its rules without importing the catalog (``rules.Selected``).
    A folder that ``usable_folder`` would refuse (links out of the project) is not read."""
    if directory is None:
        return None
    if inside is not None and _within(os.path.abspath(directory), os.path.abspath(inside)):
        if not _within(os.path.realpath(directory), os.path.realpath(inside)):
            return None
    try:
        index = marshal.loads(read_regular(os.path.join(directory, f"catalog-{cache_salt()}.marshal"), CATALOG_CAP))
    except (OSError, ValueError, EOFError, TypeError, MemoryError):
        return None
    ok = type(index) is tuple and len(index) == 2 and all(type(part) is tuple and all(type(c) is str for c in part) for part in index)
    return index if ok else None


def usable_folder(directory: str, inside: Optional[str]) -> Optional[str]:
    """``directory`` when the cache may be read and written there, else None (with a warning).
    ``inside``: the project folder the cache was placed in by default or by the project's
    config; a folder spelled inside it that symbolic links lead out of it (a link committed in
    the repository, say to ``~/.ssh``) is not used: the cache writes, and removes old cache
    files, in its folder. None: the user named the folder (``--cache-dir``), links and all."""
    if inside is not None and _within(os.path.abspath(directory), os.path.abspath(inside)):
        real = os.path.realpath(directory)  # else: named by the user, or by the config outside the project: as written
        if not _within(real, os.path.realpath(inside)):
            sys.stderr.write(
                f"warning: the results cache folder {directory} is a symbolic link (or lies under one) to {real}, "
                "outside the project: not used, this run reads and writes no cache; remove the link, or choose "
                "the folder with --cache-dir or cache-dir in [tool.zenml-migrate]\n"
            )
            return None
    problem = _not_a_cache_folder(directory, named=inside is None)
    if problem:
        sys.stderr.write(f"warning: the results cache folder {directory} {problem}\n")
        if not problem.endswith("not updated"):
            return None
    return directory


def _not_a_cache_folder(directory: str, named: bool) -> Optional[str]:
    """Why the cache cannot live in ``directory`` (a file, a folder that cannot be created), or
    why it is read but never written (a folder the user named that is not writable); None when
    it can. A run without its cache said nothing, and every run was cold."""
    off = ": this run reads and writes no cache; choose a folder with --cache-dir (or use --no-cache)"
    if os.path.lexists(directory):
        if not os.path.isdir(directory):
            return "is not a folder" + off
        if named and not os.access(directory, os.W_OK | os.X_OK):
            return "cannot be written: the cache is read but not updated"
        return None
    try:
        os.makedirs(directory)  # made now (the save would make it): what stops it is known before the scan
    except OSError as exc:
        return f"cannot be created ({exc.strerror})" + off
    return None


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


class ResultCache:
    def __init__(self, directory: str, salt: str, selection: str = ""):
        self.directory = directory
        self.file = os.path.join(directory, f"scan-{salt}.marshal")
        self.catalog_file = os.path.join(directory, f"catalog-{salt}.marshal")  # ``known_catalog``
        self.catalog: Optional[tuple] = None  # the ``rules.catalog_index``, to keep there (``keep_catalog``)
        self.selection = selection  # ``selection_key`` of the rules this run selected
        self.plain: Dict[str, Stamp] = {}
        self.entries: Dict[str, dict] = {}
        self.searches: Dict[str, Set[str]] = {}
        self.others: Dict[str, Dict[str, dict]] = {}  # the other selections' results, written back as read
        self.selections: List[str] = []
        self.runs: Dict[str, Dict[str, str]] = {}  # run_key -> {path: facts digest of its last result}
        self.imports: Dict[str, tuple] = {}  # path -> (stamp, the top-level modules it imports) (``imports_of``)
        try:
            data = marshal.loads(read_regular(self.file, CACHE_CAP))  # a FIFO or a huge file is no cache
            if isinstance(data, dict) and data.get("format") == FORMAT:
                plain = dict(zip(data["plain_paths"], data["plain_stamps"]))
                results = data["results"]
                searches = {k: set(v) for k, v in data["phase_b"].items()}
                selections = data["selections"]
                runs = data["runs"]
                imports = data.get("imports", {})
                if (
                    isinstance(results, dict)
                    and isinstance(selections, list)
                    and sorted(selections) == sorted(results)
                    and _well_formed(plain, {}, searches)
                    and all(_well_formed({}, e, {}) for e in results.values())
                    and _runs(runs)
                ):
                    self.plain, self.searches, self.selections, self.runs = plain, searches, selections, runs
                    self.imports = imports if isinstance(imports, dict) else {}
                    self.entries = results.pop(selection, {})
                    self.others = results
        except (OSError, ValueError, EOFError, TypeError, KeyError, AttributeError, MemoryError):
            pass  # a damaged cache is an empty one
        self._by_hash: Optional[Dict[str, str]] = None
        self._known: Set[str] = set()  # plain files unchanged since the previous run
        self._current: Set[str] = set()  # paths whose entry matches the file as it is now
        self._used_searches: Set[str] = set()
        self._run: Optional[Tuple[str, Dict[str, str]]] = None  # this run's outcome (``remember_run``)
        self.dirty = False

    # ------------------------------------------------------------- lookups
    def _module_key(self, job, entry: Optional[dict] = None) -> str:
        """What decides a file's result besides its bytes: its kind, module name and surroundings.
        ``entry``: the file's entry, made for the file as it is now: what the surroundings read of
        the file's own bytes is kept there (``a``: a notebook's ``%run`` names), and taken from there
        while it is (a warm run reads no notebook for its key; ``file_kinds.FileKind.around``)."""
        kept = entry.get("a") if entry is not None else None
        fresh = kept is None
        if fresh:
            kept = {}
        key = f"{job.kind}:{job.module_name}:{int(job.is_package)}:{surroundings(job, kept)}"
        if fresh and kept and entry is not None:
            entry["a"] = kept
            self.dirty = True
        return key

    def by_stamp(self, job, stamp: Stamp) -> Optional[FileResult]:
        """The cached result of a file that mentions zenml, or None when it changed (or was never
        seen). A file known not to mention zenml is in ``plain`` (path -> stamp): the engine's
        loop over the files compares that stamp itself, then says ``known_plain``."""
        path = job.path
        entry = self.entries.get(path)
        if entry is None or entry["s"] != stamp or entry["m"] != self._module_key(job, entry) or "r" not in entry:
            return None
        result = _result(path, entry["r"])
        if result is not None:
            self._current.add(path)
        return result

    def known_plain(self, paths: List[str]) -> None:
        """Each file of ``paths`` is one of ``plain``, unchanged (a regular file with the stamp kept)."""
        self._known.update(paths)
        self._current.update(paths)

    def empty(self) -> bool:
        """Nothing cached: no file is known (a cold run)."""
        return not self.plain and not self.entries

    def by_content(self, job, stamp: Stamp, data: bytes) -> Optional[FileResult]:
        return self.by_digest(job, stamp, content_digest(data))

    def by_digest(self, job, stamp: Stamp, digest: str) -> Optional[FileResult]:
        """``by_content`` of bytes whose ``content_digest`` is ``digest``."""
        if self._by_hash is None:
            self._by_hash = {e["h"]: p for p, e in self.entries.items() if "r" in e and "h" in e}
        source = self._by_hash.get(digest)
        entry = {"s": stamp, "h": digest}
        entry["m"] = self._module_key(job, entry)
        hit = None
        if source is not None and self.entries[source]["m"] == entry["m"] and "r" in self.entries[source]:
            hit = _result(job.path, self.entries[source]["r"])
            if hit is not None:
                entry["r"] = self.entries[source]["r"]
        self.plain.pop(job.path, None)
        self.entries[job.path] = entry
        self._current.add(job.path)
        self.dirty = True
        return hit

    def by_facts(self, job, digest: str) -> Optional[FileResult]:
        """The file's result with the cross-file facts of digest ``digest``, when the cache has
        one for the file as it is now."""
        entry = self.entries.get(job.path)
        if entry is None or job.path not in self._current or digest not in entry.get("F", {}):
            return None
        if entry["m"] != self._module_key(job, entry):
            return None
        return _result(job.path, entry["F"][digest])

    def search_answers(self, key: str) -> Optional[Tuple[Set[str], Set[str]]]:
        """What the previous run's phase-B search ``key`` knows: ``(the plain files unchanged
        since then, those of them it matched)``; every other plain file it saw did not match.
        None when that search was never made (a cold run). Marks the search used (kept)."""
        self._used_searches.add(key)
        matched = self.searches.get(key)
        return None if matched is None else (self._known, matched)

    def last_run(self, key: str, jobs_by_path) -> Optional[Dict[str, FileResult]]:
        """The results with cross-file facts that the rounds of a run of key ``key`` ended with
        (every other file's result then was its context-free one), or None when no such run is
        kept or one of them is not in the cache as it was. The caller found every file unchanged
        (``by_stamp`` hits and ``known_plain``): the files are those that run saw, as it saw them."""
        facts = self.runs.get(key)
        if facts is None:
            return None
        out = {}
        for path, digest in facts.items():
            job = jobs_by_path.get(path)
            result = self.by_facts(job, digest) if job is not None else None
            if result is None:
                return None
            out[path] = result
        self._run = (key, facts)
        return out

    def remember_run(self, key: str, jobs, facts: Dict[str, str]) -> None:
        """Keep how this run's rounds ended: ``facts``, path -> the facts digest of the result it
        ended with, for every file whose last result was one with cross-file facts (``put_facts``
        kept them). Only for a run that found every file (``jobs``) as it is now and put every
        result into the cache: then the cache holds all that run's outcome depends on."""
        current = self._current
        if not all(job.path in current for job in jobs):
            return
        entries = self.entries
        if not all(path in entries and d in entries[path].get("F", {}) for path, d in facts.items()):
            return
        self._run = (key, dict(facts))

    def imports_of(self, path: str, stamp: Stamp) -> Optional[Tuple[str, ...]]:
        """The top-level modules the file ``path`` imports (``project_root.imported_names``), kept
        for the file at ``stamp``; None when it was not (changed, never seen, damaged)."""
        kept = self.imports.get(path)
        if type(kept) is not tuple or len(kept) != 2 or kept[0] != stamp or type(kept[1]) is not tuple:
            return None
        names = kept[1]
        return names if all(type(n) is str for n in names) else None

    # ------------------------------------------------------------- updates
    def put_imports(self, path: str, stamp: Stamp, names: Tuple[str, ...]) -> None:
        self.imports[path] = (tuple(stamp), names)
        self.dirty = True

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
            entry = self.entries[result.path] = {"s": self.plain[result.path]}
            entry["m"] = self._module_key(job, entry)
        kept = entry.setdefault("F", {})
        kept.pop(digest, None)
        kept[digest] = _dump(result)  # the last (dicts keep their order; marshal too)
        for old in list(kept)[:-FACTS_KEPT]:
            del kept[old]
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

    def put_phase_b_all(self, key: str, hits: Set[str], paths: List[str]) -> None:
        """``put_phase_b(job, key, job.path in hits)`` for every path of ``paths`` (once each)."""
        matched = self.searches.setdefault(key, set())
        added = hits - matched
        gone = [p for p in paths if p in matched and p not in hits]
        matched |= added
        matched.difference_update(gone)
        if added or gone:
            self.dirty = True
        self.dirty = self.dirty or key not in self._used_searches
        self._used_searches.add(key)

    def keep_catalog(self, index: tuple) -> None:
        """Keep the ``rules.catalog_index`` for the next run (``known_catalog``), at ``save``."""
        self.catalog = index

    def save(self) -> None:
        if self.catalog is not None:
            self._save_catalog()
        runs = self._runs_to_keep()
        if not self.dirty and runs == self.runs:
            return
        paths = sorted(self.plain)
        selections = [self.selection] + [k for k in self.selections if k != self.selection][: SELECTIONS_KEPT - 1]
        if not self.dirty:  # only this run's outcome is new: everything else written back as read
            selections = self.selections
        data = {
            "format": FORMAT,
            "plain_paths": paths,
            "plain_stamps": [self.plain[p] for p in paths],
            "results": {k: self.entries if k == self.selection else self.others[k] for k in selections},
            "selections": selections,
            # the searches this run made (a save that only adds a run's outcome keeps them all)
            "phase_b": {k: sorted(v) for k, v in self.searches.items() if k in self._used_searches or not self.dirty},
            "runs": runs,
            # of the files the cache knows as they are now
            "imports": {p: v for p, v in self.imports.items() if p in self._current},
        }
        try:
            os.makedirs(self.directory, exist_ok=True)
            ignore = os.path.join(self.directory, ".gitignore")
            if not os.path.lexists(ignore):  # created, never written through a (dangling) link
                fd = os.open(ignore, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
                with os.fdopen(fd, "w") as fh:
                    fh.write("*\n")
            from zenml_migrate.tempfiles import mkstemp_near, sweep  # only when saving: a warm run never imports it

            sweep(self.directory)  # temp files of a killed run
            fd, tmp = mkstemp_near(self.file)
            try:
                with os.fdopen(fd, "wb") as fh:
                    marshal.dump(data, fh)
                os.replace(tmp, self.file)
            except BaseException:
                os.unlink(tmp)
                raise
            for name in os.listdir(self.directory):  # caches of other versions of the tool or of Python
                stale = os.path.join(self.directory, name)
                if _CACHE_FILE.match(name) and stale not in (self.file, self.catalog_file):
                    os.unlink(stale)
        except OSError:
            pass  # a cache that cannot be written is not an error

    def _save_catalog(self) -> None:
        try:
            os.makedirs(self.directory, exist_ok=True)
            from zenml_migrate.tempfiles import mkstemp_near

            fd, tmp = mkstemp_near(self.catalog_file)
            try:
                with os.fdopen(fd, "wb") as fh:
                    marshal.dump(self.catalog, fh)
                os.replace(tmp, self.catalog_file)
            except BaseException:
                os.unlink(tmp)
                raise
        except OSError:
            pass

    def _runs_to_keep(self) -> Dict[str, Dict[str, str]]:
        """The outcomes the file keeps: when this run changed nothing else, those kept and this
        run's (the last ``RUNS_KEPT``); when it changed a stamp, a result or a search, only this
        run's (the others may describe files as they no longer are)."""
        runs = {} if self.dirty else {k: v for k, v in self.runs.items() if self._run is None or k != self._run[0]}
        if self._run is not None:
            runs[self._run[0]] = self._run[1]  # the last one (dicts keep their order; marshal too)
        return dict(list(runs.items())[-RUNS_KEPT:])


def _dump(result: FileResult) -> dict:
    return {
        "findings": [{k: v for k, v in f.to_dict(fix_data=True).items() if k != "path"} for f in result.findings],
        "diagnostics": [(d.message, d.line, d.column, d.cell, d.partial) for d in result.diagnostics],
        "exports": result.exports,
        "pending": result.pending,
        "c": result.config_refs,
        "k": result.read_as,
        "h": result.hidden,
    }


def _result(path: str, data: dict) -> Optional[FileResult]:
    """The cached result, None when the entry is damaged (then the file is scanned again)."""
    try:
        result = FileResult(
            path,
            findings=[Finding.from_dict({**f, "path": path}) for f in data["findings"]],
            diagnostics=[Diagnostic(path, m, line, col, cell=cell, partial=bool(partial and partial[0])) for m, line, col, cell, *partial in data["diagnostics"]],
            exports=data["exports"],
            pending=data["pending"],
            config_refs=data["c"],
            read_as=data["k"],
            hidden=int(data.get("h", 0)),
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    ints = all(isinstance(x, int) for f in result.findings for x in (f.span.line, f.span.column, f.span.end_line, f.span.end_column))
    strings = all(isinstance(f.code, str) and isinstance(f.message, str) for f in result.findings)
    exports = isinstance(result.exports, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in result.exports.items())
    refs = _refs(result.config_refs)
    kind = isinstance(result.read_as, str)
    return result if ints and strings and exports and refs and kind and isinstance(result.pending, bool) else None


def _refs(refs) -> bool:
    """``FileResult.config_refs``' shape: ``((line or "cell N:line", how, config), ...)``."""
    return isinstance(refs, tuple) and all(
        isinstance(r, tuple) and len(r) == 3 and isinstance(r[0], (int, str)) and isinstance(r[1], str) and isinstance(r[2], str)
        for r in refs
    )


def _stamps(plain: dict) -> bool:
    """Every key a str and every value a stamp (two ints, in a tuple or a list): the test of a
    warm run's 20,000 plain files, by type sets (no Python loop per file)."""
    stamps = plain.values()
    return (
        set(map(type, plain)) <= {str}
        and set(map(type, stamps)) <= {tuple, list}
        and set(map(len, stamps)) <= {2}
        and set(map(type, chain.from_iterable(stamps))) <= {int, bool}
    )


def _runs(runs) -> bool:
    return isinstance(runs, dict) and all(
        isinstance(k, str) and isinstance(v, dict) and all(isinstance(p, str) and isinstance(d, str) for p, d in v.items())
        for k, v in runs.items()
    )


def _well_formed(plain, entries, searches) -> bool:
    """The shapes the lookups rely on (a damaged or foreign cache file is dropped whole)."""
    stamp = lambda s: isinstance(s, (tuple, list)) and len(s) == 2 and all(isinstance(x, int) for x in s)  # noqa: E731
    if not _stamps(plain):
        return False
    if not isinstance(entries, dict):
        return False
    for p, e in entries.items():
        if not isinstance(p, str) or not isinstance(e, dict) or not stamp(e.get("s")) or not isinstance(e.get("m"), str):
            return False
        if not isinstance(e.get("h", ""), str) or not all(isinstance(e.get(k, {}), dict) for k in ("r", "F", "a")):
            return False
        if not all(isinstance(d, str) and isinstance(r, dict) for d, r in e.get("F", {}).items()):
            return False
    return all(isinstance(k, str) and all(isinstance(p, str) for p in v) for k, v in searches.items())
