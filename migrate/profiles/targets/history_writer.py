"""Write migrated run history into a ZenML 0.20.x SQLite store, inside the caller's transaction.

Standard library only: a ``--bundle`` ships this file next to ``history.json`` and its
``import_history.py`` runs it with the Python of the user's ZenML 0.20.

ZenML 0.20.0-0.20.5 keep runs in MLMD tables (ml-metadata 1.8.0, schema 8) inside the same
database as their SQL tables, and build the SQL rows (``pipelinerunschema``, ``steprunschema``,
``artifactschema``, ...) from MLMD with their sync (``SqlZenStore._sync_runs``). This writer
copies the legacy MLMD rows (same ids relations, same event times, materializer sources without
the ``@zenml_0.13.2`` suffix), leaves out the legacy ``zenml`` and ``execution_cache`` contexts (no
cache hit on old outputs), adds one 0.20 ``zenml`` context per step configuration exactly as
``proto_utils.add_mlmd_contexts`` builds it, and writes the SQL rows the sync would create from
them, with the legacy creation times, ZenML version and git sha. A later sync finds nothing to add.
Each run context carries a ``zenml_migrate_marker`` property: a second import skips marked runs.
"""

import datetime
import hashlib
import json
import uuid
from typing import Dict, List, Optional, Set, Tuple

MARKER = "zenml_migrate_marker"
PIPELINE_HINT = "zenml_migrate_pipeline"  # on the run context of a run imported unlisted: the pipeline it belongs to
SCHEMA_VERSION = 8
INPUT, OUTPUT = 3, 4
CONTEXT_KIND = 2


class HistoryWriteError(Exception):
    """The history cannot be written into this store; nothing of it was written."""


class MissingStackError(HistoryWriteError):
    """A run's stack is not in the target project (a bundle's stack not imported)."""


def same_spec(a: dict, b: dict) -> bool:
    """``PipelineSpec.__eq__`` of 0.20: same steps in order, same upstream steps, sources equal or one a suffix of the other."""
    sa, sb = (a or {}).get("steps") or [], (b or {}).get("steps") or []
    if len(sa) != len(sb):
        return False
    for x, y in zip(sa, sb):
        if sorted(x.get("upstream_steps") or []) != sorted(y.get("upstream_steps") or []):
            return False
        if not (x["source"] == y["source"] or x["source"].endswith(y["source"]) or y["source"].endswith(x["source"])):
            return False
    return True


def local_time(ms: Optional[int]) -> str:
    """A 0.20 DATETIME (naive local time, 6-digit fraction) from MLMD milliseconds."""
    when = datetime.datetime.fromtimestamp((ms or 0) / 1000.0) if ms else datetime.datetime.now()
    return when.strftime("%Y-%m-%d %H:%M:%S.%f")


def mlmd_problem(conn) -> Optional[str]:
    """None when the store has the MLMD tables 0.20 reads (schema 8), else what is wrong."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "MLMDEnv" not in tables or "Execution" not in tables:
        return "the store has no MLMD tables yet (run `zenml pipeline runs list` once with ZenML 0.20 to create them)"
    versions = [r[0] for r in conn.execute("SELECT schema_version FROM MLMDEnv")]
    if versions != [SCHEMA_VERSION]:
        return f"its MLMD schema version is {versions}, not {SCHEMA_VERSION} (ZenML 0.20.0-0.20.5)"
    return None


def read_state(conn, project: str) -> dict:
    """What a history import needs to know of the store: run names, markers, the project's pipelines."""
    problem = mlmd_problem(conn)
    if problem:
        return {"error": problem, "run_names": set(), "markers": set(), "pipelines": {}, "unlisted": {}}
    names = {r[0] for r in conn.execute("SELECT name FROM pipelinerunschema")}
    names |= {r[0] for r in conn.execute(
        "SELECT c.name FROM Context c JOIN Type t ON t.id = c.type_id WHERE t.name = 'pipeline_run' AND t.type_kind = 2")}
    markers = {r[0] for r in conn.execute("SELECT string_value FROM ContextProperty WHERE name = ?", (MARKER,))}
    unlisted = dict(conn.execute(  # imported without their pipeline, and still without one
        "SELECT m.string_value, h.string_value FROM ContextProperty m JOIN ContextProperty h ON h.context_id = m.context_id "
        "JOIN pipelinerunschema r ON r.mlmd_id = m.context_id JOIN projectschema j ON j.id = r.project_id "
        "WHERE m.name = ? AND h.name = ? AND r.pipeline_id IS NULL AND j.name = ?", (MARKER, PIPELINE_HINT, project)))
    pipelines = {}
    for name, spec in conn.execute(
        "SELECT p.name, p.spec FROM pipelineschema p JOIN projectschema j ON j.id = p.project_id WHERE j.name = ?", (project,)
    ):
        try:
            pipelines[name] = json.loads(spec) if isinstance(spec, str) else spec
        except ValueError:
            pipelines[name] = None
    return {"error": None, "run_names": names, "markers": markers, "pipelines": pipelines, "unlisted": unlisted}


class _Ids:
    """The next free id of each MLMD table."""

    def __init__(self, conn):
        self.next = {}
        for table in ("Type", "Context", "Execution", "Artifact", "Event", "Association", "Attribution"):
            self.next[table] = (conn.execute(f"SELECT COALESCE(MAX(id), 0) FROM `{table}`").fetchone()[0] or 0) + 1

    def take(self, table: str) -> int:
        out = self.next[table]
        self.next[table] = out + 1
        return out


def write_history(conn, doc: dict, user_name: str, now: Optional[str] = None) -> dict:
    """Write ``doc`` (``history_plan.payload``) through ``conn`` (a transaction is open); return counts.

    Raises ``HistoryWriteError`` before the first write when the store does not fit."""
    return _Writer(conn, doc, user_name, now or local_time(None)).run()


class _Writer:
    def __init__(self, conn, doc: dict, user_name: str, now: str):
        if doc.get("format") != "zenml-migrate-history/1":
            raise HistoryWriteError(f"unknown history format {doc.get('format')!r}")
        self.conn, self.doc, self.now = conn, doc, now
        problem = mlmd_problem(conn)
        if problem:
            raise HistoryWriteError(problem)
        row = conn.execute("SELECT id FROM projectschema WHERE name = ?", (doc["project"],)).fetchone()
        if row is None:
            raise HistoryWriteError(f"no project {doc['project']!r} in the store")
        self.project_id = row[0]
        row = conn.execute("SELECT id FROM userschema WHERE name = ?", (user_name,)).fetchone()
        if row is None:
            raise HistoryWriteError(f"no user {user_name!r} in the store")
        self.user_id = row[0]
        self.stacks = {name: id_ for id_, name in conn.execute(
            "SELECT id, name FROM stackschema WHERE project_id = ? AND (user_id = ? OR is_shared = 1)", (self.project_id, self.user_id))}
        state = read_state(conn, doc["project"])
        self.markers: Set[str] = state["markers"]
        self.run_names: Set[str] = state["run_names"]
        self.existing_pipelines = state["pipelines"]
        self.ids = _Ids(conn)
        self.types: Dict[Tuple[str, int], int] = {(n, k): i for i, n, k in conn.execute("SELECT id, name, type_kind FROM Type")}
        self.contexts: Dict[Tuple[int, str], int] = {}
        self.rows: Dict[str, List[tuple]] = {}
        self.counts = {"runs": 0, "steps": 0, "artifacts": 0, "skipped": 0, "pipelines": 0, "renamed": [], "attached": 0, "unlisted": 0,
                       "linked": 0, "linked_to": []}

    # -- helpers

    def add(self, table: str, row: tuple) -> None:
        self.rows.setdefault(table, []).append(row)

    def flush(self) -> None:
        for table, rows in self.rows.items():
            if rows:
                marks = ", ".join("?" * len(rows[0]))
                self.conn.executemany(f"INSERT INTO `{table}` VALUES ({marks})", rows)
        self.rows = {}

    def type_id(self, name: str, kind: int, properties) -> int:
        key = (name, kind)
        if key not in self.types:
            tid = self.ids.take("Type")
            self.types[key] = tid
            self.add("Type", (tid, name, None, kind, None, None, None))
            for prop, data_type in properties:
                self.add("TypeProperty", (tid, prop, data_type))
        return self.types[key]

    def context_id(self, type_id: int, name: str, when: int, properties: Optional[Dict[str, str]] = None) -> int:
        key = (type_id, name)
        if key not in self.contexts:
            row = self.conn.execute("SELECT id FROM Context WHERE type_id = ? AND name = ?", key).fetchone()
            if row is not None:
                self.contexts[key] = row[0]
            else:
                cid = self.ids.take("Context")
                self.contexts[key] = cid
                self.add("Context", (cid, type_id, name, when, when))
                for prop, value in sorted((properties or {}).items()):
                    self.add("ContextProperty", (cid, prop, 1, None, None, value, None))
        return self.contexts[key]

    # -- the import

    def run(self) -> dict:
        pipeline_ids = self._pipelines()
        self.flush()  # the pipelines first: links and runs point at them
        for source in self.doc["sources"]:
            self._source(source, pipeline_ids)
        self.flush()
        self._links(self.doc.get("links") or [], pipeline_ids)
        return self.counts

    def _links(self, links: List[dict], pipeline_ids: Dict[str, str]) -> None:
        """Runs imported unlisted before join their pipeline: the SQL row and the model ids of their
        `zenml` contexts (what 0.20 reads them from) get its id; the hint is removed."""
        for link in links:
            pid = pipeline_ids.get(link["pipeline"]) or self.pipelines_there.get(link["pipeline"])
            if pid is None:
                raise HistoryWriteError(f"run {link['name']}: no pipeline {link['pipeline']!r} (the plan is out of date: migrate again)")
            row = self.conn.execute(
                "SELECT r.id, r.mlmd_id FROM ContextProperty m JOIN pipelinerunschema r ON r.mlmd_id = m.context_id "
                "WHERE m.name = ? AND m.string_value = ? AND r.pipeline_id IS NULL", (MARKER, link["marker"])).fetchone()
            if row is None:
                continue  # linked meanwhile
            run_id, run_ctx = row
            self.conn.execute("UPDATE pipelinerunschema SET pipeline_id = ? WHERE id = ?", (pid, run_id))
            self.conn.execute("DELETE FROM ContextProperty WHERE context_id = ? AND name = ?", (run_ctx, PIPELINE_HINT))
            for cid, value in self.conn.execute(
                "SELECT p.context_id, p.string_value FROM ContextProperty p JOIN Association a ON a.context_id = p.context_id "
                "JOIN Association b ON b.execution_id = a.execution_id WHERE b.context_id = ? AND p.name = 'model_ids'", (run_ctx,)).fetchall():
                ids = json.loads(value)
                if ids.get("pipeline_id") is None:
                    ids["pipeline_id"] = str(uuid.UUID(pid))
                    self.conn.execute("UPDATE ContextProperty SET string_value = ? WHERE context_id = ? AND name = 'model_ids'",
                                      (json.dumps(ids, sort_keys=True), cid))
            self.counts["linked"] += 1
            if link["pipeline"] not in self.counts["linked_to"]:
                self.counts["linked_to"].append(link["pipeline"])

    def _pipelines(self) -> Dict[str, str]:
        out = {}
        existing = {name: id_ for id_, name in self.conn.execute(
            "SELECT id, name FROM pipelineschema WHERE project_id = ?", (self.project_id,))}
        self.pipelines_there = existing
        for p in self.doc["pipelines"]:
            if p["name"] in existing:
                if p["spec"] is not None and not same_spec(self.existing_pipelines.get(p["name"]) or {}, p["spec"]):
                    raise HistoryWriteError(f"pipeline {p['name']!r} exists with other steps (the plan is out of date: migrate again)")
                out[p["name"]] = existing[p["name"]]
                continue
            if p["spec"] is None:  # runs joining a pipeline the target had when the plan was made
                raise HistoryWriteError(f"pipeline {p['name']!r} is not in project {self.doc['project']!r} any more (the plan is out of date: migrate again)")
            pid = uuid.uuid4().hex
            self.add("pipelineschema", (self.project_id, self.user_id, pid, p["name"], p.get("docstring"),
                                        json.dumps(p["spec"], sort_keys=True), self.now, self.now))
            out[p["name"]] = pid
            self.counts["pipelines"] += 1
        return out

    def _source(self, src: dict, pipeline_ids: Dict[str, str]) -> None:
        linked = [r for r in src["runs"] if r.get("linked")]
        written = [r for r in src["runs"] if not r.get("linked")]
        runs = [r for r in written if r["marker"] not in self.markers]
        self.counts["skipped"] += len(written) - len(runs)
        if not runs:
            return
        seen: Set[str] = set()
        for r in runs:
            if r["name"] in self.run_names or r["name"] in seen:  # taken since the plan was made (a bundle imported later)
                base, n = f"{r['name']}_{src['profile']}", 2
                new = base
                while new in self.run_names or new in seen:
                    new, n = f"{base}_{n}", n + 1
                self.counts["renamed"].append(f"{r['name']} -> {new}")
                r["name"] = new
            seen.add(r["name"])
            if r["stack"] not in self.stacks:
                raise MissingStackError(f"run {r['name']}: no stack {r['stack']!r} in project {self.doc['project']!r}")
            if r["pipeline"] is None and r.get("legacy_pipeline") in self.pipelines_there:
                r["pipeline"] = r["legacy_pipeline"]  # registered since the plan was made (a bundle imported later)
                pipeline_ids.setdefault(r["pipeline"], self.pipelines_there[r["pipeline"]])
                self.counts["attached"] += 1
            if r["pipeline"] is not None and r["pipeline"] not in pipeline_ids:
                raise HistoryWriteError(f"run {r['name']}: no pipeline {r['pipeline']!r}")
        ctx_types = {name: self.type_id(t["name"], t["kind"], t["properties"]) for name, t in src["context_types"].items()}
        for name in ("pipeline", "pipeline_run", "node"):
            ctx_types.setdefault(name, self.type_id(name, CONTEXT_KIND, []))
        zenml_type = self.type_id("zenml", CONTEXT_KIND, [])
        types = {k: self.type_id(t["name"], t["kind"], t["properties"]) for k, t in src["types"].items()}
        executions, artifacts = src["executions"], src["artifacts"]
        used_exec_names = self._names("Execution", {types[str(e["type"])] for e in executions.values()})
        used_art_names = self._names("Artifact", {types[str(a["type"])] for a in artifacts.values()})

        new_exec: Dict[str, int] = {}
        new_art: Dict[str, int] = {}
        step_row: Dict[str, str] = {}
        out_rows: Dict[Tuple[int, str], str] = {}
        self._link(src, linked, new_exec, new_art, step_row, out_rows)
        exec_contexts: Dict[str, List[int]] = {}
        run_of: Dict[str, dict] = {}
        run_rows: Dict[str, str] = {}
        for r in runs:
            pipeline_id = pipeline_ids[r["pipeline"]] if r["pipeline"] is not None else None
            marks = {MARKER: r["marker"]}
            if pipeline_id is None:
                marks[PIPELINE_HINT] = r.get("legacy_pipeline") or ""
                self.counts["unlisted"] += 1
            run_ctx = self.context_id(ctx_types["pipeline_run"], r["name"], r["created"], marks)
            model_ids = json.dumps({"pipeline_id": str(uuid.UUID(pipeline_id)) if pipeline_id else None, "project_id": str(uuid.UUID(self.project_id)),
                                    "stack_id": str(uuid.UUID(self.stacks[r["stack"]])), "user_id": str(uuid.UUID(self.user_id))}, sort_keys=True)
            pipeline_config = json.dumps(r["pipeline_configuration"], sort_keys=True)
            run_id = uuid.uuid4().hex
            run_rows[r["name"]] = run_id
            self.add("pipelinerunschema", (self.project_id, self.user_id, self.stacks[r["stack"]], pipeline_id, run_id,
                                           r["name"], pipeline_config, r["num_steps"], r["zenml_version"], r.get("git_sha"),
                                           local_time(r["created"]), local_time(r["updated"]), run_ctx))
            self.run_names.add(r["name"])
            self.counts["runs"] += 1
            for e in r["executions"]:
                ex = executions[str(e)]
                eid = self.ids.take("Execution")
                new_exec[str(e)] = eid
                run_of[str(e)] = r
                tid = types[str(ex["type"])]
                name = ex["name"]
                if name is not None and (tid, name) in used_exec_names:
                    name = str(uuid.uuid4())
                used_exec_names.add((tid, name))
                self.add("Execution", (eid, tid, ex["state"], name, ex["created"], ex["updated"]))
                for p in ex["properties"]:
                    self.add("ExecutionProperty", (eid, *p))
                props = {
                    "stack": r["stack_document"],
                    "pipeline_configuration": pipeline_config,
                    "step_configuration": json.dumps(ex["step_configuration"], sort_keys=True),
                    "model_ids": model_ids,
                    "num_steps": str(r["num_steps"]),
                }
                zname = hashlib.md5(json.dumps(props, sort_keys=True).encode()).hexdigest()
                ctxs = [self.context_id(ctx_types["pipeline"], ex["pipeline_context"], ex["created"]), run_ctx]
                if ex.get("node_context"):
                    ctxs.append(self.context_id(ctx_types["node"], ex["node_context"], ex["created"]))
                ctxs.append(self.context_id(zenml_type, zname, ex["created"], props))
                exec_contexts[str(e)] = ctxs
                for cid in ctxs:
                    self.add("Association", (self.ids.take("Association"), cid, eid))

        created_art: Set[int] = set()
        for key, a in artifacts.items():
            if key in new_art:
                continue  # written by a run migrated before
            aid = self.ids.take("Artifact")
            new_art[key] = aid
            created_art.add(aid)
            tid = types[str(a["type"])]
            name = a["name"]
            producer = run_of.get(str(a.get("producer")))
            if name and producer and producer["legacy_name"] != producer["name"]:
                name = name.replace(f":{producer['legacy_name']}:", f":{producer['name']}:", 1)
            if name is not None and (tid, name) in used_art_names:
                base, n = name, 2
                while (tid, f"{base}_{n}") in used_art_names:
                    n += 1
                name = f"{base}_{n}"
            used_art_names.add((tid, name))
            self.add("Artifact", (aid, tid, a["uri"], a["state"], name, a["created"], a["updated"]))
            for p in a["properties"]:
                self.add("ArtifactProperty", (aid, *p))
            self.counts["artifacts"] += 1
        attributed: Set[Tuple[int, int]] = set()
        reused = sorted(set(new_art.values()) - set(created_art))
        for i in range(0, len(reused), 500):  # artifacts of runs migrated before keep their attributions
            chunk = reused[i:i + 500]
            attributed.update(self.conn.execute(
                f"SELECT context_id, artifact_id FROM Attribution WHERE artifact_id IN ({', '.join('?' * len(chunk))})", chunk))
        for ev in src["events"]:
            if str(ev["execution"]) not in exec_contexts:
                continue  # not an execution written now
            event_id = self.ids.take("Event")
            self.add("Event", (event_id, new_art[str(ev["artifact"])], new_exec[str(ev["execution"])], ev["type"], ev["ms"]))
            for p in ev["path"]:
                self.add("EventPath", (event_id, *p))
            for cid in exec_contexts[str(ev["execution"])]:
                pair = (cid, new_art[str(ev["artifact"])])
                if pair not in attributed:
                    attributed.add(pair)
                    self.add("Attribution", (self.ids.take("Attribution"), *pair))
        self._sql_steps(src, runs, run_rows, new_exec, new_art, step_row, out_rows)

    def _names(self, table: str, type_ids: Set[int]) -> Set[Tuple[int, str]]:
        if not type_ids:
            return set()
        marks = ", ".join("?" * len(type_ids))
        return {(t, n) for t, n in self.conn.execute(f"SELECT type_id, name FROM `{table}` WHERE type_id IN ({marks})", sorted(type_ids))}

    # -- the SQL rows, as SqlZenStore._sync_run_steps / _sync_run_step_artifacts create them

    def _link(self, src: dict, linked: List[dict], new_exec, new_art, step_row, out_rows) -> None:
        """Runs migrated before that the new runs point at: their executions, artifacts and SQL rows, by marker."""
        for r in linked:
            row = self.conn.execute("SELECT context_id FROM ContextProperty WHERE name = ? AND string_value = ?",
                                    (MARKER, r["marker"])).fetchone()
            if row is None:
                raise HistoryWriteError(f"run {r['legacy_name']} was migrated before but is not in the store any more")
            found = [e for (e,) in self.conn.execute(
                "SELECT a.execution_id FROM Association a WHERE a.context_id = ? ORDER BY a.execution_id", row)]
            if len(found) != len(r["executions"]):
                raise HistoryWriteError(f"run {r['legacy_name']} in the store has {len(found)} steps, not {len(r['executions'])}")
            for legacy, target in zip(r["executions"], found):
                new_exec[str(legacy)] = target
                sid = self.conn.execute("SELECT id FROM steprunschema WHERE mlmd_id = ?", (target,)).fetchone()
                if sid is not None:
                    step_row[str(legacy)] = sid[0]
        linked_execs = {str(e) for r in linked for e in r["executions"]}
        for ev in src["events"]:
            e = str(ev["execution"])
            if e not in linked_execs or ev["type"] != OUTPUT or not ev["path"]:
                continue
            row = self.conn.execute(
                "SELECT e.artifact_id FROM Event e JOIN EventPath p ON p.event_id = e.id "
                "WHERE e.execution_id = ? AND e.type = ? AND p.step_key = ?", (new_exec[e], OUTPUT, ev["path"][0][2])).fetchone()
            if row is None:
                raise HistoryWriteError(f"an output of a run migrated before is missing in the store (execution {new_exec[e]})")
            new_art[str(ev["artifact"])] = row[0]
            art_row = self.conn.execute("SELECT id FROM artifactschema WHERE mlmd_id = ? AND mlmd_parent_step_id = ?",
                                        (row[0], new_exec[e])).fetchone()
            if art_row is not None:
                out_rows[(row[0], e)] = art_row[0]

    def _sql_steps(self, src: dict, runs: List[dict], run_rows: Dict[str, str], new_exec, new_art, step_row, out_rows) -> None:
        executions, artifacts = src["executions"], src["artifacts"]
        events_of: Dict[str, List[dict]] = {}
        producer_of: Dict[str, str] = {}  # as 0.20 finds it: the first execution written with an output event
        for ev in src["events"]:
            if str(ev["execution"]) not in new_exec:
                continue
            events_of.setdefault(str(ev["execution"]), []).append(ev)
            if ev["type"] == OUTPUT:
                known = producer_of.get(str(ev["artifact"]))
                if known is None or new_exec[str(ev["execution"])] < new_exec[known]:
                    producer_of[str(ev["artifact"])] = str(ev["execution"])
        # step_row: legacy execution -> steprunschema id; out_rows: (new artifact id, parent legacy execution) -> artifactschema id
        outputs_of: Dict[str, Set[str]] = {}
        for ev in src["events"]:
            if ev["type"] == OUTPUT and (new_art.get(str(ev["artifact"])), str(ev["execution"])) in out_rows:
                outputs_of.setdefault(str(ev["execution"]), set()).add(str(ev["artifact"]))
        for r in runs:
            steps: Dict[str, str] = {}  # step name -> legacy execution (the last one wins, like the sync's dict)
            for e in r["executions"]:
                steps[executions[str(e)]["step_name"]] = str(e)
            for name, e in steps.items():
                ex = executions[e]
                sid = uuid.uuid4().hex
                step_row[e] = sid
                params = {p[0]: p[4] for p in ex["properties"] if not p[0].startswith("zenml-") and _is_json(p[4])}
                config = ex["step_configuration"]
                self.add("steprunschema", (sid, name, run_rows[r["name"]], ex["entrypoint"], json.dumps(params),
                                           json.dumps(config), config["config"].get("docstring"), new_exec[e],
                                           local_time(ex["created"]), local_time(ex["updated"])))
                self.counts["steps"] += 1
            for e in steps.values():
                for parent in executions[e]["parents"]:
                    if str(parent) in step_row:
                        self.add("steprunorderschema", (step_row[str(parent)], step_row[e]))
            for e in steps.values():
                ex = executions[e]
                evs = sorted(events_of.get(e, []), key=lambda x: x["artifact"])
                arts = sorted({x["artifact"] for x in evs})
                outputs_of[e] = set()
                pending_inputs = []
                for ev, art_key in zip(evs, arts):  # the sync zips events and distinct artifacts, both sorted
                    a = artifacts[str(art_key)]
                    name = ev["path"][0][2] if ev["path"] else ""
                    if ev["type"] == OUTPUT:
                        producer = producer_of.get(str(art_key), e)
                        aid = uuid.uuid4().hex
                        out_rows[(new_art[str(art_key)], e)] = aid
                        outputs_of[e].add(str(art_key))
                        props = {p[0]: p[4] for p in a["properties"] if not p[1]}
                        kind = src["types"][str(a["type"])]["name"]
                        self.add("artifactschema", (aid, name, step_row[e], step_row.get(producer, step_row[e]), kind, a["uri"],
                                                    props.get("materializer") or "", props.get("datatype") or "",
                                                    int(producer != e), new_art[str(art_key)], new_exec[e],
                                                    new_exec.get(producer, new_exec[e]), local_time(a["created"]), local_time(a["created"])))
                    elif ev["type"] == INPUT:
                        pending_inputs.append((name, str(art_key)))
                for name, art_key in pending_inputs:
                    parent = next((str(p) for p in reversed(ex["parents"]) if art_key in outputs_of.get(str(p), ())), None)
                    row = out_rows.get((new_art[art_key], parent)) if parent else None
                    if row is None:
                        raise HistoryWriteError(f"run {r['name']}: step {ex['step_name']} reads an artifact no parent step wrote")
                    self.add("stepinputartifactschema", (step_row[e], row, name))


def _is_json(value) -> bool:
    if value is None:
        return False
    try:
        json.loads(value)
        return True
    except ValueError:
        return False
