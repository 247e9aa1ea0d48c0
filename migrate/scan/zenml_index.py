"""Generated indexes of the real ZenML packages (``scripts/build_zenml_index.py``), kept with
the rules in ``rules/data``."""

import re
from functools import lru_cache
from typing import Dict, FrozenSet, List, Optional, Tuple

from zenml_migrate.scan.data_files import rules_data
V0200, V0205 = 1, 2
ALL_020 = V0200 | V0205


@lru_cache(maxsize=None)
def in_zenml(path: str) -> bool:
    """Is ``path`` (a module or a dotted name) the ``zenml`` package or in it? (``zenml.steps``: yes;
    ``zenml_extras``: no)"""
    return path == "zenml" or path.startswith("zenml.")


@lru_cache(maxsize=None)
def zenml013() -> Dict[str, Dict[str, str]]:
    return rules_data("zenml013.json")


@lru_cache(maxsize=None)
def zenml020() -> Dict[str, Dict[str, int]]:
    return rules_data("zenml020.json")


@lru_cache(maxsize=None)
def sdk_modules_020() -> Dict[str, int]:
    """zenml 0.20 modules that do not import with ZenML alone (scripts/build_zenml_sdk_modules.py)."""
    return rules_data("zenml020_sdk_modules.json")


@lru_cache(maxsize=None)
def _kept_strings() -> Dict[str, str]:
    return rules_data("removed_constants.json")["kept"]


def kept_string_constant(path: str) -> Optional[str]:
    """The string of the zenml constant ``path`` when 0.13.2, 0.20.0 and 0.20.5 all bind it to that
    same string (scripts/build_removed_constants.py), else None."""
    return _kept_strings().get(path)


@lru_cache(maxsize=None)
def _sdk_probes() -> Dict[str, str]:
    return rules_data("zenml_sdk_probes.json")


def sdk_probe(module: str) -> Optional[str]:
    """A module of 0.20.0 and 0.20.5 that fails to import, as 0.13.2's ``module`` (gone in 0.20)
    did, only when the package that ``module`` needs is missing (scripts/build_zenml_sdk_probes.py)."""
    return _sdk_probes().get(module)


@lru_cache(maxsize=None)
def zenml_legacy() -> Dict[str, Dict]:
    """Modules and names of ZenML 0.5.0-0.12.0 that 0.13.2 lacks (scripts/build_zenml_legacy.py)."""
    return rules_data("zenml_legacy.json")


@lru_cache(maxsize=None)
def legacy_steps() -> Dict[str, str]:
    """Old names (no 0.13.2 successor) that were step classes: calling one builds a step
    (scripts/build_legacy_steps.py)."""
    return rules_data("legacy_steps.json")["steps"]


def legacy_name(path: str) -> Optional[Tuple[str, str]]:
    """(releases, 0.13.2 successor or "") of an old ``module.name`` 0.13.2 no longer has."""
    entry = zenml_legacy()["names"].get(path)
    return (entry[0], entry[1]) if entry else None


def legacy_module(module: str) -> Optional[str]:
    """The releases that had ``module`` when 0.13.2 no longer does."""
    return zenml_legacy()["modules"].get(module)


def legacy_names_of(module: str) -> List[str]:
    """Public names of an old module (for ``from old.module import *``)."""
    prefix = module + "."
    return [p[len(prefix) :] for p in zenml_legacy()["names"] if p.startswith(prefix) and "." not in p[len(prefix) :]]


def is_module_013(path: str) -> bool:
    return path in zenml013()


@lru_cache(maxsize=65536)
def canonical(path: str) -> str:
    """Map a spelled 0.13.2 path (``zenml.steps.BaseStepConfig().x``) to its defining module.

    Only the dotted head (before any ``()`` or ``+``) is mapped; the rest is kept.
    """
    if not path.startswith("zenml"):
        return path
    cut = len(path)
    for marker in ("(", "+", "[", "~"):
        i = path.find(marker)
        if i != -1:
            cut = min(cut, i)
    head, tail = path[:cut], path[cut:]
    table = zenml013()
    parts = head.split(".")
    # an older release's spelling: the 0.13.2 object it became, then as any 0.13.2 path
    for i in range(len(parts), 2, -1):
        old = legacy_name(".".join(parts[:i]))
        if old is not None:
            if old[1]:
                return canonical(".".join([old[1]] + parts[i:])) + tail
            break
    # longest module prefix, then follow re-exports name by name
    for i in range(len(parts) - 1, 0, -1):
        mod = ".".join(parts[:i])
        if mod in table:
            current = mod
            for j, name in enumerate(parts[i:]):
                target = table.get(current, {}).get(name)
                if target:  # re-export: jump to the definition
                    current = target
                elif f"{current}.{name}" in table or name in table.get(current, {}):
                    current = f"{current}.{name}"
                else:
                    current = ".".join([current] + parts[i + j :])
                    break
            return current + tail
    return path


@lru_cache(maxsize=None)
def integration_classes_013() -> FrozenSet[str]:
    """The built-in ``Integration`` subclasses of 0.13.2 (``zenml.integrations.kubeflow.KubeflowIntegration``):
    the ``...Integration`` class each integration package defines (the 0.13.2 index; every one is
    an ``Integration`` subclass there, ``tests/test_integration_flavors_real_zenml.py``)."""
    out = set()
    for module, names in zenml013().items():
        parts = module.split(".")
        if len(parts) == 3 and parts[:2] == ["zenml", "integrations"]:
            out.update(f"{module}.{n}" for n, origin in names.items() if not origin and n.endswith("Integration") and n != "Integration")
    return frozenset(out)


@lru_cache(maxsize=None)
def _packages_020() -> FrozenSet[str]:
    out = set()
    for name in zenml020():
        parts = name.split(".")
        out.update(".".join(parts[:i]) for i in range(1, len(parts)))
    return frozenset(out)


def is_package_020(module: str) -> bool:
    """Is ``module`` a package (has submodules) in ZenML 0.20?"""
    return module in _packages_020()


def exists_020(module: str, name: Optional[str] = None) -> int:
    """Bit mask of the 0.20 versions where ``module`` (or ``module.name``) exists."""
    table = zenml020()
    entry = table.get(module)
    if entry is None:
        return 0
    if name is None:
        return entry.get("", 0)
    mask = entry.get(name, 0)
    sub = table.get(f"{module}.{name}")
    if sub is not None:
        mask |= sub.get("", 0)
    return mask


def closest_020(module: str, name: Optional[str] = None) -> Optional[str]:
    """A hint for ZM000: the nearest existing 0.20 module or name."""
    import difflib

    table = zenml020()
    if name is None:
        hits = difflib.get_close_matches(module, list(table), n=1, cutoff=0.6)
        return hits[0] if hits else None
    # a hint is a name every 0.20 release has (``zenml.utils.io_utils.PathType``, missing on
    # 0.20.5 only, is no hint for itself); the same name in another module comes first (a
    # look-alike of the module, ``io_utils.Path``, is a worse guess than ``PathType`` elsewhere)
    homes = sorted(
        m for m, names in table.items() if names.get(name) == ALL_020 and not m.split(".")[-1].startswith("_")
    )
    if homes and module in table and table[module].get(name):
        return f"{min(homes, key=len)}.{name}"
    below = _defined_below(module, name, homes)
    if below:
        return f"{below}.{name}"
    if module in table:
        hits = difflib.get_close_matches(name, [n for n, m in table[module].items() if n and m == ALL_020], n=1, cutoff=0.6)
        if hits:
            return f"{module}.{hits[0]}"
    if homes:
        return f"{min(homes, key=len)}.{name}"
    return None


def _defined_below(module: str, name: str, homes: List[str]) -> Optional[str]:
    """The 0.20 home of a class that moved into a submodule of ``module`` (``zenml.zen_stores``
    -> ``zenml.zen_stores.base_zen_store.BaseZenStore``): ZenML defines a class in the module
    named after it (``BaseZenStore`` in ``base_zen_store``); the shortest module on the way
    there that has the name (a package re-exporting it) is the spelling to use. Other modules
    that merely import the name (``zenml.zen_server.utils``) or a look-alike name in ``module``
    are worse guesses. None when no such module lies under ``module``."""
    if name.isupper() or not name[:1].isalpha():
        return None  # a constant is not named after its module
    own = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).lower()
    under = [h for h in homes if h.startswith(module + ".")]
    defining = [h for h in under if h.rsplit(".", 1)[-1] == own]
    if not defining:
        return None
    return min((h for h in under if any(d == h or d.startswith(h + ".") for d in defining)), key=len)
