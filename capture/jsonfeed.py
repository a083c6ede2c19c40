"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1), parsed here.

The format is small: a top-level object with ``version``, ``title``,
``home_page_url`` and ``items``; each item has an ``id`` and any of
``url``, ``title``, ``content_html``, ``content_text``, ``summary``,
``image``, ``date_published``, ``authors`` (1.1) or ``author`` (1.0), and
``tags``. Anything of the wrong type is ignored rather than trusted.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urljoin

from capture.feed_model import (
    FeedEntry,
    FeedFormatError,
    ParsedFeed,
    clean_text,
    entry_key,
    iso_date,
    text_as_html,
)

VERSION_PREFIXES = ("https://jsonfeed.org/version/1", "http://jsonfeed.org/version/1")
MAX_TAGS = 30


def looks_like_json(text: str) -> bool:
    """Whether a document is JSON rather than XML or HTML: it opens an object."""
    return text.lstrip("\ufeff \t\r\n").startswith("{")


def parse_json_feed(text: str, url: str | None = None) -> ParsedFeed:
    """Parse a JSON Feed document; raises FeedFormatError for anything else."""
    try:
        document = json.loads(text)
    except RecursionError:
        raise FeedFormatError("invalid JSON: nested too deeply") from None
    except json.JSONDecodeError as error:
        raise FeedFormatError(
            f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    if not isinstance(document, dict):
        raise FeedFormatError("not a JSON Feed: the document is not an object")
    version = document.get("version")
    if not isinstance(version, str) or not version.startswith(VERSION_PREFIXES):
        raise FeedFormatError("not a JSON Feed: no jsonfeed.org version")
    items = document.get("items")
    if not isinstance(items, list):
        raise FeedFormatError("not a JSON Feed: it has no list of items")
    base = _url(document.get("feed_url"), url) or url
    return ParsedFeed(
        title=clean_text(document.get("title")),
        site_url=_url(document.get("home_page_url"), base),
        entries=[_entry(item, base) for item in items if isinstance(item, dict)],
        format="json11" if version.endswith("1.1") else "json1",
    )


def _entry(item: dict[str, Any], base: str | None) -> FeedEntry:
    """One item as a FeedEntry."""
    link = _url(item.get("url"), base) or _url(item.get("external_url"), base)
    content = _string(item.get("content_html"))
    if content is None and (plain := _string(item.get("content_text"))) is not None:
        content = text_as_html(plain)
    summary_text = _string(item.get("summary"))
    summary = text_as_html(summary_text) if summary_text else None
    title = clean_text(item.get("title")) or ""
    raw_id = item.get("id")
    return FeedEntry(
        key=entry_key(str(raw_id) if isinstance(raw_id, str | int) else None, link, title, summary),
        title=title,
        link=link,
        author=_author(item),
        published=iso_date(_string(item.get("date_published")))
        or iso_date(_string(item.get("date_modified"))),
        categories=_tags(item.get("tags")),
        content_html=content,
        summary_html=summary,
        image=_url(item.get("image"), base) or _url(item.get("banner_image"), base),
    )


def _author(item: dict[str, Any]) -> str | None:
    """The item's author names: ``authors`` (1.1), else ``author`` (1.0)."""
    authors = item.get("authors")
    people = authors if isinstance(authors, list) else [item.get("author")]
    names = [
        name
        for person in people
        if isinstance(person, dict) and (name := clean_text(person.get("name")))
    ]
    return ", ".join(names) or None


def _tags(value: object) -> list[str]:
    """The item's tags, strings only, at most MAX_TAGS."""
    if not isinstance(value, list):
        return []
    return [tag for item in value[:MAX_TAGS] if (tag := clean_text(item))]


def _string(value: object) -> str | None:
    """``value`` if it is a non-blank string."""
    return value if isinstance(value, str) and value.strip() else None


def _url(value: object, base: str | None) -> str | None:
    """An http(s) address, resolved against ``base``; None for anything else."""
    text = _string(value)
    if text is None:
        return None
    try:
        resolved = urljoin(base, text.strip()) if base else text.strip()
    except ValueError:
        return None
    return resolved if resolved.lower().startswith(("http://", "https://")) else None
