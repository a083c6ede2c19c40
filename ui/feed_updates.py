"""Refreshing feeds in the background, one refresh at a time.

``refresh_feeds`` opens its own connections and runs its own fetching
threads (so it is given the library's path, not a Library); here it runs
as one background ``TaskRunner`` task, and reports each feed as
it finishes through a GUI-thread QObject's signal, for "Refreshing feeds
3/12…" in the status bar. A refresh asked for while another runs waits for
it (merged with any other waiting request) unless the running one already
covers it. Closing the window sets the stop Event every refresh watches.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal

from ui.workers import Pool, TaskRunner

if TYPE_CHECKING:
    from services.feed_refresh import FeedRefreshResult

REFRESH_TIME_LIMIT = 300.0
"""Seconds for one whole refresh, all feeds together (as the command line)."""


@dataclass(frozen=True)
class RefreshRequest:
    feed_ids: tuple[int, ...] | None
    """The feeds to refresh; None: every feed."""
    force: bool = False
    """Check feeds even when Retry-After or backoff asks to wait."""
    manual: bool = False
    """The person asked (say how it went), rather than the timer (stay quiet)."""

    def covers(self, other: RefreshRequest) -> bool:
        """Whether running this refresh does everything ``other`` asks."""
        if other.force and not self.force:
            return False
        if self.feed_ids is None:
            return True
        return other.feed_ids is not None and set(other.feed_ids) <= set(self.feed_ids)

    def merged(self, other: RefreshRequest) -> RefreshRequest:
        feed_ids = (
            None
            if self.feed_ids is None or other.feed_ids is None
            else tuple(dict.fromkeys((*self.feed_ids, *other.feed_ids)))
        )
        return RefreshRequest(feed_ids, self.force or other.force, self.manual or other.manual)


@dataclass(frozen=True)
class RefreshReport:
    """What one refresh did, feed by feed."""

    request: RefreshRequest
    results: list[FeedRefreshResult]

    @property
    def added(self) -> int:
        return sum(result.added for result in self.results)

    @property
    def failures(self) -> list[FeedRefreshResult]:
        return [result for result in self.results if result.failed]


class _Progress(QObject):
    """Lives on the GUI thread; the refresh thread emits, the GUI receives."""

    feed_done = Signal(int, int)


class FeedUpdates(QObject):
    running_changed = Signal(bool)
    progressed = Signal(int, int)
    """Feeds done so far, and feeds in this refresh."""
    finished = Signal(object)
    """A ``RefreshReport``."""
    failed = Signal(str)
    """The refresh as a whole could not run (the library, a feed id gone)."""

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._progress = _Progress(self)
        self._progress.feed_done.connect(self._feed_done)
        self._running: RefreshRequest | None = None
        self._waiting: RefreshRequest | None = None
        self._done = 0
        self._total = 0
        self.stop_event = threading.Event()
        """Set when the window closes: refreshes and subscriptions end early."""

    @property
    def running(self) -> bool:
        return self._running is not None

    def status_text(self) -> str:
        """``Refreshing feeds 3/12``, or "" when no refresh runs."""
        if self._running is None:
            return ""
        if not self._total:
            return QCoreApplication.translate("FeedUpdates", "Refreshing feeds")
        return QCoreApplication.translate("FeedUpdates", "Refreshing feeds {done}/{total}").format(
            done=self._done, total=self._total
        )

    def request(
        self,
        feed_ids: Sequence[int] | None = None,
        *,
        total: int,
        force: bool = False,
        manual: bool = False,
    ) -> bool:
        """Refresh ``feed_ids`` (all when None; ``total`` is how many feeds that
        is). Returns False when a running refresh already does this."""
        wanted = RefreshRequest(None if feed_ids is None else tuple(feed_ids), force, manual)
        if self.stop_event.is_set():
            return False
        if self._running is not None:
            if self._running.covers(wanted):
                return False
            self._waiting = wanted if self._waiting is None else self._waiting.merged(wanted)
            return True
        self._start(wanted, total if feed_ids is None else len(wanted.feed_ids or ()))
        return True

    def stop(self) -> None:
        """End any refresh early (after the entries being saved) and start no more."""
        self._waiting = None
        self.stop_event.set()

    def _start(self, request: RefreshRequest, total: int) -> None:
        self._running = request
        self._done, self._total = 0, total
        progress = self._progress
        stop = self.stop_event

        def job(library_path: Path) -> list[FeedRefreshResult]:
            # Imported here: capture pulls in the network stack.
            from services.feed_refresh import RefreshOptions, refresh_feeds

            return refresh_feeds(
                library_path,
                request.feed_ids,
                options=RefreshOptions(time_limit=REFRESH_TIME_LIMIT, force=request.force),
                progress=lambda _result, done, total: progress.feed_done.emit(done, total),
                stop=stop,
            )

        self._runner.submit_on_file(
            job,
            lambda results: self._finish(request, results),
            lambda message: self._fail(message),
            pool=Pool.BACKGROUND,
        )
        self.running_changed.emit(True)
        self.progressed.emit(self._done, self._total)

    def _feed_done(self, done: int, total: int) -> None:
        if self._running is None:
            return
        self._done, self._total = done, total
        self.progressed.emit(done, total)

    def _finish(self, request: RefreshRequest, results: list[FeedRefreshResult]) -> None:
        self._running = None
        self.running_changed.emit(False)
        self.finished.emit(RefreshReport(request, results))
        self._next()

    def _fail(self, message: str) -> None:
        self._running = None
        self.running_changed.emit(False)
        self.failed.emit(message)
        self._next()

    def _next(self) -> None:
        waiting, self._waiting = self._waiting, None
        if waiting is not None and not self.stop_event.is_set():
            # An "every feed" request counts the feeds again when it starts.
            self._start(waiting, 0 if waiting.feed_ids is None else len(waiting.feed_ids))
