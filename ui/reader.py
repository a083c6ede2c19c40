"""The reader: one article in a QTextBrowser that never reaches the network.

Pictures come from the library through the private ``image:N`` scheme (the
N-th image of the open article); ``loadResource`` answers nothing else, so a
remote address, a ``file:`` path or a ``data:`` URL in an article loads
nothing. The text sits in a column at most as wide as the typography's line
width (``COLUMN_MAX_WIDTH`` for the default, medium one), centred, and
pictures are scaled to that column; the headline's size follows the column.

A thin bar along the top edge shows how far down the article the reader is,
and a small label how many minutes of it are left.

Highlights are found again in the document's text each time it is laid out
(``core.anchoring.locate``) and painted as extra selections: the document's
text and layout never change, so neither does the reading position.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QMimeData,
    QPoint,
    QSize,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QDesktopServices,
    QFont,
    QGuiApplication,
    QIcon,
    QImage,
    QImageReader,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
    QResizeEvent,
    QShowEvent,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractSlider,
    QApplication,
    QLabel,
    QMenu,
    QTextBrowser,
    QTextEdit,
    QWidget,
)

from core.anchoring import HIGHLIGHT_COLORS, TextQuote, locate, quote_at
from core.imported import Highlight
from core.urls import canonical_url
from storage import Article, RelatedLink
from ui.drops import MOZ_URL_PRIV
from ui.reader_document import (
    ARTICLE_LINK_PREFIX,
    DEFAULT_LINE_WIDTH,
    IMAGE_SCHEME,
    LINE_WIDTHS,
    WORD_BREAK,
    ShownText,
    Typography,
    article_html,
    empty_html,
    image_position,
    typography_css,
)
from ui.themes import ReaderTheme, load_theme, muted_color_between

COLUMN_MAX_WIDTH = LINE_WIDTHS[DEFAULT_LINE_WIDTH]
"""The widest the text column gets at the default (medium) line width."""
SIDE_MIN_MARGIN = 28
TOP_MARGIN = 36
BOTTOM_MARGIN = 64
MAX_PICTURE_HEIGHT = 640
PROGRESS_BAR_HEIGHT = 3
TIME_LEFT_INSET = 8
"""The "N min left" label's distance from the reader's top right corner."""
TIME_LEFT_FONT_SHARE = 0.85
"""The label's size, in the window font's: a quiet note, not part of the article."""

SERIF_FAMILIES = [
    "Noto Serif",
    "Source Serif 4",
    "Charter",
    "Georgia",
    "DejaVu Serif",
    "Liberation Serif",
    "serif",
]
SANS_FAMILIES = [
    "Noto Sans",
    "Inter",
    "Segoe UI",
    "Helvetica Neue",
    "DejaVu Sans",
    "Liberation Sans",
    "sans-serif",
]

ImageFetcher = Callable[[int], tuple[bytes, str | None] | None]
"""Gives the bytes and MIME type of the open article's N-th picture, or None."""

UrlResolver = Callable[[str], int | None]
"""Gives the id of the saved article at a web address, or None."""


class LinkKind(Enum):
    ARTICLE = "article"
    EXTERNAL = "external"
    ANCHOR = "anchor"
    IGNORED = "ignored"


@dataclass(frozen=True)
class PlacedHighlight:
    """A highlight or note of the open article, and where the reader found it."""

    highlight: Highlight
    span: tuple[int, int] | None
    """Its start and end in the shown text (``ShownText.text``); None for a
    note on the article, or a quote no longer in the text."""

    @property
    def found(self) -> bool:
        return self.span is not None

    @property
    def is_note(self) -> bool:
        return self.highlight.kind == "note"


def place_highlights(text: str, highlights: Sequence[Highlight]) -> list[PlacedHighlight]:
    """Each highlight found again in ``text``, in reading order; the ones no
    longer there, then the notes on the article, after them."""
    placed = [
        PlacedHighlight(
            highlight,
            None
            if highlight.kind == "note"
            else locate(text, highlight.quote, highlight.prefix, highlight.suffix, highlight.start),
        )
        for highlight in highlights
    ]
    return sorted(
        placed,
        key=lambda item: (item.is_note, item.span is None, item.span or (0, 0)),
    )


def color_label(name: str) -> str:
    """A highlight colour's name as shown to a person."""
    labels = {
        "yellow": QCoreApplication.translate("ArticleReader", "Yellow"),
        "green": QCoreApplication.translate("ArticleReader", "Green"),
        "blue": QCoreApplication.translate("ArticleReader", "Blue"),
        "pink": QCoreApplication.translate("ArticleReader", "Pink"),
    }
    return labels.get(name, name)


def color_swatch(color: QColor, size: int = 12) -> QIcon:
    """A small square of a highlight's tint, for menus and lists."""
    pixmap = QPixmap(size, size)
    pixmap.fill(color)
    return QIcon(pixmap)


@dataclass(frozen=True)
class LinkTarget:
    kind: LinkKind
    article_id: int | None = None


_EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto"})

MENU_QUOTE_CHARS = 30
"""The selection is quoted in the context menu up to this many characters."""
SEARCH_MAX_CHARS = 200
"""A search for the selection takes at most its first this many characters."""


def classify_link(
    url: QUrl, related: Sequence[RelatedLink], resolve: UrlResolver | None = None
) -> LinkTarget:
    """What clicking ``url`` in an article should do.

    A saved article (our own link, or a web address the library has) opens
    here; other web and mail links go to the system; ``javascript:``,
    ``file:``, ``data:`` and anything else do nothing.
    """
    text = url.toString()
    scheme = url.scheme().lower()
    if text.startswith(ARTICLE_LINK_PREFIX):
        number = text.removeprefix(ARTICLE_LINK_PREFIX)
        return (
            LinkTarget(LinkKind.ARTICLE, int(number))
            if number.isdigit()
            else LinkTarget(LinkKind.IGNORED)
        )
    if not scheme and not url.path() and url.hasFragment():
        return LinkTarget(LinkKind.ANCHOR)
    if scheme not in _EXTERNAL_SCHEMES:
        return LinkTarget(LinkKind.IGNORED)
    canonical = canonical_url(text)
    if canonical is not None:
        for link in related:
            if link.target_id is not None and link.url == canonical:
                return LinkTarget(LinkKind.ARTICLE, link.target_id)
        if resolve is not None:
            found = resolve(canonical)
            if found is not None:
                return LinkTarget(LinkKind.ARTICLE, found)
    return LinkTarget(LinkKind.EXTERNAL)


def reader_font(typography: Typography) -> QFont:
    font = typeface(typography.family)
    font.setPointSizeF(typography.size_pt)
    return font


def typeface(family: str, base: QFont | None = None) -> QFont:
    """``base`` (else the default font) in the reader's serif or sans-serif
    families: ``family`` is "serif" or "sans"."""
    font = QFont(base) if base is not None else QFont()
    font.setFamilies(SERIF_FAMILIES if family == "serif" else SANS_FAMILIES)
    font.setStyleHint(QFont.StyleHint.Serif if family == "serif" else QFont.StyleHint.SansSerif)
    return font


class _ArticlePictures:
    """The open article's pictures, decoded only when the document asks.

    Opening an article reads no picture: the page is laid out from the sizes
    storage keeps (a picture without them has just its header read). A
    picture's bytes are fetched and decoded, straight to the size it is shown
    at, the first time ``loadResource`` asks for it, which Qt does when the
    picture is about to be painted.
    """

    def __init__(self, article: Article | None = None, fetch: ImageFetcher | None = None) -> None:
        self._fetch = fetch
        self._sizes: dict[int, QSize] = {}
        self._fitted: dict[tuple[int, int], QImage] = {}
        self.decoded: list[int] = []
        """Positions decoded so far, in order (tests, and to see it work)."""
        if article is None or fetch is None:
            return
        for image in article.images:
            if not image.has_data:
                continue
            if image.width and image.height:
                self._sizes[image.position] = QSize(image.width, image.height)
                continue
            reader, _buffer = self._open(image.position)
            size = reader.size()
            if size.isValid() and not size.isEmpty():
                self._sizes[image.position] = size

    def _open(self, position: int) -> tuple[QImageReader, QBuffer]:
        """A reader on the picture's bytes, and the buffer it reads (keep both)."""
        found = self._fetch(position) if self._fetch is not None else None
        buffer = QBuffer()
        buffer.setData(QByteArray(found[0] if found is not None else b""))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        reader = QImageReader(buffer)
        return reader, buffer

    def display_sizes(self, column: int) -> dict[int, tuple[int, int]]:
        return {position: _display_size(size, column) for position, size in self._sizes.items()}

    def fitted(self, position: int, column: int, pixel_ratio: float) -> QImage | None:
        size = self._sizes.get(position)
        if size is None:
            return None
        key = (position, column)
        if key not in self._fitted:
            width, height = _display_size(size, column)
            target = QSize(round(width * pixel_ratio), round(height * pixel_ratio))
            reader, _buffer = self._open(position)
            if target.width() < size.width():
                # Decoded straight to the size shown: a large photo never
                # exists at full size in memory.
                reader.setScaledSize(target)
            picture = reader.read()
            self.decoded.append(position)
            if picture.isNull():
                return None
            picture.setDevicePixelRatio(max(1.0, picture.width() / max(1, width)))
            self._fitted[key] = picture
        return self._fitted[key]


def _display_size(size: QSize, column: int) -> tuple[int, int]:
    # Never enlarge a small picture: a blurry icon is worse than a small one.
    # A tall portrait is capped in height, so one picture never fills the screen.
    width, height = max(1, size.width()), max(1, size.height())
    scale = min(1.0, column / width, MAX_PICTURE_HEIGHT / height)
    return max(1, round(width * scale)), max(1, round(height * scale))


class ReadingProgressBar(QWidget):
    """A thin line along the reader's top edge, in the theme's accent colour,
    as long as the share of the article scrolled past."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("reading-progress")
        self.setAccessibleName(QCoreApplication.translate("ArticleReader", "Reading progress"))
        # Drawn over the text: clicks and selections go through to it.
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.fraction = 0.0
        self.color = QColor()

    def set_fraction(self, fraction: float) -> None:
        self.fraction = min(max(fraction, 0.0), 1.0)
        self.setAccessibleDescription(f"{round(self.fraction * 100)}%")
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(0, 0, round(self.width() * self.fraction), self.height(), self.color)


def minutes_left(reading_minutes: int, fraction: float) -> int:
    """Whole minutes left of an article read ``fraction`` of the way down;
    any part of a minute counts as one, and the end as none."""
    # Rounded first: 5 * (1 - 0.8) is 1.0000000000000002, one minute, not two.
    return math.ceil(round(reading_minutes * (1.0 - fraction), 6))


class ArticleReader(QTextBrowser):
    """Shows one article; asks for saved articles to be opened by id."""

    article_requested = Signal(int)
    """A link to a saved article was clicked."""
    highlight_requested = Signal(str)
    """Highlight the selection in this colour (the context menu)."""
    note_requested = Signal(object)
    """Write the note of this highlight (a ``Highlight``), or, given None, of
    what is under the cursor (the context menu)."""
    recolor_requested = Signal(int, str)
    remove_requested = Signal(int)
    highlight_clicked = Signal(int)
    """A click landed on a highlight (its id)."""
    search_requested = Signal(str)
    """Search the library for this text (the selection; the context menu)."""
    clip_requested = Signal(QMimeData)
    """Save this selection as a clip (``selection_clip``: HTML, text and the
    page's address as ``text/x-moz-url-priv``; the context menu)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reader")
        self.setAccessibleName(QCoreApplication.translate("ArticleReader", "Article"))
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        # Drops are for saving, handled by the window; never paste into the page.
        self.setAcceptDrops(False)
        self.viewport().setAcceptDrops(False)
        self.document().setUndoRedoEnabled(False)
        self.document().setDocumentMargin(0)
        self.anchorClicked.connect(self._follow_link)

        self.article: Article | None = None
        self.resolve_url: UrlResolver | None = None
        self._pictures = _ArticlePictures()
        self._theme = load_theme("light")
        self._typography = Typography()
        self._column = COLUMN_MAX_WIDTH
        self._pending_position: float | None = None
        """Where the open article is to be shown, until it is laid out at its real width."""
        self._rendering = False
        """Inside _render: resizes from setHtml wait for its own positioning."""
        self._empty: tuple[str, str] = ("", "")
        self._highlights: list[Highlight] = []
        self._placed: list[PlacedHighlight] = []
        self._shown_text: ShownText | None = None
        """The document's text with its wrap points mapped, built when first
        needed: a very long article is seconds of work to map."""
        self.resource_requests: list[str] = []
        """Every address the document asked for, kept for tests and debugging."""

        # The scroll bar always takes its place: one that came and went with
        # the article's length would change the text column's width after
        # every opening of a long article, and lay it out a second time.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        # Re-laying out pictures is cheap but not free: wait until a resize settles.
        self._refit_timer = QTimer(self)
        self._refit_timer.setSingleShot(True)
        self._refit_timer.setInterval(120)
        self._refit_timer.timeout.connect(self._rerender)

        self.progress_bar = ReadingProgressBar(self)
        self.time_left = QLabel(self)
        self.time_left.setObjectName("reading-time-left")
        self.time_left.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.progress_bar.hide()
        self.time_left.hide()
        scroll_bar = self.verticalScrollBar()
        scroll_bar.valueChanged.connect(self._show_progress)
        scroll_bar.rangeChanged.connect(self._show_progress)
        self._apply_look()

    # ------------------------------------------------------------------
    # What is shown
    # ------------------------------------------------------------------

    def show_article(
        self, article: Article, fetch_image: ImageFetcher, position: float = 0.0
    ) -> None:
        if self.article is None or self.article.id != article.id:
            # Another article: its highlights are read anew (show_highlights).
            self._highlights = []
        self.article = article
        self._pictures = _ArticlePictures(article, fetch_image)
        self._render(position)

    def show_empty(self, title: str, message: str) -> None:
        self.article = None
        self._highlights = []
        self._pictures = _ArticlePictures()
        self._empty = (title, message)
        self._render(0.0)

    def _render(self, position: float) -> None:
        # setHtml can show or hide the scroll bar, which resizes the viewport:
        # resizeEvent must not lay the whole document out for a reading
        # position here (seconds for a very long article); this method sets it
        # once, at the end.
        self._rendering = True
        try:
            self._render_document(position)
        finally:
            self._rendering = False

    def _render_document(self, position: float) -> None:
        self._column = self._column_width()
        document = self.document()
        # clear() also drops resources cached for the previous article.
        document.clear()
        document.setDefaultStyleSheet(
            self._theme.stylesheet + typography_css(self._typography, self._column)
        )
        document.setDefaultFont(reader_font(self._typography))
        if self.article is None:
            self.setHtml(empty_html(*self._empty))
        else:
            sizes = self._pictures.display_sizes(self._column)
            self.setHtml(article_html(self.article, sizes, self._column))
        self._apply_margins()
        self._paint_highlights()
        self.set_reading_position(position)
        self._show_progress()

    def _rerender(self) -> None:
        if self._column_width() != self._column:
            self._render(self.reading_position())
        elif self._pending_position is not None:
            self.set_reading_position(self._pending_position)

    # ------------------------------------------------------------------
    # Look: theme, font, text column
    # ------------------------------------------------------------------

    @property
    def theme(self) -> ReaderTheme:
        return self._theme

    @property
    def typography(self) -> Typography:
        return self._typography

    def set_theme(self, theme: ReaderTheme) -> None:
        self._theme = theme
        self._apply_look()
        self._render(self.reading_position())

    def set_typography(self, typography: Typography) -> None:
        self._typography = typography
        self._apply_look()
        self._render(self.reading_position())

    def _apply_look(self) -> None:
        palette = self.palette()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, QPalette.ColorRole.Base, self._theme.background)
            palette.setColor(group, QPalette.ColorRole.Text, self._theme.text)
        self.setPalette(palette)
        self.setFont(reader_font(self._typography))
        self.progress_bar.color = self._theme.accent
        label_font = QFont(QApplication.font())
        label_font.setPointSizeF(label_font.pointSizeF() * TIME_LEFT_FONT_SHARE)
        self.time_left.setFont(label_font)
        text, background = self._theme.text, self._theme.background
        self.time_left.setStyleSheet(
            f"color: {muted_color_between(text, background).name()};"
            f" background-color: rgba({background.red()}, {background.green()},"
            f" {background.blue()}, 220); border-radius: 4px; padding: 1px 6px;"
        )
        self.progress_bar.update()

    def _side_margin(self) -> int:
        available = self.viewport().width()
        return max(SIDE_MIN_MARGIN, (available - self._typography.column_max_width) // 2)

    def _column_width(self) -> int:
        return max(120, self.viewport().width() - 2 * self._side_margin())

    def _apply_margins(self) -> None:
        root = self.document().rootFrame()
        frame = root.frameFormat()
        side = self._side_margin()
        if (frame.leftMargin(), frame.rightMargin(), frame.topMargin()) == (side, side, TOP_MARGIN):
            return
        frame.setLeftMargin(side)
        frame.setRightMargin(side)
        frame.setTopMargin(TOP_MARGIN)
        frame.setBottomMargin(BOTTOM_MARGIN)
        root.setFrameFormat(frame)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Read before the document re-wraps: the new width changes the scroll
        # range, and the clamped scroll bar would no longer say where the reader was.
        position = self.reading_position()
        super().resizeEvent(event)
        self._apply_margins()
        self._place_progress()
        if self._column_width() != self._column:
            self._pending_position = position
            self._refit_timer.start()
        elif self.article is not None and not self._rendering:
            # Same column, new height: the same place is another scroll value.
            self.set_reading_position(position)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # A page opened while hidden was laid out at a guessed size: place it
        # again once the real size is known.
        if self._pending_position is not None:
            self._refit_timer.start()

    @property
    def column_width(self) -> int:
        return self._column

    # ------------------------------------------------------------------
    # Reading progress: the bar and the minutes left
    # ------------------------------------------------------------------

    def _show_progress(self) -> None:
        bar = self.verticalScrollBar()
        # An article that fits on the screen has nothing to track.
        tracked = self.article is not None and bar.maximum() > 0
        self.progress_bar.setVisible(tracked)
        if self.article is None or not tracked:
            self.time_left.hide()
            return
        fraction = bar.value() / bar.maximum()
        self.progress_bar.set_fraction(fraction)
        left = minutes_left(self.article.reading_minutes, fraction)
        self.time_left.setVisible(left > 0)
        if left > 0:
            self.time_left.setText(
                QCoreApplication.translate("ArticleReader", "%n min left", "", left)
            )
            self._place_progress()

    def _place_progress(self) -> None:
        area = self.viewport().geometry()
        self.progress_bar.setGeometry(area.left(), area.top(), area.width(), PROGRESS_BAR_HEIGHT)
        self.time_left.adjustSize()
        self.time_left.move(
            area.right() - self.time_left.width() - TIME_LEFT_INSET,
            area.top() + PROGRESS_BAR_HEIGHT + TIME_LEFT_INSET,
        )
        self.progress_bar.raise_()
        self.time_left.raise_()

    def settled(self) -> bool:
        """No re-layout is waiting (a resize just happened otherwise)."""
        return not self._refit_timer.isActive() and self._column_width() == self._column

    # ------------------------------------------------------------------
    # Highlights
    # ------------------------------------------------------------------

    def show_highlights(self, highlights: Sequence[Highlight]) -> None:
        """Paint the open article's highlights (read from the library)."""
        self._highlights = list(highlights)
        self._paint_highlights()

    @property
    def placed_highlights(self) -> list[PlacedHighlight]:
        """The open article's highlights and notes as the reader placed them."""
        return list(self._placed)

    @property
    def shown_text(self) -> str:
        """The document's text, in which highlights are anchored."""
        return self._shown().text

    def _shown(self) -> ShownText:
        if self._shown_text is None:
            self._shown_text = ShownText(self.document().toPlainText())
        return self._shown_text

    def _paint_highlights(self) -> None:
        # The document was laid out anew: its text is mapped again when needed.
        self._shown_text = None
        if not self._highlights:
            self._placed = []
            self.setExtraSelections([])
            return
        self._placed = place_highlights(self._shown().text, self._highlights)
        selections: list[QTextEdit.ExtraSelection] = []
        for item in self._placed:
            if item.span is None:
                continue
            selection = QTextEdit.ExtraSelection()
            selection.cursor = self._cursor_over(item.span)
            paint = QTextCharFormat()
            paint.setBackground(self._theme.highlight_color(item.highlight.color))
            selection.format = paint
            selections.append(selection)
        self.setExtraSelections(selections)

    def _cursor_over(self, span: tuple[int, int]) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._shown().to_document(span[0]))
        cursor.setPosition(
            self._shown().to_document(span[1], end=True), QTextCursor.MoveMode.KeepAnchor
        )
        return cursor

    def highlight_format_at(self, offset: int) -> QTextCharFormat | None:
        """The paint over the character at ``offset`` of the shown text, if a
        highlight covers it (tests, and to see it work)."""
        position = self._shown().to_document(offset)
        for selection in self.extraSelections():
            cursor: QTextCursor = selection.cursor
            if cursor.selectionStart() <= position < cursor.selectionEnd():
                # A copy: the selection (and its format) is a temporary.
                return QTextCharFormat(selection.format)
        return None

    def selected_quote(self) -> TextQuote | None:
        """The selection as a quote of the shown text (its white space at
        either end left out), or None with nothing selected."""
        cursor = self.textCursor()
        if self.article is None or not cursor.hasSelection():
            return None
        text = self._shown().text
        start = self._shown().from_document(cursor.selectionStart())
        end = self._shown().from_document(cursor.selectionEnd())
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return quote_at(text, start, end) if end > start else None

    def clear_selection(self) -> None:
        """Drop the selection (a new highlight shows in its own colour)."""
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)

    def highlight_at(self, start: int, end: int | None = None) -> Highlight | None:
        """The highlight covering the offset ``start`` of the shown text, or,
        with ``end``, the first one overlapping ``start..end``."""
        for item in self._placed:
            if item.span is None:
                continue
            first, last = item.span
            if (first <= start < last) if end is None else (first < end and start < last):
                return item.highlight
        return None

    def highlight_under_cursor(self) -> Highlight | None:
        """The highlight the selection touches, or the one the text cursor is in."""
        cursor = self.textCursor()
        start = self._shown().from_document(cursor.selectionStart())
        if cursor.hasSelection():
            return self.highlight_at(start, self._shown().from_document(cursor.selectionEnd()))
        return self.highlight_at(start)

    def _highlight_at_point(self, point: QPoint) -> Highlight | None:
        position = self.cursorForPosition(point).position()
        return self.highlight_at(self._shown().from_document(position))

    def scroll_to_highlight(self, highlight_id: int) -> bool:
        """Bring a highlight into view, a third of the way down; False when
        it is not in the text."""
        for item in self._placed:
            if item.highlight.id == highlight_id and item.span is not None:
                cursor = QTextCursor(self.document())
                cursor.setPosition(self._shown().to_document(item.span[0]))
                self.document().documentLayout().documentSize()
                top = self.cursorRect(cursor).top()
                bar = self.verticalScrollBar()
                bar.setValue(bar.value() + top - self.viewport().height() // 3)
                return True
        return False

    def selected_text(self) -> str:
        """The selection's text as the article has it (without the reader's
        wrap points), white space collapsed; "" with nothing selected."""
        return " ".join(self.createMimeDataFromSelection().text().split())

    def selection_clip(self) -> QMimeData:
        """The selection as a browser would drop it: HTML, text, and the
        address of the page it was taken from (Firefox's
        ``text/x-moz-url-priv``), so the window saves it as a clip of that page."""
        mime = self.createMimeDataFromSelection()
        page = (self.article.page_url or self.article.url) if self.article is not None else None
        if page:
            mime.setData(MOZ_URL_PRIV, QByteArray(page.encode("utf-16-le")))
        return mime

    def _link_at_point(self, point: QPoint) -> str | None:
        """The web or mail address of the link under ``point``, if any."""
        href = self.anchorAt(point)
        url = QUrl(href)
        return href if href and url.scheme().lower() in _EXTERNAL_SCHEMES else None

    @staticmethod
    def _show_shortcut(action: QAction, key: QKeySequence.StandardKey) -> None:
        # Shown in the menu, working only while it is open: the reader's own
        # keys (and the window's) stay the ones that act.
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.setShortcutVisibleInContextMenu(True)

    def context_menu(self, point: QPoint) -> QMenu:
        """The reader's menu at ``point``: copying (the selection, the link
        under the pointer), searching the library for the selection, saving it
        as a clip, highlighting it, and the note, colour and removal of a
        highlight under the pointer."""
        menu = QMenu(self)
        menu.setObjectName("reader-menu")
        selected = self.selected_text()
        if selected:
            copy = menu.addAction(QCoreApplication.translate("ArticleReader", "&Copy"), self.copy)
            self._show_shortcut(copy, QKeySequence.StandardKey.Copy)
        link = self._link_at_point(point)
        if link is not None:
            menu.addAction(
                QCoreApplication.translate("ArticleReader", "Copy &Link"),
                lambda: QGuiApplication.clipboard().setText(link),
            )
        select_all = menu.addAction(
            QCoreApplication.translate("ArticleReader", "Select &All"), self.selectAll
        )
        self._show_shortcut(select_all, QKeySequence.StandardKey.SelectAll)
        if self.article is None:
            return menu
        if selected:
            menu.addSeparator()
            quoted = (
                selected
                if len(selected) <= MENU_QUOTE_CHARS
                else (selected[:MENU_QUOTE_CHARS].rstrip() + "…")
            )
            menu.addAction(
                QCoreApplication.translate("ArticleReader", "&Search Library for “%1”").replace(
                    "%1", quoted.replace("&", "&&")
                ),
                lambda: self.search_requested.emit(selected[:SEARCH_MAX_CHARS]),
            )
            menu.addAction(
                QCoreApplication.translate("ArticleReader", "Save Selection as C&lip"),
                lambda: self.clip_requested.emit(self.selection_clip()),
            )
        menu.addSeparator()
        if self.selected_quote() is not None:
            colors = menu.addMenu(QCoreApplication.translate("ArticleReader", "&Highlight"))
            for name in HIGHLIGHT_COLORS:
                action = colors.addAction(
                    color_swatch(self._theme.highlight_color(name)), color_label(name)
                )
                action.triggered.connect(
                    lambda _checked=False, name=name: self.highlight_requested.emit(name)
                )
        highlight = self._highlight_at_point(point)
        if highlight is None:
            menu.addAction(
                QCoreApplication.translate("ArticleReader", "Add &Note…"),
                lambda: self.note_requested.emit(None),
            )
            return menu
        note_label = (
            QCoreApplication.translate("ArticleReader", "Edit &Note…")
            if highlight.note
            else QCoreApplication.translate("ArticleReader", "Add &Note…")
        )
        menu.addAction(note_label, lambda: self.note_requested.emit(highlight))
        recolor = menu.addMenu(QCoreApplication.translate("ArticleReader", "&Colour"))
        for name in HIGHLIGHT_COLORS:
            action = recolor.addAction(
                color_swatch(self._theme.highlight_color(name)), color_label(name)
            )
            action.setCheckable(True)
            action.setChecked((highlight.color or HIGHLIGHT_COLORS[0]) == name)
            action.triggered.connect(
                lambda _checked=False, name=name: self.recolor_requested.emit(highlight.id, name)
            )
        menu.addAction(
            QCoreApplication.translate("ArticleReader", "&Remove Highlight"),
            lambda: self.remove_requested.emit(highlight.id),
        )
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu(event.pos())
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        highlight = self._highlight_at_point(event.position().toPoint())
        if highlight is not None:
            self.highlight_clicked.emit(highlight.id)

    # ------------------------------------------------------------------
    # Resources: pictures from the library, nothing else
    # ------------------------------------------------------------------

    def loadResource(self, resource_type: int, name: QUrl | str) -> Any:
        name = QUrl(name)
        self.resource_requests.append(name.toString())
        if resource_type != QTextDocument.ResourceType.ImageResource.value:
            return None
        if name.scheme().lower() != IMAGE_SCHEME:
            return None
        position = image_position(name.toString())
        if position is None:
            return None
        return self._pictures.fitted(position, self._column, self.devicePixelRatioF())

    @property
    def decoded_pictures(self) -> list[int]:
        """The open article's pictures decoded so far (by position), in order."""
        return list(self._pictures.decoded)

    def displayed_picture(self, position: int) -> QImage | None:
        """The picture the document holds for ``image:N``, as laid out."""
        value = self.document().resource(
            QTextDocument.ResourceType.ImageResource.value, QUrl(f"{IMAGE_SCHEME}:{position}")
        )
        return value if isinstance(value, QImage) else None

    def createMimeDataFromSelection(self) -> QMimeData:
        # The wrap points added to overlong words are the reader's, not the
        # article's: a copied address must paste as it was saved.
        selection = self.textCursor().selection()
        mime = QMimeData()
        mime.setText(selection.toPlainText().replace(WORD_BREAK, ""))
        mime.setHtml(selection.toHtml().replace(WORD_BREAK, ""))
        return mime

    # ------------------------------------------------------------------
    # Links
    # ------------------------------------------------------------------

    def _follow_link(self, url: QUrl) -> None:
        related = self.article.related if self.article is not None else ()
        target = classify_link(url, related, self.resolve_url)
        if target.kind is LinkKind.ARTICLE and target.article_id is not None:
            self.article_requested.emit(target.article_id)
        elif target.kind is LinkKind.EXTERNAL:
            QDesktopServices.openUrl(url)
        elif target.kind is LinkKind.ANCHOR:
            self.scrollToAnchor(url.fragment())

    # ------------------------------------------------------------------
    # Reading position and paging
    # ------------------------------------------------------------------

    def reading_position(self) -> float:
        """How far down the open article the reader is, from 0 to 1.

        Until the article is laid out at the width it is shown at, this is
        the position it was opened at, never what a half-laid-out scroll bar
        says (that would write the top of the page over a saved place).
        """
        if self._pending_position is not None:
            return self._pending_position
        bar = self.verticalScrollBar()
        return 0.0 if bar.maximum() <= 0 else bar.value() / bar.maximum()

    def set_reading_position(self, fraction: float) -> None:
        fraction = min(max(fraction, 0.0), 1.0)
        bar = self.verticalScrollBar()
        if fraction > 0:
            # Lay the whole document out first, or the scroll range is still
            # short; and set the range from it here, as QTextEdit will: it
            # hears of the new size only from a timer. The top needs none of
            # this: Qt lays the rest out in steps between events (seconds
            # saved on opening a very long article for the first time).
            height = self.document().documentLayout().documentSize().toSize().height()
            bar.setRange(0, max(0, height - self.viewport().height()))
        bar.setValue(round(fraction * bar.maximum()))
        laid_out = self.isVisible() and self.settled()
        self._pending_position = None if laid_out else fraction

    def page_down(self) -> None:
        self.verticalScrollBar().triggerAction(QAbstractSlider.SliderAction.SliderPageStepAdd)

    def page_up(self) -> None:
        self.verticalScrollBar().triggerAction(QAbstractSlider.SliderAction.SliderPageStepSub)
