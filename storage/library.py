"""``Library``: one SQLite file holding every saved article.

The only place in Readshelf that speaks SQL. A ``Library`` owns one
connection and, like the connection, belongs to the thread that opened it;
a worker thread opens its own ``Library`` on the same path.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import os
import re
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from sqlite_utils import Database

from core.models import (
    ARTICLE_STATUSES,
    Article,
    ArticleRecord,
    ArticleStatus,
    ArticleSummary,
    Image,
    RelatedItem,
    RelatedLink,
    SaveResult,
    SearchHit,
    SimilarArticle,
    Tag,
)
from core.text import collapse_whitespace, fold_for_index, fold_vietnamese, nfc
from core.urls import canonical_url
from storage import backups, schema, similar
from storage.errors import (
    ArticleNotFoundError,
    DiskFullError,
    LibraryError,
    LibraryLockedError,
    NotALibraryError,
    SearchSyntaxError,
    TagNotFoundError,
)
from storage.feeds import FeedStore
from storage.search import compile_query

# How long a write waits for another program (the window, a CLI command) to
# finish its own write before giving up with LibraryLockedError.
BUSY_TIMEOUT_SECONDS = 10.0

# Reading speed used for "N min read". Vietnamese words are single syllables,
# read faster per token than English words; 230 is a fair middle.
WORDS_PER_MINUTE = 230

# bm25() weights, in the order of schema.SEARCH_COLUMNS: a hit in the title
# matters most, then tags and the lead, then captions and byline, then body.
_BM25_WEIGHTS = (10.0, 4.0, 1.0, 2.0, 5.0, 2.0)

# Search ranks every match by bm25 up to this many; past it, see search().
RANK_EVERY_MATCH_UP_TO = 10_000
# The columns whose matches rank first for a very common query.
_WEIGHTY_COLUMNS = ("title", "tags")
# A quoted term or phrase in a compiled FTS5 expression.
_QUOTED = re.compile(r'"(?:[^"]|"")*"')

# Markers around matched words in a snippet; rendered by SearchHit users.
SNIPPET_START = "\x02"
SNIPPET_END = "\x03"

SortKey = Literal["date", "saved", "title", "site", "section", "reading", "status"]
_SORT_COLUMNS: dict[str, str] = {
    "date": "sort_date",
    "saved": "saved",
    "title": "title_key",
    "site": "coalesce(site, '')",
    "section": "coalesce(section, '')",
    "reading": "word_count",
    "status": "status",
}

_SUMMARY_COLUMNS = (
    "id, title, site, section, published, saved, word_count, status, favorite, capture_status"
)


@dataclass(frozen=True)
class ArticleFilter:
    """Which articles a list shows. ``None`` fields do not filter."""

    status: ArticleStatus | None = None
    tag: str | None = None
    favorite: bool | None = None
    pending: bool | None = None
    feed_id: int | None = None
    ids: tuple[int, ...] | None = None


def _loosened(quoted: str) -> str:
    """A quoted FTS5 phrase as the AND of its words; a single word as is."""
    words = quoted[1:-1].split()
    if len(words) < 2:
        return quoted
    return "(" + " AND ".join(f'"{word}"' for word in words) + ")"


def _listed_from(where: ArticleFilter) -> str:
    """The FROM of a list page's ids or a count. For a tag, its articles'
    sort keys are looked up in the compact articles_list_keys index: the
    planner would otherwise read each article's (large) row by its id."""
    if where.tag is not None and where.favorite is None and where.pending is None:
        return "articles INDEXED BY articles_list_keys"
    return "articles"


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


def _sort_date(published: str | None, saved: str) -> str:
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


@contextlib.contextmanager
def _translated_errors() -> Iterator[None]:
    """Turn SQLite's expected failures into LibraryError subclasses."""
    try:
        yield
    except sqlite3.OperationalError as error:
        message = str(error).lower()
        if "locked" in message or "busy" in message:
            raise LibraryLockedError(
                "the library is busy in another program; try again in a moment"
            ) from error
        if "disk is full" in message or "database or disk is full" in message:
            raise DiskFullError("the disk holding the library is full") from error
        if "readonly" in message or "read-only" in message:
            raise LibraryError("the library file is read-only") from error
        if "unable to open" in message:
            raise LibraryError(f"cannot open the library file: {error}") from error
        raise
    except sqlite3.DatabaseError as error:
        message = str(error).lower()
        if "not a database" in message or "malformed" in message:
            raise NotALibraryError(
                "the file is not a Readshelf library, or it is damaged"
            ) from error
        raise


class Library(FeedStore):
    """A Readshelf library file. Open with ``Library(path)``; close when done.

    Every method either returns plain dataclasses or raises a LibraryError
    subclass for failures a person can act on.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        vfs: str | None = None,
        busy_timeout: float = BUSY_TIMEOUT_SECONDS,
    ) -> None:
        """Open (or create) the library at ``path``.

        ``vfs`` names an SQLite VFS for file systems that need one, such as
        ``unix-dotfile`` for a network share whose locks do not work (also
        read from the ``READSHELF_SQLITE_VFS`` environment variable).
        ``busy_timeout`` is how long a write waits for another program's
        write before LibraryLockedError; the window's own connection waits
        less, so it never looks frozen.
        """
        self.path = Path(path)
        self.created = not self.path.exists() or self.path.stat().st_size == 0
        self.notice: str | None = None
        vfs = vfs or os.environ.get("READSHELF_SQLITE_VFS") or None
        with _translated_errors():
            if self.created:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            target = str(self.path)
            if vfs is not None:
                target = f"{self.path.resolve().as_uri()}?vfs={vfs}"
            connection = sqlite3.connect(
                target, timeout=busy_timeout, isolation_level=None, uri=vfs is not None
            )
            self._conn = connection
            try:
                self._configure(busy_timeout)
                self.db = Database(connection, execute_plugins=False)
                self._check_is_library()
                self._counting_writes = False
                self._migrate()
                self._counting_writes = True
            except BaseException:
                connection.close()
                raise

    # ------------------------------------------------------------------
    # Opening, closing, transactions
    # ------------------------------------------------------------------

    def _configure(self, busy_timeout: float) -> None:
        conn = self._conn
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        self.journal_mode = str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]).lower()
        if self.journal_mode != "wal":
            # WAL needs shared memory between the programs using the file,
            # which network shares often cannot provide: SQLite then keeps
            # the old mode. Fall back to a rollback journal, and say so.
            self.journal_mode = str(
                conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
            ).lower()
            self.notice = (
                "this library's file system does not support write-ahead logging"
                " (a network share?); using a rollback journal: safe, but the window"
                " and the command line will wait for each other more"
            )
        # FULL: a save the person saw succeed survives a power cut too. The
        # cost is one fsync per saved article, far below capture's own time.
        conn.execute("PRAGMA synchronous = FULL")

    def _check_is_library(self) -> None:
        tables = {
            row[0]
            for row in self._conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if tables and "articles" not in tables:
            raise NotALibraryError(f"{self.path} is an SQLite file but not a Readshelf library")

    def _migrate(self) -> None:
        if not schema.migrations.pending(self.db):
            return
        applied = len(schema.migrations.applied(self.db))
        if applied:
            # An upgrade rewrites the file: keep the library as it was first.
            backups.make_backup(self._conn, self.path, f"pre-migration-v{applied}")
        with self._write():
            # Checked again under the write lock: another program may have
            # migrated the file while we waited for it.
            try:
                schema.migrations.apply(self.db)
            except sqlite3.Error as error:
                # The whole upgrade is one transaction: it rolls back, and
                # the library stays as it was, readable by the older version.
                raise LibraryError(
                    f"cannot upgrade this library to the current version: {error}"
                ) from error

    def backup(self, destination: Path | None = None) -> Path:
        """Write a consistent copy of the library; by default a new daily
        backup in the backups folder. Returns the copy's path."""
        with _translated_errors():
            try:
                if destination is None:
                    return backups.make_backup(self._conn, self.path, "daily")
                return backups.copy_database(self._conn, destination)
            except OSError as error:
                raise LibraryError(f"cannot write the backup: {error.strerror or error}") from error

    def write_count(self) -> int:
        """How many write transactions the library has committed, ever."""
        return backups.write_count(self._conn)

    def backup_if_due(self) -> Path | None:
        """The once-a-day automatic backup, when one is due. A library
        created by this very open has nothing to keep yet."""
        if not self.created and backups.daily_backup_due(self.path, self.write_count()):
            return self.backup()
        return None

    def restore(self, source: Path) -> Path:
        """Replace the library's contents with a backup file.

        The backup must pass SQLite's integrity check and be a Readshelf
        library; the current contents are saved first as a pre-restore
        backup, whose path is returned.
        """
        backups.verify_library_file(source)
        with _translated_errors():
            saved = backups.make_backup(self._conn, self.path, "pre-restore")
            origin = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
            try:
                origin.backup(self._conn)
            finally:
                origin.close()
            self._migrate()
        return saved

    def close(self) -> None:
        """Close the connection. The Library cannot be used afterwards."""
        self._conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One all-or-nothing write transaction.

        BEGIN IMMEDIATE takes the write lock up front, so a transaction that
        reads before it writes waits for another writer (busy timeout) instead
        of failing half-way with SQLITE_BUSY.
        """
        with _translated_errors():
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
                if self._counting_writes:
                    self._conn.execute(
                        "UPDATE library_state SET value = value + 1 WHERE key = 'writes'"
                    )
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def _read(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        with _translated_errors():
            cursor = self._conn.execute(sql, params)
            cursor.row_factory = sqlite3.Row
            return cursor.fetchall()

    def data_version(self) -> int:
        """A number that changes whenever another connection (another
        program, or a worker thread) commits to the library. Cheap: poll it
        to notice changes made elsewhere."""
        with _translated_errors():
            return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def schema_version(self) -> int:
        """Number of schema migrations applied to this file."""
        return len(schema.migrations.applied(self.db))

    # ------------------------------------------------------------------
    # Saving
    # ------------------------------------------------------------------

    def save_article(
        self, record: ArticleRecord, *, tags: Iterable[str] = (), into: int | None = None
    ) -> SaveResult:
        """Save an article with its images, tags and related stories.

        One transaction: either all of it is saved or nothing changes. An
        article with the same canonical URL (or, without a URL, the same
        text) is updated in place, keeping its read state, favourite mark,
        reading position and the tags the person gave it. ``into`` names the
        article to update regardless (re-extraction, retrying a pending
        capture).
        """
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
        }
        values["title_key"] = fold_vietnamese(collapse_whitespace(values["title"]))
        with self._write() as conn:
            existing = self._find_existing(url, digest) if into is None else self._saved_at(into)
            if (
                existing is not None
                and record.capture_status == "pending"
                and existing[2] == "complete"
            ):
                # A fetch that failed must not replace an article already
                # saved whole with an empty pending copy: keep it, add tags.
                with self._reindexed([existing[0]]):
                    self._attach_tags(existing[0], [*record.tags, *tags])
                return SaveResult(existing[0], "updated")
            if existing is None:
                values["saved"] = now
                values["sort_date"] = _sort_date(record.published, now)
                article_id = self._insert("articles", values)
                outcome: Literal["added", "updated"] = "added"
            else:
                article_id, saved, _ = existing
                values["sort_date"] = _sort_date(record.published, saved)
                self._unindex(article_id)
                assignments = ", ".join(f"{column} = ?" for column in values)
                conn.execute(
                    f"UPDATE articles SET {assignments} WHERE id = ?",
                    (*values.values(), article_id),
                )
                conn.execute("DELETE FROM images WHERE article_id = ?", (article_id,))
                conn.execute("DELETE FROM related WHERE article_id = ?", (article_id,))
                outcome = "updated"
            self._store_source(article_id, record)
            self._store_images(article_id, record)
            self._store_related(article_id, record)
            self._link_related_to(article_id, url, values["title_key"])
            self._attach_tags(article_id, [*record.tags, *tags])
            self._index(article_id)
            similar.index_article(conn, article_id)
        return SaveResult(article_id, outcome)

    def _find_existing(self, url: str | None, digest: str) -> tuple[int, str, str] | None:
        """The id, save time and capture status of the article a save updates."""
        if url is not None:
            row = self._conn.execute(
                "SELECT id, saved, capture_status FROM articles WHERE url = ?", (url,)
            ).fetchone()
        else:
            row = self._conn.execute(
                "SELECT id, saved, capture_status FROM articles"
                " WHERE url IS NULL AND content_hash = ? ORDER BY id LIMIT 1",
                (digest,),
            ).fetchone()
        return None if row is None else (int(row[0]), str(row[1]), str(row[2]))

    def _insert(self, table: str, values: dict[str, Any]) -> int:
        columns = ", ".join(values)
        marks = ", ".join("?" * len(values))
        cursor = self._conn.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(values.values())
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def _saved_at(self, article_id: int) -> tuple[int, str, str]:
        row = self._conn.execute(
            "SELECT saved, capture_status FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            raise ArticleNotFoundError(f"no article with id {article_id}")
        return article_id, str(row[0]), str(row[1])

    def _store_source(self, article_id: int, record: ArticleRecord) -> None:
        if record.source is None:
            return
        self._conn.execute(
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

    def _store_images(self, article_id: int, record: ArticleRecord) -> None:
        self._conn.executemany(
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

    def _store_related(self, article_id: int, record: ArticleRecord) -> None:
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
                    self._resolve_related(article_id, url, title_key),
                )
            )
        self._conn.executemany(
            "INSERT INTO related (article_id, position, kind, title, title_key, url, section,"
            " summary, target_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )

    def _resolve_related(self, article_id: int, url: str | None, title_key: str) -> int | None:
        """The saved article a related story points to, if it is saved.

        By canonical URL; a story listed without a URL (text dumps print
        titles only) is matched by its folded title instead.
        """
        if url is not None:
            row = self._conn.execute("SELECT id FROM articles WHERE url = ?", (url,)).fetchone()
        else:
            row = self._conn.execute(
                "SELECT id FROM articles WHERE title_key = ? AND id != ? ORDER BY id LIMIT 1",
                (title_key, article_id),
            ).fetchone()
        return None if row is None else int(row[0])

    def _link_related_to(self, article_id: int, url: str | None, title_key: str) -> None:
        """Point related stories saved earlier at this newly saved article."""
        if url is not None:
            self._conn.execute(
                "UPDATE related SET target_id = ? WHERE url = ? AND target_id IS NULL",
                (article_id, url),
            )
        self._conn.execute(
            "UPDATE related SET target_id = ? WHERE url IS NULL AND title_key = ?"
            " AND target_id IS NULL AND article_id != ?",
            (article_id, title_key, article_id),
        )

    # ------------------------------------------------------------------
    # The search index
    # ------------------------------------------------------------------

    def _search_row(self, article_id: int) -> tuple[Any, ...] | None:
        columns = ", ".join(schema.SEARCH_COLUMNS)
        row = self._conn.execute(
            f"SELECT {columns} FROM article_search_source WHERE id = ?", (article_id,)
        ).fetchone()
        return None if row is None else tuple(fold_for_index(value) for value in row)

    def _index(self, article_id: int) -> None:
        row = self._search_row(article_id)
        if row is None:
            return
        columns = ", ".join(schema.SEARCH_COLUMNS)
        marks = ", ".join("?" * len(schema.SEARCH_COLUMNS))
        self._conn.execute(
            f"INSERT INTO article_search (rowid, {columns}) VALUES (?, {marks})",
            (article_id, *row),
        )

    def _unindex(self, article_id: int) -> None:
        # An external-content FTS5 table forgets a row only when told the
        # exact values it indexed; they come from the same view, folded.
        row = self._search_row(article_id)
        if row is None:
            return
        columns = ", ".join(schema.SEARCH_COLUMNS)
        marks = ", ".join("?" * len(schema.SEARCH_COLUMNS))
        self._conn.execute(
            f"INSERT INTO article_search (article_search, rowid, {columns})"
            f" VALUES ('delete', ?, {marks})",
            (article_id, *row),
        )

    @contextlib.contextmanager
    def _reindexed(self, article_ids: Iterable[int]) -> Iterator[None]:
        """Keep the index in step with a change to these articles' text."""
        ids = sorted(set(article_ids))
        for article_id in ids:
            self._unindex(article_id)
        yield
        for article_id in ids:
            self._index(article_id)

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Full-text search, best match first.

        Case and diacritics are ignored (``duong`` finds ``Đường``); phrases
        in quotes, ``prefix*``, AND/OR/NOT and parentheses work. Snippets show
        the original text with matches between SNIPPET_START and SNIPPET_END.

        Up to RANK_EVERY_MATCH_UP_TO matches are all ranked by bm25. A query
        matching more (a common syllable in a big library) lists first the
        articles that match in the title or tags, ranked by bm25, then the
        others newest first (with score 0): bm25 costs about a microsecond
        per match, too much for 50,000 of them within a keystroke's time.
        """
        expression = compile_query(query)
        try:
            if self._may_match_more(expression, RANK_EVERY_MATCH_UP_TO):
                page = self._tiered_page(expression, limit, offset)
            else:
                page = self._ranked_page(expression, limit, offset)
            return self._hits(expression, page)
        except sqlite3.OperationalError as error:
            # compile_query quotes every term, so this is rare: a query whose
            # structure FTS5 still refuses (e.g. "a NOT (NOT b)").
            raise SearchSyntaxError(f"cannot search for {query!r}: {error}") from error

    def _may_match_more(self, expression: str, than: int) -> bool:
        """Whether an FTS5 expression may match more than ``than`` articles.

        Counted with each phrase loosened to its words (an upper bound that
        needs no word positions, so a common phrase costs little), and the
        count stops past ``than``.
        """
        loosened = _QUOTED.sub(lambda match: _loosened(match[0]), expression)
        rows = self._read(
            "SELECT count(*) FROM (SELECT 1 FROM article_search"
            " WHERE article_search MATCH ? LIMIT ?)",
            (loosened, than + 1),
        )
        return int(rows[0][0]) > than

    def _ranked_page(self, expression: str, limit: int, offset: int) -> list[tuple[int, float]]:
        """Ids and scores of one page of matches in bm25 order (no snippets)."""
        weights = ", ".join(str(weight) for weight in _BM25_WEIGHTS)
        rows = self._read(
            f"SELECT rowid, bm25(article_search, {weights}) AS rank FROM article_search"
            " WHERE article_search MATCH ? ORDER BY rank, rowid LIMIT ? OFFSET ?",
            (expression, limit, offset),
        )
        return [(int(row[0]), -float(row[1])) for row in rows]

    def _tiered_page(self, expression: str, limit: int, offset: int) -> list[tuple[int, float]]:
        """One page of a very common query: weighty-column matches ranked,
        then the rest newest first (see ``search``)."""
        columns = "{" + " ".join(_WEIGHTY_COLUMNS) + "}"
        weighty = f"{columns} : ({expression})"
        # Without NOT, a match in those columns is a match: no need to AND
        # the whole expression again (each phrase would be counted twice).
        strong = f"({expression}) AND ({weighty})" if " NOT " in expression else weighty
        page = self._ranked_page(strong, limit, offset)
        if len(page) == limit:
            return page
        if page:
            skipped = 0
        else:
            counted = self._read(
                "SELECT count(*) FROM article_search WHERE article_search MATCH ?", (strong,)
            )
            skipped = max(offset - int(counted[0][0]), 0)
        # Listed by date, these score 0: bm25 here would recount each
        # phrase's documents over the whole index.
        rows = self._read(
            "SELECT rowid FROM article_search"
            " WHERE article_search MATCH ? ORDER BY rowid DESC LIMIT ? OFFSET ?",
            (f"({expression}) NOT ({weighty})", limit - len(page), skipped),
        )
        return page + [(int(row[0]), 0.0) for row in rows]

    def _hits(self, expression: str, page: list[tuple[int, float]]) -> list[SearchHit]:
        """Titles and snippets for a page of ranked ids, in page order.

        Built for the page only: a snippet re-reads and re-tokenises its
        article. No bm25() here: restricted to a list of rowids, FTS5 would
        recount every phrase's documents once per rowid.
        """
        if not page:
            return []
        ids = [article_id for article_id, _ in page]
        marks = ", ".join("?" * len(ids))
        if "*" in expression:
            # A prefix is expanded again for each rowid of an IN list: give
            # FTS5 one rowid range instead, and pick the page's rows after.
            restriction = (
                f"article_search.rowid BETWEEN ? AND ? AND +article_search.rowid IN ({marks})"
            )
            params = [min(ids), max(ids), *ids]
        else:
            restriction = f"article_search.rowid IN ({marks})"
            params = ids
        rows = self._read(
            "SELECT a.id, a.title,"
            f" snippet(article_search, -1, '{SNIPPET_START}', '{SNIPPET_END}', '…', 24)"
            " FROM article_search JOIN articles a ON a.id = article_search.rowid"
            f" WHERE article_search MATCH ? AND {restriction}",
            (expression, *params),
        )
        found = {row[0]: row for row in rows}
        return [
            SearchHit(id=i, title=found[i][1], snippet=found[i][2], score=score)
            for i, score in page
            if i in found
        ]

    # ------------------------------------------------------------------
    # Reading
    # ------------------------------------------------------------------

    def get_article(self, article_id: int) -> Article:
        """The whole article with its tags, images (metadata) and related stories."""
        rows = self._read("SELECT * FROM articles WHERE id = ?", (article_id,))
        if not rows:
            raise ArticleNotFoundError(f"no article with id {article_id}")
        row = rows[0]
        return Article(
            id=row["id"],
            url=row["url"],
            title=row["title"],
            byline=row["byline"],
            site=row["site"],
            section=row["section"],
            published=row["published"],
            saved=row["saved"],
            updated=row["updated"],
            lead=row["lead"],
            body_text=row["body_text"],
            reader_html=row["reader_html"],
            language=row["language"],
            word_count=row["word_count"],
            reading_minutes=reading_minutes(row["word_count"]),
            status=row["status"],
            favorite=bool(row["favorite"]),
            reading_position=row["reading_position"],
            content_hash=row["content_hash"],
            arrived_by=row["arrived_by"],
            source_name=row["source_name"],
            capture_status=row["capture_status"],
            capture_error=row["capture_error"],
            tags=tuple(self.article_tags(article_id)),
            images=tuple(self.images(article_id)),
            related=tuple(self.related_links(article_id)),
        )

    def find_article_id(self, url: str | None) -> int | None:
        """The id of the saved article at this address (compared canonically)."""
        canonical = canonical_url(url)
        if canonical is None:
            return None
        rows = self._read("SELECT id FROM articles WHERE url = ?", (canonical,))
        return int(rows[0][0]) if rows else None

    def article_exists(self, article_id: int) -> bool:
        return bool(self._read("SELECT 1 FROM articles WHERE id = ?", (article_id,)))

    def article_tags(self, article_id: int) -> list[str]:
        rows = self._read(
            "SELECT t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id"
            " WHERE at.article_id = ? ORDER BY t.key",
            (article_id,),
        )
        return [row[0] for row in rows]

    def images(self, article_id: int) -> list[Image]:
        rows = self._read(
            "SELECT id, article_id, position, alt, caption, credit, src, data IS NOT NULL,"
            " mime, width, height FROM images WHERE article_id = ? ORDER BY position",
            (article_id,),
        )
        return [
            Image(
                id=row[0],
                article_id=row[1],
                position=row[2],
                alt=row[3],
                caption=row[4],
                credit=row[5],
                src=row[6],
                has_data=bool(row[7]),
                mime=row[8],
                width=row[9],
                height=row[10],
            )
            for row in rows
        ]

    def image_data(self, article_id: int, position: int) -> tuple[bytes, str | None] | None:
        """The bytes and MIME type of an article's n-th image, or None if the
        library has no copy of it."""
        rows = self._read(
            "SELECT data, mime FROM images WHERE article_id = ? AND position = ?",
            (article_id, position),
        )
        if not rows or rows[0][0] is None:
            return None
        return bytes(rows[0][0]), rows[0][1]

    def related_links(self, article_id: int) -> list[RelatedLink]:
        rows = self._read(
            "SELECT id, article_id, position, kind, title, url, section, summary, target_id"
            " FROM related WHERE article_id = ? ORDER BY position",
            (article_id,),
        )
        return [RelatedLink(*row) for row in rows]

    def article_source(self, article_id: int) -> tuple[bytes, str | None] | None:
        """The original bytes an article was captured from, if kept."""
        rows = self._read(
            "SELECT data, media_type, compression FROM article_sources WHERE article_id = ?",
            (article_id,),
        )
        if not rows:
            return None
        data, media_type, compression = rows[0]
        if compression != "zlib":
            raise LibraryError(f"unknown compression {compression!r} for article {article_id}")
        return zlib.decompress(data), media_type

    def _where(self, where: ArticleFilter) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if where.status is not None:
            clauses.append("status = ?")
            params.append(where.status)
        if where.favorite is not None:
            clauses.append("favorite = ?")
            params.append(int(where.favorite))
        if where.pending is not None:
            clauses.append(
                "capture_status = 'pending'" if where.pending else "capture_status = 'complete'"
            )
        if where.tag is not None:
            clauses.append(
                "id IN (SELECT at.article_id FROM article_tags at JOIN tags t"
                " ON t.id = at.tag_id WHERE t.key = ?)"
            )
            params.append(fold_vietnamese(collapse_whitespace(where.tag)))
        if where.feed_id is not None:
            clauses.append("id IN (SELECT article_id FROM feed_entries WHERE feed_id = ?)")
            params.append(where.feed_id)
        if where.ids is not None:
            clauses.append(f"id IN ({', '.join('?' * len(where.ids))})")
            params.extend(where.ids)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def list_articles(
        self,
        where: ArticleFilter = ArticleFilter(),
        *,
        sort: SortKey = "date",
        descending: bool = True,
        limit: int = 100,
        offset: int = 0,
        after: int | None = None,
    ) -> list[ArticleSummary]:
        """One page of article summaries, newest first by default.

        ``after`` is the id of the last article of the previous page: the
        page continues right after it in the same order (keyset paging),
        which costs the same at any depth, where ``offset`` walks every row
        it skips (with ``after``, ``offset`` counts from the cursor). Raises
        ArticleNotFoundError if that article is gone.
        """
        clause, params = self._where(where)
        column = _SORT_COLUMNS[sort]
        direction = "DESC" if descending else "ASC"
        order = f"{column} {direction}, id {direction}"
        if after is not None:
            page = self._ids_after(where, column, descending, after, limit + offset)
            page = page[offset:]
            rows = self._read(
                f"SELECT {_SUMMARY_COLUMNS} FROM articles"
                f" WHERE id IN ({', '.join('?' * len(page))}) ORDER BY {order}",
                page,
            )
        else:
            # The page's ids first, from indexes alone, then only those rows
            # are read: a tag's articles are sorted without visiting each
            # article's row (see _listed_from).
            rows = self._read(
                f"SELECT {_SUMMARY_COLUMNS} FROM articles WHERE id IN ("
                f" SELECT id FROM {_listed_from(where)}{clause} ORDER BY {order}"
                " LIMIT ? OFFSET ?)"
                f" ORDER BY {order}",
                [*params, limit, offset],
            )
        return [
            ArticleSummary(
                id=row[0],
                title=row[1],
                site=row[2],
                section=row[3],
                published=row[4],
                saved=row[5],
                word_count=row[6],
                reading_minutes=reading_minutes(row[6]),
                status=row[7],
                favorite=bool(row[8]),
                capture_status=row[9],
            )
            for row in rows
        ]

    def _ids_after(
        self, where: ArticleFilter, column: str, descending: bool, after: int, count: int
    ) -> list[int]:
        """Ids of up to ``count`` articles that follow ``after`` in list order.

        Two seeks instead of one row-value range: first the rest of the
        anchor's own sort key (key = K, then by id), then the keys past it.
        SQLite seeks (key, rowid) only on an equality on the key, and a sort
        key with few values (status, site) would otherwise be walked through.
        """
        anchor = self._read(f"SELECT {column} FROM articles WHERE id = ?", (after,))
        if not anchor:
            raise ArticleNotFoundError(f"no article with id {after}")
        key = anchor[0][0]
        clause, params = self._where(where)
        joiner = " AND " if clause else " WHERE "
        source = f"{_listed_from(where)}{clause}{joiner}"
        far, direction = ("<", "DESC") if descending else (">", "ASC")
        same = self._read(
            f"SELECT id FROM {source}{column} = ? AND id {far} ? ORDER BY id {direction} LIMIT ?",
            [*params, key, after, count],
        )
        ids = [int(row[0]) for row in same]
        if len(ids) < count:
            rest = self._read(
                f"SELECT id FROM {source}{column} {far} ?"
                f" ORDER BY {column} {direction}, id {direction} LIMIT ?",
                [*params, key, count - len(ids)],
            )
            ids += [int(row[0]) for row in rest]
        return ids

    def count_articles(self, where: ArticleFilter = ArticleFilter()) -> int:
        clause, params = self._where(where)
        return int(self._read(f"SELECT count(*) FROM {_listed_from(where)}{clause}", params)[0][0])

    # ------------------------------------------------------------------
    # Article state
    # ------------------------------------------------------------------

    def _update_article(self, article_id: int, assignments: str, params: Sequence[Any]) -> None:
        with self._write() as conn:
            cursor = conn.execute(
                f"UPDATE articles SET {assignments} WHERE id = ?", (*params, article_id)
            )
            if cursor.rowcount == 0:
                raise ArticleNotFoundError(f"no article with id {article_id}")

    def set_status(self, article_id: int, status: ArticleStatus) -> None:
        if status not in ARTICLE_STATUSES:
            raise LibraryError(f"unknown status {status!r}")
        self._update_article(article_id, "status = ?", (status,))

    def set_favorite(self, article_id: int, favorite: bool) -> None:
        self._update_article(article_id, "favorite = ?", (int(favorite),))

    def set_reading_position(self, article_id: int, position: float) -> None:
        """Remember how far the person has read, as a fraction 0..1."""
        self._update_article(article_id, "reading_position = ?", (min(max(position, 0.0), 1.0),))

    def delete_articles(self, article_ids: Iterable[int]) -> int:
        """Delete articles with everything they own; returns how many went."""
        deleted = 0
        with self._write() as conn:
            for article_id in set(article_ids):
                deleted += self._delete_article(conn, article_id)
            conn.execute("DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM article_tags)")
        return deleted

    def _delete_article(self, conn: sqlite3.Connection, article_id: int) -> int:
        """Delete one article inside a write transaction, keeping the search
        and similarity indexes in step; the rest goes by ON DELETE CASCADE."""
        self._unindex(article_id)
        similar.forget_article(conn, article_id)
        return conn.execute("DELETE FROM articles WHERE id = ?", (article_id,)).rowcount

    # ------------------------------------------------------------------
    # Tags
    # ------------------------------------------------------------------

    @staticmethod
    def tag_key(name: str) -> str:
        """Tags are one tag whatever their case and diacritics."""
        return fold_vietnamese(collapse_whitespace(name))

    def _tag_id(self, name: str, *, create: bool) -> int | None:
        display = collapse_whitespace(nfc(name))
        key = self.tag_key(display)
        if not key:
            raise LibraryError("a tag needs a name")
        row = self._conn.execute("SELECT id FROM tags WHERE key = ?", (key,)).fetchone()
        if row is not None:
            return int(row[0])
        if not create:
            return None
        return self._insert("tags", {"name": display, "key": key})

    def _attach_tags(self, article_id: int, names: Iterable[str]) -> None:
        for name in names:
            if not collapse_whitespace(name):
                continue
            tag_id = self._tag_id(name, create=True)
            self._conn.execute(
                "INSERT OR IGNORE INTO article_tags (article_id, tag_id) VALUES (?, ?)",
                (article_id, tag_id),
            )

    def _require_article(self, article_id: int) -> None:
        if not self._conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone():
            raise ArticleNotFoundError(f"no article with id {article_id}")

    def add_tags(self, article_id: int, names: Iterable[str]) -> None:
        with self._write():
            self._require_article(article_id)
            with self._reindexed([article_id]):
                self._attach_tags(article_id, names)

    def remove_tags(self, article_id: int, names: Iterable[str]) -> None:
        with self._write() as conn:
            self._require_article(article_id)
            with self._reindexed([article_id]):
                for name in names:
                    conn.execute(
                        "DELETE FROM article_tags WHERE article_id = ?"
                        " AND tag_id = (SELECT id FROM tags WHERE key = ?)",
                        (article_id, self.tag_key(name)),
                    )
            conn.execute("DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM article_tags)")

    def list_tags(self) -> list[Tag]:
        """Every tag with how many articles carry it, by name."""
        rows = self._read(
            "SELECT t.id, t.name, count(at.article_id) FROM tags t"
            " LEFT JOIN article_tags at ON at.tag_id = t.id GROUP BY t.id ORDER BY t.key"
        )
        return [Tag(id=row[0], name=row[1], count=row[2]) for row in rows]

    def _existing_tag_id(self, name: str) -> int:
        tag_id = self._tag_id(name, create=False)
        if tag_id is None:
            raise TagNotFoundError(f"no tag named {name!r}")
        return tag_id

    def _tagged_with(self, tag_ids: Sequence[int]) -> list[int]:
        marks = ", ".join("?" * len(tag_ids))
        rows = self._conn.execute(
            f"SELECT DISTINCT article_id FROM article_tags WHERE tag_id IN ({marks})", tag_ids
        ).fetchall()
        return [int(row[0]) for row in rows]

    def rename_tag(self, old: str, new: str) -> None:
        """Rename a tag. Renaming onto another existing tag merges the two."""
        with self._write() as conn:
            tag_id = self._existing_tag_id(old)
            target = self._tag_id(new, create=False)
            if target is not None and target != tag_id:
                self._merge(conn, [tag_id], target)
                return
            with self._reindexed(self._tagged_with([tag_id])):
                display = collapse_whitespace(nfc(new))
                conn.execute(
                    "UPDATE tags SET name = ?, key = ? WHERE id = ?",
                    (display, self.tag_key(display), tag_id),
                )

    def merge_tags(self, sources: Iterable[str], into: str) -> None:
        """Move every article of ``sources`` to ``into`` and drop the sources."""
        with self._write() as conn:
            target = self._tag_id(into, create=True)
            assert target is not None
            source_ids = [self._existing_tag_id(name) for name in sources]
            self._merge(conn, [tag for tag in source_ids if tag != target], target)

    def _merge(self, conn: sqlite3.Connection, source_ids: list[int], target: int) -> None:
        if not source_ids:
            return
        marks = ", ".join("?" * len(source_ids))
        with self._reindexed(self._tagged_with([*source_ids, target])):
            conn.execute(
                "INSERT OR IGNORE INTO article_tags (article_id, tag_id)"
                f" SELECT article_id, ? FROM article_tags WHERE tag_id IN ({marks})",
                (target, *source_ids),
            )
            conn.execute(f"DELETE FROM tags WHERE id IN ({marks})", source_ids)

    def delete_tag(self, name: str) -> None:
        """Remove a tag from every article; the articles stay."""
        with self._write() as conn:
            tag_id = self._existing_tag_id(name)
            with self._reindexed(self._tagged_with([tag_id])):
                conn.execute("DELETE FROM tags WHERE id = ?", (tag_id,))

    # ------------------------------------------------------------------
    # Similar articles
    # ------------------------------------------------------------------

    def similar_articles(self, article_id: int, *, limit: int = 10) -> list[SimilarArticle]:
        """Saved articles most like this one, best first (storage.similar).

        Ranked by shared distinctive terms (words and two-word terms, the
        title weighing most), shared tags, the same section or site and
        closeness in time. Copies of this article's text are left out (see
        ``near_duplicates``); copies among the results are grouped, each
        result naming its own in ``duplicates``.
        """
        self._require_article(article_id)
        with _translated_errors():
            return similar.find_similar(self._conn, article_id, limit)

    def near_duplicates(self, article_id: int) -> list[SimilarArticle]:
        """Other saved copies of this article's text ("Also saved as …"):
        the same story saved twice or syndicated by another outlet. ``score``
        is the estimated share of text in common, 0..1."""
        self._require_article(article_id)
        with _translated_errors():
            return similar.near_duplicates(self._conn, article_id)

    def related_stories(self, article_id: int, *, limit: int = 10) -> list[RelatedItem]:
        """Everything related to an article, in display order: the page's own
        related stories, then other saved copies, then up to ``limit``
        similar articles from the library."""
        self._require_article(article_id)
        with _translated_errors():
            return similar.related_stories(self._conn, article_id, limit)

    def rebuild_similarity(self) -> int:
        """Recompute the similarity index from every article, weighing each
        with the whole library's term frequencies; returns how many."""
        with self._write() as conn:
            return similar.rebuild(conn)
