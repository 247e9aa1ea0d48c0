"""Members 0.20 removed, read on a user's subclass of a zenml step interface
(``class CsvSource(BaseDatasourceStep)``): the same steps as ``BaseStep`` subclasses, so ZM214/ZM217
report them (they were missed: the owners were ``BaseStep`` and ``BasePipeline`` only, and the
module failed at import on 0.20 after ``--fix``). The real tier checks the subclasses on 0.13.2 and
the fixed module on 0.20.0/0.20.5: tests/test_step_interface_members_real_zenml.py."""

import textwrap

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

SOURCE = textwrap.dedent(
    """
    from zenml.steps import StepContext
    from zenml.steps.step_interfaces.base_analyzer_step import BaseAnalyzerStep
    from zenml.steps.step_interfaces.base_datasource_step import BaseDatasourceStep


    class CsvSource(BaseDatasourceStep):
        def entrypoint(self, context: StepContext) -> int:
            return 1


    source = CsvSource()
    NAME = source.CONFIG_PARAMETER_NAME
    print(source.requires_context, BaseAnalyzerStep().PARAM_SPEC, CsvSource.INPUT_SPEC)
    KEPT = source.name
    """
).lstrip()


def test_members_0_20_removed_on_a_step_interface_subclass_are_reported_and_fixed():
    found = [(f.span.line, f.code) for f in scan_source(SOURCE, "m.py") if f.code in ("ZM214", "ZM217")]
    assert found == [(12, "ZM217"), (13, "ZM214"), (13, "ZM214"), (13, "ZM214")], found
    fixed = fix_source(SOURCE, "m.py")
    assert fixed.error is None and "NAME = source.PARAMETERS_FUNCTION_PARAMETER_NAME\n" in fixed.text
    assert "# print(source.requires_context, BaseAnalyzerStep().PARAM_SPEC, CsvSource.INPUT_SPEC)" in fixed.text
    assert "\nKEPT = source.name\n" in fixed.text and scan_source(fixed.text, "m.py") == []
