"""Hostile feeds subscribed to with ``main.py feeds add``, from a real server:
each is refused with a clear one-line reason, within a time bound, and the
library is left exactly as it was. No entity is ever expanded, no external
DTD or entity is ever loaded (from disk or from the network), and neither
``/etc/passwd`` nor a planted secret file ever reaches the library.
"""

from __future__ import annotations

import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.hostile.support import (
    FEED_FIXTURES,
    MB,
    TEXT_FIXTURES,
    forbidden_links,
    gzip_bomb,
    library_digest,
)
from tests.hostile.support import library_holds as holds
from tests.support.cli import cli_env, run_cli, run_json
from tests.support.images import png
from tests.support.loopback import LoopbackServer, Response

RSS = {"Content-Type": "application/rss+xml"}
SECRET = b"SECRET-MARKER-7f3a"
PASSWD_MARKER = b"root:x:0:0"


def rss(title: str, extra_head: str = "", description: str = "Tin.") -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n{extra_head}\n<rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://127.0.0.1/</link><item><title>{title}</title>"
        f"<link>http://127.0.0.1/1</link><description>{description}</description></item>"
        "</channel></rss>"
    ).encode()


def hostile_feeds(
    server: LoopbackServer, secret: Path, dtd: Path
) -> dict[str, tuple[Response, str]]:
    """Path on the server -> (answer, the reason it must be refused with)."""
    atom = (FEED_FIXTURES / "atom.xml").read_bytes()
    entity = "refused: the feed declares XML entities"
    remote_dtd = server.url("/evil.dtd")
    return {
        "/laughs.xml": (
            Response(body=(FEED_FIXTURES / "billion_laughs.xml").read_bytes(), headers=RSS),
            entity,
        ),
        "/passwd.xml": (
            Response(body=(FEED_FIXTURES / "xxe_passwd.xml").read_bytes(), headers=RSS),
            entity,
        ),
        "/secret.xml": (
            Response(
                body=rss("&x;", f'<!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>', "&x;"),
                headers=RSS,
            ),
            entity,
        ),
        "/parameter.xml": (
            Response(
                body=rss("T", f'<!DOCTYPE rss [<!ENTITY % p SYSTEM "file://{dtd}"> %p;]>'),
                headers=RSS,
            ),
            entity,
        ),
        "/utf16.xml": (
            Response(
                body=rss("&x;", f'<!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>')
                .decode()
                .replace('encoding="utf-8"', 'encoding="utf-16"')
                .encode("utf-16"),
                headers=RSS,
            ),
            entity,
        ),
        # No declaration in the document: the entities would come from the
        # external DTD, which is never loaded, so they stay undefined.
        "/local-dtd.xml": (
            Response(body=rss("&leak;", f'<!DOCTYPE rss SYSTEM "file://{dtd}">'), headers=RSS),
            "refused: the feed uses entities from an external DTD",
        ),
        "/remote-dtd.xml": (
            Response(
                body=rss("&leak;", f'<!DOCTYPE rss PUBLIC "-//X//EN" "{remote_dtd}">'),
                headers=RSS,
            ),
            "refused: the feed uses entities from an external DTD",
        ),
        "/bomb.xml": (
            Response(
                body=gzip_bomb(64 * MB, b'<?xml version="1.0"?><rss version="2.0"><channel>'),
                headers={**RSS, "Content-Encoding": "gzip"},
            ),
            "the feed is over the 10.0 MB limit once decompressed",
        ),
        "/empty.xml": (Response(body=b"", headers=RSS), "empty file"),
        "/binary.xml": (
            Response(body=png(64, 64), headers=RSS),
            "not a text file: it looks binary",
        ),
        "/half.xml": (
            Response(body=atom[: len(atom) // 2], headers={"Content-Type": "application/atom+xml"}),
            "invalid XML at line",
        ),
        # Ill-formed too: the lenient parser, which reads what the strict one
        # refuses, must never see an entity declaration either.
        "/laughs-illformed.xml": (
            Response(
                body=(FEED_FIXTURES / "billion_laughs.xml")
                .read_bytes()
                .replace(b"</title>", b" & co</title>", 1),
                headers=RSS,
            ),
            entity,
        ),
        "/secret-illformed.xml": (
            Response(
                body=rss("&x; & co", f'<!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>'),
                headers=RSS,
            ),
            entity,
        ),
        "/comment-entity.xml": (
            Response(
                body=rss("A & B", f'<!-- <!ENTITY x SYSTEM "file://{secret}"> -->'),
                headers=RSS,
            ),
            "not repaired: it mentions <!ENTITY",
        ),
        "/deep.json": (
            Response(
                body=b'{"version": "https://jsonfeed.org/version/1.1", "items": '
                + b"[" * 100_000
                + b"]" * 100_000
                + b"}",
                headers={"Content-Type": "application/feed+json"},
            ),
            "invalid JSON: nested too deeply",
        ),
        "/page.html": (
            Response(
                body=b"<!DOCTYPE html><html><head><title>Trang</title></head><body>x</body></html>",
                headers={"Content-Type": "text/html"},
            ),
            "no feed found",
        ),
    }


@pytest.fixture
def seeded(tmp_path: Path, loopback: LoopbackServer) -> Path:
    """A library with an article and a feed subscription already in it."""
    env = cli_env(tmp_path / "home")
    path = tmp_path / "seeded.sqlite"
    run_json("add", TEXT_FIXTURES / "tttd_cong_an_ha_noi.txt", library=path, env=env)
    good = loopback.route("/good.xml", body=rss("Tin tốt"), headers=RSS)
    done = run_cli("feeds", "add", good, "--no-refresh", library=path, env=env)
    assert done.returncode == 0, done.stderr
    return path


def test_hostile_feeds_are_refused_and_change_nothing(
    tmp_path: Path, seeded: Path, loopback: LoopbackServer
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_bytes(SECRET + b"\n")
    dtd = tmp_path / "evil.dtd"
    dtd.write_text(f'<!ENTITY leak SYSTEM "file://{secret}">\n<!ENTITY hi "hello">\n')
    loopback.route("/evil.dtd", body=dtd.read_bytes(), headers={"Content-Type": "text/plain"})
    cases = hostile_feeds(loopback, secret, dtd)
    for path, (response, _reason) in cases.items():
        loopback.route(path, response)
    before = library_digest(seeded)
    env = cli_env(tmp_path / "home", READSHELF_READ_TIMEOUT="5", READSHELF_CONNECT_TIMEOUT="2")

    def subscribe(path: str) -> tuple[str, int, str, float, Path]:
        # Each feed gets its own copy of the library, so two run at once.
        copy = tmp_path / f"copy{path.replace('/', '_')}.sqlite"
        shutil.copy(seeded, copy)
        started = time.monotonic()
        done = run_cli("feeds", "add", loopback.url(path), library=copy, env=env, timeout=60)
        return path, done.returncode, done.stderr, time.monotonic() - started, copy

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = list(pool.map(subscribe, cases))

    for path, returncode, stderr, seconds, copy in outcomes:
        reason = cases[path][1]
        assert returncode == 1, (path, stderr)
        assert stderr.startswith(f"error: cannot subscribe to {loopback.url(path)}: "), stderr
        assert reason in stderr, (path, stderr)
        assert stderr.count("\n") == 1 and "Traceback" not in stderr, stderr
        assert seconds < 20, (path, seconds)
        assert library_digest(copy) == before, path
        assert holds(copy, SECRET) == [] and holds(copy, PASSWD_MARKER) == [], path
    # The external DTD was never fetched: nothing phoned home for it.
    assert loopback.requested("/evil.dtd") == []


def test_a_feed_carrying_hostile_content_is_stored_safely(
    tmp_path: Path, seeded: Path, loopback: LoopbackServer
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_bytes(SECRET + b"\n")
    prose = "Người dân Hà Nội đi bộ quanh hồ Gươm vào mỗi tối cuối tuần, khi phố cấm xe. " * 3
    hostile_html = (
        f"<p>{prose}</p><p><a href='javascript:alert(1)'>một</a> <a href='file:///etc/passwd'>"
        f"hai</a> <img src='file:///etc/passwd'><img src='file://{secret}'>"
        "<iframe src='file:///etc/passwd'></iframe><script>alert(2)</script>"
        f"<svg onload='alert(3)'><script>alert(4)</script></svg></p><p>{prose}</p>"
    )
    feed = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:xi="http://www.w3.org/2001/XInclude" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>Tin lạ</title><link>{loopback.url('/')}</link>"
        f"<item><title>Bài có mã</title><link>{loopback.url('/bai-1')}</link><guid>1</guid>"
        '<enclosure url="file:///etc/passwd" type="image/png" length="1"/>'
        f"<content:encoded><![CDATA[{hostile_html}]]></content:encoded></item>"
        f"<item><title>Bài có xi:include</title><link>{loopback.url('/bai-2')}</link>"
        f'<guid>2</guid><description><xi:include href="file://{secret}" parse="text"/>'
        f"{prose}</description></item></channel></rss>"
    ).encode()
    url = loopback.route("/tin.xml", body=feed, headers=RSS)
    env = cli_env(tmp_path / "home", READSHELF_READ_TIMEOUT="5", READSHELF_CONNECT_TIMEOUT="2")
    seed = run_json("show", "1", library=seeded, env=env)
    started = time.monotonic()
    done = run_cli("feeds", "add", url, "--mode", "feed", library=seeded, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - started < 20
    articles = run_json("list", library=seeded, env=env)
    titles = {article["title"]: article["id"] for article in articles}
    assert {"Bài có mã", "Bài có xi:include"} <= set(titles)
    for title in ("Bài có mã", "Bài có xi:include"):
        article = run_json("show", str(titles[title]), library=seeded, env=env)
        assert forbidden_links(article["html"]) == [], article["html"]
        assert "Hà Nội đi bộ" in article["text"]
        assert all(not image["has_data"] for image in article["images"])
    assert run_json("show", "1", library=seeded, env=env) == seed
    assert holds(seeded, SECRET) == [] and holds(seeded, PASSWD_MARKER) == []
    # Feed mode reads the entries' own content: only the feed was fetched.
    assert [request.path for request in loopback.requests if request.path != "/good.xml"] == [
        "/tin.xml"
    ]
