"""Pictures in pages: sniffing their bytes, pairing them with captions and
credits, lazy and responsive addresses, decoration dropped.

The image builders here (``png``, ``gif``, ``jpeg``, ``webp``) are shared
with the other capture tests: small but real files, made in memory.
"""

from __future__ import annotations

import pytest

from capture.figures import credit_text, pick_from_srcset, split_credit
from capture.html_page import extract_fragment, extract_page, finish_article
from capture.image_data import ImageInfo, sniff_image
from capture.images import resolve_images
from core.limits import Limits
from core.models import ArticleRecord
from tests.support.images import gif, jpeg, png, webp

PROSE = " ".join(["This sentence is long enough to read as running prose in a paragraph."] * 2)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (png(30, 20), ImageInfo("image/png", 30, 20)),
        (gif(), ImageInfo("image/gif", 1, 1)),
        (jpeg(640, 480), ImageInfo("image/jpeg", 640, 480)),
        (webp(1024, 768), ImageInfo("image/webp", 1024, 768)),
        (b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", None),
        (b"<!DOCTYPE html><html>not found</html>", None),
        (b"", None),
    ],
)
def test_sniff_image_reads_type_and_size_from_headers(
    data: bytes, expected: ImageInfo | None
) -> None:
    assert sniff_image(data) == expected


@pytest.mark.parametrize(
    ("text", "caption", "credit"),
    [
        ("Người dân đi bộ quanh hồ Gươm. Ảnh: Giang Huy", "Người dân đi bộ quanh hồ Gươm.",
         "Ảnh: Giang Huy"),
        ("Công nhân thi công (Ảnh: NGỌC HIỂN)", "Công nhân thi công", "Ảnh: NGỌC HIỂN"),
        ("Cầu nhìn từ quận 1 - Ảnh: CHÂU TUẤN", "Cầu nhìn từ quận 1", "Ảnh: CHÂU TUẤN"),
        ("Durian on a farm. Photograph: Nhac Nguyen/AFP/Getty Images", "Durian on a farm.",
         "Photograph: Nhac Nguyen/AFP/Getty Images"),
        ("Workers dig a pond. Photo: Reuters", "Workers dig a pond.", "Photo: Reuters"),
        ("Ein Bauer. Foto : dpa", "Ein Bauer.", "Foto: dpa"),
        ("A map of the route. Credit: OpenStreetMap", "A map of the route.",
         "Credit: OpenStreetMap"),
        ("Sơ đồ tuyến phố. Nguồn: Sở GTVT Hà Nội", "Sơ đồ tuyến phố.", "Nguồn: Sở GTVT Hà Nội"),
        ("Ảnh: TTXVN", "", "Ảnh: TTXVN"),
        ("A caption with no credit at all.", "A caption with no credit at all.", ""),
    ],
)  # fmt: skip
def test_split_credit_keeps_the_pages_label(text: str, caption: str, credit: str) -> None:
    assert split_credit(text) == (caption, credit)


@pytest.mark.parametrize(
    ("text", "credit"),
    [
        ("Photograph:  Linh Pham/Getty Images", "Photograph: Linh Pham/Getty Images"),
        ("Ảnh : Trần Bình", "Ảnh: Trần Bình"),
        ("Getty Images", "Getty Images"),
    ],
)
def test_credit_element_text_keeps_its_label(text: str, credit: str) -> None:
    assert credit_text(text) == credit


def test_srcset_picks_a_reading_width() -> None:
    srcset = "a-320.jpg 320w, a-1020.jpg 1020w, a-1900.jpg 1900w"
    assert pick_from_srcset(srcset) == "a-1020.jpg"
    assert pick_from_srcset("big-1600.jpg 1600w, huge-2400.jpg 2400w") == "big-1600.jpg"
    assert pick_from_srcset("a.jpg 1x, a@2x.jpg 2x, a@3x.jpg 3x") == "a@2x.jpg"
    assert pick_from_srcset("https://x.example/a.jpg?w=1,2 500w") == "https://x.example/a.jpg?w=1,2"


def page(body: str) -> str:
    return (
        "<html><head><title>A story</title></head><body><article><h1>A story</h1>"
        f"<p>{PROSE}</p><p>{PROSE}</p>{body}<p>{PROSE}</p><p>{PROSE}</p></article></body></html>"
    )


def record_of(body: str) -> ArticleRecord:
    extracted = extract_page(page(body), "https://news.example/story")
    return finish_article(extracted, lambda found: resolve_images(found, [], Limits()))


def images_of(body: str) -> list[tuple[str | None, str, str]]:
    return [(i.src, i.caption, i.credit) for i in record_of(body).images]


def test_lazy_images_use_the_real_address_not_the_placeholder() -> None:
    placeholder = "data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw=="
    body = "".join(
        f'<figure><img src="{placeholder}" {attr}="/img/{attr}.jpg" alt="x">'
        f"<figcaption>Caption {attr}</figcaption></figure><p>{PROSE}</p>"
        for attr in ("data-src", "data-original", "data-lazy-src")
    )
    assert images_of(body) == [
        ("https://news.example/img/data-src.jpg", "Caption data-src", ""),
        ("https://news.example/img/data-original.jpg", "Caption data-original", ""),
        ("https://news.example/img/data-lazy-src.jpg", "Caption data-lazy-src", ""),
    ]


def test_tracking_pixels_hidden_images_and_icons_are_dropped() -> None:
    body = (
        '<p><img src="/t/pixel.gif" width="1" height="1"></p>'
        '<p><img src="/photo-hidden.jpg" style="display:none" width="800" height="600"></p>'
        '<p><img src="/photo-hidden2.jpg" hidden width="800" height="600"></p>'
        '<p><img src="/icons/share.png" width="24" height="24"></p>'
        '<p><img class="emoji" src="/e/1f600.png"></p>'
        f'<p><img src="/real.jpg" width="800" height="600" alt="real"></p><p>{PROSE}</p>'
    )
    assert images_of(body) == [("https://news.example/real.jpg", "", "")]


def test_vietnamese_caption_table_and_p_image() -> None:
    body = (
        '<table class="tplCaption"><tr><td><img src="/a.jpg" alt="a"></td></tr>'
        '<tr><td><p class="Image">Ảnh trong bảng. Ảnh: Minh Anh</p></td></tr></table>'
        f"<p>{PROSE}</p>"
        '<p><img src="/b.jpg" alt="b"></p><p class="Image">Ảnh rời (Ảnh: TTXVN)</p>'
        f"<p>{PROSE}</p>"
        '<div type="Photo"><div><img src="/c.jpg"></div>'
        '<div class="PhotoCMS_Caption"><p>Ảnh hộp - Ảnh: Lê Vũ</p></div></div>'
    )
    assert images_of(body) == [
        ("https://news.example/a.jpg", "Ảnh trong bảng.", "Ảnh: Minh Anh"),
        ("https://news.example/b.jpg", "Ảnh rời", "Ảnh: TTXVN"),
        ("https://news.example/c.jpg", "Ảnh hộp", "Ảnh: Lê Vũ"),
    ]


def test_wordpress_caption_div_and_raw_shortcode() -> None:
    body = (
        '<div class="wp-caption aligncenter"><img src="/wp/a.jpg" alt="a">'
        '<p class="wp-caption-text">A bowl of phở. Photo: Thảo</p></div>'
        f"<p>{PROSE}</p>"
        '<p>[caption id="attachment_9" width="800"]<img src="/wp/b.jpg" alt="b"> '
        "The queue at dawn.[/caption]</p>"
    )
    record = record_of(body)
    assert [(i.src, i.caption, i.credit) for i in record.images] == [
        ("https://news.example/wp/a.jpg", "A bowl of phở.", "Photo: Thảo"),
        ("https://news.example/wp/b.jpg", "The queue at dawn.", ""),
    ]
    assert "[caption" not in record.body_text
    assert "The queue at dawn" not in record.body_text


def test_picture_prefers_the_source_without_media_query() -> None:
    body = (
        "<figure><picture>"
        '<source media="(min-width: 1300px)" srcset="/wide-1900.jpg 1900w">'
        '<source srcset="/p-480.jpg 480w, /p-960.jpg 960w">'
        '<img src="/fallback.jpg" alt="p"></picture><figcaption>Pic</figcaption></figure>'
    )
    assert images_of(body) == [("https://news.example/p-960.jpg", "Pic", "")]


def test_fetched_images_get_bytes_mime_and_size_and_non_images_stay_pending() -> None:
    body = (
        '<figure><img src="/ok.png" alt="ok"><figcaption>Fine</figcaption></figure>'
        f"<p>{PROSE}</p>"
        '<figure><img src="/broken.jpg" alt="x"><figcaption>Not an image</figcaption></figure>'
        f"<p>{PROSE}</p>"
        '<p><img src="/spacer.png" alt=""></p>'
    )
    served = {
        "https://news.example/ok.png": png(640, 360),
        "https://news.example/broken.jpg": b"<html>error page</html>",
        "https://news.example/spacer.png": png(1, 1),
    }
    extracted = extract_page(page(body), "https://news.example/story")
    record = finish_article(
        extracted,
        lambda found: resolve_images(found, [lambda image: served.get(image.url)], Limits()),
    )
    assert [(i.src, i.mime, i.width, i.height, i.data is not None) for i in record.images] == [
        ("https://news.example/ok.png", "image/png", 640, 360, True),
        ("https://news.example/broken.jpg", None, None, None, False),
    ]
    assert record.reader_html.count("<figure>") == 2


def test_image_count_is_limited() -> None:
    body = "".join(
        f'<figure><img src="/i{n}.jpg" alt=""><figcaption>C{n}</figcaption></figure><p>{PROSE}</p>'
        for n in range(5)
    )
    extracted = extract_page(page(body), "https://news.example/story")
    limits = Limits(max_images_per_article=3)
    record = finish_article(extracted, lambda found: resolve_images(found, [], limits))
    assert [i.caption for i in record.images] == ["C0", "C1", "C2"]
    assert record.reader_html.count("<figure>") == 3


def test_fragment_figure_keeps_its_place() -> None:
    extracted = extract_fragment(
        "<p>First paragraph.</p><figure><img src='https://x.example/a.jpg'>"
        "<figcaption>Cap. Ảnh: A</figcaption></figure><p>Second paragraph.</p>",
        "https://x.example/story",
    )
    record = finish_article(extracted, lambda found: resolve_images(found, [], Limits()))
    assert record.reader_html == (
        "<p>First paragraph.</p>\n"
        '<figure><img src="image:0" alt=""><figcaption>Cap. <span class="credit">Ảnh: A</span>'
        "</figcaption></figure>\n<p>Second paragraph.</p>"
    )


def test_text_in_a_list_outside_its_items_and_around_a_quotes_list_is_kept() -> None:
    # "<ul><i>…</i></ul>" inside a quote, with a label before it: every
    # word of the quote stays, and so does text after a nested list.
    body = (
        f"<p>{PROSE}</p>"
        "<blockquote><b>Makali wrote:</b><ul><i>Skins are a cool idea, said nobody "
        "who had to use them.</i></ul><p>I am fully in support of this.</p></blockquote>"
        f"<p>{PROSE}</p>"
        "<ul><li>First point <ul><li>nested point</li></ul> and the end of the first</li>"
        "<li>Second point</li></ul>"
        f"<p>{PROSE}</p>"
    )
    text = record_of(body).body_text
    for words in ("Makali wrote:", "Skins are a cool idea, said nobody who had to use them.",
                  "I am fully in support of this.", "nested point", "and the end of the first",
                  "Second point"):  # fmt: skip
        assert words in text
