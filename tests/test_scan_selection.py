"""review28 P6: the release a fix writes for is a field of what the scan hands its workers and keys
its cache with (``file_scan.Selection``), not a pseudo rule code (``"@target=0.20.0"``) that every
reader of the rule codes has to skip."""

from zenml_migrate.rules import all_rules
from zenml_migrate.scan import pool
from zenml_migrate.scan.cache import selection_key
from zenml_migrate.scan.engine import ScanSettings, run_scan
from zenml_migrate.scan.jobs import Selection

LEGACY = "from zenml.steps import BaseStepConfig, step\n\n\nclass C{i}(BaseStepConfig):\n    a: int = 1\n"


def test_the_workers_get_the_rule_codes_and_the_target_apart(tmp_path, monkeypatch):
    seen = []
    real = pool.ChunkStream

    def recording(work, init, init_args, *rest, **kw):
        seen.append(init_args)
        return real(work, init, init_args, *rest, **kw)

    monkeypatch.setattr(pool, "ChunkStream", recording)
    for i in range(60):  # enough files for a pool (engine.POOL_MIN_FILES)
        (tmp_path / f"m{i}.py").write_text(LEGACY.format(i=i))
    rules = all_rules()
    report = run_scan([str(tmp_path)], ScanSettings(rules=rules, workers=2, target="0.20.0"))
    assert report.findings
    assert seen, "no pool was started"
    selection = seen[0][0]
    assert selection == Selection(tuple(r.code for r in rules), "0.20.0")
    assert set(selection.codes) <= {r.code for r in rules}  # nothing but rule codes


def test_a_worker_reads_the_target_from_the_selection():
    codes = ("ZM002", "ZM101")
    pool.init_worker(Selection(codes, "0.20.5"), {}, set())
    assert pool.worker().ctx.target == "0.20.5"
    assert sorted(r.code for r in pool.worker().rules) == sorted(c for c in codes if c in {r.code for r in all_rules()})
    pool.init_worker(Selection(codes), {}, set())
    assert pool.worker().ctx.target is None


def test_the_cache_keeps_the_results_of_each_target_apart():
    codes = tuple(r.code for r in all_rules())
    keys = {selection_key(Selection(codes)), selection_key(Selection(codes, "0.20.0")), selection_key(Selection(codes, "0.20.5"))}
    assert len(keys) == 3
    assert selection_key(Selection(codes[1:])) != selection_key(Selection(codes))
