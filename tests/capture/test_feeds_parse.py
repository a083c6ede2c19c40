"""Feed documents to entries: RSS 0.91/1.0/2.0, Atom, JSON Feed 1.0/1.1,
OPML, autodiscovery, charsets, and the guards against hostile XML."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime, timedelta

import pytest

from capture.autodiscovery import find_feed_links
from capture.feed_charset import decode_feed
from capture.feed_fetch import FeedFetchError, inflate, parse_retry_after
from capture.feed_model import FeedFormatError, iso_date
from capture.feeds import parse_feed
from capture.opml import OpmlFeed, parse_opml, write_opml
from core.errors import CaptureError
from services.feed_refresh import backoff_delay
from tests.capture.test_feeds_site import FEED_FIXTURES
from tests.support.encodings import encode_windows_1258


def fixture(name: str) -> bytes:
    return (FEED_FIXTURES / name).read_bytes()


# --------------------------------------------------------------------------
# Formats
# --------------------------------------------------------------------------


def test_rss2_entry_fields_keep_the_date_offset() -> None:
    document = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Báo Mẫu</title>
<link>https://bao.example.vn/</link>
<item><title>Tin một</title><link>https://bao.example.vn/a?utm_source=rss</link>
<guid isPermaLink="false">id-1</guid><description>&lt;p&gt;Tóm tắt&lt;/p&gt;</description>
<content:encoded><![CDATA[<p>Nội dung <img src="/anh.png"></p>]]></content:encoded>
<pubDate>Mon, 06 Sep 2021 08:30:00 +0700</pubDate><dc:creator>Nguyễn Văn A</dc:creator>
<category>Thời sự</category><category>Hà Nội</category></item>
<item><title>Tin hai</title><link>https://bao.example.vn/b</link></item>
</channel></rss>""".encode()
    feed = parse_feed(document, url="https://bao.example.vn/rss")
    assert (feed.title, feed.site_url, feed.format) == (
        "Báo Mẫu",
        "https://bao.example.vn/",
        "rss20",
    )
    first, second = feed.entries
    assert first.key == "id-1"
    assert first.published == "2021-09-06T08:30:00+07:00"
    assert first.author == "Nguyễn Văn A"
    assert first.categories == ["Thời sự", "Hà Nội"]
    assert (
        first.content_html is not None
        and 'src="https://bao.example.vn/anh.png"' in first.content_html
    )
    assert first.summary_html == "<p>Tóm tắt</p>"
    # No guid: the canonical link is the key.
    assert second.key == "https://bao.example.vn/b"
    assert second.content_html is None and second.summary_html is None


def test_rss091_with_netscape_doctype_and_rss10() -> None:
    old = parse_feed(fixture("rss091.xml"), url="http://old.example.com/rss")
    assert old.format == "rss091n"
    assert old.entries[0].title == "Café opens"
    rdf = parse_feed(fixture("rss10.rdf"))
    assert rdf.format == "rss10"
    (item,) = rdf.entries
    assert (item.link, item.author, item.published) == (
        "http://rdf.example.org/one",
        "Lê Văn Cường",
        "2025-09-03T10:00:00+07:00",
    )
    assert item.categories == ["Kinh tế"]


def test_atom_entries_resolve_relative_links() -> None:
    feed = parse_feed(fixture("atom.xml"), url="https://blog.example.vn/atom.xml")
    assert (feed.title, feed.site_url, feed.format) == (
        "Nhật ký Sài Gòn",
        "https://blog.example.vn/",
        "atom10",
    )
    first, second = feed.entries
    assert first.link == "https://blog.example.vn/2025/09/cho-ben-thanh"
    assert first.published == "2025-09-02T06:15:00+07:00"
    assert first.categories == ["Sài Gòn", "cho"]
    assert first.content_html is not None and "Bến Thành" in first.content_html
    # Only <updated>: it stands in for the publication date. A text summary
    # becomes escaped paragraphs.
    assert second.published == "2025-08-30T21:00:00+00:00"
    assert second.summary_html == (
        "<p>Gió sông Sài Gòn thổi mát cả con phố.</p><p>Trẻ em chạy quanh đài phun nước.</p>"
    )


def test_json_feed_11() -> None:
    feed = parse_feed(fixture("feed11.json"), media_type="application/feed+json")
    assert (feed.title, feed.site_url, feed.format) == (
        "Sổ tay Huế",
        "https://hue.example.vn/",
        "json11",
    )
    first, second = feed.entries  # the string "not an item" is skipped
    assert first.key == "hue-1"
    assert first.author == "Hoàng Thị Dung, Phan Minh"
    assert first.categories == ["Huế", "Du lịch"]
    assert first.image == "https://hue.example.vn/anh/dai-noi.png"
    assert first.published == "2025-09-04T09:00:00+07:00"
    assert second.key == "2"
    assert second.content_html == "<p>Thuyền rồng neo bến.</p><p>Tiếng ca Huế vọng trên sông.</p>"


def test_json_feed_10_single_author_found_without_content_type() -> None:
    feed = parse_feed(fixture("feed10.json"), media_type="text/plain")
    assert feed.format == "json1"
    assert feed.entries[0].author == "Single Author"


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": [', "invalid JSON at line 1"),
        (b'{"title": "no version", "items": []}', "no jsonfeed.org version"),
        (b'{"version": "https://jsonfeed.org/version/1", "items": {}}', "no list of items"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"a":' * 100_000 + b"1" + b"}" * 100_000, "nested too deeply"),
    ],
)
def test_bad_json_feeds(document: bytes, message: str) -> None:
    with pytest.raises(FeedFormatError, match=message):
        parse_feed(document, media_type="application/feed+json")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Tue, 02 Sep 2025 14:05:00 +0700", "2025-09-02T14:05:00+07:00"),
        ("Tue, 02 Sep 2025 14:05:00 GMT", "2025-09-02T14:05:00+00:00"),
        ("2025-09-02T14:05:00-04:00", "2025-09-02T14:05:00-04:00"),
        ("2025-09-02T07:05:00Z", "2025-09-02T07:05:00+00:00"),
        ("yesterday", None),
        ("", None),
    ],
)
def test_feed_dates_keep_their_offset(value: str, expected: str | None) -> None:
    assert iso_date(value) == expected


# --------------------------------------------------------------------------
# Charsets
# --------------------------------------------------------------------------


def test_windows_1258_feed_is_read_when_declared() -> None:
    title = "Giá lúa tăng mạnh ở đồng bằng sông Cửu Long"
    document = (
        b'<?xml version="1.0" encoding="windows-1258"?><rss version="2.0"><channel>'
        + b"<title>"
        + encode_windows_1258(title)
        + b"</title><item><title>"
        + encode_windows_1258(title)
        + b"</title><link>http://x.example/a</link></item></channel></rss>"
    )
    feed = parse_feed(document)
    assert feed.title == title
    assert feed.entries[0].title == title


def test_utf8_wins_over_a_default_latin1_header() -> None:
    body = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Đà Nẵng</title></channel></rss>'
    decoded = decode_feed(body.encode(), "iso-8859-1")
    assert "Đà Nẵng" in decoded.text
    assert (decoded.charset, decoded.repaired) == ("utf-8", None)


RUSSIAN_ITEM = (
    "<item><title>Как пережить новогоднюю ночь без потерь</title>"
    "<description>Министерство здравоохранения подготовило советы для тех, кто"
    " встречает праздник дома и в гостях.</description>"
    "<link>http://x.example/noch</link></item>"
)


def test_an_undeclared_non_utf8_charset_is_detected_and_recorded() -> None:
    # koi8-r bytes, no charset anywhere: XML says UTF-8, the bytes say otherwise.
    document = f'<rss version="2.0"><channel><title>Новости</title>{RUSSIAN_ITEM}</channel></rss>'
    feed = parse_feed(document.encode("koi8-r"))
    assert feed.title == "Новости"
    assert feed.entries[0].title == "Как пережить новогоднюю ночь без потерь"
    assert feed.charset == "koi8-r"
    assert feed.repaired == (
        "no charset declared, and its bytes are not UTF-8: read as koi8-r (detected)"
    )


def test_vietnamese_bytes_under_a_wrong_declaration_are_read_as_windows_1258() -> None:
    title = "Giá lúa tăng mạnh ở đồng bằng sông Cửu Long"
    document = encode_windows_1258(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><item><title>{title}</title>"
        "<link>http://x.example/a</link></item></channel></rss>"
    )
    feed = parse_feed(document, charset="utf-8")
    assert [feed.title, feed.entries[0].title] == [title, title]
    assert feed.charset == "cp1258"
    assert feed.repaired is not None
    assert feed.repaired.startswith("the feed declares utf-8, but its bytes are not that")


def test_a_few_stray_bytes_in_utf8_are_replaced_not_the_whole_feed_reread() -> None:
    words = "Người dân Hà Nội đi bộ quanh hồ Gươm"
    head = f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{words}'
    tail = f" {words}</title><link>http://x.example/a</link></item></channel></rss>"
    # One latin-1 "é" pasted into a UTF-8 feed.
    document = f"{head}</title><item><title>Caf".encode() + b"\xe9" + tail.encode()
    feed = parse_feed(document)
    assert feed.title == words
    assert feed.entries[0].title == f"Caf\ufffd {words}"
    assert feed.repaired == (
        "the feed declares utf-8, but its bytes are not that: read as UTF-8, 1 stray bytes replaced"
    )


def test_an_unknown_charset_name_is_read_as_utf8_and_json_is_not_guessed() -> None:
    decoded = decode_feed(b"<rss/>", "klingon-8")
    assert (decoded.text, decoded.charset) == ("<rss/>", "utf-8")
    assert decoded.repaired == "unknown charset 'klingon-8': read as utf-8"
    json_feed = '{"version": "https://jsonfeed.org/version/1.1", "title": "Tin tức"}'
    with pytest.raises(FeedFormatError, match="wrong charset: the feed declares utf-8"):
        parse_feed(
            encode_windows_1258(json_feed), media_type="application/feed+json", charset="utf-8"
        )


# --------------------------------------------------------------------------
# Ill-formed XML, read leniently
# --------------------------------------------------------------------------


def test_an_unescaped_ampersand_is_read_and_marked_repaired() -> None:
    document = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Tom & Jerry</title>
<item><title>Mua & b\xc3\xa1n</title><link>http://x.example/a?id=1&page=2</link></item>
</channel></rss>"""
    feed = parse_feed(document)
    assert feed.title == "Tom & Jerry"
    assert [(entry.title, entry.link) for entry in feed.entries] == [
        ("Mua & bán", "http://x.example/a?id=1&page=2")
    ]
    assert feed.repaired == "invalid XML at line 2, column 40: not well-formed (invalid token)"


def test_an_undeclared_html_entity_is_read_and_marked_repaired() -> None:
    document = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Gi&aacute; v&agrave;ng</title>
<item><title>T&iacute;n&nbsp;d&#7909;ng</title><link>http://x.example/a</link></item>
</channel></rss>"""
    feed = parse_feed(document)
    assert feed.title == "Giá vàng"
    assert feed.entries[0].title == "Tín dụng"
    assert feed.repaired is not None
    assert feed.repaired.startswith("invalid XML at line 2,")
    assert feed.repaired.endswith(": undefined entity")


def test_junk_before_the_declaration_is_cut_and_its_charset_still_read() -> None:
    document = (
        b"<br />\n<b>Warning</b>: session_start() in /var/www/rss.php on line 3<br />\n"
        b'<?xml version="1.0" encoding="iso-8859-1"?>\n<rss version="2.0"><channel>'
        b"<title>Caf\xe9 du march\xe9</title><item><title>Cr\xe8me br\xfbl\xe9e</title>"
        b"<link>http://x.example/a</link></item></channel></rss>"
    )
    feed = parse_feed(document, charset=None)
    assert feed.title == "Café du marché"
    assert feed.entries[0].title == "Crème brûlée"
    assert feed.charset == "iso8859-1"
    assert feed.repaired == "text before the XML declaration ignored"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        # The lenient parser would read half a feed, its last entry cut short.
        (fixture("atom.xml")[: len(fixture("atom.xml")) // 2], "the document is cut short"),
        # Entities only the external DTD could define: it is never loaded.
        (
            b'<?xml version="1.0"?>\n<!DOCTYPE rss SYSTEM "file:///etc/evil.dtd">\n'
            b'<rss version="2.0"><channel><title>&leak;</title></channel></rss>',
            "refused: the feed uses entities from an external DTD",
        ),
        # An entity declaration hidden from the strict parser in a comment.
        (
            b'<rss version="2.0"><channel><title>A & B</title><!-- <!ENTITY x "y"> -->'
            b"<item><title>x</title></item></channel></rss>",
            "not repaired: it mentions <!ENTITY",
        ),
        (b"<rss><<<>>>&&&", "invalid XML at line 1"),
    ],
)
def test_ill_formed_documents_stay_refused_when_a_repair_cannot_be_trusted(
    body: bytes, message: str
) -> None:
    with pytest.raises(FeedFormatError, match=message):
        parse_feed(body)


def test_rss091_with_netscape_dtd_and_html_entities_is_read() -> None:
    document = b"""<?xml version="1.0"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
 "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Old&nbsp;site</title><link>http://x.example/</link>
<item><title>&copy; 2001</title><link>http://x.example/1</link></item></channel></rss>"""
    feed = parse_feed(document)
    assert feed.entries[0].title == "© 2001"
    assert feed.repaired is not None


# --------------------------------------------------------------------------
# Hostile documents
# --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["billion_laughs.xml", "xxe_passwd.xml"])
def test_entity_declarations_are_refused_before_parsing(name: str) -> None:
    with pytest.raises(FeedFormatError, match="declares XML entities"):
        parse_feed(fixture(name))


def test_entity_text_inside_cdata_is_content_not_a_declaration() -> None:
    document = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>XML</title>
<item><title>About DTDs</title><link>http://x.example/dtd</link>
<description><![CDATA[<p>Write <!ENTITY name "value"> in a DTD.</p>]]></description></item>
</channel></rss>"""
    (entry,) = parse_feed(document).entries
    assert entry.title == "About DTDs"


@pytest.mark.parametrize(
    ("body", "media_type", "message"),
    [
        (b"", "application/rss+xml", "the feed is empty"),
        (b"  \n ", "application/rss+xml", "the feed is empty"),
        (fixture("html_page.html"), "text/html", "not a feed: the address serves an HTML page"),
        (fixture("html_page.html"), "application/rss+xml", "serves an HTML page"),
        (b"<?xml version='1.0'?><catalog><book/></catalog>", "text/xml", "no RSS or Atom"),
    ],
)
def test_documents_that_are_not_feeds(body: bytes, media_type: str, message: str) -> None:
    with pytest.raises(FeedFormatError, match=message):
        parse_feed(body, media_type=media_type)


def test_inflate_caps_a_gzip_bomb() -> None:
    bomb = gzip.compress(b"\0" * 5_000_000)
    assert len(bomb) < 10_000
    with pytest.raises(FeedFetchError, match=r"over the 1\.0 MB limit once decompressed"):
        inflate(iter([bomb]), 16 + 15, 1024 * 1024)
    assert inflate(iter([bomb[:10], bomb[10:]]), 16 + 15, 6_000_000) == b"\0" * 5_000_000
    with pytest.raises(FeedFetchError, match="damaged compressed data"):
        inflate(iter([bomb[: len(bomb) // 2]]), 16 + 15, 6_000_000)


# --------------------------------------------------------------------------
# OPML and autodiscovery
# --------------------------------------------------------------------------


def test_opml_nested_outlines_become_folders_and_tags() -> None:
    feeds = parse_opml(fixture("nested.opml"))
    assert [(feed.url, feed.title, feed.folder, feed.tag) for feed in feeds] == [
        ("https://bao.example.vn/rss.xml", "Báo Mẫu", ("Tin tức",), "Tin tức"),
        ("https://world.example.com/feed", "World Desk", ("Tin tức", "Thế giới"), "Thế giới"),
        ("https://loose.example.org/atom.xml", "Loose feed", (), None),
    ]
    assert feeds[0].site_url == "https://bao.example.vn/"


def test_opml_round_trip_keeps_nesting() -> None:
    feeds = parse_opml(fixture("nested.opml"))
    again = parse_opml(write_opml(feeds))
    assert sorted(again, key=lambda feed: feed.url) == sorted(feeds, key=lambda feed: feed.url)


def test_opml_refuses_entities_and_non_opml() -> None:
    hostile = fixture("xxe_passwd.xml").replace(b"<rss", b"<opml><body/></opml><!--")
    with pytest.raises(FeedFormatError, match="declares XML entities"):
        parse_opml(hostile)
    with pytest.raises(CaptureError, match="root element is not <opml>"):
        parse_opml(fixture("atom.xml"))
    with pytest.raises(CaptureError, match="invalid XML"):
        parse_opml(b"<opml><body>")
    assert write_opml([OpmlFeed("https://a.example/feed")]).startswith(b"<?xml")


def test_autodiscovery_finds_feed_links_in_order() -> None:
    page = """<html><head><base href="https://news.example.vn/sub/">
<link rel="stylesheet" href="/style.css">
<link rel="alternate" type="application/atom+xml" href="atom.xml" title="Atom">
<link rel="Alternate" type="application/rss+xml" href="/rss.xml">
<link rel="alternate" type="application/json+oembed" href="/oembed">
<link rel="alternate" type="application/feed+json" href="https://news.example.vn/feed.json">
<link rel="alternate" type="application/rss+xml" href="/rss.xml">
</head><body></body></html>"""
    assert find_feed_links(page, "https://news.example.vn/page") == [
        "https://news.example.vn/sub/atom.xml",
        "https://news.example.vn/rss.xml",
        "https://news.example.vn/feed.json",
    ]
    assert find_feed_links("<html><body>no feeds</body></html>", "https://x.example/") == []


# --------------------------------------------------------------------------
# Politeness
# --------------------------------------------------------------------------


def test_retry_after_in_seconds_or_as_a_date() -> None:
    now = datetime(2025, 9, 1, 8, 0, tzinfo=UTC)
    assert parse_retry_after("120") == 120
    assert parse_retry_after("Mon, 01 Sep 2025 08:05:00 GMT", now) == 300
    assert parse_retry_after("Mon, 01 Sep 2025 07:00:00 GMT", now) == 0
    assert parse_retry_after("99999999999") == 7 * 24 * 3600
    assert parse_retry_after("soon") is None


def test_backoff_doubles_up_to_a_day() -> None:
    assert [backoff_delay(failures) for failures in (0, 1, 2, 3)] == [
        timedelta(0),
        timedelta(minutes=10),
        timedelta(minutes=20),
        timedelta(minutes=40),
    ]
    assert backoff_delay(50) == timedelta(hours=24)
