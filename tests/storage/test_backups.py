from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storage import ArticleRecord, Library, NotALibraryError
from storage.backups import (
    backups_folder,
    backups_to_keep,
    daily_backup_due,
    list_backups,
    make_backup,
    prune_backups,
    verify_library_file,
)
from storage.maintenance import check_library, rebuild_search_index, restore_library
from storage.migrations import current_version


def article(n: int) -> ArticleRecord:
    return ArticleRecord(title=f"Bài {n} đường phố", body_text=f"nội dung số {n}")


def test_backup_is_a_consistent_library_even_during_a_write(
    library: Library, tmp_path: Path
) -> None:
    library.save_article(article(1))
    other = sqlite3.connect(library.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE articles SET title = 'chưa lưu'")
    copy = library.backup(tmp_path / "copy.sqlite")
    other.execute("ROLLBACK")
    other.close()
    verify_library_file(copy)
    with Library(copy) as restored:
        assert [a.title for a in restored.list_articles()] == ["Bài 1 đường phố"]
        assert check_library(restored).ok
    assert not Path(f"{copy}-wal").exists()


def test_retention_keeps_seven_days_and_four_weeks() -> None:
    start = datetime(2026, 1, 1, 9, tzinfo=UTC)
    times = [start + timedelta(days=d, hours=h) for d in range(60) for h in (0, 5)]
    keep = backups_to_keep(times)
    newest_days = sorted({t.date() for t in times})[-7:]
    assert {t.date() for t in keep} >= set(newest_days)
    assert all(max(t for t in times if t.date() == day) in keep for day in newest_days)
    weeks = {t.isocalendar()[:2] for t in keep}
    assert len(weeks) == 4
    assert len(keep) <= 7 + 4


def test_prune_deletes_what_retention_drops(library: Library) -> None:
    library.save_article(article(1))
    start = datetime(2026, 3, 1, tzinfo=UTC)
    for day in range(40):
        make_backup(
            library.store.connection, library.path, "daily", when=start + timedelta(days=day)
        )
    remaining = list_backups(library.path)
    assert 7 <= len(remaining) <= 11
    assert remaining[0][0] == start + timedelta(days=39)
    assert prune_backups(library.path) == []


def test_daily_backup_is_due_once_a_day_and_only_after_changes(library_path: Path) -> None:
    with Library(library_path) as fresh:
        assert fresh.backup_if_due() is None, "nothing to keep in a library just created"
    with Library(library_path) as library:
        assert daily_backup_due(library_path, library.write_count())
        assert library.backup_if_due() is not None
        assert library.backup_if_due() is None, "at most one a day"
        later = datetime.now(UTC) + timedelta(days=2)
        unchanged = library.write_count()
        assert not daily_backup_due(library_path, unchanged, now=later), "nothing changed"
        library.save_article(article(2))
        assert library.write_count() == unchanged + 1
        assert daily_backup_due(library_path, library.write_count(), now=later)


def test_a_schema_upgrade_keeps_the_old_library_first(library_path: Path) -> None:
    # v3 is a library written by the release before the similarity tables (004).
    old_version = 3
    shutil.copy(Path(__file__).parents[1] / "fixtures" / "libraries" / "v3.sqlite", library_path)
    with sqlite3.connect(library_path) as conn:
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    with Library(library_path) as upgraded:
        assert upgraded.schema_version() == current_version() > old_version
        assert upgraded.count_articles() == articles > 0
    ((_, saved),) = list_backups(library_path, f"pre-migration-v{old_version}")
    with sqlite3.connect(saved) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == articles
        assert (
            conn.execute("SELECT name FROM sqlite_master WHERE name = 'similar_docs'").fetchone()
            is None
        )


def test_restore_brings_back_the_backup_and_keeps_the_current_state(library: Library) -> None:
    library.save_article(article(1))
    copy = library.backup()
    library.save_article(article(2))
    saved = restore_library(library.path, copy)
    assert saved is not None and saved.parent == backups_folder(library.path)
    with Library(library.path) as reopened:
        assert [a.title for a in reopened.list_articles()] == ["Bài 1 đường phố"]
        assert check_library(reopened).ok
    with Library(saved) as before:
        assert before.count_articles() == 2


def test_restore_refuses_a_damaged_or_foreign_file(library: Library, tmp_path: Path) -> None:
    library.save_article(article(1))
    damaged = library.backup(tmp_path / "damaged.sqlite")
    data = bytearray(damaged.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 4096] = b"\xff" * 4096
    damaged.write_bytes(bytes(data))
    foreign = tmp_path / "foreign.sqlite"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE notes (x)")
    for bad in (damaged, foreign, tmp_path / "missing.sqlite"):
        with pytest.raises(Exception) as raised:
            restore_library(library.path, bad)
        assert (
            "integrity" in str(raised.value)
            or "not a Readshelf library" in str(raised.value)
            or "no such file" in str(raised.value)
        )
    assert library.count_articles() == 1


def test_restore_onto_a_library_too_damaged_to_open(library_path: Path, tmp_path: Path) -> None:
    with Library(library_path) as library:
        library.save_article(article(1))
        good = library.backup(tmp_path / "good.sqlite")
    library_path.write_bytes(b"garbage" * 1000)
    with pytest.raises(NotALibraryError):
        Library(library_path)
    aside = restore_library(library_path, good)
    assert aside is not None and aside.read_bytes() == b"garbage" * 1000
    with Library(library_path) as restored:
        assert restored.count_articles() == 1


def test_check_finds_and_repair_fixes_a_stale_search_index(library: Library) -> None:
    for n in range(3):
        library.save_article(article(n))
    assert check_library(library).ok
    library.store.connection.execute(
        "UPDATE articles SET body_text = 'văn bản khác hẳn' WHERE id = 2"
    )
    report = check_library(library)
    assert report.search_index == ["search index is out of date for article 2"]
    assert rebuild_search_index(library) == 3
    assert check_library(library).ok
    assert [hit.id for hit in library.search("van ban khac")] == [2]
