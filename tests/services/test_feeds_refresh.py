"""Subscribing and refreshing against a real HTTP server on 127.0.0.1, into
real library files: articles, conditional requests, dedupe, fallbacks,
hostile feeds, politeness, redirects and parallel refreshes."""

from __future__ import annotations

import gzip
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bench.feeds_acceptance import Answer, serve, slow_feed
from capture.sources import capture_url
from core.errors import CaptureError
from core.limits import Limits
from core.models import Article
from services.feed_refresh import FeedRefresher, RefreshOptions, refresh_feeds
from services.feed_subscribe import export_opml, import_opml, subscribe
from storage import ArticleFilter, Library
from storage.errors import FeedExistsError
from tests.capture.test_feeds_site import (
    FEED_FIXTURES,
    NewsSite,
    Story,
    header,
    png,
    standard_stories,
)
from tests.support.loopback import LoopbackServer, RecordedRequest, Response

FORCE = RefreshOptions(force=True, time_limit=30)


@pytest.fixture
def site(loopback: LoopbackServer) -> NewsSite:
    return NewsSite(loopback)


def saved_articles(path: Path) -> list[Article]:
    """Every article of the library at ``path``, oldest id first."""
    with Library(path) as library:
        ids = sorted(summary.id for summary in library.list_articles(limit=1000))
        return [library.get_article(article_id) for article_id in ids]


def snapshot(path: Path) -> list[tuple[int, str, str, int]]:
    """What the library's articles say, to prove a failure changed nothing."""
    return [
        (article.id, article.title, article.content_hash, len(article.images))
        for article in saved_articles(path)
    ]


# --------------------------------------------------------------------------
# Subscribing and the first refresh
# --------------------------------------------------------------------------


def test_subscribing_fills_the_library_with_complete_offline_articles(
    site: NewsSite, library_path: Path, loopback: LoopbackServer
) -> None:
    stories = standard_stories(site, 3)
    url = site.publish("/rss.xml", site.rss(stories))

    done = subscribe(library_path, url, tag="Báo chí")

    assert done.refresh is not None
    assert (done.refresh.outcome, done.refresh.added, done.refresh.pending) == ("updated", 3, 0)
    assert done.feed.title == "Báo Mẫu - Thời sự"
    assert (done.feed.entries, done.feed.unread, done.feed.last_status) == (3, 3, 200)
    assert done.feed.etag is not None and done.feed.error is None
    articles = saved_articles(library_path)
    assert len(articles) == 3
    by_url = {article.url: article for article in articles}
    for story in stories:
        article = by_url[site.url(story.path)]
        assert article.arrived_by == "feed"
        assert article.capture_status == "complete"
        assert article.title == story.title
        # From the page: the body, the picture with its caption and credit.
        assert "Đoạn văn thứ hai" in article.body_text
        (image,) = article.images
        assert (image.caption, image.credit, image.has_data) == (
            story.caption,
            "Ảnh: Minh Anh",
            True,
        )
        assert 'src="image:0"' in article.reader_html
        # From the entry: what the page does not say.
        assert article.byline == "Nguyễn Văn An"
        assert article.published == "2025-09-01T15:30:00+07:00"
        # The feed's tag; entry categories only when the feed asks for them.
        assert article.tags == ("Báo chí",)
        assert {"Thời sự", "Hà Nội"} <= set(article.topics)
    with Library(library_path) as library:
        assert library.count_articles(ArticleFilter(feed_id=done.feed.id)) == 3
    # The feed document was fetched once: subscribing hands it to the refresh.
    assert len(loopback.requested("/rss.xml")) == 1


def test_second_refresh_is_conditional_and_adds_nothing(
    site: NewsSite, library_path: Path, loopback: LoopbackServer
) -> None:
    url = site.publish("/rss.xml", site.rss(standard_stories(site, 2)))
    feed_id = subscribe(library_path, url).feed.id
    before = snapshot(library_path)
    requests_before = len(loopback.requests)

    (result,) = refresh_feeds(library_path)

    assert (result.outcome, result.http_status, result.added) == ("not-modified", 304, 0)
    conditional = loopback.requests[requests_before:]
    assert [request.path for request in conditional] == ["/rss.xml"]
    with Library(library_path) as library:
        feed = library.get_feed(feed_id)
    assert header(conditional[0], "If-None-Match") == feed.etag
    assert header(conditional[0], "If-Modified-Since") == "Mon, 01 Sep 2025 08:00:00 GMT"
    assert (feed.last_status, feed.failures) == (304, 0)
    assert snapshot(library_path) == before


def test_entries_appear_across_refreshes_without_duplicates(
    site: NewsSite, library_path: Path, loopback: LoopbackServer
) -> None:
    one, two, three = standard_stories(site, 3)
    url = site.publish("/rss.xml", site.rss([one]))
    feed_id = subscribe(library_path, url).feed.id

    site.publish("/rss.xml", site.rss([two, one]))
    (second,) = refresh_feeds(library_path)
    # The same entries again, with tracking parameters on the links and a
    # changed document (new validator): still nothing new.
    site.publish("/rss.xml", site.rss([three, two, one]))
    (third,) = refresh_feeds(library_path)
    site.publish("/rss.xml", site.rss([three, two, one], link_suffix="?utm_source=rss"))
    (fourth,) = refresh_feeds(library_path)

    assert [(r.outcome, r.added) for r in (second, third, fourth)] == [
        ("updated", 1),
        ("updated", 1),
        ("updated", 0),
    ]
    assert len(saved_articles(library_path)) == 3
    assert len(loopback.requested(one.path)) == 1  # each page fetched once
    with Library(library_path) as library:
        assert library.get_feed(feed_id).entries == 3


def test_an_article_saved_by_hand_is_linked_not_saved_again(
    site: NewsSite, library_path: Path, loopback: LoopbackServer
) -> None:
    (story,) = standard_stories(site, 1)
    with Library(library_path) as library:
        dropped = library.save_article(capture_url(site.url(story.path) + "?utm_medium=social"))
        library.set_status(dropped.id, "read")
    url = site.publish("/rss.xml", site.rss([story]))

    done = subscribe(library_path, url)

    assert done.refresh is not None
    assert (done.refresh.added, done.refresh.linked) == (0, 1)
    (article,) = saved_articles(library_path)
    assert (article.id, article.arrived_by, article.status) == (dropped.id, "web", "read")
    # Only the drag-and-drop fetched the page.
    assert [request.path.split("?")[0] for request in loopback.requests].count(story.path) == 1
    with Library(library_path) as library:
        assert library.feeds_of_article(dropped.id) == [done.feed.id]
        assert (done.feed.entries, done.feed.unread) == (1, 0)


# --------------------------------------------------------------------------
# Entry content: fallbacks and the feed mode
# --------------------------------------------------------------------------


def test_an_entry_whose_page_404s_falls_back_to_its_content(
    site: NewsSite, library_path: Path, loopback: LoopbackServer
) -> None:
    loopback.route("/anh/trong-bai.png", body=png(300, 180), headers={"Content-Type": "image/png"})
    gone = Story(
        "da-xoa",
        "Bài đã bị gỡ",
        "",
        content=(
            "<p>Nội dung đầy đủ nằm ngay trong nguồn tin, dài đủ để đọc offline.</p>"
            '<figure><img src="/anh/trong-bai.png" alt="Cầu Long Biên">'
            "<figcaption>Cầu Long Biên lúc hoàng hôn.</figcaption></figure>"
            '<p>Đoạn cuối. <script>alert(1)</script><a href="javascript:alert(2)">x</a></p>'
        ),
    )
    summary_only = Story("chi-tom-tat", "Chỉ có tóm tắt", "", summary="Tóm tắt thay cho bài.")
    nothing = Story("khong-co-gi", "Không có gì", "", summary="")
    url = site.publish("/rss.xml", site.rss([gone, summary_only, nothing]))

    done = subscribe(library_path, url)

    assert done.refresh is not None
    assert (done.refresh.added, done.refresh.pending) == (3, 1)
    by_title = {article.title: article for article in saved_articles(library_path)}
    content = by_title["Bài đã bị gỡ"]
    assert content.capture_status == "complete"
    assert "Nội dung đầy đủ nằm ngay trong nguồn tin" in content.body_text
    (image,) = content.images
    assert (image.caption, image.has_data) == ("Cầu Long Biên lúc hoàng hôn.", True)
    assert "script" not in content.reader_html and "javascript" not in content.reader_html
    assert content.published == "2025-09-01T15:30:00+07:00"
    assert by_title["Chỉ có tóm tắt"].body_text == "Tóm tắt thay cho bài."
    pending = by_title["Không có gì"]
    assert pending.capture_status == "pending"
    assert pending.capture_error is not None and "404" in pending.capture_error
    assert pending.arrived_by == "feed"


def test_feed_mode_uses_the_entry_content_and_never_fetches_the_page(
    site: NewsSite, library_path: Path, loopback: LoopbackServer
) -> None:
    (story,) = standard_stories(site, 1)
    story.content = "<p>Bản tin đầy đủ trong nguồn, không cần mở trang.</p>"
    url = site.publish("/rss.xml", site.rss([story]))

    subscribe(library_path, url, mode="feed", entry_tags=True)

    (article,) = saved_articles(library_path)
    assert article.body_text == "Bản tin đầy đủ trong nguồn, không cần mở trang."
    assert loopback.requested(story.path) == []
    assert set(article.tags) == {"Thời sự", "Hà Nội"}  # entry categories, asked for
    assert not {"Thời sự", "Hà Nội"} & set(article.topics)  # ...and not topics as well


def test_json_feed_subscription(library_path: Path, loopback: LoopbackServer) -> None:
    document = (FEED_FIXTURES / "feed11.json").read_text(encoding="utf-8")
    base = loopback.url("")
    loopback.route(
        "/feed.json",
        body=document.replace("https://hue.example.vn", base).encode(),
        headers={"Content-Type": "application/feed+json"},
    )
    loopback.route("/anh/dai-noi.png", body=png(400, 300), headers={"Content-Type": "image/png"})

    done = subscribe(library_path, loopback.url("/feed.json"), mode="feed")

    assert done.feed.title == "Sổ tay Huế"
    assert done.feed.site_url == base + "/"
    by_title = {article.title: article for article in saved_articles(library_path)}
    hue = by_title["Đại Nội mùa mưa"]
    assert hue.byline == "Hoàng Thị Dung, Phan Minh"
    assert hue.published == "2025-09-04T09:00:00+07:00"
    assert [image.has_data for image in hue.images] == [True]  # the item's main image
    assert (
        by_title["Sông Hương"].body_text == "Thuyền rồng neo bến.\n\nTiếng ca Huế vọng trên sông."
    )


def test_subscribing_to_a_page_finds_its_feed(
    site: NewsSite, library_path: Path, loopback: LoopbackServer
) -> None:
    feed_url = site.publish("/feeds/atom.xml", (FEED_FIXTURES / "atom.xml").read_bytes())
    loopback.route(
        "/",
        body='<html><head><link rel="alternate" type="application/atom+xml"'
        ' href="/feeds/atom.xml"></head><body>Trang chủ</body></html>'.encode(),
        headers={"Content-Type": "text/html"},
    )

    done = subscribe(library_path, loopback.url("/"), refresh=False)

    assert done.feed.url == feed_url
    assert done.feed.title == "Nhật ký Sài Gòn"
    assert done.refresh is None
    with pytest.raises(FeedExistsError):
        subscribe(library_path, loopback.url("/"), refresh=False)
    loopback.route(
        "/plain", body=b"<html><body>no feed</body></html>", headers={"Content-Type": "text/html"}
    )
    with pytest.raises(CaptureError, match="links to no feed"):
        subscribe(library_path, loopback.url("/plain"))


def test_opml_import_and_export_round_trip(library: Library) -> None:
    done = import_opml(library, (FEED_FIXTURES / "nested.opml").read_bytes())
    assert [feed.tag for feed in done.added] == ["Tin tức", "Thế giới", None]
    again = import_opml(library, export_opml(library.list_feeds()))
    assert (again.added, len(again.already)) == ([], 3)
    exported = export_opml(library.list_feeds()).decode()
    assert exported.index("Tin tức") < exported.index("Thế giới") < exported.index("world.example")


# --------------------------------------------------------------------------
# Hostile feeds
# --------------------------------------------------------------------------


def _hostile_cases(loopback: LoopbackServer) -> dict[str, tuple[Response, str]]:
    feed_type = {"Content-Type": "application/rss+xml"}
    valid = (FEED_FIXTURES / "rss091.xml").read_bytes()
    loopback.route("/loop-a", Response(302, headers={"Location": "/loop-b"}))
    loopback.route("/loop-b", Response(302, headers={"Location": "/loop-a"}))
    return {
        "html page": (
            Response(
                body=(FEED_FIXTURES / "html_page.html").read_bytes(),
                headers={"Content-Type": "text/html"},
            ),
            "not a feed: the address serves an HTML page",
        ),
        "empty body": (Response(headers=feed_type), "the feed is empty"),
        "404": (Response(404, b"gone"), "HTTP 404 Not Found"),
        "500": (Response(500, b"oops"), "HTTP 500 Internal Server Error"),
        "redirect loop": (Response(302, headers={"Location": "/loop-a"}), "redirect loop"),
        "gzip bomb": (
            Response(
                body=gzip.compress(valid + b" " * 3_000_000),
                headers={**feed_type, "Content-Encoding": "gzip"},
            ),
            "over the 1.0 MB limit once decompressed",
        ),
        "damaged gzip": (
            Response(
                body=gzip.compress(valid)[:60], headers={**feed_type, "Content-Encoding": "gzip"}
            ),
            "damaged compressed data",
        ),
        "too large": (
            Response(body=valid + b" " * 1_100_000, headers=feed_type),
            "over the 1.0 MB limit",
        ),
        "billion laughs": (
            Response(body=(FEED_FIXTURES / "billion_laughs.xml").read_bytes(), headers=feed_type),
            "declares XML entities",
        ),
        "external entity": (
            Response(body=(FEED_FIXTURES / "xxe_passwd.xml").read_bytes(), headers=feed_type),
            "declares XML entities",
        ),
    }


def test_hostile_feeds_leave_a_clear_error_and_an_intact_library(
    site: NewsSite, library_path: Path, loopback: LoopbackServer
) -> None:
    stories = standard_stories(site, 2)
    subscribe(library_path, site.publish("/rss.xml", site.rss(stories)))
    before = snapshot(library_path)
    limits = Limits(max_feed_bytes=1024 * 1024, max_decoded_bytes=1024 * 1024)
    cases = _hostile_cases(loopback)
    with Library(library_path) as library:
        ids = {
            name: library.add_feed(loopback.url(f"/hostile/{index}")).id
            for index, name in enumerate(cases)
        }
    for index, (response, _message) in enumerate(cases.values()):
        loopback.route(f"/hostile/{index}", response)

    results = refresh_feeds(library_path, ids.values(), limits=limits, options=FORCE)

    assert [result.outcome for result in results] == ["failed"] * len(cases), [
        (result.url, result.outcome, result.error) for result in results
    ]
    with Library(library_path) as library:
        for name, (_response, message) in cases.items():
            feed = library.get_feed(ids[name])
            assert feed.error is not None and message in feed.error, (name, feed.error)
            assert "\n" not in feed.error
            assert feed.failures == 1
    assert snapshot(library_path) == before
    assert all("root:" not in article.body_text for article in saved_articles(library_path))


def test_a_gzipped_feed_is_read(site: NewsSite, library_path: Path) -> None:
    stories = standard_stories(site, 1)
    site.server.route(
        "/rss.gz",
        body=gzip.compress(site.rss(stories)),
        headers={"Content-Type": "application/rss+xml", "Content-Encoding": "gzip"},
    )
    done = subscribe(library_path, site.url("/rss.gz"))
    assert done.refresh is not None and done.refresh.added == 1


# --------------------------------------------------------------------------
# Politeness and redirects
# --------------------------------------------------------------------------


def test_retry_after_is_honoured(library: Library, loopback: LoopbackServer) -> None:
    loopback.route("/busy.xml", Response(429, b"slow down", {"Retry-After": "120"}))
    feed = library.add_feed(loopback.url("/busy.xml"))

    (first,) = refresh_feeds(library.path)
    (second,) = refresh_feeds(library.path)

    assert (first.outcome, first.http_status) == ("failed", 429)
    assert second.outcome == "skipped"
    assert len(loopback.requested("/busy.xml")) == 1  # the second refresh asked nothing
    stored = library.get_feed(feed.id)
    assert stored.next_check is not None
    wait = datetime.fromisoformat(stored.next_check) - datetime.now(UTC)
    assert timedelta(seconds=100) < wait <= timedelta(seconds=121)
    assert (stored.last_status, stored.error) == (429, "HTTP 429 Too Many Requests")


def test_repeated_failures_back_off_exponentially_and_success_resets(
    site: NewsSite, library: Library, loopback: LoopbackServer
) -> None:
    loopback.route("/flaky.xml", Response(503, b"down"))
    feed = library.add_feed(loopback.url("/flaky.xml"))
    waits = []
    for _ in range(3):
        refresh_feeds(library.path, options=FORCE)
        stored = library.get_feed(feed.id)
        assert stored.next_check is not None and stored.last_checked is not None
        waits.append(
            datetime.fromisoformat(stored.next_check) - datetime.fromisoformat(stored.last_checked)
        )
    assert waits == [timedelta(minutes=10), timedelta(minutes=20), timedelta(minutes=40)]
    assert library.get_feed(feed.id).failures == 3

    site.publish("/flaky.xml", site.rss(standard_stories(site, 1)))
    loopback.routes["/flaky.xml"] = lambda request: site._answer_feed("/flaky.xml", request)
    (result,) = refresh_feeds(library.path, options=FORCE)
    stored = library.get_feed(feed.id)
    assert (result.outcome, stored.failures, stored.next_check, stored.error) == (
        "updated",
        0,
        None,
        None,
    )


def test_a_permanent_redirect_moves_the_subscription(
    site: NewsSite, library: Library, loopback: LoopbackServer
) -> None:
    new_url = site.publish("/new/rss.xml", site.rss(standard_stories(site, 1)))
    loopback.route("/old/rss.xml", Response(301, headers={"Location": "/new/rss.xml"}))
    loopback.route("/temp/rss.xml", Response(302, headers={"Location": "/new/rss.xml"}))
    moved = library.add_feed(loopback.url("/old/rss.xml"))
    borrowed = library.add_feed(loopback.url("/temp/rss.xml"))

    results = refresh_feeds(library.path)

    assert [result.moved_to for result in results] == [new_url, None]
    assert library.get_feed(moved.id).url == new_url
    assert library.get_feed(borrowed.id).url == loopback.url("/temp/rss.xml")
    refresh_feeds(library.path, [moved.id])
    assert len(loopback.requested("/old/rss.xml")) == 1  # asked at its new address since


# --------------------------------------------------------------------------
# Parallel refresh
# --------------------------------------------------------------------------


def test_a_slow_feed_never_holds_up_the_others(
    site: NewsSite, library: Library, loopback: LoopbackServer
) -> None:
    release = threading.Event()

    def stalled(request: RecordedRequest) -> Response:
        release.wait(10)
        return Response(body=site.rss([]), headers={"Content-Type": "application/rss+xml"})

    loopback.route("/slow.xml", stalled)
    slow = library.add_feed(loopback.url("/slow.xml"))
    fast = []
    for number in range(5):
        story = site.add_story(f"nhanh-{number}", f"Tin nhanh {number}", "Ảnh.")
        fast.append(library.add_feed(site.publish(f"/fast-{number}.xml", site.rss([story]))).id)
    started = time.monotonic()
    try:
        results = refresh_feeds(library.path, options=RefreshOptions(time_limit=2.5))
    finally:
        release.set()
    elapsed = time.monotonic() - started

    outcome = {result.feed_id: result for result in results}
    assert outcome[slow.id].outcome == "failed"
    assert "timed out" in (outcome[slow.id].error or "")
    assert [(outcome[feed_id].outcome, outcome[feed_id].added) for feed_id in fast] == [
        ("updated", 1)
    ] * 5
    assert elapsed < 4.0


def test_at_most_four_feeds_are_fetched_at_once(
    site: NewsSite, library: Library, loopback: LoopbackServer
) -> None:
    lock = threading.Lock()
    in_flight = [0]
    most = [0]

    def counted(request: RecordedRequest) -> Response:
        with lock:
            in_flight[0] += 1
            most[0] = max(most[0], in_flight[0])
        time.sleep(0.15)
        with lock:
            in_flight[0] -= 1
        return Response(body=site.rss([]), headers={"Content-Type": "application/rss+xml"})

    for number in range(8):
        loopback.route(f"/counted-{number}.xml", counted)
        library.add_feed(loopback.url(f"/counted-{number}.xml"))
    results = refresh_feeds(library.path)
    assert [result.outcome for result in results] == ["updated"] * 8
    assert 2 <= most[0] <= 4


def test_a_refresh_cut_short_keeps_no_validator_and_resumes(
    site: NewsSite, library: Library, loopback: LoopbackServer
) -> None:
    stories = standard_stories(site, 3)
    loopback.route(
        stories[0].path,
        Response(
            body=site.page(stories[0]).encode(), headers={"Content-Type": "text/html"}, delay=1.2
        ),
    )
    feed = library.add_feed(site.publish("/rss.xml", site.rss(stories)))

    (first,) = refresh_feeds(library.path, options=RefreshOptions(time_limit=1.0))
    assert first.outcome == "partial"
    assert library.get_feed(feed.id).etag is None
    (second,) = refresh_feeds(library.path)
    assert second.outcome == "updated"
    assert first.added + second.added == 3
    assert library.get_feed(feed.id).entries == 3


def test_ill_formed_feeds_are_saved_and_say_why_they_were_repaired(
    library_path: Path, loopback: LoopbackServer
) -> None:
    feed_type = {"Content-Type": "application/rss+xml"}
    invalid = loopback.route(
        "/invalid.xml", body=(FEED_FIXTURES / "invalid.xml").read_bytes(), headers=feed_type
    )
    russian = (
        '<rss version="2.0"><channel><title>Новости</title><item>'
        "<title>Как пережить новогоднюю ночь без потерь</title><description>Министерство"
        " здравоохранения подготовило советы для тех, кто встречает праздник дома.</description>"
        "<link>http://127.0.0.1:9/noch</link></item></channel></rss>"
    )
    undeclared = loopback.route("/koi8.xml", body=russian.encode("koi8-r"), headers=feed_type)
    with Library(library_path) as library:
        ids = [library.add_feed(url, mode="feed").id for url in (invalid, undeclared)]

    results = refresh_feeds(library_path, ids, options=FORCE)

    assert [(result.outcome, result.added) for result in results] == [("updated", 1)] * 2
    assert results[0].repaired == "invalid XML at line 3, column 30: mismatched tag"
    assert results[1].repaired == (
        "no charset declared, and its bytes are not UTF-8: read as koi8-r (detected)"
    )
    titles = {article.title for article in saved_articles(library_path)}
    assert {"Unclosed <b>tag", "Как пережить новогоднюю ночь без потерь"} <= titles


def test_a_stop_cuts_the_fetches_in_flight(library_path: Path) -> None:
    # Eight feeds trickling a byte every 0.2 s: each would take minutes
    # (httpx's read timeout never fires), and the old stop waited for them.
    answers = {
        f"/slow/{number}.xml": Answer(
            slow_feed(number), {"Content-Type": "application/rss+xml"}, trickle=0.2
        )
        for number in range(8)
    }
    stop = threading.Event()
    with serve(answers) as base:
        with Library(library_path) as library:
            ids = [library.add_feed(base + path).id for path in answers]
        finished: list[list[str]] = []
        runner = threading.Thread(
            target=lambda: finished.append(
                [result.error or "" for result in refresh_feeds(library_path, ids, stop=stop)]
            )
        )
        runner.start()
        time.sleep(0.6)  # the four workers are each reading a trickling body
        stop.set()
        runner.join(timeout=10)
        stuck = runner.is_alive()
    assert not stuck, "the refresh did not stop"
    assert finished == [["not refreshed: the refresh was stopped"] * 8]
    with Library(library_path) as library:
        # A stop is no failure of the feed: nothing backs off, nothing is saved.
        assert [feed.failures for feed in library.list_feeds()] == [0] * 8
        assert library.count_articles() == 0


def test_progress_reports_each_feed_and_stop_or_removal_end_cleanly(
    site: NewsSite, library: Library
) -> None:
    ids = [
        library.add_feed(site.publish(f"/p-{number}.xml", site.rss([]))).id for number in range(3)
    ]
    seen: list[tuple[int, int, int]] = []
    refresh_feeds(
        library.path,
        progress=lambda result, done, total: seen.append((result.feed_id, done, total)),
    )
    assert sorted(feed for feed, _, _ in seen) == ids
    assert [(done, total) for _, done, total in seen] == [(1, 3), (2, 3), (3, 3)]

    stop = threading.Event()
    stop.set()
    stopped = refresh_feeds(library.path, stop=stop)
    assert [result.outcome for result in stopped] == ["timed-out"] * 3

    refresher = FeedRefresher(library.path, Limits())
    try:
        gone = refresher.refresh(999)
    finally:
        refresher.close()
    assert (gone.outcome, gone.error) == ("skipped", "no feed with id 999")
