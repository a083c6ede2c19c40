"""From a feed entry to an article record, the way the feed is set to.

Mode ``full`` fetches the entry's page and extracts it like a dropped link
(pictures with captions, tags, related stories); when the page cannot be
fetched or holds no article, the entry's own content stands in, then its
summary. Mode ``feed`` takes the entry's content as it is (and the page
only when the entry carries no content at all). Either way the HTML goes
through the same extraction and sanitizer as pages, and pictures are
fetched now, so the article reads offline.

The entry's metadata fills what the page lacks: byline, publication date;
its categories become tags only when the feed is set to do so.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

import httpx

from capture.feed_model import FeedEntry
from capture.html_page import extract_fragment, finish_article
from capture.images import network_lookup, resolve_images
from capture.sources import SELECTION_MEDIA_TYPE, capture_url, pending_record
from core.errors import CaptureError
from core.limits import Limits
from core.models import ArticleRecord, FeedMode

ARRIVED_BY = "feed"


@dataclass(frozen=True)
class EntrySettings:
    """How a feed's entries become articles."""

    mode: FeedMode = "full"
    entry_tags: bool = False
    feed_title: str | None = None


def article_for_entry(
    entry: FeedEntry, settings: EntrySettings, client: httpx.Client, limits: Limits
) -> ArticleRecord | None:
    """The article an entry becomes; None for an entry with neither a link
    nor any content (nothing to read, nothing to fetch later)."""
    record: ArticleRecord | None = None
    page_error: str | None = None
    if settings.mode == "full":
        record, page_error = article_from_page(entry, client, limits)
    if record is None:
        record = article_from_content(entry, client, limits)
    if record is None and settings.mode == "feed":
        record, page_error = article_from_page(entry, client, limits)
    if record is None:
        if entry.link is None:
            return None
        # Kept as pending: the page may come back, and nothing is lost.
        record = pending_record(entry.link, page_error or "the entry has no content")
    return with_entry_metadata(record, entry, settings)


def article_from_page(
    entry: FeedEntry, client: httpx.Client, limits: Limits
) -> tuple[ArticleRecord | None, str | None]:
    """The entry's page, extracted; or None and why it could not be."""
    if entry.link is None:
        return None, "the entry has no link"
    try:
        record = capture_url(entry.link, limits, client=client)
    except CaptureError as error:
        return None, str(error)
    if record.capture_status == "pending":
        return None, record.capture_error
    return record, None


def article_from_content(
    entry: FeedEntry, client: httpx.Client, limits: Limits
) -> ArticleRecord | None:
    """The entry's own content, else its summary, as an article; None if
    neither holds any text."""
    lookups = [network_lookup(client, limits)]
    for html in (entry.content_html, entry.summary_html):
        if not html or not html.strip():
            continue
        if entry.image and entry.image not in html:
            html = f'<figure><img src="{escape(entry.image)}" alt=""></figure>{html}'
        try:
            page = extract_fragment(html, entry.link)
        except CaptureError:
            continue
        record = finish_article(page, lambda found: resolve_images(found, lookups, limits))
        record.title = entry.title or record.title
        record.source = html.encode("utf-8")
        record.source_type = SELECTION_MEDIA_TYPE
        return record
    return None


def with_entry_metadata(
    record: ArticleRecord, entry: FeedEntry, settings: EntrySettings
) -> ArticleRecord:
    """Fill what the page lacks from the entry, and mark the record as
    arrived by feed."""
    if not record.title.strip() or record.title == record.url:
        record.title = entry.title or record.title
    record.url = record.url or entry.link
    record.byline = record.byline or entry.author
    record.published = record.published or entry.published
    record.site = record.site or settings.feed_title
    if settings.entry_tags:
        record.tags = list(dict.fromkeys([*record.tags, *entry.categories]))
    record.arrived_by = ARRIVED_BY
    return record
