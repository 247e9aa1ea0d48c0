"""``--server URL --username NAME``: write a plan to a running ZenML 0.20 server over REST.

Reference 4c: ``POST /api/v1/login`` (form) gives a bearer token; components, stacks and
flavors are created under ``/api/v1/projects/{project}/...`` and deleted by id. The server
validates nothing, so the plan is checked client side first (``validate``). Writes go
flavors, then components, then stacks; if any request fails, everything this run created
is deleted again in reverse order (and anything it replaced is put back), and the report
says so. The password comes from ``ZENML_STORE_PASSWORD`` (what 0.20 reads), else from a
prompt when stdin is a terminal; it is never echoed, logged or put in a message.
"""

import getpass
import json
import os
import sqlite3
import sys
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

from zenml_migrate import redact

from zenml_migrate.profiles.global_config import DEFAULT_STORE, GlobalConfig, GlobalConfigError, default_config_dir
from zenml_migrate.profiles.model import Plan
from zenml_migrate.profiles.targets import Existing, Target, TargetError, WriteResult
from zenml_migrate.profiles.targets.catalog import inferred_config_schema
from zenml_migrate.profiles.targets.http import HttpError, JsonClient, UrlError, check_server_url, safe_text
from zenml_migrate.profiles.targets.sqlite_schema import check_schema
from zenml_migrate.profiles.targets.store import add_history_state, write_runs
from zenml_migrate.profiles.targets.validate import checked_writable, component_key, flavor_writable, skipped_flavor_message
from zenml_migrate.sqlite_read import connect_readonly

PASSWORD_ENV = "ZENML_STORE_PASSWORD"
API = "/api/v1"


def resolve_password(username: str, stdin_isatty: Callable[[], bool] = None, prompt: Callable[[str], str] = getpass.getpass) -> str:
    """``$ZENML_STORE_PASSWORD``, else a hidden prompt on a terminal, else a clear error."""
    if PASSWORD_ENV in os.environ:
        return os.environ[PASSWORD_ENV]
    isatty = stdin_isatty or (lambda: sys.stdin is not None and sys.stdin.isatty())
    if not isatty():
        raise TargetError(
            f"no password for `{username}`: set {PASSWORD_ENV} (empty for the default user of a local `zenml up`);"
            " stdin is not a terminal, so there is no prompt"
        )
    return prompt(f"Password for {username}: ")


class _Undo:
    """What this run changed on the server, to put back in reverse order."""

    def __init__(self, api: JsonClient):
        self.api = api
        self.steps: List[Tuple[str, str, Optional[dict]]] = []  # (what, path, old body for PUT or None for DELETE)

    def created(self, what: str, path: str) -> None:
        self.steps.append((what, path, None))

    def replaced(self, what: str, path: str, old: dict) -> None:
        self.steps.append((what, path, old))

    def run(self) -> List[str]:
        """Undo everything; return what could not be undone."""
        left = []
        for what, path, old in reversed(self.steps):
            try:
                if old is None:
                    self.api.delete(path)
                else:
                    self.api.put(path, old)
            except HttpError as exc:
                left.append(f"{what} ({exc.status or 'no answer'}: {exc.detail})")
        return left


def _update_body(model: dict, keys) -> dict:
    return {k: model[k] for k in keys if k in model}


COMPONENT_KEYS = ("name", "type", "flavor", "configuration", "is_shared")
STACK_KEYS = ("name", "description", "components", "is_shared")
FLAVOR_KEYS = ("name", "type", "source", "config_schema", "integration", "user", "project")


class RestTarget(Target):
    """A running ZenML 0.20 server (``--server URL --username NAME``)."""

    def __init__(self, url: str, username: str, password: Optional[str] = None, timeout: float = 30.0, config_dir: Optional[str] = None):
        try:
            self.url = check_server_url(url)
        except UrlError as exc:
            raise TargetError(f"--server {exc}") from None
        self.username = username
        self._password = password
        redact.register(password)
        self.api = JsonClient(self.url, timeout=timeout)
        self.config_dir = config_dir
        self.user_id: Optional[str] = None
        self.server_version: Optional[str] = None  # from /version at login

    def describe(self) -> str:
        return f"server {self.url}"

    def __repr__(self) -> str:  # never show the password
        return f"RestTarget({self.url!r}, username={self.username!r})"

    # -- session

    def _fail(self, exc: HttpError, doing: str) -> TargetError:
        if exc.status == 0:
            return TargetError(f"{self.url}: cannot reach the server while {doing} ({exc.detail}); is it running (`zenml up`) and is the URL right?")
        return TargetError(f"{self.url}: {doing} failed ({exc.status}: {exc.detail})")

    def login(self) -> None:
        if self.api.token:
            return
        password = self._password if self._password is not None else resolve_password(self.username)
        redact.register(password)  # a server that echoes the login form back never shows it
        try:
            token = self.api.request("POST", f"{API}/login", form={"username": self.username, "password": password})
        except HttpError as exc:
            if exc.status == 401:
                raise TargetError(f"{self.url}: login as `{self.username}` refused (wrong user name or password; set {PASSWORD_ENV})") from None
            raise self._fail(exc, "logging in") from None
        finally:
            password = None
        if not isinstance(token, dict) or not isinstance(token.get("access_token"), str) or not token["access_token"]:
            raise TargetError(f"{self.url}: the login answer has no access token; is this a ZenML 0.20 server?")
        self.api.token = token["access_token"]
        redact.register(self.api.token)
        try:
            version = str(self.api.get(f"{API}/version"))
            user = self.api.get(f"{API}/current-user")
        except HttpError as exc:
            raise self._fail(exc, "reading the server version") from None
        if not isinstance(user, dict) or not isinstance(user.get("id"), str):
            raise TargetError(f"{self.url}: unexpected answer for the current user; is this a ZenML 0.20 server?")
        self.user_id = user["id"]
        if not version.startswith("0.20."):
            raise TargetError(f"{self.url}: the server runs ZenML {safe_text(version)[:40]}; this migration writes the ZenML 0.20.x API only (use --bundle)")
        self.server_version = version

    # -- reading

    def _project(self, project: str) -> Optional[dict]:
        try:
            return self.api.get(f"{API}/projects/{project}")
        except HttpError as exc:
            if exc.status == 404:
                return None
            raise self._fail(exc, f"looking up project `{project}`") from None

    def _snapshot(self, project: str):
        """(Existing, component ids by (type, name), stack models by name, flavor models by (type, name))."""
        self.login()
        found = self._project(project)
        existing = Existing(project_exists=found is not None)
        comp_ids: Dict[Tuple[str, str], str] = {}
        comps: Dict[str, dict] = {}
        stacks: Dict[str, dict] = {}
        flavors: Dict[Tuple[str, str], dict] = {}
        if found is None:
            return existing, comp_ids, comps, stacks, flavors
        try:
            components = self.api.get(f"{API}/projects/{project}/components")
            stack_list = self.api.get(f"{API}/projects/{project}/stacks")
            flavor_list = self.api.get(f"{API}/flavors")
        except HttpError as exc:
            raise self._fail(exc, f"listing project `{project}`") from None
        names_by_id = {}
        for c in components:
            if c["user"] != self.user_id and not c["is_shared"]:
                continue
            key = (c["type"], c["name"])
            existing.components[key] = (c["flavor"], c["configuration"])
            comp_ids[key] = c["id"]
            comps[c["id"]] = c
            names_by_id[c["id"]] = key
        for s in stack_list:
            if s["user"] != self.user_id and not s["is_shared"]:
                continue
            stacks[s["name"]] = s
            existing.stack_ids.add(s["id"])
            existing.stacks[s["name"]] = {t: names_by_id[ids[0]][1] for t, ids in s["components"].items() if ids and ids[0] in names_by_id}
        for f in flavor_list:
            if f.get("project") == found["id"]:
                existing.flavors[(f["type"], f["name"])] = f["source"]
                flavors[(f["type"], f["name"])] = f
        return existing, comp_ids, comps, stacks, flavors

    def _checked_snapshot(self, project: str):
        """``_snapshot``, with any answer of the wrong shape turned into one clear error."""
        try:
            return self._snapshot(project)
        except (KeyError, TypeError, AttributeError, IndexError, ValueError) as exc:
            raise TargetError(f"{self.url}: unexpected answer while listing project `{project}` ({type(exc).__name__}); is this a ZenML 0.20 server?") from None

    def existing(self, project: str) -> Existing:
        existing = self._checked_snapshot(project)[0]
        existing.zenml_version = self.server_version
        existing.store_id = self.user_id
        db, problem = self._history_db()
        if problem:
            existing.history_error = problem
        else:
            try:
                conn, _rolled_back = connect_readonly(db, timeout=10)
                try:
                    add_history_state(existing, conn, project)
                finally:
                    conn.close()
            except sqlite3.DatabaseError as exc:
                existing.history_error = f"cannot read the server's database {db} ({exc})"
        return existing

    def _history_db(self) -> Tuple[Optional[str], Optional[str]]:
        """The server's SQLite file (runs live in its MLMD tables, which REST cannot write), or why not."""
        try:
            body = self.api.get(f"{API}/metadata-config")
            config = json.loads(body) if isinstance(body, str) else body
        except (HttpError, ValueError, RecursionError) as exc:
            return None, f"the server does not say where its metadata lives ({safe_text(str(exc))})"
        sqlite_cfg = (config or {}).get("sqlite") if isinstance(config, dict) else None
        if sqlite_cfg and not isinstance(sqlite_cfg, dict):
            return None, "the server's metadata config is not a ZenML 0.20 one"
        if not sqlite_cfg:
            return None, ("the server keeps its runs in a MySQL database, which this tool cannot write; run history is "
                          "migrated into SQLite-backed ZenML 0.20 stores only (--store, or a local `zenml up`)")
        path = sqlite_cfg.get("filenameUri") or sqlite_cfg.get("filename_uri") or ""
        if not isinstance(path, str) or not os.path.isfile(path):
            return None, (f"the server's SQLite database {safe_text(str(path))[:300]} is not on this machine; run the migration "
                          "where the server runs (--store on its config dir, with the server stopped, or --server there)")
        problem = self._not_our_store(path)
        return (None, problem) if problem else (os.path.realpath(path), None)

    def local_stores(self) -> List[str]:
        """The SQLite files a server of this machine may name: the local 0.20 config's store, the
        default store `zenml up` serves (``$ZENML_LOCAL_STORES_PATH`` too), and the store given to `zenml up`."""
        cfg = default_config_dir() if self.config_dir is None else Path(self.config_dir)
        stores = os.environ.get("ZENML_LOCAL_STORES_PATH")
        out = [str(Path(stores) / "default_zen_store" / "zenml.db") if stores else str(cfg / DEFAULT_STORE)]
        for config_dir in (cfg, cfg / "zen_server" / "local" / ".zenconfig"):  # the client's, the copy `zenml up` runs with
            try:
                path = GlobalConfig(config_dir).store_path()
            except GlobalConfigError:
                continue
            if path is not None:
                out.append(str(path))
        return out

    def _not_our_store(self, path: str) -> Optional[str]:
        """Why run rows must not be written into ``path``, the database the server named (None: write).
        The server is only trusted with a file this machine's 0.20 config uses, with the 0.20 schema."""
        real = os.path.realpath(path)
        known = self.local_stores()
        if real not in {os.path.realpath(p) for p in known}:
            return (f"the server names {safe_text(path)[:300]} as its database, which is not a ZenML 0.20 store of this machine's "
                    f"config ({', '.join(known)}); the run history is written only into the store a local `zenml up` serves: "
                    "run the migration with the ZENML_CONFIG_PATH that server was started with, or use --store on its config dir")
        try:
            conn, _rolled_back = connect_readonly(real, timeout=10)
            try:
                schema = check_schema(conn)
            finally:
                conn.close()
        except sqlite3.DatabaseError as exc:
            return f"the server's database {path} cannot be read ({exc})"
        if schema:
            return f"the server's database {path} does not have the ZenML 0.20 schema ({schema}); run history not written"
        return None

    def _write_history(self, plan: Plan, result: WriteResult) -> None:
        """One SQLite transaction on the server's database, after the stacks exist."""
        if not plan.history_writes():
            return
        db, problem = self._history_db()
        if problem:
            raise TargetError(f"{self.url}: run history: {problem}")
        conn = sqlite3.connect(db, isolation_level=None, timeout=30)
        try:
            conn.execute("BEGIN IMMEDIATE")
            write_runs(conn, plan, self.username, result)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        finally:
            conn.close()

    # -- writing

    def write(self, plan: Plan) -> WriteResult:
        result = WriteResult(target=self.describe())
        existing, comp_ids, comps, stack_models, flavor_models = self._checked_snapshot(plan.project)
        writable = checked_writable(plan, existing, self.url, result)
        if writable is None and plan.history_writes():
            writable = ([], [], [])
            result.done.remove("already migrated: nothing to write")
        if writable is None:
            return result
        flavors, components, stacks = writable
        undo = _Undo(self.api)
        step = "starting"
        p = plan.project
        try:
            if not existing.project_exists:
                step = f"creating project `{p}`"
                self.api.post(f"{API}/projects", {"name": p, "description": "Created by zenml-migrate"})
                undo.created(f"project {p}", f"{API}/projects/{p}")
                result.created.append(f"project {p}")
            project_id = self.api.get(f"{API}/projects/{p}")["id"]
            if "default" not in stack_models:
                step = f"creating the default stack of project `{p}`"
                comp_ids.update(self._default_stack(p, undo, result))
            for f in flavors:
                if not flavor_writable(f):
                    result.messages.append(skipped_flavor_message(f))
                    continue
                step = f"writing flavor `{f.target_name}`"
                configs = [c.target_config for c in components if c.legacy.type == f.legacy.type and c.target_flavor == f.target_name]
                body = {
                    "name": f.target_name,
                    "type": f.legacy.type,
                    "source": f.flavor_source,
                    "config_schema": inferred_config_schema(f"{f.target_name} config", configs),
                    "integration": f.legacy.integration or "",
                    "user": self.user_id,
                    "project": project_id,
                }
                old = flavor_models.get((f.legacy.type, f.target_name))
                self._put_or_post(f"flavor {f.target_name}", f.replaces_existing and old, f"{API}/flavors", f"{API}/projects/{p}/flavors", body, FLAVOR_KEYS, undo, result)
            for c in components:
                step = f"writing {c.legacy.type} `{c.target_name}`"
                body = {"name": c.target_name, "type": c.legacy.type, "flavor": c.target_flavor, "configuration": c.target_config, "is_shared": False}
                key = component_key(c)
                old = comps.get(comp_ids.get(key, ""))
                made = self._put_or_post(f"{c.legacy.type} {c.target_name}", c.replaces_existing and old, f"{API}/components", f"{API}/projects/{p}/components", body, COMPONENT_KEYS, undo, result)
                comp_ids[key] = made["id"]
            active_id = None
            for s in stacks:
                step = f"writing stack `{s.target_name}`"
                slots = {t: [comp_ids[component_key(c)]] for t, c in s.components.items()}
                body = {"name": s.target_name, "description": "", "components": slots, "is_shared": False}
                old = stack_models.get(s.target_name)
                made = self._put_or_post(f"stack {s.target_name}", s.replaces_existing and old, f"{API}/stacks", f"{API}/projects/{p}/stacks", body, STACK_KEYS, undo, result)
                result.stack_ids[s.target_name] = made["id"]
                if plan.active_stack == s.target_name and not plan.active_stack_is_suggestion:
                    active_id = made["id"]
            step = "writing the run history"
            self._write_history(plan, result)
        except BaseException as exc:
            left = undo.run()
            if not isinstance(exc, Exception):
                raise  # KeyboardInterrupt and the like, after the undo
            reason = f"{exc.status or 'no answer'}: {exc.detail}" if isinstance(exc, HttpError) else f"unexpected answer: {type(exc).__name__}"
            what = f"{self.url}: {step} failed ({reason})"
            if left:
                raise TargetError(f"{what}; rolled back, but could not remove: {', '.join(left)} (delete them with the zenml CLI)", partial=True) from None
            raise TargetError(f"{what}; everything this run created was deleted again, nothing written") from None
        if active_id:
            self._set_active(plan, active_id, result)
        return result

    def _put_or_post(self, what: str, old: Optional[dict], item_path: str, create_path: str, body: dict, keys, undo: _Undo, result: WriteResult) -> dict:
        if old:
            made = self.api.put(f"{item_path}/{old['id']}", _update_body(body, keys))
            undo.replaced(what, f"{item_path}/{old['id']}", _update_body(old, keys))
            result.updated.append(what)
            return made
        made = self.api.post(create_path, body)
        undo.created(what, f"{item_path}/{made['id']}")
        result.created.append(what)
        return made

    def _default_stack(self, project: str, undo: _Undo, result: WriteResult) -> Dict[Tuple[str, str], str]:
        """The user's default stack in ``project`` (local orchestrator and artifact store), as 0.20 creates it."""
        ids = {}
        for type_ in ("orchestrator", "artifact_store"):
            body = {"name": "default", "type": type_, "flavor": "local", "configuration": {}, "is_shared": False}
            made = self.api.post(f"{API}/projects/{project}/components", body)
            undo.created(f"{type_} default", f"{API}/components/{made['id']}")
            ids[(type_, "default")] = made["id"]
        stack = {"name": "default", "description": "", "components": {t: [i] for (t, _), i in ids.items()}, "is_shared": False}
        made = self.api.post(f"{API}/projects/{project}/stacks", stack)
        undo.created("stack default", f"{API}/stacks/{made['id']}")
        result.created.append(f"default stack of project {project}")
        return ids

    def _set_active(self, plan: Plan, stack_id: str, result: WriteResult) -> None:
        """Activate the stack in the local client config when that client talks to this server."""
        try:
            gc = GlobalConfig(default_config_dir() if self.config_dir is None else self.config_dir)
            url = str(gc.store.get("url") or "").rstrip("/")
            if gc.store.get("type") == "rest" and url == self.url:
                gc.set_active(stack_id, plan.project)
                result.files.append(str(gc.file))
                result.done.append(f"active stack of {gc.file}: {plan.active_stack} (project {plan.project})")
                return
        except GlobalConfigError as exc:
            result.messages.append(str(exc))
        result.messages.append(f"activate the stack with `{plan.stack_set_command()}` (project {plan.project})")
