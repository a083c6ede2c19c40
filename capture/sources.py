"""From a source a person names (a file, a URL, a dropped selection) to an
article record, and back again from a stored source (re-extraction).

Dispatch by kind: plain-text dumps, HTML files (with a browser's
``NAME_files/`` folder), MHTML files, http(s) URLs and HTML selections.
Every record keeps its original bytes (``source``/``source_type``) so that
a better extractor can run on them later.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import httpx

from capture.encoding import decode_bytes
from capture.fetch import HTML_TYPES, MHTML_TYPES, TEXT_TYPES, Fetched, FetchError, fetch_page
from capture.fetch import open_client as open_http_client
from capture.html_page import ExtractedPage, extract_fragment, extract_page, finish_article
from capture.images import (
    ImageLookup,
    network_lookup,
    resolve_images,
    resource_lookup,
    stored_lookup,
)
from capture.mhtml import MEDIA_TYPE as MHTML_MEDIA_TYPE
from capture.mhtml import looks_like_mhtml, parse_mhtml
from capture.saved_page import folder_lookup, local_path, saved_from_url
from capture.textdump import parse_text_dump
from core.errors import CaptureError
from core.limits import Limits, format_size
from core.models import ArticleRecord

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
MHTML_SUFFIXES = frozenset({".mhtml", ".mht"})
HTML_MEDIA_TYPE = "text/html"
# A dropped selection is re-extracted as a selection, not as a whole page.
SELECTION_MEDIA_TYPE = "text/html; readshelf=selection"
OFFLINE_ERROR = "not fetched yet: saved offline"

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*(?P<charset>[A-Za-z0-9._:-]+)""", re.IGNORECASE
)
META_CHARSET_SEARCH_BYTES = 4096
_ASCII_MARKUP = b'<meta charset="utf-8"><title>A & b</title>'


class _Network:
    """The image lookups for one capture: the network unless offline, with
    the httpx client opened on first use and closed at the end."""

    def __init__(self, limits: Limits, offline: bool, client: httpx.Client | None) -> None:
        self.limits = limits
        self.offline = offline
        self.client = client
        self._owned: httpx.Client | None = None

    def lookups(self) -> list[ImageLookup]:
        """The network lookup, or none when offline."""
        if self.offline:
            return []
        if self.client is None:
            self._owned = self.client = open_http_client(self.limits)
        return [network_lookup(self.client, self.limits)]

    def close(self) -> None:
        """Close the client if this capture opened it."""
        if self._owned is not None:
            self._owned.close()


@contextmanager
def _network(
    limits: Limits, offline: bool, client: httpx.Client | None = None
) -> Iterator[_Network]:
    """A ``_Network`` closed when the capture is done."""
    network = _Network(limits, offline, client)
    try:
        yield network
    finally:
        network.close()


# --------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------


def capture_source(
    source: str, limits: Limits | None = None, *, offline: bool = False
) -> ArticleRecord:
    """An article from what a person named on the command line or dropped:
    a file path or an http(s) URL.

    A URL that cannot be fetched still gives a record, with
    ``capture_status="pending"`` and the reason in ``capture_error``, so that
    nothing a person saved is lost. ``offline`` never touches the network:
    a URL is kept pending and remote pictures stay pending with their URLs.
    """
    limits = limits or Limits.from_env()
    if is_web_url(source):
        return capture_url(source, limits, offline=offline)
    return capture_file(Path(source).expanduser(), limits, offline=offline)


def capture_fragment(
    html: str,
    source_url: str | None = None,
    *,
    limits: Limits | None = None,
    offline: bool = False,
) -> ArticleRecord:
    """An article from an HTML selection dropped from a browser."""
    limits = limits or Limits.from_env()
    page = extract_fragment(html, source_url)
    with _network(limits, offline) as network:
        record = _finish(page, network.lookups(), limits)
    # A selection from the clipboard may hold a lone surrogate: keep the rest.
    record.source = html.encode("utf-8", errors="replace")
    record.source_type = SELECTION_MEDIA_TYPE
    return record


def capture_url(
    url: str,
    limits: Limits | None = None,
    *,
    offline: bool = False,
    client: httpx.Client | None = None,
) -> ArticleRecord:
    """An article from an http(s) URL, or a pending record when it cannot be
    fetched now (network trouble, a timeout, an HTTP error).

    Raises ``CaptureError`` for what no retry can fix: a body over the size
    limit, something that is not a web page, a page with no article.
    """
    limits = limits or Limits.from_env()
    if offline:
        return pending_record(url, OFFLINE_ERROR)
    with _network(limits, offline, client) as network:
        network.lookups()  # opens the client shared by the page and its images
        assert network.client is not None
        try:
            fetched = fetch_page(url, limits, network.client)
        except FetchError as error:
            if error.transient:
                return pending_record(url, str(error))
            raise
        record = capture_fetched(fetched, limits, network.lookups())
    record.arrived_by = "web"
    return record


def capture_file(
    path: Path, limits: Limits | None = None, *, offline: bool = False
) -> ArticleRecord:
    """An article from a file on disk, by its kind."""
    limits = limits or Limits.from_env()
    data = read_file(path, limits)
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES or suffix == "":
        return capture_text_bytes(data, source_name=path.name)
    with _network(limits, offline) as network:
        if suffix in HTML_SUFFIXES:
            record = capture_html_file(path, data, limits, network.lookups())
        elif suffix in MHTML_SUFFIXES:
            record = capture_mhtml_bytes(data, limits, network.lookups())
        else:
            raise CaptureError(f"unsupported file type {suffix!r}")
    record.source_name = path.name
    record.arrived_by = "file"
    return record


def pending_record(url: str, error: str) -> ArticleRecord:
    """A URL kept for later: titled by its address, with the reason it waits."""
    return ArticleRecord(
        title=url,
        url=url,
        arrived_by="web",
        capture_status="pending",
        capture_error=error,
    )


def recapture(
    data: bytes,
    media_type: str | None,
    *,
    url: str | None = None,
    stored_images: Mapping[str, bytes] | None = None,
    limits: Limits | None = None,
) -> ArticleRecord:
    """Extract an article again from the bytes it was first captured from.

    Never touches the network: pictures come from the MHTML parts or from
    ``stored_images`` (the article's saved copies, by address); any other
    stays pending.
    """
    limits = limits or Limits.from_env()
    kind = (media_type or "").split(";")[0].strip().lower()
    lookups = [stored_lookup(stored_images or {})]
    if media_type == SELECTION_MEDIA_TYPE:
        page = extract_fragment(decode_bytes(data, "utf-8"), url)
        record = _finish(page, lookups, limits)
    elif kind in MHTML_TYPES or (not kind and looks_like_mhtml(data)):
        record = capture_mhtml_bytes(data, limits, lookups)
    elif kind in TEXT_TYPES:
        return capture_text_bytes(data)
    else:
        record = _capture_html(data, _charset_param(media_type), url, limits, lookups)
    record.source_type = media_type
    return record


# --------------------------------------------------------------------------
# Kinds
# --------------------------------------------------------------------------


def capture_text_bytes(data: bytes, *, source_name: str | None = None) -> ArticleRecord:
    """An article from the bytes of a plain-text dump."""
    record = parse_text_dump(decode_bytes(data), source_name=source_name)
    record.source = data
    record.source_type = "text/plain"
    return record


def capture_fetched(fetched: Fetched, limits: Limits, lookups: list[ImageLookup]) -> ArticleRecord:
    """An article from a fetched response, by its media type."""
    kind = fetched.media_type
    if kind in TEXT_TYPES:
        record = capture_text_bytes(fetched.body)
        record.url = record.url or fetched.final_url
        return record
    if kind in MHTML_TYPES or (not kind and looks_like_mhtml(fetched.body)):
        return capture_mhtml_bytes(fetched.body, limits, lookups)
    if kind and kind not in HTML_TYPES:
        raise CaptureError(f"not a web page: the server sent {kind}")
    record = _capture_html(fetched.body, fetched.charset, fetched.final_url, limits, lookups)
    if fetched.charset:
        record.source_type = f"{HTML_MEDIA_TYPE}; charset={fetched.charset}"
    return record


def capture_html_file(
    path: Path, data: bytes, limits: Limits, remote: list[ImageLookup]
) -> ArticleRecord:
    """An article from a saved HTML file; pictures from ``NAME_files/`` first."""
    html = decode_html(data)
    page = extract_page(html, saved_from_url(html))
    folder = path.parent.resolve()
    for figure in page.figures:
        on_web = any(ref.lower().startswith(("http:", "https:")) for ref in figure.alternates)
        if not on_web and local_path(figure.raw, folder) is not None:
            figure.url = figure.raw  # only the local copy is known: name it
    record = _finish(page, [folder_lookup(path, limits), *remote], limits)
    record.source = data
    record.source_type = HTML_MEDIA_TYPE
    return record


def capture_mhtml_bytes(data: bytes, limits: Limits, remote: list[ImageLookup]) -> ArticleRecord:
    """An article from an MHTML file; pictures from its parts first."""
    archive = parse_mhtml(data, limits)
    html = decode_html(archive.html, archive.charset)
    page = extract_page(html, archive.url or saved_from_url(html))
    record = _finish(page, [resource_lookup(archive.resources), *remote], limits)
    record.source = data
    record.source_type = MHTML_MEDIA_TYPE
    return record


def _capture_html(
    data: bytes,
    charset: str | None,
    url: str | None,
    limits: Limits,
    lookups: list[ImageLookup],
) -> ArticleRecord:
    """An article from the bytes of an HTML page that came from ``url``."""
    html = decode_html(data, charset)
    page = extract_page(html, url or saved_from_url(html))
    record = _finish(page, lookups, limits)
    record.source = data
    record.source_type = HTML_MEDIA_TYPE
    return record


def _finish(page: ExtractedPage, lookups: list[ImageLookup], limits: Limits) -> ArticleRecord:
    """Resolve the page's pictures through ``lookups`` and build the record."""
    return finish_article(page, lambda found: resolve_images(found, lookups, limits))


# --------------------------------------------------------------------------
# Bytes
# --------------------------------------------------------------------------


def decode_html(data: bytes, http_charset: str | None = None) -> str:
    """Decode an HTML page: BOM, then the HTTP charset, then ``<meta charset>``,
    then detection (all inside ``decode_bytes``); the result is NFC. Valid
    UTF-8 is read as UTF-8 whatever charset is declared.

    A declared charset that would not read ASCII markup as ASCII (UTF-16
    or EBCDIC named by a page whose bytes are not) is ignored: real UTF-16
    and UTF-32 pages are found by their byte-order mark or NUL bytes.
    """
    http_charset = http_charset if _reads_ascii(http_charset) else None
    meta_charset = _meta_charset(data)
    declared = http_charset if _decodes(data, http_charset) else meta_charset
    if _is_multibyte_utf8(data):
        # Bytes that decode as UTF-8 and use its multi-byte sequences are
        # UTF-8, whatever an old template or server says: in an 8-bit
        # charset they would read as "fÃ¼r".
        declared = "utf-8"
    return decode_bytes(data, declared or http_charset)


def _is_multibyte_utf8(data: bytes) -> bool:
    """Whether ``data`` is valid UTF-8 holding at least one non-ASCII character."""
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _meta_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` near its start."""
    match = _META_CHARSET.search(data[:META_CHARSET_SEARCH_BYTES])
    charset = match.group("charset").decode("ascii", "replace") if match else None
    return charset if _reads_ascii(charset) else None


def _reads_ascii(charset: str | None) -> bool:
    """Whether ``charset`` reads markup written in ASCII as that same markup."""
    if not charset:
        return False
    try:
        return _ASCII_MARKUP.decode(charset) == _ASCII_MARKUP.decode("ascii")
    except (LookupError, ValueError):  # unknown, not a text codec, or cannot decode
        return False


def _decodes(data: bytes, charset: str | None) -> bool:
    """Whether ``data`` decodes cleanly with ``charset``."""
    if not charset:
        return False
    try:
        data.decode(charset)
    except (LookupError, UnicodeDecodeError):
        return False
    return True


def _charset_param(media_type: str | None) -> str | None:
    """The charset parameter of a stored media type, if any."""
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", media_type or "", re.IGNORECASE)
    return match.group(1) if match else None


def read_file(path: Path, limits: Limits) -> bytes:
    """Read a whole file, refusing what is missing, unreadable or too large.

    Reasons do not repeat the path: the caller says which source failed.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        raise CaptureError("no such file") from None
    except PermissionError:
        raise CaptureError("permission denied") from None
    except OSError as error:
        raise CaptureError(f"cannot read it: {error.strerror or error}") from None
    if path.is_dir():
        raise CaptureError("is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        # A named pipe without a writer would block the read forever; a
        # socket or device has no size to check. Only plain files are read.
        raise CaptureError("not a regular file")
    if info.st_size > limits.max_file_bytes:
        raise CaptureError(
            f"file is {format_size(info.st_size)}, over the"
            f" {format_size(limits.max_file_bytes)} limit"
        )
    try:
        with path.open("rb") as handle:
            # Read one byte past the limit: a file that grew after stat()
            # (or a device that lies about its size) is still refused.
            data = handle.read(limits.max_file_bytes + 1)
    except PermissionError:
        raise CaptureError("permission denied") from None
    except OSError as error:
        raise CaptureError(f"cannot read it: {error.strerror or error}") from None
    if len(data) > limits.max_file_bytes:
        raise CaptureError(f"file is over the {format_size(limits.max_file_bytes)} limit")
    return data


def is_web_url(source: str) -> bool:
    """Whether ``source`` is an http(s) URL rather than a file path."""
    return source.lower().startswith(("http://", "https://"))
