"""Regenerate rules/data/legacy_steps.json: the zenml names of releases older than 0.13.2
(0.5.0 to 0.12.0) that were STEP classes (a ``@step`` function or a subclass of ``BaseStep``)
and that 0.13.2 no longer has.

    python scripts/build_legacy_steps.py              # downloads the wheels (pip download)
    python scripts/build_legacy_steps.py --wheels DIR # or uses wheels already in DIR

ZenML 0.8's ``zenml.alerter.alerter_step.alerter_step`` is a ``@step`` function: calling it
(``post = alerter_step(config=...)``) builds a step instance and runs nothing, as a call of a
zenml class does. The scan reads a module-level statement that only builds such a value as
safe to comment out when 0.20 lacks the name. Only names ``rules/data/zenml_legacy.json``
records without a 0.13.2 successor are considered. The wheels are parsed with ``ast``.

``{"steps": {old path: releases}}``
"""

import ast
import json
import sys
from pathlib import Path
from typing import Dict, Optional, Set

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from build_zenml_index import canonical, read_modules, wheel_for, wheels_folder  # noqa: E402
from build_zenml_legacy import OLD_VERSIONS, Release  # noqa: E402

OUT = ROOT / "rules" / "data" / "legacy_steps.json"
LEGACY = ROOT / "rules" / "data" / "zenml_legacy.json"
STEP_DECORATOR = "zenml.steps.step_decorator.step"
BASE_STEP = "zenml.steps.base_step.BaseStep"


def _dotted(node: ast.expr) -> Optional[str]:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    return ".".join([node.id, *reversed(parts)]) if isinstance(node, ast.Name) else None


class Steps:
    """Which classes and functions of one release are steps."""

    def __init__(self, release: Release, modules: dict):
        self.release, self.modules = release, modules
        self.known: Dict[str, bool] = {BASE_STEP: True}

    def _resolve(self, module: str, node: ast.expr) -> Optional[str]:
        dotted = _dotted(node)
        return canonical(self.release.table, f"{module}.{dotted}") if dotted else None

    def is_step(self, path: str, seen: Optional[Set[str]] = None) -> bool:
        if path in self.known:
            return self.known[path]
        seen = seen or set()
        if path in seen:
            return False
        seen.add(path)
        module, _, name = path.rpartition(".")
        tree = self.modules.get(module)
        node = next((s for s in tree.body if getattr(s, "name", None) == name), None) if tree else None
        found = False
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found = any(
                self._resolve(module, d.func if isinstance(d, ast.Call) else d) == STEP_DECORATOR for d in node.decorator_list
            )
        elif isinstance(node, ast.ClassDef):
            bases = (self._resolve(module, b) for b in node.bases)
            found = any(base is not None and self.is_step(base, seen) for base in bases)
        self.known[path] = found
        return found


def main() -> None:
    legacy = json.loads(LEGACY.read_text())["names"]
    wanted = {path: releases for path, (releases, target) in legacy.items() if not target}
    found: Dict[str, str] = {}
    with wheels_folder(__doc__.splitlines()[0]) as wheels_dir:
        for version in OLD_VERSIONS:
            wheel = wheel_for(version, wheels_dir)
            release = Release(wheel)
            steps = Steps(release, read_modules(wheel))
            for path in sorted(wanted):
                if path in found:
                    continue
                defined = release.definition(path)
                if defined is not None and steps.is_step(defined):
                    found[path] = wanted[path]
    OUT.write_text(json.dumps({"steps": dict(sorted(found.items()))}, indent=1, sort_keys=True) + "\n")
    print(f"{len(found)} old step names -> {OUT}")


if __name__ == "__main__":
    main()
