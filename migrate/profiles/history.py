"""Run history of a 0.13.2 profile, counted (never migrated): the MLMD ``metadata.db`` of
sqlite metadata stores and ``pipeline_runs.yaml`` (reference 3.4 and 3.6)."""

import os
import sqlite3
from typing import List

from zenml_migrate.profiles.model import LegacyProfile, RunHistory
from zenml_migrate.profiles.yaml_io import InputError, load_yaml

REMOTE_FLAVORS = ("mysql", "kubeflow", "kubernetes")


def count(profile: LegacyProfile, paths) -> List[RunHistory]:
    out = []
    stores = sorted(
        (str(c.config.get("path")) for c in profile.components if c.type == "artifact_store" and c.config.get("path")),
        key=len,
        reverse=True,
    )
    for comp in profile.components:
        if comp.type != "metadata_store":
            continue
        if comp.flavor in REMOTE_FLAVORS:
            where = comp.config.get("host") or comp.config.get("kubernetes_context") or comp.flavor
            out.append(RunHistory(f"{comp.flavor} metadata store {where}", component=comp.name,
                                  error="a remote metadata store: its runs stay on that server, not counted offline"))
            continue
        uri = comp.config.get("uri")
        if not uri and profile.config_dir:
            uri = os.path.join(profile.config_dir, "local_stores", comp.uuid, "metadata.db")
        local = paths.local(str(uri)) if uri else ""
        hist = RunHistory(str(uri or ""), component=comp.name)
        if local and os.path.isfile(local):
            _count_mlmd(local, hist, stores)
            if local != uri:
                hist.location = local
        out.append(hist)
    runs_file = os.path.join(profile.path or "", "pipeline_runs.yaml")
    if profile.path and os.path.isfile(runs_file):
        out.append(_count_runs_yaml(runs_file))
    return out


def _count_mlmd(path: str, hist: RunHistory, stores: List[str]) -> None:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            kinds = dict(conn.execute(
                "SELECT t.name, COUNT(*) FROM Context c JOIN Type t ON c.type_id = t.id GROUP BY t.name"
            ).fetchall())
            hist.pipelines = kinds.get("pipeline", 0)
            hist.runs = kinds.get("pipeline_run", 0)
            hist.steps = conn.execute("SELECT COUNT(*) FROM Execution").fetchone()[0]
            uris = [r[0] for r in conn.execute("SELECT uri FROM Artifact WHERE uri IS NOT NULL")]
            hist.artifacts = conn.execute("SELECT COUNT(*) FROM Artifact").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        hist.error = f"not a readable MLMD database ({e})"
        return
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
    for entries in runs.values():
        for run in entries or []:
            hist.runs += 1
            steps = ((run or {}).get("pipeline") or {}).get("steps") or []
            hist.steps += len(steps) if isinstance(steps, list) else 0
    return hist
