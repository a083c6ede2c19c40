"""Starting the window: the QApplication, the library, and the screenshot mode."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QElapsedTimer,
    QEvent,
    QSettings,
    QSize,
    QTemporaryDir,
    QTimer,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from core.logs import setup_logging
from storage import Library, LibraryError
from ui.diagnostics import CrashReporter, install_exception_hooks
from ui.main_window import DEFAULT_SIZE, MainWindow
from ui.settings import APPLICATION, ORGANIZATION, WindowSettings, default_settings

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
    QGuiApplication.setDesktopFileName("readshelf")
    return app


def run_window(
    library_path: Path,
    *,
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
    """
    app = application()
    setup_logging()
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
    window.open_initial_article(open_article)
    window.show()
    window.article_list.setFocus()
    try:
        return int(app.exec())
    finally:
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
