"""Keys written into a pipeline class's ``INSTANCE_CONFIGURATION`` (module level: a
``BasePipeline`` subclass's class body, ``Pipeline.INSTANCE_CONFIGURATION = {...}``).

0.13.2's ``@pipeline(...)`` keeps its keywords there and ``BasePipeline.__init__`` pops them
(``required_integrations``, ``requirements``, ``dockerignore_file``, ``secrets``,
``docker_configuration``, ``enable_cache``). 0.20.0 and 0.20.5 still merge the dict into the
constructor's keywords but pop only ``enable_cache``, ``settings`` and ``extra``: any other key is
taken for a step (``PipelineInterfaceError`` when the pipeline is created; checked on the wheels).
So each key is judged like the same keyword of ``@pipeline`` (``splat_keywords.problems``), where
it is written, with no fix there (a TODO)."""

import ast
from typing import Iterable, List

from zenml_migrate.findings import NO_FIX_HERE, Finding
from zenml_migrate.scan import api013
from zenml_migrate.scan import splat_keywords as splat
from zenml_migrate.scan.zenml_index import canonical

ATTRIBUTE = "INSTANCE_CONFIGURATION"
_BASE = api013.PIPELINE_CLASS[:-1]  # zenml.pipelines.base_pipeline.BasePipeline
_NOTE = (
    f" (a key of `{ATTRIBUTE}`, which ZenML 0.20's `BasePipeline.__init__` takes as a keyword of the pipeline: "
    "PipelineInterfaceError when the pipeline is created)"
)


def _is_pipeline_class(detector, node: ast.expr) -> bool:
    from zenml_migrate.scan.detect import plain

    path = detector.resolve(node, detector.module_scope)
    return path is not None and canonical(plain(path)) in (_BASE, api013.PIPELINE_CLASS)


def _written(detector, body: Iterable[ast.stmt]) -> List[ast.expr]:
    """The dicts (displays, ``dict(...)``) module-level code writes into a pipeline class's
    ``INSTANCE_CONFIGURATION``."""
    out = []
    for stmt in body:
        if isinstance(stmt, ast.ClassDef):
            for inner in stmt.body:
                targets = inner.targets if isinstance(inner, ast.Assign) else [inner.target] if isinstance(inner, ast.AnnAssign) else []
                if getattr(inner, "value", None) is not None and any(isinstance(t, ast.Name) and t.id == ATTRIBUTE for t in targets):
                    if any(_is_pipeline_class(detector, b) for b in stmt.bases):
                        out.append(inner.value)
        elif isinstance(stmt, ast.Assign):
            for t in stmt.targets:
                if isinstance(t, ast.Attribute) and t.attr == ATTRIBUTE and _is_pipeline_class(detector, t.value):
                    out.append(stmt.value)
    return out


def judge(detector, tree: ast.Module) -> None:
    for value in _written(detector, tree.body):
        if isinstance(value, ast.Dict):
            items = [(k.value, k) for k in value.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)]
        elif splat._is_dict_call(detector, value):
            items = [(kw.arg, kw) for kw in value.keywords if kw.arg is not None]
        else:
            continue
        for key, target in items:
            for rule, message, catalog in splat.problems(detector, api013.PIPELINE_DECORATOR, key):
                if not catalog:
                    continue  # a key 0.13.2 did not take either (it was a step there too)
                text = f"{rule.message}{_NOTE}{NO_FIX_HERE}no rewrite of this key: change it where it is written)"
                detector.findings.append(Finding(detector.path, detector.span_of(target), rule.code, text, None))
