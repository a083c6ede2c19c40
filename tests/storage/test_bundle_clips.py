"""Clips travel in a bundle with their link to the page's article, even when
the clip was saved before the page (its ``clip_of`` names a later id)."""

from __future__ import annotations

from pathlib import Path

from storage import ArticleRecord, Library
from storage.bundle import export_bundle, import_bundle, library_digest
from storage.maintenance import check_library

PAGE = "https://example.vn/pho-co"


def test_a_clip_saved_before_its_page_round_trips_and_merges(tmp_path: Path) -> None:
    with Library(tmp_path / "mine.sqlite") as library:
        clip = library.save_article(
            ArticleRecord(title="Đoạn trích", body_text="Phố cổ đông vui.", url=PAGE, kind="clip")
        ).id
        page = library.save_article(
            ArticleRecord(title="Phố cổ", body_text="Phố cổ đông vui. Hồ Gươm.", url=PAGE)
        ).id
        assert library.get_article(clip).clip_of == page > clip
        export_bundle(library, tmp_path / "bundle")
        digest = library_digest(library)
    with Library(tmp_path / "copy.sqlite") as copy:
        import_bundle(copy, tmp_path / "bundle")
        assert library_digest(copy) == digest
    with Library(tmp_path / "other.sqlite") as other:
        other.save_article(ArticleRecord(title="Của tôi", body_text="riêng"))
        result = import_bundle(other, tmp_path / "bundle")
        assert result.added == 2 and result.merged
        page_id = other.find_article_id(PAGE)
        [clip_id] = [s.id for s in other.list_articles() if other.get_article(s.id).kind == "clip"]
        assert page_id is not None and other.get_article(clip_id).clip_of == page_id
        assert check_library(other).ok
