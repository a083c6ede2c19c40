"""The EPUB bench (bench/epub.py) run as a command, as a developer runs it:
its figures for each book, and the profile of the largest export."""

from __future__ import annotations

import json
import pstats
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "epub.py"


@pytest.mark.slow
def test_the_bench_prints_each_books_figures_and_profiles_the_largest(tmp_path: Path) -> None:
    profile = tmp_path / "export.prof"
    finished = subprocess.run(
        [sys.executable, str(BENCH), "--articles", "5", "--profile", str(profile)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    figures = json.loads(finished.stdout)
    assert sorted(figures["books"], key=int) == ["1", "5"]
    largest = figures["books"]["5"]
    assert largest["articles"] == 5 and largest["pictures"] > 0
    assert largest["peak_rss_mb"] > 0 and largest["cpu_seconds"] > 0
    profiled = {function for _file, _line, function in pstats.Stats(str(profile)).stats}  # type: ignore[attr-defined]
    assert "export_epub" in profiled and "_add_pictures" in profiled
