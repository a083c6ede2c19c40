"""The Markdown writer: front matter, pictures where they stand, captions,
related stories, and text that never becomes live markup."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from export.folder import ExportError
from export.markdown import MARKDOWN, MARKDOWN_MARKER, markdown_escape
from export.pages import PagesWriter, article_file_name, slug
from tests.export.articles import BRIDGE, PLAIN, RED, STREET, article, bridge, street, write

STREET_FILE = f"duong-pho-ha-noi-mua-thu-{STREET}.md"
RED_FILE = f"images/{hashlib.sha256(RED).hexdigest()}.png"


def read(directory: Path, name: str) -> str:
    return (directory / name).read_text(encoding="utf-8")


def test_front_matter_title_and_lead(tmp_path: Path) -> None:
    write(tmp_path, MARKDOWN, [street(), bridge()])
    text = read(tmp_path, STREET_FILE)
    assert text.startswith(
        '---\ntitle: "Đường phố Hà Nội mùa thu"\n'
        f"id: {STREET}\n"
        'url: "https://example.vn/pho"\nsite: "Ví dụ"\nsection: "Đời sống"\n'
        'byline: "Lam Dương"\npublished: "2024-10-01T08:00+07:00"\n'
        'saved: "2024-10-02T09:00:00Z"\nlanguage: "vi"\nstatus: "unread"\n'
        'favorite: true\ntags: ["Hà Nội", "Thời sự"]\ntopics: ["mùa thu", "du lịch"]\n---\n\n'
        "# Đường phố Hà Nội mùa thu\n\n**Hà Nội vào thu, lá vàng rơi.**\n\n"
    )


def test_pictures_stand_where_the_page_shows_them_with_captions(tmp_path: Path) -> None:
    write(tmp_path, MARKDOWN, [street(), bridge()])
    text = read(tmp_path, STREET_FILE)
    assert (
        f"Phố cổ đông vui.\n\n![Phố cổ buổi sáng]({RED_FILE})\n\n*Phố cổ buổi sáng*\n\n"
        "Credit: Ảnh: Lam Dương\n\nHồ Gươm lặng gió."
    ) in text
    assert "*Hồ Gươm chiều thu*" in text and "*(picture not saved)*\n\n*Ảnh chưa tải*" in text
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert len(images) == 2 and all((tmp_path / image).is_file() for image in images)


def test_related_stories_link_to_exported_files_or_addresses(tmp_path: Path) -> None:
    write(tmp_path, MARKDOWN, [street(), bridge()])
    text = read(tmp_path, STREET_FILE)
    assert text.endswith(
        "## Related stories\n\n"
        f"- [Cầu Long Biên](cau-long-bien-{BRIDGE}.md) · Du lịch\n"
        "- [Ở nơi khác](https://other.vn/x)\\\n  Tóm tắt\n"
        "- Chỉ có tên\n"
    )


def test_html_in_text_stays_inert(tmp_path: Path) -> None:
    hostile = article(
        PLAIN,
        "# Tiêu đề <b>",
        reader_html="<p>&lt;script&gt;alert(1)&lt;/script&gt; *sao*</p><p>1. Một</p>",
    )
    write(tmp_path, MARKDOWN, [hostile])
    [page] = tmp_path.glob("tieu-de-b-*.md")
    text = page.read_text(encoding="utf-8")
    assert "\\<script\\>" in text and "<script>" not in text
    assert "\\*sao\\*" in text and "\n1\\. Một\n" in text
    assert "\n# # Tiêu đề \\<b\\>\n" in text  # a heading whose text starts with #


def test_reader_html_becomes_markdown_blocks(tmp_path: Path) -> None:
    rich = article(
        PLAIN,
        "Khối",
        reader_html=(
            "<h3>Mục</h3><p><strong>Đậm</strong> <em>nghiêng</em> <code>a*b</code><br>dòng"
            ' <a href="https://x.vn/(a) b">liên kết</a> <a href="javascript:x">xấu</a></p>'
            "<ul><li>một<ul><li>hai</li></ul></li></ul><ol><li>ba</li><li>bốn</li></ol>"
            "<blockquote><p>trích</p></blockquote><pre>x = ```1```</pre>"
            "<script>alert(1)</script><p>- gạch</p>"
        ),
    )
    write(tmp_path, MARKDOWN, [rich])
    text = read(tmp_path, article_file_name("Khối", PLAIN, "md"))
    assert "\n### Mục\n" in text
    assert "**Đậm** *nghiêng* `a*b`\\\ndòng [liên kết](https://x.vn/%28a%29%20b) xấu" in text
    assert "\n- một\n\n   - hai\n\n1. ba\n\n2. bốn\n" in text
    assert "\n> trích\n" in text
    assert "\n````\nx = ```1```\n````\n" in text
    assert "alert" not in text and "\n\\- gạch\n" in text


def test_text_only_articles_keep_their_paragraphs(tmp_path: Path) -> None:
    plain = article(PLAIN, "Chữ", body_text="# một\n\n2021. Năm\n\n  ")
    write(tmp_path, MARKDOWN, [plain])
    text = read(tmp_path, article_file_name("Chữ", PLAIN, "md"))
    assert text.endswith("# Chữ\n\n\\# một\n\n2021\\. Năm\n")


def test_the_index_is_marked_and_lists_every_article(tmp_path: Path) -> None:
    result = write(tmp_path, MARKDOWN, [street(), bridge()])
    assert (result.articles, result.images) == (2, 2)
    assert read(tmp_path, "index.md") == (
        f"{MARKDOWN_MARKER}\n\n# Saved articles\n\n"
        f"- [Đường phố Hà Nội mùa thu]({STREET_FILE}) — Ví dụ, 2024-10-01\n"
        f"- [Cầu Long Biên](cau-long-bien-{BRIDGE}.md) — 2024-10-02\n"
    )


def test_an_html_export_is_not_an_earlier_markdown_export(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text('<meta name="generator" content="Readshelf html export">')
    with pytest.raises(ExportError, match="not an earlier Readshelf Markdown export"):
        PagesWriter(tmp_path, MARKDOWN)


def test_markdown_escape_covers_every_markup_character() -> None:
    assert markdown_escape(r"a\b`c*d_e[f]g<h>") == r"a\\b\`c\*d\_e\[f\]g\<h\>"


def test_slug_folds_vietnamese_to_ascii() -> None:
    assert slug("Đường phố Hà Nội: 36 phố phường!") == "duong-pho-ha-noi-36-pho-phuong"
    assert slug("学习") == ""
    assert len(slug("rất dài " * 30)) <= 60
    assert article_file_name("学习", 5, "md") == "article-5.md"
