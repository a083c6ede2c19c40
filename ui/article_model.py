"""The article list: a table model over a window of the library.

Two modes share the model:

* browsing a view (a filter and a sort): the row count comes from
  ``Library.count_articles`` and rows are read a page at a time, on demand,
  into a bounded cache of pages (least recently used goes first), so memory
  does not grow with scrolling. A page next to a cached one is read by keyset
  cursor (``after`` the neighbour's edge article, which costs the same at any
  depth); a page far from every cached one (the scrollbar dragged to row
  90,000) is read by offset, one query, without the pages in between. A
  refresh re-reads the count and only the pages on screen;
* search results, delivered by a background search (``show_results``); a
  further page is asked for with ``search_page_wanted``.

Rows being saved ("Saving…") sit at the top until capture finishes, when
they become the article, which stays first until the next refresh sorts it
into place. Deleted-but-undoable articles are hidden.
"""

from __future__ import annotations

import logging
from bisect import bisect_left, insort
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from storage import ArticleFilter, ArticleNotFoundError, ArticleSummary, Library, LibraryError
from storage.library import SortKey
from ui.drops import ARTICLE_IDS_MIME, write_article_ids
from ui.formatting import capped_reading_time, short_date, snippet_plain
from ui.locale_format import count
from ui.themes import accent_color, muted_color

PAGE_SIZE = 100
CACHED_PAGES = 24
"""Pages kept while browsing: a few screens' worth, whatever the library's size."""

log = logging.getLogger(__name__)

AnyIndex = QModelIndex | QPersistentModelIndex

SAVING_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)
ARTICLE_FLAGS = SAVING_FLAGS | Qt.ItemFlag.ItemIsDragEnabled


class Column(IntEnum):
    STATE = 0
    TITLE = 1
    SITE = 2
    SECTION = 3
    DATE = 4
    TIME = 5


COLUMNS = len(Column)

# Marked for lupdate here, translated when shown (``column_title``): the
# language is chosen after this module is imported.
HEADERS = {
    Column.STATE: "",
    Column.TITLE: str(QT_TRANSLATE_NOOP("ArticleListModel", "Title")),
    Column.SITE: str(QT_TRANSLATE_NOOP("ArticleListModel", "Site")),
    Column.SECTION: str(QT_TRANSLATE_NOOP("ArticleListModel", "Section")),
    Column.DATE: str(QT_TRANSLATE_NOOP("ArticleListModel", "Date")),
    Column.TIME: str(QT_TRANSLATE_NOOP("ArticleListModel", "Time")),
}
HEADER_TOOLTIPS = {
    Column.STATE: str(QT_TRANSLATE_NOOP("ArticleListModel", "Unread (●) and favourite (★)")),
    Column.TIME: str(QT_TRANSLATE_NOOP("ArticleListModel", "Reading time")),
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
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 5
"""How far into an article the reader got (0..1), for one started but not
finished; None otherwise."""

STARTED = 0.02
FINISHED = 0.98
"""Reading positions between these are "started": the first screen of an
article is read by opening it, and the last lines (related stories, the
footer) are seldom scrolled to."""


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


def column_title(column: Column) -> str:
    """The column's header, in the window's language ("" for the state column)."""
    return (
        QCoreApplication.translate("ArticleListModel", HEADERS[column]) if HEADERS[column] else ""
    )


def column_tooltip(column: Column) -> str:
    tooltip = HEADER_TOOLTIPS.get(column)
    return (
        QCoreApplication.translate("ArticleListModel", tooltip) if tooltip else column_title(column)
    )


def reading_progress(summary: ArticleSummary) -> float | None:
    """How far the reader got in an article started and not finished, else None."""
    position = summary.reading_position
    return position if STARTED < position < FINISHED else None


def _states(summary: ArticleSummary) -> list[str]:
    statuses = {
        "unread": QCoreApplication.translate("ArticleListModel", "unread"),
        "read": QCoreApplication.translate("ArticleListModel", "read"),
        "archived": QCoreApplication.translate("ArticleListModel", "archived"),
    }
    states = [statuses[summary.status]]
    if summary.favorite:
        states.append(QCoreApplication.translate("ArticleListModel", "favourite"))
    if summary.capture_status == "pending":
        states.append(QCoreApplication.translate("ArticleListModel", "not fetched yet"))
    progress = reading_progress(summary)
    if progress is not None:
        states.append(
            QCoreApplication.translate("ArticleListModel", "stopped at {percent}%").format(
                percent=round(progress * 100)
            )
        )
    return states


def _exact_reading_time(summary: ArticleSummary) -> str:
    return QCoreApplication.translate(
        "ArticleListModel", "%n min to read ({words} words)", "", summary.reading_minutes
    ).format(words=count(summary.word_count))


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


@dataclass
class PageReads:
    """What the model asked storage for since it was made: tests and the
    benchmark count queries with it rather than timing them."""

    by_offset: int = 0
    """Pages read by place: a jump far from every cached page, or a refresh."""
    by_cursor: int = 0
    """Pages read by keyset cursor from a cached neighbour."""
    counts: int = 0
    """Row counts of the view."""
    by_id: int = 0
    """Re-reads of given articles' cells."""

    @property
    def pages(self) -> int:
        return self.by_offset + self.by_cursor


Pages = OrderedDict[int, list[ArticleRow]]
"""Page number -> its rows (storage positions number * PAGE_SIZE onward),
least recently used first."""


class ArticleListModel(QAbstractTableModel):
    search_page_wanted = Signal(str, int)
    """More search results are needed: the query and how many hits are in."""
    place_wanted = Signal()
    """The same view is about to be re-read with a reset: views keep their
    place (scroll position). Sent before the reset, while rows are still laid
    out; a reset for another view sends nothing."""

    def __init__(
        self, library: Library, parent: QObject | None = None, *, cached_pages: int = CACHED_PAGES
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._cached_pages = max(2, cached_pages)
        self._where = ArticleFilter()
        self._sort_column = Column.DATE
        self._descending = True
        self._saving: list[SavingRow] = []
        self._fresh: list[ArticleRow] = []
        """Articles saved by this window since the view was last read: first,
        under the "Saving…" rows, until a refresh sorts them into place."""
        self._hidden: set[int] = set()
        self.reads = PageReads()
        self._rows_on_screen: Callable[[], Sequence[int]] | None = None
        # Browsing: storage's rows at positions 0 .. total - 1, less the
        # hidden ones whose position is known (``_skipped``, ascending).
        self._total = 0
        self._pages: Pages = OrderedDict()
        self._skipped: list[int] = []
        # Searching: the hits delivered so far.
        self._query: str | None = None
        self._results: list[ArticleRow] = []
        self._consumed = 0  # search hits taken from storage so far
        self._exhausted = True
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
        self._results = []
        self._exhausted = True
        self._fresh = []
        self._total, self._pages, self._skipped = self._read_window([0])
        self.endResetModel()

    def show_results(self, query: str, rows: Sequence[ArticleRow], hits: int, more: bool) -> None:
        """Replace the rows with the first page of a search's results."""
        self.beginResetModel()
        self._query = query
        self._fresh = []
        self._pages = OrderedDict()
        self._skipped = []
        self._results = [row for row in rows if row.summary.id not in self._hidden]
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
        have = {row.summary.id for row in (*self._fresh, *self._results)}
        fresh = [row for row in rows if row.summary.id not in have | self._hidden]
        if fresh:
            first = self.rowCount()
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self._results.extend(fresh)
            self.endInsertRows()

    def search_page_failed(self) -> None:
        self._awaiting_page = False
        self._exhausted = True

    def set_rows_on_screen(self, rows_on_screen: Callable[[], Sequence[int]]) -> None:
        """Tell the model which rows its view shows (and must keep across a
        refresh): the only pages a refresh re-reads. Without it, a refresh
        re-reads the page used last."""
        self._rows_on_screen = rows_on_screen

    # ------------------------------------------------------------------
    # Paging (search results only: a browsed view has all its rows at once)
    # ------------------------------------------------------------------

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or self._query is None or self._exhausted:
            return False
        return not self._awaiting_page

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or self._query is None:
            return
        self._awaiting_page = True
        self.search_page_wanted.emit(self._query, self._consumed)

    # ------------------------------------------------------------------
    # The window of pages
    # ------------------------------------------------------------------

    @property
    def pages_read(self) -> int:
        """Pages read from storage so far, by offset or by cursor."""
        return self.reads.pages

    def cached_pages(self) -> list[int]:
        """The page numbers held now, least recently used first."""
        return list(self._pages)

    def cached_row_count(self) -> int:
        return sum(len(page) for page in self._pages.values())

    def _head(self) -> int:
        """Rows above the view's own: "Saving…" rows, then fresh articles."""
        return len(self._saving) + len(self._fresh)

    def _body_count(self) -> int:
        if self._query is not None:
            return len(self._results)
        return max(0, self._total - len(self._skipped))

    @staticmethod
    def _position_of_row(body_row: int, skipped: Sequence[int]) -> int:
        """Storage's position of the ``body_row``-th row shown."""
        position = body_row
        for hidden in skipped:
            if hidden > position:
                break
            position += 1
        return position

    def _row_of_position(self, position: int) -> int:
        return self._head() + position - bisect_left(self._skipped, position)

    def _read(self, **paging: Any) -> list[ArticleRow]:
        summaries = self._library.list_articles(
            self._where,
            sort=SORT_KEYS[self._sort_column],
            descending=paging.pop("descending", self._descending),
            limit=PAGE_SIZE,
            **paging,
        )
        return [ArticleRow(summary) for summary in summaries]

    def _read_page(self, number: int, pages: Pages) -> list[ArticleRow]:
        """Page ``number`` by cursor from a neighbour in ``pages``, else by offset."""
        before = pages.get(number - 1)
        after = pages.get(number + 1)
        try:
            if before is not None and len(before) == PAGE_SIZE:
                rows = self._read(after=before[-1].summary.id)
                self.reads.by_cursor += 1
                return rows
            if number > 0 and after:
                # The page before a cached one: the same order reversed,
                # continued from that page's first article.
                rows = self._read(after=after[0].summary.id, descending=not self._descending)
                self.reads.by_cursor += 1
                rows.reverse()
                return rows
        except ArticleNotFoundError:
            pass  # the neighbour's edge article is gone: read the page by place
        rows = self._read(offset=number * PAGE_SIZE)
        self.reads.by_offset += 1
        return rows

    def _remember(self, number: int, page: list[ArticleRow]) -> None:
        self._pages[number] = page
        self._pages.move_to_end(number)
        while len(self._pages) > self._cached_pages:
            self._pages.popitem(last=False)

    def _page(self, number: int) -> list[ArticleRow] | None:
        """Page ``number``, read if it is not cached; None if the library
        cannot be read now (the row paints empty and is asked for again)."""
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        try:
            page = self._read_page(number, self._pages)
        except LibraryError as error:
            # Called while painting: nobody to report to. The next refresh says why.
            log.warning("could not read page %d of the article list: %s", number, error)
            return None
        self._remember(number, page)
        return page

    def _at_position(self, position: int, *, read: bool = True) -> ArticleRow | None:
        number, slot = divmod(position, PAGE_SIZE)
        page = self._page(number) if read else self._pages.get(number)
        return page[slot] if page is not None and slot < len(page) else None

    def _read_window(
        self, numbers: Iterable[int], rows: Sequence[int] = ()
    ) -> tuple[int, Pages, list[int]]:
        """The view's count and these pages, read now, and the positions of
        hidden articles among them: the state of a fresh window. Pages the
        body ``rows`` fall on once hidden rows are placed anew are read too."""
        total = self._library.count_articles(self._where)
        self.reads.counts += 1
        last = max(0, (total - 1) // PAGE_SIZE)
        pages: Pages = OrderedDict()
        wanted = set(numbers)
        skipped: list[int] = []
        for _ in range(3):  # hidden rows found on a page can move rows onto the next
            for number in sorted({min(number, last) for number in wanted} - pages.keys()):
                # Contiguous pages: the first by place, the rest by cursor.
                pages[number] = self._read_page(number, pages)
            pages = OrderedDict(sorted(pages.items()))
            skipped = sorted(
                number * PAGE_SIZE + slot
                for number, page in pages.items()
                for slot, row in enumerate(page)
                if row.summary.id in self._hidden
            )
            wanted = {self._position_of_row(row, skipped) // PAGE_SIZE for row in rows}
            if wanted <= pages.keys() or not wanted:
                break
        return total, pages, skipped

    # ------------------------------------------------------------------
    # Keeping rows current
    # ------------------------------------------------------------------

    def _kept_rows(self) -> list[int]:
        """Model rows whose articles a refresh must keep in view."""
        count = self.rowCount()
        if self._rows_on_screen is not None:
            return sorted({row for row in self._rows_on_screen() if 0 <= row < count})
        if not self._pages:
            return []
        number = next(reversed(self._pages))  # the page used last
        first = number * PAGE_SIZE
        rows = [
            self._row_of_position(position)
            for position in range(first, first + len(self._pages[number]))
            if position not in self._skipped
        ]
        return [row for row in rows if 0 <= row < count]

    def refresh(self) -> None:
        """Show the view as storage has it now, reading only what is on screen.

        The count and the pages of the rows on screen (and of hidden rows)
        are read again, and every other page forgotten. When the rows on
        screen show the same articles as before, only their cells are
        updated, so selection and scroll position stay untouched; otherwise
        the model resets, and the view restores its place and selection by id.
        """
        if self._query is not None:
            # Search hits keep their ranked order: update them, drop the deleted.
            self.update_articles(
                (row.summary.id for row in (*self._fresh, *self._results)), drop_missing=True
            )
            return
        kept = self._kept_rows()
        head = self._head()
        numbers = {
            self._position_of_row(row - head, self._skipped) // PAGE_SIZE
            for row in kept
            if row >= head
        }
        numbers |= {
            number
            for number, page in self._pages.items()
            if any(row.summary.id in self._hidden for row in page)
        }
        before = [self._id_at(row, self._pages, self._skipped, head) for row in kept]
        count_before = self.rowCount()
        new_head = len(self._saving)  # fresh rows are now in their place
        total, pages, skipped = self._read_window(
            numbers or [0], [row - new_head for row in kept if row >= new_head]
        )
        after = [self._id_at(row, pages, skipped, new_head) for row in kept]
        same = (
            not self._fresh
            and new_head + max(0, total - len(skipped)) == count_before
            and before == after
        )
        if not same:
            self.place_wanted.emit()
            self.beginResetModel()
        self._fresh = []
        self._total, self._pages, self._skipped = total, pages, skipped
        if not same:
            self.endResetModel()
        elif kept:
            self.dataChanged.emit(self.index(kept[0], 0), self.index(kept[-1], len(Column) - 1))

    def _id_at(self, row: int, pages: Pages, skipped: Sequence[int], head: int) -> int | None:
        """The article at model ``row`` in a window, without reading anything."""
        if row < len(self._saving):
            return None
        if row < head:
            return self._fresh[row - len(self._saving)].summary.id
        number, slot = divmod(self._position_of_row(row - head, skipped), PAGE_SIZE)
        page = pages.get(number)
        return page[slot].summary.id if page is not None and slot < len(page) else None

    def update_articles(self, ids: Iterable[int], *, drop_missing: bool = False) -> None:
        """Re-read these articles' cells (read state, favourite...) in place;
        with ``drop_missing``, rows of fresh articles and search hits no
        longer in the library go."""
        wanted = set(ids)
        if not wanted:
            return
        found = {
            summary.id: summary
            for summary in self._library.list_articles(
                ArticleFilter(ids=tuple(sorted(wanted))), limit=len(wanted)
            )
        }
        self.reads.by_id += 1
        if drop_missing:
            gone = wanted - found.keys()
            self._remove_rows(lambda row: row.summary.id in gone)
        self._show_summaries(found)

    def show_reading_position(self, article_id: int, position: float) -> None:
        """The reader stopped at ``position`` in this article: its row's
        progress follows at once, without reading storage again."""
        row = self.row_of(article_id)
        summary = self.summary_at(row) if row is not None else None
        if summary is not None and summary.reading_position != position:
            self._show_summaries({article_id: replace(summary, reading_position=position)})

    def _show_summaries(self, summaries: dict[int, ArticleSummary]) -> None:
        """Put these articles' new summaries in the rows that show them."""
        head = self._head()
        for position, row in enumerate(self._fresh):
            summary = summaries.get(row.summary.id)
            if summary is not None and summary != row.summary:
                self._fresh[position] = replace(row, summary=summary)
                self._row_changed(len(self._saving) + position)
        for position, row in enumerate(self._results):
            summary = summaries.get(row.summary.id)
            if summary is not None and summary != row.summary:
                self._results[position] = replace(row, summary=summary)
                self._row_changed(head + position)
        for number, page in self._pages.items():
            for slot, row in enumerate(page):
                summary = summaries.get(row.summary.id)
                if summary is not None and summary != row.summary:
                    page[slot] = replace(row, summary=summary)
                    position = number * PAGE_SIZE + slot
                    if position not in self._skipped:
                        self._row_changed(self._row_of_position(position))

    def _row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    def _remove_rows(self, unwanted: Callable[[ArticleRow], bool]) -> None:
        """Remove fresh rows and search hits, and hide cached rows, that are ``unwanted``."""
        for rows, offset in ((self._results, self._head()), (self._fresh, len(self._saving))):
            for position in reversed(range(len(rows))):
                if unwanted(rows[position]):
                    self.beginRemoveRows(QModelIndex(), offset + position, offset + position)
                    del rows[position]
                    self.endRemoveRows()
        if self._query is not None:
            return
        for number, page in list(self._pages.items()):
            for slot, row in enumerate(page):
                position = number * PAGE_SIZE + slot
                if unwanted(row) and position not in self._skipped:
                    model_row = self._row_of_position(position)
                    self.beginRemoveRows(QModelIndex(), model_row, model_row)
                    insort(self._skipped, position)
                    self.endRemoveRows()

    def hide(self, ids: Iterable[int]) -> None:
        """Take articles out of the list (they are being deleted, undoably).

        Hidden rows on cached pages go at once; one on a page not read yet
        goes when a refresh reads it (the deletion itself refreshes)."""
        self._hidden.update(ids)
        self._remove_rows(lambda row: row.summary.id in self._hidden)

    def unhide(self, ids: Iterable[int]) -> None:
        self._hidden.difference_update(ids)
        self.refresh()

    def forget_hidden(self, ids: Iterable[int]) -> None:
        """The hidden articles are gone for good: stop filtering them, and
        take the view as storage now has it (the rows shown stay the same)."""
        self._hidden.difference_update(ids)
        if self._query is None:
            self.refresh()

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
            self._show_summaries({summary.id: summary})
            return existing
        # New articles go first, where the "Saving…" row was, until the next
        # refresh sorts them into place: a row that jumps away is lost.
        row = len(self._saving)
        self.beginInsertRows(QModelIndex(), row, row)
        self._fresh.insert(0, ArticleRow(summary))
        self.endInsertRows()
        return row

    def saving_tokens(self) -> list[int]:
        return [row.token for row in self._saving]

    # ------------------------------------------------------------------
    # Lookup
    # ------------------------------------------------------------------

    def row_at(self, row: int) -> Row | None:
        """The row's content, read from storage if its page is not cached."""
        if 0 <= row < len(self._saving):
            return self._saving[row]
        position = row - len(self._saving)
        if 0 <= position < len(self._fresh):
            return self._fresh[position]
        position -= len(self._fresh)
        if not 0 <= position < self._body_count():
            return None
        if self._query is not None:
            return self._results[position]
        return self._at_position(self._position_of_row(position, self._skipped))

    def summary_at(self, row: int) -> ArticleSummary | None:
        found = self.row_at(row)
        return found.summary if isinstance(found, ArticleRow) else None

    def row_of(self, article_id: int) -> int | None:
        """The row showing ``article_id``, among the rows read and cached:
        finding an article anywhere in a large view would read it all."""
        for position, row in enumerate(self._fresh):
            if row.summary.id == article_id:
                return len(self._saving) + position
        if self._query is not None:
            for position, row in enumerate(self._results):
                if row.summary.id == article_id:
                    return self._head() + position
            return None
        for number, page in self._pages.items():
            for slot, row in enumerate(page):
                position = number * PAGE_SIZE + slot
                if row.summary.id == article_id and position not in self._skipped:
                    return self._row_of_position(position)
        return None

    def loaded_ids(self) -> list[int]:
        """The articles of the rows read and cached, in row order."""
        ids = [row.summary.id for row in self._fresh]
        if self._query is not None:
            return ids + [row.summary.id for row in self._results]
        for number in sorted(self._pages):
            for slot, row in enumerate(self._pages[number]):
                if number * PAGE_SIZE + slot not in self._skipped:
                    ids.append(row.summary.id)
        return ids

    # ------------------------------------------------------------------
    # QAbstractTableModel
    # ------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._head() + self._body_count()

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        column = Column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return column_title(column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column_tooltip(column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return column_tooltip(column) or QCoreApplication.translate("ArticleListModel", "State")
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        # Asked of every row whenever a tree view lays out (after each reset):
        # answered without reading a page nor combining flags in Python.
        return SAVING_FLAGS if index.row() < len(self._saving) else ARTICLE_FLAGS

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
                return QCoreApplication.translate("ArticleListModel", "Saving… {label}").format(
                    label=row.label
                )
            return "…" if column == Column.STATE else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return QCoreApplication.translate("ArticleListModel", "Saving {label}").format(
                label=row.label
            )
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
            if column == Column.TIME and summary.reading_minutes > 0:
                # The cell stops at "99+ min": the exact figure is here.
                lines.append(_exact_reading_time(summary))
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
        if role == PROGRESS_ROLE:
            return reading_progress(summary)
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
        return capped_reading_time(summary.reading_minutes)

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
            self._fresh = []
            self._total, self._pages, self._skipped = self._read_window([0])
        else:
            # Search results are ranked; a header click orders the loaded hits.
            self._results.sort(
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
