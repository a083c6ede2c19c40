"""Saving from the window: drops anywhere, paste, an address, imported files.

Everything savable goes through ``ArticleSaver``: a "Saving…" row appears at
once and becomes the article; a failure is a notice, never a dialog. An OPML
feed list goes to the feed commands instead, and a link that looks like a
feed is saved as a page with subscribing offered beside it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QMimeData, QObject, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from services.save import Capturers
from ui.article_model import ArticleListModel
from ui.collaborators import Feedback, OpenArticle, ViewUpdates
from ui.drops import (
    SAVABLE_SUFFIXES,
    SUBSCRIPTION_LIST_SUFFIX,
    DropContent,
    DropItem,
    is_web_url,
    looks_like_feed_url,
    read_mime,
)
from ui.feed_commands import FeedCommands
from ui.formatting import plural
from ui.notices import NoticeAction
from ui.prompt_bar import PromptBar
from ui.related_model import RelatedStory
from ui.saver import ArticleSaver, SavedArticle
from ui.sidebar_model import SidebarModel
from ui.workers import TaskRunner

FILE_FILTER = (
    "Articles and feed lists ("
    + " ".join(f"*{suffix}" for suffix in (*sorted(SAVABLE_SUFFIXES), SUBSCRIPTION_LIST_SUFFIX))
    + ");;All files (*)"
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
            self._feedback.notify_error(f"Cannot save {refusal}.")
        if content.opml_files:
            self._feeds.import_lists(content.opml_files)
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
                "Nothing to save on the clipboard: copy a link, a file or part of a web page first."
            )
            return
        self.save_content(content)

    def ask_for_address(self) -> None:
        self._prompt.ask_text(
            "Save from address:", self.save_address, accept_label="Save", placeholder="https://…"
        )

    def save_address(self, text: str) -> None:
        address = text.strip()
        if is_web_url(address):
            self.save_content(DropContent(items=[DropItem("url", address)]))
            return
        path = Path(address.removeprefix("file://")).expanduser()
        if path.is_file():
            self.import_paths([str(path)])
            return
        self._feedback.notify_error(
            f"Cannot save “{address}”: give a web address starting with"
            " http:// or https://, or a file."
        )

    def _ask_for_files(self) -> list[str]:
        paths, _filter = QFileDialog.getOpenFileNames(
            self._dialog_parent, "Import Files", "", FILE_FILTER
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
                f"“{story.title}” is not saved, and the page gave no address to save it from."
            )
            return
        url = story.url

        def open_in_browser() -> None:
            QDesktopServices.openUrl(QUrl(url))

        self._feedback.show_notice(
            f"“{story.title}” is not in your library.",
            actions=[
                NoticeAction("Save", lambda: self.save_story(story)),
                NoticeAction("Open in Browser", open_in_browser),
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
                f"Could not fetch “{title}”: {saved.report.pending_reason}. It is kept"
                " in Pending to fetch later."
            )
        elif saved.report.status == "updated":
            self._feedback.say(f"Already saved; updated “{title}”", STATUS_MESSAGE_MS)
        else:
            self._feedback.say(f"Saved “{title}”", STATUS_MESSAGE_MS)
        current = self._reader.current_article
        if current is None:
            self._reader.open_article(saved.summary.id)
        elif current.id == saved.summary.id:
            self._reader.reload_current()

    def _failed(self, token: int, label: str, message: str) -> None:
        self._list_model.drop_saving(token)
        self._feedback.notify_error(f"Could not save {label}: {message}")

    # -- what a drag says it will do ------------------------------------------

    @staticmethod
    def drop_message(content: DropContent, tag: str = "") -> str:
        if content.article_ids:
            count = plural(len(content.article_ids), "article")
            return f"Drop to tag {count} “{tag}”" if tag else ""
        if content.opml_files and not content.items:
            return f"Drop to import feeds from {content.summary()}"
        if not content.items:
            return "Cannot save this"
        message = f"Drop to save {content.summary()}"
        return f"{message} and tag “{tag}”" if tag else message
