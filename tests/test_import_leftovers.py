"""What the import pass leaves when every import of a statement goes: no
``try: pass / except ImportError: pass`` shim, no blank lines at the top of the file."""

import textwrap

from zenml_migrate.fix.fixer import fix_source


def _fix(code: str) -> str:
    result = fix_source(textwrap.dedent(code), "m.py")
    assert result.error is None
    compile(result.text, "m.py", "exec")
    return result.text


def test_a_compat_shim_whose_imports_all_went_goes_with_them():
    out = _fix(
        """\
        # a shim for both releases
        try:
            from zenml.client import Client
        except ImportError:
            from zenml.repository import Repository as Client

        pv = Client().get_pipeline(pipeline_name="p")
        """
    )
    assert out == textwrap.dedent(
        """\
        # a shim for both releases
        from zenml.post_execution import get_pipeline

        pv = get_pipeline(pipeline_name="p")
        """
    )


def test_a_shim_that_still_does_something_stays():
    out = _fix(
        """\
        try:
            from zenml.client import Client
        except ImportError:
            Client = None

        pv = Client().get_pipeline(pipeline_name="p")
        """
    )
    assert "try:" in out and "Client = None" in out


def test_a_shim_inside_a_function_goes_too():
    out = _fix(
        """\
        def last():
            try:
                from zenml.client import Client
            except (ImportError, ModuleNotFoundError):
                from zenml.repository import Repository as Client
            return Client().get_pipeline(pipeline_name="p")
        """
    )
    assert out.startswith("def last():\n    from zenml.post_execution import get_pipeline\n    return get_pipeline("), out  # zenml stays lazy
    assert "try:" not in out and "pass" not in out, out


def test_removing_the_first_import_leaves_no_blank_lines_on_top():
    code = """\
        from zenml.metadata_stores import SQLiteMetadataStore

        import os


        def make():
            return SQLiteMetadataStore(uri=os.path.join("x", "m.db"))
        """
    out = _fix(code)
    assert out.startswith("import os\n"), out
    licensed = _fix("# Copyright\n\n" + textwrap.dedent(code))
    assert licensed.startswith("# Copyright\n\nimport os\n"), licensed
