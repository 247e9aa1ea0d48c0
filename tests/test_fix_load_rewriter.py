"""The rewriter (LibCST, the codemods) is imported once in the main process before the fix pool
forks more than one worker, instead of once in each worker on its first file; never when no
Python file or notebook has a finding the run rewrites (LibCST only when a file needs rewriting).
Each case runs in a fresh interpreter: what is imported is the question."""

import json
import multiprocessing
import subprocess
import sys

import pytest

PROBE = """
import json, multiprocessing, sys
if sys.argv[4] != "default":
    multiprocessing.set_start_method(sys.argv[4])
from zenml_migrate.findings import Finding, Span
from zenml_migrate.fix import files
from zenml_migrate.scan import pool
from zenml_migrate.fix.result import FixOptions
from zenml_migrate.scan.file_scan import FileJob

items = []
for kind, fix, count in json.loads(sys.argv[1]):
    for i in range(count):
        finding = Finding("m.py", Span(1, 1, 1, 5), "ZM101", "msg", fix=fix)
        items.append((FileJob(f"m{i}.{kind}", kind), b"", (), [finding]))
started = []
pool.run_chunks = lambda items, *a, **k: started.append(len(items)) or []  # no pool: what was imported before it
files.fix_many(items, [], FixOptions(unsafe=sys.argv[2] == "unsafe"), {}, set(), int(sys.argv[3]))
loaded = [m for m in ("libcst", "zenml_migrate.fix.rewrite", "zenml_migrate.fix.dangling", "zenml_migrate.codemods.renames") if m in sys.modules]
assert started == [len(items)], started
print("LOADED", ",".join(loaded))
"""


def _loaded(spec, mode="safe", workers=2, start="default"):
    out = subprocess.run([sys.executable, "-c", PROBE, json.dumps(spec), mode, str(workers), start], capture_output=True, text=True, timeout=120)
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("LOADED")), None)
    assert line is not None, out.stderr
    return [m for m in line[len("LOADED") :].strip().split(",") if m]


def test_several_workers_get_the_rewriter_from_the_main_process():
    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the workers are not forks of the main process here")
    loaded = _loaded([["py", "safe", 20]])
    assert loaded == ["libcst", "zenml_migrate.fix.rewrite", "zenml_migrate.fix.dangling", "zenml_migrate.codemods.renames"]


def test_spawned_workers_import_it_themselves():
    assert _loaded([["py", "safe", 20]], start="spawn") == []  # the main process would import it for nothing


def test_an_unsafe_fix_counts_only_with_unsafe_fixes():
    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the workers are not forks of the main process here")
    assert _loaded([["py", "unsafe", 20]]) == []
    assert "libcst" in _loaded([["py", "unsafe", 20]], mode="unsafe")


def test_no_rewriter_without_a_python_rewrite_or_with_one_worker():
    assert _loaded([["py", None, 20]]) == []  # findings without a fix: TODO lines only
    assert _loaded([["yaml", "safe", 20]]) == []  # a YAML fix needs no LibCST
    assert _loaded([["py", "safe", 20]], workers=1) == []  # one worker imports it itself: nothing to share
    assert _loaded([["py", "safe", 8]]) == []  # 8 files are one chunk: one worker
