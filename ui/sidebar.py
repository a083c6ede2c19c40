"""The sidebar: library views, feeds, tags and topics; their menus; dropping onto a tag.

The Topics section (the sites' own keywords) starts collapsed: a click on its
title, or Space/Enter on it, opens and closes it; the window remembers which.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from core.models import Feed, FeedMode
from ui.drops import DropContent, read_mime
from ui.sidebar_model import (
    COLLAPSIBLE_SECTIONS,
    EntryKind,
    Section,
    Sections,
    SidebarEntry,
    SidebarModel,
)

ROW_PADDING = 5
SECTION_GAP = 14

FEED_MODE_LABELS: dict[FeedMode, str] = {
    "full": str(QT_TRANSLATE_NOOP("SidebarView", "Full page (fetch each article)")),
    "feed": str(QT_TRANSLATE_NOOP("SidebarView", "Feed content only")),
}


class SidebarDelegate(QStyledItemDelegate):
    """Roomier rows, and a gap above each section title."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        extra = ROW_PADDING
        if not index.parent().isValid():
            extra += SECTION_GAP
        return QSize(size.width(), size.height() + extra)

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        if not index.parent().isValid():
            # Section titles sit at the bottom of their taller row.
            option.displayAlignment = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom
        # A feed's error badge sits at the end of its name, next to the count.
        option.decorationPosition = QStyleOptionViewItem.Position.Right


class SidebarView(QTreeView):
    entry_selected = Signal(object)
    """A view, feed or tag was chosen (a ``SidebarEntry``)."""
    rename_requested = Signal(str)
    merge_requested = Signal(str)
    delete_requested = Signal(str)
    feed_refresh_requested = Signal(int)
    feed_rename_requested = Signal(int)
    feed_retag_requested = Signal(int)
    feed_mode_requested = Signal(int, str)
    """A feed's id and the mode chosen for it (``full`` or ``feed``)."""
    feed_unsubscribe_requested = Signal(int)
    topics_expanded_changed = Signal(bool)
    """The Topics section was opened (True) or closed (False) by the person."""
    articles_dropped = Signal(list, str)
    """Article ids dragged from the list were dropped on a tag."""
    content_dropped = Signal(object, str)
    """Savable content (``DropContent``) was dropped; the tag, or "" for none."""
    drop_hover = Signal(object, str)
    """A drag moved over the sidebar: its ``DropContent`` and the tag under it."""
    drop_hover_left = Signal()

    def __init__(self, model: SidebarModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.setAccessibleName(self.tr("Library views, feeds, tags and topics"))
        self.setModel(model)
        self._model = model
        self.setItemDelegate(SidebarDelegate(self))
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setIndentation(14)
        self.setUniformRowHeights(True)
        self.setFrameShape(QTreeView.Shape.NoFrame)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(False)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Fitted from the largest count, not ResizeToContents: that asks every
        # row for its size after each reset, which grows with the tags.
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self._topics_expanded = False
        self.expandAll()
        self._show_topics_expanded()
        self.clicked.connect(self._title_clicked)
        self._fit_count_column()
        model.dataChanged.connect(self._fit_count_column)
        self._remembered: tuple[EntryKind, str] | None = None
        self._successor: tuple[str, str] | None = None
        self._signals_were_blocked = False
        self.section_actions: dict[Section, list[QAction]] = {}
        """Commands offered by a right click on a section's title."""
        model.contents_about_to_change.connect(self._remember_current)
        model.contents_changed.connect(self._restore_current)
        selection = self.selectionModel()
        selection.currentRowChanged.connect(self._current_changed)

    # -- the collapsible Topics section -----------------------------------------

    @property
    def topics_expanded(self) -> bool:
        return self._topics_expanded

    def set_topics_expanded(self, expanded: bool) -> None:
        """Open or close the Topics section (the window restores the saved choice)."""
        if expanded == self._topics_expanded:
            return
        self._topics_expanded = expanded
        self._show_topics_expanded()
        self.topics_expanded_changed.emit(expanded)

    def _show_topics_expanded(self) -> None:
        self.setExpanded(self._model.section_index(Section.TOPICS), self._topics_expanded)
        self._model.set_section_closed(Section.TOPICS, not self._topics_expanded)

    def _title_clicked(self, index: QModelIndex) -> None:
        is_title = index.isValid() and not index.parent().isValid()
        if is_title and Section(index.row()) in COLLAPSIBLE_SECTIONS:
            self.set_topics_expanded(not self._topics_expanded)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        toggles = event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if toggles and index.isValid() and not index.parent().isValid():
            self._title_clicked(index.siblingAtColumn(0))
            return
        super().keyPressEvent(event)

    def _fit_count_column(self) -> None:
        # "All" counts every article: no count in the sidebar is wider.
        widest = str(max(0, self._model.view_count("all")))
        self.setColumnWidth(1, self.fontMetrics().horizontalAdvance(widest) + 4 * ROW_PADDING)

    # -- choosing ----------------------------------------------------------

    def current_entry(self) -> SidebarEntry | None:
        return self._model.entry(self.currentIndex())

    def select_entry(self, kind: EntryKind, key: str) -> bool:
        index = self._model.index_of(kind, key)
        if not index.isValid():
            return False
        self.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        return True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry = self._model.entry(current)
        if entry is not None:
            self.entry_selected.emit(entry)

    def show_contents(self, contents: Sections, *, renamed: tuple[str, str] | None = None) -> None:
        """Show sidebar contents read off the GUI thread. ``renamed``: a tag
        renamed or merged (old, new) whose articles stay shown if it was current."""
        self._successor = renamed
        try:
            self._model.apply(contents)
        finally:
            self._successor = None

    def _remember_current(self) -> None:
        entry = self.current_entry()
        self._remembered = (entry.kind, entry.key) if entry is not None else None
        # Rows come and go under the current one: no "selected" along the way.
        self._signals_were_blocked = self.selectionModel().blockSignals(True)

    def _restore_current(self) -> None:
        self.selectionModel().blockSignals(self._signals_were_blocked)
        for section in Section:
            # A section that had no rows may not be expanded yet; a no-op otherwise.
            if section not in COLLAPSIBLE_SECTIONS:
                self.expand(self._model.section_index(section))
        self._show_topics_expanded()
        if self._remembered is None:
            return
        kind, key = self._remembered
        if self._successor is not None and (kind, key) == ("tag", self._successor[0]):
            # The tag on screen was renamed or merged: show its articles under the new name.
            successor = self._model.index_of("tag", self._successor[1])
            if successor.isValid() and successor == self.currentIndex():
                # Renamed in place: the current row is the new tag, and no
                # change of row will say so.
                self._current_changed(successor, successor)
            elif not self.select_entry("tag", self._successor[1]):
                self.select_entry("view", "all")
            return
        index = self._model.index_of(kind, key)
        if not index.isValid():
            # The entry went away (deleted tag, removed feed): fall back to All.
            self.select_entry("view", "all")
            return
        if index == self.currentIndex():
            return
        # Restoring the same entry must not reload the list: block the signal.
        blocked = self.selectionModel().blockSignals(True)
        self.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.selectionModel().blockSignals(blocked)
        self.viewport().update()

    # -- the tag menu ------------------------------------------------------

    def tag_menu(self, tag: str) -> QMenu:
        menu = QMenu(self)
        menu.setAccessibleName(self.tr("Tag %1").replace("%1", tag))
        menu.addAction(self.tr("Rename…"), lambda: self.rename_requested.emit(tag))
        menu.addAction(self.tr("Merge into…"), lambda: self.merge_requested.emit(tag))
        menu.addSeparator()
        menu.addAction(self.tr("Delete…"), lambda: self.delete_requested.emit(tag))
        return menu

    # -- the feed menu -----------------------------------------------------

    def feed_menu(self, feed: Feed) -> QMenu:
        menu = QMenu(self)
        menu.setAccessibleName(self.tr("Feed"))
        feed_id = feed.id
        menu.addAction(self.tr("Refresh"), lambda: self.feed_refresh_requested.emit(feed_id))
        menu.addSeparator()
        menu.addAction(self.tr("Rename…"), lambda: self.feed_rename_requested.emit(feed_id))
        menu.addAction(self.tr("Change tag…"), lambda: self.feed_retag_requested.emit(feed_id))
        modes = menu.addMenu(self.tr("Mode"))
        for mode, label in FEED_MODE_LABELS.items():
            action = modes.addAction(QCoreApplication.translate("SidebarView", label))
            action.setCheckable(True)
            action.setChecked(feed.mode == mode)
            action.triggered.connect(
                lambda _checked=False, chosen=mode: self.feed_mode_requested.emit(feed_id, chosen)
            )
        menu.addSeparator()
        menu.addAction(
            self.tr("Unsubscribe…"), lambda: self.feed_unsubscribe_requested.emit(feed_id)
        )
        return menu

    def section_menu(self, section: Section) -> QMenu | None:
        actions = self.section_actions.get(section)
        if not actions:
            return None
        menu = QMenu(self)
        menu.addActions(actions)
        return menu

    def context_menu(self, index: QModelIndex) -> QMenu | None:
        """The menu for the row at ``index``: a tag's, a feed's or a section's."""
        if index.isValid() and not index.parent().isValid():
            return self.section_menu(Section(index.row()))
        entry = self._model.entry(index)
        if entry is None:
            return None
        if entry.tag is not None:
            return self.tag_menu(entry.tag)
        if entry.feed is not None:
            return self.feed_menu(entry.feed)
        return None

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            index = self.currentIndex()
            position = self.visualRect(index).bottomLeft()
        else:
            index = self.indexAt(event.pos())
            position = event.pos()
        menu = self.context_menu(index.siblingAtColumn(0) if index.isValid() else index)
        if menu is not None:
            menu.popup(self.viewport().mapToGlobal(position))

    # -- drops ---------------------------------------------------------------

    def _tag_at(self, position: QPoint) -> str | None:
        entry = self._model.entry(self.indexAt(position))
        return entry.tag if entry is not None else None

    def _accepts(self, content: DropContent, tag: str | None) -> bool:
        if content.article_ids:
            return tag is not None  # our own articles can only go onto a tag
        return bool(content.items or content.opml_files)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        content = read_mime(event.mimeData())
        if content.article_ids or content.items or content.opml_files:
            # Always a copy: a file manager told "move" may delete the file.
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        position = event.position().toPoint()
        content = read_mime(event.mimeData())
        tag = self._tag_at(position)
        index = self.indexAt(position) if tag is not None else None
        self._model.set_drop_target(index)
        self.drop_hover.emit(content, tag or "")
        if self._accepts(content, tag):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._model.set_drop_target(None)
        self.drop_hover_left.emit()
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:
        self._model.set_drop_target(None)
        self.drop_hover_left.emit()
        content = read_mime(event.mimeData())
        tag = self._tag_at(event.position().toPoint())
        if not self._accepts(content, tag):
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        if content.article_ids and tag is not None:
            self.articles_dropped.emit(content.article_ids, tag)
        else:
            self.content_dropped.emit(content, tag or "")
