"""The reader's context menu (issue 14): copy, copy link, search the library
for the selection, save the selection as a clip, and the highlight items."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint
from PySide6.QtGui import QAction, QGuiApplication, QTextCursor
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from storage import Library
from tests.ui.conftest import plain_article
from ui.drops import MOZ_URL_PRIV, read_mime
from ui.reader import ArticleReader

URL = "https://example.vn/pho-co-ha-noi"
LINK = "https://example.vn/ho-guom"
TEXT = "Phố cổ Hà Nội có ba mươi sáu phố phường, mỗi phố một nghề."
HTML = f'<p>{TEXT}</p><p>Đọc thêm: <a href="{LINK}">hồ Gươm mùa thu</a>.</p>'


@pytest.fixture
def reader(qtbot: QtBot, library_path: Path) -> Iterator[ArticleReader]:
    with Library(library_path) as library:
        article_id = library.save_article(
            plain_article(1, url=URL, body_text=TEXT, reader_html=HTML)
        ).id
        article = library.get_article(article_id)
        widget = ArticleReader()
        qtbot.addWidget(widget)
        widget.resize(900, 600)
        widget.show()
        qtbot.waitExposed(widget)
        widget.show_article(article, lambda number: library.image_data(article_id, number))
        qtbot.waitUntil(widget.settled)
        yield widget


def select(reader: ArticleReader, text: str) -> None:
    start = reader.shown_text.index(text)
    cursor = QTextCursor(reader.document())
    cursor.setPosition(start)
    cursor.setPosition(start + len(text), QTextCursor.MoveMode.KeepAnchor)
    reader.setTextCursor(cursor)


def point_over(reader: ArticleReader, text: str) -> QPoint:
    cursor = QTextCursor(reader.document())
    cursor.setPosition(reader.shown_text.index(text) + 2)
    return reader.cursorRect(cursor).center()


def labels(menu: QMenu) -> list[str]:
    return [action.text() for action in menu.actions() if not action.isSeparator()]


def action(menu: QMenu, text: str) -> QAction:
    found = [item for item in menu.actions() if item.text() == text]
    assert found, f"no {text!r} in {labels(menu)}"
    return found[0]


def test_with_a_selection_the_menu_copies_searches_clips_and_highlights(
    reader: ArticleReader, qtbot: QtBot
) -> None:
    select(reader, "ba mươi sáu phố phường")
    menu = reader.context_menu(point_over(reader, "ba mươi"))
    assert labels(menu)[:5] == [
        "&Copy",
        "Select &All",
        "&Search Library for “ba mươi sáu phố phường”",
        "Save Selection as C&lip",
        "&Highlight",
    ]
    assert "Copy &Link" not in labels(menu)  # not over a link

    action(menu, "&Copy").trigger()
    assert QGuiApplication.clipboard().text() == "ba mươi sáu phố phường"

    with qtbot.waitSignal(reader.search_requested) as searched:
        action(menu, "&Search Library for “ba mươi sáu phố phường”").trigger()
    assert searched.args == ["ba mươi sáu phố phường"]

    with qtbot.waitSignal(reader.clip_requested) as clipped:
        action(menu, "Save Selection as C&lip").trigger()
    mime = clipped.args[0]
    assert isinstance(mime, QMimeData)
    assert mime.text() == "ba mươi sáu phố phường"
    assert "ba mươi sáu phố phường" in mime.html()
    assert bytes(mime.data(MOZ_URL_PRIV).data()).decode("utf-16-le") == URL
    # The window's drop path reads it as a selection taken from the article's page.
    content = read_mime(mime)
    assert [(item.kind, item.source_url) for item in content.items] == [("html", URL)]


def test_a_long_selection_is_shortened_in_the_menu_not_in_the_search(
    reader: ArticleReader, qtbot: QtBot
) -> None:
    select(reader, TEXT)
    menu = reader.context_menu(point_over(reader, "Phố cổ"))
    search = next(text for text in labels(menu) if text.startswith("&Search Library"))
    assert search.endswith("…”") and len(search) < len(TEXT)
    with qtbot.waitSignal(reader.search_requested) as searched:
        action(menu, search).trigger()
    assert searched.args == [TEXT]


def test_over_a_link_the_menu_copies_its_address(reader: ArticleReader) -> None:
    menu = reader.context_menu(point_over(reader, "hồ Gươm mùa thu"))
    # Nothing selected: nothing to copy, search or clip.
    assert labels(menu)[:2] == ["Copy &Link", "Select &All"]
    assert not any(text.startswith(("&Copy", "&Search", "Save Selection")) for text in labels(menu))
    action(menu, "Copy &Link").trigger()
    assert QGuiApplication.clipboard().text() == LINK


def test_the_empty_reader_offers_only_selecting(reader: ArticleReader) -> None:
    reader.show_empty("Nothing open", "Choose an article.")
    assert labels(reader.context_menu(QPoint(10, 10))) == ["Select &All"]
