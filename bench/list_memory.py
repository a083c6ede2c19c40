"""The article list on a large library: memory after scrolling, refresh cost.

    .venv/bin/python bench/list_memory.py --articles 100000 --library /tmp/big.sqlite

Builds (or reuses) a library the way bench/run.py does (bench.corpus records
through ``Library.save_article``), then starts the window in a fresh process
(offscreen) and measures, printing one JSON object:

* ``scroll``: the window's RSS at first paint and after scrolling every row,
  a screen at a time, painting each (as dragging the list to the end does),
  and the most pages the list model held at once;
* ``jump``: one row read far down (a page by offset, nothing in between),
  then the page after it (by cursor from the cached neighbour);
* ``refresh``: ``ArticleListModel.refresh`` after another connection
  changed the library, with the list at row 0 and at 90% of the rows: a
  changed cell (the rows on screen are the same, no reset) and a new article
  sorting first (every row moves, a reset); time and pages read for each.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.corpus import Corpus
from bench.run import build, rss_mb
from storage import ArticleRecord, Library

TARGET_RSS_MB = 120.0
REPEATS = 7


def _median_ms(seconds: list[float]) -> float:
    return round(statistics.median(seconds) * 1000, 2)


@contextmanager
def _library_path(given: Path | None) -> Iterator[Path]:
    if given is not None:
        yield given
        return
    with tempfile.TemporaryDirectory(prefix="readshelf-list-") as folder:
        yield Path(folder) / "library.sqlite"


def ensure_library(path: Path, articles: int, seed: int) -> dict[str, Any]:
    """Fill the library up to ``articles`` (all by the bulk path)."""
    with Library(path) as library:
        existing = library.count_articles()
        if existing >= articles:
            return {"reused_library_with_articles": existing}
        return build(library, Corpus(seed), articles - existing, 0)


def measure(path: Path) -> dict[str, Any]:
    """Run the window probe in a fresh process and read its report."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, str(Path(__file__).resolve()), "--probe", str(path)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        return {"error": (done.stderr.strip().splitlines() or ["no report"])[-1]}
    report: dict[str, Any] = json.loads(lines[-1])
    return report


def probe(path: Path) -> int:
    """In the child process: the window, scrolled, jumped and refreshed."""
    from PySide6.QtCore import QSettings, QTemporaryDir
    from PySide6.QtWidgets import QAbstractItemView

    from ui.app import application
    from ui.article_model import Column
    from ui.main_window import MainWindow
    from ui.settings import WindowSettings

    app = application()
    library = Library(path)
    scratch = QTemporaryDir()
    settings = QSettings(f"{scratch.path()}/bench.ini", QSettings.Format.IniFormat)
    window = MainWindow(library, WindowSettings(settings, writable=False), writes_enabled=False)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    model = window.list_model
    view = window.article_list
    rows = model.rowCount()
    report: dict[str, Any] = {"rows": rows, "rss_mb_at_first_paint": rss_mb()}

    # Scrolling every row, a screen at a time, each screen painted.
    bar = view.verticalScrollBar()
    most_pages = 0
    started = time.perf_counter()
    steps = 0
    value = 0
    while True:
        bar.setValue(value)
        view.viewport().repaint()
        app.processEvents()
        most_pages = max(most_pages, len(model.cached_pages()))
        steps += 1
        if value >= bar.maximum():
            break
        value = min(bar.maximum(), value + max(1, bar.pageStep()))
    report["scroll"] = {
        "screens": steps,
        "seconds": round(time.perf_counter() - started, 1),
        "last_row_on_screen": max(view.rows_on_screen(), default=-1),
        "rss_mb_after_scrolling_all": rss_mb(),
        "target_rss_mb": TARGET_RSS_MB,
        "most_pages_cached": most_pages,
        "pages_read_by_offset": model.reads.by_offset,
        "pages_read_by_cursor": model.reads.by_cursor,
    }

    # A far jump (by offset), then the page after it (by cursor).
    deep = rows * 9 // 10

    def timed_read(row: int) -> tuple[float, int, int]:
        offset, cursor = model.reads.by_offset, model.reads.by_cursor
        started = time.perf_counter()
        model.summary_at(row)
        seconds = time.perf_counter() - started
        return seconds, model.reads.by_offset - offset, model.reads.by_cursor - cursor

    jumps: list[float] = []
    nexts: list[float] = []
    for repeat in range(REPEATS):
        model.browse(model.where)  # only page 0 cached
        row = deep + (repeat * 1000) % max(1, rows - deep - 200)
        seconds, by_offset, _ = timed_read(row)
        assert by_offset == 1
        jumps.append(seconds)
        seconds, _, by_cursor = timed_read(row + 100)
        assert by_cursor == 1
        nexts.append(seconds)
    report["jump"] = {
        "row": deep,
        "jump_by_offset_ms": _median_ms(jumps),
        "next_page_by_cursor_ms": _median_ms(nexts),
    }

    def at_row(row: int) -> None:
        model.browse(model.where)
        view.scrollTo(model.index(row, Column.TITLE), QAbstractItemView.ScrollHint.PositionAtTop)
        view.viewport().repaint()
        app.processEvents()

    def refreshes(change: Callable[[Library], Callable[[Library], None]]) -> dict[str, Any]:
        times: list[float] = []
        pages: list[int] = []
        for _ in range(REPEATS):
            with Library(path) as other:
                undo = change(other)
            before = model.reads.pages
            started = time.perf_counter()
            model.refresh()
            view.viewport().repaint()  # a reset repaints: part of the cost
            app.processEvents()
            times.append(time.perf_counter() - started)
            pages.append(model.reads.pages - before)
            with Library(path) as other:
                undo(other)
            model.refresh()
            app.processEvents()
        return {"median_ms": _median_ms(times), "pages_read": max(pages)}

    def favourite_on_screen(other: Library) -> Callable[[Library], None]:
        top = view.rows_on_screen()[0]
        summary = model.summary_at(top)
        assert summary is not None
        other.set_favorite(summary.id, not summary.favorite)
        return lambda again: again.set_favorite(summary.id, summary.favorite)

    def new_first(other: Library) -> Callable[[Library], None]:
        saved = other.save_article(
            ArticleRecord(
                title="Bài mới nhất",
                body_text="Một bài mới, lưu bởi chương trình khác.",
                published="2099-01-01T09:00:00+07:00",
            )
        )

        def undo(again: Library) -> None:
            again.delete_articles([saved.id])

        return undo

    refresh: dict[str, Any] = {}
    for name, row in (("row_0", 0), (f"row_{deep}", deep)):
        at_row(row)
        refresh[name] = {
            "changed_cell": refreshes(favourite_on_screen),
            "new_article_first": refreshes(new_first),
            "top_row_after": view.rows_on_screen()[0],
        }
    report["refresh"] = refresh
    report["rss_mb_at_end"] = rss_mb()
    print(json.dumps(report))
    window.close()
    library.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The article list's memory and refresh cost.")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--library", type=Path, help="keep (or reuse) the library at this path")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--json", action="store_true", help="print compact JSON")
    parser.add_argument("--probe", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.probe is not None:
        return probe(args.probe)
    with _library_path(args.library) as path:
        result: dict[str, Any] = {"articles": args.articles}
        result["build"] = ensure_library(path, args.articles, args.seed)
        result["window"] = measure(path)
    print(json.dumps(result, ensure_ascii=False, indent=None if args.json else 2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
