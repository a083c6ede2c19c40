"""Tagging many articles in one set-based transaction, and stopping a query
from another thread (``Library.interrupt``)."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from core.models import ArticleRecord
from storage import ArticleFilter, Library

# A query that runs until it is stopped: counting up to 10^12.
ENDLESS = (
    "WITH RECURSIVE counter(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM counter WHERE n < 1e12)"
    " SELECT count(*) FROM counter"
)


def article(number: int) -> ArticleRecord:
    return ArticleRecord(
        title=f"Bài số {number}",
        body_text=f"Nội dung bài số {number} về phố cổ.",
        url=f"https://example.vn/bai-{number}",
    )


@pytest.fixture
def library(tmp_path: Path) -> Library:
    opened = Library(tmp_path / "library.sqlite")
    for number in range(6):
        opened.save_article(article(number), tags=["Cũ"] if number == 0 else [])
    return opened


def test_tagging_many_articles_is_one_transaction_and_reindexes_them(library: Library) -> None:
    ids = sorted(summary.id for summary in library.list_articles(ArticleFilter(), limit=10))
    writes = library.write_count()
    gone = max(ids) + 100
    assert library.add_tags_many([*ids[:4], gone], ["Đà Nẵng", "Cũ", "  "]) == 4
    assert library.write_count() == writes + 1  # one transaction for every article
    tagged = library.list_articles(ArticleFilter(tag="da nang"), limit=10)
    assert sorted(summary.id for summary in tagged) == sorted(ids[:4])
    # The search index knows the new tag (folded: đ -> d), for exactly those articles.
    assert sorted(hit.id for hit in library.search("da nang", limit=10)) == sorted(ids[:4])
    counts = {tag.name: tag.count for tag in library.list_tags()}
    assert counts == {"Cũ": 4, "Đà Nẵng": 4}  # ids[0] had "Cũ" already: still once
    # Tagging again changes nothing and adds no duplicate.
    assert library.add_tags_many(ids[:4], ["đà nẵng"]) == 4
    assert {tag.name: tag.count for tag in library.list_tags()} == counts


def test_tagging_only_missing_articles_creates_no_tag(library: Library) -> None:
    assert library.add_tags_many([9_999, 10_000], ["Không ai"]) == 0
    assert [tag.name for tag in library.list_tags()] == ["Cũ"]


def test_interrupt_stops_a_query_running_in_another_thread(library: Library) -> None:
    path = library.path
    outcome: list[BaseException | int] = []
    opened: list[Library] = []
    ready = threading.Event()

    def worker() -> None:
        with Library(path) as own:
            opened.append(own)
            ready.set()
            try:
                outcome.append(own.store.connection.execute(ENDLESS).fetchone()[0])
            except sqlite3.Error as error:
                outcome.append(error)
            # The connection goes on working after the interruption.
            outcome.append(own.count_articles())

    thread = threading.Thread(target=worker)
    thread.start()
    assert ready.wait(10)
    # An interrupt before the query starts is forgotten when it starts: repeat until it ends.
    while thread.is_alive():
        opened[0].interrupt()
        thread.join(0.05)
    stopped, count = outcome
    assert isinstance(stopped, sqlite3.OperationalError) and Library.is_interruption(stopped)
    assert count == 6
    assert not Library.is_interruption(sqlite3.OperationalError("no such table: x"))
