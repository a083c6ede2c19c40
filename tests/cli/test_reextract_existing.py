"""``reextract --all`` on a library written by an earlier version (issue 11).

Each ``tests/fixtures/libraries/vN.sqlite`` was saved by the code of its
time, with the original bytes of its articles kept. Re-extracting them with
today's extractors upgrades the file, keeps every id, tag and highlight, and
never leaves an article with fewer words than it had.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from core.models import EXTRACTOR_VERSION
from tests.conftest import FIXTURES
from tests.storage.test_migrations import LIBRARIES, VERSIONS
from tests.support.cli import invoke_cli, invoke_json

HTML_PAGES = sorted((FIXTURES / "html" / "whole").glob("*.html"))


def articles(library: Path) -> dict[int, dict[str, Any]]:
    """Each article as ``show --json`` gives it, with its highlights."""
    found: dict[int, dict[str, Any]] = {}
    for item in invoke_json("list", library=library):
        article = invoke_json("show", str(item["id"]), library=library)
        article["highlights"] = invoke_json("highlights", str(item["id"]), library=library)
        found[item["id"]] = article
    return found


def reextract_all(library: Path) -> list[dict[str, Any]]:
    done = invoke_cli("reextract", "--all", "--json", library=library)
    assert done.returncode == 0, done.stderr
    reports: list[dict[str, Any]] = json.loads(done.stdout)
    assert {report["status"] for report in reports} <= {"updated", "kept"}
    return reports


def assert_nothing_lost(
    before: dict[int, dict[str, Any]], after: dict[int, dict[str, Any]]
) -> None:
    assert after.keys() == before.keys()
    for article_id, old in before.items():
        new = after[article_id]
        assert new["word_count"] >= old["word_count"], (article_id, old["title"])
        assert new["tags"] == old["tags"], article_id
        assert [(h["id"], h["quote"], h["note"]) for h in new["highlights"]] == [
            (h["id"], h["quote"], h["note"]) for h in old["highlights"]
        ], article_id


@pytest.mark.parametrize("version", VERSIONS)
def test_reextract_all_on_an_earlier_library_never_loses_a_word(
    version: int, tmp_path: Path
) -> None:
    library = tmp_path / "library.sqlite"
    shutil.copy(LIBRARIES / f"v{version}.sqlite", library)
    before = articles(library)
    assert before

    reports = reextract_all(library)

    assert sorted(report["id"] for report in reports) == sorted(before)
    after = articles(library)
    assert_nothing_lost(before, after)
    # Text files record their extraction too, from today's re-extraction on.
    updated = [report["id"] for report in reports if report["status"] == "updated"]
    assert updated
    for article_id in updated:
        assert after[article_id]["extraction"]["version"] == EXTRACTOR_VERSION


def test_reextract_all_keeps_web_pages_their_tags_and_highlights(tmp_path: Path) -> None:
    # The last released library, with web pages saved into it today.
    library = tmp_path / "library.sqlite"
    shutil.copy(LIBRARIES / f"v{VERSIONS[-1]}.sqlite", library)
    added = invoke_json("add", *HTML_PAGES, "--tag", "Đọc sau", library=library)
    assert len(added) == len(HTML_PAGES)
    page_id = added[0]["id"]
    quote = invoke_json("show", str(page_id), library=library)["text"].split(".")[0]
    marked = invoke_cli(
        "highlight", str(page_id), "--quote", quote, "--note", "Giữ lại", library=library
    )
    assert marked.returncode == 0, marked.stderr
    before = articles(library)

    reextract_all(library)

    after = articles(library)
    assert_nothing_lost(before, after)
    for report in added:
        assert after[report["id"]]["extraction"]["version"] == EXTRACTOR_VERSION
    assert after[page_id]["highlights"][0]["found"] is True
