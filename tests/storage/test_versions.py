"""Versions: a re-save that changes an article's text keeps the previous
text (with its reader HTML, pictures, time and extractor), compressed; a
much shorter or retitled save is held back as a version; a revert swaps a
version back. Real library files."""

from __future__ import annotations

import sqlite3
import zlib
from pathlib import Path

import pytest

from core.models import ExtractionInfo
from storage import ArticleRecord, ImageRecord, Library
from storage.versions import VersionNotFoundError
from tests.support.images import png

URL = "https://bao.example.vn/tin/pho-co-12345.html"
BODY = " ".join(f"Câu thứ {n} kể chuyện phố cổ Hà Nội buổi sáng." for n in range(12))
PICTURE = png(32, 24, (200, 40, 40))


def record(title: str = "Phố cổ buổi sáng", body: str = BODY, **fields: object) -> ArticleRecord:
    values: dict[str, object] = {
        "url": URL,
        "body_text": body,
        "reader_html": "<p>" + body + '</p><figure><img src="image:0"></figure>',
        "images": [ImageRecord(src="https://e.vn/a.png", caption="Gánh phở", data=PICTURE)],
        "source": ("<html>" + body + "</html>").encode(),
        "source_type": "text/html",
        "extraction": ExtractionInfo("readshelf-extract/2", []),
    }
    values.update(fields)
    return ArticleRecord(title=title, **values)  # type: ignore[arg-type]


def test_a_resave_that_changes_the_text_keeps_the_previous_version(library_path: Path) -> None:
    edited = BODY + " Một đoạn mới được thêm vào sau khi đăng."
    with Library(library_path) as library:
        first = library.save_article(record())
        second = library.save_article(record(body=edited, images=[]))
        assert (second.id, second.outcome) == (first.id, "updated")
        assert second.previous_version is not None and second.held_back is None
    with Library(library_path) as library:
        assert library.get_article(first.id).body_text == edited
        [version] = library.versions(first.id)
        assert (version.number, version.reason, version.title) == (
            1,
            "replaced",
            "Phố cổ buổi sáng",
        )
        assert version.word_count == len(BODY.split())
        assert version.extractor == "readshelf-extract/2"
        old = library.article_version(first.id, 1)
        assert old.body_text == BODY and 'src="image:0"' in old.reader_html
        assert [image.caption for image in old.images] == ["Gánh phở"]
        assert library.version_image_data(first.id, 1, 0) == (PICTURE, None)
        assert library.versions_size() == version.stored_bytes > 0
    with sqlite3.connect(library_path) as conn:
        compression, packed, size = conn.execute(
            "SELECT compression, content, original_size FROM article_versions"
        ).fetchone()
    assert compression == "zlib" and len(zlib.decompress(packed)) == size > len(packed)


def test_saving_the_same_text_again_keeps_no_version(library: Library) -> None:
    first = library.save_article(record())
    library.save_article(record())
    assert library.versions(first.id) == []
    assert library.versions_size() == 0


def test_a_much_shorter_text_is_held_back_and_the_saved_text_stays(library_path: Path) -> None:
    teaser = "Phố cổ Hà Nội buổi sáng: xem tiếp trong ứng dụng."
    with Library(library_path) as library:
        first = library.save_article(record())
        second = library.save_article(record(body=teaser, images=[]))
        assert second.id == first.id and second.previous_version is None
        assert second.held_back is not None
        assert (second.held_back.reason, second.held_back.word_count) == (
            "shorter",
            len(teaser.split()),
        )
    with Library(library_path) as library:
        article = library.get_article(first.id)
        assert article.body_text == BODY and len(article.images) == 1
        assert library.image_data(first.id, 0) == (PICTURE, None)
        assert [hit.id for hit in library.search("buổi sáng")] == [first.id]
        [held] = library.versions(first.id)
        assert library.article_version(first.id, held.number).body_text == teaser


def test_another_title_is_held_back(library: Library) -> None:
    first = library.save_article(record())
    second = library.save_article(record(title="Một câu chuyện khác hẳn", body=BODY + " Thêm."))
    assert second.held_back is not None and second.held_back.reason == "retitled"
    assert library.get_article(first.id).title == "Phố cổ buổi sáng"


def test_revert_makes_a_version_current_and_keeps_the_current_one(library_path: Path) -> None:
    teaser = "Phố cổ Hà Nội buổi sáng: xem tiếp trong ứng dụng."
    with Library(library_path) as library:
        first = library.save_article(record())
        library.set_favorite(first.id, True)
        held = library.save_article(record(body=teaser, images=[])).held_back
        assert held is not None
        kept = library.revert_article(first.id, held.number)
        assert (kept.number, kept.reason, kept.word_count) == (2, "reverted", len(BODY.split()))
    with Library(library_path) as library:
        article = library.get_article(first.id)
        assert article.body_text == teaser and article.images == ()
        assert article.favorite and article.url == URL
        assert [version.number for version in library.versions(first.id)] == [2]
        assert library.article_source(first.id) == (
            ("<html>" + teaser + "</html>").encode(),
            "text/html",
        )
        # And back again: the picture returns with its bytes.
        library.revert_article(first.id, 2)
        article = library.get_article(first.id)
        assert article.body_text == BODY and library.image_data(first.id, 0) == (PICTURE, None)
        assert [hit.id for hit in library.search("buổi sáng")] == [first.id]
        assert [version.number for version in library.versions(first.id)] == [3]
        try:
            library.revert_article(first.id, 1)
        except VersionNotFoundError as error:
            assert "no version 1" in str(error)
        else:
            raise AssertionError("reverting to a version that is gone must fail")


def test_completing_a_pending_article_keeps_no_version(library: Library) -> None:
    pending = library.save_article(
        ArticleRecord(title=URL, url=URL, capture_status="pending", capture_error="timeout")
    )
    library.save_article(record(), into=pending.id)
    assert library.versions(pending.id) == []


def test_deleting_an_article_deletes_its_versions(library_path: Path) -> None:
    with Library(library_path) as library:
        first = library.save_article(record())
        library.save_article(record(body=BODY + " Thêm một câu nữa cho bản mới."))
        library.delete_articles([first.id])
        assert library.versions_size() == 0
    with sqlite3.connect(library_path) as conn:
        assert conn.execute("SELECT count(*) FROM version_images").fetchone() == (0,)


def test_a_failed_resave_keeps_neither_a_version_nor_the_new_text(library: Library) -> None:
    from storage import RelatedRecord

    first = library.save_article(record())
    broken = record(
        body=BODY + " Một đoạn mới.",
        related=[RelatedRecord("bogus", "bad")],  # type: ignore[arg-type]
    )
    with pytest.raises(sqlite3.IntegrityError):
        library.save_article(broken)
    assert library.get_article(first.id).body_text == BODY
    assert library.versions(first.id) == [] and library.versions_size() == 0
