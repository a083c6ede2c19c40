"""The library-wide Highlights view: every highlight and note, newest first.

It stands in the article list's place while the sidebar's Highlights entry
is chosen. Rows are read a page at a time in the interactive pool (by keyset:
the next page is the highlights older than the last one shown), as the list
is scrolled. Activating a row opens its article at the highlight.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Signal

from core.imported import HighlightListing
from storage import Library
from ui.highlights_pane import ROW_ROLE, HighlightList, HighlightRow, HighlightRowsModel
from ui.workers import Pool, TaskRunner

PAGE_SIZE = 100
LOAD_SLOT = "recent-highlights"


def listing_row(listing: HighlightListing) -> HighlightRow:
    highlight = listing.highlight
    return HighlightRow(
        highlight,
        found=highlight.kind == "note" or highlight.found,
        article_title=listing.article_title,
        article_site=listing.article_site or "",
    )


class RecentHighlightsModel(HighlightRowsModel):
    """Every highlight and note, newest first, read page by page off the GUI thread."""

    load_failed = Signal(str)
    page_loaded = Signal()

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._more = False
        self._loading = False
        self._generation = 0
        """Bumped by ``reload``: a page asked for before it is dropped."""

    def reload(self) -> None:
        """Read the first page again (the view was chosen, or highlights changed)."""
        self._generation += 1
        self.set_rows([])
        self._more = False
        self._load(None)

    def loading(self) -> bool:
        return self._loading

    def _load(self, before_id: int | None) -> None:
        generation = self._generation
        self._loading = True

        def job(library: Library) -> list[HighlightListing]:
            return library.recent_highlights(limit=PAGE_SIZE, before_id=before_id)

        def done(page: list[HighlightListing]) -> None:
            if generation != self._generation:
                return
            self._loading = False
            self._more = len(page) == PAGE_SIZE
            self.append_rows([listing_row(listing) for listing in page])
            self.page_loaded.emit()

        def failed(message: str) -> None:
            if generation == self._generation:
                self._loading = False
                self.load_failed.emit(message)

        self._runner.submit(job, done, failed, pool=Pool.INTERACTIVE, slot=LOAD_SLOT)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more and not self._loading

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        rows = self.rows()
        if self.canFetchMore(parent) and rows:
            self._load(rows[-1].highlight.id)


class HighlightsView(HighlightList):
    """The list of every highlight; asks for an article to be opened at one."""

    open_requested = Signal(int, int)
    """Open this article (id) at this highlight (id)."""

    def __init__(self, model: RecentHighlightsModel) -> None:
        super().__init__(model)
        self.setObjectName("highlights-view")
        self.setAccessibleName(
            QCoreApplication.translate("HighlightsView", "Highlights and notes, newest first")
        )
        self.recent = model
        self.activated.connect(self._open)

    def _open(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if isinstance(row, HighlightRow):
            self.open_requested.emit(row.highlight.article_id, row.highlight.id)
