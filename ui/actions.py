"""Every command of the window as a QAction, and the menu bar built from them.

Menus and keys share one QAction per command, so a command has one shortcut,
one enabled state and one place to be triggered from in tests. Standard keys
(open, paste, find, delete, undo, zoom, quit) come from QKeySequence so each
platform gets its own.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMenuBar, QWidget

from ui.sidebar_model import HIGHLIGHTS_VIEW, LIBRARY_VIEWS
from ui.themes import THEME_LABELS, THEME_NAMES

StandardKey = QKeySequence.StandardKey


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
    help_menu: QMenu
    """Kept after ``build_menus`` for commands that add their own entries."""

    def __init__(self, window: QMainWindow) -> None:
        # File
        self.save_address = _action(
            window, "Save from &Address…", "Ctrl+L", "Ctrl+N", tip="Save a web page by its address"
        )
        self.import_files = _action(
            window,
            "&Import Files…",
            StandardKey.Open,
            tip="Save articles from HTML, MHTML, text or Markdown files; import OPML feed lists",
        )
        self.subscribe = _action(
            window,
            "&Subscribe to Feed…",
            "Ctrl+Shift+N",
            tip="Follow a feed: its new articles are saved as they come out",
        )
        # Some platforms bind no key to Quit; Ctrl+Q is what people expect there.
        self.quit = _action(window, "&Quit", StandardKey.Quit)
        if not self.quit.shortcuts():
            self.quit.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)

        # Edit
        self.undo = _action(window, "&Undo Delete", StandardKey.Undo)
        self.paste = _action(
            window,
            "&Paste Links or Files",
            StandardKey.Paste,
            tip="Save the links, files or web page selection on the clipboard",
        )
        self.find = _action(window, "&Find…", StandardKey.Find, tip="Search the library")
        self.rename_tag = _action(window, "&Rename Tag…")
        self.merge_tag = _action(window, "&Merge Tag Into…")
        self.delete_tag = _action(window, "D&elete Tag…")

        # View
        self.views: dict[str, QAction] = {}
        for number, view in enumerate(LIBRARY_VIEWS, start=1):
            self.views[view.key] = _action(window, view.label, f"Ctrl+{number}")
        self.views[HIGHLIGHTS_VIEW] = _action(
            window,
            QCoreApplication.translate("WindowActions", "&Highlights"),
            f"Ctrl+{len(LIBRARY_VIEWS) + 1}",
            tip=QCoreApplication.translate(
                "WindowActions", "Every highlight and note in the library, newest first"
            ),
        )
        self.next_article = _action(window, "&Next Article", "J")
        self.previous_article = _action(window, "&Previous Article", "K")
        self.page_down = _action(window, "Page &Down", "Space")
        self.page_up = _action(window, "Page &Up", "Shift+Space")
        self.larger_font = _action(
            window,
            "&Larger Text (A+)",
            StandardKey.ZoomIn,
            "Ctrl+=",
            tip="Larger text in the reader",
        )
        self.smaller_font = _action(
            window, "&Smaller Text (A−)", StandardKey.ZoomOut, tip="Smaller text in the reader"
        )
        self.font_group = QActionGroup(window)
        self.serif = _action(window, "Se&rif", tip="Serif type in the reader")
        self.sans = _action(window, "S&ans Serif", tip="Sans-serif type in the reader")
        for action in (self.serif, self.sans):
            action.setCheckable(True)
            self.font_group.addAction(action)
        self.theme_group = QActionGroup(window)
        self.themes: dict[str, QAction] = {}
        for name in THEME_NAMES:
            action = _action(window, THEME_LABELS[name], tip=f"{THEME_LABELS[name]} reader theme")
            action.setCheckable(True)
            action.setData(name)
            self.theme_group.addAction(action)
            self.themes[name] = action
        self.related = _action(
            window,
            "&Related Stories",
            "F9",
            tip="Show or hide the related stories under the reader",
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
            "Re&fresh Feeds",
            "F5",
            StandardKey.Refresh,
            tip="Check every feed for new articles now",
        )

        # Article
        self.toggle_read = _action(window, "Mark &Read / Unread", "M")
        self.toggle_favorite = _action(window, "&Favourite", "S")
        self.archive = _action(window, "&Archive", "E")
        self.add_tag = _action(window, "Add &Tag…", "T")
        self.open_original = _action(window, "&Open Original in Browser", "O")
        self.delete = _action(window, "&Delete", StandardKey.Delete)
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

        # Help
        self.open_log_folder = _action(
            window,
            "Open &Log Folder",
            tip="Show the folder with Readshelf's log, to attach to a bug report",
        )
        self.about = _action(window, "&About Readshelf")
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

    def reading_actions(self) -> tuple[QAction, ...]:
        """Keys that would steal Space from buttons: active only over list and reader."""
        return (self.page_down, self.page_up)

    def build_menus(self, menu_bar: QMenuBar) -> None:
        file_menu = menu_bar.addMenu("&File")
        self.file_menu = file_menu
        file_menu.addActions([self.save_address, self.import_files])
        file_menu.addSeparator()
        file_menu.addAction(self.subscribe)
        file_menu.addSeparator()
        file_menu.addAction(self.quit)

        edit_menu = menu_bar.addMenu("&Edit")
        edit_menu.addActions([self.undo, self.paste])
        edit_menu.addSeparator()
        edit_menu.addAction(self.find)
        edit_menu.addSeparator()
        edit_menu.addActions(list(self.tag_actions))

        view_menu = menu_bar.addMenu("&View")
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
        theme_menu = view_menu.addMenu("&Theme")
        theme_menu.addActions(list(self.themes.values()))
        view_menu.addActions([self.related, self.highlights_pane])
        view_menu.addSeparator()
        view_menu.addAction(self.refresh)

        article_menu = menu_bar.addMenu("&Article")
        article_menu.addActions([self.toggle_read, self.toggle_favorite, self.archive])
        article_menu.addSeparator()
        article_menu.addActions([self.add_tag, self.open_original])
        article_menu.addSeparator()
        article_menu.addActions(list(self.highlight_actions))
        article_menu.addSeparator()
        article_menu.addAction(self.delete)

        help_menu = menu_bar.addMenu("&Help")
        self.help_menu = help_menu
        help_menu.addAction(self.open_log_folder)
        help_menu.addSeparator()
        help_menu.addAction(self.about)

    def attach_shortcuts(self, window: QMainWindow, reading_widgets: list[QWidget]) -> None:
        """Make every shortcut work whether or not the menu bar is shown."""
        for action in window.findChildren(QAction):
            if action.shortcuts() and action not in self.reading_actions():
                window.addAction(action)
        for action in self.reading_actions():
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            for widget in reading_widgets:
                widget.addAction(action)
