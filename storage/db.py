"""One open library file: its connection, its transactions, its errors.

Every storage module speaks SQL through a ``Store``: ``write()`` for an
all-or-nothing write transaction, ``read()`` for a consistent snapshot,
``rows()`` / ``row()`` for a single query. A ``Store`` owns one connection and,
like the connection, belongs to the thread that opened it.

SQLite's failures are sorted by their error code (``sqlite_errorcode``), not
by their message: the conditions a person can act on (busy, disk full,
read-only, damaged file, file that cannot be opened) become LibraryError
subclasses with a one-line message; any other error is a bug in our SQL and
propagates unchanged.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from storage.errors import (
    DiskFullError,
    LibraryCannotOpenError,
    LibraryError,
    LibraryLockedError,
    LibraryReadOnlyError,
    NotALibraryError,
)

# How long a write waits for another program (the window, a CLI command) to
# finish its own write before giving up with LibraryLockedError.
BUSY_TIMEOUT_SECONDS = 10.0

# SQLITE_BUSY, SQLITE_LOCKED, ...: Python 3.11 names them in sqlite3; an
# extended code (SQLITE_READONLY_DBMOVED) keeps its primary code in the low byte.
_LOCKED = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})
_DAMAGED = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})

Params = Sequence[Any] | dict[str, Any]


def primary_code(error: sqlite3.Error) -> int | None:
    """SQLite's primary result code of an error (None if it carries none)."""
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def library_error(error: sqlite3.Error) -> LibraryError | None:
    """The LibraryError a person should see for this SQLite error, or None
    when the error is not an expected condition (a bug: let it propagate)."""
    code = primary_code(error)
    if code in _LOCKED:
        return LibraryLockedError("the library is busy in another program; try again in a moment")
    if code == sqlite3.SQLITE_FULL:
        return DiskFullError("the disk holding the library is full")
    if code == sqlite3.SQLITE_READONLY:
        return LibraryReadOnlyError("the library file is read-only")
    if code in _DAMAGED:
        return NotALibraryError("the file is not a Readshelf library, or it is damaged")
    if code == sqlite3.SQLITE_CANTOPEN:
        return LibraryCannotOpenError(f"cannot open the library file: {error}")
    return None


@contextlib.contextmanager
def translated_errors() -> Iterator[None]:
    """Raise SQLite's expected failures as LibraryError subclasses; others as they are."""
    try:
        yield
    except sqlite3.Error as error:
        expected = library_error(error)
        if expected is None:
            raise
        raise expected from error


def connect(path: Path, *, vfs: str | None, busy_timeout: float) -> sqlite3.Connection:
    """A connection to ``path`` in autocommit mode (transactions are ours)."""
    target = str(path)
    if vfs is not None:
        target = f"{path.resolve().as_uri()}?vfs={vfs}"
    with translated_errors():
        return sqlite3.connect(
            target,
            timeout=busy_timeout,
            isolation_level=None,
            uri=vfs is not None,
            check_same_thread=True,
        )


def is_wal_file(path: Path) -> bool:
    """Whether the database file at ``path`` is in WAL mode (its header's
    read and write format versions, bytes 18 and 19, are 2)."""
    try:
        with path.open("rb") as file:
            header = file.read(20)
    except OSError:
        return False
    return header[:16] == b"SQLite format 3\x00" and header[18:20] == b"\x02\x02"


def leave_wal(path: Path, busy_timeout: float) -> None:
    """Switch the library at ``path`` from WAL to a rollback journal, through
    the default VFS. Raises LibraryLockedError while another program has it open."""
    with translated_errors():
        conn = sqlite3.connect(path, timeout=busy_timeout, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = DELETE")
        finally:
            conn.close()
    if is_wal_file(path):
        raise LibraryLockedError(
            "the library is open in another program that uses write-ahead logging;"
            " close it to open the library with READSHELF_SQLITE_VFS"
        )


def make_leftovers_writable(path: Path) -> None:
    """Give a library's ``-wal`` and ``-shm`` files the permissions of the
    library file again.

    SQLite creates them with the library file's permissions. A program that
    opened the library while the file was read-only (0444) leaves read-only
    ones behind, and once the file is writable again every write would still
    fail as "read-only". Changing permissions never changes contents, and
    only the owner may do it: if we cannot, SQLite reports read-only, as it should.
    """
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return
    if not mode & stat.S_IWUSR:
        return
    for suffix in ("-wal", "-shm"):
        leftover = Path(f"{path}{suffix}")
        try:
            if not leftover.stat().st_mode & stat.S_IWUSR:
                leftover.chmod(mode)
        except OSError:
            continue


class Store:
    """An open library file. ``path`` is opened (or created) at once."""

    def __init__(
        self,
        path: Path,
        *,
        vfs: str | None = None,
        busy_timeout: float = BUSY_TIMEOUT_SECONDS,
    ) -> None:
        self.path = path
        vfs = vfs or os.environ.get("READSHELF_SQLITE_VFS") or None
        # Counting writes starts once the schema is in place (see Library).
        self.counting_writes = False
        self.notice: str | None = None
        make_leftovers_writable(path)
        self.connection = connect(path, vfs=vfs, busy_timeout=busy_timeout)
        try:
            with translated_errors():
                try:
                    self.journal_mode = self._configure(busy_timeout)
                except sqlite3.OperationalError as error:
                    self.connection.close()
                    self._reopen(error, vfs, busy_timeout)
        except BaseException:
            self.connection.close()
            raise

    def _reopen(
        self, error: sqlite3.OperationalError, vfs: str | None, busy_timeout: float
    ) -> None:
        """A second try at opening, for the two failures a different way of
        opening the same file gets around; otherwise ``error`` is raised."""
        code = getattr(error, "sqlite_errorcode", None)
        if (
            vfs is not None
            and primary_code(error) == sqlite3.SQLITE_CANTOPEN
            and is_wal_file(self.path)
        ):
            # A VFS without shared memory (unix-dotfile, the advice for network
            # shares) cannot open a file in WAL mode at all: switch the file to
            # a rollback journal with the default VFS, then open it as asked.
            leave_wal(self.path, busy_timeout)
            self.connection = connect(self.path, vfs=vfs, busy_timeout=busy_timeout)
            self.journal_mode = self._configure(busy_timeout)
            return
        if code == sqlite3.SQLITE_IOERR_SHMSIZE or primary_code(error) == sqlite3.SQLITE_FULL:
            # The disk is full: the shared-memory file (-shm) that WAL readers
            # need cannot grow (SQLite reports either error). In exclusive
            # locking mode SQLite keeps that index in memory instead, so
            # reading still works; writes then fail as a full disk, and other
            # programs wait until we close.
            self.connection = connect(self.path, vfs=vfs, busy_timeout=busy_timeout)
            self.connection.execute("PRAGMA locking_mode = EXCLUSIVE")
            self.journal_mode = self._configure(busy_timeout)
            self.notice = (
                "the disk holding the library is full: you can read your articles,"
                " but saving needs free space"
            )
            return
        raise error

    def _configure(self, busy_timeout: float) -> str:
        """Set the pragmas every connection to a library uses; returns the journal mode."""
        conn = self.connection
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        mode = str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]).lower()
        if mode != "wal":
            # WAL needs shared memory between the programs using the file,
            # which network shares often cannot provide: SQLite then keeps
            # the old mode. Fall back to a rollback journal, and say so.
            mode = str(conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]).lower()
            self.notice = (
                "this library's file system does not support write-ahead logging"
                " (a network share?); using a rollback journal: safe, but the window"
                " and the command line will wait for each other more"
            )
        # FULL: a save the person saw succeed survives a power cut too. The
        # cost is one fsync per saved article, far below capture's own time.
        conn.execute("PRAGMA synchronous = FULL")
        return mode

    def close(self) -> None:
        self.connection.close()

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One all-or-nothing write transaction.

        BEGIN IMMEDIATE takes the write lock up front, so a transaction that
        reads before it writes waits for another writer (busy timeout) instead
        of failing half-way with SQLITE_BUSY. Each committed transaction adds
        one to the library's write count (see storage.backups).
        """
        conn = self.connection
        with translated_errors():
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                if self.counting_writes:
                    conn.execute("UPDATE library_state SET value = value + 1 WHERE key = 'writes'")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    @contextlib.contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """One read transaction: every query sees the library as of the same
        moment, even while another program writes. Inside a write it is that
        write's own view."""
        conn = self.connection
        owned = not conn.in_transaction
        with translated_errors():
            if owned:
                conn.execute("BEGIN")
            try:
                yield conn
            finally:
                if owned and conn.in_transaction:
                    conn.execute("COMMIT")

    def rows(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        """Every row of one query (rows index by position and by column name)."""
        with translated_errors():
            cursor = self.connection.execute(sql, params)
            cursor.row_factory = sqlite3.Row
            return cursor.fetchall()

    def row(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        """The first row of one query, if any."""
        with translated_errors():
            cursor = self.connection.execute(sql, params)
            cursor.row_factory = sqlite3.Row
            found: sqlite3.Row | None = cursor.fetchone()
            return found

    def data_version(self) -> int:
        """Changes whenever another connection commits to the file."""
        with translated_errors():
            return int(self.connection.execute("PRAGMA data_version").fetchone()[0])


def id_list(ids: Sequence[int]) -> str:
    """A set of ids as one SQL parameter: ``... IN (SELECT value FROM json_each(?))``
    takes any number of them, where ``?, ?, ...`` stops at SQLite's variable limit."""
    return "[" + ",".join(str(int(i)) for i in ids) + "]"


IDS = "(SELECT value FROM json_each(?))"
"""The SQL that reads an ``id_list`` parameter back as a set of ids."""
