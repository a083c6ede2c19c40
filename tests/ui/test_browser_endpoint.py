"""Pages from the browser: the loopback endpoint over real HTTP, the window
saving what it receives, the dialog's switch, and a real headless Chromium
running the bookmarklet on a page whose text is written by JavaScript."""

from __future__ import annotations

import http.client
import json
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from storage import ArticleFilter, Library
from tests.support.loopback import LoopbackServer, Response
from tests.ui.conftest import WindowFactory
from ui.app import DesktopHandler
from ui.browser_endpoint import (
    CORS_HEADERS,
    MAX_PAGE_BYTES,
    PATH,
    BrowserEndpoint,
    EndpointSettings,
    page_script,
)
from ui.settings import default_settings

TOKEN = "t0ken-" + "x" * 40
CHROMIUM = Path("/usr/bin/chromium")
ARTICLE_TEXT = (
    "Hà Nội mùa thu, những con phố nhỏ rợp bóng cây và tiếng rao quen thuộc vang lên mỗi sáng. "
)


def page_html(title: str, paragraphs: int = 12) -> str:
    body = "".join(f"<p>{ARTICLE_TEXT} Đoạn {n}.</p>" for n in range(paragraphs))
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>"


@pytest.fixture
def endpoint() -> Iterator[BrowserEndpoint]:
    receiver = BrowserEndpoint(TOKEN)
    receiver.start(0)
    yield receiver
    receiver.stop()


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


def post(
    port: int, body: bytes, *, method: str = "POST", headers: dict[str, str] | None = None
) -> Answer:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, PATH, body=body, headers=headers or {})
        response = connection.getresponse()
        return Answer(response.status, dict(response.getheaders()), response.read())
    finally:
        connection.close()


def message(token: str | None, url: str = "https://example.vn/bai-viet") -> bytes:
    fields: dict[str, str] = {"url": url, "title": "Bài viết", "html": page_html("Bài viết")}
    if token is not None:
        fields["token"] = token
    return json.dumps(fields).encode()


def test_the_right_token_hands_the_page_over(qtbot: QtBot, endpoint: BrowserEndpoint) -> None:
    assert endpoint.port is not None
    with qtbot.waitSignal(endpoint.page_received, timeout=10_000) as received:
        response = post(endpoint.port, message(TOKEN))
    assert response.status == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    html, url = received.args
    assert url == "https://example.vn/bai-viet"
    assert ARTICLE_TEXT in html


@pytest.mark.parametrize("token", ["wrong-" + "x" * 40, None, ""])
def test_a_wrong_or_missing_token_is_refused(
    qtbot: QtBot, endpoint: BrowserEndpoint, token: str | None
) -> None:
    assert endpoint.port is not None
    with qtbot.assertNotEmitted(endpoint.page_received, wait=200):
        response = post(endpoint.port, message(token))
    assert response.status == 403


def test_an_oversized_page_is_refused_unread(qtbot: QtBot, endpoint: BrowserEndpoint) -> None:
    assert endpoint.port is not None
    connection = http.client.HTTPConnection("127.0.0.1", endpoint.port, timeout=30)
    try:
        connection.putrequest("POST", PATH)
        connection.putheader("Content-Length", str(MAX_PAGE_BYTES + 1))
        connection.endheaders()  # the body is never sent: the answer comes first
        with qtbot.assertNotEmitted(endpoint.page_received, wait=200):
            response = connection.getresponse()
            status = response.status
            response.read()
    finally:
        connection.close()
    assert status == 413


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
def test_only_post_is_taken(endpoint: BrowserEndpoint, method: str) -> None:
    assert endpoint.port is not None
    response = post(endpoint.port, b"", method=method)
    assert response.status == 405
    assert response.headers["Allow"] == "POST, OPTIONS"


def test_the_preflight_allows_a_page_from_another_origin(endpoint: BrowserEndpoint) -> None:
    assert endpoint.port is not None
    response = post(
        endpoint.port,
        b"",
        method="OPTIONS",
        headers={
            "Origin": "https://news.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Private-Network": "true",
        },
    )
    assert response.status == 204
    for name, value in CORS_HEADERS.items():
        assert response.headers[name] == value


def test_it_listens_on_loopback_only(endpoint: BrowserEndpoint) -> None:
    assert endpoint.port is not None
    # 127.0.0.2 is this machine too (all of 127/8 is loopback on Linux): a
    # server bound to every address would accept it, one bound to 127.0.0.1 not.
    connection = http.client.HTTPConnection("127.0.0.2", endpoint.port, timeout=5)
    with pytest.raises(OSError):
        connection.connect()
    connection.close()


def test_a_page_sent_to_the_window_is_saved_with_its_address(
    qtbot: QtBot, make_window: WindowFactory, library_path: Path
) -> None:
    window = make_window(library_path)
    handler = DesktopHandler(window, library_path)
    assert handler.browser.set_enabled(True) is None
    port = handler.browser.port
    token = handler.browser.settings.token
    try:
        response = post(port, message(token, url="https://example.vn/bai-viet"))
        assert response.status == 200
        qtbot.waitUntil(lambda: _titles(library_path) == ["Bài viết"], timeout=30_000)
    finally:
        handler.stop()
    with Library(library_path) as library:
        [summary] = library.list_articles(ArticleFilter(), limit=5)
        article = library.get_article(summary.id)
    assert ARTICLE_TEXT.strip() in article.body_text
    assert "https://example.vn/bai-viet" in (article.url, article.page_url)


def test_the_dialog_turns_receiving_on_and_remembers_it(
    qtbot: QtBot, make_window: WindowFactory, library_path: Path
) -> None:
    window = make_window(library_path)
    handler = DesktopHandler(window, library_path)
    action = handler.browser_action
    assert action in window.commands.help_menu.actions()
    try:
        action.trigger()
        dialog = handler.dialog
        assert dialog is not None and dialog.isVisible()
        assert not dialog.page_link.isEnabled()
        assert handler.browser.endpoint.port is None
        dialog.enable_box.setChecked(True)
        port = handler.browser.endpoint.port
        assert port is not None
        assert dialog.page_link.isEnabled()
        assert f"127.0.0.1:{port}" in dialog.page_link.address
        assert handler.browser.settings.token in dialog.page_link.address
        assert dialog.page_link.mime().urls()[0].toString().startswith("javascript:")
        assert dialog.address_link.address.startswith("javascript:")
        assert "readshelf://save?url=" in dialog.address_link.address
        assert EndpointSettings(default_settings()).enabled
        dialog.enable_box.setChecked(False)
        assert handler.browser.endpoint.port is None
        assert not EndpointSettings(default_settings()).enabled
    finally:
        handler.stop()


def test_the_token_is_made_once_and_kept(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    first = EndpointSettings(settings).token
    assert len(first) >= 32
    again = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert EndpointSettings(again).token == first


def _titles(path: Path) -> list[str]:
    with Library(path) as library:
        return [summary.title for summary in library.list_articles(ArticleFilter(), limit=10)]


@pytest.mark.slow
@pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="needs Chromium at /usr/bin/chromium (Debian: apt install chromium)",
)
def test_a_real_browser_sends_the_page_it_rendered(
    qtbot: QtBot,
    make_window: WindowFactory,
    library_path: Path,
    loopback: LoopbackServer,
    tmp_path: Path,
) -> None:
    window = make_window(library_path)
    handler = DesktopHandler(window, library_path)
    assert handler.browser.set_enabled(True) is None
    script = page_script(handler.browser.port, handler.browser.settings.token)
    paragraphs = "".join(f"<p>{ARTICLE_TEXT} Đoạn {n}.</p>" for n in range(12))
    # The server's page has no article text: JavaScript writes it, then the
    # bookmarklet's code runs as if clicked.
    page = (
        "<!doctype html><html><head><meta charset='utf-8'><title>Trang viết bằng JavaScript</title></head>"
        "<body><article id='story'></article><script>"
        f"document.getElementById('story').innerHTML = {json.dumps('<h1>Trang viết bằng JavaScript</h1>' + paragraphs)};"
        f"{script}"
        "</script></body></html>"
    )
    url = loopback.route(
        "/js-page.html",
        Response(body=page.encode(), headers={"Content-Type": "text/html; charset=utf-8"}),
    )
    browser = subprocess.Popen(
        [
            str(CHROMIUM),
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'chromium'}",
            "--virtual-time-budget=10000",
            "--dump-dom",
            url,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    try:
        qtbot.waitUntil(
            lambda: _titles(library_path) == ["Trang viết bằng JavaScript"], timeout=60_000
        )
    finally:
        handler.stop()
        if browser.poll() is None:
            browser.kill()
        browser.communicate(timeout=30)
    with Library(library_path) as library:
        [summary] = library.list_articles(ArticleFilter(), limit=5)
        article = library.get_article(summary.id)
    assert "Đoạn 11." in article.body_text
