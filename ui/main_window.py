"""The main window: sidebar, article list and reader, wired together.

Reading (lists, the open article) and changes to one article use the
window's own Library on the GUI thread: each is one indexed query. Everything
that may take time runs in ``TaskRunner`` tasks with their own Library: the
interactive pool for what the person waits to see (search, similar articles,
changes to many articles, tag renames), the background pool for saving,
feeds, imports and the daily backup. Pictures are decoded by the reader when
it paints them.

The command line may change the library while the window is open: a
``LibraryWatcher`` notices other connections' commits and the window
re-reads what it shows, keeping the selection, the scroll position and the
open article (or saying that it went).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QMimeData,
    QPoint,
    QRect,
    QSize,
    Qt,
    QTimer,
    QUrl,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core.logs import log_dir
from core.models import RelatedItem
from services.save import Capturers
from storage import Article, ArticleNotFoundError, Library, LibraryError, SimilarArticle
from ui.actions import WindowActions
from ui.article_commands import ArticleCommands
from ui.article_list import ArticleListView
from ui.article_model import ArticleListModel
from ui.collaborators import Feedback
from ui.drop_overlay import DropOverlay
from ui.drops import DropContent, read_mime
from ui.feed_commands import FeedCommands
from ui.highlight_commands import HighlightCommands
from ui.highlights_pane import HighlightRow, HighlightsPane
from ui.highlights_view import HighlightsView, RecentHighlightsModel
from ui.i18n import language_menu
from ui.import_queue import ImportQueue
from ui.library_errors import reported
from ui.library_watch import LibraryWatcher
from ui.notices import NoticeArea
from ui.prompt_bar import PromptBar
from ui.reader import ArticleReader, typeface
from ui.reader_document import Typography
from ui.related_model import RelatedStory
from ui.related_panel import RelatedPanel
from ui.save_commands import SaveCommands
from ui.search import SearchController
from ui.settings import WindowSettings
from ui.shortcut_sheet import ShortcutSheet, shortcut_groups
from ui.sidebar import SidebarView
from ui.sidebar_model import HIGHLIGHTS_VIEW, Section, SidebarEntry, SidebarModel, entry_kind
from ui.tag_commands import TagCommands
from ui.themes import apply_window_palette, load_theme, theme_swatch
from ui.workers import Pool, TaskRunner, describe_failure

APP_TITLE = "Readshelf"
"""The product's name, never translated."""
TYPE_SAMPLE = "Aa"
"""What the reader's typeface buttons show, each in its own face: the same in every language."""
DEFAULT_SIZE = QSize(1400, 900)
SCREEN_SHARE = 0.9
"""The first window (no saved geometry) takes at most this much of the screen."""
SIDEBAR_WIDTH = 220
LIST_WIDTH = 420
SIDEBAR_SHARE = 0.16
LIST_SHARE = 0.3
"""A first layout narrower than the default gives sidebar and list these
shares of the width, so the reader keeps the rest (553 px at 1024)."""
SIDEBAR_MIN_WIDTH = 120
LIST_MIN_WIDTH = 200
RELATED_HEIGHT = 230
HIGHLIGHTS_PANE_WIDTH = 270
POSITION_SAVE_DELAY_MS = 1_500
SIMILAR_LIMIT = 8
STARTUP_NOTICE_MS = 20_000
STATUS_MESSAGE_MS = 5_000

EMPTY_LIBRARY = (
    str(QT_TRANSLATE_NOOP("MainWindow", "Your library is empty")),
    str(
        QT_TRANSLATE_NOOP(
            "MainWindow",
            "Drop a link, a web page or a text file anywhere in this window to save it, "
            "or press Ctrl+L to save from an address and Ctrl+O to import files.",
        )
    ),
)
NOTHING_OPEN = (
    str(QT_TRANSLATE_NOOP("MainWindow", "Nothing open")),
    str(QT_TRANSLATE_NOOP("MainWindow", "Choose an article from the list.")),
)


def activity_text(labels: Sequence[str], feeds: str) -> str:
    """The status bar's account of background work: ``Refreshing feeds 3/12 ·
    Saving 2 items…``. Saves are counted together (their labels start with
    "Saving", as ``ui.saver`` writes it); other work is named."""
    prefix = QCoreApplication.translate("ArticleSaver", "Saving {what}").format(what="")
    saving = [label for label in labels if label.startswith(prefix)]
    parts = [part for part in (feeds, *labels) if part and part not in saving]
    if len(saving) == 1:
        parts.append(saving[0])
    elif saving:
        parts.append(QCoreApplication.translate("MainWindow", "Saving %n items", "", len(saving)))
    return " · ".join(parts) + "…" if parts else ""


def shown_differently(old: Article, new: Article) -> bool:
    """Whether the reader would show ``new`` differently from ``old``: its
    read state, favourite mark and reading position are not on the page."""
    return (
        replace(
            new,
            status=old.status,
            favorite=old.favorite,
            reading_position=old.reading_position,
            updated=old.updated,
        )
        != old
    )


def first_window_geometry(available: QRect) -> QRect:
    """Where the first window goes (nothing saved): the default size, or at
    most ``SCREEN_SHARE`` of the available screen, centred on it."""
    width = min(DEFAULT_SIZE.width(), int(available.width() * SCREEN_SHARE))
    height = min(DEFAULT_SIZE.height(), int(available.height() * SCREEN_SHARE))
    frame = QRect(0, 0, width, height)
    frame.moveCenter(available.center())
    return frame


def reachable_by_tab(toolbar: QToolBar) -> None:
    """Every button of ``toolbar`` takes the focus from Tab and has a name a
    screen reader can say (Qt's toolbar buttons take no focus)."""
    for entry in toolbar.actions():
        button = toolbar.widgetForAction(entry)
        if not isinstance(button, QToolButton):
            continue  # a separator, the spacer, the search field
        action = button.defaultAction()
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        if not button.accessibleName():
            button.setAccessibleName(action.text().replace("&", ""))


@dataclass(frozen=True)
class FocusModeReturn:
    """What leaving focus mode puts back."""

    state: Qt.WindowState
    shown: list[QWidget]


class MainWindow(QMainWindow):
    def __init__(
        self,
        library: Library,
        settings: WindowSettings,
        *,
        capturers: Capturers | None = None,
        theme: str | None = None,
        writes_enabled: bool = True,
    ) -> None:
        super().__init__()
        self.library = library
        self.settings = settings
        self.writes_enabled = writes_enabled
        """False in screenshot mode: show the library exactly as it is."""
        self.current_article: Article | None = None
        self._similar_for: int | None = None
        self._saved_position: tuple[int, float] | None = None
        self._finished = False
        self._splitters_restored = False
        self._before_focus_mode: FocusModeReturn | None = None
        self.shortcut_sheet: ShortcutSheet | None = None
        self.row_menu: QMenu | None = None
        """The article rows' context menu last shown (kept for tests)."""

        self.setWindowTitle(APP_TITLE)
        self.setObjectName("main-window")
        self.setAcceptDrops(True)

        self.runner = TaskRunner(library.path, self)
        self.watcher = LibraryWatcher(library, parent=self)
        self.commands = WindowActions(self)

        self._build_widgets()
        self._build_commands(capturers)
        self._build_layout()
        self.commands.build_menus(self.menuBar())
        self.commands.view_menu.addSeparator()
        self.commands.view_menu.addMenu(language_menu(self, settings.qsettings, self.notify))
        self.commands.attach_shortcuts(self, [self.article_list, self.reader], self.article_list)
        self._connect()

        self._position_timer = QTimer(self)
        self._position_timer.setSingleShot(True)
        self._position_timer.setInterval(POSITION_SAVE_DELAY_MS)
        self._position_timer.timeout.connect(self._store_reading_position)
        self.reader.verticalScrollBar().valueChanged.connect(self._reader_scrolled)

        self._apply_preferences(theme)
        self._restore_state()
        self.update_actions()
        self.update_status()
        if writes_enabled:
            self._start_background_work()

    # ------------------------------------------------------------------
    # Construction
    # ------------------------------------------------------------------

    def _build_widgets(self) -> None:
        # Its re-reads run in the interactive pool: counts over the whole
        # library, after every change, would otherwise hold the window.
        self.sidebar_model = SidebarModel(self.library, self, runner=self.runner)
        self.sidebar = SidebarView(self.sidebar_model)
        self.list_model = ArticleListModel(self.library, self)
        self.article_list = ArticleListView(self.list_model)
        self.reader = ArticleReader()
        # A link in the text to any saved article opens it here.
        self.reader.resolve_url = self.library.find_article_id
        self.related_panel = RelatedPanel()
        self.highlights_pane = HighlightsPane()
        self.recent_highlights = RecentHighlightsModel(self.runner, self)
        self.highlights_view = HighlightsView(self.recent_highlights)
        # The Highlights view stands in the article list's place.
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.article_list)
        self.list_stack.addWidget(self.highlights_view)
        self._pane_asked = False
        """The pane was turned on for the open article, which has no highlights yet."""
        self.prompt = PromptBar()
        # Over the reader's bottom, in no layout: a notice never moves a pane.
        self.notices = NoticeArea(self.reader)
        self.overlay = DropOverlay(self.article_list)

        self.search_field = QLineEdit()
        self.search_field.setObjectName("search")
        self.search_field.setPlaceholderText(self.tr("Search your library"))
        self.search_field.setAccessibleName(self.tr("Search"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setMinimumWidth(260)
        self.search_field.setMaximumWidth(380)
        self.search = SearchController(
            self.search_field, self.list_model, self.runner, lambda: self.list_model.where, self
        )

        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("Article count"))
        self.activity_label = QLabel()
        self.activity_label.setAccessibleName(self.tr("Background work"))
        self.activity_bar = QProgressBar()
        self.activity_bar.setRange(0, 0)
        self.activity_bar.setMaximumWidth(120)
        self.activity_bar.setMaximumHeight(14)
        self.activity_bar.setTextVisible(False)
        self.activity_bar.setAccessibleName(self.tr("Background work in progress"))
        self.activity_bar.hide()
        self.statusBar().addWidget(self.count_label, 1)
        self.statusBar().addPermanentWidget(self.activity_label)
        self.statusBar().addPermanentWidget(self.activity_bar)

    def _build_commands(self, capturers: Capturers | None) -> None:
        """The command classes, each given only what it works with."""
        self.feedback = Feedback(self.notices, self.statusBar())
        self.article_commands = ArticleCommands(
            self.library,
            self.runner,
            article_list=self.article_list,
            list_model=self.list_model,
            sidebar_model=self.sidebar_model,
            prompt=self.prompt,
            feedback=self.feedback,
            reader=self,
            views=self,
            parent=self,
        )
        self.tag_commands = TagCommands(
            self.runner,
            sidebar=self.sidebar,
            sidebar_model=self.sidebar_model,
            articles=self.article_commands,
            prompt=self.prompt,
            feedback=self.feedback,
            list_model=self.list_model,
            watcher=self.watcher,
            reader=self,
            views=self,
            parent=self,
        )
        self.feed_commands = FeedCommands(
            self.library,
            self.runner,
            refresh_minutes=self.settings.feed_refresh_minutes,
            sidebar=self.sidebar,
            sidebar_model=self.sidebar_model,
            prompt=self.prompt,
            feedback=self.feedback,
            views=self,
            dialog_parent=self,
            parent=self,
        )
        self.imports = ImportQueue(self.runner, self.feedback, self)
        self.saving = SaveCommands(
            self.runner,
            capturers,
            feeds=self.feed_commands,
            imports=self.imports,
            list_model=self.list_model,
            sidebar_model=self.sidebar_model,
            prompt=self.prompt,
            feedback=self.feedback,
            reader=self,
            views=self,
            dialog_parent=self,
            parent=self,
        )
        self.saver = self.saving.saver
        self.highlight_commands = HighlightCommands(
            self.runner,
            reader=self.reader,
            pane=self.highlights_pane,
            sidebar=self.sidebar,
            prompt=self.prompt,
            feedback=self.feedback,
            watcher=self.watcher,
            parent=self,
        )

    def _reader_toolbar(self) -> QWidget:
        bar = QToolBar(self.tr("Reader"))
        bar.setObjectName("reader-toolbar")
        bar.setAccessibleName(self.tr("Reader controls"))
        bar.setIconSize(QSize(16, 16))
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action, text in ((self.commands.smaller_font, "A−"), (self.commands.larger_font, "A+")):
            button = QToolButton(bar)
            button.setDefaultAction(action)
            button.setText(text)
            # Read aloud as the command, not as "A minus".
            button.setAccessibleName(action.text().replace("&", ""))
            bar.addWidget(button)
        bar.addSeparator()
        # Type and theme buttons show what they choose, not its name: "Aa" in
        # each typeface, a swatch of each page colour. The names stay in the
        # tooltips, the accessible names and the View menu (which shows the
        # same faces and swatches), and the toolbar keeps room for Related
        # Stories at 1024 px. Set on the actions: a button takes its text,
        # icon and font from its action again whenever the action changes.
        for action, family in ((self.commands.serif, "serif"), (self.commands.sans, "sans")):
            action.setIconText(TYPE_SAMPLE)
            action.setFont(typeface(family, action.font()))
            self._add_named_button(bar, action)
        bar.addSeparator()
        swatch_size = bar.iconSize().height()
        for name, action in self.commands.themes.items():
            action.setIcon(theme_swatch(name, swatch_size, self.devicePixelRatioF()))
            self._add_named_button(bar, action).setToolButtonStyle(
                Qt.ToolButtonStyle.ToolButtonIconOnly
            )
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        bar.addAction(self.commands.highlights_pane)
        bar.addAction(self.commands.related)
        reachable_by_tab(bar)
        self.reader_toolbar = bar
        return bar

    @staticmethod
    def _add_named_button(bar: QToolBar, action: QAction) -> QToolButton:
        """A toolbar button for ``action``, read aloud by the action's name."""
        button = QToolButton(bar)
        button.setDefaultAction(action)
        button.setAccessibleName(action.text().replace("&", ""))
        bar.addWidget(button)
        return button

    def _build_layout(self) -> None:
        toolbar = QToolBar(self.tr("Main"))
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addAction(self.commands.save_address)
        toolbar.addAction(self.commands.import_files)
        toolbar.addAction(self.commands.subscribe)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        toolbar.addWidget(self.search_field)
        reachable_by_tab(toolbar)
        self.addToolBar(toolbar)
        self.toolbar = toolbar

        reader_box = QWidget()
        reader_layout = QVBoxLayout(reader_box)
        reader_layout.setContentsMargins(0, 0, 0, 0)
        reader_layout.setSpacing(0)
        reader_layout.addWidget(self._reader_toolbar())
        self.highlights_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.highlights_splitter.setObjectName("highlights-splitter")
        self.highlights_splitter.addWidget(self.reader)
        self.highlights_splitter.addWidget(self.highlights_pane)
        self.highlights_splitter.setStretchFactor(0, 1)
        self.highlights_splitter.setCollapsible(0, False)
        self.highlights_splitter.setHandleWidth(1)
        self.highlights_pane.hide()
        reader_layout.addWidget(self.highlights_splitter, 1)

        self.reader_splitter = QSplitter(Qt.Orientation.Vertical)
        self.reader_splitter.setObjectName("reader-splitter")
        self.reader_splitter.addWidget(reader_box)
        self.reader_splitter.addWidget(self.related_panel)
        self.reader_splitter.setStretchFactor(0, 1)
        self.reader_splitter.setCollapsible(0, False)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main-splitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.list_stack)
        self.splitter.addWidget(self.reader_splitter)
        # All three give way as the window narrows, the reader least.
        for pane, stretch in enumerate((1, 2, 4)):
            self.splitter.setStretchFactor(pane, stretch)
        self.sidebar.setMinimumWidth(SIDEBAR_MIN_WIDTH)
        self.list_stack.setMinimumWidth(LIST_MIN_WIDTH)
        self.splitter.setCollapsible(2, False)
        self.splitter.setHandleWidth(1)
        self.reader_splitter.setHandleWidth(1)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.prompt)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

    def _connect(self) -> None:
        actions = self.commands
        articles = self.article_commands
        tags = self.tag_commands
        feeds = self.feed_commands
        self.sidebar_model.read_failed.connect(
            lambda reason: self.notify_error(
                self.tr("Could not read the library: {reason}").format(reason=reason)
            )
        )
        actions.save_address.triggered.connect(self.saving.ask_for_address)
        actions.import_files.triggered.connect(self.saving.import_files)
        actions.subscribe.triggered.connect(lambda: feeds.ask_subscribe())
        actions.quit.triggered.connect(self.close)
        actions.undo.triggered.connect(self.article_commands.undo_delete)
        actions.paste.triggered.connect(self.saving.paste)
        actions.find.triggered.connect(self.focus_search)
        actions.rename_tag.triggered.connect(lambda: tags.with_current_tag(tags.ask_rename))
        actions.merge_tag.triggered.connect(lambda: tags.with_current_tag(tags.ask_merge))
        actions.delete_tag.triggered.connect(lambda: tags.with_current_tag(tags.ask_delete))
        for key, action in actions.views.items():
            action.triggered.connect(lambda _checked=False, key=key: self.show_view(key))
        actions.next_article.triggered.connect(lambda: self.article_list.step(1))
        actions.previous_article.triggered.connect(lambda: self.article_list.step(-1))
        actions.page_down.triggered.connect(self.page_down_or_next_unread)
        actions.page_up.triggered.connect(self.reader.page_up)
        actions.larger_font.triggered.connect(lambda: self.change_font_size(1))
        actions.smaller_font.triggered.connect(lambda: self.change_font_size(-1))
        actions.serif.triggered.connect(lambda: self.set_font_family("serif"))
        actions.sans.triggered.connect(lambda: self.set_font_family("sans"))
        for name, action in actions.themes.items():
            action.triggered.connect(lambda _checked=False, name=name: self.set_theme(name))
        actions.related.toggled.connect(self.set_related_visible)
        actions.refresh.triggered.connect(self.refresh)
        actions.toggle_read.triggered.connect(articles.toggle_read)
        actions.toggle_favorite.triggered.connect(articles.toggle_favorite)
        actions.archive.triggered.connect(articles.toggle_archive)
        actions.add_tag.triggered.connect(articles.ask_add_tag)
        actions.open_original.triggered.connect(articles.open_original)
        actions.mark_all_read.triggered.connect(articles.mark_all_read)
        articles.retry_requested.connect(self.saver.retry)
        for key, action in actions.line_widths.items():
            action.triggered.connect(lambda _checked=False, key=key: self.set_line_width(key))
        for key, action in actions.line_spacings.items():
            action.triggered.connect(lambda _checked=False, key=key: self.set_line_spacing(key))
        actions.focus_mode.toggled.connect(self.set_focus_mode)
        actions.leave_focus_mode.triggered.connect(lambda: actions.focus_mode.setChecked(False))
        actions.keyboard_shortcuts.triggered.connect(self.show_shortcut_sheet)
        # Tab leaves the list for the next control (j/k and the arrows move
        # between articles); by default a table keeps Tab for its cells.
        self.article_list.setTabKeyNavigation(False)
        self.article_list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.article_list.customContextMenuRequested.connect(self.show_row_menu)
        actions.article_menu.triggered.connect(lambda: self.show_row_menu(QPoint(-1, -1)))
        actions.delete.triggered.connect(articles.delete_selected)
        self._connect_highlights()
        actions.about.triggered.connect(self.show_about)
        actions.open_log_folder.triggered.connect(self.open_log_folder)

        self.sidebar.entry_selected.connect(self._entry_selected)
        self.sidebar.rename_requested.connect(tags.ask_rename)
        self.sidebar.merge_requested.connect(tags.ask_merge)
        self.sidebar.delete_requested.connect(tags.ask_delete)
        self.sidebar.feed_refresh_requested.connect(feeds.refresh_feed)
        self.sidebar.feed_rename_requested.connect(feeds.ask_rename)
        self.sidebar.feed_retag_requested.connect(feeds.ask_retag)
        self.sidebar.feed_mode_requested.connect(feeds.set_mode)
        self.sidebar.feed_unsubscribe_requested.connect(feeds.ask_unsubscribe)
        self.sidebar.section_actions[Section.FEEDS] = [actions.subscribe, actions.refresh]
        self.sidebar.articles_dropped.connect(tags.tag_articles)
        self.sidebar.content_dropped.connect(
            lambda content, tag: self.saving.save_content(content, [tag] if tag else [])
        )
        self.sidebar.drop_hover.connect(self._sidebar_drop_hover)
        self.sidebar.drop_hover_left.connect(self.overlay.hide)
        self.article_list.current_article_changed.connect(self._list_current_changed)
        self.article_list.selectionModel().selectionChanged.connect(self.update_actions)
        self.list_model.modelReset.connect(self.update_status)
        self.list_model.rowsInserted.connect(self.update_status)
        self.list_model.rowsRemoved.connect(self.update_status)
        self.reader.article_requested.connect(self.open_article)
        self.reader.highlighted.connect(self._link_hovered)
        self.reader.search_requested.connect(self.search_library_for)
        self.reader.clip_requested.connect(self._save_clip)
        self.related_panel.article_requested.connect(self.open_article)
        self.related_panel.unsaved_chosen.connect(self.saving.offer_story)
        self.related_panel.save_requested.connect(self.saving.save_story)
        self.related_panel.open_original_requested.connect(articles.open_address)
        self.related_panel.expanded_changed.connect(self._fit_related_panel)
        # A related story just saved shows as saved without reopening the article.
        self.saving.saver.saved.connect(lambda _token, _saved: self._read_related())
        self.runner.activity_changed.connect(self._update_activity)
        feeds.updates.running_changed.connect(self._update_activity)
        feeds.updates.progressed.connect(self._update_activity)
        self.imports.running_changed.connect(self._update_activity)
        self.imports.progressed.connect(self._update_activity)
        self.imports.changed.connect(self.refresh_views)
        self.watcher.changed.connect(self.library_changed)
        self.watcher.failed.connect(
            lambda message: self.notify_error(
                self.tr("Could not check the library for changes: {reason}").format(reason=message)
            )
        )
        self.search.failed.connect(lambda message: self.statusBar().showMessage(message, 6000))
        self.search.results_changed.connect(self.update_status)
        self.search.dismissed.connect(self.article_list.setFocus)

    def _connect_highlights(self) -> None:
        actions = self.commands
        highlights = self.highlight_commands
        actions.highlight.triggered.connect(lambda: highlights.highlight_selection())
        actions.add_note.triggered.connect(lambda: highlights.ask_note())
        actions.remove_highlight.triggered.connect(highlights.remove_under_cursor)
        actions.highlights_pane.triggered.connect(self._highlights_pane_chosen)
        self.reader.highlight_requested.connect(highlights.highlight_selection)
        self.reader.note_requested.connect(highlights.ask_note)
        self.reader.recolor_requested.connect(highlights.recolor)
        self.reader.remove_requested.connect(highlights.remove)
        self.reader.highlight_clicked.connect(self.highlights_pane.list.select_highlight)
        pane_list = self.highlights_pane.list
        pane_list.highlight_chosen.connect(highlights.reveal)
        pane_list.note_requested.connect(highlights.ask_note)
        pane_list.remove_requested.connect(highlights.remove)
        self.highlights_view.open_requested.connect(self.open_at_highlight)
        self.highlights_view.note_requested.connect(highlights.ask_note)
        self.highlights_view.remove_requested.connect(highlights.remove)
        self.recent_highlights.page_loaded.connect(self.update_status)
        self.recent_highlights.load_failed.connect(
            lambda message: self.notify_error(
                self.tr("Could not read the highlights: {reason}").format(reason=message)
            )
        )
        highlights.highlights_shown.connect(self._update_highlights_pane)
        highlights.changed.connect(self._highlights_changed)
        # Searching searches articles: the article list comes back.
        self.search_field.textEdited.connect(self._leave_highlights_view)

    # ------------------------------------------------------------------
    # Preferences and remembered state
    # ------------------------------------------------------------------

    def _apply_preferences(self, theme_override: str | None) -> None:
        theme = load_theme(theme_override or self.settings.theme)
        typography = self.settings.typography
        apply_window_palette(theme)
        self.reader.set_typography(typography)
        self.reader.set_theme(theme)
        self.highlights_pane.set_theme(theme)
        self.highlights_view.set_theme(theme)
        self.commands.themes[theme.name].setChecked(True)
        (self.commands.serif if typography.family == "serif" else self.commands.sans).setChecked(
            True
        )
        self._check_line_actions(typography)

    def _restore_state(self) -> None:
        geometry = self.settings.geometry
        if geometry is None or not self.restoreGeometry(geometry):
            screen = self.screen() or QGuiApplication.primaryScreen()
            self.setGeometry(first_window_geometry(screen.availableGeometry()))
        state = self.settings.window_state
        if state is not None:
            self.restoreState(state)
        self._default_splitter_sizes(self.width(), self.height())
        header = self.settings.header()
        if header is not None:
            self.article_list.header().restoreState(header)
        related = self.settings.related_visible
        self.commands.related.setChecked(related)
        self.related_panel.setVisible(related)
        self.related_panel.set_expanded(self.settings.related_expanded)
        self.sidebar.set_topics_expanded(self.settings.topics_expanded)
        self.commands.highlights_pane.setChecked(self.settings.highlights_visible)

        kind, key = self.settings.view
        if not self.sidebar.select_entry(entry_kind(kind), key):
            self.sidebar.select_entry("view", "all")
        if self.list_model.rowCount() == 0 and self.current_entry_key() not in (
            ("view", "all"),
            ("view", HIGHLIGHTS_VIEW),
        ):
            # Nothing in the remembered view: start from everything instead.
            self.sidebar.select_entry("view", "all")

    def _start_background_work(self) -> None:
        """What a working window does besides showing: say how the library is
        kept, make the daily backup, watch for changes, refresh feeds."""
        if self.library.notice:
            self.notices.show_notice(
                self.tr("Note: {notice}.").format(notice=self.library.notice),
                timeout_ms=STARTUP_NOTICE_MS,
            )

        def backup(library: Library) -> Path | None:
            try:
                return library.backup_if_due()
            except OSError as error:
                # Storage lets a failed folder or file write through as it is.
                reason = error.strerror or str(error)
                raise LibraryError(f"cannot write the backup: {reason}") from error

        def backed_up(path: Path | None) -> None:
            if path is not None:
                self.statusBar().showMessage(
                    self.tr("Backed up the library to {path}").format(path=path), STATUS_MESSAGE_MS
                )

        self.runner.submit(
            backup,
            backed_up,
            lambda message: self.notify_error(
                self.tr("Could not back up the library: {reason}").format(reason=message)
            ),
            pool=Pool.BACKGROUND,
            label=self.tr("Backing up the library"),
        )
        self.watcher.start()
        self.feed_commands.start()
        self.imports.resume()  # an import's fetching carries on where it stopped

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._splitters_restored:
            return
        # Splitter sizes are restored once the window has its real size: before
        # that, the splitter would squeeze them into a default-sized window.
        self._splitters_restored = True
        for splitter, name in (
            (self.splitter, "main"),
            (self.reader_splitter, "reader"),
            (self.highlights_splitter, "highlights"),
        ):
            saved = self.settings.splitter(name)
            if saved is not None:
                splitter.restoreState(saved)
        self._fit_related_panel()

    def _default_splitter_sizes(self, width: int, height: int) -> None:
        sidebar = max(SIDEBAR_MIN_WIDTH, min(SIDEBAR_WIDTH, round(width * SIDEBAR_SHARE)))
        article_list = max(LIST_MIN_WIDTH, min(LIST_WIDTH, round(width * LIST_SHARE)))
        reader = max(300, width - sidebar - article_list)
        self.splitter.setSizes([sidebar, article_list, reader])
        # The related stories get about a quarter of the height: the reader comes first.
        related = min(RELATED_HEIGHT, max(150, round(height * 0.24)))
        self.reader_splitter.setSizes([max(300, height - related - 120), related])
        self.highlights_splitter.setSizes(
            [max(300, reader - HIGHLIGHTS_PANE_WIDTH), HIGHLIGHTS_PANE_WIDTH]
        )
        self._fit_related_panel()

    def _fit_related_panel(self, _expanded: bool = False) -> None:
        """A collapsed related panel is one line: the reader takes the rest.
        A splitter never hands the height a pane cannot use to the others."""
        if self.related_panel.expanded:
            return
        sizes = self.reader_splitter.sizes()
        header = self.related_panel.collapsed_height()
        self.reader_splitter.setSizes([max(0, sum(sizes) - header), header])

    def use_default_layout(self, size: QSize) -> None:
        """Size the window and its panes as on a first run (screenshots)."""
        self.resize(size)
        self._default_splitter_sizes(size.width(), size.height())

    def _save_state(self) -> None:
        self.settings.geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        self.settings.set_splitter("main", self.splitter.saveState())
        self.settings.set_splitter("reader", self.reader_splitter.saveState())
        self.settings.set_splitter("highlights", self.highlights_splitter.saveState())
        self.settings.set_header(self.article_list.header().saveState())
        self.settings.theme = self.reader.theme.name
        self.settings.typography = self.reader.typography
        self.settings.related_visible = self.commands.related.isChecked()
        self.settings.related_expanded = self.related_panel.expanded
        self.settings.topics_expanded = self.sidebar.topics_expanded
        self.settings.highlights_visible = self.commands.highlights_pane.isChecked()
        self.settings.last_article = (
            self.current_article.id if self.current_article is not None else None
        )
        entry = self.sidebar.current_entry()
        if entry is not None:
            self.settings.view = (entry.kind, entry.key)
        self.settings.sync()

    def open_initial_article(self, requested: int | None) -> None:
        """The article asked for, else the last one read, else (first run) the first."""
        if requested is not None:
            self.open_article(requested)
            return
        last = self.settings.last_article
        if last is not None and self.library.article_exists(last):
            self.open_article(last)
            return
        first = self.list_model.summary_at(0)
        if first is not None and last is None:
            self.open_article(first.id)
            return
        self.show_empty_reader()

    def close_article(self) -> None:
        """Show no article (the open one is being deleted)."""
        self._position_timer.stop()
        self.current_article = None
        self._saved_position = None
        self._similar_for = None
        self.setWindowTitle(APP_TITLE)
        self.show_empty_reader()

    def show_empty_reader(self) -> None:
        self.highlight_commands.clear()
        title, message = (
            EMPTY_LIBRARY if self.sidebar_model.view_count("all") == 0 else (NOTHING_OPEN)
        )
        self.reader.show_empty(self.tr(title), self.tr(message))
        self.related_panel.clear()

    # ------------------------------------------------------------------
    # Views, refresh, status
    # ------------------------------------------------------------------

    def current_entry_key(self) -> tuple[str, str] | None:
        entry = self.sidebar.current_entry()
        return (entry.kind, entry.key) if entry is not None else None

    def show_view(self, key: str) -> None:
        self.sidebar.select_entry("view", key)

    def _empty_message(self, entry: SidebarEntry) -> str:
        if entry.kind == "tag":
            return self.tr("No articles are tagged “{tag}”.").format(tag=entry.label)
        if entry.kind == "topic":
            return self.tr("No articles are on the topic “{topic}”.").format(topic=entry.label)
        if entry.kind == "feed":
            error = entry.feed_error
            return (
                self.tr("Nothing from “{feed}” yet: {reason}").format(
                    feed=entry.label, reason=error
                )
                if error
                else self.tr(
                    "Nothing from “{feed}” yet. New articles arrive as it is refreshed."
                ).format(feed=entry.label)
            )
        if entry.key != "all":
            return self.tr("Nothing in {view}.").format(view=entry.label)
        return self.tr("Your library is empty. Drop links or files here to save them.")

    def showing_highlights(self) -> bool:
        """Whether the Highlights view stands in the article list's place."""
        return self.list_stack.currentWidget() is self.highlights_view

    def _entry_selected(self, entry: SidebarEntry) -> None:
        if (entry.kind, entry.key) == ("view", HIGHLIGHTS_VIEW):
            self.list_stack.setCurrentWidget(self.highlights_view)
            self.recent_highlights.reload()
            self.update_status()
            self.update_actions()
            return
        self.list_stack.setCurrentWidget(self.article_list)
        self.article_list.empty_message = self._empty_message(entry)
        if self.search.query:
            self.list_model.browse(entry.where)  # keeps the view while the search runs
            self.search.run_now()
        else:
            self.list_model.browse(entry.where)
        self.update_status()
        self.update_actions()

    def refresh(self) -> None:
        """F5: show the library as it is now, and check the feeds."""
        self.refresh_views()
        self.feed_commands.refresh_all()

    def refresh_views(self, then: Callable[[], object] | None = None) -> None:
        """Re-read the sidebar, the list and the status line; the selection,
        the scroll position and a search's hits stay. ``then`` runs once the
        sidebar shows what was read."""
        self.watcher.note_version()
        self.sidebar_model.refresh(then)
        with reported(self.notify_error, self.tr("Could not read the library")):
            self.list_model.refresh()
        self.update_status()
        self.update_actions()

    def library_changed(self) -> None:
        """The library changed behind the window's back: show it as it is."""
        self.refresh_views()
        self._check_open_article()
        self._read_related()
        if self.current_article is not None:
            self.highlight_commands.load(self.current_article.id)
        if self.showing_highlights():
            self.recent_highlights.reload()

    def _check_open_article(self) -> None:
        """Show the open article again if it changed; close it if it went."""
        article = self.current_article
        if article is None:
            return
        try:
            fresh = self.library.get_article(article.id)
        except ArticleNotFoundError:
            self.close_article()
            self.notify(
                self.tr("“{title}” is no longer in the library: it was deleted.").format(
                    title=article.title
                )
            )
            return
        except LibraryError:
            return  # busy: the article stays as shown; the notice area has said why
        if shown_differently(article, fresh):
            self.reload_current()
        else:
            self.current_article = fresh

    def after_change(self, ids: Sequence[int]) -> None:
        """Articles changed state: update their rows and the sidebar counts."""
        with reported(self.notify_error, self.tr("Could not read the library")):
            self.list_model.update_articles(ids)
            self.sidebar_model.refresh()
        self.update_status()
        self.update_actions()

    def update_status(self) -> None:
        if self.showing_highlights():
            shown = self.recent_highlights.rowCount()
            text = self.tr("%n highlight(s) and note(s)", "", shown)
            if self.recent_highlights.canFetchMore():
                text += self.tr(" · more as you scroll")
            self.count_label.setText(text)
            return
        where = self.list_model.where

        def count(library: Library) -> tuple[int, int | None]:
            total = library.count_articles(where)
            if where.status is not None:
                return total, None
            return total, library.count_articles(replace(where, status="unread"))

        # Counted in the interactive pool: a count grows with the library.
        # A newer count supersedes one in flight.
        if self.runner.closed:
            return  # the window is closing: nothing more is shown
        self.runner.submit(
            count, self._show_counts, self.count_label.setText, pool=Pool.INTERACTIVE, slot="status"
        )

    def _show_counts(self, counts: tuple[int, int | None]) -> None:
        """The status line's counts, with what the list shows now."""
        if self.showing_highlights():
            return
        total, unread = counts
        hidden = len(self.article_commands.deletions.pending)
        total = max(0, total - hidden)
        if self.list_model.query is not None:
            shown = self.list_model.rowCount() - len(self.list_model.saving_tokens())
            more = "+" if self.list_model.canFetchMore() else ""
            if more:
                matches = self.tr("%n+ matches for “{query}”", "", shown)
            else:
                matches = self.tr("%n match(es) for “{query}”", "", shown)
            in_view = self.tr("%n article(s) in this view", "", total)
            text = matches.format(query=self.list_model.query) + " · " + in_view
        else:
            text = self.tr("%n article(s)", "", total)
            if unread is not None:
                text += " · " + self.tr("%n unread", "", unread)
        self.count_label.setText(text)

    def _update_activity(self) -> None:
        background = (self.feed_commands.updates.status_text(), self.imports.status_text())
        text = activity_text(self.runner.labels(), " · ".join(part for part in background if part))
        if not text:
            self.activity_label.clear()
            self.activity_bar.hide()
            return
        self.activity_label.setText(text)
        self.activity_bar.show()

    def update_actions(self) -> None:
        has_target = bool(self.article_commands.target_ids())
        for action in self.commands.article_actions:
            action.setEnabled(has_target)
        # "Open original" stays enabled without a URL: pressing o then says why.
        self.commands.open_original.setEnabled(self.current_article is not None)
        entry = self.sidebar.current_entry()
        for action in self.commands.tag_actions:
            action.setEnabled(entry is not None and entry.kind == "tag")
        self.commands.undo.setEnabled(bool(self.article_commands.deletions.pending))
        self.commands.mark_all_read.setEnabled(not self.showing_highlights())
        for action in self.commands.highlight_actions:
            action.setEnabled(self.current_article is not None)

    def _link_hovered(self, url: QUrl) -> None:
        if url.isEmpty():
            self.statusBar().clearMessage()
        else:
            self.statusBar().showMessage(url.toString())

    # ------------------------------------------------------------------
    # Opening articles
    # ------------------------------------------------------------------

    def _list_current_changed(self, article_id: int) -> None:
        if article_id >= 0 and (
            self.current_article is None or self.current_article.id != article_id
        ):
            self.open_article(article_id, select_in_list=False)
        self.update_actions()

    def open_article(self, article_id: int, *, select_in_list: bool = True) -> None:
        self._store_reading_position()
        try:
            article = self.library.get_article(article_id)
        except LibraryError as error:
            self.notify_error(
                self.tr("Cannot open article {id}: {reason}").format(
                    id=article_id, reason=describe_failure(error)
                )
            )
            return
        self.current_article = article
        self.reader.show_article(
            article,
            lambda position: self.library.image_data(article.id, position),
            article.reading_position,
        )
        self._saved_position = (article.id, article.reading_position)
        self._pane_asked = False
        self.highlight_commands.load(article.id)
        if select_in_list:
            # current_article is already this one, so the list's change signal is a no-op.
            self.article_list.select_article(article.id)
        self.setWindowTitle(f"{article.title} — {APP_TITLE}")
        self.related_panel.show_page_stories(
            [RelatedStory.from_link(link) for link in article.related]
        )
        self._load_similar(article.id)
        if article.status == "unread" and self.writes_enabled:
            self.article_commands.mark_read(article.id)
        self.update_actions()

    def reload_current(self) -> None:
        """Show the open article again (its tags changed), at the same place."""
        if self.current_article is None:
            return
        position = self.reader.reading_position()
        try:
            article = self.library.get_article(self.current_article.id)
        except LibraryError:
            return
        self.current_article = article
        self.reader.show_article(
            article, lambda number: self.library.image_data(article.id, number), position
        )
        # A new text (re-extracted) may have moved or lost highlights.
        self.highlight_commands.load(article.id)

    def _load_similar(self, article_id: int) -> None:
        self._similar_for = article_id
        self.related_panel.show_similar(None)
        self._read_related()

    def _read_related(self) -> None:
        """The open article's related stories as the library has them now:
        the page's stories with their saved state, other saved copies,
        similar articles. Again after a change: a story may have been saved."""
        article_id = self._similar_for
        if article_id is None:
            return

        def job(library: Library) -> tuple[list[RelatedItem], list[SimilarArticle]]:
            return (
                library.related_stories(article_id, limit=0),
                library.similar_articles(article_id, limit=SIMILAR_LIMIT),
            )

        def done(found: tuple[list[RelatedItem], list[SimilarArticle]]) -> None:
            if self._similar_for == article_id:
                self.related_panel.show_related(*found)

        def failed(_message: str) -> None:
            if self._similar_for == article_id:
                self.related_panel.show_similar([])

        self.runner.submit(job, done, failed, pool=Pool.INTERACTIVE, slot="similar")

    def _reader_scrolled(self, _value: int) -> None:
        if self.current_article is not None:
            self._position_timer.start()

    def _store_reading_position(self) -> None:
        self._position_timer.stop()
        article = self.current_article
        if article is None or not self.writes_enabled:
            return
        position = self.reader.reading_position()
        if (
            self._saved_position is not None
            and self._saved_position[0] == article.id
            and abs(self._saved_position[1] - position) < 0.002
        ):
            return
        try:
            self.library.set_reading_position(article.id, position)
        except LibraryError:
            return  # the article was deleted meanwhile: nothing to remember
        self._saved_position = (article.id, position)
        self.list_model.show_reading_position(article.id, position)

    # ------------------------------------------------------------------
    # Dropping anywhere on the window saves
    # ------------------------------------------------------------------

    def _sidebar_drop_hover(self, content: DropContent, tag: str) -> None:
        message = self.saving.drop_message(content, tag)
        if message:
            self.overlay.show_message(message)
        else:
            self.overlay.hide()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        content = read_mime(event.mimeData())
        if content.article_ids or not content:
            event.ignore()
            return
        self.overlay.show_message(self.saving.drop_message(content))
        # Always a copy, whatever the source proposes: a file manager that is
        # told "moved" deletes the file it dragged.
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.overlay.hide()
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:
        self.overlay.hide()
        content = read_mime(event.mimeData())
        if content.article_ids or not content:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.saving.save_content(content)

    # ------------------------------------------------------------------
    # Reader look
    # ------------------------------------------------------------------

    def change_font_size(self, steps: int) -> None:
        self.reader.set_typography(self.reader.typography.resized(steps))

    def set_font_family(self, family: str) -> None:
        self.reader.set_typography(replace(self.reader.typography, family=family))

    def set_line_width(self, width: str) -> None:
        """View → Line Width: "narrow", "medium" or "wide"."""
        typography = replace(self.reader.typography, line_width=width)
        self.reader.set_typography(typography)
        self._check_line_actions(typography)

    def set_line_spacing(self, spacing: str) -> None:
        """View → Line Spacing: "compact", "normal" or "relaxed"."""
        typography = replace(self.reader.typography, line_spacing=spacing)
        self.reader.set_typography(typography)
        self._check_line_actions(typography)

    def _check_line_actions(self, typography: Typography) -> None:
        for key, action in self.commands.line_widths.items():
            action.setChecked(key == typography.line_width)
        for key, action in self.commands.line_spacings.items():
            action.setChecked(key == typography.line_spacing)

    # ------------------------------------------------------------------
    # Focus mode: the reader alone, full screen
    # ------------------------------------------------------------------

    def _frame_widgets(self) -> list[QWidget]:
        """Everything around the reader that focus mode hides."""
        return [
            self.menuBar(),
            self.toolbar,
            self.sidebar,
            self.list_stack,
            self.reader_toolbar,
            self.related_panel,
            self.highlights_pane,
            self.statusBar(),
        ]

    def in_focus_mode(self) -> bool:
        return self._before_focus_mode is not None

    def set_focus_mode(self, on: bool) -> None:
        """F11 (View → Focus Mode): the reader alone, full screen; F11 or
        Esc brings back the layout as it was."""
        if on == self.in_focus_mode():
            return
        self.commands.leave_focus_mode.setEnabled(on)
        if on:
            shown = [widget for widget in self._frame_widgets() if not widget.isHidden()]
            self._before_focus_mode = FocusModeReturn(self.windowState(), shown)
            for widget in shown:
                widget.hide()
            self.setWindowState(self.windowState() | Qt.WindowState.WindowFullScreen)
            self.reader.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        before, self._before_focus_mode = self._before_focus_mode, None
        if before is None:
            return
        self.setWindowState(before.state)
        for widget in before.shown:
            widget.show()

    # ------------------------------------------------------------------
    # Reading on: Space, the context menu, the shortcut sheet
    # ------------------------------------------------------------------

    def page_down_or_next_unread(self) -> None:
        """Space: the next page, or at the article's end the next unread
        article below it in the list."""
        bar = self.reader.verticalScrollBar()
        if self.current_article is None or bar.value() < bar.maximum():
            self.reader.page_down()
            return
        next_id = self.next_unread_id()
        if next_id is None:
            self.statusBar().showMessage(
                self.tr("No more unread articles in this list"), STATUS_MESSAGE_MS
            )
            return
        self.open_article(next_id)

    def next_unread_id(self) -> int | None:
        """The first unread article below the open one in the list (below
        the top when the open one is not in it)."""
        current = self.current_article
        start = self.list_model.row_of(current.id) if current is not None else None
        row = 0 if start is None else start + 1
        while row < self.list_model.rowCount():
            summary = self.list_model.summary_at(row)
            if (
                summary is not None
                and summary.status == "unread"
                and (current is None or summary.id != current.id)
            ):
                return summary.id
            row += 1
        return None

    def show_row_menu(self, position: QPoint) -> QMenu | None:
        """The article rows' context menu, at the row clicked (in the
        list's viewport), or at the current row for the Menu key."""
        menu = self.article_commands.row_menu(self.commands, self)
        if menu is None:
            return None
        view = self.article_list
        if not view.indexAt(position).isValid() and view.currentIndex().isValid():
            position = view.visualRect(view.currentIndex()).center()
        if self.row_menu is not None:
            self.row_menu.deleteLater()
        self.row_menu = menu
        menu.popup(view.viewport().mapToGlobal(position))
        return menu

    def show_shortcut_sheet(self) -> ShortcutSheet:
        """Help → Keyboard Shortcuts (``?``): read from the actions each time."""
        if self.shortcut_sheet is None:
            self.shortcut_sheet = ShortcutSheet(self)
        # Keys in no menu: the window's own and the list's (the Menu key).
        others = [*self.actions(), *self.article_list.actions()]
        self.shortcut_sheet.show_groups(shortcut_groups(self.menuBar(), others))
        self.shortcut_sheet.show()
        self.shortcut_sheet.raise_()
        self.shortcut_sheet.activateWindow()
        return self.shortcut_sheet

    def set_theme(self, name: str) -> None:
        theme = load_theme(name)
        apply_window_palette(theme)
        self.reader.set_theme(theme)
        self.commands.themes[theme.name].setChecked(True)

    def set_related_visible(self, visible: bool) -> None:
        self.related_panel.setVisible(visible)

    # ------------------------------------------------------------------
    # Highlights
    # ------------------------------------------------------------------

    def open_at_highlight(self, article_id: int, highlight_id: int) -> None:
        """Open an article and bring one of its highlights into view."""
        self.open_article(article_id)
        if self.current_article is not None and self.current_article.id == article_id:
            self.highlight_commands.load(article_id, focus=highlight_id)

    def _highlights_pane_chosen(self, checked: bool) -> None:
        # Turned on by hand: show it even before the article has highlights.
        self._pane_asked = checked
        self._update_highlights_pane()

    def _update_highlights_pane(self) -> None:
        """The pane is on and the open article has highlights or notes (or
        the person just asked for it)."""
        rows: list[HighlightRow] = self.highlights_pane.rows()
        visible = (
            self.commands.highlights_pane.isChecked()
            and self.current_article is not None
            and (bool(rows) or self._pane_asked)
        )
        self.highlights_pane.setVisible(visible)

    def _highlights_changed(self) -> None:
        if self.showing_highlights():
            self.recent_highlights.reload()
        self.update_status()

    def _leave_highlights_view(self, text: str) -> None:
        if text and self.showing_highlights():
            self.show_view("all")

    # ------------------------------------------------------------------
    # Misc
    # ------------------------------------------------------------------

    def search_library_for(self, text: str) -> None:
        """Search the library for ``text`` (the reader's "Search Library for …")."""
        self.search_field.setText(text)
        self.search.run_now()
        self.focus_search()

    def _save_clip(self, mime: QMimeData) -> None:
        """Save the reader's selection as a clip, as a dropped selection is."""
        content = read_mime(mime)
        if content:
            self.saving.save_content(content)

    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def notify(self, message: str) -> None:
        self.notices.show_notice(message)

    def notify_error(self, message: str) -> None:
        self.notices.show_notice(message, kind="error")

    def open_log_folder(self) -> None:
        """Help ▸ Open Log Folder: the system file manager, on the log's folder."""
        folder = log_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            self.notify_error(
                self.tr("Cannot open the log folder {folder}: {reason}").format(
                    folder=folder, reason=error.strerror or error
                )
            )
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def show_about(self) -> QMessageBox:
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("About Readshelf"))
        box.setTextFormat(Qt.TextFormat.RichText)
        paragraphs = (
            self.tr("An offline reader for saved articles, first-class for Vietnamese."),
            self.tr(
                "Drop links, web pages or text files on the window to save them. Everything"
                " stays on this computer: reading never touches the network."
            ),
            self.tr("Library: {path}").format(path=html.escape(str(self.library.path))),
        )
        box.setText(
            f"<h3>{APP_TITLE}</h3>" + "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
        )
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.open()  # not exec(): the window keeps running behind it
        return box

    def settled(self) -> bool:
        """Nothing left to load (used before a screenshot)."""
        return not self.runner.busy() and self.reader.settled()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._finished:
            event.accept()
            return
        self._finished = True
        self.watcher.stop()
        # Before waiting for the pool: a refresh ends after the entries being saved.
        self.feed_commands.stop()
        self.imports.stop()
        self._store_reading_position()
        self.article_commands.deletions.commit_now()
        # The layout to remember is the everyday one, not the reader alone.
        self.commands.focus_mode.setChecked(False)
        self._save_state()
        self.runner.shutdown()
        event.accept()

    def shortcut_for(self, action_name: str) -> QKeySequence:
        """The first key of a named action (for tests and the About box)."""
        action = getattr(self.commands, action_name)
        return QKeySequence(action.shortcut())
