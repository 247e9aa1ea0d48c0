"""ZM443: the ZenML 0.6-0.10 ``@enable_whylogs`` step decorator (``context.whylogs``)."""

import ast
from typing import Optional

from zenml_migrate.rules.base import Bad, Fix, Good, Ref, Rule, snippet as _c
from zenml_migrate.scan.fix_checks import drops_decorator

drops_decorator("whylogs_decorator:DropEnableWhylogs", with_arguments=True)  # ``@enable_whylogs(...)`` goes whole

DECORATOR = "zenml.integrations.whylogs.whylogs_step_decorator.enable_whylogs"


def _decorates(node: ast.AST, site) -> bool:
    """Is ``node`` (a Name) the decorator of a def/class: ``@enable_whylogs`` or ``@enable_whylogs(...)``?"""
    parent = site.parent(node)
    if isinstance(parent, ast.Call) and parent.func is node:
        node, parent = parent, site.parent(parent)
    return isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node in parent.decorator_list


def drop_check(node: ast.AST, site) -> Optional[str]:
    """Fixable: a decorator use, and an import whose every use in the module is one."""
    if isinstance(node, ast.Name):
        return None if _decorates(node, site) else "not used as a decorator: port this code by hand"
    if isinstance(node, ast.alias):
        local = (node.asname or node.name).split(".")[0]
        for use in ast.walk(site.module):
            if isinstance(use, ast.Name) and use.id == local and not _decorates(use, site):
                return "the name is also used other than as a decorator: port that code by hand"
        return None
    return "not a `from ... import enable_whylogs` line or a decorator: port this code by hand"


ZM443 = Rule(
    code="ZM443",
    name="enable-whylogs",
    message="`@enable_whylogs` (ZenML 0.6-0.10) is gone in ZenML 0.20, and with it the step context's `whylogs`",
    why=(
        "ZenML 0.6-0.10's `zenml.integrations.whylogs.whylogs_step_decorator.enable_whylogs` gave the step's "
        "`StepContext` a `whylogs` attribute (a whylogs v0 session: `context.whylogs.profile_dataframe(df, ...)`). "
        "The module was deleted in 0.11 (ModuleNotFoundError on 0.13.2 and 0.20, so the module fails at import); "
        "ZenML 0.20's whylogs integration uses whylogs v1 and has no step context attribute."
    ),
    instead="Profile the data with whylogs itself in the step (`whylogs.log(df).profile()`), or use ZenML 0.20's "
    "`zenml.integrations.whylogs.steps.whylogs_profiler_step` as a separate step.",
    fix=Fix.SAFE,
    fix_note="Safe: the decorator and its import go, and each statement of the step that reads `<context>.whylogs` "
    "raises NotImplementedError under a TODO (the statement stays below it, for the human). On ZenML 0.20 the "
    "module failed at import, so nothing that worked there changes; the rest of the module and the step's other "
    "code run again. A use other than a decorator (`enable_whylogs(MyStep)`) keeps its TODO.",
    codemod="whylogs_decorator:DropEnableWhylogs",
    fix_check=drop_check,
    todo="`@enable_whylogs` is gone in ZenML 0.20: remove it and profile the data with whylogs itself "
    "(`whylogs.log(df).profile()`) or with ZenML's `whylogs_profiler_step`",
    match=(Ref(DECORATOR),),
    bad=(
        Bad(
            _c(
                """
                import pandas as pd

                from zenml.integrations.whylogs.whylogs_step_decorator import enable_whylogs
                from zenml.steps import StepContext, step


                @enable_whylogs
                @step
                def loader(context: StepContext) -> pd.DataFrame:
                    data = pd.DataFrame({"a": [1, 2]})
                    context.whylogs.profile_dataframe(data, dataset_name="input")
                    return data
                """
            ),
            fixed=_c(
                '''
                import pandas as pd
                from zenml.steps import StepContext, step


                @step
                def loader(context: StepContext) -> pd.DataFrame:
                    data = pd.DataFrame({"a": [1, 2]})
                    # TODO(zenml-migrate): ZM443 `@enable_whylogs` is gone in ZenML 0.20 and the step context has no `whylogs`: profile the data with whylogs itself (`whylogs.log(df).profile()`) or use ZenML's `whylogs_profiler_step`: port this code (it raises until then)
                    raise NotImplementedError("zenml-migrate: `@enable_whylogs` is gone in ZenML 0.20 and the step context has no `whylogs`; see the TODO(zenml-migrate) above this line")
                    # TODO(zenml-migrate): ZM004 `whylogs` is not an attribute of instances of `StepContext` in ZenML 0.20 (AttributeError) (no automatic fix here: what to read instead depends on the code)
                    context.whylogs.profile_dataframe(data, dataset_name="input")
                    return data
                '''
            ),
            count=2,
        ),
        Bad(
            _c(
                """
                from zenml.integrations.whylogs.whylogs_step_decorator import enable_whylogs as profiled
                from zenml.steps import BaseStep


                @profiled(project="p", tags={"team": "ml"})
                class Loader(BaseStep):
                    def entrypoint(self) -> int:
                        return 1
                """
            ),
            fixed=_c(
                """
                from zenml.steps import BaseStep


                class Loader(BaseStep):
                    def entrypoint(self) -> int:
                        return 1
                """
            ),
            count=2,
        ),
        Bad(  # imported, never used: the import goes
            "import pandas as pd\nfrom zenml.integrations.whylogs.whylogs_step_decorator import enable_whylogs\n\n"
            "df = pd.DataFrame()\n",
            fixed="import pandas as pd\n\ndf = pd.DataFrame()\n",
            count=1,
        ),
        Bad(  # called on a step class: no automatic fix (TODO)
            _c(
                """
                from zenml.integrations.whylogs.whylogs_step_decorator import enable_whylogs
                from zenml.steps import step


                @step
                def loader() -> int:
                    return 1


                profiled = enable_whylogs(loader)
                """
            ),
            count=2,
        ),
    ),
    good=(
        Good("import whylogs\n\nprofile = whylogs.log({'a': 1})\n"),
    ),
)
