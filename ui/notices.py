"""In-window notices: a quiet banner for a result, a failure or an Undo.

Never a modal box: a failure to save one link must not stop the person
reading. The notices float over the bottom of the reader, in no layout: one
coming or going never moves a pane (a row aimed at must stay under the
pointer). A plain notice closes itself after a while (errors stay longer);
one with an action button stays until it is used or dismissed, or 15 s
after the pointer leaves it. The pointer on a notice stops its clock. The ×
button or Escape closes any of them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QEnterEvent, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractScrollArea,
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
ACTION_LEAVE_TIMEOUT_MS = 15_000
"""How long a notice with an action stays once the pointer has left it."""
MAX_VISIBLE = 4
MAX_WIDTH = 720
"""The reader's text column: a notice no wider than what it covers."""
MARGIN = 8


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
        *,
        leave_timeout_ms: int = ACTION_LEAVE_TIMEOUT_MS,
    ) -> None:
        """``timeout_ms``: how long a notice without actions stays (0: until
        dismissed). One with actions has no clock until the pointer has been
        on it and left: then ``leave_timeout_ms``."""
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
        self._timeout_ms = leave_timeout_ms if actions else timeout_ms
        self._finished = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._expire)
        if not actions:
            self.restart()

    @property
    def counting_down(self) -> bool:
        """Whether the notice's clock runs: it goes when it runs out."""
        return self._timer.isActive()

    def restart(self) -> None:
        """Said again, or the pointer left: stay up for the full time from now."""
        if self._timeout_ms > 0 and not self._finished:
            self._timer.start(self._timeout_ms)

    def enterEvent(self, event: QEnterEvent) -> None:
        # Being read, or about to be clicked: it must not go now.
        self._timer.stop()
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self.restart()
        super().leaveEvent(event)

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
        """Finish as if the time ran out (used when the window closes, or
        when newer notices push it out)."""
        if not self._finished:
            self._timer.stop()
            self._expire()

    def dismiss(self) -> None:
        if self._finished:
            return
        self._finished = True
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
    """A column of notices floating over the bottom of its host (the
    reader), newest last; in no layout, so it never moves anything."""

    def __init__(
        self, host: QWidget | None = None, *, leave_timeout_ms: int = ACTION_LEAVE_TIMEOUT_MS
    ) -> None:
        super().__init__(host)
        self.setAccessibleName(QCoreApplication.translate("NoticeArea", "Notices"))
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self._notices: list[Notice] = []
        self._leave_timeout_ms = leave_timeout_ms
        self._host: QWidget | None = None
        self._watched: list[QWidget] = []
        self._watch(host)
        self.hide()

    def _watch(self, host: QWidget | None) -> None:
        """Follow the host's size (it is whatever the area is a child of),
        and a scroll area's viewport: it is resized after the area itself."""
        for watched in self._watched:
            watched.removeEventFilter(self)
        self._host = host
        self._watched = []
        if host is not None:
            self._watched.append(host)
            if isinstance(host, QAbstractScrollArea):
                self._watched.append(host.viewport())
        for watched in self._watched:
            watched.installEventFilter(self)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ParentChange:
            self._watch(self.parentWidget())
            self._place()
        elif event.type() == QEvent.Type.LayoutRequest:
            handled = super().event(event)
            self._place()  # a notice came, went or wrapped differently
            return handled
        return super().event(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched in self._watched and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._place()
        return False

    def _place(self) -> None:
        """Across the bottom of the host's visible area (above a scroll
        area's scroll bar), as tall as the notices, on top of everything."""
        host = self._host
        if host is None or not self._notices:
            return
        area: QRect = (
            host.viewport().geometry() if isinstance(host, QAbstractScrollArea) else host.rect()
        )
        width = max(0, min(area.width() - 2 * MARGIN, MAX_WIDTH))
        self._layout.activate()
        height = (
            self._layout.totalHeightForWidth(width)
            if self._layout.hasHeightForWidth()
            else self._layout.totalSizeHint().height()
        )
        height = max(0, min(height, area.height() - MARGIN))
        left = area.left() + (area.width() - width) // 2
        top = area.top() + area.height() - MARGIN - height
        self.setGeometry(left, top, width, height)
        self.raise_()

    def show_notice(
        self,
        message: str,
        *,
        kind: NoticeKind = "info",
        actions: Sequence[NoticeAction] = (),
        timeout_ms: int | None = None,
    ) -> Notice:
        """``timeout_ms`` is for a notice without actions (see ``Notice``)."""
        if timeout_ms is None:
            timeout_ms = ERROR_TIMEOUT_MS if kind == "error" else INFO_TIMEOUT_MS
        if not actions:
            # The same message again (a library busy for a while) stays one line.
            for shown in self._notices:
                if (shown.message, shown.kind, shown.has_actions) == (message, kind, False):
                    shown.restart()
                    return shown
        notice = Notice(
            message, kind, actions, timeout_ms, self, leave_timeout_ms=self._leave_timeout_ms
        )
        notice.closed.connect(lambda: self._forget(notice))
        self._notices.append(notice)
        self._layout.addWidget(notice)
        while len(self._notices) > MAX_VISIBLE:
            # The oldest goes as if its time ran out: an Undo it offered is
            # then settled the way the person would expect from waiting.
            self._notices[0].expire_now()
        self.show()
        self._place()
        return notice

    def _forget(self, notice: Notice) -> None:
        if notice in self._notices:
            self._notices.remove(notice)
        if not self._notices:
            self.hide()
        else:
            self._place()

    def notices(self) -> list[Notice]:
        return list(self._notices)

    def messages(self) -> list[str]:
        return [notice.message for notice in self._notices]
