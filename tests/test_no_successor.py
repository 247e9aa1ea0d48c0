"""ZM460 (no-successor-import): where the import can go and where it cannot, scan and fix agree,
the TODO lines written are the ones counted, and a second run changes nothing."""

import ast
import textwrap
from pathlib import Path

import pytest

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.rules import select_rules


def _c(text):
    return textwrap.dedent(text).lstrip()


def _zm460(source):
    return [f for f in scan_source(source) if f.code == "ZM460"]


@pytest.mark.parametrize(
    "source",
    [
        # a module-level use, a class body, a decorator, a default value, an except type: run at import
        "from zenml.metadata_stores import SQLiteMetadataStore\n\nstore = SQLiteMetadataStore(uri='m')\n",
        "from zenml.metadata_stores import SQLiteMetadataStore\n\n\nclass A:\n    kind = SQLiteMetadataStore\n",
        "from zenml.metadata_stores import SQLiteMetadataStore\n\n\n@SQLiteMetadataStore\ndef f():\n    pass\n",
        "from zenml.metadata_stores import SQLiteMetadataStore\n\n\ndef f(kind=SQLiteMetadataStore):\n    pass\n",
        "from zenml.metadata_stores import SQLiteMetadataStore\n\n\ndef f():\n    try:\n        pass\n"
        "    except SQLiteMetadataStore:\n        pass\n",
        # re-exported, bound again, a one-line body, a decorated def's annotation
        "from zenml.metadata_stores import SQLiteMetadataStore\n\n__all__ = ['SQLiteMetadataStore']\n",
        "from zenml.metadata_stores import SQLiteMetadataStore\n\n\ndef f():\n    SQLiteMetadataStore = 1\n    return SQLiteMetadataStore\n",
        "from zenml.metadata_stores import SQLiteMetadataStore\n\n\ndef f(): return SQLiteMetadataStore()\n",
        "import functools\nfrom zenml.metadata_stores import SQLiteMetadataStore\n\n\n@functools.lru_cache()\n"
        "def f(x: SQLiteMetadataStore):\n    pass\n",
        # a name 0.20 still has is never removed
        "from zenml.stack import Stack\n\n\ndef f():\n    return Stack\n",
    ],
)
def test_no_removal_where_a_use_runs_at_import_or_the_name_is_kept(source):
    assert _zm460(source) == []
    result = fix_source(source, rules=select_rules(ignore=["ZM461"]))  # ZM461's stub (a safe fix) raises too: not pinned here
    assert "raise NotImplementedError" not in result.text


def test_uses_in_elif_main_guard_and_nested_blocks_get_one_raise_each():
    source = _c(
        """
        import sys

        import zenml.utils.path_utils as path_utils
        from zenml.config.profile_config import ProfileConfiguration


        def f(path):
            if path is None:
                return 0
            elif path_utils.file_exists(path):
                for _ in range(2):
                    ProfileConfiguration(name=path)
            return 1


        if __name__ == "__main__":
            print(ProfileConfiguration)
            sys.exit(f(sys.argv[1]))
        """
    )
    (a, b) = _zm460(source)
    assert (a.fix, b.fix) == ("safe", "safe")
    result = fix_source(source)
    text = result.text
    ast.parse(text)
    assert "path_utils" not in text.split("def f")[0] and "ProfileConfiguration" not in text.split("def f")[0]
    lines = text.splitlines()
    raises = [i for i, line in enumerate(lines) if "raise NotImplementedError" in line]
    # before the whole `if` (the elif is part of it) and before the print of the main block
    assert [lines[i + 1].strip().split("(")[0] for i in raises] == ["if path is None:", "print"], text
    assert len(result.fix_todos) == text.count("# TODO(zenml-migrate): ZM460 ") == 2
    assert not [f for f in scan_source(text) if f.fix == "safe"]
    assert fix_source(text).text == text


def test_a_keyword_of_a_call_of_the_name_goes_with_it_but_not_a_finding_in_an_argument():
    source = _c(
        """
        from zenml.enums import StoreType
        from zenml.config.profile_config import ProfileConfiguration


        def f(name):
            return ProfileConfiguration(name=name, store_type=StoreType.LOCAL)
        """
    )
    findings = scan_source(source)
    local = [f for f in findings if f.code == "ZM113"]
    assert local and all(f.resolved_by is None and f.fix is None for f in local)  # StoreType.LOCAL stays
    result = fix_source(source)
    assert "ZM113" in [f.code for f in result.remaining]
    assert "# TODO(zenml-migrate): ZM113" in result.text and "# TODO(zenml-migrate): ZM460" in result.text


CUSTOM_ORCHESTRATOR = Path(__file__).parent / "data" / "custom_orchestrator" / "slurm_orchestrator.py"


def test_a_removed_import_only_a_hook_the_unsafe_port_re_signs_uses_goes_at_fix():
    """A 0.12-0.13 custom orchestrator: `from zenml.runtime_configuration import RuntimeConfiguration`
    used only as the annotation of `prepare_or_run_pipeline`. The ZM409 port that re-signs the hook
    is unsafe (its body reads `runtime_configuration.run_name`); at --fix ZM460 takes the import (it
    goes, the annotation becomes the string of its full path), so the module imports on 0.20; --unsafe-fixes after
    --fix writes what --unsafe-fixes alone writes."""
    source = CUSTOM_ORCHESTRATOR.read_text()
    found = scan_source(source, "slurm_orchestrator.py")
    zm111 = sorted((f.span.line, f.fix, f.resolved_by) for f in found if f.code == "ZM111")
    # the body's read of the parameter the port drops goes with the port (its TODO says what it became)
    assert zm111 == [(10, "safe", "ZM460"), (41, "safe", "ZM460"), (43, "unsafe", "ZM409")], zm111
    assert [f.fix for f in found if f.code == "ZM409"] == ["unsafe"]
    safe = fix_source(source, "slurm_orchestrator.py")
    assert "from zenml.runtime_configuration" not in safe.text
    assert 'runtime_configuration: "zenml.runtime_configuration.RuntimeConfiguration",' in safe.text
    # the re-scan still knows the parameter: the body's read is seen again, as the fix said
    again = [(f.code, f.fix, f.resolved_by) for f in scan_source(safe.text, "slurm_orchestrator.py") if f.code == "ZM111"]
    assert again == [("ZM111", "unsafe", "ZM409")], again
    assert safe.applied["ZM460"] == 1 and safe.applied["ZM111"] == 2
    # the body's use and the unsafe port are left for a human at --fix, with their TODO lines
    assert sorted(f.code for f in safe.remaining) == ["ZM111", "ZM409"]
    assert fix_source(safe.text, "slurm_orchestrator.py").text == safe.text
    unsafe = fix_source(source, "slurm_orchestrator.py", unsafe=True)
    assert "class SlurmOrchestratorFlavor(BaseOrchestratorFlavor):" in unsafe.text
    assert "RuntimeConfiguration" not in unsafe.text.replace("runtime_configuration`", "")
    assert fix_source(safe.text, "slurm_orchestrator.py", unsafe=True).text == unsafe.text


def test_a_parameter_annotation_of_a_plain_def_or_method_is_quoted():
    source = _c(
        """
        from zenml.metadata_stores import SQLiteMetadataStore


        def open_store(store: SQLiteMetadataStore, *, backup: SQLiteMetadataStore = None) -> None:
            print(store)


        class Mirror:
            def copy(self, source: SQLiteMetadataStore) -> None:
                print(source)
        """
    )
    (zm460,) = _zm460(source)
    assert "3 annotation(s) become strings" in zm460.message
    text = fix_source(source).text
    assert text.count('"zenml.metadata_stores.SQLiteMetadataStore"') == 3 and "import" not in text


def test_a_variable_annotation_of_the_module_or_of_a_plain_class_body_is_quoted():
    # evaluated at import, but only stored in ``__annotations__``: a Protocol, a dataclass, an
    # ABC, a class without bases and the module itself do nothing with it
    source = _c(
        """
        import abc
        import typing
        from dataclasses import dataclass
        from typing import Optional

        from zenml.metadata_stores import MySQLMetadataStore

        fallback: Optional[MySQLMetadataStore] = None


        @typing.runtime_checkable
        class Reader(typing.Protocol):
            store: MySQLMetadataStore


        @dataclass(frozen=True)
        class Handle(abc.ABC):
            store: MySQLMetadataStore = None
            label: str = "mysql"


        class Plain:
            backup: MySQLMetadataStore
        """
    )
    (zm460,) = _zm460(source)
    assert "4 annotation(s) become strings" in zm460.message
    text = fix_source(source).text
    assert "from zenml.metadata_stores" not in text and "raise" not in text
    assert text.count('"zenml.metadata_stores.MySQLMetadataStore"') == 3
    assert 'fallback: "Optional[MySQLMetadataStore]" = None' in text
    ast.parse(text)


@pytest.mark.parametrize(
    "klass",
    [
        # a pydantic model (BaseStepConfig too) resolves its annotations when it is defined or used,
        # a NamedTuple-like call, a metaclass keyword, an unknown base or decorator may read them
        "class Settings(BaseModel):\n    store: MySQLMetadataStore = None\n",
        "class Settings(Base):\n    store: MySQLMetadataStore = None\n",
        "class Settings(metaclass=Meta):\n    store: MySQLMetadataStore = None\n",
        "@register\nclass Settings:\n    store: MySQLMetadataStore = None\n",
        "def f():\n    pass\n\n\nclass Settings:\n    store: 'MySQLMetadataStore' = None\n",
    ],
)
def test_a_variable_annotation_of_a_class_that_may_read_it_keeps_the_import(klass):
    source = "from pydantic import BaseModel\nfrom zenml.metadata_stores import MySQLMetadataStore\n\nfrom x import Base, Meta, register\n\n\n" + klass
    assert _zm460(source) == []


def test_findings_on_local_values_past_the_raise_go_with_it_and_the_re_scan_agrees():
    # ``store.host`` after ``isinstance(store, MySQLMetadataStore)``: typed through the removed
    # name, which no scan can follow once the import is gone; the raise makes the rest of the
    # block unreachable, so the findings on local values there go with it. ``StoreType.LOCAL``
    # (a module-level name) stays for a human with its TODO, and the re-scan sees just that.
    source = _c(
        """
        from zenml.enums import StoreType
        from zenml.metadata_stores import BaseMetadataStore, MySQLMetadataStore


        def describe(store: BaseMetadataStore, label: str = "") -> str:
            print("describing", label)
            if isinstance(store, MySQLMetadataStore):
                return store.host
            fallback = StoreType.LOCAL
            return f"{store.uri} {fallback}"
        """
    )
    findings = scan_source(source)
    on_store = [f for f in findings if f.code == "ZM312" and f.span.line >= 7]
    assert len(on_store) == 4 and all(f.resolved_by == "ZM460" for f in on_store)
    (local,) = [f for f in findings if f.code == "ZM113"]
    assert local.resolved_by is None and local.fix is None
    result = fix_source(source)
    assert [f.code for f in result.remaining] == ["ZM113"]
    assert result.text.count("# TODO(zenml-migrate): ZM113") == 1 and "# TODO(zenml-migrate): ZM312" not in result.text
    again = scan_source(result.text)
    assert [(f.code, f.span.line) for f in again] == [(f.code, f.span.line) for f in result.remaining]
    assert fix_source(result.text).text == result.text
