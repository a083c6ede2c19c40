"""Deleting with Undo, honestly: nothing is deleted until the Undo is gone.

Deleted articles are hidden from the list at once and really deleted when
the Undo notice expires, or when another deletion replaces it: then in one
transaction off the GUI thread, since deleting many articles (and their
search and similarity entries) takes time that grows with them. When the
window closes, what is still pending is deleted there and then
(``commit_now``): a queued task would not outlive the window. Undo simply
shows them again: the library never changed.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QObject, Signal

from storage import Library, LibraryError
from ui.workers import Pool, TaskRunner, describe_failure


class PendingDeletions(QObject):
    committed = Signal(list)
    """These article ids were deleted from the library."""
    restored = Signal(list)
    """The deletion of these ids was undone, or could not be done."""
    failed = Signal(str)

    def __init__(self, library: Library, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._runner = runner
        self._pending: list[int] = []

    @property
    def pending(self) -> list[int]:
        return list(self._pending)

    def start(self, ids: Sequence[int]) -> None:
        """Hide ``ids`` until commit or undo; an earlier batch is committed first."""
        self.commit()
        self._pending = list(dict.fromkeys(ids))

    def undo(self) -> list[int]:
        ids, self._pending = self._pending, []
        if ids:
            self.restored.emit(ids)
        return ids

    def commit(self) -> None:
        """Delete the pending articles in the background."""
        ids, self._pending = self._pending, []
        if ids:
            self._runner.submit(
                lambda library: library.delete_articles(ids),
                lambda _deleted: self.committed.emit(ids),
                lambda message: self._not_deleted(ids, message),
                pool=Pool.INTERACTIVE,
            )

    def commit_now(self) -> None:
        """Delete the pending articles on this thread (the window is closing)."""
        ids, self._pending = self._pending, []
        if not ids:
            return
        try:
            self._library.delete_articles(ids)
        except LibraryError as error:
            self._not_deleted(ids, describe_failure(error))
            return
        self.committed.emit(ids)

    def _not_deleted(self, ids: list[int], message: str) -> None:
        self.restored.emit(ids)
        self.failed.emit(
            QCoreApplication.translate("PendingDeletions", "Could not delete: {reason}").format(
                reason=message
            )
        )
