"""Benchmark of `migrate profiles` on a synthetic 0.13.2 config dir (not a timed test).

    .venv/bin/python tests/benchmarks/bench_profiles.py [--stacks 1000] [--components 5000]

Prints the seconds for: reading the config dir, building the plan, writing the bundle.
Target (issue 4): plan (+ write) for 1,000 stacks and 5,000 components within 2 seconds.
File creation speed dominates the bundle write: on this machine /tmp creates files ~15x
slower than /work or /dev/shm, so the scratch dir is printed (TMPDIR chooses it).
The store target adds its own numbers with the same ``make_synthetic_config``.
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from tests.profiles.legacy_dirs import synthetic_components, write_config, write_profile  # noqa: E402


def make_synthetic_config(directory, stacks: int = 1000, components: int = 5000) -> Path:
    """A 0.13.2 config dir with one local YAML-store profile of that many stacks / components."""
    cfg = Path(directory)
    comps, stack_defs = synthetic_components(cfg, stacks, components)
    first = next(iter(stack_defs))
    write_config(cfg, {"default": {"active_stack": first}})
    write_profile(cfg, "default", comps, stack_defs)
    return cfg


def main() -> int:
    from zenml_migrate.profiles.plan import PlanOptions, build_plan
    from zenml_migrate.profiles.readers import read_legacy
    from zenml_migrate.profiles.targets.bundle import BundleTarget

    parser = argparse.ArgumentParser()
    parser.add_argument("--stacks", type=int, default=1000)
    parser.add_argument("--components", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cfg = make_synthetic_config(Path(tmp) / "cfg", args.stacks, args.components)
        t0 = time.perf_counter()
        legacy = read_legacy(str(cfg))
        t1 = time.perf_counter()
        target = BundleTarget(str(Path(tmp) / "bundle"))
        plan = build_plan(legacy, target.existing("default"), PlanOptions(import_safe_names=True, target=target.describe()))
        t2 = time.perf_counter()
        target.write(plan)
        t3 = time.perf_counter()
    n_c = len(plan.components)
    print(f"scratch dir: {tempfile.gettempdir()} (set TMPDIR to measure another filesystem)")
    print(f"synthetic config: {args.stacks} stacks, {args.components} components (+ defaults): planned {len(plan.stacks)} stacks, {n_c} components")
    print(f"read   {t1 - t0:6.3f} s")
    print(f"plan   {t2 - t1:6.3f} s")
    print(f"bundle {t3 - t2:6.3f} s")
    total = t3 - t0
    print(f"total  {total:6.3f} s (read + plan + bundle write; target 2 s) -> {'OK' if total <= 2 else 'TOO SLOW'}")
    bench_store(legacy)
    return 0


def bench_store(legacy) -> None:
    """--store: plan against the store, then one transaction, into a fresh 0.20.5 store
    (tests/profiles/store020.sql, dumped from the store the real 0.20.5 creates)."""
    import sqlite3

    from zenml_migrate.profiles.plan import PlanOptions, build_plan
    from zenml_migrate.profiles.targets.store import StoreTarget

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "zenml.db"
        conn = sqlite3.connect(db)
        conn.executescript((ROOT / "tests" / "profiles" / "store020.sql").read_text())
        conn.commit()
        conn.close()
        target = StoreTarget(str(db), config_dir=tmp)
        t0 = time.perf_counter()
        existing = target.existing("default")
        plan = build_plan(legacy, existing, PlanOptions(target=target.describe()))
        t1 = time.perf_counter()
        result = target.write(plan)
        t2 = time.perf_counter()
        again = build_plan(legacy, target.existing("default"), PlanOptions(target=target.describe()))
        t3 = time.perf_counter()
    print(f"store: created {len(result.created)} items ({len(plan.writable()[2])} stacks, {len(plan.writable()[1])} components) into {db.name}")
    print(f"store plan   {t1 - t0:6.3f} s (existing + plan)")
    print(f"store write  {t2 - t1:6.3f} s (backup + one transaction)")
    print(f"store total  {t2 - t0:6.3f} s (target 2 s) -> {'OK' if t2 - t0 <= 2 else 'TOO SLOW'}")
    done = sum(1 for s in again.stacks if s.action.value == "already migrated")
    print(f"store re-plan {t3 - t2:6.3f} s: {done}/{len(again.stacks)} stacks already migrated")


if __name__ == "__main__":
    sys.exit(main())
