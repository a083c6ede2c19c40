"""Noticing that another program (or a worker thread) changed the library.

SQLite's ``data_version`` changes whenever another connection commits; reading
it is a PRAGMA that costs microseconds, so it is polled on the GUI thread.
Polling also coalesces: however many commits land between two polls (a feed
refresh saves one article after another), the window refreshes once.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from storage import Library, LibraryError
from ui.workers import describe_failure

POLL_INTERVAL_MS = 1_500


class LibraryWatcher(QObject):
    changed = Signal()
    """Someone else committed to the library since the last poll."""
    failed = Signal(str)
    """The library could not be asked (locked, gone); polling goes on."""

    def __init__(
        self, library: Library, interval_ms: int = POLL_INTERVAL_MS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._version: int | None = None
        self._failing = False
        self.timer = QTimer(self)
        self.timer.setObjectName("library-watch-timer")
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)

    def start(self) -> None:
        self.note_version()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def note_version(self) -> None:
        """The window is about to re-read everything itself: changes up to
        now need no refresh of their own. Call before reading, never after,
        or a commit landing in between would go unnoticed."""
        try:
            self._version = self._library.data_version()
        except LibraryError:
            self._version = None

    def poll(self) -> bool:
        """Check once; True (and ``changed``) when the library changed."""
        try:
            version = self._library.data_version()
        except LibraryError as error:
            if not self._failing:  # one notice per trouble, not one per poll
                self._failing = True
                self.failed.emit(describe_failure(error))
            return False
        self._failing = False
        if version == self._version:
            return False
        self._version = version
        self.changed.emit()
        return True
