"""Deleting with Undo, honestly: nothing is deleted until the Undo is gone.

Deleted articles are hidden from the list at once and really deleted when
the Undo notice expires, when another deletion replaces it, or when the
window closes. Undo simply shows them again: the library never changed.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal

from storage import Library, LibraryError


class PendingDeletions(QObject):
    committed = Signal(list)
    """These article ids were deleted from the library."""
    restored = Signal(list)
    """The deletion of these ids was undone."""
    failed = Signal(str)

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
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
        ids, self._pending = self._pending, []
        if not ids:
            return
        try:
            self._library.delete_articles(ids)
        except LibraryError as error:
            self.restored.emit(ids)
            self.failed.emit(f"Could not delete: {error}")
            return
        self.committed.emit(ids)
