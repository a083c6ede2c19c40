"""storage.db: SQLite's failures sorted by error code, each from a real condition."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storage import (
    ArticleFilter,
    ArticleRecord,
    DiskFullError,
    Library,
    LibraryError,
    LibraryLockedError,
    NotALibraryError,
)
from storage.db import Store
from storage.errors import LibraryCannotOpenError, LibraryReadOnlyError
from storage.maintenance import check_library


def test_a_write_while_another_program_holds_the_lock_is_locked(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    Library(path).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with (
            Library(path, busy_timeout=0.1) as library,
            pytest.raises(LibraryLockedError, match="busy in another program") as caught,
        ):
            library.save_article(ArticleRecord(title="t", body_text="b"))
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert isinstance(caught.value.__cause__, sqlite3.OperationalError)


def test_a_full_disk_is_disk_full(tmp_path: Path) -> None:
    with Library(tmp_path / "library.sqlite") as library:
        pages = library.store.connection.execute("PRAGMA page_count").fetchone()[0]
        # The file may not grow: as far as SQLite can tell, the disk is full.
        library.store.connection.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(DiskFullError, match="disk holding the library is full"):
            library.save_article(ArticleRecord(title="big", body_text="chữ " * 50_000))
        assert library.count_articles() == 0


def test_a_read_only_library_is_read_only(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    with Library(path) as library:
        library.save_article(ArticleRecord(title="t", body_text="b"))
        library.store.connection.execute("PRAGMA query_only = ON")
        with pytest.raises(LibraryReadOnlyError, match="library file is read-only"):
            library.set_status(1, "read")
        assert library.get_article(1).status == "unread"


def test_a_file_that_is_not_sqlite_is_not_a_library(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    path.write_bytes(b"not a database, just words " * 200)
    with pytest.raises(NotALibraryError, match="not a Readshelf library, or it is damaged"):
        Library(path)
    assert path.read_bytes().startswith(b"not a database")


def test_a_folder_cannot_be_opened(tmp_path: Path) -> None:
    folder = tmp_path / "a folder"
    folder.mkdir()
    with pytest.raises(LibraryCannotOpenError, match="cannot open the library file"):
        Library(folder)


def test_a_bad_statement_is_a_bug_and_propagates_as_sqlite_error(tmp_path: Path) -> None:
    store = Store(tmp_path / "plain.sqlite")
    try:
        with pytest.raises(sqlite3.OperationalError) as caught:
            store.rows("SELEC 1")
        assert not isinstance(caught.value, LibraryError)
        with pytest.raises(sqlite3.IntegrityError), store.write() as conn:
            conn.execute("CREATE TABLE t (x NOT NULL)")
            conn.execute("INSERT INTO t VALUES (NULL)")
        # The failed write rolled back whole, the table with it.
        assert store.rows("SELECT name FROM sqlite_master WHERE name = 't'") == []
        assert not store.connection.in_transaction
    finally:
        store.close()


def test_marking_many_articles_is_one_transaction(tmp_path: Path) -> None:
    with Library(tmp_path / "library.sqlite") as library:
        ids = [
            library.save_article(ArticleRecord(title=f"bài {n}", body_text=f"nội dung {n}")).id
            for n in range(5)
        ]
        before = library.write_count()
        assert library.set_status_many([*ids[:3], 999], "read") == 3
        assert library.set_favorite_many(ids[1:], True) == 4
        assert library.write_count() == before + 2
        assert library.count_articles(ArticleFilter(status="read")) == 3
        assert library.count_articles(ArticleFilter(favorite=True)) == 4
        with pytest.raises(LibraryError, match="unknown status"):
            library.set_status_many(ids, "gone")  # type: ignore[arg-type]
        assert library.count_articles(ArticleFilter(status="read")) == 3
        before = library.write_count()
        assert library.delete_articles([ids[0], ids[1], 12345]) == 2
        assert library.write_count() == before + 1
        assert library.count_articles() == 3
        assert {hit.id for hit in library.search("noi dung")} == set(ids[2:])
        assert check_library(library).ok
