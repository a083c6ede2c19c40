"""An EPUB book of many articles: export time and peak memory.

    .venv/bin/python bench/epub.py --articles 500 [--library /tmp/epub-bench.sqlite]

Builds (or reuses) a library of ``bench.corpus`` articles, Vietnamese and
English, each with pictures as news pages have them (JPEG photographs of
800 to 2400 px, most larger than an e-reader needs, so they are re-encoded),
then exports a book in a fresh process, three times: one article (the
baseline), a fifth of them and all of them. Prints one JSON object: for each
book its wall and CPU time, size, pictures and the child process's peak RSS
(``ru_maxrss``). Bounded memory shows as a peak that does not grow with the
number of articles.

Target: 500 articles in under 30 s on 2 cores.

``--profile FILE`` also runs the largest export under cProfile and writes
its statistics to FILE (read them with ``python -m pstats FILE``). The
profile is of the main thread, which reads articles and writes chapters:
the time it spends waiting for pictures made on the pool shows as
``Future.result`` under ``_add_pictures``.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import Image, ImageDraw

from bench.corpus import Corpus
from core.reader_html import figure
from storage import Library

TARGET_SECONDS = 30.0
TAG = "Đọc sau"
"""The tag every built article has: the book is exported by it."""


def photograph(rng: random.Random, long_side: int) -> bytes:
    """A distinct JPEG photograph-like picture (gradients and shapes)."""
    width, height = long_side, max(1, long_side * rng.choice((2, 3, 9)) // rng.choice((3, 4, 16)))
    if rng.random() < 0.3:
        width, height = height, width
    picture = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    draw = ImageDraw.Draw(picture)
    for _ in range(12):
        x, y = rng.randrange(width), rng.randrange(height)
        size = rng.randint(width // 20 + 1, width // 4 + 2)
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        draw.ellipse((x, y, x + size, y + size), fill=colour)
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=82)
    return out.getvalue()


def build_library(path: Path, articles: int, *, seed: int = 15, sides: tuple[int, int]) -> None:
    """Save ``articles`` corpus articles tagged ``TAG``, each picture with
    JPEG bytes of a long side in ``sides``; the first picture is shown in
    the body as a figure, the others follow it."""
    rng = random.Random(seed)
    corpus = Corpus(seed)
    with Library(path) as library:
        for generated in corpus.articles(articles):
            record = generated.record
            for image in record.images:
                image.data = photograph(rng, rng.randint(*sides))
                image.mime = "image/jpeg"
            if record.images:
                paragraphs = record.reader_html.split("</p>", 1)
                record.reader_html = (
                    f"{paragraphs[0]}</p>{figure(0, record.images[0])}{paragraphs[1]}"
                )
            library.save_article(record, tags=[TAG])


def child(library_path: Path, out: Path, count: int, profile: Path | None) -> None:
    """Export the ``count`` newest articles of the tag as a book; print JSON.
    With ``profile``, the export runs under cProfile, its statistics written there."""
    from services.transfer import BookSelection, export_epub

    profiler = cProfile.Profile() if profile else None
    with Library(library_path) as library:
        ids = tuple(summary.id for summary in library.list_articles(limit=count))
        started = time.perf_counter()
        if profiler is not None:
            profiler.enable()
        result = export_epub(library, out, BookSelection(ids=ids, tag=TAG))
        if profiler is not None:
            profiler.disable()
        seconds = time.perf_counter() - started
    if profiler is not None and profile is not None:
        profiler.dump_stats(profile)
    print(
        json.dumps(
            {
                "articles": result.articles,
                "seconds": round(seconds, 2),
                "pictures": result.pictures,
                "pictures_left_out": result.pictures_left_out,
                "bytes": out.stat().st_size,
                "language": result.language,
            }
        )
    )


def measure(
    library_path: Path, out: Path, count: int, profile: Path | None = None
) -> dict[str, Any]:
    """One export in a fresh process: its figures and peak RSS."""
    command = [sys.executable, __file__, "--child", str(library_path), str(out), str(count)]
    process = subprocess.Popen(
        command + (["--profile", str(profile)] if profile else []),
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"the export process exited {process.returncode}")
    figures: dict[str, Any] = json.loads(output)
    peak_kb = usage.ru_maxrss / (1024 if sys.platform == "darwin" else 1)
    figures["peak_rss_mb"] = round(peak_kb / 1024, 1)
    # CPU time is what the machine's load cannot inflate: compare it with
    # the wall time to see how much of the time went to other processes.
    figures["cpu_seconds"] = round(usage.ru_utime + usage.ru_stime, 2)
    figures["target_seconds"] = TARGET_SECONDS
    return figures


def run(articles: int, given: Path | None, seed: int, profile: Path | None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="readshelf-epub-") as scratch:
        library_path = given or Path(scratch) / "library.sqlite"
        built_seconds = None
        if not library_path.exists():
            started = time.perf_counter()
            build_library(library_path, articles, seed=seed, sides=(800, 2400))
            built_seconds = round(time.perf_counter() - started, 1)
        books = {
            str(count): measure(
                library_path,
                Path(scratch) / f"book-{count}.epub",
                count,
                profile if count == articles else None,
            )
            # One article: the baseline (imports, library, pool) the others add to.
            for count in sorted({1, max(1, articles // 5), articles})
        }
    return {
        "articles": articles,
        "library_built_seconds": built_seconds,
        "cpus": os.cpu_count(),
        "books": books,
        "path": "services.transfer.export_epub (Pillow re-encoding, zipfile)",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--library", type=Path, help="reuse (or build once) this library")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument(
        "--profile", type=Path, help="write cProfile statistics of the largest export here"
    )
    parser.add_argument(
        "--child", nargs=3, metavar=("LIBRARY", "OUT", "COUNT"), help=argparse.SUPPRESS
    )
    options = parser.parse_args(argv)
    if options.child:
        library_path, out, count = options.child
        child(Path(library_path), Path(out), int(count), options.profile)
        return 0
    result = run(options.articles, options.library, options.seed, options.profile)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
