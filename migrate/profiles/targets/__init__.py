"""The contract between the plan and the places a plan can be written to.

A target answers two questions:

* ``existing(project)``: what is already there (used by the plan to find conflicts and
  "already migrated" items before anything is written);
* ``write(plan)``: write every migrate / migrate-with-changes item of the plan, all or
  nothing, and say what was written.

Targets: ``bundle.BundleTarget`` (``--bundle DIR``), ``store.StoreTarget`` (``--store``),
``rest.RestTarget`` (``--server``). ``PlanOnly`` is the no-target case.
"""

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Set, Tuple, Union

from zenml_migrate.output.words import plural
from zenml_migrate.profiles.model import Plan

NameKey = Union[str, Tuple[str, str]]


class TargetError(Exception):
    """A target cannot be read or written; the message says what to do. Nothing was written,
    unless ``partial`` (a rollback that could not undo everything: the message names what is left)."""

    def __init__(self, message: str, partial: bool = False):
        super().__init__(message)
        self.partial = partial


@dataclass
class Existing:
    """What a target already holds in one project (names, and configs where known).

    ``components`` / ``flavors`` values may be ``None`` when a target only knows names;
    the plan then treats a same-name item as a conflict, never as "already migrated".
    """

    project_exists: bool = True
    stacks: Dict[str, Optional[Dict[str, str]]] = field(default_factory=dict)  # name -> {type: component name}
    components: Dict[Tuple[str, str], Optional[Tuple[str, Dict[str, object]]]] = field(
        default_factory=dict
    )  # (type, name) -> (flavor, configuration)
    flavors: Dict[Tuple[str, str], Optional[str]] = field(default_factory=dict)  # (type, name) -> source
    stack_ids: Set[str] = field(default_factory=set)  # dashed ids of existing stacks (prefix-match risk)
    run_names: Set[str] = field(default_factory=set)  # pipeline runs in the store (names are unique store-wide)
    run_markers: Set[str] = field(default_factory=set)  # runs a previous migration wrote (history_writer.MARKER)
    unlisted_runs: Dict[str, str] = field(default_factory=dict)  # marker -> pipeline, of those imported without their pipeline
    pipelines: Dict[str, Optional[dict]] = field(default_factory=dict)  # pipeline name in the project -> spec
    history_error: Optional[str] = None  # why this target cannot take run history (then none is planned)
    zenml_version: Optional[str] = None  # the 0.20.x the target runs, when it says (store config.yaml, server /version)
    store_id: Optional[str] = None  # what tells this store from any other (the id of the user it is written as), when known
    notes: List[str] = field(default_factory=list)  # what the plan says of how the target was read

    def names(self) -> Dict[NameKey, Set[str]]:
        """``{"stack": {...}, ("component", type): {...}, ("flavor", type): {...}}``."""
        out: Dict[NameKey, Set[str]] = {"stack": set(self.stacks)}
        for type_, name in self.components:
            out.setdefault(("component", type_), set()).add(name)
        for type_, name in self.flavors:
            out.setdefault(("flavor", type_), set()).add(name)
        return out


@dataclass
class WriteResult:
    """What a target wrote, and what is left to do."""

    target: str  # "bundle DIR" | "store PATH" | "server URL"
    created: List[str] = field(default_factory=list)  # "stack x", "orchestrator y", "flavor z", "file p"
    updated: List[str] = field(default_factory=list)  # replaced because of --overwrite
    files: List[str] = field(default_factory=list)  # files written (bundle, backups, repo config)
    done: List[str] = field(default_factory=list)  # what the write did besides the items (backup, active stack)
    messages: List[str] = field(default_factory=list)  # what is left to do (printed as "next:")
    stack_ids: Dict[str, str] = field(default_factory=dict)  # stack target name -> dashed id as written (when known)
    runs: str = ""  # the entry of ``created`` that is the whole run history: "16 pipeline runs (32 steps, 47 artifacts)"

    def summary(self) -> str:
        """What ``created`` holds, counted by kind: ``2 stacks, 5 components and 16 pipeline runs (32 steps, 47 artifacts)``."""
        counts: Dict[str, int] = {}
        for entry in self.created:
            if entry == self.runs:
                continue
            first = entry.split(" ", 1)[0]
            kind = ("default stack" if entry.startswith("default stack of project ")
                    else first if first in ("project", "flavor", "stack") else "component")
            counts[kind] = counts.get(kind, 0) + 1
        order = ("project", "default stack", "flavor", "component", "stack")
        parts = [plural(counts[k], k) for k in order if k in counts]
        if self.runs:
            parts.append(self.runs)
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


class Target:
    """Base class (and protocol) of the three targets."""

    #: ``zenml stack import`` prompts when a component name equals a stack name or prefixes
    #: a stack id: bundle targets need names that can never trigger it.
    import_safe_names = False

    def describe(self) -> str:
        raise NotImplementedError

    def existing(self, project: str) -> Existing:
        raise NotImplementedError

    def existing_names(self, project: str) -> Dict[NameKey, Set[str]]:
        return self.existing(project).names()

    def write(self, plan: Plan) -> WriteResult:
        """Write all writable items of ``plan`` or nothing; raise ``TargetError`` on failure."""
        raise NotImplementedError


class PlanOnly(Target):
    """No target: the plan is shown, nothing is compared against and nothing is written."""

    def describe(self) -> str:
        return "plan only"

    def existing(self, project: str) -> Existing:
        return Existing(project_exists=True)

    def write(self, plan: Plan) -> WriteResult:  # pragma: no cover - never called
        return WriteResult(target=self.describe())
