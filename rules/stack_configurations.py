"""ZM430: ``Repository().stack_configurations``, the 0.9-0.13 way to list the stacks of the
active profile without building them, is gone from ``Client`` in ZenML 0.20.

0.13.2 returned ``{stack name: {StackComponentType: component name}}``. 0.20's
``Client().stacks`` lists the stack models (``HydratedStackModel``, both 0.20.0 and 0.20.5)
whose ``components`` map each type to a list of component models: the same dict is one
comprehension over it (compared on the real 0.13.2, 0.20.0 and 0.20.5 by
``tests/test_stack_configurations_real_zenml.py``).

A module-level statement that only shows it (``for name, cfg in
repo.stack_configurations.items(): print(name, cfg)`` in an admin script) fails at import on 0.20:
ZM461 comments it out at the safe level, and this rule's own (unsafe) rewrite is not made there,
at any level (``rules/import_time.py`` says why).
"""

from zenml_migrate.rules.base import Bad, Fails, Fix, Good, Ref, Rule, snippet as _c
from zenml_migrate.rules.imports import SHIM
from zenml_migrate.scan import api013

ZM430 = Rule(
    code="ZM430",
    fails=Fails(),
    name="stack-configurations",
    message="`stack_configurations` is gone in ZenML 0.20: build the same dict from `Client().stacks`",
    why=(
        "0.20's `Client` has no `stack_configurations` (AttributeError): profiles and their stack "
        "configuration files are gone; stacks are models in the ZenML store."
    ),
    instead="`{s.name: {t: cs[0].name for t, cs in s.components.items()} for s in Client().stacks}`.",
    fix=Fix.UNSAFE,
    fix_note=(
        "Unsafe: the same shape of dict (stack name -> component type -> component name), but 0.20 lists the "
        "stacks of the active project that the user owns or that are shared, where 0.13.2 listed every stack "
        "of the active profile."
    ),
    codemod="post_execution:PostExecution",
    fix_args=(("template", "{{s.name: {{t: cs[0].name for t, cs in s.components.items()}} for s in {obj}.stacks}}"),),
    todo="stack_configurations is gone in ZenML 0.20; read the stacks from Client().stacks",
    match=(Ref(f"{api013.REPOSITORY}.stack_configurations"),),
    bad=(
        Bad(
            _c(
                """
                from zenml.repository import Repository


                def stack_table():
                    repo = Repository()
                    return {name: dict(stack) for name, stack in repo.stack_configurations.items()}
                """
            ),
            fixed=_c(
                """
                from zenml.client import Client


                def stack_table():
                    repo = Client()
                    return {name: dict(stack) for name, stack in {s.name: {t: cs[0].name for t, cs in s.components.items()} for s in repo.stacks}.items()}
                """
            ),
            unsafe=True,
            count=1,
        ),
    ),
    good=(
        Good(SHIM + "names = [s.name for s in Client().stacks]\n"),
        Good("class Repository:\n    stack_configurations = {}\n\nRepository().stack_configurations\n"),
    ),
)
