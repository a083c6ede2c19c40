"""MHTML files: the page part, its resources, and the limits on them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from capture.mhtml import looks_like_mhtml, parse_mhtml
from capture.sources import capture_source, recapture
from core.errors import CaptureError
from core.limits import Limits

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "html" / "dantri.mhtml"
PAGE_URL = "https://dantri.com.vn/xa-hoi/da-nang-cho-phep-tam-bien-tro-lai-tu-sang-20-6-20210619163301234.htm"


def test_parts_are_split_by_address() -> None:
    archive = parse_mhtml(FIXTURE.read_bytes(), Limits())
    assert archive.url == PAGE_URL
    assert archive.html.startswith(b"<!DOCTYPE html>")
    assert "Đà Nẵng".encode() in archive.html  # quoted-printable decoded
    assert sorted(archive.resources) == [
        "cid:css-5f2e@mhtml.blink",
        "https://cdnweb.dantri.com.vn/dist/static-logo.svg",
        "https://icdn.dantri.com.vn/thumb_w/680/2021/06/19/bien-my-khe.png",
        "https://icdn.dantri.com.vn/thumb_w/680/2021/06/19/cuu-ho.png",
    ]
    assert archive.resources["https://icdn.dantri.com.vn/thumb_w/680/2021/06/19/cuu-ho.png"
                             ].media_type == "image/png"  # fmt: skip


def test_images_come_from_parts_without_the_network() -> None:
    record = capture_source(str(FIXTURE), Limits(), offline=False)
    # offline=False on purpose: every picture is in the file, nothing is fetched.
    assert [(i.mime, i.width, i.height) for i in record.images] == [
        ("image/png", 680, 383),
        ("image/png", 680, 453),
    ]
    assert record.source_type == "multipart/related"
    assert record.source == FIXTURE.read_bytes()


def test_reextracting_the_kept_bytes_gives_the_same_article() -> None:
    first = capture_source(str(FIXTURE), Limits(), offline=True)
    assert first.source is not None
    again = recapture(first.source, first.source_type, url=first.url)
    assert (again.title, again.body_text, again.reader_html) == (
        first.title,
        first.body_text,
        first.reader_html,
    )
    assert [i.data for i in again.images] == [i.data for i in first.images]


def test_parts_over_the_decoded_limit_are_refused() -> None:
    with pytest.raises(CaptureError, match=re.escape("MHTML parts are over the 1.0 KB limit")):
        parse_mhtml(FIXTURE.read_bytes(), Limits(max_decoded_bytes=1024))


def test_an_archive_without_html_is_refused() -> None:
    data = (
        b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: image/png\r\nContent-Location: https://x.example/a.png\r\n\r\n"
        b"abc\r\n--b--\r\n"
    )
    assert looks_like_mhtml(data)
    with pytest.raises(CaptureError, match="no HTML part"):
        parse_mhtml(data, Limits())


def test_a_file_that_is_not_multipart_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "page.mht"
    path.write_bytes(b"Subject: hi\r\n\r\njust text")
    with pytest.raises(CaptureError, match="not an MHTML file"):
        capture_source(str(path), Limits(), offline=True)
