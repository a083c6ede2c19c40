"""Backups of the library file, made with SQLite's online backup API.

The backup API copies a consistent snapshot even while another program is
writing, which a plain file copy of a WAL database does not. Backups live in
a ``backups`` folder beside the library, named after the library they copy
(``NAME`` is the library's file name without ``.sqlite``), so libraries that
share a folder never count or delete each other's:

* ``daily-YYYYMMDD-HHMMSS.NAME.sqlite``: made at most once a day, when the
  library changed since the last one; the newest per day is kept for the
  last 7 days with backups, and the newest per ISO week for the last 4 weeks.
* ``pre-migration-vN-YYYYMMDD-HHMMSS.NAME.sqlite``: made before a schema
  upgrade from version N; the last 3 are kept.
* ``pre-restore-YYYYMMDD-HHMMSS.NAME.sqlite``: the library as it was before a
  restore replaced it; the last 3 are kept.

Backups made by earlier versions (``daily-YYYYMMDD-HHMMSS.sqlite``, no
library name) cannot say which library they copy: every library in the
folder lists them, none counts them as its own or ever deletes them.

One program at a time writes a library's backups: each holds the library's
lock file (``backups/.NAME.lock``) while it does. The automatic daily backup
is skipped when another program holds it (that program is making it).
"""

from __future__ import annotations

import contextlib
import fnmatch
import glob
import os
import re
import sqlite3
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlite_utils import Database

from storage import migrations
from storage.db import Store, translated_errors
from storage.errors import LibraryError, NotALibraryError

DAILY_KEEP = 7
WEEKLY_KEEP = 4
OTHER_KEEP = 3
_STAMP = "%Y%m%d-%H%M%S"
# kind-YYYYMMDD-HHMMSS[.NAME].sqlite; kinds are lowercase words and dashes.
_BACKUP_NAME = re.compile(
    r"^(?P<kind>[a-z0-9-]+?)-(?P<stamp>\d{8}-\d{6})(?:\.(?P<owner>.+))?\.sqlite$"
)


def backups_folder(library_path: Path) -> Path:
    """The folder holding a library's backups (shared by the libraries beside it)."""
    return library_path.parent / "backups"


def backup_owner(library_path: Path) -> str:
    """The name a library's backups carry: its file name without ``.sqlite``."""
    name = library_path.name
    return name.removesuffix(".sqlite") or name


def backup_path(library_path: Path, kind: str, when: datetime) -> Path:
    """Where a backup of this kind made at ``when`` goes."""
    stamp = when.strftime(_STAMP)
    return backups_folder(library_path) / f"{kind}-{stamp}.{backup_owner(library_path)}.sqlite"


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class BackupFile:
    """One file in the backups folder. ``owner`` is None for the old layout."""

    kind: str
    when: datetime
    owner: str | None
    path: Path


def _backup_files(library_path: Path) -> list[BackupFile]:
    folder = backups_folder(library_path)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = _BACKUP_NAME.match(path.name)
        if match is None:
            continue
        try:
            when = datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)
        except ValueError:
            continue
        found.append(BackupFile(match["kind"], when, match["owner"], path))
    return found


def own_backups(library_path: Path, kind: str = "daily") -> list[tuple[datetime, Path]]:
    """This library's own backups of one kind (a glob: ``pre-migration-v*``), newest first."""
    owner = backup_owner(library_path)
    return sorted(
        (
            (backup.when, backup.path)
            for backup in _backup_files(library_path)
            if backup.owner == owner and fnmatch.fnmatchcase(backup.kind, kind)
        ),
        reverse=True,
    )


def list_backups(library_path: Path, kind: str = "daily") -> list[tuple[datetime, Path]]:
    """Backups of one kind this library can be restored from, newest first:
    its own, and those of the old layout that name no library."""
    owner = backup_owner(library_path)
    return sorted(
        (
            (backup.when, backup.path)
            for backup in _backup_files(library_path)
            if backup.owner in (owner, None) and fnmatch.fnmatchcase(backup.kind, kind)
        ),
        reverse=True,
    )


@contextlib.contextmanager
def backup_lock(library_path: Path, *, wait: bool) -> Iterator[bool]:
    """Hold the lock on writing this library's backups; yields whether it
    was taken (without ``wait``, False when another program holds it).

    An OS file lock on ``backups/.NAME.lock``: the OS releases it when its
    holder exits, even when killed, so a crash never leaves it taken. The
    file itself stays: deleting a lock file races with the next program.
    """
    folder = backups_folder(library_path)
    folder.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(
        folder / f".{backup_owner(library_path)}.lock", os.O_RDWR | os.O_CREAT, 0o644
    )
    try:
        yield _lock(descriptor, wait)
    finally:
        os.close(descriptor)  # releases the lock


if sys.platform == "win32":
    import msvcrt

    def _lock(descriptor: int, wait: bool) -> bool:
        while True:
            try:
                msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
                return True
            except OSError:
                if not wait:
                    return False
                # LK_LOCK gives up after ten seconds: wait in our own loop.
                time.sleep(0.1)

else:
    import fcntl

    def _lock(descriptor: int, wait: bool) -> bool:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True


def _partial_path(destination: Path) -> Path:
    """Where a copy is written before it is renamed into place; unique to
    this process, so two programs never write one file."""
    return destination.with_name(f"{destination.name}.{os.getpid()}.partial")


def copy_database(source: sqlite3.Connection, destination: Path) -> Path:
    """Write a consistent snapshot of ``source`` to ``destination``.

    The copy is written beside the destination and renamed into place, so a
    crash never leaves a half-written backup under the final name; a copy
    that fails (a full disk) is deleted.
    """
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = _partial_path(destination)
    partial.unlink(missing_ok=True)
    try:
        target = sqlite3.connect(partial)
        try:
            source.backup(target)
            # A backup is one self-contained file: no -wal beside it.
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        partial.replace(destination)
    except BaseException:
        for leftover in (partial, Path(f"{partial}-journal")):
            leftover.unlink(missing_ok=True)
        raise
    return destination


def _remove_partial_backups(library_path: Path) -> None:
    """Delete this library's half-written backups (a program killed while
    making one). Called under the backup lock: no one else is writing them."""
    folder = backups_folder(library_path)
    owner = glob.escape(backup_owner(library_path))
    for pattern in (f"*.{owner}.sqlite.*.partial", f"*.{owner}.sqlite.*.partial-journal"):
        for leftover in folder.glob(pattern):
            leftover.unlink(missing_ok=True)


def _write_backup(
    connection: sqlite3.Connection, library_path: Path, kind: str, when: datetime | None
) -> Path:
    """A new backup, written while holding the backup lock."""
    _remove_partial_backups(library_path)
    path = copy_database(connection, backup_path(library_path, kind, when or _now()))
    prune_backups(library_path)
    return path


def make_backup(
    connection: sqlite3.Connection, library_path: Path, kind: str, when: datetime | None = None
) -> Path:
    """A new backup of the given kind (``daily``, ``pre-migration-v1`` ...);
    waits while another program writes one."""
    with backup_lock(library_path, wait=True):
        return _write_backup(connection, library_path, kind, when)


def backups_to_keep(times: list[datetime]) -> set[datetime]:
    """Which daily backups the retention policy keeps: the newest of each of
    the last 7 days that have one, and the newest of each of the last 4 ISO
    weeks that have one."""
    keep: set[datetime] = set()
    days: dict[object, datetime] = {}
    weeks: dict[object, datetime] = {}
    for when in sorted(times, reverse=True):
        days.setdefault(when.date(), when)
        weeks.setdefault(when.isocalendar()[:2], when)
    keep.update(sorted(days.values(), reverse=True)[:DAILY_KEEP])
    keep.update(sorted(weeks.values(), reverse=True)[:WEEKLY_KEEP])
    return keep


def prune_backups(library_path: Path) -> list[Path]:
    """Delete this library's backups the retention policy no longer keeps;
    returns them. Never touches another library's, nor the old layout's."""
    removed: list[Path] = []
    daily = own_backups(library_path, "daily")
    keep = backups_to_keep([when for when, _ in daily])
    for when, path in daily:
        if when not in keep:
            path.unlink(missing_ok=True)
            removed.append(path)
    for kind in ("pre-migration-v*", "pre-restore"):
        for _, path in own_backups(library_path, kind)[OTHER_KEEP:]:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def write_count(connection: sqlite3.Connection) -> int:
    """The library's count of committed write transactions (-1 if unknown)."""
    try:
        row = connection.execute("SELECT value FROM library_state WHERE key = 'writes'").fetchone()
    except sqlite3.DatabaseError:
        return -1
    return -1 if row is None else int(row[0])


def _backup_write_count(path: Path) -> int:
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.DatabaseError:
        return -1
    try:
        return write_count(conn)
    finally:
        conn.close()


def daily_backup_due(library_path: Path, writes: int, now: datetime | None = None) -> bool:
    """True when this library's newest daily backup is a day old or more and
    the library (whose write count is ``writes``) has changed since it was made."""
    latest = own_backups(library_path, "daily")
    if not latest:
        return True
    newest_time, newest_path = latest[0]
    if (now or _now()) - newest_time < timedelta(days=1):
        return False
    return _backup_write_count(newest_path) != writes


def daily_backup_if_due(store: Store) -> Path | None:
    """The automatic daily backup, when one is due and no other program is
    making it; returns its path. Raises LibraryError when it cannot be written
    (a full disk): the caller decides how loudly to say so."""
    writes = write_count(store.connection)
    if not daily_backup_due(store.path, writes):
        return None
    with _backup_errors(), backup_lock(store.path, wait=False) as taken:
        # Asked again under the lock: another program may have just made it.
        if not taken or not daily_backup_due(store.path, writes):
            return None
        return _write_backup(store.connection, store.path, "daily", None)


@contextlib.contextmanager
def _backup_errors() -> Iterator[None]:
    """A backup that cannot be written is a LibraryError saying so."""
    try:
        with translated_errors():
            yield
    except LibraryError as error:
        raise type(error)(f"cannot write the backup: {error}") from error
    except OSError as error:
        raise LibraryError(f"cannot write the backup: {error.strerror or error}") from error


def verify_library_file(path: Path) -> None:
    """Raise NotALibraryError unless ``path`` is an intact Readshelf library
    this version can open: it passes SQLite's integrity check, and its schema
    is one this version wrote (no migration it does not know). Only reads
    the file (a read-only open)."""
    if not path.is_file():
        raise LibraryError(f"no such file: {path}")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            problem = None if result != ["ok"] else schema_problem(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise NotALibraryError(f"{path.name} is not a Readshelf library: {error}") from error
    if result != ["ok"]:
        raise NotALibraryError(f"{path.name} fails the integrity check: {result[0]}")
    if problem is not None:
        raise NotALibraryError(f"{path.name} {problem}")


def schema_problem(connection: sqlite3.Connection) -> str | None:
    """Why the database on ``connection`` is not a library this version can
    use (completing a sentence about the file), or None when it is one.
    An empty database is a library not created yet."""
    tables = {
        row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    if not tables:
        return None
    db = Database(connection, execute_plugins=False)
    applied = {migration.name for migration in migrations.migrations.applied(db)}
    known = {migration.name for migration in migrations.migrations.pending(Database(memory=True))}
    if not applied or "articles" not in tables:
        return "is not a Readshelf library"
    if applied - known:
        return "was written by a newer version of Readshelf; update Readshelf to use it"
    return None


def back_up(store: Store, destination: Path | None) -> Path:
    """Write a consistent copy of the library; by default a new daily
    backup in the backups folder. Returns the copy's path."""
    with _backup_errors():
        if destination is None:
            return make_backup(store.connection, store.path, "daily")
        return copy_database(store.connection, destination)


def restore_into(store: Store, source: Path) -> Path:
    """Replace the library's contents with the backup ``source``, after
    checking it and keeping the current contents as a pre-restore backup
    (whose path is returned). The caller brings the schema up to date, and
    on failure puts the pre-restore backup back (``copy_back``)."""
    verify_library_file(source)
    with _backup_errors():
        saved = make_backup(store.connection, store.path, "pre-restore")
    copy_back(store, source)
    return saved


def copy_back(store: Store, source: Path) -> None:
    """Overwrite the library's contents with the library file ``source``."""
    with translated_errors():
        origin = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            origin.backup(store.connection)
        finally:
            origin.close()
