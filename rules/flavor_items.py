"""ZM416: ``.name`` / ``.type`` read on an item of ``Integration.flavors()``.

In 0.10-0.13 ``Integration.flavors()`` listed ``FlavorWrapper`` objects, whose ``name`` and
``type`` were plain fields. 0.20's lists the ``Flavor`` classes themselves, where ``name`` and
``type`` are properties of an instance: read on the class they give the ``property`` object,
not the string (no error, a wrong value: every flavor gets the same dictionary key). The
wrapper's ``source`` and ``integration`` have no member on a Flavor class (AttributeError,
ZM004). The items are typed by the detector's return table (``scan/api013.py``), for the
built-in integration classes and the user's own ``Integration`` subclasses alike.
"""

from zenml_migrate.rules.base import Bad, Fix, Good, Ref, Rule, snippet as _c

FLAVOR_CLASS = "zenml.stack.flavor.Flavor"

ZM416 = Rule(
    code="ZM416",
    name="flavor-class-property",
    message="`Integration.flavors()` lists `Flavor` classes in ZenML 0.20: read `name` / `type` on an instance (`f().name`)",
    why=(
        "In 0.10-0.13 `Integration.flavors()` listed `FlavorWrapper` objects with plain `name`/`type` fields. "
        "In 0.20 it lists the `Flavor` classes, whose `name` and `type` are properties: on the class they give a "
        "`property` object instead of the string, silently. `Flavor()` takes no argument, so `f().name` gives "
        "the string again. (The wrapper's `source`/`integration` do not exist on a Flavor: ZM004.)"
    ),
    instead="`f().name` / `f().type` for a Flavor class `f`.",
    fix=Fix.SAFE,
    fix_note="Safe: a Flavor class takes no constructor argument and its `name`/`type` are the strings the "
    "wrapper held (0.20's `Flavor.name` / `Flavor.type`).",
    codemod="component_members:ComponentMembers",
    fix_args=(("instantiate", True),),
    match=(Ref(f"{FLAVOR_CLASS}.name", f"{FLAVOR_CLASS}.type", ctx="load"),),
    bad=(
        Bad(
            _c(
                """
                from zenml.integrations.gcp import GcpIntegration

                GCP_FLAVORS = sorted(f.name for f in GcpIntegration.flavors())
                """
            ),
            fixed=_c(
                """
                from zenml.integrations.gcp import GcpIntegration

                GCP_FLAVORS = sorted(f().name for f in GcpIntegration.flavors())
                """
            ),
            count=1,
        ),
        Bad(
            _c(
                """
                from zenml.integrations.registry import integration_registry


                def flavor_types():
                    for integration in integration_registry.integrations.values():
                        for flavor in integration.flavors():
                            yield flavor.name, flavor.type
                """
            ),
            fixed=_c(
                """
                from zenml.integrations.registry import integration_registry


                def flavor_types():
                    for integration in integration_registry.integrations.values():
                        for flavor in integration.flavors():
                            yield flavor().name, flavor().type
                """
            ),
            count=2,
        ),
        Bad(  # a loop over a list of several integration classes: each item is an ``Integration`` subclass
            _c(
                """
                from zenml.integrations.kubeflow import KubeflowIntegration
                from zenml.integrations.mlflow import MlflowIntegration

                CATALOG = {}
                for integration in [KubeflowIntegration, MlflowIntegration]:
                    for flavor in integration.flavors():
                        CATALOG[flavor.name] = flavor.type
                """
            ),
            fixed=_c(
                """
                from zenml.integrations.kubeflow import KubeflowIntegration
                from zenml.integrations.mlflow import MlflowIntegration

                CATALOG = {}
                for integration in [KubeflowIntegration, MlflowIntegration]:
                    for flavor in integration.flavors():
                        CATALOG[flavor().name] = flavor().type
                """
            ),
            count=2,
        ),
    ),
    good=(
        Good("from zenml.integrations.gcp import GcpIntegration\n\nGCP_FLAVORS = sorted(f().name for f in GcpIntegration.flavors())\n"),
        Good("from zenml.integrations.gcp.flavors import VertexOrchestratorFlavor\n\nprint(VertexOrchestratorFlavor().name)\n"),
        Good("class Wrapper:\n    name = 'x'\n\n\ndef flavors():\n    return [Wrapper()]\n\n\nprint([f.name for f in flavors()])\n"),
    ),
)
