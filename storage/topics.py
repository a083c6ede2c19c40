"""Topics: the sites' own keywords for their stories, apart from the tags a
person gives.

A topic is one topic whatever its case and diacritics (its ``key`` is folded
as a tag's is); its ``name`` is how a site first wrote it. Topics are part of
the search index beside the tags (the ``tags`` column of
``article_search_source``), so callers attach them inside a re-index.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from core.models import Topic
from core.text import collapse_whitespace, nfc
from storage.db import Store
from storage.tags import tag_key


def topic_id(conn: sqlite3.Connection, name: str) -> int:
    """The id of the topic called ``name``, made if it is new."""
    display = collapse_whitespace(nfc(name))
    key = tag_key(display)
    row = conn.execute("SELECT id FROM topics WHERE key = ?", (key,)).fetchone()
    if row is not None:
        return int(row[0])
    cursor = conn.execute("INSERT INTO topics (name, key) VALUES (?, ?)", (display, key))
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def attach(conn: sqlite3.Connection, article_id: int, names: Iterable[str]) -> None:
    """Give an article these topics (inside a write; the caller re-indexes it)."""
    for name in names:
        if tag_key(name):
            conn.execute(
                "INSERT OR IGNORE INTO article_topics (article_id, topic_id) VALUES (?, ?)",
                (article_id, topic_id(conn, name)),
            )


def drop_unused(conn: sqlite3.Connection) -> None:
    """Delete topics no article carries any more."""
    conn.execute("DELETE FROM topics WHERE id NOT IN (SELECT topic_id FROM article_topics)")


def article_topics(store: Store, article_id: int) -> list[str]:
    rows = store.rows(
        "SELECT p.name FROM article_topics ap JOIN topics p ON p.id = ap.topic_id"
        " WHERE ap.article_id = ? ORDER BY p.key",
        (article_id,),
    )
    return [row[0] for row in rows]


def list_topics(store: Store) -> list[Topic]:
    """Every topic with how many articles carry it, by name."""
    rows = store.rows(
        "SELECT p.id, p.name, count(ap.article_id) AS count FROM topics p"
        " LEFT JOIN article_topics ap ON ap.topic_id = p.id GROUP BY p.id ORDER BY p.key"
    )
    return [Topic(id=row["id"], name=row["name"], count=row["count"]) for row in rows]
