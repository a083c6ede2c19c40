"""Managing tags from the sidebar: rename, merge, delete, and tagging by drop."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from storage import LibraryError
from ui.formatting import plural

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class TagCommands(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    def current_tag(self) -> str | None:
        entry = self._window.sidebar.current_entry()
        return entry.tag if entry is not None else None

    def with_current_tag(self, handler: Callable[[str], None]) -> None:
        tag = self.current_tag()
        if tag is not None:
            handler(tag)

    def tag_articles(self, ids: list[int], tag: str) -> None:
        """Articles dragged from the list were dropped on ``tag``."""
        self._window.article_commands.add_tags(ids, tag)
        self._window.notify(f"Tagged {plural(len(ids), 'article')} “{tag}”.")

    def ask_rename(self, tag: str) -> None:
        self._window.prompt.ask_text(
            f"Rename tag “{tag}” to:",
            lambda new: self.rename(tag, new),
            accept_label="Rename",
            initial=tag,
        )

    def ask_merge(self, tag: str) -> None:
        others = [name for name in self._window.sidebar_model.tags() if name != tag]
        self._window.prompt.ask_text(
            f"Merge tag “{tag}” into:",
            lambda into: self.merge(tag, into),
            accept_label="Merge",
            completions=others,
        )

    def ask_delete(self, tag: str) -> None:
        model = self._window.sidebar_model
        entry = model.entry(model.index_of("tag", tag))
        count = entry.count if entry is not None else 0
        self._window.prompt.confirm(
            f"Delete the tag “{tag}” from {plural(count, 'article')}? The articles stay.",
            lambda: self.delete(tag),
            accept_label="Delete Tag",
        )

    def rename(self, old: str, new: str) -> None:
        library = self._window.library
        self._change(lambda: library.rename_tag(old, new), f"Could not rename “{old}”", (old, new))

    def merge(self, tag: str, into: str) -> None:
        library = self._window.library
        self._change(
            lambda: library.merge_tags([tag], into), f"Could not merge “{tag}”", (tag, into)
        )

    def delete(self, tag: str) -> None:
        library = self._window.library
        self._change(lambda: library.delete_tag(tag), f"Could not delete “{tag}”", None)

    def _change(
        self, change: Callable[[], None], failure: str, follow: tuple[str, str] | None
    ) -> None:
        window = self._window
        was_shown = self.current_tag()
        try:
            change()
        except LibraryError as error:
            window.notify_error(f"{failure}: {error}")
            return
        window.sidebar_model.refresh()
        if follow is not None and was_shown == follow[0]:
            # The tag on screen was renamed or merged: keep showing its articles.
            window.sidebar.select_entry("tag", follow[1])
        window.list_model.refresh()
        window.reload_current()
        window.update_status()
        window.update_actions()
