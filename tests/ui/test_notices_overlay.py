"""Notices float over the bottom of the reader: they never move a pane, and
one with an action stays until used, dismissed, or 15 s after the pointer
leaves it (durations here are short and injected)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QTextBrowser, QWidget
from pytestqt.qtbot import QtBot

from ui.notices import MAX_VISIBLE, Notice, NoticeAction, NoticeArea

SHORT_MS = 150


@dataclass
class Frame:
    """A window's panes in miniature: a list beside a reader."""

    window: QWidget
    article_list: QListWidget
    reader: QTextBrowser
    notices: NoticeArea

    def geometries(self) -> list[QRect]:
        return [
            self.article_list.geometry(),
            self.reader.geometry(),
            self.reader.viewport().geometry(),
        ]


@pytest.fixture
def frame(qtbot: QtBot) -> Frame:
    window = QWidget()
    layout = QHBoxLayout(window)
    article_list = QListWidget()
    article_list.addItems([f"Bài viết {number}" for number in range(30)])
    reader = QTextBrowser()
    reader.setPlainText("Nội dung bài viết. " * 400)
    layout.addWidget(article_list)
    layout.addWidget(reader, 1)
    notices = NoticeArea(reader, leave_timeout_ms=SHORT_MS)
    qtbot.addWidget(window)
    window.resize(1000, 600)
    window.show()
    qtbot.waitExposed(window)
    return Frame(window, article_list, reader, notices)


def _pointer_to(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseMove(widget, widget.rect().center())


def test_notices_float_over_the_reader_and_move_nothing(frame: Frame, qtbot: QtBot) -> None:
    before = frame.geometries()
    frame.notices.show_notice("Đã lưu “Phố cổ”", timeout_ms=SHORT_MS)
    frame.notices.show_notice(
        "“Chợ Đồng Xuân” is not in your library.", actions=[NoticeAction("Save", lambda: None)]
    )
    qtbot.wait(50)  # every posted layout request handled
    assert frame.geometries() == before
    area = frame.notices
    assert area.isVisible() and area.parentWidget() is frame.reader
    assert area.height() >= sum(notice.height() for notice in area.notices())
    viewport = frame.reader.viewport().geometry()
    assert viewport.contains(area.geometry())
    assert viewport.bottom() - area.geometry().bottom() <= 12  # at the bottom
    # On top: what is under the pointer there is a notice, not the text.
    under = frame.reader.childAt(area.geometry().center())
    assert under is not None and (under is area or area.isAncestorOf(under))

    qtbot.waitUntil(lambda: len(area.notices()) == 1)  # the plain one ran out
    assert frame.geometries() == before

    frame.window.resize(700, 450)  # the window shrinks: the notice follows the reader's bottom
    qtbot.waitUntil(lambda: frame.reader.viewport().geometry().contains(area.geometry()))
    assert frame.reader.viewport().geometry().bottom() - area.geometry().bottom() <= 12

    area.notices()[0].dismiss()
    assert area.notices() == [] and not area.isVisible()


def test_a_notice_with_an_action_stays_until_the_pointer_has_left(
    frame: Frame, qtbot: QtBot
) -> None:
    saved: list[str] = []
    notice = frame.notices.show_notice(
        "“Chợ Đồng Xuân” is not in your library.",
        actions=[NoticeAction("Save", lambda: saved.append("save"))],
        timeout_ms=SHORT_MS,  # for plain notices only: this one stays
    )
    assert not notice.counting_down
    qtbot.wait(SHORT_MS * 3)
    assert frame.notices.notices() == [notice]

    _pointer_to(qtbot, notice.buttons["Save"])  # aiming at the button
    qtbot.waitUntil(lambda: notice.underMouse())
    assert not notice.counting_down
    _pointer_to(qtbot, frame.article_list)  # the pointer left: its clock starts
    qtbot.waitUntil(lambda: notice.counting_down)
    _pointer_to(qtbot, notice)  # back on it: stopped again
    qtbot.waitUntil(lambda: not notice.counting_down)
    qtbot.wait(SHORT_MS * 3)
    assert frame.notices.notices() == [notice]

    with qtbot.waitSignal(notice.expired):
        _pointer_to(qtbot, frame.article_list)
    assert frame.notices.notices() == [] and saved == []


def test_hovering_holds_a_plain_notice(frame: Frame, qtbot: QtBot) -> None:
    notice = frame.notices.show_notice("Backed up the library", timeout_ms=SHORT_MS * 2)
    assert notice.counting_down
    _pointer_to(qtbot, notice)
    qtbot.waitUntil(lambda: not notice.counting_down)
    qtbot.wait(SHORT_MS * 4)
    assert frame.notices.notices() == [notice]
    with qtbot.waitSignal(notice.closed):
        _pointer_to(qtbot, frame.article_list)


def test_the_action_runs_once_and_the_notice_goes(frame: Frame, qtbot: QtBot) -> None:
    saved: list[str] = []
    notice = frame.notices.show_notice(
        "“Chợ Đồng Xuân” is not in your library.",
        actions=[NoticeAction("Save", lambda: saved.append("save"))],
    )
    notice.buttons["Save"].click()
    assert saved == ["save"] and frame.notices.notices() == []


def test_older_notices_make_way_as_if_their_time_ran_out(frame: Frame, qtbot: QtBot) -> None:
    expired: list[Notice] = []
    undo = frame.notices.show_notice("Deleted “Phố cổ”.", actions=[NoticeAction("Undo", list)])
    undo.expired.connect(lambda: expired.append(undo))
    for number in range(MAX_VISIBLE):
        frame.notices.show_notice(f"Thông báo {number}")
    assert expired == [undo]  # an Undo pushed out settles the deletion
    assert undo not in frame.notices.notices()
    assert len(frame.notices.notices()) == MAX_VISIBLE
    frame.notices.notices()[0].expire_now()
    assert len(frame.notices.notices()) == MAX_VISIBLE - 1


def test_the_same_message_again_is_one_notice(frame: Frame) -> None:
    first = frame.notices.show_notice("The library is busy in another program.", kind="error")
    again = frame.notices.show_notice("The library is busy in another program.", kind="error")
    assert again is first and len(frame.notices.notices()) == 1


def test_a_notice_fits_a_narrow_reader(frame: Frame, qtbot: QtBot) -> None:
    frame.window.resize(520, 400)
    long_message = "Could not fetch “Chợ Đồng Xuân”: the site did not answer. " * 4
    notice = frame.notices.show_notice(long_message, kind="error")
    qtbot.waitUntil(lambda: frame.reader.viewport().geometry().contains(frame.notices.geometry()))
    label_bottom = notice.label.mapTo(frame.notices, QPoint(0, notice.label.height()))
    assert label_bottom.y() <= frame.notices.height()  # wrapped, not cut off
