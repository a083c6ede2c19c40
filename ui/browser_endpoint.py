"""Pages from the browser: a loopback HTTP endpoint the second bookmarklet posts to.

For pages that need the reader's login or JavaScript, fetching the address
again gets the wrong page; the bookmarklet sends what the browser rendered
instead. The endpoint listens on 127.0.0.1 only, takes only POST, only with
this install's secret token, only up to ``MAX_PAGE_BYTES``; and it is off
until the person turns it on (Help ▸ Save from Your Browser…).

The HTTP server runs on a thread of its own; a page reaches the window by a
queued signal, so the window's thread never waits on a socket.
"""

from __future__ import annotations

import itertools
import json
import secrets
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication, QObject, QSettings, QTemporaryDir, Signal

HOST = "127.0.0.1"
PATH = "/save"
MAX_PAGE_BYTES = 20 * 1024 * 1024
DEFAULT_PORT = 47_193
"""Where the endpoint listens unless that port is taken; the port in use is
remembered, because the bookmarklet has it written in."""

CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type",
    # Chromium's Private Network Access: a public page may reach loopback
    # only when the preflight says so.
    "Access-Control-Allow-Private-Network": "true",
    "Access-Control-Max-Age": "600",
}


class EndpointSettings:
    """What the endpoint remembers: whether it is on, its port, its token."""

    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    @property
    def enabled(self) -> bool:
        return str(self._settings.value("browser/enabled", "false")).lower() == "true"

    @enabled.setter
    def enabled(self, value: bool) -> None:
        self._settings.setValue("browser/enabled", "true" if value else "false")

    @property
    def port(self) -> int:
        value = str(self._settings.value("browser/port", DEFAULT_PORT))
        return int(value) if value.isdigit() and 0 < int(value) < 65536 else DEFAULT_PORT

    @port.setter
    def port(self, value: int) -> None:
        self._settings.setValue("browser/port", value)

    @property
    def token(self) -> str:
        """The secret the bookmarklet carries; made on first use."""
        token = str(self._settings.value("browser/token", ""))
        if len(token) < 32:
            token = secrets.token_urlsafe(32)
            self._settings.setValue("browser/token", token)
            self._settings.sync()
        return token


class BrowserEndpoint(QObject):
    """Receives posted pages on a loopback port while it is running."""

    page_received = Signal(str, str)
    """A page arrived: its rendered HTML and its address."""

    def __init__(
        self, token: str, max_bytes: int = MAX_PAGE_BYTES, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.token = token
        self.max_bytes = max_bytes
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int | None:
        """The port listened on, or None when stopped."""
        return None if self._server is None else int(self._server.server_address[1])

    def start(self, port: int) -> int:
        """Listen on ``port``, or on a free one if it is taken; returns the port.

        Raises ``OSError`` when no port can be had at all."""
        self.stop()
        try:
            server = ThreadingHTTPServer((HOST, port), self._handler_class())
        except OSError:
            server = ThreadingHTTPServer((HOST, 0), self._handler_class())
        server.daemon_threads = True
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.2},
            name="browser-endpoint",
            daemon=True,
        )
        self._thread.start()
        return int(server.server_address[1])

    def stop(self) -> None:
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join()
        self._server = None
        self._thread = None

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_OPTIONS(self) -> None:
                self._reply(HTTPStatus.NO_CONTENT)

            def do_POST(self) -> None:
                endpoint._receive(self)

            def do_GET(self) -> None:
                self._refuse_method()

            def do_PUT(self) -> None:
                self._refuse_method()

            def do_DELETE(self) -> None:
                self._refuse_method()

            def _refuse_method(self) -> None:
                self._reply(HTTPStatus.METHOD_NOT_ALLOWED, "POST only", close=True)

            def _reply(self, status: HTTPStatus, text: str = "", *, close: bool = False) -> None:
                reply(self, status, text, close=close)

            def log_message(self, format: str, *args: object) -> None:
                pass  # addresses people save are nobody's business in a log

        return Handler

    def _receive(self, request: BaseHTTPRequestHandler) -> None:
        if urlsplit(request.path).path != PATH:
            reply(request, HTTPStatus.NOT_FOUND, "not found", close=True)
            return
        length_header = request.headers.get("Content-Length", "")
        if not length_header.isdigit():
            reply(request, HTTPStatus.LENGTH_REQUIRED, "length required", close=True)
            return
        length = int(length_header)
        if length > self.max_bytes:
            # Not read: answered at once, and the connection closed.
            reply(request, HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "page too large", close=True)
            return
        body = request.rfile.read(length)
        try:
            message = json.loads(body)
        except (json.JSONDecodeError, UnicodeDecodeError):
            message = None
        if not isinstance(message, dict):
            reply(request, HTTPStatus.BAD_REQUEST, "expected a JSON object")
            return
        token = message.get("token")
        if not isinstance(token, str) or not secrets.compare_digest(
            token.encode(), self.token.encode()
        ):
            reply(request, HTTPStatus.FORBIDDEN, "wrong token")
            return
        html, url = message.get("html"), message.get("url")
        if not (isinstance(html, str) and html.strip() and isinstance(url, str)):
            reply(request, HTTPStatus.BAD_REQUEST, "expected html and url")
            return
        if urlsplit(url).scheme.lower() not in ("http", "https"):
            reply(request, HTTPStatus.BAD_REQUEST, "only http and https pages can be saved")
            return
        # Emitted from the server's thread: Qt queues it to the window's.
        self.page_received.emit(html, url)
        reply(request, HTTPStatus.OK, "saving")


class BrowserSaving(QObject):
    """The endpoint as the window uses it: on or off as remembered, and each
    page it receives written to a file the window saves like a dropped page."""

    page_file = Signal(str)
    """A posted page, written to this ``.html`` file (its address in the
    "saved from" comment browsers write) and ready to save."""
    failed = Signal(str)
    """A posted page could not be kept: one line saying why."""

    def __init__(self, settings: EndpointSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.endpoint = BrowserEndpoint(settings.token, parent=self)
        self.endpoint.page_received.connect(self._write_page)
        self._folder = QTemporaryDir()
        self._numbers = itertools.count(1)

    @property
    def port(self) -> int:
        """The port the bookmarklet posts to (listening or not)."""
        return self.endpoint.port or self.settings.port

    def start_if_enabled(self) -> str | None:
        """Start when the person turned it on; a one-line reason if it cannot."""
        return self.set_enabled(True) if self.settings.enabled else None

    def set_enabled(self, enabled: bool) -> str | None:
        """Turn receiving pages on or off, and remember it; a one-line reason
        if it cannot listen (the setting is kept, to try again next time)."""
        self.settings.enabled = enabled
        if not enabled:
            self.endpoint.stop()
            return None
        if self.endpoint.port is not None:
            return None
        try:
            self.settings.port = self.endpoint.start(self.settings.port)
        except OSError as error:
            return self.tr("Cannot receive pages from the browser: {reason}").format(
                reason=error.strerror or error
            )
        return None

    def stop(self) -> None:
        self.endpoint.stop()

    def _write_page(self, html: str, url: str) -> None:
        if not self._folder.isValid():
            return
        path = Path(self._folder.path()) / f"page-{next(self._numbers)}.html"
        try:
            path.write_text(f"<!-- saved from url=({len(url):04d}){url} -->\n{html}", "utf-8")
        except OSError as error:
            self.failed.emit(
                self.tr("Cannot keep the page from {url}: {reason}").format(
                    url=url, reason=error.strerror or error
                )
            )
            return
        self.page_file.emit(str(path))


def reply(
    request: BaseHTTPRequestHandler, status: HTTPStatus, text: str = "", *, close: bool = False
) -> None:
    """Answer with CORS headers, so a page's ``fetch`` can read the status."""
    body = text.encode()
    try:
        request.send_response(status)
        for name, value in CORS_HEADERS.items():
            request.send_header(name, value)
        if status == HTTPStatus.METHOD_NOT_ALLOWED:
            request.send_header("Allow", "POST, OPTIONS")
        request.send_header("Content-Type", "text/plain; charset=utf-8")
        request.send_header("Content-Length", str(len(body)))
        if close:
            request.send_header("Connection", "close")
            request.close_connection = True
        request.end_headers()
        request.wfile.write(body)
    except (BrokenPipeError, ConnectionResetError):
        pass  # the browser went away: nothing to tell it


def page_script(port: int, token: str) -> str:
    """The JavaScript the page-sending bookmarklet runs in the page. Its
    messages are in the window's language when the bookmark is made."""
    endpoint = json.dumps(f"http://{HOST}:{port}{PATH}")
    secret = json.dumps(token)
    # json.dumps writes JavaScript string literals, Vietnamese as \u escapes.
    not_saved = json.dumps(
        QCoreApplication.translate(
            "BrowserEndpoint", "Readshelf did not save this page ({status})."
        )
    )
    not_running = json.dumps(
        QCoreApplication.translate(
            "BrowserEndpoint", "Readshelf is not running, or saving from the browser is off."
        )
    )
    return (
        "(function(){"
        f"fetch({endpoint},{{method:'POST',body:JSON.stringify({{token:{secret},"
        "url:location.href,title:document.title,"
        "html:document.documentElement.outerHTML})})"
        f".then(function(r){{if(!r.ok){{alert({not_saved}.replace('{{status}}',r.status))}}}})"
        f".catch(function(){{alert({not_running})}})"
        "})()"
    )


def address_script() -> str:
    """The JavaScript the address bookmarklet runs: hand the address to Readshelf."""
    return (
        "(function(){location.href='readshelf://save?url='+encodeURIComponent(location.href)"
        "+'&title='+encodeURIComponent(document.title)})()"
    )


def bookmarklet(script: str) -> str:
    """A ``javascript:`` address for a bookmark that runs ``script``."""
    return "javascript:" + script
