"""Backups of the library file, made with SQLite's online backup API.

The backup API copies a consistent snapshot even while another program is
writing, which a plain file copy of a WAL database does not. Backups live in
a ``backups`` folder beside the library:

* ``daily-YYYYMMDD-HHMMSS.sqlite``: made at most once a day, when the
  library changed since the last one; the newest per day is kept for the
  last 7 days with backups, and the newest per ISO week for the last 4 weeks.
* ``pre-migration-vN-YYYYMMDD-HHMMSS.sqlite``: made before a schema upgrade
  from version N; the last 3 are kept.
* ``pre-restore-YYYYMMDD-HHMMSS.sqlite``: the library as it was before a
  restore replaced it; the last 3 are kept.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from storage.db import Store, translated_errors
from storage.errors import LibraryError, NotALibraryError

DAILY_KEEP = 7
WEEKLY_KEEP = 4
OTHER_KEEP = 3
_STAMP = "%Y%m%d-%H%M%S"


def backups_folder(library_path: Path) -> Path:
    """The folder holding a library's backups."""
    return library_path.parent / "backups"


def _now() -> datetime:
    return datetime.now(UTC)


def copy_database(source: sqlite3.Connection, destination: Path) -> Path:
    """Write a consistent snapshot of ``source`` to ``destination``.

    The copy is written beside the destination and renamed into place, so a
    crash never leaves a half-written backup under the final name.
    """
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    target = sqlite3.connect(partial)
    try:
        source.backup(target)
        # A backup is one self-contained file: no -wal beside it.
        target.execute("PRAGMA journal_mode = DELETE")
    finally:
        target.close()
    partial.replace(destination)
    return destination


def make_backup(
    connection: sqlite3.Connection, library_path: Path, kind: str, when: datetime | None = None
) -> Path:
    """A new backup of the given kind (``daily``, ``pre-migration-v1`` ...)."""
    stamp = (when or _now()).strftime(_STAMP)
    path = backups_folder(library_path) / f"{kind}-{stamp}.sqlite"
    copy_database(connection, path)
    prune_backups(library_path)
    return path


def _backup_time(path: Path) -> datetime | None:
    """The time in a backup's name (``kind-YYYYMMDD-HHMMSS.sqlite``)."""
    stamp = "-".join(path.stem.rsplit("-", 2)[1:])
    try:
        return datetime.strptime(stamp, _STAMP).replace(tzinfo=UTC)
    except ValueError:
        return None


def list_backups(library_path: Path, kind: str = "daily") -> list[tuple[datetime, Path]]:
    """Backups of one kind, newest first."""
    folder = backups_folder(library_path)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob(f"{kind}-*.sqlite"):
        when = _backup_time(path)
        if when is not None:
            found.append((when, path))
    return sorted(found, reverse=True)


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
    """Delete backups the retention policy no longer keeps; returns them."""
    removed: list[Path] = []
    daily = list_backups(library_path, "daily")
    keep = backups_to_keep([when for when, _ in daily])
    for when, path in daily:
        if when not in keep:
            path.unlink(missing_ok=True)
            removed.append(path)
    for kind in ("pre-migration-v*", "pre-restore"):
        for _, path in list_backups(library_path, kind)[OTHER_KEEP:]:
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
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.DatabaseError:
        return -1
    try:
        return write_count(conn)
    finally:
        conn.close()


def daily_backup_due(library_path: Path, writes: int, now: datetime | None = None) -> bool:
    """True when the newest daily backup is a day old or more and the library
    (whose write count is ``writes``) has changed since it was made."""
    latest = list_backups(library_path, "daily")
    if not latest:
        return True
    newest_time, newest_path = latest[0]
    if (now or _now()) - newest_time < timedelta(days=1):
        return False
    return _backup_write_count(newest_path) != writes


def verify_library_file(path: Path) -> None:
    """Raise NotALibraryError unless ``path`` is an intact Readshelf library."""
    if not path.is_file():
        raise LibraryError(f"no such file: {path}")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise NotALibraryError(f"{path.name} is not a Readshelf library: {error}") from error
    if result != ["ok"]:
        raise NotALibraryError(f"{path.name} fails the integrity check: {result[0]}")
    if "articles" not in tables:
        raise NotALibraryError(f"{path.name} is not a Readshelf library")


def back_up(store: Store, destination: Path | None) -> Path:
    """Write a consistent copy of the library; by default a new daily
    backup in the backups folder. Returns the copy's path."""
    with translated_errors():
        try:
            if destination is None:
                return make_backup(store.connection, store.path, "daily")
            return copy_database(store.connection, destination)
        except OSError as error:
            raise LibraryError(f"cannot write the backup: {error.strerror or error}") from error


def restore_into(store: Store, source: Path) -> Path:
    """Replace the library's contents with the backup ``source``, after
    checking it and keeping the current contents as a pre-restore backup
    (whose path is returned). The caller brings the schema up to date."""
    verify_library_file(source)
    with translated_errors():
        saved = make_backup(store.connection, store.path, "pre-restore")
        origin = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            origin.backup(store.connection)
        finally:
            origin.close()
    return saved
