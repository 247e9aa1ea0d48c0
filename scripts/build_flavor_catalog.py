"""Regenerate migrate/profiles/data/flavors_020.json from the real ZenML 0.20.0 and 0.20.5.

    python scripts/build_flavor_catalog.py

Runs a small script inside each cached 0.20.x venv (``tests/realzenml.py``) that reads every
built-in and integration flavor from ``zenml.stack.flavor_registry`` and its config class
JSON schema: the config keys, the type of each (what pydantic will accept), the required keys,
the secret keys and the Flavor class path.
It also reads what else the config class accepts: ``extra`` (False: pydantic rejects any other
key, 'extra fields not permitted') and ``aliases``, keys that are no field but that a
``@root_validator(pre=True)`` of the config (or a base of it) takes out or renames before the
fields are checked (``custom_docker_base_image_name`` of every orchestrator, ``base_image`` of
every step operator): ``{alias: field it becomes, or null when dropped}``. Candidates are the
identifier-like string constants in the source of those validators; each is kept only when the
real config class accepts it (instantiated with the key alone, no 'extra fields' error for it).
``renamed_013``: 0.13.2 integration flavor names 0.20 gives another name (read from 0.13.2's
integration registry: ``{type: {old: new}}``).
The two versions must agree (they do for 0.20.0 and 0.20.5); the file is what the store and
REST targets validate against before they write anything.
"""

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "migrate" / "profiles" / "data" / "flavors_020.json"
VERSIONS = ("0.20.0", "0.20.5")

DUMP = r'''
import ast, importlib, inspect, json, textwrap
from pydantic import Extra, ValidationError
from zenml.stack.flavor_registry import flavor_registry


def config_class(f):
    mod, _, name = f.source.split("@")[0].rpartition(".")
    return getattr(importlib.import_module(mod), name)().config_class


def pre_validator_strings(cfg):
    """Identifier-like string constants in the pre root validators of ``cfg``."""
    found = set()
    for v in getattr(cfg, "__pre_root_validators__", []):
        func = getattr(v, "__func__", v)
        try:
            tree = ast.parse(textwrap.dedent(inspect.getsource(func)))
        except (OSError, TypeError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.isidentifier():
                found.add(node.value)
    return found


def rejected(cfg, key):
    """Does the real config class reject ``key`` as an extra field? None: the check did not
    reach the fields (a pre validator failed first)."""
    try:
        cfg(**{key: "1"})
    except ValidationError as e:
        errors = e.errors()
        if any(err["loc"] == (key,) and err["type"] == "value_error.extra" for err in errors):
            return True
        if any(err["loc"] == ("__root__",) for err in errors) and not any(err["type"] == "value_error.missing" for err in errors):
            return None
        return False
    except Exception:
        return None
    return False


def becomes(cfg, key):
    """The field an alias is renamed to by the pre validators (None: dropped)."""
    values = {key: "1"}
    for v in getattr(cfg, "__pre_root_validators__", []):
        try:
            values = v(cfg, dict(values))
        except Exception:
            return None
    new = [k for k in values if k in cfg.__fields__ and k != key]
    return new[0] if len(new) == 1 and key not in values else None


out = {}
for f in flavor_registry.flavors:
    cfg = config_class(f)
    extra = cfg.__config__.extra != Extra.forbid
    aliases = {}
    if not extra:
        assert rejected(cfg, "zz_no_such_key_zz") is True, f.name
        for key in sorted(pre_validator_strings(cfg) - set(cfg.__fields__)):
            if rejected(cfg, key) is False:
                aliases[key] = becomes(cfg, key)
    schema = json.loads(f.config_schema)
    props = schema.get("properties", {})
    defs = schema.get("definitions", {})

    def plain(prop):
        """A property schema reduced to what a value is checked against (references resolved)."""
        if "$ref" in prop:
            prop = defs[prop["$ref"].split("/")[-1]]
        if "allOf" in prop and len(prop["allOf"]) == 1:
            return plain(prop["allOf"][0])
        out = {k: prop[k] for k in ("type", "enum", "minItems", "maxItems") if k in prop}
        if isinstance(prop.get("items"), dict):
            out["items"] = plain(prop["items"])
        elif isinstance(prop.get("items"), list):
            out["items"] = [plain(p) for p in prop["items"]]
        if isinstance(prop.get("additionalProperties"), dict):
            out["additionalProperties"] = plain(prop["additionalProperties"])
        for key in ("anyOf", "oneOf"):
            if key in prop:
                out["anyOf"] = [plain(p) for p in prop[key]]
        return out

    out.setdefault(f.type.value, {})[f.name] = {
        "keys": sorted(props),
        "types": {k: plain(v) for k, v in sorted(props.items())},
        "required": sorted(schema.get("required", [])),
        "secret": sorted(k for k, v in props.items() if v.get("sensitive")),
        "source": f.source.split("@")[0],
        "integration": f.integration,
        "extra": extra,
        "aliases": aliases,
    }
print("RESULT " + json.dumps(out, sort_keys=True))  # the deprecation warnings of the aliases go to stdout too
'''

# 0.13.2's integration flavors (FlavorWrapper names: the strings, no component class imported)
LEGACY = r'''
import json
from zenml.integrations.registry import integration_registry
out = []
for _, integ in sorted(integration_registry.integrations.items()):
    for fw in integ.flavors() or []:
        out.append([fw.type.value, integ.NAME, fw.name])
print("RESULT " + json.dumps(sorted(out)))
'''


def renamed(legacy: list, flavors: dict) -> dict:
    """``{type: {0.13.2 name: 0.20 name}}``: an integration's only flavor of a type, which 0.20
    names otherwise (``--flavor gcp_secrets_manager`` is ``--flavor gcp``; the old name fails
    with 'No flavor with name ...')."""
    out: dict = {}
    for type_, integration, name in legacy:
        new = flavors.get(type_, {})
        if name in new:
            continue
        old_same = [n for t, i, n in legacy if t == type_ and i == integration]
        new_same = [n for n, spec in new.items() if spec["integration"] == integration]
        if len(old_same) == 1 and len(new_same) == 1:
            out.setdefault(type_, {})[name] = new_same[0]
    return out


def catalog(version: str, script: str = DUMP) -> dict:
    from tests.realzenml import python

    with tempfile.TemporaryDirectory() as tmp:
        file = Path(tmp) / "dump_flavors.py"
        file.write_text(script)
        out = python(version, [str(file)], Path(tmp) / "cfg").stdout
        return json.loads(next(line for line in out.splitlines() if line.startswith("RESULT "))[len("RESULT "):])


def main() -> int:
    found = {v: catalog(v) for v in VERSIONS}
    first = found[VERSIONS[0]]
    for v, data in found.items():
        if data != first:
            print(f"error: the flavor catalogs of {VERSIONS[0]} and {v} differ; extend the file format first", file=sys.stderr)
            return 1
    legacy = renamed(catalog("0.13.2", LEGACY), first)
    OUT.write_text(json.dumps({"versions": list(VERSIONS), "flavors": first, "renamed_013": legacy}, indent=1, sort_keys=True) + "\n")
    print(f"wrote {OUT} ({sum(len(v) for v in first.values())} flavors)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
