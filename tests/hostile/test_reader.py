"""The reader never runs code and never phones home.

Every fixture page (HTML, MHTML, text dumps, and the hostile ones) is saved
offline and shown in the real window, once as captured and once with reader
HTML full of remote addresses on the loopback server (pictures, styles,
frames, posters, objects, CSS ``url()``): the server records no request and
the reader asks for nothing but the library's own ``image:N`` pictures.
Pictures of an article are fetched while saving it, never while reading it;
and clicking a ``javascript:``, ``data:`` or ``file:`` link opens nothing.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from capture.sources import capture_fragment, capture_source
from storage import ArticleRecord, ImageRecord, Library
from tests.hostile.support import (
    HOSTILE,
    HTML_FIXTURES,
    HTML_TYPE,
    PROSE,
    TEXT_FIXTURES,
    article_page,
    traversal_site,
)
from tests.support.cli import cli_env, run_cli, run_json
from tests.support.images import png
from tests.support.loopback import LoopbackServer
from tests.ui.conftest import UrlRecorder, WindowFactory
from ui.main_window import MainWindow


def remote_payload(server: LoopbackServer) -> str:
    """Reader HTML that names the loopback server in every way HTML can."""
    url = server.url
    return f"""
<base href="{url("/base/")}">
<meta http-equiv="refresh" content="0;url={url("/refresh")}">
<link rel="stylesheet" href="{url("/style.css")}">
<style>@import url({url("/import.css")}); p {{ background: url({url("/style-bg.png")}) }}</style>
<p style="background-image: url({url("/bg.png")})">Nền từ xa.</p>
<p><span style="background:url('{url("/span-bg.png")}')">Chữ</span></p>
<ul style="list-style-image: url({url("/bullet.png")})"><li>Mục một</li></ul>
<p><img src="{url("/x.png")}" alt="ảnh từ xa"></p>
<p><img src="//127.0.0.1:{server.port}/protocol-relative.png"></p>
<p><img src="relative.png"></p>
<figure><img src="{url("/figure.png")}"><figcaption>Chú thích ảnh từ xa</figcaption></figure>
<picture><source srcset="{url("/source.png")} 2x"><img src="image:0" srcset="{url("/srcset.png")} 2x"></picture>
<iframe src="{url("/frame.html")}"></iframe>
<video poster="{url("/poster.png")}" src="{url("/video.mp4")}"><source src="{url("/v.webm")}"></video>
<audio src="{url("/audio.mp3")}"></audio>
<object data="{url("/object.svg")}" type="image/svg+xml"></object>
<embed src="{url("/embed.svg")}">
<svg><image href="{url("/svg-image.png")}"/></svg>
<input type="image" src="{url("/input.png")}">
<table background="{url("/table.png")}"><tr><td background="{url("/cell.png")}">Ô</td></tr></table>
<p><img src="file:///etc/hostname"><img src="data:image/png;base64,iVBORw0KGgo="></p>
<p><a href="{url("/link")}">Liên kết (chỉ mở khi bấm)</a></p>
"""


def fixture_records() -> Iterator[tuple[str, ArticleRecord]]:
    """Every fixture page, captured offline: remote pictures stay pending."""
    for path in sorted(HTML_FIXTURES.glob("*.html")):
        if path.name == "nothing_extractable.html":
            continue
        if path.name == "selection_fragment.html":
            html = path.read_text(encoding="utf-8")
            yield path.name, capture_fragment(html, "https://vnexpress.net/x", offline=True)
            continue
        yield path.name, capture_source(str(path), offline=True)
    yield "dantri.mhtml", capture_source(str(HTML_FIXTURES / "dantri.mhtml"), offline=True)
    for path in sorted(TEXT_FIXTURES.glob("*.txt")):
        yield path.name, capture_source(str(path), offline=True)
    for name in ("links.html", "svg.html"):
        yield name, capture_source(str(HOSTILE / name), offline=True)


def with_remote_html(record: ArticleRecord, server: LoopbackServer) -> ArticleRecord:
    """The same article, its stored HTML and pictures pointing at the server."""
    return ArticleRecord(
        title=f"{record.title} (từ xa)",
        url=server.url("/article"),
        body_text=record.body_text,
        lead=record.lead,
        reader_html=remote_payload(server) + record.reader_html + remote_payload(server),
        images=[
            ImageRecord(src=server.url("/pending.png"), caption="Ảnh chưa lưu"),
            *(ImageRecord(src=server.url(f"/pending-{n}.png")) for n in range(3)),
        ],
        language=record.language,
    )


def read_everything(window: MainWindow, article_id: int) -> str:
    """Open an article, lay it out and paint it, top to bottom."""
    window.open_article(article_id)
    reader = window.reader
    reader.grab()
    reader.set_reading_position(0.5)
    reader.grab()
    reader.set_reading_position(1.0)
    reader.grab()
    return reader.document().toPlainText()


def anchors(document: QTextDocument) -> list[str]:
    """Every link target the laid-out document holds."""
    found: list[str] = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            href = iterator.fragment().charFormat().anchorHref()
            if href and href not in found:
                found.append(href)
            iterator += 1
        block = block.next()
    return found


@pytest.fixture
def routed(loopback: LoopbackServer) -> LoopbackServer:
    """Every address the payload names answers, so a fetch would succeed."""
    for name in ("x.png", "bg.png", "figure.png", "poster.png", "pending.png", "table.png"):
        loopback.route(f"/{name}", body=png(64, 64), headers={"Content-Type": "image/png"})
    return loopback


def test_every_fixture_is_read_without_a_single_request(
    make_window: WindowFactory,
    library_path: Path,
    routed: LoopbackServer,
    browser: UrlRecorder,
    tmp_path: Path,
) -> None:
    records = list(fixture_records())
    records.append(("traversal", capture_source(str(traversal_site(tmp_path)), offline=True)))
    with Library(library_path) as library:
        saved = [(name, record.title, library.save_article(record).id) for name, record in records]
        remote = [
            (name, library.save_article(with_remote_html(record, routed)).id)
            for name, record in records
        ]
    assert routed.requests == []  # capture was offline
    window = make_window(library_path)
    reader = window.reader
    pictures_shown = 0
    for name, title, article_id in saved:
        text = read_everything(window, article_id)
        assert title in text, name
        pictures_shown += sum(
            reader.displayed_picture(image.position) is not None
            for image in window.library.get_article(article_id).images
        )
    for name, article_id in remote:
        text = read_everything(window, article_id)
        assert "Chú thích ảnh từ xa" in text and "Picture not saved" in text, name
    time.sleep(0.2)  # anything sent would have arrived by now
    assert routed.requests == []
    assert reader.resource_requests, "the reader asked for no picture at all"
    assert all(request.startswith("image:") for request in reader.resource_requests), {
        request for request in reader.resource_requests if not request.startswith("image:")
    }
    # The saved pages' own pictures (tuoitre, dantri, traversal) did show.
    assert pictures_shown >= 5
    assert browser.urls == []


def test_clicking_script_data_and_file_links_opens_nothing(
    make_window: WindowFactory, library_path: Path, browser: UrlRecorder
) -> None:
    record = capture_source(str(HOSTILE / "links.html"), offline=True)
    with Library(library_path) as library:
        article_id = library.save_article(record).id
    window = make_window(library_path)
    window.open_article(article_id)
    reader = window.reader
    reader.grab()
    # The links the rendered article holds: only the web and mail ones survived.
    document_links = anchors(reader.document())
    assert "https://vnexpress.net/pho-di-bo-ho-guom" in document_links
    assert all(link.startswith(("http://", "https://", "mailto:")) for link in document_links)
    hostile = [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(2)",
        " javascript:alert(3)",
        "java\tscript:alert(4)",
        "javascript&colon;alert(5)",
        "%6Aavascript:alert(6)",
        "vbscript:msgbox(7)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCg4KTwvc2NyaXB0Pg==",
        "DATA:text/html,<script>alert(9)</script>",
        "file:///etc/passwd",
        "FILE://localhost/etc/shadow",
        "file:relative",
        "/etc/passwd",
        "../../etc/passwd",
        "readshelf:article/../../etc",
        "blob:https://evil.example/1",
        "about:blank",
        "ftp://127.0.0.1/x",
        "image:0",
    ]
    for link in hostile:
        reader.anchorClicked.emit(QUrl(link))
    assert browser.urls == []
    assert window.current_article is not None and window.current_article.id == article_id
    # The links the article really has still work: they go to the browser.
    for link in document_links:
        reader.anchorClicked.emit(QUrl(link))
    assert browser.urls == document_links


def test_pictures_are_fetched_when_saving_never_when_reading(
    make_window: WindowFactory, loopback: LoopbackServer, tmp_path: Path, qtbot: QtBot
) -> None:
    figures = "".join(
        f'<figure><img src="/photo-{n}.png" alt="ảnh {n}" width="640" height="400">'
        f"<figcaption>Ảnh số {n} (Ảnh: Lan)</figcaption></figure><p>{PROSE * 2}</p>"
        for n in range(2)
    )
    page = loopback.route("/story.html", body=article_page(figures, title="Ảnh lưu khi thêm"),
                          headers=HTML_TYPE)  # fmt: skip
    for n in range(2):
        loopback.route(f"/photo-{n}.png", body=png(640, 400), headers={"Content-Type": "image/png"})
    # A saved page whose pictures are on the server, added offline: kept pending.
    offline_page = tmp_path / "offline.html"
    offline_page.write_bytes(
        article_page(
            f'<figure><img src="{loopback.url("/later.png")}" alt="sau" width="640" height="400">'
            "<figcaption>Ảnh để sau</figcaption></figure>",
            title="Ảnh để sau",
        )
    )
    env = cli_env(tmp_path / "home", READSHELF_READ_TIMEOUT="5", READSHELF_CONNECT_TIMEOUT="2")
    lib = tmp_path / "lib.sqlite"
    [online] = run_json("add", page, library=lib, env=env)
    saving = sorted(request.path for request in loopback.requests)
    assert saving == ["/photo-0.png", "/photo-1.png", "/story.html"]
    [offline] = run_json("add", "--offline", offline_page, library=lib, env=env)
    assert len(loopback.requests) == 3  # offline: nothing asked for
    shown = run_json("show", str(offline["id"]), library=lib, env=env)
    assert [(i["src"], i["has_data"]) for i in shown["images"]] == [
        (loopback.url("/later.png"), False)
    ]

    window = make_window(lib)
    text = read_everything(window, online["id"])
    assert "Ảnh số 0" in text and "Ảnh số 1" in text
    assert window.reader.displayed_picture(0) is not None
    assert window.reader.displayed_picture(1) is not None
    text = read_everything(window, offline["id"])
    assert "Ảnh để sau" in text and "Picture not saved" in text
    qtbot.wait(200)  # anything sent would have arrived by now
    assert len(loopback.requests) == 3
    assert set(window.reader.resource_requests) <= {"image:0", "image:1"}
    done = run_cli("list", "--json", library=lib, env=env)
    assert done.returncode == 0 and len(loopback.requests) == 3
