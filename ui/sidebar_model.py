"""The sidebar's tree: library views and tags, each with its article count."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any, Literal

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from storage import ArticleFilter, Library
from ui.themes import muted_color

AnyIndex = QModelIndex | QPersistentModelIndex
EntryKind = Literal["view", "tag"]

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1


class Section(IntEnum):
    LIBRARY = 0
    TAGS = 1


SECTION_TITLES = {Section.LIBRARY: "Library", Section.TAGS: "Tags"}


@dataclass(frozen=True)
class SidebarEntry:
    kind: EntryKind
    key: str
    """The view's name (``all``, ``unread``...) or the tag's name."""
    label: str
    where: ArticleFilter
    count: int = 0

    @property
    def tag(self) -> str | None:
        return self.key if self.kind == "tag" else None


@dataclass(frozen=True)
class LibraryView:
    key: str
    label: str
    where: ArticleFilter


LIBRARY_VIEWS: tuple[LibraryView, ...] = (
    LibraryView("all", "All", ArticleFilter()),
    LibraryView("unread", "Unread", ArticleFilter(status="unread")),
    LibraryView("favorites", "Favorites", ArticleFilter(favorite=True)),
    LibraryView("archive", "Archive", ArticleFilter(status="archived")),
    LibraryView("pending", "Pending", ArticleFilter(pending=True)),
)

_TOP = 0  # internal id of the two section rows; children use section + 1


class SidebarModel(QAbstractItemModel):
    """Two sections: the fixed library views, then every tag."""

    COLUMNS = 2  # name, count

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._views: list[SidebarEntry] = []
        self._tags: list[SidebarEntry] = []
        self._drop_target: tuple[EntryKind, str] | None = None
        self._views, self._tags = self._read()

    def _read(self) -> tuple[list[SidebarEntry], list[SidebarEntry]]:
        views = [
            SidebarEntry(
                "view", view.key, view.label, view.where, self._library.count_articles(view.where)
            )
            for view in LIBRARY_VIEWS
        ]
        tags = [
            SidebarEntry("tag", tag.name, tag.name, ArticleFilter(tag=tag.name), tag.count)
            for tag in self._library.list_tags()
        ]
        return views, tags

    def refresh(self) -> None:
        """Re-read counts and tags; rows are reset only when tags came or went."""
        views, tags = self._read()
        if [entry.key for entry in tags] != [entry.key for entry in self._tags]:
            self.beginResetModel()
            self._views, self._tags = views, tags
            self.endResetModel()
            return
        self._views, self._tags = views, tags
        for section, entries in ((Section.LIBRARY, views), (Section.TAGS, tags)):
            if entries:
                parent = self.index(section, 0)
                self.dataChanged.emit(
                    self.index(0, 0, parent), self.index(len(entries) - 1, self.COLUMNS - 1, parent)
                )

    # -- lookup ------------------------------------------------------------

    def _entries(self, section: int) -> list[SidebarEntry]:
        return self._views if section == Section.LIBRARY else self._tags

    def entry(self, index: AnyIndex) -> SidebarEntry | None:
        if not index.isValid() or index.internalId() == _TOP:
            return None
        entries = self._entries(index.internalId() - 1)
        return entries[index.row()] if 0 <= index.row() < len(entries) else None

    def index_of(self, kind: EntryKind, key: str) -> QModelIndex:
        section = Section.LIBRARY if kind == "view" else Section.TAGS
        fold = key.casefold()
        for row, entry in enumerate(self._entries(section)):
            if entry.key.casefold() == fold:
                return self.index(row, 0, self.index(section, 0))
        return QModelIndex()

    def tags(self) -> list[str]:
        return [entry.key for entry in self._tags]

    def view_count(self, key: str) -> int:
        return next((entry.count for entry in self._views if entry.key == key), 0)

    def set_drop_target(self, index: AnyIndex | None) -> None:
        """Highlight the row a drag would drop onto (None: no highlight)."""
        entry = self.entry(index) if index is not None else None
        target = (entry.kind, entry.key) if entry is not None else None
        if target == self._drop_target:
            return
        previous, self._drop_target = self._drop_target, target
        for changed in (previous, target):
            if changed is not None:
                found = self.index_of(*changed)
                if found.isValid():
                    self.dataChanged.emit(found, found.siblingAtColumn(self.COLUMNS - 1))

    # -- QAbstractItemModel --------------------------------------------------

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _TOP)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _TOP)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(Section)
        if parent.internalId() == _TOP and parent.column() == 0:
            return len(self._entries(parent.row()))
        return 0

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return self.COLUMNS

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == _TOP:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _TOP:
            return self._section_data(Section(index.row()), index.column(), role)
        entry = self.entry(index)
        if entry is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.label if index.column() == 0 else str(entry.count)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            kind = "tag" if entry.kind == "tag" else "view"
            return f"{entry.label}, {kind}, {entry.count} articles"
        if role == Qt.ItemDataRole.ToolTipRole:
            if entry.kind == "tag":
                return (
                    f"Tag “{entry.label}”: {entry.count} articles. Drop articles, links or"
                    " files here to tag them."
                )
            return f"{entry.label}: {entry.count} articles"
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 1:
            return muted_color(QApplication.palette())
        if role == Qt.ItemDataRole.BackgroundRole and self._drop_target == (entry.kind, entry.key):
            color = QApplication.palette().color(QPalette.ColorRole.Highlight)
            color.setAlpha(90)
            return color
        if role == ENTRY_ROLE:
            return entry
        return None

    @staticmethod
    def _section_data(section: Section, column: int, role: int) -> Any:
        if column != 0:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (
                SECTION_TITLES[section].upper()
                if role == Qt.ItemDataRole.DisplayRole
                else (SECTION_TITLES[section])
            )
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            font.setPointSizeF(max(7.0, font.pointSizeF() * 0.8))
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            return muted_color(QApplication.palette())
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return ("Name", "Articles")[section] if 0 <= section < self.COLUMNS else None
        return None
