"""Trust: a drop is always taken as a copy, so no file manager deletes the original."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.conftest import SEED
from tests.ui.conftest import WindowFactory

COPY_OR_MOVE = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
LEFT = Qt.MouseButton.LeftButton
# Shift asks for a move: the proposed action is then MoveAction, as a file
# manager that moves by default would propose.
SHIFT = Qt.KeyboardModifier.ShiftModifier


def file_mime() -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(SEED))])
    return mime


def drag_and_drop(target: QWidget, point: QPoint) -> list[Qt.DropAction]:
    """Sends enter, move and drop offering copy or move; the action accepted at each."""
    mime = file_mime()
    enter = QDragEnterEvent(point, COPY_OR_MOVE, mime, LEFT, SHIFT)
    assert enter.proposedAction() == Qt.DropAction.MoveAction
    QApplication.sendEvent(target, enter)
    move = QDragMoveEvent(point, COPY_OR_MOVE, mime, LEFT, SHIFT)
    QApplication.sendEvent(target, move)
    drop = QDropEvent(QPointF(point), COPY_OR_MOVE, mime, LEFT, SHIFT)
    QApplication.sendEvent(target, drop)
    for event in (enter, move, drop):
        assert event.isAccepted()
    return [enter.dropAction(), move.dropAction(), drop.dropAction()]


def test_a_drop_on_the_window_is_a_copy(
    make_window: WindowFactory, library_path: Path, qtbot: QtBot
) -> None:
    window = make_window(library_path)
    with qtbot.waitSignal(window.saver.saved, timeout=15_000):
        actions = drag_and_drop(window, window.rect().center())
    assert actions == [Qt.DropAction.CopyAction] * 3
    assert SEED.exists()


def test_a_drop_on_a_sidebar_tag_is_a_copy(
    make_window: WindowFactory, seeded_path: Path, qtbot: QtBot
) -> None:
    window = make_window(seeded_path)
    tag = window.sidebar.visualRect(window.sidebar_model.index_of("tag", "Du lịch")).center()
    with qtbot.waitSignal(window.saver.saved, timeout=15_000):
        actions = drag_and_drop(window.sidebar.viewport(), tag)
    assert actions == [Qt.DropAction.CopyAction] * 3
