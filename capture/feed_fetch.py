"""Fetching a feed document: a conditional GET within the feed limits.

Unlike a page fetch (``capture.fetch``), a feed fetch must see the HTTP
details a feed reader acts on: 304 Not Modified, the validators to send
next time, ``Retry-After`` on 429/503, and whether every redirect was
permanent (then the subscription moves). It also inflates gzip itself, with
a cap on the output: httpx would inflate a whole network chunk at once, and
a small gzip bomb chunk can be hundreds of megabytes decoded.

A fetch can be stopped while it waits on a slow server: ``ConnectionCutter``
notes the socket of every connection a client opens (httpcore's trace
extension) and, once its stop event is set, shuts them down from its own
thread. A read blocked in ``recv`` returns at once, where checking the
event between chunks alone would wait up to a whole read timeout for a
server that trickles bytes. A connection still being opened ends by its
connect timeout: there is no socket to cut yet.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
import weakref
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from capture.fetch import FetchError, parse_content_type
from core.limits import Limits, format_size

ACCEPT_FEED = (
    "application/rss+xml, application/atom+xml, application/feed+json,"
    " application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8,"
    " text/html;q=0.5, */*;q=0.1"
)
PERMANENT_REDIRECTS = frozenset({301, 308})
RETRY_AFTER_STATUSES = frozenset({429, 503})
# A Retry-After beyond this is a misconfiguration, not a plan: cap it.
MAX_RETRY_AFTER_SECONDS = 7 * 24 * 3600
# Same rule as page fetches: the whole answer within a few read timeouts.
WHOLE_BODY_READ_TIMEOUTS = 3
# The shortest timeout a request gets near the deadline: below this httpx
# cannot even connect on a busy machine.
MIN_REQUEST_SECONDS = 0.05
# How often the cutter looks at the stop event: well within the second a
# stop may take.
STOP_POLL_SECONDS = 0.05
STOPPED_MESSAGE = "stopped before the feed was read"
# httpcore trace events whose return value is a connection's network stream.
_CONNECTED_EVENTS = frozenset({"connection.connect_tcp.complete", "connection.start_tls.complete"})
_GZIP_WBITS = 16 + zlib.MAX_WBITS
_ZLIB_WBITS = zlib.MAX_WBITS


class FeedFetchError(FetchError):
    """A feed that could not be fetched, with the HTTP status when there was
    one and the server's ``Retry-After`` in seconds when it sent one."""

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        retry_after: float | None = None,
        transient: bool = True,
    ) -> None:
        super().__init__(message, transient=transient)
        self.status = status
        self.retry_after = retry_after


@dataclass(frozen=True)
class FeedResponse:
    """A feed fetched (200) or confirmed unchanged (304, empty body)."""

    url: str
    final_url: str
    status: int
    moved_permanently: bool
    """Redirected, and every redirect on the way was 301 or 308."""
    body: bytes
    media_type: str
    charset: str | None
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        """Whether the server said the feed has not changed (304)."""
        return self.status == 304


class ConnectionCutter:
    """Shuts down every connection of the clients it is attached to once
    ``stop`` is set, and refuses their requests from then on.

    Thread-safe; ``close`` ends its watching thread.
    """

    def __init__(self, stop: threading.Event) -> None:
        self.stop = stop
        self._sockets: weakref.WeakSet[socket.socket] = weakref.WeakSet()
        self._lock = threading.Lock()
        self._closed = threading.Event()
        self._watcher = threading.Thread(target=self._watch, name="feed-stop", daemon=True)
        self._watcher.start()

    def attach(self, client: httpx.Client) -> None:
        """Watch the connections ``client`` opens from now on."""
        client.event_hooks["request"].append(self._on_request)

    def close(self) -> None:
        """Stop watching (the connections are left as they are)."""
        self._closed.set()
        self._watcher.join()

    def _on_request(self, request: httpx.Request) -> None:
        """An httpx request hook: refuse requests once stopped, and have
        httpcore report the connection each request opens."""
        if self.stop.is_set():
            raise httpx.ReadError(STOPPED_MESSAGE, request=request)
        request.extensions["trace"] = self._trace

    def _trace(self, event: str, info: dict[str, Any]) -> None:
        """httpcore's trace callback: note each new connection's socket."""
        if event not in _CONNECTED_EVENTS:
            return
        stream = info.get("return_value")
        sock = stream.get_extra_info("socket") if stream is not None else None
        if not isinstance(sock, socket.socket):
            return
        with self._lock:
            self._sockets.add(sock)
        if self.stop.is_set():  # stopped while this one was connecting
            _shut_down(sock)

    def _watch(self) -> None:
        """Wait for the stop event (or close), then cut every connection."""
        while not self._closed.is_set():
            if self.stop.wait(STOP_POLL_SECONDS):
                with self._lock:
                    sockets = list(self._sockets)
                for sock in sockets:
                    _shut_down(sock)
                # Connections opened from now on are cut as they connect.
                return


def _shut_down(sock: socket.socket) -> None:
    """Shut a socket down both ways, waking a thread blocked reading it.

    The plain socket's method, also for a TLS socket: ``SSLSocket.shutdown``
    would drop the TLS state under the thread still using it.
    """
    with contextlib.suppress(OSError):  # closed already, or never connected
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


def request_timeout(limits: Limits, deadline: float | None) -> httpx.Timeout:
    """Timeouts from the limits, shortened so nothing waits past ``deadline``
    (a ``time.monotonic`` instant)."""
    read, connect = limits.read_timeout, limits.connect_timeout
    if deadline is not None:
        left = max(deadline - time.monotonic(), MIN_REQUEST_SECONDS)
        read, connect = min(read, left), min(connect, left)
    return httpx.Timeout(read, connect=connect)


def conditional_headers(etag: str | None, last_modified: str | None) -> dict[str, str]:
    """The validators of the last response, as request headers."""
    headers: dict[str, str] = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def fetch_feed(
    client: httpx.Client,
    url: str,
    limits: Limits,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    deadline: float | None = None,
    stop: threading.Event | None = None,
) -> FeedResponse:
    """GET a feed, conditionally when validators are given.

    Raises ``FeedFetchError`` for network trouble, HTTP errors (with the
    status and any Retry-After), redirect loops, bodies over the limits,
    and ``stop`` set before the whole body arrived (``STOPPED_MESSAGE``).
    """
    headers = {
        "Accept": ACCEPT_FEED,
        # Only gzip: it is the encoding inflated here under a size cap.
        "Accept-Encoding": "gzip",
        **conditional_headers(etag, last_modified),
    }
    try:
        with client.stream(
            "GET", url, headers=headers, timeout=request_timeout(limits, deadline)
        ) as response:
            return _read_response(url, response, limits, deadline, stop)
    except httpx.InvalidURL as error:
        raise FeedFetchError(f"not a usable address: {error}", transient=False) from None
    except httpx.HTTPError as error:
        if stop is not None and stop.is_set():
            raise FeedFetchError(STOPPED_MESSAGE) from None
        raise _fetch_error(error, limits) from None


def _fetch_error(error: httpx.HTTPError, limits: Limits) -> FeedFetchError:
    """The FeedFetchError an httpx error means."""
    if isinstance(error, httpx.TooManyRedirects):
        return FeedFetchError(f"redirect loop: more than {limits.max_redirects} redirects")
    if isinstance(error, httpx.ConnectTimeout):
        return FeedFetchError("timed out connecting to the site")
    if isinstance(error, httpx.TimeoutException):
        return FeedFetchError("timed out waiting for the site")
    if isinstance(error, httpx.UnsupportedProtocol):
        return FeedFetchError(f"not a usable address: {error}", transient=False)
    if isinstance(error, httpx.ConnectError):
        return FeedFetchError(f"cannot connect: {_last_line(error)}")
    return FeedFetchError(f"network error: {_last_line(error)}")


def _read_response(
    url: str,
    response: httpx.Response,
    limits: Limits,
    deadline: float | None,
    stop: threading.Event | None,
) -> FeedResponse:
    """The FeedResponse of a streamed answer, or the FeedFetchError it means."""
    status = response.status_code
    if status >= 400:
        retry_after = (
            parse_retry_after(response.headers.get("retry-after"))
            if status in RETRY_AFTER_STATUSES
            else None
        )
        phrase = response.reason_phrase or "error"
        raise FeedFetchError(f"HTTP {status} {phrase}", status=status, retry_after=retry_after)
    history = response.history
    moved = bool(history) and all(hop.status_code in PERMANENT_REDIRECTS for hop in history)
    media_type, charset = parse_content_type(response.headers.get("content-type"))
    body = b"" if status == 304 else _read_body(response, limits, deadline, stop)
    return FeedResponse(
        url=url,
        final_url=str(response.url),
        status=status,
        moved_permanently=moved,
        body=body,
        media_type=media_type,
        charset=charset,
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
    )


def _read_body(
    response: httpx.Response,
    limits: Limits,
    deadline: float | None,
    stop: threading.Event | None,
) -> bytes:
    """The decoded body, within the feed size limit before and after gzip."""
    raw_limit = limits.max_feed_bytes
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > raw_limit:
        raise FeedFetchError(
            f"the feed is {format_size(int(declared))}, over the {format_size(raw_limit)} limit",
            status=response.status_code,
            transient=False,
        )
    encoding = response.headers.get("content-encoding", "").strip().lower()
    chunks = _timed_chunks(_capped_raw(response, raw_limit), limits, deadline, stop)
    if encoding in ("", "identity"):
        return b"".join(chunks)
    if encoding in ("gzip", "x-gzip"):
        return inflate(chunks, _GZIP_WBITS, min(limits.max_feed_bytes, limits.max_decoded_bytes))
    if encoding == "deflate":
        return inflate(chunks, _ZLIB_WBITS, min(limits.max_feed_bytes, limits.max_decoded_bytes))
    raise FeedFetchError(f"unsupported compression {encoding!r}", transient=False)


def _capped_raw(response: httpx.Response, limit: int) -> Iterator[bytes]:
    """The raw (still compressed) bytes, refusing more than ``limit``."""
    size = 0
    for chunk in response.iter_raw():
        size += len(chunk)
        if size > limit:
            raise FeedFetchError(
                f"the feed is over the {format_size(limit)} limit", transient=False
            )
        yield chunk


def _timed_chunks(
    chunks: Iterator[bytes],
    limits: Limits,
    deadline: float | None,
    stop: threading.Event | None,
) -> Iterator[bytes]:
    """The chunks, stopping when the whole body takes too long (httpx's read
    timeout bounds each wait, not a server dribbling one byte at a time) or
    when ``stop`` is set."""
    give_up = time.monotonic() + limits.read_timeout * WHOLE_BODY_READ_TIMEOUTS
    if deadline is not None:
        give_up = min(give_up, deadline)
    for chunk in chunks:
        if stop is not None and stop.is_set():
            raise FeedFetchError(STOPPED_MESSAGE)
        if time.monotonic() > give_up:
            raise FeedFetchError("timed out reading the feed")
        yield chunk


def inflate(chunks: Iterator[bytes], wbits: int, limit: int) -> bytes:
    """Inflate a compressed stream, refusing output past ``limit`` bytes.

    ``max_length`` keeps each step's output within what is still allowed,
    so memory stays bounded whatever the compression ratio.
    """
    decoder = zlib.decompressobj(wbits)
    output = bytearray()
    try:
        for chunk in chunks:
            output += decoder.decompress(chunk, limit + 1 - len(output))
            if len(output) > limit or decoder.unconsumed_tail:
                raise FeedFetchError(
                    f"the feed is over the {format_size(limit)} limit once decompressed",
                    transient=False,
                )
    except zlib.error as error:
        raise FeedFetchError(f"damaged compressed data: {error}", transient=False) from None
    if not decoder.eof:
        raise FeedFetchError("damaged compressed data: the stream is cut short", transient=False)
    return bytes(output)


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date)."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        seconds = float(text)
    else:
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError):
            return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        seconds = (moment - (now or datetime.now(UTC))).total_seconds()
    return min(max(seconds, 0.0), MAX_RETRY_AFTER_SECONDS)


def _last_line(error: Exception) -> str:
    """The last line of an httpx error, which names the underlying cause."""
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[-1]
