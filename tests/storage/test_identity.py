"""A declared canonical address identifies an article only when plausible
and the same story: two different pages declaring one address stay two
articles, and nothing either said is lost. Real files, real library files."""

from __future__ import annotations

from pathlib import Path

import pytest

from services import save
from storage import ArticleRecord, Library
from storage.articles import is_plausible_article_address

STORY_A = (
    "Hà Nội khởi công cầu Trần Hưng Đạo bắc qua sông Hồng, nối quận Hoàn Kiếm với quận Long Biên."
    " Cây cầu dài hơn năm km, có sáu làn xe và dự kiến hoàn thành sau ba mươi sáu tháng thi công."
    " Thành phố cho biết tổng vốn đầu tư khoảng mười chín nghìn tỷ đồng từ ngân sách."
)
STORY_B = (
    "Mùa lúa chín ở Mù Cang Chải thu hút hàng nghìn du khách đến ngắm những thửa ruộng bậc thang."
    " Người dân địa phương mở thêm nhiều homestay và dịch vụ dẫn đường lên đỉnh đèo Khau Phạ."
    " Chính quyền huyện khuyến cáo du khách giữ gìn vệ sinh và tôn trọng phong tục của đồng bào."
)


def page(title: str, text: str, canonical: str) -> str:
    paragraphs = "".join(f"<p>{sentence}.</p>" for sentence in text.split(". "))
    return (
        f'<html><head><title>{title}</title><link rel="canonical" href="{canonical}">'
        f"</head><body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    )


def write(folder: Path, name: str, html: str) -> str:
    path = folder / name
    path.write_text(html, encoding="utf-8")
    return str(path)


def test_two_stories_declaring_one_canonical_address_stay_two_articles(
    tmp_path: Path, library_path: Path
) -> None:
    shared = "https://bao.example.vn/thoi-su/cau-tran-hung-dao-12345.html"
    first = write(tmp_path, "a.html", page("Khởi công cầu Trần Hưng Đạo", STORY_A, shared))
    second = write(tmp_path, "b.html", page("Mùa vàng Mù Cang Chải", STORY_B, shared))
    with Library(library_path) as library:
        a = save.save_source(library, first)
        b = save.save_source(library, second)
        assert (a.status, b.status) == ("added", "added")
        assert a.id != b.id
    with Library(library_path) as library:
        kept_a, kept_b = library.get_article(a.id), library.get_article(b.id)
        assert "Trần Hưng Đạo" in kept_a.body_text and "Mù Cang Chải" in kept_b.body_text
        # The first keeps the address; the second keeps it as a declared one.
        assert kept_a.url == shared and kept_b.url is None and kept_b.page_url == shared
        assert library.versions(a.id) == []
        # Saving the second page again finds it, not the first.
        again = save.save_source(library, second)
        assert (again.id, again.status) == (b.id, "updated")
        assert library.count_articles() == 2


def test_the_same_story_saved_again_from_a_file_updates_its_article(
    tmp_path: Path, library: Library
) -> None:
    shared = "https://bao.example.vn/thoi-su/cau-tran-hung-dao-12345.html"
    first = write(tmp_path, "a.html", page("Khởi công cầu Trần Hưng Đạo", STORY_A, shared))
    edited = STORY_A.replace("ba mươi sáu tháng", "ba mươi tháng")
    second = write(tmp_path, "a2.html", page("Khởi công cầu Trần Hưng Đạo", edited, shared))
    a = save.save_source(library, first)
    again = save.save_source(library, second)
    assert (again.id, again.status) == (a.id, "updated")
    assert "ba mươi tháng" in library.get_article(a.id).body_text
    # The earlier text is kept as a version.
    assert [version.reason for version in library.versions(a.id)] == ["replaced"]


@pytest.mark.parametrize(
    "canonical",
    ["https://bao.example.vn/", "https://bao.example.vn", "https://bao.example.vn/tag/giao-thong"],
)
def test_a_home_or_listing_canonical_never_joins_two_pages(
    tmp_path: Path, library: Library, canonical: str
) -> None:
    first = write(tmp_path, "a.html", page("Khởi công cầu Trần Hưng Đạo", STORY_A, canonical))
    second = write(tmp_path, "b.html", page("Khởi công cầu Trần Hưng Đạo", STORY_B, canonical))
    a = save.save_source(library, first)
    b = save.save_source(library, second)
    assert a.id != b.id and library.count_articles() == 2
    assert library.get_article(a.id).url is None
    assert library.get_article(a.id).page_url is not None


def test_a_fetched_address_still_identifies_its_article(library: Library) -> None:
    url = "https://bao.example.vn/thoi-su/cau-tran-hung-dao-12345.html"
    first = library.save_article(ArticleRecord(title="Khởi công cầu", url=url, body_text=STORY_A))
    second = library.save_article(
        ArticleRecord(title="Khởi công cầu", url=url, body_text=STORY_A + " Thêm một câu.")
    )
    assert (second.id, second.outcome) == (first.id, "updated")


@pytest.mark.parametrize(
    ("url", "plausible"),
    [
        ("https://e.vn/", False),
        ("https://e.vn/tag/giao-thong", False),
        ("https://e.vn/category/news/", False),
        ("https://e.vn/page/2", False),
        ("https://e.vn/the-gioi", True),
        ("https://e.vn/news", False),
        ("https://e.vn/tin/pho_co.html", True),
        ("https://e.vn/2024/05/12/cau-moi", True),
        ("https://e.vn/article?id=42", True),
        ("https://e.vn/index.html", False),
    ],
)
def test_plausible_article_addresses(url: str, plausible: bool) -> None:
    assert is_plausible_article_address(url) is plausible
