"""Related stories as a list model: the page's own "read more" list, other
saved copies of the open article, or articles from the library like it.

One story is listed once: ``unique_stories`` drops a story already shown
under the same saved article or the same canonical address.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlsplit

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from core.models import RelatedItem
from core.urls import canonical_url
from storage import RelatedLink, SimilarArticle
from ui.formatting import short_date

AnyIndex = QModelIndex | QPersistentModelIndex
StoryKind = Literal["listed", "inline", "duplicate", "similar"]
StoryKey = tuple[str, int | str]

STORY_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class RelatedStory:
    kind: StoryKind
    title: str
    section: str | None = None
    summary: str | None = None
    url: str | None = None
    article_id: int | None = None
    """The saved article this story is, if it is saved."""
    note: str | None = None
    """Why a similar article was picked (shown as its tooltip)."""

    @property
    def saved(self) -> bool:
        return self.article_id is not None

    @property
    def keys(self) -> list[StoryKey]:
        """What makes two stories one: the saved article, the canonical
        address; the title only when there is neither."""
        keys: list[StoryKey] = []
        if self.article_id is not None:
            keys.append(("article", self.article_id))
        address = canonical_url(self.url)
        if address is not None:
            keys.append(("url", address))
        return keys or [("title", self.title.casefold())]

    @property
    def meta(self) -> str:
        """The line under the title: section, and whether it is saved."""
        parts = [self.section or ""]
        if self.kind == "similar":
            return " · ".join(part for part in parts if part)
        if self.kind == "duplicate":
            parts.insert(0, QCoreApplication.translate("RelatedStoriesModel", "Also saved as"))
            return " · ".join(part for part in parts if part)
        if self.kind == "inline":
            parts.append(QCoreApplication.translate("RelatedStoriesModel", "linked in the text"))
        parts.append(
            QCoreApplication.translate("RelatedStoriesModel", "Saved")
            if self.saved
            else QCoreApplication.translate("RelatedStoriesModel", "Not saved")
        )
        return " · ".join(part for part in parts if part)

    @classmethod
    def from_link(cls, link: RelatedLink) -> RelatedStory:
        return cls(link.kind, link.title, link.section, link.summary, link.url, link.target_id)

    @classmethod
    def from_similar(cls, similar: SimilarArticle) -> RelatedStory:
        section = " · ".join(
            part for part in (similar.site, similar.section, short_date(similar.published)) if part
        )
        return cls(
            "similar",
            similar.title,
            section or None,
            None,
            None,
            similar.id,
            _similar_why(similar),
        )

    @classmethod
    def from_item(cls, item: RelatedItem) -> RelatedStory:
        """An entry of ``Library.related_stories``: a story the page lists
        (``target_id`` as saved now), another saved copy, or a similar article."""
        if item.kind == "duplicate":
            shared = round((item.score or 0.0) * 100)
            section = " · ".join(part for part in (_site(item.url), item.section) if part)
            return cls(
                "duplicate",
                item.title,
                section or None,
                item.summary,
                item.url,
                item.article_id,
                QCoreApplication.translate(
                    "RelatedStoriesModel",
                    "Another saved copy of this story ({shared}% the same text)",
                ).format(shared=shared),
            )
        return cls(item.kind, item.title, item.section, item.summary, item.url, item.article_id)


def _similar_why(similar: SimilarArticle) -> str | None:
    """Why a similar article is listed, in the window's language: the tags
    and topics it shares, then its heaviest shared words. Built from the
    structured reasons, not from the English ``why`` storage writes."""
    parts: list[str] = []
    if similar.shared_tags:
        parts.append(
            ", ".join(
                QCoreApplication.translate("RelatedStoriesModel", "tag {name}").format(name=name)
                for name in similar.shared_tags
            )
        )
    if similar.shared_terms:
        parts.append(
            QCoreApplication.translate("RelatedStoriesModel", "words: {words}").format(
                words=", ".join(similar.shared_terms)
            )
        )
    if not parts:
        return None
    return QCoreApplication.translate("RelatedStoriesModel", "Similar: {why}").format(
        why=" · ".join(parts)
    )


def _site(url: str | None) -> str:
    """``vnexpress.net`` from a story's address: which outlet a copy is from."""
    host = urlsplit(url).hostname if url else None
    return (host or "").removeprefix("www.")


def unique_stories(stories: Iterable[RelatedStory], shown: set[StoryKey]) -> list[RelatedStory]:
    """The stories not in ``shown`` (nor earlier in ``stories``), in order;
    ``shown`` gains the keys of those kept."""
    kept: list[RelatedStory] = []
    for story in stories:
        keys = story.keys
        if any(key in shown for key in keys):
            continue
        shown.update(keys)
        kept.append(story)
    return kept


class RelatedStoriesModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stories: list[RelatedStory] = []

    def set_stories(self, stories: Sequence[RelatedStory]) -> None:
        self.beginResetModel()
        self._stories = list(stories)
        self.endResetModel()

    def stories(self) -> list[RelatedStory]:
        return list(self._stories)

    def story(self, index: AnyIndex) -> RelatedStory | None:
        if not index.isValid() or not 0 <= index.row() < len(self._stories):
            return None
        return self._stories[index.row()]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._stories)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        story = self.story(index)
        if story is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return story.title
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [story.title]
            if story.note:
                lines.append(story.note)
            elif story.summary:
                lines.append(story.summary)
            if not story.saved:
                lines.append(
                    QCoreApplication.translate("RelatedStoriesModel", "Click to save it")
                    if story.url
                    else QCoreApplication.translate(
                        "RelatedStoriesModel", "No address to save it from"
                    )
                )
            return "\n".join(lines)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            parts = [story.title, story.meta]
            if story.summary:
                parts.append(story.summary)
            return ". ".join(part for part in parts if part)
        if role == STORY_ROLE:
            return story
        return None
