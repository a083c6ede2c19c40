"""Omnivore's export (Omnivore closed in November 2024): a zip of

* ``metadata_0_to_20.json``, ``metadata_20_to_40.json``…: lists of articles
  with ``slug``, ``title``, ``author``, ``url``, ``state`` (``Archived`` or
  another), ``readingProgress`` (percent), ``labels`` (names), ``savedAt``,
  ``publishedAt``;
* ``content/<slug>.html``: the readable HTML of each article;
* ``highlights/<slug>.md``: its highlights, each ``> quote`` followed by its
  labels (``#label``) and note, and notes on the article as plain paragraphs.
"""

from __future__ import annotations

import json
import re
from typing import Any

from capture.importers.common import (
    Members,
    clean_tags,
    clean_title,
    fraction,
    from_iso,
    natural_key,
    web_address,
)
from core.imported import ImportedArticle, ImportedFile, ImportedHighlight, ImportFileError

_METADATA = re.compile(r"(?:^|/)metadata_[^/]*\.json$", re.IGNORECASE)


def is_metadata(name: str) -> bool:
    return _METADATA.search(name) is not None


def _member_by_stem(names: list[str], folder: str) -> dict[str, str]:
    """``content/<slug>.html`` by slug (wherever the zip put the folder)."""
    found: dict[str, str] = {}
    for name in names:
        parts = name.split("/")
        if len(parts) >= 2 and parts[-2] == folder and "." in parts[-1]:
            found.setdefault(parts[-1].rsplit(".", 1)[0], name)
    return found


def parse(members: Members) -> ImportedFile:
    metadata = sorted((name for name in members.names if is_metadata(name)), key=natural_key)
    if not metadata:
        raise ImportFileError(f"{members.name} holds no metadata_*.json: not an Omnivore export")
    contents = _member_by_stem(members.names, "content")
    notes = _member_by_stem(members.names, "highlights")
    imported = ImportedFile("omnivore")
    for name in metadata:
        try:
            entries = json.loads(members.text(name))
        except ValueError as error:
            raise ImportFileError(f"{name} is damaged: {error}") from None
        if not isinstance(entries, list):
            raise ImportFileError(f"{name} is damaged: it should list articles")
        for position, entry in enumerate(entries):
            if not isinstance(entry, dict):
                raise ImportFileError(f"{name} is damaged: entry {position} is not an article")
            article = _article(entry, members, contents, notes)
            if article is None:
                imported.skipped += 1
            else:
                imported.articles.append(article)
    return imported


def _article(
    entry: dict[str, Any], members: Members, contents: dict[str, str], notes: dict[str, str]
) -> ImportedArticle | None:
    url = web_address(entry.get("url") if isinstance(entry.get("url"), str) else None)
    if url is None:
        return None
    slug = str(entry.get("slug") or "")
    labels = entry.get("labels") or []
    names = [
        str(label.get("name", "")) if isinstance(label, dict) else str(label) for label in labels
    ]
    state = str(entry.get("state") or "").lower()
    progress = fraction(entry.get("readingProgress"))
    content = members.text(contents[slug]) if slug in contents else None
    highlights = parse_highlights(members.text(notes[slug])) if slug in notes else ()
    author = entry.get("author")
    return ImportedArticle(
        url=url,
        title=clean_title(entry.get("title") if isinstance(entry.get("title"), str) else ""),
        saved=from_iso(entry.get("savedAt")),
        tags=clean_tags(names) if isinstance(labels, list) else (),
        status="archived" if state == "archived" else ("read" if progress >= 0.98 else "unread"),
        reading_progress=progress,
        highlights=highlights,
        content_html=content if content and content.strip() else None,
        byline=author.strip() or None if isinstance(author, str) else None,
        published=from_iso(entry.get("publishedAt")),
    )


_LABELS_LINE = re.compile(r"^#\S+(?:\s+#\S+)*$")


def parse_highlights(markdown: str) -> tuple[ImportedHighlight, ...]:
    """The highlights of one ``highlights/<slug>.md``.

    Omnivore wrote each highlight as ``> quote`` (a blank line inside the
    quote became ``> ``), then a line of ``#labels`` and the note, each after
    a blank line; a note on the article as a plain paragraph. Paragraphs
    after a quote are its note until the next quote.
    """
    found: list[ImportedHighlight] = []
    quote: list[str] | None = None
    note: list[str] = []
    loose: list[str] = []

    def flush() -> None:
        nonlocal quote, note
        if quote is not None:
            text = re.sub(r"\n{3,}", "\n\n", "\n".join(quote)).strip()
            if text:
                found.append(ImportedHighlight(text, note="\n\n".join(note).strip()))
        quote, note = None, []

    for block in re.split(r"\n\s*\n", markdown.replace("\r\n", "\n")):
        stripped = block.strip()
        if not stripped:
            continue
        if stripped.startswith(">"):
            flush()
            quote = [
                (line[1:] if line.startswith(">") else line).strip() for line in block.split("\n")
            ]
        elif _LABELS_LINE.match(stripped) and quote is not None and not note:
            continue  # the highlight's own labels: Readshelf tags articles, not quotes
        elif quote is not None:
            note.append(stripped)
        else:
            loose.append(stripped)
    flush()
    found.extend(ImportedHighlight("", note=text) for text in loose)
    return tuple(found)
