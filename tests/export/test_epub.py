"""The EPUB book: its structure checked with the standard library always,
and three books checked by epubcheck when it is installed (the seed alone,
a Vietnamese tag with pictures, 500 articles)."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PIL import Image as PILImage

from bench.epub import TAG, build_library
from core.models import Article
from export.epub import (
    READ_AHEAD,
    BookInfo,
    EpubWriter,
    EpubWritten,
    book_language,
    mark_quotes,
)
from export.epub_pictures import MAX_SIDE, fit_picture
from export.epub_xhtml import body_xhtml, reader_tree
from export.folder import ExportError
from services.save import default_capturers, save_source
from services.transfer import BookSelection, export_epub
from storage import Library
from tests.conftest import FIXTURES, SEED
from tests.export.articles import (
    BRIDGE,
    PICTURES,
    STREET,
    article,
    bridge,
    highlight,
    image,
    picture_bytes,
    street,
    summary,
)

OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
XHTML = "{http://www.w3.org/1999/xhtml}"
NCX = "{http://www.daisy.org/z3986/2005/ncx/}"
MADE = datetime(2026, 12, 6, 9, 30, tzinfo=UTC)
BOOK = BookInfo(
    "Readshelf — Du lịch — 6/12/2026", "urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427", MADE
)


def write_book(path: Path, articles: list, pictures=picture_bytes) -> EpubWritten:  # type: ignore[no-untyped-def]
    return EpubWriter(path, BOOK).write([summary(each) for each in articles], articles, pictures)


def opened(path: Path) -> zipfile.ZipFile:
    return zipfile.ZipFile(path)


def package(book: zipfile.ZipFile) -> ElementTree.Element:
    return ElementTree.fromstring(book.read("OEBPS/content.opf"))


def chapter(book: zipfile.ZipFile, article_id: int) -> str:
    return book.read(f"OEBPS/text/a{article_id}.xhtml").decode("utf-8")


def jpeg(
    width: int, height: int, colour: tuple[int, int, int] = (20, 120, 200), **options: object
) -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", (width, height), colour).save(out, "JPEG", **options)
    return out.getvalue()


# --------------------------------------------------------------------------
# Structure, with the standard library
# --------------------------------------------------------------------------


def test_the_archive_starts_with_an_uncompressed_mimetype_and_names_its_package(
    tmp_path: Path,
) -> None:
    path = tmp_path / "book.epub"
    write_book(path, [street(), bridge()])
    raw = path.read_bytes()
    # The first local header is "mimetype", stored, no extra field: a reader
    # recognises an EPUB by these bytes at offset 30.
    assert raw[30:38] == b"mimetype" and raw[38:58] == b"application/epub+zip"
    with opened(path) as book:
        first = book.infolist()[0]
        assert (first.filename, first.compress_type, first.extra) == (
            "mimetype",
            zipfile.ZIP_STORED,
            b"",
        )
        container = ElementTree.fromstring(book.read("META-INF/container.xml"))
        rootfile = container.find(".//{urn:oasis:names:tc:opendocument:xmlns:container}rootfile")
        assert rootfile is not None and rootfile.get("full-path") == "OEBPS/content.opf"
        assert book.testzip() is None


def test_every_file_is_in_the_manifest_and_every_document_is_well_formed_xml(
    tmp_path: Path,
) -> None:
    path = tmp_path / "book.epub"
    write_book(path, [street(), bridge()])
    with opened(path) as book:
        opf = package(book)
        hrefs = {item.get("href") for item in opf.iter(f"{OPF}item")}
        in_archive = {
            name.removeprefix("OEBPS/") for name in book.namelist() if name.startswith("OEBPS/")
        }
        assert hrefs == in_archive - {"content.opf"}
        for name in book.namelist():
            if name.endswith((".xhtml", ".opf", ".ncx", ".xml")):
                ElementTree.fromstring(book.read(name))  # raises on anything not well-formed
        spine = [ref.get("idref") for ref in opf.iter(f"{OPF}itemref")]
        assert spine == ["contents", f"a{STREET}", f"a{BRIDGE}"]
        nav = next(item for item in opf.iter(f"{OPF}item") if item.get("properties") == "nav")
        assert nav.get("href") == "nav.xhtml"
        assert opf.find(f"{OPF}spine").get("toc") == "ncx"  # type: ignore[union-attr]


def test_metadata_has_the_title_language_date_and_a_stable_identifier(tmp_path: Path) -> None:
    write_book(tmp_path / "a.epub", [street(), bridge()])
    write_book(tmp_path / "b.epub", [street(), bridge()])
    with opened(tmp_path / "a.epub") as book:
        opf = package(book)
        assert opf.findtext(f"{OPF}metadata/{DC}title") == "Readshelf — Du lịch — 6/12/2026"
        assert opf.findtext(f"{OPF}metadata/{DC}language") == "vi"
        assert opf.findtext(f"{OPF}metadata/{DC}identifier") == BOOK.identifier
        assert opf.findtext(f"{OPF}metadata/{DC}date") == "2026-12-06"
        modified = [
            m.text for m in opf.iter(f"{OPF}meta") if m.get("property") == "dcterms:modified"
        ]
        assert modified == ["2026-12-06T09:30:00Z"]
        ncx = ElementTree.fromstring(book.read("OEBPS/toc.ncx"))
        uid = next(m for m in ncx.iter(f"{NCX}meta") if m.get("name") == "dtb:uid")
        assert uid.get("content") == BOOK.identifier
    # The same articles on the same day make the same bytes.
    assert (tmp_path / "a.epub").read_bytes() == (tmp_path / "b.epub").read_bytes()


def test_the_book_language_is_what_most_articles_are_in() -> None:
    assert book_language(["vi", "en", "vi", None]) == "vi"
    assert book_language(["en", None]) == "en"
    assert book_language([None, None]) == "und"


def test_navigation_and_contents_list_every_chapter_in_order(tmp_path: Path) -> None:
    path = tmp_path / "book.epub"
    write_book(path, [street(), bridge()])
    with opened(path) as book:
        nav = ElementTree.fromstring(book.read("OEBPS/nav.xhtml"))
        toc = next(
            n
            for n in nav.iter(f"{XHTML}nav")
            if n.get("{http://www.idpf.org/2007/ops}type") == "toc"
        )
        links = [(a.get("href"), a.text) for a in toc.iter(f"{XHTML}a")]
        assert links == [
            ("contents.xhtml", "Contents"),
            (f"text/a{STREET}.xhtml", "Đường phố Hà Nội mùa thu"),
            (f"text/a{BRIDGE}.xhtml", "Cầu Long Biên"),
        ]
        ncx = ElementTree.fromstring(book.read("OEBPS/toc.ncx"))
        points = [
            (p.get("playOrder"), p.find(f"{NCX}content").get("src"))
            for p in ncx.iter(f"{NCX}navPoint")
        ]  # type: ignore[union-attr]
        assert points == [
            ("1", "contents.xhtml"),
            ("2", f"text/a{STREET}.xhtml"),
            ("3", f"text/a{BRIDGE}.xhtml"),
        ]
        contents = book.read("OEBPS/contents.xhtml").decode("utf-8")
        assert "Ví dụ · Lam Dương · 2024-10-01" in contents and "2 articles" in contents


def test_a_chapter_has_the_heading_facts_pictures_captions_and_credits(tmp_path: Path) -> None:
    path = tmp_path / "book.epub"
    written = write_book(path, [street(), bridge()])
    assert (written.articles, written.pictures, written.pictures_left_out, written.language) == (
        2,
        2,
        0,
        "vi",
    )
    with opened(path) as book:
        page = chapter(book, STREET)
        root = ElementTree.fromstring(page)
        assert (
            root.get("lang") == "vi"
            and root.get("{http://www.w3.org/XML/1998/namespace}lang") == "vi"
        )
        assert root.findtext(f"{XHTML}head/{XHTML}title") == "Đường phố Hà Nội mùa thu"
        assert "<h1>Đường phố Hà Nội mùa thu</h1>" in page
        assert "Đời sống · Ví dụ" in page and "Lam Dương · 2024-10-01 · saved 2024-10-02" in page
        assert '<a href="https://example.vn/pho">https://example.vn/pho</a>' in page
        assert '<p class="topics">Topics: mùa thu, du lịch</p>' in page
        assert '<p class="lead">Hà Nội vào thu, lá vàng rơi.</p>' in page
        # Shown in the body, the picture not shown after it, and the caption of
        # the one never saved: all with captions and credits.
        assert 'Phố cổ buổi sáng <span class="credit">Ảnh: Lam Dương</span>' in page
        assert "Hồ Gươm chiều thu" in page and "Ảnh chưa tải" in page
        sources = [img.get("src") for img in root.iter(f"{XHTML}img")]
        assert len(sources) == 2
        for source in sources:
            assert source is not None and source.startswith("../images/")
            book.getinfo(f"OEBPS/{source.removeprefix('../')}")  # the file is in the book
        # A related story in the book links to its chapter, one elsewhere to its address.
        assert f'<a href="a{BRIDGE}.xhtml">Cầu Long Biên</a>' in page
        assert '<a href="https://other.vn/x">Ở nơi khác</a>' in page
        # The same picture in two articles is one file.
        assert chapter(book, BRIDGE).count("../images/") == 1
        assert len([n for n in book.namelist() if n.startswith("OEBPS/images/")]) == 2


def messy() -> Article:
    """Reader HTML that breaks every content-model rule, hostile links and
    characters XML forbids."""
    return article(
        41,
        "Tiêu đề\x0b có ký tự lạ",
        url="https://example.vn/a b?q=Hà Nội&x=1",
        language="vi",
        reader_html=(
            "<li>một mục lạc</li><li>mục hai</li>"
            "<h2>Tiêu <span><p>đề trong</p></span> đoạn</h2>"
            "<figcaption>chú thích lạc</figcaption>"
            "<ul>chữ trong danh sách<li>mục</li></ul>"
            "<p>xem <a href='/tuong-doi'>liên kết tương đối</a> và "
            "<a href='javascript:alert(1)'>độc hại</a> và "
            "<a href='https://vi.wikipedia.org/wiki/Hà Nội'>Hà Nội</a></p>"
            "<figure><figcaption>đầu</figcaption><img src='image:5'><figcaption>giữa</figcaption>"
            "<p>chữ</p><figcaption>cuối</figcaption></figure>"
            "<script>alert(1)</script><p>kí tự \x01 điều khiển \ufffe</p>"
            "<pre>mã <p>khối</p></pre>"
        ),
    )


def test_messy_reader_html_becomes_valid_xhtml_without_losing_a_word(tmp_path: Path) -> None:
    path = tmp_path / "book.epub"
    write_book(path, [messy()])
    with opened(path) as book:
        page = chapter(book, 41)
    root = ElementTree.fromstring(page)  # well-formed despite all of it
    text = "".join(root.itertext())
    for words in (
        "một mục lạc",
        "mục hai",
        "đề trong",
        "chú thích lạc",
        "chữ trong danh sách",
        "liên kết tương đối",
        "độc hại",
        "đầu",
        "giữa",
        "cuối",
        "mã",
        "khối",
    ):
        assert words in text, words
    assert "alert" not in text and "\x01" not in page and "\x0b" not in page
    body = root.find(f"{XHTML}body")
    assert body is not None
    for element in body.iter():
        tag = element.tag.removeprefix(XHTML)
        children = [child.tag.removeprefix(XHTML) for child in element]
        if tag == "li":
            continue
        if tag in ("ul", "ol"):
            assert set(children) <= {"li"}
        else:
            assert "li" not in children, tag
        if tag in ("h1", "h2", "p", "span", "pre", "a"):
            assert not set(children) & {"p", "ul", "figure", "figcaption"}, tag
        if tag != "figure":
            assert "figcaption" not in children, tag
        elif "figcaption" in children:
            assert children.count("figcaption") == 1
            assert "figcaption" in (children[0], children[-1])
    hrefs = [a.get("href") for a in root.iter(f"{XHTML}a")]
    assert "https://example.vn/a%20b?q=H%C3%A0%20N%E1%BB%99i&x=1" in hrefs
    assert "https://vi.wikipedia.org/wiki/H%C3%A0%20N%E1%BB%99i" in hrefs
    assert not any(h and (h.startswith("/") or h.startswith("javascript")) for h in hrefs)
    assert root.findtext(f"{XHTML}head/{XHTML}title") == "Tiêu đề có ký tự lạ"


def test_chapters_are_written_as_articles_arrive_a_few_read_ahead_at_most(tmp_path: Path) -> None:
    events: list[str] = []
    articles = [street(), bridge()] + [
        article(100 + n, f"Bài {n}", body_text="chữ") for n in range(10)
    ]

    def arriving() -> Iterator[Article]:
        for each in articles:
            events.append("read")
            yield each

    EpubWriter(tmp_path / "book.epub", BOOK).write(
        [summary(each) for each in articles],
        arriving(),
        picture_bytes,
        progress=lambda done, total: events.append(f"wrote {done}/{total}"),
    )
    written = [event for event in events if event != "read"]
    assert written == [f"wrote {n}/12" for n in range(1, 13)]
    for position, event in enumerate(events):
        if event.startswith("wrote"):
            done = int(event.split()[1].split("/")[0])
            assert events[:position].count("read") <= done + READ_AHEAD


# --------------------------------------------------------------------------
# Pictures
# --------------------------------------------------------------------------


def test_a_large_photograph_is_made_jpeg_of_at_most_1600_px() -> None:
    fit = fit_picture(jpeg(4000, 2500))
    assert fit is not None and fit.media_type == "image/jpeg"
    assert (fit.width, fit.height) == (MAX_SIDE, 1000)
    with PILImage.open(io.BytesIO(fit.data)) as decoded:
        assert decoded.format == "JPEG" and decoded.size == (1600, 1000)


def test_a_wide_photograph_is_decoded_at_a_reduced_scale_never_whole() -> None:
    # A 6400 x 1600 banner whole is 41 MB in memory (Pillow keeps RGB as 4
    # bytes a pixel), and copies of it were made; an e-reader gets 1600 x 400.
    banner = jpeg(6400, 1600)
    whole_blocks = -(-6400 * 1600 * 4 // PILImage.core.get_block_size())
    before = PILImage.core.get_stats()["allocated_blocks"]
    fit = fit_picture(banner)
    allocated = PILImage.core.get_stats()["allocated_blocks"] - before
    assert fit is not None and (fit.width, fit.height) == (1600, 400)
    assert allocated < whole_blocks


def test_webp_and_transparent_pictures_become_jpeg_or_png() -> None:
    out = io.BytesIO()
    PILImage.new("RGB", (2400, 600), (200, 10, 10)).save(out, "WEBP")
    fit = fit_picture(out.getvalue())
    assert fit is not None and (fit.media_type, fit.width, fit.height) == ("image/jpeg", 1600, 400)
    out = io.BytesIO()
    PILImage.new("RGBA", (100, 1800), (0, 0, 0, 0)).save(out, "WEBP")
    fit = fit_picture(out.getvalue())
    assert fit is not None and fit.media_type == "image/png" and fit.height == 1600
    with PILImage.open(io.BytesIO(fit.data)) as decoded:
        assert decoded.mode == "RGBA"
    out = io.BytesIO()
    PILImage.new("CMYK", (300, 200)).save(out, "JPEG")
    fit = fit_picture(out.getvalue())
    assert fit is not None and fit.media_type == "image/jpeg"
    with PILImage.open(io.BytesIO(fit.data)) as decoded:
        assert decoded.mode == "RGB"  # many e-readers cannot show CMYK


def test_a_picture_already_fit_is_kept_byte_for_byte_and_a_turned_one_is_set_upright() -> None:
    small = jpeg(1200, 800)
    fit = fit_picture(small)
    assert fit is not None and fit.data == small
    exif = PILImage.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to show"
    turned = jpeg(300, 200, exif=exif.tobytes())
    fit = fit_picture(turned)
    assert fit is not None and (fit.width, fit.height) == (200, 300)


BROKEN = {
    (51, 0): (b"not a picture at all", "image/jpeg"),
    (51, 1): (jpeg(600, 400)[:300], "image/jpeg"),  # truncated
    (51, 2): (b'<svg xmlns="http://www.w3.org/2000/svg"/>', "image/svg+xml"),
    (51, 3): (jpeg(600, 400), "image/jpeg"),
}


def broken_pictures(article_id: int, position: int) -> tuple[bytes, str | None] | None:
    return BROKEN.get((article_id, position))


def damaged() -> Article:
    """Four pictures with bytes, three of which no decoder can read."""
    return article(
        51,
        "Ảnh hỏng",
        reader_html="<p>Trước.</p><figure><img src='image:0' alt=''><figcaption>Ảnh một"
        " <span class='credit'>Ảnh: A</span></figcaption></figure><p>Sau.</p>",
        images=tuple(
            image(51, position, caption=f"Chú thích {position}", has_data=True, mime=mime)
            for position, (_, mime) in enumerate(BROKEN.values())
        ),
    )


def test_pictures_that_cannot_be_decoded_are_left_out_and_keep_their_captions(
    tmp_path: Path,
) -> None:
    path = tmp_path / "book.epub"
    written = write_book(path, [damaged()], broken_pictures)
    assert (written.pictures, written.pictures_left_out) == (1, 3)
    with opened(path) as book:
        page = chapter(book, 51)
        root = ElementTree.fromstring(page)
        assert 'Ảnh một <span class="credit">Ảnh: A</span>' in page
        for position in (1, 2, 3):
            assert f"Chú thích {position}" in page
        assert len(list(root.iter(f"{XHTML}img"))) == 1
        assert len([n for n in book.namelist() if n.startswith("OEBPS/images/")]) == 1


# --------------------------------------------------------------------------
# Where the book goes
# --------------------------------------------------------------------------


def test_a_folder_or_a_file_that_is_not_an_epub_is_refused_and_left_alone(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="is a folder"):
        EpubWriter(tmp_path, BOOK)
    notes = tmp_path / "notes.epub"
    notes.write_text("my notes", encoding="utf-8")
    with pytest.raises(ExportError, match="not an EPUB"):
        EpubWriter(notes, BOOK)
    assert notes.read_text(encoding="utf-8") == "my notes"


def test_an_earlier_book_is_replaced_whole_and_no_temporary_file_stays(tmp_path: Path) -> None:
    path = tmp_path / "out" / "book.epub"
    write_book(path, [street(), bridge()])
    write_book(path, [bridge()])
    with opened(path) as book:
        assert f"OEBPS/text/a{STREET}.xhtml" not in book.namelist()
    assert sorted(p.name for p in path.parent.iterdir()) == ["book.epub"]


def test_a_failed_write_leaves_neither_the_book_nor_a_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "book.epub"

    def failing() -> Iterator:  # type: ignore[type-arg]
        yield street()
        raise OSError(28, "No space left on device")

    with pytest.raises(ExportError, match="No space left on device"):
        EpubWriter(path, BOOK).write(
            [summary(street()), summary(bridge())], failing(), picture_bytes
        )
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------
# epubcheck: 0 errors, 0 warnings on the three books
# --------------------------------------------------------------------------


def _epubcheck_command() -> list[str] | None:
    """How to run epubcheck here: the Debian package installs the jar itself
    as /usr/bin/epubcheck (run by java), others a script."""
    found = shutil.which("epubcheck")
    if found is None:
        return None
    with open(found, "rb") as file:
        is_jar = file.read(2) == b"PK"
    if not is_jar:
        return [found]
    java = shutil.which("java")
    return [java, "-jar", found] if java else None


EPUBCHECK = _epubcheck_command()
needs_epubcheck = pytest.mark.skipif(
    EPUBCHECK is None,
    reason="epubcheck is not installed (Debian: apt-get install -y epubcheck; it needs Java)",
)


def epubcheck(path: Path, tmp_path: Path) -> list[str]:
    """Every message epubcheck has about the book (fatal, error, warning)."""
    assert EPUBCHECK is not None
    report = tmp_path / f"{path.stem}-epubcheck.json"
    done = subprocess.run(
        [*EPUBCHECK, str(path), "--json", str(report)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert report.exists(), done.stderr
    result = json.loads(report.read_text(encoding="utf-8"))
    messages = [
        f"{message['severity']} {message['ID']}: {message['message']} at {message['locations'][:1]}"
        for message in result["messages"]
        if message["severity"] in ("FATAL", "ERROR", "WARNING")
    ]
    assert messages or done.returncode == 0, done.stdout + done.stderr
    return messages


@pytest.fixture
def seed_book(tmp_path: Path) -> Path:
    """The seed alone, saved through capture as a person would, with two
    highlights (one with a note) and a note on the article."""
    path = tmp_path / "seed.epub"
    with Library(tmp_path / "seed.sqlite") as library:
        saved = save_source(library, str(SEED), capturers=default_capturers(offline=True))
        library.add_highlight(saved.id, "không ít thách thức đan xen", note="So với 2016?")
        library.add_highlight(saved.id, "Cuộc bầu cử đại biểu Quốc hội khóa XV", color="green")
        library.add_note(saved.id, "Đọc cùng bài tổng kết.")
        result = export_epub(library, path, BookSelection(ids=(saved.id,)), made=MADE)
    assert (result.articles, result.language) == (1, "vi")
    return path


VIETNAMESE_PAGES = (
    "html/tuoitre_saved.html",  # pictures saved beside the page
    "html/dantri.mhtml",  # pictures inside the archive
    "html/vnexpress_style.html",
    "html/nld_windows1258.html",
    "html/vietnamnet_style.html",
    "text/tttd_cong_an_ha_noi.txt",
)


@pytest.fixture
def vietnamese_tag_book(tmp_path: Path) -> Path:
    """The Vietnamese fixtures under the tag "Du lịch", with their pictures."""
    path = tmp_path / "du-lich.epub"
    with Library(tmp_path / "vi.sqlite") as library:
        capturers = default_capturers(offline=True)
        for page in VIETNAMESE_PAGES:
            save_source(library, str(FIXTURES / page), tags=["Du lịch"], capturers=capturers)
        result = export_epub(library, path, BookSelection(tag="Du lịch"), made=MADE)
    assert (result.articles, result.language, result.pictures_left_out) == (6, "vi", 0)
    assert result.pictures >= 4
    assert result.title == "Readshelf — Du lịch — 6/12/2026"
    return path


def marked(html: str, quotes: list[str]) -> str:
    tree = reader_tree(html)
    mark_quotes(tree, quotes)
    return body_xhtml(tree, lambda position: None)


def test_a_highlight_crossing_a_link_or_bold_text_is_marked_in_each_piece() -> None:
    html = '<p>Phố cổ <a href="https://e.vn/x">đông vui</a> và <b>Hồ Gươm</b> lặng gió.</p>'
    assert marked(html, ["cổ đông vui và Hồ"]) == (
        '<p>Phố <mark>cổ </mark><a href="https://e.vn/x"><mark>đông vui</mark></a>'
        "<mark> và </mark><b><mark>Hồ</mark> Gươm</b> lặng gió.</p>"
    )


def test_a_highlight_stays_within_its_paragraph_and_overlaps_nest() -> None:
    html = "<p>Cuối đoạn một.</p><p>Đầu đoạn hai, rồi hết.</p>"
    # Paragraphs are not joined: a quote spanning two is left to the list.
    assert "<mark>" not in marked(html, ["một.Đầu"])
    assert marked(html, ["Đầu đoạn hai", "đoạn hai, rồi"]) == (
        "<p>Cuối đoạn một.</p><p><mark>Đầu <mark>đoạn hai</mark></mark><mark>, rồi</mark> hết.</p>"
    )


def test_the_seed_book_has_the_seed_article(seed_book: Path) -> None:
    with opened(seed_book) as book:
        chapters = [n for n in book.namelist() if n.startswith("OEBPS/text/")]
        assert len(chapters) == 1
        page = book.read(chapters[0]).decode("utf-8")
    assert "Quang cảnh hội nghị" in page and 'lang="vi"' in page
    # Highlights are marked in the text and listed with their notes.
    assert page.count("<mark>không ít thách thức đan xen</mark>") == 2
    assert "So với 2016?" in page and "Đọc cùng bài tổng kết." in page


def test_the_vietnamese_tag_book_shows_its_pictures(vietnamese_tag_book: Path) -> None:
    with opened(vietnamese_tag_book) as book:
        for name in book.namelist():
            if name.startswith("OEBPS/text/"):
                for source in ElementTree.fromstring(book.read(name)).iter(f"{XHTML}img"):
                    src = source.get("src", "")
                    with PILImage.open(
                        io.BytesIO(book.read("OEBPS/" + src.removeprefix("../")))
                    ) as picture:
                        assert picture.format in ("JPEG", "PNG") and max(picture.size) <= MAX_SIDE


@needs_epubcheck
def test_epubcheck_passes_the_seed_book(seed_book: Path, tmp_path: Path) -> None:
    assert epubcheck(seed_book, tmp_path) == []


@needs_epubcheck
def test_epubcheck_passes_a_vietnamese_tag_with_pictures(
    vietnamese_tag_book: Path, tmp_path: Path
) -> None:
    assert epubcheck(vietnamese_tag_book, tmp_path) == []


@needs_epubcheck
def test_epubcheck_passes_messy_html_and_broken_pictures(tmp_path: Path) -> None:
    path = tmp_path / "messy.epub"
    pictures = {**PICTURES, **BROKEN}
    articles = [messy(), damaged(), street()]
    # Highlights crossing links, and one overlapping another: nested marks.
    crossing = [
        highlight(41, "xem liên kết tương đối và độc"),
        highlight(41, "tương đối và độc hại và Hà"),
    ]
    written = EpubWriter(path, BOOK).write(
        [summary(each) for each in articles],
        articles,
        lambda article_id, position: pictures.get((article_id, position)),
        highlights=lambda article_id: crossing if article_id == 41 else [],
    )
    assert written.articles == 3
    with opened(path) as book:
        assert chapter(book, 41).count("<mark>") >= 6
    assert epubcheck(path, tmp_path) == []


@pytest.mark.slow
@needs_epubcheck
def test_epubcheck_passes_a_book_of_500_articles(tmp_path: Path) -> None:
    library_path = tmp_path / "500.sqlite"
    # Small pictures, a few larger than an e-reader's: re-encoded on the way.
    build_library(library_path, 500, seed=15, sides=(200, 1800))
    path = tmp_path / "500.epub"
    with Library(library_path) as library:
        result = export_epub(
            library, path, BookSelection(tag=TAG, since=date(2000, 1, 1)), made=MADE
        )
    assert result.articles == 500 and result.pictures > 300 and result.pictures_left_out == 0
    assert epubcheck(path, tmp_path) == []


def test_book_info_of_the_writer_is_what_the_package_says(tmp_path: Path) -> None:
    info = replace(BOOK, title="Readshelf — Unread — 1/1/2027")
    EpubWriter(tmp_path / "u.epub", info).write([summary(bridge())], [bridge()], picture_bytes)
    with opened(tmp_path / "u.epub") as book:
        assert package(book).findtext(f"{OPF}metadata/{DC}title") == "Readshelf — Unread — 1/1/2027"
        # No article says its language: undetermined, never a guess.
        assert package(book).findtext(f"{OPF}metadata/{DC}language") == "und"
