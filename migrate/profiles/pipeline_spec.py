"""The spec a migrated pipeline is registered with: the one the user's code registers on its
next run under ZenML 0.20 (``pipeline_code`` has the rules, read from the real 0.20 code).

The runs in MLMD say which step class ran for each pipeline parameter (``zenml-pipeline_parameter_name``
and the execution type, e.g. ``steps.training.trainer``); the code says the rest: the connect
function's data flow and ``.after()`` calls, and the function behind each 0.13.2 class name.
When the code cannot be found or read, the spec is not known: ``DerivedSpec.problem`` says why
and the plan registers nothing for that pipeline (a guessed spec would make the user's next run
fail with "already registered with a different pipeline configuration").
"""

import os
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Set

from zenml_migrate.profiles.pipeline_code import CodeBase, Connect, StepDef, topsort
from zenml_migrate.scan.zenml_index import V0200, V0205, in_zenml, zenml020

# ``@step(name="x") def f``: 0.13.2 and 0.20.0-0.20.4 make a class ``x`` (source ``module.x``),
# 0.20.5 a class ``f`` named ``x`` (source ``module.f``); checked in the 0.20.0-0.20.5 wheels.
FUNCTION_SOURCE_FROM = (0, 20, 5)


def _version(text: str) -> tuple:
    try:
        return tuple(int(x) for x in text.split(".")[:3])
    except ValueError:
        return FUNCTION_SOURCE_FROM


@dataclass
class Binding:
    """The step class one pipeline parameter ran with in 0.13.2 (its latest run)."""

    type_name: str  # ``module.Class`` as 0.13.2 recorded it (``__main__.x`` for the script's own steps)
    script: Optional[str]  # the script the run started from (dag_filepath), for ``__main__``
    reads: Set[str] = field(default_factory=set)  # params whose outputs it read in that run


@dataclass
class DerivedSpec:
    """A pipeline's 0.20 spec as read from its code, or why it is not known."""

    spec: Optional[dict] = None
    problem: Optional[str] = None  # why the spec is not known: nothing is registered
    where: Optional[str] = None  # file:line of the pipeline definition read
    sources: Dict[str, str] = field(default_factory=dict)  # 0.13.2 type name -> 0.20 source
    upstream: Dict[str, List[str]] = field(default_factory=dict)  # step name -> upstream step names
    after: Dict[str, List[str]] = field(default_factory=dict)  # step name -> steps it runs .after()
    notes: List[str] = field(default_factory=list)


def script_file(code: CodeBase, script: Optional[str]) -> Optional[str]:
    """The run's script on this machine: under the code folders (by module name, else the one file
    of that name), else where it was."""
    if not script:
        return None
    base = os.path.basename(script.replace("\\", "/"))
    found = code.module_file(os.path.splitext(base)[0])
    if found:
        return found
    same = [f for f in code.files() if os.path.basename(f) == base]
    if len(same) == 1:
        return same[0]
    return script if os.path.isfile(script) else None


# The ZenML 0.13.2 step factories that make a step with ``clone_step(STEP, step_name)`` in their own
# module (MLMD records ``<module>.<step_name>``): module -> (factory, STEP). 0.20.0-0.20.4 keep the
# clone (source ``<module>.<step_name>@zenml_<release>``), 0.20.5 returns ``STEP(name=step_name)``
# (source ``<module>.STEP@zenml_0.20.5``); both name the step ``step_name``. Read from the 0.13.2-0.20.5
# wheels; tests/profiles/test_factory_steps_real_zenml.py checks it against the real releases.
FACTORY_STEPS = {
    "zenml.integrations.deepchecks.steps.deepchecks_data_drift": ("deepchecks_data_drift_check_step", "DeepchecksDataDriftCheckStep"),
    "zenml.integrations.deepchecks.steps.deepchecks_data_integrity": ("deepchecks_data_integrity_check_step",
                                                                     "DeepchecksDataIntegrityCheckStep"),
    "zenml.integrations.deepchecks.steps.deepchecks_model_drift": ("deepchecks_model_drift_check_step", "DeepchecksModelDriftCheckStep"),
    "zenml.integrations.deepchecks.steps.deepchecks_model_validation": ("deepchecks_model_validation_check_step",
                                                                       "DeepchecksModelValidationCheckStep"),
    "zenml.integrations.evidently.steps.evidently_profile": ("evidently_profile_step", "EvidentlyProfileStep"),
    "zenml.integrations.great_expectations.steps.ge_profiler": ("great_expectations_profiler_step", "GreatExpectationsProfilerStep"),
    "zenml.integrations.great_expectations.steps.ge_validator": ("great_expectations_validator_step", "GreatExpectationsValidatorStep"),
    "zenml.integrations.whylogs.steps.whylogs_profiler": ("whylogs_profiler_step", "WhylogsProfilerStep"),
}


def _defines(module: str, names: Sequence[str], release: tuple) -> bool:
    """Whether ZenML ``release`` defines every name in ``module`` (rules/data/zenml020.json; 0.20.1-0.20.4
    need both bits)."""
    need = V0200 if release < (0, 20, 1) else V0205 if release >= FUNCTION_SOURCE_FROM else V0200 | V0205
    members = zenml020().get(module, {})
    return all((members.get(n, 0) & need) == need for n in names)


def builtin_step(module: str, cls: str, zenml_version: str) -> Optional[StepDef]:
    """A ZenML built-in step (``zenml.integrations.mlflow.steps.mlflow_deployer.mlflow_model_deployer_step``)
    that ``zenml_version`` defines under the same module and name (rules/data/zenml020.json): 0.20's
    ``source_utils.resolve_class`` registers a ``zenml.*`` class as ``module.Class@zenml_<version>``,
    and a built-in ``@step`` function (none has ``name=``) keeps its name. A step a ZenML factory made
    (``evidently_profile_step(step_name="drift")``: class ``drift`` of the factory's module) is the
    factory's step class on 0.20.5 and the clone on 0.20.0-0.20.4 (``FACTORY_STEPS``), named ``drift``.
    Any other ``zenml.*`` name: None."""
    if not in_zenml(module):
        return None
    release = _version(zenml_version)
    if _defines(module, [cls], release):
        return StepDef(module, cls, cls, f"module {module} of ZenML {zenml_version}")
    factory, step_class = FACTORY_STEPS.get(module, ("", ""))
    if factory and cls.isidentifier() and _defines(module, [factory, step_class], release):
        return StepDef(module, step_class if release >= FUNCTION_SOURCE_FROM else cls, cls,
                       f"{factory}(step_name={cls!r}) of ZenML {zenml_version}", factory=factory)
    return None


def _choose(defs: List[Connect], scripts: Sequence[str]) -> Optional[Connect]:
    shapes = {d.shape() for d in defs}
    if len(shapes) == 1:
        return defs[0]
    in_script = [d for d in defs if d.path in scripts]
    if in_script and len({d.shape() for d in in_script}) == 1:
        return in_script[0]
    return None


def derive(pipeline: str, bindings: Dict[str, Binding], code: CodeBase, zenml_version: str = "0.20.5") -> DerivedSpec:
    """The spec ZenML ``zenml_version`` registers for ``pipeline`` when the code under ``code`` runs."""
    out = DerivedSpec()
    by_function = _version(zenml_version) >= FUNCTION_SOURCE_FROM
    recorded = sorted({b.script for b in bindings.values() if b.script})
    if not code.roots:
        out.problem = (f"its code was not found (the script its runs recorded, {', '.join(recorded)}, is not on this machine)"
                       if recorded else "its runs do not record the script they ran from")
        return out
    scripts = sorted({p for p in (script_file(code, b.script) for b in bindings.values()) if p})
    defs = code.pipelines(pipeline, first=scripts)
    if not defs:
        out.problem = f"no @pipeline {pipeline} was found in {', '.join(code.roots)}"
        return out
    c = _choose(defs, scripts)
    if c is None:
        out.problem = f"pipeline {pipeline} is defined differently in {', '.join(sorted({d.where() for d in defs}))}"
        return out
    out.where = c.where()
    if c.problem:
        out.problem = f"{c.where()}: {c.problem}"
        return out
    names: Dict[str, str] = {}
    sources: List[str] = []
    renamed: Dict[tuple, List[str]] = {}  # (function, file, 0.20 source) -> the @step(name=...) names it has
    for param in c.params:
        b = bindings.get(param)
        if b is None:
            out.problem = f"step {param} of {c.where()} never ran with ZenML 0.13.2: which step your code passes for it is not recorded"
            return out
        module, _, cls = b.type_name.rpartition(".")
        path = script_file(code, b.script) if module == "__main__" else None
        found = builtin_step(module, cls, zenml_version)
        if found is None and in_zenml(module):
            out.problem = (f"step {cls} ({b.type_name}) is a ZenML built-in step that ZenML {zenml_version} does not define "
                           "under that name, and no ZenML step factory this tool knows makes it: "
                           "its 0.20 source is not known without running the pipeline")
            return out
        if found is None:
            found = code.step(module, cls, path) if module and (module != "__main__" or path) else None
        if found is None:
            where = path or code.module_file(module) or f"module {module or '?'}"
            out.problem = f"step {cls} ({b.type_name}) is not defined in {where}"
            return out
        module020 = code.module_of(found.path) if module == "__main__" else module
        names[param] = found.name
        pin = f"@zenml_{zenml_version}" if in_zenml(module) else ""  # 0.20's pin of a zenml.* source
        sources.append(f"{module020}.{found.attr if by_function else found.name}{pin}")
        out.sources[b.type_name] = sources[-1]
        if found.factory:
            other = (f"0.20.0-0.20.4 register the clone {module}.{cls}" if by_function
                     else f"0.20.5 registers {module}.{FACTORY_STEPS[module][1]}")
            out.notes.append(f"step {found.name} is made by ZenML's {found.factory}(step_name={found.name!r}): ZenML {zenml_version} "
                             f"registers it as {sources[-1]} ({other}: a run with another 0.20.x fails against this spec)")
        elif found.attr != found.name:
            renamed.setdefault((found.attr, found.path, sources[-1]), []).append(found.name)
    for (attr, path, source), steps in renamed.items():
        several = len(steps) > 1
        out.notes.append(
            f"step{'s' if several else ''} {', '.join(steps)} {'are' if several else 'is'} the function {attr} (@step(name=...)) in {path}: "
            f"ZenML {zenml_version} registers {'them' if several else 'it'} as {source} "
            f"({'0.20.0-0.20.4 use the name' if by_function else '0.20.5 uses the function name'}: a run with another 0.20.x fails against this spec)")
    if len(set(names.values())) != len(names):
        out.problem = f"{c.where()}: two steps share a name (ZenML 0.20 refuses to run it)"
        return out
    upstream = {names[p]: {names[q] for q in c.data[p] | c.after[p]} for p in c.params}
    order = topsort([names[p] for p in c.params], upstream)
    if order is None:
        out.problem = f"{c.where()}: the steps depend on each other in a cycle"
        return out
    source_of = {names[p]: s for p, s in zip(c.params, sources)}
    out.spec = {"version": "0.1", "steps": [{"source": source_of[n], "upstream_steps": sorted(upstream[n])} for n in order]}
    out.upstream = {n: sorted(upstream[n]) for n in order}
    out.after = {names[p]: sorted(names[q] for q in c.after[p]) for p in c.params if c.after[p]}
    if out.after:
        edges = ", ".join(f"{n}.after({', '.join(qs)})" for n, qs in sorted(out.after.items()))
        out.notes.append(f"{edges} read from {c.where()} (.after() is not recorded in the runs)")
    changed = sorted(names[p] for p in c.params if bindings[p].reads and bindings[p].reads != c.data[p])
    if changed:
        out.notes.append(f"the inputs of {', '.join(changed)} in {c.where()} differ from its last 0.13.2 run: the spec follows the code")
    return out
