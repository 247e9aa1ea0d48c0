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

An artifact store the plan gave ``<path>/zenml-0.20`` (its folder holds 0.13.2 outputs, which a 0.20
run would overwrite) gets the folder of the store it is imported into, ``zenml-0.20-<first 8 hex
digits of the importing user's id>``, as ``--store``/``--server`` name it (``plan.new_outputs_folder_name``):
two 0.20 stores this bundle goes into number their runs alike and would overwrite each other's outputs.
"""

import json
import sys

NEW_OUTPUTS = "zenml-0.20"  # (``zenml_migrate.profiles.plan.NEW_OUTPUTS``: this script runs without zenml-migrate)


def own_outputs_folder(text: str, comp: dict, user_id) -> str:
    """``text`` with the artifact store ``comp``'s ``<path>/zenml-0.20`` made the importing store's own
    (``comp``'s configuration too: the reuse check compares it)."""
    config = comp.get("configuration") or {}
    path = config.get("path")
    if not isinstance(path, str) or path.rstrip("/").rsplit("/", 1)[-1] != NEW_OUTPUTS:
        return text
    new = f"{path.rstrip('/')}-{str(user_id).replace('-', '')[:8].lower()}"
    written = json.dumps(path, ensure_ascii=False)
    if written not in text:
        print(f"{comp.get('name')}: set its path to {new} after the import (its folder's name could not be changed in the file)")
        return text
    config["path"] = new
    print(f"artifact_store {comp.get('name')}: new outputs go to {new} (a folder of this store's own)")
    return text.replace(written, json.dumps(new, ensure_ascii=False))


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
    store_of_this_file = (doc.get("components") or {}).get("artifact_store")
    if isinstance(store_of_this_file, dict):
        text = own_outputs_folder(text, store_of_this_file, user)
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
