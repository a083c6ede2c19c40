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
import re
import sqlite3
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal
from urllib.parse import urlsplit

from core.models import (
    ARTICLE_STATUSES,
    Article,
    ArticleKind,
    ArticleRecord,
    ArticleStatus,
    ExtractionInfo,
    Image,
    RelatedLink,
    SaveResult,
    Version,
)
from core.text import collapse_whitespace, count_words, fold_vietnamese, nfc
from core.urls import canonical_url
from storage import highlights, search_index, similar, tags, topics, versions
from storage.db import IDS, Store, id_list
from storage.errors import ArticleNotFoundError, LibraryError
from storage.similar.terms import DUPLICATE_JACCARD

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


# A new text with fewer words than this share of the saved text's is held
# back (kept as a version) instead of replacing it: a cut fetch, a page that
# lost its body, a teaser in place of the story.
SHORTER_SHARE = 0.7

# Last path segments of home and listing pages, which many pages declare as
# their canonical address by mistake; never an article's identity.
_LISTING_SEGMENTS = frozenset(
    {"tag", "tags", "category", "categories", "topic", "topics", "section", "sections",
     "author", "authors", "archive", "archives", "search", "feed", "rss", "page", "home",
     "index", "index.html", "index.htm", "index.php", "default.aspx", "news", "latest"}
)  # fmt: skip
_LISTING_PARENTS = frozenset(
    {"tag", "tags", "category", "categories", "topic", "topics", "author", "authors", "page",
     "archive", "archives", "search", "label", "labels"}
)  # fmt: skip
_SLUG = re.compile(r"[-_.0-9]")


def is_plausible_article_address(url: str) -> bool:
    """Whether an address a page declares (its canonical link) can name one
    article: not a site's root, not a listing (``/tag/…``, ``/category/…``,
    ``/page/2``, ``?page=2``) and with a slug (a segment with a hyphen, an
    underscore, a dot or a digit: ``pho-co``, ``pho_co.html``, ``12345``)."""
    parts = urlsplit(url)
    segments = [segment.lower() for segment in parts.path.split("/") if segment]
    if not segments:
        return False
    if any(segment in _LISTING_PARENTS for segment in segments[:-1]):
        return False
    if segments[-1] in _LISTING_SEGMENTS:
        return False
    if re.search(r"(?:^|&)(?:page|paged|p)=\d+(?:&|$)", parts.query) and len(segments) < 2:
        return False
    query_id = re.search(r"(?:^|&)(?:id|p|article|story)=\w", parts.query)
    return query_id is not None or _SLUG.search(segments[-1]) is not None


def _record_values(record: ArticleRecord, now: str) -> dict[str, Any]:
    """The articles columns a save writes from a record (not its address)."""
    words = count_words(record.body_text) + count_words(record.lead or "")
    values: dict[str, Any] = {
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
        "content_hash": content_hash(record),
        "arrived_by": record.arrived_by,
        "source_name": record.source_name,
        "capture_status": record.capture_status,
        "capture_error": record.capture_error,
        "extraction": extraction_json(record.extraction),
    }
    values["title_key"] = title_key(values["title"])
    return values


def title_key(title: str) -> str:
    return fold_vietnamese(collapse_whitespace(title))


@dataclass(frozen=True)
class _Existing:
    """The saved article a save updates."""

    id: int
    saved: str
    capture_status: str
    kind: ArticleKind


def _text_signature(lead: str | None, body: str) -> tuple[int, ...] | None:
    return similar.minhash_signature([similar.split_field(lead or ""), similar.split_field(body)])


def _same_story(conn: sqlite3.Connection, url: str, values: dict[str, Any]) -> bool:
    """Whether the article saved at ``url`` (if any) tells the story of
    ``values``: the same title, or a near-copy of its text (MinHash)."""
    row = conn.execute(
        "SELECT title_key, lead, body_text FROM articles WHERE url = ?", (url,)
    ).fetchone()
    if row is None or row[0] == values["title_key"]:
        return True
    saved = _text_signature(row[1], row[2])
    new = _text_signature(values["lead"], values["body_text"])
    return (
        saved is not None
        and new is not None
        and similar.estimated_jaccard(saved, new) >= DUPLICATE_JACCARD
    )


def _page_address(
    conn: sqlite3.Connection, record: ArticleRecord, values: dict[str, Any]
) -> tuple[str | None, str | None]:
    """(``url``, ``page_url``) of a page's article. A fetched address is its
    identity; a declared one only when plausible and, if an article already
    has it, when this is the same story. Otherwise it is kept in ``page_url``
    and the page is told apart by its text, like a page with no address."""
    url = canonical_url(record.url)
    if url is None or not record.url_declared:
        return url, None
    if is_plausible_article_address(url) and _same_story(conn, url, values):
        return url, None
    return None, url


def _clip_title(
    conn: sqlite3.Connection, page_url: str | None, fallback: str
) -> tuple[str, int | None]:
    """A clip's title and the id of its page's article, when that is saved."""
    row = None
    if page_url is not None:
        row = conn.execute(
            "SELECT id, title FROM articles WHERE url = ? AND kind = 'article'", (page_url,)
        ).fetchone()
    if row is None:
        return fallback, None
    return f"Clipped from {row[1]}", int(row[0])


def _find_clip(conn: sqlite3.Connection, page_url: str | None, digest: str) -> _Existing | None:
    """The clip of this same text from this same page, dropped before."""
    row = conn.execute(
        "SELECT id, saved, capture_status, kind FROM articles"
        " WHERE kind = 'clip' AND content_hash = ? AND page_url IS ? ORDER BY id LIMIT 1",
        (digest, page_url),
    ).fetchone()
    return None if row is None else _Existing(int(row[0]), str(row[1]), str(row[2]), row[3])


TextChange = Literal["same", "replace", "shorter", "retitled"]


def _compare_text(conn: sqlite3.Connection, article_id: int, values: dict[str, Any]) -> TextChange:
    """How a save's text compares with the saved one: the ``same`` (or the
    saved article is pending or empty: nothing to keep), one to ``replace``
    it (the saved text is kept as a version), or one to hold back because it
    is much ``shorter`` or ``retitled`` (kept as a version, not current)."""
    row = conn.execute(
        "SELECT title_key, lead, content_hash, word_count, capture_status"
        " FROM articles WHERE id = ?",
        (article_id,),
    ).fetchone()
    saved_title, saved_lead, saved_hash, saved_words, status = row
    if status != "complete" or saved_words == 0:
        return "same"
    if (saved_title, saved_lead, saved_hash) == (
        values["title_key"],
        values["lead"],
        values["content_hash"],
    ):
        return "same"
    if values["word_count"] < SHORTER_SHARE * saved_words:
        return "shorter"
    if values["title_key"] != saved_title:
        return "retitled"
    return "replace"


def save(
    store: Store, record: ArticleRecord, extra_tags: Iterable[str], into: int | None
) -> SaveResult:
    """Save an article with its images, tags and related stories (see
    ``Library.save_article``)."""
    now = utc_now()
    values = _record_values(record, now)
    digest = values["content_hash"]
    with store.write() as conn:
        if into is not None:
            existing: _Existing | None = _saved_at(conn, into)
            assert existing is not None
            kind = existing.kind
        else:
            kind = record.kind
        if kind == "clip":
            url, page_url = None, canonical_url(record.url)
            values["title"], values["clip_of"] = _clip_title(conn, page_url, values["title"])
            values["title_key"] = title_key(values["title"])
            if into is None:
                existing = _find_clip(conn, page_url, digest)
        else:
            url, page_url = _page_address(conn, record, values)
            if into is None:
                found = find_existing(conn, url, digest, kind="article")
                existing = None if found is None else _Existing(*found, "article")
        values["url"] = url
        values["page_url"] = page_url
        if (
            existing is not None
            and record.capture_status == "pending"
            and existing.capture_status == "complete"
        ):
            # A fetch that failed must not replace an article already
            # saved whole with an empty pending copy: keep it, add tags.
            with search_index.reindexed(conn, [existing.id]):
                tags.attach(conn, existing.id, [*record.tags, *extra_tags])
                topics.attach(conn, existing.id, record.topics)
            return SaveResult(existing.id, "updated")
        previous: Version | None = None
        if existing is None:
            values["kind"] = kind
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
            article_id = existing.id
            outcome = "updated"
            change = _compare_text(conn, article_id, values)
            if change == "shorter" or change == "retitled":
                # Never replace what was saved with much less, or with
                # another story: keep the new text beside it.
                held = versions.keep_new(
                    conn,
                    article_id,
                    values,
                    record.related,
                    record.images,
                    None if record.source is None else (record.source, record.source_type),
                    now,
                    change,
                )
                with search_index.reindexed(conn, [article_id]):
                    tags.attach(conn, article_id, extra_tags)
                return SaveResult(article_id, outcome, held_back=held)
            if change == "replace":
                previous = versions.keep_current(conn, article_id, now, "replaced")
            _replace_content(conn, article_id, existing.saved, values, record)
        if existing is None:
            _store_source(conn, article_id, record)
            _store_images(conn, article_id, record)
            _store_related(conn, article_id, record)
        link_related_to(conn, article_id, url, values["title_key"])
        if url is not None and kind == "article":
            conn.execute(
                "UPDATE articles SET clip_of = ? WHERE kind = 'clip' AND page_url = ?"
                " AND clip_of IS NULL",
                (article_id, url),
            )
        tags.attach(conn, article_id, [*record.tags, *extra_tags])
        topics.attach(conn, article_id, record.topics)
        search_index.index(conn, [article_id])
        similar.index_article(conn, article_id)
    return SaveResult(article_id, outcome, previous_version=previous)


def _replace_content(
    conn: sqlite3.Connection,
    article_id: int,
    saved: str,
    values: dict[str, Any],
    record: ArticleRecord,
) -> None:
    """Write new content over a saved article's row, pictures, related
    stories and source, and finds its highlights again in the new text; the
    caller re-indexes it."""
    values["sort_date"] = sort_date(values["published"], saved)
    search_index.unindex(conn, [article_id])
    assignments = ", ".join(f"{column} = ?" for column in values)
    conn.execute(f"UPDATE articles SET {assignments} WHERE id = ?", (*values.values(), article_id))
    conn.execute("DELETE FROM images WHERE article_id = ?", (article_id,))
    conn.execute("DELETE FROM related WHERE article_id = ?", (article_id,))
    _store_source(conn, article_id, record)
    _store_images(conn, article_id, record)
    _store_related(conn, article_id, record)
    highlights.reanchor(conn, article_id)


def revert(store: Store, article_id: int, number: int) -> Version:
    """Make version ``number`` the article's current text again, keeping the
    current text as a new version (returned). One transaction."""
    now = utc_now()
    with store.write() as conn:
        existing = _saved_at(conn, article_id)
        stored = versions.load(conn, article_id, number)
        kept = versions.keep_current(conn, article_id, now, "reverted")
        content = stored.content
        record = ArticleRecord(
            title=str(content["title"]),
            byline=content["byline"],
            site=content["site"],
            section=content["section"],
            published=content["published"],
            lead=content["lead"],
            body_text=str(content["body_text"]),
            reader_html=str(content["reader_html"]),
            language=content["language"],
            images=stored.images,
            related=stored.related,
            arrived_by=str(content["arrived_by"]),
            source=None if stored.source is None else stored.source[0],
            source_type=None if stored.source is None else stored.source[1],
            source_name=content["source_name"],
            capture_status=content["capture_status"],
            capture_error=content["capture_error"],
            extraction=extraction_from_json(content["extraction"]) or ExtractionInfo(),
        )
        values = _record_values(record, now)
        if existing.kind == "clip":
            # A clip keeps the title it has now ("Clipped from …").
            values.pop("title")
            values.pop("title_key")
        if record.source is None:
            conn.execute("DELETE FROM article_sources WHERE article_id = ?", (article_id,))
        _replace_content(conn, article_id, existing.saved, values, record)
        versions.forget(conn, article_id, number)
        row = conn.execute("SELECT url, title_key FROM articles WHERE id = ?", (article_id,))
        url, key = row.fetchone()
        link_related_to(conn, article_id, url, key)
        search_index.index(conn, [article_id])
        similar.index_article(conn, article_id)
    return kept


def find_existing(
    conn: sqlite3.Connection,
    url: str | None,
    digest: str,
    *,
    kind: ArticleKind | None = None,
) -> tuple[int, str, str] | None:
    """The id, save time and capture status of the article a save of this
    address (or, without one, this text) updates. Without an address only
    articles with none of their own match, of ``kind`` when given."""
    if url is not None:
        row = conn.execute(
            "SELECT id, saved, capture_status FROM articles WHERE url = ?", (url,)
        ).fetchone()
    else:
        row = conn.execute(
            "SELECT id, saved, capture_status FROM articles"
            " WHERE url IS NULL AND content_hash = ? AND kind = coalesce(?, kind)"
            " ORDER BY id LIMIT 1",
            (digest, kind),
        ).fetchone()
    return None if row is None else (int(row[0]), str(row[1]), str(row[2]))


def _saved_at(conn: sqlite3.Connection, article_id: int) -> _Existing:
    row = conn.execute(
        "SELECT saved, capture_status, kind FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    if row is None:
        raise ArticleNotFoundError(f"no article with id {article_id}")
    return _Existing(article_id, str(row[0]), str(row[1]), row[2])


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
            topics=tuple(topics.article_topics(store, article_id)),
            images=tuple(images(store, article_id)),
            related=tuple(related_links(store, article_id)),
            extraction=extraction_from_json(row["extraction"]),
            kind=row["kind"],
            clip_of=row["clip_of"],
            page_url=row["page_url"],
            clips=tuple(
                int(clip[0])
                for clip in store.rows(
                    "SELECT id FROM articles WHERE clip_of = ? ORDER BY id", (article_id,)
                )
            ),
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
    topics.drop_unused(conn)
    return deleted


def delete_many(store: Store, article_ids: Iterable[int]) -> int:
    """Delete articles with everything they own, in one transaction."""
    with store.write() as conn:
        return delete(conn, article_ids)
