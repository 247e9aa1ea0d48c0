"""Would ZenML 0.20 accept this config value? The type check a store or server write needs.

0.20 loads a component's configuration into its pydantic (v1) config class: a value of the
wrong type is written fine but breaks the stack the first time ZenML reads it. The JSON-schema
type of every key comes from the real 0.20 (``data/flavors_020.json``, ``types``); ``fits``
answers the way pydantic v1's default (coercing) validators do: "3" is a fine integer, "yes" a
fine boolean, a mapping is never a string.
"""

from typing import Dict, List, Mapping

_BOOL_WORDS = {"0", "off", "f", "false", "n", "no", "1", "on", "t", "true", "y", "yes"}


def _is_int(value) -> bool:
    if isinstance(value, bool) or isinstance(value, int):
        return True
    if isinstance(value, float):
        return value == value and value not in (float("inf"), float("-inf"))
    if isinstance(value, str):
        try:
            int(value.strip())
            return True
        except ValueError:
            return False
    return False


def _is_number(value) -> bool:
    if isinstance(value, (bool, int, float)):
        return True
    if isinstance(value, str):
        try:
            float(value)
            return True
        except ValueError:
            return False
    return False


def _one_type(type_: str, schema: Mapping, value) -> bool:
    if type_ == "string":
        return isinstance(value, (str, int, float))
    if type_ == "integer":
        return _is_int(value)
    if type_ == "number":
        return _is_number(value)
    if type_ == "boolean":
        if isinstance(value, bool) or value in (0, 1):
            return True
        return isinstance(value, str) and value.strip().lower() in _BOOL_WORDS
    if type_ == "object":
        if not isinstance(value, Mapping):
            return False
        inner = schema.get("additionalProperties")
        return inner is None or all(fits(inner, v) for v in value.values())
    if type_ == "array":
        if not isinstance(value, (list, tuple)):
            return False
        items = schema.get("items")
        if isinstance(items, list):
            return len(value) == len(items) and all(fits(s, v) for s, v in zip(items, value))
        return items is None or all(fits(items, v) for v in value)
    if type_ == "null":
        return value is None
    return True  # a type this check does not know: let ZenML decide


def fits(schema: Mapping, value) -> bool:
    """True when a field of JSON-schema ``schema`` accepts ``value`` (None: always, the field's default)."""
    if value is None or not schema:
        return True
    if "anyOf" in schema:
        return any(fits(s, value) for s in schema["anyOf"])
    if "enum" in schema and value not in schema["enum"]:
        return False
    type_ = schema.get("type")
    if type_ is None:
        return True
    types = type_ if isinstance(type_, list) else [type_]
    return any(_one_type(t, schema, value) for t in types)


def describe(schema: Mapping) -> str:
    """``integer``, ``one of none, global``..., for a message."""
    if "enum" in schema:
        return "one of " + ", ".join(str(v) for v in schema["enum"])
    if "anyOf" in schema:
        return " or ".join(describe(s) for s in schema["anyOf"])
    type_ = schema.get("type", "any value")
    if type_ == "object" and "additionalProperties" in schema:
        return f"a mapping of {describe(schema['additionalProperties'])}"
    if type_ == "array" and isinstance(schema.get("items"), list):
        return f"a list of {len(schema['items'])} values"
    return {"object": "a mapping", "array": "a list"}.get(type_, str(type_))


def wrong_types(types: Dict[str, Mapping], config: Mapping[str, object]) -> List[str]:
    """The keys of ``config`` whose value its field would reject, sorted."""
    return sorted(k for k, v in config.items() if k in types and not fits(types[k], v))
