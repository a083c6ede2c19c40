"""``related ID [--limit N] [--json]`` through the real entry point (in-process)."""

from __future__ import annotations

import json
from dataclasses import astuple
from pathlib import Path
from typing import Any

import pytest

from bench.corpus import Corpus
from storage import Library, RelatedRecord
from tests.support.cli import invoke_cli

KEYS = ["kind", "title", "url", "section", "summary", "article_id", "score", "why"]


@pytest.fixture
def saved(library_path: Path) -> dict[str, int]:
    """A story told three times, one telling listing another and syndicated."""
    corpus = Corpus(9)
    story = corpus.story("vi", size=3)
    with Library(library_path) as library:
        listed = library.save_article(corpus.article(story)).id
        target = library.get_article(listed)
        record = corpus.article(story)
        record.related = [RelatedRecord(kind="listed", title=target.title, url=target.url)]
        main_id = library.save_article(record).id
        copy = library.save_article(corpus.syndicated(record, story)).id
        other = library.save_article(corpus.article(story)).id
    return {"listed": listed, "main": main_id, "copy": copy, "other": other}


def test_json_lists_the_page_then_copies_then_similar(
    library_path: Path, saved: dict[str, int]
) -> None:
    code, out, err = astuple(
        invoke_cli("related", str(saved["main"]), "--json", library=library_path)
    )
    assert (code, err) == (0, "")
    items: list[dict[str, Any]] = json.loads(out)
    assert all(list(item) == KEYS for item in items)
    assert [item["kind"] for item in items] == ["listed", "duplicate", "similar"]
    assert items[0]["article_id"] == saved["listed"] and items[0]["score"] is None
    assert items[1]["article_id"] == saved["copy"] and 0 < items[1]["score"] <= 1
    assert items[2]["article_id"] == saved["other"] and items[2]["why"]
    assert "words: " in items[2]["why"]


def test_limit_caps_the_similar_entries(library_path: Path, saved: dict[str, int]) -> None:
    code, out, _ = astuple(
        invoke_cli("related", str(saved["main"]), "--limit", "0", "--json", library=library_path)
    )
    assert code == 0
    assert [item["kind"] for item in json.loads(out)] == ["listed", "duplicate"]


def test_text_output_has_a_heading_per_kind(library_path: Path, saved: dict[str, int]) -> None:
    code, out, _ = astuple(invoke_cli("related", str(saved["main"]), library=library_path))
    assert code == 0
    assert out.index("Related on the page:") < out.index("Also saved as:")
    assert out.index("Also saved as:") < out.index("Similar in your library:")
    assert f"[{saved['other']}]" in out


def test_an_unknown_article_is_one_line_and_exit_1(
    library_path: Path, saved: dict[str, int]
) -> None:
    code, out, err = astuple(invoke_cli("related", "999", "--json", library=library_path))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "999" in err
