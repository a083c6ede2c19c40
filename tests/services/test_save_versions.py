"""Re-saving through the services the window and the command line call:
a changed page keeps its previous text as a version; a much shorter one is
held back and the save says so in one line. Real HTTP on loopback, real
library files, real files to re-extract from."""

from __future__ import annotations

from pathlib import Path

from services import save
from storage import Library
from tests.support.loopback import LoopbackServer, RecordedRequest, Response

TITLE = "Phố cổ buổi sáng"
SENTENCES = [f"Câu thứ {n} kể chuyện phố cổ Hà Nội vào một buổi sáng mùa thu." for n in range(10)]


def page(sentences: list[str], title: str = TITLE) -> bytes:
    body = "".join(f"<p>{sentence}</p>" for sentence in sentences)
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"{body}</article></body></html>"
    ).encode()


def serve_changing(loopback: LoopbackServer, pages: list[bytes]) -> str:
    """A page that changes each time it is fetched (the last one stays)."""

    def answer(_: RecordedRequest) -> Response:
        body = pages.pop(0) if len(pages) > 1 else pages[0]
        return Response(body=body, headers={"Content-Type": "text/html; charset=utf-8"})

    return loopback.route("/pho-co-1.html", answer)


def test_a_page_saved_again_after_an_edit_keeps_the_earlier_text(
    library_path: Path, loopback: LoopbackServer
) -> None:
    edited = [*SENTENCES, "Bài viết được cập nhật thêm một đoạn vào buổi chiều."]
    url = serve_changing(loopback, [page(SENTENCES), page(edited)])
    with Library(library_path) as library:
        first = save.save_source(library, url)
        again = save.save_source(library, url)
        assert (again.id, again.status, again.notice) == (first.id, "updated", None)
    with Library(library_path) as library:
        assert "buổi chiều" in library.get_article(first.id).body_text
        [version] = library.versions(first.id)
        assert version.reason == "replaced"
        assert "buổi chiều" not in library.article_version(first.id, 1).body_text


def test_a_much_shorter_page_is_held_back_and_the_save_says_so(
    library_path: Path, loopback: LoopbackServer
) -> None:
    url = serve_changing(loopback, [page(SENTENCES), page(SENTENCES[:2])])
    with Library(library_path) as library:
        first = save.save_source(library, url)
        words = library.get_article(first.id).word_count
        again = save.save_source(library, url)
        assert (again.id, again.held_back) == (first.id, 1)
        assert again.notice is not None and "\n" not in again.notice
        assert f"the saved one {words}" in again.notice
        assert f"revert {first.id} 1" in again.notice
        assert library.get_article(first.id).word_count == words


def test_reextracting_the_same_original_keeps_no_version(tmp_path: Path, library: Library) -> None:
    path = tmp_path / "pho-co.html"
    path.write_bytes(page(SENTENCES))
    first = save.save_source(library, str(path))
    report = save.reextract(library, first.id)
    assert (report.id, report.status, report.notice) == (first.id, "updated", None)
    assert library.versions(first.id) == []


def test_retrying_a_pending_page_keeps_no_empty_version(
    library: Library, loopback: LoopbackServer
) -> None:
    url = loopback.route("/later.html", status=503, body=b"busy")
    pending = save.save_source(library, url)
    assert pending.status == "pending"
    loopback.route("/later.html", body=page(SENTENCES), headers={"Content-Type": "text/html"})
    done = save.retry(library, pending.id)
    assert (done.id, done.status) == (pending.id, "completed")
    assert library.versions(pending.id) == []
