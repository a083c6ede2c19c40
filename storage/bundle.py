"""Exporting the whole library to a folder (a *bundle*) and importing it back.

A bundle is a folder a person can read and any program can parse::

    DIR/readshelf.json     format, versions, export time, tags, articles, feeds
    DIR/images/<sha256>.<ext>      each picture once, named by its bytes
    DIR/sources/<id>.<ext>.zlib    each article's original, as stored (zlib)

Articles carry every column of their row (ids, states, dates, capture
status), their tags by name, their images (metadata plus file path and
SHA-256), related stories and the path of their source file. Feeds carry
their row and their entries. Columns are read with ``PRAGMA table_info``, so a
column another migration adds travels without changes here.

Import into an empty library restores every row as it was, ids included.
Import into a library that already has articles merges: each article is
matched the way saving matches (canonical URL, or the text's hash without a
URL) and is added or updated, never copied twice. Either way the import is
one transaction, and every check (format, paths, file hashes) fails it whole.

Derived tables (the search index and its shadow tables, ``library_state``,
the migration log, similarity tables) are never exported: the library
rebuilds them. ``library_digest`` fingerprints everything else, which is how
the tests prove a round trip loses nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any, Literal

from core.urls import canonical_url
from storage import schema, similar
from storage.errors import LibraryError
from storage.library import Library, _sort_date, _translated_errors, utc_now

FORMAT_NAME = "readshelf-bundle"
FORMAT_VERSION = 1
MANIFEST = "readshelf.json"
IMAGES_DIR = "images"
SOURCES_DIR = "sources"

# The tables a bundle carries. Anything else that holds rows is reported as
# skipped by an export, so a table added later is never lost in silence.
EXPORTED_TABLES = frozenset(
    {"articles", "article_sources", "images", "tags", "article_tags", "related", "feeds",
     "feed_entries"}
)  # fmt: skip

# Bookkeeping the library keeps for itself: the write counter and the
# migration log (whose applied_at times differ between two equal libraries).
_DERIVED_TABLES = frozenset({"library_state", "_sqlite_migrations"})
# Similarity and term tables are computed from the articles; other parts of
# Readshelf add them under names like these. A migration may also list its
# derived tables in ``schema.DERIVED_TABLES``.
_DERIVED_NAME = re.compile(r"similar|(?:^|_)terms?(?:_|$)", re.IGNORECASE)

# Article columns that are the person's own marks, not the captured content.
_STATE_COLUMNS = ("status", "favorite", "reading_position")

_TEMPORARY_SUFFIX = ".readshelf-tmp"

_IMAGE_EXTENSIONS = {
    "image/jpeg": "jpg",
    "image/jpg": "jpg",
    "image/pjpeg": "jpg",
    "image/png": "png",
    "image/gif": "gif",
    "image/webp": "webp",
    "image/avif": "avif",
    "image/svg+xml": "svg",
    "image/bmp": "bmp",
    "image/tiff": "tif",
    "image/x-icon": "ico",
    "image/vnd.microsoft.icon": "ico",
    "image/heic": "heic",
}
_SOURCE_EXTENSIONS = {
    "text/plain": "txt",
    "text/html": "html",
    "application/xhtml+xml": "xhtml",
    "multipart/related": "mhtml",
    "message/rfc822": "mhtml",
    "application/x-mimearchive": "mhtml",
}

Scalar = str | int | float | None


class BundleError(LibraryError):
    """An export or import that cannot go ahead; the message says why."""


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote."""

    directory: Path
    format: str
    articles: int
    images: int
    skipped_tables: tuple[str, ...] = ()
    """Tables with rows this version does not know how to export."""


@dataclass(frozen=True)
class ImportResult:
    """What an import changed."""

    added: int
    updated: int
    feeds_added: int
    feeds_merged: int
    images: int
    merged: bool
    """True when the library had content and the bundle was merged into it."""
    ignored_columns: tuple[str, ...] = ()
    """``table.column`` values in the bundle that this library has no column
    for (a bundle from a newer Readshelf): left out, and worth telling."""


# --------------------------------------------------------------------------
# The bundle as read from disk
# --------------------------------------------------------------------------


@dataclass
class BundleImage:
    """One picture of an article in a bundle."""

    columns: dict[str, Scalar]
    file: Path | None
    sha256: str | None


@dataclass
class BundleSource:
    """An article's original bytes in a bundle (compressed, as stored)."""

    columns: dict[str, Scalar]
    file: Path
    sha256: str


@dataclass
class BundleArticle:
    """One article of a bundle with everything it owns."""

    id: int
    columns: dict[str, Scalar]
    tags: list[str]
    images: list[BundleImage]
    related: list[dict[str, Scalar]]
    source: BundleSource | None


@dataclass
class BundleFeed:
    """One feed of a bundle with the entries it has seen."""

    columns: dict[str, Scalar]
    entries: list[dict[str, Scalar]]


@dataclass
class Bundle:
    """A bundle's manifest, checked: every path stays inside the folder and
    every file it names exists (hashes are checked as files are read)."""

    directory: Path
    format_version: int
    schema_version: int | None
    exported: str | None
    tags: list[dict[str, Scalar]] = field(default_factory=list)
    articles: list[BundleArticle] = field(default_factory=list)
    feeds: list[BundleFeed] = field(default_factory=list)


# --------------------------------------------------------------------------
# Reading the library
# --------------------------------------------------------------------------


@contextlib.contextmanager
def _snapshot(library: Library) -> Iterator[sqlite3.Connection]:
    """One read transaction, so every table is read as of the same moment
    even while the window saves articles."""
    conn = library._conn
    owned = not conn.in_transaction
    with _translated_errors():
        if owned:
            conn.execute("BEGIN")
        try:
            yield conn
        finally:
            if owned and conn.in_transaction:
                conn.execute("COMMIT")


def _quoted(name: str) -> str:
    """An SQL identifier, quoted."""
    return '"' + name.replace('"', '""') + '"'


def table_columns(conn: sqlite3.Connection, table: str) -> list[str]:
    """The columns of ``table`` in schema order; empty if there is no such table."""
    return [str(row[1]) for row in conn.execute(f"PRAGMA table_info({_quoted(table)})")]


def _is_derived(name: str, virtual: set[str]) -> bool:
    """Whether the library rebuilds this table from others (or keeps it
    for its own bookkeeping), so that it is neither exported nor digested."""
    declared = frozenset(getattr(schema, "DERIVED_TABLES", ()))
    return (
        name.startswith("sqlite_")
        or name in _DERIVED_TABLES
        or name in declared
        or name in virtual
        or any(name.startswith(f"{table}_") for table in virtual)
        or _DERIVED_NAME.search(name) is not None
    )


def content_tables(conn: sqlite3.Connection) -> list[str]:
    """Every table holding the person's data: not derived, by name."""
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    virtual = {
        str(name) for name, sql in rows if str(sql or "").upper().startswith("CREATE VIRTUAL")
    }
    return sorted(str(name) for name, _ in rows if not _is_derived(str(name), virtual))


def _digest_value(value: Any) -> Any:
    """A value tagged with its SQLite type; blobs by their SHA-256."""
    if value is None:
        return None
    if isinstance(value, bytes):
        return ["b", hashlib.sha256(value).hexdigest()]
    if isinstance(value, float):
        return ["f", repr(value)]
    if isinstance(value, int):
        return ["i", value]
    return ["s", str(value)]


def _table_digest(conn: sqlite3.Connection, table: str) -> str:
    """A SHA-256 of every row of ``table``, whatever their order on disk."""
    columns = sorted(table_columns(conn, table))
    selected = ", ".join(_quoted(column) for column in columns)
    rows = sorted(
        json.dumps([_digest_value(value) for value in row], ensure_ascii=False)
        for row in conn.execute(f"SELECT {selected} FROM {_quoted(table)}")
    )
    digest = hashlib.sha256(json.dumps([table, columns]).encode("utf-8"))
    for row in rows:
        digest.update(row.encode("utf-8") + b"\n")
    return digest.hexdigest()


def library_digest(library: Library) -> str:
    """A fingerprint of everything the person has in the library.

    Covers every row of every non-derived table (ids included) and every
    image and source byte; ignores the search index, the write counter and
    other tables the library rebuilds. Two libraries with the same digest
    hold the same articles, states, tags, feeds and pictures.
    """
    with _snapshot(library) as conn:
        parts = [f"{table}:{_table_digest(conn, table)}" for table in content_tables(conn)]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def _iter_rows(
    conn: sqlite3.Connection, table: str, order: str, *, blob: str | None = None
) -> Iterator[tuple[dict[str, Any], bytes | None]]:
    """Each row of ``table`` as a dict of its columns, with the ``blob``
    column (if named) apart, one row in memory at a time."""
    columns = [column for column in table_columns(conn, table) if column != blob]
    selected = ", ".join(_quoted(column) for column in [*columns, *([blob] if blob else [])])
    for row in conn.execute(f"SELECT {selected} FROM {_quoted(table)} ORDER BY {order}"):
        values = dict(zip(columns, row, strict=False))
        data = row[len(columns)] if blob else None
        yield values, (bytes(data) if data is not None else None)


# --------------------------------------------------------------------------
# Writing files
# --------------------------------------------------------------------------


def write_atomically(path: Path, data: bytes, *, durable: bool = False) -> None:
    """Write ``data`` to a temporary name beside ``path``, then rename it, so
    a reader never sees half a file. ``durable`` also syncs it to disk."""
    temporary = path.with_name(f".{path.name}{_TEMPORARY_SUFFIX}")
    try:
        with open(temporary, "wb") as file:
            file.write(data)
            if durable:
                file.flush()
                os.fsync(file.fileno())
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise BundleError(f"cannot write {path}: {error.strerror or error}") from error


def _has_bytes(path: Path, data: bytes) -> bool:
    """Whether ``path`` already holds exactly ``data`` (a re-export keeps it)."""
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _sniffed_extension(data: bytes) -> str:
    """A file extension from an image's first bytes, for rows without a MIME type."""
    signatures = (
        (b"\x89PNG", "png"),
        (b"\xff\xd8\xff", "jpg"),
        (b"GIF8", "gif"),
        (b"BM", "bmp"),
    )
    for signature, extension in signatures:
        if data.startswith(signature):
            return extension
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return "bin"


def image_file_name(data: bytes, mime: str | None) -> str:
    """``images/<sha256>.<ext>``: a picture's path inside an export."""
    base = (mime or "").split(";")[0].strip().lower()
    extension = _IMAGE_EXTENSIONS.get(base) or _sniffed_extension(data)
    return f"{IMAGES_DIR}/{hashlib.sha256(data).hexdigest()}.{extension}"


def write_image(directory: Path, data: bytes, mime: str | None, written: set[str]) -> str:
    """Write a picture into ``directory/images`` once; returns its relative path."""
    relative = image_file_name(data, mime)
    if relative not in written:
        target = directory / relative
        if not _has_bytes(target, data):
            write_atomically(target, data)
        written.add(relative)
    return relative


def _is_earlier_export(manifest: Path, marker: str) -> bool:
    """Whether ``manifest`` is the index file of an earlier export of this kind."""
    try:
        with open(manifest, "rb") as file:
            head = file.read(4096)
    except OSError:
        return False
    return marker.encode("utf-8") in head


def prepare_export_directory(directory: Path, manifest: str, marker: str, kind: str) -> None:
    """Make ``directory`` ready for an export: new, empty, or an earlier
    export of the same ``kind`` (recognised by ``marker`` in its ``manifest``)."""
    if directory.exists() and not directory.is_dir():
        raise BundleError(f"{directory} is a file, not a folder")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        crowded = any(directory.iterdir()) and not _is_earlier_export(directory / manifest, marker)
        if not crowded:
            (directory / IMAGES_DIR).mkdir(exist_ok=True)
    except OSError as error:
        raise BundleError(f"cannot write to {directory}: {error.strerror or error}") from error
    if crowded:
        raise BundleError(
            f"{directory} is not empty and is not an earlier Readshelf {kind};"
            " choose a new or empty folder"
        )


def remove_stale_files(
    folder: Path, keep: set[str], pattern: re.Pattern[str] | None = None
) -> None:
    """Delete files an earlier export wrote (names matching ``pattern``) that
    this export no longer has, and temporary files an interrupted one left."""
    if not folder.is_dir():
        return
    for path in folder.iterdir():
        ours = pattern is not None and pattern.fullmatch(path.name) is not None
        ours = ours and path.name not in keep
        leftover = path.name.startswith(".") and path.name.endswith(_TEMPORARY_SUFFIX)
        if path.is_file() and (ours or leftover):
            path.unlink(missing_ok=True)


# --------------------------------------------------------------------------
# Export
# --------------------------------------------------------------------------

_BUNDLE_MARKER = f'"format": "{FORMAT_NAME}"'
_IMAGE_FILE = re.compile(r"[0-9a-f]{64}\.[a-z0-9]+")
_SOURCE_FILE = re.compile(r"\d+\.[a-z0-9.]+")


def _source_file_name(article_id: int, media_type: str | None, compression: str) -> str:
    """``sources/<id>.<ext>.<compression>``: what the file holds, then how."""
    base = (media_type or "").split(";")[0].strip().lower()
    extension = _SOURCE_EXTENSIONS.get(base, "bin")
    safe_compression = re.sub(r"[^a-z0-9]", "", compression.lower()) or "data"
    return f"{SOURCES_DIR}/{article_id}.{extension}.{safe_compression}"


def _export_images(
    conn: sqlite3.Connection, directory: Path, written: set[str]
) -> dict[int, list[dict[str, Any]]]:
    """Write every picture's bytes; their metadata, by article id."""
    by_article: dict[int, list[dict[str, Any]]] = {}
    for values, data in _iter_rows(conn, "images", "article_id, position", blob="data"):
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
    for values, data in _iter_rows(conn, "article_sources", "article_id", blob="data"):
        article_id = int(values.pop("article_id"))
        payload = data or b""
        relative = _source_file_name(
            article_id, values.get("media_type"), str(values.get("compression") or "")
        )
        if not _has_bytes(directory / relative, payload):
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
    for values, _ in _iter_rows(conn, "related", "article_id, position"):
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
    for values, _ in _iter_rows(conn, "articles", "id"):
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
        for values, _ in _iter_rows(conn, "feed_entries", "feed_id, entry_key"):
            entries.setdefault(int(values.pop("feed_id")), []).append(values)
    return [
        {**values, "entries": entries.get(int(values["id"]), [])}
        for values, _ in _iter_rows(conn, "feeds", "id")
    ]


def _skipped_tables(conn: sqlite3.Connection) -> tuple[str, ...]:
    """Content tables with rows that a bundle does not carry."""
    return tuple(
        table
        for table in content_tables(conn)
        if table not in EXPORTED_TABLES
        and conn.execute(f"SELECT 1 FROM {_quoted(table)} LIMIT 1").fetchone()
    )


def export_bundle(library: Library, directory: Path) -> ExportResult:
    """Write the whole library as a bundle into ``directory``.

    The folder must be new, empty or an earlier bundle (which is brought up
    to date: files it no longer needs are removed). ``readshelf.json`` is
    written last, so an interrupted export never looks complete.
    """
    prepare_export_directory(directory, MANIFEST, _BUNDLE_MARKER, "bundle")
    written: set[str] = set()
    with _snapshot(library) as conn:
        articles = _export_articles(conn, directory, written)
        manifest = {
            "format": FORMAT_NAME,
            "format_version": FORMAT_VERSION,
            "schema_version": library.schema_version(),
            "exported": utc_now(),
            "tags": [values for values, _ in _iter_rows(conn, "tags", "id")],
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


# --------------------------------------------------------------------------
# Reading a bundle
# --------------------------------------------------------------------------


def _object(value: Any, where: str) -> dict[str, Any]:
    """``value`` if it is a JSON object, else a BundleError naming ``where``."""
    if not isinstance(value, dict):
        raise BundleError(f"{MANIFEST} is damaged: {where} should be an object")
    return value


def _array(value: Any, where: str) -> list[Any]:
    """``value`` if it is a JSON array (a missing one is empty)."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise BundleError(f"{MANIFEST} is damaged: {where} should be a list")
    return value


def _integer(value: Any, where: str) -> int:
    """``value`` if it is a whole number."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise BundleError(f"{MANIFEST} is damaged: {where} should be a whole number")
    return value


def _text(value: Any, where: str) -> str:
    """``value`` if it is a string."""
    if not isinstance(value, str):
        raise BundleError(f"{MANIFEST} is damaged: {where} should be text")
    return value


def _scalars(entry: dict[str, Any], where: str, nested: Sequence[str] = ()) -> dict[str, Scalar]:
    """The column values of an entry: every key but ``nested``, each one text,
    a number or null."""
    columns: dict[str, Scalar] = {}
    for key, value in entry.items():
        if key in nested:
            continue
        if value is not None and not isinstance(value, str | int | float):
            raise BundleError(f"{MANIFEST} is damaged: {where}.{key} should be text or a number")
        columns[key] = value
    return columns


def _escapes(relative: str) -> bool:
    """Whether a path from the manifest could point outside the bundle."""
    posix = PurePosixPath(relative)
    windows = PureWindowsPath(relative)
    return (
        not relative
        or "\\" in relative
        or "\x00" in relative
        or posix.is_absolute()
        or windows.is_absolute()
        or bool(windows.drive)
        or ".." in posix.parts
    )


def bundle_file(directory: Path, relative: Any, where: str) -> Path:
    """The file a manifest path names, refusing paths that leave the bundle
    (``../``, absolute, or through a link) and files that are not there."""
    text = _text(relative, f"{where}.file")
    if _escapes(text):
        raise BundleError(f"{where} points outside the bundle: {text!r}")
    path = directory / PurePosixPath(text)
    try:
        inside = path.resolve().is_relative_to(directory.resolve())
    except OSError as error:
        raise BundleError(f"{where}: cannot read {text!r}: {error.strerror or error}") from error
    if not inside:
        raise BundleError(f"{where} points outside the bundle: {text!r}")
    if not path.is_file():
        raise BundleError(f"{where}: the file {text!r} is missing from the bundle")
    return path


def _sha256_field(value: Any, where: str) -> str:
    """A hex SHA-256 from the manifest."""
    text = _text(value, f"{where}.sha256").lower()
    if not re.fullmatch(r"[0-9a-f]{64}", text):
        raise BundleError(f"{MANIFEST} is damaged: {where}.sha256 is not a SHA-256")
    return text


def _read_image(directory: Path, value: Any, where: str) -> BundleImage:
    """One picture entry of an article."""
    entry = _object(value, where)
    columns = _scalars(entry, where, ("file", "sha256", "size"))
    _integer(columns.get("position"), f"{where}.position")
    if entry.get("file") is None:
        return BundleImage(columns=columns, file=None, sha256=None)
    path = bundle_file(directory, entry["file"], where)
    return BundleImage(columns, path, _sha256_field(entry.get("sha256"), where))


def _read_source(directory: Path, value: Any, where: str) -> BundleSource | None:
    """An article's source entry, if it has one."""
    if value is None:
        return None
    entry = _object(value, where)
    path = bundle_file(directory, entry.get("file"), where)
    return BundleSource(
        _scalars(entry, where, ("file", "sha256")), path, _sha256_field(entry.get("sha256"), where)
    )


def _read_article(directory: Path, value: Any, where: str) -> BundleArticle:
    """One article entry with its pictures, related stories and source."""
    entry = _object(value, where)
    nested = ("tags", "images", "related", "source")
    return BundleArticle(
        id=_integer(entry.get("id"), f"{where}.id"),
        columns=_scalars(entry, where, nested),
        tags=[
            _text(name, f"{where}.tags[{index}]")
            for index, name in enumerate(_array(entry.get("tags"), f"{where}.tags"))
        ],
        images=[
            _read_image(directory, image, f"{where}.images[{index}]")
            for index, image in enumerate(_array(entry.get("images"), f"{where}.images"))
        ],
        related=[
            _scalars(_object(story, f"{where}.related[{index}]"), f"{where}.related[{index}]")
            for index, story in enumerate(_array(entry.get("related"), f"{where}.related"))
        ],
        source=_read_source(directory, entry.get("source"), f"{where}.source"),
    )


def _read_feed(value: Any, where: str) -> BundleFeed:
    """One feed entry with its seen entries."""
    entry = _object(value, where)
    _text(entry.get("url"), f"{where}.url")
    return BundleFeed(
        columns=_scalars(entry, where, ("entries",)),
        entries=[
            _scalars(_object(item, f"{where}.entries[{index}]"), f"{where}.entries[{index}]")
            for index, item in enumerate(_array(entry.get("entries"), f"{where}.entries"))
        ],
    )


def _load_manifest(directory: Path) -> dict[str, Any]:
    """The parsed ``readshelf.json`` of a bundle folder."""
    if not directory.is_dir():
        raise BundleError(f"{directory} is not a folder")
    path = directory / MANIFEST
    if not path.is_file():
        raise BundleError(f"{directory} holds no {MANIFEST}: it is not a Readshelf bundle")
    try:
        value = json.loads(path.read_bytes().decode("utf-8"))
    except OSError as error:
        raise BundleError(f"cannot read {path}: {error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise BundleError(f"{path} is damaged: it is not UTF-8 text") from error
    except json.JSONDecodeError as error:
        raise BundleError(
            f"{path} is damaged: {error.msg} at line {error.lineno} column {error.colno}"
        ) from error
    return _object(value, "the top level")


def _check_format(manifest: dict[str, Any]) -> int:
    """The manifest's format version, if this Readshelf can read it."""
    if manifest.get("format") != FORMAT_NAME:
        raise BundleError(f"{MANIFEST} is not a Readshelf bundle (no format {FORMAT_NAME!r})")
    version = _integer(manifest.get("format_version"), "format_version")
    if version > FORMAT_VERSION:
        raise BundleError(
            f"the bundle was made by a newer Readshelf (bundle format {version});"
            f" this version reads format {FORMAT_VERSION} and older: update Readshelf first"
        )
    if version < 1:
        raise BundleError(f"{MANIFEST} is damaged: format_version {version} does not exist")
    return version


def read_bundle(directory: Path) -> Bundle:
    """Read and check a bundle's manifest; raises BundleError with a
    one-line reason for anything that would stop an import."""
    manifest = _load_manifest(directory)
    version = _check_format(manifest)
    schema_version = manifest.get("schema_version")
    bundle = Bundle(
        directory=directory,
        format_version=version,
        schema_version=schema_version if isinstance(schema_version, int) else None,
        exported=manifest.get("exported") if isinstance(manifest.get("exported"), str) else None,
        tags=[
            _scalars(_object(tag, f"tags[{index}]"), f"tags[{index}]")
            for index, tag in enumerate(_array(manifest.get("tags"), "tags"))
        ],
        articles=[
            _read_article(directory, article, f"articles[{index}]")
            for index, article in enumerate(_array(manifest.get("articles"), "articles"))
        ],
        feeds=[
            _read_feed(feed, f"feeds[{index}]")
            for index, feed in enumerate(_array(manifest.get("feeds"), "feeds"))
        ],
    )
    ids = [article.id for article in bundle.articles]
    if len(set(ids)) != len(ids):
        raise BundleError(f"{MANIFEST} is damaged: two articles share an id")
    return bundle


def _verified_bytes(path: Path, sha256: str, directory: Path) -> bytes:
    """A bundle file's bytes, refused unless they match their SHA-256."""
    relative = path.relative_to(directory).as_posix()
    try:
        data = path.read_bytes()
    except OSError as error:
        raise BundleError(f"cannot read {relative!r}: {error.strerror or error}") from error
    if hashlib.sha256(data).hexdigest() != sha256:
        raise BundleError(f"{relative!r} does not match its SHA-256: the bundle is damaged")
    return data


# --------------------------------------------------------------------------
# Import
# --------------------------------------------------------------------------


class _Importer:
    """One import, run inside the library's write transaction."""

    # Whether bundle ids become library ids as they are (restore), or only
    # where no other row has them (merge).
    keeps_ids = True

    def __init__(self, library: Library, bundle: Bundle) -> None:
        self.library = library
        self.bundle = bundle
        self.conn = library._conn
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
        found = self.conn.execute(f"SELECT 1 FROM {_quoted(table)} WHERE id = ?", (row_id,))
        return found.fetchone() is not None

    def insert(self, table: str, values: dict[str, Any], *, replacing: tuple[str, ...] = ()) -> int:
        """Insert a row from bundle values; returns its rowid. With
        ``replacing`` (a unique key), a row already holding that key is
        updated in place instead, keeping its id."""
        kept = self.kept_values(table, values)
        names = ", ".join(_quoted(key) for key in kept)
        marks = ", ".join("?" * len(kept))
        upsert = ""
        changed = [key for key in kept if key not in replacing and key != "id"]
        if replacing and changed:
            assignments = ", ".join(f"{_quoted(key)} = excluded.{_quoted(key)}" for key in changed)
            upsert = f" ON CONFLICT ({', '.join(replacing)}) DO UPDATE SET {assignments}"
        cursor = self.conn.execute(
            f"INSERT INTO {_quoted(table)} ({names}) VALUES ({marks}){upsert}",
            tuple(kept.values()),
        )
        return int(cursor.lastrowid or 0)

    def store_children(self, article: BundleArticle, library_id: int) -> None:
        """Write an article's source, pictures, related stories and tags;
        a picture or story already at the same position is replaced."""
        directory = self.bundle.directory
        if article.source is not None:
            data = _verified_bytes(article.source.file, article.source.sha256, directory)
            row: dict[str, Any] = {**article.source.columns, "article_id": library_id, "data": data}
            self.insert("article_sources", row, replacing=("article_id",))
        for image in article.images:
            image_data = None
            if image.file is not None and image.sha256 is not None:
                image_data = _verified_bytes(image.file, image.sha256, directory)
                self.images += 1
            row = {**image.columns, "article_id": library_id, "data": image_data}
            self.insert("images", row, replacing=("article_id", "position"))
        for story in article.related:
            target = self.related_target(story, library_id)
            row = {**story, "article_id": library_id, "target_id": target}
            self.insert("related", row, replacing=("article_id", "position"))
        self.library._attach_tags(library_id, article.tags)

    def related_target(self, story: dict[str, Scalar], library_id: int) -> int | None:
        """The library id a related story points to: the imported article it
        pointed to, or (merging) a saved article with its address or title."""
        target = story.get("target_id")
        if isinstance(target, int) and target in self.id_map:
            return self.id_map[target]
        if self.keeps_ids:
            return None
        url = story.get("url")
        return self.library._resolve_related(
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
        for library_id in sorted(self.to_index):
            self.library._index(library_id)
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
        for library_id in sorted(self.to_index):
            self.library._index(library_id)
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
                self.library._attach_tags(library_id, article.tags)
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
            self.library._unindex(library_id)
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
        existing = self.library._find_existing(canonical, str(values.get("content_hash")))
        if existing is None:
            library_id = self.insert("articles", values)
            self.id_map[article.id] = library_id
            self.to_index.add(library_id)
            return "added"
        library_id, saved, existing_status = existing
        self.id_map[article.id] = library_id
        self.leave_index(library_id)
        if values.get("capture_status") == "pending" and existing_status == "complete":
            self.update_article(library_id, {key: values.get(key) for key in _STATE_COLUMNS})
            return "states"
        earliest = min(saved, str(values.get("saved") or saved))
        published = values.get("published")
        values["saved"] = earliest
        values["sort_date"] = _sort_date(
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
        assignments = ", ".join(f"{_quoted(key)} = ?" for key in kept)
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
            names = ", ".join(_quoted(key) for key in row)
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
            self.library._link_related_to(library_id, url, str(title_key))


def _is_empty(conn: sqlite3.Connection) -> bool:
    """Whether the library holds nothing a restore could collide with."""
    tables = ("articles", "tags", "feeds")
    return not any(
        table_columns(conn, table)
        and conn.execute(f"SELECT 1 FROM {_quoted(table)} LIMIT 1").fetchone()
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
    with library._write() as conn:
        importer = _Restore(library, bundle) if _is_empty(conn) else _Merge(library, bundle)
        try:
            return importer.run()
        except (sqlite3.IntegrityError, OverflowError) as error:
            raise BundleError(f"the bundle does not fit this library: {error}") from error
