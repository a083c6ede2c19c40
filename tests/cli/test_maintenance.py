"""backup, restore and check, through the real entry point (in-process) on real files."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from core.models import ArticleRecord
from storage import Library
from tests.support.cli import cli_env, invoke_cli, invoke_json


def test_backup_restore_round_trip(tmp_path: Path, seed_path: Path) -> None:
    env = cli_env(tmp_path / "home")
    lib = tmp_path / "lib.sqlite"
    invoke_json("add", seed_path, library=lib, env=env)
    done = invoke_cli("backup", tmp_path / "copy.sqlite", library=lib, env=env)
    assert done.returncode == 0 and "backed up to" in done.stdout
    (article,) = invoke_json("list", library=lib, env=env)
    invoke_cli("delete", str(article["id"]), library=lib, env=env)
    assert invoke_json("list", library=lib, env=env) == []

    done = invoke_cli("restore", tmp_path / "copy.sqlite", library=lib, env=env)
    assert done.returncode == 0, done.stderr
    assert [a["title"] for a in invoke_json("list", library=lib, env=env)] == [article["title"]]
    assert invoke_json("search", "bau cu", library=lib, env=env)


def test_backup_without_a_path_goes_to_the_backups_folder(tmp_path: Path, seed_path: Path) -> None:
    env = cli_env(tmp_path / "home")
    lib = tmp_path / "lib.sqlite"
    invoke_json("add", seed_path, library=lib, env=env)
    done = invoke_cli("backup", library=lib, env=env)
    assert done.returncode == 0
    (made,) = (tmp_path / "backups").glob("daily-*.sqlite")
    assert str(made) in done.stdout


def test_restore_refuses_a_damaged_backup(tmp_path: Path, seed_path: Path) -> None:
    env = cli_env(tmp_path / "home")
    lib = tmp_path / "lib.sqlite"
    invoke_json("add", seed_path, library=lib, env=env)
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4000)
    done = invoke_cli("restore", bad, library=lib, env=env)
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert len(invoke_json("list", library=lib, env=env)) == 1


def test_check_and_repair(tmp_path: Path, seed_path: Path) -> None:
    env = cli_env(tmp_path / "home")
    lib = tmp_path / "lib.sqlite"
    invoke_json("add", seed_path, library=lib, env=env)
    assert invoke_json("check", library=lib, env=env) == {
        "ok": True,
        "problems": [],
        "reindexed": 0,
        "remaining": [],
        "notes": [],
        "versions_bytes": 0,
    }
    with sqlite3.connect(lib) as conn:  # another tool edits the text behind our back
        conn.execute("UPDATE articles SET body_text = 'tàu hoả chạy qua' WHERE id = 1")
    done = invoke_cli("check", library=lib, env=env)
    assert done.returncode == 1
    assert "search index is out of date for article 1" in done.stderr
    repaired = invoke_cli("check", "--repair", "--json", library=lib, env=env)
    assert repaired.returncode == 0, repaired.stderr
    report = json.loads(repaired.stdout)
    assert report["ok"] and report["reindexed"] == 1
    assert [h["id"] for h in invoke_json("search", "tau hoa", library=lib, env=env)] == [1]


def test_check_reports_the_space_versions_take(tmp_path: Path) -> None:
    env = cli_env(tmp_path / "home")
    lib = tmp_path / "lib.sqlite"
    with Library(lib) as library:
        for sentence in ("Hà Nội mưa to kéo dài. ", "Hà Nội mưa to kéo dài cả tuần. "):
            library.save_article(
                ArticleRecord(title="Mưa Hà Nội", url="https://e.org/mua", body_text=sentence * 40)
            )
    report = invoke_json("check", library=lib, env=env)
    assert report["versions_bytes"] > 0
    done = invoke_cli("check", library=lib, env=env)
    assert "earlier versions of articles take" in done.stdout
