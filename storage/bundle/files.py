"""Writing an export's files: atomically, named by what they hold, into a
folder that is new, empty or an earlier export of the same kind."""

from __future__ import annotations

from pathlib import Path

from core import files
from storage.bundle.model import BundleError

SOURCE_EXTENSIONS = {
    "text/plain": "txt",
    "text/html": "html",
    "application/xhtml+xml": "xhtml",
    "multipart/related": "mhtml",
    "message/rfc822": "mhtml",
    "application/x-mimearchive": "mhtml",
}


def write_atomically(path: Path, data: bytes, *, durable: bool = False) -> None:
    """``core.files.write_atomically``, its failure one BundleError line."""
    try:
        files.write_atomically(path, data, durable=durable)
    except OSError as error:
        raise BundleError(f"cannot write {path}: {error.strerror or error}") from error


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
