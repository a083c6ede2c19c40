"""Search as you type: debounced, run in the background, shown in the list.

Each keystroke restarts a short timer; when it fires, a background task
searches with its own Library and reads the matching rows of the current
view (a search inside "Unread" finds unread articles). It runs in the
interactive pool, so it never waits behind saves or feed refreshes, and a
newer query (or clearing the field) supersedes the one in flight: its query
is interrupted inside SQLite, and an older answer is never delivered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit

from storage import ArticleFilter, Library
from ui.article_model import PAGE_SIZE, ArticleListModel, ArticleRow
from ui.workers import Pool, TaskRunner

SEARCH_SLOT = "search"
"""A new search (or page of one) supersedes the one in flight."""

DEBOUNCE_MS = 220


@dataclass(frozen=True)
class SearchPage:
    rows: list[ArticleRow]
    hits: int
    """How many hits storage returned (some may be outside the current view)."""


def search_job(
    query: str, where: ArticleFilter, offset: int, limit: int = PAGE_SIZE
) -> Callable[[Library], SearchPage]:
    def job(library: Library) -> SearchPage:
        hits = library.search(query, limit=limit, offset=offset)
        if not hits:
            return SearchPage([], 0)
        in_view = {
            summary.id: summary
            for summary in library.list_articles(
                replace(where, ids=tuple(hit.id for hit in hits)), limit=len(hits)
            )
        }
        rows = [ArticleRow(in_view[hit.id], hit.snippet) for hit in hits if hit.id in in_view]
        return SearchPage(rows, len(hits))

    return job


class SearchController(QObject):
    searching_changed = Signal(bool)
    results_changed = Signal()
    failed = Signal(str)
    dismissed = Signal()
    """Escape in the field: the search was cleared; focus should go back to the list."""

    def __init__(
        self,
        field: QLineEdit,
        model: ArticleListModel,
        runner: TaskRunner,
        current_where: Callable[[], ArticleFilter],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._field = field
        self._model = model
        self._runner = runner
        self._current_where = current_where
        self._generation = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_now)
        field.textChanged.connect(self._text_changed)
        field.installEventFilter(self)
        model.search_page_wanted.connect(self._more)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self._field
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        ):
            self._field.clear()
            self.dismissed.emit()
            return True
        return False

    @property
    def query(self) -> str:
        return self._field.text().strip()

    def _text_changed(self, _text: str) -> None:
        if not self.query:
            self._timer.stop()
            self._generation += 1
            self._runner.cancel_slot(SEARCH_SLOT)  # nobody waits for it any more
            if self._model.query is not None:
                self._model.browse(self._current_where())
                self.results_changed.emit()
            self.searching_changed.emit(False)
            return
        self._timer.start()

    def run_now(self) -> None:
        """Search for the field's text at once (also after the view changed)."""
        self._timer.stop()
        query = self.query
        if not query:
            return
        self._generation += 1
        generation = self._generation
        self.searching_changed.emit(True)
        self._runner.submit(
            search_job(query, self._current_where(), 0),
            lambda page: self._first_page(generation, query, page),
            lambda message: self._failed(generation, message),
            pool=Pool.INTERACTIVE,
            slot=SEARCH_SLOT,
        )

    def _first_page(self, generation: int, query: str, page: SearchPage) -> None:
        if generation != self._generation:
            return
        self._model.show_results(query, page.rows, page.hits, more=page.hits == PAGE_SIZE)
        self.searching_changed.emit(False)
        self.results_changed.emit()

    def _more(self, query: str, offset: int) -> None:
        generation = self._generation
        self._runner.submit(
            search_job(query, self._current_where(), offset),
            lambda page: self._next_page(generation, query, page),
            lambda message: self._failed(generation, message),
            pool=Pool.INTERACTIVE,
            slot=SEARCH_SLOT,
        )

    def _next_page(self, generation: int, query: str, page: SearchPage) -> None:
        if generation != self._generation:
            return
        self._model.append_results(query, page.rows, page.hits, more=page.hits == PAGE_SIZE)
        self.results_changed.emit()

    def _failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self._model.search_page_failed()
        self.searching_changed.emit(False)
        self.failed.emit(message)

    def clear(self) -> None:
        self._field.clear()
