"""Register one custom flavor of a zenml-migrate bundle in the active project of the ZenML 0.20
config, the way ZenML 0.20.5's ``zenml <type> flavor register SOURCE`` does it
(``Client.create_flavor``), on every 0.20.x. Run with the Python of that ZenML (``import.sh``
does): ``python register_flavor.py TYPE NAME SOURCE``.

Why not the CLI: on 0.20.0 ``zenml <type> flavor register`` fails for every custom flavor (it
builds a ``FlavorModel`` without ``name``/``config_schema``, and ``Client.create_flavor`` reads
``implementation_class.type``, which no 0.20 component class has); 0.20.5 fixed both. The checks
below are 0.20.5's ``validate_flavor_source``; the flavor is registered under NAME, the name the
bundle's stack files use (the plan renames a custom flavor named like a built-in one).
A flavor of that name and source already registered is left as it is (re-running is safe).
"""

import sys


def main(argv) -> int:
    if len(argv) != 3:
        sys.exit("usage: python register_flavor.py TYPE NAME SOURCE")
    type_, name, source = argv
    try:
        from zenml.client import Client
        from zenml.enums import StackComponentType
        from zenml.stack.flavor import Flavor
        from zenml.stack.stack_component import StackComponent
        from zenml.utils.source_utils import load_source_path_class
    except ImportError:
        sys.exit(f"flavor {name}: ZenML is not installed for {sys.executable}; run import.sh with ZENML_PYTHON=/path/to/python")

    component_type = StackComponentType(type_)
    try:
        flavor_class = load_source_path_class(source)
    except (ValueError, AttributeError, ImportError) as exc:
        sys.exit(f"flavor {name}: cannot import {source} ({exc}); set PYTHONPATH to the folder its package is in")
    if not (isinstance(flavor_class, type) and issubclass(flavor_class, Flavor)):
        sys.exit(f"flavor {name}: {source} is not a ZenML 0.20 Flavor class")
    flavor = flavor_class()
    try:
        implementation, _config = flavor.implementation_class, flavor.config_class
    except (ImportError, NotImplementedError) as exc:
        sys.exit(f"flavor {name}: the implementation or config class of {source} cannot be imported ({exc})")
    if not (isinstance(implementation, type) and issubclass(implementation, StackComponent)):
        sys.exit(f"flavor {name}: the implementation class of {source} is not a ZenML StackComponent")
    if flavor.type != component_type:
        sys.exit(f"flavor {name}: {source} is a flavor of the type {flavor.type.value}, not {type_}")

    client = Client()
    store = client.zen_store
    for existing in store.list_flavors(project_name_or_id=client.active_project.id, component_type=component_type, name=name):
        if existing.source == source:
            print(f"flavor {name} ({type_}) exists: skipped")
            return 0
        sys.exit(f"flavor {name}: a {type_} flavor of that name is registered already, from {existing.source}; "
                 f"delete it (`zenml {type_.replace('_', '-')} flavor delete {name}`) or register {source} by hand")
    model = flavor.to_model()
    model.name = name
    model.source = source
    model.config_schema = flavor.config_schema
    model.project = client.active_project.id
    model.user = client.active_user.id
    store.create_flavor(flavor=model)
    print(f"flavor {name} ({type_}) registered from {source}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
