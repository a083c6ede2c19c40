"""Feed subscriptions in the library.

A feed row remembers where the feed lives, how its entries become articles
(``mode``, ``entry_tags``, ``tag``), and what the last check said: the HTTP
validators for the next conditional request, the last status and error,
how many checks in a row failed and when the next one is allowed.

``feed_entries`` records every entry ever seen, by its key (id/guid), with
the article it became. A row outlives its article (``article_id`` turns
NULL when the person deletes it), so a deleted article never comes back.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from core.models import FEED_MODES, Feed, FeedCheck, FeedMode
from storage import articles
from storage.articles import utc_now
from storage.db import Store
from storage.errors import FeedExistsError, FeedNotFoundError, LibraryError

# Keeps the same column order as Feed's fields up to ``created``; the two
# counts are computed per feed.
_FEED_COLUMNS = (
    "f.id, f.url, f.title, f.site_url, f.tag, f.folder, f.mode, f.entry_tags, f.etag,"
    " f.last_modified, f.last_checked, f.last_status, f.error, f.failures, f.next_check,"
    " f.created,"
    " (SELECT count(*) FROM feed_entries e WHERE e.feed_id = f.id"
    "  AND e.article_id IS NOT NULL),"
    " (SELECT count(*) FROM feed_entries e JOIN articles a ON a.id = e.article_id"
    "  WHERE e.feed_id = f.id AND a.status = 'unread'),"
    " f.repaired, f.charset"
)


def _feed_from_row(row: Sequence[Any]) -> Feed:
    """A ``Feed`` from a row selected with ``_FEED_COLUMNS``."""
    folder = tuple(str(part) for part in json.loads(row[5])) if row[5] else ()
    return Feed(
        id=row[0],
        url=row[1],
        title=row[2],
        site_url=row[3],
        tag=row[4],
        folder=folder,
        mode=row[6],
        entry_tags=bool(row[7]),
        etag=row[8],
        last_modified=row[9],
        last_checked=row[10],
        last_status=row[11],
        error=row[12],
        failures=row[13],
        next_check=row[14],
        created=row[15],
        entries=row[16],
        unread=row[17],
        repaired=row[18],
        charset=row[19],
    )


def _check_mode(mode: str) -> None:
    """Refuse a mode the schema would refuse, with a readable message."""
    if mode not in FEED_MODES:
        raise LibraryError(f"unknown feed mode {mode!r}: use full or feed")


# ------------------------------------------------------------------
# Subscriptions
# ------------------------------------------------------------------


def add_feed(
    store: Store,
    url: str,
    *,
    title: str | None = None,
    site_url: str | None = None,
    tag: str | None = None,
    folder: Sequence[str] = (),
    mode: FeedMode = "full",
    entry_tags: bool = False,
) -> Feed:
    """Subscribe to the feed at ``url``; raises FeedExistsError if the
    library already has it."""
    _check_mode(mode)
    address = url.strip()
    if not address:
        raise LibraryError("a feed needs an address")
    with store.write() as conn:
        if conn.execute("SELECT 1 FROM feeds WHERE url = ?", (address,)).fetchone():
            raise FeedExistsError(f"already subscribed to {address}")
        cursor = conn.execute(
            "INSERT INTO feeds (url, title, site_url, tag, folder, mode, entry_tags, created)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                address,
                title,
                site_url,
                tag or None,
                json.dumps(list(folder), ensure_ascii=False) if folder else None,
                mode,
                int(entry_tags),
                utc_now(),
            ),
        )
        feed_id = cursor.lastrowid
    assert feed_id is not None
    return get_feed(store, feed_id)


def get_feed(store: Store, feed_id: int) -> Feed:
    """One feed; raises FeedNotFoundError."""
    rows = store.rows(f"SELECT {_FEED_COLUMNS} FROM feeds f WHERE f.id = ?", (feed_id,))
    if not rows:
        raise FeedNotFoundError(f"no feed with id {feed_id}")
    return _feed_from_row(rows[0])


def feed_by_url(store: Store, url: str) -> Feed | None:
    """The feed subscribed at exactly this address, if any."""
    rows = store.rows(f"SELECT {_FEED_COLUMNS} FROM feeds f WHERE f.url = ?", (url.strip(),))
    return _feed_from_row(rows[0]) if rows else None


def list_feeds(store: Store) -> list[Feed]:
    """Every feed, in the order they were added."""
    rows = store.rows(f"SELECT {_FEED_COLUMNS} FROM feeds f ORDER BY f.id")
    return [_feed_from_row(row) for row in rows]


def update_feed(
    store: Store,
    feed_id: int,
    *,
    tag: str | None = None,
    clear_tag: bool = False,
    mode: FeedMode | None = None,
    entry_tags: bool | None = None,
    title: str | None = None,
) -> Feed:
    """Change a feed's settings; ``None`` leaves a setting as it is."""
    changes: dict[str, Any] = {}
    if tag is not None or clear_tag:
        changes["tag"] = None if clear_tag else (tag or None)
        # The imported folder path no longer says where the feed belongs.
        changes["folder"] = None
    if mode is not None:
        _check_mode(mode)
        changes["mode"] = mode
    if entry_tags is not None:
        changes["entry_tags"] = int(entry_tags)
    if title is not None:
        changes["title"] = title
    with store.write() as conn:
        _require_feed(conn, feed_id)
        if changes:
            assignments = ", ".join(f"{column} = ?" for column in changes)
            conn.execute(
                f"UPDATE feeds SET {assignments} WHERE id = ?", (*changes.values(), feed_id)
            )
    return get_feed(store, feed_id)


def remove_feed(store: Store, feed_id: int, *, keep_articles: bool = False) -> int:
    """Unsubscribe; returns how many articles went with the feed.

    Without ``keep_articles`` the articles this feed brought in go too,
    except favourites and articles another feed also delivered: those the
    person saved by hand (arrived_by != 'feed') always stay.
    """
    with store.write() as conn:
        _require_feed(conn, feed_id)
        doomed = [] if keep_articles else _articles_only_from(conn, feed_id)
        articles.delete(conn, doomed)
        conn.execute("DELETE FROM feeds WHERE id = ?", (feed_id,))
    return len(doomed)


def _articles_only_from(conn: sqlite3.Connection, feed_id: int) -> list[int]:
    """Articles that came from this feed alone and carry no favourite mark."""
    rows = conn.execute(
        "SELECT a.id FROM feed_entries e JOIN articles a ON a.id = e.article_id"
        " WHERE e.feed_id = ? AND a.arrived_by = 'feed' AND a.favorite = 0"
        " AND NOT EXISTS (SELECT 1 FROM feed_entries other"
        "  WHERE other.article_id = a.id AND other.feed_id != ?)",
        (feed_id, feed_id),
    ).fetchall()
    return sorted({int(row[0]) for row in rows})


def _require_feed(conn: sqlite3.Connection, feed_id: int) -> None:
    """Raise FeedNotFoundError unless the feed exists."""
    if not conn.execute("SELECT 1 FROM feeds WHERE id = ?", (feed_id,)).fetchone():
        raise FeedNotFoundError(f"no feed with id {feed_id}")


# ------------------------------------------------------------------
# Checks
# ------------------------------------------------------------------


def record_feed_check(store: Store, feed_id: int, check: FeedCheck) -> Feed:
    """Store the outcome of one check of a feed."""
    changes: dict[str, Any] = {
        "last_checked": check.checked,
        "last_status": check.status,
        "error": check.error,
        "failures": check.failures,
        "next_check": check.next_check,
    }
    if check.status == 200:
        # Only a document actually read says how it had to be read; a 304
        # leaves the last one standing.
        changes["repaired"] = check.repaired
        changes["charset"] = check.charset
    if check.update_validators:
        changes["etag"] = check.etag
        changes["last_modified"] = check.last_modified
    if check.title:
        changes["title"] = check.title
    if check.site_url:
        changes["site_url"] = check.site_url
    with store.write() as conn:
        _require_feed(conn, feed_id)
        if (
            check.new_url
            and not conn.execute(
                "SELECT 1 FROM feeds WHERE url = ? AND id != ?", (check.new_url, feed_id)
            ).fetchone()
        ):
            # Another subscription already at the new address keeps it:
            # this one stays where it was rather than break uniqueness.
            changes["url"] = check.new_url
        assignments = ", ".join(f"{column} = ?" for column in changes)
        conn.execute(f"UPDATE feeds SET {assignments} WHERE id = ?", (*changes.values(), feed_id))
    return get_feed(store, feed_id)


# ------------------------------------------------------------------
# Entries
# ------------------------------------------------------------------


def feed_entry_keys(store: Store, feed_id: int) -> set[str]:
    """The keys of every entry of this feed seen so far."""
    rows = store.rows("SELECT entry_key FROM feed_entries WHERE feed_id = ?", (feed_id,))
    return {str(row[0]) for row in rows}


def link_feed_entry(store: Store, feed_id: int, entry_key: str, article_id: int | None) -> None:
    """Remember that this feed's entry is (or, None, is not) this article."""
    with store.write() as conn:
        _require_feed(conn, feed_id)
        conn.execute(
            "INSERT INTO feed_entries (feed_id, entry_key, article_id, seen)"
            " VALUES (?, ?, ?, ?) ON CONFLICT (feed_id, entry_key)"
            " DO UPDATE SET article_id = coalesce(excluded.article_id, article_id)",
            (feed_id, entry_key, article_id, utc_now()),
        )


def feeds_of_article(store: Store, article_id: int) -> list[int]:
    """The ids of the feeds that delivered an article."""
    rows = store.rows(
        "SELECT DISTINCT feed_id FROM feed_entries WHERE article_id = ? ORDER BY feed_id",
        (article_id,),
    )
    return [int(row[0]) for row in rows]
