"""``Library``: one SQLite file holding every saved article.

The facade the rest of Readshelf uses. It holds no SQL of its own: each
method opens the transaction its concern needs and hands over to the module
that owns it::

    db           the connection, transactions, errors by SQLite error code
    articles     saving, reading, the person's marks, deleting
    listing      pages of the article list, counts
    search       full-text search;  search_index: keeping the index in step
    tags         tags and re-indexing the articles they touch
    topics       the sites' keywords, apart from tags
    feeds        feed subscriptions, checks and entries
    similar/     similar articles, copies, related stories
    backups      backup files;  migrations: the schema

Whole-library jobs built on a ``Library`` live beside it: ``bundle/``
(export and import) and ``maintenance`` (checks and repairs).

A ``Library`` owns one connection and, like the connection, belongs to the
thread that opened it; a worker thread opens its own ``Library`` on the
same path.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

from sqlite_utils import Database

from core.imported import Highlight, HighlightListing, ImportedArticle, ImportOutcome
from core.models import (
    Article,
    ArticleRecord,
    ArticleStatus,
    ArticleSummary,
    ArticleVersion,
    Feed,
    FeedCheck,
    FeedMode,
    Image,
    RelatedItem,
    RelatedLink,
    SaveResult,
    SearchHit,
    SimilarArticle,
    Tag,
    Topic,
    Version,
)
from storage import (
    articles,
    backups,
    feeds,
    highlights,
    imported,
    listing,
    migrations,
    search,
    similar,
    tags,
    topics,
    versions,
)
from storage.db import BUSY_TIMEOUT_SECONDS, Store, primary_code, translated_errors
from storage.errors import LibraryError, NotALibraryError
from storage.listing import EVERY_ARTICLE, ArticleFilter, SortKey
from storage.search import SNIPPET_END, SNIPPET_START

__all__ = [
    "BUSY_TIMEOUT_SECONDS",
    "SNIPPET_END",
    "SNIPPET_START",
    "ArticleFilter",
    "Library",
    "SortKey",
]


class Library:
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
        if self.created:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.store = Store(self.path, vfs=vfs, busy_timeout=busy_timeout)
        """The open file, for the storage modules built on a Library (bundle, maintenance)."""
        try:
            self.db = Database(self.store.connection, execute_plugins=False)
            self._check_is_library()
            self._migrate()
            self.store.counting_writes = True
        except BaseException:
            self.store.close()
            raise

    @property
    def notice(self) -> str | None:
        """Something about this file worth telling the person once (no WAL)."""
        return self.store.notice

    @property
    def journal_mode(self) -> str:
        return self.store.journal_mode

    # ------------------------------------------------------------------
    # Opening, closing, schema, backups
    # ------------------------------------------------------------------

    def _check_is_library(self) -> None:
        with translated_errors():
            problem = backups.schema_problem(self.store.connection)
        if problem is not None:
            raise NotALibraryError(f"{self.path} {problem}")

    def _migrate(self) -> None:
        with translated_errors():
            if not migrations.is_pending(self.db):
                return
            applied = migrations.applied_count(self.db)
            if applied:
                # An upgrade rewrites the file: keep the library as it was first.
                backups.make_backup(self.store.connection, self.path, f"pre-migration-v{applied}")
        with self.store.write() as conn:
            # Checked again under the write lock: another program may have
            # migrated the file while we waited for it.
            try:
                migrations.migrations.apply(self.db)
                # Migrations only create derived tables; the live code that
                # reads them fills them, in the same transaction.
                if migrations.similarity_stale(conn):
                    similar.rebuild(conn)
                    migrations.mark_similarity_built(conn)
            except sqlite3.Error as error:
                # The whole upgrade is one transaction: it rolls back, and
                # the library stays as it was, readable by the older version.
                raise LibraryError(
                    f"cannot upgrade this library to the current version: {error}"
                ) from error

    def schema_version(self) -> int:
        """Number of schema migrations applied to this file."""
        with translated_errors():
            return migrations.applied_count(self.db)

    def backup(self, destination: Path | None = None) -> Path:
        """Write a consistent copy of the library; by default a new daily
        backup in the backups folder. Returns the copy's path."""
        return backups.back_up(self.store, destination)

    def write_count(self) -> int:
        """How many write transactions the library has committed, ever."""
        return backups.write_count(self.store.connection)

    def backup_if_due(self) -> Path | None:
        """The once-a-day automatic backup, when one is due and no other
        program is making it. A library created by this very open has
        nothing to keep yet. Raises LibraryError when it cannot be written."""
        if self.created:
            return None
        return backups.daily_backup_if_due(self.store)

    def restore(self, source: Path) -> Path:
        """Replace the library's contents with a backup file.

        The backup must pass SQLite's integrity check and be a Readshelf
        library this version can open; the current contents are saved first
        as a pre-restore backup, whose path is returned. If anything fails
        once the contents were replaced, the pre-restore backup is put back.
        """
        saved = backups.restore_into(self.store, source)
        try:
            self._migrate()
        except BaseException:
            backups.copy_back(self.store, saved)
            raise
        return saved

    def close(self) -> None:
        """Close the connection. The Library cannot be used afterwards."""
        self.store.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def interrupt(self) -> None:
        """Stop the query this Library is running, from any thread: it fails
        with an error ``is_interruption`` recognises (a write rolls back).
        Safe to call from another thread while the Library is open; a
        no-op when no query is running."""
        self.store.connection.interrupt()

    @staticmethod
    def is_interruption(error: BaseException) -> bool:
        """Whether ``error`` is a query stopped by ``interrupt()``."""
        return (
            isinstance(error, sqlite3.OperationalError)
            and primary_code(error) == sqlite3.SQLITE_INTERRUPT
        )

    def data_version(self) -> int:
        """A number that changes whenever another connection (another
        program, or a worker thread) commits to the library. Cheap: poll it
        to notice changes made elsewhere."""
        return self.store.data_version()

    # ------------------------------------------------------------------
    # Articles
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
        return articles.save(self.store, record, tags, into)

    def get_article(self, article_id: int) -> Article:
        """The whole article with its tags, images (metadata) and related stories."""
        return articles.get(self.store, article_id)

    def find_article_id(self, url: str | None) -> int | None:
        """The id of the saved article at this address (compared canonically)."""
        return articles.find_id(self.store, url)

    def article_exists(self, article_id: int) -> bool:
        return articles.exists(self.store, article_id)

    def article_tags(self, article_id: int) -> list[str]:
        return tags.article_tags(self.store, article_id)

    def images(self, article_id: int) -> list[Image]:
        return articles.images(self.store, article_id)

    def image_data(self, article_id: int, position: int) -> tuple[bytes, str | None] | None:
        """The bytes and MIME type of an article's n-th image, or None if the
        library has no copy of it."""
        return articles.image_data(self.store, article_id, position)

    def related_links(self, article_id: int) -> list[RelatedLink]:
        return articles.related_links(self.store, article_id)

    def article_source(self, article_id: int) -> tuple[bytes, str | None] | None:
        """The original bytes an article was captured from, if kept."""
        return articles.source(self.store, article_id)

    def versions(self, article_id: int) -> list[Version]:
        """The article's kept versions, oldest first, with their word counts:
        earlier texts a re-save replaced, and newer ones held back because
        they were much shorter or had another title (storage.versions)."""
        with self.store.read() as conn:
            articles.require(conn, article_id)
            return versions.list_versions(self.store, article_id)

    def article_version(self, article_id: int, number: int) -> ArticleVersion:
        """One version's text and reader HTML, to read it; its pictures'
        bytes come from ``version_image_data``."""
        return versions.read(self.store, article_id, number)

    def version_image_data(
        self, article_id: int, number: int, position: int
    ) -> tuple[bytes, str | None] | None:
        """The bytes and MIME type of a version's n-th picture, if kept."""
        return versions.image_data(self.store, article_id, number, position)

    def revert_article(self, article_id: int, number: int) -> Version:
        """Make a version the current text again, in one transaction; the
        current text is kept as a new version, which is returned."""
        return articles.revert(self.store, article_id, number)

    def versions_size(self) -> int:
        """Bytes every kept version takes in the file (text, sources, pictures)."""
        return versions.stored_bytes(self.store)

    def list_articles(
        self,
        where: ArticleFilter = EVERY_ARTICLE,
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
        return listing.list_articles(
            self.store,
            where,
            sort=sort,
            descending=descending,
            limit=limit,
            offset=offset,
            after=after,
        )

    def count_articles(self, where: ArticleFilter = EVERY_ARTICLE) -> int:
        return listing.count_articles(self.store, where)

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Full-text search, best match first.

        Case and diacritics are ignored (``duong`` finds ``Đường``); phrases
        in quotes, ``prefix*``, AND/OR/NOT and parentheses work. Snippets show
        the original text with matches between SNIPPET_START and SNIPPET_END.
        A query matching a very large share of the library lists title and
        tag matches first, then the rest newest first (storage.search).
        """
        return search.search(self.store, query, limit=limit, offset=offset)

    # ------------------------------------------------------------------
    # The person's marks, deleting
    # ------------------------------------------------------------------

    def set_status(self, article_id: int, status: ArticleStatus) -> None:
        articles.set_status(self.store, article_id, status)

    def set_status_many(self, article_ids: Iterable[int], status: ArticleStatus) -> int:
        """Mark many articles at once, in one transaction; returns how many
        of them exist (ids that are gone are skipped)."""
        return articles.set_status_many(self.store, article_ids, status)

    def set_favorite(self, article_id: int, favorite: bool) -> None:
        articles.set_favorite(self.store, article_id, favorite)

    def set_favorite_many(self, article_ids: Iterable[int], favorite: bool) -> int:
        """Star or unstar many articles in one transaction; returns how many
        of them exist (ids that are gone are skipped)."""
        return articles.set_favorite_many(self.store, article_ids, favorite)

    def set_reading_position(self, article_id: int, position: float) -> None:
        """Remember how far the person has read, as a fraction 0..1."""
        articles.set_reading_position(self.store, article_id, position)

    def delete_articles(self, article_ids: Iterable[int]) -> int:
        """Delete articles with everything they own, in one transaction;
        returns how many went."""
        return articles.delete_many(self.store, article_ids)

    # ------------------------------------------------------------------
    # Tags
    # ------------------------------------------------------------------

    @staticmethod
    def tag_key(name: str) -> str:
        """Tags are one tag whatever their case and diacritics."""
        return tags.tag_key(name)

    def add_tags(self, article_id: int, names: Iterable[str]) -> None:
        with self.store.write() as conn:
            articles.require(conn, article_id)
            tags.add_tags(conn, article_id, names)

    def add_tags_many(self, article_ids: Iterable[int], names: Iterable[str]) -> int:
        """Give many articles these tags in one transaction, set-based (only
        the articles that gain a tag are re-indexed); returns how many of the
        articles exist (ids that are gone are skipped)."""
        with self.store.write() as conn:
            return tags.add_tags_many(conn, article_ids, names)

    def remove_tags(self, article_id: int, names: Iterable[str]) -> None:
        with self.store.write() as conn:
            articles.require(conn, article_id)
            tags.remove_tags(conn, article_id, names)

    def remove_tags_many(self, article_ids: Sequence[int], names: Iterable[str]) -> None:
        """Take these tags off many articles in one transaction (ids that are gone are skipped)."""
        with self.store.write() as conn:
            tags.remove_tags_many(conn, article_ids, names)

    def list_tags(self) -> list[Tag]:
        """Every tag with how many articles carry it, by name."""
        return tags.list_tags(self.store)

    def list_topics(self) -> list[Topic]:
        """Every topic (the sites' keywords) with how many articles carry it, by name."""
        return topics.list_topics(self.store)

    def rename_tag(self, old: str, new: str) -> None:
        """Rename a tag. Renaming onto another existing tag merges the two."""
        tags.rename_tag(self.store, old, new)

    def merge_tags(self, sources: Iterable[str], into: str) -> None:
        """Move every article of ``sources`` to ``into`` and drop the sources."""
        tags.merge_tags(self.store, sources, into)

    def delete_tag(self, name: str) -> None:
        """Remove a tag from every article; the articles stay."""
        tags.delete_tag(self.store, name)

    # ------------------------------------------------------------------
    # Feeds
    # ------------------------------------------------------------------

    def add_feed(
        self,
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
        return feeds.add_feed(
            self.store,
            url,
            title=title,
            site_url=site_url,
            tag=tag,
            folder=folder,
            mode=mode,
            entry_tags=entry_tags,
        )

    def get_feed(self, feed_id: int) -> Feed:
        """One feed; raises FeedNotFoundError."""
        return feeds.get_feed(self.store, feed_id)

    def feed_by_url(self, url: str) -> Feed | None:
        """The feed subscribed at exactly this address, if any."""
        return feeds.feed_by_url(self.store, url)

    def list_feeds(self) -> list[Feed]:
        """Every feed, in the order they were added."""
        return feeds.list_feeds(self.store)

    def update_feed(
        self,
        feed_id: int,
        *,
        tag: str | None = None,
        clear_tag: bool = False,
        mode: FeedMode | None = None,
        entry_tags: bool | None = None,
        title: str | None = None,
    ) -> Feed:
        """Change a feed's settings; ``None`` leaves a setting as it is."""
        return feeds.update_feed(
            self.store,
            feed_id,
            tag=tag,
            clear_tag=clear_tag,
            mode=mode,
            entry_tags=entry_tags,
            title=title,
        )

    def remove_feed(self, feed_id: int, *, keep_articles: bool = False) -> int:
        """Unsubscribe; returns how many articles went with the feed.

        Without ``keep_articles`` the articles this feed brought in go too,
        except favourites and articles another feed also delivered: those the
        person saved by hand (arrived_by != 'feed') always stay.
        """
        return feeds.remove_feed(self.store, feed_id, keep_articles=keep_articles)

    def record_feed_check(self, feed_id: int, check: FeedCheck) -> Feed:
        """Store the outcome of one check of a feed."""
        return feeds.record_feed_check(self.store, feed_id, check)

    def feed_entry_keys(self, feed_id: int) -> set[str]:
        """The keys of every entry of this feed seen so far."""
        return feeds.feed_entry_keys(self.store, feed_id)

    def link_feed_entry(self, feed_id: int, entry_key: str, article_id: int | None) -> None:
        """Remember that this feed's entry is (or, None, is not) this article."""
        feeds.link_feed_entry(self.store, feed_id, entry_key, article_id)

    def feeds_of_article(self, article_id: int) -> list[int]:
        """The ids of the feeds that delivered an article."""
        return feeds.feeds_of_article(self.store, article_id)

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
        with self.store.read() as conn:
            articles.require(conn, article_id)
            return similar.find_similar(conn, article_id, limit)

    def near_duplicates(self, article_id: int) -> list[SimilarArticle]:
        """Other saved copies of this article's text ("Also saved as …"):
        the same story saved twice or syndicated by another outlet. ``score``
        is the estimated share of text in common, 0..1."""
        with self.store.read() as conn:
            articles.require(conn, article_id)
            return similar.near_duplicates(conn, article_id)

    def related_stories(self, article_id: int, *, limit: int = 10) -> list[RelatedItem]:
        """Everything related to an article, in display order: the page's own
        related stories, then other saved copies, then up to ``limit``
        similar articles from the library."""
        with self.store.read() as conn:
            articles.require(conn, article_id)
            return similar.related_stories(conn, article_id, limit)

    def rebuild_similarity(self) -> int:
        """Recompute the similarity index from every article, weighing each
        with the whole library's term frequencies; returns how many."""
        with self.store.write() as conn:
            return similar.rebuild(conn)

    # ------------------------------------------------------------------
    # Imports from other readers, highlights
    # ------------------------------------------------------------------

    def import_articles(
        self, items: Sequence[ImportedArticle], *, origin: str, source_name: str | None = None
    ) -> list[ImportOutcome]:
        """Import articles read from another reader's export, in one
        transaction: new ones pending (their page not fetched yet) with their
        saved date, tags, state and highlights; ones already saved gain the
        tags, highlights and any further state (storage.imported)."""
        return imported.import_batch(self.store, items, origin=origin, source_name=source_name)

    def import_queue(self, limit: int | None = None) -> list[tuple[int, str]]:
        """Imported articles never fetched yet (id, address), newest saved first."""
        return imported.queue(self.store, limit)

    def record_fetch_failure(self, article_id: int, reason: str) -> None:
        """Keep a pending article pending with why its fetch failed (it
        leaves the import queue; ``retry`` fetches it again)."""
        imported.record_fetch_failure(self.store, article_id, reason)

    def highlights(self, article_id: int) -> list[Highlight]:
        """An article's highlights in reading order, then its notes."""
        return highlights.of_article(self.store, article_id)

    def add_highlight(
        self,
        article_id: int,
        quote: str,
        *,
        prefix: str = "",
        suffix: str = "",
        start: int | None = None,
        end: int | None = None,
        color: str = "yellow",
        note: str = "",
    ) -> Highlight:
        """Highlight ``quote`` in the article's body text, in one transaction.

        The quote is found in the text (``core.anchoring.locate``: the place
        whose surroundings agree best with ``prefix`` and ``suffix``, then the
        one nearest ``start``; white space may differ) and stored as the text
        has it there, with its context and position. ``end`` is implied by
        the quote and accepted for symmetry with ``start``. Raises
        LibraryError for a missing article, an empty quote, a quote the text
        does not hold, or a colour not in ``core.anchoring.HIGHLIGHT_COLORS``.
        """
        del end  # the quote's length says where it ends
        return highlights.add_highlight(
            self.store,
            article_id,
            quote,
            prefix=prefix,
            suffix=suffix,
            start=start,
            color=color,
            note=note,
            now=articles.utc_now(),
        )

    def add_note(self, article_id: int, text: str) -> Highlight:
        """A note on the article as a whole (kind ``note``); raises
        LibraryError for a missing article or an empty text."""
        return highlights.add_note(self.store, article_id, text, articles.utc_now())

    def set_highlight_note(self, highlight_id: int, note: str) -> Highlight:
        """Change a highlight's note (empty removes it); a note on the article
        cannot be emptied. Raises LibraryError for a missing highlight."""
        return highlights.set_note(self.store, highlight_id, note, articles.utc_now())

    def set_highlight_color(self, highlight_id: int, color: str) -> Highlight:
        return highlights.set_color(self.store, highlight_id, color, articles.utc_now())

    def delete_highlight(self, highlight_id: int) -> None:
        """Delete a highlight or note; raises LibraryError if there is none."""
        highlights.delete(self.store, highlight_id)

    def recent_highlights(
        self, *, limit: int = 200, before_id: int | None = None
    ) -> list[HighlightListing]:
        """Highlights and notes of every article, newest first, with their
        article's title and site. ``before_id`` is the last highlight of the
        previous page: the page continues right after it (keyset paging)."""
        return highlights.recent(self.store, limit=limit, before_id=before_id)

    def count_highlights(self) -> int:
        return highlights.count(self.store)
