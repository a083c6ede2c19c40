"""Importing a bundle into a library: a restore into an empty library, a
merge into one with content; either way one transaction."""

from __future__ import annotations

import sqlite3
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

from core.urls import canonical_url
from storage import articles, search_index, similar, tags, topics, versions
from storage.articles import utc_now
from storage.bundle.jsonstream import loads_limited
from storage.bundle.manifest import bundle_articles, bundle_feeds, read_bundle, verified_bytes
from storage.bundle.model import (
    Bundle,
    BundleArticle,
    BundleError,
    BundleFeed,
    BundleFile,
    BundleImage,
    BundleVersion,
    ImportResult,
    Scalar,
)
from storage.bundle.schema import validate
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
                          "feed_entries", "article_versions", "version_images", "highlights")
        }  # fmt: skip
        self.id_map: dict[int, int] = {}
        # Related stories pointing at a bundle article not imported yet:
        # (library article id, position, bundle id of the target).
        self.forward: list[tuple[int, int, int]] = []
        # Clips imported before their page: (library id, page's bundle id).
        self.forward_clips: list[tuple[int, int]] = []
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
        self.ignored.update(
            f"{table}.{key}".encode("utf-8", "backslashreplace").decode("utf-8")[:200]
            for key in values
            if key not in known
        )
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
            pointed = story.get("target_id")
            if target is None and isinstance(pointed, int) and self.comes_later(pointed):
                self.forward.append((library_id, int(story.get("position") or 0), pointed))
        tags.attach(self.conn, library_id, article.tags)
        topics.attach(self.conn, library_id, article.topics)

    def store_history(self, article: BundleArticle, library_id: int) -> None:
        """Write an article's kept versions (with their pictures) and its
        highlights, after the versions and highlights it already has."""
        for version in article.versions:
            self.store_version(version, library_id)
        for highlight in article.highlights:
            if not self.keeps_ids and self.has_highlight(library_id, highlight):
                continue
            self.insert("highlights", {**highlight, "article_id": library_id})

    def store_version(self, version: BundleVersion, library_id: int) -> None:
        """Write one version, its files checked: their SHA-256, and that they
        unpack to what the version says (a version nobody can open again
        would be a word lost later)."""
        directory = self.bundle.directory
        columns = version.columns
        content = verified_bytes(version.content.file, version.content.sha256, directory)
        packed = self.unpacked(version.content, content, columns.get("original_size"))
        relative = version.content.file.relative_to(directory).as_posix()
        try:
            text = packed.decode("utf-8")
        except UnicodeDecodeError as error:
            raise BundleError(f"{relative!r} is not UTF-8 text: the bundle is damaged") from error
        validate("version content", loads_limited(text), "content", relative)
        source = None
        if version.source is not None:
            source = verified_bytes(version.source.file, version.source.sha256, directory)
            self.unpacked(version.source, source, columns.get("source_size"))
        number = self.version_number(library_id, columns.get("number"), content)
        if number is None:
            return
        row: dict[str, Any] = {
            **columns,
            "article_id": library_id,
            "number": number,
            "content": content,
            "source_data": source,
        }
        version_id = self.insert("article_versions", row)
        for image in version.images:
            image_data = None
            if image.file is not None and image.sha256 is not None:
                image_data = verified_bytes(image.file, image.sha256, directory)
                self.images += 1
            self.insert(
                "version_images", {**image.columns, "version_id": version_id, "data": image_data}
            )

    def unpacked(self, file: BundleFile, data: bytes, size: Scalar) -> bytes:
        """``data`` (zlib, as versions store it) unpacked, refused unless it
        is exactly ``size`` bytes (never unpacking more)."""
        relative = file.file.relative_to(self.bundle.directory).as_posix()
        expected = int(size) if isinstance(size, int) else -1
        try:
            unpacker = zlib.decompressobj()
            unpacked = unpacker.decompress(data, expected + 1)
            complete = unpacker.eof and not unpacker.unconsumed_tail
        except zlib.error as error:
            raise BundleError(f"{relative!r} is damaged: {error}") from error
        if not complete or len(unpacked) != expected:
            raise BundleError(
                f"{relative!r} does not unpack to its stated size: the bundle is damaged"
            )
        return unpacked

    def version_number(self, library_id: int, number: Scalar, content: bytes) -> int | None:
        """The number a bundle version gets: its own, or (merging) after the
        article's versions when that one is taken; None when the article
        already has this very version (a bundle imported twice)."""
        assert isinstance(number, int)
        if self.keeps_ids:
            return number
        same = self.conn.execute(
            "SELECT 1 FROM article_versions WHERE article_id = ? AND content = ?",
            (library_id, content),
        ).fetchone()
        if same is not None:
            return None
        last = self.conn.execute(
            "SELECT max(number) FROM article_versions WHERE article_id = ?", (library_id,)
        ).fetchone()[0]
        return number if last is None or number > last else int(last) + 1

    def has_highlight(self, library_id: int, highlight: dict[str, Scalar]) -> bool:
        """Whether the article already has this highlight: the same kind,
        quote and note (as ``storage.highlights.add`` decides)."""
        found = self.conn.execute(
            "SELECT 1 FROM highlights WHERE article_id = ? AND kind = ? AND quote = ? AND note = ?",
            (
                library_id,
                highlight.get("kind"),
                highlight.get("quote", ""),
                highlight.get("note", ""),
            ),
        ).fetchone()
        return found is not None

    def comes_later(self, bundle_id: int) -> bool:
        """Whether ``bundle_id`` is an article of the bundle not imported yet."""
        return bundle_id in self.bundle.article_ids and bundle_id not in self.id_map

    def clip_target(self, article: BundleArticle) -> int | None:
        """The library id of the page a clip was clipped from: kept when it
        is already imported (or, restoring, comes later: ids are kept)."""
        page = article.columns.get("clip_of")
        if not isinstance(page, int) or page not in self.bundle.article_ids:
            return None
        if page in self.id_map:
            return self.id_map[page]
        return page if self.keeps_ids else None

    def note_forward_clip(self, article: BundleArticle, library_id: int) -> None:
        """Remember a clip whose page comes later in the bundle (merging)."""
        page = article.columns.get("clip_of")
        if isinstance(page, int) and self.comes_later(page):
            self.forward_clips.append((library_id, page))

    def link_forward(self) -> None:
        """Point the related stories and clips imported before the article
        they point at to it, now that every article is in."""
        for library_id, position, bundle_id in self.forward:
            self.conn.execute(
                "UPDATE related SET target_id = ? WHERE article_id = ? AND position = ?",
                (self.id_map[bundle_id], library_id, position),
            )
        for library_id, bundle_id in self.forward_clips:
            self.conn.execute(
                "UPDATE articles SET clip_of = ? WHERE id = ?", (self.id_map[bundle_id], library_id)
            )

    def related_target(self, story: dict[str, Scalar], library_id: int) -> int | None:
        """The library id a related story points to: the imported article it
        pointed to, or (merging) a saved article with its address or title."""
        target = story.get("target_id")
        if isinstance(target, int) and target in self.id_map:
            return self.id_map[target]
        if self.keeps_ids or (isinstance(target, int) and self.comes_later(target)):
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
        """Insert everything, one article at a time; returns the counts."""
        for tag in self.bundle.tags:
            self.insert("tags", tag)
        added = 0
        for article in bundle_articles(self.bundle):
            row: dict[str, Any] = {**article.columns, "id": article.id}
            if "clip_of" in row:
                row["clip_of"] = self.clip_target(article)
            self.insert("articles", row)
            self.id_map[article.id] = article.id
            self.store_children(article, article.id)
            self.store_history(article, article.id)
            added += 1
        self.link_forward()
        feeds = 0
        for feed in bundle_feeds(self.bundle):
            feed_id = self.insert("feeds", feed.columns)
            for entry in feed.entries:
                self.insert("feed_entries", self.feed_entry(entry, feed_id))
            feeds += 1
        search_index.index(self.conn, self.id_map.keys())
        # Weighs every term with the whole library's frequencies, which
        # indexing one article after another would not.
        similar.rebuild(self.conn)
        return ImportResult(
            added=added,
            updated=0,
            feeds_added=feeds,
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
        """Merge every article, one at a time, then every feed; returns the counts."""
        outcomes = {"added": 0, "updated": 0, "states": 0}
        for article in bundle_articles(self.bundle):
            outcome = self.merge_row(article)
            outcomes[outcome] += 1
            library_id = self.id_map[article.id]
            self.store_history(article, library_id)
            if outcome == "states":
                tags.attach(self.conn, library_id, article.tags)
                topics.attach(self.conn, library_id, article.topics)
                continue
            self.drop_other_positions("images", library_id, article.images)
            self.drop_other_positions("related", library_id, article.related)
            self.store_children(article, library_id)
        self.link_forward()
        feeds = [self.merge_feed(feed) for feed in bundle_feeds(self.bundle)]
        self.finish()
        self.link_related()
        return ImportResult(
            added=outcomes["added"],
            updated=outcomes["updated"] + outcomes["states"],
            feeds_added=sum(feeds),
            feeds_merged=len(feeds) - sum(feeds),
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
        if "clip_of" in values:
            values["clip_of"] = self.clip_target(article)
        existing = articles.find_existing(self.conn, canonical, str(values.get("content_hash")))
        if existing is None:
            library_id = self.insert("articles", values)
            self.id_map[article.id] = library_id
            self.to_index.add(library_id)
            self.note_forward_clip(article, library_id)
            return "added"
        library_id, saved, existing_status = existing
        self.id_map[article.id] = library_id
        self.leave_index(library_id)
        if values.get("capture_status") == "pending" and existing_status == "complete":
            self.update_article(library_id, {key: values.get(key) for key in STATE_COLUMNS})
            return "states"
        current = self.conn.execute(
            "SELECT content_hash FROM articles WHERE id = ?", (library_id,)
        ).fetchone()[0]
        if current != values.get("content_hash"):
            # The bundle's text becomes current: the library's is kept as a
            # version, as a re-save would keep it.
            versions.keep_current(self.conn, library_id, utc_now(), "replaced")
        earliest = min(saved, str(values.get("saved") or saved))
        published = values.get("published")
        values["saved"] = earliest
        values["sort_date"] = articles.sort_date(
            published if isinstance(published, str) else None, earliest
        )
        self.update_article(library_id, values)
        self.note_forward_clip(article, library_id)
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
    transaction: a damaged bundle (wrong format, a field the schema refuses,
    missing or altered file, a path leaving the folder) raises BundleError
    and changes nothing. Read one article at a time: memory does not grow
    with the bundle.
    """
    bundle = read_bundle(directory)
    with library.store.write() as conn:
        # Restoring keeps ids, so a clip may name its page before the page's
        # row is in: foreign keys are checked when the import commits.
        conn.execute("PRAGMA defer_foreign_keys = ON")
        importer = _Restore(library, bundle) if _is_empty(conn) else _Merge(library, bundle)
        try:
            return importer.run()
        except (sqlite3.IntegrityError, OverflowError) as error:
            raise BundleError(f"the bundle does not fit this library: {error}") from error
