"""The open article's highlights and notes, in a pane beside the reader.

Each row shows the highlight's colour, its quote and its note; a quote the
reader could not find in the text any more is kept, greyed, and says so. A
note on the whole article has no quote. Clicking a row brings its quote into
view in the reader. The row model and the painting are shared with the
library-wide Highlights view (``ui.highlights_view``), which adds the
article's title to each row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLabel,
    QListView,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from core.imported import Highlight
from ui.reader import PlacedHighlight
from ui.themes import ReaderTheme, load_theme, muted_color

AnyIndex = QModelIndex | QPersistentModelIndex

HIGHLIGHT_ROLE = Qt.ItemDataRole.UserRole + 1
"""The row's ``Highlight``."""
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
"""The row's ``HighlightRow``."""

QUOTE_SHOWN_CHARS = 360
"""A long quote is cut here in the list; the reader shows it whole."""
PADDING = 8
BAR_WIDTH = 4
PANE_MIN_WIDTH = 220


@dataclass(frozen=True)
class HighlightRow:
    """One highlight or note as a list shows it."""

    highlight: Highlight
    found: bool
    """False: its quote is no longer in the article's text (kept, greyed)."""
    article_title: str = ""
    """The article's title, in the library-wide view; empty in the pane."""
    article_site: str = ""

    @classmethod
    def placed(cls, item: PlacedHighlight) -> HighlightRow:
        return cls(item.highlight, item.found or item.is_note)

    @property
    def is_note(self) -> bool:
        return self.highlight.kind == "note"

    def quote_text(self) -> str:
        quote = " ".join(self.highlight.quote.split())
        if len(quote) > QUOTE_SHOWN_CHARS:
            quote = quote[:QUOTE_SHOWN_CHARS].rstrip() + "…"
        return f"“{quote}”" if quote else ""

    def status_text(self) -> str:
        if self.is_note:
            return QCoreApplication.translate("HighlightRow", "Note on the article")
        if not self.found:
            return QCoreApplication.translate("HighlightRow", "No longer in the text")
        return ""

    def accessible_text(self) -> str:
        parts = [self.article_title, self.status_text(), self.quote_text(), self.highlight.note]
        return ". ".join(part for part in parts if part)


class HighlightRowsModel(QAbstractListModel):
    """Rows of highlights and notes; set all at once, or appended a page at a time."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[HighlightRow] = []

    def set_rows(self, rows: Sequence[HighlightRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def append_rows(self, rows: Sequence[HighlightRow]) -> None:
        if not rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def rows(self) -> list[HighlightRow]:
        return list(self._rows)

    def row_of(self, highlight_id: int) -> int | None:
        return next(
            (row for row, item in enumerate(self._rows) if item.highlight.id == highlight_id),
            None,
        )

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.quote_text() or row.status_text()
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return row.accessible_text()
        if role == HIGHLIGHT_ROLE:
            return row.highlight
        if role == ROW_ROLE:
            return row
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


@dataclass(frozen=True)
class _RowLayout:
    title: QRect
    quote: QRect
    note: QRect
    status: QRect
    height: int


class HighlightDelegate(QStyledItemDelegate):
    """Paints a row: a bar in the highlight's colour, the article's title
    (library view), the quote, the note, and what the row is when not a
    quote in the text."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view
        self.theme: ReaderTheme = load_theme("light")

    def _fonts(self, base: QFont) -> tuple[QFont, QFont, QFont]:
        title = QFont(base)
        title.setBold(True)
        title.setPointSizeF(max(7.0, base.pointSizeF() * 0.85))
        note = QFont(base)
        note.setItalic(True)
        status = QFont(base)
        status.setPointSizeF(max(7.0, base.pointSizeF() * 0.85))
        return title, note, status

    def _layout(
        self, row: HighlightRow, base: QFont, left: int, top: int, width: int
    ) -> _RowLayout:
        title_font, note_font, status_font = self._fonts(base)
        wrap = int(Qt.TextFlag.TextWordWrap)
        x = left + PADDING + BAR_WIDTH + PADDING
        inner = max(40, width - (x - left) - PADDING)
        y = top + PADDING

        def block(font: QFont, text: str, flags: int) -> QRect:
            nonlocal y
            if not text:
                return QRect(x, y, inner, 0)
            height = (
                QFontMetrics(font).boundingRect(QRect(0, 0, inner, 10_000), flags, text).height()
            )
            rect = QRect(x, y, inner, height)
            y += height + 3
            return rect

        title = block(title_font, row.article_title, 0)
        status = block(status_font, row.status_text(), wrap)
        quote = block(base, row.quote_text(), wrap)
        note = block(note_font, row.highlight.note, wrap)
        return _RowLayout(title, quote, note, status, y - top - 3 + PADDING)

    def _width(self) -> int:
        return max(PANE_MIN_WIDTH // 2, self._view.viewport().width())

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        row = index.data(ROW_ROLE)
        if not isinstance(row, HighlightRow):
            return super().sizeHint(option, index)
        width = self._width()
        return QSize(width, self._layout(row, option.font, 0, 0, width).height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        row = index.data(ROW_ROLE)
        if not isinstance(row, HighlightRow):
            super().paint(painter, option, index)
            return
        palette = option.palette
        rect = option.rect
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight))
        text = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = text if selected else muted_color(palette)
        layout = self._layout(row, option.font, rect.left(), rect.top(), rect.width())
        bar = (
            self.theme.highlight_color(row.highlight.color)
            if row.found and not row.is_note
            else QColor(muted)
        )
        painter.fillRect(
            QRect(
                rect.left() + PADDING, rect.top() + PADDING, BAR_WIDTH, rect.height() - 2 * PADDING
            ),
            bar,
        )
        title_font, note_font, status_font = self._fonts(option.font)
        wrap = int(Qt.TextFlag.TextWordWrap)
        if row.article_title:
            painter.setFont(title_font)
            painter.setPen(muted)
            elided = QFontMetrics(title_font).elidedText(
                row.article_title, Qt.TextElideMode.ElideRight, layout.title.width()
            )
            painter.drawText(layout.title, 0, elided)
        if row.status_text():
            painter.setFont(status_font)
            painter.setPen(muted)
            painter.drawText(layout.status, wrap, row.status_text())
        painter.setFont(option.font)
        painter.setPen(text if row.found else muted)
        painter.drawText(layout.quote, wrap, row.quote_text())
        if row.highlight.note:
            painter.setFont(note_font)
            painter.setPen(text)
            painter.drawText(layout.note, wrap, row.highlight.note)
        painter.setPen(QColor(palette.color(QPalette.ColorRole.Mid)))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.restore()


class HighlightList(QListView):
    """A list of highlight rows, painted by ``HighlightDelegate``, with a
    menu to write a row's note or remove it."""

    highlight_chosen = Signal(object)
    """A row was clicked or activated (its ``HighlightRow``)."""
    note_requested = Signal(object)
    """Write the note of this ``Highlight``."""
    remove_requested = Signal(int)

    def __init__(self, model: HighlightRowsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self._model = model
        self.delegate = HighlightDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._show_menu)
        self.clicked.connect(self._chosen)
        self.activated.connect(self._chosen)

    def set_theme(self, theme: ReaderTheme) -> None:
        self.delegate.theme = theme
        self.viewport().update()

    def _chosen(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if isinstance(row, HighlightRow):
            self.highlight_chosen.emit(row)

    def select_highlight(self, highlight_id: int) -> None:
        row = self._model.row_of(highlight_id)
        if row is not None:
            index = self._model.index(row, 0)
            self.setCurrentIndex(index)
            self.scrollTo(index)

    def row_menu(self, row: HighlightRow) -> QMenu:
        menu = QMenu(self)
        highlight = row.highlight
        menu.addAction(
            QCoreApplication.translate("HighlightList", "Edit &Note…")
            if highlight.note
            else QCoreApplication.translate("HighlightList", "Add &Note…"),
            lambda: self.note_requested.emit(highlight),
        )
        menu.addAction(
            QCoreApplication.translate("HighlightList", "&Remove Note")
            if row.is_note
            else QCoreApplication.translate("HighlightList", "&Remove Highlight"),
            lambda: self.remove_requested.emit(highlight.id),
        )
        return menu

    def _show_menu(self, point: QPoint) -> None:
        row = self.indexAt(point).data(ROW_ROLE)
        if isinstance(row, HighlightRow):
            menu = self.row_menu(row)
            menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            menu.popup(self.viewport().mapToGlobal(point))


class HighlightsPane(QFrame):
    """The open article's highlights and notes, in reading order."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("highlights-pane")
        self.setAccessibleName(QCoreApplication.translate("HighlightsPane", "Highlights and notes"))
        self.setMinimumWidth(PANE_MIN_WIDTH)
        self.model = HighlightRowsModel(self)
        self.title = QLabel(self)
        self.title.setObjectName("highlights-title")
        self.list = HighlightList(self.model, self)
        self.list.setAccessibleName(self.accessibleName())
        self.hint = QLabel(
            QCoreApplication.translate(
                "HighlightsPane",
                "Select text and press H to highlight it; N writes a note.",
            ),
            self,
        )
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(4)
        self.title.setContentsMargins(PADDING, 0, PADDING, 0)
        self.hint.setContentsMargins(PADDING, 0, PADDING, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.hint)
        self.show_rows([])

    def show_rows(self, rows: Sequence[HighlightRow]) -> None:
        self.model.set_rows(rows)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.title.setText(
            QCoreApplication.translate("HighlightsPane", "Highlights and notes (%n)", "", len(rows))
        )
        self.hint.setVisible(not rows)

    def rows(self) -> list[HighlightRow]:
        return self.model.rows()

    def set_theme(self, theme: ReaderTheme) -> None:
        self.list.set_theme(theme)
