"""A small Vietnamese news site on the loopback server, for the feed tests.

Stories are real pages with a picture and its caption; feeds (RSS, Atom,
JSON Feed) list them and answer conditional requests the way real servers
do: 304 when the If-None-Match validator matches the current version.
This module holds helpers only (plus a check of the helpers themselves).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import httpx

from tests.support.images import png
from tests.support.loopback import LoopbackServer, RecordedRequest, Response

FEED_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"
LAST_MODIFIED = "Mon, 01 Sep 2025 08:00:00 GMT"
RSS_TYPE = "application/rss+xml; charset=utf-8"


def header(request: RecordedRequest, name: str) -> str | None:
    """A request header, whatever its case."""
    for key, value in request.headers.items():
        if key.lower() == name.lower():
            return value
    return None


@dataclass
class Story:
    """One article of the site and how its feed entry describes it."""

    slug: str
    title: str
    caption: str
    author: str = "Nguyễn Văn An"
    published: str = "Mon, 01 Sep 2025 15:30:00 +0700"
    categories: list[str] = field(default_factory=lambda: ["Thời sự", "Hà Nội"])
    summary: str = "Tóm tắt ngắn của bài viết."
    content: str | None = None
    """content:encoded HTML, when the entry carries the full text."""

    @property
    def path(self) -> str:
        return f"/tin/{self.slug}.html"

    @property
    def image_path(self) -> str:
        return f"/anh/{self.slug}.png"


class NewsSite:
    """Pages and feeds served by a ``LoopbackServer``."""

    def __init__(self, server: LoopbackServer) -> None:
        self.server = server
        self.feeds: dict[str, tuple[bytes, str]] = {}

    def url(self, path: str) -> str:
        return self.server.url(path)

    # Pages ---------------------------------------------------------------

    def add_story(self, slug: str, title: str, caption: str, **details: object) -> Story:
        """Serve a story's page and picture; returns the story."""
        story = Story(slug, title, caption, **details)  # type: ignore[arg-type]
        self.server.route(
            story.path,
            body=self.page(story).encode("utf-8"),
            headers={"Content-Type": "text/html; charset=utf-8"},
        )
        self.server.route(
            story.image_path, body=png(320, 200), headers={"Content-Type": "image/png"}
        )
        return story

    def page(self, story: Story) -> str:
        """A news page: headline, lead, paragraphs, a captioned picture.
        It names no author and no date: the feed entry supplies those."""
        return f"""<!doctype html><html lang="vi"><head><meta charset="utf-8">
<title>{escape(story.title)} - Báo Mẫu</title>
<meta property="og:title" content="{escape(story.title)}">
<meta property="og:site_name" content="Báo Mẫu">
</head><body><header><nav><a href="/">Trang chủ</a></nav></header>
<article><h1>{escape(story.title)}</h1>
<p class="lead">Những con phố cổ kính lại đông vui khi mùa thu về trên Hà Nội.</p>
<p>Đoạn văn thứ nhất của bài {escape(story.slug)} kể về những con đường nhỏ, hàng cây xanh và
tiếng rao quen thuộc của người bán hàng rong mỗi sáng sớm khắp phố phường.</p>
<figure><img src="{story.image_path}" alt="Ảnh minh họa">
<figcaption>{escape(story.caption)} Ảnh: Minh Anh</figcaption></figure>
<p>Đoạn văn thứ hai nói về du khách nước ngoài thích thú khám phá ẩm thực đường phố, từ bát
phở nóng hổi đến ly cà phê trứng thơm béo bên hồ Gươm.</p>
<p>Đoạn văn thứ ba kết thúc bài viết với lời mời mọi người ghé thăm phố cổ vào dịp lễ hội
sắp tới để cảm nhận không khí đặc biệt của mùa thu.</p>
</article><footer>© Báo Mẫu</footer></body></html>"""

    # Feeds ---------------------------------------------------------------

    def rss(self, stories: list[Story], *, link_suffix: str = "") -> bytes:
        """An RSS 2.0 document listing ``stories`` (newest first)."""
        items = "".join(self._rss_item(story, link_suffix) for story in stories)
        return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>Báo Mẫu - Thời sự</title><link>{self.url("/")}</link>
<description>Tin mới</description>{items}</channel></rss>""".encode()

    def _rss_item(self, story: Story, link_suffix: str) -> str:
        categories = "".join(f"<category>{escape(name)}</category>" for name in story.categories)
        content = (
            f"<content:encoded><![CDATA[{story.content}]]></content:encoded>"
            if story.content
            else ""
        )
        return f"""
<item><title>{escape(story.title)}</title>
<link>{escape(self.url(story.path) + link_suffix)}</link>
<guid isPermaLink="false">bao-mau-{story.slug}</guid>
<description>{escape(story.summary)}</description>{content}
<pubDate>{story.published}</pubDate><dc:creator>{escape(story.author)}</dc:creator>
{categories}</item>"""

    def publish(self, path: str, body: bytes, content_type: str = RSS_TYPE) -> str:
        """Serve a feed at ``path`` (conditional GET aware); returns its URL.
        Publishing again replaces the document and its validator."""
        first = path not in self.feeds
        self.feeds[path] = (body, content_type)
        if first:
            self.server.route(path, lambda request: self._answer_feed(path, request))
        return self.url(path)

    def _answer_feed(self, path: str, request: RecordedRequest) -> Response:
        body, content_type = self.feeds[path]
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if header(request, "If-None-Match") == etag:
            return Response(304, b"", {"ETag": etag, "Last-Modified": LAST_MODIFIED})
        return Response(
            200,
            body,
            {"Content-Type": content_type, "ETag": etag, "Last-Modified": LAST_MODIFIED},
        )


def standard_stories(site: NewsSite, count: int = 3) -> list[Story]:
    """``count`` stories served with their pages."""
    names = ["Phố cổ Hà Nội đón khách", "Mùa lúa chín ở Mù Cang Chải", "Đêm nhạc bên hồ Gươm"]
    return [
        site.add_story(
            f"bai-{number}", names[number % len(names)] + f" ({number})", f"Chú thích {number}."
        )
        for number in range(count)
    ]


def test_site_answers_conditional_requests(loopback: LoopbackServer) -> None:
    site = NewsSite(loopback)
    url = site.publish("/rss.xml", site.rss(standard_stories(site, 1)))
    first = httpx.get(url)
    again = httpx.get(url, headers={"If-None-Match": first.headers["etag"]})
    assert (first.status_code, again.status_code) == (200, 304)
