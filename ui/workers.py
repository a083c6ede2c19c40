"""Work off the GUI thread: two pools of QRunnables, each task with its own Library.

The window keeps two pools so that quick answers never queue behind slow work:

* ``Pool.INTERACTIVE``: what the person is waiting to see (search results,
  similar articles, the rows of a bulk change). Short, library-only tasks.
* ``Pool.BACKGROUND``: what may take seconds or minutes (saving from the
  network, feed refreshes, imports, backups).

A SQLite connection belongs to the thread that opened it, so every task
opens its own ``Library`` on the window's library file (``submit``), or is
handed the file's path when the service it calls opens its own connections
(``submit_on_file``: feed refreshes and subscriptions run several threads).

A task may name a ``slot``: a new task in the same slot supersedes the one
before it, which is skipped if it has not started and never delivered if
it has (a search typed further supersedes the search in flight).

Tasks report through the signals of one ``_TaskSignals`` object created (and
so owned) by the GUI thread: a signal emitted from a pool thread reaches the
GUI-thread slots as a queued call, so results are always handled on the GUI
thread. A task ending in an expected failure (``LibraryError``,
``CaptureError``) reports its one line; anything else is a bug, logged with
its traceback and reported as such.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from core.errors import CaptureError
from core.logs import log_file
from storage import Library, LibraryError

T = TypeVar("T")

logger = logging.getLogger(__name__)

LibraryJob = Callable[[Library], T]
"""Work to run off the GUI thread, given a Library of its own."""
FileJob = Callable[[Path], T]
"""Work given the library file's path: it opens its own connections."""


class Pool(Enum):
    INTERACTIVE = "interactive"
    """What the person waits to see: search, similar articles, bulk changes."""
    BACKGROUND = "background"
    """What may take long: saving, feed refreshes, imports, backups."""


POOL_THREADS = {Pool.INTERACTIVE: 2, Pool.BACKGROUND: 4}


class _TaskSignals(QObject):
    finished = Signal(int, object)
    failed = Signal(int, str)


def is_expected(error: BaseException) -> bool:
    """Whether ``error`` is a condition to tell the person about, not a bug."""
    return isinstance(error, (LibraryError, CaptureError))


def describe_failure(error: BaseException) -> str:
    """The one line to show for an error a task ended with."""
    if is_expected(error):
        return str(error)
    # A bug: say so, and where its traceback was written for a report.
    return f"something went wrong ({type(error).__name__}: {error}); details are in {log_file()}"


class _Task(QRunnable):
    def __init__(
        self,
        task_id: int,
        work: Callable[[], object],
        signals: _TaskSignals,
        cancelled: threading.Event,
    ) -> None:
        super().__init__()
        self._task_id = task_id
        self._work = work
        self._signals = signals
        self._cancelled = cancelled

    def run(self) -> None:
        if self._cancelled.is_set():
            return  # superseded before it started: do nothing at all
        try:
            result = self._work()
        except Exception as error:
            if is_expected(error):
                logger.info("task %d failed: %s", self._task_id, error)
            else:
                logger.exception("task %d failed with an unexpected error", self._task_id)
            self._signals.failed.emit(self._task_id, describe_failure(error))
        else:
            self._signals.finished.emit(self._task_id, result)


@dataclass
class _Pending:
    on_done: Callable[[Any], None]
    on_error: Callable[[str], None]
    label: str | None
    pool: Pool
    cancelled: threading.Event


class TaskRunner(QObject):
    """Runs library jobs in two pools and calls back on the GUI thread."""

    activity_changed = Signal()
    """The set of labelled (person-visible) tasks changed."""

    def __init__(self, library_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library_path = library_path
        self._pools: dict[Pool, QThreadPool] = {}
        for pool, threads in POOL_THREADS.items():
            self._pools[pool] = QThreadPool(self)
            self._pools[pool].setMaxThreadCount(threads)
        self._signals = _TaskSignals(self)
        self._signals.finished.connect(self._on_finished)
        self._signals.failed.connect(self._on_failed)
        self._pending: dict[int, _Pending] = {}
        self._slots: dict[str, int] = {}
        self._ids = itertools.count(1)
        self._closed = False

    def submit(
        self,
        job: LibraryJob[T],
        on_done: Callable[[T], None],
        on_error: Callable[[str], None],
        *,
        pool: Pool,
        label: str | None = None,
        slot: str | None = None,
    ) -> int:
        """Run ``job`` with a Library of its own in ``pool``. ``label`` names
        work the status bar shows; ``slot`` makes it supersede the last task
        submitted in the same slot."""
        path = self.library_path

        def work() -> T:
            with Library(path) as library:
                return job(library)

        return self._start(work, on_done, on_error, pool, label, slot)

    def submit_on_file(
        self,
        job: FileJob[T],
        on_done: Callable[[T], None],
        on_error: Callable[[str], None],
        *,
        pool: Pool,
        label: str | None = None,
    ) -> int:
        """Run ``job`` with the library file's path (it opens its own connections)."""
        path = self.library_path
        return self._start(lambda: job(path), on_done, on_error, pool, label, None)

    def _start(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[str], None],
        pool: Pool,
        label: str | None,
        slot: str | None,
    ) -> int:
        if self._closed:
            raise RuntimeError("the task runner has been shut down")
        task_id = next(self._ids)
        if slot is not None:
            self.cancel(self._slots.get(slot))
            self._slots[slot] = task_id
        cancelled = threading.Event()
        self._pending[task_id] = _Pending(on_done, on_error, label, pool, cancelled)
        self._pools[pool].start(_Task(task_id, work, self._signals, cancelled))
        if label is not None:
            self.activity_changed.emit()
        return task_id

    def cancel(self, task_id: int | None) -> None:
        """Forget a task: skipped if not started, never delivered if it has."""
        if task_id is None:
            return
        pending = self._take(task_id)
        if pending is not None:
            pending.cancelled.set()

    @Slot(int, object)
    def _on_finished(self, task_id: int, result: object) -> None:
        pending = self._take(task_id)
        if pending is not None and not self._closed:
            pending.on_done(result)

    @Slot(int, str)
    def _on_failed(self, task_id: int, message: str) -> None:
        pending = self._take(task_id)
        if pending is not None and not self._closed:
            pending.on_error(message)

    def _take(self, task_id: int) -> _Pending | None:
        pending = self._pending.pop(task_id, None)
        if pending is not None and pending.label is not None:
            self.activity_changed.emit()
        return pending

    def labels(self) -> list[str]:
        """What the person-visible tasks under way are doing."""
        return [item.label for item in self._pending.values() if item.label is not None]

    def busy(self, pool: Pool | None = None) -> bool:
        """Whether any task (in ``pool``, or in either) is still to report."""
        return any(pool in (None, item.pool) for item in self._pending.values())

    def wait(self, timeout_ms: int = -1) -> bool:
        """Block until every started task has returned (tests, shutdown)."""
        return all(pool.waitForDone(timeout_ms) for pool in self._pools.values())

    def shutdown(self, timeout_ms: int = 10_000) -> None:
        """Drop queued tasks and wait a while for running ones; no callbacks after."""
        self._closed = True
        for pending in self._pending.values():
            pending.cancelled.set()
        for pool in self._pools.values():
            pool.clear()
        for pool in self._pools.values():
            pool.waitForDone(timeout_ms)
