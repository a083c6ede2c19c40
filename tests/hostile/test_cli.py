"""Hostile sources saved the way a person saves them: ``main.py add`` (run
in-process through the real entry point), into a library that already holds an article.

Sources that fail leave every row of the library as it was (a digest of all
tables); sources that succeed leave the existing article untouched and are
stored safely. ``/etc/passwd`` never ends up anywhere in the library.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import pytest

from tests.hostile.support import (
    HOSTILE,
    HTML_FIXTURES,
    HTML_TYPE,
    MB,
    TEXT_FIXTURES,
    article_page,
    deep_nesting,
    forbidden_links,
    gzip_bomb,
    library_digest,
    library_holds,
    sparse_file,
    traversal_site,
    with_invalid_utf8,
)
from tests.support.cli import cli_env, invoke_cli, invoke_json
from tests.support.images import png
from tests.support.loopback import LoopbackServer, Response

PASSWD_MARKER = b"root:x:0:0"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return cli_env(tmp_path / "home", READSHELF_READ_TIMEOUT="5", READSHELF_CONNECT_TIMEOUT="2")


@pytest.fixture
def lib(tmp_path: Path, env: dict[str, str]) -> Path:
    """A library already holding one article (id 1)."""
    path = tmp_path / "lib.sqlite"
    [seed] = invoke_json("add", TEXT_FIXTURES / "tttd_cong_an_ha_noi.txt", library=path, env=env)
    assert seed["id"] == 1
    return path


def add(
    lib: Path, env: dict[str, str], *sources: str | Path, seconds: float, offline: bool = False
) -> list[Any]:
    """``add --json`` of ``sources``, within ``seconds``; the per-source results."""
    options = ["--json", "--offline"] if offline else ["--json"]
    started = time.monotonic()
    done = invoke_cli("add", *options, *sources, library=lib, env=env)
    elapsed = time.monotonic() - started
    assert elapsed < seconds, f"add took {elapsed:.1f} s"
    assert "Traceback" not in done.stderr, done.stderr
    results: list[Any] = json.loads(done.stdout)
    assert [r["source"] for r in results] == [str(source) for source in sources]
    return results


def show(lib: Path, env: dict[str, str], article_id: int) -> Any:
    return invoke_json("show", str(article_id), library=lib, env=env)


def test_files_that_fail_change_nothing(tmp_path: Path, lib: Path, env: dict[str, str]) -> None:
    files = tmp_path / "files"
    files.mkdir()
    (files / "empty.txt").write_bytes(b"")
    (files / "noise.txt").write_bytes(os.urandom(4096))
    (files / "image.html").write_bytes(png(64, 64))
    (files / "empty.mhtml").write_bytes(b"")
    (files / "noise.mhtml").write_bytes(b"\x00\x01garbage" * 100)
    (files / "deep.html").write_text(deep_nesting(100_000))
    (files / "paper.pdf").write_bytes(b"%PDF-1.7\n")
    (files / "folder.html").mkdir()
    huge = sparse_file(files / "huge.html", 200 * MB)
    expected = {
        "empty.txt": "empty file",
        "noise.txt": "not a text file: it looks binary",
        "image.html": "not a text file: it looks binary",
        "empty.mhtml": "not an MHTML file: it has no parts",
        "noise.mhtml": "not an MHTML file: it has no parts",
        "deep.html": "not an HTML page: nothing could be parsed",
        "paper.pdf": "unsupported file type '.pdf'",
        "folder.html": "is a folder, not a file",
        "huge.html": "file is 200.0 MB, over the 20.0 MB limit",
        "missing.txt": "no such file",
    }
    before = library_digest(lib)
    sources = [files / name for name in expected]
    results = add(lib, env, *sources, "/dev/zero", seconds=20)
    assert {Path(r["source"]).name: (r["status"], r["error"]) for r in results} == {
        **{name: ("failed", error) for name, error in expected.items()},
        "zero": ("failed", "not a regular file"),  # a device: never read
    }
    assert library_digest(lib) == before
    assert huge.stat().st_blocks == 0  # still sparse: nothing wrote it out


def test_files_that_succeed_are_stored_safely(
    tmp_path: Path, lib: Path, env: dict[str, str]
) -> None:
    seed_before = show(lib, env, 1)
    files = tmp_path / "files"
    files.mkdir()
    page = traversal_site(tmp_path)
    (files / "deep.html").write_bytes(article_page(deep_nesting(100_000), title="Sâu"))
    (files / "invalid.html").write_bytes(with_invalid_utf8(article_page("", title="Hỏng")))
    half = (HTML_FIXTURES / "dantri.mhtml").read_bytes()
    (files / "half.mhtml").write_bytes(half[: len(half) // 2])
    sources = [HOSTILE / "links.html", HOSTILE / "svg.html", page, *sorted(files.iterdir())]
    results = add(lib, env, *sources, seconds=30, offline=True)
    assert [r["status"] for r in results] == ["added"] * len(sources), results
    for result in results:
        article = show(lib, env, result["id"])
        assert forbidden_links(article["html"]) == [], article["html"]
        assert article["url"] is None or article["url"].startswith(("http://", "https://"))
        for image in article["images"]:
            assert image["mime"] in (None, "image/png", "image/jpeg", "image/gif", "image/webp")
    # The saved page's picture inside its folder was kept; none from outside.
    traversal = show(lib, env, results[2]["id"])
    assert [i["caption"] for i in traversal["images"] if i["has_data"]] == [
        "Ảnh trong thư mục của trang."
    ]
    assert show(lib, env, 1) == seed_before
    assert library_holds(lib, PASSWD_MARKER) == []


def test_web_answers_that_fail_change_nothing(
    loopback: LoopbackServer, lib: Path, env: dict[str, str]
) -> None:
    gzip = {**HTML_TYPE, "Content-Encoding": "gzip"}
    routes = {
        "/bomb": (Response(body=gzip_bomb(64 * MB, b"<html><p>"), headers=gzip),
                  "the answer is over the 20.0 MB limit"),
        "/damaged": (Response(body=b"\x1f\x8b\x08\x00broken" * 20, headers=gzip),
                     "damaged compressed data"),
        "/brotli": (Response(body=b"\x0b\x02\x80hi\x03", headers={**HTML_TYPE,
                                                                    "Content-Encoding": "br"}),
                    "unsupported compression 'br'"),
        "/binary": (Response(body=png(64, 64), headers=HTML_TYPE),
                    "not a text file: it looks binary"),
        "/octets": (Response(body=article_page(""), headers={"Content-Type":
                                                             "application/octet-stream"}),
                    "not a web page: the server sent application/octet-stream"),
        "/empty": (Response(body=b"", headers=HTML_TYPE), "empty file"),
        "/deep": (Response(body=deep_nesting(100_000).encode(), headers=HTML_TYPE),
                  "not an HTML page: nothing could be parsed"),
    }  # fmt: skip
    urls = [loopback.route(path, response) for path, (response, _error) in routes.items()]
    before = library_digest(lib)
    results = add(lib, env, *urls, seconds=30)
    for result, (_response, error) in zip(results, routes.values(), strict=True):
        assert result["status"] == "failed" and result["error"].startswith(error), result
    assert library_digest(lib) == before
