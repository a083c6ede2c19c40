"""MHTML (``.mhtml``/``.mht``): a web page and its resources in one MIME file.

Browsers save a page "as a single file" this way: a ``multipart/related``
message whose first HTML part is the page and whose other parts are its
images, each named by ``Content-Location`` (and sometimes ``Content-ID``).
"""

from __future__ import annotations

import email.parser
import email.policy
from dataclasses import dataclass, field
from email.message import Message

from core.errors import CaptureError
from core.limits import Limits, format_size

MEDIA_TYPE = "multipart/related"


@dataclass(frozen=True)
class Resource:
    """One part of the archive: its bytes and declared media type."""

    data: bytes
    media_type: str


@dataclass
class MhtmlArchive:
    """The page of an MHTML file, its address, and its other parts by address."""

    html: bytes
    charset: str | None
    url: str | None
    resources: dict[str, Resource] = field(default_factory=dict)


def looks_like_mhtml(data: bytes) -> bool:
    """Whether ``data`` starts like a MIME message with a multipart body."""
    head = data[:4096].lower()
    return b"content-type:" in head and b"multipart/" in head


def parse_mhtml(data: bytes, limits: Limits) -> MhtmlArchive:
    """Split an MHTML file into its page and resources.

    Raises ``CaptureError`` when there is no HTML part, or when the decoded
    parts together pass ``Limits.max_decoded_bytes``.
    """
    message = email.parser.BytesParser(policy=email.policy.compat32).parsebytes(data)
    if not message.is_multipart():
        raise CaptureError("not an MHTML file: it has no parts")
    snapshot = message.get("Snapshot-Content-Location")
    page: Message | None = None
    page_body = b""
    resources: dict[str, Resource] = {}
    total = 0
    for part in message.walk():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True)
        body = payload if isinstance(payload, bytes) else b""
        total += len(body)
        if total > limits.max_decoded_bytes:
            raise CaptureError(
                f"the MHTML parts are over the {format_size(limits.max_decoded_bytes)} limit"
            )
        location = (part.get("Content-Location") or "").strip()
        if page is None and _is_the_page(part, location, snapshot):
            page, page_body = part, body
            continue
        resource = Resource(body, part.get_content_type())
        if location:
            resources[location] = resource
        content_id = (part.get("Content-ID") or "").strip().strip("<>")
        if content_id:
            resources[f"cid:{content_id}"] = resource
    if page is None:
        raise CaptureError("not an MHTML page: it has no HTML part")
    url = snapshot or (page.get("Content-Location") or "").strip() or None
    return MhtmlArchive(page_body, page.get_content_charset(), url, resources)


def _is_the_page(part: Message, location: str, snapshot: str | None) -> bool:
    """Whether a part is the saved page itself: HTML, at the snapshot's address
    when the archive names one (frames are HTML parts too)."""
    if part.get_content_type() not in ("text/html", "application/xhtml+xml"):
        return False
    return not snapshot or not location or location == snapshot
