"""From the bytes of a feed document to a ``ParsedFeed``.

RSS 0.9x/1.0/2.0 and Atom go through feedparser; JSON Feed is parsed in
``capture.jsonfeed``. Before feedparser sees a document, it is

* decoded here, strictly, with its declared charset (a feed whose bytes do
  not match its charset is refused with that reason instead of being read
  as mojibake), and handed over as UTF-8;
* refused if it declares XML entities. feedparser 6.0 drops entity
  declarations it finds at the start of a line and leaves expat's external
  entity loading off, but a declaration on the same line as ``<!DOCTYPE``
  slips past its filter to the parser, and the only feeds that declare
  entities are attacks (billion laughs, ``file:///etc/passwd``): no reason to
  rely on filters;
* given as a byte stream: a string would be taken as a URL or a file name.

A document that is not well-formed XML is refused, not read by
feedparser's lenient fallback: what it guesses is not reliably the feed.
"""

from __future__ import annotations

import codecs
import io
import re
import unicodedata
import xml.sax
from typing import Any

import feedparser

from capture.encoding import decode_cut_short
from capture.feed_model import (
    FeedEntry,
    FeedFormatError,
    ParsedFeed,
    clean_text,
    entry_key,
    iso_date,
    text_as_html,
)
from capture.jsonfeed import looks_like_json, parse_json_feed

JSON_TYPES = frozenset({"application/feed+json", "application/json"})
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# The XML declaration, if any, sits within the first characters.
DECLARATION_CHARS = 512
# Categories kept per entry: a feed listing hundreds is spamming tags.
MAX_CATEGORIES = 30

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_XML_DECLARATION = re.compile(
    rb"""^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""", re.IGNORECASE
)
_DECLARATION_ENCODING = re.compile(
    r"""^(\s*<\?xml[^>]*?\bencoding\s*=\s*["'])([A-Za-z0-9._:-]+)(["'])""", re.IGNORECASE
)
_MARKUP_OPENING = re.compile(r"<!(--|\[CDATA\[|ENTITY)", re.IGNORECASE)
_HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_ROOT_ELEMENT = re.compile(r"<(rss|feed|rdf:RDF|RDF|channel)[\s>/]", re.IGNORECASE)


def parse_feed(
    body: bytes, *, url: str | None = None, media_type: str = "", charset: str | None = None
) -> ParsedFeed:
    """Parse a feed document fetched from ``url``.

    Raises ``FeedFormatError`` with a one-line reason: an empty body, an
    HTML page, a wrong charset, entity declarations, invalid XML or JSON, a
    document that is no feed at all.
    """
    if not body.strip():
        raise FeedFormatError("the feed is empty: the server sent no content")
    text = decode_feed(body, charset)
    if looks_like_html(text, media_type):
        raise FeedFormatError("not a feed: the address serves an HTML page")
    if media_type in JSON_TYPES or looks_like_json(text):
        return parse_json_feed(text, url)
    return parse_xml_feed(text, url)


def looks_like_html(text: str, media_type: str = "") -> bool:
    """Whether a document is a web page rather than a feed."""
    if _HTML_START.match(text[:4096]):
        return True
    return media_type in HTML_TYPES and not _ROOT_ELEMENT.search(text[:4096])


# --------------------------------------------------------------------------
# Decoding
# --------------------------------------------------------------------------


def decode_feed(body: bytes, http_charset: str | None = None) -> str:
    """Decode a feed strictly: byte-order mark, else the declared charsets
    (HTTP, then the XML declaration), else UTF-8.

    UTF-8 is tried first whenever either declaration names it: servers often
    send ``charset=iso-8859-1`` by default, which would decode anything.
    """
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return _decode_with_bom(body, codec)
    xml_match = _XML_DECLARATION.match(body[:DECLARATION_CHARS])
    xml_charset = xml_match.group(1).decode("ascii") if xml_match else None
    declared = [name for name in (http_charset, xml_charset) if name]
    candidates = [_known_codec(name) for name in declared] or ["utf-8"]
    if "utf-8" in candidates:
        candidates.remove("utf-8")
        candidates.insert(0, "utf-8")
    for codec in dict.fromkeys(candidates):
        try:
            # NFC: legacy Vietnamese charsets write tones as combining marks.
            # A feed cut short mid-character is refused as invalid XML, not as
            # a wrong charset: its last, partial character is dropped here.
            return unicodedata.normalize("NFC", decode_cut_short(body, codec))
        except UnicodeDecodeError:
            continue
    said = " / ".join(dict.fromkeys(declared)) or "nothing (so UTF-8)"
    raise FeedFormatError(f"wrong charset: the feed declares {said}, but its bytes are not that")


def _decode_with_bom(body: bytes, codec: str) -> str:
    """Decode with a byte-order mark's codec, refusing bytes that break it."""
    try:
        return unicodedata.normalize("NFC", body.decode(codec))
    except UnicodeDecodeError:
        raise FeedFormatError(
            f"wrong charset: its byte-order mark says {codec}, but its bytes are not that"
        ) from None


def _known_codec(name: str) -> str:
    """The Python codec for a charset name; FeedFormatError if there is none."""
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        raise FeedFormatError(f"wrong charset: unknown charset {name!r}") from None
    return "utf-8" if codec in ("utf-8", "utf_8") else codec


# --------------------------------------------------------------------------
# XML feeds
# --------------------------------------------------------------------------


def refuse_entity_declarations(text: str) -> None:
    """Refuse a document that declares XML entities.

    Comments and CDATA sections are skipped: an article about XML may quote
    ``<!ENTITY`` in its content without declaring anything.
    """
    if _declares_entities(text):
        raise FeedFormatError(
            "refused: the feed declares XML entities (a DOCTYPE with <!ENTITY>),"
            " which can expand without end or read local files"
        )


def _declares_entities(text: str) -> bool:
    """Whether ``<!ENTITY`` occurs outside comments and CDATA sections.

    A forward scan, linear in the document: a regex matching whole sections
    would rescan to the end from every unclosed ``<![CDATA[``.
    """
    position = 0
    while (found := _MARKUP_OPENING.search(text, position)) is not None:
        opening = found.group(1).upper()
        if opening == "ENTITY":
            return True
        closing = "-->" if opening == "--" else "]]>"
        end = text.find(closing, found.end())
        if end < 0:
            return False  # the rest of the document is inside the section
        position = end + len(closing)
    return False


def parse_xml_feed(text: str, url: str | None = None) -> ParsedFeed:
    """Parse an RSS or Atom document (already decoded) with feedparser."""
    refuse_entity_declarations(text)
    text = text.lstrip("\ufeff")
    # The declaration must now say UTF-8: that is what feedparser gets.
    head = _DECLARATION_ENCODING.sub(r"\g<1>utf-8\g<3>", text[:DECLARATION_CHARS], count=1)
    data = head + text[DECLARATION_CHARS:]
    headers = {"content-type": "application/xml; charset=utf-8"}
    if url:
        headers["content-location"] = url
    try:
        result = feedparser.parse(io.BytesIO(data.encode("utf-8")), response_headers=headers)
    except ValueError as error:  # a character reference past U+10FFFF, or a lone surrogate
        raise FeedFormatError(f"cannot read the feed: {error}") from None
    problem = result.get("bozo_exception")
    if isinstance(problem, xml.sax.SAXParseException):
        raise FeedFormatError(
            f"invalid XML at line {problem.getLineNumber()}, column"
            f" {problem.getColumnNumber()}: {problem.getMessage()}"
        )
    if not result.get("version"):
        raise FeedFormatError("not a feed: no RSS or Atom document found")
    feed = result.get("feed", {})
    return ParsedFeed(
        title=clean_text(feed.get("title")),
        site_url=_web_link(feed.get("link")),
        entries=[_entry(entry) for entry in result.get("entries", [])],
        format=str(result["version"]),
    )


def _entry(entry: Any) -> FeedEntry:
    """A feedparser entry as a FeedEntry."""
    title = clean_text(entry.get("title")) or ""
    link = _web_link(entry.get("link"))
    content = _content_html(entry)
    summary = _summary_html(entry)
    return FeedEntry(
        key=entry_key(entry.get("id"), link, title, summary),
        title=title,
        link=link,
        author=_author(entry),
        # The raw strings keep the offset; feedparser's *_parsed are UTC.
        published=iso_date(entry.get("published")) or iso_date(entry.get("updated")),
        categories=_categories(entry),
        content_html=content,
        summary_html=summary,
    )


def _content_html(entry: Any) -> str | None:
    """The entry's full content (content:encoded, atom:content), as HTML."""
    parts = entry.get("content") or []
    html = [part.get("value", "") for part in parts if "html" in part.get("type", "")]
    if any(value.strip() for value in html):
        return "".join(html)
    plain = [part.get("value", "") for part in parts if part.get("value", "").strip()]
    return text_as_html("\n\n".join(plain)) if plain else None


def _summary_html(entry: Any) -> str | None:
    """The entry's description/summary, as HTML."""
    summary = entry.get("summary") or ""
    if not summary.strip():
        return None
    detail = entry.get("summary_detail") or {}
    return summary if "html" in detail.get("type", "text/html") else text_as_html(summary)


def _author(entry: Any) -> str | None:
    """The entry's author names."""
    names = [
        name
        for person in entry.get("authors") or []
        if isinstance(person, dict) and (name := clean_text(person.get("name")))
    ]
    return ", ".join(dict.fromkeys(names)) or clean_text(entry.get("author"))


def _categories(entry: Any) -> list[str]:
    """The entry's categories (RSS category, Atom category term/label)."""
    found: list[str] = []
    for tag in entry.get("tags") or []:
        name = clean_text(tag.get("label")) or clean_text(tag.get("term"))
        if name and name not in found:
            found.append(name)
    return found[:MAX_CATEGORIES]


def _web_link(value: object) -> str | None:
    """An http(s) address, or None."""
    if isinstance(value, str) and value.strip().lower().startswith(("http://", "https://")):
        return value.strip()
    return None
