"""Hostile HTTP servers for the ``--server`` target: each answers on raw sockets exactly as bad
as it is told (trickling bytes, echoing the login form, answers of the wrong shape, non-JSON,
huge bodies, redirects to another host). One thread per connection; stopped at the end of the
test session (``HostileServer.close``)."""

import json
import socket
import threading
import time
from typing import Callable, Iterable, Tuple, Union

Chunk = Union[bytes, Tuple[bytes, float]]  # bytes, or (bytes, seconds to wait after sending them)


def response(status: int, body: Union[bytes, str, object], content_type: str = "application/json") -> bytes:
    if not isinstance(body, (bytes, str)):
        body = json.dumps(body)
    raw = body.encode() if isinstance(body, str) else body
    head = f"HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\nContent-Length: {len(raw)}\r\nConnection: close\r\n\r\n"
    return head.encode() + raw


class HostileServer:
    def __init__(self, answer: Callable[[str, str, bytes], Iterable[Chunk]]):
        self.answer = answer
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.closed:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        try:
            conn.settimeout(30)
            data = b""
            while b"\r\n\r\n" not in data:
                more = conn.recv(65536)
                if not more:
                    return
                data += more
            head, _, body = data.partition(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n")[1:]:
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            while len(body) < length:
                more = conn.recv(65536)
                if not more:
                    break
                body += more
            method, path = head.split(b" ")[:2]
            for chunk in self.answer(method.decode(), path.decode(), data if b"login" in path else body):
                raw, pause = chunk if isinstance(chunk, tuple) else (chunk, 0.0)
                if self.closed:
                    return
                conn.sendall(raw)
                if pause:
                    time.sleep(pause)
        except OSError:
            pass
        finally:
            conn.close()

    def close(self) -> None:
        self.closed = True
        self.sock.close()


# ------------------------------------------------------------------ behaviours

def trickle(method, path, body):
    """One byte every 0.5 s, forever (never a complete answer)."""
    for byte in b"HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n" + b"x" * 1000000:
        yield bytes([byte]), 0.5


def silent(method, path, body):
    """Accepts the connection, then says nothing."""
    yield b"", 60.0


def echo(method, path, body):
    """A validation error that quotes the whole request back (the login form with its password)."""
    yield response(422, {"detail": ["RequestValidationError", body.decode("latin-1")]})


def not_json(method, path, body):
    yield response(200, "<html><body>\x1b[31mWelcome\x1b[0m proxy login</body></html>", "text/html")


def bad_utf8(method, path, body):
    yield response(200, b'{"access_token": "\xff\xfe"}')


def huge(method, path, body):
    """An answer far beyond the size cap, sent as fast as the socket takes it."""
    yield b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200000000\r\n\r\n["
    block = b"1," * 50000
    for _ in range(2000):
        yield block


def redirect_elsewhere(method, path, body):
    yield b"HTTP/1.1 307 Temporary Redirect\r\nLocation: http://127.0.0.2:9/steal\r\nContent-Length: 0\r\n\r\n"


def _logged_in(method, path, body, shapes):
    if path.endswith("/login"):
        return response(200, {"access_token": "tok-hostile", "token_type": "bearer"})
    for suffix, answer in shapes:
        if path.split("?")[0].endswith(suffix):
            return response(200, answer)
    return response(404, {"detail": "Not Found"})


def wrong_shapes(variant: int):
    """A server that logs in fine and then answers lists, dicts and values of the wrong shape."""
    user = {"id": "6d1a0b0c-0000-4000-8000-000000000001", "name": "default"}
    variants = [
        [("/version", "0.20.5"), ("/current-user", ["not", "a", "user"])],
        [("/version", {"v": 1}), ("/current-user", user)],
        [("/version", "0.20.5"), ("/current-user", user), ("/projects/default", {"id": "p"}), ("/components", {"a": 1}),
         ("/stacks", []), ("/flavors", [])],
        [("/version", "0.20.5"), ("/current-user", user), ("/projects/default", {"id": "p"}), ("/components", [{"name": "x"}]),
         ("/stacks", []), ("/flavors", [])],
        [("/version", "0.20.5"), ("/current-user", user), ("/projects/default", {"id": "p"}), ("/components", []),
         ("/stacks", [{"name": "s", "user": user["id"], "is_shared": False, "id": "i", "components": {"a": [[1]]}}]), ("/flavors", None)],
        [("/version", "0.20.5"), ("/current-user", user), ("/projects/default", ["p"])],
        [("/version", "9.9.9"), ("/current-user", user)],
        [("/version", "0.20.5"), ("/current-user", {"id": 5})],
    ]
    shapes = variants[variant % len(variants)]

    def answer(method, path, body):
        yield _logged_in(method, path, body, shapes)

    answer.__name__ = f"wrong_shapes_{variant}"
    return answer
