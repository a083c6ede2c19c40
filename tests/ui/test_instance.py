"""One window per library: what a start asks to save, the hand-over between
two real processes, and a stale socket left by a crashed window."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storage import ArticleFilter, Library
from tests.support.cli import ROOT, cli_env
from tests.support.loopback import LoopbackServer, Response
from ui.instance import InstanceServer, WindowSource, hand_over, parse_source, server_name

PAGE = (
    "<html><head><title>Phố cổ Hội An</title></head><body><article><h1>Phố cổ Hội An</h1>"
    + "<p>Những ngôi nhà vàng bên sông Hoài, đèn lồng thắp sáng mỗi tối rằm.</p>" * 12
    + "</article></body></html>"
).encode()


def test_arguments_become_sources(tmp_path: Path) -> None:
    note = tmp_path / "ghi chú.txt"
    note.write_text("Ghi chú", "utf-8")
    assert parse_source("https://example.vn/a") == WindowSource("url", "https://example.vn/a")
    assert parse_source("www.example.vn/a").value == "https://www.example.vn/a"
    assert parse_source("example.vn/a").value == "https://example.vn/a"
    assert parse_source(
        "readshelf://save?url=https%3A%2F%2Fexample.vn%2Fa%3Fb%3D1&title=B%C3%A0i%20vi%E1%BA%BFt"
    ) == WindowSource("url", "https://example.vn/a?b=1", "Bài viết")
    assert parse_source("ghi chú.txt", cwd=tmp_path) == WindowSource("file", str(note.resolve()))
    assert parse_source(note.as_uri()) == WindowSource("file", str(note.resolve()))


@pytest.mark.parametrize(
    "argument",
    [
        "readshelf://save?url=javascript%3Aalert(1)",
        "readshelf://save?url=file%3A%2F%2F%2Fetc%2Fpasswd",
        "readshelf://save",
        "readshelf://delete?url=https%3A%2F%2Fexample.vn",
        "ftp://example.vn/a",
        "missing-file.html",
    ],
)
def test_anything_else_is_refused_with_a_reason(argument: str, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"^cannot save"):
        parse_source(argument, cwd=tmp_path)


def test_the_name_is_per_library(tmp_path: Path) -> None:
    assert server_name(tmp_path / "a.sqlite") != server_name(tmp_path / "b.sqlite")
    assert server_name(tmp_path / "a.sqlite") == server_name(tmp_path / "x" / ".." / "a.sqlite")


@pytest.mark.skipif(sys.platform == "win32", reason="Unix sockets")
def test_a_stale_socket_does_not_block_starting(qtbot: object, tmp_path: Path) -> None:
    library = tmp_path / "lib.sqlite"
    name = server_name(library)
    # What a crashed window leaves: the socket file, nobody listening.
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(f"/tmp/{name}")
    stale.close()
    try:
        assert not hand_over(library, [])
        server = InstanceServer(library)
        assert server.listen()
        server.close()
    finally:
        Path(f"/tmp/{name}").unlink(missing_ok=True)


def _wait_until(condition: object, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.2)
    raise AssertionError(f"not within {timeout} s")


def _urls(path: Path) -> set[str]:
    with Library(path) as library:
        articles = [
            library.get_article(summary.id)
            for summary in library.list_articles(ArticleFilter(), limit=50)
            if summary.capture_status == "complete"
        ]
        return {article.url or article.page_url or "" for article in articles}


@pytest.mark.slow
def test_a_second_start_hands_its_sources_to_the_window(
    tmp_path: Path, loopback: LoopbackServer
) -> None:
    library = tmp_path / "lib.sqlite"
    env = cli_env(tmp_path / "home", QT_QPA_PLATFORM="offscreen")
    first_url = loopback.route(
        "/page.html", Response(body=PAGE, headers={"Content-Type": "text/html; charset=utf-8"})
    )
    second_url = loopback.route(
        "/other.html",
        Response(
            body=PAGE.replace("Hội An".encode(), "Huế".encode()),
            headers={"Content-Type": "text/html; charset=utf-8"},
        ),
    )
    main = [sys.executable, str(ROOT / "main.py"), "--library", str(library)]
    window = subprocess.Popen(
        main, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        # Listening: a start with nothing to save is taken (the window comes forward).
        _wait_until(lambda: hand_over(library, []), timeout=60)
        started = time.monotonic()
        handed = subprocess.run(
            [*main, first_url], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60
        )
        assert handed.returncode == 0, handed.stderr
        link = f"readshelf://save?url={second_url.replace(':', '%3A').replace('/', '%2F')}"
        scheme = subprocess.run(
            [*main, link], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60
        )
        assert scheme.returncode == 0, scheme.stderr
        # Handed over, not a second window: both returned while the first runs.
        assert window.poll() is None
        assert time.monotonic() - started < 60
        _wait_until(lambda: {first_url, second_url} <= _urls(library), timeout=60)
    finally:
        window.terminate()
        window.wait(timeout=30)
    assert os.path.exists(library)
