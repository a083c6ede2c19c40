"""``export_epub`` on real library files: which articles a selection picks,
in which order, the book's title, and the errors a person sees."""

from __future__ import annotations

import zipfile
from datetime import UTC, date, datetime
from pathlib import Path
from xml.etree import ElementTree

import pytest

from services.transfer import BookSelection, ExportError, export_epub
from storage import ArticleRecord, Library

MADE = datetime(2026, 12, 6, 9, 30, tzinfo=UTC)
OPF = "{http://www.idpf.org/2007/opf}"


def record(title: str, language: str = "vi") -> ArticleRecord:
    return ArticleRecord(
        title=title,
        url=f"https://example.vn/{len(title)}-{abs(hash(title)) % 1000}",
        body_text=f"{title}. Nội dung bài viết.",
        reader_html=f"<p>{title}. Nội dung bài viết.</p>",
        language=language,
    )


@pytest.fixture
def ids(library: Library) -> dict[str, int]:
    """Five articles: three under "Du lịch", one read, one in English."""
    made = {
        "ha_long": library.save_article(record("Vịnh Hạ Long"), tags=["Du lịch"]).id,
        "sa_pa": library.save_article(record("Sa Pa mùa lúa chín"), tags=["Du lịch"]).id,
        "hoi_an": library.save_article(record("Phố cổ Hội An"), tags=["du lich"]).id,
        "budget": library.save_article(record("Senate budget", "en")).id,
        "gia_vang": library.save_article(record("Giá vàng hôm nay")).id,
    }
    library.set_status(made["gia_vang"], "read")
    return made


def spine_titles(path: Path) -> list[str]:
    """The chapters' titles in reading order."""
    with zipfile.ZipFile(path) as book:
        opf = ElementTree.fromstring(book.read("OEBPS/content.opf"))
        hrefs = {item.get("id"): item.get("href") for item in opf.iter(f"{OPF}item")}
        titles = []
        for ref in opf.iter(f"{OPF}itemref"):
            if ref.get("idref") == "contents":
                continue
            page = ElementTree.fromstring(book.read(f"OEBPS/{hrefs[ref.get('idref')]}"))
            titles.append(
                page.findtext(
                    "{http://www.w3.org/1999/xhtml}head/{http://www.w3.org/1999/xhtml}title"
                )
                or ""
            )
        return titles


def test_a_tag_book_has_its_articles_newest_first_and_the_tag_in_its_title(
    library: Library, ids: dict[str, int], tmp_path: Path
) -> None:
    path = tmp_path / "du-lich.epub"
    result = export_epub(library, path, BookSelection(tag="Du lịch"), made=MADE, page_size=2)
    assert result.title == "Readshelf — Du lịch — 6/12/2026"
    assert (result.path, result.articles, result.language) == (path, 3, "vi")
    # Keyset pages of two: every article of the tag, once, in the list's order.
    assert sorted(spine_titles(path)) == sorted(
        ["Vịnh Hạ Long", "Sa Pa mùa lúa chín", "Phố cổ Hội An"]
    )
    listed = [s.title for s in library.list_articles() if s.title in spine_titles(path)]
    assert spine_titles(path) == listed


def test_given_ids_come_in_the_order_given_and_filters_narrow_them(
    library: Library, ids: dict[str, int], tmp_path: Path
) -> None:
    path = tmp_path / "chosen.epub"
    chosen = (ids["budget"], ids["ha_long"], ids["budget"], ids["gia_vang"])
    result = export_epub(library, path, BookSelection(ids=chosen), made=MADE, page_size=2)
    assert spine_titles(path) == ["Senate budget", "Vịnh Hạ Long", "Giá vàng hôm nay"]
    assert result.title == "Readshelf — 4 articles — 6/12/2026"
    unread = export_epub(
        library, tmp_path / "u.epub", BookSelection(ids=chosen, status="unread"), made=MADE
    )
    assert unread.articles == 2 and unread.title == "Readshelf — Unread — 6/12/2026"


def test_unread_and_since_pick_by_status_and_day_saved(
    library: Library, ids: dict[str, int], tmp_path: Path
) -> None:
    unread = export_epub(
        library, tmp_path / "unread.epub", BookSelection(status="unread"), made=MADE
    )
    assert unread.articles == 4
    assert "Giá vàng hôm nay" not in spine_titles(tmp_path / "unread.epub")
    today = date.fromisoformat(library.get_article(ids["ha_long"]).saved[:10])
    since = export_epub(library, tmp_path / "since.epub", BookSelection(since=today), made=MADE)
    assert (
        since.articles == 5
        and since.title == f"Readshelf — since {today.day}/{today.month}/{today.year} — 6/12/2026"
    )
    with pytest.raises(ExportError, match="nothing to export"):
        export_epub(library, tmp_path / "later.epub", BookSelection(since=date(2999, 1, 1)))
    assert not (tmp_path / "later.epub").exists()


def test_the_same_selection_is_the_same_book_to_a_reader(
    library: Library, ids: dict[str, int], tmp_path: Path
) -> None:
    def identifier(path: Path) -> str | None:
        with zipfile.ZipFile(path) as book:
            return ElementTree.fromstring(book.read("OEBPS/content.opf")).findtext(
                f"{OPF}metadata/{{http://purl.org/dc/elements/1.1/}}identifier"
            )

    export_epub(library, tmp_path / "a.epub", BookSelection(tag="Du lịch"))
    library.save_article(record("Đà Lạt mộng mơ"), tags=["Du lịch"])
    export_epub(library, tmp_path / "b.epub", BookSelection(tag="du lịch"))
    export_epub(library, tmp_path / "c.epub", BookSelection(status="unread"))
    assert identifier(tmp_path / "a.epub") == identifier(tmp_path / "b.epub")
    assert identifier(tmp_path / "a.epub") != identifier(tmp_path / "c.epub")


def test_an_id_that_is_not_saved_is_one_clear_error(
    library: Library, ids: dict[str, int], tmp_path: Path
) -> None:
    with pytest.raises(ExportError, match=r"^no saved article has the id 999, 1000$"):
        export_epub(library, tmp_path / "x.epub", BookSelection(ids=(ids["sa_pa"], 999, 1000)))
    assert list(tmp_path.glob("*.epub")) == []


def test_progress_is_reported_after_each_chapter(
    library: Library, ids: dict[str, int], tmp_path: Path
) -> None:
    seen: list[tuple[int, int]] = []
    export_epub(
        library,
        tmp_path / "all.epub",
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]


def test_pictures_come_from_the_library_fit_for_an_e_reader(
    library: Library, tmp_path: Path
) -> None:
    import io

    from PIL import Image as PILImage

    from storage import ImageRecord

    out = io.BytesIO()
    PILImage.new("RGB", (3200, 1800), (10, 100, 10)).save(out, "PNG")
    saved = library.save_article(
        ArticleRecord(
            title="Ảnh lớn",
            body_text="Chữ.",
            reader_html='<p>Chữ.</p><figure><img src="image:0" alt="ảnh"><figcaption>Ruộng bậc thang</figcaption></figure>',
            language="vi",
            images=[ImageRecord(caption="Ruộng bậc thang", data=out.getvalue(), mime="image/png")],
        )
    ).id
    path = tmp_path / "pictures.epub"
    result = export_epub(library, path, BookSelection(ids=(saved,)))
    assert (result.pictures, result.pictures_left_out) == (1, 0)
    with zipfile.ZipFile(path) as book:
        (name,) = [n for n in book.namelist() if n.startswith("OEBPS/images/")]
        with PILImage.open(io.BytesIO(book.read(name))) as picture:
            assert picture.format == "PNG" and picture.size == (1600, 900)
