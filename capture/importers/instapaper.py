"""Instapaper's CSV export: ``URL,Title,Selection,Folder,Timestamp`` and,
since November 2025, ``Tags`` (a JSON list such as ``["go", "security"]``).

``Folder`` is ``Unread``, ``Archive``, ``Starred`` or one of the person's own
folders, which becomes a tag. ``Selection`` is text the person selected on
the page (a highlight); ``Timestamp`` a Unix time. Older exports have only
the first four columns, newest first.
"""

from __future__ import annotations

import json

from capture.importers.common import (
    clean_tags,
    clean_title,
    csv_header,
    csv_rows,
    from_epoch,
    require_columns,
    web_address,
)
from core.imported import ImportedArticle, ImportedFile, ImportedHighlight
from core.models import ArticleStatus

CSV_COLUMNS = ("URL", "Title", "Selection", "Folder")
STATE_FOLDERS = frozenset({"unread", "archive", "starred"})


def _tags(row: dict[str, str]) -> list[str]:
    raw = row.get("Tags", "").strip()
    if not raw:
        return []
    try:
        value = json.loads(raw)
    except ValueError:
        return raw.split(",")
    return [str(tag) for tag in value] if isinstance(value, list) else []


def parse_csv(text: str, name: str) -> ImportedFile:
    require_columns(csv_header(text), CSV_COLUMNS, name)
    imported = ImportedFile("instapaper")
    for row in csv_rows(text, name):
        url = web_address(row["URL"])
        if url is None:
            imported.skipped += 1
            continue
        folder = row["Folder"].strip()
        tags = _tags(row)
        if folder and folder.lower() not in STATE_FOLDERS:
            tags.insert(0, folder)
        status: ArticleStatus = "archived" if folder.lower() == "archive" else "unread"
        saved = from_epoch(row.get("Timestamp"))
        selection = row["Selection"].strip()
        imported.articles.append(
            ImportedArticle(
                url=url,
                title=clean_title(row["Title"]),
                saved=saved,
                tags=clean_tags(tags),
                status=status,
                favorite=folder.lower() == "starred",
                highlights=(ImportedHighlight(selection, created=saved),) if selection else (),
            )
        )
    return imported
