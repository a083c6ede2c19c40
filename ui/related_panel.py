"""The related-stories panel under the reader.

Left, "From this page": the stories the article itself lists or links to,
marked saved or not. Right, "Similar in your library". A saved story opens
in the reader; an unsaved one is offered for saving.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QPainter, QPalette, QTextLayout
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ui.related_model import STORY_ROLE, RelatedStoriesModel, RelatedStory
from ui.themes import accent_color, muted_color

AnyIndex = QModelIndex | QPersistentModelIndex
PADDING = 7
SUMMARY_LINES = 2


def _from_this_page() -> str:
    return QCoreApplication.translate("RelatedPanel", "From this page")


def _similar_in_library() -> str:
    return QCoreApplication.translate("RelatedPanel", "Similar in your library")


def _no_page_stories() -> str:
    return QCoreApplication.translate("RelatedPanel", "This page lists no other stories.")


def _nothing_similar() -> str:
    return QCoreApplication.translate("RelatedPanel", "Nothing similar saved yet.")


def _heading_text(title: str, count: int) -> str:
    """``FROM THIS PAGE (3)``; without the count when there is none."""
    return f"{title.upper()} ({count})" if count else title.upper()


class StoryDelegate(QStyledItemDelegate):
    """Title, then section and saved state, then up to two lines of summary."""

    @staticmethod
    def _fonts(option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        title = QFont(option.font)
        title.setWeight(QFont.Weight.DemiBold)
        small = QFont(option.font)
        small.setPointSizeF(small.pointSizeF() * 0.88)
        return title, small

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        story = index.data(STORY_ROLE)
        title, small = self._fonts(option)
        lines = 1 + (SUMMARY_LINES if isinstance(story, RelatedStory) and story.summary else 0)
        height = (
            PADDING * 2
            + QFontMetrics(title).lineSpacing()
            + 2
            + QFontMetrics(small).lineSpacing() * lines
        )
        return QSize(200, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        story = index.data(STORY_ROLE)
        if not isinstance(story, RelatedStory):
            super().paint(painter, option, index)
            return
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.text = ""
        widget = item.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)
        rect: QRect = item.rect
        palette: QPalette = item.palette
        selected = bool(item.state & QStyle.StateFlag.State_Selected)
        text_color = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        title_color = text_color if selected or not story.saved else accent_color(palette)
        muted = text_color if selected else muted_color(palette)
        title_font, small_font = self._fonts(item)
        left, width = rect.left() + 8, rect.width() - 16
        top = rect.top() + PADDING

        painter.save()
        painter.setFont(title_font)
        painter.setPen(title_color)
        metrics = painter.fontMetrics()
        painter.drawText(
            QRect(left, top, width, metrics.lineSpacing()),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            metrics.elidedText(story.title, Qt.TextElideMode.ElideRight, width),
        )
        top += metrics.lineSpacing() + 2
        painter.setFont(small_font)
        painter.setPen(muted)
        small = painter.fontMetrics()
        painter.drawText(
            QRect(left, top, width, small.lineSpacing()),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            small.elidedText(story.meta, Qt.TextElideMode.ElideRight, width),
        )
        top += small.lineSpacing()
        if story.summary:
            painter.setPen(text_color if selected else palette.color(QPalette.ColorRole.Text))
            self._draw_lines(painter, story.summary, small_font, left, top, width)
        painter.restore()

    @staticmethod
    def _draw_lines(
        painter: QPainter, text: str, font: QFont, left: int, top: int, width: int
    ) -> None:
        """Word-wrapped text cut to SUMMARY_LINES lines, the last one elided."""
        metrics = QFontMetrics(font)
        layout = QTextLayout(text, font)
        layout.beginLayout()
        lines: list[tuple[int, int]] = []
        while len(lines) < SUMMARY_LINES:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            lines.append((line.textStart(), line.textLength()))
        layout.endLayout()
        for number, (start, length) in enumerate(lines):
            piece = text[start : start + length].strip()
            if number == len(lines) - 1 and start + length < len(text):
                piece = metrics.elidedText(text[start:].strip(), Qt.TextElideMode.ElideRight, width)
            painter.drawText(
                QRect(left, top, width, metrics.lineSpacing()),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                piece,
            )
            top += metrics.lineSpacing()


class StoryList(QListView):
    """A list of stories; a click or Enter chooses one."""

    chosen = Signal(object)
    """A ``RelatedStory`` was clicked or activated with the keyboard."""
    menu_requested = Signal(object, QPoint)

    def __init__(
        self, model: RelatedStoriesModel, name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setModel(model)
        self._model = model
        self.setItemDelegate(StoryDelegate(self))
        self.setFrameShape(QListView.Shape.NoFrame)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setUniformItemSizes(False)
        self.setWordWrap(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.clicked.connect(self._choose)
        self.empty_message = ""

    def _choose(self, index: QModelIndex) -> None:
        story = self._model.story(index)
        if story is not None:
            self.chosen.emit(story)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._choose(self.currentIndex())
            return
        super().keyPressEvent(event)

    def _menu(self, position: QPoint) -> None:
        story = self._model.story(self.indexAt(position))
        if story is not None:
            self.menu_requested.emit(story, self.viewport().mapToGlobal(position))

    def paintEvent(self, event: object) -> None:
        super().paintEvent(event)  # type: ignore[arg-type]
        if self._model.rowCount() or not self.empty_message:
            return
        painter = QPainter(self.viewport())
        painter.setPen(muted_color(self.palette()))
        painter.drawText(
            self.viewport().rect().adjusted(8, 8, -8, -8),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap),
            self.empty_message,
        )


class RelatedPanel(QWidget):
    article_requested = Signal(int)
    save_requested = Signal(object)
    """Save this unsaved ``RelatedStory`` (it has a URL)."""
    unsaved_chosen = Signal(object)
    """An unsaved story was clicked: offer to save it."""
    open_original_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("related-panel")
        self.setAccessibleName(QCoreApplication.translate("RelatedPanel", "Related stories"))
        self.page_model = RelatedStoriesModel(self)
        self.similar_model = RelatedStoriesModel(self)
        self.page_list = StoryList(self.page_model, _from_this_page(), self)
        self.similar_list = StoryList(self.similar_model, _similar_in_library(), self)
        self.page_list.empty_message = _no_page_stories()
        self.similar_list.empty_message = _nothing_similar()
        self.page_title = self._heading(_from_this_page())
        self.similar_title = self._heading(_similar_in_library())

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        for title, story_list in (
            (self.page_title, self.page_list),
            (self.similar_title, self.similar_list),
        ):
            column = QVBoxLayout()
            column.setContentsMargins(8, 6, 4, 0)
            column.setSpacing(2)
            column.addWidget(title)
            column.addWidget(story_list, 1)
            title.setBuddy(story_list)
            layout.addLayout(column, 1)
            story_list.chosen.connect(self._chosen)
            story_list.menu_requested.connect(self._story_menu)

    @staticmethod
    def _heading(text: str) -> QLabel:
        label = QLabel(text.upper())
        font = label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 0.8)
        label.setFont(font)
        palette = label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, muted_color(palette))
        label.setPalette(palette)
        return label

    def show_page_stories(self, stories: list[RelatedStory]) -> None:
        self.page_model.set_stories(stories)
        self.page_list.empty_message = _no_page_stories()
        self.page_title.setText(_heading_text(_from_this_page(), len(stories)))

    def show_similar(self, stories: list[RelatedStory] | None) -> None:
        """None: still looking."""
        self.similar_model.set_stories(stories or [])
        self.similar_list.empty_message = (
            QCoreApplication.translate("RelatedPanel", "Looking…")
            if stories is None
            else _nothing_similar()
        )
        self.similar_title.setText(_heading_text(_similar_in_library(), len(stories or [])))
        self.similar_list.viewport().update()

    def clear(self) -> None:
        """No article is open: empty lists with nothing to explain."""
        self.show_page_stories([])
        self.show_similar([])
        self.page_list.empty_message = ""
        self.similar_list.empty_message = ""

    def _chosen(self, story: RelatedStory) -> None:
        if story.article_id is not None:
            self.article_requested.emit(story.article_id)
        else:
            self.unsaved_chosen.emit(story)

    def _story_menu(self, story: RelatedStory, position: QPoint) -> None:
        menu = QMenu(self)
        if story.article_id is not None:
            article_id = story.article_id
            menu.addAction(
                QCoreApplication.translate("RelatedPanel", "Open"),
                lambda: self.article_requested.emit(article_id),
            )
        elif story.url:
            menu.addAction(
                QCoreApplication.translate("RelatedPanel", "Save"),
                lambda: self.save_requested.emit(story),
            )
        if story.url:
            url = story.url
            menu.addAction(
                QCoreApplication.translate("RelatedPanel", "Open original in browser"),
                lambda: self.open_original_requested.emit(url),
            )
        if not menu.isEmpty():
            menu.popup(position)
