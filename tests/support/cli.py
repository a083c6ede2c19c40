"""Run ``main.py`` as a real subprocess, the way a person or script would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


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


def run_cli(
    *args: str | Path,
    library: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """Run ``python main.py [--library LIBRARY] ARGS`` and capture its output."""
    command = [sys.executable, str(ROOT / "main.py")]
    if library is not None:
        command += ["--library", str(library)]
    command += [str(arg) for arg in args]
    return subprocess.run(
        command,
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
    """Run a ``--json`` command that must succeed and return its parsed output."""
    done = run_cli(*args, "--json", library=library, env=env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
