"""The folder an export writes into, and writing files there safely.

An export goes into a folder that is new, empty, or an earlier export of the
same kind (recognised by a marker in its index file), so it never mixes its
files with someone else's. Files are written under a temporary name and
renamed, so a reader never sees half a file; a picture is stored once, named
by the SHA-256 of its bytes, and kept untouched when a re-export finds it
already there.

These are the same rules and names as a bundle's (``storage.bundle``), so a
picture has the same ``images/<sha256>.<ext>`` path in every kind of export.
"""

from __future__ import annotations

import re
from pathlib import Path

from core import files
from core.files import IMAGES_DIR, TEMPORARY_SUFFIX, has_bytes, image_file_name

IMAGE_FILE = re.compile(r"[0-9a-f]{64}\.[a-z0-9]+")
"""The name of a picture file an export wrote (``<sha256>.<ext>``)."""


class ExportError(Exception):
    """An export that cannot go ahead; the one-line message says why."""


def write_atomically(path: Path, data: bytes, *, durable: bool = False) -> None:
    """``core.files.write_atomically``, its failure one ExportError line."""
    try:
        files.write_atomically(path, data, durable=durable)
    except OSError as error:
        raise ExportError(f"cannot write {path}: {error.strerror or error}") from error


def write_image(directory: Path, data: bytes, mime: str | None, written: set[str]) -> str:
    """Write a picture into ``directory/images`` once; returns its relative path."""
    relative = image_file_name(data, mime)
    if relative not in written:
        target = directory / relative
        if not has_bytes(target, data):
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
        raise ExportError(f"{directory} is a file, not a folder")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        crowded = any(directory.iterdir()) and not _is_earlier_export(directory / manifest, marker)
        if not crowded:
            (directory / IMAGES_DIR).mkdir(exist_ok=True)
    except OSError as error:
        raise ExportError(f"cannot write to {directory}: {error.strerror or error}") from error
    if crowded:
        raise ExportError(
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
        leftover = path.name.startswith(".") and path.name.endswith(TEMPORARY_SUFFIX)
        if path.is_file() and (ours or leftover):
            path.unlink(missing_ok=True)
