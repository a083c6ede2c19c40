"""Where an export is written: a new folder beside the bundle, swapped in
only once it is complete, so an interrupted export never touches the
earlier bundle.

For a bundle at ``DIR`` the export writes ``.DIR.readshelf-new`` (in the same
parent, so renames stay on one file system), then renames ``DIR`` aside to
``.DIR.readshelf-old``, renames the new folder to ``DIR`` and removes the
old one. Killed at any moment, one of them is a complete bundle: the new
folder is complete only after the swap starts, and until ``DIR`` is back the
earlier bundle is the one set aside. The next export finishes the job (puts
a set-aside bundle back, removes an unfinished new folder), and an import
of ``DIR`` reads the set-aside bundle while ``DIR`` is missing.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from storage.bundle.model import MANIFEST, BundleError

NEW_SUFFIX = ".readshelf-new"
OLD_SUFFIX = ".readshelf-old"


def _sibling(directory: Path, suffix: str) -> Path:
    return directory.with_name(f".{directory.name}{suffix}")


def target_folder(directory: Path) -> Path:
    """The folder an export into ``directory`` replaces: a link is followed,
    so the folder it points at is the one brought up to date."""
    return directory.resolve() if directory.is_symlink() else directory.absolute()


def set_aside_bundle(directory: Path) -> Path | None:
    """The earlier bundle an interrupted export left set aside, when the
    bundle folder itself is missing."""
    aside = _sibling(target_folder(directory), OLD_SUFFIX)
    return aside if (aside / MANIFEST).is_file() else None


def _remove(folder: Path) -> None:
    if folder.is_symlink() or folder.is_file():
        folder.unlink()
    elif folder.exists():
        shutil.rmtree(folder)


def recover(directory: Path) -> None:
    """Undo what an interrupted export into ``directory`` left: put the
    earlier bundle back if it was set aside, and remove unfinished folders."""
    target = target_folder(directory)
    new, aside = _sibling(target, NEW_SUFFIX), _sibling(target, OLD_SUFFIX)
    try:
        _remove(new)
        if aside.exists() and not target.exists():
            aside.rename(target)
        _remove(aside)
    except OSError as error:
        raise BundleError(
            f"cannot clean up after an interrupted export beside {directory}:"
            f" {error.strerror or error}"
        ) from error


def new_folder(directory: Path) -> Path:
    """A fresh, empty folder beside ``directory`` to write an export into."""
    new = _sibling(target_folder(directory), NEW_SUFFIX)
    try:
        new.mkdir(parents=True)
    except OSError as error:
        raise BundleError(f"cannot write beside {directory}: {error.strerror or error}") from error
    return new


def _sync_folder(folder: Path) -> None:
    """Make renames in ``folder`` durable (where the system allows it)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def swap_in(new: Path, directory: Path) -> None:
    """Put the complete export in ``new`` where ``directory`` is: the earlier
    folder is set aside first and removed only once the new one is in place."""
    target = target_folder(directory)
    aside = _sibling(target, OLD_SUFFIX)
    try:
        _sync_folder(new)
        if target.exists():
            target.rename(aside)
        new.rename(target)
        _sync_folder(target.parent)
        _remove(aside)
    except OSError as error:
        raise BundleError(f"cannot write to {directory}: {error.strerror or error}") from error
