"""``component_members:ComponentMembers``: a flagged attribute read on a stack component gets
its 0.20 spelling, ``x.old`` -> ``x.<new path>``.

``fix_args``: ``("members", (("FLAVOR", "flavor"), ...))`` renames the listed attributes;
``("under", "config")`` puts any other flagged attribute under that member
(``orchestrator.kubeflow_hostname`` -> ``orchestrator.config.kubeflow_hostname``). Only the
attribute name changes: the expression it is read on is kept as written.
"""

import libcst as cst

from zenml_migrate.codemods.renames import _with_attr_path
from zenml_migrate.fix.codemod import Codemod


class ComponentMembers(Codemod):
    whole_tree = False

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.BaseExpression:
        for finding in self.ctx.at(original, exact=True):
            name = original.attr.value
            new = dict(self.ctx.arg(finding.code, "members", ()) or ()).get(name)
            under = self.ctx.arg(finding.code, "under")
            if new is None and under:
                new = f"{under}.{name}"
            if new:
                return _with_attr_path(updated, new)
        return updated
