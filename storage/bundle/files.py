"""Writing an export's files: atomically, named by what they hold, into a
folder that is new, empty or an earlier export of the same kind."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from storage.bundle.model import IMAGES_DIR, BundleError

TEMPORARY_SUFFIX = ".readshelf-tmp"

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
SOURCE_EXTENSIONS = {
    "text/plain": "txt",
    "text/html": "html",
    "application/xhtml+xml": "xhtml",
    "multipart/related": "mhtml",
    "message/rfc822": "mhtml",
    "application/x-mimearchive": "mhtml",
}


def write_atomically(path: Path, data: bytes, *, durable: bool = False) -> None:
    """Write ``data`` to a temporary name beside ``path``, then rename it, so
    a reader never sees half a file. ``durable`` also syncs it to disk."""
    temporary = path.with_name(f".{path.name}{TEMPORARY_SUFFIX}")
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


def _is_earlier_export(manifest: Path, marker: str) -> bool:
    """Whether ``manifest`` is the index file of an earlier export of this kind."""
    try:
        with open(manifest, "rb") as file:
            head = file.read(4096)
    except OSError:
        return False
    return marker.encode("utf-8") in head


def check_export_folder(directory: Path, manifest: str, marker: str, kind: str) -> bool:
    """Whether ``directory`` holds an earlier export of this ``kind``
    (recognised by ``marker`` in its ``manifest``); False when it is new or
    empty. Any other folder (or a file) is refused: never replace what
    someone keeps there."""
    if directory.exists() and not directory.is_dir():
        raise BundleError(f"{directory} is a file, not a folder")
    try:
        if not directory.exists() or not any(directory.iterdir()):
            return False
    except OSError as error:
        raise BundleError(f"cannot read {directory}: {error.strerror or error}") from error
    if _is_earlier_export(directory / manifest, marker):
        return True
    raise BundleError(
        f"{directory} is not empty and is not an earlier Readshelf {kind};"
        " choose a new or empty folder"
    )
