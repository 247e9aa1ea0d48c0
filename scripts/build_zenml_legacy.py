"""Regenerate rules/data/zenml_legacy.json: the zenml modules and names of releases older
than 0.13.2 (0.5.0 to 0.12.0) that 0.13.2 no longer has at that path.

    python scripts/build_zenml_legacy.py              # downloads the wheels (pip download)
    python scripts/build_zenml_legacy.py --wheels DIR # or uses wheels already in DIR

Real repositories carry code written for those releases. With this index the scanner
resolves an old spelling to the 0.13.2 object it became, so every rule of the catalog (and
its fix) applies to it, and ZM000 can say what an old name is. Like the other indexes the
wheels are read as zip files and parsed with ``ast`` (nothing is imported).

``{"modules": {module: "first-last"}, "names": {path: ["first-last", target]}}`` where
``target`` is the 0.13.2 path of the same class or function (a re-export of a zenml name
that 0.13.2 still defines; a class or function defined in the old module that 0.13.2
defines under the same name in exactly one module, or in the one closest to the old
module's path) or ``""`` when there is none.
"""

import ast
import json
import sys
from pathlib import Path
from typing import Dict, List, Optional, Set

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_zenml_index import canonical, module_level_names, read_modules, wheel_for, wheels_folder  # noqa: E402

OLD_VERSIONS = (
    "0.5.0", "0.5.1", "0.5.2", "0.5.3", "0.5.4", "0.5.5", "0.5.6", "0.5.7",
    "0.6.0", "0.6.1", "0.6.2", "0.6.3", "0.7.0", "0.7.1", "0.7.2", "0.7.3",
    "0.8.0", "0.8.1", "0.9.0", "0.10.0", "0.11.0", "0.12.0",
)
CURRENT = "0.13.2"
OUT = Path(__file__).resolve().parent.parent / "rules" / "data" / "zenml_legacy.json"


class Release:
    def __init__(self, wheel: Path):
        modules = read_modules(wheel)
        packages = {m for m in modules if any(k.startswith(m + ".") for k in modules)}
        self.table = module_level_names(modules, packages)
        # names a module defines itself (classes, functions), not imports or constants
        self.defined: Dict[str, Set[str]] = {
            m: {s.name for s in t.body if isinstance(s, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))}
            for m, t in modules.items()
        }
        # module-level instances of a zenml class: {module: {name: defining path of the class}}
        # (``type_registry = ArtifactTypeRegistry()``, a registry every release creates once)
        self.instances: Dict[str, Dict[str, str]] = {}
        for m, t in modules.items():
            for s in t.body:
                if not (isinstance(s, ast.Assign) and len(s.targets) == 1 and isinstance(s.targets[0], ast.Name)
                        and isinstance(s.value, ast.Call) and isinstance(s.value.func, ast.Name)):
                    continue
                cls = self.definition(f"{m}.{s.value.func.id}")
                if cls is not None and cls.rpartition(".")[2][:1].isupper():
                    self.instances.setdefault(m, {})[s.targets[0].id] = cls

    def has(self, path: str) -> bool:
        module, _, name = path.rpartition(".")
        return path in self.table or name in self.table.get(module, {})

    def definition(self, path: str) -> Optional[str]:
        """The defining path of ``path`` when it is a zenml class or function."""
        target = canonical(self.table, path)
        module, _, name = target.rpartition(".")
        return target if name in self.defined.get(module, set()) else None


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a.split("."), b.split(".")):
        if x != y:
            break
        n += 1
    return n


def _instance_successor(old: Release, new: Release, path: str, homes: Dict[str, List[str]]) -> str:
    """The 0.13.2 path of a module-level instance of a zenml class an old ``path`` names: the one
    0.13.2 module that creates an instance of that class's successor under the same name, or ""."""
    module, _, name = canonical(old.table, path).rpartition(".")
    cls = old.instances.get(module, {}).get(name)
    target = successor(old, new, cls, homes) if cls else ""
    if not target:
        return ""
    found = [m for m, names in new.instances.items() if names.get(name) == target]
    return f"{found[0]}.{name}" if len(found) == 1 else ""


def successor(old: Release, new: Release, path: str, homes: Dict[str, List[str]]) -> str:
    """The 0.13.2 path of the object an old ``path`` names, or ""."""
    defined = old.definition(path)
    if defined is None:
        return _instance_successor(old, new, path, homes)
    if new.has(defined) and new.definition(defined) == defined:
        return defined  # re-exported from a module that is gone; the definition is still there
    module, _, name = defined.rpartition(".")
    candidates = homes.get(name, [])
    if len(candidates) == 1:
        return f"{candidates[0]}.{name}"
    if candidates:
        scored = sorted(((_common_prefix(module, c), c) for c in candidates), reverse=True)
        if scored[0][0] > 1 and scored[0][0] > scored[1][0]:
            return f"{scored[0][1]}.{name}"
    return ""


def build(wheels: Dict[str, Path]) -> dict:
    new = Release(wheels[CURRENT])
    homes: Dict[str, List[str]] = {}
    for module, names in new.defined.items():
        for name in names:
            homes.setdefault(name, []).append(module)
    modules: Dict[str, List[str]] = {}
    names: Dict[str, List[str]] = {}
    for version in OLD_VERSIONS:
        old = Release(wheels[version])
        for module, table in old.table.items():
            if any(p.startswith("_") for p in module.split(".")):
                continue
            if module not in new.table:
                modules.setdefault(module, []).append(version)
            for name in table:
                if name.startswith("_"):
                    continue
                path = f"{module}.{name}"
                if new.has(path):
                    continue
                entry = names.setdefault(path, [[], ""])
                entry[0].append(version)
                entry[1] = entry[1] or successor(old, new, path, homes)
    span = lambda versions: f"{versions[0]}-{versions[-1]}" if len(versions) > 1 else versions[0]  # noqa: E731
    return {
        "modules": {m: span(v) for m, v in sorted(modules.items())},
        "names": {p: [span(v), t] for p, (v, t) in sorted(names.items())},
    }


def main() -> None:
    with wheels_folder(__doc__.splitlines()[0]) as wheels_dir:
        data = build({v: wheel_for(v, wheels_dir) for v in OLD_VERSIONS + (CURRENT,)})
    OUT.write_text(json.dumps(data, separators=(",", ":"), sort_keys=True) + "\n")
    mapped = sum(1 for _, t in data["names"].values() if t)
    print(f"wrote {OUT} ({len(data['modules'])} modules, {len(data['names'])} names, {mapped} with a 0.13.2 successor)")


if __name__ == "__main__":
    main()
