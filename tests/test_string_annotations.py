"""Names inside string annotations (``def f(c: "BaseStepConfig")``, ``List["Repository"]``, a
pydantic field ``Optional["DockerConfiguration"]``, a ``Union["...", dict]`` type alias): the
scan reads the string as the expression it holds, at its place in the file, and the rename fix
rewrites the name inside the string (quotes, comments and docstrings kept). A string that is not
one plain line (escapes, implicit concatenation), ``Literal[...]`` values and docstrings are not
read. A finding of another rule there has no automatic fix and says why, and counts as code that
does not run at import (ZM461)."""

from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.api import scan_source


def _found(code: str):
    return [(f.code, f.span.line, f.span.column, f.span.end_column, f.fix) for f in scan_source(code)]


def test_a_name_in_a_string_annotation_is_found_where_it_is_written():
    code = (
        "from zenml.steps import BaseStepConfig\n"
        "\n"
        "def f(config: \"BaseStepConfig\", kinds: 'List[BaseStepConfig]') -> \"Optional[BaseStepConfig]\":\n"
        "    pass\n"
    )
    line = code.splitlines()[2]
    starts = [i + 1 for i in range(len(line)) if line.startswith("BaseStepConfig", i)]  # 1-based, inside the quotes
    assert [f[1:] for f in _found(code) if f[1] == 3] == [(3, s, s + 14, "safe") for s in starts]


def test_columns_after_a_non_ascii_character_are_characters():
    code = 'from zenml.steps import BaseStepConfig\n\ndef f(config: "BaseStepConfig", a="é"):\n    pass\n'
    code = code + 'def g(a="é", config: "BaseStepConfig" = None):\n    pass\n'
    assert ("ZM101", 5, 23, 37, "safe") in _found(code)
    fixed = fix_source(code)
    assert 'def g(a="é", config: "BaseParameters" = None):' in fixed.text, fixed.text


def test_a_rule_with_another_fix_says_there_is_none_inside_a_string():
    code = (
        "from zenml.integrations.pytorch.materializers.pytorch_types import TorchDict\n\n\n"
        "def f(d: \"TorchDict\") -> TorchDict:\n    return d\n"
    )
    found = {(f.span.line, f.span.column): f for f in scan_source(code) if f.code == "ZM445"}
    assert found[(4, 26)].fix == "unsafe"  # written as code: the codemod rewrites it
    assert found[(4, 11)].fix is None and found[(4, 11)].message.endswith("the name is inside a string annotation)")


def test_strings_that_are_not_type_expressions_are_not_read():
    code = (
        "from typing import Literal\n"
        "from zenml.steps import BaseParameters as BaseStepConfig\n"
        "from zenml.repository import Repository\n"
        "\n"
        "def f(kind: Literal[\"Repository\"], doc: Annotated[int, \"Repository\"], x: \"Repo\" \"sitory\", y: \"\\x52epository\"):\n"
        "    \"\"\"Takes a Repository.\"\"\"\n"
        "    label = \"Repository\"\n"
    )
    lines = {f[1] for f in _found(code) if f[0] == "ZM108"}
    assert lines == {3}, _found(code)


def test_the_fix_rewrites_inside_the_string_and_keeps_quotes_and_comments():
    code = (
        "from typing import List, Optional\n"
        "\n"
        "from zenml.config.docker_configuration import DockerConfiguration\n"
        "from zenml.repository import Repository\n"
        "\n"
        "DOCKER: 'DockerConfiguration' = DockerConfiguration()  # the default\n"
        "\n"
        "def f(repos: List[\"Repository\"]) -> '''Optional[DockerConfiguration]''':\n"
        "    \"\"\"Repository and DockerConfiguration stay in a docstring.\"\"\"\n"
    )
    fixed = fix_source(code)
    assert fixed.error is None and not fixed.todos, (fixed.error, fixed.todos)
    assert "DOCKER: 'DockerSettings' = DockerSettings()  # the default\n" in fixed.text
    assert "def f(repos: List[\"Client\"]) -> '''Optional[DockerSettings]''':\n" in fixed.text
    assert '"""Repository and DockerConfiguration stay in a docstring."""' in fixed.text
    assert scan_source(fixed.text) == []  # the re-scan sees the 0.20 names


def test_a_name_used_only_in_a_string_keeps_its_renamed_import():
    code = "from zenml.repository import Repository\n\ndef f(repo: \"Repository\") -> None:\n    pass\n"
    fixed = fix_source(code)
    assert fixed.text == "from zenml.client import Client\n\ndef f(repo: \"Client\") -> None:\n    pass\n"


def test_another_rule_in_a_string_annotation_has_no_fix_there_and_does_not_run_at_import():
    code = (
        "from zenml.metadata_stores import SQLiteMetadataStore\n"
        "\n"
        "\n"
        "def uri(store: \"SQLiteMetadataStore\") -> str:\n"
        "    return store.uri\n"
        "\n"
        "\n"
        "def make():\n"
        "    return SQLiteMetadataStore(uri=\"x\")\n"
    )
    findings = scan_source(code)
    inside = [f for f in findings if f.span.line == 4]
    assert [(f.code, f.fix) for f in inside] == [("ZM312", None)]
    # the import still goes (ZM461): the annotation's string is not read when the def runs
    assert any(f.code == "ZM461" and f.span.line == 1 for f in findings)
    fixed = fix_source(code)
    assert "from zenml.metadata_stores" not in fixed.text
    compile(fixed.text, "fixed.py", "exec")


def test_a_string_another_fix_rewrites_whole_is_rewritten_once():
    # ``Callable[[], "zenml.repository.Repository"]``: ZM005 rewrites the dotted string as a whole and
    # ZM108 sees the name inside it; the string gets one consistent 0.20 spelling
    code = 'from typing import Callable\nimport zenml.repository\n\nFactory = Callable[[], "zenml.repository.Repository"]\n'
    assert sorted(f.code for f in scan_source(code) if f.span.line == 4) == ["ZM005", "ZM108"]
    fixed = fix_source(code)
    assert fixed.error is None and 'Factory = Callable[[], "zenml.client.Client"]\n' in fixed.text
    assert [f for f in scan_source(fixed.text) if f.span.line == 4] == []


def test_a_module_alias_used_in_a_string_annotation_goes_with_its_last_use():
    # ``bsc`` is named in a string the scan reads: a use like any other, rewritten by ZM101, so the import of the
    # module 0.20 lacks goes with it (before: the string kept it, ZM461 bound ``bsc`` to a stub under a TODO)
    code = (
        "from typing import Union\n"
        "\n"
        "import zenml.steps.base_step_config as bsc\n"
        "\n"
        "ConfigLike = Union[\"bsc.BaseStepConfig\", dict]\n"
        "\n"
        "\n"
        "def is_config(obj) -> bool:\n"
        "    return isinstance(obj, bsc.BaseStepConfig)\n"
    )
    found = {f.span.line: f for f in scan_source(code)}
    assert found[3].code == "ZM000" and found[3].resolved_by == "ZM101"
    assert "ZM461" not in {f.code for f in found.values()}
    fixed = fix_source(code)
    assert fixed.error is None and not fixed.todos and "bsc" not in fixed.text
    assert 'ConfigLike = Union["BaseParameters", dict]\n' in fixed.text
