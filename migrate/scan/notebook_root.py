"""A notebook that runs a pipeline with steps (or materializers) imported from a module of
its own folder needs a ZenML repository root on 0.20.

In a kernel the main module has no ``__file__``. 0.20.0-0.20.5 resolve the source of every
step class that is neither in ``__main__`` nor installed (``source_utils.resolve_class`` ->
``is_third_party_module`` -> ``get_source_root_path``) against the repository root (a
``.zen`` folder in the working directory or above it), else against the main module's file,
and fail at ``pipeline.run()`` with "Main module was not started from a file. Cannot
determine the module root path." 0.13.2 ran the same notebook with local steps (a local
materializer failed on 0.13.2 too; checked on the real releases:
``tests/test_notebook_root_real_zenml.py``). Steps defined in the notebook itself
and a pipeline imported from a module are fine.

The finding (rule ZM260, whose ``NotebookCheck`` is ``root_findings``) is written at each ``.run()`` of a pipeline in a notebook that
uses a step or materializer class of a local module (a project file next to it, or a
``%%writefile x.py`` cell), when the notebook runs no ``zenml init`` itself and no ``.zen``
folder is above the notebook on disk.
"""

import ast
import os
from typing import Dict, List, Set, Tuple

from zenml_migrate.findings import Finding
from zenml_migrate.scan import api013
from zenml_migrate.scan.detect import plain
from zenml_migrate.scan.file_kinds import has_repository
from zenml_migrate.scan.zenml_index import canonical

RUN = f"{api013.PIPELINE}.run"
# what a local module's name must be for the run to need the root: a step or materializer class
_LOCAL_CLASSES = {api013.STEP_CLASS: "steps", "zenml.materializers.base_materializer.BaseMaterializer+": "materializers"}


def writefile_facts(nb, exports_of) -> Tuple[Dict[str, str], Set[str]]:
    """Cross-file facts of the modules the notebook writes itself (``%%writefile x.py``, then
    ``import x``): ``{"x.name": value}`` and the module names. ``exports_of(cell)``: the
    exports of the cell's module (None when it does not parse)."""
    facts: Dict[str, str] = {}
    modules: Set[str] = set()
    for cell in nb.cells:
        if cell.script is None:
            continue
        target = cell.lines[cell.script - 1].split()[-1].strip("'\"")
        name = os.path.basename(target)
        if not name.endswith(".py") or os.path.dirname(target) not in ("", "."):
            continue
        module = name[:-3]
        exports = exports_of(cell)
        if not module.isidentifier() or exports is None:
            continue
        modules.add(module)
        facts.update((f"{module}.{key}", value) for key, value in exports.items())
    return facts, modules


def root_findings(path: str, nb, detector, rule) -> List[Finding]:
    """ZM260 findings, in the coordinates of the notebook's module text."""
    runs = [node for node in ast.walk(detector.tree) if _is_pipeline_run(node, detector)] if detector.tree else []
    if not runs:
        return []
    local = _local_step_modules(detector)
    if not local or _runs_zenml_init(nb, detector) or has_repository(path):
        return []
    names = ", ".join(f"`{m}`" for m in sorted(local))
    kinds = " and ".join(k for k in ("steps", "materializers") if any(k in v for v in local.values()))
    message = (
        f"{rule.message} (it uses {kinds} of {names}; with no `.zen` folder above the notebook, `.run()` fails with "
        "'Main module was not started from a file')"
    )
    out = []
    for node in runs:
        out.append(Finding(path, detector._span(node), rule.code, message, rule.fix_value))
    return out


def _is_pipeline_run(node: ast.AST, detector) -> bool:
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "run"):
        return False
    value = detector.resolve(node.func, detector.module_scope)
    return value is not None and plain(canonical(value)) == RUN


def _local_step_modules(detector) -> Dict[str, Set[str]]:
    """The local modules (project files, ``%%writefile`` modules) whose step or materializer
    classes the notebook binds or uses: ``{module: {"steps", "materializers"}}``."""
    for name in list(detector.module_scope.bindings):
        detector.lookup(name, detector.module_scope)  # binds project names: fills _project_used
    out: Dict[str, Set[str]] = {}
    for key in detector._project_used:
        value = detector.project.get(key)
        kind = _LOCAL_CLASSES.get(plain(canonical(value))) if value is not None else None
        if kind is not None:
            out.setdefault(key.rsplit(".", 1)[0], set()).add(kind)
    return out


def _runs_zenml_init(nb, detector) -> bool:
    """``!zenml init`` / ``%%bash`` ``zenml init`` in a cell, or ``Client.initialize()`` /
    ``Repository.initialize()`` in Python."""
    from zenml_migrate.scan.command_lines import section_commands, zenml_argv
    from zenml_migrate.scan.command_scan import cell_sections

    for cell in nb.cells:
        for section in cell_sections(cell) if cell.shell else ():
            if "init" not in section.text:
                continue
            for words in section_commands(section):
                argv = zenml_argv(words)
                if argv is not None and [w.value for w in argv[1:2]] == ["init"]:
                    return True
    for node in ast.walk(detector.tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "initialize":
            value = detector.resolve(node.func.value, detector.module_scope)
            if value is not None and canonical(value).split("(")[0].rstrip("+") in _ROOT_OWNERS:
                return True
    return False


_ROOT_OWNERS = ("zenml.client.Client", "zenml.repository.Repository")
