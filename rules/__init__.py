"""The rule catalog. Every ``Rule`` object defined at module level in any module of this
package is part of it: adding a rule is one file (or one object) and zero edits elsewhere."""

import importlib
import pkgutil
from functools import lru_cache
from typing import Dict, FrozenSet, Iterable, List, Optional, Sequence, Tuple

from zenml_migrate.rules.base import Bad, Fix, Good, Kwarg, Ref, Rule, StrLit, YamlKey

__all__ = [
    "Bad", "Fix", "Good", "Kwarg", "Ref", "Rule", "Selected", "StrLit", "UNREADABLE_FILE", "all_rules", "catalog_index", "describe",
    "find_rules", "get_rule", "is_run_config_rule", "run_config_codes", "select_codes", "select_rules",
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
    catalog = _catalog()
    return [catalog[code] for code in select_codes(list(catalog), select, ignore, extend_select)]


def select_codes(codes: Sequence[str], select=None, ignore=None, extend_select=None) -> List[str]:
    """``select_rules`` over the catalog's ``codes`` (in catalog order): the codes it selects."""
    select = list(select) if select else ["ALL"]
    extend_select = list(extend_select or [])
    ignore = list(ignore or [])
    every = "ALL" in [s.upper() for s in select]
    return [code for code in codes
            if (every or _matches(code, select) or _matches(code, extend_select)) and not _matches(code, ignore)]


def unknown_selectors(selectors: Iterable[str], codes: Optional[Sequence[str]] = None) -> List[str]:
    """The selectors no rule code starts with; ``codes``: the catalog's, when known without it."""
    codes = [*(codes if codes is not None else _catalog()), UNREADABLE_FILE.code]
    return [s for s in selectors if s.upper() != "ALL" and not any(c.startswith(s.upper()) for c in codes)]


class Selected(Sequence):
    """The rules of a selection known by its ``codes`` (in catalog order), the catalog's size
    ``total`` and which of them are run-config rules (``run_config``, ``is_run_config_rule``):
    the catalog (38 rule modules, and the detection they import) is imported when a rule is
    first looked at, not for these. A warm ``migrate scan`` looks at none: they come from the
    results cache (``catalog_index``, ``scan.cache.known_catalog``)."""

    def __init__(self, codes: Sequence[str], total: int, run_config: Iterable[str] = ()):
        self.codes: Tuple[str, ...] = tuple(codes)
        self.total = total
        self.run_config = frozenset(run_config) & frozenset(self.codes)
        self._rules: Optional[List[Rule]] = None

    def _loaded(self) -> List[Rule]:
        if self._rules is None:
            catalog = _catalog()
            self._rules = [catalog[code] for code in self.codes if code in catalog]
        return self._rules

    def __len__(self) -> int:
        return len(self.codes)

    def __getitem__(self, i):
        return self._loaded()[i]

    def __iter__(self):
        return iter(self._loaded())


def is_run_config_rule(rule: Rule) -> bool:
    """Does ``rule`` match keys of YAML run configs (``zenml pipeline run -c`` files)?"""
    return any(isinstance(m, YamlKey) and m.document == "run_config" for m in rule.match)


def run_config_codes(rules: Sequence[Rule]) -> FrozenSet[str]:
    """The codes of the run-config rules among ``rules`` (a ``Selected`` knows them without the catalog)."""
    if isinstance(rules, Selected):
        return rules.run_config
    return frozenset(r.code for r in rules if is_run_config_rule(r))


def catalog_index() -> Tuple[Tuple[str, ...], Tuple[str, ...]]:
    """``(every rule code in catalog order, the run-config rules' codes)``: what a ``Selected``
    is made of (imports the catalog)."""
    rules = all_rules()
    return tuple(r.code for r in rules), tuple(r.code for r in rules if is_run_config_rule(r))
