"""Refreshing feeds: fetch, parse, and turn new entries into articles.

``refresh_feeds`` checks several feeds in parallel (4 at once by default)
within one overall time limit. Each worker thread opens its own ``Library``
on the same file (a SQLite connection stays in its thread) and its own
httpx client; SQLite's busy timeout queues their short write transactions.

Per feed:

* a feed whose ``next_check`` lies ahead (Retry-After, backoff) is skipped
  unless forced;
* the request is conditional (If-None-Match / If-Modified-Since from the
  last answer); a 304 is recorded and costs nothing more;
* a failure is recorded with its HTTP status and error, and pushes the next
  check back: by Retry-After when the server sent one, else exponentially
  in the number of failures in a row;
* every redirect permanent (301/308): the subscription moves;
* each entry becomes an article once: entries seen before are skipped by
  their key, and an entry whose link is already saved (dropped by hand, or
  from another feed) is only linked to the feed;
* the validators are stored only once every entry was handled, so a
  refresh cut short by the time limit picks up the rest next time.

Every request of a refresh shares the deadline: an httpx request hook
shortens each request's timeouts to the time left and refuses requests past
it, so one slow feed (or slow picture) never holds the others up.

A stop (``stop`` set: the window closing) cuts the connections in flight
(``capture.feed_fetch.ConnectionCutter``), so a refresh of slow feeds ends
within a fraction of a second; what a stop interrupted is not recorded as a
failure, and an entry whose page was cut short is left for the next refresh.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

import httpx

from capture.feed_articles import EntrySettings, article_for_entry
from capture.feed_fetch import (
    ConnectionCutter,
    FeedFetchError,
    FeedResponse,
    fetch_feed,
    request_timeout,
)
from capture.feed_model import FeedEntry, ParsedFeed
from capture.feeds import parse_feed
from capture.fetch import open_client
from core.errors import CaptureError
from core.limits import Limits
from core.models import ArticleRecord, Feed, FeedCheck
from storage import Library, LibraryError
from storage.errors import FeedNotFoundError

DEFAULT_WORKERS = 4
DEFAULT_TIME_LIMIT = 300.0
BACKOFF_BASE = timedelta(minutes=10)
BACKOFF_MAX = timedelta(hours=24)
RefreshOutcome = Literal["updated", "not-modified", "partial", "failed", "skipped", "timed-out"]
FAILED_OUTCOMES: frozenset[str] = frozenset({"failed", "partial", "timed-out"})


@dataclass
class FeedRefreshResult:
    """What refreshing one feed did."""

    feed_id: int
    url: str
    title: str | None
    outcome: RefreshOutcome
    http_status: int | None = None
    added: int = 0
    """New articles saved from this feed's entries."""
    linked: int = 0
    """Entries that were articles already (same link) and are now linked."""
    pending: int = 0
    """Of the added articles, those kept pending (page and content failed)."""
    error: str | None = None
    moved_to: str | None = None
    next_check: str | None = None
    repaired: str | None = None
    """Why the feed's document was read leniently (see ``ParsedFeed.repaired``)."""
    article_ids: list[int] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """Whether the feed was not (fully) refreshed."""
        return self.outcome in FAILED_OUTCOMES


ProgressCallback = Callable[[FeedRefreshResult, int, int], None]
"""Called with (result, feeds done, feeds in all) as each feed finishes, in
the thread that called ``refresh_feeds``."""


@dataclass(frozen=True)
class RefreshOptions:
    """How a refresh runs."""

    workers: int = DEFAULT_WORKERS
    time_limit: float = DEFAULT_TIME_LIMIT
    """Seconds for the whole refresh, all feeds together."""
    force: bool = False
    """Check feeds even when Retry-After or backoff says to wait."""


def refresh_feeds(
    library_path: str | Path,
    feed_ids: Iterable[int] | None = None,
    *,
    limits: Limits | None = None,
    options: RefreshOptions = RefreshOptions(),
    progress: ProgressCallback | None = None,
    stop: threading.Event | None = None,
) -> list[FeedRefreshResult]:
    """Refresh the given feeds (all when None), in parallel within the time
    limit; one result per feed, in the order asked.

    Safe to call from a worker thread: it opens its own connections. Raises
    ``FeedNotFoundError`` for an unknown id before fetching anything.
    ``stop`` ends the refresh early: fetches in flight are cut, entries
    being saved are finished.
    """
    with Library(library_path) as library:
        feeds = (
            library.list_feeds()
            if feed_ids is None
            else [library.get_feed(feed_id) for feed_id in dict.fromkeys(feed_ids)]
        )
    if not feeds:
        return []
    refresher = FeedRefresher(library_path, limits or Limits.from_env(), options=options, stop=stop)
    results: dict[int, FeedRefreshResult] = {}
    try:
        with ThreadPoolExecutor(
            max_workers=max(1, min(options.workers, len(feeds))), thread_name_prefix="feed"
        ) as pool:
            futures = [pool.submit(refresher.refresh, feed.id) for feed in feeds]
            for future in as_completed(futures):
                result = future.result()
                results[result.feed_id] = result
                if progress is not None:
                    progress(result, len(results), len(feeds))
    finally:
        refresher.close()
    return [results[feed.id] for feed in feeds]


def backoff_delay(failures: int) -> timedelta:
    """How long to wait after ``failures`` failed checks in a row:
    10 minutes, doubling each time, at most a day."""
    if failures <= 0:
        return timedelta(0)
    doublings = min(failures - 1, 16)  # 2**16 * 10 min is far past the cap
    return min(BACKOFF_BASE * (1 << doublings), BACKOFF_MAX)


def _now() -> datetime:
    """The current time in UTC."""
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    """An instant as stored in the library: ISO 8601 to the second."""
    return moment.isoformat(timespec="seconds")


class _DeadlineGuard:
    """An httpx request hook: every request ends by the deadline."""

    def __init__(self, deadline: float, limits: Limits) -> None:
        self.deadline = deadline
        self.limits = limits

    def __call__(self, request: httpx.Request) -> None:
        """Refuse a request past the deadline; shorten its timeouts before."""
        if time.monotonic() >= self.deadline:
            # A timeout, so capture treats it like any slow site: a page
            # becomes pending, a picture stays a link.
            raise httpx.ReadTimeout("the refresh time limit was reached", request=request)
        request.extensions["timeout"] = request_timeout(self.limits, self.deadline).as_dict()


class FeedRefresher:
    """Refreshes single feeds against one library file and one deadline.

    Usable from several threads at once: each thread gets its own httpx
    client and opens its own ``Library`` per feed. Close when done.
    """

    def __init__(
        self,
        library_path: str | Path,
        limits: Limits,
        *,
        options: RefreshOptions = RefreshOptions(),
        stop: threading.Event | None = None,
    ) -> None:
        self.library_path = Path(library_path)
        self.limits = limits
        self.options = options
        self.deadline = time.monotonic() + options.time_limit
        self.stop = stop or threading.Event()
        self._guard = _DeadlineGuard(self.deadline, limits)
        self._cutter = ConnectionCutter(self.stop)
        self._local = threading.local()
        self._clients: list[httpx.Client] = []
        self._lock = threading.Lock()

    def close(self) -> None:
        """Close every thread's httpx client."""
        self._cutter.close()
        with self._lock:
            for client in self._clients:
                client.close()
            self._clients.clear()

    def _client(self) -> httpx.Client:
        """This thread's client, opened on first use."""
        client: httpx.Client | None = getattr(self._local, "client", None)
        if client is None:
            client = open_client(self.limits)
            client.event_hooks["request"].append(self._guard)
            self._cutter.attach(client)
            self._local.client = client
            with self._lock:
                self._clients.append(client)
        return client

    def _out_of_time(self) -> bool:
        """Whether the refresh's deadline has passed."""
        return time.monotonic() >= self.deadline

    # ------------------------------------------------------------------
    # One feed
    # ------------------------------------------------------------------

    def refresh(self, feed_id: int, prefetched: FeedResponse | None = None) -> FeedRefreshResult:
        """Refresh one feed; ``prefetched`` is its document fetched already
        (subscribing fetches it to check it is a feed)."""
        with Library(self.library_path) as library:
            try:
                feed = library.get_feed(feed_id)
            except FeedNotFoundError as error:  # removed since the refresh began
                return FeedRefreshResult(feed_id, "", None, "skipped", error=str(error))
            result = FeedRefreshResult(feed.id, feed.url, feed.title, "updated")
            if self.stop.is_set():
                return _stopped(result)
            if self._out_of_time():
                return replace(
                    result, outcome="timed-out", error="not refreshed: the time limit was reached"
                )
            if self._must_wait(feed) and prefetched is None:
                return replace(
                    result,
                    outcome="skipped",
                    error=f"not checked: waiting until {feed.next_check}"
                    + (f" after: {feed.error}" if feed.error else ""),
                    next_check=feed.next_check,
                )
            try:
                return self._refresh(library, feed, result, prefetched)
            except (CaptureError, LibraryError) as error:
                message = str(error)
            except Exception as error:
                # A document that trips a parser bug must cost one feed, not
                # the whole refresh; the message says what to report.
                message = f"unexpected error: {type(error).__name__}: {error}"
            if self.stop.is_set():  # what failed is what the stop cut
                return _stopped(result)
            try:
                return self._failed(library, feed, result, message, None, None)
            except LibraryError:
                return replace(result, outcome="failed", error=message)

    def _must_wait(self, feed: Feed) -> bool:
        """Whether Retry-After or backoff says not to check the feed yet."""
        return (
            not self.options.force
            and feed.next_check is not None
            and feed.next_check > _iso(_now())
        )

    def _refresh(
        self,
        library: Library,
        feed: Feed,
        result: FeedRefreshResult,
        prefetched: FeedResponse | None,
    ) -> FeedRefreshResult:
        """Fetch, parse and store one feed's new entries."""
        try:
            response = prefetched or fetch_feed(
                self._client(),
                feed.url,
                self.limits,
                etag=feed.etag,
                last_modified=feed.last_modified,
                deadline=self.deadline,
                stop=self.stop,
            )
        except FeedFetchError as error:
            if self.stop.is_set():
                return _stopped(result)
            return self._failed(library, feed, result, str(error), error.status, error.retry_after)
        result.http_status = response.status
        if response.moved_permanently and response.final_url != feed.url:
            result.moved_to = response.final_url
        if response.not_modified:
            self._record_success(library, feed, result, response, None, complete=True)
            result.outcome = "not-modified"
            return result
        try:
            parsed = parse_feed(
                response.body,
                url=response.final_url,
                media_type=response.media_type,
                charset=response.charset,
            )
        except CaptureError as error:
            return self._failed(library, feed, result, str(error), response.status, None)
        result.repaired = parsed.repaired
        left = self._store_entries(library, feed, parsed, result)
        if left:
            why = "the refresh was stopped" if self.stop.is_set() else "the time limit was reached"
            result.outcome = "partial"
            result.error = f"{why}: {left} entries left for the next refresh"
        self._record_success(library, feed, result, response, parsed, complete=not left)
        return result

    def _store_entries(
        self, library: Library, feed: Feed, parsed: ParsedFeed, result: FeedRefreshResult
    ) -> int:
        """Turn the feed's new entries into articles; returns how many were
        left for later (time limit, stop)."""
        known = library.feed_entry_keys(feed.id)
        fresh = [entry for entry in _unique(parsed.entries) if entry.key not in known]
        settings = EntrySettings(feed.mode, feed.entry_tags, parsed.title or feed.title)
        for done, entry in enumerate(fresh):
            if self._out_of_time() or self.stop.is_set():
                return len(fresh) - done
            if not self._store_entry(library, feed, entry, settings, result):
                return len(fresh) - done
        return 0

    def _store_entry(
        self,
        library: Library,
        feed: Feed,
        entry: FeedEntry,
        settings: EntrySettings,
        result: FeedRefreshResult,
    ) -> bool:
        """Save one new entry as an article, or link the article it already
        is. False when the time limit struck during the capture: the entry
        is left for the next refresh rather than saved from a cut fetch."""
        existing = library.find_article_id(entry.link)
        if existing is not None:
            _link_existing(library, feed, entry, existing, result)
            return True
        record = article_for_entry(entry, settings, self._client(), self.limits)
        if self._out_of_time() or self.stop.is_set():
            return False
        if record is None:
            library.link_feed_entry(feed.id, entry.key, None)
            return True
        # The page may live at another address than the entry's link.
        existing = library.find_article_id(record.url)
        if existing is not None:
            _link_existing(library, feed, entry, existing, result)
            return True
        saved = library.save_article(
            _categories_apart(record, entry, feed), tags=[feed.tag] if feed.tag else ()
        )
        library.link_feed_entry(feed.id, entry.key, saved.id)
        if saved.outcome == "added":
            result.added += 1
            result.pending += record.capture_status == "pending"
            result.article_ids.append(saved.id)
        else:  # another worker saved the same article a moment ago
            result.linked += 1
        return True

    # ------------------------------------------------------------------
    # Recording checks
    # ------------------------------------------------------------------

    def _record_success(
        self,
        library: Library,
        feed: Feed,
        result: FeedRefreshResult,
        response: FeedResponse,
        parsed: ParsedFeed | None,
        *,
        complete: bool,
    ) -> None:
        """Record a 200 or 304: the failure count starts again from zero."""
        library.record_feed_check(
            feed.id,
            FeedCheck(
                checked=_iso(_now()),
                status=response.status,
                error=result.error,
                failures=0,
                update_validators=complete and not response.not_modified,
                etag=response.etag,
                last_modified=response.last_modified,
                title=None if feed.title or parsed is None else parsed.title,
                site_url=None if feed.site_url or parsed is None else parsed.site_url,
                new_url=result.moved_to,
                repaired=None if parsed is None else parsed.repaired,
                charset=None if parsed is None else parsed.charset,
            ),
        )

    def _failed(
        self,
        library: Library,
        feed: Feed,
        result: FeedRefreshResult,
        error: str,
        status: int | None,
        retry_after: float | None,
    ) -> FeedRefreshResult:
        """Record a failed check and when the next one may happen."""
        failures = feed.failures + 1
        wait = (
            timedelta(seconds=retry_after) if retry_after is not None else backoff_delay(failures)
        )
        next_check = _iso(_now() + wait)
        library.record_feed_check(
            feed.id,
            FeedCheck(
                checked=_iso(_now()),
                status=status,
                error=error,
                failures=failures,
                next_check=next_check,
            ),
        )
        return replace(
            result, outcome="failed", http_status=status, error=error, next_check=next_check
        )


def _stopped(result: FeedRefreshResult) -> FeedRefreshResult:
    """The result of a feed the stop reached before it was refreshed."""
    return replace(result, outcome="timed-out", error="not refreshed: the refresh was stopped")


def _categories_apart(record: ArticleRecord, entry: FeedEntry, feed: Feed) -> ArticleRecord:
    """The entry's categories are tags when the feed says so (``entry_tags``:
    capture made them tags), topics otherwise, beside the page's keywords;
    a keyword that is also one of the tags is not a topic too."""
    if feed.entry_tags:
        categories = {Library.tag_key(name) for name in entry.categories}
        record.topics = [name for name in record.topics if Library.tag_key(name) not in categories]
    else:
        record.topics = list(dict.fromkeys([*record.topics, *entry.categories]))
    return record


def _unique(entries: list[FeedEntry]) -> list[FeedEntry]:
    """The entries, each key once (a feed may repeat an entry)."""
    seen: dict[str, FeedEntry] = {}
    for entry in entries:
        seen.setdefault(entry.key, entry)
    return list(seen.values())


def _link_existing(
    library: Library, feed: Feed, entry: FeedEntry, article_id: int, result: FeedRefreshResult
) -> None:
    """Link an entry to the article already saved at its address."""
    library.link_feed_entry(feed.id, entry.key, article_id)
    result.linked += 1
