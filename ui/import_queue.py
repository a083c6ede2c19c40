"""Importing other readers' exports in the window, and the fetch queue that
fills in the articles they name.

An export (Pocket, Instapaper, Omnivore, wallabag, Readwise Reader, browser
bookmarks) is read and saved in a background worker; its articles without
text arrive pending and the queue then fetches them, a few at a time and
politely per site (services.importing), with progress in the status bar.
The queue is in the library, so quitting stops it after the pages being
saved and the next start carries on.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal

from services.importing import FetchReport, ImportReport, fetch_imported, import_export
from storage import Library
from ui.collaborators import Feedback
from ui.workers import Pool, TaskRunner


def _importer(path: Path) -> Callable[[Library], ImportReport]:
    def job(library: Library) -> ImportReport:
        return import_export(library, path)

    return job


class _Progress(QObject):
    """Carries the fetch's progress from its worker thread to the GUI thread."""

    fetched = Signal(int, int)


class ImportQueue(QObject):
    running_changed = Signal(bool)
    progressed = Signal(int, int)
    """Pages fetched (or failed) so far, and pages in this run."""
    changed = Signal()
    """Articles were added or filled in: the views should be read again."""

    def __init__(self, runner: TaskRunner, feedback: Feedback, parent: QObject | None = None):
        super().__init__(parent)
        self._runner = runner
        self._feedback = feedback
        self._progress = _Progress(self)
        self._progress.fetched.connect(self._fetched)
        self._fetching = False
        self._done = 0
        self._total = 0
        self.stop_event = threading.Event()
        """Set when the window closes: the fetch ends after the pages being saved."""

    @property
    def fetching(self) -> bool:
        return self._fetching

    def status_text(self) -> str:
        """``Fetching imported articles 3/120``, or "" when none are fetched."""
        if not self._fetching:
            return ""
        return QCoreApplication.translate(
            "ImportQueue", "Fetching imported articles {done}/{total}"
        ).format(done=self._done, total=self._total)

    def import_files(self, paths: Sequence[str]) -> None:
        """Import each export file in the background, then fetch what it named."""
        for path in paths:
            self._runner.submit(
                _importer(Path(path)),
                self._imported,
                self._import_failed,
                pool=Pool.BACKGROUND,
                label=QCoreApplication.translate("ImportQueue", "Importing {name}").format(
                    name=Path(path).name
                ),
            )

    def resume(self) -> None:
        """Carry on with a queue an earlier session left unfinished."""
        self._runner.submit(
            lambda library: len(library.import_queue()),
            lambda waiting: self.fetch() if waiting else None,
            lambda _message: None,  # the next import or start tries again
            pool=Pool.BACKGROUND,
        )

    def fetch(self) -> None:
        """Fetch every imported article not fetched yet (one run at a time)."""
        if self._fetching or self.stop_event.is_set():
            return
        self._fetching = True
        self._done = self._total = 0
        progress = self._progress
        stop = self.stop_event

        def job(library_path: Path) -> FetchReport:
            with Library(library_path) as library:
                return fetch_imported(
                    library,
                    progress=lambda done, total: progress.fetched.emit(done, total),
                    stop=stop,
                )

        self._runner.submit_on_file(job, self._fetch_done, self._fetch_failed, pool=Pool.BACKGROUND)
        self.running_changed.emit(True)

    def stop(self) -> None:
        self.stop_event.set()

    def _imported(self, report: ImportReport) -> None:
        self._feedback.notify(
            QCoreApplication.translate(
                "ImportQueue",
                "Imported {articles} articles from {source}: {added} new, {pending} to fetch.",
            ).format(
                articles=report.articles,
                source=report.format,
                added=report.added,
                pending=report.pending,
            )
        )
        self.changed.emit()
        if report.pending:
            self.fetch()

    def _import_failed(self, message: str) -> None:
        self._feedback.notify_error(message)

    def _fetched(self, done: int, total: int) -> None:
        if not self._fetching:
            return
        self._done, self._total = done, total
        self.progressed.emit(done, total)
        if done and done % 25 == 0:
            self.changed.emit()  # show the filled-in articles as they come

    def _fetch_done(self, report: FetchReport) -> None:
        self._fetching = False
        self.running_changed.emit(False)
        self.changed.emit()
        if report.fetched or report.failed:
            self._feedback.notify(
                QCoreApplication.translate(
                    "ImportQueue",
                    "Fetched {fetched} imported articles; {failed} could not be fetched"
                    " (Retry tries again).",
                ).format(fetched=report.fetched, failed=report.failed)
            )

    def _fetch_failed(self, message: str) -> None:
        self._fetching = False
        self.running_changed.emit(False)
        self._feedback.notify_error(message)
