"""Regenerate rules/data/zenml020_sdk_modules.json: the modules of ZenML 0.20.0 and 0.20.5 that
cannot be imported with ZenML alone (an integration's module that imports its SDK).

    python scripts/build_zenml_sdk_modules.py

Every ``zenml.integrations.*`` module of rules/data/zenml020.json is imported by the real
ZenML (the plain venvs of ``tests/realzenml.py``, no integration installed), one interpreter
per release; a module whose import fails on a package other than zenml is listed with the
release bits of zenml020.json (1: 0.20.0, 2: 0.20.5). A ``try:`` that imports such a module
can fail on 0.20 when the SDK is missing, so its ``except ImportError:`` branch can run
(rules: ``migrate/scan/detect.py``).
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
from build_zenml_sdk_probes import missing_packages  # noqa: E402

OUT = ROOT / "rules" / "data" / "zenml020_sdk_modules.json"
VERSIONS = {"0.20.0": 1, "0.20.5": 2}


def main() -> int:
    index = json.loads((ROOT / "rules" / "data" / "zenml020.json").read_text())
    out = {}
    for version, bit in VERSIONS.items():
        modules = sorted(m for m, names in index.items() if m.startswith("zenml.integrations.") and names.get("", 0) & bit)
        for name in missing_packages(version, modules):  # failing on a package other than zenml
            out[name] = out.get(name, 0) | bit
    OUT.write_text(json.dumps(dict(sorted(out.items())), indent=0, sort_keys=True) + "\n")
    print(f"{OUT}: {len(out)} modules")
    return 0


if __name__ == "__main__":
    sys.exit(main())
