"""The entry point itself: how it fails, what it logs, what it imports.

Most tests run it in-process through ``cli.root.run`` (``invoke_cli``); the
few that need what only a real process shows (the exit status the shell
sees, a C locale, a closed pipe, the modules a command loads) start
``main.py`` as a subprocess.
"""

from __future__ import annotations

import ast
import importlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import click
import pytest

from cli.root import COMMAND_MODULES
from tests.support.cli import ROOT, cli_env, invoke_cli, invoke_json, run_cli

HEAVY_PACKAGES = ("trafilatura", "lxml", "httpx", "PySide6", "capture", "feedparser")
SEED_TITLE = "Công an Hà Nội có vai trò to lớn góp phần làm nên thành công của cuộc bầu cử"


@pytest.fixture
def logs(tmp_path: Path) -> Path:
    return tmp_path / "logs"


@pytest.fixture
def env(tmp_path: Path, logs: Path) -> dict[str, str]:
    return cli_env(tmp_path / "home", READSHELF_LOG_DIR=str(logs))


@pytest.fixture
def seeded(tmp_path: Path, env: dict[str, str], seed_path: Path) -> Path:
    """A library holding the seed article (id 1), tagged "Bầu cử"."""
    path = tmp_path / "lib.sqlite"
    [added] = invoke_json("add", seed_path, "--tag", "Bầu cử", library=path, env=env)
    assert added["id"] == 1
    return path


def damaged(library: Path) -> Path:
    """The library with a table dropped behind its back: using it hits a bug path."""
    with sqlite3.connect(library) as connection:
        connection.execute("DROP TABLE article_tags")
    connection.close()
    return library


# -- logging -----------------------------------------------------------------------------


def test_verbose_logs_debug_to_stderr_and_to_the_file(
    seeded: Path, env: dict[str, str], logs: Path
) -> None:
    done = invoke_cli("--verbose", "tags", library=seeded, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "     1  Bầu cử\n"
    debug = f"DEBUG cli.root [MainThread]: library {seeded}, command tags"
    assert debug in done.stderr
    assert debug in (logs / "readshelf.log").read_text(encoding="utf-8")


def test_without_verbose_nothing_is_logged_to_stderr_nor_debug_to_the_file(
    seeded: Path, env: dict[str, str], logs: Path
) -> None:
    done = invoke_cli("tags", library=seeded, env=env)
    assert (done.returncode, done.stdout, done.stderr) == (0, "     1  Bầu cử\n", "")
    assert " DEBUG " not in (logs / "readshelf.log").read_text(encoding="utf-8")


def test_a_bug_is_one_line_naming_the_log_which_holds_the_traceback(
    seeded: Path, env: dict[str, str], logs: Path
) -> None:
    done = invoke_cli("tags", library=damaged(seeded), env=env)
    assert done.returncode == 1
    assert done.stderr == (
        "error: something went wrong: OperationalError: no such table: article_tags"
        f" (details in {logs / 'readshelf.log'})\n"
    )
    log = (logs / "readshelf.log").read_text(encoding="utf-8")
    assert (
        f"ERROR cli.root [MainThread]: unexpected error running main.py --library {seeded}" in log
    )
    assert "Traceback (most recent call last):" in log
    assert "sqlite3.OperationalError: no such table: article_tags" in log


def test_an_expected_error_stays_one_line_and_logs_no_traceback(
    seeded: Path, env: dict[str, str], logs: Path
) -> None:
    for args in (("show", "999"), ("frobnicate",), ("search", "NOT x")):
        done = invoke_cli(*args, library=seeded, env=env)
        assert done.returncode == 1, args
        assert done.stderr.startswith("error: ") and done.stderr.count("\n") == 1, done.stderr
        assert "something went wrong" not in done.stderr
    assert "Traceback" not in (logs / "readshelf.log").read_text(encoding="utf-8")


# -- structure ---------------------------------------------------------------------------


def test_every_command_is_in_the_module_the_root_names() -> None:
    for name in sorted(set(COMMAND_MODULES.values())):
        commands: list[click.Command] = importlib.import_module(name).COMMANDS
        assert sorted(command.name or "" for command in commands) == sorted(
            command for command, module in COMMAND_MODULES.items() if module == name
        ), name


def test_command_modules_import_the_context_never_the_root() -> None:
    for path in sorted((ROOT / "cli").glob("*.py")):
        imported: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
        ours = {name for name in imported if name == "cli" or name.startswith("cli.")}
        if path.stem == "root":
            assert ours == {"cli.context", "cli.gui"}, ours
        elif path.stem == "context":
            assert ours == set(), ours
        else:
            assert ours <= {"cli.context"}, (path.name, ours)


def test_reading_commands_load_no_extraction_http_or_qt(seeded: Path, env: dict[str, str]) -> None:
    commands = [
        ["tags"],
        ["list"],
        ["list", "--json"],
        ["show", "1"],
        ["show", "1", "--json"],
        ["search", "bau cu"],
        ["related", "1"],
        ["tag", "1", "Thời sự"],
        ["untag", "1", "Thời sự"],
        ["mark", "1", "--read"],
        ["check"],
        ["feeds", "list"],
    ]
    script = (
        "import json, sys\n"
        "from cli.root import run\n"
        f"statuses = [run(['--library', {str(seeded)!r}, *args]) for args in {commands!r}]\n"
        "loaded = sorted({name.split('.')[0] for name in sys.modules})\n"
        "print(json.dumps({'statuses': statuses, 'loaded': loaded}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.splitlines()[-1])
    assert result["statuses"] == [0] * len(commands), done.stdout
    assert sorted(set(result["loaded"]) & set(HEAVY_PACKAGES)) == []
    assert "storage" in result["loaded"]  # the check looks at the right process


# -- real processes ----------------------------------------------------------------------


def test_the_shell_sees_the_exit_status_and_one_line(
    seeded: Path, env: dict[str, str], logs: Path
) -> None:
    version = run_cli("--version", env=env)
    assert (version.returncode, version.stderr) == (0, "")
    assert version.stdout.startswith("main.py, version ")
    unknown = run_cli("frobnicate", library=seeded, env=env)
    assert unknown.returncode == 1
    assert unknown.stderr == "error: No such command 'frobnicate'. (see --help)\n"
    bug = run_cli("tags", library=damaged(seeded), env=env)
    assert (bug.returncode, bug.stdout) == (1, "")
    assert bug.stderr.startswith("error: something went wrong: OperationalError: ")
    assert bug.stderr.endswith(f" (details in {logs / 'readshelf.log'})\n")
    assert "Traceback" in (logs / "readshelf.log").read_text(encoding="utf-8")


def test_output_is_utf8_under_the_c_locale(seeded: Path, env: dict[str, str]) -> None:
    c_locale = {key: value for key, value in env.items() if key != "PYTHONIOENCODING"}
    c_locale.update(LC_ALL="C", LANG="C", PYTHONUTF8="0")
    listed = run_cli("list", library=seeded, env=c_locale)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.endswith(f"  {SEED_TITLE}\n")
    tags = run_cli("tags", library=seeded, env=c_locale)
    assert (tags.returncode, tags.stdout) == (0, "     1  Bầu cử\n")


def test_a_closed_pipe_ends_quietly_with_status_1(seeded: Path, env: dict[str, str]) -> None:
    with subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--library", str(seeded), "show", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()  # like `| head -0`: the reader is gone before the first line
        stderr = process.stderr.read()
        assert process.wait(timeout=60) == 1
    assert stderr == b""
