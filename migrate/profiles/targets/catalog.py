"""What a target needs beyond the 0.20 flavor catalog (``zenml_migrate.profiles.flavors_020``,
read from ``data/flavors_020.json``, generated from the real 0.20.0 and 0.20.5 by
``scripts/build_flavor_catalog.py``): the JSON Schema of a custom flavor's config."""

import json
from typing import Dict, Iterable

_JSON_TYPES = ((bool, "boolean"), (int, "integer"), (float, "number"), (str, "string"), (list, "array"), (dict, "object"))


def inferred_config_schema(title: str, configs: Iterable[Dict[str, object]]) -> str:
    """A JSON Schema (as 0.20 stores in ``flavorschema.config_schema``) for a custom flavor.

    0.20 takes the schema from the Flavor's config class, which we cannot import; it is
    inferred from the configs of the components being migrated (keys and value types).
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
