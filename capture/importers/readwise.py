"""Readwise Reader's CSV export of saved documents: ``Title``, ``URL``,
``Document tags`` (a list written ``['ai', 'reading']``), ``Saved date``
(``2023-09-13 15:19:09+00:00``), ``Reading progress`` (0..1), ``Location``
(``new``, ``later``, ``shortlist``, ``archive``, ``feed``) and ``Seen``.
"""

from __future__ import annotations

import ast

from capture.importers.common import (
    clean_tags,
    clean_title,
    csv_header,
    csv_rows,
    fraction,
    from_iso,
    require_columns,
    web_address,
)
from core.imported import ImportedArticle, ImportedFile
from core.models import ArticleStatus

CSV_COLUMNS = ("Title", "URL", "Location")


def _tags(raw: str) -> list[str]:
    text = raw.strip()
    if not text:
        return []
    if text.startswith("["):
        try:
            value = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            value = None
        if isinstance(value, list):
            return [str(tag) for tag in value]
        text = text.strip("[]")
    return [part.strip().strip("'\"") for part in text.split(",")]


def parse_csv(text: str, name: str) -> ImportedFile:
    require_columns(csv_header(text), CSV_COLUMNS, name)
    imported = ImportedFile("readwise")
    for row in csv_rows(text, name):
        url = web_address(row["URL"])
        if url is None:
            imported.skipped += 1
            continue
        location = row["Location"].strip().lower()
        progress = fraction(row.get("Reading progress"))
        status: ArticleStatus = (
            "archived" if location == "archive" else "read" if progress >= 0.98 else "unread"
        )
        imported.articles.append(
            ImportedArticle(
                url=url,
                title=clean_title(row["Title"]),
                saved=from_iso(row.get("Saved date")),
                tags=clean_tags(_tags(row.get("Document tags", ""))),
                status=status,
                favorite=location == "shortlist",
                reading_progress=progress,
            )
        )
    return imported
