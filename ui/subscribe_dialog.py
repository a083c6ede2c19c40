"""The small "Subscribe to Feed" dialog: an address, a tag, a mode.

It only gathers the request: subscribing (fetching the feed and its
articles) runs in the background after the dialog has closed, so the window
is never held up by a slow site.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from core.models import FeedMode
from ui.drops import is_web_url
from ui.prompt_bar import ListCompleter

# Marked for lupdate, translated when the dialog is built.
MODE_CHOICES: tuple[tuple[FeedMode, str, str], ...] = (
    (
        "full",
        str(QT_TRANSLATE_NOOP("SubscribeDialog", "Save each article's web page")),
        str(
            QT_TRANSLATE_NOOP(
                "SubscribeDialog", "The complete article with its pictures, fetched from the site."
            )
        ),
    ),
    (
        "feed",
        str(QT_TRANSLATE_NOOP("SubscribeDialog", "Use the text in the feed")),
        str(
            QT_TRANSLATE_NOOP(
                "SubscribeDialog", "Faster and lighter; some feeds carry only a summary."
            )
        ),
    ),
)


@dataclass(frozen=True)
class SubscribeRequest:
    url: str
    tag: str | None
    mode: FeedMode


def normalized_address(text: str) -> str:
    """What was typed, as a web address: ``vnexpress.net/rss`` gains https://."""
    address = text.strip()
    if address and "://" not in address and "." in address.split("/")[0]:
        address = "https://" + address
    return address


class SubscribeDialog(QDialog):
    subscribe_requested = Signal(object)
    """The person pressed Subscribe: a ``SubscribeRequest``."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        tags: Sequence[str] = (),
        request: SubscribeRequest | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("subscribe-dialog")
        self.setWindowTitle(QCoreApplication.translate("SubscribeDialog", "Subscribe to Feed"))
        self.setMinimumWidth(460)

        self.url_field = QLineEdit(self)
        self.url_field.setPlaceholderText("https://example.com/feed.xml")
        self.url_field.setAccessibleName(
            QCoreApplication.translate("SubscribeDialog", "Feed or website address")
        )
        self.url_field.setClearButtonEnabled(True)
        self.tag_field = QLineEdit(self)
        self.tag_field.setPlaceholderText(QCoreApplication.translate("SubscribeDialog", "no tag"))
        self.tag_field.setAccessibleName(
            QCoreApplication.translate("SubscribeDialog", "Tag for the feed's articles")
        )
        if tags:
            self.tag_field.setCompleter(ListCompleter(tags, self.tag_field))

        self.mode_buttons: dict[FeedMode, QRadioButton] = {}
        self._modes = QButtonGroup(self)
        for mode, choice, about in MODE_CHOICES:
            label = QCoreApplication.translate("SubscribeDialog", choice)
            explanation = QCoreApplication.translate("SubscribeDialog", about)
            button = QRadioButton(label, self)
            button.setToolTip(explanation)
            button.setAccessibleDescription(explanation)
            self._modes.addButton(button)
            self.mode_buttons[mode] = button

        hint = QLabel(
            QCoreApplication.translate(
                "SubscribeDialog",
                "A feed's address, or a website's: the first feed the page links to is used.",
            ),
            self,
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)  # muted: a hint, not a field

        form = QFormLayout()
        form.addRow(QCoreApplication.translate("SubscribeDialog", "&Address:"), self.url_field)
        form.addRow("", hint)
        form.addRow(QCoreApplication.translate("SubscribeDialog", "&Tag:"), self.tag_field)
        mode_box = QVBoxLayout()
        mode_box.setSpacing(2)
        for button in self.mode_buttons.values():
            mode_box.addWidget(button)
        form.addRow(QCoreApplication.translate("SubscribeDialog", "Articles:"), mode_box)

        self.buttons = QDialogButtonBox(self)
        self.subscribe_button: QPushButton = self.buttons.addButton(
            QCoreApplication.translate("SubscribeDialog", "Subscribe"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.subscribe_button.setDefault(True)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        self.url_field.textChanged.connect(self._address_changed)
        chosen = request or SubscribeRequest("", None, "full")
        self.url_field.setText(chosen.url)
        self.tag_field.setText(chosen.tag or "")
        self.mode_buttons[chosen.mode].setChecked(True)
        self._address_changed(chosen.url)
        self.url_field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _address_changed(self, text: str) -> None:
        self.subscribe_button.setEnabled(is_web_url(normalized_address(text)))

    def request(self) -> SubscribeRequest:
        mode: FeedMode = "full"
        for choice, button in self.mode_buttons.items():
            if button.isChecked():
                mode = choice
        return SubscribeRequest(
            normalized_address(self.url_field.text()), self.tag_field.text().strip() or None, mode
        )

    def accept(self) -> None:
        if not self.subscribe_button.isEnabled():
            return
        super().accept()
        self.subscribe_requested.emit(self.request())
