"""The HTML writer: self-contained pages, local pictures, captions and
related stories, written into a real folder from hand-built articles."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from export.folder import ExportError
from export.html import HTML, HTML_MARKER
from export.pages import PagesWriter
from tests.export.articles import BRIDGE, GREEN, PLAIN, RED, STREET, article, bridge, street, write

STREET_PAGE = f"duong-pho-ha-noi-mua-thu-{STREET}.html"
BRIDGE_PAGE = f"cau-long-bien-{BRIDGE}.html"
RED_FILE = f"images/{hashlib.sha256(RED).hexdigest()}.png"
GREEN_FILE = f"images/{hashlib.sha256(GREEN).hexdigest()}.png"


def test_pages_are_self_contained_with_local_pictures_only(tmp_path: Path) -> None:
    result = write(tmp_path, HTML, [street(), bridge()])
    assert (result.articles, result.images) == (2, 2)
    assert sorted(path.name for path in tmp_path.glob("*.html")) == sorted(
        [STREET_PAGE, BRIDGE_PAGE, "index.html"]
    )
    assert (tmp_path / RED_FILE).read_bytes() == RED
    assert (tmp_path / GREEN_FILE).read_bytes() == GREEN
    for page in tmp_path.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert text.startswith("<!doctype html>") and HTML_MARKER in text
        assert "Content-Security-Policy" in text and "default-src 'none'" in text
        assert "<script" not in text.lower()
        assert not re.search(r"""src=["']?(https?:|//)""", text)
        for source in re.findall(r'src="([^"]+)"', text):
            assert (tmp_path / source).is_file()


def test_an_article_page_has_its_facts_captions_and_related_stories(tmp_path: Path) -> None:
    write(tmp_path, HTML, [street(), bridge()])
    page = (tmp_path / STREET_PAGE).read_text(encoding="utf-8")
    assert '<html lang="vi">' in page
    assert "<title>Đường phố Hà Nội mùa thu</title>" in page
    assert '<p class="kicker">Đời sống · Ví dụ</p>' in page
    assert "Lam Dương · 2024-10-01 · saved 2024-10-02" in page
    assert '<a href="https://example.vn/pho" rel="noopener noreferrer">original</a>' in page
    assert '<p class="tags">Tags: Hà Nội, Thời sự</p>' in page
    assert '<p class="topics">Topics: mùa thu, du lịch</p>' in page
    assert '<p class="lead">Hà Nội vào thu, lá vàng rơi.</p>' in page
    # The body's own figure points at the file, in its place between the paragraphs.
    assert page.index("Phố cổ đông vui.") < page.index(f'src="{RED_FILE}"')
    assert page.index(f'src="{RED_FILE}"') < page.index("Hồ Gươm lặng gió.")
    assert page.count(RED_FILE) == 1  # shown in the body, so not again below
    # Pictures the body does not show follow it, with or without their file.
    assert (
        f'<figure><img src="{GREEN_FILE}" alt=""><figcaption>Hồ Gươm chiều thu</figcaption></figure>'
        in page
    )
    assert (
        '<figure><p class="missing">(picture not saved)</p><figcaption>Ảnh chưa tải</figcaption>'
        in page
    )
    assert (
        f'<a href="{BRIDGE_PAGE}">Cầu Long Biên</a> <span class="section">· Du lịch</span>' in page
    )
    assert '<a href="https://other.vn/x">Ở nơi khác</a><p>Tóm tắt</p>' in page
    assert "<li>Chỉ có tên</li>" in page
    assert '<a href="index.html">All articles</a>' in page


def test_a_related_story_not_exported_links_to_its_address(tmp_path: Path) -> None:
    write(tmp_path, HTML, [street()])
    page = (tmp_path / STREET_PAGE).read_text(encoding="utf-8")
    assert '<a href="https://example.vn/cau">Cầu Long Biên</a>' in page


def test_the_stored_html_is_sanitized_again(tmp_path: Path) -> None:
    hostile = article(
        PLAIN,
        "Nguy hiểm",
        language="vi; x",
        reader_html=(
            '<p onclick="x()">Chữ <a href="javascript:alert(1)">độc</a>'
            ' <a href="https://ok.vn/">tốt</a></p>'
            '<script>alert(1)</script><iframe src="https://evil.example/"></iframe>'
            '<img src="https://evil.example/p.png"><img src="image:9">'
            '<div class="x"><span class="credit">c</span><span class="y">d</span></div>'
        ),
    )
    write(tmp_path, HTML, [hostile])
    page = next(tmp_path.glob(f"nguy-hiem-{PLAIN}.html")).read_text(encoding="utf-8")
    assert "<html>" in page  # the odd language is left out
    body = page[page.index("<article>") :]
    assert "alert" not in body and "evil" not in body and "onclick" not in body
    assert "<img" not in body  # no remote picture, and none for a missing one
    assert '<a rel="noopener noreferrer">độc</a>' in body
    assert '<a href="https://ok.vn/" rel="noopener noreferrer">tốt</a>' in body
    assert '<span class="credit">c</span>' in body  # the one class captions use
    assert 'class="x"' not in body and 'class="y"' not in body and "<div" not in body


def test_an_article_without_reader_html_shows_its_text(tmp_path: Path) -> None:
    pending = article(
        PLAIN,
        "<Chưa lưu>",
        body_text="Đoạn một & hai.\n\nĐoạn <ba>.",
        capture_status="pending",
        capture_error="mạng bị ngắt",
    )
    write(tmp_path, HTML, [pending])
    page = (tmp_path / f"chua-luu-{PLAIN}.html").read_text(encoding="utf-8")
    assert "<p>Đoạn một &amp; hai.</p>\n<p>Đoạn &lt;ba&gt;.</p>" in page
    assert '<p class="missing">Not captured yet: mạng bị ngắt</p>' in page
    assert "<title>&lt;Chưa lưu&gt;</title>" in page


def test_the_index_lists_every_article_in_the_order_given(tmp_path: Path) -> None:
    write(tmp_path, HTML, [bridge(), street()])
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert '<p class="meta">2 articles</p>' in index
    assert index.index(f'href="{BRIDGE_PAGE}"') < index.index(f'href="{STREET_PAGE}"')
    assert '<span class="meta">Ví dụ · 2024-10-01</span>' in index
    assert '<span class="meta">2024-10-02</span>' in index  # no site; saved date


def test_exporting_again_updates_the_folder_and_drops_stale_files(tmp_path: Path) -> None:
    write(tmp_path, HTML, [street(), bridge()])
    (tmp_path / "mine.txt").write_text("kept")  # not ours: never deleted
    result = write(tmp_path, HTML, [bridge()])
    assert (result.articles, result.images) == (1, 1)
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        [BRIDGE_PAGE, "index.html", "images", "mine.txt"]
    )
    assert [path.name for path in (tmp_path / "images").iterdir()] == [RED_FILE[7:]]


def test_a_folder_holding_other_files_is_refused(tmp_path: Path) -> None:
    (tmp_path / "thesis.txt").write_text("mine")
    with pytest.raises(ExportError, match="is not an earlier Readshelf HTML export"):
        PagesWriter(tmp_path, HTML)
    assert [path.name for path in tmp_path.iterdir()] == ["thesis.txt"]
