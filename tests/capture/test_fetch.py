"""Fetching pages and images over real HTTP, from the loopback server only."""

from __future__ import annotations

import gzip
import re

import pytest

from capture.fetch import USER_AGENT, FetchError, fetch_page
from capture.sources import OFFLINE_ERROR, capture_source, capture_url
from core.errors import CaptureError
from core.limits import Limits
from storage import ArticleFilter, Library
from tests.support.encodings import encode_windows_1258
from tests.support.images import gif, jpeg, png, webp
from tests.support.loopback import LoopbackServer

PROSE = " ".join(["This sentence is long enough to read as running prose in a paragraph."] * 2)
HTML = {"Content-Type": "text/html; charset=utf-8"}
FAST = Limits(connect_timeout=2.0, read_timeout=0.5)


def article_html(title: str = "Loopback story", images: str = "") -> bytes:
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p>{PROSE}</p><p>{PROSE}</p>{images}<p>{PROSE}</p><p>{PROSE}</p>"
        "</article></body></html>"
    ).encode()


def test_page_is_fetched_with_user_agent_and_final_url(loopback: LoopbackServer) -> None:
    loopback.route("/start", status=302, headers={"Location": "/moved"})
    loopback.route("/moved", status=301, headers={"Location": "/story"})
    url = loopback.route("/story", body=article_html(), headers=HTML)
    record = capture_url(loopback.url("/start"), FAST)
    assert record.capture_status == "complete"
    assert record.url == url
    assert record.title == "Loopback story"
    assert record.arrived_by == "web"
    assert record.source == article_html()
    assert record.source_type == "text/html; charset=utf-8"
    request = loopback.requested("/story")[0]
    assert request.headers["User-Agent"] == USER_AGENT


def test_images_are_fetched_at_save_time_with_their_dimensions(
    loopback: LoopbackServer,
) -> None:
    figures = "".join(
        f'<figure><img src="/img/{name}" alt="{name}"><figcaption>{name} caption</figcaption>'
        f"</figure><p>{PROSE}</p>"
        for name in ("a.png", "b.jpg", "c.webp", "missing.jpg", "page.jpg")
    )
    loopback.route("/story", body=article_html(images=figures), headers=HTML)
    loopback.route("/img/a.png", body=png(800, 450), headers={"Content-Type": "image/png"})
    loopback.route("/img/b.jpg", body=jpeg(1024, 683), headers={"Content-Type": "image/jpeg"})
    loopback.route("/img/c.webp", body=webp(640, 480), headers={"Content-Type": "image/webp"})
    loopback.route("/img/page.jpg", body=b"<html>oops</html>", headers=HTML)
    record = capture_url(loopback.url("/story"), FAST)
    assert [(i.caption, i.mime, i.width, i.height, i.data is not None) for i in record.images] == [
        ("a.png caption", "image/png", 800, 450, True),
        ("b.jpg caption", "image/jpeg", 1024, 683, True),
        ("c.webp caption", "image/webp", 640, 480, True),
        ("missing.jpg caption", None, None, None, False),
        ("page.jpg caption", None, None, None, False),
    ]
    assert record.images[3].src == loopback.url("/img/missing.jpg")


def test_a_real_tracking_pixel_is_dropped_after_fetching(loopback: LoopbackServer) -> None:
    pixel = f'<p><img src="/t.gif" alt=""></p><p>{PROSE}</p>'
    loopback.route("/story", body=article_html(images=pixel), headers=HTML)
    loopback.route("/t.gif", body=gif(1, 1), headers={"Content-Type": "image/gif"})
    record = capture_url(loopback.url("/story"), FAST)
    assert record.images == []
    assert "<figure>" not in record.reader_html


def test_an_oversized_image_is_kept_pending(loopback: LoopbackServer) -> None:
    figure = f'<figure><img src="/big.png"><figcaption>Big</figcaption></figure><p>{PROSE}</p>'
    loopback.route("/story", body=article_html(images=figure), headers=HTML)
    loopback.route("/big.png", body=png(400, 400), headers={"Content-Type": "image/png"})
    limits = Limits(connect_timeout=2.0, read_timeout=0.5, max_image_bytes=200)
    record = capture_url(loopback.url("/story"), limits)
    assert [(i.caption, i.data) for i in record.images] == [("Big", None)]


@pytest.mark.parametrize(
    ("status", "reason"), [(404, "HTTP 404 Not Found"), (500, "HTTP 500 Internal Server Error")]
)
def test_http_errors_keep_the_url_as_pending(
    loopback: LoopbackServer, status: int, reason: str
) -> None:
    url = loopback.route("/gone", status=status, body=b"nope", headers=HTML)
    record = capture_url(url, FAST)
    assert (record.title, record.url, record.capture_status, record.capture_error) == (
        url,
        url,
        "pending",
        reason,
    )
    assert record.source is None


def test_a_slow_answer_times_out_into_pending(loopback: LoopbackServer) -> None:
    url = loopback.route("/slow", body=article_html(), headers=HTML, delay=1.5)
    record = capture_url(url, FAST)
    assert record.capture_status == "pending"
    assert record.capture_error == "timed out waiting for the site"


def test_too_many_redirects_is_pending(loopback: LoopbackServer) -> None:
    for hop in range(12):
        loopback.route(f"/r{hop}", status=302, headers={"Location": f"/r{hop + 1}"})
    record = capture_url(loopback.url("/r0"), FAST)
    assert (record.capture_status, record.capture_error) == ("pending", "more than 10 redirects")
    assert len(loopback.requests) == 11


def test_ten_redirects_are_followed(loopback: LoopbackServer) -> None:
    for hop in range(10):
        loopback.route(f"/r{hop}", status=302, headers={"Location": f"/r{hop + 1}"})
    url = loopback.route("/r10", body=article_html(), headers=HTML)
    assert capture_url(loopback.url("/r0"), FAST).url == url


def test_no_server_listening_is_pending() -> None:
    record = capture_url("http://127.0.0.1:9/nothing-here", FAST)
    assert record.capture_status == "pending"
    assert record.capture_error is not None
    assert record.capture_error.startswith("cannot connect")


def test_a_wrong_content_type_is_refused(loopback: LoopbackServer) -> None:
    url = loopback.route(
        "/file.pdf", body=b"%PDF-1.7 ...", headers={"Content-Type": "application/pdf"}
    )
    with pytest.raises(CaptureError, match="not a web page: the server sent application/pdf"):
        capture_url(url, FAST)


def test_an_oversized_body_is_refused_by_its_length(loopback: LoopbackServer) -> None:
    url = loopback.route("/huge", body=article_html(), headers=HTML)
    with pytest.raises(FetchError, match="over the 100 B limit") as caught:
        fetch_page(url, Limits(max_page_bytes=100))
    assert not caught.value.transient


def test_a_compressed_body_is_cut_off_once_inflated_past_the_limit(
    loopback: LoopbackServer,
) -> None:
    # 100 kB of markup gzipped to a few hundred bytes: only the inflated size counts.
    bomb = gzip.compress(b"<p>" + b"x" * 100_000 + b"</p>")
    url = loopback.route(
        "/bomb", body=bomb, headers={"Content-Type": "text/html", "Content-Encoding": "gzip"}
    )
    with pytest.raises(FetchError, match=re.escape("the answer is over the 9.8 KB limit")):
        fetch_page(url, Limits(max_page_bytes=10_000))


def test_the_http_charset_is_honoured(loopback: LoopbackServer) -> None:
    title = "Học sinh vùng lũ trở lại trường"
    data = encode_windows_1258(article_html(title="TITLE").decode().replace("TITLE", title))
    headers = {"Content-Type": "text/html; charset=windows-1258"}
    url = loopback.route("/nld", body=data, headers=headers)
    record = capture_url(url, FAST)
    assert record.title == title
    assert record.source_type == "text/html; charset=windows-1258"


def test_offline_never_touches_the_network(loopback: LoopbackServer) -> None:
    url = loopback.route("/story", body=article_html(), headers=HTML)
    record = capture_source(url, FAST, offline=True)
    assert (record.capture_status, record.capture_error, record.title) == (
        "pending",
        OFFLINE_ERROR,
        url,
    )
    assert loopback.requests == []


def test_pending_record_is_saved_and_listed(loopback: LoopbackServer, library: Library) -> None:
    url = loopback.route("/missing", status=404, body=b"", headers=HTML)
    saved = library.save_article(capture_url(url, FAST))
    pending = library.list_articles(ArticleFilter(pending=True))
    assert [(s.id, s.title, s.capture_status) for s in pending] == [(saved.id, url, "pending")]
