"""A warm scan after ONE file changed parses that file only: the results cache keeps a file's
results with cross-file facts by facts digest, several per file (``cache.FACTS_KEPT``), so a file
scanned again in several rounds of the cross-file search finds each round's result again in the
next run (it kept only the last round's, and every such file was parsed again in each earlier
round). The findings are those of a scan without a cache."""

import dataclasses
from collections import Counter

from tests.scan_helpers import write_tree
from zenml_migrate.rules import all_rules
from zenml_migrate.scan import engine

STEP = "from zenml.steps import step\n\n\n@step\ndef trainer() -> int:\n    return 1\n"
# wire.py imports the step module and mid.py, which re-exports the step without saying "zenml":
# the first round finds wire.py by pkg.steps, the second scans it again with mid.py's new facts
MID = "from pkg.steps import trainer\n\nTRAINER = trainer\n"
WIRE = (
    "from pkg.steps import trainer\nfrom pkg.mid import TRAINER\n\n"
    "trainer(custom_step_operator='a')\nTRAINER(custom_step_operator='b')\n"
)
OTHER = "from zenml.steps import step\n\n\n@step\ndef loader() -> int:\n    return 2\n"


def _scan(monkeypatch, cache_dir=None):
    """(findings and diagnostics as tuples, the number of parses of each path)."""
    parses = Counter()
    scan_bytes = engine.scan_bytes
    monkeypatch.setattr(engine, "scan_bytes", lambda job, *a: parses.update([job.path]) or scan_bytes(job, *a))
    report = engine.run_scan(["."], engine.ScanSettings(rules=all_rules(), workers=1, cache_dir=cache_dir))
    out = [dataclasses.astuple(f) for f in report.findings] + [dataclasses.astuple(d) for d in report.diagnostics]
    return out, parses


def test_after_one_file_changed_only_that_file_is_parsed(tmp_path, monkeypatch):
    files = {"pkg/__init__.py": "", "pkg/steps.py": STEP, "pkg/mid.py": MID, "pkg/wire.py": WIRE, "pkg/other.py": OTHER}
    root = write_tree(tmp_path / "tree", files)
    monkeypatch.chdir(root)
    cache = str(tmp_path / "cache")
    cold, parses = _scan(monkeypatch, cache)
    assert parses["pkg/wire.py"] == 2  # the shape this test is about: two rounds
    assert {f[2] for f in cold if f[0] == "pkg/wire.py"} >= {"ZM201"}
    for edit in range(3):
        (root / "pkg/other.py").write_text(OTHER + f"# edit {edit}\n")
        warm, parses = _scan(monkeypatch, cache)
        assert dict(parses) == {"pkg/other.py": 1}
        assert warm == _scan(monkeypatch)[0]  # no cache: the same findings


def test_a_changed_fact_still_scans_its_users_again(tmp_path, monkeypatch):
    files = {"pkg/__init__.py": "", "pkg/steps.py": STEP, "pkg/mid.py": MID, "pkg/wire.py": WIRE, "pkg/other.py": OTHER}
    root = write_tree(tmp_path / "tree", files)
    monkeypatch.chdir(root)
    cache = str(tmp_path / "cache")
    _scan(monkeypatch, cache)
    (root / "pkg/mid.py").write_text("TRAINER = print\n")  # mid.py no longer re-exports the step
    warm, parses = _scan(monkeypatch, cache)
    assert parses["pkg/wire.py"] >= 1
    assert warm == _scan(monkeypatch)[0]
