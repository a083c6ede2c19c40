"""A dropped selection is a clip: its own article, linked to its page, and
never a replacement for the page's article. Real library files, real HTTP
on loopback, and the same services the window's drop calls."""

from __future__ import annotations

from pathlib import Path

import pytest

from services import save
from storage import Library
from tests.support.images import png
from tests.support.loopback import LoopbackServer

# 86 words of body and one captioned picture.
PARAGRAPHS = [
    "Phố cổ Hà Nội thức dậy sớm khi những gánh hàng rong đầu tiên đi qua"
    " các con ngõ nhỏ và mùi phở bò lan khắp phố Hàng Bạc.",
    "Người bán hàng kể rằng nghề nấu phở của gia đình bà đã có từ ba đời,"
    " nước dùng được ninh từ xương bò suốt đêm với quế, hồi và gừng nướng.",
    "Du khách nước ngoài xếp hàng dài trước quán nhỏ, còn người Hà Nội thì"
    " ngồi ghế nhựa thấp bên vỉa hè, vừa ăn vừa trò chuyện về thời tiết mùa thu.",
]
PAGE_TITLE = "Một buổi sáng ở phố cổ"


def page_html(image_url: str) -> str:
    body = "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    return (
        f"<html><head><title>{PAGE_TITLE}</title></head><body><article>"
        f"<h1>{PAGE_TITLE}</h1>{body[: body.index('</p>') + 4]}"
        f'<figure><img src="{image_url}" width="640" height="480">'
        "<figcaption>Gánh phở buổi sớm trên phố Hàng Bạc</figcaption></figure>"
        f"{body[body.index('</p>') + 4 :]}</article></body></html>"
    )


SELECTION = f"<p>{PARAGRAPHS[1]}</p>"


@pytest.fixture
def pho_co(loopback: LoopbackServer) -> str:
    image = loopback.route("/pho.png", body=png(640, 480), headers={"Content-Type": "image/png"})
    return loopback.route(
        "/pho_co.html",
        body=page_html(image).encode(),
        headers={"Content-Type": "text/html; charset=utf-8"},
    )


def test_a_selection_from_a_saved_page_is_a_clip_and_never_touches_the_page(
    library: Library, pho_co: str
) -> None:
    page = save.save_source(library, pho_co)
    before = library.get_article(page.id)
    assert before.word_count >= 80 and len(before.images) == 1

    clip = save.save_selection(library, SELECTION, pho_co)

    assert clip.id != page.id and clip.status == "added"
    after = library.get_article(page.id)
    assert (after.title, after.body_text, after.word_count) == (
        before.title,
        before.body_text,
        before.word_count,
    )
    assert len(after.images) == 1 and library.image_data(page.id, 0) is not None
    assert library.versions(page.id) == []
    clipped = library.get_article(clip.id)
    assert clipped.kind == "clip"
    assert clipped.title == f"Clipped from {PAGE_TITLE}"
    assert clipped.page_url == pho_co
    assert clipped.clip_of == page.id
    assert after.clips == (clip.id,)
    assert "nước dùng" in clipped.body_text and "Du khách" not in clipped.body_text
    assert library.count_articles() == 2


def test_a_clip_keeps_its_pictures_and_is_linked_when_the_page_is_saved_later(
    library: Library, pho_co: str, loopback: LoopbackServer
) -> None:
    image = loopback.url("/pho.png")
    selection = f'<p>{PARAGRAPHS[0]}</p><img src="{image}" width="640" height="480">'
    clip = save.save_selection(library, selection, pho_co)
    clipped = library.get_article(clip.id)
    assert clipped.kind == "clip" and clipped.clip_of is None
    # Not saved yet: titled from the selection's own text.
    assert not clipped.title.startswith("Clipped from")
    assert len(clipped.images) == 1 and library.image_data(clip.id, 0) is not None

    page = save.save_source(library, pho_co)

    assert page.id != clip.id and page.status == "added"
    assert library.get_article(clip.id).clip_of == page.id
    assert library.get_article(page.id).clips == (clip.id,)
    assert library.find_article_id(pho_co) == page.id


def test_the_same_selection_dropped_twice_is_one_clip(library: Library, pho_co: str) -> None:
    page = save.save_source(library, pho_co)
    first = save.save_selection(library, SELECTION, pho_co)
    second = save.save_selection(library, SELECTION, pho_co)
    other = save.save_selection(library, f"<p>{PARAGRAPHS[2]}</p>", pho_co)
    assert (first.status, second.status, second.id) == ("added", "updated", first.id)
    assert other.id not in (first.id, page.id)
    assert library.get_article(page.id).clips == (first.id, other.id)


def test_deleting_the_page_keeps_its_clips(library_path: Path, pho_co: str) -> None:
    with Library(library_path) as library:
        page = save.save_source(library, pho_co)
        clip = save.save_selection(library, SELECTION, pho_co)
        library.delete_articles([page.id])
    with Library(library_path) as library:
        kept = library.get_article(clip.id)
        assert kept.kind == "clip" and kept.clip_of is None and kept.page_url == pho_co


def test_reextracting_a_clip_keeps_it_a_clip_of_its_page(library: Library, pho_co: str) -> None:
    page = save.save_source(library, pho_co)
    clip = save.save_selection(library, SELECTION, pho_co)
    report = save.reextract(library, clip.id)
    assert report.id == clip.id and report.notice is None
    kept = library.get_article(clip.id)
    assert (kept.kind, kept.page_url, kept.clip_of, kept.url) == ("clip", pho_co, page.id, None)
    assert library.get_article(page.id).body_text.count("nước dùng") == 1
