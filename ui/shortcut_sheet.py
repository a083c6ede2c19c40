"""Help → Keyboard Shortcuts (and ``?``): every key the window answers to.

The sheet is read from the menu bar's QActions each time it opens, so it
lists exactly the keys the window has, in the language of its menus; a key
that belongs to no menu (Esc leaving focus mode) is listed at the end.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QMenuBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class Shortcut:
    """One command and its keys, as the sheet shows them."""

    command: str
    keys: str


@dataclass(frozen=True)
class ShortcutGroup:
    """The commands of one menu that have keys."""

    title: str
    shortcuts: tuple[Shortcut, ...]


def plain_text(text: str) -> str:
    """A menu text without its accelerator mark or trailing ellipsis:
    ``Save from &Address…`` → ``Save from Address``."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


FIRST_MEDIA_KEY = Qt.Key.Key_Back.value
"""Keys from here on are a multimedia keyboard's own (Open, Find, Zoom In…):
standard shortcuts carry them, but they are not keys a person types."""


def typed_keys(action: QAction) -> list[QKeySequence]:
    """The action's shortcuts a person can type on a plain keyboard."""
    return [
        sequence
        for sequence in action.shortcuts()
        if not sequence.isEmpty() and _first_key(sequence) < FIRST_MEDIA_KEY
    ]


def _first_key(sequence: QKeySequence) -> int:
    """The key (without modifiers) of a sequence's first chord."""
    chord = sequence[0]  # type: ignore[index]  # QKeySequence has operator[]; the stubs lack it
    return int(chord.key().value)


def keys_text(action: QAction) -> str:
    """The action's keys as this platform writes them: ``Ctrl+L, Ctrl+N``."""
    return ", ".join(
        sequence.toString(QKeySequence.SequenceFormat.NativeText) for sequence in typed_keys(action)
    )


def _menu_shortcuts(menu: QMenu) -> list[tuple[QAction, Shortcut]]:
    found: list[tuple[QAction, Shortcut]] = []
    for action in menu.actions():
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            found += _menu_shortcuts(submenu)
        elif typed_keys(action) and not action.isSeparator():
            found.append((action, Shortcut(plain_text(action.text()), keys_text(action))))
    return found


def shortcut_groups(menu_bar: QMenuBar, others: Iterable[QAction] = ()) -> list[ShortcutGroup]:
    """Each menu's commands that have keys, in menu order, then ``others``
    (actions with keys in no menu) under "Other Keys"."""
    groups: list[ShortcutGroup] = []
    listed: set[int] = set()
    for top in menu_bar.actions():
        menu = top.menu()
        if not isinstance(menu, QMenu):
            continue
        found = _menu_shortcuts(menu)
        listed.update(id(action) for action, _ in found)
        if found:
            groups.append(ShortcutGroup(plain_text(menu.title()), tuple(item for _, item in found)))
    rest = tuple(
        Shortcut(plain_text(action.text()), keys_text(action))
        for action in others
        if typed_keys(action) and id(action) not in listed
    )
    if rest:
        groups.append(
            ShortcutGroup(QCoreApplication.translate("ShortcutSheet", "Other Keys"), rest)
        )
    return groups


class ShortcutSheet(QDialog):
    """A non-modal window listing the groups; reading goes on behind it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcut-sheet")
        self.setWindowTitle(QCoreApplication.translate("ShortcutSheet", "Keyboard Shortcuts"))
        self.setModal(False)
        self.tree = QTreeWidget()
        self.tree.setObjectName("shortcut-list")
        self.tree.setAccessibleName(QCoreApplication.translate("ShortcutSheet", "Shortcuts"))
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(
            [
                QCoreApplication.translate("ShortcutSheet", "Command"),
                QCoreApplication.translate("ShortcutSheet", "Keys"),
            ]
        )
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QTreeWidget.SelectionMode.NoSelection)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(520, 560)

    def show_groups(self, groups: Sequence[ShortcutGroup]) -> None:
        self.tree.clear()
        for group in groups:
            heading = QTreeWidgetItem([group.title, ""])
            font = heading.font(0)
            font.setBold(True)
            heading.setFont(0, font)
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for shortcut in group.shortcuts:
                row = QTreeWidgetItem([shortcut.command, shortcut.keys])
                row.setFlags(Qt.ItemFlag.ItemIsEnabled)
                heading.addChild(row)
            self.tree.addTopLevelItem(heading)
            heading.setExpanded(True)

    def rows(self) -> list[tuple[str, str, str]]:
        """(menu, command, keys) of every row shown (for tests)."""
        shown: list[tuple[str, str, str]] = []
        for group_row in range(self.tree.topLevelItemCount()):
            heading = self.tree.topLevelItem(group_row)
            assert heading is not None  # the row exists: it was just counted
            for row in range(heading.childCount()):
                item = heading.child(row)
                assert item is not None
                shown.append((heading.text(0), item.text(0), item.text(1)))
        return shown
