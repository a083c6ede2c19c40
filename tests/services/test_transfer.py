"""Export and import workflows on real library files: reading copies read
from the library page by page, bundles out and back in."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from services.transfer import ExportError, export_library, import_library
from storage import ArticleRecord, Library
from storage.bundle import BundleError, library_digest
from tests.storage.test_bundle import RED, build_rich_library


@pytest.fixture
def rich(tmp_path: Path, seed_path: Path) -> tuple[Path, dict[str, int]]:
    """A library with every kind of row, and its article ids."""
    path = tmp_path / "rich.sqlite"
    return path, build_rich_library(path, seed_path)


def files(directory: Path) -> dict[str, bytes]:
    """Every file under ``directory`` by relative path, with its bytes."""
    return {
        str(path.relative_to(directory)): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


def test_html_export_is_self_contained_with_captions_and_local_pictures(
    tmp_path: Path, rich: tuple[Path, dict[str, int]]
) -> None:
    path, ids = rich
    directory = tmp_path / "html"
    with Library(path) as library:
        result = export_library(library, directory, "html")
    assert (result.format, result.directory, result.articles, result.images) == (
        "html",
        directory,
        4,
        2,
    )
    assert result.skipped_tables == ()
    index = (directory / "index.html").read_text(encoding="utf-8")
    street_page = f"duong-pho-ha-noi-mua-thu-{ids['street']}.html"
    assert f'href="{street_page}"' in index
    pages = sorted(directory.glob("*.html"))
    assert len(pages) == 5
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "<script" not in text.lower()
        assert not re.search(r"""src=["']?(https?:|//)""", text)
        for source in re.findall(r'src="([^"]+)"', text):
            assert (directory / source).is_file()
    street = (directory / street_page).read_text(encoding="utf-8")
    assert "Phố cổ buổi sáng" in street and "Ảnh: Lam Dương" in street
    assert "Hồ Gươm chiều thu" in street and "Ảnh chưa tải" in street
    assert "Hà Nội vào thu, lá vàng rơi." in street
    assert f'href="cau-long-bien-{ids["bridge"]}.html"' in street  # resolved related story
    assert 'href="https://other.vn/x"' in street  # unresolved: its address
    seed_page = next(directory.glob(f"cong-an-ha-noi-*-{ids['seed']}.html"))
    assert "Quang cảnh hội nghị" in seed_page.read_text(encoding="utf-8")


def test_markdown_export_has_pictures_captions_and_related(
    tmp_path: Path, rich: tuple[Path, dict[str, int]]
) -> None:
    path, ids = rich
    directory = tmp_path / "md"
    with Library(path) as library:
        result = export_library(library, directory, "markdown")
    assert (result.format, result.articles, result.images) == ("markdown", 4, 2)
    street = (directory / f"duong-pho-ha-noi-mua-thu-{ids['street']}.md").read_text(
        encoding="utf-8"
    )
    assert street.startswith('---\ntitle: "Đường phố Hà Nội mùa thu"\n')
    assert 'tags: ["Hà Nội", "Thời sự"]' in street and "favorite: true" in street
    red = f"images/{hashlib.sha256(RED).hexdigest()}.png"
    assert (directory / red).read_bytes() == RED  # the library's bytes
    # The picture stands between the two paragraphs, as on the page.
    assert street.index("Phố cổ đông vui.") < street.index(f"![Phố cổ buổi sáng]({red})")
    assert street.index(red) < street.index("Hồ Gươm lặng gió.")
    assert "*Phố cổ buổi sáng*\n\nCredit: Ảnh: Lam Dương" in street
    assert "*Hồ Gươm chiều thu*" in street and "*(picture not saved)*" in street
    assert f"- [Cầu Long Biên](cau-long-bien-{ids['bridge']}.md) · Du lịch" in street
    images = re.findall(
        r"!\[[^\]]*\]\(([^)]+)\)",
        "".join(path.read_text(encoding="utf-8") for path in directory.glob("*.md")),
    )
    assert images and all((directory / image).is_file() for image in images)
    assert not any("http" in image for image in images)
    assert (
        (directory / "index.md")
        .read_text(encoding="utf-8")
        .startswith("<!-- Readshelf markdown export -->")
    )


@pytest.mark.parametrize("export_format", ["html", "markdown"])
def test_paging_through_the_library_gives_the_same_files(
    tmp_path: Path, rich: tuple[Path, dict[str, int]], export_format: str
) -> None:
    path, _ = rich
    with Library(path) as library:
        for number in range(7):
            library.save_article(ArticleRecord(title=f"Bài {number}", body_text=f"Số {number}."))
        newest_first = [summary.id for summary in library.list_articles(limit=100)]
        whole = export_library(library, tmp_path / "whole", export_format)
        paged = export_library(library, tmp_path / "paged", export_format, page_size=3)
        single = export_library(library, tmp_path / "single", export_format, page_size=1)
    assert whole.articles == paged.articles == single.articles == 11
    assert files(tmp_path / "paged") == files(tmp_path / "whole") == files(tmp_path / "single")
    suffix = "html" if export_format == "html" else "md"
    index = (tmp_path / "paged" / f"index.{suffix}").read_text(encoding="utf-8")
    listed = [int(found) for found in re.findall(rf"-(\d+)\.{suffix}\b", index)]
    assert list(dict.fromkeys(listed)) == newest_first


def test_exporting_again_follows_the_library(
    tmp_path: Path, rich: tuple[Path, dict[str, int]]
) -> None:
    path, ids = rich
    directory = tmp_path / "html"
    with Library(path) as library:
        export_library(library, directory, "html")
        library.delete_articles([ids["street"], ids["bridge"]])
        result = export_library(library, directory, "html")
    assert (result.articles, result.images) == (2, 0)
    assert len(list(directory.glob("*.html"))) == 3
    assert not list((directory / "images").iterdir())


def test_each_format_refuses_a_folder_holding_another(
    tmp_path: Path, rich: tuple[Path, dict[str, int]]
) -> None:
    with Library(rich[0]) as library:
        export_library(library, tmp_path / "html", "html")
        export_library(library, tmp_path / "bundle", "bundle")
        with pytest.raises(BundleError, match="not an earlier Readshelf bundle"):
            export_library(library, tmp_path / "html", "bundle")
        with pytest.raises(ExportError, match="not an earlier Readshelf Markdown export"):
            export_library(library, tmp_path / "html", "markdown")
        with pytest.raises(ExportError, match="not an earlier Readshelf HTML export"):
            export_library(library, tmp_path / "bundle", "html")
    assert not list((tmp_path / "html").glob("*.md"))
    assert not list((tmp_path / "bundle").glob("*.html"))


def test_an_unknown_format_is_refused(tmp_path: Path, library: Library) -> None:
    with pytest.raises(BundleError, match="unknown export format 'pdf': use bundle, html"):
        export_library(library, tmp_path / "out", "pdf")
    assert not (tmp_path / "out").exists()


def test_a_bundle_export_imports_back_into_a_new_library(
    tmp_path: Path, rich: tuple[Path, dict[str, int]]
) -> None:
    path, ids = rich
    with Library(path) as original:
        exported = export_library(original, tmp_path / "bundle", "bundle")
        assert (exported.format, exported.articles, exported.images) == ("bundle", 4, 2)
        with Library(tmp_path / "copy.sqlite") as copy:
            result = import_library(copy, tmp_path / "bundle")
            assert (result.added, result.updated, result.merged) == (4, 0, False)
            assert library_digest(copy) == library_digest(original)
            again = import_library(copy, tmp_path / "bundle")
            assert (again.added, again.updated, again.merged) == (0, 4, True)
            assert copy.get_article(ids["street"]).favorite
