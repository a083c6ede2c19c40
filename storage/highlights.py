"""Highlights and notes of articles (the ``highlights`` table).

A highlight keeps its quote the way the W3C Web Annotation model anchors
one: the exact text with a little before and after it, and its position in
the article's body text when known, so it can find its place again in a
re-extracted text. A note on the whole article has kind ``note`` and no
quote. Deleting an article deletes its highlights (ON DELETE CASCADE).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from core.imported import Highlight, ImportedHighlight
from core.text import nfc
from storage.db import Store

_COLUMNS = 'id, article_id, kind, quote, prefix, suffix, start, "end", note, color, created, origin'


def add(
    conn: sqlite3.Connection,
    article_id: int,
    highlights: Iterable[ImportedHighlight],
    *,
    origin: str | None,
    now: str,
) -> int:
    """Add highlights to an article inside a write; one the article already
    has (the same kind, quote and note) is not added twice. Returns how many
    were added."""
    added = 0
    for highlight in highlights:
        quote, note = nfc(highlight.quote), nfc(highlight.note)
        known = conn.execute(
            "SELECT 1 FROM highlights WHERE article_id = ? AND kind = ? AND quote = ? AND note = ?",
            (article_id, highlight.kind, quote, note),
        ).fetchone()
        if known is not None:
            continue
        conn.execute(
            'INSERT INTO highlights (article_id, kind, quote, prefix, suffix, start, "end",'
            " note, color, created, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article_id,
                highlight.kind,
                quote,
                nfc(highlight.prefix),
                nfc(highlight.suffix),
                highlight.start,
                highlight.end
                if highlight.start is not None and highlight.end is not None
                else None,
                note,
                highlight.color,
                highlight.created or now,
                origin,
            ),
        )
        added += 1
    return added


def of_article(store: Store, article_id: int) -> list[Highlight]:
    """An article's highlights in reading order (by position, then by age),
    then its notes."""
    rows = store.rows(
        f"SELECT {_COLUMNS} FROM highlights WHERE article_id = ?"
        " ORDER BY kind = 'note', start IS NULL, start, created, id",
        (article_id,),
    )
    return [Highlight(*tuple(row)) for row in rows]


def count(store: Store) -> int:
    row = store.row("SELECT count(*) FROM highlights")
    return 0 if row is None else int(row[0])
