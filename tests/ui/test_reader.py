"""The reader: pictures from the library, captions, links, no network, position."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QPalette
from pytestqt.qtbot import QtBot

from storage import ArticleRecord, ImageRecord, Library, RelatedLink
from tests.support.loopback import LoopbackServer, Response
from tests.ui.conftest import UrlRecorder, WindowFactory, picture_article, png_bytes
from ui.reader import COLUMN_MAX_WIDTH, LinkKind, classify_link
from ui.reader_document import body_html


def test_pictures_come_from_the_library_with_their_captions(
    make_window: WindowFactory, library_path: Path
) -> None:
    with Library(library_path) as library:
        article_id = library.save_article(picture_article()).id
    window = make_window(library_path)
    window.open_article(article_id)
    reader = window.reader
    reader.grab()  # lay out and paint, as on screen
    picture = reader.displayed_picture(0)
    assert picture is not None and not picture.isNull()
    shown_width = picture.width() / picture.devicePixelRatio()
    assert shown_width <= min(COLUMN_MAX_WIDTH, reader.column_width) + 1
    text = reader.document().toPlainText()
    assert "Ruộng bậc thang ở La Pán Tẩn" in text
    assert "Ảnh: Trần B" in text
    # The second picture has no bytes: its caption shows in a quiet box instead.
    assert "Picture not saved" in text
    assert "Chợ phiên Tú Lệ" in text
    assert set(reader.resource_requests) == {"image:0"}  # the box asks for no picture
    assert reader.displayed_picture(1) is None


def test_seed_pictures_without_bytes_show_their_captions(
    make_window: WindowFactory, seeded_path: Path
) -> None:
    window = make_window(seeded_path)
    window.open_article(1)
    text = window.reader.document().toPlainText()
    assert text.count("Picture not saved") == 2
    assert "Quang cảnh hội nghị" in text
    assert "Công an Hà Nội có vai trò to lớn" in text  # the header's title
    assert "Lam Dương" in text and "19 Jun 2021" in text  # byline and date
    assert text.index("TTTĐ - Ngày 19/6") < text.index("Dự và chỉ đạo Hội nghị")  # lead first


def test_reader_makes_no_network_requests(
    make_window: WindowFactory, library_path: Path, loopback: LoopbackServer, browser: UrlRecorder
) -> None:
    remote = loopback.route(
        "/x.png", Response(body=png_bytes(10, 10), headers={"Content-Type": "image/png"})
    )
    style = loopback.route("/bg.png", Response(body=png_bytes(10, 10)))
    record = ArticleRecord(
        title="Remote picture",
        body_text="text",
        reader_html=(
            f'<p style="background-image: url({style})">Before</p>'
            f'<p><img src="{remote}" alt="remote"></p>'
            f'<figure><img src="{remote}"><figcaption>Remote caption</figcaption></figure>'
            '<p><img src="file:///etc/hostname"><img src="data:image/png;base64,AAAA"></p>'
        ),
        images=[ImageRecord(src=remote, caption="Remote caption")],
    )
    with Library(library_path) as library:
        article_id = library.save_article(record).id
    window = make_window(library_path)
    window.open_article(article_id)
    window.reader.grab()
    window.reader.set_reading_position(1.0)
    window.reader.grab()
    assert loopback.requests == []
    assert not any(
        request.startswith(("http", "file", "data")) for request in window.reader.resource_requests
    )
    assert "Remote caption" in window.reader.document().toPlainText()
    assert browser.urls == []


def test_link_classes() -> None:
    related = (
        RelatedLink(1, 1, 0, "listed", "Saved story", "https://example.vn/saved", None, None, 9),
    )
    assert classify_link(QUrl("javascript:alert(1)"), related).kind is LinkKind.IGNORED
    assert classify_link(QUrl("file:///etc/passwd"), related).kind is LinkKind.IGNORED
    assert classify_link(QUrl("data:text/html,<b>x</b>"), related).kind is LinkKind.IGNORED
    assert classify_link(QUrl("relative/page.html"), related).kind is LinkKind.IGNORED
    assert classify_link(QUrl("https://example.com/x"), related).kind is LinkKind.EXTERNAL
    assert classify_link(QUrl("#section"), related).kind is LinkKind.ANCHOR
    saved = classify_link(QUrl("https://Example.vn/saved/?utm_source=x"), related)
    assert (saved.kind, saved.article_id) == (LinkKind.ARTICLE, 9)
    own = classify_link(QUrl("readshelf:article/4"), related)
    assert (own.kind, own.article_id) == (LinkKind.ARTICLE, 4)


def test_clicking_links(
    make_window: WindowFactory, library_path: Path, browser: UrlRecorder
) -> None:
    with Library(library_path) as library:
        target = library.save_article(picture_article(title="Đích", url="https://example.vn/d"))
        source = library.save_article(
            picture_article(
                title="Nguồn",
                url="https://example.vn/n",
                reader_html='<p><a href="https://example.vn/d">saved</a></p>',
                related=[],
                images=[],
            )
        )
    window = make_window(library_path)
    window.open_article(source.id)
    reader = window.reader
    reader.anchorClicked.emit(QUrl("javascript:alert(1)"))
    reader.anchorClicked.emit(QUrl("file:///etc/passwd"))
    reader.anchorClicked.emit(QUrl("data:text/html,hi"))
    assert browser.urls == []
    assert window.current_article is not None and window.current_article.id == source.id
    reader.anchorClicked.emit(QUrl("https://example.com/elsewhere"))
    assert browser.urls == ["https://example.com/elsewhere"]
    reader.anchorClicked.emit(QUrl(f"readshelf:article/{target.id}"))
    assert window.current_article.id == target.id
    # A web link in the body to an article the library holds opens it here.
    window.open_article(source.id)
    reader.anchorClicked.emit(QUrl("https://EXAMPLE.vn/d?utm_source=newsletter"))
    assert window.current_article.id == target.id
    assert browser.urls == ["https://example.com/elsewhere"]


def test_reading_position_is_remembered(
    make_window: WindowFactory, seeded_path: Path, qtbot: QtBot
) -> None:
    window = make_window(seeded_path)
    window.resize(1200, 600)
    window.open_article(1)
    reader = window.reader
    qtbot.waitUntil(lambda: reader.verticalScrollBar().maximum() > 0)
    reader.set_reading_position(0.5)
    window.open_article(2)  # leaving the article stores where it was left
    with Library(seeded_path) as library:
        assert library.get_article(1).reading_position == pytest.approx(0.5, abs=0.02)
    window.open_article(1)
    assert reader.reading_position() == pytest.approx(0.5, abs=0.02)


def test_font_size_family_and_themes(make_window: WindowFactory, seeded_path: Path) -> None:
    window = make_window(seeded_path)
    reader = window.reader
    size = reader.typography.size_pt
    window.commands.larger_font.trigger()
    assert reader.typography.size_pt == size + 1
    assert reader.document().defaultFont().pointSizeF() == size + 1
    window.commands.smaller_font.trigger()
    window.commands.smaller_font.trigger()
    assert reader.typography.size_pt == size - 1
    window.commands.sans.trigger()
    assert reader.typography.family == "sans"
    assert "DejaVu Sans" in reader.document().defaultFont().families()
    window.commands.themes["dark"].trigger()
    background = reader.palette().color(QPalette.ColorRole.Base)
    text = reader.palette().color(QPalette.ColorRole.Text)
    assert background.lightnessF() < 0.2 and text.lightnessF() > 0.8
    window.commands.themes["sepia"].trigger()
    assert reader.theme.name == "sepia"


def test_figures_are_rewritten_for_qt() -> None:
    html = body_html(
        '<h1>Inner</h1><figure><img src="image:0"><figcaption>Cap <span class="credit">Cr'
        '</span></figcaption></figure><script>alert(1)</script><link rel="stylesheet" href="x">'
        '<p onclick="x()">Text &amp; more</p><video src="v.mp4">no video</video><p>After</p>',
        (),
        {},
    )
    assert "<figure" not in html and "script" not in html and "onclick" not in html
    assert "<h2>Inner</h2>" in html
    assert "Picture not saved" in html and "Cap" in html and "Cr" in html
    assert "Text &amp; more" in html and "After" in html
    assert "link" not in html and "video" not in html
