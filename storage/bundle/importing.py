"""Importing a bundle into a library: a restore into an empty library, a
merge into one with content; either way one transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

from core.urls import canonical_url
from storage import articles, search_index, similar, tags
from storage.bundle.manifest import read_bundle, verified_bytes
from storage.bundle.model import (
    Bundle,
    BundleArticle,
    BundleError,
    BundleFeed,
    BundleImage,
    ImportResult,
    Scalar,
)
from storage.bundle.tables import quoted, table_columns
from storage.library import Library

# Article columns that are the person's own marks, not the captured content.
STATE_COLUMNS = ("status", "favorite", "reading_position")


class _Importer:
    """One import, run inside the library's write transaction."""

    # Whether bundle ids become library ids as they are (restore), or only
    # where no other row has them (merge).
    keeps_ids = True

    def __init__(self, library: Library, bundle: Bundle) -> None:
        self.library = library
        self.bundle = bundle
        self.conn = library.store.connection
        self.columns = {
            table: table_columns(self.conn, table)
            for table in ("articles", "article_sources", "images", "tags", "related", "feeds",
                          "feed_entries")
        }  # fmt: skip
        self.id_map: dict[int, int] = {}
        # Library ids whose search row is written at the end. An article
        # already in the index leaves it before its first change.
        self.to_index: set[int] = set()
        self.images = 0
        self.ignored: set[str] = set()

    def kept_values(self, table: str, values: dict[str, Any]) -> dict[str, Any]:
        """The bundle values that are columns of ``table``: no other key ever
        reaches SQL, and a column this library lacks is left out."""
        known = self.columns[table]
        kept = {key: value for key, value in values.items() if key in known}
        self.ignored.update(f"{table}.{key}" for key in values if key not in known)
        if "id" in kept and not self.keeps_ids and self.id_taken(table, kept["id"]):
            del kept["id"]
        return kept

    def id_taken(self, table: str, row_id: Any) -> bool:
        """Whether a merge must give this row a new id: the bundle's is in
        use. Keeping free ids makes importing the same bundle twice a no-op."""
        if not isinstance(row_id, int):
            return True
        found = self.conn.execute(f"SELECT 1 FROM {quoted(table)} WHERE id = ?", (row_id,))
        return found.fetchone() is not None

    def insert(self, table: str, values: dict[str, Any], *, replacing: tuple[str, ...] = ()) -> int:
        """Insert a row from bundle values; returns its rowid. With
        ``replacing`` (a unique key), a row already holding that key is
        updated in place instead, keeping its id."""
        kept = self.kept_values(table, values)
        names = ", ".join(quoted(key) for key in kept)
        marks = ", ".join("?" * len(kept))
        upsert = ""
        changed = [key for key in kept if key not in replacing and key != "id"]
        if replacing and changed:
            assignments = ", ".join(f"{quoted(key)} = excluded.{quoted(key)}" for key in changed)
            upsert = f" ON CONFLICT ({', '.join(replacing)}) DO UPDATE SET {assignments}"
        cursor = self.conn.execute(
            f"INSERT INTO {quoted(table)} ({names}) VALUES ({marks}){upsert}",
            tuple(kept.values()),
        )
        return int(cursor.lastrowid or 0)

    def store_children(self, article: BundleArticle, library_id: int) -> None:
        """Write an article's source, pictures, related stories and tags;
        a picture or story already at the same position is replaced."""
        directory = self.bundle.directory
        if article.source is not None:
            data = verified_bytes(article.source.file, article.source.sha256, directory)
            row: dict[str, Any] = {**article.source.columns, "article_id": library_id, "data": data}
            self.insert("article_sources", row, replacing=("article_id",))
        for image in article.images:
            image_data = None
            if image.file is not None and image.sha256 is not None:
                image_data = verified_bytes(image.file, image.sha256, directory)
                self.images += 1
            row = {**image.columns, "article_id": library_id, "data": image_data}
            self.insert("images", row, replacing=("article_id", "position"))
        for story in article.related:
            target = self.related_target(story, library_id)
            row = {**story, "article_id": library_id, "target_id": target}
            self.insert("related", row, replacing=("article_id", "position"))
        tags.attach(self.conn, library_id, article.tags)

    def related_target(self, story: dict[str, Scalar], library_id: int) -> int | None:
        """The library id a related story points to: the imported article it
        pointed to, or (merging) a saved article with its address or title."""
        target = story.get("target_id")
        if isinstance(target, int) and target in self.id_map:
            return self.id_map[target]
        if self.keeps_ids:
            return None
        url = story.get("url")
        return articles.resolve_related(
            self.conn,
            library_id,
            canonical_url(url) if isinstance(url, str) else None,
            str(story.get("title_key") or ""),
        )

    def feed_entry(self, entry: dict[str, Scalar], feed_id: int) -> dict[str, Scalar]:
        """A feed entry row pointing at the imported article (or at none)."""
        article = entry.get("article_id")
        mapped = self.id_map.get(article) if isinstance(article, int) else None
        return {**entry, "feed_id": feed_id, "article_id": mapped}

    def finish(self) -> None:
        """Index every article the import added or changed, for search and
        for similarity, as saving does."""
        search_index.index(self.conn, self.to_index)
        for library_id in sorted(self.to_index):
            similar.index_article(self.conn, library_id)


class _Restore(_Importer):
    """Import into an empty library: every row as it was, ids included."""

    keeps_ids = True

    def run(self) -> ImportResult:
        """Insert everything; returns the counts."""
        for tag in self.bundle.tags:
            self.insert("tags", tag)
        # Every article first: related stories and feed entries point at them.
        for article in self.bundle.articles:
            self.insert("articles", {**article.columns, "id": article.id})
            self.id_map[article.id] = article.id
        for article in self.bundle.articles:
            self.store_children(article, article.id)
            self.to_index.add(article.id)
        for feed in self.bundle.feeds:
            feed_id = self.insert("feeds", feed.columns)
            for entry in feed.entries:
                self.insert("feed_entries", self.feed_entry(entry, feed_id))
        search_index.index(self.conn, self.to_index)
        # Weighs every term with the whole library's frequencies, which
        # indexing one article after another would not.
        similar.rebuild(self.conn)
        return ImportResult(
            added=len(self.bundle.articles),
            updated=0,
            feeds_added=len(self.bundle.feeds),
            feeds_merged=0,
            images=self.images,
            merged=False,
            ignored_columns=tuple(sorted(self.ignored)),
        )


MergeOutcome = Literal["added", "updated", "states"]


class _Merge(_Importer):
    """Import into a library with content: match each article, then add or
    update it; a row keeps its bundle id only where that id is free."""

    keeps_ids = False

    def run(self) -> ImportResult:
        """Merge every article and feed; returns the counts."""
        outcomes = [self.merge_row(article) for article in self.bundle.articles]
        for article, outcome in zip(self.bundle.articles, outcomes, strict=True):
            library_id = self.id_map[article.id]
            if outcome == "states":
                tags.attach(self.conn, library_id, article.tags)
                continue
            self.drop_other_positions("images", library_id, article.images)
            self.drop_other_positions("related", library_id, article.related)
            self.store_children(article, library_id)
        feeds_added = sum(self.merge_feed(feed) for feed in self.bundle.feeds)
        self.finish()
        self.link_related()
        added = outcomes.count("added")
        return ImportResult(
            added=added,
            updated=len(outcomes) - added,
            feeds_added=feeds_added,
            feeds_merged=len(self.bundle.feeds) - feeds_added,
            images=self.images,
            merged=True,
            ignored_columns=tuple(sorted(self.ignored)),
        )

    def drop_other_positions(
        self, table: str, library_id: int, rows: Sequence[BundleImage | dict[str, Scalar]]
    ) -> None:
        """Delete an article's pictures or stories at positions the bundle
        does not have; the others are replaced in place, keeping their ids."""
        positions = {
            (row.columns if isinstance(row, BundleImage) else row).get("position") for row in rows
        }
        stored = self.conn.execute(
            f"SELECT position FROM {table} WHERE article_id = ?", (library_id,)
        ).fetchall()
        for (position,) in stored:
            if position not in positions:
                self.conn.execute(
                    f"DELETE FROM {table} WHERE article_id = ? AND position = ?",
                    (library_id, position),
                )

    def leave_index(self, library_id: int) -> None:
        """Take an indexed article out of the search index before its row
        changes: external-content FTS5 forgets a row only by its old values."""
        if library_id not in self.to_index:
            search_index.unindex(self.conn, [library_id])
            self.to_index.add(library_id)

    def merge_row(self, article: BundleArticle) -> MergeOutcome:
        """Add the article's row, or update the saved copy it matches.

        The bundle's copy wins, states included; the earlier save date is
        kept. A pending capture never replaces a complete one: then only the
        states (and tags) are taken from the bundle.
        """
        values: dict[str, Scalar] = dict(article.columns)
        url = values.get("url")
        canonical = canonical_url(url) if isinstance(url, str) else None
        values["url"] = canonical
        existing = articles.find_existing(self.conn, canonical, str(values.get("content_hash")))
        if existing is None:
            library_id = self.insert("articles", values)
            self.id_map[article.id] = library_id
            self.to_index.add(library_id)
            return "added"
        library_id, saved, existing_status = existing
        self.id_map[article.id] = library_id
        self.leave_index(library_id)
        if values.get("capture_status") == "pending" and existing_status == "complete":
            self.update_article(library_id, {key: values.get(key) for key in STATE_COLUMNS})
            return "states"
        earliest = min(saved, str(values.get("saved") or saved))
        published = values.get("published")
        values["saved"] = earliest
        values["sort_date"] = articles.sort_date(
            published if isinstance(published, str) else None, earliest
        )
        self.update_article(library_id, values)
        return "updated"

    def update_article(self, library_id: int, values: dict[str, Scalar]) -> None:
        """Overwrite a saved article's columns with bundle values."""
        known = self.columns["articles"]
        kept = {key: value for key, value in values.items() if key in known and key != "id"}
        if not kept:
            return
        assignments = ", ".join(f"{quoted(key)} = ?" for key in kept)
        self.conn.execute(
            f"UPDATE articles SET {assignments} WHERE id = ?", (*kept.values(), library_id)
        )

    def merge_feed(self, feed: BundleFeed) -> bool:
        """Add a feed, or join its entries to the subscription at the same
        address (whose own settings stay). True if the feed was added."""
        found = self.conn.execute(
            "SELECT id FROM feeds WHERE url = ?", (feed.columns.get("url"),)
        ).fetchone()
        feed_id = int(found[0]) if found else self.insert("feeds", feed.columns)
        for entry in feed.entries:
            row = self.kept_values("feed_entries", self.feed_entry(entry, feed_id))
            names = ", ".join(quoted(key) for key in row)
            # An entry both have seen keeps the library's article, if any.
            self.conn.execute(
                f"INSERT INTO feed_entries ({names}) VALUES ({', '.join('?' * len(row))})"
                " ON CONFLICT (feed_id, entry_key) DO UPDATE"
                " SET article_id = coalesce(feed_entries.article_id, excluded.article_id)",
                tuple(row.values()),
            )
        return found is None

    def link_related(self) -> None:
        """Point related stories already in the library at imported articles."""
        for library_id in sorted(set(self.id_map.values())):
            url, title_key = self.conn.execute(
                "SELECT url, title_key FROM articles WHERE id = ?", (library_id,)
            ).fetchone()
            articles.link_related_to(self.conn, library_id, url, str(title_key))


def _is_empty(conn: sqlite3.Connection) -> bool:
    """Whether the library holds nothing a restore could collide with."""
    tables = ("articles", "tags", "feeds")
    return not any(
        table_columns(conn, table)
        and conn.execute(f"SELECT 1 FROM {quoted(table)} LIMIT 1").fetchone()
        for table in tables
    )


def import_bundle(library: Library, directory: Path) -> ImportResult:
    """Import the bundle in ``directory`` into ``library``.

    Into an empty library every row comes back as it was, ids included;
    into one with content each article is matched like a save (canonical
    URL, or the text's hash) and added or updated, tags combined. One
    transaction: a damaged bundle (wrong format, missing or altered file,
    a path leaving the folder) raises BundleError and changes nothing.
    """
    bundle = read_bundle(directory)
    with library.store.write() as conn:
        importer = _Restore(library, bundle) if _is_empty(conn) else _Merge(library, bundle)
        try:
            return importer.run()
        except (sqlite3.IntegrityError, OverflowError) as error:
            raise BundleError(f"the bundle does not fit this library: {error}") from error
