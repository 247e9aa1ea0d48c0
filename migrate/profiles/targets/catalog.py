"""The built-in and integration flavors of ZenML 0.20.x and their config keys.

Read from ``migrate/profiles/data/flavors_020.json``, which ``scripts/build_flavor_catalog.py``
generates from the real 0.20.0 and 0.20.5 (identical key sets in both). Each entry:
``keys`` (config fields), ``required``, ``secret`` (fields 0.20 marks sensitive), ``source``
(the Flavor class), ``integration``.
"""

import json
from functools import lru_cache
from pathlib import Path
from typing import Dict, Optional

DATA = Path(__file__).resolve().parent.parent / "data" / "flavors_020.json"


@lru_cache(maxsize=1)
def flavors() -> Dict[str, Dict[str, dict]]:
    """component type -> flavor name -> {keys, required, secret, source, integration}."""
    return json.loads(DATA.read_text(encoding="utf-8"))["flavors"]


def component_types():
    """The 0.20 component types (no ``metadata_store``)."""
    return set(flavors())


def builtin(type_: str, name: str) -> Optional[dict]:
    return flavors().get(type_, {}).get(name)


_JSON_TYPES = ((bool, "boolean"), (int, "integer"), (float, "number"), (str, "string"), (list, "array"), (dict, "object"))


def inferred_config_schema(title: str, configs) -> str:
    """A JSON Schema (as 0.20 stores in ``flavorschema.config_schema``) for a custom flavor.

    0.20 takes the schema from the Flavor's config class; the legacy flavor has none, so it
    is inferred from the configs of the components being migrated (keys and value types).
    """
    props: Dict[str, dict] = {}
    for config in configs:
        for key, value in config.items():
            prop = props.setdefault(key, {"title": key.replace("_", " ").title()})
            for py, js in _JSON_TYPES:
                if value is not None and isinstance(value, py):
                    prop.setdefault("type", js)
                    break
    return json.dumps({"title": title, "type": "object", "properties": props, "additionalProperties": False})
