"""What a parsed feed is, whatever its format (RSS, Atom, JSON Feed).

Parsers turn a document into a ``ParsedFeed`` of ``FeedEntry`` values; the
refresh turns entries into articles. Helpers shared by the parsers live
here too: entry keys, dates with their offsets, plain text as HTML.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from html import escape

from core.errors import CaptureError
from core.text import collapse_whitespace, nfc
from core.urls import canonical_url

# An id/guid longer than this is hashed: keys are stored for every entry.
MAX_ENTRY_KEY_CHARS = 400


class FeedFormatError(CaptureError):
    """A document that is not a feed we accept, with the reason why."""


@dataclass
class FeedEntry:
    """One entry (RSS item, Atom entry, JSON Feed item)."""

    key: str
    """Identifies the entry across refreshes: its id/guid, else its link."""
    title: str
    link: str | None = None
    author: str | None = None
    published: str | None = None
    """ISO 8601 with the offset the feed gave."""
    categories: list[str] = field(default_factory=list)
    content_html: str | None = None
    """The full content (content:encoded, atom:content, content_html)."""
    summary_html: str | None = None
    """The description/summary, as HTML."""
    image: str | None = None
    """A main picture named apart from the content (JSON Feed ``image``)."""


@dataclass
class ParsedFeed:
    """A feed document: its own title and site, and its entries in order."""

    title: str | None
    site_url: str | None
    entries: list[FeedEntry]
    format: str
    """feedparser's version name (``rss20``, ``atom10``...) or ``json1``/``json11``."""
    charset: str | None = None
    """The codec that decoded the document."""
    repaired: str | None = None
    """Why the document was read leniently ("invalid XML at line 3, column 9:
    not well-formed (invalid token)", a charset detected); None when it
    was read as it declares itself."""


def entry_key(raw_id: str | None, link: str | None, title: str, summary: str | None) -> str:
    """The entry's stable key: its id, else its canonical link, else a hash
    of what it says (a feed with neither id nor link)."""
    key = (raw_id or "").strip() or canonical_url(link) or (link or "").strip()
    if not key:
        key = "sha1:" + hashlib.sha1(f"{title}\n{summary or ''}".encode()).hexdigest()
    if len(key) > MAX_ENTRY_KEY_CHARS:
        key = "sha1:" + hashlib.sha1(key.encode()).hexdigest()
    return key


def iso_date(value: str | None) -> str | None:
    """A feed date (RFC 822 as in RSS, RFC 3339 as in Atom and JSON Feed) as
    ISO 8601, keeping the offset it was written with; None if unreadable."""
    text = (value or "").strip()
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if moment.tzinfo is None:
        # RSS dates without a zone are UTC by RFC 822's "-0000" convention.
        moment = moment.replace(tzinfo=UTC)
    return moment.isoformat(timespec="seconds")


def text_as_html(text: str) -> str:
    """Plain text as escaped paragraphs, one per blank-line-separated block."""
    blocks = [collapse_whitespace(block) for block in text.replace("\r\n", "\n").split("\n\n")]
    return "".join(f"<p>{escape(block)}</p>" for block in blocks if block)


def clean_text(value: object) -> str | None:
    """A metadata string, NFC and with whitespace collapsed; None if empty."""
    if not isinstance(value, str):
        return None
    text = collapse_whitespace(nfc(value))
    return text or None
