"""The article list: a table model that pages rows in from storage.

Rows come a page at a time through ``canFetchMore``/``fetchMore``, so a
library of any size opens at once. Two modes share the model:

* browsing a view (a filter and a sort), paged synchronously from the GUI
  thread's Library: one page is a single indexed query;
* search results, delivered by a background search (``show_results``); a
  further page is asked for with ``search_page_wanted``.

Rows being saved ("Saving…") sit at the top until capture finishes, when
they become the article. Deleted-but-undoable articles are hidden.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from storage import ArticleFilter, ArticleSummary, Library
from storage.library import SortKey
from ui.drops import ARTICLE_IDS_MIME, write_article_ids
from ui.formatting import reading_time, short_date, snippet_plain
from ui.themes import accent_color, muted_color

PAGE_SIZE = 100

AnyIndex = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    STATE = 0
    TITLE = 1
    SITE = 2
    SECTION = 3
    DATE = 4
    TIME = 5


HEADERS = {
    Column.STATE: "",
    Column.TITLE: "Title",
    Column.SITE: "Site",
    Column.SECTION: "Section",
    Column.DATE: "Date",
    Column.TIME: "Time",
}
HEADER_TOOLTIPS = {
    Column.STATE: "Unread (●) and favourite (★)",
    Column.TIME: "Reading time",
}
SORT_KEYS: dict[Column, SortKey] = {
    Column.STATE: "status",
    Column.TITLE: "title",
    Column.SITE: "site",
    Column.SECTION: "section",
    Column.DATE: "date",
    Column.TIME: "reading",
}

ARTICLE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 2
UNREAD_ROLE = Qt.ItemDataRole.UserRole + 3
SAVING_ROLE = Qt.ItemDataRole.UserRole + 4


@dataclass(frozen=True)
class ArticleRow:
    summary: ArticleSummary
    snippet: str | None = None
    """The search snippet (with SNIPPET markers) when the row is a search hit."""


@dataclass(frozen=True)
class SavingRow:
    token: int
    label: str


Row = ArticleRow | SavingRow


def _states(summary: ArticleSummary) -> list[str]:
    states = [{"unread": "unread", "read": "read", "archived": "archived"}[summary.status]]
    if summary.favorite:
        states.append("favourite")
    if summary.capture_status == "pending":
        states.append("not fetched yet")
    return states


def _local_sort_key(column: Column, row: ArticleRow) -> tuple[Any, ...]:
    summary = row.summary
    keys: dict[Column, Any] = {
        Column.STATE: summary.status,
        Column.TITLE: summary.title.casefold(),
        Column.SITE: (summary.site or "").casefold(),
        Column.SECTION: (summary.section or "").casefold(),
        Column.DATE: summary.published or summary.saved,
        Column.TIME: summary.word_count,
    }
    return (keys[column], summary.id)


class ArticleListModel(QAbstractTableModel):
    search_page_wanted = Signal(str, int)
    """More search results are needed: the query and how many hits are in."""
    place_wanted = Signal()
    """The same view is about to be re-read with a reset: views keep their
    place (scroll position). Sent before the reset, while rows are still laid
    out; a reset for another view sends nothing."""

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._where = ArticleFilter()
        self._sort_column = Column.DATE
        self._descending = True
        self._saving: list[SavingRow] = []
        self._articles: list[ArticleRow] = []
        self._consumed = 0  # rows (or search hits) taken from storage so far
        self._exhausted = True
        self._hidden: set[int] = set()
        self._query: str | None = None
        self._awaiting_page = False

    # ------------------------------------------------------------------
    # Modes
    # ------------------------------------------------------------------

    @property
    def where(self) -> ArticleFilter:
        return self._where

    @property
    def query(self) -> str | None:
        """The search the rows answer, or None when browsing."""
        return self._query

    def browse(self, where: ArticleFilter) -> None:
        """Show one view of the library, from its first page."""
        self.beginResetModel()
        self._where = where
        self._query = None
        self._awaiting_page = False
        self._articles = []
        self._consumed = 0
        self._exhausted = False
        self._articles = self._load_page(0, PAGE_SIZE)
        self.endResetModel()

    def show_results(self, query: str, rows: Sequence[ArticleRow], hits: int, more: bool) -> None:
        """Replace the rows with the first page of a search's results."""
        self.beginResetModel()
        self._query = query
        self._articles = [row for row in rows if row.summary.id not in self._hidden]
        self._consumed = hits
        self._exhausted = not more
        self._awaiting_page = False
        self.endResetModel()

    def append_results(self, query: str, rows: Sequence[ArticleRow], hits: int, more: bool) -> None:
        """Add a further page of search results (ignored if the search changed)."""
        if query != self._query:
            return
        self._awaiting_page = False
        self._consumed += hits
        self._exhausted = not more
        have = {row.summary.id for row in self._articles}
        fresh = [row for row in rows if row.summary.id not in have | self._hidden]
        if fresh:
            first = self.rowCount()
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self._articles.extend(fresh)
            self.endInsertRows()

    def search_page_failed(self) -> None:
        self._awaiting_page = False
        self._exhausted = True

    def _load_page(self, offset: int, limit: int) -> list[ArticleRow]:
        summaries = self._library.list_articles(
            self._where,
            sort=SORT_KEYS[self._sort_column],
            descending=self._descending,
            limit=limit,
            offset=offset,
        )
        self._consumed = offset + len(summaries)
        self._exhausted = len(summaries) < limit
        return [ArticleRow(summary) for summary in summaries if summary.id not in self._hidden]

    # ------------------------------------------------------------------
    # Paging
    # ------------------------------------------------------------------

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or self._exhausted:
            return False
        return not (self._query is not None and self._awaiting_page)

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        if self._query is not None:
            self._awaiting_page = True
            self.search_page_wanted.emit(self._query, self._consumed)
            return
        have = {row.summary.id for row in self._articles}
        page = [
            row for row in self._load_page(self._consumed, PAGE_SIZE) if row.summary.id not in have
        ]
        if page:
            first = self.rowCount()
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._articles.extend(page)
            self.endInsertRows()

    # ------------------------------------------------------------------
    # Keeping rows current
    # ------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the rows loaded so far: new, gone and changed articles.

        When the same articles come back in the same order only their cells
        are updated, so selection and scroll position stay untouched; the
        view restores its selection by id after a reset.
        """
        if self._query is not None:
            # Search hits keep their ranked order: update them, drop the deleted.
            self.update_articles((row.summary.id for row in self._articles), drop_missing=True)
            return
        wanted = max(PAGE_SIZE, self._consumed)
        saving = self._saving
        fresh = self._load_page(0, wanted)
        old_ids = [row.summary.id for row in self._articles]
        if [row.summary.id for row in fresh] == old_ids:
            self._articles = fresh
            if fresh:
                self.dataChanged.emit(
                    self.index(len(saving), 0), self.index(self.rowCount() - 1, len(Column) - 1)
                )
            return
        self.place_wanted.emit()
        self.beginResetModel()
        self._articles = fresh
        self.endResetModel()

    def update_articles(self, ids: Iterable[int], *, drop_missing: bool = False) -> None:
        """Re-read these articles' cells (read state, favourite...) in place;
        with ``drop_missing``, rows of articles no longer in the library go."""
        wanted = set(ids)
        if not wanted:
            return
        found = {
            summary.id: summary
            for summary in self._library.list_articles(
                ArticleFilter(ids=tuple(sorted(wanted))), limit=len(wanted)
            )
        }
        if drop_missing:
            for position in reversed(range(len(self._articles))):
                article_id = self._articles[position].summary.id
                if article_id in wanted and article_id not in found:
                    model_row = len(self._saving) + position
                    self.beginRemoveRows(QModelIndex(), model_row, model_row)
                    del self._articles[position]
                    self.endRemoveRows()
        for position, row in enumerate(self._articles):
            summary = found.get(row.summary.id)
            if summary is not None and summary != row.summary:
                self._articles[position] = replace(row, summary=summary)
                model_row = len(self._saving) + position
                self.dataChanged.emit(
                    self.index(model_row, 0), self.index(model_row, len(Column) - 1)
                )

    def hide(self, ids: Iterable[int]) -> None:
        """Take articles out of the list (they are being deleted, undoably)."""
        self._hidden.update(ids)
        for position in reversed(range(len(self._articles))):
            if self._articles[position].summary.id in self._hidden:
                model_row = len(self._saving) + position
                self.beginRemoveRows(QModelIndex(), model_row, model_row)
                del self._articles[position]
                self.endRemoveRows()

    def unhide(self, ids: Iterable[int]) -> None:
        self._hidden.difference_update(ids)
        self.refresh()

    def forget_hidden(self, ids: Iterable[int]) -> None:
        """The hidden articles are gone for good: stop filtering them."""
        self._hidden.difference_update(ids)

    # ------------------------------------------------------------------
    # Rows being saved
    # ------------------------------------------------------------------

    def add_saving(self, token: int, label: str) -> None:
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._saving.insert(0, SavingRow(token, label))
        self.endInsertRows()

    def _saving_row(self, token: int) -> int | None:
        for position, row in enumerate(self._saving):
            if row.token == token:
                return position
        return None

    def drop_saving(self, token: int) -> None:
        position = self._saving_row(token)
        if position is not None:
            self.beginRemoveRows(QModelIndex(), position, position)
            del self._saving[position]
            self.endRemoveRows()

    def finish_saving(self, token: int, summary: ArticleSummary) -> int:
        """The row saving ``token`` becomes ``summary``; returns its row."""
        self.drop_saving(token)
        existing = self.row_of(summary.id)
        if existing is not None:
            self._articles[existing - len(self._saving)] = ArticleRow(summary)
            self.dataChanged.emit(self.index(existing, 0), self.index(existing, len(Column) - 1))
            return existing
        # New articles go first, where the "Saving…" row was, until the next
        # refresh sorts them into place: a row that jumps away is lost.
        row = len(self._saving)
        self.beginInsertRows(QModelIndex(), row, row)
        self._articles.insert(0, ArticleRow(summary))
        self.endInsertRows()
        return row

    def saving_tokens(self) -> list[int]:
        return [row.token for row in self._saving]

    # ------------------------------------------------------------------
    # Lookup
    # ------------------------------------------------------------------

    def row_at(self, row: int) -> Row | None:
        if 0 <= row < len(self._saving):
            return self._saving[row]
        position = row - len(self._saving)
        if 0 <= position < len(self._articles):
            return self._articles[position]
        return None

    def summary_at(self, row: int) -> ArticleSummary | None:
        found = self.row_at(row)
        return found.summary if isinstance(found, ArticleRow) else None

    def row_of(self, article_id: int) -> int | None:
        for position, row in enumerate(self._articles):
            if row.summary.id == article_id:
                return len(self._saving) + position
        return None

    def loaded_ids(self) -> list[int]:
        return [row.summary.id for row in self._articles]

    # ------------------------------------------------------------------
    # QAbstractTableModel
    # ------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._saving) + len(self._articles)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        column = Column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TOOLTIPS.get(column, HEADERS[column])
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return HEADER_TOOLTIPS.get(column, HEADERS[column]) or "State"
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if isinstance(self.row_at(index.row()), ArticleRow):
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() >= len(Column):
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        column = Column(index.column())
        if isinstance(row, SavingRow):
            return self._saving_data(row, column, role)
        return self._article_data(row, column, role)

    def _saving_data(self, row: SavingRow, column: Column, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == Column.TITLE:
                return f"Saving… {row.label}"
            return "…" if column == Column.STATE else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Saving {row.label}"
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            return muted_color(QApplication.palette())
        if role == SAVING_ROLE:
            return True
        return None

    def _article_data(self, row: ArticleRow, column: Column, role: int) -> Any:
        summary = row.summary
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(summary, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if column == Column.STATE:
                return ", ".join(_states(summary))
            return self._display(summary, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [summary.title, ", ".join(_states(summary)).capitalize()]
            if row.snippet:
                lines.append(snippet_plain(row.snippet))
            return "\n".join(lines)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            if summary.status == "unread" and column == Column.TITLE:
                font.setBold(True)
            if summary.capture_status == "pending":
                font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            if summary.status == "archived" or (column not in (Column.TITLE, Column.STATE)):
                return muted_color(QApplication.palette())
            if column == Column.STATE and summary.favorite:
                return accent_color(QApplication.palette())
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in (Column.TIME, Column.STATE):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == ARTICLE_ID_ROLE:
            return summary.id
        if role == SNIPPET_ROLE:
            return row.snippet
        if role == UNREAD_ROLE:
            return summary.status == "unread"
        if role == SAVING_ROLE:
            return False
        return None

    @staticmethod
    def _display(summary: ArticleSummary, column: Column) -> str:
        if column == Column.STATE:
            return ("★" if summary.favorite else "") + ("●" if summary.status == "unread" else "")
        if column == Column.TITLE:
            return summary.title
        if column == Column.SITE:
            return summary.site or ""
        if column == Column.SECTION:
            return summary.section or ""
        if column == Column.DATE:
            return short_date(summary.published or summary.saved)
        return reading_time(summary.reading_minutes)

    # -- sorting ---------------------------------------------------------

    @property
    def sort_order(self) -> tuple[Column, Qt.SortOrder]:
        order = Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder
        return self._sort_column, order

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Column):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (Column(column), descending) == (self._sort_column, self._descending) and (
            self._query is None
        ):
            return
        self._sort_column, self._descending = Column(column), descending
        self.beginResetModel()
        if self._query is None:
            self._articles = self._load_page(0, max(PAGE_SIZE, self._consumed))
        else:
            # Search results are ranked; a header click orders the loaded hits.
            self._articles.sort(
                key=lambda row: _local_sort_key(Column(column), row), reverse=descending
            )
        self.endResetModel()

    # -- dragging articles onto a tag ------------------------------------

    def mimeTypes(self) -> list[str]:
        return [ARTICLE_IDS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids: list[int] = []
        for index in indexes:
            summary = self.summary_at(index.row())
            if summary is not None and summary.id not in ids:
                ids.append(summary.id)
        mime = QMimeData()
        write_article_ids(mime, ids)
        return mime

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction
