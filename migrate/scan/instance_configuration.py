"""Keys written into a pipeline or step class's ``INSTANCE_CONFIGURATION`` (module level: a
``BasePipeline`` subclass's class body, ``Pipeline.INSTANCE_CONFIGURATION = {...}``).

0.13.2's ``@pipeline(...)`` keeps its keywords there and ``BasePipeline.__init__`` pops them
(``required_integrations``, ``requirements``, ``dockerignore_file``, ``secrets``,
``docker_configuration``, ``enable_cache``). 0.20.0 and 0.20.5 still merge the dict into the
constructor's keywords but pop only ``enable_cache``, ``settings`` and ``extra``: any other key is
taken for a step (``PipelineInterfaceError`` when the pipeline is created; checked on the wheels).
So each key is judged like the same keyword of ``@pipeline`` (``splat_keywords.problems``), where
it is written, with no fix there (a TODO).

A ``BaseStep`` subclass's ``INSTANCE_CONFIGURATION`` is merged the same way by 0.20's
``BaseStep.__init__`` (``{**INSTANCE_CONFIGURATION, **kwargs}``), which pops ``name``,
``enable_cache``, ``step_operator``, ``settings``, ``output_materializers``/``output_artifacts``,
``experiment_tracker`` and ``extra`` and counts any other key as a parameter
(``StepInterfaceError: Too many arguments`` when the step is created: review25 R6). Its keys are
judged as keywords of the step class's constructor and fixed where written, as the keys of a dict
given to it as ``**`` are (``splat_keywords.judge_dict``: ``custom_step_operator`` ->
``step_operator``; ``resource_configuration`` folds into ``settings`` where the dict's keys are
literal)."""

import ast
from typing import Iterable, List, Tuple

from zenml_migrate.findings import NO_FIX_HERE, Finding
from zenml_migrate.scan import api013
from zenml_migrate.scan import splat_keywords as splat
from zenml_migrate.scan.zenml_index import canonical

ATTRIBUTE = "INSTANCE_CONFIGURATION"
_NOTE = (
    f" (a key of `{ATTRIBUTE}`, which ZenML 0.20's `BasePipeline.__init__` takes as a keyword of the pipeline: "
    "PipelineInterfaceError when the pipeline is created)"
)

_STEP_NOTE = (
    f"a key of a step class's `{ATTRIBUTE}`, which ZenML 0.20's `BaseStep.__init__` takes as a keyword of the step: "
    "StepInterfaceError when the step is created"
)


def _class_kind(detector, node: ast.expr):
    """``api013.PIPELINE_CLASS`` / ``api013.STEP_CLASS`` for a base class expression naming a
    pipeline / step class (zenml's or a subclass), else None."""
    from zenml_migrate.scan.detect import plain

    path = detector.resolve(node, detector.module_scope)
    if path is None:
        return None
    path = canonical(plain(path))
    for kind in (api013.PIPELINE_CLASS, api013.STEP_CLASS):
        if path in (kind, kind[:-1]):
            return kind
    return None


def _written(detector, body: Iterable[ast.stmt]) -> List[Tuple[str, ast.expr]]:
    """``(kind, dict)``: the dicts (displays, ``dict(...)``) module-level code writes into a pipeline
    or step class's ``INSTANCE_CONFIGURATION`` (kind: ``_class_kind``)."""
    out = []
    for stmt in body:
        if isinstance(stmt, ast.ClassDef):
            for inner in stmt.body:
                targets = inner.targets if isinstance(inner, ast.Assign) else [inner.target] if isinstance(inner, ast.AnnAssign) else []
                if getattr(inner, "value", None) is not None and any(isinstance(t, ast.Name) and t.id == ATTRIBUTE for t in targets):
                    kind = next(filter(None, (_class_kind(detector, b) for b in stmt.bases)), None)
                    if kind is not None:
                        out.append((kind, inner.value))
        elif isinstance(stmt, ast.Assign):
            for t in stmt.targets:
                kind = _class_kind(detector, t.value) if isinstance(t, ast.Attribute) and t.attr == ATTRIBUTE else None
                if kind is not None:
                    out.append((kind, stmt.value))
    return out


def judge(detector, tree: ast.Module) -> None:
    for kind, value in _written(detector, tree.body):
        if kind == api013.STEP_CLASS:  # the keys are keywords of the step class's constructor, fixed where written
            if isinstance(value, ast.Dict) or splat.is_dict_call(detector, value):
                splat.judge_dict(detector, api013.STEP_CLASS, value, "", given=_STEP_NOTE)
            continue
        if isinstance(value, ast.Dict):
            items = [(k.value, k) for k in value.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)]
        elif splat.is_dict_call(detector, value):
            items = [(kw.arg, kw) for kw in value.keywords if kw.arg is not None]
        else:
            continue
        for key, target in items:
            for rule, message, catalog in splat.problems(detector, api013.PIPELINE_DECORATOR, key):
                if not catalog:
                    continue  # a key 0.13.2 did not take either (it was a step there too)
                text = f"{rule.message}{_NOTE}{NO_FIX_HERE}no rewrite of this key: change it where it is written)"
                detector.findings.append(Finding(detector.path, detector.span_of(target), rule.code, text, None))
