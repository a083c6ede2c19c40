"""The sidebar's tree: library views, feeds, tags and topics, each with its count.

Tags are the person's own (given by hand, by a feed's tag, by an import);
topics are the sites' own keywords, in their own section, collapsed until
opened.

Views and tags count their articles; a feed counts its unread articles and,
when its last checks failed, carries an error badge whose tooltip says why.
The last library view, Highlights, lists highlights and notes rather than
articles, and counts them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import IntEnum
from functools import cache
from typing import Any, Literal
from urllib.parse import urlsplit

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication

from core.models import Feed
from core.text import fold_vietnamese
from storage import ArticleFilter, Library
from ui.themes import muted_color
from ui.workers import Pool, TaskRunner

AnyIndex = QModelIndex | QPersistentModelIndex
EntryKind = Literal["view", "feed", "tag", "topic"]
ENTRY_KINDS: dict[str, EntryKind] = {"view": "view", "feed": "feed", "tag": "tag", "topic": "topic"}


def entry_kind(text: str) -> EntryKind:
    """An entry kind read back from settings; anything unknown is a view."""
    return ENTRY_KINDS.get(text, "view")


ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
FEED_ERROR_ROLE = Qt.ItemDataRole.UserRole + 2
"""The reason a feed's last check failed, or None."""

ERROR_BADGE_COLOR = "#d0453a"
REPAIRED_BADGE_COLOR = "#9a9a9a"
BADGE_SIZE = 16


class Section(IntEnum):
    LIBRARY = 0
    FEEDS = 1
    TAGS = 2
    TOPICS = 3


SECTIONS: tuple[Section, ...] = tuple(Section)
"""The sections by row number."""


SECTION_TITLES = {
    Section.LIBRARY: str(QT_TRANSLATE_NOOP("SidebarModel", "Library")),
    Section.FEEDS: str(QT_TRANSLATE_NOOP("SidebarModel", "Feeds")),
    Section.TAGS: str(QT_TRANSLATE_NOOP("SidebarModel", "Tags")),
    Section.TOPICS: str(QT_TRANSLATE_NOOP("SidebarModel", "Topics")),
}
SECTION_OF_KIND: dict[EntryKind, Section] = {
    "view": Section.LIBRARY,
    "feed": Section.FEEDS,
    "tag": Section.TAGS,
    "topic": Section.TOPICS,
}


COLLAPSIBLE_SECTIONS = frozenset({Section.TOPICS})
"""Sections the person opens and closes by clicking their title (the rest stay open)."""


def section_title(section: Section) -> str:
    return QCoreApplication.translate("SidebarModel", SECTION_TITLES[section])


@dataclass(frozen=True)
class SidebarEntry:
    kind: EntryKind
    key: str
    """The view's name (``all``, ``unread``...), the feed's id, or the tag's or topic's name."""
    label: str
    where: ArticleFilter
    count: int = 0
    """Articles in the view or tag; unread articles of a feed."""
    feed: Feed | None = None

    @property
    def tag(self) -> str | None:
        return self.key if self.kind == "tag" else None

    @property
    def feed_error(self) -> str | None:
        """Why the feed's last check failed; None while it works."""
        if self.feed is None or self.feed.failures == 0:
            return None
        return self.feed.error or QCoreApplication.translate(
            "SidebarModel", "the last check failed"
        )


def feed_label(feed: Feed) -> str:
    """A feed's name: its title, else the host it lives on."""
    if feed.title and feed.title.strip():
        return feed.title.strip()
    return urlsplit(feed.url).hostname or feed.url


def feed_entry(feed: Feed) -> SidebarEntry:
    return SidebarEntry(
        "feed", str(feed.id), feed_label(feed), ArticleFilter(feed_id=feed.id), feed.unread, feed
    )


@cache
def error_badge() -> QIcon:
    """A red disc with a "!": drawn once, at twice the size for sharp screens."""
    return _badge(ERROR_BADGE_COLOR, "!")


@cache
def repaired_badge() -> QIcon:
    """A quiet grey disc with a "~": the feed is read, but leniently."""
    return _badge(REPAIRED_BADGE_COLOR, "~")


def _badge(color: str, mark: str) -> QIcon:
    scale = 2
    pixmap = QPixmap(BADGE_SIZE * scale, BADGE_SIZE * scale)
    pixmap.setDevicePixelRatio(scale)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(color))
    box = QRectF(1, 1, BADGE_SIZE - 2, BADGE_SIZE - 2)
    painter.drawEllipse(box)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(BADGE_SIZE - 5)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, mark)
    painter.end()
    return QIcon(pixmap)


@dataclass(frozen=True)
class LibraryView:
    key: str
    label: str
    where: ArticleFilter

    @property
    def shown_label(self) -> str:
        """The label in the window's language."""
        return QCoreApplication.translate("SidebarModel", self.label)


LIBRARY_VIEWS: tuple[LibraryView, ...] = (
    LibraryView("all", str(QT_TRANSLATE_NOOP("SidebarModel", "All")), ArticleFilter()),
    LibraryView(
        "unread", str(QT_TRANSLATE_NOOP("SidebarModel", "Unread")), ArticleFilter(status="unread")
    ),
    LibraryView(
        "favorites",
        str(QT_TRANSLATE_NOOP("SidebarModel", "Favorites")),
        ArticleFilter(favorite=True),
    ),
    LibraryView(
        "archive",
        str(QT_TRANSLATE_NOOP("SidebarModel", "Archive")),
        ArticleFilter(status="archived"),
    ),
    LibraryView(
        "pending", str(QT_TRANSLATE_NOOP("SidebarModel", "Pending")), ArticleFilter(pending=True)
    ),
)

HIGHLIGHTS_VIEW = "highlights"
"""The key of the library view listing every highlight and note."""


def highlights_entry(count: int) -> SidebarEntry:
    label = QCoreApplication.translate("SidebarModel", "Highlights")
    return SidebarEntry("view", HIGHLIGHTS_VIEW, label, ArticleFilter(), count)


_TOP = 0  # internal id of the section rows; children use section + 1
READ_SLOT = "sidebar"
"""The runner's slot of the sidebar's re-reads: a newer one supersedes the last."""

Sections = dict[Section, list[SidebarEntry]]


def read_sidebar(library: Library) -> Sections:
    """Everything the sidebar shows, read from ``library`` (on any thread
    that owns it: a worker reads it after a change to many articles)."""
    views = [
        SidebarEntry(
            "view", view.key, view.shown_label, view.where, library.count_articles(view.where)
        )
        for view in LIBRARY_VIEWS
    ]
    views.append(highlights_entry(library.count_highlights()))
    feeds = sorted(
        (feed_entry(feed) for feed in library.list_feeds()),
        key=lambda entry: (fold_vietnamese(entry.label).casefold(), entry.label),
    )
    tags = [
        SidebarEntry("tag", tag.name, tag.name, ArticleFilter(tag=tag.name), tag.count)
        for tag in library.list_tags()
    ]
    topics = [
        SidebarEntry("topic", topic.name, topic.name, ArticleFilter(topic=topic.name), topic.count)
        for topic in library.list_topics()
    ]
    return {
        Section.LIBRARY: views,
        Section.FEEDS: feeds,
        Section.TAGS: tags,
        Section.TOPICS: topics,
    }


def _one_row_moved(opcodes: Sequence[tuple[str, int, int, int, int]]) -> tuple[int, int] | None:
    """(old row, new row) when the only change is one row deleted and one
    inserted elsewhere; None otherwise."""
    changes = [opcode for opcode in opcodes if opcode[0] != "equal"]
    if len(changes) != 2 or {change[0] for change in changes} != {"delete", "insert"}:
        return None
    deleted = next(change for change in changes if change[0] == "delete")
    inserted = next(change for change in changes if change[0] == "insert")
    if deleted[2] - deleted[1] != 1 or inserted[4] - inserted[3] != 1:
        return None
    return deleted[1], inserted[3]


class SidebarModel(QAbstractItemModel):
    """Four sections: the fixed library views, the feeds, every tag, every topic."""

    COLUMNS = 2  # name, count

    contents_about_to_change = Signal()
    """Rows are about to come, go or change (the view remembers its place)."""
    contents_changed = Signal()
    """They did (the view puts its place back)."""

    read_failed = Signal(str)
    """A re-read off the GUI thread failed: the one line to show."""

    def __init__(
        self, library: Library, parent: QObject | None = None, runner: TaskRunner | None = None
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._runner = runner
        """Where ``refresh`` reads; None: it reads here and now."""
        self._applied = 0
        """How many contents were applied: a read that lands after another
        was applied may be older than it, and is read again."""
        self._after_read: list[Callable[[], object]] = []
        """What callers of ``refresh`` asked to run once it is shown."""
        self._drop_target: tuple[EntryKind, str] | None = None
        self._sections: Sections = read_sidebar(library)
        self._closed: set[Section] = set()
        """Collapsible sections shown collapsed: their title carries ▸, else ▾."""

    def set_section_closed(self, section: Section, closed: bool) -> None:
        """Mark a collapsible section's title open (▾) or closed (▸)."""
        if (section in self._closed) == closed:
            return
        if closed:
            self._closed.add(section)
        else:
            self._closed.discard(section)
        title = self.index(section, 0)
        self.dataChanged.emit(title, title)

    def refresh(self, then: Callable[[], object] | None = None) -> None:
        """Re-read counts, feeds and tags and show what changed (see
        ``apply``), then call ``then``. With a runner the reading is done off
        the GUI thread (it grows with the library); a newer refresh
        supersedes one in flight, and calls what both were given."""
        if then is not None:
            self._after_read.append(then)
        if self._runner is None:
            self.apply(read_sidebar(self._library))
            self._run_after_read()
            return
        if self._runner.closed:
            return  # the window is closing: nothing more is shown
        applied_before = self._applied

        def landed(contents: Sections) -> None:
            if self._applied != applied_before:
                self.refresh()  # other contents came meanwhile: which is newer is unknown
                return
            self.apply(contents)
            self._run_after_read()

        self._runner.submit(
            read_sidebar, landed, self.read_failed.emit, pool=Pool.INTERACTIVE, slot=READ_SLOT
        )

    def _run_after_read(self) -> None:
        waiting, self._after_read = self._after_read, []
        for then in waiting:
            then()

    def apply(self, fresh: Sections) -> None:
        """Show ``fresh`` contents by changing only what changed: rows that
        went are removed, rows that came are inserted, rows whose counts or
        names changed are updated. Never a reset: expansion and selection
        stay, and the work is in proportion to the change, not to the tags."""
        self._applied += 1
        self.contents_about_to_change.emit()
        for section in Section:
            self._apply_section(section, fresh[section])
        self.contents_changed.emit()

    def _apply_section(self, section: Section, fresh: list[SidebarEntry]) -> None:
        shown = self._sections[section]
        parent = self.index(section, 0)
        old_keys = [entry.key for entry in shown]
        new_keys = [entry.key for entry in fresh]
        if old_keys != new_keys:
            # Keys are unique within a section, so no key is ever "junk".
            matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
            opcodes = matcher.get_opcodes()
            moved = _one_row_moved(opcodes)
            # One row went and one came elsewhere (a tag renamed to a name
            # that sorts apart): one move, and the view moves one row instead
            # of laying the section out after a removal and again after an
            # insertion. dataChanged below shows its new entry. (Qt counts
            # the destination before the move; it refuses a move to itself.)
            if moved is not None and self.beginMoveRows(
                parent, moved[0], moved[0], parent, moved[1] + (moved[1] > moved[0])
            ):
                old_row, new_row = moved
                del shown[old_row]
                shown.insert(new_row, fresh[new_row])
                self.endMoveRows()
                opcodes = []
            # From the end backwards: each step leaves the rows before it in place.
            for operation, old_from, old_to, new_from, new_to in reversed(opcodes):
                if operation == "equal":
                    continue
                if operation == "replace" and old_to - old_from == new_to - new_from:
                    # As many rows come as go (a tag renamed in place): the
                    # rows stay and show their new entries (dataChanged below).
                    # Removing and inserting them would have the view lay out
                    # the whole section twice.
                    shown[old_from:old_to] = fresh[new_from:new_to]
                    continue
                if old_to > old_from:
                    self.beginRemoveRows(parent, old_from, old_to - 1)
                    del shown[old_from:old_to]
                    self.endRemoveRows()
                if new_to > new_from:
                    self.beginInsertRows(parent, old_from, old_from + new_to - new_from - 1)
                    shown[old_from:old_from] = fresh[new_from:new_to]
                    self.endInsertRows()
        changed = [
            row for row, (old, new) in enumerate(zip(shown, fresh, strict=True)) if old != new
        ]
        self._sections[section] = list(fresh)
        if changed:
            self.dataChanged.emit(
                self.index(changed[0], 0, parent),
                self.index(changed[-1], self.COLUMNS - 1, parent),
            )

    # -- lookup ------------------------------------------------------------

    def _entries(self, section: int) -> list[SidebarEntry]:
        # A tuple, not Section(section): views call this for every row they
        # lay out, and an enum's constructor is slow.
        return self._sections[SECTIONS[section]] if 0 <= section < len(SECTIONS) else []

    def entry(self, index: AnyIndex) -> SidebarEntry | None:
        if not index.isValid() or index.internalId() == _TOP:
            return None
        entries = self._entries(index.internalId() - 1)
        return entries[index.row()] if 0 <= index.row() < len(entries) else None

    def index_of(self, kind: EntryKind, key: str) -> QModelIndex:
        section = SECTION_OF_KIND[kind]
        fold = key.casefold()
        for row, entry in enumerate(self._entries(section)):
            if entry.key.casefold() == fold:
                return self.index(row, 0, self.index(section, 0))
        return QModelIndex()

    def section_index(self, section: Section) -> QModelIndex:
        return self.index(section, 0)

    def tags(self) -> list[str]:
        return [entry.key for entry in self._sections[Section.TAGS]]

    def topics(self) -> list[str]:
        return [entry.key for entry in self._sections[Section.TOPICS]]

    def feeds(self) -> list[Feed]:
        return [entry.feed for entry in self._sections[Section.FEEDS] if entry.feed is not None]

    def feed(self, feed_id: int) -> Feed | None:
        return next((feed for feed in self.feeds() if feed.id == feed_id), None)

    def view_count(self, key: str) -> int:
        return next(
            (entry.count for entry in self._sections[Section.LIBRARY] if entry.key == key), 0
        )

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
        # The bounds checked here, not by hasIndex(): that calls rowCount()
        # and columnCount() back through Python for each of the thousands of
        # indexes a view asks for when a section's rows change.
        if row < 0 or not 0 <= column < self.COLUMNS:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _TOP) if row < len(SECTIONS) else QModelIndex()
        if parent.internalId() != _TOP or parent.column() != 0:
            return QModelIndex()
        section = parent.row()
        if row < len(self._entries(section)):
            return self.createIndex(row, column, section + 1)
        return QModelIndex()

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _TOP)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(SECTIONS)
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
        if entry.kind == "feed":
            return self._feed_data(entry, index.column(), role)
        if entry.key == HIGHLIGHTS_VIEW and entry.kind == "view":
            return self._highlights_data(entry, index.column(), role)
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.label if index.column() == 0 else str(entry.count)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if entry.kind == "tag":
                text = self.tr("{label}, tag, %n article(s)", "", entry.count)
            elif entry.kind == "topic":
                text = self.tr("{label}, topic, %n article(s)", "", entry.count)
            else:
                text = self.tr("{label}, view, %n article(s)", "", entry.count)
            return text.format(label=entry.label)
        if role == Qt.ItemDataRole.ToolTipRole:
            if entry.kind == "tag":
                text = self.tr(
                    "Tag “{label}”: %n article(s). Drop articles, links or files here to tag them.",
                    "",
                    entry.count,
                )
            elif entry.kind == "topic":
                text = self.tr(
                    "Topic “{label}”, from the sites' own keywords: %n article(s)", "", entry.count
                )
            else:
                text = self.tr("{label}: %n article(s)", "", entry.count)
            return text.format(label=entry.label)
        return self._row_data(entry, index.column(), role)

    def _feed_data(self, entry: SidebarEntry, column: int, role: int) -> Any:
        feed = entry.feed
        assert feed is not None
        error = entry.feed_error
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return entry.label
            return str(entry.count) if entry.count else ""  # no unread: a quiet row
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            if error is not None:
                return error_badge()
            if feed.repaired:
                return repaired_badge()
            return None
        if role == FEED_ERROR_ROLE:
            return error
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if error:
                text = self.tr("{label}, feed, refresh failed: {reason}")
                return text.format(label=entry.label, reason=error)
            return self.tr("{label}, feed, %n unread", "", entry.count).format(label=entry.label)
        if role == Qt.ItemDataRole.ToolTipRole:
            if error is not None:
                text = self.tr("“{label}” could not be refreshed: {reason}")
                return text.format(label=entry.label, reason=error)
            tip = self.tr("{label}: {unread} unread of %n article(s)", "", feed.entries).format(
                label=entry.label, unread=entry.count
            )
            tip += f"\n{feed.url}"
            if feed.repaired:
                repaired = self.tr("Read despite errors in the feed: {reason}")
                tip += "\n" + repaired.format(reason=feed.repaired)
            return tip
        return self._row_data(entry, column, role)

    def _highlights_data(self, entry: SidebarEntry, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.label if column == 0 else str(entry.count)
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return QCoreApplication.translate(
                "SidebarModel",
                "Highlights: %n highlight(s) and note(s), newest first",
                "",
                entry.count,
            )
        return self._row_data(entry, column, role)

    def _row_data(self, entry: SidebarEntry, column: int, role: int) -> Any:
        """The roles every view, tag and feed row answers alike."""
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return muted_color(QApplication.palette())
        if role == Qt.ItemDataRole.BackgroundRole and self._drop_target == (entry.kind, entry.key):
            color = QApplication.palette().color(QPalette.ColorRole.Highlight)
            color.setAlpha(90)
            return color
        if role == ENTRY_ROLE:
            return entry
        return None

    def _section_data(self, section: Section, column: int, role: int) -> Any:
        if column != 0:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            title = section_title(section)
            if section in COLLAPSIBLE_SECTIONS:
                count = len(self._sections[section])
                if role == Qt.ItemDataRole.AccessibleTextRole:
                    state = (
                        QCoreApplication.translate("SidebarModel", "collapsed")
                        if section in self._closed
                        else QCoreApplication.translate("SidebarModel", "expanded")
                    )
                    return f"{title} ({count}), {state}"
                arrow = "▸" if section in self._closed else "▾"
                return f"{title.upper()} ({count}) {arrow}"
            return title.upper() if role == Qt.ItemDataRole.DisplayRole else title
        if role == Qt.ItemDataRole.ToolTipRole and section in COLLAPSIBLE_SECTIONS:
            return QCoreApplication.translate(
                "SidebarModel", "The sites' own keywords for their articles. Click to show or hide."
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
            titles = (
                QCoreApplication.translate("SidebarModel", "Name"),
                QCoreApplication.translate("SidebarModel", "Articles"),
            )
            return titles[section] if 0 <= section < self.COLUMNS else None
        return None
