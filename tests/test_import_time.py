"""ZM461 (fails-at-import): which module-level statements become inert, what is declined, and that
the fix is honest (counts = lines written, re-scan clean, a second run changes nothing)."""

import ast
import textwrap

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source


def _src(text: str) -> str:
    return textwrap.dedent(text).lstrip()


def _codes(text: str, code="ZM461"):
    return [f for f in scan_source(_src(text), "m.py") if f.code == code]


def _fixed(text: str, unsafe=True):
    result = fix_source(_src(text), "m.py", unsafe=unsafe)
    assert result.error is None, result.error
    ast.parse(result.text)
    assert fix_source(result.text, "m.py", unsafe=unsafe).text == result.text  # a second run changes nothing
    return result


CALLED_AT_IMPORT = """
    from zenml.enums import StackComponentType
    from zenml.repository import Repository
    from zenml.stack import Stack


    def build(name):
        return Stack(name=name, orchestrator=None, metadata_store=None, artifact_store=None)


    def names():
        return [c.name for c in Repository().get_stack_components(StackComponentType.ORCHESTRATOR)]


    STACKS = {kind: build(kind) for kind in ("dev", "prod")}
    KINDS = ("dev", "prod")
"""


def test_a_statement_calling_a_function_that_fails_becomes_inert_and_others_stay():
    found = _codes(CALLED_AT_IMPORT)
    assert [f.span.line for f in found] == [14]
    assert "calls `build()`" in found[0].message
    result = _fixed(CALLED_AT_IMPORT)
    assert "# STACKS = {kind: build(kind) for kind in (\"dev\", \"prod\")}" in result.text
    assert "\nSTACKS = _RemovedInZenML020(" in result.text
    assert '\nKINDS = ("dev", "prod")' in result.text
    assert result.applied["ZM461"] == 1


def test_a_name_bound_again_by_a_kept_statement_is_clean_again():
    text = """
        from zenml.repository import Repository

        name = Repository().active_profile_name
        name = "default"
        print(name)
    """
    assert [f.span.line for f in _codes(text)] == [3]


def test_a_dependent_chain_and_a_statement_that_binds_nothing():
    text = """
        from zenml.repository import Repository

        repo = Repository()
        profile = repo.active_profile
        url = profile.store_url
        print("store:", url)
        print("done")
    """
    assert [f.span.line for f in _codes(text)] == [4, 5, 6]
    result = _fixed(text)
    assert result.text.count("# TODO(zenml-migrate): ZM461 ") == 3 == len([t for t in result.fix_todos if t[1] == "ZM461"])
    assert '# print("store:", url)\nprint("done")' in result.text
    rescan = scan_source(result.text, "m.py")
    assert not [f for f in rescan if f.code in ("ZM461", "ZM401")], rescan


def test_safe_level_only_marks_it():
    result = _fixed(CALLED_AT_IMPORT, unsafe=False)
    assert "_RemovedInZenML020" not in result.text
    assert result.text.count("# TODO(zenml-migrate): ZM461 ") == 1


def test_a_removed_import_still_used_by_a_function_gets_a_stub_and_an_unused_one_goes():
    text = """
        from zenml.container_registries import DefaultContainerRegistry
        from zenml.metadata_stores import SQLiteMetadataStore

        store = SQLiteMetadataStore(uri="m.db")


        def registry():
            return DefaultContainerRegistry(uri="localhost:5000")
    """
    result = _fixed(text)
    # the registry's import: ZM460 (its only use is in a function); the metadata store's: ZM461
    assert "from zenml.metadata_stores" not in result.text and "SQLiteMetadataStore = " not in result.text
    assert "# store = SQLiteMetadataStore(uri=\"m.db\")" in result.text
    reexported = text + '\n        __all__ = ["SQLiteMetadataStore", "store"]\n'
    result = _fixed(reexported)
    assert "\nSQLiteMetadataStore = _RemovedInZenML020(" in result.text


DECLINED = {
    "a class body": """
        from zenml.metadata_stores import SQLiteMetadataStore

        store = SQLiteMetadataStore(uri="m.db")


        class Config:
            default = store
    """,
    "a decorator": """
        from zenml.repository import Repository

        profile = Repository().active_profile_name


        @register(profile)
        def f():
            pass
    """,
    "a try statement": """
        from zenml.repository import Repository

        profile = Repository().active_profile_name
        try:
            print(profile.upper())
        except KeyError:
            pass
    """,
    "two statements on one line": """
        from zenml.repository import Repository

        profile = Repository().active_profile_name; ok = 1
    """,
}


def test_declined_when_a_definition_a_try_or_a_shared_line_would_change():
    for what, text in DECLINED.items():
        assert not _codes(text), what
        assert _codes(text, "ZM401") or _codes(text, "ZM312"), what  # the finding stays for a human


def test_main_guard_and_functions_are_left_alone():
    text = """
        from zenml.repository import Repository


        def profile():
            return Repository().active_profile_name


        if __name__ == "__main__":
            print(Repository().active_profile_name)
    """
    assert not _codes(text)


def test_suppressed_inline():
    text = """
        from zenml.repository import Repository

        profile = Repository().active_profile_name  # migrate: ignore[ZM461]
    """
    assert not _codes(text)
