"""Managing tags from the sidebar: rename, merge, delete, and tagging by drop.

Renaming, merging or deleting a tag changes every article that carries it
(their search entries are rebuilt): one transaction off the GUI thread, and
the sidebar, the list and the open article follow when it lands.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from storage import Library
from ui.article_commands import ArticleCommands
from ui.collaborators import Feedback, OpenArticle, ViewUpdates
from ui.formatting import plural
from ui.prompt_bar import PromptBar
from ui.sidebar import SidebarView
from ui.sidebar_model import SidebarModel
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
        reader: OpenArticle,
        views: ViewUpdates,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
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
        self._feedback.notify(f"Tagged {plural(len(ids), 'article')} “{tag}”.")

    def ask_rename(self, tag: str) -> None:
        self._prompt.ask_text(
            f"Rename tag “{tag}” to:",
            lambda new: self.rename(tag, new),
            accept_label="Rename",
            initial=tag,
        )

    def ask_merge(self, tag: str) -> None:
        others = [name for name in self._sidebar_model.tags() if name != tag]
        self._prompt.ask_text(
            f"Merge tag “{tag}” into:",
            lambda into: self.merge(tag, into),
            accept_label="Merge",
            completions=others,
        )

    def ask_delete(self, tag: str) -> None:
        model = self._sidebar_model
        entry = model.entry(model.index_of("tag", tag))
        count = entry.count if entry is not None else 0
        self._prompt.confirm(
            f"Delete the tag “{tag}” from {plural(count, 'article')}? The articles stay.",
            lambda: self.delete(tag),
            accept_label="Delete Tag",
        )

    def rename(self, old: str, new: str) -> None:
        self._change(
            lambda library: library.rename_tag(old, new), f"Could not rename “{old}”", (old, new)
        )

    def merge(self, tag: str, into: str) -> None:
        self._change(
            lambda library: library.merge_tags([tag], into), f"Could not merge “{tag}”", (tag, into)
        )

    def delete(self, tag: str) -> None:
        self._change(lambda library: library.delete_tag(tag), f"Could not delete “{tag}”", None)

    def _change(
        self,
        change: Callable[[Library], None],
        failure: str,
        follow: tuple[str, str] | None,
    ) -> None:
        def landed(_result: None) -> None:
            was_shown = self.current_tag()
            self._views.refresh_views()
            if follow is not None and was_shown == follow[0]:
                # The tag on screen was renamed or merged: keep showing its articles.
                self._sidebar.select_entry("tag", follow[1])
            self._reader.reload_current()

        self._runner.submit(
            change,
            landed,
            lambda message: self._feedback.notify_error(f"{failure}: {message}"),
            pool=Pool.INTERACTIVE,
        )
