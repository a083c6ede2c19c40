"""Issue 12, items 12 and 13: opening a library the way the README advises
for network shares, and what a read-only library leaves behind.

Tests run as root, for whom file permissions do not stop a write. A
read-only library is therefore made with the immutable attribute
(``chattr +i``), which refuses every write even to root, on top of the 0444
permissions a person would give it: SQLite then opens the file read-only,
exactly as for a user who may not write it.
"""

from __future__ import annotations

import json
import sqlite3
import stat
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from storage import ArticleRecord, Library, LibraryLockedError
from tests.support.cli import cli_env, invoke_cli, invoke_json


def saved_library(path: Path, count: int = 2) -> Path:
    with Library(path) as library:
        for n in range(count):
            library.save_article(ArticleRecord(title=f"Bài {n}", body_text=f"phố cổ số {n}"))
    return path


def journal_mode(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA journal_mode").fetchone()[0])
    finally:
        conn.close()


# -- item 12 --------------------------------------------------------------------


def test_the_dotfile_vfs_opens_a_library_already_in_wal_mode(tmp_path: Path) -> None:
    path = saved_library(tmp_path / "library.sqlite")
    assert journal_mode(path) == "wal"
    with Library(path, vfs="unix-dotfile") as library:
        assert library.journal_mode == "delete"
        assert library.notice is not None and "write-ahead logging" in library.notice
        assert library.count_articles() == 2
        library.save_article(ArticleRecord(title="Bài mới", body_text="qua mạng nội bộ"))
    assert not Path(f"{path}-wal").exists()
    with Library(path, vfs="unix-dotfile") as again:
        assert again.count_articles() == 3


def test_the_readme_advice_works_from_the_command_line(tmp_path: Path) -> None:
    path = saved_library(tmp_path / "library.sqlite")
    env = cli_env(tmp_path / "home", READSHELF_SQLITE_VFS="unix-dotfile")
    listed = invoke_cli("list", "--json", library=path, env=env)
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) == 2
    assert "write-ahead logging" in listed.stderr
    assert invoke_cli("tag", "1", "Mạng", library=path, env=env).returncode == 0
    assert [t["name"] for t in invoke_json("tags", library=path, env=env)] == ["Mạng"]


def test_switching_journal_waits_for_a_program_that_has_the_library_open(
    tmp_path: Path,
) -> None:
    path = saved_library(tmp_path / "library.sqlite")
    with Library(path) as window:
        window.count_articles()
        with pytest.raises(LibraryLockedError):
            Library(path, vfs="unix-dotfile", busy_timeout=0.1)
        assert window.count_articles() == 2
    assert journal_mode(path) == "wal", "left as it was"


# -- item 13 --------------------------------------------------------------------


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """``path`` read-only, even for root: mode 0444 and the immutable attribute."""
    path.chmod(0o444)
    made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True, check=False)
    if made.returncode != 0:
        path.chmod(0o644)
        pytest.skip(f"needs chattr +i (root, a file system with attributes): {made.stderr}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)
        path.chmod(0o644)


def owner_may_write(path: Path) -> bool:
    return bool(path.stat().st_mode & stat.S_IWUSR)


def test_a_library_opened_read_only_once_is_writable_again_afterwards(tmp_path: Path) -> None:
    path = saved_library(tmp_path / "library.sqlite")
    env = cli_env(tmp_path / "home")
    with read_only(path):
        listed = invoke_cli("list", "--json", library=path, env=env)
        assert listed.returncode == 0, listed.stderr
        added = invoke_cli("tag", "1", "mới", library=path, env=env)
        assert added.returncode == 1 and "read-only" in added.stderr
    # What reading it left: SQLite gave its -shm the library's 0444.
    shm = Path(f"{path}-shm")
    assert shm.exists() and not owner_may_write(shm)

    with Library(path) as library:
        for leftover in (shm, Path(f"{path}-wal")):
            assert not leftover.exists() or owner_may_write(leftover), leftover
        library.save_article(ArticleRecord(title="Bài sau", body_text="ghi lại được"))
    added = invoke_cli("tag", "1", "mới", library=path, env=env)
    assert added.returncode == 0, added.stderr


def test_check_on_a_read_only_library_tells_the_truth(tmp_path: Path) -> None:
    path = saved_library(tmp_path / "library.sqlite", count=3)
    env = cli_env(tmp_path / "home")
    with read_only(path):
        done = invoke_cli("check", "--json", library=path, env=env)
        assert done.returncode == 0, done.stderr
        report = json.loads(done.stdout)
        assert report["ok"] and report["problems"] == []
        assert report["notes"] == [
            "the search index's inner structure was not checked: the library is read-only"
        ]
        plain = invoke_cli("check", library=path, env=env)
        assert plain.returncode == 0 and "damaged" not in plain.stderr + plain.stdout

    # A stale index is still found on a read-only library.
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE articles SET body_text = 'chữ khác hẳn' WHERE id = 2")
    conn.close()
    with read_only(path):
        done = invoke_cli("check", "--json", library=path, env=env)
        assert done.returncode == 1
        assert json.loads(done.stdout)["problems"] == ["search index is out of date for article 2"]
