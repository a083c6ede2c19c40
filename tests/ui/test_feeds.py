"""Feeds in the window: subscribing, the sidebar's Feeds section, its menu,
refreshing (by hand, on an interval, slowly), OPML drops and feed links.

Every feed is served by a real HTTP server on 127.0.0.1 (the news site of
the capture tests) into a real library file.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QSettings, Qt, QUrl
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from services.feed_subscribe import subscribe
from storage import Library
from tests.capture.test_feeds_site import NewsSite, Story, header, standard_stories
from tests.support.loopback import LoopbackServer, Response
from tests.ui.conftest import WindowFactory
from tests.ui.test_drops import drop_on
from tests.ui.test_search_and_saving import Ticker
from ui.article_model import Column
from ui.drops import looks_like_feed_url, read_mime
from ui.main_window import MainWindow
from ui.sidebar_model import FEED_ERROR_ROLE, Section, SidebarEntry

FEED_TITLE = "Báo Mẫu - Thời sự"
WAIT_MS = 15_000


@pytest.fixture
def site(loopback: LoopbackServer) -> NewsSite:
    return NewsSite(loopback)


def publish_feed(site: NewsSite, path: str = "/rss.xml", count: int = 2) -> str:
    return site.publish(path, site.rss(standard_stories(site, count)))


def subscribed(library_path: Path, url: str) -> int:
    """Subscribe the way the command line does, before the window opens."""
    return subscribe(library_path, url).feed.id


def feed_entry(window: MainWindow, feed_id: int) -> SidebarEntry:
    entry = window.sidebar_model.entry(window.sidebar_model.index_of("feed", str(feed_id)))
    assert entry is not None
    return entry


def feed_menu_item(window: MainWindow, feed_id: int, text: str) -> None:
    feed = window.sidebar_model.feed(feed_id)
    assert feed is not None
    menu = window.sidebar.feed_menu(feed)
    actions = [action for action in menu.actions() if action.text() == text]
    for submenu in (action.menu() for action in menu.actions()):
        if isinstance(submenu, QMenu):
            actions += [action for action in submenu.actions() if action.text() == text]
    (action,) = actions
    action.trigger()


def wait_until_idle(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.waitUntil(
        lambda: not window.runner.busy() and not window.feed_commands.updates.running,
        timeout=WAIT_MS,
    )


def article_count(path: Path) -> int:
    with Library(path) as library:
        return library.count_articles()


# -- subscribing -------------------------------------------------------------------


def test_subscribing_through_the_dialog(
    make_window: WindowFactory, library_path: Path, site: NewsSite, qtbot: QtBot
) -> None:
    url = publish_feed(site)
    window = make_window(library_path)
    assert window.commands.subscribe.shortcut().toString() == "Ctrl+Shift+N"
    window.commands.subscribe.trigger()
    dialog = window.feed_commands.dialog
    assert dialog is not None and dialog.isVisible()
    assert not dialog.subscribe_button.isEnabled()  # no address yet
    dialog.url_field.setText(url)
    dialog.tag_field.setText("Báo chí")
    assert dialog.subscribe_button.isEnabled()
    qtbot.mouseClick(dialog.subscribe_button, Qt.MouseButton.LeftButton)
    assert window.feed_commands.dialog is None  # it closed: the work goes on behind
    assert "Subscribing to" in window.activity_label.text()

    wait_until_idle(window, qtbot)
    (feed,) = window.sidebar_model.feeds()
    entry = feed_entry(window, feed.id)
    assert (entry.label, entry.count, entry.feed_error) == (FEED_TITLE, 2, None)
    index = window.sidebar_model.index_of("feed", str(feed.id))
    assert index.siblingAtColumn(1).data() == "2"
    assert feed.tag == "Báo chí"
    assert any(
        f"Subscribed to “{FEED_TITLE}”: 2 new articles" in m for m in window.notices.messages()
    )

    # The new feed is shown, listing its articles; each opens with its picture.
    current = window.sidebar.current_entry()
    assert current is not None and (current.kind, current.key) == ("feed", str(feed.id))
    assert window.list_model.rowCount() == 2
    for row in range(2):
        summary = window.list_model.summary_at(row)
        assert summary is not None
        window.open_article(summary.id)
        article = window.current_article
        assert article is not None and article.tags == ("Báo chí",)
        window.reader.grab()
        picture = window.reader.displayed_picture(0)
        assert picture is not None and not picture.isNull()
        assert "Đoạn văn thứ hai" in window.reader.document().toPlainText()
    # Opening marked them read: the feed's unread count follows.
    qtbot.waitUntil(lambda: feed_entry(window, feed.id).count == 0)


def test_a_failed_subscription_offers_to_try_again(
    make_window: WindowFactory, library_path: Path, loopback: LoopbackServer, qtbot: QtBot
) -> None:
    window = make_window(library_path)
    window.commands.subscribe.trigger()
    dialog = window.feed_commands.dialog
    assert dialog is not None
    dialog.url_field.setText(loopback.url("/khong-co.xml"))
    dialog.accept()
    wait_until_idle(window, qtbot)
    (notice,) = [n for n in window.notices.notices() if "Could not subscribe" in n.message]
    assert notice.kind == "error" and "404" in notice.message
    assert window.sidebar_model.feeds() == []
    notice.buttons["Try Again…"].click()
    again = window.feed_commands.dialog
    assert again is not None and again.url_field.text() == loopback.url("/khong-co.xml")
    again.reject()


# -- refreshing --------------------------------------------------------------------


def test_a_failing_feed_shows_a_badge_with_the_reason(
    make_window: WindowFactory, library_path: Path, site: NewsSite, qtbot: QtBot
) -> None:
    feed_id = subscribed(library_path, publish_feed(site))
    site.server.route("/rss.xml", Response(404, b"gone", {"Content-Type": "text/plain"}))
    window = make_window(library_path)
    assert feed_entry(window, feed_id).feed_error is None

    feed_menu_item(window, feed_id, "Refresh")
    wait_until_idle(window, qtbot)

    entry = feed_entry(window, feed_id)
    assert entry.feed_error is not None and "404" in entry.feed_error
    index = window.sidebar_model.index_of("feed", str(feed_id))
    badge = index.data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(badge, QIcon) and not badge.isNull()
    assert index.data(FEED_ERROR_ROLE) == entry.feed_error
    assert entry.feed_error in str(index.data(Qt.ItemDataRole.ToolTipRole))
    # Asked for by hand, so the failure is also said once, in a notice.
    assert any("Could not refresh" in m and "404" in m for m in window.notices.messages())
    # Its two articles are still there to read.
    assert entry.feed is not None and entry.feed.entries == 2


def test_a_repaired_feed_has_a_quiet_badge_that_says_why(
    make_window: WindowFactory, library_path: Path, loopback: LoopbackServer
) -> None:
    # An unescaped ampersand: not well-formed XML, read leniently all the same.
    feed = (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        "<title>Tin & Bài</title><link>https://example.org/</link>"
        "<item><title>Mưa & gió</title><guid>a1</guid>"
        "<description>Hà Nội mưa to.</description></item></channel></rss>"
    ).encode()
    url = loopback.route("/rss.xml", body=feed, headers={"Content-Type": "application/rss+xml"})
    feed_id = subscribed(library_path, url)
    window = make_window(library_path)

    entry = feed_entry(window, feed_id)
    assert entry.feed_error is None
    assert entry.feed is not None and entry.feed.repaired is not None
    index = window.sidebar_model.index_of("feed", str(feed_id))
    badge = index.data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(badge, QIcon) and not badge.isNull()
    assert "Read despite errors in the feed" in str(index.data(Qt.ItemDataRole.ToolTipRole))


def test_refresh_with_nothing_new_adds_nothing(
    make_window: WindowFactory, library_path: Path, site: NewsSite, qtbot: QtBot
) -> None:
    feed_id = subscribed(library_path, publish_feed(site))
    window = make_window(library_path)
    window.sidebar.select_entry("feed", str(feed_id))
    window.article_list.step(1)  # select the first article
    selected = window.article_list.current_id()
    requests_before = len(site.server.requested("/rss.xml"))

    window.commands.refresh.trigger()
    assert window.commands.refresh.shortcuts()[0].toString() == "F5"
    wait_until_idle(window, qtbot)

    checks = site.server.requested("/rss.xml")[requests_before:]
    assert len(checks) == 1 and header(checks[0], "If-None-Match") is not None
    feed = window.sidebar_model.feed(feed_id)
    assert feed is not None and (feed.last_status, feed.entries) == (304, 2)
    assert article_count(library_path) == 2
    assert window.list_model.rowCount() == 2
    assert window.article_list.current_id() == selected  # the selection stayed
    assert "Feeds refreshed: 0 new articles" in window.statusBar().currentMessage()


def test_new_entries_arrive_without_losing_the_selection(
    make_window: WindowFactory, library_path: Path, site: NewsSite, qtbot: QtBot
) -> None:
    stories = standard_stories(site, 2)
    url = site.publish("/rss.xml", site.rss(stories))
    feed_id = subscribed(library_path, url)
    window = make_window(library_path)
    window.sidebar.select_entry("feed", str(feed_id))
    window.article_list.step(1)
    selected = window.article_list.current_id()
    fresh = site.add_story("bai-moi", "Tin mới về phố cổ", "Chú thích mới.")
    site.publish("/rss.xml", site.rss([fresh, *stories]))

    window.commands.refresh.trigger()
    wait_until_idle(window, qtbot)

    assert window.list_model.rowCount() == 3
    assert window.article_list.current_id() == selected
    assert window.article_list.selected_ids() == [selected]
    titles = [window.list_model.index(row, Column.TITLE).data() for row in range(3)]
    assert "Tin mới về phố cổ" in titles
    assert feed_entry(window, feed_id).count == 1  # the new one; the two shown were read


def test_the_interval_timer_refreshes(
    make_window: WindowFactory,
    library_path: Path,
    site: NewsSite,
    settings_file: Path,
    qtbot: QtBot,
) -> None:
    subscribed(library_path, publish_feed(site))
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    settings.setValue("feeds/refresh_minutes", 0.001)  # 60 ms
    settings.sync()
    requests_before = len(site.server.requested("/rss.xml"))
    window = make_window(library_path)
    timer = window.feed_commands.schedule.timer
    assert timer.isActive() and timer.interval() == 60
    # Two checks with no one asking: the timer repeats.
    qtbot.waitUntil(
        lambda: len(site.server.requested("/rss.xml")) >= requests_before + 2, timeout=WAIT_MS
    )
    window.close()
    assert not timer.isActive()


def test_automatic_refresh_can_be_turned_off(
    make_window: WindowFactory, library_path: Path, site: NewsSite, settings_file: Path
) -> None:
    subscribed(library_path, publish_feed(site))
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    settings.setValue("feeds/refresh_minutes", 0)
    settings.sync()
    window = make_window(library_path)
    assert not window.feed_commands.schedule.timer.isActive()


def test_the_window_keeps_working_during_a_slow_refresh(
    make_window: WindowFactory, library_path: Path, site: NewsSite, qtbot: QtBot
) -> None:
    feed_id = subscribed(library_path, publish_feed(site))
    site.server.route("/rss.xml", Response(304, b"", delay=1.5))
    window = make_window(library_path)
    qtbot.waitUntil(lambda: not window.runner.busy())  # the startup backup
    ticker = Ticker()
    window.commands.refresh.trigger()
    assert window.feed_commands.updates.running
    # F5 again while it runs: still one refresh.
    window.commands.refresh.trigger()
    assert window.statusBar().currentMessage() == "Already refreshing feeds"
    qtbot.wait(400)
    assert ticker.ticks >= 10  # the event loop kept running while the feed answered
    assert window.activity_label.text() == "Refreshing feeds 0/1…"
    assert window.activity_bar.isVisible()
    window.sidebar.select_entry("feed", str(feed_id))  # the window still answers
    assert window.list_model.rowCount() == 2
    started = time.monotonic()
    window.close()  # stops the refresh: it ends with the feed being fetched
    assert window.feed_commands.updates.stop_event.is_set()
    assert time.monotonic() - started < 5


# -- the feed menu -----------------------------------------------------------------


def test_rename_retag_and_mode_from_the_feed_menu(
    make_window: WindowFactory, library_path: Path, site: NewsSite, qtbot: QtBot
) -> None:
    feed_id = subscribed(library_path, publish_feed(site))
    window = make_window(library_path)

    feed_menu_item(window, feed_id, "Rename…")
    assert window.prompt.field.text() == FEED_TITLE
    window.prompt.field.setText("Báo Mẫu")
    window.prompt.accept()
    qtbot.waitUntil(lambda: feed_entry(window, feed_id).label == "Báo Mẫu")

    feed_menu_item(window, feed_id, "Change tag…")
    window.prompt.field.setText("Tin tức")
    window.prompt.accept()
    feed_menu_item(window, feed_id, "Feed content only")
    with Library(library_path) as library:
        feed = library.get_feed(feed_id)
    assert (feed.title, feed.tag, feed.mode) == ("Báo Mẫu", "Tin tức", "feed")

    feed_menu_item(window, feed_id, "Change tag…")
    window.prompt.field.clear()
    window.prompt.accept()  # empty: no tag any more
    with Library(library_path) as library:
        assert library.get_feed(feed_id).tag is None


def test_the_feed_shown_is_remembered(
    make_window: WindowFactory, library_path: Path, site: NewsSite
) -> None:
    feed_id = subscribed(library_path, publish_feed(site))
    window = make_window(library_path)
    window.sidebar.select_entry("feed", str(feed_id))
    window.close()
    again = make_window(library_path)
    entry = again.sidebar.current_entry()
    assert entry is not None and (entry.kind, entry.key) == ("feed", str(feed_id))
    assert again.list_model.rowCount() == 2


def test_unsubscribe_from_the_feed_menu(
    make_window: WindowFactory, library_path: Path, site: NewsSite, qtbot: QtBot
) -> None:
    first = subscribed(library_path, publish_feed(site))
    other = site.add_story("khac", "Một bài khác", "Chú thích khác.")
    second = subscribed(library_path, site.publish("/khac.xml", site.rss([other])))
    window = make_window(library_path)
    window.sidebar.select_entry("feed", str(first))

    feed_menu_item(window, first, "Unsubscribe…")
    assert window.prompt.isVisible() and "2 articles" in window.prompt.label.text()
    assert window.prompt.alternative_button.isVisible()
    window.prompt.cancel()
    assert len(window.sidebar_model.feeds()) == 2

    feed_menu_item(window, first, "Unsubscribe…")
    window.prompt.accept()  # articles go with the feed
    wait_until_idle(window, qtbot)
    assert [feed.id for feed in window.sidebar_model.feeds()] == [second]
    assert article_count(library_path) == 1
    entry = window.sidebar.current_entry()
    assert entry is not None and (entry.kind, entry.key) == ("view", "all")
    assert any(
        "Unsubscribed from" in m and "2 articles deleted" in m for m in window.notices.messages()
    )

    feed_menu_item(window, second, "Unsubscribe…")
    window.prompt.accept_alternative()  # "Unsubscribe, Keep Articles"
    wait_until_idle(window, qtbot)
    assert window.sidebar_model.feeds() == []
    assert article_count(library_path) == 1


def test_the_feeds_section_menu_offers_subscribing(
    make_window: WindowFactory, library_path: Path
) -> None:
    window = make_window(library_path)
    menu = window.sidebar.context_menu(window.sidebar_model.section_index(Section.FEEDS))
    assert menu is not None
    assert [action.text() for action in menu.actions()] == [
        "&Subscribe to Feed…",
        "Re&fresh Feeds",
    ]


# -- drops ---------------------------------------------------------------------------


def opml(tmp_path: Path, *urls: tuple[str, str]) -> Path:
    outlines = "".join(
        f'<outline type="rss" text="{title}" title="{title}" xmlUrl="{url}"/>'
        for title, url in urls
    )
    path = tmp_path / "theo dõi.opml"
    path.write_text(
        f'<?xml version="1.0" encoding="utf-8"?><opml version="2.0"><head><title>Feeds</title>'
        f'</head><body><outline text="Tin tức">{outlines}</outline></body></opml>',
        encoding="utf-8",
    )
    return path


def test_dropping_an_opml_file_imports_its_feeds(
    make_window: WindowFactory, library_path: Path, site: NewsSite, tmp_path: Path, qtbot: QtBot
) -> None:
    url = publish_feed(site)
    dead = site.url("/mat-roi.xml")
    listed = opml(tmp_path, ("Báo Mẫu", url), ("Trang đã mất", dead))
    window = make_window(library_path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(listed))])
    assert window.saving.drop_message(read_mime(mime)) == "Drop to import feeds from 1 feed list"

    drop_on(window, mime)
    qtbot.waitUntil(lambda: len(window.sidebar_model.feeds()) == 2, timeout=WAIT_MS)
    assert any(
        "Added 2 feeds from theo dõi.opml; fetching their articles." in m
        for m in window.notices.messages()
    )
    wait_until_idle(window, qtbot)  # the new feeds are refreshed straight away
    by_url = {feed.url: feed for feed in window.sidebar_model.feeds()}
    assert by_url[url].unread == 2 and by_url[url].tag == "Tin tức"
    assert feed_entry(window, by_url[dead].id).feed_error is not None
    assert article_count(library_path) == 2


def test_a_feed_file_is_refused_with_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "tin.rss"
    path.write_text("<rss/>", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    content = read_mime(mime)
    assert not content.items
    assert "subscribe to its web address" in content.refused[0]


@pytest.mark.parametrize(
    ("url", "feed"),
    [
        ("https://vnexpress.net/rss/tin-moi-nhat.rss", True),
        ("https://example.vn/feed", True),
        ("https://example.vn/feeds/posts/default", True),
        ("https://example.vn/atom.xml", True),
        ("https://example.vn/?feed=rss2", True),
        ("https://example.vn/feedback", False),
        ("https://example.vn/tin/pho-co.html", False),
    ],
)
def test_which_links_look_like_feeds(url: str, feed: bool) -> None:
    assert looks_like_feed_url(url) is feed


def test_dropping_a_feed_link_saves_it_and_offers_to_subscribe(
    make_window: WindowFactory, library_path: Path, site: NewsSite, qtbot: QtBot
) -> None:
    url = publish_feed(site, "/feed/")
    window = make_window(library_path)
    mime = QMimeData()
    mime.setUrls([QUrl(url)])
    drop_on(window, mime)
    # The drop does what a drop does: save the page.
    assert str(window.list_model.index(0, Column.TITLE).data()).startswith("Saving…")
    (offer,) = [n for n in window.notices.notices() if "looks like a feed" in n.message]
    offer.buttons["Subscribe…"].click()
    dialog = window.feed_commands.dialog
    assert dialog is not None and dialog.url_field.text() == url
    dialog.accept()
    wait_until_idle(window, qtbot)
    assert [feed.url for feed in window.sidebar_model.feeds()] == [url]


def test_a_story_page_link_offers_no_subscription(
    make_window: WindowFactory, library_path: Path, site: NewsSite, qtbot: QtBot
) -> None:
    (story,) = standard_stories(site, 1)
    assert isinstance(story, Story)
    window = make_window(library_path)
    mime = QMimeData()
    mime.setUrls([QUrl(site.url(story.path))])
    drop_on(window, mime)
    wait_until_idle(window, qtbot)
    assert not [m for m in window.notices.messages() if "looks like a feed" in m]
    assert article_count(library_path) == 1
