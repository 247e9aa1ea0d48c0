"""The real ZenML 0.13.2 / 0.20.0 / 0.20.5, in Python 3.9 venvs built once with uv and
release-era cut-off dates, cached under ``.cache/venvs`` (git-ignored).

    python tests/realzenml.py            # build all three (CI does this before pytest)
    from tests.realzenml import zenml    # run a CLI command of one version

Every run gets ``ZENML_ANALYTICS_OPT_IN=false`` and a ``ZENML_CONFIG_PATH`` the caller
chooses (never the real home), stdin closed (a prompt would abort, not hang).
"""

import fcntl
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict, Optional, Sequence, Tuple

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("ZENML_MIGRATE_VENVS", ROOT / ".cache" / "venvs"))

VERSIONS = {
    # version: (venv dir, requirement, exclude-newer)
    "0.13.2": ("v0132", "zenml==0.13.2", "2022-09-15"),
    "0.20.0": ("v0200", "zenml[server]==0.20.0", "2022-10-10"),
    "0.20.5": ("v0205", "zenml[server]==0.20.5", "2022-11-10"),
}


def python39() -> str:
    """The pyenv Python 3.9 (uv does not see pyenv's interpreters by itself)."""
    env = os.environ.get("ZENML_MIGRATE_PY39")
    if env:
        return env
    try:
        latest = subprocess.run(["pyenv", "latest", "3.9"], capture_output=True, text=True, check=True).stdout.strip()
        prefix = subprocess.run(["pyenv", "prefix", latest], capture_output=True, text=True, check=True).stdout.strip()
        candidate = Path(prefix) / "bin" / "python"
        if candidate.exists():
            return str(candidate)
    except (OSError, subprocess.CalledProcessError):
        pass
    found = shutil.which("python3.9")
    if found:
        return found
    raise RuntimeError("Python 3.9 is needed for the real ZenML (pyenv install 3.9, or set ZENML_MIGRATE_PY39)")


def _uv() -> str:
    found = shutil.which("uv")
    if found:
        return found
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "uv"], check=True)
    found = shutil.which("uv") or str(Path(sys.executable).parent / "uv")
    return found


def venv_python(version: str) -> Path:
    """Path to the python of the venv for ``version``, building the venv on first use."""
    dirname, requirement, cutoff = VERSIONS[version]
    return build_venv(dirname, [requirement, "setuptools"], cutoff)


def build_venv(dirname: str, requirements: Sequence[str], cutoff: str, constraints: Sequence[str] = ()) -> Path:
    """Python of the cached venv ``CACHE/dirname`` (Python 3.9, uv, packages published before
    ``cutoff``, optional pip constraints), built once even by parallel test workers."""
    venv = CACHE / dirname
    python = venv / "bin" / "python"
    marker = venv / ".complete"
    if marker.exists():
        return python
    CACHE.mkdir(parents=True, exist_ok=True)
    with open(CACHE / f".{dirname}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # parallel test workers build it once
        if marker.exists():
            return python
        uv = _uv()
        if venv.exists():
            shutil.rmtree(venv)
        subprocess.run([uv, "venv", "-q", "-p", python39(), str(venv)], check=True)
        install = [uv, "pip", "install", "-q", "-p", str(python), "--exclude-newer", cutoff]
        if constraints:
            constraints_file = CACHE / f".{dirname}.constraints.txt"
            constraints_file.write_text("\n".join(constraints) + "\n")
            install += ["-c", str(constraints_file)]
        subprocess.run([*install, *requirements], check=True)
        marker.write_text(" ".join(requirements) + "\n")
    return python


def zenml_bin(version: str) -> Path:
    return venv_python(version).parent / "zenml"


def env_for(config_path: Path, extra: Optional[Dict[str, str]] = None) -> Dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ZENML_", "VIRTUAL_ENV", "PYTHON"))}
    env.update(
        {
            "ZENML_ANALYTICS_OPT_IN": "false",
            "ZENML_CONFIG_PATH": str(config_path),
            "ZENML_LOGGING_VERBOSITY": "WARN",
            "ZENML_ENABLE_RICH_TRACEBACK": "false",
            "AUTO_OPEN_DASHBOARD": "false",
        }
    )
    env.update(extra or {})
    return env


def zenml(
    version: str,
    args: Sequence[str],
    config_path: Path,
    cwd: Optional[Path] = None,
    env: Optional[Dict[str, str]] = None,
    timeout: int = 600,
    check: bool = True,
) -> subprocess.CompletedProcess:
    """Run ``zenml ARGS`` of the real ``version`` with stdin closed."""
    return run([zenml_bin(version), *args], config_path, cwd=cwd, env=env, timeout=timeout, check=check)


def run(
    argv: Sequence[str],
    config_path: Path,
    cwd: Optional[Path] = None,
    env: Optional[Dict[str, str]] = None,
    timeout: int = 900,
    check: bool = True,
) -> subprocess.CompletedProcess:
    """Run ``argv`` (a program of one of the venvs) the way ``zenml``/``python`` do: stdin closed,
    the analytics-off ``ZENML_CONFIG_PATH`` environment."""
    proc = subprocess.run(
        [str(a) for a in argv],
        cwd=str(cwd or config_path.parent),
        env=env_for(config_path, env),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"{' '.join(str(a) for a in argv)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


_SERVERS: Dict[Path, int] = {}  # config dir of a live `zenml up` -> tests.cleanup handle


def server_up(version: str, port: int, config_path: Path, timeout: int = 600) -> None:
    """``zenml up --port PORT`` of the real ``version`` (a daemon). It is registered with
    ``tests.cleanup`` before it starts, so that it is stopped even when the run is interrupted
    (Ctrl-C, SIGTERM) or a fixture never reaches its teardown."""
    from tests import cleanup

    _SERVERS[config_path] = cleanup.register(f"`zenml up` of {version} ({config_path})", lambda: _stop_server(version, config_path))
    zenml(version, ["up", "--port", str(port)], config_path, cwd=config_path.parent, timeout=timeout)


def server_down(version: str, config_path: Path, timeout: int = 600) -> None:
    from tests import cleanup

    handle = _SERVERS.pop(config_path, None)
    try:
        _stop_server(version, config_path, timeout)
    finally:
        if handle is not None:
            cleanup.unregister(handle)


def _stop_server(version: str, config_path: Path, timeout: int = 120) -> None:
    """``zenml down``; then whatever daemon of this config dir still runs is killed by pid."""
    from tests import cleanup

    try:
        if (config_path / "zen_server").exists():
            zenml(version, ["down"], config_path, cwd=config_path.parent, timeout=timeout, check=False)
    finally:
        cleanup.kill_pids(daemon_pids(config_path))


def daemon_pids(config_path: Path) -> list:
    """Pids of the running ZenML daemons (``service.pid`` files) of this config dir; a pid is
    only taken when that process's command line names the config dir (no stale pid file can
    make us signal a process someone else started)."""
    pids = []
    for pid_file in config_path.rglob("service.pid") if config_path.exists() else []:
        try:
            pid = int(pid_file.read_text().strip())
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except (OSError, ValueError):
            continue
        if str(config_path) in cmdline or str(pid_file.parent) in cmdline:
            pids.append(pid)
    return pids


def python(
    version: str,
    args: Sequence[str],
    config_path: Path,
    cwd: Optional[Path] = None,
    env: Optional[Dict[str, str]] = None,
    timeout: int = 900,
    check: bool = True,
) -> subprocess.CompletedProcess:
    """Run ``python ARGS`` in the venv of the real ``version`` (scripts, pipelines)."""
    return run([venv_python(version), *args], config_path, cwd=cwd, env=env, timeout=timeout, check=check)


def probe_facts(version: str, root: Path, modules: Sequence[str], config_path: Path) -> dict:
    """Run ``root/probe.py MODULE...`` in the venv of the real ``version`` (cwd ``root``) and read
    the JSON of its ``RESULT <json>`` line: what a probe of rewritten examples saw there."""
    proc = python(version, ["probe.py", *modules], config_path, cwd=root)
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")), None)
    assert line is not None, proc.stdout + proc.stderr
    return json.loads(line[len("RESULT "):])


def bad_example(code: str, marker: str):
    """The one Bad example of rule ``code`` whose text holds ``marker`` (found by text: adding an
    example to a rule shifts nothing)."""
    from zenml_migrate.rules import get_rule

    matches = [bad for bad in get_rule(code).bad if marker in bad.code]
    assert len(matches) == 1, (code, marker, len(matches))
    return matches[0]


def bad_examples_project(tmp_path: Path, examples: Dict[str, Tuple[str, str]], probe: str):
    """``tmp_path/project`` with ``old_NAME.py`` (the Bad example of ``examples[NAME] = (rule,
    marker)``) and ``fixed_NAME.py`` (its ``--fix``, which must be the example's ``fixed``), and
    the ``probe``; returns ``facts(version, prefix)``: ``probe_facts`` of the ``prefix_*`` modules."""
    from zenml_migrate.fix.fixer import fix_source

    root = tmp_path / "project"
    root.mkdir()
    for name, (code, marker) in examples.items():
        bad = bad_example(code, marker)
        assert bad.fixed is not None, (code, marker)
        fixed = fix_source(bad.code, f"fixed_{name}.py")
        assert fixed.error is None and fixed.text == bad.fixed, fixed.error
        (root / f"old_{name}.py").write_text(bad.code)
        (root / f"fixed_{name}.py").write_text(fixed.text)
    (root / "probe.py").write_text(probe)

    def facts(version: str, prefix: str) -> dict:
        modules = [f"{prefix}_{name}" for name in examples]
        return probe_facts(version, root, modules, tmp_path / f"cfg-{version}-{prefix}")

    return facts


PROBE_EACH_MODULE = """
facts = {}
for name in sys.argv[1:]:
    try:
        module = importlib.import_module(name)
    except Exception as exc:
        facts[name] = type(exc).__name__
        continue
    got = {}
"""  # a probe's loop head: import each module named on the command line (``import importlib, sys`` first)


def old_and_fixed_project(root: Path, modules: Dict[str, str], probe: str) -> Path:
    """A project for ``probe_facts``: ``root/old_NAME.py`` as written and ``root/fixed_NAME.py``
    after ``--fix`` (no error, no TODO left) for each module, and ``root/probe.py``."""
    from zenml_migrate.fix.fixer import fix_source

    root.mkdir()
    for name, code in modules.items():
        fixed = fix_source(code, f"fixed_{name}.py")
        assert fixed.error is None and not fixed.todos, (fixed.error, fixed.todos)
        (root / f"old_{name}.py").write_text(code)
        (root / f"fixed_{name}.py").write_text(fixed.text)
    (root / "probe.py").write_text(probe)
    return root


def built_component(module: str, cls: str, config: str) -> str:
    """Python lines that import ``module`` and bind ``component`` to an instance of its ported
    ``cls``, built the way ZenML 0.20 builds one from its model (the Flavor's config class called
    with ``config``, a keyword text, then the implementation class)."""
    return (
        f"import datetime, sys, uuid\nsys.path.insert(0, '.')\nimport {module}\n"
        f"flavor = {module}.{cls}Flavor()\nnow = datetime.datetime.now()\n"
        f"component = flavor.implementation_class(\n    name='probe', id=uuid.uuid4(), config=flavor.config_class({config}),"
        " flavor=flavor.name, type=flavor.type,\n    user=uuid.uuid4(), project=uuid.uuid4(), created=now, updated=now)\n"
    )


if __name__ == "__main__":
    for v in sys.argv[1:] or VERSIONS:
        print(v, venv_python(v))
