"""The window and the command line on one library at the same time.

The command line runs as real subprocesses while a real window holds the
library open; the window notices their commits (``data_version``) and shows
them without losing its place. Storage errors on the GUI thread become one
line in the notice area.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from pytestqt.qtbot import QtBot

from storage import Library
from tests.support.cli import cli_env, run_cli
from tests.ui.conftest import WindowFactory, plain_article, write_note
from tests.ui.test_search_and_saving import Ticker
from ui.article_model import ARTICLE_ID_ROLE
from ui.main_window import NOTHING_OPEN, MainWindow
from ui.sidebar_model import Section

SEEN_WITHIN_MS = 5_000


def cli(path: Path, home: Path, *args: str | Path) -> str:
    done = run_cli(*args, library=path, env=cli_env(home))
    assert done.returncode == 0, done.stderr
    return done.stdout


def listed_ids(window: MainWindow) -> list[int]:
    return window.list_model.loaded_ids()


def test_the_window_follows_the_command_line(
    make_window: WindowFactory, seeded_path: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    home = tmp_path / "home"
    window = make_window(seeded_path)
    window.open_article(2)
    assert window.article_list.selected_ids() == [2]

    # A new article from another program appears; the selection stays.
    added = cli(seeded_path, home, "add", write_note(tmp_path / "ghi-chu.txt"))
    new_id = int(added.split()[1].rstrip(":"))
    qtbot.waitUntil(lambda: new_id in listed_ids(window), timeout=SEEN_WITHIN_MS)
    assert window.article_list.selected_ids() == [2]
    # The sidebar's counts are read off the GUI thread: they follow shortly.
    qtbot.waitUntil(lambda: window.sidebar_model.view_count("all") == 3, timeout=SEEN_WITHIN_MS)
    qtbot.waitUntil(lambda: "3 articles" in window.count_label.text())

    # Marks and tags from the command line reach the counts and the open article.
    cli(seeded_path, home, "mark", "1", "--favorite")
    cli(seeded_path, home, "tag", "2", "Mới lưu")
    qtbot.waitUntil(
        lambda: (
            window.sidebar_model.view_count("favorites") == 1
            and "Mới lưu" in window.sidebar_model.tags()
        ),
        timeout=SEEN_WITHIN_MS,
    )
    article = window.current_article
    assert article is not None and "Mới lưu" in article.tags  # shown again, tag and all
    assert window.article_list.current_id() == 2

    # The window can still write while the command line has been writing.
    window.commands.toggle_favorite.trigger()
    with Library(seeded_path) as library:
        assert library.get_article(2).favorite
    qtbot.waitUntil(lambda: window.sidebar_model.view_count("favorites") == 2)
    # ...and the command line while the window holds the library open.
    cli(seeded_path, home, "delete", str(new_id))
    qtbot.waitUntil(lambda: new_id not in listed_ids(window), timeout=SEEN_WITHIN_MS)
    assert window.article_list.selected_ids() == [2]

    # The open article deleted elsewhere: the reader says so, without a dialog.
    cli(seeded_path, home, "delete", "2")
    qtbot.waitUntil(lambda: window.current_article is None, timeout=SEEN_WITHIN_MS)
    assert NOTHING_OPEN[0] in window.reader.document().toPlainText()
    assert any("is no longer in the library" in m for m in window.notices.messages())
    assert 2 not in listed_ids(window)


def test_the_list_keeps_its_scroll_position(
    make_window: WindowFactory, library_path: Path, qtbot: QtBot
) -> None:
    with Library(library_path) as library:
        for number in range(80):
            library.save_article(plain_article(number))
    window = make_window(library_path)
    view = window.article_list
    view.scrollTo(window.list_model.index(40, 1))
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)
    qtbot.wait(10)
    top_before = view.indexAt(QPoint(1, 1)).data(ARTICLE_ID_ROLE)
    middle = view.indexAt(QPoint(1, view.viewport().height() // 2)).data(ARTICLE_ID_ROLE)
    view.select_article(int(middle))
    assert top_before is not None

    # Another connection adds an article that sorts first: every row moves down.
    with Library(library_path) as other:
        other.save_article(plain_article(99, published="2030-01-01T09:00:00+07:00"))
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 81, timeout=SEEN_WITHIN_MS)
    assert view.indexAt(QPoint(1, 1)).data(ARTICLE_ID_ROLE) == top_before
    assert view.selected_ids() == [int(middle)]


def test_a_busy_library_is_a_notice_not_a_freeze(
    make_window: WindowFactory,
    seeded_path: Path,
    qtbot: QtBot,
) -> None:
    # The window's own connection gives up waiting after GUI_BUSY_TIMEOUT_SECONDS.
    window = make_window(seeded_path)
    qtbot.waitUntil(lambda: not window.runner.busy())  # the startup backup is done
    window.open_article(2)
    holder = sqlite3.connect(seeded_path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # another program in a long write
        window.commands.toggle_favorite.trigger()
        window.commands.toggle_favorite.trigger()
        window.commands.archive.trigger()
        busy = [n for n in window.notices.notices() if "busy in another program" in n.message]
        assert len(busy) == 1 and busy[0].kind == "error"  # one line, said once
        assert busy[0].message.startswith("Could not change the article")
        ticker = Ticker()
        qtbot.wait(200)
        assert ticker.ticks >= 5  # the window goes on
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    window.commands.toggle_favorite.trigger()
    with Library(seeded_path) as library:
        assert library.get_article(2).favorite


def test_a_busy_library_is_said_in_the_windows_language(
    vietnamese: str, make_window: WindowFactory, seeded_path: Path, qtbot: QtBot
) -> None:
    window = make_window(seeded_path)
    qtbot.waitUntil(lambda: not window.runner.busy())
    window.open_article(2)
    holder = sqlite3.connect(seeded_path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        window.commands.toggle_favorite.trigger()
        messages = [notice.message for notice in window.notices.notices()]
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert messages == [
        "Không thay đổi được bài viết: "
        "thư viện đang bận ở một chương trình khác; hãy thử lại sau giây lát"
    ]


def test_a_library_without_wal_says_so_once(
    make_window: WindowFactory, library_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The unix-dotfile VFS has no shared memory, like many network shares.
    monkeypatch.setenv("READSHELF_SQLITE_VFS", "unix-dotfile")
    window = make_window(library_path)
    notes = [m for m in window.notices.messages() if "write-ahead logging" in m]
    assert len(notes) == 1


def test_the_daily_backup_runs_at_startup(
    make_window: WindowFactory, seeded_path: Path, qtbot: QtBot
) -> None:
    window = make_window(seeded_path)
    qtbot.waitUntil(lambda: not window.runner.busy())
    backups = list((seeded_path.parent / "backups").glob("daily-*.sqlite"))
    assert len(backups) == 1
    assert "Backed up the library" in window.statusBar().currentMessage()


def test_a_failed_backup_is_a_notice(
    make_window: WindowFactory, seeded_path: Path, qtbot: QtBot
) -> None:
    (seeded_path.parent / "backups").write_text("not a folder", encoding="utf-8")
    window = make_window(seeded_path)
    qtbot.waitUntil(lambda: not window.runner.busy())
    (message,) = [m for m in window.notices.messages() if "back up" in m]
    assert message.startswith("Could not back up the library: ")
    assert "unexpected" not in message


def test_the_window_sees_a_feed_subscribed_from_the_command_line(
    make_window: WindowFactory, seeded_path: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    window = make_window(seeded_path)
    window.open_article(2)
    assert window.sidebar_model.rowCount(window.sidebar_model.section_index(Section.FEEDS)) == 0
    listed = tmp_path / "feeds.opml"
    listed.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head/><body>'
        '<outline type="rss" text="Báo Mẫu" xmlUrl="http://127.0.0.1:9/rss.xml"/>'
        "</body></opml>",
        encoding="utf-8",
    )
    cli(seeded_path, tmp_path / "home", "feeds", "import-opml", listed)
    qtbot.waitUntil(lambda: len(window.sidebar_model.feeds()) == 1, timeout=SEEN_WITHIN_MS)
    assert window.sidebar_model.feeds()[0].title == "Báo Mẫu"
    assert window.sidebar_model.rowCount(window.sidebar_model.section_index(Section.FEEDS)) == 1
    article = window.current_article
    assert article is not None and article.id == 2  # the open article stays open
