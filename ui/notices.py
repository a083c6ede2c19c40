"""In-window notices: a quiet banner for a result, a failure or an Undo.

Never a modal box: a failure to save one link must not stop the person
reading. Each notice closes itself after a while (errors stay longer), or
with its × button or Escape.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

NoticeKind = Literal["info", "error"]

INFO_TIMEOUT_MS = 6_000
ERROR_TIMEOUT_MS = 15_000
MAX_VISIBLE = 4


@dataclass(frozen=True)
class NoticeAction:
    label: str
    callback: Callable[[], None]


class Notice(QFrame):
    """One banner: a message, optional action buttons, and a close button."""

    closed = Signal()
    expired = Signal()
    """Closed by its timer, not by the person (Undo uses this to commit)."""

    def __init__(
        self,
        message: str,
        kind: NoticeKind,
        actions: Sequence[NoticeAction],
        timeout_ms: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self.message = message
        self.setObjectName("notice-error" if kind == "error" else "notice")
        self.setAccessibleName(
            QCoreApplication.translate("Notice", "Error")
            if kind == "error"
            else QCoreApplication.translate("Notice", "Notice")
        )
        self.setAccessibleDescription(message)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self._style(kind)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 6, 6)
        layout.setSpacing(8)
        self.label = QLabel(message, self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label, 1)
        self.buttons: dict[str, QPushButton] = {}
        for action in actions:
            button = QPushButton(action.label, self)
            button.setAccessibleName(action.label)
            button.clicked.connect(lambda _checked=False, run=action.callback: self._run(run))
            layout.addWidget(button)
            self.buttons[action.label] = button
        close = QPushButton("×", self)
        close.setFlat(True)
        close.setFixedWidth(28)
        close.setToolTip(QCoreApplication.translate("Notice", "Dismiss"))
        close.setAccessibleName(QCoreApplication.translate("Notice", "Dismiss notice"))
        close.clicked.connect(self.dismiss)
        layout.addWidget(close)

        self.has_actions = bool(actions)
        self._timeout_ms = timeout_ms
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._expire)
        if timeout_ms > 0:
            self._timer.start(timeout_ms)

    def restart(self) -> None:
        """Said again: stay up for the full time from now."""
        if self._timeout_ms > 0:
            self._timer.start(self._timeout_ms)

    def _style(self, kind: NoticeKind) -> None:
        # The application's palette, not the widget's: a theme chosen a moment
        # ago (at startup, say) reaches widgets only when events are processed.
        palette = QApplication.palette()
        base = palette.color(QPalette.ColorRole.Window)
        dark = base.lightnessF() < 0.5
        if kind == "error":
            background = "#4a2626" if dark else "#fbe9e7"
            edge = "#c2544d"
        else:
            background = "#263445" if dark else "#eaf1fb"
            edge = "#5b8fd6"
        text = palette.color(QPalette.ColorRole.WindowText).name()
        self.setStyleSheet(
            f"#{self.objectName()} {{ background: {background}; border: none;"
            f" border-left: 4px solid {edge}; border-radius: 4px; }}"
            f" QLabel {{ color: {text}; }}"
        )

    def _run(self, callback: Callable[[], None]) -> None:
        self._timer.stop()
        self.hide()
        callback()
        self.dismiss()

    def _expire(self) -> None:
        self.expired.emit()
        self.dismiss()

    def expire_now(self) -> None:
        """Finish as if the time ran out (used when the window closes)."""
        if self._timer.isActive():
            self._timer.stop()
            self._expire()

    def dismiss(self) -> None:
        if self.isHidden() and self.parent() is None:
            return
        self._timer.stop()
        self.hide()
        self.closed.emit()
        self.setParent(None)
        self.deleteLater()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.dismiss()
            return
        super().keyPressEvent(event)


class NoticeArea(QWidget):
    """A column of notices at the bottom of the window, newest last."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(QCoreApplication.translate("NoticeArea", "Notices"))
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(8, 0, 8, 6)
        self._layout.setSpacing(4)
        self._notices: list[Notice] = []
        self.hide()

    def show_notice(
        self,
        message: str,
        *,
        kind: NoticeKind = "info",
        actions: Sequence[NoticeAction] = (),
        timeout_ms: int | None = None,
    ) -> Notice:
        if timeout_ms is None:
            timeout_ms = ERROR_TIMEOUT_MS if kind == "error" else INFO_TIMEOUT_MS
        if not actions:
            # The same message again (a library busy for a while) stays one line.
            for shown in self._notices:
                if (shown.message, shown.kind, shown.has_actions) == (message, kind, False):
                    shown.restart()
                    return shown
        notice = Notice(message, kind, actions, timeout_ms, self)
        notice.closed.connect(lambda: self._forget(notice))
        self._notices.append(notice)
        self._layout.addWidget(notice)
        while len(self._notices) > MAX_VISIBLE:
            # The oldest goes as if its time ran out: an Undo it offered is
            # then settled the way the person would expect from waiting.
            oldest = self._notices[0]
            oldest.expire_now()
            if oldest in self._notices:
                oldest.dismiss()
        self.show()
        return notice

    def _forget(self, notice: Notice) -> None:
        if notice in self._notices:
            self._notices.remove(notice)
        if not self._notices:
            self.hide()

    def notices(self) -> list[Notice]:
        return list(self._notices)

    def messages(self) -> list[str]:
        return [notice.message for notice in self._notices]
