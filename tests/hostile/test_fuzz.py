"""Fuzzing with hypothesis: generated text dumps, HTML, feeds, charsets, URLs
and search queries. Whatever comes in, parsers raise nothing but their own
errors (``CaptureError``, ``SearchSyntaxError``), and what they return is
safe: reader HTML inside its vocabulary, URLs that are http(s) or nothing.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from urllib.parse import urlsplit

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from capture.encoding import decode_bytes
from capture.feeds import parse_feed
from capture.html_page import extract_page, finish_article
from capture.images import resolve_images
from capture.sources import capture_fragment, decode_html
from capture.textdump import parse_text_dump
from core.errors import CaptureError
from core.limits import Limits
from core.text import fold_for_index
from core.urls import canonical_url
from storage.errors import SearchSyntaxError
from storage.search import compile_query
from tests.hostile.support import assert_safe_record

# At least 150 examples, more under a profile that asks for more
# (HYPOTHESIS_PROFILE=explore); READSHELF_FUZZ_EXAMPLES=5000 sets the number.
EXAMPLES = int(os.environ.get("READSHELF_FUZZ_EXAMPLES", max(150, settings().max_examples)))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

WORDS = st.sampled_from(
    ["Hà", "Nội", "đường", "phố", "người", "dân", "đi", "bộ", "hồ", "Gươm", "Đọc", "thêm",
     "Tin", "liên", "quan", "Ảnh:", "Xem", "TTTĐ", "-", "19/06/2021", "16:33", "Thời", "sự",
     "»", "›", ">", "|", "•", "©", "aa", "A-", "A+", "Tag", "By", "the", "and", "of", "Share",
     "chia", "sẻ", "(Ảnh:", "Minh", "Anh)", "2024", "..."]
)  # fmt: skip
# Controls, marks, emoji, right-to-left, NUL: anything but lone surrogates.
ODD_TEXT = st.text(st.characters(codec="utf-8"), max_size=12)


# --------------------------------------------------------------------------
# Text dumps
# --------------------------------------------------------------------------

LINE = st.lists(st.one_of(WORDS, WORDS, ODD_TEXT), max_size=14).map(" ".join)
DUMP = st.lists(
    st.one_of(LINE, st.just(""), st.just("\u200b"), st.just("Đọc thêm"), st.just("Tags: a, b")),
    max_size=40,
).map("\n".join)


@FUZZ
@given(DUMP)
def test_text_dumps_parse_to_safe_records_or_capture_errors(text: str) -> None:
    try:
        record = parse_text_dump(decode_bytes(text.encode("utf-8")))
    except CaptureError:
        return
    assert_safe_record(record)
    assert all(image.data is None for image in record.images)


def _mangled(data: bytes, cuts: list[int]) -> bytes:
    """``data`` with the bytes at ``cuts`` (modulo its length) flipped, then cut
    after the last one: broken encodings and files cut short."""
    mangled = bytearray(data)
    for cut in cuts:
        if mangled:
            mangled[cut % len(mangled)] ^= 0x80
    return bytes(mangled[: cuts[-1] % (len(data) + 1)] if cuts else mangled)


@FUZZ
@given(
    DUMP,
    st.sampled_from(["utf-8", "utf-16", "utf-16-le", "utf-32", "cp1258", "utf-8-sig"]),
    st.lists(st.integers(min_value=0, max_value=10_000), max_size=4),
)
@example("Hà Nội\n\nMột đoạn văn.", "utf-16", [3])  # a UTF-16 file cut at an odd length
def test_text_dump_bytes_parse_or_raise_capture_error(
    text: str, encoding: str, cuts: list[int]
) -> None:
    data = _mangled(text.encode(encoding, errors="ignore"), cuts)
    try:
        record = parse_text_dump(decode_bytes(data))
    except CaptureError:
        return
    assert_safe_record(record)


@FUZZ
@given(st.binary(max_size=3000), st.sampled_from([None, "utf-8", "windows-1258", "utf-16",
                                                   "utf-7", "cp037", "zlib", "x-bogus"]))  # fmt: skip
def test_html_bytes_decode_or_raise_capture_error(data: bytes, declared: str | None) -> None:
    with contextlib.suppress(CaptureError):
        text = decode_html(data, declared)
        assert text.strip() and "\r" not in text


# --------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------

TAGS = st.sampled_from(
    ["p", "div", "span", "a", "img", "figure", "figcaption", "h1", "h2", "ul", "li", "table",
     "tr", "td", "blockquote", "script", "style", "svg", "iframe", "object", "embed", "base",
     "meta", "link", "noscript", "template", "picture", "source", "br", "article", "main",
     "form", "video", "math", "title", "head", "body", "html", "b", "em", "pre", "code"]
)  # fmt: skip
ATTRIBUTE_NAMES = st.sampled_from(
    ["href", "src", "srcset", "data-src", "style", "onerror", "onload", "class", "id", "alt",
     "width", "height", "rel", "content", "property", "name", "charset", "lang", "poster",
     "data", "action", "xlink:href", "hidden"]
)  # fmt: skip
HOSTILE_VALUES = st.sampled_from(
    ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "&#106;avascript:alert(1)",
     "java\tscript:x", " javascript:x", "data:text/html,<script>x</script>",
     "data:image/svg+xml;base64,PHN2Zy8+", "file:///etc/passwd", "/etc/passwd",
     "../../../../etc/passwd", "//evil.example/x.png", "https://example.vn/a.jpg",
     "http://127.0.0.1:9/x.png", "image:0", "vbscript:x", "x.svg", "canonical",
     "og:url", "background:url(javascript:x)", "", "  ", "\x00", "1", "0", "99999999"]
)  # fmt: skip
ATTRIBUTE_VALUES = st.one_of(HOSTILE_VALUES, ODD_TEXT)
ENTITIES = st.sampled_from(
    ["&amp;", "&lt;", "&gt;", "&quot;", "&nbsp;", "&#0;", "&#x110000;", "&#xD800;",
     "&bogus;", "&", "&#", "&#x;", "&lt;script&gt;", "&#106;avascript:", "]]>", "<!--", "-->",
     "<![CDATA[", "<?php ?>", "<!DOCTYPE html>", "</", "<", ">"]
)  # fmt: skip
TEXT = st.lists(st.one_of(WORDS, ENTITIES, ODD_TEXT), max_size=8).map(" ".join)


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    attributes = st.lists(st.tuples(ATTRIBUTE_NAMES, ATTRIBUTE_VALUES), max_size=3).map(
        lambda pairs: "".join(f' {name}="{value}"' for name, value in pairs)
    )
    return st.builds(
        lambda tag, attrs, inner, close: (
            f"<{tag}{attrs}>{''.join(inner)}" + (f"</{tag}>" if close else "")
        ),
        TAGS,
        attributes,
        st.lists(children, max_size=4),
        st.booleans(),
    )


HTML = st.recursive(TEXT, _element, max_leaves=30)


@FUZZ
@given(HTML)
@example("<img>\x1b")  # lxml refused the ESC once the tree was edited (ValueError)
@example("<p>Tab\x00NUL\x0cform feed\ud800</p><img src=a.png>\x01tail")
@example("<html>")  # lxml asserted "too many bodies"
@example('<iframe><p href="image:0"></iframe>')
def test_dropped_html_is_safe_or_a_capture_error(html: str) -> None:
    try:
        record = capture_fragment(html, "https://example.vn/bai", offline=True)
    except CaptureError:
        return
    assert_safe_record(record)


@FUZZ
@given(HTML, st.sampled_from([None, "https://example.vn/bai", "file:///etc/passwd"]))
@example("</ Hà", None)  # lxml: "Document is empty" escaped as a bug
def test_html_pages_are_safe_or_a_capture_error(html: str, page_url: str | None) -> None:
    try:
        page = extract_page(html, page_url)
    except CaptureError:
        return
    record = finish_article(page, lambda found: resolve_images(found, [], Limits()))
    assert_safe_record(record)
    assert record.url is None or urlsplit(record.url).scheme in ("http", "https")


# --------------------------------------------------------------------------
# Feeds
# --------------------------------------------------------------------------

FEED_TAGS = st.sampled_from(
    ["rss", "channel", "item", "title", "link", "description", "guid", "pubDate", "category",
     "content:encoded", "feed", "entry", "summary", "content", "author", "name", "updated",
     "id", "rdf:RDF", "dc:creator", "enclosure", "media:content"]
)  # fmt: skip
FEED_ATTRIBUTES = st.lists(
    st.tuples(st.sampled_from(["href", "type", "rel", "url", "version", "xmlns", "term"]),
              ATTRIBUTE_VALUES),
    max_size=2,
).map(lambda pairs: "".join(f' {name}="{value}"' for name, value in pairs))  # fmt: skip


def _feed_element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(
        lambda tag, attrs, inner: f"<{tag}{attrs}>{''.join(inner)}</{tag}>",
        FEED_TAGS,
        FEED_ATTRIBUTES,
        st.lists(children, max_size=4),
    )


FEED_BODY = st.recursive(
    st.one_of(TEXT, HTML.map(lambda html: f"<![CDATA[{html}]]>")), _feed_element, max_leaves=25
)
PROLOGUE = st.sampled_from(
    ['<?xml version="1.0" encoding="utf-8"?>', '<?xml version="1.0" encoding="utf-16"?>',
     '<?xml version="1.0" encoding="windows-1258"?>', "",
     '<!DOCTYPE rss [<!ENTITY x "y">]>', '<!DOCTYPE rss SYSTEM "file:///etc/passwd">',
     '<!DOCTYPE rss [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x"> %p;]>',
     '<!-- <!ENTITY in a comment -->', "\ufeff"]
)  # fmt: skip
ROOT = st.sampled_from(
    ['<rss version="2.0"><channel>{}</channel></rss>',
     '<feed xmlns="http://www.w3.org/2005/Atom">{}</feed>',
     '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
     'xmlns="http://purl.org/rss/1.0/">{}</rdf:RDF>', "{}"]
)  # fmt: skip
FEED = st.builds(lambda prologue, root, body: prologue + root.format(body), PROLOGUE, ROOT,
                 FEED_BODY)  # fmt: skip
MEDIA_TYPES = st.sampled_from(["", "application/rss+xml", "text/html", "application/json"])


@FUZZ
@given(FEED, MEDIA_TYPES, st.sampled_from([None, "utf-8", "iso-8859-1", "utf-16"]))
# feedparser's HTML sanitizer raised ValueError on these character references
@example('<rss version="2.0"><channel><![CDATA[<p>]]><p>&#x110000;]]></channel></rss>', "", None)
@example('<rss version="2.0"><channel><![CDATA[<p>]]><p>&#xD800;]]></channel></rss>', "", None)
def test_feed_documents_parse_or_raise_capture_error(
    document: str, media_type: str, charset: str | None
) -> None:
    try:
        feed = parse_feed(
            document.encode("utf-8", "surrogatepass"),
            url="https://example.vn/rss",
            media_type=media_type,
            charset=charset,
        )
    except CaptureError:
        return
    for entry in feed.entries:
        assert entry.link is None or urlsplit(entry.link).scheme in ("http", "https")
        assert entry.key
    assert feed.site_url is None or feed.site_url.startswith(("http://", "https://"))


@FUZZ
@given(st.binary(max_size=2000), MEDIA_TYPES)
def test_feed_bytes_parse_or_raise_capture_error(data: bytes, media_type: str) -> None:
    with contextlib.suppress(CaptureError):
        parse_feed(data, media_type=media_type)


# --------------------------------------------------------------------------
# URLs and search
# --------------------------------------------------------------------------

URL_PIECES = st.sampled_from(
    ["http://", "https://", "HTTPS://", "ftp://", "//", "javascript:", ":", "/", ".", "..",
     "?", "#", "&", "=", "@", "[", "]", "::1", "%", "%2e", "%zz", ":80", ":443", ":0",
     ":99999", "utm_source=x", "a=b", " ", "\t", "\n", "é", "Ả", "\u3002", "xn--", "vn",
     "example", "EXAMPLE.", ";", "\\", "\x00", "+"]
)  # fmt: skip
URLISH = st.lists(st.one_of(URL_PIECES, st.text(max_size=4)), max_size=14).map("".join)


@settings(max_examples=EXAMPLES + 50, deadline=None)
@given(st.one_of(URLISH, st.text()))
@example("http://./")  # became "http:///": not http(s) with a host, and not idempotent
@example("https://example.com/\x0c#")  # kept the form feed, which the next strip() dropped
def test_canonical_url_never_raises_is_idempotent_and_web_only(text: str) -> None:
    once = canonical_url(text)
    if once is None:
        return
    parts = urlsplit(once)
    assert parts.scheme in ("http", "https") and parts.hostname
    assert canonical_url(once) == once


def test_canonical_url_of_an_address_with_no_host_left_is_none() -> None:
    # Found by the fuzzer: the host "." lost its trailing dot and became "".
    assert canonical_url("http://./") is None
    assert canonical_url("https://../x") is None
    assert canonical_url("https://example.vn./a/") == "https://example.vn/a"


QUERY = st.lists(
    st.one_of(
        WORDS, ODD_TEXT,
        st.sampled_from(["AND", "OR", "NOT", "(", ")", '"', "*", "-", "^", ":", "NEAR",
                         "NEAR(", "{", "}", "+", "col:", "'", ",", "\x00"]),
    ),
    max_size=10,
).map(" ".join)  # fmt: skip


@settings(max_examples=EXAMPLES + 50, deadline=None)
@given(QUERY)
@example("0\x00")  # FTS5 stopped at the NUL: "unterminated string"
def test_search_queries_run_in_fts5_or_raise_search_syntax_error(query: str) -> None:
    try:
        expression = compile_query(query)
    except SearchSyntaxError:
        return
    # The library's own tokenizer settings: any compiled query must run.
    with contextlib.closing(sqlite3.connect(":memory:")) as connection:
        connection.execute(
            "CREATE VIRTUAL TABLE t USING fts5(body, tokenize='unicode61 remove_diacritics 2')"
        )
        connection.execute("INSERT INTO t VALUES (?)", (fold_for_index("Đường phố Hà Nội"),))
        connection.execute("SELECT * FROM t WHERE t MATCH ?", (expression,)).fetchall()
