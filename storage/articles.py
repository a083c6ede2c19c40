"""Articles: saving one with everything it owns, reading it back, the
person's marks on it (status, favourite, reading position) and deleting.

Saving is one transaction per article: its row, its original source, its
pictures, related stories, tags, and its place in the search and similarity
indexes. Marks and deletes of many articles are one set-based transaction.
"""

from __future__ import annotations

import hashlib
import json
import math
import sqlite3
import zlib
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, Literal

from core.models import (
    ARTICLE_STATUSES,
    Article,
    ArticleRecord,
    ArticleStatus,
    ExtractionInfo,
    Image,
    RelatedLink,
    SaveResult,
)
from core.text import collapse_whitespace, fold_vietnamese, nfc
from core.urls import canonical_url
from storage import search_index, similar, tags
from storage.db import IDS, Store, id_list
from storage.errors import ArticleNotFoundError, LibraryError

# Reading speed used for "N min read". Vietnamese words are single syllables,
# read faster per token than English words; 230 is a fair middle.
WORDS_PER_MINUTE = 230


def utc_now() -> str:
    """The current time as ISO 8601 UTC, to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def reading_minutes(word_count: int) -> int:
    """Whole minutes to read ``word_count`` words; at least 1 for any text."""
    return 0 if word_count <= 0 else max(1, math.ceil(word_count / WORDS_PER_MINUTE))


def content_hash(record: ArticleRecord) -> str:
    """A fingerprint of what an article says, used to spot a re-save of the
    same text when there is no URL to go by."""
    text = collapse_whitespace(nfc(record.body_text)) or collapse_whitespace(nfc(record.title))
    return hashlib.sha256(fold_vietnamese(text).encode("utf-8")).hexdigest()


def sort_date(published: str | None, saved: str) -> str:
    """The instant an article sorts by: its publication time in UTC when
    known, its save time otherwise."""
    if published:
        try:
            moment = datetime.fromisoformat(published)
        except ValueError:
            return saved
        if moment.tzinfo is not None:
            return moment.astimezone(UTC).isoformat(timespec="seconds")
        return moment.isoformat(timespec="seconds")
    return saved


# ----------------------------------------------------------------------
# Saving
# ----------------------------------------------------------------------


def save(
    store: Store, record: ArticleRecord, extra_tags: Iterable[str], into: int | None
) -> SaveResult:
    """Save an article with its images, tags and related stories (see
    ``Library.save_article``)."""
    url = canonical_url(record.url)
    digest = content_hash(record)
    now = utc_now()
    words = len(record.body_text.split()) + len((record.lead or "").split())
    values: dict[str, Any] = {
        "url": url,
        "title": nfc(record.title).strip() or "(untitled)",
        "byline": record.byline,
        "site": record.site,
        "section": record.section,
        "published": record.published,
        "updated": now,
        "lead": record.lead,
        "body_text": record.body_text,
        "reader_html": record.reader_html,
        "language": record.language,
        "word_count": words,
        "content_hash": digest,
        "arrived_by": record.arrived_by,
        "source_name": record.source_name,
        "capture_status": record.capture_status,
        "capture_error": record.capture_error,
        "extraction": extraction_json(record.extraction),
    }
    values["title_key"] = fold_vietnamese(collapse_whitespace(values["title"]))
    with store.write() as conn:
        existing = find_existing(conn, url, digest) if into is None else _saved_at(conn, into)
        if (
            existing is not None
            and record.capture_status == "pending"
            and existing[2] == "complete"
        ):
            # A fetch that failed must not replace an article already
            # saved whole with an empty pending copy: keep it, add tags.
            with search_index.reindexed(conn, [existing[0]]):
                tags.attach(conn, existing[0], [*record.tags, *extra_tags])
            return SaveResult(existing[0], "updated")
        if existing is None:
            values["saved"] = now
            values["sort_date"] = sort_date(record.published, now)
            columns = ", ".join(values)
            marks = ", ".join("?" * len(values))
            cursor = conn.execute(
                f"INSERT INTO articles ({columns}) VALUES ({marks})", tuple(values.values())
            )
            assert cursor.lastrowid is not None
            article_id = cursor.lastrowid
            outcome: Literal["added", "updated"] = "added"
        else:
            article_id, saved, _ = existing
            values["sort_date"] = sort_date(record.published, saved)
            search_index.unindex(conn, [article_id])
            assignments = ", ".join(f"{column} = ?" for column in values)
            conn.execute(
                f"UPDATE articles SET {assignments} WHERE id = ?", (*values.values(), article_id)
            )
            conn.execute("DELETE FROM images WHERE article_id = ?", (article_id,))
            conn.execute("DELETE FROM related WHERE article_id = ?", (article_id,))
            outcome = "updated"
        _store_source(conn, article_id, record)
        _store_images(conn, article_id, record)
        _store_related(conn, article_id, record)
        link_related_to(conn, article_id, url, values["title_key"])
        tags.attach(conn, article_id, [*record.tags, *extra_tags])
        search_index.index(conn, [article_id])
        similar.index_article(conn, article_id)
    return SaveResult(article_id, outcome)


def find_existing(
    conn: sqlite3.Connection, url: str | None, digest: str
) -> tuple[int, str, str] | None:
    """The id, save time and capture status of the article a save of this
    address (or, without one, this text) updates."""
    if url is not None:
        row = conn.execute(
            "SELECT id, saved, capture_status FROM articles WHERE url = ?", (url,)
        ).fetchone()
    else:
        row = conn.execute(
            "SELECT id, saved, capture_status FROM articles"
            " WHERE url IS NULL AND content_hash = ? ORDER BY id LIMIT 1",
            (digest,),
        ).fetchone()
    return None if row is None else (int(row[0]), str(row[1]), str(row[2]))


def _saved_at(conn: sqlite3.Connection, article_id: int) -> tuple[int, str, str]:
    row = conn.execute(
        "SELECT saved, capture_status FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    if row is None:
        raise ArticleNotFoundError(f"no article with id {article_id}")
    return article_id, str(row[0]), str(row[1])


def _store_source(conn: sqlite3.Connection, article_id: int, record: ArticleRecord) -> None:
    if record.source is None:
        return
    conn.execute(
        "INSERT OR REPLACE INTO article_sources"
        " (article_id, media_type, compression, original_size, data) VALUES (?, ?, ?, ?, ?)",
        (
            article_id,
            record.source_type,
            "zlib",
            len(record.source),
            zlib.compress(record.source, 6),
        ),
    )


def _store_images(conn: sqlite3.Connection, article_id: int, record: ArticleRecord) -> None:
    conn.executemany(
        "INSERT INTO images (article_id, position, alt, caption, credit, src, mime,"
        " width, height, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                article_id,
                position,
                nfc(image.alt),
                nfc(image.caption),
                nfc(image.credit),
                image.src,
                image.mime,
                image.width,
                image.height,
                image.data,
            )
            for position, image in enumerate(record.images)
        ],
    )


def _store_related(conn: sqlite3.Connection, article_id: int, record: ArticleRecord) -> None:
    rows = []
    for position, story in enumerate(record.related):
        url = canonical_url(story.url)
        title = nfc(story.title).strip()
        title_key = fold_vietnamese(collapse_whitespace(title))
        rows.append(
            (
                article_id,
                position,
                story.kind,
                title,
                title_key,
                url,
                story.section,
                story.summary,
                resolve_related(conn, article_id, url, title_key),
            )
        )
    conn.executemany(
        "INSERT INTO related (article_id, position, kind, title, title_key, url, section,"
        " summary, target_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def resolve_related(
    conn: sqlite3.Connection, article_id: int, url: str | None, title_key: str
) -> int | None:
    """The saved article a related story points to, if it is saved.

    By canonical URL; a story listed without a URL (text dumps print
    titles only) is matched by its folded title instead.
    """
    if url is not None:
        row = conn.execute("SELECT id FROM articles WHERE url = ?", (url,)).fetchone()
    else:
        row = conn.execute(
            "SELECT id FROM articles WHERE title_key = ? AND id != ? ORDER BY id LIMIT 1",
            (title_key, article_id),
        ).fetchone()
    return None if row is None else int(row[0])


def link_related_to(
    conn: sqlite3.Connection, article_id: int, url: str | None, title_key: str
) -> None:
    """Point related stories saved earlier at this newly saved article."""
    if url is not None:
        conn.execute(
            "UPDATE related SET target_id = ? WHERE url = ? AND target_id IS NULL",
            (article_id, url),
        )
    conn.execute(
        "UPDATE related SET target_id = ? WHERE url IS NULL AND title_key = ?"
        " AND target_id IS NULL AND article_id != ?",
        (article_id, title_key, article_id),
    )


# ----------------------------------------------------------------------
# Reading
# ----------------------------------------------------------------------


def get(store: Store, article_id: int) -> Article:
    """The whole article with its tags, images (metadata) and related stories."""
    with store.read():
        row = store.row("SELECT * FROM articles WHERE id = ?", (article_id,))
        if row is None:
            raise ArticleNotFoundError(f"no article with id {article_id}")
        return Article(
            **{column: row[column] for column in _ARTICLE_COLUMNS},
            reading_minutes=reading_minutes(row["word_count"]),
            favorite=bool(row["favorite"]),
            tags=tuple(tags.article_tags(store, article_id)),
            images=tuple(images(store, article_id)),
            related=tuple(related_links(store, article_id)),
            extraction=extraction_from_json(row["extraction"]),
        )


def extraction_json(info: ExtractionInfo) -> str | None:
    """How an extraction is stored: JSON, or NULL when nothing was recorded
    (text dumps, pending pages)."""
    if not info.version and not info.warnings:
        return None
    return json.dumps({"version": info.version, "warnings": list(info.warnings)})


def extraction_from_json(stored: str | None) -> ExtractionInfo | None:
    if not stored:
        return None
    value = json.loads(stored)
    return ExtractionInfo(
        version=str(value.get("version", "")),
        warnings=[str(warning) for warning in value.get("warnings", [])],
    )


# The articles columns an Article carries as they are stored.
_ARTICLE_COLUMNS = (
    "id", "url", "title", "byline", "site", "section", "published", "saved", "updated", "lead",
    "body_text", "reader_html", "language", "word_count", "status", "reading_position",
    "content_hash", "arrived_by", "source_name", "capture_status", "capture_error",
)  # fmt: skip


def find_id(store: Store, url: str | None) -> int | None:
    """The id of the saved article at this address (compared canonically)."""
    canonical = canonical_url(url)
    if canonical is None:
        return None
    row = store.row("SELECT id FROM articles WHERE url = ?", (canonical,))
    return None if row is None else int(row[0])


def exists(store: Store, article_id: int) -> bool:
    return store.row("SELECT 1 FROM articles WHERE id = ?", (article_id,)) is not None


def require(conn: sqlite3.Connection, article_id: int) -> None:
    """Raise ArticleNotFoundError unless the article exists."""
    if not conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone():
        raise ArticleNotFoundError(f"no article with id {article_id}")


def images(store: Store, article_id: int) -> list[Image]:
    rows = store.rows(
        "SELECT id, article_id, position, alt, caption, credit, src,"
        " data IS NOT NULL AS has_data, mime, width, height"
        " FROM images WHERE article_id = ? ORDER BY position",
        (article_id,),
    )
    return [Image(**{**dict(row), "has_data": bool(row["has_data"])}) for row in rows]


def image_data(store: Store, article_id: int, position: int) -> tuple[bytes, str | None] | None:
    """The bytes and MIME type of an article's n-th image, or None if the
    library has no copy of it."""
    row = store.row(
        "SELECT data, mime FROM images WHERE article_id = ? AND position = ?",
        (article_id, position),
    )
    if row is None or row["data"] is None:
        return None
    return bytes(row["data"]), row["mime"]


def related_links(store: Store, article_id: int) -> list[RelatedLink]:
    rows = store.rows(
        "SELECT id, article_id, position, kind, title, url, section, summary, target_id"
        " FROM related WHERE article_id = ? ORDER BY position",
        (article_id,),
    )
    return [RelatedLink(**dict(row)) for row in rows]


def source(store: Store, article_id: int) -> tuple[bytes, str | None] | None:
    """The original bytes an article was captured from, if kept."""
    row = store.row(
        "SELECT data, media_type, compression FROM article_sources WHERE article_id = ?",
        (article_id,),
    )
    if row is None:
        return None
    if row["compression"] != "zlib":
        raise LibraryError(f"unknown compression {row['compression']!r} for article {article_id}")
    return zlib.decompress(row["data"]), row["media_type"]


# ----------------------------------------------------------------------
# The person's marks
# ----------------------------------------------------------------------


def _check_status(status: str) -> None:
    if status not in ARTICLE_STATUSES:
        raise LibraryError(f"unknown status {status!r}")


def update_one(store: Store, article_id: int, column: str, value: object) -> None:
    """Set one mark column of one article; ArticleNotFoundError if it is gone."""
    with store.write() as conn:
        cursor = conn.execute(f"UPDATE articles SET {column} = ? WHERE id = ?", (value, article_id))
        if cursor.rowcount == 0:
            raise ArticleNotFoundError(f"no article with id {article_id}")


def update_many(store: Store, article_ids: Iterable[int], column: str, value: object) -> int:
    """Set one mark column of many articles in one statement; returns how
    many articles exist among them (ids that are gone are skipped)."""
    with store.write() as conn:
        cursor = conn.execute(
            f"UPDATE articles SET {column} = ? WHERE id IN {IDS}",
            (value, id_list(sorted(set(article_ids)))),
        )
        return cursor.rowcount


def set_status(store: Store, article_id: int, status: ArticleStatus) -> None:
    _check_status(status)
    update_one(store, article_id, "status", status)


def set_status_many(store: Store, article_ids: Iterable[int], status: ArticleStatus) -> int:
    _check_status(status)
    return update_many(store, article_ids, "status", status)


def set_favorite(store: Store, article_id: int, favorite: bool) -> None:
    update_one(store, article_id, "favorite", int(favorite))


def set_favorite_many(store: Store, article_ids: Iterable[int], favorite: bool) -> int:
    return update_many(store, article_ids, "favorite", int(favorite))


def set_reading_position(store: Store, article_id: int, position: float) -> None:
    update_one(store, article_id, "reading_position", min(max(position, 0.0), 1.0))


# ----------------------------------------------------------------------
# Deleting
# ----------------------------------------------------------------------


def delete(conn: sqlite3.Connection, article_ids: Iterable[int]) -> int:
    """Delete articles inside a write transaction, keeping the search and
    similarity indexes in step; the rest goes by ON DELETE CASCADE. Tags
    left on no article go too. Returns how many articles went."""
    ids = sorted(set(article_ids))
    if not ids:
        return 0
    search_index.unindex(conn, ids)
    similar.forget_articles(conn, ids)
    deleted = conn.execute(f"DELETE FROM articles WHERE id IN {IDS}", (id_list(ids),)).rowcount
    tags.drop_unused(conn)
    return deleted


def delete_many(store: Store, article_ids: Iterable[int]) -> int:
    """Delete articles with everything they own, in one transaction."""
    with store.write() as conn:
        return delete(conn, article_ids)
