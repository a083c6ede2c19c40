"""Run the command line the way a person or a script would.

``invoke_cli`` runs it in this process through ``cli.root.run``, the same
function ``main.py`` calls, so exit statuses and one-line errors are the
real ones; click's ``CliRunner`` isolation captures stdout and stderr apart
and applies the environment. ``run_cli`` starts ``main.py`` as a real
subprocess, for what only a process shows (the C locale, a closed pipe, a
crash, two programs on one library).
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from cli.root import run

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class CliResult:
    """What a run of the command line left: its exit status and its output."""

    returncode: int
    stdout: str
    stderr: str


def cli_env(home: Path, **extra: str) -> dict[str, str]:
    """An environment with its own user folders and no display."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "READSHELF_LIBRARY")
    }
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        PYTHONIOENCODING="utf-8",
    )
    env.update(extra)
    return env


def command_line(args: tuple[str | Path, ...], library: Path | None) -> list[str]:
    prefix = [] if library is None else ["--library", str(library)]
    return prefix + [str(arg) for arg in args]


@contextmanager
def logging_restored() -> Iterator[None]:
    """Put the root logger back as it was: ``run`` sets up logging each time,
    and its file handler must not outlive the test's temporary folder."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        yield
    finally:
        for handler in list(root.handlers):
            if handler not in handlers:
                root.removeHandler(handler)
                handler.close()
        for handler in handlers:
            if handler not in root.handlers:
                root.addHandler(handler)
        root.setLevel(level)


def invoke_cli(
    *args: str | Path, library: Path | None = None, env: dict[str, str] | None = None
) -> CliResult:
    """Run ``main.py [--library LIBRARY] ARGS`` in this process.

    ``env`` is the whole environment, as for a subprocess: variables it
    lacks are unset for the run.
    """
    changes: dict[str, str | None] = {}
    if env is not None:
        changes = {key: None for key in os.environ if key not in env}
        changes.update(env)
    with (
        logging_restored(),
        CliRunner().isolation(env=changes) as (stdout, stderr, _interleaved),
    ):
        status = run(command_line(args, library), prog_name="main.py")
    return CliResult(
        returncode=status,
        stdout=stdout.getvalue().decode("utf-8"),
        stderr=stderr.getvalue().decode("utf-8"),
    )


def invoke_json(
    *args: str | Path, library: Path | None = None, env: dict[str, str] | None = None
) -> Any:
    """Run a ``--json`` command in this process that must succeed; its parsed output."""
    done = invoke_cli(*args, "--json", library=library, env=env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def run_cli(
    *args: str | Path,
    library: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """Run ``python main.py [--library LIBRARY] ARGS`` as a subprocess and capture its output."""
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *command_line(args, library)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=timeout,
        cwd=ROOT,
        check=False,
    )


def run_json(
    *args: str | Path, library: Path | None = None, env: dict[str, str] | None = None
) -> Any:
    """Run a ``--json`` command as a subprocess that must succeed; its parsed output."""
    done = run_cli(*args, "--json", library=library, env=env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
