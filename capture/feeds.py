"""From the bytes of a feed document to a ``ParsedFeed``.

RSS 0.9x/1.0/2.0 and Atom go through feedparser; JSON Feed is parsed in
``capture.jsonfeed``. Before feedparser sees a document, it is

* decoded (``capture.feed_charset``): the charsets it names, else UTF-8
  with stray bytes replaced, else detected; and handed over as UTF-8;
* refused if it uses entities from an external DTD (other than RSS 0.91's,
  whose HTML entities feedparser knows): the DTD is never loaded, so the
  strict parser would silently skip them, and pointing a DTD at
  ``file:///etc/passwd`` is an attack, not a feed;
* refused if it declares XML entities. feedparser 6.0 drops entity
  declarations it finds at the start of a line and leaves expat's external
  entity loading off, but a declaration on the same line as ``<!DOCTYPE``
  slips past its filter to the parser, and the only feeds that declare
  entities are attacks (billion laughs, ``file:///etc/passwd``): no reason to
  rely on filters;
* cut free of anything printed before its XML declaration;
* given as a byte stream: a string would be taken as a URL or a file name.

A document that is not well-formed XML (an unescaped ``&``, ``&nbsp;``
without a DTD, an unclosed tag) is read by feedparser's lenient parser, as
every feed reader does, when that finds a feed in it (a version, and
entries or a title); ``ParsedFeed.repaired`` keeps the strict parser's
complaint. It stays refused when the lenient reading cannot be trusted:

* the document ends before its root element closes (cut short in
  transit): its last entry would be saved cut short, for good;
* it mentions ``<!ENTITY`` anywhere, even in a comment: the lenient parser
  does not see comments where the strict one does.
"""

from __future__ import annotations

import io
import re
import xml.sax
from typing import Any

import feedparser

from capture.feed_charset import decode_feed
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
DECLARATION_CHARS = 1024
# Categories kept per entry: a feed listing hundreds is spamming tags.
MAX_CATEGORIES = 30
# The document type declaration, if any, sits within the first characters.
DOCTYPE_CHARS = 4096
# expat's message when the document ends inside its root element.
CUT_SHORT_MESSAGE = "no element found"
# The one external DTD feeds name that the lenient parser stands in for:
# feedparser knows RSS 0.91's HTML entities itself.
RSS091_DTD = "-//Netscape Communications//DTD RSS 0.91//EN"

UTF8_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>'

_DECLARATION_START = re.compile(r"<\?xml\s", re.IGNORECASE)
_DECLARATION_ENCODING = re.compile(
    r"""^(\s*<\?xml[^>]*?\bencoding\s*=\s*["'])([A-Za-z0-9._:-]+)(["'])""", re.IGNORECASE
)
_MARKUP_OPENING = re.compile(r"<!(--|\[CDATA\[|ENTITY)", re.IGNORECASE)
_ENTITY_ANYWHERE = re.compile(r"<!ENTITY", re.IGNORECASE)
_EXTERNAL_DTD = re.compile(
    r"""<!DOCTYPE\s+[^\s>\[]+\s+(SYSTEM|PUBLIC\s+["']([^"']*)["'])\s*["']([^"']*)["']""",
    re.IGNORECASE,
)
# A reference to a named entity other than XML's own five.
_NAMED_ENTITY = re.compile(r"&(?!(?:amp|lt|gt|quot|apos);)[A-Za-z_][\w.-]*;")
_HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_ROOT_ELEMENT = re.compile(r"<(rss|feed|rdf:RDF|RDF|channel)[\s>/]", re.IGNORECASE)


def parse_feed(
    body: bytes, *, url: str | None = None, media_type: str = "", charset: str | None = None
) -> ParsedFeed:
    """Parse a feed document fetched from ``url``.

    Raises ``FeedFormatError`` with a one-line reason: an empty body, an
    HTML page, entity declarations, XML not even a lenient parser can trust,
    invalid JSON or a JSON Feed in the wrong charset, a
    document that is no feed at all.
    """
    if not body.strip():
        raise FeedFormatError("the feed is empty: the server sent no content")
    decoded = decode_feed(body, charset)
    text = decoded.text
    if looks_like_html(text, media_type):
        raise FeedFormatError("not a feed: the address serves an HTML page")
    if media_type in JSON_TYPES or looks_like_json(text):
        # JSON is UTF-8 by definition: no charset is guessed for it.
        if decoded.mismatch:
            raise FeedFormatError(f"wrong charset: {decoded.mismatch}")
        return parse_json_feed(text, url)
    parsed = parse_xml_feed(text, url)
    parsed.charset = decoded.charset
    parsed.repaired = (
        "; ".join(reason for reason in (decoded.repaired, parsed.repaired) if reason) or None
    )
    return parsed


def looks_like_html(text: str, media_type: str = "") -> bool:
    """Whether a document is a web page rather than a feed."""
    if _HTML_START.match(text[:4096]):
        return True
    return media_type in HTML_TYPES and not _ROOT_ELEMENT.search(text[:4096])


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
    """Parse an RSS or Atom document (already decoded) with feedparser:
    strictly, else leniently (see the module's docstring)."""
    refuse_entity_declarations(text)
    _refuse_external_entities(text)
    text, junk = _without_junk_before_declaration(text)
    # The declaration must now say UTF-8: that is what feedparser gets. One
    # is added on the first line where there is none: feedparser would add
    # it on a line of its own, and every line number it reports would be off.
    if not text.startswith("<?xml"):
        text = UTF8_DECLARATION + text
    head = _DECLARATION_ENCODING.sub(r"\g<1>utf-8\g<3>", text[:DECLARATION_CHARS], count=1)
    data = head + text[DECLARATION_CHARS:]
    headers = {"content-type": "application/xml; charset=utf-8"}
    if url:
        headers["content-location"] = url
    try:
        result = feedparser.parse(io.BytesIO(data.encode("utf-8")), response_headers=headers)
    except ValueError as error:  # a character reference past U+10FFFF, or a lone surrogate
        raise FeedFormatError(f"cannot read the feed: {error}") from None
    except RecursionError:
        raise FeedFormatError("cannot read the feed: it is nested too deeply") from None
    feed = result.get("feed", {})
    entries = result.get("entries", [])
    repaired = ["text before the XML declaration ignored"] if junk else []
    problem = result.get("bozo_exception")
    if isinstance(problem, xml.sax.SAXException):
        complaint = _invalid_xml_reason(problem)
        refusal = _refuse_repair(text, problem)
        if refusal is not None:
            raise FeedFormatError(f"{complaint}: {refusal}")
        if not result.get("version") or not (entries or feed.get("title")):
            raise FeedFormatError(complaint)
        repaired.append(complaint)
    if not result.get("version"):
        raise FeedFormatError("not a feed: no RSS or Atom document found")
    return ParsedFeed(
        title=clean_text(feed.get("title")),
        site_url=_web_link(feed.get("link")),
        entries=[_entry(entry) for entry in entries],
        format=str(result["version"]),
        repaired="; ".join(repaired) or None,
    )


def _invalid_xml_reason(problem: xml.sax.SAXException) -> str:
    """The strict parser's complaint, in one line."""
    if isinstance(problem, xml.sax.SAXParseException):
        return (
            f"invalid XML at line {problem.getLineNumber()}, column"
            f" {problem.getColumnNumber()}: {problem.getMessage()}"
        )
    return f"invalid XML: {problem.getMessage()}"


def _refuse_repair(text: str, problem: xml.sax.SAXException) -> str | None:
    """Why the lenient reading of a document cannot be trusted, if it cannot."""
    if problem.getMessage() == CUT_SHORT_MESSAGE:
        return "the document is cut short"
    if _ENTITY_ANYWHERE.search(text):
        return "not repaired: it mentions <!ENTITY"
    return None


def _refuse_external_entities(text: str) -> None:
    """Refuse a document that names an external DTD and uses entities only
    that DTD could define."""
    doctype = _EXTERNAL_DTD.search(text[:DOCTYPE_CHARS])
    if doctype is None or doctype.group(2) == RSS091_DTD:
        return
    if _NAMED_ENTITY.search(text):
        raise FeedFormatError(
            f"refused: the feed uses entities from an external DTD ({doctype.group(3)}),"
            " which is never loaded"
        )


def _without_junk_before_declaration(text: str) -> tuple[str, bool]:
    """The document from its XML declaration on, and whether anything but
    white space came before it (a server's warning printed first)."""
    found = _DECLARATION_START.search(text, 0, DECLARATION_CHARS)
    if found is None or found.start() == 0:
        return text, False
    junk = text[: found.start()]
    return text[found.start() :], bool(junk.strip())


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
