"""Tag management from the sidebar, remembered state, first run and screenshots."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QSettings
from PySide6.QtGui import QContextMenuEvent, QImage
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from storage import Library
from tests.ui.conftest import WindowFactory
from ui.app import run_window
from ui.main_window import EMPTY_LIBRARY, MainWindow
from ui.settings import default_settings


def trigger_menu_item(window: MainWindow, tag: str, text: str) -> None:
    menu = window.sidebar.tag_menu(tag)
    (action,) = [action for action in menu.actions() if action.text() == text]
    action.trigger()


def landed(window: MainWindow, qtbot: QtBot) -> None:
    """Wait for a tag change: it runs off the GUI thread, in one transaction."""
    qtbot.waitUntil(lambda: not window.runner.busy(), timeout=5_000)


def tag_names(path: Path) -> list[str]:
    with Library(path) as library:
        return [tag.name for tag in library.list_tags()]


def test_rename_a_tag_from_its_menu(
    make_window: WindowFactory, seeded_path: Path, qtbot: QtBot
) -> None:
    window = make_window(seeded_path)
    window.sidebar.select_entry("tag", "Du lịch")
    trigger_menu_item(window, "Du lịch", "Rename…")
    assert window.prompt.isVisible() and window.prompt.field.text() == "Du lịch"
    window.prompt.field.setText("Đi chơi")
    window.prompt.accept()
    landed(window, qtbot)
    assert tag_names(seeded_path) == ["Đi chơi", "Thời sự"]
    entry = window.sidebar.current_entry()
    assert entry is not None and entry.key == "Đi chơi"  # the renamed tag stays shown
    assert window.list_model.rowCount() == 1


def test_merge_a_tag_into_another(
    make_window: WindowFactory, seeded_path: Path, qtbot: QtBot
) -> None:
    window = make_window(seeded_path)
    trigger_menu_item(window, "Du lịch", "Merge into…")
    completer = window.prompt.field.completer()
    assert completer is not None and completer.model().rowCount() == 1  # the other tags
    window.prompt.field.setText("Thời sự")
    window.prompt.accept()
    landed(window, qtbot)
    assert tag_names(seeded_path) == ["Thời sự"]
    assert window.sidebar_model.tags() == ["Thời sự"]


def test_delete_a_tag_after_confirmation(
    make_window: WindowFactory, seeded_path: Path, qtbot: QtBot
) -> None:
    window = make_window(seeded_path)
    trigger_menu_item(window, "Thời sự", "Delete…")
    assert window.prompt.isVisible() and "from 1 article" in window.prompt.label.text()
    window.prompt.cancel()
    assert tag_names(seeded_path) == ["Du lịch", "Thời sự"]
    window.sidebar.select_entry("tag", "Thời sự")
    window.commands.delete_tag.trigger()  # the same from the Edit menu
    window.prompt.accept()
    landed(window, qtbot)
    assert tag_names(seeded_path) == ["Du lịch"]
    entry = window.sidebar.current_entry()
    assert entry is not None and entry.key == "all"  # its view is gone: back to All
    with Library(seeded_path) as library:
        assert library.count_articles() == 2  # the articles stay


def test_state_is_remembered(make_window: WindowFactory, seeded_path: Path, qtbot: QtBot) -> None:
    window = make_window(seeded_path)
    window.open_article(2)
    window.commands.themes["sepia"].trigger()
    window.commands.larger_font.trigger()
    window.commands.sans.trigger()
    window.commands.views["unread"].trigger()
    window.resize(780, 700)  # the offscreen screen is 800 wide: a window that fits it
    window.splitter.setSizes([180, 250, 350])
    sizes = window.splitter.sizes()
    size = window.reader.typography.size_pt
    window.close()
    again = make_window(seeded_path)
    assert again.reader.theme.name == "sepia"
    assert again.reader.typography.size_pt == size
    assert again.reader.typography.family == "sans"
    assert again.current_article is not None and again.current_article.id == 2
    entry = again.sidebar.current_entry()
    assert entry is not None and entry.key == "unread"
    assert again.size().width() == 780
    assert again.splitter.sizes() == sizes


def test_first_run_on_an_empty_library(
    make_window: WindowFactory, library_path: Path, qtbot: QtBot
) -> None:
    window = make_window(library_path)
    assert window.current_article is None
    assert EMPTY_LIBRARY[0] in window.reader.document().toPlainText()
    qtbot.waitUntil(lambda: "0 articles" in window.count_label.text())  # counted in a worker
    # The first window fits the (small, offscreen) screen: the reader gets the most.
    sidebar, article_list, reader = window.splitter.sizes()
    assert sidebar <= 220 and article_list <= 420
    assert reader > article_list > sidebar


def test_default_settings_never_touch_the_real_home(tmp_path: Path) -> None:
    path = Path(default_settings().fileName())
    assert tmp_path in path.parents


def test_screenshot_mode(seeded_path: Path, tmp_path: Path, qapp: object) -> None:
    shot = tmp_path / "shot.png"
    status = run_window(
        seeded_path, open_article=2, screenshot=shot, size=(1000, 700), theme="dark"
    )
    assert status == 0
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1000, 700)
    with Library(seeded_path) as library:  # a screenshot changes nothing
        assert library.get_article(2).status == "unread"
    assert not QSettings(default_settings().fileName(), QSettings.Format.IniFormat).allKeys()


def test_the_tag_menu_opens_from_the_keyboard(
    make_window: WindowFactory, seeded_path: Path, qtbot: QtBot
) -> None:
    window = make_window(seeded_path)
    window.sidebar.select_entry("tag", "Du lịch")
    window.sidebar.setFocus()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, QPoint(0, 0), QPoint(0, 0))
    QApplication.sendEvent(window.sidebar, event)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    assert [action.text() for action in menu.actions() if action.text()] == [
        "Rename…",
        "Merge into…",
        "Delete…",
    ]
    menu.close()
