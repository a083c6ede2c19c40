"""Importing a large Pocket export without fetching.

    .venv/bin/python bench/import_pocket.py --links 20000

Writes a Pocket export the way Pocket made them in 2025 (a zip of
``part_*.csv`` with ``title,url,time_added,cursor,tags,status``; seeded
titles in Vietnamese and English, a few tags each, a third archived), then
runs ``python main.py import FILE --no-fetch --json`` in a child process
twice, into a new library and again into the same one (which must add
nothing), and prints one JSON object with each run's wall time and the
child's peak resident memory (``ru_maxrss``).

The targets: under ``TARGET_SECONDS`` and ``TARGET_RSS_MB`` at 20,000 links
on 2 cores.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TARGET_SECONDS = 30.0
TARGET_RSS_MB = 300.0
ROWS_PER_PART = 5000

_WORDS = [
    "Hà",
    "Nội",
    "phố",
    "cổ",
    "mùa",
    "thu",
    "kinh",
    "tế",
    "giá",
    "xăng",
    "bóng",
    "đá",
    "du",
    "lịch",
    "Huế",
    "sông",
    "Hồng",
    "công",
    "nghệ",
    "the",
    "quiet",
    "web",
    "reading",
    "later",
    "software",
    "design",
    "long",
    "essay",
    "notes",
    "on",
    "cities",
]
_TAGS = ("đọc sau", "kinh tế", "du lịch", "tech", "essays", "long read", "Hà Nội", "recipes")
_SITES = tuple(f"site{n}.example" for n in range(400))


def write_export(path: Path, links: int, seed: int) -> None:
    """A Pocket 2025 export zip of ``links`` rows."""
    chance = random.Random(seed)
    start = 1_500_000_000
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, first in enumerate(range(0, links, ROWS_PER_PART)):
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\n")
            writer.writerow(["title", "url", "time_added", "cursor", "tags", "status"])
            for n in range(first, min(first + ROWS_PER_PART, links)):
                title = " ".join(chance.choice(_WORDS) for _ in range(chance.randint(3, 10)))
                slug = f"bai-{n}-{chance.randrange(10**6)}"
                url = f"https://{chance.choice(_SITES)}/{n // 100}/{slug}.html"
                added = start + n * 600 + chance.randrange(600)
                tags = "|".join(chance.sample(_TAGS, chance.randint(0, 3)))
                status = "archive" if chance.random() < 0.33 else "unread"
                writer.writerow([title, url, added, f"c{added}", tags, status])
            archive.writestr(f"part_{part:06d}.csv", buffer.getvalue())


def run_import(library: Path, export: Path, home: Path) -> dict[str, Any]:
    """One ``import --no-fetch --json`` in a child process: its counts,
    wall time and peak memory."""
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data")}
    env.pop("READSHELF_LIBRARY", None)
    command = [sys.executable, str(ROOT / "main.py"), "--library", str(library)]
    command += ["import", str(export), "--no-fetch", "--json"]
    started = time.perf_counter()
    child = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    stdout = child.stdout.read() if child.stdout else b""
    stderr = child.stderr.read() if child.stderr else b""
    if status != 0:
        raise SystemExit(f"import failed ({status}): {stderr.decode(errors='replace')}")
    counts = json.loads(stdout)
    peak = usage.ru_maxrss / (2**20 if sys.platform == "darwin" else 2**10)
    return {
        "seconds": round(seconds, 2),
        "peak_rss_mb": round(peak, 1),
        "added": counts["added"],
        "unchanged": counts["unchanged"],
        "pending": counts["pending"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--links", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--keep", type=Path, help="Folder to keep the export and library in.")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="readshelf-import-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        export = folder / "pocket.zip"
        library = folder / "library.sqlite"
        for leftover in (library, Path(f"{library}-wal"), Path(f"{library}-shm")):
            leftover.unlink(missing_ok=True)
        write_export(export, args.links, args.seed)
        first = run_import(library, export, folder / "home")
        again = run_import(library, export, folder / "home")
        report = {
            "links": args.links,
            "export_bytes": export.stat().st_size,
            "cpus": os.cpu_count(),
            "first_import": first,
            "second_import": again,
            "library_bytes": library.stat().st_size,
            "target_seconds": TARGET_SECONDS,
            "target_rss_mb": TARGET_RSS_MB,
            "within_targets": all(
                run["seconds"] < TARGET_SECONDS and run["peak_rss_mb"] < TARGET_RSS_MB
                for run in (first, again)
            ),
        }
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
