"""Write ZenML 0.13.2 config dirs by hand, in the layout the real 0.13.2 writes (compare
``fixtures/configs/default_only``): for bad-input cases and the synthetic benchmark.
Real inputs come from ``fixtures/make_config_dirs.py``."""

import base64
import os
import sqlite3
import uuid
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import yaml

Components = Dict[Tuple[str, str], Tuple[str, dict]]  # (type, name) -> (flavor, config)


def _dir(type_: str) -> str:
    return "container_registries" if type_ == "container_registry" else type_ + "s"


def default_components(cfg: Path) -> Components:
    as_id, ms_id = str(uuid.uuid4()), str(uuid.uuid4())
    return {
        ("orchestrator", "default"): ("local", {}),
        ("artifact_store", "default"): ("local", {"path": f"{cfg}/local_stores/{as_id}", "uuid": as_id}),
        ("metadata_store", "default"): ("sqlite", {"uri": f"{cfg}/local_stores/{ms_id}/metadata.db", "upgrade_migration_enabled": True, "uuid": ms_id}),
    }


DEFAULT_STACK = {"orchestrator": "default", "artifact_store": "default", "metadata_store": "default"}


def write_profile(
    cfg: Path,
    name: str,
    components: Components,
    stacks: Dict[str, Dict[str, str]],
    flavors: Optional[List[dict]] = None,
    extra: Optional[dict] = None,
) -> Path:
    """A local YAML-store profile ``cfg/profiles/<name>``."""
    prof = cfg / "profiles" / name
    prof.mkdir(parents=True, exist_ok=True)
    by_type: Dict[str, Dict[str, str]] = {}
    made = set()
    for (type_, cname), (flavor, config) in components.items():
        by_type.setdefault(type_, {})[cname] = flavor
        d = prof / _dir(type_)
        if d not in made:
            d.mkdir(exist_ok=True)
            made.add(d)
        doc = {"name": cname, "uuid": config.get("uuid") or str(uuid.uuid4()), **{k: v for k, v in config.items() if k != "uuid"}}
        (d / f"{cname}.yaml").write_text(yaml.safe_dump(doc, sort_keys=True), encoding="utf-8")
    store = {
        "projects": [], "role_assignments": [], "roles": [], "stack_component_flavors": flavors or [],
        "stack_components": by_type, "stacks": stacks, "store_associations": [], "team_assignments": {},
        "teams": [], "users": [{"creation_date": "2026-11-26T07:00:36.075054", "id": str(uuid.uuid4()), "name": "default"}],
    }
    store.update(extra or {})
    (prof / "stacks.yaml").write_text(yaml.safe_dump(store, sort_keys=True), encoding="utf-8")
    return prof


def write_config(cfg: Path, profiles: Dict[str, dict], active: str = "default") -> Path:
    """``cfg/config.yaml`` listing ``profiles`` (name -> {store_type, active_stack, store_url?})."""
    cfg.mkdir(parents=True, exist_ok=True)
    entries = {}
    for name, p in profiles.items():
        store_type = p.get("store_type", "local")
        url = p.get("store_url") or (
            f"file://{cfg}/profiles/{name}" if store_type == "local" else f"sqlite:///{cfg}/profiles/{name}/zenml.db"
        )
        entries[name] = {"active_stack": p.get("active_stack", "default"), "active_user": "default", "name": name,
                         "store_type": store_type, "store_url": url}
    doc = {"activated_profile": active, "analytics_opt_in": False, "profiles": entries,
           "user_id": str(uuid.uuid4()), "user_metadata": None, "version": "0.13.2"}
    (cfg / "config.yaml").write_text(yaml.safe_dump(doc, sort_keys=True), encoding="utf-8")
    return cfg


def simple_config(cfg: Path, components: Optional[Components] = None, stacks: Optional[Dict[str, Dict[str, str]]] = None,
                  active_stack: str = "default", flavors=None) -> Path:
    """One ``default`` profile: the default stack plus ``components`` / ``stacks``."""
    comps = default_components(cfg)
    comps.update(components or {})
    all_stacks = {"default": dict(DEFAULT_STACK)}
    all_stacks.update(stacks or {})
    write_config(cfg, {"default": {"active_stack": active_stack}})
    write_profile(cfg, "default", comps, all_stacks, flavors)
    return cfg


def write_sql_profile(db: Path, components: Components, stacks: Dict[str, Dict[str, str]], flavors: Optional[List[dict]] = None) -> Path:
    """A 0.13.2 SQLite store (reference 3.5) with the given components and stacks."""
    db.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(db)
    conn.executescript(
        """
        CREATE TABLE zenstack (name VARCHAR PRIMARY KEY, created_by INTEGER, create_time DATETIME);
        CREATE TABLE zenstackcomponent (id CHAR(32) PRIMARY KEY, type VARCHAR, name VARCHAR, flavor VARCHAR, configuration BLOB);
        CREATE TABLE zenstackdefinition (stack_name VARCHAR, component_id CHAR(32), PRIMARY KEY (stack_name, component_id));
        CREATE TABLE zenflavor (type VARCHAR, name VARCHAR, source VARCHAR, integration VARCHAR, PRIMARY KEY (type, name));
        CREATE TABLE zenuser (id INTEGER PRIMARY KEY, name VARCHAR);
        """
    )
    ids = {}
    for (type_, name), (flavor, config) in components.items():
        cid = config.get("uuid") or str(uuid.uuid4())
        ids[(type_, name)] = cid.replace("-", "")
        doc = yaml.safe_dump({"name": name, "uuid": cid, **{k: v for k, v in config.items() if k != "uuid"}})
        conn.execute("INSERT INTO zenstackcomponent VALUES (?, ?, ?, ?, ?)",
                     (ids[(type_, name)], type_, name, flavor, base64.b64encode(doc.encode())))
    for sname, members in stacks.items():
        conn.execute("INSERT INTO zenstack VALUES (?, 1, '2026-11-26 07:00:00.000000')", (sname,))
        for type_, cname in members.items():
            conn.execute("INSERT INTO zenstackdefinition VALUES (?, ?)", (sname, ids.get((type_, cname), "0" * 32)))
    for f in flavors or []:
        conn.execute("INSERT INTO zenflavor VALUES (?, ?, ?, ?)", (f["type"], f["name"], f["source"], f.get("integration")))
    conn.execute("INSERT INTO zenuser VALUES (1, 'LocalZenUser')")
    conn.commit()
    conn.close()
    return db


def synthetic_components(cfg: Path, stacks: int, components: int):
    """``components`` components and ``stacks`` stacks over them (each stack 5 components)."""
    comps: Components = {}
    kinds = [("orchestrator", "local_docker", lambda i: {"docker_parent_image": f"python:3.{i % 4 + 7}"}),
             ("artifact_store", "local", lambda i: {"path": f"/data/artifacts/{i}"}),
             ("container_registry", "default", lambda i: {"uri": f"registry.example.com/team{i}"}),
             ("experiment_tracker", "mlflow", lambda i: {"tracking_uri": f"http://mlflow{i}:5000", "tracking_token": "t"}),
             ("secrets_manager", "local", lambda i: {"secrets_file": f"/data/secrets/{i}.yaml", "scope": "none"})]
    names: Dict[str, List[str]] = {}
    for i in range(components):
        type_, flavor, config = kinds[i % len(kinds)]
        name = f"{type_.split('_')[0]}_{i}"
        comps[(type_, name)] = (flavor, config(i))
        names.setdefault(type_, []).append(name)
    stack_defs = {}
    for s in range(stacks):
        stack_defs[f"stack_{s}"] = {t: ns[s % len(ns)] for t, ns in names.items()}
    return comps, stack_defs


_KILLED_WRITER = """
import os, signal, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA journal_mode=DELETE")
conn.execute("PRAGMA cache_size=1")  # changed pages spill into the database file before the commit
conn.execute("BEGIN IMMEDIATE")
conn.execute(sys.argv[2])
conn.execute("CREATE TABLE spill(x)")
for _ in range(2000):
    conn.execute("INSERT INTO spill VALUES (randomblob(900))")
os.kill(os.getpid(), signal.SIGKILL)
"""


def interrupted_write(db: Path, sql: str) -> None:
    """``db`` as a ZenML command killed in the middle of a write leaves it: a hot journal next to it, and
    changed pages already in the file."""
    import subprocess
    import sys

    subprocess.run([sys.executable, "-c", _KILLED_WRITER, str(db), sql], check=False)
    assert Path(f"{db}-journal").stat().st_size > 0
