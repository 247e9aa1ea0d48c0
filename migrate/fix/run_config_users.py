"""Who reads a YAML run config the 0.13.2 way: ``zenml pipeline run FILE.py -c CONFIG`` (a
shell script, Makefile, CI workflow, Markdown block, notebook ``!`` line) or
``pipeline.with_config("CONFIG")`` in Python.

ZenML 0.20 still serves both, through its legacy loader, and that loader needs the 0.13.2
keys (``name:``, ``steps.<step>.source`` for the CLI) and rejects the 0.20 ones
(``steps.<step>.enable_cache``, ``outputs``: "Unknown key(s)"). So a file they read must keep
its 0.13.2 shape until the caller moves to ``pipeline.run(config_path=...)``; the YAML
rewrite leaves it and its TODO says which line reads it. A file in the shape the command reads
(``scan/yaml_scan.cli_reads``) that no line of the project is seen reading is kept the same way
(``UNSEEN_CLI``: the command is typed by hand, or by a tool outside the project), unless a
``run(config_path=...)`` of the project reads it: only that reader rejects the 0.13.2 keys. Where each file names a config is
a fact of the scan (``migrate/scan/run_config_refs.py``, ``ScanReport.config_refs``): ``scan``
and ``code`` decide from it without reading any file again. Nothing is changed here.
"""

import os
import re
from typing import Dict, FrozenSet, Iterable, List, Mapping, Optional

from zenml_migrate.safe_read import read_regular

_WHY = " reads this file the 0.13.2 way"
#: the reader a run config in the shape of ``zenml pipeline run -c`` is kept for when none is seen
UNSEEN_CLI = "`zenml pipeline run PIPELINE.py -c` (no reader found in the project; the file has the keys that command needs)"


def legacy_readers(
    config_paths: Iterable[str], jobs: Iterable, root: str, refs: Optional[Mapping[str, tuple]] = None
) -> Dict[str, List[str]]:
    """``{config path: ["scripts/run.sh:3 (zenml pipeline run -c)", ...]}`` for the configs a
    legacy reader uses. ``jobs``: the discovered files (``FileJob``), ``root``: the folder
    relative paths in commands are taken from (the project root, and each file's own folder).
    ``refs``: the scan's facts (``ScanReport.config_refs``: job path -> its run-config
    references, for the files it read as mentioning zenml); a module or notebook the prefilter
    passed over can still call ``with_config``: only those are read here (on the scan's
    machine a ``b"with_config"`` test of every such file cost more than this read, done only
    when a run config has findings). Without ``refs`` (the library, no scan) each file is read."""
    return _split(_readers(config_paths, jobs, root, refs))[0]


def _split(readers: Dict[str, List[str]]):
    """``(legacy readers, run(config_path=) readers)`` of ``_readers``' answer."""
    from zenml_migrate.scan.run_config_refs import NEW_READER

    new = f"({NEW_READER})"
    parts: tuple = ({}, {})
    for path, entries in readers.items():
        for entry in entries:
            parts[entry.endswith(new)].setdefault(path, []).append(entry)
    return parts


def _readers(config_paths: Iterable[str], jobs: Iterable, root: str, refs) -> Dict[str, List[str]]:
    """Every reader of the configs (``legacy_readers``' and the ``run(config_path=)`` calls)."""
    wanted = {_norm(p): p for p in config_paths}
    if not wanted:
        return {}
    found: Dict[str, List[str]] = {}
    for job in jobs:
        for line, how, value in _refs_of(job, refs):
            for candidate in set(_resolve(value, job.path, root)):
                if candidate in wanted:
                    where = f"{_shown(job.path, root)}:{line} ({how})"
                    readers = found.setdefault(wanted[candidate], [])
                    if where not in readers:
                        readers.append(where)
    # code and scripts first: a Markdown line is documentation of how the file is run
    return {k: sorted(v, key=lambda w: (w.split(":", 1)[0].endswith((".md", ".markdown")), w)) for k, v in found.items()}


def _refs_of(job, refs: Optional[Mapping[str, tuple]]) -> tuple:
    from zenml_migrate.scan.run_config_refs import config_refs, plain_config_refs

    known = refs.get(job.path) if refs is not None else None
    if known is not None:
        return known
    if refs is not None and job.kind not in ("py", "ipynb"):
        return ()  # without zenml a command file has no ``zenml pipeline run`` line
    try:
        data = read_regular(job.path)  # a FIFO or a device is skipped, never waited on
    except OSError:
        return ()
    return config_refs(job.kind, data) if refs is None else plain_config_refs(job.kind, data)


def _norm(path: str) -> str:
    return os.path.normcase(os.path.realpath(path))


def _resolve(value: str, referrer: str, root: str) -> List[str]:
    if os.path.isabs(value):
        return [_norm(value)]
    return [_norm(os.path.join(base, value)) for base in (root, os.path.dirname(referrer) or ".")]


def _shown(path: str, root: str) -> str:
    rel = os.path.relpath(path, root)
    return path if rel.startswith("..") else rel


def is_run_config_finding(finding) -> bool:
    from zenml_migrate.rules import get_rule, is_run_config_rule

    rule = get_rule(finding.code)
    return rule is not None and is_run_config_rule(rule)


def mark_readers(report, run_config: Optional[FrozenSet[str]] = None) -> Dict[str, List[str]]:
    """The legacy readers of the run configs the scan ``report`` has findings in, looked for
    among the files that scan discovered (the whole project's when explicit paths were widened
    to it: a run on one config sees the readers a run on the project sees; no second discovery;
    ``migrate scan`` and ``migrate code`` ask the same question of the same files), and the
    report's findings marked with them (``annotate``): ``{config path: [where it is read]}``.
    ``run_config``: the codes of the run-config rules selected (``rules.run_config_codes``)."""
    readers = readers_of(report.findings, jobs=report.project_jobs or report.jobs, refs=report.config_refs, run_config=run_config)
    report.findings = annotate(report.findings, readers)
    return readers


def readers_of(findings, paths=(), exclude=(), jobs=None, refs=None, run_config=None) -> Dict[str, List[str]]:
    """The legacy readers of the YAML run configs that have findings, among ``jobs`` (the files
    a scan discovered, ``refs`` its facts about them), else among the files below ``paths``; a
    config in the shape ``zenml pipeline run -c`` reads that neither a legacy reader nor a
    ``run(config_path=)`` call is seen reading: ``[UNSEEN_CLI]``. ``run_config``: the run-config
    rules' codes, when known (else each finding's rule is asked)."""
    from zenml_migrate.scan.run_config_refs import CLI_SHAPE

    def of_run_config(f) -> bool:
        return f.code in run_config if run_config is not None else is_run_config_finding(f)

    configs = {f.path for f in findings if of_run_config(f)}
    if not configs:
        return {}
    if jobs is None:
        from zenml_migrate.scan.discovery import discover

        jobs = discover(paths, exclude).jobs
    found, new = _split(_readers(configs, jobs, os.getcwd(), refs))
    shaped = {f.path for f in findings if f.fix and f.arg(CLI_SHAPE) and of_run_config(f)}
    found.update({path: [UNSEEN_CLI] for path in sorted(shaped) if path not in found and path not in new})
    return found


_READER_AT = re.compile(r"^(?P<path>.+?):(?P<line>\d+) (?P<how>\(.*\))$")


def after_fixes(readers: Dict[str, List[str]], fixes) -> Dict[str, List[str]]:
    """``readers`` with each reader's line as it is after this run's rewrite of its file (a TODO
    line written above ``zenml pipeline run -c`` moves it down): what the config's TODO names."""
    from zenml_migrate.fix.line_map import LineMap

    changed = {os.path.realpath(f.path): f for f in fixes if f.changed and not f.error}
    if not changed:
        return readers
    out: Dict[str, List[str]] = {}
    for config, entries in readers.items():
        moved = []
        for entry in entries:
            m = _READER_AT.match(entry)
            fix = changed.get(os.path.realpath(m["path"])) if m else None
            if fix is not None and fix.kind != "ipynb":  # a notebook reader is named by cell: its lines stay
                old, new = (_text(b) for b in (fix.old, fix.new))
                entry = f"{m['path']}:{LineMap(new, old).old_line(int(m['line']))} {m['how']}"
            moved.append(entry)
        out[config] = moved
    return out


def moved_messages(findings, before: Dict[str, List[str]], after: Dict[str, List[str]]):
    """``annotate``'s findings saying the reader's line as ``after_fixes`` moved it."""
    from dataclasses import replace

    out = []
    for f in findings:
        old, new = (before.get(f.path) or [""])[0], (after.get(f.path) or [""])[0]
        mark = f"(kept: {old}{_WHY})"
        if old != new and mark in f.message:
            f = replace(f, message=f.message.replace(mark, f"(kept: {new}{_WHY})"))
        out.append(f)
    return out


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def annotate(findings, readers: Dict[str, List[str]]):
    """``migrate scan``'s findings, where a run config's keys stay for a legacy reader marked
    not fixable (``migrate code --fix --unsafe-fixes`` keeps them), with who reads the file."""
    from dataclasses import replace

    from zenml_migrate.rules import get_rule

    if not readers:
        return findings
    out = []
    for f in findings:
        if f.path in readers and f.fix and is_run_config_finding(f):
            # a rule whose keys 0.20's legacy loader reads says so (its own message is about ``run(config_path=)``)
            said = get_rule(f.code).kept_message or f.message
            f = replace(f, fix=None, message=f"{said} (kept: {readers[f.path][0]}{_WHY})")
        out.append(f)
    return out
