"""Tags: names a person gives articles, one tag whatever its case and diacritics.

A tag's ``key`` is its folded name (``Kinh tế`` and ``kinh te`` are one tag);
its ``name`` is how it was first written. Tags are part of the search index
(the ``tags`` column), so every change re-indexes the articles it touches,
all of them in one statement (storage.search_index).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence

from core.models import Tag
from core.text import collapse_whitespace, fold_vietnamese, nfc
from storage import search_index
from storage.db import IDS, Store, id_list
from storage.errors import LibraryError, TagNotFoundError


def tag_key(name: str) -> str:
    """Tags are one tag whatever their case and diacritics."""
    return fold_vietnamese(collapse_whitespace(name))


def tag_id(conn: sqlite3.Connection, name: str, *, create: bool) -> int | None:
    """The id of the tag called ``name``; a new tag if ``create``."""
    display = collapse_whitespace(nfc(name))
    key = tag_key(display)
    if not key:
        raise LibraryError("a tag needs a name")
    row = conn.execute("SELECT id FROM tags WHERE key = ?", (key,)).fetchone()
    if row is not None:
        return int(row[0])
    if not create:
        return None
    cursor = conn.execute("INSERT INTO tags (name, key) VALUES (?, ?)", (display, key))
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def existing_tag_id(conn: sqlite3.Connection, name: str) -> int:
    found = tag_id(conn, name, create=False)
    if found is None:
        raise TagNotFoundError(f"no tag named {name!r}")
    return found


def attach(conn: sqlite3.Connection, article_id: int, names: Iterable[str]) -> None:
    """Give an article these tags (inside a write; the caller re-indexes it)."""
    for name in names:
        if not collapse_whitespace(name):
            continue
        conn.execute(
            "INSERT OR IGNORE INTO article_tags (article_id, tag_id) VALUES (?, ?)",
            (article_id, tag_id(conn, name, create=True)),
        )


def drop_unused(conn: sqlite3.Connection) -> None:
    """Delete tags no article carries any more."""
    conn.execute("DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM article_tags)")


def tagged_with(conn: sqlite3.Connection, tag_ids: Sequence[int]) -> list[int]:
    """The articles carrying any of these tags."""
    rows = conn.execute(
        f"SELECT DISTINCT article_id FROM article_tags WHERE tag_id IN {IDS}", (id_list(tag_ids),)
    ).fetchall()
    return [int(row[0]) for row in rows]


def article_tags(store: Store, article_id: int) -> list[str]:
    rows = store.rows(
        "SELECT t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id"
        " WHERE at.article_id = ? ORDER BY t.key",
        (article_id,),
    )
    return [row[0] for row in rows]


def list_tags(store: Store) -> list[Tag]:
    """Every tag with how many articles carry it, by name."""
    rows = store.rows(
        "SELECT t.id, t.name, count(at.article_id) AS count FROM tags t"
        " LEFT JOIN article_tags at ON at.tag_id = t.id GROUP BY t.id ORDER BY t.key"
    )
    return [Tag(id=row["id"], name=row["name"], count=row["count"]) for row in rows]


def add_tags(conn: sqlite3.Connection, article_id: int, names: Iterable[str]) -> None:
    with search_index.reindexed(conn, [article_id]):
        attach(conn, article_id, names)


def add_tags_many(
    conn: sqlite3.Connection, article_ids: Iterable[int], names: Iterable[str]
) -> int:
    """Give many articles these tags, set-based, inside the caller's write.

    Only the articles that gain a tag are re-indexed; ids of articles that
    are gone are skipped. Returns how many of the articles exist.
    """
    wanted = id_list(sorted(set(article_ids)))
    existing = [
        int(row[0]) for row in conn.execute(f"SELECT id FROM articles WHERE id IN {IDS}", (wanted,))
    ]
    if not existing:
        return 0  # no tag is created for no article
    given = {tag_id(conn, name, create=True) for name in names if collapse_whitespace(name)}
    pairs = (
        "SELECT a.value AS article_id, t.value AS tag_id FROM json_each(?) a, json_each(?) t"
        " WHERE NOT EXISTS (SELECT 1 FROM article_tags x"
        " WHERE x.article_id = a.value AND x.tag_id = t.value)"
    )
    params = (id_list(existing), id_list(sorted(found for found in given if found is not None)))
    gaining = sorted(
        {int(row[0]) for row in conn.execute(f"SELECT article_id FROM ({pairs})", params)}
    )
    with search_index.reindexed(conn, gaining):
        conn.execute(f"INSERT INTO article_tags (article_id, tag_id) {pairs}", params)
    return len(existing)


def remove_tags(conn: sqlite3.Connection, article_id: int, names: Iterable[str]) -> None:
    with search_index.reindexed(conn, [article_id]):
        conn.executemany(
            "DELETE FROM article_tags WHERE article_id = ?"
            " AND tag_id = (SELECT id FROM tags WHERE key = ?)",
            [(article_id, tag_key(name)) for name in names],
        )
    drop_unused(conn)


def remove_tags_many(
    conn: sqlite3.Connection, article_ids: Sequence[int], names: Iterable[str]
) -> None:
    """Take these tags off many articles at once (only those that had one are re-indexed)."""
    keys = [tag_key(name) for name in names]
    rows = conn.execute(
        f"SELECT DISTINCT article_id FROM article_tags WHERE article_id IN {IDS}"
        f" AND tag_id IN (SELECT id FROM tags WHERE key IN {IDS})",
        (id_list(article_ids), json.dumps(keys)),
    ).fetchall()
    tagged = [int(row[0]) for row in rows]
    if not tagged:
        return
    with search_index.reindexed(conn, tagged):
        conn.executemany(
            "DELETE FROM article_tags WHERE article_id = ?"
            " AND tag_id = (SELECT id FROM tags WHERE key = ?)",
            [(article_id, key) for article_id in tagged for key in keys],
        )
    drop_unused(conn)


def rename_tag(store: Store, old: str, new: str) -> None:
    """Rename a tag. Renaming onto another existing tag merges the two."""
    with store.write() as conn:
        old_id = existing_tag_id(conn, old)
        target = tag_id(conn, new, create=False)
        if target is not None and target != old_id:
            _merge(conn, [old_id], target)
            return
        with search_index.reindexed(conn, tagged_with(conn, [old_id])):
            display = collapse_whitespace(nfc(new))
            conn.execute(
                "UPDATE tags SET name = ?, key = ? WHERE id = ?",
                (display, tag_key(display), old_id),
            )


def merge_tags(store: Store, sources: Iterable[str], into: str) -> None:
    """Move every article of ``sources`` to ``into`` and drop the sources."""
    with store.write() as conn:
        target = tag_id(conn, into, create=True)
        assert target is not None
        source_ids = [existing_tag_id(conn, name) for name in sources]
        _merge(conn, [tag for tag in source_ids if tag != target], target)


def _merge(conn: sqlite3.Connection, source_ids: list[int], target: int) -> None:
    if not source_ids:
        return
    with search_index.reindexed(conn, tagged_with(conn, [*source_ids, target])):
        conn.execute(
            "INSERT OR IGNORE INTO article_tags (article_id, tag_id)"
            f" SELECT article_id, ? FROM article_tags WHERE tag_id IN {IDS}",
            (target, id_list(source_ids)),
        )
        conn.execute(f"DELETE FROM tags WHERE id IN {IDS}", (id_list(source_ids),))


def delete_tag(store: Store, name: str) -> None:
    """Remove a tag from every article; the articles stay."""
    with store.write() as conn:
        doomed = existing_tag_id(conn, name)
        with search_index.reindexed(conn, tagged_with(conn, [doomed])):
            conn.execute("DELETE FROM tags WHERE id = ?", (doomed,))
