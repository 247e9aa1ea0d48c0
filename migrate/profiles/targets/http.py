"""A tiny JSON-over-HTTP client on urllib (the REST target needs nothing more)."""

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Dict, Optional


class HttpError(Exception):
    """A request that did not succeed: status (0 when the server was not reached) and detail."""

    def __init__(self, method: str, url: str, status: int, detail: str):
        super().__init__(f"{method} {url} -> {status or 'no answer'}: {detail}")
        self.method = method
        self.url = url
        self.status = status
        self.detail = detail


def _detail(raw: bytes) -> str:
    """The readable part of an error body (FastAPI: ``{"detail": [...]}`` or a string)."""
    try:
        detail = json.loads(raw.decode("utf-8")).get("detail", raw.decode("utf-8"))
    except (ValueError, AttributeError, UnicodeDecodeError):
        return raw.decode("utf-8", "replace")[:300]
    if isinstance(detail, list):
        return ": ".join(json.dumps(d) if not isinstance(d, str) else d for d in detail)
    return str(detail)


class JsonClient:
    def __init__(self, base_url: str, timeout: float = 30.0):
        self.base = base_url.rstrip("/")
        self.timeout = timeout
        self.token: Optional[str] = None

    def url(self, path: str, query: Optional[Dict[str, object]] = None) -> str:
        url = self.base + path
        if query:
            url += "?" + urllib.parse.urlencode({k: v for k, v in query.items() if v is not None})
        return url

    def request(self, method: str, path: str, body: object = None, form: Optional[Dict[str, str]] = None, query: Optional[Dict[str, object]] = None):
        url = self.url(path, query)
        headers = {"Accept": "application/json"}
        data = None
        if form is not None:
            data = urllib.parse.urlencode(form).encode("utf-8")
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif body is not None:
            data = json.dumps(body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        req = urllib.request.Request(url, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                raw = resp.read()
        except urllib.error.HTTPError as exc:
            raise HttpError(method, url, exc.code, _detail(exc.read() or b"")) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise HttpError(method, url, 0, str(reason)) from None
        if not raw.strip():
            return None
        try:
            return json.loads(raw.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            raise HttpError(method, url, 200, f"the answer is not JSON ({raw[:80]!r}...)") from None

    def get(self, path: str, **query):
        return self.request("GET", path, query=query)

    def post(self, path: str, body: object):
        return self.request("POST", path, body=body)

    def put(self, path: str, body: object):
        return self.request("PUT", path, body=body)

    def delete(self, path: str):
        return self.request("DELETE", path)
