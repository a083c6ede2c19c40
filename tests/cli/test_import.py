"""``import`` end to end: other readers' exports through the real entry
point, the bundle as before, and the fetch queue surviving a killed process."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storage import Library
from tests.capture.importers.test_importers import IMPORTS, zipped
from tests.cli.test_transfer import assert_one_line_error
from tests.services.test_importing import article_page, write_pocket
from tests.support.cli import ROOT, cli_env, command_line, invoke_cli, invoke_json
from tests.support.loopback import LoopbackServer, Response


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return cli_env(tmp_path / "home")


def test_import_detects_each_format_and_prints_counts(
    tmp_path: Path, library_path: Path, env: dict[str, str]
) -> None:
    pocket = zipped(IMPORTS / "pocket-2025", tmp_path / "pocket.zip")
    done = invoke_cli("import", pocket, "--no-fetch", library=library_path, env=env)
    assert done.returncode == 0, done.stderr
    assert "imported 5 articles from Pocket (pocket.zip): 5 added" in done.stdout
    assert "5 articles wait for their page" in done.stdout
    assert "1 entries have no web address" in done.stderr

    wallabag = invoke_json(
        "import", IMPORTS / "wallabag-export.json", "--no-fetch", library=library_path, env=env
    )
    assert wallabag == {
        "format": "wallabag",
        "articles": 2,
        "added": 2,
        "updated": 0,
        "unchanged": 0,
        "skipped": 0,
        "highlights": 1,
        "with_text": 1,
        "fetched": 0,
        "fetch_failed": 0,
        "pending": 6,
    }
    for name, expected in (
        ("instapaper-export.csv", "instapaper"),
        ("readwise-reader.csv", "readwise"),
        ("bookmarks-firefox.html", "bookmarks"),
        ("ril_export.html", "pocket"),
    ):
        result = invoke_json("import", IMPORTS / name, "--no-fetch", library=library_path, env=env)
        assert result["format"] == expected
    again = invoke_json(
        "import", IMPORTS / "bookmarks-firefox.html", "--no-fetch", library=library_path, env=env
    )
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 3)


def test_from_overrides_detection_and_refusals_are_one_line(
    tmp_path: Path, library_path: Path, env: dict[str, str]
) -> None:
    forced = invoke_json(
        "import", IMPORTS / "pocket-2025" / "part_000000.csv", "--from", "pocket", "--no-fetch",
        library=library_path, env=env,
    )  # fmt: skip
    assert forced["added"] == 3
    with Library(library_path) as library:
        writes = library.write_count()
    wrong = invoke_cli(
        "import", IMPORTS / "wallabag-export.json", "--from", "instapaper",
        library=library_path, env=env,
    )  # fmt: skip
    assert_one_line_error(wrong, "no URL, Title, Selection, Folder column")
    unknown = tmp_path / "notes.txt"
    unknown.write_text("hello\n", encoding="utf-8")
    assert_one_line_error(
        invoke_cli("import", unknown, library=library_path, env=env), "not an export"
    )
    assert_one_line_error(
        invoke_cli("import", tmp_path / "missing.zip", library=library_path, env=env),
        "no such file",
    )
    with Library(library_path) as library:
        assert library.write_count() == writes


def test_import_fetches_pages_with_a_progress_bar(
    tmp_path: Path, library_path: Path, env: dict[str, str], loopback: LoopbackServer
) -> None:
    for n in range(3):
        loopback.route(f"/bai-{n}.html", body=article_page(f"Bài {n} ở Huế"),
                       headers={"Content-Type": "text/html"})  # fmt: skip
    export = write_pocket(
        tmp_path / "pocket.csv", [loopback.url(f"/bai-{n}.html") for n in range(3)]
    )
    env = {**env, "READSHELF_IMPORT_HOST_DELAY": "0"}
    done = invoke_cli("import", export, library=library_path, env=env)
    assert done.returncode == 0, done.stderr
    assert "fetching pages" in done.stderr
    assert "fetched 3 pages; 0 could not be fetched" in done.stdout
    with Library(library_path) as library:
        assert library.import_queue() == []
        assert {s.capture_status for s in library.list_articles()} == {"complete"}


@pytest.mark.slow
def test_fetch_queue_survives_a_killed_process(
    tmp_path: Path, library_path: Path, env: dict[str, str], loopback: LoopbackServer
) -> None:
    pages = 8
    for n in range(pages):
        loopback.route(
            f"/bai-{n}.html",
            Response(body=article_page(f"Bài {n} ở Huế"), headers={"Content-Type": "text/html"},
                     delay=0.3),
        )  # fmt: skip
    urls = [loopback.url(f"/bai-{n}.html") for n in range(pages)]
    export = write_pocket(tmp_path / "pocket.csv", urls)
    env = {**env, "READSHELF_IMPORT_HOST_DELAY": "0"}
    command = [
        sys.executable,
        str(ROOT / "main.py"),
        *command_line(("import", export), library_path),
    ]
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    complete_before: set[str] = set()
    try:
        deadline = time.monotonic() + 60
        while len(complete_before) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
            if not library_path.exists():
                continue
            with Library(library_path) as library:
                complete_before = {
                    article.url or ""
                    for article in map(library.get_article, (s.id for s in library.list_articles()))
                    if article.capture_status == "complete"
                }
        assert len(complete_before) >= 3, "the import never got going"
    finally:
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert len(complete_before) < pages  # killed mid-way

    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "0 added" in done.stdout
    with Library(library_path) as library:
        assert library.count_articles() == pages
        assert library.import_queue() == []
        for url in urls:
            article = library.get_article(library.find_article_id(url) or 0)
            assert article.capture_status == "complete", url
            assert article.saved.startswith("2023-11-14")
    for url in urls:
        path = url.split(str(loopback.port))[1]
        requests = len(loopback.requested(path))
        # Saved before the kill: never fetched again. The one in flight at
        # the kill is fetched a second time; the rest once.
        assert requests == 1 if url in complete_before else requests in (1, 2), (url, requests)
    assert sum(len(loopback.requested(f"/bai-{n}.html")) for n in range(pages)) <= pages + 1
