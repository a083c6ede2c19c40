"""Writing export files safely, and naming pictures by what they hold.

Shared by the bundle (storage.bundle) and the reading copies and books
(export): a file is written under a temporary name and renamed, so a reader
never sees half a file, and a picture has the same ``images/<sha256>.<ext>``
path in every kind of export. Failures are ``OSError``; each caller turns
them into its own one-line error.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

IMAGES_DIR = "images"
TEMPORARY_SUFFIX = ".readshelf-tmp"
"""Ends the name of a file being written; a leftover one is a killed write."""

IMAGE_EXTENSIONS = {
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


def temporary_path(path: Path) -> Path:
    """The hidden name ``path`` is written under before it is renamed."""
    return path.with_name(f".{path.name}{TEMPORARY_SUFFIX}")


def write_atomically(path: Path, data: bytes, *, durable: bool = False) -> None:
    """Write ``data`` to a temporary name beside ``path``, then rename it, so
    a reader never sees half a file. ``durable`` also syncs it to disk.
    Raises OSError, leaving no temporary file behind."""
    temporary = temporary_path(path)
    try:
        with open(temporary, "wb") as file:
            file.write(data)
            if durable:
                file.flush()
                os.fsync(file.fileno())
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)
        raise


def has_bytes(path: Path, data: bytes) -> bool:
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
    extension = IMAGE_EXTENSIONS.get(base) or _sniffed_extension(data)
    return f"{IMAGES_DIR}/{hashlib.sha256(data).hexdigest()}.{extension}"
