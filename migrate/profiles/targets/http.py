"""A tiny JSON-over-HTTP client on urllib (the REST target needs nothing more).

Bounded: every request has a total deadline (connect, send, headers and body together: a server
that trickles one byte every few seconds, or a name that never resolves, is given up on), the
answer is read up to a size cap, and a redirect is followed only to the same server (the token
never goes anywhere else). Nothing a server says is shown as it is: error details are cut to one
line, stripped of control characters and scrubbed of passwords (``zenml_migrate.redact``).
"""

import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from typing import Dict, Optional

from zenml_migrate.redact import REDACTOR, printable, scrub_url

MAX_ANSWER = 64 << 20  # bytes; a listing of thousands of components is a few MB
DETAIL_CHARS = 300


class HttpError(Exception):
    """A request that did not succeed: status (0 when the server was not reached) and detail."""

    def __init__(self, method: str, url: str, status: int, detail: str):
        super().__init__(f"{method} {scrub_url(url)} -> {status or 'no answer'}: {detail}")
        self.method = method
        self.url = url
        self.status = status
        self.detail = detail


class UrlError(ValueError):
    """A server URL this client cannot use (the message says why, without its password)."""


def check_server_url(url: str) -> str:
    """``url`` without a trailing slash, or ``UrlError``: http(s), a host, a valid port, no user info."""
    shown = scrub_url(url) if "://" in str(url) else printable(url)
    try:
        parts = urllib.parse.urlsplit(str(url).strip())
        port = parts.port  # raises for a port that is not a number or out of range
    except ValueError as exc:
        raise UrlError(f"{printable(shown)}: not a valid URL ({exc}); e.g. http://127.0.0.1:8237") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UrlError(f"{printable(shown)}: not an http(s) server URL; e.g. http://127.0.0.1:8237")
    if parts.username is not None or parts.password is not None:
        raise UrlError(
            f"{printable(shown)}: the URL holds a user name or password; pass the user with --username and the"
            " password in ZENML_STORE_PASSWORD (never in the URL: it ends up in shell history and logs)"
        )
    del port
    return str(url).strip().rstrip("/")


def _detail(raw: bytes) -> str:
    """The readable part of an error body (FastAPI: ``{"detail": [...]}`` or a string), one safe line."""
    try:
        detail = json.loads(raw.decode("utf-8"))
        detail = detail.get("detail", detail) if isinstance(detail, dict) else detail
    except (ValueError, UnicodeDecodeError):
        detail = raw.decode("utf-8", "replace")
    if isinstance(detail, list):
        detail = ": ".join(d if isinstance(d, str) else json.dumps(d) for d in detail)
    return safe_text(str(detail))


def safe_text(text: str) -> str:
    """Server text fit to print: secrets masked, control characters escaped, one line, cut."""
    line = " ".join(REDACTOR.text(printable(text)).split())
    return line if len(line) <= DETAIL_CHARS else line[:DETAIL_CHARS] + "..."


class _SameServerRedirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, base: str):
        super().__init__()
        self.origin = _origin(base)

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if _origin(newurl) != self.origin:
            raise urllib.error.HTTPError(req.full_url, code, f"redirected to another server ({_origin(newurl)}); not followed", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _origin(url: str):
    try:
        parts = urllib.parse.urlsplit(url)
        return parts.scheme, parts.hostname, parts.port
    except ValueError:
        return None


class JsonClient:
    def __init__(self, base_url: str, timeout: float = 30.0):
        self.base = base_url.rstrip("/")
        self.timeout = timeout  # total seconds per request, whatever the server does
        self.token: Optional[str] = None
        self._opener = urllib.request.build_opener(_SameServerRedirects(self.base))

    def url(self, path: str, query: Optional[Dict[str, object]] = None) -> str:
        url = self.base + urllib.parse.quote(path, safe="/")
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
        raw = self._exchange(req, method, url)
        if not raw.strip():
            return None
        try:
            return json.loads(raw.decode("utf-8"))
        except (ValueError, UnicodeDecodeError, RecursionError):
            raise HttpError(method, url, 200, "the answer is not JSON") from None

    def _exchange(self, req, method: str, url: str) -> bytes:
        """Send ``req`` and read the whole answer within ``timeout`` seconds in total."""
        outcome: Dict[str, object] = {}

        def run() -> None:
            try:
                with self._opener.open(req, timeout=self.timeout) as resp:
                    outcome["raw"] = _read_capped(resp)
            except urllib.error.HTTPError as exc:
                try:
                    outcome["error"] = HttpError(method, url, exc.code, _detail(_read_capped(exc, 1 << 20) or str(exc.reason).encode()))
                except Exception:  # noqa: BLE001 - a broken error body
                    outcome["error"] = HttpError(method, url, exc.code, safe_text(str(exc.reason)))
            except Exception as exc:  # noqa: BLE001 - URLError, OSError, http.client errors, bad URLs
                reason = getattr(exc, "reason", exc)
                outcome["error"] = HttpError(method, url, 0, safe_text(str(reason) or type(exc).__name__))

        worker = threading.Thread(target=run, name="zenml-migrate-http", daemon=True)
        worker.start()
        worker.join(self.timeout)
        if worker.is_alive():  # the thread is left to die with the process; its answer is ignored
            raise HttpError(method, url, 0, f"no complete answer within {self.timeout:g} s")
        if "error" in outcome:
            raise outcome["error"]  # type: ignore[misc]
        return outcome.get("raw", b"")  # type: ignore[return-value]

    def get(self, path: str, **query):
        return self.request("GET", path, query=query)

    def post(self, path: str, body: object):
        return self.request("POST", path, body=body)

    def put(self, path: str, body: object):
        return self.request("PUT", path, body=body)

    def delete(self, path: str):
        return self.request("DELETE", path)


def _read_capped(resp, cap: int = MAX_ANSWER) -> bytes:
    chunks, total = [], 0
    while True:
        chunk = resp.read(1 << 16)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > cap:
            raise OSError(f"the answer is larger than {cap >> 20} MB")
        chunks.append(chunk)
