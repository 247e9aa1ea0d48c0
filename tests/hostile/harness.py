"""Run the real command line on one hostile case and check the contract of issue 13.

A ``Case`` builds its inputs under a fresh root dir, names the command, the exit codes that
match what should happen, the credentials planted in the input and the paths the command may
write. ``run`` executes ``python -m zenml_migrate`` in a subprocess (cwd = the root, a private
HOME and ZENML_CONFIG_PATH) under a deadline, and ``problems`` lists every broken promise:

* a hang (the deadline passed), a traceback, an exit code that does not match;
* a planted secret in stdout/stderr, or in a written file that is not mode 0600;
* a file outside the allowed paths created, removed or changed (bytes, mode, owner, link target,
  hard-link count); a temp file left behind;
* a needle the case expects missing from the output.
"""

import hashlib
import os
import stat
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

ROOT = Path(__file__).resolve().parents[2]
TEMP_MARKERS = ("zenml-migrate-new", "zenml-migrate-old", "zenml-migrate-tmp", ".tmp")


@dataclass
class Case:
    name: str
    build: Callable[[Path], None]
    args: Sequence[str]  # after ``migrate``; ``{root}`` is replaced by the case's root dir
    exit_codes: Tuple[int, ...] = (2,)
    secrets: Tuple[str, ...] = ()
    writes: Tuple[str, ...] = ()  # relative paths (or prefixes ending in /) the command may create or change
    needles: Tuple[str, ...] = ()  # expected in stdout + stderr
    absent: Tuple[str, ...] = ()  # must not appear in stdout + stderr (beyond the secrets)
    deadline: float = 40.0
    env: Dict[str, str] = field(default_factory=dict)
    after: Optional[Callable[[Path], List[str]]] = None  # extra checks on the tree (returns problems)
    rlimits: Dict[str, int] = field(default_factory=dict)  # resource limits of the run (RLIMIT_FSIZE: a full disk)

    def __repr__(self) -> str:  # pytest ids
        return self.name


@dataclass
class Outcome:
    case: Case
    root: Path
    code: Optional[int]  # None: killed at the deadline
    stdout: str
    stderr: str
    seconds: float
    before: Dict[str, tuple]
    after: Dict[str, tuple]

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def _entry(path: Path) -> tuple:
    st = os.lstat(path)
    mode = st.st_mode
    if stat.S_ISREG(mode):
        h = hashlib.sha256()
        if st.st_size <= 8 << 20:
            h.update(path.read_bytes())
        else:  # big (sparse) inputs: size and mtime stand for the content
            h.update(f"{st.st_size}:{st.st_mtime_ns}".encode())
        content = h.hexdigest()
    elif stat.S_ISLNK(mode):
        content = os.readlink(path)
    else:
        content = None
    return (stat.S_IFMT(mode), stat.S_IMODE(mode), st.st_uid, st.st_gid, st.st_nlink if stat.S_ISREG(mode) else 0, content)


def snapshot(root: Path) -> Dict[str, tuple]:
    """Every entry under ``root`` (links not followed): kind, mode, owner, links, content digest."""
    out = {}
    for dirpath, dirs, files in os.walk(root):
        for name in dirs + files:
            full = Path(dirpath) / name
            out[str(full.relative_to(root))] = _entry(full)
    return out


def child_env(root: Path, extra: Dict[str, str]) -> Dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ZENML_", "COV_"))}
    env.update(
        HOME=str(root / "home"),
        ZENML_CONFIG_PATH=str(root / "home" / "zenml-config"),
        ZENML_ANALYTICS_OPT_IN="false",
        COLUMNS="200",
        NO_COLOR="1",
        PYTHONPATH=str(ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
    )
    env.update(extra)
    return env


#: ``fork``: run the command in a forked copy of a process that imported the CLI once (a
#: process of its own, as fast as a function call); ``subprocess``: a fresh interpreter per case
MODE = os.environ.get("ZENML_MIGRATE_HOSTILE_RUN", "fork" if hasattr(os, "fork") else "subprocess")


def run(case: Case, root: Path) -> Outcome:
    outcome = _run_in(case, root, _run_forked if MODE == "fork" else _run_subprocess)
    if outcome.code is None and MODE == "fork":
        # A forked child can hang on a lock another thread of this process held at the fork
        # (SQLite's, a stream's: the cases run on two threads); a hang is real only when a
        # fresh interpreter on a fresh copy of the case hangs too.
        outcome = _run_in(case, root.with_name(root.name + "-fresh"), _run_subprocess)
    return outcome


def _run_in(case: Case, root: Path, runner) -> Outcome:
    root.mkdir(parents=True, exist_ok=True)
    (root / "home").mkdir(exist_ok=True)
    case.build(root)
    before = snapshot(root)
    args = [a.replace("{root}", str(root)) for a in case.args]
    start = time.monotonic()
    code, out, err = runner(args, root, child_env(root, case.env), case.deadline, case.rlimits)
    seconds = time.monotonic() - start
    return Outcome(case, root, code, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"), seconds, before, snapshot(root))


def _limit(rlimits: Dict[str, int]) -> None:
    """In the child: apply ``rlimits``; a file-size limit makes writes fail with EFBIG, as a full disk would."""
    import resource
    import signal

    for name, value in rlimits.items():
        resource.setrlimit(getattr(resource, name), (value, value))
    if "RLIMIT_FSIZE" in rlimits:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


def _run_subprocess(args, root: Path, env, deadline: float, rlimits=None):
    try:
        proc = subprocess.run([sys.executable, "-m", "zenml_migrate", *args], cwd=root, env=env, capture_output=True,
                              timeout=deadline, stdin=subprocess.DEVNULL, preexec_fn=(lambda: _limit(rlimits)) if rlimits else None)
        return proc.returncode, proc.stdout, proc.stderr
    except subprocess.TimeoutExpired as exc:
        return None, exc.stdout or b"", exc.stderr or b""


def _run_forked(args, root: Path, env, deadline: float, rlimits=None):
    """``migrate ARGS`` in a child of this process: same exit code, streams and signals as a real run."""
    import io
    import signal
    import tempfile

    from zenml_migrate import cli  # imported once, before the fork

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        pid = os.fork()
        if pid == 0:  # the child: never returns
            code = 70
            try:
                os.chdir(root)
                os.environ.clear()
                os.environ.update(env)
                devnull = os.open(os.devnull, os.O_RDONLY)
                os.dup2(devnull, 0)
                os.dup2(out.fileno(), 1)
                os.dup2(err.fileno(), 2)
                sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False))
                sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding="utf-8", errors="backslashreplace")
                sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), encoding="utf-8", errors="backslashreplace")
                sys.argv = ["migrate", *args]
                _limit(rlimits or {})
                signal.signal(signal.SIGINT, signal.default_int_handler)
                try:
                    cli.main()
                    code = 0
                except SystemExit as exc:
                    code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
                except BaseException:  # noqa: BLE001 - what the interpreter would do: traceback, exit 1
                    import traceback

                    traceback.print_exc()
                    code = 1
            finally:
                for stream in (sys.stdout, sys.stderr):
                    try:
                        stream.flush()
                    except Exception:  # noqa: BLE001
                        pass
                os._exit(code)
        status = _wait(pid, deadline)
        out.seek(0)
        err.seek(0)
        return status, out.read(), err.read()


def _wait(pid: int, deadline: float):
    """Exit code of ``pid`` (negative: killed by that signal), None after killing it at the deadline."""
    import signal

    end = time.monotonic() + deadline
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status) if hasattr(os, "waitstatus_to_exitcode") else (
                -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status))
        if time.monotonic() > end:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return None
        time.sleep(0.02)


def _allowed(rel: str, writes: Sequence[str]) -> bool:
    return any(rel == w.rstrip("/") or rel.startswith(w.rstrip("/") + "/") for w in writes)


def problems(o: Outcome) -> List[str]:
    """Every promise of issue 13 the outcome breaks (empty: the case passed)."""
    case, out = o.case, []
    if o.code is None:
        out.append(f"hang: no exit within {case.deadline:g} s")
    elif o.code not in case.exit_codes:
        out.append(f"exit code {o.code}, expected {' or '.join(map(str, case.exit_codes))}")
    if "Traceback (most recent call last)" in o.output:
        out.append("a traceback was printed")
    if "internal error" in o.output:  # a user mistake is told as one (`--server http://[::1` was an internal ValueError)
        out.append("reported as an internal error")
    for secret in case.secrets:
        if secret in o.output:
            out.append(f"secret {secret!r} in the output")
    changed = sorted(rel for rel in set(o.before) | set(o.after) if o.before.get(rel) != o.after.get(rel))
    for rel in changed:
        if not _allowed(rel, case.writes):
            what = "created" if rel not in o.before else "removed" if rel not in o.after else "changed"
            out.append(f"{rel}: {what}, not asked for")
            continue
        entry = o.after.get(rel)
        if entry and rel not in o.before and entry[0] == stat.S_IFREG and case.secrets:  # a file it made (a user file keeps its mode)
            data = (o.root / rel).read_bytes() if entry[5] and os.path.getsize(o.root / rel) <= 8 << 20 else b""
            leaked = [s for s in case.secrets if s.encode() in data]
            if leaked and entry[1] & 0o077:
                out.append(f"{rel}: holds a secret and is mode {entry[1]:o} (must be 0600)")
    for rel in o.after:
        name = os.path.basename(rel)
        if rel not in o.before and any(m in name for m in TEMP_MARKERS):
            out.append(f"{rel}: temp file left behind")
    for needle in case.needles:
        if needle not in o.output:
            out.append(f"expected {needle!r} in the output")
    for needle in case.absent:
        if needle in o.output:
            out.append(f"{needle!r} must not be in the output")
    if case.after is not None:
        out.extend(case.after(o.root))
    return out
