"""``component_members:ComponentMembers``: a flagged attribute read on a stack component gets
its 0.20 spelling, ``x.old`` -> ``x.<new path>``.

``fix_args``: ``("members", (("FLAVOR", "flavor"), ...))`` renames the listed attributes;
``("under", "config")`` puts any other flagged attribute under that member
(``orchestrator.kubeflow_hostname`` -> ``orchestrator.config.kubeflow_hostname``). Only the
attribute name changes: the expression it is read on is kept as written.

``("flavor_classes", (("SagemakerStepOperator", "<module>.SagemakerStepOperatorFlavor"), ...))``:
a flagged ``Class.FLAVOR`` read on the class (named as written, ``rules/stack_components.py``
checks it is) becomes ``SagemakerStepOperatorFlavor().name`` (the Flavor imported); the class's
import leaves when nothing else uses it.

``("class_attributes", (("S3ArtifactStore", "SUPPORTED_SCHEMES", "<module>.S3ArtifactStoreConfig"), ...))``:
a flagged class attribute read on the class (named as written) is read on that Config class.

A finding's own ``("ported", (module, class, instantiate, attribute))`` (decided by the
scan): the attribute is read on that class of the user's (``LakeStore.TYPE`` ->
``LakeStoreFlavor().type``), imported from ``module`` ("": a class of this module).

A finding's own ``("renamed_field", new)`` (the member net's, ``scan/detect.RENAMED_FIELD``): the same field under
its 0.20 name (``settings.copy_profile`` -> ``settings.copy_global_config``; in ``getattr(settings,
"copy_profile", None)`` and ``hasattr(settings, "copy_profile")`` the string, its quotes kept).

A finding's own ``("on_config", True)``: the attribute is read on the instance's config
(``store.bucket_owner`` -> ``store.config.bucket_owner``: a field the port moved).

``("instantiate", True)``: the attribute is read on an instance of what it was read on
(``flavor.name`` -> ``flavor().name``: a ``Flavor`` class).
"""

import libcst as cst

from zenml_migrate.codemods.renames import with_attr_path
from zenml_migrate.fix.codemod import Codemod


class ComponentMembers(Codemod):
    whole_tree = False

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        for finding in self.ctx.at(original, exact=True):
            renamed = self.ctx.fix_arg(finding, "renamed_field")
            name = updated.args[1].value if renamed and len(updated.args) > 1 else None
            if isinstance(name, cst.SimpleString) and name.prefix.lower() in ("", "u"):  # the scan checked it is a literal
                quote = name.quote
                new = cst.SimpleString(f"{name.prefix}{quote}{renamed}{quote}")
                args = list(updated.args)
                args[1] = args[1].with_changes(value=new)
                return updated.with_changes(args=args)
        return updated

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.BaseExpression:
        for finding in self.ctx.at(original, exact=True):
            renamed = self.ctx.fix_arg(finding, "renamed_field")
            if renamed:
                return updated.with_changes(attr=cst.Name(renamed))
            if self.ctx.fix_arg(finding, "on_config"):
                return updated.with_changes(value=cst.Attribute(value=updated.value, attr=cst.Name("config")))
            ported = self.ctx.fix_arg(finding, "ported")
            if ported:
                module, name, instantiate, attr = ported
                local = self.ctx.add_import(module, name) if module else name
                if isinstance(original.value, cst.Name) and module and not self.ctx.keeps_name(original.value.value):
                    self.ctx.drop_import_if_unused(original.value.value)
                value = cst.Call(func=cst.Name(local)) if instantiate else cst.Name(local)
                return updated.with_changes(value=value, attr=cst.Name(attr))
            flavor = dict(self.ctx.arg(finding.code, "flavor_classes", ()) or ()).get(_last_name(original.value))
            if flavor:
                module, _, name = flavor.rpartition(".")
                local = self.ctx.add_import(module, name)
                if isinstance(original.value, cst.Name) and not self.ctx.keeps_name(original.value.value):
                    self.ctx.drop_import_if_unused(original.value.value)
                call = cst.Call(func=cst.Name(local))
                return cst.Attribute(value=call, attr=cst.Name("name"), lpar=updated.lpar, rpar=updated.rpar)
            config = {(c, m): cfg for c, m, cfg in self.ctx.arg(finding.code, "class_attributes", ()) or ()}.get(
                (_last_name(original.value), original.attr.value)
            )
            if config:
                module, _, name = config.rpartition(".")
                local = self.ctx.add_import(module, name)
                if isinstance(original.value, cst.Name) and not self.ctx.keeps_name(original.value.value):
                    self.ctx.drop_import_if_unused(original.value.value)
                return updated.with_changes(value=cst.Name(local))
            if self.ctx.arg(finding.code, "instantiate"):
                return updated.with_changes(value=cst.Call(func=updated.value))
            name = original.attr.value
            new = dict(self.ctx.arg(finding.code, "members", ()) or ()).get(name)
            under = self.ctx.arg(finding.code, "under")
            if new is None and under:
                new = f"{under}.{name}"
            if new:
                return with_attr_path(updated, new)
        return updated


def _last_name(node: cst.BaseExpression) -> str:
    """``Class`` of ``Class`` or ``module.Class``."""
    if isinstance(node, cst.Name):
        return node.value
    return node.attr.value if isinstance(node, cst.Attribute) else ""
