"""Run history of a 0.13.2 profile: the MLMD ``metadata.db`` of sqlite metadata stores (read
whole by ``mlmd.read_mlmd``, for ``history_plan``) and ``pipeline_runs.yaml`` (reference 3.4
and 3.6). MySQL / kubeflow metadata stores are listed, not read (they need network access)."""

import os
from typing import List

from zenml_migrate.profiles.mlmd import MlmdError, read_mlmd
from zenml_migrate.profiles.model import LegacyProfile, RunHistory
from zenml_migrate.profiles.yaml_io import InputError, load_yaml
from zenml_migrate.sqlite_read import ROLLED_BACK_NOTE

REMOTE_FLAVORS = ("mysql", "kubeflow", "kubernetes")
#: every ZenML from 0.10 to 0.13.2 writes each run of pipeline_runs.yaml with these keys, sorted, so last: an
#: entry without them is where a file that still parses was cut off (the runs after it are lost)
RUN_KEYS_WRITTEN_LAST = ("user_id", "zenml_version")


def count(profile: LegacyProfile, paths) -> List[RunHistory]:
    out = []
    runs_file = os.path.join(profile.path or "", "pipeline_runs.yaml")
    runs_yaml = _count_runs_yaml(runs_file) if profile.path and os.path.isfile(runs_file) else None
    # 0.13.2 creates metadata.db at the first run and records every run of the profile in its store
    # (pipeline_runs.yaml of a YAML store, the pipelineruntable of a SQL store)
    recorded = runs_yaml is not None or profile.run_table
    never_ran = recorded and not profile.run_records and (runs_yaml is None or not runs_yaml.error and not runs_yaml.runs)
    stores = sorted(
        (str(c.config.get("path")) for c in profile.components if c.type == "artifact_store" and c.config.get("path")),
        key=len,
        reverse=True,
    )
    for comp in profile.components:
        if comp.type != "metadata_store":
            continue
        # no pipeline ever ran on this profile, or its runs all name their stack and none has this store:
        # nothing of the profile's history is in it (other clients of a shared server may have written there)
        unused_why = (RunHistory.never_used_why if never_ran else
                      f"none of the profile's {_count_of_runs(runs_yaml, profile.run_records)} recorded runs used a stack with it"
                      if _recorded_runs_without(comp, runs_yaml, profile.run_records) else None)
        if comp.flavor in REMOTE_FLAVORS:
            where = comp.config.get("host") or comp.config.get("kubernetes_context") or comp.flavor
            hist = RunHistory(f"{comp.flavor} metadata store {where}", component=comp.name, remote=True,
                              error="a remote metadata store: its runs stay on that server, not read offline")
            if unused_why is not None:
                hist.never_used, hist.never_used_why = True, unused_why
            out.append(hist)
            continue
        uri = comp.config.get("uri")
        if not uri and profile.config_dir:
            uri = os.path.join(profile.config_dir, "local_stores", comp.uuid, "metadata.db")
        local = paths.inside(str(uri)) if uri else ""
        hist = RunHistory(str(uri or ""), component=comp.name, paths=paths)
        if local and os.path.isfile(local):
            _count_mlmd(local, hist, stores)
            if hist.mlmd is not None and hist.mlmd.rolled_back:
                profile.notes.append(ROLLED_BACK_NOTE.format(path=local, release="ZenML 0.13.2"))
            if local != uri:
                hist.location = local
        elif unused_why is not None:
            hist.never_used, hist.never_used_why = True, unused_why
        else:
            hist.error = (
                "not found: the file does not exist (moved or deleted), so its runs cannot be read; the artifacts of "
                "those runs stay in the artifact store, but nothing records which run made them"
            )
        out.append(hist)
    for problem in profile.problems:  # a metadata store whose configuration cannot be read: its runs cannot be found
        if str(problem.item or "").startswith(f"metadata_store {profile.name}/"):
            name = str(problem.item).split("/", 1)[1]
            out.append(RunHistory(str(problem.origin.path), component=name,
                                  error=f"the configuration of metadata store {name!r} cannot be read (see its error), so the "
                                        "runs it holds cannot be found"))
    if profile.run_records:
        records = RunHistory(f"{profile.store_db or profile.path} (pipelineruntable of the SQL store)", pipelines=len({p for p, _r in profile.run_records}),
                             runs=len(profile.run_records))
        records.runs_yaml = dict(profile.run_records)
        out.append(records)
    if runs_yaml is not None:
        out.append(runs_yaml)
    return out


def _recorded_runs_without(comp, runs_yaml, run_records) -> bool:
    """Every run the profile records (pipeline_runs.yaml / the SQL store's run table) names the
    components of its stack, and none names this metadata store (by uuid, else by name)."""
    if runs_yaml is not None and (runs_yaml.error or runs_yaml.truncated or len(runs_yaml.runs_yaml) != runs_yaml.runs):
        return False
    records = [*(runs_yaml.runs_yaml.values() if runs_yaml is not None else ()), *run_records.values()]
    if not records:
        return False
    for run in records:
        stack = run.get("stack") if isinstance(run, dict) else None
        components = stack.get("components") if isinstance(stack, dict) else None
        if not isinstance(components, list) or not components:
            return False  # a run that does not say its stack may have used it
        for c in components:
            if not isinstance(c, dict) or c.get("type") != "metadata_store":
                continue
            if (str(c.get("uuid")) == str(comp.uuid)) if c.get("uuid") and comp.uuid else c.get("name") == comp.name:
                return False
    return True


def _count_of_runs(runs_yaml, run_records) -> int:
    return len(runs_yaml.runs_yaml if runs_yaml is not None else ()) + len(run_records)


def _count_mlmd(path: str, hist: RunHistory, stores: List[str]) -> None:
    try:
        m = read_mlmd(path)
    except MlmdError as e:
        hist.error = str(e)
        return
    hist.mlmd = m
    hist.pipelines = len(m.contexts_of_type("pipeline"))
    hist.runs = len(m.contexts_of_type("pipeline_run"))
    hist.steps = len(m.executions)
    hist.artifacts = len(m.artifacts)
    uris = [a[1] for a in m.artifacts.values() if a[1]]
    roots = set()
    for uri in uris:
        root = next((s for s in stores if uri == s or uri.startswith(s.rstrip("/") + "/")), None)
        roots.add(root or _three_up(uri))
    hist.artifact_uris = sorted(roots)


def _three_up(uri: str) -> str:
    """``<store>/<step>/<output>/<execution id>`` -> ``<store>``."""
    parts = uri.rstrip("/").split("/")
    return "/".join(parts[:-3]) if len(parts) > 3 else uri


def _count_runs_yaml(path: str) -> RunHistory:
    hist = RunHistory(path)
    try:
        data = load_yaml(path, "pipeline_runs.yaml")
    except InputError as e:
        hist.error = e.problem.message
        return hist
    runs = data.get("pipeline_runs") or {}
    if not isinstance(runs, dict):
        hist.error = "pipeline_runs must be a mapping"
        return hist
    hist.pipelines = len(runs)
    for pipeline, entries in runs.items():
        for run in entries if isinstance(entries, list) else []:
            if isinstance(run, dict) and run.get("name") is not None:
                hist.runs_yaml[(str(pipeline), str(run["name"]))] = run
            hist.runs += 1
            steps = ((run or {}).get("pipeline") or {}).get("steps") or []
            hist.steps += len(steps) if isinstance(steps, list) else 0
            if hist.truncated is None and not (isinstance(run, dict) and all(k in run for k in RUN_KEYS_WRITTEN_LAST)):
                hist.truncated = str(run.get("name") or "?") if isinstance(run, dict) else "?"
    return hist
