"""Real ZenML venvs with an integration installed (mlflow), next to the plain ones of
``tests/realzenml.py`` and built the same way: uv, Python 3.9, release-era cut-off dates.

    python tests/realzenml_extras.py     # build v0132-mlflow, v0200-mlflow, v0205-mlflow

The mlflow integration of every version asks for ``mlflow>=1.2.0,<1.26.0``, ``mlserver``
and ``mlserver-mlflow`` (0.20 activates an integration only when all of them are
installed). 0.13.2 pins markupsafe 1.1.1, so the flask/jinja2 stack of its era is
constrained as ``real-zenml-howto.md`` describes (the same pins resolve for 0.20.x).
Resolved here: mlflow 1.25.1, mlserver 1.1.0, mlserver-mlflow 1.1.0, flask 1.1.2.
"""

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
    return realzenml.build_venv(dirname, [zenml_requirement, "setuptools", *requirements], cutoff, constraints)


def zenml(version: str, extra: str, args: Sequence[str], config_path: Path, cwd: Optional[Path] = None,
          env: Optional[Dict[str, str]] = None, timeout: int = 600, check: bool = True):
    """``zenml ARGS`` of the real ``version`` with the ``extra`` integration, stdin closed."""
    zenml_bin = extra_venv_python(version, extra).parent / "zenml"
    return realzenml.run([zenml_bin, *args], config_path, cwd=cwd, env=env, timeout=timeout, check=check)


def python(version: str, extra: str, args: Sequence[str], config_path: Path, cwd: Optional[Path] = None,
           env: Optional[Dict[str, str]] = None, timeout: int = 900, check: bool = True):
    """``python ARGS`` in the venv of the real ``version`` with the ``extra`` integration."""
    return realzenml.run([extra_venv_python(version, extra), *args], config_path, cwd=cwd, env=env,
                         timeout=timeout, check=check)


if __name__ == "__main__":
    for version, extra in EXTRAS:
        print(version, extra, extra_venv_python(version, extra))


def register_tracker_stack(version: str, name: str, config_path: Path, cwd: Path) -> None:
    """An MLflow experiment tracker ``name`` in a new active stack (default orchestrator and
    artifact store), through the ``version``'s own CLI with the mlflow integration installed."""
    if version == "0.13.2":
        commands = [["stack", "register", "mlflow_stack", "-m", "default", "-a", "default", "-o", "default",
                     "-e", name, "--set"]]
    else:
        # 0.20.5 on a fresh store: the first command that needs a stack fails with "No active
        # stack is configured"; `stack list` creates and activates the default stack first.
        commands = [["stack", "list"],
                    ["stack", "register", "mlflow_stack", "-a", "default", "-o", "default", "-e", name, "--set"]]
    commands.insert(-1, ["experiment-tracker", "register", name, "--flavor=mlflow"])
    for args in commands:
        zenml(version, "mlflow", args, config_path, cwd=cwd)
