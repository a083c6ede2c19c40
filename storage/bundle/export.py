"""Exporting the whole library to a bundle folder."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from pathlib import Path
from typing import Any

from storage.articles import utc_now
from storage.bundle.files import (
    SOURCE_EXTENSIONS,
    has_bytes,
    prepare_export_directory,
    remove_stale_files,
    write_atomically,
    write_image,
)
from storage.bundle.model import (
    FORMAT_NAME,
    FORMAT_VERSION,
    IMAGES_DIR,
    MANIFEST,
    SOURCES_DIR,
    ExportResult,
)
from storage.bundle.tables import EXPORTED_TABLES, content_tables, iter_rows, quoted, table_columns
from storage.library import Library

_BUNDLE_MARKER = f'"format": "{FORMAT_NAME}"'
_IMAGE_FILE = re.compile(r"[0-9a-f]{64}\.[a-z0-9]+")
_SOURCE_FILE = re.compile(r"\d+\.[a-z0-9.]+")


def _source_file_name(article_id: int, media_type: str | None, compression: str) -> str:
    """``sources/<id>.<ext>.<compression>``: what the file holds, then how."""
    base = (media_type or "").split(";")[0].strip().lower()
    extension = SOURCE_EXTENSIONS.get(base, "bin")
    safe_compression = re.sub(r"[^a-z0-9]", "", compression.lower()) or "data"
    return f"{SOURCES_DIR}/{article_id}.{extension}.{safe_compression}"


def _export_images(
    conn: sqlite3.Connection, directory: Path, written: set[str]
) -> dict[int, list[dict[str, Any]]]:
    """Write every picture's bytes; their metadata, by article id."""
    by_article: dict[int, list[dict[str, Any]]] = {}
    for values, data in iter_rows(conn, "images", "article_id, position", blob="data"):
        article_id = int(values.pop("article_id"))
        entry: dict[str, Any] = {**values, "file": None, "sha256": None, "size": None}
        if data is not None:
            entry["file"] = write_image(directory, data, values.get("mime"), written)
            entry["sha256"] = hashlib.sha256(data).hexdigest()
            entry["size"] = len(data)
        by_article.setdefault(article_id, []).append(entry)
    return by_article


def _export_sources(
    conn: sqlite3.Connection, directory: Path, written: set[str]
) -> dict[int, dict[str, Any]]:
    """Write every article's stored original; their metadata, by article id."""
    (directory / SOURCES_DIR).mkdir(exist_ok=True)
    by_article: dict[int, dict[str, Any]] = {}
    for values, data in iter_rows(conn, "article_sources", "article_id", blob="data"):
        article_id = int(values.pop("article_id"))
        payload = data or b""
        relative = _source_file_name(
            article_id, values.get("media_type"), str(values.get("compression") or "")
        )
        if not has_bytes(directory / relative, payload):
            write_atomically(directory / relative, payload)
        written.add(relative)
        by_article[article_id] = {
            **values,
            "file": relative,
            "sha256": hashlib.sha256(payload).hexdigest(),
        }
    return by_article


def _tags_by_article(conn: sqlite3.Connection) -> dict[int, list[str]]:
    """Each article's tag names, in tag order."""
    tags: dict[int, list[str]] = {}
    for article_id, name in conn.execute(
        "SELECT at.article_id, t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id"
        " ORDER BY t.key"
    ):
        tags.setdefault(int(article_id), []).append(str(name))
    return tags


def _related_by_article(conn: sqlite3.Connection) -> dict[int, list[dict[str, Any]]]:
    """Each article's related stories, in page order."""
    related: dict[int, list[dict[str, Any]]] = {}
    for values, _ in iter_rows(conn, "related", "article_id, position"):
        related.setdefault(int(values.pop("article_id")), []).append(values)
    return related


def _export_articles(
    conn: sqlite3.Connection, directory: Path, written: set[str]
) -> list[dict[str, Any]]:
    """Every article as readable JSON, writing its pictures and source."""
    images = _export_images(conn, directory, written)
    sources = _export_sources(conn, directory, written)
    tags = _tags_by_article(conn)
    related = _related_by_article(conn)
    articles: list[dict[str, Any]] = []
    for values, _ in iter_rows(conn, "articles", "id"):
        article_id = int(values["id"])
        articles.append(
            {
                **values,
                "tags": tags.get(article_id, []),
                "images": images.get(article_id, []),
                "related": related.get(article_id, []),
                "source": sources.get(article_id),
            }
        )
    return articles


def _export_feeds(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every feed with the entries it has seen (none if there is no feeds table)."""
    if not table_columns(conn, "feeds"):
        return []
    entries: dict[int, list[dict[str, Any]]] = {}
    if table_columns(conn, "feed_entries"):
        for values, _ in iter_rows(conn, "feed_entries", "feed_id, entry_key"):
            entries.setdefault(int(values.pop("feed_id")), []).append(values)
    return [
        {**values, "entries": entries.get(int(values["id"]), [])}
        for values, _ in iter_rows(conn, "feeds", "id")
    ]


def _skipped_tables(conn: sqlite3.Connection) -> tuple[str, ...]:
    """Content tables with rows that a bundle does not carry."""
    return tuple(
        table
        for table in content_tables(conn)
        if table not in EXPORTED_TABLES
        and conn.execute(f"SELECT 1 FROM {quoted(table)} LIMIT 1").fetchone()
    )


def export_bundle(library: Library, directory: Path) -> ExportResult:
    """Write the whole library as a bundle into ``directory``.

    The folder must be new, empty or an earlier bundle (which is brought up
    to date: files it no longer needs are removed). ``readshelf.json`` is
    written last, so an interrupted export never looks complete.
    """
    prepare_export_directory(directory, MANIFEST, _BUNDLE_MARKER, "bundle")
    written: set[str] = set()
    with library.store.read() as conn:
        articles = _export_articles(conn, directory, written)
        manifest = {
            "format": FORMAT_NAME,
            "format_version": FORMAT_VERSION,
            "schema_version": library.schema_version(),
            "exported": utc_now(),
            "tags": [values for values, _ in iter_rows(conn, "tags", "id")],
            "articles": articles,
            "feeds": _export_feeds(conn),
        }
        skipped = _skipped_tables(conn)
    text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
    write_atomically(directory / MANIFEST, text.encode("utf-8"), durable=True)
    remove_stale_files(directory / IMAGES_DIR, _names_under(IMAGES_DIR, written), _IMAGE_FILE)
    remove_stale_files(directory / SOURCES_DIR, _names_under(SOURCES_DIR, written), _SOURCE_FILE)
    remove_stale_files(directory, set())
    return ExportResult(
        directory=directory,
        format="bundle",
        articles=len(articles),
        images=sum(1 for name in written if name.startswith(f"{IMAGES_DIR}/")),
        skipped_tables=skipped,
    )


def _names_under(folder: str, written: set[str]) -> set[str]:
    """The file names (without folder) of ``written`` paths inside ``folder``."""
    prefix = f"{folder}/"
    return {name[len(prefix) :] for name in written if name.startswith(prefix)}
