"""The benchmark runs from the README's one command, and its quality
measure holds on the labelled library."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from bench import related_quality

ROOT = Path(__file__).resolve().parents[2]


def test_bench_runs_as_one_command_and_prints_every_figure(tmp_path: Path) -> None:
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    done = subprocess.run(
        [sys.executable, "bench/run.py", "--articles", "200", "--sample", "40", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["articles"] == 200
    assert result["save"]["sample_pages"] == 40 and result["save"]["pages_per_s"] > 0
    assert result["search"]["all"]["n"] > 0 and result["search"]["all"]["p95_ms"] > 0
    assert result["related"]["related_stories"]["n"] > 0
    assert set(result["list_page"]["by_offset"]) >= {"0", "100"}
    assert result["list_page"]["by_after_cursor"]["n"] > 0
    assert result["database"]["bytes_per_1000_articles"] > 0
    assert result["similarity_tables"]["similarity_total"] > 0
    assert result["window"]["first_paint_s"] > 0, result["window"]
    assert result["window"]["rows_after_scrolling_all"] == 200
    assert result["memory"]["bench_peak_rss_mb"] > 0


def test_similar_is_precise_and_never_lists_copies() -> None:
    result = related_quality.run(seed=6)
    assert result["precision_at_5"] >= related_quality.TARGET_PRECISION
    assert result["duplicates_in_top5"] == 0
    assert result["duplicate_recall"] >= 0.9
    assert result["false_duplicates"] == 0
