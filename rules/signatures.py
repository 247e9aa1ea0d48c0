"""ZM002-ZM004: the call-signature safety net. Any call of a resolved zenml callable, and any
attribute of a resolved zenml object, that the real ZenML 0.20.0 or 0.20.5 rejects.

The data is ``rules/data/zenml020_signatures.json``, generated from the real wheels by
``scripts/build_zenml_signatures.py`` (every public function, constructor -- pydantic fields
included --, decorator and method, with what it accepts). Like ZM000 these rules stay quiet
wherever a rule of the catalog explains the call, the keyword or the attribute (even an
ignored rule), so one use gives one finding, and they never guess: a callable whose
parameters cannot be known (``*args, **kwargs`` handed on, a class outside zenml in its
bases, a user's own subclass) is never reported.

* ZM002: a keyword 0.20 renamed on the same callable (``user_name=`` -> ``user_name_or_id=``):
  renamed by ``--fix``.
* ZM003: a keyword the callable does not take, a required argument that is missing, more
  positional arguments than it takes: TypeError (pydantic: ValidationError). The finding lists
  what the callable accepts.
* ZM004: an attribute the 0.20 class does not have (AttributeError), with the closest name.
"""

import ast
from typing import Iterable, List, Optional, Set, Tuple

from zenml_migrate.rules.base import Bad, Fails, Fix, Good, Net, Rule, snippet as _c
from zenml_migrate.scan import zenml_signatures as sigs
from zenml_migrate.scan.detect import WHOLE_CALL
from zenml_migrate.scan.api013 import FUNCTION_MADE
from zenml_migrate.scan.zenml_signatures import VERSIONS, Signature

ZM002 = Rule(
    code="ZM002",
    match=(Net("calls"),),
    name="keyword-renamed-in-zenml-020",
    message="This keyword was renamed in ZenML 0.20",
    why=(
        "The callable still exists in ZenML 0.20, but the keyword was renamed (TypeError: unexpected keyword "
        "argument). The pairs come from the real 0.13.2 and 0.20 wheels: the same callable lost the old keyword "
        "and gained the new one (`user_name` -> `user_name_or_id`, `config` -> `params`, ...)."
    ),
    instead="Use the 0.20 keyword named in the finding.",
    fix=Fix.SAFE,
    fix_note="Safe: the same callable, the same value under the keyword that replaced the old one.",
    codemod="keywords:RenameKeywords",
    fix_args=(("keywords", tuple(sorted(sigs.successors().items()))),),
    bad=(
        Bad(
            _c(
                """
                from zenml.client import Client

                user = Client().zen_store.get_user(user_name="alice")
                """
            ),
            fixed=_c(
                """
                from zenml.client import Client

                user = Client().zen_store.get_user(user_name_or_id="alice")
                """
            ),
            count=1,
        ),
        Bad(
            _c(
                """
                from zenml.exceptions import MissingStepParameterError

                raise MissingStepParameterError("trainer", ["lr"], config_class=dict)
                """
            ),
            fixed=_c(
                """
                from zenml.exceptions import MissingStepParameterError

                raise MissingStepParameterError("trainer", ["lr"], parameters_class=dict)
                """
            ),
            count=1,
        ),
        # a class 0.20 renamed, called as 0.13.2 did: `Repository(...)` builds a `Client`, whose
        # keyword took the new class name (its ZM108 rename is made in the same run)
        Bad(
            _c(
                """
                from zenml.repository import Repository
                from zenml.steps import step


                @step
                def active_deployer() -> str:
                    return Repository(skip_repository_check=True).active_stack.model_deployer.name
                """
            ),
            fixed=_c(
                """
                from zenml.client import Client
                from zenml.steps import step


                @step
                def active_deployer() -> str:
                    return Client(skip_client_check=True).active_stack.model_deployer.name
                """
            ),
            count=1,
        ),
    ),
    good=(
        Good("from zenml.client import Client\n\nClient().zen_store.get_user(user_name_or_id=\"alice\")\n"),
        Good("def get_user(user_name=None):\n    pass\n\nget_user(user_name=\"alice\")\n"),
    ),
)

ZM003 = Rule(
    code="ZM003",
    fails=Fails(one_release=True),
    match=(Net("calls"),),
    name="call-rejected-in-zenml-020",
    message="ZenML 0.20 rejects this call",
    why=(
        "The call resolves to a zenml function, class or method that exists in ZenML 0.20, but 0.20 does not "
        "accept it as written: a keyword it does not take (TypeError; a pydantic model with `extra = forbid` "
        "raises ValidationError), a required argument that is missing, or more positional arguments than it "
        "takes. Whatever release the code was written for, the line fails on 0.20. Data: every public "
        "zenml callable of the real 0.20.0 and 0.20.5 wheels (scripts/build_zenml_signatures.py)."
    ),
    instead="Pass only what the 0.20 callable accepts: the finding lists its parameters.",
    fix=Fix.NONE,
    fix_note="No automatic fix: where the value should go depends on what the code meant; keywords with a "
    "known 0.20 successor are ZM002 (or a specific rule) and are rewritten.",
    todo="ZenML 0.20 rejects this call (see the parameters listed by `migrate scan`)",
    bad=(
        Bad(
            _c(
                """
                from zenml.config import DockerSettings

                docker = DockerSettings(requirements=["pandas"], base_image="python:3.9")
                """
            ),
            count=1,
        ),
        Bad(
            _c(
                """
                from zenml.post_execution import get_run

                run = get_run()
                """
            ),
            count=1,
        ),
        Bad(
            _c(
                """
                from zenml.config import ResourceSettings

                resources = ResourceSettings(2, 1)
                """
            ),
            count=1,
        ),
        # a method zenml defines on every step / pipeline, called on the user's own (0.20 calls
        # `configure` itself: a class cannot change its parameters)
        Bad(
            _c(
                """
                from zenml.pipelines import pipeline
                from zenml.steps import step

                @step
                def trainer() -> int:
                    return 1

                @pipeline
                def train_pipeline(trainer):
                    trainer()

                t = trainer().configure(enable_cache=False, retries=3)
                train_pipeline(trainer=t).configure(schedule=None)
                """
            ),
            count=2,
        ),
        # a keyword through `functools.partial`: reported where it is written and where the
        # partial is applied (0.20 fails there)
        Bad(
            _c(
                """
                from functools import partial

                from zenml.steps import step

                retried_step = partial(step, retries=3)


                @retried_step
                def trainer() -> int:
                    return 1
                """
            ),
            count=2,
        ),
        # a name a rule renames is judged as the 0.20 callable the rename writes (said before
        # --fix renames it: `ResourceSettings` has no `cpu=`)
        Bad(
            _c(
                """
                from zenml.config.resource_configuration import ResourceConfiguration

                def resources():
                    return ResourceConfiguration(cpu=2, memory="4GB")
                """
            ),
            count=1,
        ),
        # ZenML 0.5's `run(run_name)`: keyword-only from 0.6 on
        Bad(
            _c(
                """
                from zenml.pipelines import pipeline

                @pipeline
                def train_pipeline(trainer):
                    trainer()

                train_pipeline(trainer=None).run("nightly")
                """
            ),
            count=1,
        ),
    ),
    good=(
        Good("from zenml.config import DockerSettings\n\nDockerSettings(requirements=[\"pandas\"], parent_image=\"python:3.9\")\n"),
        Good("from zenml.post_execution import get_run\n\nrun = get_run(\"my_run\")\n"),
        Good("from zenml.steps import step\n\n@step(enable_cache=False, step_operator=\"sagemaker\")\ndef s() -> int:\n    return 1\n"),
        Good("from zenml.steps import BaseParameters\n\nclass P(BaseParameters):\n    lr: float = 0.1\n\nP(lr=0.2, epochs=3)\n"),
        Good("from zenml.integrations.mlflow.flavors.mlflow_experiment_tracker_flavor import MLFlowExperimentTrackerSettings\n\n"
             "MLFlowExperimentTrackerSettings(nested=True, anything=1)\n"),
        Good("from zenml.config import DockerSettings\n\nkw = {\"requirements\": []}\nDockerSettings(**kw)\n"),
        Good(
            "from zenml.steps import step\n\n@step\ndef trainer() -> int:\n    return 1\n\n"
            "trainer().configure(enable_cache=False, settings={}, extra={\"retries\": 3})\n"
        ),
    ),
)

ZM004 = Rule(
    code="ZM004",
    fails=Fails(one_release=True),
    match=(Net("members"),),
    name="attribute-missing-in-zenml-020",
    message="This attribute does not exist in ZenML 0.20",
    why=(
        "The object resolves to an instance (or the class) of a zenml class that exists in ZenML 0.20, but the "
        "0.20 class has no such attribute: AttributeError. Members come from the real 0.20.0 and 0.20.5 wheels "
        "(methods, properties, class attributes, pydantic fields, attributes set in methods); a class whose "
        "members cannot all be known there (a base outside zenml, `__getattr__`) is never reported. A guarded read "
        "(`getattr(x, \"m\", None)`, `hasattr(x, \"m\")`, under `hasattr`) raises nothing; it is reported only where "
        "0.20 renamed the field: there it silently gives the default, or False."
    ),
    instead="Use the 0.20 attribute given in the hint, or read the value another way.",
    fix=Fix.SAFE,
    fix_note=(
        "Only where ZenML 0.20 renamed the field and the rename rule of its class renames the keyword too "
        "(`DockerConfiguration(copy_profile=...)` -> `DockerSettings(copy_global_config=...)`, ZM105): the read is "
        "renamed (`settings.copy_global_config`, the same field; the string of `getattr(settings, \"copy_profile\", None)` "
        "and `hasattr(settings, \"copy_profile\")` too). Elsewhere no automatic fix: the replacement depends "
        "on what the code reads."
    ),
    codemod="component_members:ComponentMembers",
    todo="this attribute does not exist in ZenML 0.20",
    bad=(
        Bad(
            _c(
                """
                from zenml.steps import StepContext, step

                @step
                def trainer(context: StepContext) -> None:
                    print(context.get_artifact_uri("model"))
                """
            ),
            count=1,
        ),
        Bad(
            _c(
                """
                from zenml.client import Client

                Client().get_stack_components_by_type("orchestrator")
                """
            ),
            count=1,
        ),
        # the 0.13.2 class itself (`Repository.get_pipeline??` in a notebook): checked as the
        # class 0.20 renamed it to, so the first scan says it and --fix marks it in one run
        Bad(
            "from zenml.repository import Repository\n\nhelp(Repository.get_pipeline)\n",
            count=1,
        ),
        # a member of 0.20.0 that 0.20.5 removed: fails on the release users run (also where
        # --fix renamed `Repository().get_stack_components(...)` to Client)
        Bad("from zenml.client import Client\n\nprint(Client().stack_components)\n", count=1),
        # a field 0.20 renamed where the rename rule of its class renames the keyword too (ZM105): the
        # read is renamed with it (the same field; the statement no longer fails at import, no ZM461)
        Bad(
            _c(
                """
                from zenml.config.docker_configuration import DockerConfiguration

                BASE = DockerConfiguration(copy_profile=False)
                print(BASE.copy_profile)
                """
            ),
            fixed=_c(
                """
                from zenml.config import DockerSettings

                BASE = DockerSettings(copy_global_config=False)
                print(BASE.copy_global_config)
                """
            ),
            count=1,
        ),
        # a getattr with a default raises nothing on 0.20 but gives the default where 0.13.2 gave the
        # field: where 0.20 renamed it, the string is renamed
        Bad(
            _c(
                """
                from zenml.config.docker_configuration import DockerConfiguration

                BASE = DockerConfiguration(copy_profile=False)
                print(getattr(BASE, "copy_profile", None))
                """
            ),
            fixed=_c(
                """
                from zenml.config import DockerSettings

                BASE = DockerSettings(copy_global_config=False)
                print(getattr(BASE, "copy_global_config", None))
                """
            ),
            count=1,
        ),
        # 0.13.2's `Repository().stacks` listed `Stack` objects; 0.20's `Client().stacks` lists
        # stack models (no `.orchestrator`: components by type, in lists)
        Bad(
            _c(
                """
                from zenml.repository import Repository

                for stack in Repository().stacks:
                    print(stack.name, stack.orchestrator.flavor)
                """
            ),
            count=1,
        ),
        # ... whose components are lists of component models by type (0.13.2: one component)
        Bad(
            _c(
                """
                from zenml.repository import Repository

                used = {(t, c.name) for s in Repository().stacks for t, c in s.components.items()}
                """
            ),
            count=1,
        ),
        # a step or pipeline the @step / @pipeline decorator made from a function has zenml's
        # members only (a later release's `with_options`, 0.20 spells it `configure`), also
        # through an instance bound to a name, and in another module (cross-file facts)
        Bad(
            _c(
                """
                from zenml.pipelines import pipeline
                from zenml.steps import step

                @step
                def trainer() -> int:
                    return 1

                @pipeline
                def train_pipeline(trainer):
                    trainer()

                fast = trainer().with_options(enable_cache=False)
                run = train_pipeline(trainer=fast)
                print(run.pipeline_spec, trainer.entrypoint_signature)
                """
            ),
            count=3,
        ),
        # 0.13.2's stack components were pydantic models, with pydantic's class members
        # (`__fields__`, `__config__`); 0.20's are not (their Config classes are): also on a
        # user's subclass that does not define the member itself
        Bad(
            _c(
                """
                from zenml.orchestrators import LocalOrchestrator


                class NightlyOrchestrator(LocalOrchestrator):
                    window_hours: int = 6


                def describe() -> dict:
                    return {name: f.default for name, f in NightlyOrchestrator.__fields__.items()}
                """
            ),
            count=1,
        ),
    ),
    good=(
        # a class that is a pydantic model in ZenML 0.20 keeps them (parameters, settings, models)
        Good(
            _c(
                """
                from zenml.config import ResourceSettings
                from zenml.steps import BaseParameters


                class TrainerParameters(BaseParameters):
                    epochs: int = 3


                FIELDS = sorted(TrainerParameters.__fields__) + sorted(ResourceSettings.__fields__)
                """
            )
        ),
        Good(
            _c(
                """
                from zenml.steps import StepContext, step

                @step
                def trainer(context: StepContext) -> None:
                    print(context.get_output_artifact_uri("model"), context.stack.orchestrator)
                """
            )
        ),
        Good("from zenml.client import Client\n\nClient().active_stack_model.name\n"),
        Good(
            "from zenml.client import Client\n\n"
            "print([(s.name, sorted(s.components)) for s in Client().stacks], Client().active_stack.orchestrator)\n"
            "print([(t, c[0].name, len(c)) for s in Client().stacks for t, c in s.components.items()])\n"
        ),
        # a 0.13.2 class 0.20 renamed is checked as its own successor (ResourceSettings), not as
        # another name the same rule renames (ByteUnit)
        Good(
            "from zenml.config.resource_configuration import ResourceConfiguration\n\n"
            "def launch(resource_configuration: ResourceConfiguration) -> int:\n"
            "    return resource_configuration.cpu_count\n"
        ),
        Good("from zenml.steps import BaseStep\n\nclass S(BaseStep):\n    def entrypoint(self) -> int:\n        return 1\n\nS().my_own_attribute\n"),
        # what 0.20 has on a step / pipeline made by the decorator; an attribute the program sets
        # itself; a subclass of a decorator-made step (it may define members)
        Good(
            _c(
                """
                from zenml.pipelines import pipeline
                from zenml.steps import step

                @step
                def trainer() -> int:
                    return 1

                @pipeline
                def train_pipeline(trainer):
                    trainer()

                s = trainer()
                s.note = "fast"
                s.configure(enable_cache=False)
                p = train_pipeline(trainer=s)
                print(s.name, s.note, s.configuration, s.upstream_steps, p.steps, p.name, p.configuration)
                print(trainer.INSTANCE_CONFIGURATION, trainer.PARAMETERS_CLASS)

                class Tuned(trainer):
                    def helper(self) -> int:
                        return 2

                Tuned().helper()
                """
            )
        ),
        # a decorator of the user's own above @step may add members
        Good(
            "from zenml.steps import step\n\ndef tagged(cls):\n    cls.meta = 1\n    return cls\n\n"
            "@tagged\n@step\ndef trainer() -> int:\n    return 1\n\nprint(trainer().meta)\n"
        ),
    ),
)

CALL_RULES = ("ZM002", "ZM003")


# ---------------------------------------------------------------------------- checking
def _shown(path: str) -> str:
    """``zenml.client.Client().get_pipeline`` -> ``Client().get_pipeline``."""
    parts = path.replace("()", "\0").split(".")
    for i, part in enumerate(parts):
        if part[:1].isupper():
            return ".".join(parts[i:]).replace("\0", "()")
    return parts[-1].replace("\0", "()")


def _versions_text(versions: Iterable[str]) -> str:
    versions = list(versions)
    return "ZenML 0.20" if len(versions) == len(VERSIONS) else f"ZenML {versions[0]}"


def _takes(sig: Signature) -> str:
    names = sig.accepted()
    return ", ".join(f"`{n}`" for n in names) if names else "no keyword arguments"


def call_problems(callee: str, node: ast.Call, covered: Set[int]) -> List[Tuple[str, ast.AST, str]]:
    """(rule code, node to flag, message) for every way ``node`` (a call of ``callee``) fails on
    some 0.20 release. Nodes in ``covered`` (flagged by a catalog rule) are left alone; a call
    whose callee cannot be known gives nothing."""
    callee = sigs.zenml_method(callee)
    signatures = sigs.callable_signatures(callee)
    if not signatures:
        return []
    shown = _shown(callee)
    problems: dict = {}  # (code, id(node), key) -> [node, message, versions]

    def add(code, target, key, message, version):
        slot = problems.setdefault((code, id(target), key), [target, message, []])
        slot[2].append(version)

    if WHOLE_CALL in covered:
        return []  # a catalog rule without a fix explains this call as a whole (``Stack(...)`` changed)
    splat_kw = any(k.arg is None for k in node.keywords)
    splat_pos = any(isinstance(a, ast.Starred) for a in node.args)
    successors = sigs.successors()
    for version, sig in zip(VERSIONS, signatures):
        if sig is None:
            continue
        for kw in node.keywords:
            if kw.arg is None or id(kw) in covered or sig.var_keyword or kw.arg in sig.keywords:
                continue
            new = successors.get(kw.arg)
            if new and new in sig.keywords:
                add("ZM002", kw, kw.arg, f"`{kw.arg}=` is `{new}=` in {{v}} (`{shown}`)", version)
                continue
            hint = sigs.closest(kw.arg, sig.keywords)
            message = f"`{shown}` takes no `{kw.arg}=` in {{v}} (TypeError); it takes {_takes(sig)}"
            add("ZM003", kw, kw.arg, message + (f"; closest: `{hint}=`" if hint else ""), version)
        if covered or splat_pos:
            continue  # a catalog rule explains this call already: one use, one finding
        positional = sig.positional
        if not sig.var_positional and len(node.args) > len(positional):
            extra = node.args[len(positional)]
            many = f"at most {len(positional)}" if positional else "no"
            add("ZM003", extra, "positional", f"`{shown}` takes {many} positional arguments in {{v}} (TypeError); "
                f"it takes {_takes(sig)}", version)
        if splat_kw:
            continue
        given = set(positional[: len(node.args)]) | {k.arg for k in node.keywords if k.arg}
        given |= {successors[k] for k in given if k in successors}  # ZM002 renames it
        missing = [p for p in sig.required if p not in given]
        if missing:
            names = ", ".join(f"`{m}`" for m in missing)
            add("ZM003", node, "missing", f"`{shown}` needs {names} in {{v}} (TypeError: missing argument)", version)
    out = []
    for (code, _, key), (target, message, versions) in problems.items():
        if VERSIONS[-1] not in versions and not _worked_in_0132(callee, key, node):
            continue  # new in the last 0.20 release: code written for it (a 0.20.0 call 0.20.5 rejects is reported)
        out.append((code, target, message.format(v=_versions_text(versions))))
    return out


def _worked_in_0132(callee: str, key: str, node: ast.Call) -> bool:
    """Did 0.13.2 accept this keyword (``key``) of the call? Only then is a call that one 0.20
    release rejects a migration problem (else it is code written for the other 0.20 release)."""
    old = sigs.signature_0132(callee)
    if old is None or key in ("positional", "missing"):
        return False
    return old.var_keyword or key in old.keywords


_DECORATOR_OF = {"BaseStep": "step", "BasePipeline": "pipeline"}
# members of later ZenML releases (code written for them, or half-migrated back) whose 0.20
# spelling is known: (class, member) -> what to write. ``with_options`` returns a configured
# copy; 0.20's ``configure`` changes the step or pipeline in place and returns it in 0.20.5 but
# None in 0.20.0 (checked on the real wheels): no automatic rewrite
_INSTEAD = {
    (cls, "with_options"): f"0.20 spells it `.configure(...)`, which changes the {kind} in place and returns None in "
    f"0.20.0 (`{var} = {call}; {var}.configure(...)`)"
    for cls, kind, var, call in (("BaseStep", "step", "s", "trainer()"), ("BasePipeline", "pipeline", "p", "train_pipeline(...)"))
}

# any member a class lacks -> what to write: the items of ``Client().stacks`` (``Repository().stacks``
# in 0.13.2, which listed ``Stack`` objects) are stack models in both 0.20 releases
_INSTEAD_ANY = {
    "HydratedStackModel": "`Client().stacks` lists stack models in ZenML 0.20: their components are in "
    "`stack.components[StackComponentType.X]` (a list of component models); `Client().active_stack` is still a `Stack`",
    "list": "a stack model's `components` (`Client().stacks`) are lists of component models by type in ZenML 0.20: "
    "read the component as `components[component_type][0]`",
}


def member_problem(owner: str, member: str, instead: Optional[str] = None) -> Optional[str]:
    """The ZM004 message for ``owner.member`` (``owner``: a zenml class path or ``X()``);
    ``instead``: what to write, when known (else the closest 0.20 member is named)."""
    found = sigs.missing_member(owner, member)
    if found is None:
        return None
    lacking, hint = found
    what = "instances of" if owner.endswith("()") else "class"
    shown = _shown(owner).rstrip("()")
    made = shown.endswith(FUNCTION_MADE + "+")
    if made:  # a class the @step / @pipeline decorator made: zenml's members only
        shown = shown[: -len(FUNCTION_MADE) - 1]
        kind = "step" if shown == "BaseStep" else "pipeline"
        what = f"a {kind}{'' if owner.endswith('()') else ' class'} made by `@{_DECORATOR_OF.get(shown, shown)}`"
        text = f"`{member}` is not an attribute of {what} (a `{shown}`) in {_versions_text(lacking)} (AttributeError)"
    else:
        text = f"`{member}` is not an attribute of {what} `{shown}` in {_versions_text(lacking)} (AttributeError)"
    instead = instead or _INSTEAD.get((shown, member)) or _INSTEAD_ANY.get(shown)
    if instead:
        return f"{text}; {instead}"
    return text + (f"; closest: `{hint}`" if hint else "")
