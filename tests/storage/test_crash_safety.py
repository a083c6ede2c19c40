"""SIGKILL a real importing process at random moments; the library survives.

Seeded, so a failure can be replayed. After every kill the file must open,
pass SQLite's integrity and foreign-key checks, have a search index in sync
with the articles, and hold only complete articles.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storage import ArticleFilter, Library
from storage.maintenance import check_library
from tests.storage.crash_importer import expected_shape, title_word
from tests.support.cli import ROOT

TOTAL = 1000
TRIALS = 20
SEED = 20261124


def start_importer(path: Path) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.storage.crash_importer", str(path), str(TOTAL)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().startswith("started")
    return process


def article_number(title: str) -> int:
    return int(title.split()[2])


def verify(path: Path) -> int:
    """Check everything the issue asks for; returns the article count."""
    with Library(path) as library:
        report = check_library(library)
        assert report.ok, report.problems()
        count = library.count_articles()
        for summary in library.list_articles(ArticleFilter(), limit=TOTAL + 10):
            number = article_number(summary.title)
            images, related, tags = expected_shape(number)
            article = library.get_article(summary.id)
            assert len(article.images) == images, summary.title
            assert all(image.has_data for image in article.images)
            assert len(article.related) == related, summary.title
            assert sorted(article.tags) == tags, summary.title
            assert library.article_source(summary.id) is not None
            assert [hit.id for hit in library.search(title_word(number))] == [summary.id]
    return count


@pytest.mark.slow
def test_sigkill_at_random_moments_never_damages_the_library(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    path = tmp_path / "library.sqlite"
    counts = []
    for _ in range(TRIALS):
        process = start_importer(path)
        time.sleep(rng.uniform(0.01, 0.12))
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        assert process.stdout is not None
        process.stdout.close()
        counts.append(verify(path))
    assert counts == sorted(counts), "a kill never loses articles already committed"
    landed_mid_import = sum(count < TOTAL for count in counts)
    assert landed_mid_import >= 15, f"too few kills hit a running import: {counts}"

    finishing = start_importer(path)
    assert finishing.wait(timeout=120) == 0
    assert finishing.stdout is not None
    finishing.stdout.close()
    assert verify(path) == TOTAL
