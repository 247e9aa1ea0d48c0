"""Cross-file facts: which module-level names of the project's own files reach ZenML
(``pkg.steps.trainer`` is a 0.13.2 ``@step``), and which files that never mention zenml
import one of the modules holding such facts (phase B of the scan, see ``engine.py``)."""

import bisect
import os
import re
from typing import Collection, Dict, Iterable, List, Optional, Set, Tuple

from zenml_migrate.findings import FileResult
from zenml_migrate.scan.cache import blake2b
from zenml_migrate.scan.jobs import FileJob
from zenml_migrate.scan.facts import ASKED_MARK, CLASS_METHOD_MARK, METHOD_MARK, MIXIN_MARK, USED_MARK, imported_project_names
from zenml_migrate.scan.pytest_fixtures import index_keys as fixture_keys
from zenml_migrate.scan.read import read_error, read_file


_USED = "." + USED_MARK


def _on_disk(exports: Dict[str, str]) -> Dict[str, str]:
    """A file's exports as they describe its module on disk, not as this run's fix would write it
    (imported here only for a run that reports some files: ``project_index``'s ``rewritten``)."""
    from zenml_migrate.scan.component_port import on_disk_export
    from zenml_migrate.scan import splat_keywords as splat, star_all

    return {name: star_all.on_disk(splat.on_disk(on_disk_export(value)), name) for name, value in exports.items()}


def project_index(
    jobs_by_path: Dict[str, FileJob], results: Iterable[FileResult], rewritten: Optional[Collection[str]] = None
) -> Dict[str, str]:
    """``"<module suffix>.<name>" -> path`` from every file's exports; ambiguous keys dropped.
    ``rewritten``: the paths this run reports and fixes (None: all); the exports of the other
    files describe their module as it stays on disk (a port of it is not written by this run).
    A key ambiguous only because of files outside ``rewritten`` keeps the value of the files
    asked for (``cd repos && migrate scan a``: ``b/state.py``, another copy or repo of the
    folder indexed around ``a``, must not erase what ``a/state.py`` tells ``a/report.py``)."""
    index: Dict[str, str] = {}
    clash: Set[str] = set()
    asked: Dict[str, str] = {}  # the same from the files of ``rewritten`` only
    asked_clash: Set[str] = set()
    for res in sorted(results, key=lambda r: r.path):
        job = jobs_by_path.get(res.path)
        if job is not None and not job.module_name and res.exports:
            # a notebook (no module name): its names are no one's, but what it imports (``%run helpers.py``
            # read as ``from helpers import *``) is a use of those modules' names (``Detector.used_elsewhere``)
            index.update((k, v) for k, v in res.exports.items() if k.endswith(_USED))
        if job is None or not job.module_name or not res.exports:
            continue
        exports = res.exports
        own = rewritten is not None and res.path in rewritten
        if rewritten is not None and not own:
            exports = _on_disk(exports)
        parts = job.module_name.split(".")
        for key, value in fixture_keys(res.path, exports):  # found by folder, not by module name
            index[key] = value
        for i in range(len(parts)):
            mod = ".".join(parts[i:])
            for name, value in exports.items():
                if value == ASKED_MARK:
                    continue  # not a fact: what ``revisits`` reads
                key = f"{mod}.{name}"
                if key in index and index[key] != value:
                    clash.add(key)
                index[key] = value
                if own:
                    if key in asked and asked[key] != value:
                        asked_clash.add(key)
                    asked[key] = value
    for key in clash:
        if key in asked and key not in asked_clash:
            index[key] = asked[key]
        else:
            index.pop(key, None)
    return index


def revisits(
    jobs_by_path: Dict[str, FileJob], results: Dict[str, FileResult], old: Dict[str, str], new: Dict[str, str]
) -> Set[str]:
    """The files to scan again because an importer's fact of this round says another module
    imports one of their names (a ``USED_MARK`` fact new in ``new``) that they judged with
    ``Detector.used_elsewhere`` saying no (their ``ASKED_MARK`` exports): the importee imports
    nothing of the project, so nothing else makes it pending (``from zenml... import X`` kept
    for ``from pkg import X`` elsewhere, not removed as unused)."""
    fresh = imported_project_names(new) - imported_project_names(old)
    out = _users_of_changed(results, old, new) | mixins_of_changed(jobs_by_path, results, old, new)
    if not fresh:
        return out
    for path, res in results.items():
        job = jobs_by_path.get(path)
        if job is None or not job.module_name or ASKED_MARK not in res.exports.values():
            continue
        parts = job.module_name.split(".")
        for key, value in res.exports.items():
            if value == ASKED_MARK:
                name = key[: -len(ASKED_MARK) - 1]
                if any(f"{'.'.join(parts[i:])}.{name}" in fresh for i in range(len(parts))):
                    out.add(path)
                    break
    return out


def mixins_of_changed(jobs_by_path, results: Dict[str, FileResult], old: Dict[str, str], new: Dict[str, str]) -> Set[str]:
    """The files scanned before another module's ``MIXIN_MARK`` fact about one of their classes
    was known, or changed: what ``self`` is in its methods changed."""
    mark = "." + MIXIN_MARK
    changed = {v.partition(":")[0] for k, v in new.items() if k.endswith(mark) and old.get(k) != v}
    changed |= {v.partition(":")[0] for k, v in old.items() if k.endswith(mark) and k not in new}
    if not changed:
        return set()
    out = set()
    for path in results:
        job = jobs_by_path.get(path)
        name = job.module_name if job is not None else None
        if name and (name in changed or any(name.endswith("." + m) for m in changed)):
            out.add(path)
    return out


def _users_of_changed(results: Dict[str, FileResult], old: Dict[str, str], new: Dict[str, str]) -> Set[str]:
    """The files that import a project name (their ``USED_MARK`` facts) whose fact this round
    changed: they judged it with the old one (``tools/zen.py`` learns that another module uses
    its ``MLFlowEnvironment`` and its ZM461 fix stubs it: ``ENV = tz.MLFlowEnvironment()`` in an
    importer then fails at import, review16 F4)."""
    changed = {k for k in set(old) | set(new) if old.get(k) != new.get(k) and not k.endswith("__")}
    if not changed:
        return set()
    mark = "." + USED_MARK
    return {
        path for path, res in results.items()
        if any(k.endswith(mark) and v in changed for k, v in res.exports.items())
    }


def import_text(data: bytes, notebook: bool = False) -> bytes:
    """The lines of ``data`` that hold the word ``import`` (with their parenthesised or
    backslash continuations): everything through which a file can reach another module; in a
    ``notebook``, also its ``%run FILE.py`` lines (the kernel takes the file's names in).
    Over-approximate on purpose (an ``import`` in a docstring is kept too)."""
    out = import_lines(data)
    if (notebook or data.startswith(b"# Databricks notebook source")) and b"%run" in data:
        out += [line for line in data.split(b"\n") if b"%run" in line]
    return b"\n".join(out)


def import_lines(data: bytes) -> List[bytes]:
    """The pieces of ``import_text``: each line holding ``import``, with its continuations."""
    out = []
    find, rfind = data.find, data.rfind
    size = len(data)
    i = find(b"import")
    while i != -1:  # (a cold scan runs this on every file without zenml: kept to bytes methods)
        start = rfind(b"\n", 0, i) + 1
        end = find(b"\n", i)
        if end == -1:
            end = size
        paren = find(b"(", start, end)
        if paren != -1 and find(b")", start, end) == -1:  # an open parenthesis: up to the closing one
            close = find(b")", end)
            end = size if close == -1 else close
        while end < size and data[end - 1] == 92:  # a backslash continuation
            nxt = find(b"\n", end + 1)
            end = size if nxt == -1 else nxt
        out.append(data[start:end])
        i = find(b"import", end)
    return out


class ModuleFinder:
    """Does a file import one of the modules that hold cross-file facts? Checked on its
    ``import_text`` only: the last component of each module (``mod`` of ``pkg.mod``; a package
    for its ``__init__``) as a word, through one trie-shaped regex."""

    def __init__(self, modules: Iterable[str]):
        self.tails = sorted({m.rsplit(".", 1)[-1] for m in modules if m})
        self._pattern = None

    def __bool__(self) -> bool:
        return bool(self.tails)

    @property
    def pattern(self):
        """The regex, compiled when first used (a warm run takes every answer from the cache)."""
        if self._pattern is None:
            self._pattern = _trie_regex(self.tails)
        return self._pattern

    def matches(self, text: bytes) -> bool:
        for m in self.pattern.finditer(text):
            start, end = m.span()
            if (start and _is_word_byte(text[start - 1])) or (end < len(text) and _is_word_byte(text[end])):
                continue
            return True
        return False

    def matching(self, texts: List[bytes]) -> Set[int]:
        """``{i for i, t in enumerate(texts) if self.matches(t)}`` with one regex run over all
        texts joined by NUL bytes (a module name holds none, so no match spans two texts, and
        a NUL is no word byte: the word test at a text's ends is the same as in ``matches``)."""
        blob = b"\0".join(texts)
        starts, at = [], 0
        for t in texts:
            starts.append(at)
            at += len(t) + 1
        found: Set[int] = set()
        search, pos = self.pattern.search, 0
        while True:
            m = search(blob, pos)
            if m is None:
                return found
            start, end = m.span()
            if (start and _is_word_byte(blob[start - 1])) or (end < len(blob) and _is_word_byte(blob[end])):
                pos = end if end > start else start + 1  # as finditer goes on
                continue
            i = bisect.bisect_right(starts, start) - 1
            found.add(i)
            pos = starts[i + 1] if i + 1 < len(starts) else len(blob) + 1  # the next text
            if pos > len(blob):
                return found


def _is_word_byte(b: int) -> bool:
    return b == 95 or 48 <= b <= 57 or 65 <= b <= 90 or 97 <= b <= 122 or b >= 128


def _trie_regex(words: List[str]) -> "re.Pattern":
    """One regex for many literal words, shaped as a trie: the regex engine then tries one
    branch per character instead of every word at every position."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w.encode("utf-8", "surrogateescape"):
            node = node.setdefault(ch, {})
        node[None] = True

    def build(node: dict) -> bytes:
        ends = None in node
        alts = [re.escape(bytes([ch])) + build(sub) for ch, sub in sorted((k, v) for k, v in node.items() if k is not None)]
        if not alts:
            return b""
        body = alts[0] if len(alts) == 1 else b"(?:" + b"|".join(alts) + b")"
        return b"(?:" + body + b")?" if ends else body

    return re.compile(build(trie))


def importers(plain, results, project, searched, cache, report) -> List[Tuple[FileJob, bytes]]:
    """Plain files (no "zenml") not scanned yet that import a module holding cross-file facts.
    Each module is searched for once; later rounds look only for modules that are new."""
    modules = {_fact_module(k) for k in project if not k.endswith("__")} - searched  # no ``__used__`` marks
    searched.update(modules)
    finder = ModuleFinder(modules)
    if not finder:
        return []
    key = blake2b("\0".join(sorted(modules)).encode("utf-8", "surrogateescape"), digest_size=8).hexdigest()
    hits: List[Optional[FileJob]] = []  # in the order of ``plain``; None: searched below
    searched_jobs: List[FileJob] = []
    texts: List[bytes] = []
    answers = None  # the cache's answers for this search (asked at the first file, as phase_b would)
    for job, stamp, text in plain:
        path = job.path
        if path in results:
            continue
        if answers is None:
            answers = (cache.search_answers(key) if cache is not None else None) or (frozenset(), frozenset())
        if path in answers[0]:  # unchanged since the previous run: its answer holds
            if path in answers[1]:
                hits.append(job)
        else:
            if text is None:
                try:
                    text = import_text(read_file(job.path), job.kind == "ipynb")
                except OSError as exc:
                    report.diagnostics.append(read_error(job.path, exc))
                    continue
            searched_jobs.append(job)
            texts.append(text)
            hits.append(None)
    found = finder.matching(texts) if texts else set()
    found.update(i for i, job in enumerate(searched_jobs) if i not in found and _imports_own_package(job, texts[i], modules))
    if cache is not None and searched_jobs:
        cache.put_phase_b_all(key, {searched_jobs[i].path for i in found}, [j.path for j in searched_jobs])
    searched_hits = iter([searched_jobs[i] if i in found else None for i in range(len(searched_jobs))])
    out: List[Tuple[FileJob, bytes]] = []
    for job in hits:
        job = job if job is not None else next(searched_hits)
        if job is not None:
            try:
                out.append((job, read_file(job.path)))
            except OSError as exc:
                report.diagnostics.append(read_error(job.path, exc))
    return out


_BARE_RELATIVE = re.compile(rb"\bfrom[ \t]+(\.+)[ \t]*import\b")


def _imports_own_package(job: FileJob, text: bytes, modules: Set[str]) -> bool:
    """``from . import client`` / ``from .. import *``: names of a package of the file's own, which
    no module word in the line spells (``ModuleFinder`` looks for those)."""
    if b"from" not in text:
        return False
    from zenml_migrate.scan.detect import relative_base

    return any(relative_base(job.module_name, job.is_package, len(m.group(1))) in modules for m in _BARE_RELATIVE.finditer(text))


def _fact_module(key: str) -> str:
    """The module of a fact ``<module>.<name>`` (``<module>.<name>.__method__.<m>`` too)."""
    for mark in (METHOD_MARK, CLASS_METHOD_MARK):
        key = key.split(f".{mark}.", 1)[0]
    return key.rsplit(".", 1)[0]


def asked_modules(plain, results, project, searched, report) -> List[Tuple[FileJob, bytes]]:
    """Plain files (no "zenml") not scanned yet whose module another module asks for the keys of a
    dict it gives to a zenml callable as ``**`` (a ``__splat__`` fact: ``splat_keywords.splat_exports``),
    or whose class another module's class mixes in with a zenml base (a ``MIXIN_MARK`` fact).
    Only the fact values are read; no file is read unless it is asked for."""
    from zenml_migrate.scan.splat_keywords import SPLAT_MARK

    wanted = {v.partition(":")[0] for k, v in project.items() if k.endswith(("." + SPLAT_MARK, "." + MIXIN_MARK))} - searched
    searched.update(wanted)
    if not wanted:
        return []
    out: List[Tuple[FileJob, bytes]] = []
    for job, _, _ in plain:
        name = job.module_name
        if job.path in results or not name:
            continue
        if name in wanted or any(name.endswith("." + m) for m in wanted):
            try:
                out.append((job, read_file(job.path)))
            except OSError as exc:
                report.diagnostics.append(read_error(job.path, exc))
    return out


def fixture_users(jobs_by_path, plain, results, project, searched, report) -> List[Tuple[FileJob, bytes]]:
    """The files that pytest may pass a conftest fixture holding a zenml value (``pytest_fixtures``),
    below a conftest.py whose fixture facts are new or changed in ``project``: the test modules (``test_*.py``, ``*_test.py``) and
    conftest.py files in its folder or below it that spell the fixture's name, plain (no
    "zenml") or scanned before the fact was known (a pending one is scanned again anyway)."""
    from zenml_migrate.scan.pytest_fixtures import GENERATE_HOOK, fixture_key, fixture_names, folder_of_key

    facts = {f"{k}={v}": folder_of_key(k) for k, v in project.items() if k.endswith("__")}
    new = {fact: folder for fact, folder in facts.items() if folder is not None and fact not in searched}
    searched.update(new)  # a fixture whose value changed in this round is searched for again
    folders = set(new.values())
    if not folders:
        return []
    # a conftest's ``pytest_generate_tests`` may parametrize any argument: every test module below it
    hooks = {folder for fact, folder in new.items() if fact.startswith(fixture_key(folder, GENERATE_HOOK) + "=")}
    out: List[Tuple[FileJob, bytes]] = []
    candidates = [job for job, _, _ in plain if job.path not in results]
    candidates += [jobs_by_path[p] for p, r in sorted(results.items()) if not r.pending and p in jobs_by_path]
    for job in candidates:
        if job.kind != "py" or not _is_test_module(job.path) or not any(_under(job.path, f) for f in folders):
            continue
        hooked = any(_under(job.path, f) for f in hooks)
        finder = ModuleFinder(fixture_names(project, job.path))
        if not finder and not hooked:
            continue
        try:
            data = read_file(job.path)
        except OSError as exc:
            report.diagnostics.append(read_error(job.path, exc))
            continue
        if hooked or finder.matches(data):
            out.append((job, data))
    return out


def _is_test_module(path: str) -> bool:
    name = os.path.basename(path)
    return name == "conftest.py" or (name.endswith(".py") and (name.startswith("test_") or name.endswith("_test.py")))


def _under(path: str, folder: str) -> bool:
    return not folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def facts_digest(project: Dict[str, str]) -> str:
    h = blake2b(digest_size=8)
    for k in sorted(project):
        h.update(f"{k}={project[k]}\0".encode("utf-8", "surrogateescape"))
    return h.hexdigest()
