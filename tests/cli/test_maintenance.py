"""backup, restore and check, as real subprocesses on real files."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.support.cli import cli_env, run_cli, run_json


def test_backup_restore_round_trip(tmp_path: Path, seed_path: Path) -> None:
    env = cli_env(tmp_path / "home")
    lib = tmp_path / "lib.sqlite"
    run_json("add", seed_path, library=lib, env=env)
    done = run_cli("backup", tmp_path / "copy.sqlite", library=lib, env=env)
    assert done.returncode == 0 and "backed up to" in done.stdout
    (article,) = run_json("list", library=lib, env=env)
    run_cli("delete", str(article["id"]), library=lib, env=env)
    assert run_json("list", library=lib, env=env) == []

    done = run_cli("restore", tmp_path / "copy.sqlite", library=lib, env=env)
    assert done.returncode == 0, done.stderr
    assert [a["title"] for a in run_json("list", library=lib, env=env)] == [article["title"]]
    assert run_json("search", "bau cu", library=lib, env=env)


def test_backup_without_a_path_goes_to_the_backups_folder(tmp_path: Path, seed_path: Path) -> None:
    env = cli_env(tmp_path / "home")
    lib = tmp_path / "lib.sqlite"
    run_json("add", seed_path, library=lib, env=env)
    done = run_cli("backup", library=lib, env=env)
    assert done.returncode == 0
    (made,) = (tmp_path / "backups").glob("daily-*.sqlite")
    assert str(made) in done.stdout


def test_restore_refuses_a_damaged_backup(tmp_path: Path, seed_path: Path) -> None:
    env = cli_env(tmp_path / "home")
    lib = tmp_path / "lib.sqlite"
    run_json("add", seed_path, library=lib, env=env)
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4000)
    done = run_cli("restore", bad, library=lib, env=env)
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert len(run_json("list", library=lib, env=env)) == 1


def test_check_and_repair(tmp_path: Path, seed_path: Path) -> None:
    env = cli_env(tmp_path / "home")
    lib = tmp_path / "lib.sqlite"
    run_json("add", seed_path, library=lib, env=env)
    assert run_json("check", library=lib, env=env) == {
        "ok": True,
        "problems": [],
        "reindexed": 0,
        "remaining": [],
    }
    with sqlite3.connect(lib) as conn:  # another tool edits the text behind our back
        conn.execute("UPDATE articles SET body_text = 'tàu hoả chạy qua' WHERE id = 1")
    done = run_cli("check", library=lib, env=env)
    assert done.returncode == 1
    assert "search index is out of date for article 1" in done.stderr
    repaired = run_cli("check", "--repair", "--json", library=lib, env=env)
    assert repaired.returncode == 0, repaired.stderr
    report = json.loads(repaired.stdout)
    assert report["ok"] and report["reindexed"] == 1
    assert [h["id"] for h in run_json("search", "tau hoa", library=lib, env=env)] == [1]
