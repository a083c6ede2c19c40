"""``feeds`` commands through the real entry point (in-process) against the loopback server."""

from __future__ import annotations

import json
from pathlib import Path

from storage import Library
from tests.capture.test_feeds_site import NewsSite, standard_stories
from tests.support.cli import cli_env, invoke_cli, invoke_json
from tests.support.loopback import LoopbackServer, Response

FEED_KEYS = {
    "id", "url", "title", "site_url", "tag", "mode", "last_checked", "last_status", "error",
    "repaired", "charset", "entries", "unread",
}  # fmt: skip


def test_subscribe_refresh_export_import_remove(loopback: LoopbackServer, tmp_path: Path) -> None:
    env = cli_env(tmp_path / "home")
    library = tmp_path / "library.sqlite"
    site = NewsSite(loopback)
    feed_url = site.publish("/rss.xml", site.rss(standard_stories(site, 2)))
    loopback.route(
        "/",
        body=b'<html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml">'
        b"</head><body>home</body></html>",
        headers={"Content-Type": "text/html"},
    )

    added = invoke_json(
        "feeds", "add", loopback.url("/"), "--tag", "Báo chí", library=library, env=env
    )
    assert (added["url"], added["tag"], added["refresh"]["added"]) == (feed_url, "Báo chí", 2)

    (listed,) = invoke_json("feeds", "list", library=library, env=env)
    assert set(listed) == FEED_KEYS
    assert (listed["entries"], listed["unread"], listed["last_status"], listed["error"]) == (
        2,
        2,
        200,
        None,
    )
    assert listed["title"] == "Báo Mẫu - Thời sự"
    assert (listed["repaired"], listed["charset"]) == (None, "utf-8")

    (again,) = invoke_json("feeds", "refresh", library=library, env=env)
    assert (again["outcome"], again["status"], again["added"]) == ("not-modified", 304, 0)
    with Library(library) as opened:
        assert opened.count_articles() == 2

    opml = tmp_path / "feeds.opml"
    done = invoke_cli("feeds", "export-opml", opml, library=library, env=env)
    assert done.returncode == 0, done.stderr
    other = tmp_path / "other.sqlite"
    imported = invoke_json("feeds", "import-opml", opml, library=other, env=env)
    assert [(feed["url"], feed["tag"]) for feed in imported["added"]] == [(feed_url, "Báo chí")]

    removed = invoke_cli("feeds", "remove", str(listed["id"]), library=library, env=env)
    assert removed.stdout.strip() == f"removed feed {listed['id']} and 2 articles"
    assert invoke_json("feeds", "list", library=library, env=env) == []


def test_failures_are_one_line_each_with_exit_status_1(
    loopback: LoopbackServer, tmp_path: Path
) -> None:
    env = cli_env(tmp_path / "home")
    library = tmp_path / "library.sqlite"
    loopback.route(
        "/page",
        body=b"<html><body>no feed here</body></html>",
        headers={"Content-Type": "text/html"},
    )
    site = NewsSite(loopback)
    feed_url = site.publish("/rss.xml", site.rss(standard_stories(site, 1)))

    refused = invoke_cli("feeds", "add", loopback.url("/page"), library=library, env=env)
    assert refused.returncode == 1
    assert refused.stderr.splitlines() == [
        f"error: cannot subscribe to {loopback.url('/page')}: no feed found:"
        f" {loopback.url('/page')} is a web page that links to no feed"
    ]

    subscribed = invoke_cli("feeds", "add", feed_url, "--no-refresh", library=library, env=env)
    assert subscribed.returncode == 0, subscribed.stderr
    loopback.route("/rss.xml", Response(500, b"boom"))
    broken = invoke_cli("feeds", "refresh", "--json", library=library, env=env)
    assert broken.returncode == 1
    assert broken.stderr.splitlines() == [f"failed 1 {feed_url}: HTTP 500 Internal Server Error"]
    assert json.loads(broken.stdout)[0]["error"] == "HTTP 500 Internal Server Error"
    with Library(library) as opened:
        (feed,) = opened.list_feeds()
    assert (feed.last_status, feed.error, feed.failures) == (
        500,
        "HTTP 500 Internal Server Error",
        1,
    )

    unknown = invoke_cli("feeds", "refresh", "99", library=library, env=env)
    assert (unknown.returncode, unknown.stderr.strip()) == (1, "error: no feed with id 99")


def test_a_repaired_feed_says_why_in_feeds_list(loopback: LoopbackServer, tmp_path: Path) -> None:
    env = cli_env(tmp_path / "home")
    library = tmp_path / "library.sqlite"
    # An unescaped ampersand: not well-formed XML, but a feed every reader reads.
    feed = (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        "<title>Tin & Bài</title><link>https://example.org/</link>"
        "<item><title>Mưa & gió</title><guid>a1</guid>"
        "<description>Hà Nội mưa to.</description></item>"
        "</channel></rss>"
    ).encode()
    feed_url = loopback.route(
        "/rss.xml", body=feed, headers={"Content-Type": "application/rss+xml", "ETag": '"v1"'}
    )

    added = invoke_json("feeds", "add", feed_url, "--mode", "feed", library=library, env=env)
    assert added["refresh"]["added"] == 1
    (listed,) = invoke_json("feeds", "list", library=library, env=env)
    assert listed["repaired"] is not None
    assert "not well-formed" in listed["repaired"]
    with Library(library) as opened:
        assert [summary.title for summary in opened.list_articles()] == ["Mưa & gió"]
