"""Starting the window: the QApplication, the library, and the screenshot mode.

Also what makes the window the desktop's handler: one window per library (a
later start hands its sources over, ``ui.instance``), the sources a start
asks to save, the application icon, and pages sent from the browser
(``ui.browser_endpoint``, Help ▸ Save from Your Browser…).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QElapsedTimer,
    QEvent,
    QObject,
    QSettings,
    QSize,
    QTemporaryDir,
    QTimer,
)
from PySide6.QtGui import QAction, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from core.logs import setup_logging
from storage import Library, LibraryError
from ui.browser_dialog import BrowserDialog
from ui.browser_endpoint import BrowserSaving, EndpointSettings
from ui.diagnostics import CrashReporter, install_exception_hooks
from ui.drops import DropContent, DropItem
from ui.i18n import install_translations, saved_language
from ui.instance import InstanceServer, WindowSource, hand_over, parse_source
from ui.main_window import DEFAULT_SIZE, MainWindow
from ui.settings import APPLICATION, ORGANIZATION, WindowSettings, default_settings

logger = logging.getLogger(__name__)

APP_ID = "io.github.readshelf.Readshelf"
"""The desktop file's name and the AppStream id (``resources/desktop``)."""
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)

SCREENSHOT_TIMEOUT_MS = 20_000
# How long the window's own (GUI-thread) connection waits for another
# program's write: long enough for any single save, short enough that the
# window never looks frozen. Workers keep storage's longer default.
GUI_BUSY_TIMEOUT_SECONDS = 1.0
SETTLE_POLL_MS = 50


def application() -> QApplication:
    """The process's QApplication, created on first use."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Readshelf")
    # Wayland and the task bars match the window to the installed desktop file.
    QGuiApplication.setDesktopFileName(APP_ID)
    app.setWindowIcon(application_icon())
    return app


def application_icon() -> QIcon:
    """The icon in every size we ship (``resources/icons``)."""
    icon = QIcon()
    folder = resources.files("resources") / "icons"
    for size in ICON_SIZES:
        icon.addFile(str(folder / f"{APP_ID}-{size}.png"), QSize(size, size))
    return icon


def window_language(app: QApplication, *, reads_settings: bool = True) -> str:
    """Put the window in its language: ``READSHELF_LANG``, else the View →
    Language choice (unless ``reads_settings`` is False: a screenshot reads
    no settings), else the system's. Call it before building any widget:
    texts are translated as they are set. Returns "en" or "vi"."""
    saved = saved_language(default_settings()) if reads_settings else None
    return install_translations(app, saved)


def window_sources(arguments: Sequence[str]) -> list[WindowSource]:
    """What the start's arguments ask to save; ``ValueError`` names the first
    that cannot be saved."""
    return [parse_source(argument) for argument in arguments]


class DesktopHandler(QObject):
    """The window's side of being the desktop's handler: it takes sources
    handed over by later starts and pages from the browser, and saves them
    through the window's own saving, like a drop."""

    def __init__(self, window: MainWindow, library_path: Path) -> None:
        super().__init__(window)
        self._window = window
        self.instance = InstanceServer(library_path, self)
        if not self.instance.listen():
            # Later starts then open windows of their own: worth a log line, not a notice.
            logger.warning(
                "cannot listen on %s: later starts open another window", self.instance.name
            )
        self.instance.sources_received.connect(self._handed_over)
        self.browser = BrowserSaving(EndpointSettings(default_settings()), self)
        self.browser.page_file.connect(self._save_page)
        self.browser.failed.connect(window.notify_error)
        self.dialog: BrowserDialog | None = None
        self.browser_action = QAction(self.tr("Save from Your &Browser…"), window)
        self.browser_action.setObjectName("save-from-browser")
        self.browser_action.triggered.connect(self.show_browser_dialog)
        help_menu = window.commands.help_menu
        help_menu.insertAction(help_menu.actions()[0], self.browser_action)

    def start(self) -> None:
        problem = self.browser.start_if_enabled()
        if problem is not None:
            self._window.notify_error(problem)

    def stop(self) -> None:
        self.instance.close()
        self.browser.stop()

    def save(self, sources: Sequence[WindowSource]) -> None:
        """Save what a start asked for, the way a drop on the window would."""
        items = [
            DropItem("url", source.value, title=source.title)
            for source in sources
            if source.kind == "url"
        ]
        if items:
            self._window.saving.save_content(DropContent(items=items))
        files = [source.value for source in sources if source.kind == "file"]
        if files:
            self._window.saving.import_paths(files)

    def show_browser_dialog(self) -> BrowserDialog:
        if self.dialog is None:
            self.dialog = BrowserDialog(self.browser, self._window)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog

    def _handed_over(self, sources: list[WindowSource]) -> None:
        window = self._window
        if window.isMinimized():
            window.showNormal()
        window.raise_()
        # X11 window managers may refuse focus stealing: then the task bar flashes.
        window.activateWindow()
        self.save(sources)

    def _save_page(self, path: str) -> None:
        self._window.saving.save_content(DropContent(items=[DropItem("file", path)]))


def run_window(
    library_path: Path,
    *,
    sources: Sequence[str] = (),
    open_article: int | None = None,
    screenshot: Path | None = None,
    size: tuple[int, int] | None = None,
    theme: str | None = None,
) -> int:
    """Open the window on ``library_path`` and return the exit status.

    With ``screenshot``, render the window offscreen once everything has
    loaded (pictures and similar articles included), write a PNG and return 0.
    A screenshot session changes nothing: the person's settings are not read
    or written, and opening an article does not mark it read.

    ``sources`` are saved once the window is up. When a window is already
    open on this library they are handed to it instead (it comes to the
    front) and this returns 0 at once.
    """
    setup_logging()
    try:
        wanted = window_sources(sources)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr, flush=True)
        return 1
    if screenshot is None and hand_over(library_path, wanted):
        return 0
    app = application()
    window_language(app, reads_settings=screenshot is None)
    try:
        library = Library(library_path, busy_timeout=GUI_BUSY_TIMEOUT_SECONDS)
    except LibraryError as error:
        print(f"error: cannot open library {library_path}: {error}", file=sys.stderr)
        return 1
    if screenshot is not None:
        if open_article is not None and not library.article_exists(open_article):
            print(f"error: no article with id {open_article}", file=sys.stderr)
            library.close()
            return 1
        return _screenshot(app, library, screenshot, open_article, size, theme)
    window = MainWindow(library, WindowSettings(default_settings()), theme=theme)
    if size is not None:
        window.use_default_layout(QSize(*size))
    reporter = CrashReporter(window.notify_error, window)
    restore_hooks = install_exception_hooks(reporter)
    handler = DesktopHandler(window, library_path)
    window.open_initial_article(open_article)
    window.show()
    window.article_list.setFocus()
    handler.start()
    handler.save(wanted)
    try:
        return int(app.exec())
    finally:
        handler.stop()
        restore_hooks()
        _dispose(window)
        library.close()


def _screenshot(
    app: QApplication,
    library: Library,
    path: Path,
    open_article: int | None,
    size: tuple[int, int] | None,
    theme: str | None,
) -> int:
    scratch = QTemporaryDir()
    settings = QSettings(f"{scratch.path()}/screenshot.ini", QSettings.Format.IniFormat)
    window = MainWindow(
        library, WindowSettings(settings, writable=False), theme=theme, writes_enabled=False
    )
    window.use_default_layout(QSize(*size) if size is not None else DEFAULT_SIZE)
    window.open_initial_article(open_article)
    window.show()
    window.article_list.setFocus()
    status = _wait_until_settled(app, window)
    image = window.grab()
    window.close()
    _dispose(window)
    library.close()
    if not image.save(str(path), "PNG"):
        print(f"error: cannot write the screenshot to {path}", file=sys.stderr)
        return 1
    return status


def _dispose(window: MainWindow) -> None:
    """Delete the window now, on this (the GUI) thread, not whenever Python's
    cycle collector happens to run, possibly in a worker thread."""
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _wait_until_settled(app: QApplication, window: MainWindow) -> int:
    """Run the event loop until background work is done and the window painted."""
    clock = QElapsedTimer()
    clock.start()
    quiet_polls = 0

    def poll() -> None:
        nonlocal quiet_polls
        quiet_polls = quiet_polls + 1 if window.settled() else 0
        # Two quiet polls in a row: results delivered and laid out.
        if quiet_polls >= 2 or clock.elapsed() > SCREENSHOT_TIMEOUT_MS:
            timer.stop()
            app.exit(0)

    timer = QTimer()
    timer.setInterval(SETTLE_POLL_MS)
    timer.timeout.connect(poll)
    timer.start()
    app.exec()
    return 0
