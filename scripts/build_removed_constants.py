"""Regenerate rules/data/removed_constants.json: the string constants of ZenML 0.13.2 that
neither 0.20.0 nor 0.20.5 has, with the value 0.13.2 gave them.

    python scripts/build_removed_constants.py              # downloads the wheels (pip download)
    python scripts/build_removed_constants.py --wheels DIR # or uses wheels already in DIR

A constant is a module-level ``NAME = "text"`` (one name, a plain string literal) of a 0.13.2
module; every public path that reaches it by re-export is listed too
(``zenml.integrations.kubeflow.KUBEFLOW_METADATA_STORE_FLAVOR``), when 0.20.0 and 0.20.5 both
lack that path (``rules/data/zenml020.json``, the same wheels). The wheel is parsed with ``ast``
(nothing is imported), so the value is the one 0.13.2 itself bound.

``{"constants": {path: value}, "kept": {path: value}, "environment": [name]}``: ``kept`` lists the string constants that
0.20.0 and 0.20.5 still have with the same value (``DAG_FILEPATH_OPTION_KEY = "dag_filepath"``): a
key written as such a name is that string on every release (``rules/decorators.py`` ZM212 reads
``**{DAG_FILEPATH_OPTION_KEY: path}`` given to ``run()`` as the keyword ``dag_filepath=``).
``environment`` lists the environment variables 0.13.2 reads that neither 0.20 release reads
(``rules/removed.py`` ZM906): the values of its ``ENV_*`` constants, and ``ZENML_<FIELD>`` of each
field of its ``GlobalConfiguration`` (its ``__getattribute__`` reads ``ZENML_ACTIVATED_PROFILE`` for
``activated_profile``), minus the same of 0.20.0 and 0.20.5.
"""

import ast
import json
import sys
from pathlib import Path
from typing import Dict, List, Set

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))
from build_zenml_index import build_020, canonical, module_level_names, read_modules, wheel_for, wheels_folder, VERSIONS_020  # noqa: E402

OUT = ROOT / "rules" / "data" / "removed_constants.json"


def string_constants(modules: dict) -> Dict[str, str]:
    """``{module.NAME: value}`` of each module-level ``NAME = "text"`` bound once in its module."""
    out: Dict[str, str] = {}
    for mod, tree in modules.items():
        bound: Dict[str, int] = {}
        values: Dict[str, str] = {}
        for stmt in tree.body:
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target] if isinstance(stmt, ast.AnnAssign) else []
            for target in targets:
                if isinstance(target, ast.Name):
                    bound[target.id] = bound.get(target.id, 0) + 1
            value = getattr(stmt, "value", None)
            if len(targets) == 1 and isinstance(targets[0], ast.Name) and isinstance(value, ast.Constant) and isinstance(value.value, str):
                values[targets[0].id] = value.value
        out.update({f"{mod}.{name}": value for name, value in values.items() if bound[name] == 1 and not name.startswith("_")})
    return out


def removed_constants(w013: Path, w020: dict) -> Dict[str, str]:
    modules = read_modules(w013)
    packages = {m for m in modules if any(k.startswith(m + ".") for k in modules)}
    table = module_level_names(modules, packages)
    constants = string_constants(modules)
    index_020 = build_020(w020)
    out: Dict[str, str] = {}
    for mod in sorted(table):
        for name in sorted(table[mod]):
            if name.startswith("_"):
                continue
            path = f"{mod}.{name}"
            value = constants.get(canonical(table, path))
            if value is not None and not index_020.get(mod, {}).get(name, 0) and f"{mod}.{name}" not in index_020:
                out[path] = value
    return out


def kept_constants(w013: Path, w020: dict) -> Dict[str, str]:
    """The public paths of 0.13.2 string constants that both 0.20 releases have, bound to the same string."""
    def values(wheel: Path):
        modules = read_modules(wheel)
        packages = {m for m in modules if any(k.startswith(m + ".") for k in modules)}
        table = module_level_names(modules, packages)
        constants = string_constants(modules)
        return {f"{mod}.{name}": constants.get(canonical(table, f"{mod}.{name}"))
                for mod in table for name in table[mod] if not name.startswith("_")}

    old = values(w013)
    new = [values(w) for w in w020.values()]
    return {path: value for path, value in sorted(old.items()) if value is not None and all(v.get(path) == value for v in new)}


def _variables(wheel: Path) -> Set[str]:
    """The environment variables a release reads: its ``ENV_*`` string constants' values, and
    ``ZENML_<FIELD>`` of its ``GlobalConfiguration`` fields (a pydantic model whose attribute
    reads look up ``CONFIG_ENV_VAR_PREFIX + key.upper()`` first, in 0.13.2 and 0.20)."""
    modules = read_modules(wheel)
    out = {value for path, value in string_constants(modules).items() if path.rpartition(".")[2].startswith("ENV_") and value.startswith("ZENML_")}
    for stmt in modules["zenml.config.global_config"].body:
        if isinstance(stmt, ast.ClassDef) and stmt.name == "GlobalConfiguration":
            out.update(f"ZENML_{s.target.id.upper()}" for s in stmt.body if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)
                       and not s.target.id.startswith("_"))
    return out


def removed_variables(w013: Path, w020: dict) -> List[str]:
    """The environment variables of 0.13.2 that 0.20.0 and 0.20.5 do not read."""
    return sorted(_variables(w013) - set().union(*(_variables(w) for w in w020.values())))


def main() -> None:
    with wheels_folder(__doc__.splitlines()[0]) as wheels_dir:
        w013 = wheel_for("0.13.2", wheels_dir)
        w020 = {v: wheel_for(v, wheels_dir) for v in VERSIONS_020}
        found = removed_constants(w013, w020)
        kept = kept_constants(w013, w020)
        environment = removed_variables(w013, w020)
    OUT.write_text(json.dumps({"constants": found, "kept": kept, "environment": environment}, indent=1, sort_keys=True) + "\n")
    print(f"{len(found)} removed and {len(kept)} kept string constants -> {OUT}")


if __name__ == "__main__":
    main()
