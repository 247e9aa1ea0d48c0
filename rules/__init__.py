"""The rule catalog. Every ``Rule`` object defined at module level in any module of this
package is part of it: adding a rule is one file (or one object) and zero edits elsewhere."""

import importlib
import pkgutil
from functools import lru_cache
from typing import Dict, Iterable, List, Optional

from zenml_migrate.rules.base import Bad, Fix, Good, Kwarg, Ref, Rule, StrLit

__all__ = [
    "Bad", "Fix", "Good", "Kwarg", "Ref", "Rule", "StrLit", "UNREADABLE_FILE", "all_rules", "describe", "find_rules", "get_rule",
    "select_rules",
]

_NOT_RULE_MODULES = {"base"}


@lru_cache(maxsize=None)
def _catalog() -> Dict[str, Rule]:
    found: Dict[str, Rule] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_") or info.name in _NOT_RULE_MODULES:
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for value in vars(module).values():
            if isinstance(value, Rule):
                if value.code in found and found[value.code] is not value:
                    raise RuntimeError(f"duplicate rule code {value.code} in {module.__name__}")
                if not value.family:
                    object.__setattr__(value, "family", info.name)
                found[value.code] = value
    return dict(sorted(found.items()))


def all_rules() -> List[Rule]:
    return list(_catalog().values())


def get_rule(code: str) -> Optional[Rule]:
    return _catalog().get(code.upper())


# Not a detection rule (nothing to select or fix): the code every output gives a file that could
# not be scanned, documented like a rule so that `migrate explain ZM001` and SARIF describe it.
UNREADABLE_FILE = Rule(
    code="ZM001",
    name="unreadable-file",
    message="A file could not be scanned (syntax error, encoding, unreadable or not a notebook)",
    why=(
        "The file could not be read as Python, as a notebook or as YAML, so nothing in it was checked: "
        "the result of the run is incomplete and the command exits 2, whatever else it found. The message "
        "names the cause and the line (in a notebook: the cell; the other cells are still checked)."
    ),
    instead=(
        "Fix the file (the syntax error, the encoding declaration, the file permissions), or exclude it "
        "(`--extend-exclude PATTERN` or `exclude` in `[tool.zenml-migrate]`) when it is not yours to migrate."
    ),
    fix=Fix.NONE,
    fix_note="Nothing is rewritten in a file that cannot be read. ZM001 is always reported: `--select`/`--ignore` do not hide it.",
    family="errors",
)


def describe(code: str) -> Optional[Rule]:
    """The rule of a code printed in any output: a catalog rule or ZM001."""
    return UNREADABLE_FILE if code.upper() == UNREADABLE_FILE.code else get_rule(code)


def find_rules(query: str) -> List[Rule]:
    """Rules for ``migrate explain``: by code (``ZM207``), name (``enable-mlflow``) or code
    prefix (``ZM2``, ``ZM20``), any case; ZM001 included."""
    q = query.strip().upper()
    every = [UNREADABLE_FILE] + all_rules()
    exact = [r for r in every if r.code == q or r.name.upper() == q.replace("_", "-")]
    if exact:
        return exact
    return [r for r in every if q and r.code.startswith(q)] if q.startswith("ZM") else []


def _matches(code: str, selectors: Iterable[str]) -> bool:
    return any(code.startswith(s.strip().upper()) for s in selectors if s.strip())


def select_rules(select=None, ignore=None, extend_select=None) -> List[Rule]:
    """ruff-style selection by code or prefix (``ZM1``, ``ZM101``, ``ALL``)."""
    select = list(select) if select else ["ALL"]
    extend_select = list(extend_select or [])
    ignore = list(ignore or [])
    chosen = []
    for rule in all_rules():
        wanted = ("ALL" in [s.upper() for s in select]) or _matches(rule.code, select) or _matches(rule.code, extend_select)
        if wanted and not _matches(rule.code, ignore):
            chosen.append(rule)
    return chosen


def unknown_selectors(selectors: Iterable[str]) -> List[str]:
    codes = [r.code for r in all_rules()] + [UNREADABLE_FILE.code]
    return [s for s in selectors if s.upper() != "ALL" and not any(c.startswith(s.upper()) for c in codes)]
