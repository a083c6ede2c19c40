"""Importing other readers' exports into a real library, and the fetch
queue filling the pending articles in from a real loopback server."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from core.imported import NOT_FETCHED_YET, ImportFileError
from core.models import ArticleRecord
from services.importing import default_fetch, fetch_imported, import_export
from storage import ArticleFilter, Library
from tests.capture.importers.test_importers import IMPORTS, zipped
from tests.support.loopback import LoopbackServer, RecordedRequest, Response

PHO = "https://vnexpress.example/am-thuc/pho-ha-noi-mua-dong-4701234.html"


def article_page(title: str, words: int = 160) -> bytes:
    paragraph = " ".join(f"{title.split()[0].lower()}{n}" for n in range(words // 4))
    body = "".join(f"<p>{paragraph} câu {n} kết thúc ở đây.</p>" for n in range(4))
    return (
        f"<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'><title>{title}</title>"
        f"</head><body><article><h1>{title}</h1>{body}</article></body></html>"
    ).encode()


def test_pocket_import_keeps_order_state_and_tags(library: Library, tmp_path: Path) -> None:
    report = import_export(library, zipped(IMPORTS / "pocket-2025", tmp_path / "pocket.zip"))
    assert (report.format, report.added, report.skipped, report.pending) == ("pocket", 5, 1, 5)
    pho = library.get_article(library.find_article_id(PHO) or 0)
    assert (pho.title, pho.saved, pho.capture_status) == (
        "Phở Hà Nội mùa đông",
        "2023-11-14T22:13:20+00:00",
        "pending",
    )
    assert pho.capture_error == NOT_FETCHED_YET and pho.arrived_by == "import"
    assert set(pho.tags) == {"ẩm thực", "Hà Nội"}
    # The list keeps the person's own order: newest saved there first.
    listed = [summary.title for summary in library.list_articles()]
    assert listed[0] == "Phở Hà Nội mùa đông"
    assert listed[-1] == "https://example.net/untitled-page-77"  # untitled: its address
    archived = library.list_articles(ArticleFilter(status="archived"))
    assert {summary.title for summary in archived} == {
        "A title, with a comma",
        "Giá xăng giảm lần thứ ba",
    }
    assert [hit.title for hit in library.search("pho ha noi")] == ["Phở Hà Nội mùa đông"]


def test_importing_the_same_file_twice_adds_nothing(library: Library, tmp_path: Path) -> None:
    for name in ("instapaper-export.csv", "omnivore-export", "wallabag-export.json"):
        import_export(library, IMPORTS / name)
    counts = (library.count_articles(), library.count_highlights(), library.list_tags())
    writes = library.write_count()
    for name in ("instapaper-export.csv", "omnivore-export", "wallabag-export.json"):
        again = import_export(library, IMPORTS / name)
        assert (again.added, again.updated, again.highlights, again.with_text) == (0, 0, 0, 0)
        assert again.unchanged == again.articles
    assert (library.count_articles(), library.count_highlights(), library.list_tags()) == counts
    assert library.write_count() - writes == 3  # one batch each, nothing in them


def test_instapaper_selections_become_highlights(library: Library) -> None:
    report = import_export(library, IMPORTS / "instapaper-export.csv")
    assert (report.added, report.highlights) == (4, 2)
    river = library.find_article_id("https://longform.example/the-river-at-night")
    assert river is not None
    [highlight] = library.highlights(river)
    assert (highlight.kind, highlight.origin) == ("highlight", "instapaper")
    assert highlight.quote == "The river does not hurry, yet everything is accomplished."
    assert highlight.created == "2024-03-09T16:00:00+00:00"
    starred = library.get_article(
        library.find_article_id("https://blog.example.org/posts/favourite-one") or 0
    )
    assert starred.favorite and starred.status == "unread"


def test_carried_text_is_captured_offline_with_marks_and_highlights(
    library: Library, tmp_path: Path
) -> None:
    report = import_export(library, IMPORTS / "wallabag-export.json")
    assert (report.added, report.with_text, report.highlights, report.pending) == (2, 1, 1, 1)
    hue = library.get_article(
        library.find_article_id("https://dulich.example.vn/mot-ngay-o-hue-456.html") or 0
    )
    assert hue.capture_status == "complete"
    assert "bún bò ở chợ Đông Ba" in hue.body_text
    assert (hue.title, hue.status, hue.favorite) == ("Một ngày ở Huế", "archived", True)
    assert hue.saved == "2024-03-01T01:15:00+00:00"
    assert set(hue.tags) == {"du lịch", "Huế"}
    assert library.article_source(hue.id) is not None  # re-extractable
    [note] = library.highlights(hue.id)
    assert (note.quote, note.note, note.origin) == (
        "bún bò ở chợ Đông Ba",
        "Phải thử món này.",
        "wallabag",
    )

    omnivore = import_export(library, zipped(IMPORTS / "omnivore-export", tmp_path / "o.zip"))
    assert (omnivore.added, omnivore.with_text, omnivore.highlights) == (3, 2, 4)
    river = library.get_article(
        library.find_article_id("https://vnexpress.example/thoi-su/song-hong-mua-lu-4705555.html")
        or 0
    )
    assert river.capture_status == "complete" and "Lào Cai" in river.body_text
    assert (river.status, river.reading_position, river.byline) == (
        "archived",
        1.0,
        "Nguyễn Văn An",
    )


def test_an_article_already_saved_keeps_its_text_and_gains_tags_and_state(
    library: Library,
) -> None:
    saved = library.save_article(
        ArticleRecord(
            title="Phở Hà Nội",
            url=PHO,
            body_text="Bát phở nóng hổi buổi sáng ở phố cổ, nước dùng trong.",
            reader_html="<p>Bát phở nóng hổi buổi sáng ở phố cổ, nước dùng trong.</p>",
        ),
        tags=["mine"],
    )
    library.set_status(saved.id, "read")
    before = library.get_article(saved.id)
    report = import_export(library, IMPORTS / "ril_export.html")
    assert (report.added, report.updated) == (2, 1)
    after = library.get_article(saved.id)
    assert (after.body_text, after.title, after.saved) == (
        before.body_text,
        before.title,
        before.saved,
    )
    assert after.capture_status == "complete" and after.status == "read"  # not back to unread
    assert set(after.tags) == {"mine", "ẩm thực", "Hà Nội"}
    assert report.pending == 2  # the two new ones only


def test_a_damaged_file_changes_nothing(library: Library, tmp_path: Path) -> None:
    import_export(library, IMPORTS / "readwise-reader.csv")
    writes, count = library.write_count(), library.count_articles()
    damaged = tmp_path / "readwise.csv"
    text = (IMPORTS / "readwise-reader.csv").read_text(encoding="utf-8")
    damaged.write_text(text + '"Broken,https://x.example/broken-1,0,[],2024,0,new\n', "utf-8")
    with pytest.raises(ImportFileError, match="damaged"):
        import_export(library, damaged)
    assert (library.write_count(), library.count_articles()) == (writes, count)


@pytest.fixture
def site(loopback: LoopbackServer) -> LoopbackServer:
    """Ten article pages on two sites (127.0.0.1 and localhost), each page
    slow enough to see fetches overlap, and one page that is gone."""
    active: dict[str, int] = {}
    lock = threading.Lock()
    loopback.overlaps = []  # type: ignore[attr-defined]

    def page(title: str) -> object:
        def answer(request: RecordedRequest) -> Response:
            host = request.headers.get("Host", "").split(":")[0]
            with lock:
                active[host] = active.get(host, 0) + 1
                loopback.overlaps.append(active[host])  # type: ignore[attr-defined]
            time.sleep(0.05)
            with lock:
                active[host] -= 1
            return Response(body=article_page(title), headers={"Content-Type": "text/html"})

        return answer

    for n in range(10):
        loopback.route(f"/bai-{n}.html", page(f"Bài số {n} về Hà Nội"))  # type: ignore[arg-type]
    loopback.route("/gone.html", status=404, body=b"gone")
    return loopback


def write_pocket(path: Path, urls: list[str]) -> Path:
    rows = [
        f"Imported {n},{url},{1700000000 + n},c{n},đọc sau|test,unread"
        for n, url in enumerate(urls)
    ]
    path.write_text("title,url,time_added,cursor,tags,status\n" + "\n".join(rows) + "\n", "utf-8")
    return path


def test_fetch_queue_fills_pending_articles_politely(
    library: Library, site: LoopbackServer, tmp_path: Path
) -> None:
    urls = [
        f"http://{'127.0.0.1' if n % 2 else 'localhost'}:{site.port}/bai-{n}.html"
        for n in range(10)
    ]
    export = write_pocket(tmp_path / "part_000000.csv", [*urls, site.url("/gone.html")])
    assert import_export(library, export).pending == 11
    seen: list[tuple[int, int]] = []
    report = fetch_imported(
        library,
        fetch=default_fetch(),
        workers=4,
        host_delay=0.02,
        progress=lambda d, t: seen.append((d, t)),
    )
    assert (report.fetched, report.failed, report.left) == (10, 1, 0)
    assert seen[0] == (0, 11) and seen[-1] == (11, 11)
    assert max(site.overlaps) == 1  # type: ignore[attr-defined]  # one fetch at a time per site
    assert library.import_queue() == []
    first = library.get_article(library.find_article_id(urls[0]) or 0)
    assert first.capture_status == "complete" and first.title == "Bài số 0 về Hà Nội"
    assert first.saved == "2023-11-14T22:13:20+00:00"  # still the date saved in Pocket
    assert set(first.tags) == {"đọc sau", "test"} and first.arrived_by == "import"
    gone = library.get_article(library.find_article_id(site.url("/gone.html")) or 0)
    assert gone.capture_status == "pending" and "404" in (gone.capture_error or "")
    assert len(site.requested("/gone.html")) == 1  # out of the queue: never again on its own
    # Everything was fetched once.
    assert all(len(site.requested(f"/bai-{n}.html")) == 1 for n in range(10))


def test_a_stopped_queue_carries_on_next_time(
    library: Library, site: LoopbackServer, tmp_path: Path
) -> None:
    urls = [site.url(f"/bai-{n}.html") for n in range(6)]
    import_export(library, write_pocket(tmp_path / "pocket.csv", urls))
    stop = threading.Event()

    def progress(done: int, total: int) -> None:
        if done >= 2:
            stop.set()

    first = fetch_imported(library, host_delay=0.0, progress=progress, stop=stop)
    assert first.fetched == 2 and first.left == 4
    assert len(library.import_queue()) == 4
    second = fetch_imported(library, host_delay=0.0)
    assert (second.fetched, second.left) == (4, 0)
    assert all(len(site.requested(f"/bai-{n}.html")) == 1 for n in range(6))
