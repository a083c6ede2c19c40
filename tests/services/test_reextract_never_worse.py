"""A re-extraction never replaces a saved body with a worse one (issue 11)."""

from __future__ import annotations

from core.models import ArticleRecord
from services import save
from storage import Library

PAGE = (
    "<!doctype html><html><head><meta charset='utf-8'><title>Mưa ở Hà Nội</title></head>"
    "<body><article><h1>Mưa ở Hà Nội</h1>"
    + "".join(
        f"<p>Đoạn {n}: mưa lớn kéo dài ở Hà Nội khiến nhiều tuyến phố ngập sâu, "
        "người dân phải dắt xe qua những đoạn đường thấp.</p>"
        for n in range(8)
    )
    + "</article></body></html>"
).encode()


def _saved(library: Library, body: str) -> int:
    record = ArticleRecord(
        title="Mưa ở Hà Nội",
        url="https://bao.example/mua-ha-noi",
        body_text=body,
        source=PAGE,
        source_type="text/html",
    )
    return library.save_article(record).id


def test_a_reextraction_that_would_lose_words_keeps_the_saved_text(library: Library) -> None:
    # The saved text holds far more than the kept page gives back.
    longer = "\n\n".join(f"Câu {n} của bài đã lưu, đủ dài và riêng biệt." for n in range(200))
    article_id = _saved(library, longer)

    report = save.reextract(library, article_id)

    assert report.status == "kept"
    assert report.notice is not None and "lose" in report.notice
    assert library.get_article(article_id).body_text == longer
    assert library.versions(article_id) == []


def test_a_reextraction_that_finds_more_replaces_and_says_so(library: Library) -> None:
    article_id = _saved(library, "Đoạn 0: mưa lớn kéo dài ở Hà Nội.")

    report = save.reextract(library, article_id)

    assert report.status == "updated"
    assert report.notice is not None and "more words" in report.notice
    article = library.get_article(article_id)
    assert "Đoạn 7" in article.body_text
