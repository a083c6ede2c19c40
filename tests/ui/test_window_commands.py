"""The daily commands of the window's frame: the rows' context menu, mark
all as read, Space at an article's end, Open Original without a browser,
line width and spacing, and the keyboard shortcut sheet."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from storage import ArticleFilter, ArticleRecord, Library
from tests.ui.conftest import UrlRecorder, WindowFactory, plain_article
from ui.main_window import MainWindow
from ui.settings import WindowSettings

Key = Qt.Key


@pytest.fixture
def window(make_window: WindowFactory, seeded_path: Path) -> MainWindow:
    with Library(seeded_path) as library:
        for number in range(4):
            library.save_article(
                plain_article(number, url=f"https://example.vn/bai-{number}"),
                tags=["Hà Nội", "Mùa thu"] if number == 0 else [],
            )
    opened = make_window(seeded_path)
    opened.resize(1300, 760)
    opened.article_list.setFocus()
    return opened


def unread_ids(path: Path) -> set[int]:
    with Library(path) as library:
        found = library.list_articles(ArticleFilter(status="unread"), limit=100)
    return {summary.id for summary in found}


def row_menu_at(window: MainWindow, qtbot: QtBot, article_id: int) -> QMenu:
    row = window.list_model.row_of(article_id)
    assert row is not None
    view = window.article_list
    point = view.visualRect(window.list_model.index(row, 1)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.RightButton, pos=point)
    view.customContextMenuRequested.emit(point)
    menu = window.row_menu
    assert menu is not None
    return menu


def texts(menu: QMenu) -> list[str]:
    return [action.text().replace("&", "") for action in menu.actions() if action.text()]


def action_named(menu: QMenu, text: str) -> QAction:
    for action in menu.actions():
        if action.text().replace("&", "") == text:
            return action
    raise AssertionError(f"no {text!r} in {texts(menu)}")


def test_the_row_menu_has_the_daily_commands(window: MainWindow, qtbot: QtBot) -> None:
    first = window.list_model.summary_at(0)
    assert first is not None
    menu = row_menu_at(window, qtbot, first.id)
    assert window.article_list.selected_ids() == [first.id]
    shown = texts(menu)
    for expected in (
        "Open",
        "Open Original in Browser",
        "Copy Link",
        "Mark Read / Unread",
        "Favourite",
        "Archive",
        "Add Tag…",
        "Remove Tag",
        "Delete",
    ):
        assert expected in shown
    assert "Retry Fetching" not in shown  # only for a pending article
    menu.close()


def test_remove_tag_lists_the_articles_tags_and_removes_one(
    window: MainWindow, qtbot: QtBot, seeded_path: Path
) -> None:
    with Library(seeded_path) as library:
        tagged = next(
            summary.id
            for summary in library.list_articles(limit=100)
            if library.article_tags(summary.id) == ["Hà Nội", "Mùa thu"]
        )
    window.open_article(tagged)
    menu = row_menu_at(window, qtbot, tagged)
    remove = action_named(menu, "Remove Tag").menu()
    assert isinstance(remove, QMenu) and remove.isEnabled()
    assert texts(remove) == ["Hà Nội", "Mùa thu"]
    action_named(remove, "Hà Nội").trigger()
    with Library(seeded_path) as library:
        assert library.article_tags(tagged) == ["Mùa thu"]
    assert window.current_article is not None and window.current_article.tags == ("Mùa thu",)
    menu.close()


def test_the_menu_key_opens_the_row_menu(window: MainWindow, qtbot: QtBot) -> None:
    window.article_list.select_article(window.list_model.loaded_ids()[1])
    assert window.row_menu is None
    window.article_list.setFocus()
    # Through the window, as a keyboard does: Qt turns an unused Menu key
    # into a context menu event for the focus widget.
    handle = window.windowHandle()
    assert handle is not None
    qtbot.keyClick(handle, Key.Key_Menu)
    qtbot.waitUntil(lambda: window.row_menu is not None)
    assert window.row_menu is not None and "Copy Link" in texts(window.row_menu)
    window.row_menu.close()


def test_copy_link_puts_the_address_on_the_clipboard(window: MainWindow, qtbot: QtBot) -> None:
    article_id = window.list_model.loaded_ids()[0]
    menu = row_menu_at(window, qtbot, article_id)
    action_named(menu, "Copy Link").trigger()
    with Library(window.library.path) as library:
        url = library.get_article(article_id).url
    assert url and QGuiApplication.clipboard().text() == url


def test_retry_shows_only_for_a_pending_article_and_fetches_it_again(
    make_window: WindowFactory, library_path: Path, qtbot: QtBot
) -> None:
    with Library(library_path) as library:
        pending = library.save_article(
            ArticleRecord(
                title="http://127.0.0.1:9/bai-chua-tai",
                url="http://127.0.0.1:9/bai-chua-tai",
                body_text="",
                reader_html="",
                capture_status="pending",
                capture_error="The server answered 503",
            )
        ).id
    window = make_window(library_path)
    menu = row_menu_at(window, qtbot, pending)
    retry = action_named(menu, "Retry Fetching")
    with qtbot.waitSignal(window.saver.started, timeout=5_000) as started:
        retry.trigger()
    assert started.args is not None and started.args[1] == "http://127.0.0.1:9/bai-chua-tai"
    # Nothing listens on port 9: the article stays pending, and the window says so.
    qtbot.waitUntil(lambda: not window.runner.busy(), timeout=20_000)
    with Library(library_path) as library:
        assert library.get_article(pending).capture_status == "pending"


def test_mark_all_in_view_as_read_then_undo(
    window: MainWindow, qtbot: QtBot, seeded_path: Path
) -> None:
    before = unread_ids(seeded_path)
    assert len(before) >= 3
    window.commands.mark_all_read.trigger()
    qtbot.waitUntil(lambda: bool(window.notices.notices()), timeout=10_000)
    assert not unread_ids(seeded_path)
    notice = window.notices.notices()[-1]
    assert notice.message == f"Marked {len(before)} articles read."
    assert all(
        summary.status != "unread"
        for row in range(window.list_model.rowCount())
        if (summary := window.list_model.summary_at(row)) is not None
    )
    notice.buttons["Undo"].click()
    qtbot.waitUntil(lambda: unread_ids(seeded_path) == before, timeout=10_000)


def test_mark_all_in_view_keeps_to_the_view(
    window: MainWindow, qtbot: QtBot, seeded_path: Path
) -> None:
    window.sidebar.select_entry("tag", "Mùa thu")
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 1)
    before = unread_ids(seeded_path)
    window.commands.mark_all_read.trigger()
    qtbot.waitUntil(lambda: len(unread_ids(seeded_path)) < len(before), timeout=10_000)
    qtbot.waitUntil(lambda: not window.runner.busy())
    assert len(before - unread_ids(seeded_path)) <= 1


def test_space_at_the_end_goes_to_the_next_unread(window: MainWindow, qtbot: QtBot) -> None:
    ids = window.list_model.loaded_ids()
    window.open_article(ids[0])
    bar = window.reader.verticalScrollBar()
    # The next row is read already: Space skips it.
    window.library.set_status(ids[1], "read")
    window.after_change([ids[1]])
    expected = next(
        summary.id
        for row in range(2, window.list_model.rowCount())
        if (summary := window.list_model.summary_at(row)) is not None and summary.status == "unread"
    )
    window.reader.setFocus()
    while bar.value() < bar.maximum():
        before = bar.value()
        qtbot.keyClick(window.reader, Key.Key_Space)
        assert bar.value() > before
        assert window.current_article is not None and window.current_article.id == ids[0]
    qtbot.keyClick(window.reader, Key.Key_Space)
    assert window.current_article.id == expected
    assert window.article_list.current_id() == expected


def test_o_without_a_browser_says_so(window: MainWindow, qtbot: QtBot) -> None:
    # No URL handler and the offscreen platform starts no browser: openUrl fails.
    window.open_article(window.list_model.loaded_ids()[0])
    assert window.current_article is not None and window.current_article.url
    qtbot.keyClick(window.article_list, Key.Key_O)
    assert window.notices.messages()[-1] == (
        f"No web browser could be opened for {window.current_article.url}."
    )


def test_o_with_a_browser_opens_the_page(
    window: MainWindow, qtbot: QtBot, browser: UrlRecorder
) -> None:
    window.open_article(window.list_model.loaded_ids()[0])
    assert window.current_article is not None
    shown = len(window.notices.messages())
    qtbot.keyClick(window.article_list, Key.Key_O)
    assert browser.urls == [window.current_article.url]
    assert len(window.notices.messages()) == shown


def test_open_original_of_a_file_article_says_it_has_no_address(
    make_window: WindowFactory, library_path: Path, qtbot: QtBot
) -> None:
    with Library(library_path) as library:
        article_id = library.save_article(plain_article(1)).id
    window = make_window(library_path)
    menu = row_menu_at(window, qtbot, article_id)
    action_named(menu, "Open Original in Browser").trigger()
    assert "no web address" in window.notices.messages()[-1]


def test_line_width_and_spacing_apply_and_are_remembered(
    make_window: WindowFactory, seeded_path: Path, settings_file: Path
) -> None:
    window = make_window(seeded_path)
    assert window.commands.line_widths["medium"].isChecked()
    assert window.commands.line_spacings["normal"].isChecked()
    window.commands.line_widths["narrow"].trigger()
    window.commands.line_spacings["relaxed"].trigger()
    window.commands.serif.trigger()  # changing the family keeps width and spacing
    assert window.reader.typography.line_width == "narrow"
    assert window.reader.typography.line_spacing == "relaxed"
    window.close()
    remembered = WindowSettings(QSettings(str(settings_file), QSettings.Format.IniFormat))
    assert remembered.typography.line_width == "narrow"
    assert remembered.typography.line_spacing == "relaxed"
    again = make_window(seeded_path)
    assert again.reader.typography.line_width == "narrow"
    assert again.commands.line_widths["narrow"].isChecked()
    assert again.commands.line_spacings["relaxed"].isChecked()


def test_question_mark_opens_the_shortcut_sheet_built_from_the_actions(
    window: MainWindow, qtbot: QtBot
) -> None:
    qtbot.keyClick(window.article_list, Key.Key_Question)
    sheet = window.shortcut_sheet
    assert sheet is not None
    qtbot.waitUntil(sheet.isVisible)
    assert not sheet.isModal()
    rows = sheet.rows()
    assert ("Article", "Mark Read / Unread", "M") in rows
    assert ("View", "Focus Mode", "F11") in rows
    assert ("Help", "Keyboard Shortcuts", "?") in rows
    assert ("Other Keys", "Leave Focus Mode", "Esc") in rows
    listed = {command for _menu, command, _keys in rows}
    for action in window.findChildren(QAction):
        if action.shortcuts() and action.text():
            assert action.text().replace("&", "").rstrip("…") in listed
    # Only keys a person types: not a multimedia keyboard's Open, Find or Zoom In keys,
    # which standard shortcuts also carry (and which would show in English).
    keys = {key for _menu, _command, text in rows for key in text.split(", ")}
    assert not keys & {"Open", "Find", "Undo", "Paste", "Zoom In", "Zoom Out", "Refresh"}
    assert ("Edit", "Find", "Ctrl+F") in rows
    # A key given later shows the next time the sheet opens.
    window.commands.archive.setShortcut("Shift+E")
    window.commands.keyboard_shortcuts.trigger()
    assert ("Article", "Archive", "Shift+E") in sheet.rows()
    QApplication.processEvents()
    sheet.close()


def test_view_menu_offers_the_language(window: MainWindow) -> None:
    menus = [action.menu() for action in window.commands.view_menu.actions() if action.menu()]
    names = [menu.objectName() for menu in menus if isinstance(menu, QMenu)]
    assert "language-menu" in names
    language = next(
        menu for menu in menus if isinstance(menu, QMenu) and menu.objectName() == "language-menu"
    )
    vietnamese = next(action for action in language.actions() if action.text() == "Tiếng Việt")
    vietnamese.trigger()
    assert "next time Readshelf starts" in window.notices.messages()[-1]
    assert window.settings.qsettings.value("view/language") == "vi"


def test_the_rows_menu_needs_a_selection(window: MainWindow) -> None:
    window.article_list.clearSelection()
    assert window.show_row_menu(QPoint(5, 5)) is None
