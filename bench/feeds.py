"""Benchmark: refresh many local feeds in full mode, pictures included.

    .venv/bin/python -m bench.feeds [--feeds 50] [--entries 50]

Starts its own HTTP server on 127.0.0.1 serving ``--feeds`` RSS feeds of
``--entries`` entries each; every entry links to its own article page with
one captioned picture. A fresh library in a temporary folder subscribes to
them all; then one refresh saves every entry (page fetched, extracted,
picture fetched and stored), and a second refresh finds every feed
unchanged (304). Prints JSON with the times and entries per second.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import struct
import sys
import tempfile
import threading
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from core.limits import Limits
from services.feed_refresh import RefreshOptions, refresh_feeds
from storage import Library

DEFAULT_FEEDS = 50
DEFAULT_ENTRIES = 50
# Generous: the point is to measure, not to cut the run short.
TIME_LIMIT_SECONDS = 3600.0
PICTURE_SIZE = (640, 400)


def png(width: int, height: int) -> bytes:
    """A valid PNG with a gradient, so it compresses like a real picture would not."""
    rows = b"".join(
        b"\x00" + bytes((x * 7 + y) % 256 for x in range(width * 3)) for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 6))
        + chunk(b"IEND", b"")
    )


@dataclass(frozen=True)
class SiteShape:
    """How many feeds and entries the bench site serves."""

    feeds: int
    entries: int


class _Site:
    """Builds every answer of the bench site from its path."""

    def __init__(self, shape: SiteShape, base: str) -> None:
        self.shape = shape
        self.base = base
        self.picture = png(*PICTURE_SIZE)

    def answer(self, path: str) -> tuple[int, bytes, str]:
        """Status, body and content type for a path (404 for anything else)."""
        parts = path.strip("/").split("/")
        if len(parts) == 2 and parts[0] == "feed" and parts[1].endswith(".xml"):
            return 200, self.rss(int(parts[1][:-4])), "application/rss+xml; charset=utf-8"
        if len(parts) == 3 and parts[0] == "tin" and parts[2].endswith(".html"):
            return 200, self.page(int(parts[1]), int(parts[2][:-5])), "text/html; charset=utf-8"
        if len(parts) == 3 and parts[0] == "anh":
            return 200, self.picture, "image/png"
        return 404, b"not found", "text/plain"

    def rss(self, feed: int) -> bytes:
        items = "".join(
            f"<item><title>Bài {entry} của nguồn {feed}</title>"
            f"<link>{self.base}/tin/{feed}/{entry}.html</link>"
            f'<guid isPermaLink="false">bench-{feed}-{entry}</guid>'
            f"<description>Tóm tắt bài {entry}.</description>"
            f"<pubDate>Mon, 01 Sep 2025 {entry % 24:02d}:00:00 +0700</pubDate>"
            f"<author>phongvien@example.vn (Phóng viên {feed})</author></item>"
            for entry in range(self.shape.entries)
        )
        return (
            f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Nguồn {feed}</title><link>{self.base}/</link>{items}</channel></rss>"
        ).encode()

    def page(self, feed: int, entry: int) -> bytes:
        paragraphs = [
            f"<p>Đoạn {number} của bài {entry}, nguồn {feed}: người dân Hà Nội đón mùa thu"
            " với những con phố rợp bóng cây, gánh hàng rong và ly cà phê trứng bên hồ.</p>"
            for number in range(1, 7)
        ]
        figure = (
            f'<figure><img src="/anh/{feed}/{entry}.png" alt="Ảnh {entry}">'
            "<figcaption>Phố cổ mùa thu. Ảnh: Minh Anh</figcaption></figure>"
        )
        body = "".join(paragraphs[:2]) + figure + "".join(paragraphs[2:])
        return (
            f'<!doctype html><html lang="vi"><head><meta charset="utf-8">'
            f"<title>Bài {entry} của nguồn {feed}</title>"
            f'<meta property="og:title" content="Bài {entry} của nguồn {feed}"></head>'
            f"<body><article><h1>Bài {entry} của nguồn {feed}</h1>{body}</article></body></html>"
        ).encode()


@contextmanager
def serve(shape: SiteShape) -> Iterator[str]:
    """The bench site on 127.0.0.1 for the duration; yields its base URL."""
    holder: dict[str, _Site] = {}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body leave in two writes; with Nagle on, the body
        # waits for the client's delayed ACK (40 ms a response on Linux),
        # which would measure the bench server instead of the refresh.
        disable_nagle_algorithm = True

        def do_GET(self) -> None:
            status, body, kind = holder["site"].answer(self.path)
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            if status == 200 and self.headers.get("If-None-Match") == etag:
                status, body = 304, b""
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    base = f"http://127.0.0.1:{server.server_address[1]}"
    holder["site"] = _Site(shape, base)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()


def run(shape: SiteShape, workers: int) -> dict[str, Any]:
    """Subscribe to every feed, refresh twice, and measure."""
    options = RefreshOptions(workers=workers, time_limit=TIME_LIMIT_SECONDS)
    with serve(shape) as base, tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "library.sqlite"
        with Library(path) as library:
            for feed in range(shape.feeds):
                library.add_feed(f"{base}/feed/{feed}.xml", title=f"Nguồn {feed}")
        started = time.perf_counter()
        first = refresh_feeds(path, limits=Limits(), options=options)
        first_seconds = time.perf_counter() - started
        started = time.perf_counter()
        second = refresh_feeds(path, limits=Limits(), options=options)
        second_seconds = time.perf_counter() - started
        with Library(path) as library:
            articles = library.count_articles()
            stored_images = sum(
                image.has_data
                for summary in library.list_articles(limit=shape.feeds * shape.entries)
                for image in library.images(summary.id)
            )
        library_bytes = path.stat().st_size
    added = sum(result.added for result in first)
    return {
        "feeds": shape.feeds,
        "entries_per_feed": shape.entries,
        "workers": workers,
        "mode": "full",
        "articles": articles,
        "images_stored": stored_images,
        "failed_feeds": sum(result.failed for result in first),
        "first_refresh_seconds": round(first_seconds, 2),
        "entries_per_second": round(added / first_seconds, 1) if first_seconds else None,
        "second_refresh_seconds": round(second_seconds, 3),
        "second_refresh_not_modified": sum(r.outcome == "not-modified" for r in second),
        "library_mb": round(library_bytes / 1024 / 1024, 1),
    }


def main(argv: list[str] | None = None) -> None:
    """Parse the arguments, run the bench, print JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--feeds", type=int, default=DEFAULT_FEEDS)
    parser.add_argument("--entries", type=int, default=DEFAULT_ENTRIES)
    parser.add_argument("--workers", type=int, default=RefreshOptions().workers)
    args = parser.parse_args(argv)
    result = run(SiteShape(args.feeds, args.entries), args.workers)
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
