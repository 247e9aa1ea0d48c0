"""Regenerate rules/data/zenml_sdk_probes.json: for each ``zenml.integrations.*`` module of
ZenML 0.13.2 that 0.20 lacks and that cannot be imported without its SDK (0.13.2's
``mlflow_step_decorator`` imports ``mlflow``), a module of ZenML 0.20.0 and 0.20.5 that fails
to import on the same missing package, and only when that package is missing.

    python scripts/build_zenml_sdk_probes.py

Why: ``try: from zenml.integrations.mlflow.mlflow_step_decorator import enable_mlflow /
except ImportError: HAS_MLFLOW = False`` is an availability probe. When a fix removes that
import (the decorator is gone on 0.20), the ``try`` could never fail and the flag would always
say "installed"; the fixer imports the probe module there instead (``migrate/fix/imports.py``),
so the flag keeps its meaning on 0.20.

Each module is imported by the real ZenML (the plain venvs of ``tests/realzenml.py``, no
integration installed), one interpreter per release; the package an ImportError names is
recorded. Of the 0.20 modules of the same integration failing on the same package in both releases, the one sharing
the longest dotted prefix with the 0.13.2 module is chosen, then the shortest name.
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
from build_zenml_legacy import _common_prefix  # noqa: E402

OUT = ROOT / "rules" / "data" / "zenml_sdk_probes.json"

PROBE = r"""
import importlib, json, sys, warnings
warnings.simplefilter("ignore")
missing = {}
for name in json.load(sys.stdin):
    try:
        importlib.import_module(name)
    except ImportError as exc:
        package = (getattr(exc, "name", None) or "").split(".")[0]
        if package and package != "zenml":
            missing[name] = package
    except Exception:
        pass
print(json.dumps(missing))
"""


def missing_packages(version: str, modules) -> dict:
    """``{module: the package its import fails on}`` of ``modules`` in the real ``version``'s venv."""
    from tests import realzenml

    with tempfile.TemporaryDirectory() as config:
        proc = subprocess.run(
            [str(realzenml.venv_python(version)), "-c", PROBE],
            input=json.dumps(sorted(modules)),
            capture_output=True,
            text=True,
            env=realzenml.env_for(Path(config)),
            cwd=config,
            check=True,
        )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> int:
    index013 = json.loads((ROOT / "rules" / "data" / "zenml013.json").read_text())
    index020 = json.loads((ROOT / "rules" / "data" / "zenml020.json").read_text())
    both = 3  # rules/data/zenml020.json bits: 1 = 0.20.0, 2 = 0.20.5
    gone = [m for m in index013 if m.startswith("zenml.integrations.") and index020.get(m, {}).get("", 0) != both]
    new = [m for m, names in index020.items() if m.startswith("zenml.integrations.") and names.get("", 0) == both]
    old = missing_packages("0.13.2", gone)
    first, last = missing_packages("0.20.0", new), missing_packages("0.20.5", new)
    candidates = {m: p for m, p in first.items() if last.get(m) == p}
    out = {}
    for module, package in sorted(old.items()):
        same = [m for m, p in candidates.items() if p == package and _common_prefix(m, module) > 2]  # same integration
        if same:
            out[module] = min(same, key=lambda m: (-_common_prefix(m, module), len(m), m))
    OUT.write_text(json.dumps(out, indent=0, sort_keys=True) + "\n")
    print(f"{OUT}: {len(out)} modules")
    return 0


if __name__ == "__main__":
    sys.exit(main())
