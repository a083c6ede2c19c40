"""The article list view: sortable columns, search snippets, selection kept by id.

A table view, not a tree view: a tree view walks every row of the model
after each reset (a Python call or more per row: seconds at 100,000 rows),
where a table view asks only for the rows it paints. Rows have one height
(taller while showing search snippets), set on the vertical header, so no
row is measured: the model reads only the pages on screen however far the
list is scrolled or dragged."""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QShowEvent,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from ui.article_model import (
    ARTICLE_ID_ROLE,
    PROGRESS_ROLE,
    SNIPPET_ROLE,
    ArticleListModel,
    Column,
    column_title,
)
from ui.formatting import MAX_LISTED_MINUTES, capped_reading_time, snippet_html
from ui.themes import accent_color, muted_color

AnyIndex = QModelIndex | QPersistentModelIndex

DEFAULT_WIDTHS = {
    Column.STATE: 44,
    Column.SITE: 110,
    Column.SECTION: 90,
    Column.DATE: 92,
}
"""The Time column's width is measured instead (``time_column_width``)."""
# Site and section are shown under each title; their columns are for sorting.
HIDDEN_BY_DEFAULT = (Column.SITE, Column.SECTION)
NARROW_LIST_WIDTH = 380
"""Below this width the Date column makes way for the titles (the date moves
under the title, beside the site): on a 1024 px laptop the list is ~300 px."""
SNIPPET_LINES = 2
ROW_PADDING = 5
RING_DIAMETER = 11
"""The reading-progress ring in the state column, at most (smaller on a small font)."""
CELL_MARGINS = 8
"""What the delegates leave either side of a cell's text, together."""


def time_column_width(font: QFont) -> int:
    """Wide enough for the widest reading time the list writes (``99+ min``
    in the window's language), so no figure is cut short."""
    widest = capped_reading_time(MAX_LISTED_MINUTES + 1)
    # A few pixels of slack: a pending article's italic runs a little wider.
    return QFontMetrics(font).horizontalAdvance(widest) + CELL_MARGINS + 4


class TitleDelegate(QStyledItemDelegate):
    """The title cell, two lines: the title, then site and section in small muted
    type; for a search hit the snippet follows, its matches highlighted."""

    def __init__(self, view: ArticleListView) -> None:
        super().__init__(view)
        self._view = view

    @staticmethod
    def _small_font(option: QStyleOptionViewItem) -> QFont:
        font = QFont(option.font)
        font.setBold(False)
        font.setItalic(False)
        font.setPointSizeF(font.pointSizeF() * 0.88)
        return font

    def _snippet_document(
        self, font: QFont, color: QColor, snippet: str, width: int
    ) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(font)
        document.setDefaultStyleSheet(
            f"body {{ color: {color.name()}; }}"
            " b.hit { background-color: rgba(255, 200, 40, 0.45); }"
        )
        document.setDocumentMargin(0)
        document.setHtml(f"<body>{snippet_html(snippet)}</body>")
        document.setTextWidth(width)
        return document

    def meta_text(self, index: AnyIndex) -> str:
        """The line under the title: what hidden columns would have said."""
        parts = [
            str(index.sibling(index.row(), column).data(Qt.ItemDataRole.DisplayRole) or "")
            for column in (Column.SITE, Column.SECTION, Column.DATE)
            if self._view.isColumnHidden(column)  # a shown column says it already
        ]
        return " · ".join(part for part in parts if part)

    def row_height(self, font: QFont, *, snippets: bool) -> int:
        """A row's height: the title line, the site line, and a snippet's lines."""
        title = QFontMetrics(font).lineSpacing()
        small_font = QFont(font)
        small_font.setPointSizeF(font.pointSizeF() * 0.88)
        small = QFontMetrics(small_font).lineSpacing()
        lines = 1 + (SNIPPET_LINES if snippets else 0)
        return ROW_PADDING * 2 + title + small * lines + 2

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        size = super().sizeHint(option, index)
        size.setHeight(self.row_height(option.font, snippets=bool(index.data(SNIPPET_ROLE))))
        return size

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        title = item.text
        item.text = ""
        style = self._view.style()
        # The background, selection and focus, without text: the text is ours.
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, self._view)

        rect: QRect = item.rect
        palette: QPalette = item.palette
        selected = bool(item.state & QStyle.StateFlag.State_Selected)
        text_color = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        foreground = index.data(Qt.ItemDataRole.ForegroundRole)
        if not selected and isinstance(foreground, QColor):
            text_color = foreground
        muted = text_color if selected else muted_color(palette)
        left = rect.left() + 4
        width = rect.width() - 8
        top = rect.top() + ROW_PADDING

        painter.save()
        painter.setFont(item.font)
        painter.setPen(text_color)
        metrics = painter.fontMetrics()
        painter.drawText(
            QRect(left, top, width, metrics.lineSpacing()),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            metrics.elidedText(title, Qt.TextElideMode.ElideRight, width),
        )
        top += metrics.lineSpacing() + 1

        small = self._small_font(item)
        painter.setFont(small)
        painter.setPen(muted)
        small_metrics = painter.fontMetrics()
        meta = self.meta_text(index)
        painter.drawText(
            QRect(left, top, width, small_metrics.lineSpacing()),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            small_metrics.elidedText(meta, Qt.TextElideMode.ElideRight, width),
        )
        top += small_metrics.lineSpacing()

        snippet = index.data(SNIPPET_ROLE)
        if snippet:
            height = rect.bottom() - top - ROW_PADDING + 1
            document = self._snippet_document(small, muted, str(snippet), width)
            painter.translate(left, top)
            painter.setClipRect(QRect(0, 0, width, height))
            document.drawContents(painter, QRectF(0, 0, width, height))
        painter.restore()


class FirstLineDelegate(QStyledItemDelegate):
    """Date, time and state sit on the title's line, not in the row's middle."""

    def __init__(self, view: ArticleListView) -> None:
        super().__init__(view)
        self._view = view

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        text = item.text
        item.text = ""
        self._view.style().drawControl(
            QStyle.ControlElement.CE_ItemViewItem, item, painter, self._view
        )
        selected = bool(item.state & QStyle.StateFlag.State_Selected)
        color = item.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        foreground = index.data(Qt.ItemDataRole.ForegroundRole)
        if not selected and isinstance(foreground, QColor):
            color = foreground
        painter.save()
        painter.setFont(item.font)
        painter.setPen(color)
        metrics = painter.fontMetrics()
        # The title line is drawn in the title's (possibly bold) font: match its height.
        side = CELL_MARGINS // 2
        rect = item.rect.adjusted(side, ROW_PADDING, -side, 0)
        rect.setHeight(QFontMetrics(option.font).lineSpacing())
        horizontal = item.displayAlignment & Qt.AlignmentFlag.AlignHorizontal_Mask
        painter.drawText(
            rect,
            int(horizontal | Qt.AlignmentFlag.AlignVCenter),
            metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width()),
        )
        painter.restore()


class StateDelegate(FirstLineDelegate):
    """The state cell: unread and favourite marks, and for an article begun
    but not finished a small ring filled as far as the reader got."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        super().paint(painter, option, index)
        progress = index.data(PROGRESS_ROLE)
        if progress is None:
            return
        line = QFontMetrics(option.font).lineSpacing()
        diameter = min(RING_DIAMETER, line - 2)
        ring = QRectF(
            option.rect.left() + CELL_MARGINS // 2 + 0.5,
            option.rect.top() + ROW_PADDING + (line - diameter) / 2 + 0.5,
            diameter - 1,
            diameter - 1,
        )
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        filled = (
            palette.color(QPalette.ColorRole.HighlightedText) if selected else accent_color(palette)
        )
        track = filled if selected else muted_color(palette)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(track, 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(ring)
        # A pie from twelve o'clock, clockwise (Qt's angles are 1/16 degree,
        # counter-clockwise from three o'clock).
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(filled)
        painter.drawPie(ring, 90 * 16, -round(float(progress) * 360 * 16))
        painter.restore()


class ArticleListView(QTableView):
    current_article_changed = Signal(int)
    """The current row is now this article (-1: none, or a "Saving…" row)."""

    def __init__(self, model: ArticleListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("article-list")
        self.setAccessibleName(QCoreApplication.translate("ArticleListView", "Articles"))
        self._model = model
        self.setModel(model)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.setAlternatingRowColors(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setItemDelegate(FirstLineDelegate(self))
        self._title_delegate = TitleDelegate(self)
        self.setItemDelegateForColumn(Column.TITLE, self._title_delegate)
        self.setItemDelegateForColumn(Column.STATE, StateDelegate(self))
        self._set_row_height()
        self.empty_message = QCoreApplication.translate("ArticleListView", "No articles here.")

        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        for column, width in DEFAULT_WIDTHS.items():
            self.setColumnWidth(column, width)
        self.setColumnWidth(Column.TIME, time_column_width(self.font()))
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.STATE, QHeaderView.ResizeMode.Fixed)
        for column in HIDDEN_BY_DEFAULT:
            self.setColumnHidden(column, True)
        column, order = model.sort_order
        header.setSortIndicator(column, order)
        self.setSortingEnabled(True)

        self._columns_fitted = False
        self._narrow = False
        self._date_wanted = True
        """The person's choice for the Date column (header menu); narrow lists hide it anyway."""
        self._remembered_ids: list[int] = []
        self._remembered_current: int | None = None
        self._remembered_top: int | None = None
        model.place_wanted.connect(self._remember_place)
        model.modelAboutToBeReset.connect(self._remember_selection)
        model.modelReset.connect(self._restore_selection)
        model.set_rows_on_screen(self.rows_on_screen)
        self.selectionModel().currentRowChanged.connect(self._current_row_changed)

    def header(self) -> QHeaderView:
        """The column header (a tree view's name for it, kept for callers)."""
        return self.horizontalHeader()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_date_column()

    def _fit_date_column(self, *, chosen: bool = False) -> None:
        narrow = self.width() < NARROW_LIST_WIDTH
        if narrow == self._narrow and not chosen:
            return  # only a change of width class or of the person's choice moves it
        self._narrow = narrow
        self.setColumnHidden(Column.DATE, narrow or not self._date_wanted)
        self.scheduleDelayedItemsLayout()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._columns_fitted:
            self._columns_fitted = True
            self._fit_mark_columns()

    def _fit_mark_columns(self) -> None:
        """Widen the state and time columns to what they draw, when a header
        saved by an earlier version (before the progress ring and "99+ min")
        was restored narrower."""
        needed = {
            Column.STATE: DEFAULT_WIDTHS[Column.STATE],
            Column.TIME: time_column_width(self.font()),
        }
        for column, width in needed.items():
            if not self.isColumnHidden(column) and self.columnWidth(column) < width:
                self.setColumnWidth(column, width)

    def _set_row_height(self) -> None:
        # Search hits carry snippets (taller rows); a browsed row is shorter.
        height = self._title_delegate.row_height(
            self.font(), snippets=self._model.query is not None
        )
        self.verticalHeader().setDefaultSectionSize(height)
        self.verticalHeader().setMinimumSectionSize(min(height, 8))

    def keyboardSearch(self, search: str) -> None:
        """Typing in the list does not jump to a matching title: that would
        read every row of a large view. The search field finds articles."""

    def rows_on_screen(self) -> list[int]:
        """The rows in sight and the current row: what a refresh keeps."""
        count = self._model.rowCount()
        if count == 0:
            return []
        viewport = self.viewport()
        top = self.indexAt(QPoint(1, 1)).row()
        bottom = self.indexAt(QPoint(1, viewport.height() - 2)).row()
        first = max(0, top)
        last = bottom if bottom >= 0 else min(count - 1, first + self._rows_per_screen())
        rows = list(range(first, last + 1))
        current = self.currentIndex()
        if current.isValid() and not first <= current.row() <= last:
            rows.append(current.row())
        return rows

    def _rows_per_screen(self) -> int:
        height = max(1, self.verticalHeader().defaultSectionSize())
        return max(1, self.viewport().height() // height)

    # -- selection kept by id across refreshes ------------------------------

    def _remember_selection(self) -> None:
        self._remembered_ids = self.selected_ids()
        self._remembered_current = self.current_id()

    def _remember_place(self) -> None:
        self._remembered_top = None
        if self.verticalScrollBar().value() > 0:
            # Scrolled down: keep the same article at the top. At the very
            # top the list stays there, so new articles come into sight.
            top = self.indexAt(QPoint(1, 1)).data(ARTICLE_ID_ROLE)
            self._remembered_top = int(top) if top is not None else None

    def _restore_selection(self) -> None:
        self._set_row_height()
        selection = QItemSelection()
        for article_id in self._remembered_ids:
            row = self._model.row_of(article_id)
            if row is not None:
                selection.select(self._model.index(row, 0), self._model.index(row, len(Column) - 1))
        selection_model = self.selectionModel()
        current_row = (
            self._model.row_of(self._remembered_current)
            if self._remembered_current is not None
            else None
        )
        if current_row is not None:
            # The same article as before: listeners see no change of article.
            selection_model.setCurrentIndex(
                self._model.index(current_row, Column.TITLE),
                QItemSelectionModel.SelectionFlag.NoUpdate,
            )
        selection_model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        top_row = (
            self._model.row_of(self._remembered_top) if self._remembered_top is not None else None
        )
        self._remembered_top = None
        if top_row is not None:
            self.scrollTo(
                self._model.index(top_row, Column.TITLE),
                QAbstractItemView.ScrollHint.PositionAtTop,
            )
        elif current_row is not None:
            self.scrollTo(self._model.index(current_row, Column.TITLE))

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        value = current.data(ARTICLE_ID_ROLE) if current.isValid() else None
        self.current_article_changed.emit(int(value) if value is not None else -1)

    def current_id(self) -> int | None:
        value = self.currentIndex().data(ARTICLE_ID_ROLE)
        return int(value) if value is not None else None

    def selected_ids(self) -> list[int]:
        ids: list[int] = []
        for index in self.selectionModel().selectedRows(Column.TITLE):
            value = index.data(ARTICLE_ID_ROLE)
            if value is not None and int(value) not in ids:
                ids.append(int(value))
        return ids

    def select_article(self, article_id: int, *, notify: bool = True) -> bool:
        """Make ``article_id`` the current, only selected row if it is listed."""
        row = self._model.row_of(article_id)
        if row is None:
            return False
        index = self._model.index(row, Column.TITLE)
        selection_model = self.selectionModel()
        blocked = selection_model.blockSignals(not notify)
        selection_model.setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        selection_model.blockSignals(blocked)
        self.scrollTo(index)
        self.viewport().update()
        return True

    def step(self, delta: int) -> None:
        """Move to the next (+1) or previous (-1) row, loading more if needed."""
        current = self.currentIndex()
        row = current.row() + delta if current.isValid() else 0
        if row >= self._model.rowCount() and self._model.canFetchMore():
            self._model.fetchMore()
        if not 0 <= row < self._model.rowCount():
            return
        index = self._model.index(row, Column.TITLE)
        self.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.scrollTo(index)

    # -- columns -----------------------------------------------------------

    def _header_menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        for column in Column:
            if column in (Column.TITLE, Column.STATE):
                continue
            action = menu.addAction(column_title(column))
            action.setCheckable(True)
            action.setChecked(
                self._date_wanted if column == Column.DATE else not self.isColumnHidden(column)
            )
            action.toggled.connect(lambda shown, which=column: self._show_column(which, shown))
        menu.popup(self.header().mapToGlobal(position))

    def _show_column(self, column: Column, shown: bool) -> None:
        if column == Column.DATE:
            self._date_wanted = shown
            self._fit_date_column(chosen=True)
        else:
            self.setColumnHidden(column, not shown)
        # Row heights depend on what the title cell repeats from hidden columns.
        self.scheduleDelayedItemsLayout()

    # -- an empty list says why ----------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._model.rowCount() > 0 or not self.empty_message:
            return
        painter = QPainter(self.viewport())
        painter.setPen(muted_color(self.palette()))
        area = self.viewport().rect().adjusted(24, 24, -24, -24)
        painter.drawText(
            area,
            int(
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
            ),
            self.empty_message,
        )
