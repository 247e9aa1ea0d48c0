"""ZM117: ``zenml.utils.io_utils.PathType``, which 0.20.5 defines only for type checkers."""

from zenml_migrate.rules.base import Bad, Fix, Good, Rule, renaming, snippet as _c

# zenml 0.13.2 and 0.20.0 wheels: ``io_utils`` imports ``PathType`` from
# ``zenml.artifact_stores.base_artifact_store`` at run time; 0.20.5 imports it under
# ``if TYPE_CHECKING:`` only (ImportError at run time). base_artifact_store.PathType is
# ``Union[bytes, str]`` in all three.
RENAMES = (("zenml.utils.io_utils.PathType", "zenml.artifact_stores.base_artifact_store.PathType"),)

ZM117 = Rule(
    code="ZM117",
    name="io-utils-path-type",
    message="`zenml.utils.io_utils.PathType` is not importable at run time in ZenML 0.20.5: import it from "
    "`zenml.artifact_stores.base_artifact_store`",
    why=(
        "`zenml.utils.io_utils` re-exported `PathType` from `zenml.artifact_stores.base_artifact_store` up to 0.20.0; "
        "0.20.5 imports it there under `if TYPE_CHECKING:` only, so `from zenml.utils.io_utils import PathType` "
        "raises ImportError at import."
    ),
    instead="`from zenml.artifact_stores.base_artifact_store import PathType` (the same `Union[bytes, str]`).",
    fix=Fix.SAFE,
    fix_note="Safe: the same object, imported from the module that defines it in 0.13.2, 0.20.0 and 0.20.5.",
    **renaming(RENAMES),
    bad=(
        Bad(
            _c(
                """
                from zenml.utils.io_utils import PathType


                def exists(path: PathType) -> bool:
                    return bool(path)
                """
            ),
            fixed=_c(
                """
                from zenml.artifact_stores.base_artifact_store import PathType


                def exists(path: PathType) -> bool:
                    return bool(path)
                """
            ),
        ),
        Bad(  # an alias, a module attribute and a name that stays on the line with its comment
            _c(
                """
                from zenml.utils import io_utils
                from zenml.utils.io_utils import PathType as P, read_file_contents_as_string  # keep me


                def f(p: io_utils.PathType) -> P:
                    return read_file_contents_as_string(p)
                """
            ),
            fixed=_c(
                """
                from zenml.artifact_stores.base_artifact_store import PathType as P, PathType
                from zenml.utils import io_utils
                from zenml.utils.io_utils import read_file_contents_as_string  # keep me


                def f(p: PathType) -> P:
                    return read_file_contents_as_string(p)
                """
            ),
            count=3,
        ),
    ),
    good=(
        Good("from zenml.artifact_stores.base_artifact_store import PathType\n"),
        Good("from zenml.utils.io_utils import read_file_contents_as_string\n"),
    ),
)
