"""Commands on articles: read/unread, favourite, archive, tags, original,
retry, delete, and the article rows' context menu.

They act on the articles selected in the list, or on the open article when
nothing is selected, and update the list rows and sidebar counts in place.
A change to one article is one indexed update on the GUI thread; a change to
several runs off the GUI thread as one transaction (tagging: one job), and
the view follows when it lands. A library another program keeps busy, or a
full disk, is one line in the notice area, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QMenu, QWidget

from core.models import ArticleStatus
from storage import ArticleFilter, ArticleSummary, Library, LibraryError
from ui.actions import WindowActions
from ui.article_list import ArticleListView
from ui.article_model import ArticleListModel
from ui.collaborators import Feedback, OpenArticle, ViewUpdates
from ui.deletions import PendingDeletions
from ui.library_errors import reported
from ui.notices import Notice, NoticeAction
from ui.prompt_bar import PromptBar
from ui.sidebar_model import SidebarModel
from ui.workers import Pool, TaskRunner, describe_failure

UNDO_TIMEOUT_MS = 8_000
STATUS_MESSAGE_MS = 4_000


def change_failed() -> str:
    return QCoreApplication.translate("ArticleCommands", "Could not change the article")


class ArticleCommands(QObject):
    retry_requested = Signal(int, str)
    """Fetch this pending article again (its id and title): the window's saver does it."""

    def __init__(
        self,
        library: Library,
        runner: TaskRunner,
        *,
        article_list: ArticleListView,
        list_model: ArticleListModel,
        sidebar_model: SidebarModel,
        prompt: PromptBar,
        feedback: Feedback,
        reader: OpenArticle,
        views: ViewUpdates,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._runner = runner
        self._list = article_list
        self._list_model = list_model
        self._sidebar_model = sidebar_model
        self._prompt = prompt
        self._feedback = feedback
        self._reader = reader
        self._views = views
        self.deletions = PendingDeletions(library, runner, self)
        self.deletions.committed.connect(self._deletions_committed)
        self.deletions.restored.connect(self._deletions_restored)
        self.deletions.failed.connect(feedback.notify_error)
        self._undo_notice: Notice | None = None

    def target_ids(self) -> list[int]:
        """The selected articles, else the open one."""
        selected = self._list.selected_ids()
        if selected:
            return selected
        current = self._reader.current_article
        return [current.id] if current is not None else []

    def _summaries(self, ids: Sequence[int]) -> list[tuple[ArticleStatus, bool]] | None:
        """The articles' states, or None (and a notice) if the library cannot say."""
        try:
            found = self._library.list_articles(ArticleFilter(ids=tuple(ids)), limit=len(ids))
        except LibraryError as error:
            self._feedback.notify_error(
                QCoreApplication.translate(
                    "ArticleCommands", "Could not read the articles: {reason}"
                ).format(reason=describe_failure(error))
            )
            return None
        return [(summary.status, summary.favorite) for summary in found]

    def _say(self, message: str) -> None:
        self._feedback.say(message, STATUS_MESSAGE_MS)

    def _change(
        self,
        ids: Sequence[int],
        one: Callable[[Library], object],
        many: Callable[[Library], object],
        done_message: str,
        failure: str | None = None,
        then: Callable[[], None] | None = None,
    ) -> None:
        """Change one article here and now, or many in one background job;
        the view follows either way, ``done_message`` says what happened, and
        ``then`` runs once the change landed."""
        changed = list(ids)
        failure = failure or change_failed()

        def landed(_result: object) -> None:
            self._views.after_change(changed)
            self._say(done_message)
            if then is not None:
                then()

        def failed(message: str) -> None:
            self._feedback.notify_error(f"{failure}: {message}")
            self._views.after_change(changed)

        if len(changed) > 1:
            self._runner.submit(many, landed, failed, pool=Pool.INTERACTIVE)
            return
        try:
            one(self._library)
        except LibraryError as error:
            failed(describe_failure(error))
            return
        landed(None)

    def _set_status(self, ids: Sequence[int], status: ArticleStatus, done_message: str) -> None:
        (only, *_rest) = ids
        self._change(
            ids,
            lambda library: library.set_status(only, status),
            lambda library: library.set_status_many(ids, status),
            done_message,
        )

    def mark_read(self, article_id: int) -> None:
        """The open article was read: quietly, no status message."""
        with reported(self._feedback.notify_error, change_failed()):
            self._library.set_status(article_id, "read")
        self._views.after_change([article_id])

    def toggle_read(self) -> None:
        ids = self.target_ids()
        states = self._summaries(ids) if ids else None
        if not states:
            return
        any_unread = any(status == "unread" for status, _ in states)
        count = len(ids)
        if any_unread:
            message = QCoreApplication.translate(
                "ArticleCommands", "Marked %n article(s) read", "", count
            )
        else:
            message = QCoreApplication.translate(
                "ArticleCommands", "Marked %n article(s) unread", "", count
            )
        self._set_status(ids, "read" if any_unread else "unread", message)

    def toggle_favorite(self) -> None:
        ids = self.target_ids()
        states = self._summaries(ids) if ids else None
        if not states:
            return
        make = not all(favorite for _, favorite in states)
        count = len(ids)
        if make:
            message = QCoreApplication.translate(
                "ArticleCommands", "Added %n article(s) to favourites", "", count
            )
        else:
            message = QCoreApplication.translate(
                "ArticleCommands", "Removed %n article(s) from favourites", "", count
            )
        (only, *_rest) = ids
        self._change(
            ids,
            lambda library: library.set_favorite(only, make),
            lambda library: library.set_favorite_many(ids, make),
            message,
        )

    def toggle_archive(self) -> None:
        ids = self.target_ids()
        states = self._summaries(ids) if ids else None
        if not states:
            return
        all_archived = all(status == "archived" for status, _ in states)
        count = len(ids)
        if all_archived:
            message = QCoreApplication.translate(
                "ArticleCommands", "Unarchived %n article(s)", "", count
            )
        else:
            message = QCoreApplication.translate(
                "ArticleCommands", "Archived %n article(s)", "", count
            )
        self._set_status(ids, "read" if all_archived else "archived", message)

    def open_original(self) -> None:
        article = self._reader.current_article
        if article is not None:
            self.open_address(article.url)

    def open_address(self, url: str | None) -> None:
        """The article's page in the browser, or a notice saying why not."""
        if not url:
            self._feedback.notify(
                QCoreApplication.translate(
                    "ArticleCommands", "This article has no web address: it was saved from a file."
                )
            )
            return
        if not QDesktopServices.openUrl(QUrl(url)):
            self._feedback.notify_error(
                QCoreApplication.translate(
                    "ArticleCommands", "No web browser could be opened for {url}."
                ).format(url=url)
            )

    def _addresses(self, ids: Sequence[int]) -> list[str | None]:
        addresses: list[str | None] = []
        with reported(
            self._feedback.notify_error,
            QCoreApplication.translate("ArticleCommands", "Could not read the article"),
        ):
            addresses = [self._library.get_article(article_id).url for article_id in ids]
        return addresses

    def copy_links(self, ids: Sequence[int]) -> None:
        """The articles' web addresses on the clipboard, one a line."""
        links = [url for url in self._addresses(ids) if url]
        if not links:
            self._feedback.notify(
                QCoreApplication.translate(
                    "ArticleCommands", "No web address to copy: saved from a file."
                )
            )
            return
        QGuiApplication.clipboard().setText("\n".join(links))
        count = len(links)
        self._say(QCoreApplication.translate("ArticleCommands", "Copied %n link(s)", "", count))

    def retry(self, summaries: Sequence[ArticleSummary]) -> None:
        """Fetch the pending ones of these articles again."""
        for summary in summaries:
            if summary.capture_status == "pending":
                self.retry_requested.emit(summary.id, summary.title)

    def mark_all_read(self) -> None:
        """Every unread article in the view (a search: the hits shown), read,
        in one background transaction; Undo makes them unread again."""
        where = self._list_model.where
        query = self._list_model.query
        if query is None and where.status not in (None, "unread"):
            self._say(QCoreApplication.translate("ArticleCommands", "Nothing unread here"))
            return
        shown = tuple(self._list_model.loaded_ids()) if query is not None else None

        def job(library: Library) -> list[int]:
            unread = replace(where if shown is None else ArticleFilter(ids=shown), status="unread")
            total = library.count_articles(unread)
            ids = [summary.id for summary in library.list_articles(unread, limit=max(total, 1))]
            library.set_status_many(ids, "read")
            return ids

        def landed(ids: list[int]) -> None:
            self._views.refresh_views()
            if not ids:
                self._say(QCoreApplication.translate("ArticleCommands", "Nothing unread here"))
                return
            count = len(ids)
            self._feedback.show_notice(
                QCoreApplication.translate(
                    "ArticleCommands", "Marked %n article(s) read.", "", count
                ),
                actions=[
                    NoticeAction(
                        QCoreApplication.translate("ArticleCommands", "Undo"),
                        lambda: self._mark_unread_again(ids),
                    )
                ],
                timeout_ms=UNDO_TIMEOUT_MS,
            )

        def failed(message: str) -> None:
            self._feedback.notify_error(f"{change_failed()}: {message}")
            self._views.refresh_views()

        self._runner.submit(job, landed, failed, pool=Pool.INTERACTIVE)

    def _mark_unread_again(self, ids: Sequence[int]) -> None:
        self._runner.submit(
            lambda library: library.set_status_many(ids, "unread"),
            lambda _count: self._views.refresh_views(),
            lambda message: self._feedback.notify_error(f"{change_failed()}: {message}"),
            pool=Pool.INTERACTIVE,
        )

    # -- tags --------------------------------------------------------------

    def ask_add_tag(self) -> None:
        ids = self.target_ids()
        if not ids:
            return
        count = len(ids)
        self._prompt.ask_text(
            QCoreApplication.translate("ArticleCommands", "Add tags to %n articles:", "", count)
            if count > 1
            else QCoreApplication.translate("ArticleCommands", "Add tags:"),
            lambda text: self.add_tags(ids, text),
            accept_label=QCoreApplication.translate("ArticleCommands", "Add"),
            placeholder=QCoreApplication.translate("ArticleCommands", "tag, another tag"),
            completions=self._sidebar_model.tags(),
        )

    def add_tags(self, ids: Sequence[int], text: str) -> None:
        names = [name.strip() for name in text.split(",") if name.strip()]
        if not names:
            return

        def tag_all(library: Library) -> None:
            # One transaction for every article, off the GUI thread.
            library.add_tags_many(ids, names)

        count = len(ids)
        message = QCoreApplication.translate(
            "ArticleCommands", "Tagged %n article(s) “{tags}”", "", count
        )
        self._change(
            ids,
            tag_all,
            tag_all,
            message.format(tags="”, “".join(names)),
            failure=QCoreApplication.translate("ArticleCommands", "Could not tag"),
            then=lambda: self._reload_if_shown(ids),
        )

    def _reload_if_shown(self, ids: Sequence[int]) -> None:
        """Show the open article anew when it is one of ``ids`` (its tags changed)."""
        current = self._reader.current_article
        if current is not None and current.id in ids:
            self._reader.reload_current()

    def remove_tag(self, ids: Sequence[int], name: str) -> None:
        """Take the tag ``name`` off these articles."""

        def untag_all(library: Library) -> None:
            # One transaction for every article, off the GUI thread.
            library.remove_tags_many(ids, [name])

        count = len(ids)
        message = QCoreApplication.translate(
            "ArticleCommands", "Removed “{tag}” from %n article(s)", "", count
        )
        # _change's after_change re-reads the sidebar already.
        self._change(
            ids,
            untag_all,
            untag_all,
            message.format(tag=name),
            failure=QCoreApplication.translate("ArticleCommands", "Could not remove the tag"),
            then=lambda: self._reload_if_shown(ids),
        )

    # -- the rows' context menu ------------------------------------------------

    def row_menu(self, actions: WindowActions, parent: QWidget) -> QMenu | None:
        """The menu for the selected rows (None when no article is selected):
        the window's own actions where there is one, so each shows its key."""
        ids = self._list.selected_ids()
        if not ids:
            return None
        try:
            summaries = self._library.list_articles(ArticleFilter(ids=tuple(ids)), limit=len(ids))
            tags = sorted(
                {tag for article_id in ids for tag in self._library.article_tags(article_id)}
            )
        except LibraryError as error:
            self._feedback.notify_error(
                QCoreApplication.translate(
                    "ArticleCommands", "Could not read the articles: {reason}"
                ).format(reason=describe_failure(error))
            )
            return None
        menu = QMenu(parent)
        menu.setObjectName("article-row-menu")
        if len(ids) == 1:
            (only,) = ids
            open_action = menu.addAction(QCoreApplication.translate("ArticleCommands", "&Open"))
            open_action.triggered.connect(lambda: self._reader.open_article(only))
            original = menu.addAction(
                QCoreApplication.translate("ArticleCommands", "Open &Original in Browser")
            )
            original.triggered.connect(lambda: self._open_original_of(only))
        copy = menu.addAction(
            QCoreApplication.translate("ArticleCommands", "&Copy Link")
            if len(ids) == 1
            else QCoreApplication.translate("ArticleCommands", "&Copy Links")
        )
        copy.triggered.connect(lambda: self.copy_links(ids))
        menu.addSeparator()
        menu.addActions([actions.toggle_read, actions.toggle_favorite, actions.archive])
        menu.addSeparator()
        menu.addAction(actions.add_tag)
        untag = menu.addMenu(QCoreApplication.translate("ArticleCommands", "&Remove Tag"))
        untag.setObjectName("remove-tag-menu")
        untag.setEnabled(bool(tags))
        for tag in tags:
            action = untag.addAction(tag)
            action.triggered.connect(lambda _checked=False, tag=tag: self.remove_tag(ids, tag))
        pending = [summary for summary in summaries if summary.capture_status == "pending"]
        if pending:
            retry = menu.addAction(QCoreApplication.translate("ArticleCommands", "Re&try Fetching"))
            retry.setObjectName("retry-fetching")
            retry.triggered.connect(lambda: self.retry(pending))
        menu.addSeparator()
        menu.addAction(actions.delete)
        return menu

    def _open_original_of(self, article_id: int) -> None:
        addresses = self._addresses([article_id])
        if addresses:  # else the notice says why the article could not be read
            self.open_address(addresses[0])

    # -- deleting, undoably --------------------------------------------------

    def delete_selected(self) -> None:
        ids = self.target_ids()
        if not ids:
            return
        titles: list[str] = []
        if len(ids) == 1:
            with reported(
                self._feedback.notify_error,
                QCoreApplication.translate("ArticleCommands", "Could not read the article"),
            ):
                found = self._library.list_articles(ArticleFilter(ids=tuple(ids)), limit=1)
                titles = [summary.title for summary in found]
        self.deletions.start(ids)
        self._list_model.hide(ids)
        current = self._reader.current_article
        if current is not None and current.id in ids:
            self._reader.close_article()
            # The list moved its current row to a neighbour: read that one next.
            neighbour = self._list.current_id()
            if neighbour is not None and neighbour not in ids:
                self._reader.open_article(neighbour, select_in_list=False)
        count = len(ids)
        if titles:
            message = QCoreApplication.translate("ArticleCommands", "Deleted “{title}”.").format(
                title=titles[0]
            )
        else:
            message = QCoreApplication.translate(
                "ArticleCommands", "Deleted %n article(s).", "", count
            )
        notice = self._feedback.show_notice(
            message,
            actions=[
                NoticeAction(
                    QCoreApplication.translate("ArticleCommands", "Undo"), self.undo_delete
                )
            ],
            timeout_ms=UNDO_TIMEOUT_MS,
        )
        notice.expired.connect(self.deletions.commit)
        self._undo_notice = notice
        self._views.update_status()
        self._views.update_actions()

    def undo_delete(self) -> None:
        restored = self.deletions.undo()
        notice, self._undo_notice = self._undo_notice, None
        if restored and notice is not None:
            notice.dismiss()

    def _deletions_restored(self, ids: list[int]) -> None:
        self._list_model.unhide(ids)
        if ids:
            self._list.select_article(ids[0])
        self._views.update_status()
        self._views.update_actions()

    def _deletions_committed(self, ids: list[int]) -> None:
        self._list_model.forget_hidden(ids)
        self._sidebar_model.refresh()
        self._views.update_status()
        self._views.update_actions()
