"""Real ZenML venvs with an integration installed (mlflow), next to the plain ones of
``tests/realzenml.py`` and built the same way: uv, Python 3.9, release-era cut-off dates.

    python tests/realzenml_extras.py     # build v0132-mlflow, v0200-mlflow, v0205-mlflow

The mlflow integration of every version asks for ``mlflow>=1.2.0,<1.26.0``, ``mlserver``
and ``mlserver-mlflow`` (0.20 activates an integration only when all of them are
installed). 0.13.2 pins markupsafe 1.1.1, so the flask/jinja2 stack of its era is
constrained as ``real-zenml-howto.md`` describes.
"""

import fcntl
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict, Optional, Sequence

try:
    from tests import realzenml
except ImportError:  # run as a script: python tests/realzenml_extras.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests import realzenml

MLFLOW_REQUIREMENTS = ["mlflow>=1.2.0,<1.26.0", "mlserver>=0.5.3", "mlserver-mlflow>=0.5.3"]
ERA_CONSTRAINTS = ["markupsafe==1.1.1", "jinja2<3", "flask<2", "itsdangerous<2.1", "werkzeug<2.1"]

EXTRAS = {
    # (version, extra): (venv dir, requirements, constraints)
    ("0.13.2", "mlflow"): ("v0132-mlflow", MLFLOW_REQUIREMENTS, ERA_CONSTRAINTS),
    ("0.20.0", "mlflow"): ("v0200-mlflow", MLFLOW_REQUIREMENTS, ERA_CONSTRAINTS),
    ("0.20.5", "mlflow"): ("v0205-mlflow", MLFLOW_REQUIREMENTS, ERA_CONSTRAINTS),
}


def extra_venv_python(version: str, extra: str) -> Path:
    """Python of the venv with ZenML ``version`` plus the ``extra`` integration, built on first use."""
    dirname, requirements, constraints = EXTRAS[(version, extra)]
    _, zenml_requirement, cutoff = realzenml.VERSIONS[version]
    venv = realzenml.CACHE / dirname
    python = venv / "bin" / "python"
    marker = venv / ".complete"
    if marker.exists():
        return python
    realzenml.CACHE.mkdir(parents=True, exist_ok=True)
    with open(realzenml.CACHE / f".{dirname}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if marker.exists():
            return python
        uv = realzenml._uv()
        if venv.exists():
            shutil.rmtree(venv)
        subprocess.run([uv, "venv", "-q", "-p", realzenml.python39(), str(venv)], check=True)
        constraints_file = realzenml.CACHE / f".{dirname}.constraints.txt"
        constraints_file.write_text("\n".join(constraints) + "\n")
        subprocess.run(
            [uv, "pip", "install", "-q", "-p", str(python), "--exclude-newer", cutoff,
             "-c", str(constraints_file), zenml_requirement, "setuptools", *requirements],
            check=True,
        )
        marker.write_text(" ".join([zenml_requirement, *requirements]) + "\n")
    return python


def extra_zenml_bin(version: str, extra: str) -> Path:
    return extra_venv_python(version, extra).parent / "zenml"


def _run(argv: Sequence[str], config_path: Path, cwd: Optional[Path], env: Optional[Dict[str, str]],
         timeout: int, check: bool, what: str) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        list(argv),
        cwd=str(cwd or config_path.parent),
        env=realzenml.env_for(config_path, env),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"{what} {' '.join(argv[1:])} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


def zenml(version: str, extra: str, args: Sequence[str], config_path: Path, cwd: Optional[Path] = None,
          env: Optional[Dict[str, str]] = None, timeout: int = 600, check: bool = True) -> subprocess.CompletedProcess:
    """``zenml ARGS`` of the real ``version`` with the ``extra`` integration, stdin closed."""
    argv = [str(extra_zenml_bin(version, extra)), *args]
    return _run(argv, config_path, cwd, env, timeout, check, f"zenml {version}+{extra}")


def python(version: str, extra: str, args: Sequence[str], config_path: Path, cwd: Optional[Path] = None,
           env: Optional[Dict[str, str]] = None, timeout: int = 900, check: bool = True) -> subprocess.CompletedProcess:
    """``python ARGS`` in the venv of the real ``version`` with the ``extra`` integration."""
    argv = [str(extra_venv_python(version, extra)), *args]
    return _run(argv, config_path, cwd, env, timeout, check, f"python ({version}+{extra})")


if __name__ == "__main__":
    for version, extra in EXTRAS:
        print(version, extra, extra_venv_python(version, extra))
