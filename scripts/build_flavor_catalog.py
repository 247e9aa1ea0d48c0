"""Regenerate migrate/profiles/data/flavors_020.json from the real ZenML 0.20.0 and 0.20.5.

    python scripts/build_flavor_catalog.py

Runs a small script inside each cached 0.20.x venv (``tests/realzenml.py``) that reads every
built-in and integration flavor from ``zenml.stack.flavor_registry`` and its config class
JSON schema: the config keys, the type of each (what pydantic will accept), the required keys,
the secret keys and the Flavor class path.
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
import json
from zenml.stack.flavor_registry import flavor_registry
out = {}
for f in flavor_registry.flavors:
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
    }
print(json.dumps(out, sort_keys=True))
'''


def catalog(version: str) -> dict:
    from tests.realzenml import python

    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "dump_flavors.py"
        script.write_text(DUMP)
        return json.loads(python(version, [str(script)], Path(tmp) / "cfg").stdout)


def main() -> int:
    found = {v: catalog(v) for v in VERSIONS}
    first = found[VERSIONS[0]]
    for v, data in found.items():
        if data != first:
            print(f"error: the flavor catalogs of {VERSIONS[0]} and {v} differ; extend the file format first", file=sys.stderr)
            return 1
    OUT.write_text(json.dumps({"versions": list(VERSIONS), "flavors": first}, indent=1, sort_keys=True) + "\n")
    print(f"wrote {OUT} ({sum(len(v) for v in first.values())} flavors)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
