"""Feeds from the window: subscribe, refresh, rename, re-tag, mode, unsubscribe,
and importing OPML subscription lists.

Anything that touches the network, or may delete many articles, runs in the
background (``TaskRunner``); renaming, re-tagging and changing the mode are
one-row updates on the GUI thread. Failures are notices, never dialogs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QWidget

from core.models import Feed, FeedMode
from storage import Library
from ui.collaborators import Feedback, ViewUpdates
from ui.feed_schedule import RefreshSchedule
from ui.feed_updates import FeedUpdates, RefreshReport
from ui.library_errors import reported
from ui.notices import NoticeAction
from ui.prompt_bar import PromptBar
from ui.sidebar import SidebarView
from ui.sidebar_model import SidebarModel, feed_label
from ui.subscribe_dialog import SubscribeDialog, SubscribeRequest
from ui.workers import Pool, TaskRunner

if TYPE_CHECKING:
    from services.feed_subscribe import OpmlImport, Subscription

STATUS_MESSAGE_MS = 6_000


def mode_result(name: str, mode: FeedMode) -> str:
    """What a feed does now its mode changed: ``“Name” will use the text in the feed``."""
    if mode == "full":
        return QCoreApplication.translate(
            "FeedCommands", "“{name}” will save each article's web page"
        ).format(name=name)
    return QCoreApplication.translate(
        "FeedCommands", "“{name}” will use the text in the feed"
    ).format(name=name)


def new_articles(count: int) -> str:
    """``2 new articles``."""
    return QCoreApplication.translate("FeedCommands", "%n new article(s)", "", count)


@dataclass(frozen=True)
class ListImport:
    """One OPML file's import: what it added, or why it could not be read."""

    name: str
    done: OpmlImport | None
    error: str | None = None


def import_lists_job(paths: Sequence[str]) -> Callable[[Library], list[ListImport]]:
    """Read and import each OPML file; one file's failure spares the others."""

    def job(library: Library) -> list[ListImport]:
        # Imported here: capture pulls in the HTML and network stack.
        from core.errors import CaptureError
        from core.limits import Limits
        from services.feed_subscribe import import_opml

        limit = Limits.from_env().max_file_bytes
        imports = []
        for name in paths:
            path = Path(name)
            try:
                if path.stat().st_size > limit:
                    raise CaptureError(
                        QCoreApplication.translate(
                            "FeedCommands", "the file is over the file size limit"
                        )
                    )
                imports.append(ListImport(path.name, import_opml(library, path.read_bytes())))
            except OSError as error:
                imports.append(ListImport(path.name, None, str(error.strerror or error)))
            except CaptureError as error:
                imports.append(ListImport(path.name, None, str(error)))
        return imports

    return job


class FeedCommands(QObject):
    def __init__(
        self,
        library: Library,
        runner: TaskRunner,
        *,
        refresh_minutes: float,
        sidebar: SidebarView,
        sidebar_model: SidebarModel,
        prompt: PromptBar,
        feedback: Feedback,
        views: ViewUpdates,
        dialog_parent: QWidget,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._runner = runner
        self._sidebar = sidebar
        self._sidebar_model = sidebar_model
        self._prompt = prompt
        self._feedback = feedback
        self._views = views
        self._dialog_parent = dialog_parent
        self.updates = FeedUpdates(runner, self)
        self.updates.finished.connect(self._refreshed)
        self.updates.failed.connect(
            lambda message: feedback.notify_error(
                QCoreApplication.translate(
                    "FeedCommands", "Could not refresh feeds: {reason}"
                ).format(reason=message)
            )
        )
        self.schedule = RefreshSchedule(refresh_minutes, self)
        self.schedule.due.connect(self.refresh_automatically)
        self.dialog: SubscribeDialog | None = None
        """The open Subscribe dialog, if any (tests fill it in)."""

    def _feed(self, feed_id: int) -> Feed | None:
        return self._sidebar_model.feed(feed_id)

    def _say(self, message: str) -> None:
        self._feedback.say(message, STATUS_MESSAGE_MS)

    def start(self) -> None:
        """Begin refreshing on the interval (not in screenshot mode)."""
        self.schedule.start(self._sidebar_model.feeds())

    def stop(self) -> None:
        """The window closes: no more refreshes, and end the running one."""
        self.schedule.stop()
        self.updates.stop()
        if self.dialog is not None:
            self.dialog.reject()

    # -- subscribing ---------------------------------------------------------

    def ask_subscribe(self, request: SubscribeRequest | None = None) -> None:
        """Open the Subscribe dialog (``self.dialog``), or bring it forward."""
        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return
        tags = self._sidebar_model.tags()
        dialog = SubscribeDialog(self._dialog_parent, tags=tags, request=request)
        dialog.subscribe_requested.connect(self.subscribe)
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        self.dialog = dialog
        dialog.open()  # window-modal, but the event loop (and refreshes) go on

    def _dialog_closed(self, dialog: SubscribeDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def subscribe(self, request: SubscribeRequest) -> None:
        stop = self.updates.stop_event

        def job(library_path: Path) -> Subscription:
            from services.feed_refresh import DEFAULT_TIME_LIMIT
            from services.feed_subscribe import subscribe

            return subscribe(
                library_path,
                request.url,
                tag=request.tag,
                mode=request.mode,
                time_limit=DEFAULT_TIME_LIMIT,
                stop=stop,
            )

        self._runner.submit_on_file(
            job,
            lambda done: self._subscribed(done),
            lambda message: self._subscribe_failed(request, message),
            pool=Pool.BACKGROUND,
            label=QCoreApplication.translate("FeedCommands", "Subscribing to {address}").format(
                address=request.url
            ),
        )

    def _subscribed(self, done: Subscription) -> None:
        # Shown once the sidebar has read the new feed's row.
        self._views.refresh_views(
            then=lambda: self._sidebar.select_entry("feed", str(done.feed.id))
        )
        name = feed_label(done.feed)
        result = done.refresh
        if result is not None and result.failed:
            self._feedback.notify_error(
                QCoreApplication.translate(
                    "FeedCommands",
                    "Subscribed to “{name}”, but its articles could not all be fetched: {reason}",
                ).format(name=name, reason=result.error)
            )
            return
        added = result.added if result is not None else 0
        self._feedback.notify(
            QCoreApplication.translate(
                "FeedCommands", "Subscribed to “{name}”: {articles}."
            ).format(name=name, articles=new_articles(added))
        )

    def _subscribe_failed(self, request: SubscribeRequest, message: str) -> None:
        self._feedback.show_notice(
            QCoreApplication.translate(
                "FeedCommands", "Could not subscribe to {address}: {reason}"
            ).format(address=request.url, reason=message),
            kind="error",
            actions=[
                NoticeAction(
                    QCoreApplication.translate("FeedCommands", "Try Again…"),
                    lambda: self.ask_subscribe(request),
                )
            ],
        )

    def offer_subscription(self, url: str) -> None:
        """A dropped or pasted link looks like a feed: it is saved as a page
        (what a drop does), and subscribing is offered beside it."""
        request = SubscribeRequest(url, None, "full")
        self._feedback.show_notice(
            QCoreApplication.translate(
                "FeedCommands",
                "{address} looks like a feed. It is being saved as a page; subscribe to get"
                " its new articles as they come out.",
            ).format(address=url),
            actions=[
                NoticeAction(
                    QCoreApplication.translate("FeedCommands", "Subscribe…"),
                    lambda: self.ask_subscribe(request),
                )
            ],
        )

    # -- OPML --------------------------------------------------------------------

    def import_lists(self, paths: Sequence[str]) -> None:
        """Subscribe to every feed the OPML files list, then fetch the new ones."""
        if not paths:
            return
        count = len(paths)
        label = QCoreApplication.translate("FeedCommands", "Importing %n feed list(s)", "", count)
        self._runner.submit(
            import_lists_job(list(paths)),
            self._imported,
            lambda message: self._feedback.notify_error(
                QCoreApplication.translate(
                    "FeedCommands", "Could not import feeds: {reason}"
                ).format(reason=message)
            ),
            pool=Pool.BACKGROUND,
            label=label,
        )

    def _imported(self, imports: list[ListImport]) -> None:
        self._views.refresh_views()
        added: list[int] = []
        for listed in imports:
            if listed.done is None:
                self._feedback.notify_error(
                    QCoreApplication.translate(
                        "FeedCommands", "Could not import {name}: {reason}"
                    ).format(name=listed.name, reason=listed.error)
                )
                continue
            added.extend(feed.id for feed in listed.done.added)
            self._feedback.notify(
                self._import_result(listed.name, len(listed.done.added), len(listed.done.already))
            )
        if added:
            self.updates.request(added, total=len(added))

    @staticmethod
    def _import_result(name: str, count: int, already: int) -> str:
        """``Added 2 feeds from list.opml (1 already subscribed); fetching their articles.``"""
        feeds = QCoreApplication.translate(
            "FeedCommands", "Added %n feed(s) from {name}", "", count
        ).format(name=name)
        if already:
            feeds += " " + QCoreApplication.translate(
                "FeedCommands", "({count} already subscribed)"
            ).format(count=already)
        if count:
            return feeds + QCoreApplication.translate("FeedCommands", "; fetching their articles.")
        return feeds + "."

    # -- refreshing ----------------------------------------------------------------

    def refresh_all(self) -> None:
        """F5: every feed, now (feeds asked to wait still wait)."""
        feeds = self._sidebar_model.feeds()
        if not feeds:
            self._say(
                QCoreApplication.translate(
                    "FeedCommands",
                    "No feeds to refresh: subscribe to one with File ▸ Subscribe to Feed…",
                )
            )
            return
        if not self.updates.request(None, total=len(feeds), manual=True):
            self._say(QCoreApplication.translate("FeedCommands", "Already refreshing feeds"))

    def refresh_feed(self, feed_id: int) -> None:
        """One feed from its menu: checked even if it was asked to wait."""
        self.updates.request([feed_id], total=1, force=True, manual=True)

    def refresh_automatically(self) -> None:
        feeds = self._sidebar_model.feeds()
        if feeds:
            self.updates.request(None, total=len(feeds))

    def _refreshed(self, report: RefreshReport) -> None:
        self._views.refresh_views()
        failures = report.failures
        if report.request.manual and failures:
            if len(report.results) == 1:
                failed = failures[0]
                self._feedback.notify_error(
                    QCoreApplication.translate(
                        "FeedCommands", "Could not refresh “{name}”: {reason}"
                    ).format(name=failed.title or failed.url, reason=failed.error)
                )
            else:
                total = len(report.results)
                self._feedback.notify_error(
                    QCoreApplication.translate(
                        "FeedCommands",
                        "{failed} of %n feeds could not be refreshed: the ! beside each says why.",
                        "",
                        total,
                    ).format(failed=len(failures))
                )
        if report.request.manual or report.added:
            self._say(
                QCoreApplication.translate("FeedCommands", "Feeds refreshed: {articles}").format(
                    articles=new_articles(report.added)
                )
            )

    # -- a feed's settings -------------------------------------------------------

    def ask_rename(self, feed_id: int) -> None:
        feed = self._feed(feed_id)
        if feed is None:
            return
        name = feed_label(feed)
        self._prompt.ask_text(
            QCoreApplication.translate("FeedCommands", "Rename feed “{name}” to:").format(
                name=name
            ),
            lambda title: self.rename(feed_id, title),
            accept_label=QCoreApplication.translate("FeedCommands", "Rename"),
            initial=name,
        )

    def rename(self, feed_id: int, title: str) -> None:
        with reported(
            self._feedback.notify_error,
            QCoreApplication.translate("FeedCommands", "Could not rename the feed"),
        ):
            self._library.update_feed(feed_id, title=title.strip())
        self._views.refresh_views()

    def ask_retag(self, feed_id: int) -> None:
        feed = self._feed(feed_id)
        if feed is None:
            return
        self._prompt.ask_text(
            QCoreApplication.translate(
                "FeedCommands", "Tag new articles from “{name}” with:"
            ).format(name=feed_label(feed)),
            lambda tag: self.retag(feed_id, tag),
            accept_label=QCoreApplication.translate("FeedCommands", "Set Tag"),
            placeholder=QCoreApplication.translate("FeedCommands", "no tag"),
            initial=feed.tag or "",
            completions=self._sidebar_model.tags(),
            allow_empty=True,
        )

    def retag(self, feed_id: int, tag: str) -> None:
        name = tag.strip()
        with reported(
            self._feedback.notify_error,
            QCoreApplication.translate("FeedCommands", "Could not change the feed's tag"),
        ):
            feed = self._library.update_feed(feed_id, tag=name or None, clear_tag=not name)
            if name:
                said = QCoreApplication.translate(
                    "FeedCommands", "New articles from “{name}” will be tagged “{tag}”"
                )
            else:
                said = QCoreApplication.translate(
                    "FeedCommands", "New articles from “{name}” will not be tagged"
                )
            self._say(said.format(name=feed_label(feed), tag=name))
        self._views.refresh_views()

    def set_mode(self, feed_id: int, mode: FeedMode) -> None:
        with reported(
            self._feedback.notify_error,
            QCoreApplication.translate("FeedCommands", "Could not change the feed"),
        ):
            feed = self._library.update_feed(feed_id, mode=mode)
            self._say(mode_result(feed_label(feed), mode))
        self._views.refresh_views()

    # -- unsubscribing -------------------------------------------------------------

    def ask_unsubscribe(self, feed_id: int) -> None:
        feed = self._feed(feed_id)
        if feed is None:
            return
        name = feed_label(feed)
        unsubscribe = QCoreApplication.translate("FeedCommands", "Unsubscribe")
        if feed.entries == 0:
            self._prompt.confirm(
                QCoreApplication.translate("FeedCommands", "Unsubscribe from “{name}”?").format(
                    name=name
                ),
                lambda: self.unsubscribe(feed_id, keep_articles=True),
                accept_label=unsubscribe,
            )
            return
        entries = feed.entries
        question = (
            QCoreApplication.translate(
                "FeedCommands",
                "Unsubscribe from “{name}”? Its %n article is deleted"
                " too, except favourites and articles you saved yourself.",
                "",
                entries,
            )
            if entries == 1
            else QCoreApplication.translate(
                "FeedCommands",
                "Unsubscribe from “{name}”? Its %n articles are deleted"
                " too, except favourites and articles you saved yourself.",
                "",
                entries,
            )
        )
        self._prompt.confirm(
            question.format(name=name),
            lambda: self.unsubscribe(feed_id, keep_articles=False),
            accept_label=unsubscribe,
            alternative=(
                QCoreApplication.translate("FeedCommands", "Unsubscribe, Keep Articles"),
                lambda: self.unsubscribe(feed_id, keep_articles=True),
            ),
        )

    def unsubscribe(self, feed_id: int, *, keep_articles: bool) -> None:
        feed = self._feed(feed_id)
        name = (
            feed_label(feed)
            if feed is not None
            else QCoreApplication.translate("FeedCommands", "feed {number}").format(number=feed_id)
        )

        def job(library: Library) -> int:
            return library.remove_feed(feed_id, keep_articles=keep_articles)

        self._runner.submit(
            job,
            lambda deleted: self._unsubscribed(name, deleted),
            lambda message: self._feedback.notify_error(
                QCoreApplication.translate(
                    "FeedCommands", "Could not unsubscribe from “{name}”: {reason}"
                ).format(name=name, reason=message)
            ),
            pool=Pool.BACKGROUND,
            label=QCoreApplication.translate("FeedCommands", "Unsubscribing from {name}").format(
                name=name
            ),
        )

    def _unsubscribed(self, name: str, deleted: int) -> None:
        self._views.library_changed()
        if not deleted:
            said = QCoreApplication.translate("FeedCommands", "Unsubscribed from “{name}”.")
        else:
            said = QCoreApplication.translate(
                "FeedCommands", "Unsubscribed from “{name}”; %n article(s) deleted.", "", deleted
            )
        self._feedback.notify(said.format(name=name))
