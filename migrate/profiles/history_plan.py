"""The run-history part of the plan: which runs move into the 0.20 store, under which names, on
which migrated stack, and why the others cannot (reference run-history-and-flavors 1).

``plan_history(plan, selected, existing)`` adds ``PlannedRun``s and the pipeline specs to the
plan; ``payload(plan)`` turns the writable runs into the JSON document that
``targets/history_writer.py`` writes into a 0.20 store (directly, or from a bundle's script).

What ZenML 0.20 itself does with these rows is mirrored here and checked before anything is
planned as "migrate": an execution needs its step name, an input needs an earlier output (parent
steps come from event times), artifact types must be 0.20 ``ArtifactType`` values, a run needs
its stack in the target (``list_runs`` joins on it), and a run whose artifacts came from a run
that cannot move cannot move either.
"""

import ast
import json
import os
import re
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Set, Tuple

from zenml_migrate.profiles import history
from zenml_migrate.profiles.mlmd import FAILED, INPUT, OUTPUT, RUNNING, Mlmd
from zenml_migrate.profiles.model import (
    NAME_MAX_LENGTH,
    Action,
    LegacyProfile,
    Plan,
    PlannedRun,
    PlannedStack,
    RunHistory,
    fit_name,
)
from zenml_migrate.profiles.pipeline_code import CodeBase
from zenml_migrate.profiles.pipeline_spec import Binding, derive
from zenml_migrate.profiles.targets import Existing
from zenml_migrate.profiles.targets.history_writer import same_spec
from zenml_migrate.redact import masked

FORMAT = "zenml-migrate-history/1"
INTERNAL = "zenml-"
STEP_NAME = "zenml-pipeline_parameter_name"
ARTIFACT_TYPES = ("DataAnalysisArtifact", "DataArtifact", "ModelArtifact", "SchemaArtifact", "ServiceArtifact",
                  "StatisticsArtifact", "BaseArtifact")  # zenml.enums.ArtifactType, 0.20.0 and 0.20.5
ARTIFACT_MODULES = {"DataAnalysisArtifact": "data_analysis_artifact"}
LEGACY_CONTEXTS = ("zenml", "execution_cache")  # replaced by a 0.20 `zenml` context / left out (no cache hits)
#: from this many runs in a local 0.20 store on, the plan says that 0.20 lists them slowly (``_slow_listing_note``)
SLOW_LISTING_RUNS = 10
#: measured with the real 0.20.0 on runs of an 8-step pipeline with cached steps that it wrote itself; the
#: same runs migrated by this tool from 0.12 cost the same MLMD reads (205451 get_step_artifacts for 40 runs)
SLOW_LISTING_MEASURED = "9 runs of 8 steps took 36 CPU-seconds per listing, 40 runs 1036"
#: measured with a live `zenml up` of the real 0.20.5 holding 40 migrated runs of 8 steps, no client reading: 6
#: background re-reads in 90 s took 28 CPU-seconds of the server; `zenml pipeline runs list` through it: 6.6 s
SERVER_SYNC_MEASURED = ("40 runs of 8 steps, about 5 CPU-seconds per re-read, a third of a core; `zenml pipeline runs list` "
                        "through the server took 7 seconds")
#: ZenML 0.20.0-0.20.5 (``metadata_store.get_step_artifacts``, called for every step of every run by each sync)
#: resolve each INPUT of a step by calling themselves for every parent step: a chain of steps with 3 inputs each
#: costs 3 times more per level. From this many such calls for one run on, the plan names the pipeline
#: (``_deep_graph_note``); at the measured cost that is about 20 CPU-seconds per read of any run.
STEP_READS_NOTED = 5000
#: measured with the real 0.20.0 (the same code in 0.20.5) on a 2-core machine, `get_run()` of one run of a chain
#: seed -> 7 stages -> summary with 3 outputs and 3 inputs per step (14757 calls): a run 0.20.0 wrote itself took
#: 60.8 CPU-s, the same pipeline run by 0.13.2 and migrated by this tool 60.3 (depth 6, 4916 calls: 20.8 / 20.4)
STEP_READS_MEASURED = (14757, 60.8)
STEP_READS_MEASURED_TEXT = ("one run of a 9-step chain with 3 inputs per step, 14757 reads: 61 CPU-seconds per get_run for a run ZenML "
                            "0.20.0 wrote itself, 60 for the same pipeline's run migrated from 0.13.2")
SECRET_HINTS = ("password", "secret", "token", "key")
_VERSION_SUFFIX = re.compile(r"@zenml_[0-9][0-9A-Za-z.+-]*$")
_WRITE = (Action.MIGRATE, Action.CHANGE)
#: marker suffix of a run with a step that had not finished when it was migrated (interrupted, or still running)
UNFINISHED = "/unfinished"
UNFINISHED_NOTE = ("a step of it has not finished (the 0.13.2 run was interrupted, or is still running): 0.20 shows it running, "
                   "as 0.13.2 does; if it finishes later, migrate again to write the finished run")
REWRITTEN_NOTE = ("migrated before while a step had not finished (that copy stays, showing it running): it has finished since, "
                  "so the finished run is written too")


#: ZenML 0.12 and older wrote dict/list/tuple outputs with BuiltInMaterializer (a data.json); 0.13.2 and 0.20
#: give them BuiltInContainerMaterializer, which reads that same data.json, while 0.20's BuiltInMaterializer
#: refuses them ("can only read artifacts to the following types: bool, float, int, str")
BUILT_IN = "zenml.materializers.built_in_materializer.BuiltInMaterializer"
BUILT_IN_CONTAINER = "zenml.materializers.built_in_materializer.BuiltInContainerMaterializer"
CONTAINER_TYPES = ("builtins.dict", "builtins.list", "builtins.tuple", "builtins.set")


def strip_version(source: Optional[str]) -> Optional[str]:
    """``...BuiltInMaterializer@zenml_0.13.2`` -> ``...BuiltInMaterializer`` (0.20 loads both)."""
    return _VERSION_SUFFIX.sub("", source) if source else source


def _json(value: Optional[str]):
    try:
        return json.loads(value) if value is not None else None
    except ValueError:
        return None


class Source:
    """One legacy metadata store, with what every run and execution of it needs."""

    def __init__(self, profile: LegacyProfile, hist: RunHistory, keep_gone_stores: bool = False):
        self.profile = profile
        self.hist = hist
        self.keep_gone_stores = keep_gone_stores  # --keep-runs-without-artifacts: a run whose store folder is gone moves too
        self.yaml = _all_yaml(profile)  # (pipeline, run) -> pipeline_runs.yaml entry: docstrings, version, git sha
        self.m: Mlmd = hist.mlmd
        # where the local artifact stores paired with this metadata store are now: an artifact a run recorded
        # under a store's earlier path (moved, the component's path changed since) is looked up under these
        # (``_local_uri``). Only the stores of the stacks that hold this metadata store: execution ids restart at 1
        # in every metadata store, so another stack's store can hold the same <step>/<output>/<id> of its own runs.
        paired = {s.components.get("artifact_store") for s in profile.stacks
                  if hist.component is not None and s.components.get("metadata_store") == hist.component}
        paths = [str(c.config["path"]) for c in profile.components if c.type == "artifact_store" and c.flavor == "local"
                 and c.name in paired and isinstance(c.config.get("path"), str) and os.path.isabs(str(c.config["path"]))]
        self.store_roots = sorted({hist.paths.local(p) if hist.paths is not None else p for p in paths})
        self.moved: Dict[str, str] = {}  # artifact store root the runs recorded -> where their artifacts are now
        m = self.m
        self.ctx_type = {cid: m.type_name(c[0]) for cid, c in m.contexts.items()}
        self.outputs: Dict[int, List[tuple]] = {}  # execution -> output events
        self.inputs: Dict[int, List[tuple]] = {}
        self.by_artifact: Dict[int, List[tuple]] = {}
        for ev in m.events:
            (self.outputs if ev[3] == OUTPUT else self.inputs if ev[3] == INPUT else {}).setdefault(ev[2], []).append(ev)
            self.by_artifact.setdefault(ev[1], []).append(ev)
        by_context: Dict[int, List[int]] = {cid: [] for cid, t in self.ctx_type.items() if t == "pipeline_run"}
        for eid in sorted(m.executions):
            for cid in m.associations.get(eid, ()):
                if self.ctx_type.get(cid) == "pipeline_run":
                    by_context[cid].append(eid)
        # 0.13.2 puts every run of a re-used run name (a constant `run_name=`) into one run context;
        # 0.20 would show one execution per step name: a step name seen again starts the next run
        self.runs: Dict[Tuple[int, int], List[int]] = {}  # (run context, n-th run of that name) -> executions
        self.run_of: Dict[int, Tuple[int, int]] = {}  # execution -> run key
        for cid, eids in by_context.items():
            part, names = 0, set()
            self.runs[(cid, 0)] = []
            for eid in eids:
                name = self.step_name(eid)
                if name in names:
                    part, names = part + 1, set()
                    self.runs[(cid, part)] = []
                names.add(name)
                self.runs[(cid, part)].append(eid)
                self.run_of[eid] = (cid, part)

    def context(self, eid: int, type_name: str) -> Optional[int]:
        return next((c for c in self.m.associations.get(eid, ()) if self.ctx_type.get(c) == type_name), None)

    def legacy_zenml(self, eid: int) -> Dict[str, str]:
        cid = self.context(eid, "zenml")
        return self.m.context_properties.get(cid, {}) if cid else {}

    def step_name(self, eid: int) -> Optional[str]:
        name = _json(self.m.execution_property(eid, STEP_NAME))
        return name if isinstance(name, str) else None

    def parents(self, eid: int) -> Optional[Set[int]]:
        """Parent executions the way 0.20 infers them (latest earlier output of each input); None: 0.20 would fail."""
        found = set()
        for ev in self.inputs.get(eid, ()):
            earlier = [e for e in self.by_artifact.get(ev[1], ()) if e[3] == OUTPUT and e[2] != eid and (e[4] or 0) < (ev[4] or 0)]
            if not earlier:
                return None
            earlier.sort(key=lambda e: e[4] or 0)
            found.add(earlier[-1][2])
        return found

    def materializer(self, artifact_id: int, execution: Optional[int]) -> Optional[str]:
        """The materializer source 0.20 reads artifact ``artifact_id`` with (``execution``: the step that wrote it)."""
        source = self.main_to_module(strip_version(self.artifact_property(artifact_id, "materializer")), execution)
        if source == BUILT_IN and self.artifact_property(artifact_id, "datatype") in CONTAINER_TYPES:
            return BUILT_IN_CONTAINER
        return source

    def producer(self, artifact_id: int) -> Optional[int]:
        ids = sorted({e[2] for e in self.by_artifact.get(artifact_id, ()) if e[3] == OUTPUT})
        return ids[0] if ids else None

    def run_entry(self, eid: int) -> dict:
        """The pipeline_runs.yaml entry (or SQL store run row) of the run execution ``eid`` belongs to."""
        pipeline, run = self.context(eid, "pipeline"), self.context(eid, "pipeline_run")
        if pipeline is None or run is None:
            return {}
        entry = self.yaml.get((self.m.contexts[pipeline][1], self.m.contexts[run][1]))
        return entry if isinstance(entry, dict) else {}

    def dag_filepath(self, eid: int) -> Optional[str]:
        """The script the run ran from: 0.11+ record it in the step's legacy ``zenml`` context; 0.10
        and older have no such context, and pipeline_runs.yaml (or the SQL store's run row) holds it."""
        for runtime in (_json(self.legacy_zenml(eid).get("runtime_configuration")), self.run_entry(eid).get("runtime_configuration")):
            path = runtime.get("dag_filepath") if isinstance(runtime, dict) else None
            if path:
                return str(path)
        return None

    def script(self, eid: int) -> Optional[str]:
        """The run's script (dag_filepath) on this machine: where it was, else moved along with the
        config dir (the folders the two share keep their places), else the recorded path."""
        dag = self.dag_filepath(eid)
        if not dag or os.path.isfile(dag):
            return dag
        return _moved_along(dag, self.hist.paths) or dag

    def binding(self, eid: int) -> Binding:
        parents = self.parents(eid) or set()
        return Binding(self.m.type_name(self.m.executions[eid][0]), self.script(eid), {self.step_name(p) for p in parents})

    def source(self, eid: int) -> str:
        """The step source as 0.20 resolves it."""
        return self.main_to_module(self.m.type_name(self.m.executions[eid][0]), eid)

    def main_to_module(self, name: Optional[str], eid: Optional[int]) -> Optional[str]:
        """A class source as 0.20 resolves it: ``__main__.x`` (a step, materializer or data type the
        script of execution ``eid`` defined) becomes ``<script module>.x``, the source 0.20's own runs
        of that script record and the one it can load from another process."""
        if name and eid is not None and name.startswith("__main__."):
            dag = self.dag_filepath(eid)
            if dag:
                module = os.path.splitext(os.path.basename(dag.replace("\\", "/")))[0]
                return module + name[len("__main__"):]
        return name

    def entrypoint(self, eid: int) -> str:
        return self.m.type_name(self.m.executions[eid][0]).split(".")[-1]

    def stack_name(self, cid: int, eids: List[int], yaml_entry: Optional[dict]) -> Optional[str]:
        for eid in eids:
            stack = _json(self.legacy_zenml(eid).get("stack"))
            if isinstance(stack, dict) and stack.get("name"):
                return str(stack["name"])
        stack = (yaml_entry or {}).get("stack")
        return str(stack["name"]) if isinstance(stack, dict) and stack.get("name") else None

    def artifact_property(self, artifact_id: int, name: str) -> Optional[str]:
        for row in self.m.artifact_properties.get(artifact_id, ()):
            if row[0] == name and not row[1]:
                return row[4]
        return None


def _truncated_note(profile: LegacyProfile, runs_yaml: RunHistory) -> str:
    """pipeline_runs.yaml cut off where it still parses: which runs of the profile's metadata.db it lost."""
    listed = {run for _p, run in runs_yaml.runs_yaml}
    lost = sorted({m.contexts[cid][1] for h in profile.history if h.mlmd is not None for m in (h.mlmd,)
                   for cid, c in m.contexts.items() if m.type_name(c[0]) == "pipeline_run"} - listed)
    held = f"; metadata.db holds {len(lost)} run(s) it does not list ({', '.join(lost[:5])}{', ...' if len(lost) > 5 else ''})" if lost else ""
    readable = any(h.mlmd is not None for h in profile.history)
    after = ("The runs it lost or cut short migrate from metadata.db without the ZenML version, git sha and user that file "
             "recorded" if readable else "No metadata.db of the profile can be read, so the runs it lost or cut short do not migrate")
    return (f"{profile.name}: {runs_yaml.location} looks truncated: the entry of run {runs_yaml.truncated} lacks "
            f"{' and '.join(history.RUN_KEYS_WRITTEN_LAST)}, which ZenML writes last{held}. {after}; restore it from a "
            "backup and migrate again")


def _moved_along(path: str, paths) -> Optional[str]:
    """``path`` under the folder the config dir moved with (``PathMap.along``), when it is a file."""
    moved = paths.along(path) if paths is not None and hasattr(paths, "along") else None
    return moved if moved and os.path.isfile(moved) else None


def code_roots(explicit: Iterable[str], repo_config: Optional[str], scripts: Iterable[str]) -> List[str]:
    """Where the pipeline code is looked for: the folders given (``--code``), the ``--repo`` root,
    then per recorded script its ZenML repository root (a ``.zen`` above it: 0.13.2 named modules
    from there), its own folder and the folder above its package (``python -m pkg.run``)."""
    roots = [str(r) for r in explicit]
    if repo_config:
        roots.append(os.path.dirname(os.path.dirname(os.path.abspath(repo_config))))
    for script in scripts:
        if not script or not os.path.isfile(script):
            continue
        folder = os.path.dirname(os.path.abspath(script))
        up = folder
        while True:
            if os.path.isdir(os.path.join(up, ".zen")):
                roots.append(up)
                break
            parent = os.path.dirname(up)
            if parent == up:
                break
            up = parent
        top = folder  # ``python -m pkg.run``: modules are named from above the package's top
        while os.path.isfile(os.path.join(top, "__init__.py")) and os.path.dirname(top) != top:
            top = os.path.dirname(top)
        roots.extend((folder, top) if top != folder else (folder,))
    return list(dict.fromkeys(roots))


# ---------------------------------------------------------------- checks


def _materializer_problem(source: str, code: Optional[CodeBase]) -> Optional[str]:
    """Why a custom materializer will not import under 0.20 (looked for on disk, never imported):
    its module is not under the code's roots, or does not define the class at its top level.

    ZenML's own: every materializer class of the 0.13.2 wheel exists under the same path in the
    0.20.0 and 0.20.5 wheels (compared class by class), so ``zenml.`` sources always load."""
    if not source or source.startswith("zenml."):
        return None
    module, _, cls = source.rpartition(".")
    if code is None or not code.roots:
        return None  # the code is not on this machine: cannot tell
    path = code.module_file(module)
    if path is None:
        return f"custom materializer {source} is not found: no module {module} under {', '.join(code.roots)} (looked for on disk)"
    parsed = code.parsed(path)
    if parsed is None or cls in _top_level_names(parsed[0]):
        return None  # a module that does not parse here: 0.20 says so when the run's artifact is read
    return f"custom materializer {source} is not defined in {path}"


def _top_level_names(tree: ast.Module) -> Set[str]:
    names: Set[str] = set()
    for stmt in tree.body:
        if isinstance(stmt, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            names.add(stmt.name)
        elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in stmt.names)
        elif isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            names.update(n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name))
    return names


KEEP_RUNS_OPTION = "--keep-runs-without-artifacts"


def _local_uri(uri: str, src: "Source") -> Tuple[str, Optional[str]]:
    """(uri to write, problem): local paths must exist (mapped when the config dir or the artifact store moved)."""
    hist = src.hist
    if not uri or "://" in uri:
        return uri, None
    if not os.path.isabs(uri):  # a relative artifact store path: resolved against the folder the run ran from
        here = os.path.abspath(uri)
        if os.path.exists(here):
            return here, None
        return uri, (f"artifact path {uri} is relative (0.13.2 resolved it against the folder the pipeline ran from) and "
                     f"is not under the current folder {os.getcwd()}: run `migrate profiles` from the folder the pipeline ran from")
    if os.path.exists(uri):
        return uri, None
    mapped = hist.paths.local(uri) if hist.paths is not None else uri
    if mapped != uri and os.path.exists(mapped):
        return mapped, None
    root = _store_root(uri)
    here = hist.paths.local(root) if root is not None and hist.paths is not None else root
    if here is not None and os.path.isdir(here):  # the artifact store is there (where it was, or moved with the config
        # dir or with the folder the config dir moved with), only this artifact's folder is gone: see _gone
        return os.path.join(here, *uri.rstrip("/").split("/")[-3:]), None
    moved = _moved_store(uri, src)
    if moved is not None:
        return moved, None
    if root in src.moved:  # the store moved and this artifact's folder is gone: see _gone
        return os.path.join(src.moved[root], *uri.rstrip("/").split("/")[-3:]), None
    if here is None:
        return uri, f"artifact store path {uri} no longer exists"
    if src.keep_gone_stores:  # written where the folder would be found again: see _gone
        return os.path.join(here, *uri.rstrip("/").split("/")[-3:]), None
    return uri, (f"its artifact store folder {here} no longer exists: copy that folder back there and "
                 f"migrate again, or pass {KEEP_RUNS_OPTION} to migrate the runs of that folder with every artifact "
                 "in it marked gone from disk")


def _store_root(uri: str) -> Optional[str]:
    """0.13.2 writes an artifact to ``<artifact store path>/<step>/<output>/<execution id>``: that store path."""
    parts = uri.rstrip("/").split("/")
    if len(parts) < 5 or not parts[-1].isdigit():
        return None
    return "/".join(parts[:-3])


def _moved_store(uri: str, src: "Source") -> Optional[str]:
    """When the artifact's path is gone and exactly one local artifact store paired with the run's metadata
    store (in a stack) holds ``<step>/<output>/<execution id>`` now (the folder was moved and the store's path
    changed to it), that is the artifact."""
    old_root = _store_root(uri)
    if old_root is None:
        return None
    tail = uri.rstrip("/").split("/")[-3:]
    if os.path.exists(old_root) and old_root not in src.moved:
        return None  # the store is where it was: only this artifact is gone
    found = [root for root in src.store_roots if root != old_root and os.path.exists(os.path.join(root, *tail))]
    if len(found) != 1:
        return None
    src.moved.setdefault(old_root, found[0])
    if src.moved[old_root] != found[0]:
        return None
    return os.path.join(found[0], *tail)


# ---------------------------------------------------------------- the plan


def plan_history(plan: Plan, selected: List[LegacyProfile], existing: Existing, code: Sequence[str] = (),
                 repo_config: Optional[str] = None, last_runs: Optional[int] = None, keep_gone_stores: bool = False) -> None:
    """``code``: folders of the user's pipeline code (``--code``); ``repo_config``: ``--repo``'s config file;
    ``last_runs``: ``--last-runs N``, only the newest N runs (and those they use) are written; ``keep_gone_stores``:
    ``--keep-runs-without-artifacts``, runs whose artifact store folder is gone are written, every such artifact
    said to be gone (by default they stay out, said with the option: the folder may only not be copied yet, and a
    run written now keeps the path it is written with)."""
    plan.keep_gone_stores = keep_gone_stores
    stacks = {**plan.merged_stacks, **{(s.profile, s.legacy.name): s for s in plan.stacks}}
    taken_runs = set(existing.run_names)
    specs: Dict[str, dict] = {}
    evidence: Dict[str, List[tuple]] = {}  # profile\0pipeline -> (run created, execution, param, Binding)
    seen: Dict[str, str] = {}  # metadata.db (real path) -> the profile whose runs it holds
    sources: List[Source] = []
    codebases: Dict[Tuple[str, ...], CodeBase] = {}

    def code_for(scripts: List[str]) -> Optional[CodeBase]:
        """The code the runs of ``scripts`` read (``code_roots``), parsed once per set of roots; None
        when neither ``--code`` nor a script of the runs is on this machine (the ``--repo`` root alone
        says nothing of where the code is)."""
        if not code and not any(os.path.isfile(s) for s in scripts):
            return None
        roots = tuple(code_roots(code, repo_config, scripts))
        if roots not in codebases:
            codebases[roots] = CodeBase(roots)
        return codebases[roots]

    for profile in selected:
        for hist in profile.history:
            if hist.remote and hist.never_used:  # this profile ran nothing with it: said on its metadata store
                continue
            if hist.remote:
                plan.history_notes.append(
                    f"{profile.name}: the runs of metadata store {hist.component} ({hist.location}) are not migrated: this "
                    "tool reads sqlite metadata stores only (no network access) and they stay in that database. To move "
                    "them, copy its MLMD tables (ml-metadata schema 8) into a SQLite file, register that file in this "
                    "profile with ZenML 0.13.2 (`zenml metadata-store register NAME --flavor=sqlite --uri=PATH`) and "
                    "migrate again (not tried by this tool's tests)"
                )
                continue
            if hist.error:
                plan.history_notes.append(f"{profile.name}: {hist.location} cannot be read: {hist.error}; its runs are not migrated")
                continue
            if hist.truncated is not None:
                plan.history_notes.append(_truncated_note(profile, hist))
            if hist.mlmd is None:
                continue
            where = os.path.realpath(hist.mlmd.path)
            if where in seen:
                plan.history_notes.append(f"{profile.name}: {hist.location} is the metadata store of profile {seen[where]} too: its runs are planned once")
                continue
            seen[where] = profile.name
            src = Source(profile, hist, plan.keep_gone_stores)
            sources.append(src)
            _plan_source(plan, src, stacks, existing, taken_runs, specs, evidence, code_for)
            containers = {ev[1] for r in plan.runs if r.source == src.hist.mlmd.path and r.action in _WRITE for e in r.executions
                          for ev in src.outputs.get(e, ()) if src.materializer(ev[1], e) == BUILT_IN_CONTAINER
                          and strip_version(src.artifact_property(ev[1], "materializer")) == BUILT_IN}
            if containers:
                plan.history_notes.append(
                    f"{profile.name}: {len(containers)} dict/list/tuple artifact{'s' if len(containers) != 1 else ''} of {hist.location} "
                    "written by ZenML 0.12 or older with BuiltInMaterializer are migrated with BuiltInContainerMaterializer, "
                    "which reads the same data.json (ZenML 0.20's BuiltInMaterializer reads bool, float, int and str only)")
            for old_root, new_root in sorted(src.moved.items()):
                plan.history_notes.append(f"{profile.name}: the runs of {hist.location} recorded their artifacts under {old_root}, "
                                          f"which no longer exists; they are under {new_root} now (the path of the local artifact "
                                          "store of a stack with that metadata store) and are migrated with that path")
    if last_runs is not None:
        _keep_newest(plan, last_runs)
    _slow_listing_note(plan, existing)
    _deep_graph_note(plan, sources)
    scripts = {src.script(e) for src in sources for eids in src.runs.values() for e in eids}
    codebase = CodeBase(code_roots(code, repo_config, sorted(s for s in scripts if s)))
    for key, entry in specs.items():
        bindings: Dict[str, Binding] = {}
        for _created, _e, param, binding in sorted(evidence.get(key, []), key=lambda x: (x[0], x[1])):
            if param is not None:
                bindings[param] = binding  # the latest run of each step wins
        derived = derive(entry["legacy"], bindings, codebase, plan.zenml_version)
        entry.update(spec=derived.spec, problem=derived.problem, derived=derived, code_given=bool(code))
    _name_pipelines(plan, specs, existing)
    # registered ones by their 0.20 name; the others (joining a pipeline, or unlisted) by profile and legacy name
    plan.pipeline_specs = {(s["target"] if s["spec"] is not None else f"\0{s['profile']}\0{s['legacy']}"): s for s in specs.values()}


def _plan_source(plan: Plan, src: Source, stacks, existing: Existing, taken_runs: Set[str], specs, evidence,
                 code_for: Callable[[List[str]], Optional[CodeBase]]) -> None:
    m, profile = src.m, src.profile
    for art in m.artifacts.values():  # first find where moved artifact stores are (src.moved) from every artifact
        _local_uri(art[1] or "", src)
    blocked: Dict[int, str] = {}  # run context -> reason
    planned: Dict[int, PlannedRun] = {}
    for cid, eids in src.runs.items():
        pipeline_cid = next((c for e in eids for c in m.associations.get(e, ()) if src.ctx_type.get(c) == "pipeline"), None)
        pipeline = m.contexts[pipeline_cid][1] if pipeline_cid else "?"
        name = m.contexts[cid[0]][1]
        entry = src.yaml.get((pipeline, name))
        states = [m.executions[e][1] for e in eids]
        status = "failed" if FAILED in states else "running" if RUNNING in states or None in states else "completed"
        created = m.contexts[cid[0]][2] if cid[1] == 0 or not eids else m.executions[eids[0]][3]
        run = PlannedRun(profile.name, m.path, pipeline, name, Action.MIGRATE, name, pipeline, status,
                         steps=len(eids), created=created, context_id=cid[0], executions=list(eids))
        run.marker = f"{pipeline}/{name}/{run.created}"
        if status == "running":  # its own marker: once the run has finished, a later migration writes it again
            run.marker += UNFINISHED
            run.notes.append(UNFINISHED_NOTE)
        if cid[1]:
            run.name = f"{name}#{cid[1] + 1}"
            run.target_name = f"{name}_{cid[1] + 1}"
            run.notes.append(f"run {cid[1] + 1} under the re-used run name {name!r} (0.13.2 kept them in one run)")
        run.artifacts = sum(1 for e in eids for ev in src.outputs.get(e, ()) if src.producer(ev[1]) == e)
        run.stack = src.stack_name(cid, eids, entry)
        for e in eids:  # every run is evidence of which step class each pipeline parameter takes
            evidence.setdefault(f"{profile.name}\0{pipeline}", []).append((run.created, e, src.step_name(e), src.binding(e)))
        planned[cid] = run
        plan.runs.append(run)
        reason = _run_problem(src, run, stacks, code_for)
        if reason:
            blocked[cid] = reason
    changed = True
    while changed:  # a run that reads artifacts of a run that cannot move cannot move either
        changed = False
        for cid, run in planned.items():
            if cid in blocked:
                continue
            for other in _runs_needed(src, run):
                if other != cid and other in blocked:
                    blocked[cid] = f"uses artifacts of run {planned[other].name}, which cannot move"
                    changed = True
                    break
    for cid, run in planned.items():
        if run.marker in existing.run_markers:
            run.action = Action.DONE
            run.notes.append("already migrated (marked in the target)")
            if run.marker in existing.unlisted_runs:  # imported unlisted: joins its pipeline once that is known
                run.target_pipeline = ""
                _add_spec(src, run, specs)
            continue
        if run.marker + UNFINISHED in existing.run_markers:
            run.notes.append(REWRITTEN_NOTE)
        needed = [o for o in _runs_needed(src, run) if o != cid]
        run.needs = sorted(planned[o].marker for o in needed)
        earlier = sorted(planned[o].name for o in needed if planned[o].marker in existing.run_markers)
        if earlier and cid not in blocked:
            run.notes.append(f"reads artifacts of {', '.join(earlier)}, migrated before: linked to them in the target")
        if cid in blocked:
            run.action = Action.DROP
            run.notes.append(f"not migrated: {blocked[cid]}")
            continue
        ps: PlannedStack = stacks[(profile.name, run.stack)]
        run.target_stack = ps.target_name
        if run.target_stack != run.stack:
            run.notes.append(f"on stack {run.target_stack} (was {run.stack})")
        base = run.target_name
        if base in taken_runs:
            run.target_name = fit_name(f"{base}_{profile.name}", taken_runs)
            run.notes.append(f"renamed {base} -> {run.target_name} (the target already has a run {base!r})")
        elif len(base) > NAME_MAX_LENGTH:
            run.target_name = fit_name(base, taken_runs)
            run.notes.append(f"renamed {base} -> {run.target_name}: ZenML 0.20 takes at most {NAME_MAX_LENGTH} "
                             "characters in a run name")
        if run.target_name != run.name:
            run.action = Action.CHANGE
        taken_runs.add(run.target_name)
        _add_spec(src, run, specs)
    for cid, run in planned.items():
        if run.action in _WRITE:
            _gone(src, run)
            for e in run.executions:
                for ev in src.outputs.get(e, ()):
                    uri, _problem = _local_uri(m.artifacts[ev[1]][1] or "", src)
                    recorded = m.artifacts[ev[1]][1] or ""
                    if uri != recorded and not os.path.isabs(recorded):
                        note = f"relative artifact URIs ({recorded} ...) made absolute: found under {os.getcwd()}"
                        if not any(n.startswith("relative artifact URIs") for n in run.notes):
                            run.notes.append(note)
                    elif uri != recorded:
                        paths = src.hist.paths
                        old, new = (paths.original, paths.actual) if recorded.startswith(f"{paths.original}/") else (paths.bases() or ("?", "?"))
                        note = f"artifact URIs under {old} now point at {new} (the config dir moved{'' if old == paths.original else ' with that folder'})"
                        if note not in run.notes:
                            run.notes.append(note)


def _gone(src: Source, run: PlannedRun) -> None:
    """Outputs of the run whose folders were deleted while their artifact store's folder is still there: the run
    is migrated (its steps, parameters, statuses and other artifacts), these with the path 0.13.2 wrote them to."""
    outputs: Dict[int, str] = {}
    for e in run.executions:
        for ev in src.outputs.get(e, ()):
            names = src.m.event_paths.get(ev[0]) or ()
            outputs.setdefault(ev[1], f"{src.step_name(e)}.{names[0][2] if names and names[0][2] is not None else ''}")
    gone = {}
    for artifact, name in outputs.items():
        uri = _local_uri(src.m.artifacts[artifact][1] or "", src)[0]
        if uri and "://" not in uri and os.path.isabs(uri) and not os.path.exists(uri):
            gone[name] = uri
    if not gone:
        return
    run.gone = sorted(gone)
    where = ", ".join(f"{name} ({gone[name]})" for name in run.gone)
    many, every = len(gone) != 1, len(gone) == len(outputs)  # every: an emptied store folder, nothing to read
    reads = (
        "lists the run; `.read()` of any of its artifacts fails" if every
        else f"lists the run and reads its other artifacts; `.read()` of {'these' if many else 'this one'} fails"
    )
    run.notes.append(
        f"{'all ' if every and many else ''}{len(gone)} of its {len(outputs)} output artifacts {'are' if many else 'is'} "
        f"gone from disk: {where}. The run is migrated{' (its steps, parameters and statuses)' if every else ''} with "
        f"{'them' if many else 'it'} at {'these paths' if many else 'that path'}; ZenML 0.20 {reads}: the files are not found")


def _keep_newest(plan: Plan, count: int) -> None:
    """``--last-runs N``: the N newest runs to write, and every run whose steps or artifacts they use
    (a cached step points at the run that produced its artifacts); the other runs are not written."""
    writable = [r for r in plan.runs if r.action in _WRITE]
    by_marker = {r.marker: r for r in writable}
    keep = sorted(writable, key=lambda r: r.created, reverse=True)[:count]
    kept = {id(r) for r in keep}
    while keep:
        run = keep.pop()
        for marker in run.needs:
            other = by_marker.get(marker)
            if other is not None and id(other) not in kept:
                kept.add(id(other))
                keep.append(other)
                other.notes.append(f"older than the newest {count} (--last-runs {count}), migrated too: run {run.name} uses its artifacts")
    left = [r for r in writable if id(r) not in kept]
    for run in left:
        run.action = Action.DROP
        run.notes.append(f"not migrated: older than the newest {count} (--last-runs {count})")
    if left:
        where = sorted({r.source for r in left})
        plan.history_notes.append(f"--last-runs {count}: {len(left)} older run{'s are' if len(left) != 1 else ' is'} not migrated; "
                                  f"{'they stay' if len(left) != 1 else 'it stays'} in {', '.join(where)}, readable with ZenML 0.13.2")


def _slow_listing_note(plan: Plan, existing: Existing) -> None:
    """ZenML 0.20.0-0.20.5 (``SqlZenStore.get_run``/``list_runs``, outside a server) re-syncs every run
    from the store's MLMD database each time it reads one run, and `zenml pipeline runs list` reads
    each run: the time grows with the square of the run count. Its own runs are read the same way. A server
    reads runs for its clients without that sync, but runs it over every run every 10 s in the background
    (0.20.0 ``zen_server_api.py`` L144-148, 0.20.5 L157-165)."""
    runs = len(existing.run_names) + sum(1 for r in plan.runs if r.action in _WRITE)
    if runs < SLOW_LISTING_RUNS:
        return
    fewer = "Pass --last-runs N to migrate only the newest N runs and the runs whose artifacts they use"
    background = (f"re-reads every run from its metadata database every 10 seconds in the background (measured with 0.20.5: "
                  f"{SERVER_SYNC_MEASURED})")
    if plan.target.startswith("server "):
        plan.history_notes.append(
            f"{runs} pipeline runs on the server: a ZenML 0.20.0-0.20.5 server {background}, so its CPU use grows with the "
            f"number of runs, the same for runs ZenML 0.20 writes itself; its clients list runs without re-reading them. {fewer}")
        return
    plan.history_notes.append(
        f"{runs} pipeline runs{' in the target store' if plan.target.startswith('store ') else ''}: ZenML 0.20.0-0.20.5 used "
        "without a server re-reads every run from the store's metadata database each time it reads one, and `zenml pipeline "
        "runs list` reads each run, so its time grows with the square of the number of runs or faster (the same for runs "
        f"ZenML 0.20 writes itself; measured with 0.20.0 on 2 cores: {SLOW_LISTING_MEASURED}). {fewer}. The clients of a "
        f"ZenML server (`zenml up`) list runs without this re-read, but the server itself {background}")


def step_reads(src: Source, eid: int, memo: Dict[int, int]) -> int:
    """How many times ZenML 0.20.0-0.20.5 run ``get_step_artifacts`` to sync execution ``eid``: once for the
    step, plus, for EACH of its input events, once more for every parent step (recursively, nothing cached)."""
    todo = [eid]
    while todo:
        e = todo[-1]
        if e in memo:
            todo.pop()
            continue
        parents = sorted(src.parents(e) or ())
        waiting = [p for p in parents if p not in memo]
        if waiting:
            todo.extend(waiting)
            continue
        memo[e] = 1 + len(src.inputs.get(e, ())) * sum(memo[p] for p in parents)
        todo.pop()
    return memo[eid]


def _deep_graph_note(plan: Plan, sources: List[Source]) -> None:
    """Each read of a run on 0.20.0-0.20.5 syncs every run, and the sync of a step calls
    ``get_step_artifacts`` for each input and each parent, recursively: deep pipelines whose steps take
    several inputs cost exponentially more, for runs 0.20 writes itself too (measured). One note names the
    pipelines with a run of ``STEP_READS_NOTED`` reads or more."""
    by_source = {os.path.realpath(src.m.path): src for src in sources}
    memos: Dict[int, Dict[int, int]] = {}
    found: Dict[str, List[Tuple[int, int, str, PlannedRun]]] = {}  # target pipeline -> [(reads, top step's, its name, run)]
    for run in plan.runs:
        src = by_source.get(os.path.realpath(run.source))
        if run.action not in _WRITE or src is None or not run.executions:
            continue
        memo = memos.setdefault(id(src), {})
        reads = {e: step_reads(src, e, memo) for e in run.executions}
        top = max(reads, key=lambda e: (reads[e], e))
        found.setdefault(run.target_pipeline, []).append((sum(reads.values()), reads[top], src.step_name(top) or "?", run))
    named, every, runs = [], 0, 0
    for pipeline, found_runs in sorted(found.items()):
        total, top, step, run = max(found_runs, key=lambda r: (r[0], r[3].target_name))
        if total < STEP_READS_NOTED:
            continue
        named.append(f"pipeline {pipeline}: run {run.target_name}, {run.steps} steps, {total} reads, {top} for step {step} alone")
        every += sum(r[0] for r in found_runs)
        runs += len(found_runs)
    if not named:
        return
    calls, cpu = STEP_READS_MEASURED
    seconds = every * cpu / calls
    cost = f"{round(seconds)} CPU-seconds" if seconds < 120 else f"{round(seconds / 60)} CPU-minutes"
    plan.history_notes.append(
        "ZenML 0.20.0-0.20.5 read the inputs of a step by reading every parent step, whose inputs they read the same way, "
        f"once for each input: the {runs} migrated run{'s' if runs != 1 else ''} of {'these pipelines' if len(named) > 1 else 'this pipeline'} "
        f"cost {every} reads of step artifacts, about {cost} at the rate measured with 0.20.0 on 2 cores ({'; '.join(named)}). "
        "ZenML 0.20 used without a server does them all each time it reads any run (`zenml pipeline runs list`, `get_run`), "
        "and a server (`zenml up`) in its background sync, which then holds a CPU core and can keep `zenml down` from "
        "stopping it. Runs ZenML 0.20 writes itself of such a pipeline cost the same "
        f"(measured: {STEP_READS_MEASURED_TEXT}). --last-runs N migrates fewer runs, --no-history none"
    )


def _runs_needed(src: Source, run: PlannedRun) -> Set[int]:
    """Runs whose executions this run's steps point at (artifact producers, parent steps)."""
    out = set()
    for e in run.executions:
        execs = set(src.parents(e) or ())
        execs.update(src.producer(ev[1]) for ev in src.inputs.get(e, []) + src.outputs.get(e, []))
        out.update(src.run_of[x] for x in execs if x in src.run_of)
    return out


def _run_problem(src: Source, run: PlannedRun, stacks, code_for: Callable[[List[str]], Optional[CodeBase]]) -> Optional[str]:
    m = src.m
    if not run.executions:
        return "no step of it was recorded"
    ps = stacks.get((run.profile, run.stack)) if run.stack else None
    if run.stack is None:
        return "the run does not record its stack"
    if ps is None:
        return f"its stack {run.stack} is not in the profile any more"
    if ps.action not in (*_WRITE, Action.DONE):
        return f"its stack {run.stack} is not migrated ({ps.action.value})"
    codebase = code_for(sorted({d for d in (src.script(e) for e in run.executions) if d}))
    for e in run.executions:
        if src.step_name(e) is None:
            return f"execution {e} has no step name (written by ZenML before 0.5.4)"
        if src.parents(e) is None:
            return f"step {src.step_name(e)}: an input has no earlier output event, ZenML 0.20 cannot find its parent step"
        for ev in src.inputs.get(e, []) + src.outputs.get(e, []):
            if not m.event_paths.get(ev[0]):
                return f"step {src.step_name(e)}: an event without an input/output name"
            art = m.artifacts.get(ev[1])
            if art is None:
                return f"step {src.step_name(e)}: artifact {ev[1]} is missing"
            kind = m.type_name(art[0])
            if kind not in ARTIFACT_TYPES:
                return f"artifact type {kind} does not exist in ZenML 0.20"
            if ev[3] == OUTPUT:
                _uri, problem = _local_uri(art[1] or "", src)
                if problem:
                    return problem
                materializer = src.materializer(ev[1], e)
                problem = _materializer_problem(materializer or "", codebase)
                if problem:
                    return problem
    return None


def _add_spec(src: Source, run: PlannedRun, specs: Dict[str, dict]) -> None:
    """The pipeline a written run belongs to (its spec is derived once all runs are known)."""
    key = f"{run.profile}\0{run.pipeline}"
    entry = specs.setdefault(key, {"legacy": run.pipeline, "profile": run.profile, "target": run.pipeline, "docstring": None,
                                   "spec": None, "runs": []})
    for (p, _r), e in src.yaml.items():
        if p == run.pipeline and (e.get("pipeline") or {}).get("docstring"):
            entry["docstring"] = e["pipeline"]["docstring"]
    entry["runs"].append(run)


def _all_yaml(profile: LegacyProfile) -> Dict[Tuple[str, str], dict]:
    out: Dict[Tuple[str, str], dict] = {}
    for h in profile.history:
        out.update(h.runs_yaml)
    return out


def _name_pipelines(plan: Plan, specs: Dict[str, dict], existing: Existing) -> None:
    """One 0.20 pipeline per name: reuse an equal one, rename on a different spec. A pipeline
    whose spec is not known is never registered: its runs go to the pipeline of that name when
    the target (or another profile) has one, else they are imported unlisted."""
    chosen: Dict[str, dict] = {}
    first = (plan.profiles or [""])[0]
    for key in sorted(specs, key=lambda k: (specs[k]["spec"] is None, specs[k]["profile"] != first, k)):
        entry = specs[key]
        name = entry["legacy"]
        other = chosen.get(name)
        there = existing.pipelines.get(name)
        entry["reuse"] = False
        if entry["spec"] is None:
            _unknown_spec(plan, entry, name, name in existing.pipelines, other)
            _link(entry)
            continue
        if (other is None or same_spec(other["spec"], entry["spec"])) and (name not in existing.pipelines or same_spec(there, entry["spec"])):
            entry["target"] = name
            entry["reuse"] = name in existing.pipelines
            chosen.setdefault(name, entry)
            _spec_notes(plan, entry)
            _link(entry)
            continue
        new = fit_name(f"{name}_{entry['profile']}", set(chosen) | set(existing.pipelines))
        entry["target"] = new
        chosen[new] = entry
        _link(entry)
        for run in _written(entry):
            run.target_pipeline = new
            if run.action == Action.MIGRATE:
                run.action = Action.CHANGE
            run.notes.append(f"pipeline renamed {name} -> {new}: {'the target' if other is None else 'profile ' + other['profile']} "
                             f"already has a pipeline {name!r} with other steps")
        where = "the target" if other is None else f"profile {other['profile']}"
        plan.history_notes.append(
            f"{entry['profile']}: pipeline {name}: {where} already has a pipeline {name!r} with other steps, so its runs go to "
            f"{new}; your migrated code registers {name} with the steps of {entry['derived'].where}: its next run fails with "
            f"\"already registered with a different pipeline configuration\" until you name the pipeline {new} in that code "
            f"(`@pipeline(name=\"{new}\")`; its runs then join the migrated ones)"
            + (f" or delete the other one (`zenml pipeline delete {name}`)" if other is None else "")
        )


def _written(entry: dict) -> List[PlannedRun]:
    return [r for r in entry["runs"] if r.action != Action.DONE]


def _link(entry: dict) -> None:
    """Runs imported unlisted by an earlier migration join the pipeline found now."""
    for run in entry["runs"]:
        if run.action == Action.DONE and entry["target"]:
            run.link_pipeline = run.target_pipeline = entry["target"]
            run.notes.append(f"imported unlisted before: now joins pipeline {entry['target']}")


def _spec_notes(plan: Plan, entry: dict) -> None:
    for note in entry["derived"].notes:
        plan.history_notes.append(f"{entry['profile']}: pipeline {entry['legacy']}: {note}")


def _unknown_spec(plan: Plan, entry: dict, name: str, in_target: bool, other: Optional[dict]) -> None:
    why = entry["problem"]
    if in_target or other is not None:
        entry["target"] = name
        where = "already in the target" if in_target else f"of profile {other['profile']}"
        plan.history_notes.append(f"{entry['profile']}: pipeline {name}: its runs join the pipeline {name} {where}; its steps "
                                  f"could not be read from your code: {why}")
        return
    entry["target"] = None
    for run in entry["runs"]:
        run.target_pipeline = ""
        if run.action == Action.MIGRATE:
            run.action = Action.CHANGE
        run.notes.append("imported unlisted (no pipeline registered): see the run history notes" if run.action != Action.DONE
                         else "imported unlisted before, and its pipeline is still not known")
    n = len(_written(entry))
    pass_code = "" if entry.get("code_given") else "pass --code DIR (the folder of your pipeline code), or "  # given: it was read
    if not n:
        plan.history_notes.append(f"{entry['profile']}: pipeline {name}: its runs stay unlisted ({why}); {pass_code}run "
                                  "your migrated pipeline once, then migrate again to attach them")
        return
    plan.history_notes.append(
        f"{entry['profile']}: pipeline {name} is not registered and its {n} {'run is' if n == 1 else 'runs are'} imported "
        "unlisted (`zenml pipeline runs list` and get_run() show them, get_pipeline().runs does not): "
        f"{why}, and a spec guessed from the runs alone makes the next run of your migrated code fail with \"already "
        "registered with a different pipeline configuration\" if the code uses .after() or @step(name=...). To attach them: "
        f"{pass_code}run your migrated pipeline once, then migrate again"
    )


# ---------------------------------------------------------------- what the writer gets


def _stack_document(ps: PlannedStack) -> str:
    """``Stack.dict()`` of 0.20 as its `zenml` context stores it (secret values left out; URL passwords
    and secret-looking nested values masked: only a description of the stack, ZenML never reads it back)."""
    doc = {"name": ps.target_name}
    for type_, pc in sorted(ps.components.items()):
        config = {k: masked(v) for k, v in pc.target_config.items() if k not in pc.secret_keys}
        doc[type_] = json.dumps(config, sort_keys=True)
    return json.dumps(doc, sort_keys=True)


def _parameters(rows) -> Dict[str, object]:
    out = {}
    for name, _custom, _i, _d, value, _b in rows:
        if not name.startswith(INTERNAL):
            decoded = _json(value)
            if value is not None and (decoded is not None or value == "null"):
                out[name] = decoded
    return out


def _artifact_source(kind: str) -> str:
    module = ARTIFACT_MODULES.get(kind) or re.sub(r"(?<!^)(?=[A-Z])", "_", kind).lower()
    return f"zenml.artifacts.{module}.{kind}"


def payload(plan: Plan) -> dict:
    """The JSON document ``history_writer.write_history`` writes (also the bundle's history.json)."""
    runs = plan.writable_runs()
    stacks = {**plan.merged_stacks, **{(s.profile, s.legacy.name): s for s in plan.stacks}}
    by_source: Dict[str, List[PlannedRun]] = {}
    for r in runs:
        by_source.setdefault(r.source, []).append(r)
    hists = {h.mlmd.path: (p, h) for p in plan.source.profiles for h in p.history if h.mlmd is not None}
    sources = []
    for path, source_runs in by_source.items():
        profile, hist = hists[path]
        needs = {m for r in source_runs for m in r.needs}
        linked = [r for r in plan.runs if r.source == path and r.action == Action.DONE and r.marker in needs]
        sources.append(_source_payload(Source(profile, hist, plan.keep_gone_stores), source_runs, linked, stacks, plan))
    pipelines: Dict[str, dict] = {}
    for entry in sorted(plan.pipeline_specs.values(), key=lambda e: e["spec"] is None):  # registered ones first
        if entry["target"] and entry["target"] not in pipelines and any(r.action in _WRITE or r.link_pipeline for r in entry["runs"]):
            # spec None: the pipeline must be in the target already (the writer checks)
            pipelines[entry["target"]] = {"name": entry["target"], "docstring": entry["docstring"], "spec": entry["spec"]}
    pipelines = list(pipelines.values())
    links = [{"marker": r.marker, "pipeline": r.link_pipeline, "name": r.target_name} for r in plan.run_links()]
    return {"format": FORMAT, "project": plan.project, "pipelines": pipelines, "sources": sources, "links": links}


def _source_payload(src: Source, runs: List[PlannedRun], linked: List[PlannedRun], stacks, plan: Plan) -> dict:
    """``runs`` are written; ``linked`` (migrated before, found by their markers) only referenced."""
    m = src.m
    spec_of = {(e["profile"], e["legacy"]): e for e in plan.pipeline_specs.values()}
    executions, artifacts, types = {}, {}, {}
    events, run_docs = [], []
    wanted = {e for r in runs + linked for e in r.executions}
    for r in runs + linked:
        entry = src.yaml.get((r.pipeline, r.name.split("#")[0])) or {}
        docstrings = {str(s.get("name")): s.get("docstring") for s in ((entry.get("pipeline") or {}).get("steps") or []) if isinstance(s, dict)}
        ps = stacks.get((r.profile, r.stack))
        r_doc = {
            "name": r.target_name, "legacy_name": r.name.split("#")[0], "pipeline": r.target_pipeline or None,
            "legacy_pipeline": r.pipeline,
            "stack": ps.target_name if ps else None, "linked": any(r is x for x in linked),
            "marker": r.marker, "created": r.created, "updated": m.contexts[r.context_id][3],
            "zenml_version": str(entry.get("zenml_version") or "0.13.2"), "git_sha": entry.get("git_sha"),
            "num_steps": len(((entry.get("pipeline") or {}).get("steps")) or []) or None,
            "stack_document": _stack_document(ps) if ps else "{}", "executions": r.executions,
        }
        dag = next((d for d in (src.dag_filepath(e) for e in r.executions) if d), None)
        r_doc["pipeline_configuration"] = {"enable_cache": True, "extra": {"dag_filepath": dag} if dag else {}, "name": r.pipeline, "settings": {}}
        if r_doc["num_steps"] is None:
            r_doc["num_steps"] = len((spec_of.get((r.profile, r.pipeline), {}).get("spec") or {}).get("steps", [])) or len(r.executions)
        r_doc["num_steps"] = max(r_doc["num_steps"], len({src.step_name(e) for e in r.executions}))
        run_docs.append(r_doc)
        derived = spec_of.get((r.profile, r.pipeline), {}).get("derived")
        for e in r.executions:
            type_id, state, name, created, updated = m.executions[e]
            node = src.context(e, "node")
            parents = src.parents(e) or set()
            outputs = {}
            for ev in src.outputs.get(e, ()):
                key = m.event_paths[ev[0]][0][2] if m.event_paths[ev[0]][0][2] is not None else ""
                art = m.artifacts[ev[1]]
                outputs[key] = {"artifact_source": _artifact_source(m.type_name(art[0])),
                                "materializer_source": src.materializer(ev[1], e)}
            operator = _json(m.execution_property(e, "zenml-custom_step_operator"))
            step_config = {
                "config": {
                    "docstring": docstrings.get(src.entrypoint(e)), "enable_cache": True, "experiment_tracker": None,
                    "extra": {"dag_filepath": src.dag_filepath(e)} if src.dag_filepath(e) else {},
                    "inputs": {}, "name": src.entrypoint(e), "outputs": outputs,
                    "parameters": _parameters(m.execution_properties.get(e, ())), "settings": {}, "step_operator": operator,
                },
                "spec": {"source": derived.sources.get(m.type_name(type_id), src.source(e)) if derived else src.source(e),
                         "upstream_steps": sorted({src.entrypoint(p) for p in parents} | set(derived.after.get(src.entrypoint(e), ()) if derived else ()))},
            }
            types[type_id] = {"name": src.source(e), "kind": m.types[type_id][1], "properties": m.type_properties.get(type_id, [])}
            executions[e] = {
                "type": type_id, "state": state, "name": name, "created": created, "updated": updated,
                "properties": [list(p) for p in m.execution_properties.get(e, ())],
                "step_name": src.step_name(e), "entrypoint": src.entrypoint(e),
                "pipeline_context": m.contexts[src.context(e, "pipeline")][1] if src.context(e, "pipeline") else r.pipeline,
                "node_context": m.contexts[node][1] if node else None,
                "run": r.target_name, "step_configuration": step_config, "parents": sorted(parents),
            }
    for ev in m.events:
        if ev[2] not in wanted:
            continue
        events.append({"id": ev[0], "artifact": ev[1], "execution": ev[2], "type": ev[3], "ms": ev[4],
                       "path": [list(p) for p in m.event_paths.get(ev[0], ())]})
        if ev[1] not in artifacts:
            type_id, uri, state, name, created, updated = m.artifacts[ev[1]]
            props = []
            for row in m.artifact_properties.get(ev[1], ()):
                row = list(row)
                if row[0] == "materializer" and not row[1]:
                    row[4] = src.materializer(ev[1], src.producer(ev[1]))
                elif row[0] == "datatype" and not row[1]:
                    row[4] = src.main_to_module(strip_version(row[4]), src.producer(ev[1]))
                props.append(row)
            types[type_id] = {"name": m.type_name(type_id), "kind": m.types[type_id][1], "properties": m.type_properties.get(type_id, [])}
            artifacts[ev[1]] = {"type": type_id, "uri": _local_uri(uri or "", src)[0], "state": state, "name": name,
                                "created": created, "updated": updated, "properties": props,
                                "producer": src.producer(ev[1])}
    ctx_types = {}
    for tid, (tname, kind) in m.types.items():
        if tname in ("pipeline", "pipeline_run", "node") and kind == 2:
            ctx_types[tname] = {"name": tname, "kind": kind, "properties": m.type_properties.get(tid, [])}
    return {
        "source": m.path, "profile": src.profile.name,
        "types": {str(k): v for k, v in types.items()},
        "context_types": ctx_types,
        "runs": run_docs,
        "executions": {str(k): v for k, v in executions.items()},
        "artifacts": {str(k): v for k, v in artifacts.items()},
        "events": events,
    }
