"""Commands on articles: read/unread, favourite, archive, tags, original, delete.

They act on the articles selected in the list, or on the open article when
nothing is selected, and update the list rows and sidebar counts in place.
They run on the GUI thread; a library another program keeps busy, or a full
disk, is one line in the notice area (``reported``), never a traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices

from core.models import ArticleStatus
from storage import ArticleFilter, LibraryError
from ui.deletions import PendingDeletions
from ui.formatting import plural
from ui.library_errors import reported
from ui.notices import Notice, NoticeAction

if TYPE_CHECKING:
    from ui.main_window import MainWindow

UNDO_TIMEOUT_MS = 8_000
STATUS_MESSAGE_MS = 4_000


class ArticleCommands(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.deletions = PendingDeletions(window.library, self)
        self.deletions.committed.connect(self._deletions_committed)
        self.deletions.restored.connect(self._deletions_restored)
        self.deletions.failed.connect(window.notify_error)
        self._undo_notice: Notice | None = None

    def target_ids(self) -> list[int]:
        """The selected articles, else the open one."""
        window = self._window
        selected = window.article_list.selected_ids()
        if selected:
            return selected
        return [window.current_article.id] if window.current_article is not None else []

    def _summaries(self, ids: Sequence[int]) -> list[tuple[ArticleStatus, bool]] | None:
        """The articles' states, or None (and a notice) if the library cannot say."""
        try:
            found = self._window.library.list_articles(
                ArticleFilter(ids=tuple(ids)), limit=len(ids)
            )
        except LibraryError as error:
            self._window.notify_error(f"Could not read the articles: {error}")
            return None
        return [(summary.status, summary.favorite) for summary in found]

    def _say(self, message: str) -> None:
        self._window.statusBar().showMessage(message, STATUS_MESSAGE_MS)

    def _set_status(self, ids: Sequence[int], status: ArticleStatus) -> bool:
        """Change the articles' status; False (and a notice) if that failed."""
        try:
            for article_id in ids:
                self._window.library.set_status(article_id, status)
        except LibraryError as error:
            self._window.notify_error(f"Could not change the article: {error}")
            self._window.after_change(ids)
            return False
        self._window.after_change(ids)
        return True

    def mark_read(self, article_id: int) -> None:
        self._set_status([article_id], "read")

    def toggle_read(self) -> None:
        ids = self.target_ids()
        states = self._summaries(ids) if ids else None
        if not states:
            return
        any_unread = any(status == "unread" for status, _ in states)
        if self._set_status(ids, "read" if any_unread else "unread"):
            self._say(f"Marked {plural(len(ids), 'article')} {'read' if any_unread else 'unread'}")

    def toggle_favorite(self) -> None:
        ids = self.target_ids()
        states = self._summaries(ids) if ids else None
        if not states:
            return
        make = not all(favorite for _, favorite in states)
        try:
            for article_id in ids:
                self._window.library.set_favorite(article_id, make)
        except LibraryError as error:
            self._window.notify_error(f"Could not change the article: {error}")
            self._window.after_change(ids)
            return
        self._window.after_change(ids)
        where = "to" if make else "from"
        self._say(
            f"{'Added' if make else 'Removed'} {plural(len(ids), 'article')} {where} favourites"
        )

    def toggle_archive(self) -> None:
        ids = self.target_ids()
        states = self._summaries(ids) if ids else None
        if not states:
            return
        all_archived = all(status == "archived" for status, _ in states)
        if self._set_status(ids, "read" if all_archived else "archived"):
            self._say(
                f"{'Unarchived' if all_archived else 'Archived'} {plural(len(ids), 'article')}"
            )

    def open_original(self) -> None:
        article = self._window.current_article
        if article is None:
            return
        if not article.url:
            self._window.notify("This article has no web address: it was saved from a file.")
            return
        QDesktopServices.openUrl(QUrl(article.url))

    # -- tags --------------------------------------------------------------

    def ask_add_tag(self) -> None:
        ids = self.target_ids()
        if not ids:
            return
        self._window.prompt.ask_text(
            f"Add tags to {plural(len(ids), 'article')}:" if len(ids) > 1 else "Add tags:",
            lambda text: self.add_tags(ids, text),
            accept_label="Add",
            placeholder="tag, another tag",
            completions=self._window.sidebar_model.tags(),
        )

    def add_tags(self, ids: Sequence[int], text: str) -> None:
        names = [name.strip() for name in text.split(",") if name.strip()]
        if not names:
            return
        window = self._window
        try:
            for article_id in ids:
                window.library.add_tags(article_id, names)
        except LibraryError as error:
            window.notify_error(f"Could not tag: {error}")
            return
        window.after_change(ids)
        if window.current_article is not None and window.current_article.id in ids:
            window.reload_current()
        self._say(f"Tagged {plural(len(ids), 'article')} “{'”, “'.join(names)}”")

    # -- deleting, undoably --------------------------------------------------

    def delete_selected(self) -> None:
        ids = self.target_ids()
        if not ids:
            return
        window = self._window
        titles: list[str] = []
        if len(ids) == 1:
            with reported(window.notify_error, "Could not read the article"):
                found = window.library.list_articles(ArticleFilter(ids=tuple(ids)), limit=1)
                titles = [summary.title for summary in found]
        self.deletions.start(ids)
        window.list_model.hide(ids)
        if window.current_article is not None and window.current_article.id in ids:
            window.close_article()
            # The list moved its current row to a neighbour: read that one next.
            current = window.article_list.current_id()
            if current is not None and current not in ids:
                window.open_article(current, select_in_list=False)
        what = f"“{titles[0]}”" if titles else plural(len(ids), "article")
        notice = window.notices.show_notice(
            f"Deleted {what}.",
            actions=[NoticeAction("Undo", self.undo_delete)],
            timeout_ms=UNDO_TIMEOUT_MS,
        )
        notice.expired.connect(self.deletions.commit)
        self._undo_notice = notice
        window.update_status()
        window.update_actions()

    def undo_delete(self) -> None:
        restored = self.deletions.undo()
        notice, self._undo_notice = self._undo_notice, None
        if restored and notice is not None:
            notice.dismiss()

    def _deletions_restored(self, ids: list[int]) -> None:
        window = self._window
        window.list_model.unhide(ids)
        if ids:
            window.article_list.select_article(ids[0])
        window.update_status()
        window.update_actions()

    def _deletions_committed(self, ids: list[int]) -> None:
        window = self._window
        window.list_model.forget_hidden(ids)
        window.sidebar_model.refresh()
        window.update_status()
        window.update_actions()
