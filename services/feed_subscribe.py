"""Subscribing to feeds: by address (a feed, or a page that links to one),
and by OPML file; and writing the subscriptions back out as OPML.

These are plain functions for the command line and for the window's
worker threads: ``subscribe`` takes the library's path and opens its own
connection, so it can run in any thread.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx

from capture.autodiscovery import find_feed_links
from capture.feed_fetch import ConnectionCutter, FeedResponse, fetch_feed
from capture.feed_model import FeedFormatError, ParsedFeed
from capture.feeds import looks_like_html, parse_feed
from capture.fetch import open_client
from capture.opml import OpmlFeed, parse_opml, write_opml
from capture.sources import decode_html
from core.errors import CaptureError
from core.limits import Limits
from core.models import Feed, FeedMode
from services.feed_refresh import (
    DEFAULT_TIME_LIMIT,
    FeedRefresher,
    FeedRefreshResult,
    RefreshOptions,
)
from storage import Library
from storage.errors import FeedExistsError


@dataclass(frozen=True)
class Subscription:
    """A new subscription and, if it ran, its first refresh."""

    feed: Feed
    refresh: FeedRefreshResult | None


@dataclass(frozen=True)
class DiscoveredFeed:
    """A feed found from an address: the fetched document, parsed."""

    url: str
    """Where to subscribe: the feed's address (moved if it moved for good)."""
    response: FeedResponse
    parsed: ParsedFeed


@dataclass(frozen=True)
class OpmlImport:
    """What importing an OPML file did."""

    added: list[Feed]
    already: list[str]
    """Addresses that were subscribed already."""


def discover_feed(
    client: httpx.Client, url: str, limits: Limits, *, stop: threading.Event | None = None
) -> DiscoveredFeed:
    """The feed at ``url``; for a web page, the first feed the page links to.

    Raises ``CaptureError`` (a fetch or format error) with the reason.
    """
    response = fetch_feed(client, url, limits, stop=stop)
    try:
        return DiscoveredFeed(_subscribe_url(url, response), response, _parse(response))
    except FeedFormatError:
        text = decode_html(response.body, response.charset)
        if not looks_like_html(text, response.media_type):
            raise
    links = find_feed_links(text, response.final_url)
    if not links:
        raise CaptureError(f"no feed found: {url} is a web page that links to no feed")
    feed_response = fetch_feed(client, links[0], limits, stop=stop)
    return DiscoveredFeed(
        _subscribe_url(links[0], feed_response), feed_response, _parse(feed_response)
    )


def _parse(response: FeedResponse) -> ParsedFeed:
    """Parse a fetched feed document."""
    return parse_feed(
        response.body,
        url=response.final_url,
        media_type=response.media_type,
        charset=response.charset,
    )


def _subscribe_url(asked: str, response: FeedResponse) -> str:
    """The address to store: where the feed moved for good, else the one asked."""
    return response.final_url if response.moved_permanently else asked


def subscribe(
    library_path: str | Path,
    url: str,
    *,
    tag: str | None = None,
    mode: FeedMode = "full",
    entry_tags: bool = False,
    limits: Limits | None = None,
    refresh: bool = True,
    time_limit: float = DEFAULT_TIME_LIMIT,
    stop: threading.Event | None = None,
) -> Subscription:
    """Subscribe to the feed at ``url`` (or found on the page at ``url``) and,
    unless ``refresh`` is False, save its entries right away.

    Raises ``CaptureError`` when no feed can be had from ``url`` and
    ``FeedExistsError`` when the library already subscribes to it; in both
    cases the library is unchanged.
    """
    limits = limits or Limits.from_env()
    address = url.strip()
    with Library(library_path) as library:
        _refuse_subscribed(library, address)  # before any network traffic
    cutter = ConnectionCutter(stop or threading.Event())
    try:
        with open_client(limits) as client:
            cutter.attach(client)
            found = discover_feed(client, address, limits, stop=cutter.stop)
    finally:
        cutter.close()
    with Library(library_path) as library:
        _refuse_subscribed(library, found.url)
        feed = library.add_feed(
            found.url,
            title=found.parsed.title,
            site_url=found.parsed.site_url,
            tag=tag,
            mode=mode,
            entry_tags=entry_tags,
        )
    result: FeedRefreshResult | None = None
    if refresh:
        refresher = FeedRefresher(
            library_path, limits, options=RefreshOptions(time_limit=time_limit), stop=stop
        )
        try:
            result = refresher.refresh(feed.id, prefetched=found.response)
        finally:
            refresher.close()
    with Library(library_path) as library:
        return Subscription(library.get_feed(feed.id), result)


def _refuse_subscribed(library: Library, url: str) -> None:
    """Raise FeedExistsError if the library subscribes to ``url`` already."""
    if library.feed_by_url(url) is not None:
        raise FeedExistsError(f"already subscribed to {url}")


def import_opml(library: Library, data: bytes) -> OpmlImport:
    """Subscribe to every feed an OPML document lists (without fetching
    them); addresses already subscribed are left as they are."""
    added: list[Feed] = []
    already: list[str] = []
    for listed in parse_opml(data):
        if library.feed_by_url(listed.url) is not None:
            already.append(listed.url)
            continue
        added.append(
            library.add_feed(
                listed.url,
                title=listed.title,
                site_url=listed.site_url,
                tag=listed.tag,
                folder=listed.folder,
            )
        )
    return OpmlImport(added, already)


def export_opml(feeds: Sequence[Feed]) -> bytes:
    """An OPML document of ``feeds``, nested by their folders (or their tag)."""
    return write_opml(
        [
            OpmlFeed(
                url=feed.url,
                title=feed.title,
                site_url=feed.site_url,
                folder=feed.folder or ((feed.tag,) if feed.tag else ()),
            )
            for feed in feeds
        ]
    )
