"""The related-stories panel under the reader.

Left, "From this page": the stories the article itself lists or links to,
marked saved or not. Right, what the library holds: other saved copies of
the same story ("Also saved as"), then similar articles. A saved story opens
in the reader; an unsaved one is offered for saving. No story is listed
twice (``unique_stories``).

The panel is one line, a header button "Related stories (N) ▸", until it is
opened: the reader comes first. Opened, it asks the splitter it sits in for
the height it had last time.
"""

from __future__ import annotations

from collections.abc import Sequence

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
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPalette,
    QShowEvent,
    QTextLayout,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core.models import RelatedItem, SimilarArticle
from ui.locale_format import count
from ui.related_model import (
    STORY_ROLE,
    RelatedStoriesModel,
    RelatedStory,
    StoryKey,
    unique_stories,
)
from ui.themes import accent_color, muted_color

AnyIndex = QModelIndex | QPersistentModelIndex
PADDING = 7
SUMMARY_LINES = 2
OPEN_HEIGHT = 230
"""The height the panel first opens to (at most half its splitter)."""
UNLIMITED_HEIGHT = 16_777_215
"""Qt's QWIDGETSIZE_MAX: no maximum height."""


def _from_this_page() -> str:
    return QCoreApplication.translate("RelatedPanel", "From this page")


def _similar_in_library() -> str:
    return QCoreApplication.translate("RelatedPanel", "Similar in your library")


def _no_page_stories() -> str:
    return QCoreApplication.translate("RelatedPanel", "This page lists no other stories.")


def _nothing_similar() -> str:
    return QCoreApplication.translate("RelatedPanel", "Nothing similar saved yet.")


def _related_stories() -> str:
    return QCoreApplication.translate("RelatedPanel", "Related stories")


def _heading_text(title: str, number: int) -> str:
    """``FROM THIS PAGE (3)``; without the count when there is none."""
    return f"{title.upper()} ({count(number)})" if number else title.upper()


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

    def show_stories(self, stories: Sequence[RelatedStory]) -> None:
        """Show ``stories``; the current row stays on the same story (saved
        since, say) when it is still listed."""
        current = self._model.story(self.currentIndex())
        self._model.set_stories(stories)
        if current is None:
            return
        keys = set(current.keys)
        for row, story in enumerate(stories):
            if keys.intersection(story.keys):
                self.setCurrentIndex(self._model.index(row))
                return

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
    expanded_changed = Signal(bool)
    """Opened (True) or collapsed to its header line (False)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("related-panel")
        self.setAccessibleName(_related_stories())
        self.page_model = RelatedStoriesModel(self)
        self.similar_model = RelatedStoriesModel(self)
        self.page_list = StoryList(self.page_model, _from_this_page(), self)
        self.similar_list = StoryList(self.similar_model, _similar_in_library(), self)
        self.page_title = self._heading(_from_this_page())
        self.similar_title = self._heading(_similar_in_library())
        self._page: list[RelatedStory] = []
        self._copies: list[RelatedStory] = []
        self._similar: list[RelatedStory] | None = []
        """None: still looking."""
        self._article_shown = False
        self._expanded = False
        self._open_height = OPEN_HEIGHT

        self.toggle = QToolButton(self)
        self.toggle.setObjectName("related-toggle")
        self.toggle.setCheckable(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.toggle.setAccessibleName(_related_stories())
        self.toggle.toggled.connect(self.set_expanded)
        header = QHBoxLayout()
        header.setContentsMargins(4, 1, 4, 1)
        header.addWidget(self.toggle)
        header.addStretch(1)

        self.content = QWidget(self)
        columns = QHBoxLayout(self.content)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.setSpacing(1)
        for title, story_list in (
            (self.page_title, self.page_list),
            (self.similar_title, self.similar_list),
        ):
            column = QVBoxLayout()
            column.setContentsMargins(8, 2, 4, 0)
            column.setSpacing(2)
            column.addWidget(title)
            column.addWidget(story_list, 1)
            title.setBuddy(story_list)
            columns.addLayout(column, 1)
            story_list.chosen.connect(self._chosen)
            story_list.menu_requested.connect(self._story_menu)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header)
        layout.addWidget(self.content, 1)
        self.content.hide()
        self._render()

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

    # -- open or collapsed -------------------------------------------------------

    @property
    def expanded(self) -> bool:
        return self._expanded

    def collapsed_height(self) -> int:
        """The header line's height: all the panel takes while collapsed."""
        return self.toggle.sizeHint().height() + 2

    def set_expanded(self, expanded: bool) -> None:
        if expanded == self._expanded:
            return
        if not expanded and self.height() > self.collapsed_height():
            self._open_height = self.height()  # opened again, it comes back as it was
        self._expanded = expanded
        self.toggle.setChecked(expanded)
        self.content.setVisible(expanded)
        if expanded:
            self.setMaximumHeight(UNLIMITED_HEIGHT)
            self._make_room()
        self._update_header()
        self.expanded_changed.emit(expanded)

    def _make_room(self) -> None:
        """Opened inside a splitter: take the height it had (at most half),
        from the largest pane beside it. A collapsed panel held only its
        header's height, and a splitter never grows a pane by itself."""
        splitter = self.parentWidget()
        if not isinstance(splitter, QSplitter):
            return
        index = splitter.indexOf(self)
        sizes = splitter.sizes()
        wanted = min(self._open_height, sum(sizes) // 2)
        growth = wanted - sizes[index]
        others = [number for number in range(len(sizes)) if number != index]
        if growth <= 0 or not others:
            return
        donor = max(others, key=lambda number: sizes[number])
        sizes[donor] -= growth
        sizes[index] = wanted
        splitter.setSizes(sizes)

    # -- what it shows -----------------------------------------------------------

    def show_page_stories(self, stories: Sequence[RelatedStory]) -> None:
        """The stories the open article lists (shown at once from the article)."""
        self._article_shown = True
        self._page = list(stories)
        self._render()

    def show_similar(self, stories: Sequence[RelatedStory] | None) -> None:
        """Similar articles; None: still looking (copies too: a new article)."""
        self._similar = None if stories is None else list(stories)
        if stories is None:
            self._copies = []
        self._render()

    def show_related(
        self, items: Sequence[RelatedItem], similar: Sequence[SimilarArticle] = ()
    ) -> None:
        """What the library says now (``Library.related_stories``, and
        ``similar_articles`` for richer similar rows): the page's stories
        with their saved state, other saved copies, similar articles. Called
        again after a change, a story saved since shows as saved."""
        stories = [RelatedStory.from_item(item) for item in items]
        self._article_shown = True
        self._page = [story for story in stories if story.kind in ("listed", "inline")]
        self._copies = [story for story in stories if story.kind == "duplicate"]
        self._similar = [story for story in stories if story.kind == "similar"] + [
            RelatedStory.from_similar(item) for item in similar
        ]
        self._render()

    def clear(self) -> None:
        """No article is open: empty lists with nothing to explain."""
        self._article_shown = False
        self._page, self._copies, self._similar = [], [], []
        self._render()

    def _render(self) -> None:
        # The page's own stories first, then copies, then similar articles:
        # a story already listed is not listed again further on.
        shown: set[StoryKey] = set()
        page = unique_stories(self._page, shown)
        library = unique_stories([*self._copies, *(self._similar or [])], shown)
        self.page_list.show_stories(page)
        self.similar_list.show_stories(library)
        self.page_title.setText(_heading_text(_from_this_page(), len(page)))
        self.similar_title.setText(_heading_text(_similar_in_library(), len(library)))
        if not self._article_shown:
            self.page_list.empty_message = self.similar_list.empty_message = ""
        else:
            self.page_list.empty_message = _no_page_stories()
            self.similar_list.empty_message = (
                QCoreApplication.translate("RelatedPanel", "Looking…")
                if self._similar is None and not library
                else _nothing_similar()
            )
        self.page_list.viewport().update()
        self.similar_list.viewport().update()
        self._update_header()

    def showEvent(self, event: QShowEvent) -> None:
        # Polished now: the header may have its final height only from here.
        self._update_header()
        super().showEvent(event)

    def _update_header(self) -> None:
        total = self.page_model.rowCount() + self.similar_model.rowCount()
        text = (
            QCoreApplication.translate("RelatedPanel", "Related stories ({count})").format(
                count=count(total)
            )
            if total
            else _related_stories()
        )
        self.toggle.setText(f"{text} {'▾' if self._expanded else '▸'}")
        self.toggle.setToolTip(
            QCoreApplication.translate("RelatedPanel", "Hide the related stories")
            if self._expanded
            else QCoreApplication.translate("RelatedPanel", "Show the related stories")
        )
        if not self._expanded:
            self.setMaximumHeight(self.collapsed_height())

    # -- choosing ----------------------------------------------------------------

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
