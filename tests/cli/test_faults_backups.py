"""Issue 12, items 6, 7 and 10: the daily backup under parallel commands, on
a full disk, and with several libraries in one folder. Real processes (the
command line started as ``python main.py``) where processes matter, and a
real small file system (a tmpfs the test mounts) for the full disk."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storage import ArticleRecord, Library
from storage.backups import list_backups, own_backups
from tests.support.cli import ROOT, cli_env, command_line, invoke_cli, invoke_json, run_cli

PARALLEL = 24


def article_file(folder: Path, n: int) -> Path:
    """A plain-text article, different for each ``n``."""
    path = folder / f"bai-{n}.txt"
    body = " ".join(f"Câu thứ {i} của bài số {n} kể chuyện phố phường Hà Nội." for i in range(12))
    path.write_text(f"Bài viết số {n} về Hà Nội\n\n{body}\n", encoding="utf-8")
    return path


def library_with_a_backup_due(path: Path, articles: int = 1, words: int = 200) -> None:
    """A library opened before (so not new) that has no daily backup yet."""
    with Library(path) as library:
        for n in range(articles):
            text = " ".join(f"chữ{n}x{i}" for i in range(words))
            library.save_article(ArticleRecord(title=f"Bài cũ {n}", body_text=text))


def start_cli(*args: str | Path, library: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), *command_line(args, library)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=ROOT,
    )


def leftovers(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if ".partial" in p.name)


# -- item 6 ---------------------------------------------------------------------


def test_parallel_adds_on_the_first_use_of_the_day_all_succeed(tmp_path: Path) -> None:
    lib = tmp_path / "library.sqlite"
    # Big enough that copying it takes a while: the processes overlap.
    library_with_a_backup_due(lib, articles=40, words=5000)
    env = cli_env(tmp_path / "home")
    files = [article_file(tmp_path, n) for n in range(PARALLEL)]
    running = [start_cli("add", "--json", file, library=lib, env=env) for file in files]
    outcomes = [(process.wait(timeout=180), *process.communicate()) for process in running]

    failed = [(status, err) for status, _, err in outcomes if status != 0]
    assert failed == [], failed[:3]
    assert all("Traceback" not in err for _, _, err in outcomes)
    assert leftovers(tmp_path) == []
    (daily,) = own_backups(lib, "daily")
    with Library(daily[1]) as backup:
        assert backup.count_articles() >= 40
    with Library(lib) as library:
        assert library.count_articles() == 40 + PARALLEL


def test_parallel_lists_with_a_backup_due_all_succeed(tmp_path: Path) -> None:
    lib = tmp_path / "library.sqlite"
    library_with_a_backup_due(lib, articles=40, words=5000)
    env = cli_env(tmp_path / "home")
    running = [start_cli("list", "--json", library=lib, env=env) for _ in range(PARALLEL // 2)]
    outcomes = [(process.wait(timeout=180), *process.communicate()) for process in running]
    assert [status for status, _, _ in outcomes] == [0] * (PARALLEL // 2), outcomes[0][2]
    assert leftovers(tmp_path) == []
    assert len(own_backups(lib, "daily")) == 1


def test_a_backup_that_cannot_be_written_never_fails_the_command(
    tmp_path: Path, seed_path: Path
) -> None:
    lib = tmp_path / "library.sqlite"
    library_with_a_backup_due(lib)
    (tmp_path / "backups").write_text("a file where the backups folder goes", encoding="utf-8")
    env = cli_env(tmp_path / "home", READSHELF_LOG_DIR=str(tmp_path / "logs"))
    done = invoke_cli("add", seed_path, library=lib, env=env)
    assert done.returncode == 0, done.stderr
    (note,) = [line for line in done.stderr.splitlines() if "backup" in line]
    assert note.startswith("note: skipped today's backup: cannot write the backup")
    assert "Traceback" not in done.stderr
    log = (tmp_path / "logs" / "readshelf.log").read_text(encoding="utf-8").splitlines()
    assert any("WARNING" in line and "skipped the daily backup" in line for line in log)


# -- item 7 ---------------------------------------------------------------------

DISK_BYTES = 3 * 1024 * 1024


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 3 MB file system (tmpfs), mounted for the test and unmounted after."""
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={DISK_BYTES}", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"needs permission to mount a tmpfs (run as root): {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path) -> Path:
    """Fill the file system holding ``folder`` to the last byte; returns the filler."""
    filler = folder / "filler"
    descriptor = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        for chunk in (1 << 16, 1 << 12, 1):
            try:
                while True:
                    os.write(descriptor, b"\0" * chunk)
            except OSError:
                pass
    finally:
        os.close(descriptor)
    assert shutil.disk_usage(folder).free == 0
    return filler


def test_reading_works_on_a_full_disk_and_the_backup_waits_for_space(
    small_disk: Path, tmp_path: Path
) -> None:
    lib = small_disk / "library.sqlite"
    library_with_a_backup_due(lib, articles=4)
    env = cli_env(tmp_path / "home")
    filler = fill(small_disk)

    for args in (("list",), ("search", "chu"), ("show", "1"), ("check",)):
        done = run_cli(*args, "--json", library=lib, env=env)
        assert done.returncode == 0, (args, done.stderr)
        assert "Traceback" not in done.stderr
        assert "backup" in done.stderr, "the skipped backup is said, in one line"
    assert leftovers(small_disk) == []
    assert own_backups(lib, "daily") == []

    added = run_cli("add", article_file(tmp_path, 1), library=lib, env=env)
    assert added.returncode == 1 and "disk holding the library is full" in added.stderr

    filler.unlink()
    added = run_cli("add", article_file(tmp_path, 1), library=lib, env=env)
    assert added.returncode == 0, added.stderr
    assert len(own_backups(lib, "daily")) == 1
    assert leftovers(small_disk) == []
    assert len(invoke_json("list", library=lib, env=env)) == 5


# -- item 10 --------------------------------------------------------------------


def test_libraries_in_one_folder_keep_their_own_backups(tmp_path: Path) -> None:
    first, second = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    library_with_a_backup_due(first)
    library_with_a_backup_due(second)
    env = cli_env(tmp_path / "home")

    assert run_cli("list", library=first, env=env).returncode == 0
    (first_daily,) = own_backups(first, "daily")
    assert run_cli("list", library=second, env=env).returncode == 0, "B gets its own backup"
    (second_daily,) = own_backups(second, "daily")
    assert first_daily[1] != second_daily[1]

    # B's explicit backups and their retention never touch A's only one.
    for _ in range(3):
        assert run_cli("backup", library=second, env=env).returncode == 0
    assert own_backups(first, "daily") == [first_daily]
    assert first_daily[1].exists()
    with Library(first_daily[1]) as copy:
        assert copy.list_articles()[0].title == "Bài cũ 0"


def test_backups_of_the_old_layout_are_still_found_and_never_deleted(tmp_path: Path) -> None:
    lib = tmp_path / "library.sqlite"
    library_with_a_backup_due(lib)
    folder = tmp_path / "backups"
    folder.mkdir()
    old = folder / "daily-20200101-090000.sqlite"
    with Library(lib) as library:
        library.backup(old)
    env = cli_env(tmp_path / "home")
    for _ in range(3):
        assert run_cli("backup", library=lib, env=env).returncode == 0
    assert old.exists()
    assert (datetime(2020, 1, 1, 9, tzinfo=UTC), old) in list_backups(lib, "daily")
    restored = invoke_cli("restore", old, library=lib, env=env)
    assert restored.returncode == 0, restored.stderr
    assert old.exists()
