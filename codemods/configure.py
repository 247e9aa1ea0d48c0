"""``configure:AttributeWrites``: writes to attributes that became read-only -> ``configure(...)``.

``step.enable_cache = False`` -> ``step.configure(enable_cache=False)``, and with the rule's
``settings`` (attribute -> settings key) ``pipe.docker_configuration = d`` ->
``pipe.configure(settings={"docker": d})``, with ``keyword_for`` (attribute -> keyword)
``step.custom_step_operator = "x"`` -> ``step.configure(step_operator="x")`` (steps and pipelines;
``configure`` exists on both in every 0.20.x, and the statement form does not use its
return value, which is None on 0.20.0 and ``self`` on 0.20.5).

The attributes that may be rewritten come from the rule's ``fix_args`` (``attributes``); any
other flagged write (``name``: a pipeline's name cannot be changed in 0.20 and a step's only
through ``configure(name=...)`` on 0.20.5) keeps its finding and gets a TODO. Chained (``a.x = b.x = v``), augmented or unpacking
assignments get a TODO too.
"""

import libcst as cst

from zenml_migrate.fix import call_args as ca
from zenml_migrate.fix.codemod import Codemod
from zenml_migrate.fix.local_names import codes_at


class AttributeWrites(Codemod):
    whole_tree = False  # only edits nodes inside statements that hold its findings (migrate/fix/codemod.py)

    def leave_Assign(self, original: cst.Assign, updated: cst.Assign) -> cst.BaseSmallStatement:
        codes = [c for t in original.targets if isinstance(t.target, cst.Attribute) for c in codes_at(self.ctx, t.target, exact=True)]
        if not codes:
            return updated
        target = updated.targets[0].target
        attributes = self.ctx.arg(codes[0], "attributes", ())
        if len(updated.targets) != 1 or not isinstance(target, cst.Attribute) or target.attr.value not in attributes:
            return updated  # the finding stays: the fixer adds the rule's TODO line
        name = target.attr.value
        settings = dict(self.ctx.arg(codes[0], "settings", ()) or ())
        if name in settings:  # ``x.docker_configuration = v`` -> ``x.configure(settings={"docker": v})``
            value = cst.Dict([cst.DictElement(cst.SimpleString(f'"{settings[name]}"'), updated.value)])
            arg = ca.kwarg("settings", value)
        else:
            arg = ca.kwarg(dict(self.ctx.arg(codes[0], "keyword_for", ()) or ()).get(name, name), updated.value)
        configure = cst.Attribute(value=target.value, attr=cst.Name("configure"))
        call = cst.Call(func=configure, args=[arg])
        return cst.Expr(value=call, semicolon=updated.semicolon)
