"""ZM460: the import of a zenml name with no 0.20 successor goes when only code that runs later
uses it; that code raises under a TODO (detection: ``migrate/scan/no_successor.py``).

Decision (what a careful user accepts, and at which level):

* Profiles (``zenml.config.profile_config``), metadata stores (``zenml.metadata_stores``),
  ``DefaultContainerRegistry``, ``FlavorWrapper``, the 0.5-0.12 modules (``zenml.io.utils``,
  ``zenml.utils.path_utils``, builtin pipelines and steps, ``mlflow_environment``...) have no
  ZenML 0.20 successor: their own rules (ZM902, ZM312, ZM109, ZM112, ZM000...) report them for a
  human. Left as they are, the import fails on 0.20, and the module fails, with every module
  that imports it, even where the name is used only in a function nobody calls.
* When every use of the imported name is in code that does not run at import (a function or
  method body, the ``if __name__ == "__main__":`` block, an annotation of a def or method with no
  decorator but ``staticmethod``/``classmethod``/``property``/``abstractmethod``, a variable
  annotation of the module or of a class body that nothing reads when the class is defined: no
  base but ``typing.Protocol``/``Generic``/``NamedTuple``/``TypedDict`` or ``abc.ABC``, no
  decorator but ``dataclasses.dataclass``/``typing.runtime_checkable``, no metaclass; not a pydantic model), the import
  can go: the module imports again, and each statement that uses the name raises
  ``NotImplementedError`` naming what 0.20 has instead (the advice of the rule that reported
  it: ``zenml stack``/``Client()``/``zenml connect`` for profiles, "the 0.20 server/store tracks
  metadata" for metadata stores) under a ``# TODO(zenml-migrate)`` line, when that code path
  runs. The statement stays below the raise, unchanged, for the human to port. An unused import
  just goes. The findings on values of local names in the code the raise makes unreachable (the
  statement and the rest of its block: ``store.uri`` after ``isinstance(store,
  SQLiteMetadataStore)``) go with it: their type may come through the removed name, which no
  scan follows once the import is gone (a re-scan leaves them out too); one on an expression of a
  module-level name (``StoreType.LOCAL``) keeps its TODO.
* A removed import only the hooks an unsafe ZM409 port re-signs use (``runtime_configuration:
  RuntimeConfiguration`` in a custom orchestrator's ``prepare_or_run_pipeline``) is resolved by
  that port at ``--unsafe-fixes``; at ``--fix`` (no port) ZM460 takes it: the import goes, the
  annotations become strings, and the module imports on 0.20. A read of such a parameter in the
  hook's body (``runtime_configuration.run_name``) goes with the port, whose TODO says what the
  argument became; at ``--fix`` it keeps its TODO, and the re-scan still sees it: an annotation
  that is the name alone is quoted as the name's full path
  (``"zenml.runtime_configuration.RuntimeConfiguration"``), which the scan reads without an import. ``--unsafe-fixes`` makes both
  edits in one run and the port then replaces those parameters, so ``--fix`` then
  ``--unsafe-fixes`` writes what ``--unsafe-fixes`` alone writes.
* Safe: only a name that neither 0.20.0 nor 0.20.5 has is removed, so on 0.20 the module failed
  at import and no code of it ever ran there: nothing a working program relied on changes. The
  code that uses the name fails when it runs, as it did (loudly, with the reason).
* Not done (the finding keeps its TODO, the module still fails): a use that runs at import (a
  module-level statement, a class body (but its variable annotations, above), a decorator, a default value, an ``except`` type), a
  name another module imports from this one or ``__all__`` lists, a name bound again, an
  import inside a function (it fails only when the function runs).
"""

from zenml_migrate.rules.base import Bad, Fix, Good, Rule, snippet as _c

# what the scan decides for the fix of each ZM460 finding (its ``fix_args``: ``scan/no_successor.mark``
# writes them, ``codemods/no_successor.py`` reads them and decides nothing again): the removed
# import ``(module, name, local)``; the spans of the statements that get the raise and of the
# annotations that become strings (keys starting with ``@``: spans of the text, moved with it,
# ``Finding.moved``); what the rules of the findings it resolves say to do instead
IMPORT, ANCHORS, ANNOTATIONS, ADVICE = "import", "@anchors", "@annotations", "advice"

ZM460 = Rule(
    code="ZM460",
    name="no-successor-import",
    message="This zenml name has no ZenML 0.20 successor and only code that runs after import uses it: the import can go",
    why=(
        "The name (a profile, metadata store, container registry class, a 0.5-0.12 module...) is gone in ZenML "
        "0.20 with nothing that replaces it, so its import fails and the whole module fails to import on 0.20, "
        "with every module that imports it, even when only a function that is never called uses the name."
    ),
    instead="Port the code that uses the name (the rule that reported the import says to what); until then the "
    "module imports and that code raises NotImplementedError with the reason.",
    fix=Fix.SAFE,
    fix_note="Safe: only a name that neither ZenML 0.20.0 nor 0.20.5 has is removed, so the module could not import "
    "on 0.20 and nothing that ran there changes. Each statement using the name gets a TODO line and a `raise "
    "NotImplementedError(...)` above it (it fails when it runs, with the reason, as it failed before); a def or "
    "method annotation, or a variable annotation of the module or of a Protocol/dataclass/plain class, naming it "
    "becomes a string (the name's full zenml path when the annotation is the name alone). "
    "A use that runs at import keeps the reporting rule's TODO.",
    codemod="no_successor:RaiseAtUses",
    todo="port the code that uses this name: ZenML 0.20 has no successor",
    bad=(
        Bad(
            _c(
                """
                from zenml.config.profile_config import ProfileConfiguration
                from zenml.enums import StoreType


                def new_profile(name: str):
                    return ProfileConfiguration(name=name, store_type=StoreType.SQL)
                """
            ),
            fixed=_c(
                """
                from zenml.enums import StoreType


                def new_profile(name: str):
                    # TODO(zenml-migrate): ZM460 `ProfileConfiguration` is gone in ZenML 0.20 with no successor (ZM902: profiles are gone in ZenML 0.20: use projects, `zenml connect` or ZENML_STORE_* variables): port this code (it raises until then)
                    raise NotImplementedError("zenml-migrate: `ProfileConfiguration` is gone in ZenML 0.20 (ZM902: profiles are gone in ZenML 0.20: use projects, `zenml connect` or ZENML_STORE_* variables); see the TODO(zenml-migrate) above this line")
                    return ProfileConfiguration(name=name, store_type=StoreType.SQL)
                """
            ),
            count=1,
        ),
        Bad(
            _c(
                """
                import sys

                from zenml.metadata_stores import SQLiteMetadataStore
                from zenml.integrations.tensorflow.steps import TensorflowTrainerConfig


                def metadata_store(path: str) -> SQLiteMetadataStore:
                    print("metadata in", path)
                    if path:
                        return SQLiteMetadataStore(uri=path)
                    return None


                if __name__ == "__main__":
                    print(metadata_store(sys.argv[1]))
                """
            ),
            fixed=_c(
                """
                import sys


                def metadata_store(path: str) -> "zenml.metadata_stores.SQLiteMetadataStore":
                    print("metadata in", path)
                    if path:
                        # TODO(zenml-migrate): ZM460 `SQLiteMetadataStore` is gone in ZenML 0.20 with no successor (ZM312: metadata stores are gone in ZenML 0.20: the 0.20 server/store tracks run metadata (`zenml up` / `zenml connect`)): port this code (it raises until then)
                        raise NotImplementedError("zenml-migrate: `SQLiteMetadataStore` is gone in ZenML 0.20 (ZM312: metadata stores are gone in ZenML 0.20: the 0.20 server/store tracks run metadata (`zenml up` / `zenml connect`)); see the TODO(zenml-migrate) above this line")
                        return SQLiteMetadataStore(uri=path)
                    return None


                if __name__ == "__main__":
                    print(metadata_store(sys.argv[1]))
                """
            ),
            count=2,
        ),
        Bad(
            _c(
                """
                from typing import Protocol

                from zenml.metadata_stores import SQLiteMetadataStore


                class HasMetadata(Protocol):
                    metadata_store: SQLiteMetadataStore
                """
            ),
            fixed=_c(
                """
                from typing import Protocol


                class HasMetadata(Protocol):
                    metadata_store: "zenml.metadata_stores.SQLiteMetadataStore"
                """
            ),
            count=1,
        ),
    ),
    good=(
        Good("from zenml.metadata_stores import SQLiteMetadataStore\n\nstore = SQLiteMetadataStore(uri='m.db')\n"),
        Good(
            "from zenml.metadata_stores import SQLiteMetadataStore\n\n\nclass Stores:\n    kind = SQLiteMetadataStore\n"
        ),
        Good("from zenml.client import Client\n\n\ndef stacks():\n    return Client().stacks\n"),
    ),
)
