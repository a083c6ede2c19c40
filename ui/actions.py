"""Every command of the window as a QAction, and the menu bar built from them.

Menus and keys share one QAction per command, so a command has one shortcut,
one enabled state and one place to be triggered from in tests. Standard keys
(open, paste, find, delete, undo, zoom, quit) come from QKeySequence so each
platform gets its own.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMenuBar, QWidget

from ui.sidebar_model import HIGHLIGHTS_VIEW, LIBRARY_VIEWS
from ui.themes import THEME_NAMES, theme_label

StandardKey = QKeySequence.StandardKey

VIEW_LABELS: dict[str, str] = {
    "all": str(QT_TRANSLATE_NOOP("WindowActions", "All")),
    "unread": str(QT_TRANSLATE_NOOP("WindowActions", "Unread")),
    "favorites": str(QT_TRANSLATE_NOOP("WindowActions", "Favorites")),
    "archive": str(QT_TRANSLATE_NOOP("WindowActions", "Archive")),
    "pending": str(QT_TRANSLATE_NOOP("WindowActions", "Pending")),
}
"""The library views' menu entries, as written in the code (translated when used)."""
LINE_WIDTH_LABELS: dict[str, str] = {
    "narrow": str(QT_TRANSLATE_NOOP("WindowActions", "&Narrow")),
    "medium": str(QT_TRANSLATE_NOOP("WindowActions", "&Medium")),
    "wide": str(QT_TRANSLATE_NOOP("WindowActions", "&Wide")),
}
"""View → Line Width, by ``Typography.line_width``."""
LINE_SPACING_LABELS: dict[str, str] = {
    "compact": str(QT_TRANSLATE_NOOP("WindowActions", "&Compact")),
    "normal": str(QT_TRANSLATE_NOOP("WindowActions", "&Normal")),
    "relaxed": str(QT_TRANSLATE_NOOP("WindowActions", "&Relaxed")),
}
"""View → Line Spacing, by ``Typography.line_spacing``."""


def _action(
    parent: QWidget, text: str, *keys: QKeySequence | StandardKey | str, tip: str = ""
) -> QAction:
    action = QAction(text, parent)
    sequences: list[QKeySequence] = []
    for key in keys:
        found = (
            QKeySequence.keyBindings(key) if isinstance(key, StandardKey) else [QKeySequence(key)]
        )
        # A key listed twice (F5, and the platform's Refresh key) would be
        # an ambiguous shortcut that never fires.
        sequences.extend(sequence for sequence in found if sequence not in sequences)
    if sequences:
        action.setShortcuts(sequences)
    if tip:
        action.setToolTip(tip)
        action.setStatusTip(tip)
    return action


class WindowActions:
    """The window's commands. Handlers are connected by the window."""

    file_menu: QMenu
    view_menu: QMenu
    help_menu: QMenu
    """Kept after ``build_menus`` for commands that add their own entries."""

    def __init__(self, window: QMainWindow) -> None:
        # File
        self.save_address = _action(
            window,
            QCoreApplication.translate("WindowActions", "Save from &Address…"),
            "Ctrl+L",
            "Ctrl+N",
            tip=QCoreApplication.translate("WindowActions", "Save a web page by its address"),
        )
        self.import_files = _action(
            window,
            QCoreApplication.translate("WindowActions", "&Import Files…"),
            StandardKey.Open,
            tip=QCoreApplication.translate(
                "WindowActions",
                "Save articles from HTML, MHTML, text or Markdown files; import OPML feed lists",
            ),
        )
        self.subscribe = _action(
            window,
            QCoreApplication.translate("WindowActions", "&Subscribe to Feed…"),
            "Ctrl+Shift+N",
            tip=QCoreApplication.translate(
                "WindowActions", "Follow a feed: its new articles are saved as they come out"
            ),
        )
        # Some platforms bind no key to Quit; Ctrl+Q is what people expect there.
        self.quit = _action(
            window, QCoreApplication.translate("WindowActions", "&Quit"), StandardKey.Quit
        )
        if not self.quit.shortcuts():
            self.quit.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)

        # Edit
        self.undo = _action(
            window, QCoreApplication.translate("WindowActions", "&Undo Delete"), StandardKey.Undo
        )
        self.paste = _action(
            window,
            QCoreApplication.translate("WindowActions", "&Paste Links or Files"),
            StandardKey.Paste,
            tip=QCoreApplication.translate(
                "WindowActions", "Save the links, files or web page selection on the clipboard"
            ),
        )
        self.find = _action(
            window,
            QCoreApplication.translate("WindowActions", "&Find…"),
            StandardKey.Find,
            tip=QCoreApplication.translate("WindowActions", "Search the library"),
        )
        self.rename_tag = _action(
            window, QCoreApplication.translate("WindowActions", "&Rename Tag…")
        )
        self.merge_tag = _action(
            window, QCoreApplication.translate("WindowActions", "&Merge Tag Into…")
        )
        self.delete_tag = _action(
            window, QCoreApplication.translate("WindowActions", "D&elete Tag…")
        )

        # View
        self.views: dict[str, QAction] = {}
        for number, view in enumerate(LIBRARY_VIEWS, start=1):
            label = QCoreApplication.translate(
                "WindowActions", VIEW_LABELS.get(view.key, view.label)
            )
            self.views[view.key] = _action(window, label, f"Ctrl+{number}")
        self.views[HIGHLIGHTS_VIEW] = _action(
            window,
            QCoreApplication.translate("WindowActions", "&Highlights"),
            f"Ctrl+{len(LIBRARY_VIEWS) + 1}",
            tip=QCoreApplication.translate(
                "WindowActions", "Every highlight and note in the library, newest first"
            ),
        )
        self.next_article = _action(
            window, QCoreApplication.translate("WindowActions", "&Next Article"), "J"
        )
        self.previous_article = _action(
            window, QCoreApplication.translate("WindowActions", "&Previous Article"), "K"
        )
        self.page_down = _action(
            window, QCoreApplication.translate("WindowActions", "Page &Down"), "Space"
        )
        self.page_up = _action(
            window, QCoreApplication.translate("WindowActions", "Page &Up"), "Shift+Space"
        )
        self.larger_font = _action(
            window,
            QCoreApplication.translate("WindowActions", "&Larger Text (A+)"),
            StandardKey.ZoomIn,
            "Ctrl+=",
            tip=QCoreApplication.translate("WindowActions", "Larger text in the reader"),
        )
        self.smaller_font = _action(
            window,
            QCoreApplication.translate("WindowActions", "&Smaller Text (A−)"),
            StandardKey.ZoomOut,
            tip=QCoreApplication.translate("WindowActions", "Smaller text in the reader"),
        )
        self.font_group = QActionGroup(window)
        self.serif = _action(
            window,
            QCoreApplication.translate("WindowActions", "Se&rif"),
            tip=QCoreApplication.translate("WindowActions", "Serif type in the reader"),
        )
        self.sans = _action(
            window,
            QCoreApplication.translate("WindowActions", "S&ans Serif"),
            tip=QCoreApplication.translate("WindowActions", "Sans-serif type in the reader"),
        )
        for action in (self.serif, self.sans):
            action.setCheckable(True)
            self.font_group.addAction(action)
        self.theme_group = QActionGroup(window)
        self.themes: dict[str, QAction] = {}
        for name in THEME_NAMES:
            action = _action(
                window,
                theme_label(name),
                tip=QCoreApplication.translate("WindowActions", "{theme} reader theme").format(
                    theme=theme_label(name)
                ),
            )
            action.setCheckable(True)
            action.setData(name)
            self.theme_group.addAction(action)
            self.themes[name] = action
        self.line_width_group = QActionGroup(window)
        self.line_widths: dict[str, QAction] = {}
        for key, text in LINE_WIDTH_LABELS.items():
            action = _action(window, QCoreApplication.translate("WindowActions", text))
            action.setCheckable(True)
            action.setData(key)
            self.line_width_group.addAction(action)
            self.line_widths[key] = action
        self.line_spacing_group = QActionGroup(window)
        self.line_spacings: dict[str, QAction] = {}
        for key, text in LINE_SPACING_LABELS.items():
            action = _action(window, QCoreApplication.translate("WindowActions", text))
            action.setCheckable(True)
            action.setData(key)
            self.line_spacing_group.addAction(action)
            self.line_spacings[key] = action
        self.focus_mode = _action(
            window,
            QCoreApplication.translate("WindowActions", "F&ocus Mode"),
            "F11",
            tip=QCoreApplication.translate(
                "WindowActions", "The reader alone, full screen (F11 or Esc to leave)"
            ),
        )
        self.focus_mode.setCheckable(True)
        self.leave_focus_mode = _action(
            window, QCoreApplication.translate("WindowActions", "Leave Focus Mode"), "Esc"
        )
        # Esc belongs to the fields and the prompt bar except in focus mode.
        self.leave_focus_mode.setEnabled(False)
        self.related = _action(
            window,
            QCoreApplication.translate("WindowActions", "&Related Stories"),
            "F9",
            tip=QCoreApplication.translate(
                "WindowActions", "Show or hide the related stories under the reader"
            ),
        )
        self.related.setCheckable(True)
        self.highlights_pane = _action(
            window,
            QCoreApplication.translate("WindowActions", "Highlights &Pane"),
            "Ctrl+Shift+H",
            tip=QCoreApplication.translate(
                "WindowActions",
                "Show or hide the open article's highlights and notes beside the reader",
            ),
        )
        self.highlights_pane.setCheckable(True)
        self.refresh = _action(
            window,
            QCoreApplication.translate("WindowActions", "Re&fresh Feeds"),
            "F5",
            StandardKey.Refresh,
            tip=QCoreApplication.translate(
                "WindowActions", "Check every feed for new articles now"
            ),
        )

        # Article
        self.toggle_read = _action(
            window, QCoreApplication.translate("WindowActions", "Mark &Read / Unread"), "M"
        )
        self.toggle_favorite = _action(
            window, QCoreApplication.translate("WindowActions", "&Favourite"), "S"
        )
        self.archive = _action(window, QCoreApplication.translate("WindowActions", "&Archive"), "E")
        self.add_tag = _action(
            window, QCoreApplication.translate("WindowActions", "Add &Tag…"), "T"
        )
        self.open_original = _action(
            window, QCoreApplication.translate("WindowActions", "&Open Original in Browser"), "O"
        )
        self.delete = _action(
            window, QCoreApplication.translate("WindowActions", "&Delete"), StandardKey.Delete
        )
        self.highlight = _action(
            window,
            QCoreApplication.translate("WindowActions", "&Highlight Selection"),
            "H",
            tip=QCoreApplication.translate("WindowActions", "Highlight the selected text"),
        )
        self.add_note = _action(
            window,
            QCoreApplication.translate("WindowActions", "Add &Note…"),
            "N",
            tip=QCoreApplication.translate(
                "WindowActions",
                "Write a note on the highlight under the cursor, or on the article",
            ),
        )
        self.remove_highlight = _action(
            window,
            QCoreApplication.translate("WindowActions", "&Remove Highlight"),
            tip=QCoreApplication.translate(
                "WindowActions", "Remove the highlight under the cursor (its note goes too)"
            ),
        )

        self.article_menu = _action(
            window,
            QCoreApplication.translate("WindowActions", "Article Menu"),
            "Menu",
            "Shift+F10",
            tip=QCoreApplication.translate(
                "WindowActions", "The selected articles' commands, at the current row"
            ),
        )
        self.mark_all_read = _action(
            window,
            QCoreApplication.translate("WindowActions", "Mark All in View as &Read"),
            "Shift+A",
            tip=QCoreApplication.translate(
                "WindowActions", "Mark every unread article in the list as read"
            ),
        )

        # Help
        self.keyboard_shortcuts = _action(
            window,
            QCoreApplication.translate("WindowActions", "&Keyboard Shortcuts"),
            "?",
            tip=QCoreApplication.translate("WindowActions", "Every key the window answers to"),
        )
        self.open_log_folder = _action(
            window,
            QCoreApplication.translate("WindowActions", "Open &Log Folder"),
            tip=QCoreApplication.translate(
                "WindowActions", "Show the folder with Readshelf's log, to attach to a bug report"
            ),
        )
        self.about = _action(
            window, QCoreApplication.translate("WindowActions", "&About Readshelf")
        )
        self.about.setMenuRole(QAction.MenuRole.AboutRole)

        self.article_actions = (
            self.toggle_read,
            self.toggle_favorite,
            self.archive,
            self.add_tag,
            self.open_original,
            self.delete,
        )
        self.tag_actions = (self.rename_tag, self.merge_tag, self.delete_tag)
        self.highlight_actions = (self.highlight, self.add_note, self.remove_highlight)
        """Work on the open article's text: enabled while one is open."""

    def list_actions(self) -> tuple[QAction, ...]:
        """Keys that work only while the article list has the focus."""
        return (self.article_menu,)

    def reading_actions(self) -> tuple[QAction, ...]:
        """Keys that would steal Space from buttons: active only over list and reader."""
        return (self.page_down, self.page_up)

    def build_menus(self, menu_bar: QMenuBar) -> None:
        file_menu = menu_bar.addMenu(QCoreApplication.translate("WindowActions", "&File"))
        self.file_menu = file_menu
        file_menu.addActions([self.save_address, self.import_files])
        file_menu.addSeparator()
        file_menu.addAction(self.subscribe)
        file_menu.addSeparator()
        file_menu.addAction(self.quit)

        edit_menu = menu_bar.addMenu(QCoreApplication.translate("WindowActions", "&Edit"))
        edit_menu.addActions([self.undo, self.paste])
        edit_menu.addSeparator()
        edit_menu.addAction(self.find)
        edit_menu.addSeparator()
        edit_menu.addActions(list(self.tag_actions))

        view_menu = menu_bar.addMenu(QCoreApplication.translate("WindowActions", "&View"))
        view_menu.addActions(list(self.views.values()))
        view_menu.addSeparator()
        view_menu.addActions(
            [self.next_article, self.previous_article, self.page_down, self.page_up]
        )
        view_menu.addSeparator()
        view_menu.addActions([self.larger_font, self.smaller_font])
        view_menu.addSeparator()
        view_menu.addActions([self.serif, self.sans])
        view_menu.addSeparator()
        theme_menu = view_menu.addMenu(QCoreApplication.translate("WindowActions", "&Theme"))
        theme_menu.addActions(list(self.themes.values()))
        width_menu = view_menu.addMenu(QCoreApplication.translate("WindowActions", "Line &Width"))
        width_menu.setObjectName("line-width-menu")
        width_menu.addActions(list(self.line_widths.values()))
        spacing_menu = view_menu.addMenu(
            QCoreApplication.translate("WindowActions", "Line &Spacing")
        )
        spacing_menu.setObjectName("line-spacing-menu")
        spacing_menu.addActions(list(self.line_spacings.values()))
        view_menu.addActions([self.related, self.highlights_pane, self.focus_mode])
        view_menu.addSeparator()
        view_menu.addAction(self.refresh)
        self.view_menu = view_menu

        article_menu = menu_bar.addMenu(QCoreApplication.translate("WindowActions", "&Article"))
        article_menu.addActions([self.toggle_read, self.toggle_favorite, self.archive])
        article_menu.addAction(self.mark_all_read)
        article_menu.addSeparator()
        article_menu.addActions([self.add_tag, self.open_original])
        article_menu.addSeparator()
        article_menu.addActions(list(self.highlight_actions))
        article_menu.addSeparator()
        article_menu.addAction(self.delete)

        help_menu = menu_bar.addMenu(QCoreApplication.translate("WindowActions", "&Help"))
        self.help_menu = help_menu
        help_menu.addAction(self.keyboard_shortcuts)
        help_menu.addAction(self.open_log_folder)
        help_menu.addSeparator()
        help_menu.addAction(self.about)

    def attach_shortcuts(
        self, window: QMainWindow, reading_widgets: list[QWidget], article_list: QWidget
    ) -> None:
        """Make every shortcut work whether or not the menu bar is shown."""
        local = (*self.reading_actions(), *self.list_actions())
        for action in window.findChildren(QAction):
            if action.shortcuts() and action not in local:
                window.addAction(action)
        for action in local:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for action in self.reading_actions():
            for widget in reading_widgets:
                widget.addAction(action)
        for action in self.list_actions():
            article_list.addAction(action)
