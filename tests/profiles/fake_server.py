"""An in-process stand-in for the ZenML 0.20 REST API (reference 4c), for fast REST-target tests.

It keeps projects, components, stacks and flavors in dicts, answers like the real server
(ids dashed, 409 on a same-name create, 404 for unknown names, 500 when a component in a
stack is deleted), validates nothing, and can be told to fail a request (``fail_on``).
The real server is exercised in ``test_real_020.py``.
"""

import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

PASSWORD = "pa55-w0rd-xyz"


class FakeZenServer:
    def __init__(self, version="0.20.5"):
        self.version = version
        self.user = {"id": str(uuid.uuid4()), "name": "default"}
        self.token = "tok-" + uuid.uuid4().hex
        pid = str(uuid.uuid4())
        self.projects = {pid: {"id": pid, "name": "default", "description": ""}}
        self.components = {}
        self.stacks = {}
        self.flavors = {}
        self.requests = []  # (method, path, body text)
        self.fail_on = None  # callable(method, path, body) -> status or None
        self.metadata_config = None  # GET /metadata-config: the MLMD config (a JSON text, as 0.20 sends it), None: 404
        for t in ("orchestrator", "artifact_store"):
            self._add(self.components, {"name": "default", "type": t, "flavor": "local", "configuration": {}, "is_shared": False, "project": pid})
        ids = {c["type"]: [c["id"]] for c in self.components.values()}
        self._add(self.stacks, {"name": "default", "description": "", "components": ids, "is_shared": False, "project": pid})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    def state(self):
        return json.dumps([self.projects, self.components, self.stacks, self.flavors], sort_keys=True)

    def _add(self, table, item):
        item = dict(item, id=str(uuid.uuid4()), user=self.user["id"], created="2026-01-01T00:00:00", updated="2026-01-01T00:00:00")
        table[item["id"]] = item
        return item

    def _project(self, name_or_id):
        for p in self.projects.values():
            if name_or_id in (p["id"], p["name"]):
                return p
        return None

    def handle(self, method, path, query, body):
        parts = path.strip("/").split("/")[2:]  # after api/v1
        if parts == ["login"]:
            form = parse_qs(body)
            if form.get("username") == ["default"] and form.get("password", [""]) == [PASSWORD]:
                return 200, {"access_token": self.token, "token_type": "bearer"}
            return 401, {"detail": "Incorrect username or password"}
        if self._auth != f"Bearer {self.token}":
            return 401, {"detail": "Not authenticated"}
        data = json.loads(body) if body else None
        if parts == ["version"]:
            return 200, self.version
        if parts == ["current-user"]:
            return 200, self.user
        if parts == ["metadata-config"] and self.metadata_config is not None:
            return 200, self.metadata_config
        if parts == ["flavors"] and method == "GET":
            return 200, list(self.flavors.values())
        if parts[0] == "projects":
            if len(parts) == 1 and method == "POST":
                if self._project(data["name"]):
                    return 409, {"detail": ["EntityExistsError", "exists"]}
                pid = str(uuid.uuid4())
                self.projects[pid] = {"id": pid, "name": data["name"], "description": data.get("description", "")}
                return 200, self.projects[pid]
            project = self._project(parts[1])
            if project is None:
                return 404, {"detail": ["KeyError", f"Unable to get project with name or ID '{parts[1]}'"]}
            if len(parts) == 2 and method == "GET":
                return 200, project
            if len(parts) == 2 and method == "DELETE":
                del self.projects[project["id"]]
                for table in (self.components, self.stacks, self.flavors):
                    for k in [k for k, v in table.items() if v["project"] == project["id"]]:
                        del table[k]
                return 200, None
            table = {"components": self.components, "stacks": self.stacks, "flavors": self.flavors}[parts[2]]
            if method == "GET":
                return 200, [v for v in table.values() if v["project"] == project["id"]]
            same = [v for v in table.values() if v["project"] == project["id"] and v["name"] == data["name"] and v.get("type") == data.get("type")]
            if same:
                kind = {"components": "StackComponentExistsError", "stacks": "StackExistsError", "flavors": "EntityExistsError"}[parts[2]]
                return 409, {"detail": [kind, f"Unable to register '{data['name']}'"]}
            if parts[2] == "stacks":
                missing = [i for ids in data["components"].values() for i in ids if i not in self.components]
                if missing:
                    return 404, {"detail": ["KeyError", f"Some components referenced in the stack were not found: {missing}"]}
            return 200, self._add(table, dict(data, project=project["id"]))
        table = {"components": self.components, "stacks": self.stacks, "flavors": self.flavors}.get(parts[0])
        if table is not None and len(parts) == 2:
            item = table.get(parts[1])
            if item is None:
                return 404, {"detail": ["KeyError"]}
            if method == "DELETE":
                if table is self.components and any(parts[1] in ids for s in self.stacks.values() for ids in s["components"].values()):
                    return 500, "Internal Server Error"
                del table[parts[1]]
                return 200, None
            if method == "PUT":
                item.update({k: v for k, v in data.items() if v is not None})
                return 200, item
        return 404, {"detail": "Not Found"}

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _serve(self):
                parsed = urlparse(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode() if length else ""
                server.requests.append((self.command, self.path, body))
                server._auth = self.headers.get("Authorization")
                failure = server.fail_on(self.command, parsed.path, body) if server.fail_on else None
                if failure:
                    status, payload = failure, {"detail": ["InjectedError", "injected failure"]}
                else:
                    status, payload = server.handle(self.command, parsed.path, parse_qs(parsed.query), body)
                raw = payload.encode() if isinstance(payload, str) and status == 500 else json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            do_GET = do_POST = do_PUT = do_DELETE = _serve

        return Handler
