"""The article list and Save from Address in Vietnamese, in the real window (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from services.save import default_capturers
from storage import Library
from tests.ui.conftest import WindowFactory, plain_article
from ui.article_model import Column
from ui.main_window import MainWindow

HANOI_EVENING = "2021-06-19T16:33:00+07:00"


@pytest.fixture
def window(vietnamese: str, make_window: WindowFactory, library_path: Path) -> MainWindow:
    with Library(library_path) as library:
        short = library.save_article(
            plain_article(1, body_text="Hà Nội mùa thu. " * 600, published=HANOI_EVENING)
        )
        long = library.save_article(plain_article(2, body_text="chữ " * 480_000))
        library.set_reading_position(long.id, 0.48)
        library.set_favorite(short.id, True)
    return make_window(library_path, capturers=default_capturers(offline=True), open_initial=False)


def cell(window: MainWindow, title_number: int, column: Column, role: int) -> str:
    model = window.list_model
    for row in range(model.rowCount()):
        if model.index(row, Column.TITLE).data() == f"Bài viết số {title_number:03d}":
            return str(model.index(row, column).data(role) or "")
    raise AssertionError(f"no row for article {title_number}")


def refuse_an_address(window: MainWindow, qtbot: QtBot) -> None:
    window.commands.save_address.trigger()
    window.prompt.field.insert("mùa thu Hà Nội")
    qtbot.keyClick(window.prompt.field, Qt.Key.Key_Return)


def test_the_list_and_the_address_prompt_speak_vietnamese(window: MainWindow, qtbot: QtBot) -> None:
    model, view = window.list_model, window.article_list
    headers = [model.headerData(column, Qt.Orientation.Horizontal) for column in Column if column]
    assert headers == ["Tiêu đề", "Trang", "Chuyên mục", "Ngày", "Thời gian"]
    tooltip = Qt.ItemDataRole.ToolTipRole
    assert model.headerData(Column.TIME, Qt.Orientation.Horizontal, tooltip) == "Thời gian đọc"
    assert cell(window, 1, Column.DATE, Qt.ItemDataRole.DisplayRole) == "19/6/2021"
    assert cell(window, 1, Column.TIME, Qt.ItemDataRole.DisplayRole) == "11 phút"
    assert cell(window, 1, Column.STATE, Qt.ItemDataRole.AccessibleTextRole) == (
        "chưa đọc, yêu thích"
    )
    assert view.accessibleName() == "Bài viết"

    model.add_saving(7, "vnexpress.net/thoi-su")
    assert model.index(0, Column.TITLE).data() == "Đang lưu… vnexpress.net/thoi-su"
    model.drop_saving(7)

    window.commands.save_address.trigger()
    assert window.prompt.label.text() == "Lưu từ địa chỉ:"
    assert window.prompt.accept_button.text() == "Lưu"
    window.prompt.cancel()


def test_the_new_list_texts_speak_vietnamese(window: MainWindow, qtbot: QtBot) -> None:
    assert cell(window, 2, Column.TIME, Qt.ItemDataRole.DisplayRole) == "99+ phút"
    assert "2087 phút đọc (480.000 chữ)" in cell(
        window, 2, Column.TIME, Qt.ItemDataRole.ToolTipRole
    )
    assert "đọc dở 48%" in cell(window, 2, Column.STATE, Qt.ItemDataRole.AccessibleTextRole)
    refuse_an_address(window, qtbot)
    assert window.notices.messages() == [
        "Không lưu được “mùa thu Hà Nội”: đây không phải địa chỉ web hay tệp."
    ]
