"""Faults: ``kill -9`` of ``migrate code --fix`` and ``migrate profiles --store/--bundle`` at random
points, then the checks issue 13 asks for: every file is its original or its fully fixed
version (never half), the store is unchanged or fully migrated, the next run finishes the job
(the active stack set, temp files and journals gone) and changes nothing else.

Three kill points per command by default (spread over the measured run time, a fixed
seed); ``ZENML_MIGRATE_KILL_POINTS=N`` tries N. The narrow windows a random kill rarely hits
(after the store COMMIT but before config.yaml; between the two renames of a bundle swap; a temp
file written but not yet renamed) are hit on purpose by the ``window`` tests.
"""

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.hostile.code_cases import LEGACY
from tests.hostile.harness import child_env, snapshot
from tests.hostile.profile_cases import Secrets, secret_config, store020

POINTS = int(os.environ.get("ZENML_MIGRATE_KILL_POINTS", "3"))
DB = Path("z20") / "local_stores" / "default_zen_store" / "zenml.db"


def _start(root: Path, *args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "zenml_migrate", *args], cwd=root, env=child_env(root, {}),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)


def _run(root: Path, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "zenml_migrate", *args], cwd=root, env=child_env(root, {}),
                          capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)


def _timed(root: Path, *args) -> float:
    start = time.monotonic()
    _run(root, *args)
    return time.monotonic() - start


def _kill_after(root: Path, seconds: float, *args) -> None:
    """``kill -9`` the run after ``seconds``; its pool workers must then end by themselves
    (else every killed run would leave processes waiting forever)."""
    proc = _start(root, *args)
    time.sleep(seconds)
    workers = _children(proc.pid)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    try:
        deadline = time.monotonic() + 30  # they notice within a second; the margin is for a loaded machine
        while _running(workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _running(workers), f"kill at {seconds:.2f} s: workers {_running(workers)} outlived the run"
    finally:
        for pid in _running(workers):  # never leave our own processes behind, whatever failed
            os.kill(pid, signal.SIGKILL)


def _stat(pid: int):
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()  # [state, ppid, ...]
    except OSError:
        return None


def _children(pid: int):
    """The processes ``pid`` started (Linux /proc; elsewhere none are checked)."""
    if not os.path.isdir("/proc"):
        return []
    return [int(p) for p in os.listdir("/proc") if p.isdigit() and (_stat(int(p)) or [None, None])[1] == str(pid)]


def _running(pids):
    return [pid for pid in pids if (_stat(pid) or ["Z"])[0] not in ("Z", "X")]


def _points(duration: float, seed: str):
    rng = random.Random(seed)
    return sorted(rng.uniform(0.05, duration * 1.1) for _ in range(POINTS))


def _temp_files(root: Path):
    return [p for p in root.rglob("*") if "zenml-migrate-" in p.name and p.name != ".zenml-migrate-bundle.json"]


# ------------------------------------------------------------------ code --fix

def _code_project(root: Path, files: int = 16) -> None:
    proj = root / "proj"
    proj.mkdir(parents=True)
    for i in range(files):
        (proj / f"m{i:03d}.py").write_text(LEGACY + "".join(f"\ndef f{j}():\n    return Repository().active_stack_name\n" for j in range(20)))
    os.chmod(proj / "m000.py", 0o640)


def test_kill_code_fix_at_random_points(tmp_path):
    ref = tmp_path / "ref"
    _code_project(ref)
    originals = {p.name: p.read_bytes() for p in (ref / "proj").iterdir()}
    duration = _timed(ref, "code", "--fix", "--no-cache", "proj")
    fixed = {p.name: p.read_bytes() for p in (ref / "proj").iterdir()}
    assert all(fixed[n] != originals[n] for n in originals)
    for k, at in enumerate(_points(duration, "code-fix")):
        root = tmp_path / f"kill{k}"
        _code_project(root)
        _kill_after(root, at, "code", "--fix", "--no-cache", "proj")
        for p in sorted((root / "proj").iterdir()):
            if "zenml-migrate-" in p.name:
                continue  # a temp file the kill left: swept by the next run (checked below)
            assert p.read_bytes() in (originals[p.name], fixed[p.name]), f"kill at {at:.2f} s: {p.name} is half written"
        assert oct(os.stat(root / "proj" / "m000.py").st_mode & 0o777) == oct(0o640)
        again = _run(root, "code", "--fix", "--no-cache", "proj")
        assert again.returncode in (0, 1), again.stderr
        assert {p.name: p.read_bytes() for p in (root / "proj").iterdir()} == fixed, f"kill at {at:.2f} s: the next run did not finish"
        assert not _temp_files(root), f"kill at {at:.2f} s: temp files left after the next run: {_temp_files(root)}"


def test_window_temp_file_written_not_renamed(tmp_path, monkeypatch):
    """Killed after the temp file is complete but before ``os.replace``: the file is the original,
    the next run sweeps the temp file and fixes it."""
    from zenml_migrate.fix import write

    _code_project(tmp_path, files=1)
    target = tmp_path / "proj" / "m000.py"
    before = target.read_bytes()

    def killed(*args):
        raise KeyboardInterrupt  # what SIGKILL would leave: the temp file stays only because we fake the kill below

    monkeypatch.setattr(write.os, "replace", killed)
    from zenml_migrate.fix.files import fix_file

    monkeypatch.setattr(write.os, "unlink", lambda p: None)  # a real kill cleans nothing up
    with pytest.raises(KeyboardInterrupt):
        fix_file(str(target), write=True)
    monkeypatch.undo()
    assert target.read_bytes() == before
    left = _temp_files(tmp_path)
    assert left, "the fake kill left no temp file to sweep"
    for p in left:  # as if written by a process that is gone
        p.rename(p.with_name(p.name.replace(f"-{os.getpid()}-", "-999999999-")))
    again = _run(tmp_path, "code", "--fix", "--no-cache", "proj")
    assert again.returncode == 1, again.stderr
    assert target.read_bytes() != before and not _temp_files(tmp_path)


# ------------------------------------------------------------------ profiles --store

def _store_case(root: Path) -> None:
    secret_config(root, Secrets("kill-store"))
    store020(root)


def _store_state(root: Path):
    """(stack names, component (type, name)s, the active stack's name as config.yaml names it
    (its id looked up in the store; "missing" when the store has no such stack))."""
    import uuid

    import yaml

    config = yaml.safe_load((root / "z20" / "config.yaml").read_text())
    conn = sqlite3.connect(root / DB)
    try:
        stacks = sorted(r[0] for r in conn.execute("SELECT name FROM stackschema"))
        comps = sorted(conn.execute("SELECT type, name FROM stackcomponentschema").fetchall())
        active = conn.execute("SELECT name FROM stackschema WHERE id = ?", (uuid.UUID(config["active_stack_id"]).hex,)).fetchone()
    finally:
        conn.close()
    return stacks, comps, active[0] if active else "missing"


def test_kill_profiles_store_at_random_points(tmp_path):
    ref = tmp_path / "ref"
    _store_case(ref)
    before = _store_state(ref)
    args = ("profiles", "cfg", "--store", str(DB))
    start = time.monotonic()
    first = _run(ref, *args)
    duration = time.monotonic() - start
    assert first.returncode == 0, first.stderr
    after = _store_state(ref)
    assert after[0] != before[0] and after[2] != before[2]
    for k, at in enumerate(_points(duration, "profiles-store")):
        root = tmp_path / f"kill{k}"
        _store_case(root)
        _kill_after(root, at, *args)
        state = _store_state(root)
        assert state[:2] in (before[:2], after[:2]), f"kill at {at:.2f} s: the store is half migrated"
        assert state[2] in (before[2], after[2]), f"kill at {at:.2f} s: config.yaml names a stack the store does not have"
        again = _run(root, *args)
        assert again.returncode == 0, again.stdout + again.stderr
        assert _store_state(root) == after, f"kill at {at:.2f} s: the next run did not finish the migration"
        assert not _temp_files(root), f"kill at {at:.2f} s: {_temp_files(root)}"


def test_window_after_commit_before_config(tmp_path, monkeypatch):
    """Killed after the store COMMIT, before config.yaml: the next run sets the active stack."""
    from zenml_migrate.profiles.global_config import GlobalConfig

    _store_case(tmp_path)
    before = _store_state(tmp_path)

    def killed(self, *a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(GlobalConfig, "set_active", killed)
    monkeypatch.chdir(tmp_path)
    from zenml_migrate.profiles.command import _target  # noqa: F401  (the CLI's own target)
    from zenml_migrate.profiles.plan import PlanOptions, build_plan
    from zenml_migrate.profiles.readers import read_legacy
    from zenml_migrate.profiles.targets.store import StoreTarget

    target = StoreTarget(str(tmp_path / DB))
    plan = build_plan(read_legacy(str(tmp_path / "cfg")), target.existing("default"), PlanOptions(target=target.describe()))
    with pytest.raises(KeyboardInterrupt):
        target.write(plan)
    monkeypatch.undo()
    journal = (tmp_path / DB).with_name("zenml.db.zenml-migrate-pending.json")
    journal.write_text(journal.read_text().replace(f'"pid": {os.getpid()}', '"pid": 999999999'))  # its process is gone
    mid = _store_state(tmp_path)
    assert mid[:2] != before[:2] and mid[2] == before[2]  # committed, config not yet
    again = _run(tmp_path, "profiles", "cfg", "--store", str(DB))
    assert again.returncode == 0, again.stderr
    final = _store_state(tmp_path)
    assert final[:2] == mid[:2] and final[2] == "prod" != before[2]
    assert not (tmp_path / DB).with_name("zenml.db.zenml-migrate-pending.json").exists()


# ------------------------------------------------------------------ profiles --bundle

def test_kill_bundle_overwrite_at_random_points(tmp_path):
    ref = tmp_path / "ref"
    secret_config(ref, Secrets("kill-bundle"))
    args = ("profiles", "cfg", "--bundle", "out", "--overwrite")
    assert _run(ref, "profiles", "cfg", "--bundle", "out").returncode == 0
    (ref / "out" / "mine.txt").write_text("mine")
    duration = _timed(ref, *args)
    for k, at in enumerate(_points(duration, "bundle")):
        root = tmp_path / f"kill{k}"
        secret_config(root, Secrets("kill-bundle"))
        assert _run(root, "profiles", "cfg", "--bundle", "out").returncode == 0
        (root / "out" / "mine.txt").write_text("mine")
        _kill_after(root, at, *args)
        again = _run(root, *args)
        assert again.returncode == 0, again.stdout + again.stderr
        assert (root / "out" / "mine.txt").read_text() == "mine", f"kill at {at:.2f} s: the user's file was lost"
        assert (root / "out" / "import.sh").exists() and not _temp_files(root), f"kill at {at:.2f} s: {_temp_files(root)}"


def test_window_between_the_two_renames_of_a_bundle_swap(tmp_path, monkeypatch):
    """Killed after DIR became the old dir and before the new one took its place: the next run
    puts the old bundle back (with the user's file) and then writes the new one."""
    from zenml_migrate.profiles.targets import bundle_dir

    secret_config(tmp_path, Secrets("kill-swap"))
    assert _run(tmp_path, "profiles", "cfg", "--bundle", "out").returncode == 0
    (tmp_path / "out" / "mine.txt").write_text("mine")
    real_rename = os.rename
    calls = []

    def rename(src, dst):
        calls.append((src, dst))
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real_rename(src, dst)

    monkeypatch.setattr(bundle_dir.os, "rename", rename)
    monkeypatch.setattr(bundle_dir.shutil, "rmtree", lambda *a, **k: None)  # a real kill cleans nothing up
    from zenml_migrate.profiles.plan import PlanOptions, build_plan
    from zenml_migrate.profiles.readers import read_legacy
    from zenml_migrate.profiles.targets.bundle import BundleTarget

    monkeypatch.chdir(tmp_path)
    target = BundleTarget(str(tmp_path / "out"), overwrite=True)
    target.check()
    plan = build_plan(read_legacy(str(tmp_path / "cfg")), target.existing("default"), PlanOptions(import_safe_names=True, target=target.describe()))
    with pytest.raises(KeyboardInterrupt):
        target.write(plan)
    monkeypatch.undo()
    assert not (tmp_path / "out").exists()  # the window: DIR is gone, old and new dirs are siblings
    for p in tmp_path.iterdir():  # as if left by a process that is gone
        if "zenml-migrate-" in p.name:
            p.rename(p.with_name(p.name.replace(f"-{os.getpid()}-", "-999999999-")))
    again = _run(tmp_path, "profiles", "cfg", "--bundle", "out", "--overwrite")
    assert again.returncode == 0, again.stdout + again.stderr
    assert (tmp_path / "out" / "mine.txt").read_text() == "mine" and not _temp_files(tmp_path)
