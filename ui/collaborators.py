"""What the command classes (``*_commands.py``) are given instead of the window.

Each command class gets the few things it uses: the library, the task
runner, the models and widgets it changes, ``Feedback`` to tell the person
how it went, and the two window roles below. The window plays both roles;
the protocols say how little of it a command may touch.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtWidgets import QStatusBar

from storage import Article
from ui.notices import Notice, NoticeAction, NoticeArea, NoticeKind

STATUS_MESSAGE_MS = 5_000


class Feedback:
    """Where commands tell the person how things went: a notice (stays until
    read or timed out) or a passing status-bar message."""

    def __init__(self, notices: NoticeArea, status_bar: QStatusBar) -> None:
        self.notices = notices
        self._status_bar = status_bar

    def notify(self, message: str) -> None:
        self.notices.show_notice(message)

    def notify_error(self, message: str) -> None:
        self.notices.show_notice(message, kind="error")

    def show_notice(
        self,
        message: str,
        *,
        kind: NoticeKind = "info",
        actions: Sequence[NoticeAction] = (),
        timeout_ms: int | None = None,
    ) -> Notice:
        return self.notices.show_notice(message, kind=kind, actions=actions, timeout_ms=timeout_ms)

    def say(self, message: str, timeout_ms: int = STATUS_MESSAGE_MS) -> None:
        self._status_bar.showMessage(message, timeout_ms)


class OpenArticle(Protocol):
    """The article in the reader."""

    @property
    def current_article(self) -> Article | None: ...

    def open_article(self, article_id: int, *, select_in_list: bool = True) -> None: ...

    def reload_current(self) -> None: ...

    def close_article(self) -> None: ...


class ViewUpdates(Protocol):
    """Bringing what the window shows up to date after a change."""

    def after_change(self, ids: Sequence[int]) -> None:
        """These articles changed state: their rows and the sidebar counts."""

    def refresh_views(self, then: Callable[[], object] | None = None) -> None:
        """The sidebar, the list and the status line, read again; ``then``
        runs once the sidebar shows what was read (it is read off the GUI
        thread)."""

    def library_changed(self) -> None:
        """Much changed: everything read again, the open article checked."""

    def update_status(self) -> None: ...

    def update_actions(self) -> None: ...
