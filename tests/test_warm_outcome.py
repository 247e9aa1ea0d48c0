"""A warm scan whose files are all as the results cache knows them takes the outcome of the
cross-file rounds from the cache (``ResultCache.last_run``): no phase-B search, no rescan. The
outcome is used only for the same files, module names, rule selection and paths reported, and
every change of a file, of the file set or of the cache by another run makes the rounds run
again; the findings are always those of a scan without a cache."""

import dataclasses

from tests.scan_helpers import write_tree
from zenml_migrate.rules import all_rules, select_rules
from zenml_migrate.scan import engine

STEP = "from zenml.steps import step\n\n\n@step\ndef trainer() -> int:\n    return 1\n"
# run.py reaches the step through mid.py, which never says "zenml": two rounds of phase B
MID = "from pkg.steps import trainer\n\nTRAINER = trainer\n"
RUN = "from pkg.mid import trainer\n\ntrainer(custom_step_operator='so')\n"


def _tree(root):
    files = {"pkg/__init__.py": "", "pkg/steps.py": STEP, "pkg/mid.py": MID, "pkg/run.py": RUN}
    files.update({f"pkg/plain{i}.py": f"import os\nVALUE = {i}\n" for i in range(5)})
    return write_tree(root, files)


def _scan(monkeypatch, cache_dir=None, rules=None, paths=(".",), project_root=None):
    """(findings and diagnostics as tuples, files parsed, phase-B searches made)."""
    searches = []
    importers = engine.importers
    monkeypatch.setattr(engine, "importers", lambda *a: searches.append(1) or importers(*a))
    settings = engine.ScanSettings(rules=rules or all_rules(), workers=1, cache_dir=cache_dir, project_root=project_root)
    report = engine.run_scan(list(paths), settings)
    out = [dataclasses.astuple(f) for f in report.findings] + [dataclasses.astuple(d) for d in report.diagnostics]
    return out, report.files_parsed, len(searches)


def test_a_warm_run_of_unchanged_files_makes_no_cross_file_search(tmp_path, monkeypatch):
    root = _tree(tmp_path / "tree")
    monkeypatch.chdir(root)
    cache = str(tmp_path / "cache")
    cold, parsed, searches = _scan(monkeypatch, cache)
    assert any(f[0] == "pkg/run.py" and f[2] == "ZM201" for f in cold)
    assert parsed == 3 and searches >= 2  # run.py found in the second round
    for _ in range(2):
        warm, parsed, searches = _scan(monkeypatch, cache)
        assert (warm, parsed, searches) == (cold, 0, 0)
    assert _scan(monkeypatch)[0] == cold  # no cache: the same findings


def _changed_tree_rescans(tmp_path, monkeypatch, change, search=True):
    """Cold and warm scan, ``change(root)``, then the warm scan must find what a scan without
    cache finds, searching again (``search``; with no zenml fact left there is nothing to search)."""
    root = _tree(tmp_path / "tree")
    monkeypatch.chdir(root)
    cache = str(tmp_path / "cache")
    _scan(monkeypatch, cache)
    assert _scan(monkeypatch, cache)[2] == 0
    change(root)
    after, _, searches = _scan(monkeypatch, cache)
    assert bool(searches) == search
    assert after == _scan(monkeypatch)[0]
    return after


def _codes(findings, path):
    return {f[2] for f in findings if f[0] == path}


def test_a_new_plain_file_is_searched(tmp_path, monkeypatch):
    new = lambda root: (root / "pkg/new.py").write_text("from pkg.mid import trainer\n\ntrainer(custom_step_operator='x')\n")  # noqa: E731
    assert "ZM201" in _codes(_changed_tree_rescans(tmp_path, monkeypatch, new), "pkg/new.py")


def test_a_removed_file_changes_the_outcome(tmp_path, monkeypatch):
    # every file left is unchanged, with its kept result: only the file set says the step is gone
    after = _changed_tree_rescans(tmp_path, monkeypatch, lambda root: (root / "pkg/steps.py").unlink(), search=False)
    assert "ZM201" not in _codes(after, "pkg/run.py")


def test_a_plain_file_that_starts_importing_the_step_is_searched(tmp_path, monkeypatch):
    change = lambda root: (root / "pkg/plain3.py").write_text("from pkg.mid import trainer\n\n\ntrainer(custom_step_operator='xyz')\n")  # noqa: E731
    assert "ZM201" in _codes(_changed_tree_rescans(tmp_path, monkeypatch, change), "pkg/plain3.py")


def test_a_step_module_that_changes_changes_its_users(tmp_path, monkeypatch):
    change = lambda root: (root / "pkg/steps.py").write_text("from zenml.steps import Output\n\n\ndef trainer() -> int:\n    return 2\n")  # noqa: E731
    assert "ZM201" not in _codes(_changed_tree_rescans(tmp_path, monkeypatch, change), "pkg/run.py")


def test_a_file_changed_under_another_selections_run_is_searched(tmp_path, monkeypatch):
    """The stamps of the files without zenml are shared by the rule selections: a run of another
    selection that saw a file change makes the first selection's kept outcome stale."""
    root = _tree(tmp_path / "tree")
    monkeypatch.chdir(root)
    cache = str(tmp_path / "cache")
    _scan(monkeypatch, cache)
    assert _scan(monkeypatch, cache)[2] == 0  # the full catalog's outcome is kept
    (root / "pkg/plain2.py").write_text("from pkg.mid import trainer\n\n\ntrainer(custom_step_operator='other')\n")
    selected = select_rules(["ZM101"])
    assert _scan(monkeypatch, cache, selected)[0] == _scan(monkeypatch, None, selected)[0]
    after, _, searches = _scan(monkeypatch, cache)  # the file is known now, with its new stamp
    assert searches > 0 and "ZM201" in _codes(after, "pkg/plain2.py")
    assert after == _scan(monkeypatch)[0]


def test_the_outcome_is_kept_per_paths_reported(tmp_path, monkeypatch):
    """``migrate scan FILE`` indexes the project around the file: its outcome is its own, and
    switching between it and a scan of the whole tree keeps both."""
    root = _tree(tmp_path / "tree")
    monkeypatch.chdir(root)
    cache = str(tmp_path / "cache")
    whole = _scan(monkeypatch, cache)[0]
    one = lambda c: _scan(monkeypatch, c, paths=["pkg/run.py"], project_root=".")  # noqa: E731
    first, _, searches = one(cache)
    assert searches > 0 and first == one(None)[0] and {f[0] for f in first} == {"pkg/run.py"}
    for _ in range(2):
        assert one(cache) == (first, 0, 0)
        assert _scan(monkeypatch, cache) == (whole, 0, 0)
