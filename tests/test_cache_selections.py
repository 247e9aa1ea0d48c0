"""The results cache and ``--select/--ignore``: what the prefilter and the phase-B search know
of a file does not depend on the rules, so a run with another rule selection reads only the
files that mention zenml (and the phase-B importers) again, and each selection's results stay
in the one cache file (the last ``SELECTIONS_KEPT`` selections): switching between a full scan
and a selected one no longer makes both cold. The results themselves are per selection: which
rules run changes the other rules' findings (here ZM112 is resolved by ZM461's fix only when
ZM461 runs too)."""

import dataclasses
import os

from tests.scan_helpers import LEGACY, STEPS, USES_STEPS, write_tree
from zenml_migrate.rules import all_rules, select_rules
from zenml_migrate.scan import cache as cache_module
from zenml_migrate.scan import cross_file, triage
from zenml_migrate.scan.engine import ScanSettings, run_scan

REMOVED = "from zenml.zen_stores.models import StackWrapper\nx = StackWrapper\n"
ZENML_FILES = {"pkg/steps.py", "pkg/legacy.py", "pkg/removed.py"}


def _tree(root):
    files = {"pkg/__init__.py": "", "pkg/steps.py": STEPS, "pkg/run.py": USES_STEPS, "pkg/legacy.py": LEGACY, "pkg/removed.py": REMOVED}
    files.update({f"pkg/plain{i}.py": f"import os\nVALUE = {i}\n" for i in range(30)})
    return write_tree(root, files)


def _scan(root, monkeypatch, rules, cache_dir=None):
    read = []
    for module in (triage, cross_file):  # the scan's reads, and phase B's
        monkeypatch.setattr(module, "read_file", lambda path, *a, real=module.read_file: read.append(path) or real(path, *a))
    monkeypatch.chdir(root)
    report = run_scan(["."], ScanSettings(rules=rules, workers=1, cache_dir=cache_dir))
    return report, set(read)


def _output(report):
    return [dataclasses.astuple(f) for f in report.findings], [dataclasses.astuple(d) for d in report.diagnostics]


def test_a_selection_reads_only_the_zenml_files_again_and_keeps_the_full_scans_results(tmp_path, monkeypatch):
    root = _tree(tmp_path / "tree")
    folder = str(tmp_path / "cache")
    selected = select_rules(["ZM112", "ZM201"])
    full_cold, read = _scan(root, monkeypatch, all_rules(), folder)
    assert len(read) == 35 and full_cold.files_parsed == 4  # 3 mention zenml, pkg/run.py found by phase B
    assert read >= ZENML_FILES | {"pkg/run.py", "pkg/plain0.py"}

    alone, _ = _scan(root, monkeypatch, selected)  # no cache: what the selection finds
    selection_cold, read = _scan(root, monkeypatch, selected, folder)
    assert _output(selection_cold) == _output(alone)
    assert read == ZENML_FILES | {"pkg/run.py"}  # every plain file answered by its stamp; phase B's importer read to be parsed
    assert selection_cold.files_parsed == 4

    full_warm, read = _scan(root, monkeypatch, all_rules(), folder)
    assert _output(full_warm) == _output(full_cold)
    assert full_warm.files_parsed == 0 and full_warm.cached == 4
    # phase B's importer is read before its cached result is looked up: the selection's cold run
    # changed the cache, which dropped the outcome of the full scan's rounds (``ResultCache.runs``)
    assert read == {"pkg/run.py"}
    selection_warm, read = _scan(root, monkeypatch, selected, folder)
    assert _output(selection_warm) == _output(alone)
    # the full scan changed nothing but added its outcome: the selection's is kept, no phase B
    assert selection_warm.files_parsed == 0 and read == set()
    assert len([n for n in os.listdir(folder) if n.endswith(".marshal")]) == 1

    # the results are the selection's own: ZM112 is fixed by ZM461 only when ZM461 runs
    fix = lambda report: {f.fix for f in report.findings if f.code == "ZM112"}  # noqa: E731
    assert fix(full_cold) == {"safe"} and fix(alone) == {None}


def test_the_last_selections_used_are_kept(tmp_path, monkeypatch):
    root = _tree(tmp_path / "tree")
    folder = str(tmp_path / "cache")
    _scan(root, monkeypatch, all_rules(), folder)
    others = [["ZM101"], ["ZM108"], ["ZM201"], ["ZM112"]]
    for codes in others[: cache_module.SELECTIONS_KEPT - 1]:
        _scan(root, monkeypatch, select_rules(codes), folder)
    assert _scan(root, monkeypatch, all_rules(), folder)[0].files_parsed == 0  # still kept
    for codes in others:
        _scan(root, monkeypatch, select_rules(codes), folder)
    assert _scan(root, monkeypatch, all_rules(), folder)[0].files_parsed == 4  # the oldest went
