"""Regenerate rules/data/component_flavors.json from the real ZenML 0.13.2, 0.20.0 and 0.20.5.

    python scripts/build_component_flavors.py

For every 0.13.2 stack component class a user can subclass (the bases and the built-in
implementations, ``rules/client.py`` COMPONENT_CLASSES) it records what a port to 0.20 needs,
read from the real wheels: the 0.13.2 pydantic fields of the class (so a subclass of
``LocalArtifactStore`` knows ``path`` is a config field), and in 0.20 the class to subclass,
its ``...Config`` and ``...Flavor`` (defining module, the same in 0.20.0 and 0.20.5), the
component type, the flavor's name (``--flavor=`` of ``zenml <type> register``; none for a base
class), and the config fields. Built-in implementations are matched to the flavor
whose ``implementation_class`` names them; a base class to the ``<Base>Config`` /
``<Base>Flavor`` of its module. The two 0.20 versions must agree.
"""

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "rules" / "data" / "component_flavors.json"

OLD = r'''
import importlib, json, sys
out = {}
for path in json.loads(sys.argv[1]):
    mod, _, name = path.rpartition(".")
    try:
        cls = getattr(importlib.import_module(mod), name)
    except Exception as e:  # an integration whose library is not installed
        out[path] = {"error": repr(e)}
        continue
    out[path] = {"fields": sorted(getattr(cls, "__fields__", {}))}
print(json.dumps(out, sort_keys=True))
'''

NEW = r'''
import ast, importlib, inspect, json, sys, textwrap
from zenml.stack.flavor_registry import flavor_registry

def impl_name(fcls):
    tree = ast.parse(textwrap.dedent(inspect.getsource(fcls.implementation_class.fget)))
    ret = [n for n in ast.walk(tree) if isinstance(n, ast.Return)][0].value
    return ret.id

def cpath(c):
    return f"{c.__module__}.{c.__name__}"

from pydantic import BaseModel

def config_members(cfg):
    """Names the 0.20 config class hierarchy defines besides its fields (class constants,
    properties, validators, helpers): a 0.13.2 component's own definition of one of them
    overrides what is now the config's."""
    out = set()
    for k in cfg.__mro__:
        if k is object or not issubclass(k, BaseModel) or k is BaseModel:
            continue
        names = set(vars(k)) | set(getattr(k, "__annotations__", {}))
        out |= {n for n in names if not n.startswith("__") and n not in cfg.__fields__}
    return sorted(out - {"Config", "_abc_impl"})  # the inner pydantic Config is ported by itself

def flavor_attr(impl):
    """Does the 0.20 implementation class declare ``FLAVOR`` (the Flavor class, read by
    ``get_active_...``)?"""
    return any("FLAVOR" in vars(k).get("__annotations__", {}) for k in impl.__mro__)

by_name = {}
by_flavor = {}
for f in flavor_registry.flavors:
    mod, _, name = f.source.split("@")[0].rpartition(".")
    fcls = getattr(importlib.import_module(mod), name)
    inst = fcls()
    by_name[(f.integration or "", impl_name(fcls))] = (fcls, inst)
    by_flavor[name] = (fcls, inst)

out = {}
for path in json.loads(sys.argv[1]):
    parts = path.split(".")
    cls_name = parts[-1]
    integration = parts[2] if parts[1] == "integrations" else ""
    if cls_name.startswith("Base") or cls_name == "StackComponent":
        mod = importlib.import_module(path.rpartition(".")[0])
        stem = "StackComponent" if cls_name == "StackComponent" else cls_name
        cfg = getattr(mod, stem + "Config")
        fl = getattr(mod, stem + "Flavor", None)
        if fl is None:
            from zenml.stack.flavor import Flavor as fl
        impl = path
        impl_cls = getattr(mod, cls_name)
        type_ = None if fl.__name__ == "Flavor" else fl().type.value
        name_ = None  # a base class has no flavor of its own
    else:
        found = by_name.get((integration, cls_name))
        if found is None:  # container registries: the classes are gone, the flavors stay
            found = by_flavor.get(cls_name + "Flavor")
            if found is None:
                out[path] = {"error": "no 0.20 flavor"}
                continue
        fcls, inst = found
        cfg = inst.config_class
        impl_cls = None
        try:
            impl_cls = inst.implementation_class
        except Exception:  # an integration whose library is not installed
            pass
        fl = fcls
        type_ = inst.type.value
        name_ = inst.name  # what `zenml <type> register NAME --flavor=...` takes
        impl = cpath(inst.implementation_class) if not integration else None
        if impl is None:  # integration libraries are not installed: the path is the 0.13.2 one
            impl = path
    out[path] = {
        "type": type_,
        "implementation": impl,
        "config": cpath(cfg),
        "flavor": cpath(fl),
        "flavor_name": name_,
        "config_fields": sorted(cfg.__fields__),
        "config_members": config_members(cfg),
        "flavor_attr": flavor_attr(impl_cls) if impl_cls is not None else None,
    }
print(json.dumps(out, sort_keys=True))
'''


def _run(version: str, script: str, paths) -> dict:
    from tests.realzenml import python

    with tempfile.TemporaryDirectory() as tmp:
        file = Path(tmp) / "dump.py"
        file.write_text(script)
        return json.loads(python(version, [str(file), json.dumps(paths)], Path(tmp) / "cfg").stdout)


def _merge_flavor_attr(new: dict) -> None:
    """``flavor_attr`` of every entry: whether ANY 0.20 version's implementation class of its
    type declares ``FLAVOR`` (0.20.5's model deployers and data validators; writing it is
    harmless on 0.20.0), taken from the type's base class when the integration is missing."""
    by_type = {}
    for version in new.values():
        for entry in version.values():
            if entry.get("flavor_attr"):
                by_type[entry["type"]] = True
    for version in new.values():
        for entry in version.values():
            if "error" not in entry:
                entry["flavor_attr"] = by_type.get(entry["type"], False)


def main() -> int:
    from zenml_migrate.rules.client import COMPONENT_CLASSES

    paths = sorted({*COMPONENT_CLASSES, "zenml.stack.stack_component.StackComponent"})
    old = _run("0.13.2", OLD, paths)
    new = {v: _run(v, NEW, paths) for v in ("0.20.0", "0.20.5")}
    _merge_flavor_attr(new)
    if new["0.20.0"] != new["0.20.5"]:
        diff = [p for p in paths if new["0.20.0"].get(p) != new["0.20.5"].get(p)]
        print(f"error: 0.20.0 and 0.20.5 differ for {diff}; extend the file format first", file=sys.stderr)
        return 1
    out = {}
    for p in paths:
        entry = dict(new["0.20.0"].get(p, {"error": "missing"}))
        if "error" in entry:
            print(f"skipped {p}: {entry['error']}", file=sys.stderr)
            continue
        entry["legacy_fields"] = old.get(p, {}).get("fields")  # None: the integration is not installed in 0.13.2
        out[p] = entry
    OUT.write_text(json.dumps({"versions": ["0.13.2", "0.20.0", "0.20.5"], "classes": out}, indent=1, sort_keys=True) + "\n")
    print(f"wrote {OUT} ({len(out)} classes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
