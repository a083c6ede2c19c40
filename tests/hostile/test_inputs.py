"""Hostile and broken sources, one table: each gives a clear one-line error or
a safe record, within a time bound, never a crash or a hang.

A "safe record" has reader HTML inside the reader's vocabulary (no code, no
remote resource, links only to http(s) and mailto) and pictures only as real
raster bytes; each case adds what its own result must say.
"""

from __future__ import annotations

import random
import re
import tracemalloc
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html
import pytest

from capture.encoding import decode_bytes
from capture.mhtml import parse_mhtml
from capture.sources import capture_fragment, capture_source, decode_html
from core.errors import CaptureError
from core.limits import Limits
from core.models import ArticleRecord
from tests.hostile.support import (
    HOSTILE,
    HTML_FIXTURES,
    HTML_TYPE,
    MB,
    PROSE,
    TEXT_FIXTURES,
    article_page,
    assert_safe_record,
    deep_nesting,
    gzip_bomb,
    sparse_file,
    traversal_site,
    with_invalid_utf8,
    within,
)
from tests.support.encodings import encode_windows_1258
from tests.support.images import png
from tests.support.loopback import LoopbackServer, Response

LIMITS = Limits(connect_timeout=2, read_timeout=5)
TITLE = "Hà Nội mở rộng không gian đi bộ quanh hồ Gươm"
SOURCE_TEXT = (
    f"{TITLE}\n\nGiao thông 08/07/2025 09:15\n\n{PROSE}\n\n{PROSE * 2}\n\n{PROSE}\n\nVõ Hải\n"
)
Maker = Callable[[Path, LoopbackServer], str]
Check = Callable[[ArticleRecord], None]


@dataclass(frozen=True)
class Case:
    make: Maker
    """Writes or serves the source; returns the path or URL to capture."""
    error: str | None = None
    """The CaptureError expected (a part of its message), or None for a safe record."""
    checks: tuple[Check, ...] = field(default=())
    seconds: float = 10.0
    offline: bool = False


# --------------------------------------------------------------------------
# Sources
# --------------------------------------------------------------------------


def file_with(name: str, data: bytes) -> Maker:
    def make(tmp_path: Path, _server: LoopbackServer) -> str:
        path = tmp_path / name
        path.write_bytes(data)
        return str(path)

    return make


def sparse(name: str) -> Maker:
    def make(tmp_path: Path, _server: LoopbackServer) -> str:
        return str(sparse_file(tmp_path / name, 200 * MB))

    return make


def first_half(fixture: Path) -> Maker:
    data = fixture.read_bytes()
    return file_with(f"half_{fixture.name}", data[: len(data) // 2])


def served(body: bytes, headers: dict[str, str], **routes: Response) -> Maker:
    """The page ``body`` at /page; ``routes`` maps /name (underscores as
    dashes, a dot before the extension) to the other responses."""

    def make(_tmp_path: Path, server: LoopbackServer) -> str:
        for name, response in routes.items():
            server.route("/" + name.replace("__", ".").replace("_", "-"), response)
        return server.route("/page", Response(body=body, headers=headers))

    return make


def random_bytes(size: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(size)


def page_declaring(
    charset: str, body: str = "", encode: Callable[[str], bytes] | None = None
) -> bytes:
    html = (
        article_page(body, title=TITLE).decode().replace("charset='utf-8'", f"charset='{charset}'")
    )
    return encode(html) if encode else html.encode()


def png_response(width: int = 640, height: int = 480) -> Response:
    return Response(body=png(width, height), headers={"Content-Type": "image/png"})


# --------------------------------------------------------------------------
# Checks on a safe record
# --------------------------------------------------------------------------


def titled(title: str) -> Check:
    def check(record: ArticleRecord) -> None:
        assert record.title == title

    return check


def says(*phrases: str) -> Check:
    def check(record: ArticleRecord) -> None:
        for phrase in phrases:
            assert phrase in record.body_text, phrase

    return check


def never_says(*phrases: str) -> Check:
    def check(record: ArticleRecord) -> None:
        for phrase in phrases:
            assert phrase not in record.body_text and phrase not in record.reader_html, phrase
            assert phrase not in record.title

    return check


def pictures(expected: list[tuple[str, bool]]) -> Check:
    """Each picture's caption, and whether it has bytes."""

    def check(record: ArticleRecord) -> None:
        assert sorted((i.caption, i.data is not None) for i in record.images) == sorted(expected)

    return check


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text))


def only_text_from(fixture: Path) -> Check:
    """Every word kept is a word of the whole fixture: a cut file is read as
    far as it goes, not invented or garbled (no mojibake)."""
    data = fixture.read_bytes()
    if fixture.suffix == ".txt":
        whole = decode_bytes(data)
    else:
        html = parse_mhtml(data, Limits()).html if fixture.suffix == ".mhtml" else data
        whole = " ".join(lxml.html.fromstring(decode_html(html)).itertext())
    vocabulary = _words(whole)
    decomposed = [unicodedata.normalize("NFD", word) for word in vocabulary]

    def check(record: ArticleRecord) -> None:
        kept = _words(f"{record.lead or ''} {record.body_text}")
        assert len(kept) > 10
        unknown = kept - vocabulary
        # The word the cut went through may be a part of one ("no" of "nói",
        # compared without composed tones); two elements' words may be glued.
        assert len(unknown) <= 2, unknown
        for part in unknown:
            start = unicodedata.normalize("NFD", part)
            glued = any(part[:i] in vocabulary and part[i:] in vocabulary for i in range(len(part)))
            assert glued or any(word.startswith(start) for word in decomposed), part

    return check


# --------------------------------------------------------------------------
# The table
# --------------------------------------------------------------------------

NOT_HTML = "\x89PNG\r\n"
HOSTILE_LINKS = HOSTILE / "links.html"
ENGLISH = "People walk around the lake every weekend evening, when the streets close to cars. "
UTF7_PAGE = (
    "<html><head><meta charset='utf-7'><title>Walking streets</title></head><body><article>"
    f"<h1>Walking streets</h1><p>{ENGLISH * 3}</p>"
    "<p>+ADw-script+AD4-alert(1)+ADw-/script+AD4-</p>"
    f"<p>{ENGLISH * 3}</p></article></body></html>"
).encode("ascii")
LINKS_CHECKS = (
    titled("Liên kết độc hại trong bài viết"),
    says("liên kết một", "giữa chữ", "tệp mật khẩu", "bài gốc trên VnExpress"),
    never_says("alert", "msgbox", "/etc/passwd", "javascript", "<script"),
)


def _links_keep_the_web_link(record: ArticleRecord) -> None:
    hrefs = re.findall(r'href="([^"]*)"', record.reader_html)
    assert hrefs == ["https://vnexpress.net/pho-di-bo-ho-guom", "mailto:toasoan@example.vn"]
    assert record.url is None or record.url.startswith("http")


CASES: dict[str, Case] = {
    # Empty and binary
    "empty text file": Case(file_with("empty.txt", b""), "empty file"),
    "empty page": Case(file_with("empty.html", b""), "empty file"),
    "blank page": Case(file_with("blank.html", b" \r\n\t \n"), "empty file"),
    "empty MHTML": Case(file_with("empty.mhtml", b""), "not an MHTML file"),
    "binary text file": Case(
        file_with("noise.txt", random_bytes(4096, 1)), "not a text file: it looks binary"
    ),
    "PNG named .html": Case(file_with("image.html", png(64, 64)), "it looks binary"),
    "binary MHTML": Case(file_with("noise.mhtml", random_bytes(4096, 2)), "not an MHTML file"),
    "unknown suffix": Case(file_with("paper.pdf", b"%PDF-1.7\n"), "unsupported file type '.pdf'"),
    # Huge files are refused by their size, quickly
    "200 MB page": Case(sparse("huge.html"), "file is 200.0 MB, over the 20.0 MB limit", seconds=2),
    "200 MB text": Case(sparse("huge.txt"), "file is 200.0 MB, over the 20.0 MB limit", seconds=2),
    "200 MB MHTML": Case(
        sparse("huge.mhtml"), "file is 200.0 MB, over the 20.0 MB limit", seconds=2
    ),
    # Truncated: read as far as the file goes
    **{
        f"first half of {fixture.name}": Case(
            first_half(fixture), checks=(only_text_from(fixture),), offline=True
        )
        for fixture in [
            *sorted(HTML_FIXTURES.glob("*.html")),
            HTML_FIXTURES / "dantri.mhtml",
            *sorted(TEXT_FIXTURES.glob("*.txt")),
        ]
        if fixture.name != "nothing_extractable.html"
    },
    # Nested 100,000 levels deep
    "page nested 100,000 deep": Case(
        file_with("deep.html", article_page(deep_nesting(100_000), title=TITLE)),
        checks=(titled(TITLE), says(PROSE.strip())),
    ),
    "bare 100,000 nested divs": Case(
        file_with("deep_divs.html", deep_nesting(100_000).encode()),
        "not an HTML page: nothing could be parsed",
    ),
    "bare 100,000 nested spans": Case(
        file_with("deep_spans.html", deep_nesting(100_000, "span").encode()),
        "not an HTML page: nothing could be parsed",
    ),
    "100,000 unclosed tables": Case(
        file_with("tables.html", article_page("<table><tr><td>" * 33_000, title=TITLE)),
        checks=(titled(TITLE), says(PROSE.strip())),
    ),
    # Bad bytes and wrong charsets
    "invalid UTF-8 in a text dump": Case(
        file_with("invalid.txt", with_invalid_utf8(SOURCE_TEXT.encode())),
        checks=(titled(TITLE), says(PROSE.strip())),
    ),
    "invalid UTF-8 in a page": Case(
        file_with("invalid.html", with_invalid_utf8(article_page("", title=TITLE))),
        checks=(titled(TITLE), says(PROSE.strip())),
    ),
    "UTF-8 page declaring windows-1258": Case(
        file_with("cp1258.html", page_declaring("windows-1258")), checks=(titled(TITLE),)
    ),
    "windows-1258 page declaring UTF-8": Case(
        file_with("utf8.html", page_declaring("utf-8", encode=encode_windows_1258)),
        checks=(titled(TITLE),),
    ),
    "UTF-8 page declaring UTF-16": Case(
        file_with("utf16.html", page_declaring("utf-16")), checks=(titled(TITLE),)
    ),
    "UTF-8 page declaring EBCDIC": Case(
        file_with("cp037.html", page_declaring("cp037")), checks=(titled(TITLE),)
    ),
    "UTF-8 page declaring a charset that does not exist": Case(
        file_with("bogus.html", page_declaring("x-no-such-charset")), checks=(titled(TITLE),)
    ),
    "UTF-7 page hiding a script": Case(
        file_with("utf7.html", UTF7_PAGE), checks=(titled("Walking streets"), never_says("alert"))
    ),
    "text dump declaring nothing, in windows-1258": Case(
        file_with("cp1258.txt", encode_windows_1258(SOURCE_TEXT)), checks=(titled(TITLE),)
    ),
    # Links that must not survive
    "javascript:, data: and file: links in a file": Case(
        file_with("links.html", HOSTILE_LINKS.read_bytes()),
        checks=(*LINKS_CHECKS, _links_keep_the_web_link),
    ),
    "javascript:, data: and file: links on the web": Case(
        served(HOSTILE_LINKS.read_bytes(), HTML_TYPE), checks=LINKS_CHECKS
    ),
    # Web answers
    "empty answer": Case(served(b"", HTML_TYPE), "empty file"),
    "binary answer said to be HTML": Case(served(png(64, 64), HTML_TYPE), "it looks binary"),
    "an answer that is not a page": Case(
        served(article_page(""), {"Content-Type": "application/octet-stream"}),
        "not a web page: the server sent application/octet-stream",
    ),
    "gzip bomb page": Case(
        served(
            gzip_bomb(64 * MB, b"<html><body><p>"),
            {**HTML_TYPE, "Content-Encoding": "gzip"},
        ),
        "over the 20.0 MB limit",
    ),
    "damaged gzip page": Case(
        served(b"\x1f\x8b\x08\x00garbage" * 10, {**HTML_TYPE, "Content-Encoding": "gzip"}),
        "damaged compressed data",
    ),
    "brotli page (never asked for)": Case(
        served(b"\x0b\x02\x80hello\x03", {**HTML_TYPE, "Content-Encoding": "br"}),
        "unsupported compression 'br'",
    ),
    "page nested 100,000 deep, on the web": Case(
        served(article_page(deep_nesting(100_000), title=TITLE), HTML_TYPE),
        checks=(titled(TITLE), says(PROSE.strip())),
    ),
    "UTF-8 answer said to be UTF-16": Case(
        served(article_page("", title=TITLE), {"Content-Type": "text/html; charset=utf-16"}),
        checks=(titled(TITLE),),
    ),
    "UTF-8 answer said to be windows-1258": Case(
        served(article_page("", title=TITLE), {"Content-Type": "text/html; charset=windows-1258"}),
        checks=(titled(TITLE), says(PROSE.strip())),
    ),
    # Pictures that are not (safe) pictures
    "SVG with script, inline and as images": Case(
        served(
            (HOSTILE / "svg.html").read_bytes(),
            HTML_TYPE,
            map__svg=Response(
                body=(HOSTILE / "svg_script.svg").read_bytes(),
                headers={"Content-Type": "image/svg+xml"},
            ),
            map__png=Response(
                body=(HOSTILE / "svg_script.svg").read_bytes(),
                headers={"Content-Type": "image/png"},
            ),
            not_an_image__png=Response(
                body=article_page("<p>404</p>"), headers={"Content-Type": "image/png"}
            ),
            real__png=png_response(),
            inline_svg_image__png=png_response(),
        ),
        checks=(
            titled("Bản đồ phố đi bộ quanh hồ Gươm"),
            never_says("alert", "svg script", "SVG object"),
            # An address ending in .svg is taken for an icon, a data: one for
            # a placeholder: neither is kept. Nothing but the real PNG has bytes.
            pictures(
                [
                    ("Một SVG có mã, gửi với kiểu image/png.", False),
                    ("Một trang HTML, gửi với kiểu image/png.", False),
                    ("Ảnh thật: quảng trường Đông Kinh Nghĩa Thục.", True),
                ]
            ),
        ),
    ),
    "gzip bomb picture": Case(
        served(
            article_page(
                '<figure><img src="/bomb.png" alt="bom" width="640" height="480">'
                "<figcaption>Ảnh nén gzip phình ra hàng trăm MB.</figcaption></figure>",
                title=TITLE,
            ),
            HTML_TYPE,
            bomb__png=Response(
                body=gzip_bomb(64 * MB, png(640, 480)[:33]),
                headers={"Content-Type": "image/png", "Content-Encoding": "gzip"},
            ),
        ),
        checks=(titled(TITLE), pictures([("Ảnh nén gzip phình ra hàng trăm MB.", False)])),
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_source(name: str, tmp_path: Path, loopback: LoopbackServer) -> None:
    case = CASES[name]
    source = case.make(tmp_path, loopback)
    outcome: ArticleRecord | CaptureError
    with within(case.seconds):
        try:
            outcome = capture_source(source, LIMITS, offline=case.offline)
        except CaptureError as error:
            outcome = error
    if case.error is not None:
        assert isinstance(outcome, CaptureError), f"expected {case.error!r}, got a record"
        assert case.error in str(outcome)
        assert "\n" not in str(outcome) and len(str(outcome)) < 200
        return
    assert isinstance(outcome, ArticleRecord), f"expected a record, got: {outcome}"
    assert outcome.capture_status == "complete", outcome.capture_error
    assert_safe_record(outcome)
    for check in case.checks:
        check(outcome)


# --------------------------------------------------------------------------
# Beyond the table
# --------------------------------------------------------------------------


def test_a_200_mb_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = sparse_file(tmp_path / "huge.html", 200 * MB)
    tracemalloc.start()
    try:
        with within(2), pytest.raises(CaptureError, match=r"over the 20\.0 MB limit"):
            capture_source(str(path), Limits())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5 * MB  # refused by its size alone: nothing was read


def test_a_selection_nested_100000_deep_is_safe(tmp_path: Path) -> None:
    with within(10):
        for html in (deep_nesting(100_000), deep_nesting(100_000, "blockquote")):
            try:
                record = capture_fragment(html, "https://example.vn/a", offline=True)
            except CaptureError as error:
                assert str(error) == "the dropped selection holds no text"
            else:
                assert_safe_record(record)
                assert PROSE.strip() in record.body_text


def test_a_saved_page_reads_nothing_outside_its_folder(tmp_path: Path) -> None:
    page = traversal_site(tmp_path)
    with within(10):
        record = capture_source(str(page), LIMITS, offline=True)
    assert_safe_record(record)
    stored = [(image.caption, image.data) for image in record.images if image.data]
    assert stored == [("Ảnh trong thư mục của trang.", png(640, 480, (0, 128, 0)))]
    # The pictures outside stay listed as pending, by the address the page gave.
    assert all(image.data is None for image in record.images[1:])
