"""Saving from the window: drops anywhere, paste, an address, imported files.

Everything savable goes through ``ArticleSaver``: a "Saving…" row appears at
once and becomes the article; a failure is a notice, never a dialog. An OPML
feed list goes to the feed commands instead, and a link that looks like a
feed is saved as a page with subscribing offered beside it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMimeData, QObject, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from services.save import Capturers
from ui.article_model import ArticleListModel
from ui.collaborators import Feedback, OpenArticle, ViewUpdates
from ui.drops import (
    EXPORT_SUFFIXES,
    SAVABLE_SUFFIXES,
    SUBSCRIPTION_LIST_SUFFIX,
    DropContent,
    DropItem,
    is_web_url,
    looks_like_feed_url,
    read_mime,
    web_address,
)
from ui.feed_commands import FeedCommands
from ui.import_queue import ImportQueue
from ui.notices import NoticeAction
from ui.prompt_bar import PromptBar
from ui.related_model import RelatedStory
from ui.saver import ArticleSaver, SavedArticle
from ui.sidebar_model import SidebarModel
from ui.workers import TaskRunner

FILE_PATTERNS = " ".join(
    f"*{suffix}"
    for suffix in (*sorted(SAVABLE_SUFFIXES), SUBSCRIPTION_LIST_SUFFIX, *sorted(EXPORT_SUFFIXES))
)
STATUS_MESSAGE_MS = 5_000
MAX_FEED_OFFERS = 3
"""Offers to subscribe per drop: a dropped list of links is not a list of feeds."""


class SaveCommands(QObject):
    def __init__(
        self,
        runner: TaskRunner,
        capturers: Capturers | None,
        *,
        feeds: FeedCommands,
        imports: ImportQueue,
        list_model: ArticleListModel,
        sidebar_model: SidebarModel,
        prompt: PromptBar,
        feedback: Feedback,
        reader: OpenArticle,
        views: ViewUpdates,
        dialog_parent: QWidget,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._feeds = feeds
        self._imports = imports
        self._list_model = list_model
        self._sidebar_model = sidebar_model
        self._prompt = prompt
        self._feedback = feedback
        self._reader = reader
        self._views = views
        self._dialog_parent = dialog_parent
        self.saver = ArticleSaver(runner, capturers, self)
        self.saver.started.connect(self._started)
        self.saver.saved.connect(self._finished)
        self.saver.failed.connect(self._failed)
        self.choose_files: Callable[[], list[str]] = self._ask_for_files
        """Asks which files to import; tests replace the system file dialog."""

    def save_content(self, content: DropContent, tags: Sequence[str] = ()) -> list[int]:
        """Save what a drop or the clipboard held; say why anything was left out."""
        for refusal in content.refused:
            self._feedback.notify_error(
                QCoreApplication.translate("SaveCommands", "Cannot save {what}.").format(
                    what=refusal
                )
            )
        if content.opml_files:
            self._feeds.import_lists(content.opml_files)
        if content.export_files:
            self._imports.import_files(content.export_files)
        if not content.items:
            return []
        feeds = [item.value for item in content.items if looks_like_feed_url(item.value)]
        for url in feeds[:MAX_FEED_OFFERS]:
            self._feeds.offer_subscription(url)
        return self.saver.save(content.items, tags)

    def paste(self) -> None:
        mime = QGuiApplication.clipboard().mimeData()
        content = read_mime(mime) if mime is not None else DropContent()
        if not (content.items or content.refused or content.opml_files):
            self._feedback.notify(
                QCoreApplication.translate(
                    "SaveCommands",
                    "Nothing to save on the clipboard: copy a link, a file or part of a web page"
                    " first.",
                )
            )
            return
        self.save_content(content)

    def ask_for_address(self) -> None:
        self._prompt.ask_text(
            QCoreApplication.translate("SaveCommands", "Save from address:"),
            self.save_address,
            accept_label=QCoreApplication.translate("SaveCommands", "Save"),
            placeholder="https://…",
        )

    def save_address(self, text: str) -> None:
        """Save a web address (``https://`` added when it was typed without
        one) or a file's path; anything else is refused in one line."""
        address = text.strip()
        path = Path(address.removeprefix("file://")).expanduser()
        if not is_web_url(address) and path.is_file():
            self.import_paths([str(path)])
            return
        url = web_address(address)
        if url is not None:
            self.save_content(DropContent(items=[DropItem("url", url)]))
            return
        self._feedback.notify_error(
            QCoreApplication.translate(
                "SaveCommands",
                "Cannot save “{address}”: it is neither a web address nor a file.",
            ).format(address=address)
        )

    def _ask_for_files(self) -> list[str]:
        file_filter = QCoreApplication.translate(
            "SaveCommands", "Articles and feed lists ({patterns});;All files (*)"
        ).format(patterns=FILE_PATTERNS)
        paths, _filter = QFileDialog.getOpenFileNames(
            self._dialog_parent,
            QCoreApplication.translate("SaveCommands", "Import Files"),
            "",
            file_filter,
        )
        return list(paths)

    def import_files(self) -> None:
        self.import_paths(self.choose_files())

    def import_paths(self, paths: Sequence[str]) -> None:
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(path) for path in paths])
        self.save_content(read_mime(mime))

    # -- related stories ------------------------------------------------------

    def save_story(self, story: RelatedStory) -> None:
        if story.url:
            self.saver.save([DropItem("url", story.url, title=story.title)])

    def offer_story(self, story: RelatedStory) -> None:
        """An unsaved related story was clicked: offer to save it."""
        if not story.url:
            self._feedback.notify(
                QCoreApplication.translate(
                    "SaveCommands",
                    "“{title}” is not saved, and the page gave no address to save it from.",
                ).format(title=story.title)
            )
            return
        url = story.url

        def open_in_browser() -> None:
            QDesktopServices.openUrl(QUrl(url))

        self._feedback.show_notice(
            QCoreApplication.translate("SaveCommands", "“{title}” is not in your library.").format(
                title=story.title
            ),
            actions=[
                NoticeAction(
                    QCoreApplication.translate("SaveCommands", "Save"),
                    lambda: self.save_story(story),
                ),
                NoticeAction(
                    QCoreApplication.translate("SaveCommands", "Open in Browser"), open_in_browser
                ),
            ],
        )

    # -- what the saver reports ----------------------------------------------

    def _started(self, token: int, label: str) -> None:
        self._list_model.add_saving(token, label)

    def _finished(self, token: int, saved: SavedArticle) -> None:
        self._list_model.finish_saving(token, saved.summary)
        self._sidebar_model.refresh()
        self._views.update_status()
        title = saved.summary.title
        if saved.report.pending_reason is not None:
            self._feedback.notify_error(
                QCoreApplication.translate(
                    "SaveCommands",
                    "Could not fetch “{title}”: {reason}. It is kept in Pending to fetch later.",
                ).format(title=title, reason=saved.report.pending_reason)
            )
        elif saved.report.status == "updated":
            self._feedback.say(
                QCoreApplication.translate(
                    "SaveCommands", "Already saved; updated “{title}”"
                ).format(title=title),
                STATUS_MESSAGE_MS,
            )
        else:
            self._feedback.say(
                QCoreApplication.translate("SaveCommands", "Saved “{title}”").format(title=title),
                STATUS_MESSAGE_MS,
            )
        current = self._reader.current_article
        if current is None:
            self._reader.open_article(saved.summary.id)
        elif current.id == saved.summary.id:
            self._reader.reload_current()

    def _failed(self, token: int, label: str, message: str) -> None:
        self._list_model.drop_saving(token)
        self._feedback.notify_error(
            QCoreApplication.translate("SaveCommands", "Could not save {what}: {reason}").format(
                what=label, reason=message
            )
        )

    # -- what a drag says it will do ------------------------------------------

    @staticmethod
    def drop_message(content: DropContent, tag: str = "") -> str:
        if content.article_ids:
            if not tag:
                return ""
            count = len(content.article_ids)
            return QCoreApplication.translate(
                "SaveCommands", "Drop to tag %n article(s) “{tag}”", "", count
            ).format(tag=tag)
        if content.opml_files and not content.items:
            return QCoreApplication.translate(
                "SaveCommands", "Drop to import feeds from {what}"
            ).format(what=content.summary())
        if not content.items:
            return QCoreApplication.translate("SaveCommands", "Cannot save this")
        if tag:
            return QCoreApplication.translate(
                "SaveCommands", "Drop to save {what} and tag “{tag}”"
            ).format(what=content.summary(), tag=tag)
        return QCoreApplication.translate("SaveCommands", "Drop to save {what}").format(
            what=content.summary()
        )
