"""File → Save from Address takes an address typed without ``https://`` (issue 14).

Driven through the real prompt bar: the action opens it, the address is typed
and Enter pressed. The window saves offline (the real capturers, told not to
fetch), so an address becomes a pending article holding the address as it
was understood, with no request leaving the machine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from services.save import default_capturers
from storage import ArticleFilter, Library
from tests.ui.conftest import WindowFactory, write_note
from ui.main_window import MainWindow


@pytest.fixture
def window(make_window: WindowFactory, library_path: Path) -> MainWindow:
    return make_window(library_path, capturers=default_capturers(offline=True))


def type_address(window: MainWindow, qtbot: QtBot, text: str) -> None:
    window.commands.save_address.trigger()
    assert window.prompt.isVisible()
    assert window.prompt.field.hasFocus()
    if text.isascii():
        qtbot.keyClicks(window.prompt.field, text)
    else:
        # QTest aborts on characters it has no key for: an input method
        # commits Vietnamese text whole, as insert() does.
        window.prompt.field.insert(text)
    qtbot.keyClick(window.prompt.field, Qt.Key.Key_Return)
    assert not window.prompt.isVisible()


def saved_urls(library_path: Path) -> list[str | None]:
    with Library(library_path) as library:
        summaries = library.list_articles(ArticleFilter(), limit=100)
        return [library.get_article(summary.id).url for summary in summaries]


@pytest.mark.parametrize(
    ("typed", "saved"),
    [
        ("vnexpress.net/thoi-su/abc.html", "https://vnexpress.net/thoi-su/abc.html"),
        ("www.example.org/x", "https://www.example.org/x"),
        ("  http://example.vn/bai-viet  ", "http://example.vn/bai-viet"),
    ],
)
def test_an_address_without_a_scheme_is_saved_as_https(
    window: MainWindow, library_path: Path, qtbot: QtBot, typed: str, saved: str
) -> None:
    type_address(window, qtbot, typed)
    qtbot.waitUntil(lambda: not window.runner.busy(), timeout=10_000)
    assert saved_urls(library_path) == [saved]
    assert not any(message.startswith("Cannot save") for message in window.notices.messages())


@pytest.mark.parametrize("typed", ["mùa thu Hà Nội", "notes.md", "ftp://example.org/x"])
def test_text_that_is_not_an_address_is_refused_in_one_line(
    window: MainWindow, library_path: Path, qtbot: QtBot, typed: str
) -> None:
    type_address(window, qtbot, typed)
    assert window.notices.messages() == [
        f"Cannot save “{typed}”: it is neither a web address nor a file."
    ]
    assert window.list_model.saving_tokens() == []
    assert saved_urls(library_path) == []


def test_a_file_s_path_is_still_imported(
    window: MainWindow, library_path: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    (tmp_path / "example.org").mkdir()
    note = write_note(tmp_path / "example.org" / "ghi-chu.txt")
    type_address(window, qtbot, str(note))
    qtbot.waitUntil(lambda: not window.runner.busy(), timeout=10_000)
    assert window.notices.messages() == []
    assert saved_urls(library_path) == [None]
