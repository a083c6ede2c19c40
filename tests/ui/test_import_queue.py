"""Importing another reader's export in the window: the articles arrive at
once, pending, and the fetch queue fills them in with its progress in the
status bar (issue 13)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from storage import Library
from tests.support.loopback import LoopbackServer
from tests.ui.conftest import WindowFactory
from ui.drops import is_export_file

FIXTURES = Path(__file__).parent.parent / "fixtures" / "imports"


def article_page(title: str) -> bytes:
    paragraphs = "".join(
        f"<p>Đoạn {n} của bài {title}: người dân Hà Nội đi làm sớm hơn mọi ngày vì"
        " mưa lớn kéo dài, nhiều tuyến phố ngập sâu.</p>"
        for n in range(8)
    )
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    ).encode()


def test_an_export_dropped_on_the_window_is_imported_then_fetched(
    make_window: WindowFactory,
    library_path: Path,
    loopback: LoopbackServer,
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    headers = {"Content-Type": "text/html; charset=utf-8"}
    first = loopback.route("/mua-ha-noi", body=article_page("Mưa Hà Nội"), headers=headers)
    second = loopback.route("/pho-co", body=article_page("Phố cổ"), headers=headers)
    export = tmp_path / "instapaper.csv"
    export.write_text(
        "URL,Title,Selection,Folder,Timestamp\n"
        f"{first},Mưa Hà Nội,,Unread,1710000000\n"
        f"{second},Phố cổ,,Archive,1700000000\n",
        encoding="utf-8",
    )
    window = make_window(library_path)
    progress: list[tuple[int, int]] = []
    window.imports.progressed.connect(lambda done, total: progress.append((done, total)))

    window.saving.import_paths([str(export)])

    def fetched() -> bool:
        with Library(library_path) as library:
            articles = [library.get_article(each.id) for each in library.list_articles(limit=10)]
        return len(articles) == 2 and all(a.capture_status == "complete" for a in articles)

    qtbot.waitUntil(fetched, timeout=30_000)
    qtbot.waitUntil(lambda: not window.imports.fetching, timeout=10_000)
    assert progress[-1] == (2, 2)
    assert window.imports.status_text() == ""
    with Library(library_path) as library:
        statuses = {each.title: each.status for each in library.list_articles(limit=10)}
        assert statuses == {"Mưa Hà Nội": "unread", "Phố cổ": "archived"}
        assert library.import_queue() == []
    texts = window.notices.messages()
    assert any(text.startswith("Imported 2 articles from instapaper") for text in texts), texts


def test_a_damaged_export_is_one_line_and_changes_nothing(
    make_window: WindowFactory, library_path: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    damaged = tmp_path / "pocket.zip"
    damaged.write_bytes(b"PK\x03\x04 not really a zip")
    window = make_window(library_path)
    window.saving.import_paths([str(damaged)])
    qtbot.waitUntil(lambda: bool(window.notices.messages()), timeout=10_000)
    (message,) = window.notices.messages()
    assert "pocket.zip" in message and "\n" not in message
    with Library(library_path) as library:
        assert library.count_articles() == 0


def test_exports_are_told_from_pages_by_their_kind_or_first_bytes(tmp_path: Path) -> None:
    assert is_export_file(FIXTURES / "instapaper-export.csv")
    assert is_export_file(FIXTURES / "bookmarks-firefox.html")
    assert is_export_file(FIXTURES / "bookmarks-chrome.html")
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>An article.</p></body></html>", encoding="utf-8")
    assert not is_export_file(page)
    assert not is_export_file(tmp_path / "missing.csv")
