"""Helpers for the hostile-input suite: hostile bodies built at test time,
a digest of a whole library, a wall-clock bound, and an isolated Python
subprocess that reports which files it opened and how much memory it took.

Nothing big is committed: bombs and huge files are generated here, when a
test needs them.
"""

from __future__ import annotations

import faulthandler
import hashlib
import json
import re
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from capture.image_data import sniff_image
from capture.sanitize import READER_TAGS
from core.models import ArticleRecord
from tests.capture.test_html_images import png

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
HOSTILE = FIXTURES / "hostile"
HTML_FIXTURES = FIXTURES / "html"
TEXT_FIXTURES = FIXTURES / "text"
FEED_FIXTURES = FIXTURES / "feeds"

MB = 1024 * 1024
PROSE = (
    "Người dân Hà Nội đi bộ quanh hồ Gươm vào mỗi tối cuối tuần, "
    "khi các tuyến phố quanh hồ cấm xe và mở cho người đi bộ. "
)
HTML_TYPE = {"Content-Type": "text/html; charset=utf-8"}


def article_page(body: str, title: str = "Bài viết thử nghiệm", head: str = "") -> bytes:
    """A whole page whose article is ``body`` between paragraphs of real prose,
    so that extraction has something to keep whatever ``body`` does."""
    prose = f"<p>{PROSE * 3}</p>"
    return (
        f"<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'><title>{title}</title>"
        f"{head}</head><body><article><h1>{title}</h1>{prose}{prose}{body}{prose}{prose}"
        "</article></body></html>"
    ).encode()


def deep_nesting(depth: int, tag: str = "div") -> str:
    """``depth`` nested elements around a paragraph (100,000 in the tests)."""
    return f"<{tag}>" * depth + f"<p>{PROSE * 4}</p>" + f"</{tag}>" * depth


@lru_cache(maxsize=4)
def gzip_bomb(decoded_bytes: int, head: bytes = b"") -> bytes:
    """A gzip body a thousand times smaller than what it inflates to: ``head``
    then NUL bytes, ``decoded_bytes`` in all."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    parts = [compressor.compress(head)]
    block = bytes(MB)
    left = decoded_bytes - len(head)
    while left > 0:
        parts.append(compressor.compress(block[: min(left, MB)]))
        left -= MB
    parts.append(compressor.flush())
    return b"".join(parts)


def sparse_file(path: Path, size: int) -> Path:
    """A file of ``size`` bytes that takes no disk space (``truncate``)."""
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


def with_invalid_utf8(data: bytes) -> bytes:
    """Overlong, surrogate, stray continuation and never-valid bytes in the middle."""
    middle = data.index(PROSE[:20].encode(), len(data) // 3)
    return data[:middle] + b"\xc0\xaf \xed\xa0\x80 \x80\xbf \xfe\xff " + data[middle:]


def traversal_site(tmp_path: Path) -> Path:
    """The traversal fixture in tmp_path/site/page/, with red PNG secrets one,
    two and three folders up and a symbolic link pointing at one."""
    folder = tmp_path / "site" / "page"
    (folder / "story_files").mkdir(parents=True)
    shutil.copy(HOSTILE / "traversal" / "story.html", folder / "story.html")
    (folder / "story_files" / "inside.png").write_bytes(png(640, 480, (0, 128, 0)))
    for secret in (tmp_path / "site" / "secret.png", tmp_path / "secret.png"):
        secret.write_bytes(png(640, 480, (255, 0, 0)))
    (folder / "story_files" / "link.png").symlink_to(tmp_path / "secret.png")
    return folder / "story.html"


# --------------------------------------------------------------------------
# The library, before and after
# --------------------------------------------------------------------------


def library_rows(path: Path) -> dict[str, list[str]]:
    """Every row of every table of the library file, in a stable order."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        return {
            table: sorted(repr(row) for row in connection.execute(f'SELECT * FROM "{table}"'))
            for table in tables
        }
    finally:
        connection.close()


def library_digest(path: Path) -> str:
    """One hash of everything the library holds."""
    rows = library_rows(path)
    return hashlib.sha256(json.dumps(rows, sort_keys=True).encode()).hexdigest()


def library_holds(path: Path, needle: bytes) -> list[str]:
    """The tables (and the raw file) where ``needle`` occurs, as text or bytes."""
    found = [
        table
        for table, rows in library_rows(path).items()
        if any(needle.decode() in row or repr(needle) in row for row in rows)
    ]
    for file in (path, Path(f"{path}-wal")):
        if file.exists() and needle in file.read_bytes():
            found.append(file.name)
    return found


# --------------------------------------------------------------------------
# What a capture produced
# --------------------------------------------------------------------------


class _ReaderHtmlAudit(HTMLParser):
    """Lists what in reader HTML is outside its small vocabulary."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in READER_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            text = (value or "").strip().lower()
            if (tag, name) == ("a", "href"):
                if not text.startswith(("http://", "https://", "mailto:")):
                    self.problems.append(f"href={value!r}")
            elif (tag, name) == ("img", "src"):
                if not re.fullmatch(r"image:\d+", text):
                    self.problems.append(f"src={value!r}")
            elif (tag, name) not in (("img", "alt"), ("span", "class"), ("a", "rel")):
                self.problems.append(f"{tag} {name}={value!r}")

    def handle_comment(self, data: str) -> None:
        self.problems.append("<!--comment-->")


def forbidden_links(html: str) -> list[str]:
    """Anything in reader HTML that could run code, fetch, or name a non-web
    target: a tag outside the reader's vocabulary, an attribute other than a
    web link, an ``image:N`` source or alt text."""
    audit = _ReaderHtmlAudit()
    audit.feed(html)
    audit.close()
    return audit.problems


def assert_safe_record(record: ArticleRecord) -> None:
    """What any record capture returns must be: reader HTML without code or
    remote resources, pictures only as real raster bytes."""
    assert forbidden_links(record.reader_html) == [], record.reader_html
    for image in record.images:
        if image.data is not None:
            info = sniff_image(image.data)
            assert info is not None and info.mime == image.mime, image.src
            assert image.mime in ("image/png", "image/jpeg", "image/gif", "image/webp",
                                  "image/avif")  # fmt: skip


# --------------------------------------------------------------------------
# Time and isolation
# --------------------------------------------------------------------------


@contextmanager
def within(seconds: float) -> Iterator[None]:
    """Fail if the block takes ``seconds`` or more; if it hangs three times
    that long, dump every thread's stack and end the run instead of waiting
    forever."""
    faulthandler.dump_traceback_later(seconds * 3 + 30, exit=True)
    started = time.monotonic()
    try:
        yield
    finally:
        faulthandler.cancel_dump_traceback_later()
    elapsed = time.monotonic() - started
    assert elapsed < seconds, f"took {elapsed:.1f} s, the bound is {seconds} s"


_PRELUDE = """
import json, os, resource, sys, time
sys.path.insert(0, {root!r})
_opened = []
def _audit(event, args):
    if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        _opened.append(os.fsdecode(args[0]))
sys.addaudithook(_audit)
from core.errors import CaptureError
result = {{}}
def _peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""
_EPILOGUE = """
result["opened"] = _opened
print("RESULT " + json.dumps(result, default=str))
"""


def run_isolated(code: str, *, timeout: float, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run ``code`` in a fresh Python with every ``open`` recorded.

    ``code`` fills the dict ``result``; ``_peak_mb()`` gives the peak memory
    so far. Returns ``result`` with the files opened under ``"opened"``.
    A crash, a hang past ``timeout`` or any stray exception fails the test.
    """
    script = _PRELUDE.format(root=str(ROOT)) + textwrap.dedent(code) + _EPILOGUE
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        env=env,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    line = next(line for line in done.stdout.splitlines() if line.startswith("RESULT "))
    parsed: dict[str, Any] = json.loads(line.removeprefix("RESULT "))
    return parsed
