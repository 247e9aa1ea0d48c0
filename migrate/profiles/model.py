"""The neutral model between legacy readers, the plan and the 0.20 targets.

Readers (``readers.py``) produce ``LegacyConfig``; ``plan.py`` turns it into a ``Plan``;
targets (``targets/bundle.py``, ``targets/store.py``, ``targets/rest.py``) write a Plan.
Nothing here knows about files or HTTP.
"""

import shlex
from dataclasses import dataclass, field
from enum import Enum
from typing import Dict, List, Optional, Tuple


# ZenML 0.20.0-0.20.5 ``MODEL_NAME_FIELD_MAX_LENGTH`` (zenml/models/constants.py): the longest name a
# component, stack, pipeline, run or step may have. A longer one in the store fails every read of
# it (`zenml stack list` raises a ValidationError for the whole list).
NAME_MAX_LENGTH = 128


def fit_name(name: str, taken) -> str:
    """``name`` if it is short enough, else its start plus ``_N``, at most NAME_MAX_LENGTH long
    and not in ``taken``."""
    if len(name) <= NAME_MAX_LENGTH and name not in taken:
        return name
    n = 1 if len(name) > NAME_MAX_LENGTH else 2
    while True:
        suffix = f"_{n}"
        out = name[: NAME_MAX_LENGTH - len(suffix)] + suffix
        if out not in taken:
            return out
        n += 1


@dataclass
class Origin:
    """Where a legacy item was read from, for error messages and the report."""

    path: str
    line: Optional[int] = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass
class Problem:
    """Bad or unmigratable input: where, what, and what to do. Never a traceback."""

    origin: Origin
    message: str
    hint: str = ""
    item: Optional[str] = None  # "profile p", "stack p/s", "orchestrator p/c" (None: the whole input)

    def __str__(self) -> str:
        text = f"{self.origin}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


@dataclass
class LegacyComponent:
    """A 0.13.2 stack component as its store keeps it."""

    type: str  # 0.13.2 StackComponentType value, e.g. "orchestrator", "metadata_store"
    name: str
    flavor: str
    config: Dict[str, object]  # the component's own fields (no name / uuid)
    uuid: str  # dashed, as 0.13.2 wrote it (also names local_stores/<uuid>)
    origin: Origin
    key_lines: Dict[str, int] = field(default_factory=dict)  # config key -> line in origin.path


@dataclass
class LegacyStack:
    """A 0.13.2 stack: its components by type."""

    name: str
    components: Dict[str, str]  # type -> component name
    origin: Origin


@dataclass
class LegacyFlavor:
    """A custom flavor registered in 0.13.2."""

    name: str
    type: str
    source: str  # module.Class of the 0.13.2 StackComponent subclass
    integration: Optional[str]
    origin: Origin


@dataclass
class RunHistory:
    """What a metadata store (or pipeline_runs.yaml) holds, counted, never migrated."""

    location: str
    pipelines: int = 0
    runs: int = 0
    steps: int = 0
    artifacts: int = 0
    artifact_uris: List[str] = field(default_factory=list)  # distinct artifact store paths the artifacts live in
    component: Optional[str] = None  # the metadata store it belongs to (None: pipeline_runs.yaml)
    error: Optional[str] = None  # why it could not be counted (the file is kept as it is)
    remote: bool = False  # a MySQL / kubeflow metadata store: not readable offline
    never_used: bool = False  # no metadata.db and no recorded run used it: no pipeline ever ran with it
    never_used_why: str = "the profile records no run"  # how that is known
    truncated: Optional[str] = None  # pipeline_runs.yaml parses but lost its end: the run whose entry was cut
    mlmd: Optional[object] = field(default=None, repr=False)  # the rows (``mlmd.Mlmd``), for the history migration
    runs_yaml: Dict[Tuple[str, str], dict] = field(default_factory=dict, repr=False)  # (pipeline, run) -> pipeline_runs.yaml entry
    paths: Optional[object] = field(default=None, repr=False)  # ``readers.PathMap``: recorded paths -> paths on this machine

    def summary(self) -> Dict[str, object]:
        """The counts, for JSON output and reports."""
        keep = ("location", "pipelines", "runs", "steps", "artifacts", "artifact_uris", "component", "error", "remote")
        return {k: getattr(self, k) for k in keep}


@dataclass
class LegacyProfile:
    """A 0.13.2 profile: its store, stacks, components and flavors."""

    name: str
    store_type: str  # "local" | "sql" | "rest"
    store_url: str
    active_user: Optional[str]
    active_stack: Optional[str]
    path: Optional[str]  # profile dir (None for rest)
    stacks: List[LegacyStack] = field(default_factory=list)
    components: List[LegacyComponent] = field(default_factory=list)
    flavors: List[LegacyFlavor] = field(default_factory=list)
    users: List[dict] = field(default_factory=list)
    history: List[RunHistory] = field(default_factory=list)
    is_active: bool = False
    problems: List[Problem] = field(default_factory=list)  # items of this profile that cannot be read
    config_dir: Optional[str] = None  # the config dir as 0.13.2 knew it (``local_stores/`` lives there)
    extras: Dict[str, int] = field(default_factory=dict)  # not migrated: "teams" -> 2, "roles" -> 1, ...
    paths: Optional[object] = field(default=None, repr=False)  # ``readers.PathMap``: recorded paths -> paths on this machine
    run_records: Dict[Tuple[str, str], dict] = field(default_factory=dict, repr=False)  # SQL store: pipelineruntable rows
    run_table: bool = False  # SQL store: its pipelineruntable was read (run_records is every run the profile made)
    store_db: Optional[str] = None  # SQL store: the SQLite file it was read from (where its pipelineruntable is)
    notes: List[str] = field(default_factory=list)  # what the plan says about the profile as a whole (where it was read from)

    @property
    def store_unusable(self) -> bool:
        """The store as a whole cannot be read (nothing of it is migrated); a problem of one item (a
        component file, a stack) leaves the rest of the profile, its run history included, to migrate."""
        return any(p.item in (None, f"profile {self.name}") for p in self.problems)

    def component(self, type_: str, name: str) -> Optional[LegacyComponent]:
        for c in self.components:
            if c.type == type_ and c.name == name:
                return c
        return None


@dataclass
class RepoConfig:
    """A repository's ``.zen/config.yaml``."""

    path: str  # <repo>/.zen/config.yaml
    active_profile_name: Optional[str]
    active_stack_name: Optional[str]
    raw: Dict[str, object] = field(default_factory=dict)


@dataclass
class LegacyConfig:
    """The 0.13.2 global config directory as read: its profiles, and what could not be read."""

    path: str  # the global config dir
    version: Optional[str]
    user_id: Optional[str]
    activated_profile: Optional[str]
    profiles: List[LegacyProfile] = field(default_factory=list)
    repo: Optional[RepoConfig] = None
    problems: List[Problem] = field(default_factory=list)
    notes: List[str] = field(default_factory=list)  # about the global config itself (keys not migrated)


class Action(str, Enum):
    MIGRATE = "migrate"  # as is
    CHANGE = "migrate with changes"
    DROP = "drop"
    CONFLICT = "conflict"
    DONE = "already migrated"
    NO_CLASS = "not registered (no 0.20 Flavor class)"  # a custom flavor: its components are migrated, it is not


@dataclass
class PlannedFlavor:
    """What the plan does with a legacy flavor."""

    legacy: LegacyFlavor
    profile: str
    action: Action
    target_name: str
    notes: List[str] = field(default_factory=list)
    needs_flavor_class: bool = False  # no 0.20 Flavor class known for the legacy source
    flavor_source: Optional[str] = None  # module.Class of the 0.20 Flavor subclass when known
    replaces_existing: bool = False  # --overwrite of a same-name flavor in the target
    problem: Optional[Problem] = None  # why it is invalid (action DROP, --skip-invalid)
    components: List[str] = field(default_factory=list)  # target names of the components using it
    schema: Optional[object] = None  # custom_flavors.ConfigSchema of the Flavor's config class, when read
    module_file: Optional[str] = None  # file of the legacy source module, when found
    defined_as: Optional[str] = None  # module.Class defining the legacy class when its source is a re-export


@dataclass
class PlannedComponent:
    """What the plan does with a legacy stack component, and its 0.20 form."""

    legacy: LegacyComponent
    profile: str
    action: Action
    target_name: str
    target_flavor: str
    target_config: Dict[str, object]
    notes: List[str] = field(default_factory=list)  # every change or reason, human readable
    new_id: Optional[str] = None  # dashed uuid4 assigned by the plan
    secret_keys: List[str] = field(default_factory=list)  # 0.20 secret-marked keys present in target_config
    name_keys: Tuple[str, ...] = ()  # keys its flavor uses for a secret's NAME (``flavors_020.SECRET_NAME_KEYS``): shown
    removed: Dict[str, object] = field(default_factory=dict)  # legacy key -> value removed from the config
    custom_flavor: bool = False  # flavor is a (legacy) custom flavor, not a 0.20 built-in
    replaces_existing: bool = False  # --overwrite of a same-name component in the target
    problem: Optional[Problem] = None  # why it is invalid (action DROP, --skip-invalid)


@dataclass
class PlannedStack:
    """What the plan does with a legacy stack, and its 0.20 components."""

    legacy: LegacyStack
    profile: str
    action: Action
    target_name: str
    components: Dict[str, PlannedComponent] = field(default_factory=dict)  # 0.20 type -> component
    notes: List[str] = field(default_factory=list)
    new_id: Optional[str] = None
    active: bool = False  # becomes the active stack of the 0.20 global config
    profile_active: bool = False  # was the active stack of its legacy profile
    active_in: List[str] = field(default_factory=list)  # other profiles whose active stack, identical to it, it replaces
    replaces_existing: bool = False  # --overwrite of a same-name stack in the target
    problem: Optional[Problem] = None  # why it is invalid (action DROP, --skip-invalid)


@dataclass
class PlannedRun:
    """One pipeline run of a 0.13.2 metadata store and what happens to it."""

    profile: str
    source: str  # the metadata.db it is read from
    pipeline: str  # legacy pipeline name
    name: str  # legacy run name
    action: Action
    target_name: str
    target_pipeline: str
    status: str  # completed | cached | failed | running, as 0.20 will show it
    steps: int = 0
    artifacts: int = 0  # artifacts this run produced (cached steps reuse earlier ones)
    stack: Optional[str] = None  # legacy stack name
    target_stack: Optional[str] = None
    created: int = 0  # ms since epoch (the run context)
    notes: List[str] = field(default_factory=list)
    context_id: int = 0  # the pipeline_run context in the legacy MLMD
    executions: List[int] = field(default_factory=list)  # legacy execution ids, in order
    marker: str = ""  # written on the 0.20 run context: a re-run finds it and writes nothing
    needs: List[str] = field(default_factory=list)  # markers of the runs whose executions its steps point at
    link_pipeline: Optional[str] = None  # migrated before without a pipeline (unlisted): the pipeline it joins now
    gone: List[str] = field(default_factory=list)  # `step.output` of its outputs whose folders are gone from disk


@dataclass
class Plan:
    """Everything ``migrate profiles`` would write, and why each item moves, is renamed or is dropped."""

    source: LegacyConfig
    target: str  # "plan only" | "bundle DIR" | "store PATH" | "server URL"
    project: str
    flavors: List[PlannedFlavor] = field(default_factory=list)
    components: List[PlannedComponent] = field(default_factory=list)
    stacks: List[PlannedStack] = field(default_factory=list)
    warnings: List[str] = field(default_factory=list)
    active_stack: Optional[str] = None  # target name; a suggestion when several profiles merge
    active_stack_is_suggestion: bool = False  # several profiles merged: the user picks
    problems: List[Problem] = field(default_factory=list)  # invalid items (skipped with --skip-invalid)
    profiles: List[str] = field(default_factory=list)  # names of the profiles in this plan
    profile_notes: Dict[str, List[str]] = field(default_factory=dict)  # profile -> notes (rest, renames)
    zenml_version: str = "0.20.5"  # the target ZenML version (bundle files, checks)
    overwrite: bool = False
    project_exists: bool = True  # False: the target creates the project
    runs: List[PlannedRun] = field(default_factory=list)  # run history (empty with --no-history)
    history_notes: List[str] = field(default_factory=list)  # per metadata store: not readable, remote, ...
    pipeline_specs: Dict[str, dict] = field(default_factory=dict)  # target pipeline name -> {spec, docstring, legacy, profile}
    merged_stacks: Dict[Tuple[str, str], "PlannedStack"] = field(default_factory=dict)  # (profile, legacy name) of a
    # stack identical to one of another profile -> the planned stack migrated for both (their runs go on it)
    keep_gone_stores: bool = False  # --keep-runs-without-artifacts: runs whose artifact store folder is gone are written

    def counts(self) -> Dict[str, int]:
        """How many items per action, over flavors, components and stacks."""
        out: Dict[str, int] = {}
        for item in [*self.flavors, *self.components, *self.stacks]:
            out[item.action.value] = out.get(item.action.value, 0) + 1
        return out

    def stack_set_command(self) -> str:
        """The command that activates the suggested stack, quoted for a shell (a name may hold spaces)."""
        return f"zenml stack set {shlex.quote(self.active_stack or '')}"

    def writable_runs(self) -> List[PlannedRun]:
        return [r for r in self.runs if r.action in (Action.MIGRATE, Action.CHANGE)]

    def run_links(self) -> List[PlannedRun]:
        """Runs an earlier migration imported unlisted that now join their pipeline."""
        return [r for r in self.runs if r.action == Action.DONE and r.link_pipeline]

    def history_writes(self) -> bool:
        return bool(self.writable_runs() or self.run_links())

    def writable(self):
        """What a target writes, in dependency order."""
        keep = (Action.MIGRATE, Action.CHANGE)
        return (
            [f for f in self.flavors if f.action in (*keep, Action.NO_CLASS)],  # NO_CLASS: only said (flavor_writable)
            [c for c in self.components if c.action in keep],
            [s for s in self.stacks if s.action in keep],
        )
