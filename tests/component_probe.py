"""Import custom stack component modules inside ONE real ZenML venv and use their components.

    <venv>/bin/python tests/component_probe.py SPEC.json OUT.json

Runs under the venv's Python (3.9), standard library and zenml only. SPEC::

    {"trees": [{"name": "fixed", "root": "/tmp/x/tree", "modules": ["pkg.mod", ...]}, ...],
     "mode": "old" | "new", "tmp": "/tmp/x/work",
     "components": {"pkg.mod.Class": {"flavor": "name", "type": "alerter",
                    "config": {...}, "fields": [...], "probes": ["c.expr", ...],
                    "config_probes": ["attr", ...]}}}

Each module of each tree is imported in a forked child (one module's failure or state never
reaches another), with its tree's ``root`` first on ``sys.path``, the working directory and
``{tmp}`` in config values a fresh folder under ``tmp``. For each component of the module:

* ``old`` (ZenML 0.13.2, the module as written): the class's ``FLAVOR`` and ``TYPE``, the
  component built as 0.13.2 builds it (``Class(name=..., **config)``);
* ``new`` (ZenML 0.20.x, the ported module): the ``<Class>Flavor`` class registers the way
  ``zenml <type> flavor register`` does it (``validate_flavor_source`` where the version's own
  works, else its checks one by one; ``to_model()`` with the config schema), and the
  component is built the way 0.20 builds it from its model (``implementation_class(name=...,
  config=config_class(**config), ...)``).

Then the same observations on both sides: the values of ``fields`` (``c.<f>`` / ``c.config.<f>``),
of ``config_probes`` (members that live on the component in 0.13.2 and on its config in 0.20),
and ``repr`` of each ``probes`` expression (``c`` is the component). OUT maps each tree name
to ``{module: {"import": null | error, "components": {class: {what: value | {"error": ...}}}}}``
(paths under the tree's folder written ``{tmp}``).
"""

import importlib
import json
import os
import sys
import traceback
from datetime import datetime
from uuid import uuid4


def _error(exc: BaseException) -> dict:
    return {"error": f"{exc.__class__.__name__}: {exc}"[:500], "where": traceback.format_exc().strip().splitlines()[-3:]}


def _subst(value, tmp: str):
    if isinstance(value, str):
        return value.replace("{tmp}", tmp)
    if isinstance(value, list):
        return [_subst(v, tmp) for v in value]
    if isinstance(value, dict):
        return {k: _subst(v, tmp) for k, v in value.items()}
    return value


TMP = ""  # the spec's ``tmp``, written as ``{tmp}`` in results (they compare across runs)


def _jsonable(value):
    if isinstance(value, str):
        return value.replace(TMP, "{tmp}") if TMP else value
    try:
        json.dumps(value)
        return value
    except (TypeError, ValueError):
        return repr(value)


def _observe(out: dict, c, spec: dict, on_config) -> None:
    holder = c.config if on_config else c
    for f in spec.get("fields", ()):
        try:
            out[f"field:{f}"] = _jsonable(getattr(holder, f))
        except Exception as exc:  # noqa: BLE001 - every failure is a result
            out[f"field:{f}"] = _error(exc)
    for attr in spec.get("config_probes", ()):
        try:
            value = getattr(holder, attr)
            out[f"config:{attr}"] = _jsonable(repr(sorted(value) if isinstance(value, (set, frozenset)) else value))
        except Exception as exc:  # noqa: BLE001
            out[f"config:{attr}"] = _error(exc)
    for expr in spec.get("probes", ()):
        try:
            out[f"probe:{expr}"] = _jsonable(repr(eval(expr, {"c": c, "os": os})))  # the fixture's own expressions
        except Exception as exc:  # noqa: BLE001
            out[f"probe:{expr}"] = _error(exc)


def _old(module, name: str, spec: dict, out: dict) -> None:
    cls = getattr(module, name)
    out["flavor"] = cls.FLAVOR
    out["type"] = cls.TYPE.value
    c = cls(name="probe", **spec["config"])
    _observe(out, c, spec, on_config=False)


def _register(source: str, type_, flavor_cls, out: dict) -> None:
    """What ``zenml <type> flavor register <source>`` checks and stores."""
    from zenml.stack import Flavor, StackComponent, StackComponentConfig
    from zenml.utils import source_utils

    import zenml

    if zenml.__version__ != "0.20.0":  # 0.20.0's own check reads `implementation_class.type` (fails for every class)
        source_utils.validate_flavor_source(source=source, component_type=type_)
    flavor = flavor_cls()
    assert issubclass(flavor_cls, Flavor), "not a Flavor"
    assert issubclass(flavor.implementation_class, StackComponent), "implementation is not a StackComponent"
    assert issubclass(flavor.config_class, StackComponentConfig), "config is not a StackComponentConfig"
    assert flavor.type == type_, f"type {flavor.type} != {type_}"
    model = flavor.to_model()
    out["schema_fields"] = sorted(json.loads(model.config_schema).get("properties", {}))


def _new(module, name: str, spec: dict, out: dict) -> None:
    from zenml.enums import StackComponentType

    flavor_cls = getattr(module, f"{name}Flavor")
    flavor = flavor_cls()
    out["flavor"] = flavor.name
    out["type"] = flavor.type.value
    try:
        _register(f"{module.__name__}.{name}Flavor", StackComponentType(spec["type"]), flavor_cls, out)
        out["registers"] = True
    except Exception as exc:  # noqa: BLE001
        out["registers"] = _error(exc)
    config = flavor.config_class(**spec["config"])
    c = flavor.implementation_class(
        name="probe", id=uuid4(), config=config, flavor=flavor.name, type=flavor.type,
        user=uuid4(), project=uuid4(), created=datetime.now(), updated=datetime.now(),
    )
    out["class"] = type(c).__name__
    _observe(out, c, spec, on_config=True)


def _child(module_name: str, spec: dict, root: str, tmp: str) -> dict:
    global TMP
    TMP = tmp
    sys.path.insert(0, root)
    os.makedirs(tmp, exist_ok=True)
    os.chdir(tmp)
    result = {"import": None, "components": {}}
    try:
        module = importlib.import_module(module_name)
    except BaseException as exc:  # noqa: BLE001 - SystemExit too
        result["import"] = _error(exc)
        return result
    prefix = module_name + "."
    for path, comp in spec["components"].items():
        if not path.startswith(prefix) or "." in path[len(prefix):]:
            continue
        name = path[len(prefix):]
        out: dict = {}
        comp = _subst(comp, tmp)
        try:
            (_old if spec["mode"] == "old" else _new)(module, name, comp, out)
        except Exception as exc:  # noqa: BLE001
            out["error"] = _error(exc)
        result["components"][name] = out
    return result


def _forked(module_name: str, spec: dict, root: str, tmp: str) -> dict:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read)
        try:
            data = json.dumps(_child(module_name, spec, root, tmp)).encode()
        except BaseException as exc:  # noqa: BLE001
            data = json.dumps({"import": _error(exc), "components": {}}).encode()
        with os.fdopen(write, "wb") as f:
            f.write(data)
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as f:
        data = f.read()
    os.waitpid(pid, 0)
    return json.loads(data) if data else {"import": {"error": "the child died"}, "components": {}}


def main(spec_path: str, out_path: str) -> int:
    sys.dont_write_bytecode = True  # the original tree is the repository's fixture: no __pycache__ in it
    with open(spec_path) as f:
        spec = json.load(f)
    import zenml  # noqa: F401 - imported once, before the forks (they share it)

    results = {}
    for i, tree in enumerate(spec["trees"]):
        results[tree["name"]] = {
            m: _forked(m, spec, tree["root"], os.path.join(spec["tmp"], f"{i}-{n}"))
            for n, m in enumerate(tree["modules"])
        }
    with open(out_path, "w") as f:
        json.dump(results, f, indent=1, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
