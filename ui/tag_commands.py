"""Managing tags from the sidebar: rename, merge, delete, and tagging by drop.

Renaming, merging or deleting a tag changes every article that carries it
(their search entries are rebuilt): one transaction off the GUI thread, which
also reads the sidebar's new contents; when it lands, the GUI thread changes
only the sidebar rows that changed, re-reads the list rows on screen, and
shows the open article again if it carried the tag.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject

from storage import Library
from ui.article_commands import ArticleCommands
from ui.article_model import ArticleListModel
from ui.collaborators import Feedback, OpenArticle, ViewUpdates
from ui.library_watch import LibraryWatcher
from ui.prompt_bar import PromptBar
from ui.sidebar import SidebarView
from ui.sidebar_model import Sections, SidebarModel, read_sidebar
from ui.workers import Pool, TaskRunner


class TagCommands(QObject):
    def __init__(
        self,
        runner: TaskRunner,
        *,
        sidebar: SidebarView,
        sidebar_model: SidebarModel,
        articles: ArticleCommands,
        prompt: PromptBar,
        feedback: Feedback,
        list_model: ArticleListModel,
        watcher: LibraryWatcher,
        reader: OpenArticle,
        views: ViewUpdates,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._list_model = list_model
        self._watcher = watcher
        self._sidebar = sidebar
        self._sidebar_model = sidebar_model
        self._articles = articles
        self._prompt = prompt
        self._feedback = feedback
        self._reader = reader
        self._views = views

    def current_tag(self) -> str | None:
        entry = self._sidebar.current_entry()
        return entry.tag if entry is not None else None

    def with_current_tag(self, handler: Callable[[str], None]) -> None:
        tag = self.current_tag()
        if tag is not None:
            handler(tag)

    def tag_articles(self, ids: list[int], tag: str) -> None:
        """Articles dragged from the list were dropped on ``tag``."""
        self._articles.add_tags(ids, tag)
        count = len(ids)
        message = QCoreApplication.translate(
            "TagCommands", "Tagged %n article(s) “{tag}”.", "", count
        )
        self._feedback.notify(message.format(tag=tag))

    def ask_rename(self, tag: str) -> None:
        self._prompt.ask_text(
            QCoreApplication.translate("TagCommands", "Rename tag “{tag}” to:").format(tag=tag),
            lambda new: self.rename(tag, new),
            accept_label=QCoreApplication.translate("TagCommands", "Rename"),
            initial=tag,
        )

    def ask_merge(self, tag: str) -> None:
        others = [name for name in self._sidebar_model.tags() if name != tag]
        self._prompt.ask_text(
            QCoreApplication.translate("TagCommands", "Merge tag “{tag}” into:").format(tag=tag),
            lambda into: self.merge(tag, into),
            accept_label=QCoreApplication.translate("TagCommands", "Merge"),
            completions=others,
        )

    def ask_delete(self, tag: str) -> None:
        model = self._sidebar_model
        entry = model.entry(model.index_of("tag", tag))
        count = entry.count if entry is not None else 0
        question = QCoreApplication.translate(
            "TagCommands",
            "Delete the tag “{tag}” from %n article(s)? The articles stay.",
            "",
            count,
        )
        self._prompt.confirm(
            question.format(tag=tag),
            lambda: self.delete(tag),
            accept_label=QCoreApplication.translate("TagCommands", "Delete Tag"),
        )

    def rename(self, old: str, new: str) -> None:
        self._change(
            lambda library: library.rename_tag(old, new),
            QCoreApplication.translate("TagCommands", "Could not rename “{tag}”").format(tag=old),
            old,
            renamed=(old, new),
        )

    def merge(self, tag: str, into: str) -> None:
        self._change(
            lambda library: library.merge_tags([tag], into),
            QCoreApplication.translate("TagCommands", "Could not merge “{tag}”").format(tag=tag),
            tag,
            renamed=(tag, into),
        )

    def delete(self, tag: str) -> None:
        self._change(
            lambda library: library.delete_tag(tag),
            QCoreApplication.translate("TagCommands", "Could not delete “{tag}”").format(tag=tag),
            tag,
        )

    def _change(
        self,
        change: Callable[[Library], None],
        failure: str,
        tag: str,
        *,
        renamed: tuple[str, str] | None = None,
    ) -> None:
        """Change the articles carrying ``tag`` in the interactive pool, and
        read the sidebar's new contents there too: the GUI thread only
        applies what changed when it lands."""

        def job(library: Library) -> Sections:
            change(library)
            return read_sidebar(library)

        def landed(contents: Sections) -> None:
            # This window's own change: no need for the watcher to refresh again.
            self._watcher.note_version()
            shown = self._sidebar.current_entry()
            self._sidebar.show_contents(contents, renamed=renamed)
            if self._sidebar.current_entry() == shown:
                # Still the same view (else choosing the new one read it).
                self._list_model.refresh()
            self._views.update_status()
            self._views.update_actions()
            article = self._reader.current_article
            key = Library.tag_key(tag)
            if article is not None and any(Library.tag_key(name) == key for name in article.tags):
                self._reader.reload_current()

        self._runner.submit(
            job,
            landed,
            lambda message: self._feedback.notify_error(f"{failure}: {message}"),
            pool=Pool.INTERACTIVE,
        )
