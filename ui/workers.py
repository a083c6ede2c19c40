"""Background work: QRunnables on a QThreadPool, each with its own Library.

A SQLite connection belongs to the thread that opened it, so every task
opens its own ``Library`` on the window's library file. Tasks report through
the signals of one ``_TaskSignals`` object created (and so owned) by the GUI
thread: a signal emitted from a pool thread reaches the GUI-thread slots as a
queued call, so results are always handled on the GUI thread
(the novelWriter pattern).
"""

from __future__ import annotations

import itertools
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from core.errors import CaptureError
from storage import Library, LibraryError

T = TypeVar("T")

LibraryJob = Callable[[Library], T]
"""Work to run off the GUI thread, given a Library of its own."""

MAX_THREADS = 4


class _TaskSignals(QObject):
    finished = Signal(int, object)
    failed = Signal(int, str)


def describe_failure(error: BaseException) -> str:
    """The one line to show for an error a task ended with."""
    if isinstance(error, (LibraryError, CaptureError)):
        return str(error)
    # Anything else is a bug: say so, and leave the traceback for a report.
    return f"unexpected error ({type(error).__name__}: {error})"


class _LibraryTask(QRunnable):
    def __init__(
        self, task_id: int, library_path: Path, job: LibraryJob[Any], signals: _TaskSignals
    ) -> None:
        super().__init__()
        self._task_id = task_id
        self._library_path = library_path
        self._job = job
        self._signals = signals

    def run(self) -> None:
        try:
            with Library(self._library_path) as library:
                result = self._job(library)
        except Exception as error:
            if not isinstance(error, (LibraryError, CaptureError)):
                traceback.print_exc(file=sys.stderr)
            self._signals.failed.emit(self._task_id, describe_failure(error))
        else:
            self._signals.finished.emit(self._task_id, result)


@dataclass
class _Pending:
    on_done: Callable[[Any], None]
    on_error: Callable[[str], None]
    label: str | None


class TaskRunner(QObject):
    """Runs library jobs in the background and calls back on the GUI thread."""

    activity_changed = Signal()
    """The set of labelled (person-visible) tasks changed."""

    def __init__(self, library_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library_path = library_path
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(MAX_THREADS)
        self._signals = _TaskSignals(self)
        self._signals.finished.connect(self._on_finished)
        self._signals.failed.connect(self._on_failed)
        self._pending: dict[int, _Pending] = {}
        self._ids = itertools.count(1)
        self._closed = False

    def submit(
        self,
        job: LibraryJob[T],
        on_done: Callable[[T], None],
        on_error: Callable[[str], None],
        *,
        label: str | None = None,
    ) -> int:
        """Run ``job`` in the pool. ``label`` names work the status bar shows."""
        if self._closed:
            raise RuntimeError("the task runner has been shut down")
        task_id = next(self._ids)
        self._pending[task_id] = _Pending(on_done, on_error, label)
        self._pool.start(_LibraryTask(task_id, self.library_path, job, self._signals))
        if label is not None:
            self.activity_changed.emit()
        return task_id

    @Slot(int, object)
    def _on_finished(self, task_id: int, result: object) -> None:
        pending = self._take(task_id)
        if pending is not None:
            pending.on_done(result)

    @Slot(int, str)
    def _on_failed(self, task_id: int, message: str) -> None:
        pending = self._take(task_id)
        if pending is not None:
            pending.on_error(message)

    def _take(self, task_id: int) -> _Pending | None:
        pending = self._pending.pop(task_id, None)
        if pending is not None and pending.label is not None:
            self.activity_changed.emit()
        return None if self._closed else pending

    def labels(self) -> list[str]:
        """What the person-visible tasks under way are doing."""
        return [item.label for item in self._pending.values() if item.label is not None]

    def busy(self) -> bool:
        return bool(self._pending)

    def wait(self, timeout_ms: int = -1) -> bool:
        """Block until every started task has returned (tests, shutdown)."""
        return bool(self._pool.waitForDone(timeout_ms))

    def shutdown(self, timeout_ms: int = 10_000) -> None:
        """Drop queued tasks and wait a while for running ones; no callbacks after."""
        self._closed = True
        self._pool.clear()
        self._pool.waitForDone(timeout_ms)
