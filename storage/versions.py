"""Versions: the earlier texts of an article, and newer ones held back.

A re-save that changes an article's text keeps the text it replaces as a
version; a re-save whose text is much shorter or has another title is kept
as a version itself while the saved text stays current (the rules are in
``storage.articles.save``). A version holds everything needed to make it
current again: the article's content columns and related stories as
zlib-packed JSON, the original source bytes (as ``article_sources`` keeps
them, already compressed) and copies of its pictures (``version_images``),
so that nothing later done to the article's own rows can lose them.

Writers take the connection of the caller's write transaction and never
open or commit one (the version is part of the article's save); readers
take a ``Store``.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from dataclasses import dataclass
from typing import Any

from core.models import ArticleVersion, Image, ImageRecord, RelatedRecord, Version, VersionReason
from storage.db import Store
from storage.errors import LibraryError

COMPRESSION = "zlib"
ZLIB_LEVEL = 6

CONTENT_COLUMNS = (
    "title", "byline", "site", "section", "published", "updated", "lead", "body_text",
    "reader_html", "language", "word_count", "content_hash", "arrived_by", "source_name",
    "capture_status", "capture_error", "extraction",
)  # fmt: skip
"""The articles columns a version keeps: what a save writes (``updated``
being when that text was saved); never the person's marks nor identity."""

_VERSION_COLUMNS = (
    "v.article_id, v.number, v.title, v.word_count, v.saved, v.kept, v.extractor, v.reason,"
    " length(v.content) + coalesce(length(v.source_data), 0) + coalesce(("
    "SELECT sum(length(i.data)) FROM version_images i WHERE i.version_id = v.id), 0)"
)


class VersionNotFoundError(LibraryError):
    """The article has no version with the requested number."""


_IMAGE_COLUMNS = "position, alt, caption, credit, src, mime, width, height, data"


@dataclass
class StoredVersion:
    """A version's whole content, to make it current again."""

    version: Version
    content: dict[str, Any]
    """``CONTENT_COLUMNS`` values."""
    related: list[RelatedRecord]
    images: list[ImageRecord]
    source: tuple[bytes, str | None] | None
    """The original bytes (decompressed) and their media type, if kept."""


def _version(row: sqlite3.Row | tuple[Any, ...]) -> Version:
    return Version(
        article_id=int(row[0]),
        number=int(row[1]),
        title=str(row[2]),
        word_count=int(row[3]),
        saved=str(row[4]),
        kept=str(row[5]),
        extractor=row[6],
        reason=row[7],
        stored_bytes=int(row[8]),
    )


def _extractor(extraction: str | None) -> str | None:
    """The extraction version named in an article's stored extraction JSON."""
    if not extraction:
        return None
    version = json.loads(extraction).get("version")
    return str(version) if version else None


def _insert(
    conn: sqlite3.Connection,
    article_id: int,
    content: dict[str, Any],
    related: list[dict[str, Any]],
    images: list[tuple[Any, ...]],
    source: tuple[str | None, str, int, bytes] | None,
    kept: str,
    reason: VersionReason,
) -> Version:
    """Store one version; ``images`` rows are in ``_IMAGE_COLUMNS`` order and
    ``source`` is (media type, compression, original size, stored bytes)."""
    packed = json.dumps({"columns": content, "related": related}, ensure_ascii=False).encode()
    number = conn.execute(
        "SELECT coalesce(max(number), 0) + 1 FROM article_versions WHERE article_id = ?",
        (article_id,),
    ).fetchone()[0]
    media_type, compression, size, data = source if source else (None, None, None, None)
    cursor = conn.execute(
        "INSERT INTO article_versions (article_id, number, reason, title, word_count, saved,"
        " kept, extractor, compression, original_size, content, source_media_type,"
        " source_compression, source_size, source_data)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            article_id,
            number,
            reason,
            content["title"],
            content["word_count"],
            content["updated"],
            kept,
            _extractor(content["extraction"]),
            COMPRESSION,
            len(packed),
            zlib.compress(packed, ZLIB_LEVEL),
            media_type,
            compression,
            size,
            data,
        ),
    )
    version_id = cursor.lastrowid
    conn.executemany(
        f"INSERT INTO version_images (version_id, {_IMAGE_COLUMNS})"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(version_id, *image) for image in images],
    )
    found = get(conn, article_id, number)
    assert found is not None
    return found


def keep_current(
    conn: sqlite3.Connection, article_id: int, kept: str, reason: VersionReason
) -> Version:
    """Keep the article's current text (with its pictures, related stories
    and source) as a new version, before a save or a revert replaces it."""
    columns = ", ".join(CONTENT_COLUMNS)
    row = conn.execute(f"SELECT {columns} FROM articles WHERE id = ?", (article_id,)).fetchone()
    content = dict(zip(CONTENT_COLUMNS, row, strict=True))
    related = [
        {"kind": kind, "title": title, "url": url, "section": section, "summary": summary}
        for kind, title, url, section, summary in conn.execute(
            "SELECT kind, title, url, section, summary FROM related"
            " WHERE article_id = ? ORDER BY position",
            (article_id,),
        )
    ]
    images = [
        tuple(image)
        for image in conn.execute(
            f"SELECT {_IMAGE_COLUMNS} FROM images WHERE article_id = ? ORDER BY position",
            (article_id,),
        )
    ]
    source = conn.execute(
        "SELECT media_type, compression, original_size, data FROM article_sources"
        " WHERE article_id = ?",
        (article_id,),
    ).fetchone()
    return _insert(
        conn,
        article_id,
        content,
        related,
        images,
        None if source is None else (source[0], str(source[1]), int(source[2]), bytes(source[3])),
        kept,
        reason,
    )


def keep_new(
    conn: sqlite3.Connection,
    article_id: int,
    content: dict[str, Any],
    related: list[RelatedRecord],
    images: list[ImageRecord],
    source: tuple[bytes, str | None] | None,
    kept: str,
    reason: VersionReason,
) -> Version:
    """Keep a save's text as a version without making it current (held back)."""
    return _insert(
        conn,
        article_id,
        {column: content.get(column) for column in CONTENT_COLUMNS},
        [
            {
                "kind": story.kind,
                "title": story.title,
                "url": story.url,
                "section": story.section,
                "summary": story.summary,
            }
            for story in related
        ],
        [
            (
                position,
                image.alt,
                image.caption,
                image.credit,
                image.src,
                image.mime,
                image.width,
                image.height,
                image.data,
            )
            for position, image in enumerate(images)
        ],
        None
        if source is None
        else (source[1], COMPRESSION, len(source[0]), zlib.compress(source[0], ZLIB_LEVEL)),
        kept,
        reason,
    )


def get(conn: sqlite3.Connection, article_id: int, number: int) -> Version | None:
    row = conn.execute(
        f"SELECT {_VERSION_COLUMNS} FROM article_versions v"
        " WHERE v.article_id = ? AND v.number = ?",
        (article_id, number),
    ).fetchone()
    return None if row is None else _version(row)


def _decompress(compression: str | None, data: bytes) -> bytes:
    if compression != COMPRESSION:
        raise LibraryError(f"unknown compression {compression!r} in a kept version")
    return zlib.decompress(data)


def load(conn: sqlite3.Connection, article_id: int, number: int) -> StoredVersion:
    """A version's whole content; VersionNotFoundError if there is none."""
    version = get(conn, article_id, number)
    row = conn.execute(
        "SELECT id, compression, content, source_media_type, source_compression, source_data"
        " FROM article_versions WHERE article_id = ? AND number = ?",
        (article_id, number),
    ).fetchone()
    if version is None or row is None:
        raise VersionNotFoundError(f"article {article_id} has no version {number}")
    version_id, compression, packed, media_type, source_compression, source_data = row
    unpacked = json.loads(_decompress(compression, bytes(packed)))
    images = [
        ImageRecord(
            src=src,
            alt=alt,
            caption=caption,
            credit=credit,
            data=None if data is None else bytes(data),
            mime=mime,
            width=width,
            height=height,
        )
        for _, alt, caption, credit, src, mime, width, height, data in conn.execute(
            f"SELECT {_IMAGE_COLUMNS} FROM version_images WHERE version_id = ? ORDER BY position",
            (version_id,),
        )
    ]
    return StoredVersion(
        version=version,
        content=dict(unpacked["columns"]),
        related=[RelatedRecord(**story) for story in unpacked["related"]],
        images=images,
        source=None
        if source_data is None
        else (_decompress(source_compression, bytes(source_data)), media_type),
    )


def forget(conn: sqlite3.Connection, article_id: int, number: int) -> None:
    """Drop a version (its pictures go by cascade): it became current again."""
    conn.execute(
        "DELETE FROM article_versions WHERE article_id = ? AND number = ?", (article_id, number)
    )


# ----------------------------------------------------------------------
# Reading
# ----------------------------------------------------------------------


def list_versions(store: Store, article_id: int) -> list[Version]:
    """An article's versions, oldest first, with their word counts."""
    rows = store.rows(
        f"SELECT {_VERSION_COLUMNS} FROM article_versions v"
        " WHERE v.article_id = ? ORDER BY v.number",
        (article_id,),
    )
    return [_version(row) for row in rows]


def read(store: Store, article_id: int, number: int) -> ArticleVersion:
    """A version's text and reader HTML, with its pictures' metadata."""
    with store.read() as conn:
        stored = load(conn, article_id, number)
        rows = conn.execute(
            "SELECT i.rowid, i.position, i.alt, i.caption, i.credit, i.src,"
            " i.data IS NOT NULL, i.mime, i.width, i.height FROM version_images i"
            " JOIN article_versions v ON v.id = i.version_id"
            " WHERE v.article_id = ? AND v.number = ? ORDER BY i.position",
            (article_id, number),
        ).fetchall()
    content = stored.content
    return ArticleVersion(
        version=stored.version,
        title=str(content["title"]),
        byline=content.get("byline"),
        lead=content.get("lead"),
        body_text=str(content.get("body_text") or ""),
        reader_html=str(content.get("reader_html") or ""),
        language=content.get("language"),
        images=tuple(
            Image(
                id=int(row[0]),
                article_id=article_id,
                position=int(row[1]),
                alt=str(row[2]),
                caption=str(row[3]),
                credit=str(row[4]),
                src=row[5],
                has_data=bool(row[6]),
                mime=row[7],
                width=row[8],
                height=row[9],
            )
            for row in rows
        ),
    )


def image_data(
    store: Store, article_id: int, number: int, position: int
) -> tuple[bytes, str | None] | None:
    """The bytes and MIME type of a version's n-th picture, if it has them."""
    row = store.row(
        "SELECT i.data, i.mime FROM version_images i"
        " JOIN article_versions v ON v.id = i.version_id"
        " WHERE v.article_id = ? AND v.number = ? AND i.position = ?",
        (article_id, number, position),
    )
    if row is None or row[0] is None:
        return None
    return bytes(row[0]), row[1]


def stored_bytes(store: Store) -> int:
    """The space every kept version takes: compressed text, sources, pictures."""
    row = store.row(
        "SELECT coalesce((SELECT sum(length(content) + coalesce(length(source_data), 0))"
        " FROM article_versions), 0)"
        " + coalesce((SELECT sum(coalesce(length(data), 0)) FROM version_images), 0)"
    )
    return 0 if row is None else int(row[0])
