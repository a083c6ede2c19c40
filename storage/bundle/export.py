"""Exporting the whole library to a bundle folder, one article at a time.

The export is written into a new folder beside the bundle and swapped in
when complete (``storage.bundle.folders``): killed at any moment, the
earlier bundle still imports. Files an earlier bundle already holds with the
same bytes are linked into the new folder instead of written again.

``readshelf.json`` is streamed: one article's entry (its row, tags,
pictures, related stories, source, kept versions and highlights) is in
memory at a time, and the text
is the same as ``json.dumps(manifest, ensure_ascii=False, indent=2)``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from core.files import IMAGES_DIR, has_bytes, image_file_name, temporary_path
from storage.articles import utc_now
from storage.bundle import folders
from storage.bundle.files import SOURCE_EXTENSIONS, check_export_folder, write_atomically
from storage.bundle.model import (
    FORMAT_NAME,
    FORMAT_VERSION,
    MANIFEST,
    SOURCES_DIR,
    VERSIONS_DIR,
    BundleError,
    ExportResult,
)
from storage.bundle.tables import EXPORTED_TABLES, content_tables, iter_rows, quoted, table_columns
from storage.library import Library

_BUNDLE_MARKER = f'"format": "{FORMAT_NAME}"'


def _safe_compression(compression: str) -> str:
    return re.sub(r"[^a-z0-9]", "", compression.lower()) or "data"


def _source_file_name(article_id: int, media_type: str | None, compression: str) -> str:
    """``sources/<id>.<ext>.<compression>``: what the file holds, then how."""
    base = (media_type or "").split(";")[0].strip().lower()
    extension = SOURCE_EXTENSIONS.get(base, "bin")
    return f"{SOURCES_DIR}/{article_id}.{extension}.{_safe_compression(compression)}"


class _Files:
    """The files of one export: written once each into the new folder, or
    linked from the earlier bundle when it holds the same bytes."""

    def __init__(self, new: Path, earlier: Path | None) -> None:
        self.new = new
        self.earlier = earlier
        self.images: set[str] = set()

    def put(self, relative: str, data: bytes) -> None:
        target = self.new / relative
        if self.earlier is not None and has_bytes(self.earlier / relative, data):
            try:
                os.link(self.earlier / relative, target)
                return
            except OSError:
                pass  # no hard links here (or across devices): write a copy
        write_atomically(target, data)

    def image(self, data: bytes, mime: str | None) -> str:
        relative = image_file_name(data, mime)
        if relative not in self.images:
            self.put(relative, data)
            self.images.add(relative)
        return relative


def _images(
    conn: sqlite3.Connection, owner: tuple[str, str, int], files: _Files
) -> list[dict[str, Any]]:
    """The pictures of an article or a version (``owner``: table, column
    naming the owner, its id), each file written; their metadata in order."""
    table, column, owner_id = owner
    images: list[dict[str, Any]] = []
    for values, data in iter_rows(conn, table, "position", blob="data", where=(column, owner_id)):
        del values[column]
        entry: dict[str, Any] = {**values, "file": None, "sha256": None, "size": None}
        if data is not None:
            entry["file"] = files.image(data, values.get("mime"))
            entry["sha256"] = hashlib.sha256(data).hexdigest()
            entry["size"] = len(data)
        images.append(entry)
    return images


def _source(conn: sqlite3.Connection, article_id: int, files: _Files) -> dict[str, Any] | None:
    """An article's stored original, its file written; its metadata."""
    for values, data in iter_rows(
        conn, "article_sources", "article_id", blob="data", where=("article_id", article_id)
    ):
        del values["article_id"]
        payload = data or b""
        relative = _source_file_name(
            article_id, values.get("media_type"), str(values.get("compression") or "")
        )
        files.put(relative, payload)
        return {**values, "file": relative, "sha256": hashlib.sha256(payload).hexdigest()}
    return None


def _file(files: _Files, relative: str, data: bytes) -> dict[str, str]:
    """A blob written as a file of the export; its entry (path and SHA-256)."""
    files.put(relative, data)
    return {"file": relative, "sha256": hashlib.sha256(data).hexdigest()}


def _versions(conn: sqlite3.Connection, article_id: int, files: _Files) -> list[dict[str, Any]]:
    """An article's kept versions, oldest first: each row, its packed content
    and source bytes as files (compressed, as stored) and its pictures."""
    kept: list[dict[str, Any]] = []
    for values, content in iter_rows(
        conn, "article_versions", "number", blob="content", where=("article_id", article_id)
    ):
        del values["article_id"]
        source_data = values.pop("source_data")
        name = f"{VERSIONS_DIR}/{article_id}-{values['number']}"
        compression = _safe_compression(str(values.get("compression") or ""))
        source = None
        if source_data is not None:
            media_type = (values.get("source_media_type") or "").split(";")[0].strip().lower()
            extension = SOURCE_EXTENSIONS.get(media_type, "bin")
            how = _safe_compression(str(values.get("source_compression") or ""))
            source = _file(files, f"{name}.source.{extension}.{how}", bytes(source_data))
        kept.append(
            {
                **values,
                "content": _file(files, f"{name}.json.{compression}", content or b""),
                "source": source,
                "images": _images(conn, ("version_images", "version_id", values["id"]), files),
            }
        )
    return kept


def _highlights(conn: sqlite3.Connection, article_id: int) -> list[dict[str, Any]]:
    """An article's highlights and notes, oldest first."""
    kept = []
    for values, _ in iter_rows(conn, "highlights", "id", where=("article_id", article_id)):
        del values["article_id"]
        kept.append(values)
    return kept


def _tags(conn: sqlite3.Connection, article_id: int) -> list[str]:
    """An article's tag names, in tag order."""
    rows = conn.execute(
        "SELECT t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id"
        " WHERE at.article_id = ? ORDER BY t.key",
        (article_id,),
    )
    return [str(name) for (name,) in rows]


def _topics(conn: sqlite3.Connection, article_id: int) -> list[str]:
    """An article's topic names, in topic order."""
    rows = conn.execute(
        "SELECT p.name FROM article_topics ap JOIN topics p ON p.id = ap.topic_id"
        " WHERE ap.article_id = ? ORDER BY p.key",
        (article_id,),
    )
    return [str(name) for (name,) in rows]


def _related(conn: sqlite3.Connection, article_id: int) -> list[dict[str, Any]]:
    """An article's related stories, in page order."""
    related = []
    for values, _ in iter_rows(conn, "related", "position", where=("article_id", article_id)):
        del values["article_id"]
        related.append(values)
    return related


def _articles(conn: sqlite3.Connection, files: _Files) -> Iterator[dict[str, Any]]:
    """Every article as readable JSON, writing its pictures and source."""
    for values, _ in iter_rows(conn, "articles", "id"):
        article_id = int(values["id"])
        yield {
            **values,
            "tags": _tags(conn, article_id),
            "topics": _topics(conn, article_id),
            "images": _images(conn, ("images", "article_id", article_id), files),
            "related": _related(conn, article_id),
            "source": _source(conn, article_id, files),
            "versions": _versions(conn, article_id, files),
            "highlights": _highlights(conn, article_id),
        }


def _feeds(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """Every feed with the entries it has seen (none if there is no feeds table)."""
    if not table_columns(conn, "feeds"):
        return
    has_entries = bool(table_columns(conn, "feed_entries"))
    for values, _ in iter_rows(conn, "feeds", "id"):
        entries = []
        if has_entries:
            for entry, _ in iter_rows(
                conn, "feed_entries", "entry_key", where=("feed_id", values["id"])
            ):
                del entry["feed_id"]
                entries.append(entry)
        yield {**values, "entries": entries}


def _skipped_tables(conn: sqlite3.Connection) -> tuple[str, ...]:
    """Content tables with rows that a bundle does not carry."""
    return tuple(
        table
        for table in content_tables(conn)
        if table not in EXPORTED_TABLES
        and conn.execute(f"SELECT 1 FROM {quoted(table)} LIMIT 1").fetchone()
    )


def _dumped(value: Any, indent: int) -> str:
    """``value`` as ``json.dumps(..., indent=2)`` writes it ``indent`` deep."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return text.replace("\n", "\n" + " " * indent)


def _write_list(out: IO[str], items: Iterable[Any]) -> int:
    """A top-level list, one item at a time; returns how many there were."""
    count = 0
    for item in items:
        out.write(",\n    " if count else "[\n    ")
        out.write(_dumped(item, 4))
        count += 1
    out.write("\n  ]" if count else "[]")
    return count


def _write_manifest(path: Path, header: dict[str, Any], lists: Mapping[str, Iterable[Any]]) -> int:
    """Stream ``readshelf.json``; returns how many articles it lists. The
    file gets its name only once complete and on disk."""
    temporary = temporary_path(path)
    articles = 0
    with open(temporary, "w", encoding="utf-8", newline="\n") as out:
        out.write("{")
        for index, (key, value) in enumerate(header.items()):
            out.write(f"{',' if index else ''}\n  {json.dumps(key)}: {_dumped(value, 2)}")
        for key, items in lists.items():
            out.write(f",\n  {json.dumps(key)}: ")
            count = _write_list(out, items)
            articles = count if key == "articles" else articles
        out.write("\n}\n")
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path)
    return articles


def export_bundle(library: Library, directory: Path) -> ExportResult:
    """Write the whole library as a bundle into ``directory``.

    The folder must be new, empty or an earlier bundle. The export is built
    beside it and swapped in at the end, so an interrupted export leaves the
    earlier bundle as it was (the next export cleans up after it).
    """
    folders.recover(directory)
    earlier = check_export_folder(directory, MANIFEST, _BUNDLE_MARKER, "bundle")
    new = folders.new_folder(directory)
    try:
        (new / IMAGES_DIR).mkdir()
        (new / SOURCES_DIR).mkdir()
        (new / VERSIONS_DIR).mkdir()
        files = _Files(new, folders.target_folder(directory) if earlier else None)
        with library.store.read() as conn:
            header = {
                "format": FORMAT_NAME,
                "format_version": FORMAT_VERSION,
                "schema_version": library.schema_version(),
                "exported": utc_now(),
            }
            lists = {
                "tags": (values for values, _ in iter_rows(conn, "tags", "id")),
                "articles": _articles(conn, files),
                "feeds": _feeds(conn),
            }
            articles = _write_manifest(new / MANIFEST, header, lists)
            skipped = _skipped_tables(conn)
    except OSError as error:
        folders.recover(directory)
        raise BundleError(f"cannot write to {directory}: {error.strerror or error}") from error
    except BaseException:
        folders.recover(directory)
        raise
    folders.swap_in(new, directory)
    return ExportResult(
        directory=directory,
        format="bundle",
        articles=articles,
        images=len(files.images),
        skipped_tables=skipped,
    )
