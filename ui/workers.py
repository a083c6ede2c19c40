"""Work off the GUI thread: two pools of worker threads, each with its own Library.

The window keeps two pools so that quick answers never queue behind slow work:

* ``Pool.INTERACTIVE``: what the person is waiting to see (search results,
  similar articles, the rows of a bulk change). Short, library-only tasks.
* ``Pool.BACKGROUND``: what may take seconds or minutes (saving from the
  network, feed refreshes, imports, backups).

A SQLite connection belongs to the thread that opened it, so every worker
thread keeps one ``Library`` on the window's library file for its whole
life: opened by the first task that needs it (``submit``), closed by the
thread itself when the pool shuts down. Opening costs pragmas and schema
checks, which a search as you type should not pay on every keystroke. A
failure to open is that task's failure, reported as usual; the next task
tries again. Work given the file's path (``submit_on_file``: feed refreshes
and subscriptions run several threads of their own) opens its own connections.

A task may name a ``slot``: a new task in the same slot supersedes the one
before it, which is skipped if it has not started and never delivered if it
has; a superseded task still running a query has that query interrupted
(``Library.interrupt``), and the interruption ends it quietly. Only reads
go in slots.

Tasks report through the signals of one ``_TaskSignals`` object created (and
so owned) by the GUI thread: a signal emitted from a worker thread reaches the
GUI-thread slots as a queued call, so results are always handled on the GUI
thread. A task ending in an expected failure (``LibraryError``,
``CaptureError``) reports its one line; anything else is a bug, logged with
its traceback and reported as such.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from core.errors import CaptureError
from core.logs import log_file
from storage import (
    DiskFullError,
    Library,
    LibraryError,
    LibraryLockedError,
    LibraryReadOnlyError,
)

T = TypeVar("T")

logger = logging.getLogger(__name__)

LibraryJob = Callable[[Library], T]
"""Work to run off the GUI thread, given its worker thread's Library."""
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
    """The one line to show for an error a task ended with: the library's
    everyday conditions in the window's language, another expected failure
    as it says itself, a bug as one."""
    if isinstance(error, LibraryLockedError):
        return QCoreApplication.translate(
            "TaskRunner", "the library is busy in another program; try again in a moment"
        )
    if isinstance(error, DiskFullError):
        return QCoreApplication.translate("TaskRunner", "the disk holding the library is full")
    if isinstance(error, LibraryReadOnlyError):
        return QCoreApplication.translate("TaskRunner", "the library file is read-only")
    if is_expected(error):
        return str(error)
    # A bug: say so, and where its traceback was written for a report.
    return QCoreApplication.translate(
        "TaskRunner", "something went wrong ({error}); details are in {log}"
    ).format(error=f"{type(error).__name__}: {error}", log=log_file())


class _Worker:
    """One worker thread and the Library it keeps for its life."""

    def __init__(self, library_path: Path, name: str, tasks: queue.SimpleQueue[_Task | None]):
        self._library_path = library_path
        self._tasks = tasks
        self._lock = threading.Lock()
        """Guards ``_library`` and ``_running`` against ``interrupt`` from the GUI thread."""
        self._library: Library | None = None
        self._running: _Task | None = None
        self.thread = threading.Thread(target=self._serve, name=name, daemon=True)

    def library(self) -> Library:
        """This thread's Library, opened on first use (only on this thread)."""
        if self._library is None:
            opened = Library(self._library_path)
            with self._lock:
                self._library = opened
        return self._library

    def interrupt(self, task: _Task) -> None:
        """Stop the query ``task`` is running, if it is still running here."""
        with self._lock:
            if self._running is task and self._library is not None:
                self._library.interrupt()

    def _serve(self) -> None:
        try:
            while (task := self._tasks.get()) is not None:
                with self._lock:
                    self._running = task
                try:
                    task.run(self)
                finally:
                    with self._lock:
                        self._running = None
                    task.done()
        finally:
            with self._lock:
                library, self._library = self._library, None
            if library is not None:
                library.close()


class _WorkerPool:
    """A fixed number of worker threads, started as work arrives."""

    def __init__(self, library_path: Path, pool: Pool, threads: int) -> None:
        self._library_path = library_path
        self._name = f"readshelf-{pool.value}"
        self._size = threads
        self._tasks: queue.SimpleQueue[_Task | None] = queue.SimpleQueue()
        self._workers: list[_Worker] = []
        self._unfinished = 0
        self._idle = threading.Condition()

    def start(self, task: _Task) -> None:
        with self._idle:
            self._unfinished += 1
            task.on_done = self._task_done
            if len(self._workers) < min(self._unfinished, self._size):
                worker = _Worker(
                    self._library_path, f"{self._name}-{len(self._workers) + 1}", self._tasks
                )
                self._workers.append(worker)
                worker.thread.start()
        self._tasks.put(task)

    def _task_done(self) -> None:
        with self._idle:
            self._unfinished -= 1
            self._idle.notify_all()

    def clear(self) -> None:
        """Drop the tasks no thread has taken yet."""
        while True:
            try:
                task = self._tasks.get_nowait()
            except queue.Empty:
                return
            if task is not None:
                task.done()

    def wait(self, timeout_s: float | None) -> bool:
        with self._idle:
            return self._idle.wait_for(lambda: self._unfinished == 0, timeout_s)

    def stop(self, deadline: float) -> None:
        """Each thread closes its Library and ends once its task is done;
        waits for them until ``deadline`` (time.monotonic)."""
        for _worker in self._workers:
            self._tasks.put(None)
        for worker in self._workers:
            worker.thread.join(max(0.0, deadline - time.monotonic()))


class _Task:
    def __init__(
        self,
        task_id: int,
        work: Callable[[_Worker], object],
        signals: _TaskSignals,
        cancelled: threading.Event,
    ) -> None:
        self._task_id = task_id
        self._work = work
        self._signals = signals
        self._cancelled = cancelled
        self.on_done: Callable[[], None] = lambda: None
        self.worker: _Worker | None = None
        """The thread running this task, once one has taken it."""

    def run(self, worker: _Worker) -> None:
        if self._cancelled.is_set():
            return  # superseded before it started: do nothing at all
        self.worker = worker
        try:
            result = self._work(worker)
        except Exception as error:
            if self._cancelled.is_set() and Library.is_interruption(error):
                logger.debug("task %d was superseded and stopped", self._task_id)
                return  # a quiet cancellation: nobody waits for this answer
            if is_expected(error):
                logger.info("task %d failed: %s", self._task_id, error)
            else:
                logger.exception("task %d failed with an unexpected error", self._task_id)
            self._signals.failed.emit(self._task_id, describe_failure(error))
        else:
            self._signals.finished.emit(self._task_id, result)

    def interrupt(self) -> None:
        worker = self.worker
        if worker is not None:
            worker.interrupt(self)

    def done(self) -> None:
        self.on_done()


@dataclass
class _Pending:
    on_done: Callable[[Any], None]
    on_error: Callable[[str], None]
    label: str | None
    pool: Pool
    cancelled: threading.Event
    task: _Task


class TaskRunner(QObject):
    """Runs library jobs in two pools and calls back on the GUI thread."""

    activity_changed = Signal()
    """The set of labelled (person-visible) tasks changed."""

    def __init__(self, library_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library_path = library_path
        self._pools = {
            pool: _WorkerPool(library_path, pool, threads) for pool, threads in POOL_THREADS.items()
        }
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
        """Run ``job`` with its worker thread's Library in ``pool``. ``label``
        names work the status bar shows; ``slot`` makes it supersede the last
        task submitted in the same slot (slots are for reads: a superseded
        task's query is interrupted)."""
        return self._start(
            lambda worker: job(worker.library()), on_done, on_error, pool, label, slot
        )

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
        return self._start(lambda _worker: job(path), on_done, on_error, pool, label, None)

    def _start(
        self,
        work: Callable[[_Worker], T],
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
            self.cancel_slot(slot)
            self._slots[slot] = task_id
        cancelled = threading.Event()
        task = _Task(task_id, work, self._signals, cancelled)
        self._pending[task_id] = _Pending(on_done, on_error, label, pool, cancelled, task)
        self._pools[pool].start(task)
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

    def cancel_slot(self, slot: str) -> None:
        """Supersede the task in ``slot`` with nothing: forget it and stop its query."""
        task_id = self._slots.pop(slot, None)
        if task_id is None:
            return
        pending = self._take(task_id)
        if pending is not None:
            pending.cancelled.set()
            pending.task.interrupt()

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

    @property
    def closed(self) -> bool:
        """Whether the runner was shut down (the window is closing): it takes no more work."""
        return self._closed

    def busy(self, pool: Pool | None = None) -> bool:
        """Whether any task (in ``pool``, or in either) is still to report."""
        return any(pool in (None, item.pool) for item in self._pending.values())

    def wait(self, timeout_ms: int = -1) -> bool:
        """Block until every started task has returned (tests, shutdown)."""
        timeout = None if timeout_ms < 0 else timeout_ms / 1000
        return all(pool.wait(timeout) for pool in self._pools.values())

    def shutdown(self, timeout_ms: int = 10_000) -> None:
        """Drop queued tasks, stop the reads in flight, wait a while for the
        rest; each worker thread then closes its Library. No callbacks after."""
        self._closed = True
        for slot in list(self._slots):
            self.cancel_slot(slot)
        for pending in self._pending.values():
            pending.cancelled.set()
        for pool in self._pools.values():
            pool.clear()
        deadline = time.monotonic() + timeout_ms / 1000
        for pool in self._pools.values():
            pool.stop(deadline)
