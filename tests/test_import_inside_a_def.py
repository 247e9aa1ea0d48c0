"""An import inside a def binds its name in that def only: a rename elsewhere in the module that
needs the same name still gets its module-level import (before, ``from zenml.client import
Client`` inside one function made ``--fix`` skip it, and ``Repository()`` in another function
became ``Client()``: NameError on 0.20)."""

import ast

from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.rules.base import snippet as c


def test_a_rename_outside_the_def_gets_the_module_level_import():
    code = c(
        """
        from zenml.repository import Repository


        def current():
            return Repository().active_stack_name


        def other():
            from zenml.client import Client

            return Client().active_stack_model
        """
    )
    result = fix_source(code, "switch.py")
    assert result.text.startswith("from zenml.client import Client\n"), result.text
    assert "    from zenml.client import Client\n" in result.text  # the def's own import stays
    assert "Repository" not in result.text and not result.remaining
    ast.parse(result.text)


def test_a_module_level_import_is_not_added_twice():
    code = c(
        """
        from zenml.client import Client
        from zenml.repository import Repository

        print(Repository().active_stack_name, Client().active_user)
        """
    )
    result = fix_source(code, "switch.py")
    assert result.text.count("from zenml.client import Client") == 1, result.text


def test_an_import_under_type_checking_binds_nothing_for_a_fix():
    """``if TYPE_CHECKING:`` imports bind nothing when the module runs: a fix that writes the name
    in code that runs gets its own import (before: none was added, NameError on 0.20; held-out
    14 r01, a custom orchestrator whose ported signature says ``stack: Stack``)."""
    code = c(
        """
        from typing import TYPE_CHECKING

        from zenml.repository import Repository

        if TYPE_CHECKING:
            from zenml.client import Client


        def name(client: "Client") -> str:
            return client.active_stack_model.name


        DEFAULT = Repository()
        """
    )
    result = fix_source(code, "stacks.py")
    tree = ast.parse(result.text)
    runtime = [n for n in tree.body if isinstance(n, ast.ImportFrom) and n.module == "zenml.client"]
    assert [a.name for n in runtime for a in n.names] == ["Client"], result.text
    assert "DEFAULT = Client()" in result.text and not result.remaining
    assert "    from zenml.client import Client\n" in result.text  # the TYPE_CHECKING import stays
