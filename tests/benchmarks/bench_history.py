"""Benchmark of the run-history migration (issue 9; not a timed test).

    .venv/bin/python tests/benchmarks/bench_history.py [--runs 1000] [--steps 10]

Builds a 0.13.2 config dir from the real ``fixtures/configs/history`` (its profile, stacks and
the real 0.13.2 ``metadata.db`` schema, types and property shapes), replays RUNS runs of one
STEPS-step chain pipeline into its default metadata store (every step reads the previous step's
output, as 0.13.2 records it: output event, later input event, one legacy ``zenml`` and one
``execution_cache`` context per step), makes a fresh 0.20.5 store from the real dumps
(``tests/profiles/store020.sql`` + ``mlmd020.sql``) and prints the seconds for reading, planning
and the one-transaction ``--store`` write. Target: plan and import of 1,000 runs of 10 steps
within 30 s.
"""

import argparse
import json
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from zenml_migrate.profiles.plan import PlanOptions, build_plan  # noqa: E402
from zenml_migrate.profiles.readers import read_legacy  # noqa: E402
from zenml_migrate.profiles.targets.store import StoreTarget  # noqa: E402

FIXTURE = ROOT / "fixtures" / "configs" / "history" / "zenml_config"
DUMPS = [ROOT / "tests" / "profiles" / "store020.sql", ROOT / "tests" / "profiles" / "mlmd020.sql"]


def replay(db: Path, artifact_root: Path, runs: int, steps: int, fan_in: int = 1) -> None:
    """Empty the real metadata.db (schema and base types kept) and fill it with synthetic runs. ``fan_in``:
    outputs per step, each an input of the next step (``output``, ``output_1``, ... read as ``data``, ``data_1``, ...)."""
    outs = ["output"] + [f"output_{i}" for i in range(1, fan_in)]
    ins = ["data"] + [f"data_{i}" for i in range(1, fan_in)]
    conn = sqlite3.connect(db)
    template = dict(conn.execute(
        "SELECT p.name, p.string_value FROM ContextProperty p JOIN Context c ON c.id = p.context_id "
        "JOIN Type t ON t.id = c.type_id WHERE t.name = 'zenml' AND c.id = (SELECT MIN(c2.id) FROM Context c2 "
        "JOIN Type t2 ON t2.id = c2.type_id WHERE t2.name = 'zenml')"))
    for table in ("Context", "ContextProperty", "Execution", "ExecutionProperty", "Artifact", "ArtifactProperty",
                  "Event", "EventPath", "Association", "Attribution"):
        conn.execute(f"DELETE FROM {table}")
    types = {name: tid for tid, name in conn.execute("SELECT id, name FROM Type")}
    next_type = max(types.values()) + 1
    step_types = []
    for s in range(steps):
        conn.execute("INSERT INTO Type (id, name, type_kind) VALUES (?, ?, 0)", (next_type, f"steps.chain.step_{s}"))
        step_types.append(next_type)
        next_type += 1
    art_type = types["DataArtifact"]
    ids = {"ctx": 1, "ex": 1, "art": 1, "ev": 1, "assoc": 1, "attr": 1}

    def take(k):
        ids[k] += 1
        return ids[k] - 1

    rows = {k: [] for k in ("Context", "ContextProperty", "Execution", "ExecutionProperty", "Artifact",
                            "ArtifactProperty", "Event", "EventPath", "Association", "Attribution")}
    t = 1_700_000_000_000
    pipeline_ctx = take("ctx")
    rows["Context"].append((pipeline_ctx, types["pipeline"], "chain_pipeline", t, t))
    nodes, legacy = [], []
    for s in range(steps):
        node = take("ctx")
        rows["Context"].append((node, types["node"], f"chain_pipeline.step_{s}", t, t))
        z = take("ctx")
        rows["Context"].append((z, types["zenml"], f"{s:032x}", t, t))
        for name, value in template.items():
            if name == "materializer_sources":
                value = json.dumps({o: "zenml.materializers.built_in_materializer.BuiltInMaterializer@zenml_0.13.2" for o in outs})
            rows["ContextProperty"].append((z, name, 1, None, None, value, None))
        nodes.append(node)
        legacy.append(z)
    for r in range(runs):
        t += 1000
        run_ctx = take("ctx")
        rows["Context"].append((run_ctx, types["pipeline_run"], f"chain_run_{r}", t, t))
        prev_arts = []
        for s in range(steps):
            t += 10
            ex = take("ex")
            rows["Execution"].append((ex, step_types[s], 3, f"{r:08x}-{s:04x}-4000-8000-000000000000", t, t + 5))
            for name, value in (("zenml-pipeline_parameter_name", f'"step_{s}"'), ("zenml-step_source", '"0"'),
                                ("zenml-custom_step_operator", "null"), *((f"zenml-{o}_materializer_source", '"0"') for o in outs),
                                ("factor", str(s))):
                rows["ExecutionProperty"].append((ex, name, 1, None, None, value, None))
            cache = take("ctx")
            rows["Context"].append((cache, types["execution_cache"], f"{r}-{s}", t, t))
            for cid in (pipeline_ctx, run_ctx, nodes[s], legacy[s], cache):
                rows["Association"].append((take("assoc"), cid, ex))
            for prev_art, name in zip(prev_arts, ins):
                ev = take("ev")
                rows["Event"].append((ev, prev_art, ex, 3, t + 1))
                rows["EventPath"] += [(ev, 0, None, name), (ev, 1, 0, None)]
            prev_arts = []
            for out in outs:
                art = take("art")
                uri = artifact_root / f"step_{s}" / out / str(ex)
                uri.mkdir(parents=True)
                rows["Artifact"].append((art, art_type, str(uri), 2, f"chain_pipeline:chain_run_{r}:step_{s}:{out}:0", t + 5, t + 5))
                rows["ArtifactProperty"] += [
                    (art, "materializer", 0, None, None, "zenml.materializers.built_in_materializer.BuiltInMaterializer@zenml_0.13.2", None),
                    (art, "datatype", 0, None, None, "builtins.int", None),
                ]
                ev = take("ev")
                rows["Event"].append((ev, art, ex, 4, t + 5))
                rows["EventPath"] += [(ev, 0, None, out), (ev, 1, 0, None)]
                for cid in (pipeline_ctx, run_ctx, nodes[s], legacy[s], cache):
                    rows["Attribution"].append((take("attr"), cid, art))
                prev_arts.append(art)
    for table, data in rows.items():
        if data:
            conn.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(data[0]))})", data)
    conn.commit()
    conn.close()


def synthetic_config(cfg: Path, runs: int, steps: int, fan_in: int = 1) -> Path:
    """A copy of the real fixture config dir at ``cfg`` whose default metadata store holds only ``replay``'s
    runs (the other metadata stores removed); returns that metadata.db."""
    shutil.copytree(FIXTURE, cfg)
    dbs = sorted(cfg.glob("local_stores/*/metadata.db"))
    default_store = next(p for p in (cfg / "local_stores").iterdir() if not (p / "metadata.db").exists())
    # the default metadata store of the fixture: the one whose runs ran on the `default` stack
    db = max(dbs, key=lambda p: p.stat().st_size)
    for other in dbs:
        if other != db:
            other.unlink()
    replay(db, default_store, runs, steps, fan_in)
    return db


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--steps", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-history-") as tmp:
        cfg = Path(tmp) / "zenml_config"
        start = time.perf_counter()
        db = synthetic_config(cfg, args.runs, args.steps)
        made = time.perf_counter() - start
        store_cfg = Path(tmp) / "store"
        store_db = store_cfg / "local_stores" / "default_zen_store" / "zenml.db"
        store_db.parent.mkdir(parents=True)
        conn = sqlite3.connect(store_db)
        for dump in DUMPS:
            conn.executescript(dump.read_text())
        conn.commit()
        conn.close()
        (store_cfg / "config.yaml").write_text(f"store:\n  type: sql\n  url: sqlite:///{store_db}\nversion: 0.20.5\n")

        t0 = time.perf_counter()
        legacy = read_legacy(str(cfg))
        t1 = time.perf_counter()
        target = StoreTarget(config_dir=str(store_cfg))
        plan = build_plan(legacy, target.existing("default"), PlanOptions(target=target.describe()))
        t2 = time.perf_counter()
        result = target.write(plan)
        t3 = time.perf_counter()
        moved = [r for r in plan.writable_runs()]
        conn = sqlite3.connect(store_db)
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("pipelinerunschema", "steprunschema", "artifactschema", "Execution")}
        conn.close()
        print(f"synthetic metadata.db: {args.runs} runs x {args.steps} steps (made in {made:.1f}s, {db.stat().st_size / 1e6:.1f} MB)")
        print(f"read:  {t1 - t0:6.2f}s")
        print(f"plan:  {t2 - t1:6.2f}s  ({len(moved)} runs to migrate, {sum(r.steps for r in moved)} steps)")
        print(f"write: {t3 - t2:6.2f}s  ({', '.join(result.created[-1:])})")
        print(f"total: {t3 - t0:6.2f}s  (target: 30 s)  store rows: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
