"""Articles brought in from another reader's export, and the queue of those
still waiting for their page to be fetched.

An imported article without its text is saved *pending*, with the address,
title, saved date (the date it was saved there, so the list keeps the
person's order), tags, state, reading position and highlights the file
gave; ``capture_error`` is ``NOT_FETCHED_YET`` until a fetch is tried. The
fetch queue is derived from those rows, so it survives quitting. An article
already saved (same canonical address) keeps its text, its saved date and
everything the person did to it; it gains the imported tags and highlights,
and the imported state where that goes further (read over unread, archived
over read; a favourite mark; a reading position further on).

Articles are imported a batch per transaction: each with everything it
owns, and a batch all or nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from core.imported import (
    IMPORTED_BY,
    NOT_FETCHED_YET,
    ImportChange,
    ImportedArticle,
    ImportOutcome,
)
from core.models import ArticleRecord
from core.text import collapse_whitespace, nfc
from core.urls import canonical_url
from storage import articles, highlights, search_index, similar, tags
from storage.db import Store

_STATUS_ORDER = {"unread": 0, "read": 1, "archived": 2}


def import_batch(
    store: Store, items: Sequence[ImportedArticle], *, origin: str, source_name: str | None
) -> list[ImportOutcome]:
    """Import articles in one transaction; one outcome per item, in order."""
    now = articles.utc_now()
    outcomes: list[ImportOutcome] = []
    with store.write() as conn:
        added: list[int] = []
        for item in items:
            url = canonical_url(item.url)
            assert url is not None, "importers keep only http(s) addresses"
            row = conn.execute(
                "SELECT id, status, favorite, reading_position, capture_status"
                " FROM articles WHERE url = ?",
                (url,),
            ).fetchone()
            if row is None:
                article_id = _insert(conn, item, url, origin, source_name, now)
                added.append(article_id)
                tags.attach(conn, article_id, item.tags)
                count = highlights.add(conn, article_id, item.highlights, origin=origin, now=now)
                outcomes.append(ImportOutcome(article_id, "added", count, True))
            else:
                outcomes.append(_merge(conn, row, item, origin, now))
        search_index.index(conn, added)
        for article_id in added:
            similar.index_article(conn, article_id)
    return outcomes


def _insert(
    conn: sqlite3.Connection,
    item: ImportedArticle,
    url: str,
    origin: str,
    source_name: str | None,
    now: str,
) -> int:
    title = collapse_whitespace(nfc(item.title)) or url
    saved = item.saved or now
    cursor = conn.execute(
        "INSERT INTO articles (url, title, title_key, byline, published, sort_date, saved,"
        " updated, status, favorite, reading_position, content_hash, arrived_by, source_name,"
        " capture_status, capture_error)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)",
        (
            url,
            title,
            articles.title_key(title),
            item.byline,
            item.published,
            # The date it was saved there, not its publication: the list
            # keeps the person's own order until the page is fetched.
            saved,
            saved,
            now,
            item.status,
            int(item.favorite),
            min(max(item.reading_progress, 0.0), 1.0),
            articles.content_hash(ArticleRecord(title=title)),
            IMPORTED_BY,
            source_name or origin,
            NOT_FETCHED_YET,
        ),
    )
    assert cursor.lastrowid is not None
    article_id = cursor.lastrowid
    articles.link_related_to(conn, article_id, url, articles.title_key(title))
    return article_id


def _merge(
    conn: sqlite3.Connection, row: tuple[int, str, int, float, str], item: ImportedArticle,
    origin: str, now: str,
) -> ImportOutcome:  # fmt: skip
    """Give an article already saved what the import adds to it."""
    article_id, status, favorite, position, capture_status = row
    changes: dict[str, object] = {}
    if _STATUS_ORDER[item.status] > _STATUS_ORDER.get(status, 0):
        changes["status"] = item.status
    if item.favorite and not favorite:
        changes["favorite"] = 1
    if item.reading_progress > position:
        changes["reading_position"] = min(item.reading_progress, 1.0)
    if changes:
        assignments = ", ".join(f"{column} = ?" for column in changes)
        conn.execute(
            f"UPDATE articles SET {assignments} WHERE id = ?", (*changes.values(), article_id)
        )
    before = len(tags_of(conn, article_id))
    if item.tags:
        with search_index.reindexed(conn, [article_id]):
            tags.attach(conn, article_id, item.tags)
    gained_tags = len(tags_of(conn, article_id)) - before
    count = highlights.add(conn, article_id, item.highlights, origin=origin, now=now)
    change: ImportChange = "updated" if changes or gained_tags or count else "unchanged"
    return ImportOutcome(article_id, change, count, capture_status == "pending")


def tags_of(conn: sqlite3.Connection, article_id: int) -> list[int]:
    return [
        int(tag_id)
        for (tag_id,) in conn.execute(
            "SELECT tag_id FROM article_tags WHERE article_id = ?", (article_id,)
        )
    ]


def queue(store: Store, limit: int | None = None) -> list[tuple[int, str]]:
    """The imported articles still waiting for a first fetch (id, address),
    newest saved first: what a person most likely reads next."""
    rows = store.rows(
        "SELECT id, url FROM articles WHERE capture_status = 'pending' AND arrived_by = ?"
        " AND capture_error = ? AND url IS NOT NULL ORDER BY sort_date DESC, id DESC LIMIT ?",
        (IMPORTED_BY, NOT_FETCHED_YET, -1 if limit is None else limit),
    )
    return [(int(row[0]), str(row[1])) for row in rows]


def record_fetch_failure(store: Store, article_id: int, reason: str) -> None:
    """A fetch was tried and failed: the article stays pending with the
    reason (``retry`` fetches it again), and leaves the queue."""
    with store.write() as conn:
        conn.execute(
            "UPDATE articles SET capture_error = ?, updated = ?"
            " WHERE id = ? AND capture_status = 'pending'",
            (reason, articles.utc_now(), article_id),
        )
