"""One window per library: a second start hands its sources to the first.

The window listens on a local socket (a Unix socket, or a named pipe on
Windows) whose name is made of the user and the library's resolved path, so
two people, or two libraries, never meet. A start that finds the socket
answering sends what it was given to save, waits for the window to say it
has them, and exits; one that finds nobody there (or a socket left by a
window that crashed) starts the window itself.

The wire format is one line of JSON per connection, ``{"sources": [...]}``,
answered by ``ok``. Sources are already checked and made absolute by the
sender (``parse_source``), since the window's working folder is not the
sender's.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import parse_qs, unquote, urlsplit

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from ui.drops import web_address

HANDOVER_TIMEOUT_MS = 3_000
"""How long a second start waits for the window: generous, since a busy
window answers only between two events."""
MAX_MESSAGE_BYTES = 1_000_000
SCHEME = "readshelf"


@dataclass(frozen=True)
class WindowSource:
    """One thing a start asks the window to save."""

    kind: Literal["url", "file"]
    value: str
    """An http(s) address, or an absolute file path."""
    title: str | None = None

    def to_json(self) -> dict[str, str | None]:
        return {"kind": self.kind, "value": self.value, "title": self.title}

    @classmethod
    def from_json(cls, data: object) -> WindowSource:
        if not isinstance(data, dict):
            raise ValueError("a source is not an object")
        kind, value, title = data.get("kind"), data.get("value"), data.get("title")
        if kind not in ("url", "file") or not isinstance(value, str):
            raise ValueError("a source has no kind or value")
        return cls(kind, value, title if isinstance(title, str) else None)


def parse_source(text: str, cwd: Path | None = None) -> WindowSource:
    """What a command-line argument (or a desktop's ``%U``) asks to save.

    An http(s) address; ``www.…`` or ``host.tld/…`` (as https); a
    ``readshelf://save?url=…&title=…`` link from the bookmarklet; a
    ``file://`` address or a path to an existing file. Anything else raises
    ``ValueError`` with a one-line reason.
    """
    stripped = text.strip()
    parts = urlsplit(stripped)
    scheme = parts.scheme.lower()
    if scheme in ("http", "https") and parts.netloc:
        return WindowSource("url", stripped)
    if scheme == SCHEME:
        return _scheme_source(stripped)
    if scheme == "file":
        return _file_source(Path(unquote(parts.path)), stripped)
    if len(scheme) > 1 and "://" in stripped:
        raise ValueError(f"cannot save {stripped}: only http and https addresses can be saved")
    bare_address = web_address(stripped)
    if bare_address is not None and not Path(stripped).exists():
        return WindowSource("url", bare_address)
    path = Path(stripped).expanduser()
    if not path.is_absolute():
        path = (cwd or Path.cwd()) / path
    return _file_source(path, stripped)


def _scheme_source(link: str) -> WindowSource:
    parts = urlsplit(link)
    query = parse_qs(parts.query)
    action = parts.netloc or parts.path.strip("/")
    urls = query.get("url", [])
    if action != "save" or len(urls) != 1:
        raise ValueError(f"cannot save {link}: expected {SCHEME}://save?url=ADDRESS")
    url = urls[0].strip()
    target = urlsplit(url)
    if target.scheme.lower() not in ("http", "https") or not target.netloc:
        raise ValueError(
            f"cannot save {url or 'an empty address'}: only http and https addresses can be saved"
        )
    titles = query.get("title", [])
    title = " ".join(titles[0].split()) if titles else ""
    return WindowSource("url", url, title or None)


def _file_source(path: Path, given: str) -> WindowSource:
    if not path.is_file():
        raise ValueError(f"cannot save {given}: no such file, and not a web address")
    return WindowSource("file", str(path.resolve()))


def server_name(library_path: Path) -> str:
    """The local socket's name for this user and library."""
    try:
        user = str(os.getuid())
    except AttributeError:  # Windows has no uid; its pipes are per session anyway
        user = getpass.getuser()
    digest = hashlib.sha256(str(library_path.expanduser().resolve()).encode()).hexdigest()
    return f"readshelf-{user}-{digest[:20]}"


def hand_over(library_path: Path, sources: Sequence[WindowSource]) -> bool:
    """Give ``sources`` to the window already open on ``library_path``.

    True when a window took them (it comes to the front); False when none is
    listening, or it did not answer in time: then this start opens the window.
    """
    socket = QLocalSocket()
    socket.connectToServer(server_name(library_path))
    if not socket.waitForConnected(HANDOVER_TIMEOUT_MS):
        return False
    message = json.dumps({"sources": [source.to_json() for source in sources]}) + "\n"
    socket.write(message.encode())
    if not socket.waitForBytesWritten(HANDOVER_TIMEOUT_MS):
        socket.abort()
        return False
    answer = b""
    while b"\n" not in answer and socket.waitForReadyRead(HANDOVER_TIMEOUT_MS):
        answer += bytes(socket.readAll().data())
    socket.disconnectFromServer()
    return answer.strip() == b"ok"


class InstanceServer(QObject):
    """The window's end: receives what later starts hand over."""

    sources_received = Signal(list)
    """A later start's sources (a list of ``WindowSource``), possibly empty:
    either way the window should come to the front."""

    def __init__(self, library_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(library_path)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        """Start listening. A socket file left by a crashed window is removed
        (the caller found nobody answering on it); False if it still fails."""
        if self._server.listen(self.name):
            return True
        QLocalServer.removeServer(self.name)
        return self._server.listen(self.name)

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda socket=socket: self._read(socket))
            socket.disconnected.connect(lambda socket=socket: self._forget(socket))

    def _forget(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()

    def _read(self, socket: QLocalSocket) -> None:
        if socket not in self._buffers:
            return
        data = self._buffers[socket] + bytes(socket.readAll().data())
        if b"\n" not in data and len(data) < MAX_MESSAGE_BYTES:
            self._buffers[socket] = data
            return
        del self._buffers[socket]
        try:
            sources = _decode(data.split(b"\n", 1)[0])
        except ValueError:
            socket.write(b"refused\n")
        else:
            socket.write(b"ok\n")
            self.sources_received.emit(sources)
        socket.flush()
        socket.disconnectFromServer()


def _decode(line: bytes) -> list[WindowSource]:
    try:
        message = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ValueError("not a hand-over message") from error
    items = message.get("sources") if isinstance(message, dict) else None
    if not isinstance(items, list):
        raise ValueError("not a hand-over message")
    return [WindowSource.from_json(item) for item in items]
