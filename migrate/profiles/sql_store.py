"""The 0.13.2 SQLite zen store of one profile (``store_type: sql``, reference 3.5).

``zenstackcomponent.configuration`` is the base64 of the same YAML document the YAML store
writes (``name`` and dashed ``uuid`` included). The database is opened read-only.
"""

import base64
import binascii
import json
import sqlite3
from typing import Dict, List, Tuple

import sqlite_utils

from zenml_migrate.profiles.model import LegacyComponent, LegacyFlavor, LegacyProfile, LegacyStack, Origin, Problem
from zenml_migrate.profiles.yaml_io import InputError, check_readable, fail, parse_yaml
from zenml_migrate.sqlite_read import ROLLED_BACK_NOTE, connect_readonly

TABLES = ("zenstack", "zenstackcomponent", "zenstackdefinition", "zenflavor")
EXTRAS = {"teams": "teamtable", "projects": "projecttable", "roles": "roletable",
          "role assignments": "roleassignmenttable", "store associations": "storeassociationtable"}


def read_profile(profile: LegacyProfile, db_path: str) -> None:
    check_readable(db_path, "SQLite store")  # a FIFO, device, unreadable / directory / symlink loop: a clear error first
    try:
        conn, rolled_back = connect_readonly(db_path)
        if rolled_back:
            profile.notes.append(ROLLED_BACK_NOTE.format(path=db_path, release="ZenML 0.13.2"))
        db = sqlite_utils.Database(conn)
        tables = set(db.table_names())
    except sqlite3.DatabaseError as e:
        _if_locked(db_path, e)
        raise fail(db_path, f"not a readable SQLite database ({e})", "restore the zenml.db file from a backup")
    try:
        if conn.execute("PRAGMA quick_check").fetchone() != ("ok",):
            raise fail(db_path, "the SQLite store fails its integrity check (damaged or truncated)", "restore the zenml.db file from a backup")
        missing = [t for t in TABLES if t not in tables]
        if missing:
            raise fail(db_path, f"not a ZenML 0.13.2 SQL store: table(s) {', '.join(missing)} missing", "pass the zenml.db of a 0.13.2 profile")
        _read(profile, db, db_path, tables)
    except sqlite3.DatabaseError as e:
        _if_locked(db_path, e)
        raise fail(db_path, f"cannot read the SQLite store ({e})", "restore the zenml.db file from a backup")
    finally:
        conn.close()


def _if_locked(db_path: str, e: sqlite3.DatabaseError) -> None:
    """A store another process holds locked is not damaged: say so, and not "restore it"."""
    if isinstance(e, sqlite3.OperationalError) and "locked" in str(e):
        raise fail(db_path, "the SQLite store is locked by another process (a ZenML 0.13.2 command, pipeline or "
                   "`zenml server` still running?)", "wait for it to finish (or stop it) and migrate again")


def _component_rows(db) -> List[Dict[str, str]]:
    """``zenstackcomponent`` as rows of id, type, name, flavor, configuration. ZenML 0.7-0.12 named the
    columns ``component_type``/``component_flavor`` (0.7-0.10 with no ``id``: a component is its type
    and name), 0.13 ``type``/``flavor``."""
    columns = {c.name for c in db["zenstackcomponent"].columns}
    if "type" in columns:
        return [dict(r) for r in db["zenstackcomponent"].rows]
    return [{"id": r.get("id") or f"{r['component_type']}/{r['name']}", "type": r["component_type"], "name": r["name"],
             "flavor": r["component_flavor"], "configuration": r["configuration"]} for r in db["zenstackcomponent"].rows]


def _definitions(db, rows: List[Dict[str, str]]) -> List[Tuple[str, str]]:
    """(stack name, component id of ``rows``) of every ``zenstackdefinition`` row: 0.13 names the
    component by id, 0.7-0.12 by its type and name."""
    columns = {c.name for c in db["zenstackdefinition"].columns}
    if "component_id" in columns:
        return [(r["stack_name"], str(r["component_id"])) for r in db["zenstackdefinition"].rows]
    ids = {(str(r["type"]), str(r["name"])): str(r["id"]) for r in rows}
    return [(r["stack_name"], ids.get((str(r["component_type"]), str(r["component_name"])), f"{r['component_type']}/{r['component_name']}"))
            for r in db["zenstackdefinition"].rows]


def _read(profile: LegacyProfile, db, db_path: str, tables) -> None:
    by_id = {}
    rows = _component_rows(db)
    for row in rows:
        where = f"{db_path} (zenstackcomponent {row['type']} {row['name']!r})"
        item = f"{row['type']} {profile.name}/{row['name']}"
        try:
            config = _decode(row["configuration"], where)
        except InputError as e:
            e.problem.item = item
            profile.problems.append(e.problem)
            continue
        uuid = str(config.get("uuid") or _dashed(row["id"]))
        comp = LegacyComponent(
            str(row["type"]), str(row["name"]), str(row["flavor"]),
            {k: v for k, v in config.items() if k not in ("name", "uuid")}, uuid, Origin(where),
        )
        by_id[str(row["id"])] = comp
        profile.components.append(comp)
    members = {}
    for stack_name, component_id in _definitions(db, rows):
        members.setdefault(stack_name, []).append(component_id)
    ids = {str(r["id"]): (str(r["type"]), str(r["name"])) for r in rows}
    for row in db["zenstack"].rows:
        name = str(row["name"])
        comps = {}
        origin = Origin(f"{db_path} (zenstack {name!r})")
        for cid in members.get(name, []):
            comp = by_id.get(cid)
            if comp is not None:
                comps[comp.type] = comp.name
            elif cid in ids:  # a component whose configuration cannot be read (reported above): the plan drops the stack
                comps[ids[cid][0]] = ids[cid][1]
            else:
                profile.problems.append(Problem(
                    origin, f"stack {name!r} names the component id {cid}, which is not in zenstackcomponent",
                    "re-create the stack with ZenML 0.13.2, or migrate without it", f"stack {profile.name}/{name}"))
        profile.stacks.append(LegacyStack(name, comps, origin))
    for row in db["zenflavor"].rows:
        profile.flavors.append(
            LegacyFlavor(str(row["name"]), str(row["type"]), str(row["source"]), row.get("integration"),
                         Origin(f"{db_path} (zenflavor {row['name']!r})"))
        )
    if "usertable" in tables:
        profile.users = [dict(r) for r in db["usertable"].rows]
    for label, table in EXTRAS.items():
        profile.extras[label] = db[table].count if table in tables else 0
    if "pipelineruntable" in tables:
        profile.run_records = _run_records(db)
        profile.run_table = True
        profile.store_db = db_path


def _run_records(db) -> dict:
    """(pipeline, run) -> the pipeline_runs.yaml shape of one ``pipelineruntable`` row (docstrings, version, sha, stack)."""
    out = {}
    for row in db["pipelineruntable"].rows:
        record = {"name": row["name"], "zenml_version": row["zenml_version"], "git_sha": row["git_sha"]}
        for key in ("pipeline", "stack", "runtime_configuration"):
            try:
                record[key] = json.loads(row[key] or "null")
            except ValueError:
                record[key] = None
        out[(str(row["pipeline_name"]), str(row["name"]))] = record
    return out


def _dashed(hex_id: str) -> str:
    h = str(hex_id).replace("-", "")
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}" if len(h) == 32 else str(hex_id)


def _decode(blob, where: str) -> dict:
    raw = blob.encode() if isinstance(blob, str) else bytes(blob or b"")
    try:
        text = base64.b64decode(raw, validate=True).decode("utf-8")
    except (binascii.Error, ValueError):
        raise fail(where, "configuration is not base64 of UTF-8 YAML", "re-register the component with ZenML 0.13.2")
    return parse_yaml(text, where, "component configuration")
