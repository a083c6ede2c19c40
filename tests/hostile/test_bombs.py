"""Gzip bombs from a real server: a page, a picture and a feed, each a small
body that inflates far past its limit. Each is refused once the decoded size
passes the cap, and memory stays near the cap while inflating (measured in a
fresh process: its peak resident size)."""

from __future__ import annotations

import gzip
import zlib

import pytest

from capture.sources import capture_url
from tests.capture.test_html_images import png
from tests.hostile.support import (
    HTML_TYPE,
    MB,
    PROSE,
    article_page,
    gzip_bomb,
    run_isolated,
    within,
)
from tests.support.loopback import LoopbackServer

BOMB = 256 * MB  # decoded; about 250 KB on the wire
CAP = 2 * MB
# Bounded inflation stays within a few caps; httpx left alone inflates each
# 64 KB network chunk whole, 64 MB at a time.
MAX_GROWTH_MB = 24
GZIP = {"Content-Encoding": "gzip"}


@pytest.fixture
def bombs(loopback: LoopbackServer) -> dict[str, str]:
    """The page, the page with a bomb for a picture, and the feed."""
    head = b"<html><head><title>Bom</title></head><body><p>" + PROSE.encode() * 40
    page = loopback.route("/bomb.html", body=gzip_bomb(BOMB, head), headers={**HTML_TYPE, **GZIP})
    loopback.route(
        "/bomb.png",
        body=gzip_bomb(BOMB, png(640, 480)[:33]),
        headers={"Content-Type": "image/png", **GZIP},
    )
    figure = (
        '<figure><img src="/bomb.png" alt="bom" width="640" height="480">'
        "<figcaption>Ảnh phình ra 256 MB.</figcaption></figure>"
    )
    story = loopback.route("/story.html", body=article_page(figure), headers=HTML_TYPE)
    feed = loopback.route(
        "/bomb.xml",
        body=gzip_bomb(BOMB, b'<?xml version="1.0"?><rss version="2.0"><channel><title>'),
        headers={"Content-Type": "application/rss+xml", **GZIP},
    )
    return {"page": page, "story": story, "feed": feed}


def test_gzip_bombs_stop_at_the_cap_with_bounded_memory(
    bombs: dict[str, str], loopback: LoopbackServer
) -> None:
    code = f"""
    from capture.feed_fetch import fetch_feed
    from capture.fetch import open_client
    from core.limits import Limits
    from capture.sources import capture_url
    limits = Limits(max_page_bytes={CAP}, max_image_bytes={CAP}, max_feed_bytes={CAP},
                    read_timeout=10, connect_timeout=5)
    client = open_client(limits)
    capture_url("http://127.0.0.1:1/warm-up", limits, client=client)  # pending: opens httpx
    for name, url in [("page", {bombs["page"]!r}), ("feed", {bombs["feed"]!r})]:
        before = _peak_mb()
        try:
            if name == "feed":
                fetch_feed(client, url, limits)
            else:
                capture_url(url, limits, client=client)
            result[name] = "no error"
        except CaptureError as error:
            result[name] = str(error)
        result[name + " growth"] = _peak_mb() - before
    before = _peak_mb()
    record = capture_url({bombs["story"]!r}, limits, client=client)
    result["picture"] = [(i.caption, i.data is not None) for i in record.images]
    result["picture growth"] = _peak_mb() - before
    """
    with within(30):
        result = run_isolated(code, timeout=60)
    assert result["page"] == "the answer is over the 2.0 MB limit"
    assert result["feed"] == "the feed is over the 2.0 MB limit once decompressed"
    # The picture stays pending, with its caption: the article is still saved.
    assert result["picture"] == [["Ảnh phình ra 256 MB.", False]]
    for name in ("page", "feed", "picture"):
        assert result[f"{name} growth"] < MAX_GROWTH_MB, (name, result)
    # Each bomb was asked for once (nothing retried it), as gzip or deflate only.
    for path in ("/bomb.html", "/bomb.png", "/bomb.xml"):
        [request] = loopback.requested(path)
        assert request.headers["Accept-Encoding"] in ("gzip, deflate", "gzip"), path


def test_a_truncated_gzip_page_keeps_what_arrived(loopback: LoopbackServer) -> None:
    body = "".join(f"<p>Đoạn {number}: {PROSE}</p>" for number in range(400))
    whole = gzip.compress(article_page(body, title="Cắt ngang"))
    url = loopback.route("/cut.html", body=whole[: len(whole) // 2], headers={**HTML_TYPE, **GZIP})
    with within(10):
        record = capture_url(url)
    assert record.capture_status == "complete"
    assert record.title == "Cắt ngang"
    assert f"Đoạn 100: {PROSE.strip()}" in record.body_text
    assert "Đoạn 399" not in record.body_text


def test_a_raw_deflate_page_is_read(loopback: LoopbackServer) -> None:
    page = article_page("", title="Nén deflate")
    raw = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    wrapped = loopback.route(
        "/zlib.html", body=zlib.compress(page), headers={**HTML_TYPE, "Content-Encoding": "deflate"}
    )
    bare = loopback.route(
        "/raw.html",
        body=raw.compress(page) + raw.flush(),
        headers={**HTML_TYPE, "Content-Encoding": "deflate"},
    )
    for url in (wrapped, bare):
        assert capture_url(url).title == "Nén deflate"
