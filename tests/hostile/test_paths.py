"""Paths a saved page or an MHTML archive names: nothing outside the page's
own folder is ever opened, however the path is spelled.

Each capture runs in a fresh Python that records every file it opens (an
audit hook), so the proof is not "no picture came back" but "the file was
never opened".
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from tests.capture.test_html_images import png
from tests.hostile.support import PROSE, run_isolated, traversal_site, within

PASSWD = "/etc/passwd"


def _opened_outside(opened: list[str], tmp_path: Path, folder: Path) -> list[str]:
    """Files opened in tmp_path but outside ``folder``, and any /etc file."""
    inside = str(folder.resolve())
    return [
        path
        for path in opened
        if path.startswith("/etc/")
        or (path.startswith(str(tmp_path)) and not path.startswith(inside))
    ]


def test_a_saved_page_opens_nothing_outside_its_folder(tmp_path: Path) -> None:
    page = traversal_site(tmp_path)
    code = f"""
    from pathlib import Path
    from capture.sources import capture_file
    record = capture_file(Path({str(page)!r}), offline=True)
    result["images"] = [(i.caption, i.data is not None) for i in record.images]
    """
    with within(20):
        result = run_isolated(code, timeout=40)
    assert _opened_outside(result["opened"], tmp_path, page.parent) == []
    assert str(page.parent / "story_files" / "inside.png") in result["opened"]
    assert [caption for caption, has_data in result["images"] if has_data] == [
        "Ảnh trong thư mục của trang."
    ]


def mhtml_archive(secret: Path) -> bytes:
    """A page whose pictures and parts name files outside the archive."""
    references = [
        "../../../../../../etc/passwd",
        "file:///etc/passwd",
        "/etc/passwd",
        f"file://{secret}",
        str(secret),
        "../secret.png",
        "cid:part-in-archive",
    ]
    figures = "".join(
        f'<figure><img src="{reference}" alt="" width="640" height="480">'
        f"<figcaption>Ảnh số {number}</figcaption></figure><p>{PROSE}</p>"
        for number, reference in enumerate(references)
    )
    html = (
        "<html><head><meta charset='utf-8'><title>Lưu trữ MHTML</title></head><body><article>"
        f"<h1>Lưu trữ MHTML</h1><p>{PROSE * 3}</p>{figures}<p>{PROSE * 3}</p>"
        "</article></body></html>"
    )
    in_archive = base64.encodebytes(png(640, 480, (0, 0, 255))).decode()
    parts = [
        ("text/html; charset=utf-8", "https://dantri.example/luu-tru", html, "8bit"),
        # Parts *named* like local files hold the archive's own bytes: fine to use.
        ("image/png", "../../../../../../etc/passwd", in_archive, "base64"),
        ("text/plain", "file:///etc/passwd", "MHTML-PART-TEXT\n", "8bit"),
        ("image/png", "../secret.png", in_archive, "base64"),
    ]
    boundary = "----MultipartBoundary--hostile"
    lines = [
        "From: <Saved by Blink>",
        "Snapshot-Content-Location: https://dantri.example/luu-tru",
        "Subject: Lưu trữ",
        "MIME-Version: 1.0",
        f'Content-Type: multipart/related; type="text/html"; boundary="{boundary}"',
        "",
    ]
    for media_type, location, body, transfer in parts:
        lines += [
            f"--{boundary}",
            f"Content-Type: {media_type}",
            f"Content-Transfer-Encoding: {transfer}",
            f"Content-Location: {location}",
            "",
            body,
        ]
    lines += [
        f"--{boundary}",
        "Content-Type: image/png",
        "Content-Transfer-Encoding: base64",
        "Content-ID: <part-in-archive>",
        "",
        in_archive,
        f"--{boundary}--",
        "",
    ]
    return "\r\n".join(lines).encode("utf-8")


def test_mhtml_locations_never_open_local_files(tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    folder.mkdir()
    secret = tmp_path / "secret.png"
    secret.write_bytes(png(640, 480, (255, 0, 0)))
    archive = folder / "page.mhtml"
    archive.write_bytes(mhtml_archive(secret))
    code = f"""
    import hashlib
    from pathlib import Path
    from capture.sources import capture_file
    record = capture_file(Path({str(archive)!r}), offline=True)
    result["images"] = {{i.caption: i.data and hashlib.sha256(i.data).hexdigest()
                        for i in record.images}}
    result["text"] = record.body_text + record.reader_html
    """
    with within(20):
        result = run_isolated(code, timeout=40)
    assert _opened_outside(result["opened"], tmp_path, folder) == []
    blue = hashlib.sha256(png(640, 480, (0, 0, 255))).hexdigest()
    stored = {caption: digest for caption, digest in result["images"].items() if digest}
    # Only the archive's own parts gave bytes: the blue PNG, never the red secret.
    assert stored == {"Ảnh số 0": blue, "Ảnh số 5": blue, "Ảnh số 6": blue}
    assert "root:" not in result["text"] and "MHTML-PART-TEXT" not in result["text"]
