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

        pv = get_pipeline(pipeline="p")
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


def test_a_new_import_never_lands_below_a_statement_that_reads_it():
    """The import a rename adds takes the place of a removed import line, the last one no statement
    above reads the new name from: ``BaseStep = ZenMLBaseStep`` above it ran before the import
    (NameError at import on 0.20; the new line went to the last removed line)."""
    from zenml_migrate.fix.fixer import fix_source

    text = (
        "from zenml.steps.step_interfaces.base_trainer_step import BaseTrainerStep\n"
        "BaseStep = BaseTrainerStep\n"
        "from zenml.steps.step_interfaces.base_split_step import BaseSplitStep\n"
    )
    fixed = fix_source(text, "m.py").text
    assert fixed.index("import BaseStep as ZenMLBaseStep") < fixed.index("BaseStep = ZenMLBaseStep"), fixed
    compile(fixed, "m.py", "exec")


def test_a_repeated_import_is_dropped_only_when_nothing_between_rebinds_the_name():
    """Two legacy lines renamed alike give one import, unless a statement between them rebinds the
    name (the second import restores what the name held: it stays)."""
    from zenml_migrate.fix.fixer import fix_source

    base = "from zenml.steps.step_interfaces.base_trainer_step import BaseTrainerStep\n{between}" \
           "from zenml.steps.step_interfaces.base_split_step import BaseSplitStep\n\n\n" \
           "class A(BaseTrainerStep):\n    pass\n\n\nclass B(BaseSplitStep):\n    pass\n"
    plain = fix_source(base.format(between=""), "m.py").text
    assert plain.count("from zenml.steps import BaseStep\n") == 1, plain
    rebound = fix_source(base.format(between="BaseTrainerStep = wrap(BaseTrainerStep)\n"), "m.py").text
    assert rebound.count("import BaseStep") == 2, rebound
