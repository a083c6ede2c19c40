"""Wallabag's JSON export (v2): a list of entries, each with ``url``,
``title``, ``content`` (the article's HTML), ``is_archived``, ``is_starred``,
``tags`` (names), ``created_at`` (``2016-04-05T10:20:30+0200``),
``published_at``, ``published_by`` (authors) and ``annotations``: each with
``quote``, ``text`` (the note), ``ranges`` (XPath ranges into the content)
and ``created_at``.
"""

from __future__ import annotations

import json
from typing import Any

from capture.importers.common import (
    clean_tags,
    clean_title,
    decode_text,
    fraction,
    from_iso,
    web_address,
)
from core.imported import ImportedArticle, ImportedFile, ImportedHighlight, ImportFileError


def looks_like_wallabag(value: object) -> bool:
    """A list whose entries carry wallabag's own fields."""
    if not isinstance(value, list):
        return False
    first = next((entry for entry in value if isinstance(entry, dict)), None)
    return first is not None and "is_archived" in first and "url" in first


def parse(data: bytes, name: str) -> ImportedFile:
    try:
        entries = json.loads(decode_text(data, name))
    except ValueError as error:
        raise ImportFileError(f"{name} is damaged: {error}") from None
    return parse_entries(entries, name)


def parse_entries(entries: object, name: str) -> ImportedFile:
    if not isinstance(entries, list) or (entries and not looks_like_wallabag(entries)):
        raise ImportFileError(f"{name} is not a wallabag export (a list of entries)")
    imported = ImportedFile("wallabag")
    for position, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise ImportFileError(f"{name} is damaged: entry {position} is not an article")
        article = _article(entry)
        if article is None:
            imported.skipped += 1
        else:
            imported.articles.append(article)
    return imported


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _article(entry: dict[str, Any]) -> ImportedArticle | None:
    url = web_address(_text(entry.get("url")) or _text(entry.get("given_url")))
    if url is None:
        return None
    tags = entry.get("tags") or []
    names = [
        _text(tag.get("label")) if isinstance(tag, dict) else _text(tag)
        for tag in (tags if isinstance(tags, list) else [])
    ]
    authors = entry.get("published_by")
    byline = (
        ", ".join(_text(author) for author in authors if _text(author).strip())
        if isinstance(authors, list)
        else None
    )
    content = _text(entry.get("content"))
    return ImportedArticle(
        url=url,
        title=clean_title(_text(entry.get("title"))),
        saved=from_iso(entry.get("created_at")),
        tags=clean_tags(names),
        status="archived" if _truthy(entry.get("is_archived")) else "unread",
        favorite=_truthy(entry.get("is_starred")),
        reading_progress=fraction(entry.get("reading_progress")),
        highlights=tuple(_annotations(entry.get("annotations"))),
        content_html=content if content.strip() else None,
        byline=byline or None,
        published=from_iso(entry.get("published_at")),
    )


def _truthy(value: object) -> bool:
    """wallabag writes flags as ``1``/``0`` or ``true``/``false``."""
    return value in (True, 1, "1", "true")


def _annotations(value: object) -> list[ImportedHighlight]:
    found: list[ImportedHighlight] = []
    for note in value if isinstance(value, list) else []:
        if not isinstance(note, dict):
            continue
        quote, text = _text(note.get("quote")).strip(), _text(note.get("text")).strip()
        if quote or text:
            found.append(
                ImportedHighlight(quote, note=text, created=from_iso(note.get("created_at")))
            )
    return found
