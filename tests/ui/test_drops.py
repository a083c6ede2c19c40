"""Saving by drag-and-drop and paste: every MIME type, tags, the drop overlay."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
)
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from storage import ArticleFilter, Library
from tests.conftest import SEED
from tests.support.loopback import LoopbackServer, Response
from tests.ui.conftest import WindowFactory, write_note
from ui.article_model import ARTICLE_ID_ROLE, Column
from ui.drops import (
    CHROMIUM_SOURCE_URL,
    MOZ_URL,
    MOZ_URL_PRIV,
    NETSCAPE_URL,
    URI_LIST,
    DropItem,
    read_mime,
)
from ui.main_window import MainWindow

PAGE = (
    "<!doctype html><html lang='vi'><head><meta charset='utf-8'><title>Phố cổ Hà Nội</title>"
    "</head><body><article><h1>Phố cổ Hà Nội</h1>"
    + "<p>Ba mươi sáu phố phường với những mái ngói rêu phong và hàng quán lâu đời.</p>" * 12
    + "</article></body></html>"
).encode()

COPY = Qt.DropAction.CopyAction
LEFT = Qt.MouseButton.LeftButton
NO_MODIFIERS = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    with LoopbackServer() as running:
        running.route(
            "/pho-co", Response(body=PAGE, headers={"Content-Type": "text/html; charset=utf-8"})
        )
        yield running


def mime_with(kind: str, payload: bytes | str | list[QUrl]) -> QMimeData:
    mime = QMimeData()
    if kind == URI_LIST:
        assert isinstance(payload, list)
        mime.setUrls(payload)
    elif kind == "text/plain":
        assert isinstance(payload, str)
        mime.setText(payload)
    else:
        assert isinstance(payload, bytes)
        mime.setData(kind, payload)
    return mime


def moz_url(url: str, title: str) -> bytes:
    return f"{url}\n{title}".encode("utf-16-le")


# -- reading each MIME type -------------------------------------------------------


def test_uri_list_gives_links_and_files(tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF")
    content = read_mime(
        mime_with(
            URI_LIST,
            [
                QUrl("https://example.vn/a"),
                QUrl.fromLocalFile(str(SEED)),
                QUrl.fromLocalFile(str(pdf)),
                QUrl("https://example.vn/a"),
            ],
        )
    )
    assert content.items == [DropItem("url", "https://example.vn/a"), DropItem("file", str(SEED))]
    assert len(content.refused) == 1 and "report.pdf" in content.refused[0]
    assert content.summary() == "1 link and 1 file"


def test_moz_url_is_utf16_with_titles() -> None:
    content = read_mime(mime_with(MOZ_URL, moz_url("https://example.vn/b", "Bài B")))
    assert content.items == [DropItem("url", "https://example.vn/b", title="Bài B")]


def test_netscape_url() -> None:
    content = read_mime(mime_with(NETSCAPE_URL, b"https://example.vn/c\nTitle C"))
    assert content.items == [DropItem("url", "https://example.vn/c", title="Title C")]


def test_plain_text_urls_one_per_line() -> None:
    content = read_mime(mime_with("text/plain", "https://example.vn/d\n https://example.vn/e \n"))
    assert [item.value for item in content.items] == [
        "https://example.vn/d",
        "https://example.vn/e",
    ]
    assert not read_mime(mime_with("text/plain", "just some words https://x.vn")).items


def test_html_selection_with_its_source_page() -> None:
    mime = QMimeData()
    mime.setHtml("<p>Một đoạn <b>được chọn</b></p>")
    mime.setText("Một đoạn được chọn")
    mime.setData(MOZ_URL_PRIV, "https://example.vn/f".encode("utf-16-le"))
    (item,) = read_mime(mime).items
    assert (item.kind, item.source_url) == ("html", "https://example.vn/f")
    chromium = QMimeData()
    chromium.setHtml("<p>Đoạn khác</p>")
    chromium.setData(CHROMIUM_SOURCE_URL, b"https://example.vn/g")
    assert read_mime(chromium).items[0].source_url == "https://example.vn/g"


def test_a_dragged_link_is_a_link_not_a_selection() -> None:
    mime = QMimeData()
    mime.setUrls([QUrl("https://example.vn/h")])
    mime.setHtml('<meta charset="utf-8"><a href="https://example.vn/h">H</a>')
    assert read_mime(mime).items == [DropItem("url", "https://example.vn/h")]
    html_only = QMimeData()
    html_only.setHtml('<a href="https://example.vn/h">H</a>')
    assert not read_mime(html_only).items


# -- dropping on the window ----------------------------------------------------


def drop_on(target: QWidget, mime: QMimeData, position: QPoint | None = None) -> None:
    """A whole drag: enter, move, drop, as Qt delivers it to ``target``."""
    point = position or target.rect().center()
    enter = QDragEnterEvent(point, COPY, mime, LEFT, NO_MODIFIERS)
    QApplication.sendEvent(target, enter)
    move = QDragMoveEvent(point, COPY, mime, LEFT, NO_MODIFIERS)
    QApplication.sendEvent(target, move)
    QApplication.sendEvent(target, QDropEvent(QPointF(point), COPY, mime, LEFT, NO_MODIFIERS))


def wait_for_saves(qtbot: QtBot, window: MainWindow, count: int = 1) -> None:
    qtbot.waitUntil(
        lambda: not window.list_model.saving_tokens() and not window.runner.busy(), timeout=15_000
    )
    assert window.list_model.rowCount() >= count


@pytest.mark.parametrize("kind", [URI_LIST, MOZ_URL, NETSCAPE_URL, "text/plain"])
def test_dropping_a_file_saves_it(
    kind: str, make_window: WindowFactory, library_path: Path, qtbot: QtBot
) -> None:
    window = make_window(library_path)
    file_url = QUrl.fromLocalFile(str(SEED))
    payload: bytes | str | list[QUrl] = {
        URI_LIST: [file_url],
        MOZ_URL: moz_url(file_url.toString(), "seed"),
        NETSCAPE_URL: file_url.toString().encode(),
        "text/plain": file_url.toString(),
    }[kind]
    with qtbot.waitSignal(window.saver.started):
        drop_on(window, mime_with(kind, payload))
    assert window.list_model.index(0, Column.TITLE).data().startswith("Saving…")
    wait_for_saves(qtbot, window)
    title = window.list_model.index(0, Column.TITLE).data()
    assert title.startswith("Công an Hà Nội có vai trò")
    assert window.notices.messages() == []
    assert window.current_article is not None  # the first article opens by itself
    assert not window.overlay.isVisible()


def test_dropping_a_web_link_saves_it(
    make_window: WindowFactory, library_path: Path, server: LoopbackServer, qtbot: QtBot
) -> None:
    window = make_window(library_path)
    url = server.url("/pho-co")
    with qtbot.waitSignal(window.saver.started):
        drop_on(window, mime_with(MOZ_URL, moz_url(url, "Phố cổ")))
    assert window.list_model.index(0, Column.TITLE).data() == "Saving… Phố cổ"
    wait_for_saves(qtbot, window, 0)
    assert server.requested("/pho-co")
    if window.notices.messages():  # capture refused the page: the reason is shown
        assert all(notice.kind == "error" for notice in window.notices.notices())
    else:
        with Library(library_path) as library:
            (summary,) = library.list_articles()
            assert library.get_article(summary.id).url == url


def test_an_unreachable_link_is_kept_pending_or_explained(
    make_window: WindowFactory, library_path: Path, server: LoopbackServer, qtbot: QtBot
) -> None:
    window = make_window(library_path)
    gone = server.url("/gone")  # the server answers 404
    drop_on(window, mime_with(URI_LIST, [QUrl(gone)]))
    wait_for_saves(qtbot, window, 0)
    messages = window.notices.messages()
    assert len(messages) == 1 and window.notices.notices()[0].kind == "error"
    with Library(library_path) as library:
        pending = library.list_articles(ArticleFilter(pending=True))
    # Either a pending article was kept (and the notice says so), or capture refused.
    assert (pending and "Pending" in messages[0]) or (
        not pending and "Could not save" in messages[0]
    )


def test_dropping_a_selection_uses_capture_fragment(
    make_window: WindowFactory, library_path: Path, qtbot: QtBot
) -> None:
    window = make_window(library_path)
    mime = QMimeData()
    mime.setHtml("<h1>Hồ Gươm</h1>" + "<p>Hồ Gươm buổi sớm mai, mặt nước phẳng lặng.</p>" * 8)
    with qtbot.waitSignal(window.saver.started) as started:
        drop_on(window, mime)
    assert started.args is not None and started.args[1] == "HTML selection"
    wait_for_saves(qtbot, window, 0)
    saved = window.list_model.rowCount() == 1
    assert saved or window.notices.messages()[0].startswith("Could not save HTML selection")


def test_failure_shows_a_notice_not_a_dialog(
    make_window: WindowFactory, library_path: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    window = make_window(library_path)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    drop_on(window, mime_with(URI_LIST, [QUrl.fromLocalFile(str(empty))]))
    qtbot.waitUntil(lambda: bool(window.notices.messages()), timeout=10_000)
    assert window.notices.messages()[0].startswith("Could not save empty.txt:")
    assert window.list_model.rowCount() == 0
    assert QApplication.activeModalWidget() is None


def test_several_items_at_once(
    make_window: WindowFactory, library_path: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    window = make_window(library_path)
    second = write_note(tmp_path / "ghi-chu.md")
    drop_on(
        window,
        mime_with(URI_LIST, [QUrl.fromLocalFile(str(SEED)), QUrl.fromLocalFile(str(second))]),
    )
    assert len(window.list_model.saving_tokens()) == 2
    wait_for_saves(qtbot, window, 2)
    assert window.list_model.rowCount() == 2


def test_drop_overlay_says_what_will_happen(make_window: WindowFactory, seeded_path: Path) -> None:
    window = make_window(seeded_path)
    mime = mime_with(URI_LIST, [QUrl("https://example.vn/a"), QUrl("https://example.vn/b")])
    point = window.rect().center()
    QApplication.sendEvent(window, QDragEnterEvent(point, COPY, mime, LEFT, NO_MODIFIERS))
    assert window.overlay.isVisible()
    assert window.overlay.message == "Drop to save 2 links"
    QApplication.sendEvent(window, QDragLeaveEvent())
    assert not window.overlay.isVisible()
    viewport = window.sidebar.viewport()
    tag = window.sidebar.visualRect(window.sidebar_model.index_of("tag", "Du lịch")).center()
    QApplication.sendEvent(viewport, QDragEnterEvent(tag, COPY, mime, LEFT, NO_MODIFIERS))
    move = QDragMoveEvent(tag, COPY, mime, LEFT, NO_MODIFIERS)
    QApplication.sendEvent(viewport, move)
    assert move.isAccepted()
    assert window.overlay.message == "Drop to save 2 links and tag “Du lịch”"
    QApplication.sendEvent(viewport, QDragLeaveEvent())
    assert not window.overlay.isVisible()


def test_dropping_a_file_on_a_tag_saves_and_tags_it(
    make_window: WindowFactory, seeded_path: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    window = make_window(seeded_path)
    note = write_note(tmp_path / "pho-co.txt", "Phố cổ về đêm")
    position = window.sidebar.visualRect(window.sidebar_model.index_of("tag", "Du lịch")).center()
    with qtbot.waitSignal(window.saver.saved, timeout=10_000) as saved:
        drop_on(
            window.sidebar.viewport(),
            mime_with(URI_LIST, [QUrl.fromLocalFile(str(note))]),
            position,
        )
    assert saved.args is not None
    with Library(seeded_path) as library:
        assert "Du lịch" in library.get_article(saved.args[1].summary.id).tags
    qtbot.waitUntil(
        lambda: (
            window.sidebar_model.entry(window.sidebar_model.index_of("tag", "Du lịch")).count == 2
        )
    )  # type: ignore[union-attr]


def test_dragging_articles_onto_a_tag_tags_them(
    make_window: WindowFactory, seeded_path: Path, qtbot: QtBot
) -> None:
    window = make_window(seeded_path)
    model = window.list_model
    indexes = [model.index(row, Column.TITLE) for row in range(model.rowCount())]
    ids = sorted(int(index.data(ARTICLE_ID_ROLE)) for index in indexes)
    mime = model.mimeData(indexes)
    position = window.sidebar.visualRect(window.sidebar_model.index_of("tag", "Thời sự")).center()
    drop_on(window.sidebar.viewport(), mime, position)

    def tagged() -> list[int]:
        with Library(seeded_path) as library:
            return [
                article_id
                for article_id in ids
                if "Thời sự" in library.get_article(article_id).tags
            ]

    # Tagging many articles is one background job: wait for it to land.
    qtbot.waitUntil(lambda: tagged() == ids, timeout=10_000)
    # Our own articles dropped outside a tag do nothing.
    before = window.list_model.rowCount()
    drop_on(window, mime)
    assert window.list_model.rowCount() == before and not window.saver.signalsBlocked()


def test_paste_saves_what_the_clipboard_holds(
    make_window: WindowFactory, library_path: Path, qtbot: QtBot
) -> None:
    window = make_window(library_path)
    QGuiApplication.clipboard().setMimeData(mime_with(URI_LIST, [QUrl.fromLocalFile(str(SEED))]))
    window.article_list.setFocus()
    with qtbot.waitSignal(window.saver.saved, timeout=10_000):
        qtbot.keyClick(window.article_list, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    wait_for_saves(qtbot, window)
    QGuiApplication.clipboard().setText("nothing to save here")
    window.commands.paste.trigger()
    assert window.notices.messages()[-1].startswith("Nothing to save on the clipboard")
    # In the search field, Ctrl+V pastes text as usual instead of saving.
    window.search_field.setFocus()
    qtbot.keyClick(window.search_field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.search_field.text() == "nothing to save here"
