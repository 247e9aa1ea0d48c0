"""Regenerate rules/data/zenml013.json and rules/data/zenml020.json from the real wheels.

    python scripts/build_zenml_index.py            # downloads the wheels from PyPI (pip download)
    python scripts/build_zenml_index.py --wheels DIR   # or uses wheels already in DIR

The wheels are read as zip files and every module is scanned with stdlib ``ast``
(nothing is imported), so the index is exact for module-level names:

* zenml013.json: ``{module: {name: canonical}}`` for ZenML 0.13.2, where canonical is
  the module path that defines the name when it is a re-export of another zenml
  module (empty string when defined in place or imported from outside zenml).
* zenml020.json: ``{module: {name: mask}}`` for 0.20.0 (bit 1) and 0.20.5 (bit 2), names that
  exist when the module runs (not those bound only under ``if TYPE_CHECKING:``).
"""

import argparse
import ast
import json
from contextlib import contextmanager
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

VERSIONS_020 = {"0.20.0": 1, "0.20.5": 2}
OUT = Path(__file__).resolve().parent.parent / "rules" / "data"


def wheel_for(version: str, wheels: Path) -> Path:
    found = sorted(wheels.glob(f"zenml-{version}-*.whl"))
    if found:
        return found[0]
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "--python-version", "3.9", f"zenml=={version}", "-d", str(wheels)],
        check=True,
    )
    return sorted(wheels.glob(f"zenml-{version}-*.whl"))[0]


def read_modules(wheel: Path) -> dict:
    """module name -> parsed ast.Module, for every zenml/**/*.py in the wheel."""
    modules = {}
    with zipfile.ZipFile(wheel) as zf:
        for info in zf.infolist():
            name = info.filename
            if not (name.startswith("zenml/") and name.endswith(".py")):
                continue
            mod = name[:-3].replace("/", ".")
            if mod.endswith(".__init__"):
                mod = mod[: -len(".__init__")]
            try:
                modules[mod] = ast.parse(zf.read(info))
            except SyntaxError:
                modules[mod] = ast.Module(body=[], type_ignores=[])
    return modules


def _absolute(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _type_checking_only(test: ast.expr) -> bool:
    """``TYPE_CHECKING`` or ``typing.TYPE_CHECKING``: true for type checkers, false at run time."""
    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    return isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"


def module_level_names(modules: dict, packages: set, run_time: bool = False) -> dict:
    """module -> {name: source} where source is ``'zenml.x.y.Name'`` for zenml imports, '' else.

    With ``run_time`` the names bound only under ``if TYPE_CHECKING:`` are left out: they do
    not exist when the module runs (``from zenml.steps.base_step import BaseParameters``
    is an ImportError on 0.20). The 0.13.2 index keeps them: user code imports them in its
    own ``if TYPE_CHECKING:`` blocks (``RuntimeConfiguration`` for a custom orchestrator)."""
    table = {}
    stars = {}
    for mod, tree in modules.items():
        names, star_from = {}, []

        def walk(body):
            for stmt in body:
                if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    names.setdefault(stmt.name, "")
                elif isinstance(stmt, ast.Assign):
                    for t in stmt.targets:
                        for n in ast.walk(t):
                            if isinstance(n, ast.Name):
                                names.setdefault(n.id, "")
                elif isinstance(stmt, (ast.AnnAssign, ast.AugAssign)) and isinstance(stmt.target, ast.Name):
                    names.setdefault(stmt.target.id, "")
                elif isinstance(stmt, ast.Import):
                    for a in stmt.names:
                        if a.asname:
                            names[a.asname] = a.name if a.name.startswith("zenml") else ""
                        else:
                            top = a.name.split(".")[0]
                            names.setdefault(top, top if top == "zenml" else "")
                elif isinstance(stmt, ast.ImportFrom):
                    src = _absolute(mod, mod in packages, stmt)
                    for a in stmt.names:
                        if a.name == "*":
                            star_from.append(src)
                            continue
                        target = f"{src}.{a.name}" if src.startswith("zenml") else ""
                        names[a.asname or a.name] = target
                elif run_time and isinstance(stmt, ast.If) and _type_checking_only(stmt.test):
                    walk(stmt.orelse)  # ``if TYPE_CHECKING:`` names do not exist when the module runs
                elif isinstance(stmt, (ast.If, ast.Try, ast.With, ast.For, ast.While)):
                    for field in ("body", "orelse", "finalbody"):
                        walk(getattr(stmt, field, []) or [])
                    for h in getattr(stmt, "handlers", []) or []:
                        walk(h.body)

        walk(tree.body)
        table[mod] = names
        stars[mod] = star_from
    # expand star imports (to a fixpoint)
    changed = True
    while changed:
        changed = False
        for mod, sources in stars.items():
            for src in sources:
                for name, target in list(table.get(src, {}).items()):
                    if name.startswith("_") or name in table[mod]:
                        continue
                    table[mod][name] = target or f"{src}.{name}"
                    changed = True
    return table


def canonical(table: dict, path: str, seen=None) -> str:
    """Follow re-exports to the module that defines the name."""
    seen = seen or set()
    if path in seen:
        return path
    seen.add(path)
    mod, _, name = path.rpartition(".")
    if mod in table and name in table[mod]:
        target = table[mod][name]
        if target and target != path:
            if target in table:  # a module imported under a name
                return target
            return canonical(table, target, seen)
    return path


def build_013(wheel: Path) -> dict:
    modules = read_modules(wheel)
    packages = {m for m in modules if any(k.startswith(m + ".") for k in modules)}
    table = module_level_names(modules, packages)
    out = {}
    for mod in sorted(table):
        entry = {}
        for name in sorted(table[mod]):
            path = f"{mod}.{name}"
            canon = canonical(table, path)
            entry[name] = "" if canon == path else canon
        out[mod] = entry
    return out


def build_020(wheels: dict) -> dict:
    out = {}
    for version, bit in VERSIONS_020.items():
        modules = read_modules(wheels[version])
        packages = {m for m in modules if any(k.startswith(m + ".") for k in modules)}
        table = module_level_names(modules, packages, run_time=True)
        for mod, names in table.items():
            entry = out.setdefault(mod, {})
            for name in names:
                entry[name] = entry.get(name, 0) | bit
            # submodules are attributes of their package
            entry.setdefault("", 0)
            out[mod][""] |= bit  # the module itself exists in this version
    return {m: dict(sorted(v.items())) for m, v in sorted(out.items())}


@contextmanager
def wheels_folder(description: str):
    """The ``--wheels DIR`` of a build script (a temporary folder when not given)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--wheels", type=Path, help="folder with (or for) the downloaded wheels")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        wheels_dir = args.wheels or Path(tmp)
        wheels_dir.mkdir(parents=True, exist_ok=True)
        yield wheels_dir


def main() -> None:
    with wheels_folder(__doc__.splitlines()[0]) as wheels_dir:
        w013 = wheel_for("0.13.2", wheels_dir)
        w020 = {v: wheel_for(v, wheels_dir) for v in VERSIONS_020}
        OUT.mkdir(parents=True, exist_ok=True)
        for fname, data in (("zenml013.json", build_013(w013)), ("zenml020.json", build_020(w020))):
            (OUT / fname).write_text(json.dumps(data, separators=(",", ":"), sort_keys=True) + "\n")
            print(f"wrote {OUT / fname} ({len(data)} modules)")


if __name__ == "__main__":
    main()
