"""``history`` and ``revert`` through the real entry point on a real library."""

from __future__ import annotations

from pathlib import Path

from storage import ArticleRecord, Library
from tests.support.cli import invoke_cli, invoke_json

URL = "https://bao.example.vn/tin/pho-co-12345.html"
BODY = " ".join(f"Câu thứ {n} kể chuyện phố cổ Hà Nội buổi sáng." for n in range(12))
TEASER = "Phố cổ Hà Nội buổi sáng: xem tiếp trong ứng dụng."


def saved_twice(path: Path) -> int:
    with Library(path) as library:
        article_id = library.save_article(ArticleRecord("Phố cổ", url=URL, body_text=BODY)).id
        held = library.save_article(ArticleRecord("Phố cổ", url=URL, body_text=TEASER)).held_back
        assert held is not None
        return article_id


def test_history_lists_versions_with_their_word_counts(library_path: Path) -> None:
    article_id = saved_twice(library_path)
    listed = invoke_json("history", str(article_id), library=library_path)
    assert listed["current"]["word_count"] == len(BODY.split())
    [version] = listed["versions"]
    assert (version["number"], version["reason"], version["word_count"]) == (
        1,
        "shorter",
        len(TEASER.split()),
    )
    assert version["stored_bytes"] > 0
    text = invoke_cli("history", str(article_id), library=library_path)
    assert text.returncode == 0
    assert "not used: much shorter than the saved text" in text.stdout


def test_revert_makes_a_version_current_and_keeps_the_text_it_replaced(library_path: Path) -> None:
    article_id = saved_twice(library_path)
    done = invoke_cli("revert", str(article_id), "1", library=library_path)
    assert done.returncode == 0, done.stderr
    assert f"reverted {article_id} to version 1" in done.stdout
    shown = invoke_json("show", str(article_id), library=library_path)
    assert shown["text"] == TEASER
    listed = invoke_json("history", str(article_id), library=library_path)
    assert [(v["number"], v["reason"]) for v in listed["versions"]] == [(2, "reverted")]


def test_unknown_versions_and_articles_are_one_line_errors(library_path: Path) -> None:
    article_id = saved_twice(library_path)
    missing = invoke_cli("revert", str(article_id), "7", library=library_path)
    assert missing.returncode == 1
    assert missing.stderr.strip() == f"error: article {article_id} has no version 7"
    gone = invoke_cli("history", "999", library=library_path)
    assert gone.returncode == 1 and gone.stderr.strip() == "error: no article with id 999"
