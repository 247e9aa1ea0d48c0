"""ZM118: a name a 0.13.2 package re-exported from one of its modules, which 0.20 re-exports no more."""

from typing import Tuple

from zenml_migrate.rules.base import Bad, Fix, Good, Rule, renaming, snippet as _c
from zenml_migrate.scan.zenml_index import ALL_020, exists_020, zenml013


def dropped_reexports() -> Tuple[Tuple[str, str], ...]:
    """``(package.Name, package.module.Name)`` for each public name a 0.13.2 package re-exported
    from a module inside it (its ``__init__`` imported it from there) where some 0.20 release
    lacks ``package.Name`` while 0.20.0 and 0.20.5 both still define ``package.module.Name``:
    from the name indexes of the real wheels (``zenml.zen_stores.BaseZenStore`` ->
    ``zenml.zen_stores.base_zen_store.BaseZenStore``)."""
    out = []
    for package, names in zenml013().items():
        if not isinstance(names, dict):
            continue
        for name, target in names.items():
            module, _, defined = (target or "").rpartition(".")
            if name.startswith("_") or defined != name or not module.startswith(package + "."):
                continue
            if exists_020(package, name) != ALL_020 and exists_020(module, name) == ALL_020:
                out.append((f"{package}.{name}", target))
    return tuple(sorted(out))


RENAMES = dropped_reexports()

ZM118 = Rule(
    code="ZM118",
    name="dropped-package-reexport",
    message="ZenML 0.20 no longer re-exports this name from its package: import it from the module that defines it",
    why=(
        "0.13.2's package `__init__` imported the name from one of its modules (`zenml/zen_stores/__init__.py`: "
        "`from zenml.zen_stores.base_zen_store import BaseZenStore`); 0.20's `__init__` no longer does, so "
        "`from zenml.zen_stores import BaseZenStore` raises ImportError, while the module that defined it still "
        "defines it in 0.20.0 and 0.20.5. The pairs come from the name indexes of the real wheels."
    ),
    instead="`from zenml.zen_stores.base_zen_store import BaseZenStore` (the module named in the finding).",
    fix=Fix.SAFE,
    fix_note="Safe: the import then names the 0.20 class the package used to re-export (same name, same defining "
    "module); what the code does with it is checked by the other rules against 0.20.",
    **renaming(RENAMES, spelled=True),
    bad=(
        Bad(
            _c(
                """
                from zenml.zen_stores import BaseZenStore


                def store_url(store: BaseZenStore) -> str:
                    return store.url
                """
            ),
            fixed=_c(
                """
                from zenml.zen_stores.base_zen_store import BaseZenStore


                def store_url(store: BaseZenStore) -> str:
                    return store.url
                """
            ),
        ),
        Bad(
            _c(
                """
                import zenml.zen_stores as stores

                SERVER_STORES = (stores.RestZenStore, stores.SqlZenStore)
                """
            ),
            count=2,
        ),
    ),
    good=(
        Good("from zenml.zen_stores.sql_zen_store import SqlZenStore\n"),
        Good("from zenml.zen_stores.base_zen_store import BaseZenStore\n"),
    ),
)
