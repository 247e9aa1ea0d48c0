"""A small, fast YAML writer for the bundle files (plain data: dict, list, str, int, float,
bool, None). Strings are always double-quoted JSON strings (valid YAML double-quoted
scalars), so no value can change type on the way back. Writing 1,000 stack files through
PyYAML's representer took seconds; this takes milliseconds. Round-trip tested against
``yaml.safe_load``."""

import json
import math
import re
from typing import List

_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_YAML11_WORDS = {"y", "yes", "n", "no", "true", "false", "on", "off", "null"}


# characters YAML may not hold raw, or would fold as line breaks, inside a double-quoted scalar
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def _quoted(text: str) -> str:
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def _key(k) -> str:
    text = str(k)
    if _PLAIN_KEY.fullmatch(text) and text.lower() not in _YAML11_WORDS:
        return text
    return _quoted(text)


def _float(x: float) -> str:
    if math.isnan(x):
        return ".nan"
    if math.isinf(x):
        return ".inf" if x > 0 else "-.inf"
    text = repr(x)
    if "e" in text and "." not in text.split("e")[0]:  # YAML 1.1 needs a dot: 1e-05 -> 1.0e-05
        mantissa, exp = text.split("e")
        text = f"{mantissa}.0e{exp}"
    return text


def scalar(value) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float(value)
    return _quoted(str(value))


def _emit(value, indent: int, out: List[str]) -> None:
    pad = " " * indent
    if isinstance(value, dict):
        for k, v in value.items():
            if isinstance(v, (dict, list)) and v:
                out.append(f"{pad}{_key(k)}:\n")
                _emit(v, indent + 2, out)
            else:
                out.append(f"{pad}{_key(k)}: {_inline(v)}\n")
    else:
        for v in value:
            if isinstance(v, (dict, list)) and v:
                out.append(f"{pad}-\n")
                _emit(v, indent + 2, out)
            else:
                out.append(f"{pad}- {_inline(v)}\n")


def _inline(v) -> str:
    if isinstance(v, dict):
        return "{}"
    if isinstance(v, list):
        return "[]"
    return scalar(v)


def dump(data: dict) -> str:
    """Block-style YAML of a mapping."""
    out: List[str] = []
    _emit(data, 0, out)
    return "".join(out)
