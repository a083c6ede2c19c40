"""Which reader an export file comes from, by what it holds (never by its
name alone), and reading it with that reader's importer.

A folder is a Readshelf bundle (``bundle``), unless it is an unzipped
Omnivore or Pocket export. ``read_export`` refuses a file it does not
recognise, or one that is damaged, with one line saying why.
"""

from __future__ import annotations

import json
from pathlib import Path

from capture.importers import bookmarks, instapaper, omnivore, pocket, readwise, wallabag
from capture.importers.common import (
    FolderReader,
    Members,
    ZipReader,
    csv_header,
    decode_text,
    read_bytes,
)
from core.imported import IMPORT_FORMATS, ImportedFile, ImportFileError

BUNDLE = "bundle"
"""A Readshelf bundle folder: imported by ``services.transfer``, not here."""
SOURCES: tuple[str, ...] = (*IMPORT_FORMATS, BUNDLE)
"""Every ``--from`` a person can give."""

_ZIP_MAGIC = b"PK\x03\x04"


def _folder_format(folder: Path) -> str:
    names = [path.name for path in folder.iterdir()]
    if any(omnivore.is_metadata(name) for name in names):
        return "omnivore"
    if any(pocket.is_pocket_part(name) for name in names):
        return "pocket"
    return BUNDLE


def _zip_format(archive: ZipReader) -> str:
    if any(omnivore.is_metadata(name) for name in archive.names):
        return "omnivore"
    if any(pocket.is_pocket_part(name) for name in archive.names):
        return "pocket"
    raise ImportFileError(
        f"{archive.name} is a zip of neither a Pocket export (part_*.csv)"
        " nor an Omnivore export (metadata_*.json)"
    )


def _csv_format(header: list[str]) -> str | None:
    columns = set(header)
    if {"title", "url", "time_added"} <= columns:
        return "pocket"
    if {"URL", "Title", "Selection", "Folder"} <= columns:
        return "instapaper"
    if {"Title", "URL", "Location"} <= columns:
        return "readwise"
    return None


def _text_format(text: str) -> str | None:
    start = text.lstrip("\ufeff \t\r\n")
    if bookmarks.looks_like_bookmarks(start):
        return "bookmarks"
    if start.startswith("<"):
        return "pocket" if pocket.looks_like_ril_export(start) else None
    if start.startswith(("[", "{")):
        return "json"
    return _csv_format(csv_header(start))


def detect_format(path: Path) -> str:
    """The format of the export at ``path`` (one of ``SOURCES``)."""
    if path.is_dir():
        return _folder_format(path)
    data = read_bytes(path)
    return _detect_bytes(data, path.name)


def _detect_bytes(data: bytes, name: str) -> str:
    if data.startswith(_ZIP_MAGIC):
        return _zip_format(ZipReader(data, name))
    found = _text_format(decode_text(data[:65536], name)) if data.strip() else None
    if found == "json":
        return _json_format(data, name)
    if found is None:
        raise ImportFileError(
            f"{name} is not an export Readshelf recognises (Pocket, Instapaper, Omnivore,"
            " wallabag, Readwise Reader, browser bookmarks, or a Readshelf bundle folder)"
        )
    return found


def _json_format(data: bytes, name: str) -> str:
    try:
        value = json.loads(decode_text(data, name))
    except ValueError as error:
        raise ImportFileError(f"{name} is damaged JSON: {error}") from None
    if wallabag.looks_like_wallabag(value):
        return "wallabag"
    if isinstance(value, list) and any(
        isinstance(entry, dict) and "savedAt" in entry for entry in value
    ):
        return "omnivore"
    raise ImportFileError(f"{name} is JSON, but not a wallabag or Omnivore export")


def read_export(path: Path, source: str | None = None) -> ImportedFile:
    """Every article of the export at ``path``, read as ``source`` (detected
    when None). Raises ``ImportFileError`` with one line for a file that is
    not such an export or is damaged; nothing is written anywhere."""
    if path.is_dir():
        chosen = source or _folder_format(path)
        if chosen not in ("omnivore", "pocket"):
            raise ImportFileError(f"{path} is a folder, not a {chosen} export file")
        members: Members = FolderReader(path)
        return omnivore.parse(members) if chosen == "omnivore" else pocket.parse_zip(members)
    data = read_bytes(path)
    chosen = source or _detect_bytes(data, path.name)
    name = path.name
    if chosen == BUNDLE:
        raise ImportFileError(f"{name} is a file: a Readshelf bundle is a folder")
    if chosen == "pocket":
        if data.startswith(_ZIP_MAGIC):
            return pocket.parse_zip(ZipReader(data, name))
        text = decode_text(data, name)
        if text.lstrip("\ufeff \t\r\n").startswith("<"):
            return pocket.parse_html(data, name)
        return pocket.parse_csv(text, name)
    if chosen == "omnivore":
        if data.startswith(_ZIP_MAGIC):
            return omnivore.parse(ZipReader(data, name))
        raise ImportFileError(f"{name} is not an Omnivore export zip")
    if chosen == "wallabag":
        return wallabag.parse(data, name)
    if chosen == "bookmarks":
        return bookmarks.parse(data, name)
    if data.startswith(_ZIP_MAGIC):
        raise ImportFileError(f"{name} is a zip, not a {chosen} CSV export")
    text = decode_text(data, name)
    if chosen == "instapaper":
        return instapaper.parse_csv(text, name)
    if chosen == "readwise":
        return readwise.parse_csv(text, name)
    raise ImportFileError(f"unknown export format {chosen!r}")
