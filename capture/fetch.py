"""Fetching web pages and images with httpx, within the capture limits.

Every request has connect and read timeouts, follows at most
``Limits.max_redirects`` redirects, identifies itself with a proper
User-Agent, and stops reading once a body (after decompression) passes its
size limit. Bodies are inflated here, never more than the limit at a time:
httpx would inflate a whole network chunk at once, and 64 KB of a gzip
bomb is 64 MB. Only gzip and deflate are asked for; a body in any other
encoding is refused. Failures become ``FetchError``: one line for a person, and
whether trying again later could help (``transient``), which is what decides
between keeping a URL as a pending article and refusing it.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message

import httpx

from core.errors import CaptureError
from core.limits import Limits, format_size

USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Readshelf/0.1 (offline article reader)"
)
ACCEPT_PAGE = "text/html,application/xhtml+xml;q=0.9,multipart/related;q=0.5,*/*;q=0.1"
ACCEPT_IMAGE = "image/avif,image/webp,image/png,image/jpeg,image/gif;q=0.9,*/*;q=0.1"

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
MHTML_TYPES = frozenset({"multipart/related", "message/rfc822", "application/x-mimearchive"})
TEXT_TYPES = frozenset({"text/plain"})
PAGE_TYPES = HTML_TYPES | MHTML_TYPES | TEXT_TYPES

# httpx's read timeout bounds each wait for bytes, not the whole body: a
# server dribbling one byte at a time would never trip it. The whole answer
# must also arrive within this many read timeouts.
WHOLE_BODY_READ_TIMEOUTS = 3
# The encodings inflated here, under the size limit; nothing else is accepted.
ACCEPT_ENCODING = "gzip, deflate"


class FetchError(CaptureError):
    """A URL that could not be fetched; ``transient`` if a retry may succeed."""

    def __init__(self, message: str, *, transient: bool) -> None:
        super().__init__(message)
        self.transient = transient


@dataclass(frozen=True)
class Fetched:
    """One successful response: the final URL after redirects and the body."""

    url: str
    final_url: str
    body: bytes
    media_type: str
    charset: str | None


def open_client(limits: Limits) -> httpx.Client:
    """An httpx client configured with the capture limits and our User-Agent."""
    return httpx.Client(
        timeout=httpx.Timeout(limits.read_timeout, connect=limits.connect_timeout),
        follow_redirects=True,
        max_redirects=limits.max_redirects,
        headers={"User-Agent": USER_AGENT, "Accept-Language": "vi,en;q=0.8"},
    )


def parse_content_type(header: str | None) -> tuple[str, str | None]:
    """The media type (lower case) and charset of a Content-Type header."""
    if not header:
        return "", None
    message = Message()
    message["Content-Type"] = header
    charset = message.get_param("charset")
    return message.get_content_type().lower(), str(charset) if isinstance(charset, str) else None


def fetch_page(url: str, limits: Limits, client: httpx.Client | None = None) -> Fetched:
    """Fetch a web page (HTML, MHTML or plain text) within the page size limit.

    Raises ``FetchError``: transient for network trouble, timeouts and HTTP
    errors; permanent for a body that is too large or not a page at all.
    """
    owned = client is None
    client = client or open_client(limits)
    try:
        fetched = fetch(client, url, limits.max_page_bytes, limits, accept=ACCEPT_PAGE)
    finally:
        if owned:
            client.close()
    if fetched.media_type and fetched.media_type not in PAGE_TYPES:
        raise FetchError(f"not a web page: the server sent {fetched.media_type}", transient=False)
    return fetched


def fetch(
    client: httpx.Client, url: str, max_bytes: int, limits: Limits, *, accept: str
) -> Fetched:
    """GET ``url`` and read at most ``max_bytes`` of its decoded body."""
    try:
        headers = {"Accept": accept, "Accept-Encoding": ACCEPT_ENCODING}
        with client.stream("GET", url, headers=headers) as response:
            _check_status(response)
            media_type, charset = parse_content_type(response.headers.get("content-type"))
            _check_declared_length(response, max_bytes)
            body = _read_body(response, max_bytes, limits)
            return Fetched(url, str(response.url), body, media_type, charset)
    except httpx.TooManyRedirects:
        raise FetchError(f"more than {limits.max_redirects} redirects", transient=True) from None
    except httpx.ConnectTimeout:
        raise FetchError("timed out connecting to the site", transient=True) from None
    except httpx.TimeoutException:
        raise FetchError("timed out waiting for the site", transient=True) from None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as error:
        raise FetchError(f"not a usable address: {error}", transient=False) from None
    except httpx.ConnectError as error:
        raise FetchError(f"cannot connect: {_reason(error)}", transient=True) from None
    except httpx.HTTPError as error:
        raise FetchError(f"network error: {_reason(error)}", transient=True) from None


def _check_status(response: httpx.Response) -> None:
    """Refuse an HTTP error status with its code and reason."""
    if response.status_code >= 400:
        phrase = response.reason_phrase or "error"
        raise FetchError(f"HTTP {response.status_code} {phrase}", transient=True)


def _check_declared_length(response: httpx.Response, max_bytes: int) -> None:
    """Refuse early when Content-Length already says the body is too large."""
    declared = response.headers.get("content-length", "")
    # A compressed body's length says little about its decoded size; only an
    # uncompressed one can be refused before reading it.
    compressed = bool(response.headers.get("content-encoding"))
    if declared.isdigit() and not compressed and int(declared) > max_bytes:
        raise FetchError(
            f"the page is {format_size(int(declared))}, over the {format_size(max_bytes)} limit",
            transient=False,
        )


def _read_body(response: httpx.Response, max_bytes: int, limits: Limits) -> bytes:
    """Read the decoded body, stopping past ``max_bytes`` or the time allowed.

    A compressed body is also held to ``limits.max_decoded_bytes``.
    """
    deadline = time.monotonic() + limits.read_timeout * WHOLE_BODY_READ_TIMEOUTS
    encoding = response.headers.get("content-encoding", "").strip().lower()
    if encoding not in ("", "identity"):
        max_bytes = min(max_bytes, limits.max_decoded_bytes)
    chunks: list[bytes] = []
    size = 0
    for chunk in _decoded(response, encoding, max_bytes):
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(
                f"the answer is over the {format_size(max_bytes)} limit", transient=False
            )
        if time.monotonic() > deadline:
            raise FetchError("timed out reading the site's answer", transient=True)
        chunks.append(chunk)
    return b"".join(chunks)


def _decoded(response: httpx.Response, encoding: str, max_bytes: int) -> Iterator[bytes]:
    """The body's bytes inflated, at most ``max_bytes + 1`` from any one step,
    so memory stays bounded whatever the compression ratio."""
    if encoding in ("", "identity"):
        yield from response.iter_raw()
        return
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise FetchError(f"unsupported compression {encoding!r}", transient=False)
    decoder: zlib._Decompress | None = None
    try:
        for raw in response.iter_raw():
            if decoder is None:
                decoder = zlib.decompressobj(_window_bits(encoding, raw))
            data = raw
            while data:
                yield decoder.decompress(data, max_bytes + 1)
                data = decoder.unconsumed_tail
            if decoder.eof:
                return  # whatever follows the compressed stream is not the body
    except zlib.error as error:
        raise FetchError(f"damaged compressed data: {error}", transient=False) from None


def _window_bits(encoding: str, first: bytes) -> int:
    """zlib's ``wbits`` for a body: gzip, or "deflate", which should have a
    zlib header but is sent as raw deflate by some servers."""
    if encoding != "deflate":
        return 16 + zlib.MAX_WBITS
    header = len(first) >= 2 and first[0] & 0x0F == 8 and int.from_bytes(first[:2]) % 31 == 0
    return zlib.MAX_WBITS if header else -zlib.MAX_WBITS


def _reason(error: Exception) -> str:
    """The last line of an httpx error, which names the underlying cause."""
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[-1]
