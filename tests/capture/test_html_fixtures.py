"""Every field of every realistic fixture page, asserted exactly.

The expected values live in ``tests/fixtures/html/expected.json`` (shared
with ``bench/extraction.py``). Fixtures are read offline: remote pictures
stay pending with their addresses, local ones (a saved page's folder, an
MHTML part) come with their bytes.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from capture.saved_page import local_path
from capture.sources import capture_fragment, capture_source
from core.errors import CaptureError
from core.limits import Limits
from core.models import ArticleRecord
from storage import Library

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"
EXPECTED: dict[str, dict[str, Any]] = json.loads((FIXTURES / "expected.json").read_text("utf-8"))
SCALAR_FIELDS = ("title", "url", "byline", "site", "section", "published", "lead", "language")


def capture(name: str) -> ArticleRecord:
    return capture_source(str(FIXTURES / name), Limits(), offline=True)


@pytest.fixture(scope="module")
def records() -> dict[str, ArticleRecord]:
    return {name: capture(name) for name in EXPECTED}


def test_there_are_at_least_twelve_fixture_pages() -> None:
    pages = [p for p in FIXTURES.iterdir() if p.suffix in (".html", ".mhtml")]
    assert len(pages) >= 12


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_scalar_fields(records: dict[str, ArticleRecord], name: str) -> None:
    record, expected = records[name], EXPECTED[name]
    assert {field: getattr(record, field) for field in SCALAR_FIELDS} == {
        field: expected[field] for field in SCALAR_FIELDS
    }


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_topics_and_no_tags(records: dict[str, ArticleRecord], name: str) -> None:
    # A page's keywords are its topics; tags are only ever the person's.
    assert records[name].topics == EXPECTED[name]["topics"]
    assert records[name].tags == []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_images_with_captions_and_credits(records: dict[str, ArticleRecord], name: str) -> None:
    got = [
        {"src": i.src, "alt": i.alt, "caption": i.caption, "credit": i.credit}
        for i in records[name].images
    ]
    assert got == EXPECTED[name]["images"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_related_stories(records: dict[str, ArticleRecord], name: str) -> None:
    got = [
        {"kind": r.kind, "title": r.title, "url": r.url, "section": r.section,
         "summary": r.summary}
        for r in records[name].related
    ]  # fmt: skip
    assert got == EXPECTED[name]["related"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_body_keeps_the_story_and_drops_the_clutter(
    records: dict[str, ArticleRecord], name: str
) -> None:
    body = records[name].body_text
    for text in EXPECTED[name]["body_contains"]:
        assert text in body
    for text in EXPECTED[name]["body_omits"]:
        assert text not in body
    assert "READSHELFFIGURE" not in body


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_reader_html_shows_each_image_once_from_the_library(
    records: dict[str, ArticleRecord], name: str
) -> None:
    record = records[name]
    html = record.reader_html
    sources = re.findall(r'<img src="([^"]*)"', html)
    assert sources == [f"image:{n}" for n in range(len(record.images))]
    for image in record.images:
        if image.caption:
            assert image.caption.replace("'", "&#x27;").split("&")[0] in html
        if image.credit:
            assert f'<span class="credit">{image.credit}</span>' in html
    assert not re.search(r"<(script|style|iframe|object|form)\b", html)
    assert not re.search(r"\son\w+=", html)
    assert "READSHELFFIGURE" not in html


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_all_text_is_nfc_and_the_source_is_kept(
    records: dict[str, ArticleRecord], name: str
) -> None:
    record = records[name]
    texts = [record.title, record.body_text, record.reader_html, record.lead or "",
             record.byline or "", *record.topics]  # fmt: skip
    texts += [part for image in record.images for part in (image.caption, image.credit)]
    for text in texts:
        assert unicodedata.is_normalized("NFC", text)
    assert record.source == (FIXTURES / name).read_bytes()
    assert record.source_name == name
    assert record.capture_status == "complete"


def test_saved_page_images_come_from_its_files_folder(
    records: dict[str, ArticleRecord],
) -> None:
    images = records["tuoitre_saved.html"].images
    folder = FIXTURES / "tuoitre_saved_files"
    assert [i.data for i in images] == [
        (folder / "cau-thu-thiem-2.png").read_bytes(),
        (folder / "thi-cong-dem.png").read_bytes(),
    ]
    assert [(i.mime, i.width, i.height) for i in images] == [
        ("image/png", 800, 450),
        ("image/png", 640, 427),
    ]


def test_mhtml_images_come_from_its_parts(records: dict[str, ArticleRecord]) -> None:
    images = records["dantri.mhtml"].images
    assert [(i.mime, i.width, i.height, i.data is not None) for i in images] == [
        ("image/png", 680, 383, True),
        ("image/png", 680, 453, True),
    ]


def test_offline_remote_images_stay_pending_with_their_urls(
    records: dict[str, ArticleRecord],
) -> None:
    for image in records["intl_news.html"].images:
        assert image.data is None and image.src and image.src.startswith("https://")


def test_windows_1258_page_is_decoded_to_nfc_vietnamese(
    records: dict[str, ArticleRecord],
) -> None:
    raw = (FIXTURES / "nld_windows1258.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    record = records["nld_windows1258.html"]
    assert record.title == "Học sinh vùng lũ trở lại trường"
    assert "thầy cô và phụ huynh" in (record.lead or "")


def test_page_with_nothing_extractable_is_refused_and_nothing_saved(library: Library) -> None:
    with pytest.raises(CaptureError, match="no article text found on the page"):
        capture("nothing_extractable.html")
    assert library.count_articles() == 0


def test_selection_fragment_keeps_all_its_text() -> None:
    html = (FIXTURES / "selection_fragment.html").read_text("utf-8")
    url = "https://vnexpress.net/ba-dieu-can-biet-ve-the-can-cuoc-4760000.html"
    record = capture_fragment(html, url, offline=True)
    assert record.title == "Ba điều cần biết về thẻ căn cước mới"
    assert record.url == url
    assert record.site == "vnexpress.net"
    assert record.arrived_by == "selection"
    assert record.body_text == (
        "Từ ngày 1/7/2024, thẻ căn cước thay thế thẻ căn cước công dân, người dân không bắt"
        " buộc phải đổi thẻ cũ nếu thẻ còn hạn sử dụng.\n\n"
        "• Thẻ không còn ghi quê quán, thay bằng nơi đăng ký khai sinh.\n"
        "• Vân tay được lưu trong chip, không in trên mặt thẻ.\n\n"
        "Xem hướng dẫn đầy đủ tại Cổng dịch vụ công quốc gia hoặc gọi tổng đài."
    )
    assert [(i.src, i.caption, i.credit) for i in record.images] == [
        ("https://i1-vnexpress.vnecdn.net/2024/06/30/the-can-cuoc-mau.jpg",
         "Mẫu thẻ căn cước cấp từ ngày 1/7.", "Ảnh: Bộ Công an"),
    ]  # fmt: skip
    assert '<a href="https://dichvucong.gov.vn/huong-dan"' in record.reader_html
    for banned in ("alert", "onclick", "onerror", "javascript:", "<script"):
        assert banned not in record.reader_html
    assert record.source == html.encode("utf-8")


def test_empty_selection_is_refused() -> None:
    with pytest.raises(CaptureError, match="holds no text"):
        capture_fragment("<div><img src='x.png'></div>", None, offline=True)


def test_a_saved_page_never_reads_outside_its_folder(tmp_path: Path) -> None:
    page = tmp_path / "page" / "story.html"
    page.parent.mkdir()
    (tmp_path / "secret.png").write_bytes(b"\x89PNG\r\n\x1a\n not yours")
    folder = page.parent.resolve()
    assert local_path("../secret.png", folder) is None
    assert local_path(f"file://{tmp_path / 'secret.png'}", folder) is None
    assert local_path("https://example.com/a.png", folder) is None
    (folder / "story_files").mkdir()
    (folder / "story_files" / "a b.png").write_bytes(b"x")
    assert local_path("./story_files/a%20b.png", folder) == folder / "story_files" / "a b.png"
