"""The window's frame on laptop screens: the first size, panes that give way,
and focus mode (the reader alone)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QApplication, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from storage import Library
from tests.ui.conftest import WindowFactory, plain_article, reader_controls
from ui.article_list import NARROW_LIST_WIDTH
from ui.article_model import Column
from ui.main_window import MainWindow, first_window_geometry

Key = Qt.Key


@pytest.fixture
def window(make_window: WindowFactory, seeded_path: Path) -> MainWindow:
    with Library(seeded_path) as library:
        for number in range(4):
            library.save_article(plain_article(number, url=f"https://example.vn/bai-{number}"))
    return make_window(seeded_path)


def in_window(window: MainWindow, widget: QWidget) -> QRect:
    """The widget's rectangle in the window's coordinates."""
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def settle(qtbot: QtBot, window: MainWindow, size: QSize) -> None:
    window.use_default_layout(size)
    qtbot.waitUntil(lambda: window.size() == size)
    QApplication.processEvents()


def test_the_first_window_fits_the_screen_and_is_centred(window: MainWindow) -> None:
    available = window.screen().availableGeometry()
    frame = window.geometry()
    assert frame.width() <= available.width() * 0.9
    assert frame.height() <= available.height() * 0.9
    assert abs(frame.center().x() - available.center().x()) <= 2
    assert abs(frame.center().y() - available.center().y()) <= 2


@pytest.mark.parametrize(
    ("available", "expected"),
    [
        (QRect(0, 0, 1366, 768), QSize(1229, 691)),
        (QRect(0, 0, 1024, 600), QSize(921, 540)),
        (QRect(0, 0, 2560, 1440), QSize(1400, 900)),  # big screens: the default size
    ],
)
def test_first_geometry_is_at_most_nine_tenths_of_the_screen(
    available: QRect, expected: QSize
) -> None:
    geometry = first_window_geometry(available)
    assert geometry.size() == expected
    assert geometry.center() == available.center()


def test_everything_is_visible_at_1366_by_768(window: MainWindow, qtbot: QtBot) -> None:
    size = QSize(1366, 768)
    settle(qtbot, window, size)
    bounds = QRect(QPoint(0, 0), size)
    for widget in (
        window.statusBar(),
        window.related_panel,
        window.reader,
        window.search_field,
        window.sidebar,
        window.article_list,
        window.reader_toolbar,
    ):
        assert widget.isVisible(), widget.objectName()
        shown = in_window(window, widget)
        assert bounds.contains(shown), (widget.objectName(), shown)
        assert shown.width() > 0 and shown.height() > 0
    assert in_window(window, window.statusBar()).bottom() == size.height() - 1
    assert in_window(window, window.reader).right() <= size.width() - 1
    # The reader comes first: most of the width and height.
    assert window.reader.width() >= 600
    assert window.related_panel.height() < window.reader.height()


def test_the_reader_keeps_480_px_at_1024_by_600(window: MainWindow, qtbot: QtBot) -> None:
    settle(qtbot, window, QSize(1024, 600))
    assert window.size() == QSize(1024, 600)
    assert window.reader.width() >= 480
    assert window.sidebar.width() > 0 and window.article_list.width() > 0


def test_every_reader_control_fits_its_toolbar_at_1024_by_600(
    window: MainWindow, qtbot: QtBot
) -> None:
    # Nothing goes behind the toolbar's overflow arrow: the type and theme
    # buttons show "Aa" and swatches, leaving room for Related Stories.
    settle(qtbot, window, QSize(1024, 600))
    commands = window.commands
    buttons = {
        button.defaultAction(): button
        for button in window.reader_toolbar.findChildren(QToolButton)
        if button.defaultAction() is not None
    }
    for action in reader_controls(window):
        button = buttons.get(action)
        assert button is not None and button.isVisible(), action.text()
        assert in_window(window, button).right() < window.width(), action.text()
    assert commands.serif.iconText() == "Aa" and commands.sans.iconText() == "Aa"
    assert commands.serif.font().styleHint() != commands.sans.font().styleHint()
    assert all(not action.icon().isNull() for action in commands.themes.values())


def test_a_collapsed_related_panel_leaves_the_height_to_the_reader(
    window: MainWindow, qtbot: QtBot
) -> None:
    settle(qtbot, window, QSize(1366, 768))
    window.related_panel.set_expanded(False)
    QApplication.processEvents()
    panel = window.related_panel
    # No empty band: the reader's pane ends where the panel's one line begins.
    assert panel.height() <= panel.collapsed_height()
    assert sum(window.reader_splitter.sizes()) - window.reader_splitter.sizes()[1] == (
        window.reader_splitter.height() - panel.height() - window.reader_splitter.handleWidth()
    )
    window.related_panel.set_expanded(True)
    QApplication.processEvents()
    assert panel.height() > 3 * panel.collapsed_height()


def test_a_narrow_list_gives_the_date_column_to_the_titles(
    window: MainWindow, qtbot: QtBot
) -> None:
    settle(qtbot, window, QSize(1366, 768))
    assert not window.article_list.isColumnHidden(Column.DATE)
    settle(qtbot, window, QSize(1024, 600))
    assert window.article_list.width() < NARROW_LIST_WIDTH
    assert window.article_list.isColumnHidden(Column.DATE)
    # The date is not lost: it moves under the title, beside the site.
    index = window.list_model.index(0, Column.TITLE)
    dated = window.list_model.index(0, Column.DATE).data(Qt.ItemDataRole.DisplayRole)
    painted = window.article_list.grab()  # lays the rows out with the hidden column
    assert not painted.isNull()
    delegate = window.article_list.itemDelegateForColumn(Column.TITLE)
    assert dated and dated in delegate.meta_text(index)
    settle(qtbot, window, QSize(1366, 768))
    assert not window.article_list.isColumnHidden(Column.DATE)


def test_sidebar_and_list_shrink_with_the_window(window: MainWindow, qtbot: QtBot) -> None:
    settle(qtbot, window, QSize(1400, 900))
    wide = (window.sidebar.width(), window.list_stack.width(), window.reader.width())
    window.resize(QSize(1024, 700))
    qtbot.waitUntil(lambda: window.width() == 1024)
    QApplication.processEvents()
    narrow = (window.sidebar.width(), window.list_stack.width(), window.reader.width())
    assert narrow[0] < wide[0]
    assert narrow[1] < wide[1]
    assert narrow[2] >= 480


def test_f11_shows_the_reader_alone_and_f11_or_esc_brings_the_layout_back(
    window: MainWindow, qtbot: QtBot
) -> None:
    settle(qtbot, window, QSize(1200, 760))
    frame = [
        window.sidebar,
        window.list_stack,
        window.related_panel,
        window.toolbar,
        window.reader_toolbar,
        window.statusBar(),
    ]
    assert all(widget.isVisible() for widget in frame)
    window.article_list.setFocus()
    qtbot.keyClick(window.article_list, Key.Key_F11)
    assert window.commands.focus_mode.isChecked()
    assert window.isFullScreen()
    assert not any(widget.isVisible() for widget in frame)
    assert window.reader.isVisible()
    # The reader takes the whole window (the screen, full screen).
    qtbot.waitUntil(lambda: window.reader.width() >= window.width() - 2)

    qtbot.keyClick(window.reader, Key.Key_Escape)
    assert not window.commands.focus_mode.isChecked()
    assert not window.isFullScreen()
    assert all(widget.isVisible() for widget in frame)

    qtbot.keyClick(window.reader, Key.Key_F11)
    assert window.isFullScreen()
    qtbot.keyClick(window.reader, Key.Key_F11)
    assert not window.isFullScreen()
    assert all(widget.isVisible() for widget in frame)


def test_focus_mode_keeps_what_was_hidden_hidden(window: MainWindow, qtbot: QtBot) -> None:
    window.commands.related.setChecked(False)
    assert not window.related_panel.isVisible()
    window.commands.focus_mode.setChecked(True)
    window.commands.focus_mode.setChecked(False)
    assert not window.related_panel.isVisible()
    assert window.sidebar.isVisible()


def test_esc_belongs_to_the_search_field_outside_focus_mode(
    window: MainWindow, qtbot: QtBot
) -> None:
    assert not window.commands.leave_focus_mode.isEnabled()
    window.focus_search()
    qtbot.keyClicks(window.search_field, "ho")
    qtbot.keyClick(window.search_field, Key.Key_Escape)
    assert window.search_field.text() == ""
