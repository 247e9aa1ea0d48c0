"""A cold scan of a big tree has its workers stat, read and prefilter the files
(``engine._PhaseA.triage``, ``triage.triage_chunk``): the report must be the one the main
process's own loop gives, whatever the files hold (phase-B importers, unreadable and vanished
files, kept sources, the results cache), and a file that kills its worker costs that file only."""

import dataclasses
import multiprocessing
import os
import subprocess

import pytest

from tests.scan_helpers import LEGACY, STEPS, USES_STEPS, write_tree
from zenml_migrate.rules import all_rules
from zenml_migrate.scan import engine, triage
from zenml_migrate.scan.cache import ResultCache, selection_key
from zenml_migrate.scan.engine import ScanSettings, run_scan
from zenml_migrate.scan.jobs import Selection


def _tree(root):
    files = {
        "pkg/__init__.py": "",
        "pkg/steps.py": STEPS,
        "pkg/run.py": USES_STEPS,  # no "zenml" in it: phase B
        "pkg/legacy.py": LEGACY,
        "pkg/big_plain.py": "x = 1\n" * 5000,
        "conf/run.yaml": "steps:\n  trainer:\n    parameters:\n      lr: 0.1\n",
        "nb.ipynb": '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}',
        "bad.py": b"from zenml.steps import step\nx = '\xff'\n",
        "broken.py": "from zenml.steps import step\ndef (:\n",
    }
    files.update({f"pkg/plain{i}.py": f"import os\nVALUE = {i}\n" for i in range(40)})
    write_tree(root, files)
    os.symlink("nowhere.py", root / "dangling.py")
    os.mkfifo(root / "fifo.py")
    return root


def _scan(root, monkeypatch, triage_min, **settings):
    monkeypatch.setattr(engine, "TRIAGE_MIN_FILES", triage_min)
    monkeypatch.chdir(root)
    report = run_scan(["."], ScanSettings(rules=all_rules(), workers=2, **settings))
    return report


def _same_output(a, b):
    assert [dataclasses.astuple(f) for f in a.findings] == [dataclasses.astuple(f) for f in b.findings]
    assert [dataclasses.astuple(d) for d in a.diagnostics] == [dataclasses.astuple(d) for d in b.diagnostics]
    assert a.project == b.project


def _same(a, b):
    _same_output(a, b)
    assert (a.files_seen, a.files_parsed, a.cached, a.project) == (b.files_seen, b.files_parsed, b.cached, b.project)
    assert a.sources == b.sources


def test_the_workers_triage_gives_the_main_loops_report(tmp_path, monkeypatch):
    root = _tree(tmp_path)
    by_main = _scan(root, monkeypatch, 10**9, keep_sources=True)
    by_workers = _scan(root, monkeypatch, 1, keep_sources=True)
    assert any(f.path == "pkg/run.py" for f in by_main.findings)  # phase B found it
    assert {d.path for d in by_main.diagnostics} >= {"dangling.py", "fifo.py", "broken.py"}
    assert by_main.sources and by_main.files_parsed >= 4
    _same(by_main, by_workers)


def test_the_workers_triage_fills_the_cache_as_the_main_loop_does(tmp_path, monkeypatch):
    root = _tree(tmp_path / "tree")
    reports, caches = [], []
    for triage_min in (10**9, 1):
        folder = tmp_path / f"cache{triage_min}"
        cold = _scan(root, monkeypatch, triage_min, cache_dir=str(folder))
        warm = _scan(root, monkeypatch, triage_min, cache_dir=str(folder))
        assert warm.cached == cold.files_parsed and warm.files_parsed == 0
        _same_output(cold, warm)
        reports.append(cold)
        loaded = _load(folder)
        assert loaded.entries  # the results of the selection scanned (all rules)
        caches.append((loaded.plain, loaded.entries, loaded.searches))
    _same(*reports)
    assert caches[0] == caches[1]


def _load(folder):
    (name,) = [n for n in os.listdir(folder) if n.endswith(".marshal")]
    return ResultCache(str(folder), name[len("scan-") : -len(".marshal")], selection_key(Selection(tuple(r.code for r in all_rules()))))


def test_a_warm_cache_keeps_the_main_loop(tmp_path, monkeypatch):
    root = _tree(tmp_path / "tree")
    folder = tmp_path / "cache"
    _scan(root, monkeypatch, 10**9, cache_dir=str(folder))
    assert not _load(folder).empty()
    monkeypatch.setattr(engine, "TRIAGE_MIN_FILES", 2000)
    assert not engine._triage_in_workers(10**6, 2, _load(folder))
    assert engine._triage_in_workers(10**6, 2, None)
    assert not engine._triage_in_workers(10**6, 1, None)


def test_a_file_that_kills_its_worker_costs_that_file_only(tmp_path, monkeypatch):
    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the crash is simulated in a forked worker")
    root = _tree(tmp_path)
    real = engine.scan_bytes

    def scan_or_die(job, data, ctx):
        if job.path == "pkg/legacy.py":
            os._exit(3)  # a native crash in the parser
        return real(job, data, ctx)

    monkeypatch.setattr("zenml_migrate.scan.file_scan.scan_bytes", scan_or_die)
    report = _scan(root, monkeypatch, 1)
    crashed = [d for d in report.diagnostics if d.path == "pkg/legacy.py"]
    assert crashed and "the analyser crashed on this file" in crashed[0].message
    assert not any(f.path == "pkg/legacy.py" for f in report.findings)
    assert any(f.path == "pkg/steps.py" for f in report.findings)
    assert any(f.path == "pkg/run.py" for f in report.findings)


def test_a_file_gone_from_the_work_tree_is_skipped(tmp_path, monkeypatch):
    root = _tree(tmp_path)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "pkg"], cwd=root, check=True)
    os.remove(root / "pkg/plain3.py")
    by_main = _scan(root, monkeypatch, 10**9)
    by_workers = _scan(root, monkeypatch, 1)
    assert not any(d.path == "pkg/plain3.py" for d in by_main.diagnostics)
    _same(by_main, by_workers)


def test_stat_and_read_answers():
    from zenml_migrate.scan.file_scan import FileJob

    job = FileJob("/no/such/file.py", "py")
    assert triage.stat_job(job) == (None, None)


def test_the_module_names_are_computed_once_for_the_workers(tmp_path, monkeypatch):
    """The project's module names (``ScanReport.modules``) are computed by the main process,
    once, and reach the forked triage workers: each worker used to compute them again before its
    first file (~20 ms each on a 20,000-file tree)."""
    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the workers get the names pickled")
    from zenml_migrate.scan import discovery

    calls = tmp_path / "calls"
    real = discovery.project_modules

    def counted(jobs):
        with open(calls, "a") as fh:
            fh.write(f"{os.getpid()}\n")
        return real(jobs)

    monkeypatch.setattr(discovery, "project_modules", counted)
    monkeypatch.setattr(engine, "project_modules", counted)
    root = _tree(tmp_path / "tree")
    by_workers = _scan(root, monkeypatch, 1)
    assert calls.read_text().split() == [str(os.getpid())]
    monkeypatch.setattr(engine, "project_modules", real)
    monkeypatch.setattr(discovery, "project_modules", real)
    _same_output(by_workers, _scan(root, monkeypatch, 10**9))


@pytest.mark.parametrize("triage_min", [10**9, 1], ids=["main loop", "workers"])
def test_discovery_s_lstat_is_the_scan_s_stamp(tmp_path, monkeypatch, triage_min):
    """In a git work tree discovery lstat-s every listed file (a link is not scanned twice); the
    scan takes that answer as the stamp of a regular file, cold and warm, instead of a second
    os.stat of each (perf29: 21,042 system calls less on the benchmark's 20,000-file tree). A
    link, a FIFO and a file gone are still asked (and said) as before: the report is the same."""
    root = _tree(tmp_path / "tree")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    os.remove(root / "pkg/plain3.py")
    expected = _scan(root, monkeypatch, triage_min, cache_dir=str(tmp_path / "ref-cache"))
    calls = []
    real_stat = os.stat

    def counted(path, *args, **kw):
        calls.append(os.fspath(path))
        return real_stat(path, *args, **kw)

    monkeypatch.setattr(os, "stat", counted)
    cache = str(tmp_path / "cache")
    for run in ("cold", "warm"):
        calls.clear()
        report = _scan(root, monkeypatch, triage_min, cache_dir=cache)
        _same_output(report, expected)
        if triage_min == 1 and run == "cold":
            continue  # the workers' calls are not seen here
        asked = {p for p in calls if p.startswith("pkg/plain") or p == "pkg/steps.py"} - {"pkg/plain3.py"}  # (gone: asked)
        assert asked == set(), (run, sorted(asked))
