"""Moving in from another reader: import its export file, then fetch the
pages it did not carry.

``import_export`` reads the whole file first (``capture.importers``: a
damaged or unrecognised file is refused with one line and nothing written),
then saves its articles a batch per transaction (``Library.import_articles``):
each keeps its address, title, the date it was saved there, tags, state,
reading progress and highlights. An article whose text the file carries
(wallabag, Omnivore) goes through the normal HTML capture at once, with no
network; the others arrive *pending*. Importing the same file again adds
nothing: an article already saved keeps its text and gains the imported
tags, state and highlights.

``fetch_imported`` is the background fetch queue that fills the pending
ones in: a few pages at a time, never two at once from one site and with a
pause between two fetches from it. The queue is the pending imported
articles themselves (``Library.import_queue``), so quitting loses nothing:
the next run carries on. The window runs it in its worker pool with a
progress callback and a stop event; the command line with a progress bar.
"""

from __future__ import annotations

import html
import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

from core.errors import CaptureError
from core.imported import (
    FORMAT_NAMES,
    IMPORTED_BY,
    ImportedArticle,
    ImportedFile,
)
from core.limits import Limits
from core.models import ArticleRecord
from storage import Library

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
"""Articles saved per transaction: large enough that 20,000 links import in
seconds, small enough that the window is never kept waiting long."""
FETCH_WORKERS = 4
"""Pages fetched at once, each from a different site."""
HOST_DELAY = 1.0
"""Seconds between the end of one fetch from a site and the start of the next."""

Progress = Callable[[int, int], None]
"""``progress(done, total)``, called on the thread that runs the queue."""
FetchPage = Callable[[str], ArticleRecord]
"""An address -> its article (a pending record when it cannot be fetched now)."""


@dataclass(frozen=True)
class ImportReport:
    """What importing one export file did."""

    format: str
    articles: int
    """Articles the file holds (with a web address)."""
    added: int
    updated: int
    """Already saved, and gained tags, a state or highlights."""
    unchanged: int
    """Already saved with everything the file gives."""
    skipped: int
    """Entries without a web address, which cannot be saved."""
    highlights: int
    """Highlights and notes added."""
    with_text: int
    """Articles saved with the text the file carries: nothing to fetch."""
    pending: int
    """Imported articles waiting for their page to be fetched (every import)."""

    @property
    def format_name(self) -> str:
        return FORMAT_NAMES.get(self.format, self.format)


@dataclass(frozen=True)
class FetchReport:
    """What a run of the fetch queue did."""

    fetched: int
    failed: int
    """Tried and still pending (with the reason): ``retry`` tries them again."""
    left: int
    """Never tried: the run was stopped first. The next run fetches them."""


def detect_source(path: Path) -> str:
    """The format of the export at ``path``: one of ``capture.importers.detect.SOURCES``."""
    from capture.importers.detect import detect_format

    return detect_format(path)


def read_export(path: Path, source: str | None = None) -> ImportedFile:
    """Every article of an export file, read and checked before anything is
    saved; raises ``ImportFileError`` (one line) for a damaged or unknown file."""
    from capture.importers.detect import read_export as read

    return read(path, source)


T = TypeVar("T")


def _batches(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def import_export(
    library: Library,
    path: Path,
    source: str | None = None,
    *,
    limits: Limits | None = None,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
) -> ImportReport:
    """Import the export file at ``path`` (its format detected unless
    ``source`` names it). Nothing is fetched: see ``fetch_imported``."""
    exported = read_export(path, source)
    counts = {"added": 0, "updated": 0, "unchanged": 0}
    highlights = with_text = done = 0
    total = len(exported.articles)
    for batch in _batches(exported.articles, batch_size):
        outcomes = library.import_articles(batch, origin=exported.format, source_name=path.name)
        for item, outcome in zip(batch, outcomes, strict=True):
            counts[outcome.change] += 1
            highlights += outcome.highlights_added
            if item.content_html and outcome.pending:
                with_text += _save_text(library, outcome.article_id, item, path.name, limits)
        done += len(batch)
        if progress is not None:
            progress(done, total)
    return ImportReport(
        format=exported.format,
        articles=total,
        added=counts["added"],
        updated=counts["updated"],
        unchanged=counts["unchanged"],
        skipped=exported.skipped,
        highlights=highlights,
        with_text=with_text,
        pending=len(library.import_queue()),
    )


def _save_text(
    library: Library, article_id: int, item: ImportedArticle, file_name: str, limits: Limits | None
) -> bool:
    """Save the text an export carries into its pending article, through the
    normal HTML capture, offline; returns whether it was saved. Text the
    extraction cannot use leaves the article pending, for the fetch queue."""
    from capture.sources import HTML_MEDIA_TYPE, recapture

    page = (
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        f"<title>{html.escape(item.title)}</title></head>"
        f"<body><article>{item.content_html}</article></body></html>"
    ).encode("utf-8", errors="replace")
    try:
        record = recapture(page, HTML_MEDIA_TYPE, url=item.url, limits=limits or Limits.from_env())
    except CaptureError as error:
        logger.info("kept %s pending: its exported text gave no article (%s)", item.url, error)
        return False
    record.url = item.url
    record.title = item.title or record.title
    record.byline = record.byline or item.byline
    record.published = record.published or item.published
    record.arrived_by = IMPORTED_BY
    record.source_name = file_name
    library.save_article(record, into=article_id)
    return True


# --------------------------------------------------------------------------
# The fetch queue
# --------------------------------------------------------------------------


def default_fetch(limits: Limits | None = None) -> FetchPage:
    """The real fetch: the page and its pictures from the web."""
    from capture.sources import capture_url

    chosen = limits or Limits.from_env()
    return lambda url: capture_url(url, chosen)


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


class _Sites:
    """The queue split by site, served politely: a site is never fetched
    twice at once, and waits ``delay`` seconds after each fetch. Sites take
    turns, least recently served first."""

    def __init__(self, queue: list[tuple[int, str]], delay: float) -> None:
        self.waiting: dict[str, deque[tuple[int, str]]] = {}
        for article_id, url in queue:
            self.waiting.setdefault(_host(url), deque()).append((article_id, url))
        self.busy: set[str] = set()
        self.pausing: dict[str, float] = {}
        """Sites served lately, with the moment each may be fetched again."""
        self.delay = delay

    def next_ready(self, now: float) -> tuple[int, str, str] | None:
        """An article whose site may be fetched now, taken off the queue."""
        for host in self.waiting:
            if host in self.busy or self.pausing.get(host, 0.0) > now:
                continue
            self.pausing.pop(host, None)
            articles = self.waiting.pop(host)
            article_id, url = articles.popleft()
            if articles:
                self.waiting[host] = articles  # to the back of the turn order
            self.busy.add(host)
            return article_id, url, host
        return None

    def done(self, host: str, now: float) -> None:
        self.busy.discard(host)
        if host in self.waiting:
            self.pausing[host] = now + self.delay

    def wait_time(self, now: float) -> float | None:
        """Seconds until a paused site may be fetched again (None: none is paused)."""
        if not self.pausing:
            return None
        return max(min(self.pausing.values()) - now, 0.0)

    def left(self) -> int:
        return sum(len(articles) for articles in self.waiting.values())


def fetch_imported(
    library: Library,
    *,
    fetch: FetchPage | None = None,
    workers: int = FETCH_WORKERS,
    host_delay: float = HOST_DELAY,
    progress: Progress | None = None,
    stop: threading.Event | None = None,
) -> FetchReport:
    """Fetch every imported article not fetched yet and save it in place
    (keeping its saved date, tags, state and highlights).

    Pages are fetched on ``workers`` threads; each is saved on the calling
    thread, which owns ``library``. A page that cannot be fetched stays
    pending with the reason and leaves the queue (``retry`` tries again).
    Setting ``stop`` ends the run once the fetches under way are saved; the
    articles not tried stay in the queue for the next run.
    """
    fetch = fetch or default_fetch()
    queue = library.import_queue()
    total = len(queue)
    sites = _Sites(queue, host_delay)
    running: dict[Future[ArticleRecord], tuple[int, str, str]] = {}
    fetched = failed = 0
    if progress is not None:
        progress(0, total)
    pool = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="import-fetch")
    try:
        while True:
            stopping = stop is not None and stop.is_set()
            now = time.monotonic()
            while not stopping and len(running) < max(1, workers):
                chosen = sites.next_ready(now)
                if chosen is None:
                    break
                running[pool.submit(fetch, chosen[1])] = chosen
            if not running:
                pause = None if stopping else sites.wait_time(now)
                if pause is None:
                    break
                if stop is not None:
                    stop.wait(pause)
                else:
                    time.sleep(pause)
                continue
            finished, _ = wait(running, timeout=sites.wait_time(now), return_when=FIRST_COMPLETED)
            for future in finished:
                article_id, url, host = running.pop(future)
                if _save_fetched(library, article_id, url, future):
                    fetched += 1
                else:
                    failed += 1
                sites.done(host, time.monotonic())
                if progress is not None:
                    progress(fetched + failed, total)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return FetchReport(fetched=fetched, failed=failed, left=sites.left())


def _save_fetched(
    library: Library, article_id: int, url: str, future: Future[ArticleRecord]
) -> bool:
    """Save one finished fetch into its article; returns whether it is now
    complete. A failure is recorded on the article, which stays pending."""
    try:
        record = future.result()
    except CaptureError as error:
        library.record_fetch_failure(article_id, str(error) or "the page could not be saved")
        return False
    except Exception as error:  # a bug: log it whole, keep the article, go on
        logger.error("fetching imported article %s (%s) failed", article_id, url, exc_info=error)
        library.record_fetch_failure(article_id, f"something went wrong: {error}")
        return False
    if record.capture_status == "pending":
        library.record_fetch_failure(
            article_id, record.capture_error or "the page could not be fetched"
        )
        return False
    if not library.article_exists(article_id):
        return False  # deleted while its page was being fetched
    record.arrived_by = IMPORTED_BY
    library.save_article(record, into=article_id)
    return True
