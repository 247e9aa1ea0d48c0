"""Regenerate rules/data/legacy_bases.json: the zenml classes of releases older than 0.13.2
(0.5.0 to 0.12.0) that were EMPTY abstract subclasses of another zenml class, with the 0.20
spelling of that class (an abstract ``Base...`` class: an empty subclass of an exception or
an enum is a type of its own that ``except``/``isinstance`` tell apart, so it is not listed).

    python scripts/build_legacy_bases.py              # downloads the wheels (pip download)
    python scripts/build_legacy_bases.py --wheels DIR # or uses wheels already in DIR

ZenML 0.5-0.12 had "standard interfaces" such as ``BaseTrainerStep(BaseStep)`` /
``BaseTrainerConfig(BaseStepConfig)`` and visualizer bases such as
``BaseStepVisualizer(BaseVisualizer)``: a docstring and abstract methods, nothing else. A
user's subclass of one behaves the same as a subclass of its base, whose 0.20 spelling is
recorded here (``BaseStepConfig`` -> ``zenml.steps.BaseParameters`` through the rename table
of the rule catalog). An old name that is a re-export of such a class (``zenml.steps.
step_interfaces.BaseTrainerStep``) is listed too. Only names ``rules/data/zenml_legacy.json``
records without a 0.13.2 successor are considered. The wheels are parsed with ``ast``.

``{"bases": {old path: [releases, 0.13 base path, 0.20 module, 0.20 name]}}``
"""

import ast
import json
import sys
from pathlib import Path
from typing import Dict, Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))
from build_zenml_index import canonical, read_modules, wheel_for, wheels_folder  # noqa: E402
from build_zenml_legacy import OLD_VERSIONS, Release  # noqa: E402

OUT = ROOT / "rules" / "data" / "legacy_bases.json"
LEGACY = ROOT / "rules" / "data" / "zenml_legacy.json"


def _is_abstract(node: ast.stmt) -> bool:
    return isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(
        (isinstance(d, ast.Name) and d.id == "abstractmethod") or (isinstance(d, ast.Attribute) and d.attr == "abstractmethod")
        for d in node.decorator_list
    )


def thin_base(cls: ast.ClassDef) -> Optional[str]:
    """The dotted name of the only base of a class whose body is a docstring, ``pass`` and
    abstract methods (no field, no concrete method, no keyword such as a metaclass)."""
    if len(cls.bases) != 1 or cls.keywords or cls.decorator_list:
        return None
    for stmt in cls.body:
        docstring = isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str)
        if not (docstring or isinstance(stmt, ast.Pass) or _is_abstract(stmt)):
            return None
    try:
        return ast.unparse(cls.bases[0]) if isinstance(cls.bases[0], (ast.Name, ast.Attribute)) else None
    except AttributeError:  # Python < 3.9
        return None


def rename_table() -> Dict[str, tuple]:
    """0.13 identifier -> (0.20 module, 0.20 name), from every rule of the catalog."""
    from zenml_migrate.rules import all_rules

    table: Dict[str, tuple] = {}
    for rule in all_rules():
        if rule.code == "ZM442":  # this file's own rule
            continue
        for old, new in rule.rename_targets().items():
            table.setdefault(old, new)
    return table


def target_020(base: str, renames: Dict[str, tuple]) -> Optional[tuple]:
    from zenml_migrate.scan.zenml_index import ALL_020, exists_020

    module, _, name = base.rpartition(".")
    if name in renames:
        module, name = renames[name]
    elif exists_020(module, name) != ALL_020:
        return None
    # the shortest package that exports it (zenml.steps.BaseStep next to zenml.steps.BaseParameters:
    # one import line for both, as users write it)
    parts = module.split(".")
    for i in range(1, len(parts)):
        package = ".".join(parts[:i])
        if exists_020(package, name) == ALL_020:
            return package, name
    return module, name


def main() -> None:
    legacy = json.loads(LEGACY.read_text())["names"]
    wanted = {path: releases for path, (releases, target) in legacy.items() if not target}
    renames = rename_table()
    found: Dict[str, list] = {}
    with wheels_folder(__doc__.splitlines()[0]) as wheels_dir:
        for version in OLD_VERSIONS:
            wheel = wheel_for(version, wheels_dir)
            release = Release(wheel)
            modules = read_modules(wheel)
            for path in sorted(wanted):
                if path in found:
                    continue
                defined = release.definition(path)
                if defined is None:
                    continue
                module, _, name = defined.rpartition(".")
                cls = next((s for s in modules[module].body if isinstance(s, ast.ClassDef) and s.name == name), None)
                base = thin_base(cls) if cls is not None else None
                if base is None:
                    continue
                base_path = canonical(release.table, f"{module}.{base}")
                if not base_path.rpartition(".")[2].startswith("Base"):
                    # only abstract bases (BaseStep, BaseStepConfig, BaseVisualizer): an empty
                    # subclass of an exception or enum is a distinct type (`except X`, isinstance)
                    continue
                target = target_020(base_path, renames)
                if target is not None:
                    found[path] = [wanted[path], base_path, target[0], target[1]]
    OUT.write_text(json.dumps({"bases": dict(sorted(found.items()))}, indent=1, sort_keys=True) + "\n")
    print(f"{len(found)} old names -> {OUT}")


if __name__ == "__main__":
    main()
