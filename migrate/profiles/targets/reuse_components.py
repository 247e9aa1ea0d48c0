"""Run by a zenml-migrate bundle's ``import.sh`` before each ``zenml stack import FILE``, with the
Python of the user's ZenML 0.20: ``python reuse_components.py FILE``.

``zenml stack import`` registers a stack's components one by one and the stack last, with no
rollback: an import that stopped half-way (Ctrl-C, a failing component, a closed terminal) leaves
components behind, and importing the file again then fails on the first of them
(``StackComponentExistsError``), so re-running ``import.sh`` could not finish. The importer reuses
a component whose ``id`` exists: for each component of FILE that is not there by id but is there
by type and name in the active project (owned by the active user) with the same flavor and every
configuration value of FILE, this points FILE at that component's id. A same-name component with
another flavor or other values is not ours: exit 1 naming it (import.sh then skips the stack).
"""

import sys


def main(argv) -> int:
    if len(argv) != 1:
        sys.exit("usage: python reuse_components.py STACK_FILE.yaml")
    path = argv[0]
    try:
        import yaml
        from zenml.client import Client
    except ImportError:
        sys.exit(f"{path}: ZenML is not installed for {sys.executable}; run import.sh with ZENML_PYTHON=/path/to/python")
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    doc = yaml.safe_load(text) or {}
    client = Client()
    store = client.zen_store
    project, user = client.active_project.id, client.active_user.id
    for type_, comp in sorted((doc.get("components") or {}).items()):
        found = [c for c in store.list_stack_components(project_name_or_id=project, type=type_, name=comp["name"])
                 if c.user == user or getattr(c.user, "id", None) == user or c.is_shared]
        if not found or any(str(c.id) == str(comp["id"]) for c in found):
            continue
        existing = found[0]
        config = comp.get("configuration") or {}
        differs = [k for k, v in sorted(config.items()) if existing.configuration.get(k) != v]
        if existing.flavor != comp["flavor"] or differs:
            what = f"flavor {existing.flavor}" if existing.flavor != comp["flavor"] else f"other values of {', '.join(differs)}"
            sys.exit(f"stack {doc.get('stack_name')}: a {type_} named {comp['name']!r} exists already with {what}; rename or "
                     f"delete it (`zenml {type_.replace('_', '-')} delete {comp['name']}`), then run import.sh again")
        text = text.replace(str(comp["id"]), str(existing.id))
        print(f"{type_} {comp['name']} exists (left by an earlier import): reused")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
