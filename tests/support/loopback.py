"""A real HTTP server on 127.0.0.1 for tests: routes, delays, and a record
of every request it received (to prove what was, or was not, fetched)."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    """Seconds to wait before answering (for timeout tests)."""


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]


Handler = Callable[[RecordedRequest], Response]


class _QuietServer(ThreadingHTTPServer):
    """A server that keeps a client's dropped connection out of stderr.

    The CLI tests run in-process and compare stderr line by line; the
    standard server prints a traceback there when a client closes its
    connection early (a timeout, a refused response), which is not the
    command's output.
    """

    def handle_error(self, request: object, client_address: object) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


class LoopbackServer:
    """Serves registered routes; anything else is a 404."""

    def __init__(self) -> None:
        self.routes: dict[str, Response | Handler] = {}
        self.requests: list[RecordedRequest] = []
        self._lock = threading.Lock()
        server = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Small responses must not wait for Nagle's algorithm (~40 ms each).
            disable_nagle_algorithm = True

            def do_GET(self) -> None:
                server._answer(self, send_body=True)

            def do_HEAD(self) -> None:
                server._answer(self, send_body=False)

            def log_message(self, format: str, *args: object) -> None:
                pass  # keep test output quiet

        self._httpd = _QuietServer(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        # A short poll interval: shutdown() waits up to one interval.
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def route(self, path: str, response: Response | Handler | None = None, **kwargs: object) -> str:
        """Serve ``response`` (or ``Response(**kwargs)``) at ``path``; returns its URL."""
        self.routes[path] = response if response is not None else Response(**kwargs)  # type: ignore[arg-type]
        return self.url(path)

    def requested(self, path: str) -> list[RecordedRequest]:
        with self._lock:
            return [request for request in self.requests if request.path == path]

    def _answer(self, handler: BaseHTTPRequestHandler, *, send_body: bool) -> None:
        request = RecordedRequest(handler.command, handler.path, dict(handler.headers.items()))
        with self._lock:
            self.requests.append(request)
        route = self.routes.get(handler.path) or self.routes.get(handler.path.split("?")[0])
        if route is None:
            response = Response(404, b"not found", {"Content-Type": "text/plain"})
        elif callable(route):
            response = route(request)
        else:
            response = route
        if response.delay:
            time.sleep(response.delay)
        try:
            handler.send_response(response.status)
            headers = {"Content-Length": str(len(response.body)), **response.headers}
            for name, value in headers.items():
                handler.send_header(name, value)
            handler.end_headers()
            if send_body:
                handler.wfile.write(response.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test): nothing to report

    def __enter__(self) -> LoopbackServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


def serve() -> Iterator[LoopbackServer]:
    """Generator for a pytest fixture: a started server, stopped afterwards."""
    with LoopbackServer() as server:
        yield server
