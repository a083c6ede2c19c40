"""The reader HTML allow-list: nothing that runs, nothing that reaches the web."""

from __future__ import annotations

import pytest

from capture.html_page import extract_page, finish_article
from capture.images import resolve_images
from capture.sanitize import sanitize_reader_html
from core.limits import Limits

PROSE = " ".join(["This sentence is long enough to read as running prose in a paragraph."] * 2)


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<p>hi<script>alert(1)</script></p>", "<p>hi</p>"),
        ("<style>p{}</style><p>x</p>", "<p>x</p>"),
        ('<p onclick="x()">x</p>', "<p>x</p>"),
        ('<iframe src="https://evil.example"></iframe><p>x</p>', "<p>x</p>"),
        ('<object data="x.swf"></object><form action="/x"><input></form>', ""),
        ('<a href="javascript:alert(1)">x</a>', '<a rel="noopener noreferrer">x</a>'),
        ('<a href="data:text/html,hi">x</a>', '<a rel="noopener noreferrer">x</a>'),
        ('<a href="/relative">x</a>', '<a rel="noopener noreferrer">x</a>'),
        ('<a href="https://ok.example/">x</a>', '<a href="https://ok.example/" rel="noopener noreferrer">x</a>'),
        ('<a href="mailto:a@b.example">x</a>', '<a href="mailto:a@b.example" rel="noopener noreferrer">x</a>'),
        ('<img src="https://tracker.example/p.gif">', "<img>"),
        ('<img src="image:3" alt="a" onerror="x()">', '<img src="image:3" alt="a">'),
        ('<img src="image:3x">', "<img>"),
        ('<span class="credit evil">c</span>', '<span class="credit">c</span>'),
        ('<p style="background:url(https://x.example/a.png)">x</p>', "<p>x</p>"),
    ],
)  # fmt: skip
def test_allow_list(dirty: str, clean: str) -> None:
    assert sanitize_reader_html(dirty) == clean


def test_a_hostile_page_renders_without_code_or_remote_resources() -> None:
    hostile = (
        "<html><head><title>Hostile</title><base href='https://evil.example/'></head><body>"
        f"<article><h1>Hostile</h1><p>{PROSE}</p>"
        f"<p onmouseover='steal()'>{PROSE} <a href='javascript:steal()'>click</a></p>"
        "<script>steal()</script><iframe src='https://evil.example/frame'></iframe>"
        f"<figure><img src='https://evil.example/a.jpg' onerror='steal()'>"
        "<figcaption>&lt;script&gt;steal()&lt;/script&gt; caption</figcaption></figure>"
        f"<p>{PROSE} <a href='https://ok.example/page'>fine link</a></p><p>{PROSE}</p>"
        "</article></body></html>"
    )
    extracted = extract_page(hostile, "https://news.example/x")
    record = finish_article(extracted, lambda found: resolve_images(found, [], Limits()))
    html = record.reader_html
    for banned in ("<script", "<iframe", "onerror", "onmouseover", "javascript:",
                   "evil.example/a.jpg", "evil.example/frame"):  # fmt: skip
        assert banned not in html
    # Markup in a caption's text stays text: escaped, shown, never run.
    assert html.count("steal()") == 1
    assert "<figcaption>&lt;script&gt;steal()&lt;/script&gt; caption</figcaption>" in html
    assert '<a href="https://ok.example/page" rel="noopener noreferrer">fine link</a>' in html
    assert '<img src="image:0" alt="">' in html
    assert record.images[0].src == "https://evil.example/a.jpg"
