"""Help ▸ Save from Your Browser…: the two bookmarklets, and the switch for the second.

The first bookmarklet hands the page's address to Readshelf through the
``readshelf://`` scheme (the desktop file registers it), and Readshelf fetches
the page itself. The second posts the page as the browser shows it, for pages
behind a login or written by JavaScript; it needs the loopback endpoint,
which is off until the person turns it on here.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDrag, QGuiApplication, QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.browser_endpoint import BrowserSaving, address_script, bookmarklet, page_script

MOZ_URL = "text/x-moz-url"


def bookmark_mime(address: str, title: str) -> QMimeData:
    """What a link dragged onto a browser's bookmarks bar carries."""
    mime = QMimeData()
    mime.setUrls([QUrl(address)])
    mime.setText(address)
    # Firefox names the bookmark from this one (UTF-16: address, newline, title).
    mime.setData(MOZ_URL, f"{address}\n{title}".encode("utf-16-le"))
    return mime


class BookmarkletLink(QLabel):
    """A link to drag to the bookmarks bar (clicking it here does nothing)."""

    def __init__(self, title: str, address: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.address = address
        self._press: QPoint | None = None
        self.setText(f"<a href='#'>{title}</a>")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setAccessibleName(title)
        self.setToolTip(self.tr("Drag this to your browser's bookmarks bar"))

    def mime(self) -> QMimeData:
        return bookmark_mime(self.address, self.title)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position().toPoint()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None:
            return
        moved = event.position().toPoint() - self._press
        if moved.manhattanLength() < QGuiApplication.styleHints().startDragDistance():
            return
        self._press = None
        drag = QDrag(self)
        drag.setMimeData(self.mime())
        drag.exec(Qt.DropAction.CopyAction | Qt.DropAction.LinkAction)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._press = None


class BrowserDialog(QDialog):
    """Non-modal: the person drags from it into the browser."""

    def __init__(self, saving: BrowserSaving, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._saving = saving
        self.setObjectName("browser-dialog")
        self.setWindowTitle(self.tr("Save from Your Browser"))
        self.setMinimumWidth(480)

        intro = QLabel(
            self.tr(
                "Drag a button to your browser's bookmarks bar. Then, on a page you want"
                " to keep, click the bookmark."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.address_link = BookmarkletLink(
            self.tr("Save to Readshelf"), bookmarklet(address_script()), self
        )
        address_help = QLabel(
            self.tr("Sends the page's address; Readshelf fetches the page itself."), self
        )
        address_help.setWordWrap(True)

        self.enable_box = QCheckBox(
            self.tr("Let the browser send whole pages to Readshelf (on this computer only)"),
            self,
        )
        self.enable_box.setChecked(saving.settings.enabled)
        self.enable_box.toggled.connect(self._toggle)
        self.page_link = BookmarkletLink(self.tr("Send Page to Readshelf"), "", self)
        page_help = QLabel(
            self.tr(
                "For pages behind a login or written by JavaScript: sends the page as your"
                " browser shows it, while Readshelf is open. The bookmark holds a secret"
                " key; don't share it."
            ),
            self,
        )
        page_help.setWordWrap(True)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.hide()

        copy_address = QPushButton(self.tr("Copy"), self)
        copy_address.clicked.connect(lambda: self._copy(self.address_link))
        self.copy_page = QPushButton(self.tr("Copy"), self)
        self.copy_page.clicked.connect(lambda: self._copy(self.page_link))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(_row(self.address_link, copy_address))
        layout.addWidget(address_help)
        layout.addSpacing(12)
        layout.addWidget(self.enable_box)
        layout.addLayout(_row(self.page_link, self.copy_page))
        layout.addWidget(page_help)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self._update_page_link()

    def _toggle(self, enabled: bool) -> None:
        problem = self._saving.set_enabled(enabled)
        self.problem.setText(problem or "")
        self.problem.setVisible(problem is not None)
        self._update_page_link()

    def _update_page_link(self) -> None:
        enabled = self.enable_box.isChecked()
        self.page_link.address = bookmarklet(
            page_script(self._saving.port, self._saving.settings.token)
        )
        self.page_link.setEnabled(enabled)
        self.copy_page.setEnabled(enabled)

    def _copy(self, link: BookmarkletLink) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(link.address)


def _row(link: QWidget, button: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(link)
    row.addStretch(1)
    row.addWidget(button)
    return row
