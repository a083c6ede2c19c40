"""Benchmark: how long a quick command takes to start, beyond Python's own start-up.

    .venv/bin/python -m bench.startup [--runs 9]

Builds a library holding the bundled sample articles in a temporary folder,
then times, alternating run by run so both see the same machine load:

* ``interpreter``: ``python -c pass``, the interpreter's own start-up;
* ``tags``: ``python main.py --library L tags``, the whole command.

It prints JSON with the median of each, wall-clock and CPU time, and the
difference (the target: at most 0.25 s of wall-clock time; on a busy
machine the CPU figures are the steadier ones), and from one
``python -X importtime`` run of the same command the slowest imports and any
heavy package (extraction, HTTP, Qt, capture/) that a listing command should
never load.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from services.samples import import_samples
from storage import Library

ROOT = Path(__file__).resolve().parents[1]
TARGET_BEYOND_INTERPRETER_S = 0.25
HEAVY_PACKAGES = ("trafilatura", "lxml", "httpx", "PySide6", "capture", "feedparser")


def build_library(folder: Path) -> Path:
    """A library holding the bundled samples, as a new default library would."""
    path = folder / "library.sqlite"
    library = Library(path)
    try:
        import_samples(library)
    finally:
        library.close()
    return path


def isolated_env(folder: Path) -> dict[str, str]:
    """The caller's environment with its own home and log folder."""
    env = {key: value for key, value in os.environ.items() if key != "READSHELF_LIBRARY"}
    env.update(
        HOME=str(folder / "home"),
        XDG_DATA_HOME=str(folder / "home" / "data"),
        XDG_STATE_HOME=str(folder / "home" / "state"),
        READSHELF_LOG_DIR=str(folder / "logs"),
    )
    return env


def seconds_to_run(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU (user + system) seconds of one run of ``command``.

    CPU time hardly changes when other programs load the machine, so it
    tells a slower start from a busy machine.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def import_times(command: list[str], env: dict[str, str], top: int) -> dict[str, Any]:
    """One ``-X importtime`` run: the total, the slowest imports, any heavy package."""
    done = subprocess.run(
        [command[0], "-X", "importtime", *command[1:]],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    rows: list[tuple[int, str]] = []
    for line in done.stderr.splitlines():
        # "import time: self [us] | cumulative | imported package", nested
        # imports indented by two more spaces per level.
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _self, cumulative, name = line.removeprefix("import time:").split("|")
        rows.append((int(cumulative), name.removeprefix(" ")))
    top_level = [(cumulative, name) for cumulative, name in rows if not name.startswith(" ")]
    packages = {name.strip().split(".")[0] for _cumulative, name in rows}
    return {
        "modules_imported": len(rows),
        "imports_ms": round(sum(cumulative for cumulative, _ in top_level) / 1000, 1),
        # Cumulative: a module's time includes the imports it makes.
        "slowest_ms": {
            name.strip(): round(cumulative / 1000, 1)
            for cumulative, name in sorted(rows)[-top:][::-1]
        },
        "heavy_packages_imported": sorted(packages.intersection(HEAVY_PACKAGES)),
    }


def measure(runs: int, top: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="readshelf-startup-") as temporary:
        folder = Path(temporary)
        library = build_library(folder)
        env = isolated_env(folder)
        interpreter = [sys.executable, "-c", "pass"]
        tags = [sys.executable, "main.py", "--library", str(library), "tags"]
        seconds_to_run(tags, env)  # warm the file cache and write the .pyc files
        interpreter_runs = []
        tags_runs = []
        for _ in range(runs):
            interpreter_runs.append(seconds_to_run(interpreter, env))
            tags_runs.append(seconds_to_run(tags, env))
        imports = import_times(tags, env, top)
    figures: dict[str, Any] = {
        "command": "python main.py --library L tags (L holds the bundled samples)",
        "runs": runs,
        "load_average_1min": round(os.getloadavg()[0], 2),
    }
    for kind, index in (("wall", 0), ("cpu", 1)):
        interpreter_median = statistics.median(run[index] for run in interpreter_runs)
        tags_median = statistics.median(run[index] for run in tags_runs)
        figures[kind] = {
            "interpreter_s": round(interpreter_median, 3),
            "tags_s": round(tags_median, 3),
            "beyond_interpreter_s": round(tags_median - interpreter_median, 3),
        }
    beyond = figures["wall"]["beyond_interpreter_s"]
    figures.update(
        target_beyond_interpreter_s=TARGET_BEYOND_INTERPRETER_S,
        met=beyond <= TARGET_BEYOND_INTERPRETER_S,
        importtime=imports,
    )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="timed runs of each command")
    parser.add_argument("--top", type=int, default=10, help="slowest imports to list")
    options = parser.parse_args()
    print(json.dumps(measure(options.runs, options.top), indent=2))


if __name__ == "__main__":
    main()
