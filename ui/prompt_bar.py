"""A slim bar above the content that asks for one thing without a dialog.

Used for "add a tag", "save from an address", renaming and merging tags,
renaming and re-tagging feeds, and confirming a tag's deletion or an
unsubscription (which may offer a second way to go ahead). Enter accepts,
Escape cancels, and focus goes back where it was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)


class ListCompleter(QCompleter):
    """Completes the last item of a comma-separated list (``news, ha n|``)."""

    def __init__(self, words: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(QStringListModel(list(words), self))
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(",", 1)[-1].strip()]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        chosen = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        widget = self.widget()
        text = widget.text() if isinstance(widget, QLineEdit) else ""
        head = text.rsplit(",", 1)[0] + ", " if "," in text else ""
        return head + chosen


class _PromptLineEdit(QLineEdit):
    def __init__(self, bar: PromptBar) -> None:
        super().__init__(bar)
        self._bar = bar

    def keyPressEvent(self, event: QKeyEvent) -> None:
        completer = self.completer()
        popup = completer.popup() if completer is not None else None
        popup_open = popup is not None and popup.isVisible()
        if event.key() == Qt.Key.Key_Escape and not popup_open:
            self._bar.cancel()
            return
        super().keyPressEvent(event)


class PromptBar(QFrame):
    """Asks for a line of text, or for a yes, in place."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("prompt-bar")
        self.setAccessibleName(QCoreApplication.translate("PromptBar", "Prompt"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(8)
        self.label = QLabel(self)
        self.field = _PromptLineEdit(self)
        self.field.setClearButtonEnabled(True)
        self.field.setMinimumWidth(280)
        self.label.setBuddy(self.field)
        self.accept_button = QPushButton(QCoreApplication.translate("PromptBar", "OK"), self)
        self.accept_button.setDefault(True)
        self.alternative_button = QPushButton(self)
        self.cancel_button = QPushButton(QCoreApplication.translate("PromptBar", "Cancel"), self)
        layout.addWidget(self.label)
        layout.addWidget(self.field, 1)
        layout.addStretch(0)
        layout.addWidget(self.accept_button)
        layout.addWidget(self.alternative_button)
        layout.addWidget(self.cancel_button)
        self.field.returnPressed.connect(self.accept)
        self.accept_button.clicked.connect(self.accept)
        self.alternative_button.clicked.connect(self.accept_alternative)
        self.cancel_button.clicked.connect(self.cancel)
        self._on_text: Callable[[str], None] | None = None
        self._on_confirm: Callable[[], None] | None = None
        self._on_alternative: Callable[[], None] | None = None
        self._allow_empty = False
        self._return_focus: QWidget | None = None
        self.alternative_button.hide()
        self.hide()

    def _open(self, label: str, accept_label: str) -> None:
        focused = QApplication.focusWidget()
        if focused is not None and not self.isAncestorOf(focused):
            self._return_focus = focused
        self.label.setText(label)
        self.accept_button.setText(accept_label)
        self.accept_button.setAccessibleName(accept_label)
        self.show()

    def ask_text(
        self,
        label: str,
        on_accept: Callable[[str], None],
        *,
        accept_label: str | None = None,
        placeholder: str = "",
        initial: str = "",
        completions: Sequence[str] = (),
        allow_empty: bool = False,
    ) -> None:
        """Ask for a line of text; ``allow_empty`` lets "" be an answer (no tag)."""
        if accept_label is None:
            accept_label = QCoreApplication.translate("PromptBar", "OK")
        self._on_confirm = None
        self._set_alternative(None)
        self._on_text = on_accept
        self._allow_empty = allow_empty
        self.field.show()
        self.field.setText(initial)
        self.field.setPlaceholderText(placeholder)
        self.field.setAccessibleName(label.rstrip(":"))
        if completions:
            self.field.setCompleter(ListCompleter(completions, self.field))
        else:
            # Qt takes a null completer to mean "none"; the stubs do not say so.
            self.field.setCompleter(None)  # type: ignore[arg-type]
        self._open(label, accept_label)
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def confirm(
        self,
        message: str,
        on_confirm: Callable[[], None],
        *,
        accept_label: str,
        alternative: tuple[str, Callable[[], None]] | None = None,
    ) -> None:
        """Ask for a yes; ``alternative`` adds a second way to go ahead."""
        self._on_text = None
        self._on_confirm = on_confirm
        self._set_alternative(alternative)
        self.field.hide()
        self._open(message, accept_label)
        self.cancel_button.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _set_alternative(self, alternative: tuple[str, Callable[[], None]] | None) -> None:
        if alternative is None:
            self._on_alternative = None
            self.alternative_button.hide()
            return
        label, self._on_alternative = alternative
        self.alternative_button.setText(label)
        self.alternative_button.setAccessibleName(label)
        self.alternative_button.show()

    @property
    def active(self) -> bool:
        return self.isVisible()

    def accept(self) -> None:
        on_text, on_confirm = self._on_text, self._on_confirm
        text = self.field.text().strip()
        if on_text is not None and not text and not self._allow_empty:
            return
        self._close()
        if on_text is not None:
            on_text(text)
        elif on_confirm is not None:
            on_confirm()

    def accept_alternative(self) -> None:
        on_alternative = self._on_alternative
        self._close()
        if on_alternative is not None:
            on_alternative()

    def cancel(self) -> None:
        self._close()

    def _close(self) -> None:
        self._on_text = self._on_confirm = self._on_alternative = None
        self._allow_empty = False
        self.hide()
        if self._return_focus is not None:
            self._return_focus.setFocus(Qt.FocusReason.OtherFocusReason)
            self._return_focus = None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.cancel()
            return
        super().keyPressEvent(event)
