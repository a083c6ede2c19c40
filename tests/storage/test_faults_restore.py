"""Issue 12, item 8: restore checks the file is a Readshelf library this
version can open before anything is replaced, and puts the previous library
back if anything fails after that. Real library files throughout."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from storage import ArticleRecord, Library, LibraryError, NotALibraryError
from storage.backups import list_backups, verify_library_file
from storage.maintenance import check_library, restore_library
from tests.support.cli import cli_env, invoke_cli, invoke_json

FIXTURES = Path(__file__).parents[1] / "fixtures" / "libraries"


def saved_library(path: Path, titles: list[str]) -> Path:
    with Library(path) as library:
        for title in titles:
            library.save_article(ArticleRecord(title=title, body_text=f"{title} nội dung"))
    return path


def titles(path: Path) -> list[str]:
    with Library(path) as library:
        return sorted(a.title for a in library.list_articles())


def other_programs_file(path: Path) -> Path:
    """Another program's SQLite file that happens to have an ``articles`` table."""
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, headline TEXT)")
        conn.execute("INSERT INTO articles (headline) VALUES ('not ours')")
    conn.close()
    return path


def newer_library(path: Path, source: Path) -> Path:
    """A library written by a newer Readshelf: a migration this one does not know."""
    shutil.copy(source, path)
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
            " VALUES ('readshelf', '999_from_the_future', '2030-01-01')"
        )
    conn.close()
    return path


def test_another_programs_file_is_refused_before_anything_changes(tmp_path: Path) -> None:
    lib = saved_library(tmp_path / "library.sqlite", ["Phở", "Bún chả"])
    foreign = other_programs_file(tmp_path / "other.db")
    with pytest.raises(NotALibraryError, match=r"other\.db is not a Readshelf library"):
        restore_library(lib, foreign)
    assert titles(lib) == ["Bún chả", "Phở"]
    assert list_backups(lib, "pre-restore") == [], "nothing was replaced, nothing to keep"
    with Library(lib) as library:
        assert check_library(library).ok


def test_another_programs_file_is_not_opened_as_a_library(tmp_path: Path) -> None:
    foreign = other_programs_file(tmp_path / "other.db")
    with pytest.raises(NotALibraryError, match="not a Readshelf library"):
        Library(foreign)
    with sqlite3.connect(foreign) as conn:
        assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("articles",)]
    conn.close()


def test_a_library_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    lib = saved_library(tmp_path / "library.sqlite", ["Phở"])
    newer = newer_library(tmp_path / "newer.sqlite", saved_library(tmp_path / "x.sqlite", ["Mới"]))
    with pytest.raises(NotALibraryError, match="newer version of Readshelf"):
        verify_library_file(newer)
    with pytest.raises(NotALibraryError, match="newer version of Readshelf"):
        restore_library(lib, newer)
    assert titles(lib) == ["Phở"]


def test_a_damaged_file_is_refused(tmp_path: Path) -> None:
    lib = saved_library(tmp_path / "library.sqlite", ["Phở"])
    damaged = saved_library(tmp_path / "damaged.sqlite", [f"Bài {n}" for n in range(30)])
    data = bytearray(damaged.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 8192] = b"\xa5" * 8192
    damaged.write_bytes(bytes(data))
    with pytest.raises(NotALibraryError):
        restore_library(lib, damaged)
    assert titles(lib) == ["Phở"]


def test_a_failure_after_the_copy_puts_the_previous_library_back(tmp_path: Path) -> None:
    lib = saved_library(tmp_path / "library.sqlite", ["Phở", "Bún chả"])
    # An old library that passes every check but cannot be upgraded: a table
    # of its own is in the way of the similarity migration (v4).
    old = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / "v3.sqlite", old)
    with sqlite3.connect(old) as conn:
        conn.execute("CREATE TABLE similar_docs (x)")
    conn.close()
    verify_library_file(old)
    with pytest.raises(LibraryError, match="cannot upgrade"):
        restore_library(lib, old)
    assert titles(lib) == ["Bún chả", "Phở"]
    with Library(lib) as library:
        assert check_library(library).ok
        library.save_article(ArticleRecord(title="Chè", body_text="chè đậu đen"))


def test_a_failure_after_the_copy_onto_a_damaged_library_puts_it_back(tmp_path: Path) -> None:
    lib = tmp_path / "library.sqlite"
    lib.write_bytes(b"garbage" * 1000)
    old = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / "v3.sqlite", old)
    with sqlite3.connect(old) as conn:
        conn.execute("CREATE TABLE similar_docs (x)")
    conn.close()
    with pytest.raises(LibraryError, match="cannot upgrade"):
        restore_library(lib, old)
    assert lib.read_bytes() == b"garbage" * 1000
    assert sorted(p.name for p in tmp_path.iterdir() if "damaged" in p.name) == []


def test_restore_of_another_programs_file_from_the_command_line(tmp_path: Path) -> None:
    env = cli_env(tmp_path / "home")
    lib = saved_library(tmp_path / "library.sqlite", ["Phở"])
    foreign = other_programs_file(tmp_path / "other.db")
    done = invoke_cli("restore", foreign, library=lib, env=env)
    assert done.returncode == 1
    assert done.stderr.startswith("error: ") and len(done.stderr.splitlines()) == 1
    assert [a["title"] for a in invoke_json("list", library=lib, env=env)] == ["Phở"]
    good = saved_library(tmp_path / "good.sqlite", ["Bún chả"])
    assert invoke_cli("restore", good, library=lib, env=env).returncode == 0
    assert [a["title"] for a in invoke_json("list", library=lib, env=env)] == ["Bún chả"]
