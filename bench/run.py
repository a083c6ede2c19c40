"""The Readshelf benchmark: build a realistic library, measure it, print JSON.

    .venv/bin/python bench/run.py --articles 100000 --json

One run builds a synthetic library of ``--articles`` articles (see
bench.corpus: Vietnamese and English news, pictures with captions, tags,
"read more" lists, stories told by several outlets, syndicated copies) and
measures, side by side:

* ``save``: pages per second through the real capture path: the last
  ``--sample`` articles (500 by default) are rendered as text dumps and go
  through ``capture_text_bytes`` and ``Library.save_article``. The rest of
  the library is built faster (``bulk``): the same ``save_article``, one
  transaction per article, from generated records, skipping only the
  text-dump parsing.
* ``search``: p50/p95 per kind of query (single words, two words, a phrase,
  a prefix, with and without diacritics, common and rare words).
* ``related``: ``Library.related_stories`` (the page's list, copies and
  similar articles) and ``similar_articles`` alone, for random articles.
* ``list_page``: one 100-row page of ``Library.list_articles`` as the
  window's model asks for it, for every sort and the common filters, at
  offsets from 0 to 90% of the library, and by ``after`` cursor. Each case
  runs once first (reported apart: ``first_call_of_each_case``, its pages
  may still be on disk), then five times; search also warms each query.
* ``window``: the window started in a fresh process (offscreen) until the
  article list first paints rows; then the whole list scrolled through by
  ``fetchMore``, with the process's memory after each.
* ``memory``: this process's peak RSS, and the window's.
* ``database``: the library file's size, per 1,000 articles.

``--library PATH`` keeps the library; run again with the same path (and
``--articles`` no larger) to measure it again without building it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.corpus import Corpus, GeneratedArticle, text_dump
from storage import ArticleFilter, Library, similar
from storage.library import SortKey

TARGETS = {
    "search_p95_ms": 30.0,
    "related_p95_ms": 50.0,
    "list_page_ms": 10.0,
    "window_first_paint_s": 1.5,
    "memory_mb": 300.0,
    "save_pages_per_s": 40.0,
}
PAGE = 100
SORTS: tuple[SortKey, ...] = ("date", "saved", "title", "site", "section", "reading", "status")
REPEATS = 5
RELATED_SAMPLES = 200


# --- Timing helpers -------------------------------------------------------


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summary_ms(seconds: list[float]) -> dict[str, float]:
    """p50, p95 and max of timings, in milliseconds."""
    milliseconds = [value * 1000 for value in seconds]
    return {
        "p50_ms": round(statistics.median(milliseconds), 2),
        "p95_ms": round(_percentile(milliseconds, 0.95), 2),
        "max_ms": round(max(milliseconds), 2),
        "n": len(milliseconds),
    }


def timed(action: Callable[[], object]) -> float:
    """Seconds one call takes."""
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def rss_mb() -> float:
    """This process's resident memory now, in MB (Linux), else its peak."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[1])
        return round(pages * os.sysconf("SC_PAGE_SIZE") / 2**20, 1)
    except OSError:
        return peak_rss_mb()


def peak_rss_mb() -> float:
    """This process's peak resident memory, in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (2**20 if sys.platform == "darwin" else 2**10), 1)


# --- Building ---------------------------------------------------------------


def build(library: Library, corpus: Corpus, articles: int, sample: int) -> dict[str, Any]:
    """Fill an empty library: ``articles - sample`` by the bulk path, then
    ``sample`` through text-dump capture; returns both rates."""
    from capture.sources import capture_text_bytes

    stream = corpus.articles(articles)
    bulk = articles - sample
    started = time.perf_counter()
    for generated in _take(stream, bulk):
        library.save_article(generated.record)
    bulk_seconds = time.perf_counter() - started
    _mark_some(library, bulk)
    dumps = [(text_dump(g.record).encode("utf-8"), g) for g in _take(stream, sample)]
    started = time.perf_counter()
    for data, generated in dumps:
        record = capture_text_bytes(data, source_name=None)
        # As web capture does for a page served as text: the address and
        # site come from the response, not from the dump.
        record.url = generated.record.url
        record.site = generated.record.site
        library.save_article(record)
    sample_seconds = time.perf_counter() - started
    return {
        "bulk_articles": bulk,
        "bulk_seconds": round(bulk_seconds, 1),
        "bulk_articles_per_s": round(bulk / bulk_seconds, 1) if bulk else None,
        "sample_pages": sample,
        "pages_per_s": round(sample / sample_seconds, 1) if sample else None,
        "target_pages_per_s": TARGETS["save_pages_per_s"],
        "path": "capture.sources.capture_text_bytes + Library.save_article (synchronous=FULL)",
    }


def _mark_some(library: Library, count: int) -> None:
    """Favourites (1 in 100) and archived articles (1 in 50), so the list's
    filters have something to filter; the rest stay unread."""
    for article_id in range(1, count + 1, 100):
        library.set_favorite(article_id, True)
    for article_id in range(2, count + 1, 50):
        library.set_status(article_id, "archived")


def _take(stream: Iterator[GeneratedArticle], count: int) -> Iterator[GeneratedArticle]:
    for _ in range(count):
        yield next(stream)


# --- Measuring ------------------------------------------------------------

SEARCHES: dict[str, list[str]] = {
    "single_word": ["quốc", "đường", "police", "hospital", "festival"],
    "single_word_no_diacritics": ["quoc", "duong", "hoi"],
    "two_words": ["bầu cử", "kinh tế", "trade deal", "police court"],
    "two_words_no_diacritics": ["bau cu", "kinh te", "ha noi"],
    "phrase": ['"Hà Nội"', '"bầu cử"', '"energy prices"'],
    "phrase_no_diacritics": ['"ha noi"', '"thanh pho"'],
    "prefix": ["bau*", "kinh*", "farm*", "elect*"],
    "rare_word": [],  # filled from the library's own key terms
}


def measure_search(library: Library, corpus: Corpus) -> dict[str, Any]:
    """Latency of a first page of 20 hits, per kind of query."""
    rng = random.Random(1)
    queries = {kind: list(words) for kind, words in SEARCHES.items()}
    queries["rare_word"] = [rng.choice(corpus.story().terms) for _ in range(5)]
    results: dict[str, Any] = {}
    everything: list[float] = []
    for kind, words in queries.items():
        times: list[float] = []
        for query in words:
            library.search(query, limit=20)  # warm the page cache once
            for _ in range(REPEATS):
                times.append(timed(partial(library.search, query, limit=20)))
        everything += times
        results[kind] = {**summary_ms(times), "queries": words}
    results["all"] = summary_ms(everything)
    results["target_p95_ms"] = TARGETS["search_p95_ms"]
    return results


def measure_related(library: Library, count: int) -> dict[str, Any]:
    """Latency of related stories and of similar articles alone."""
    rng = random.Random(2)
    ids = [rng.randint(1, count) for _ in range(RELATED_SAMPLES)]
    related = [timed(partial(library.related_stories, i, limit=10)) for i in ids]
    alike = [timed(partial(library.similar_articles, i, limit=10)) for i in ids]
    duplicates = [timed(partial(library.near_duplicates, i)) for i in ids[:50]]
    return {
        "related_stories": summary_ms(related),
        "similar_articles": summary_ms(alike),
        "near_duplicates": summary_ms(duplicates),
        "target_p95_ms": TARGETS["related_p95_ms"],
    }


def _filters(library: Library) -> dict[str, ArticleFilter]:
    tags = library.list_tags()
    biggest = max(tags, key=lambda tag: tag.count).name if tags else None
    return {
        "all": ArticleFilter(),
        "unread": ArticleFilter(status="unread"),
        "favorite": ArticleFilter(favorite=True),
        "tag": ArticleFilter(tag=biggest),
    }


def measure_list_pages(library: Library, count: int) -> dict[str, Any]:
    """One page of the list at shallow and deep offsets, per sort and filter."""
    offsets = sorted({0, PAGE, count // 10, count // 2, count * 9 // 10})
    by_offset: dict[str, list[float]] = {}
    by_cursor: list[float] = []
    everything: list[float] = []
    cases: list[tuple[float, str]] = []
    cold: list[float] = []
    for name, where in _filters(library).items():
        total = library.count_articles(where)
        for sort in SORTS if name == "all" else ("date",):
            for offset in (value for value in offsets if value < max(total, 1)):
                times = _page_times(library, where, sort, offset, cold)
                by_offset.setdefault(str(offset), []).extend(times)
                everything += times
                cases.append((statistics.median(times), f"{name} by {sort} at {offset}"))
            cursor = _cursor_times(library, where, sort, total, cold)
            by_cursor += cursor
            if cursor:
                cases.append((statistics.median(cursor), f"{name} by {sort} after a cursor"))
    counts = [timed(partial(library.count_articles, w)) for w in _filters(library).values()]
    return {
        "all": summary_ms(everything),
        "by_offset": {offset: summary_ms(times) for offset, times in by_offset.items()},
        "by_after_cursor": summary_ms(by_cursor) if by_cursor else None,
        "slowest_p50_ms": {case: round(ms * 1000, 2) for ms, case in sorted(cases)[-4:]},
        "first_call_of_each_case": summary_ms(cold),
        "count_articles": summary_ms(counts),
        "target_ms": TARGETS["list_page_ms"],
    }


def _warm_and_cold(action: Callable[[], object], cold: list[float]) -> list[float]:
    """Time ``action`` once from cold (appended to ``cold``: the pages it
    needs may still be on disk), then REPEATS times warm (returned)."""
    cold.append(timed(action))
    return [timed(action) for _ in range(REPEATS)]


def _page_times(
    library: Library, where: ArticleFilter, sort: SortKey, offset: int, cold: list[float]
) -> list[float]:
    return _warm_and_cold(
        lambda: library.list_articles(where, sort=sort, limit=PAGE, offset=offset), cold
    )


def _cursor_times(
    library: Library, where: ArticleFilter, sort: SortKey, total: int, cold: list[float]
) -> list[float]:
    """A page read after the article at 90% of the list (keyset paging)."""
    if total < 2:
        return []
    anchor = library.list_articles(where, sort=sort, limit=1, offset=total * 9 // 10)
    if not anchor:
        return []
    after = anchor[0].id
    return _warm_and_cold(
        lambda: library.list_articles(where, sort=sort, limit=PAGE, after=after), cold
    )


def database_size(path: Path, count: int) -> dict[str, Any]:
    """The library's size, per 1,000 articles: the pages SQLite uses (read
    through the WAL, so not yet checkpointed pages count once), and the
    files on disk beside it."""
    files = [path, path.with_name(path.name + "-wal")]
    on_disk = sum(file.stat().st_size for file in files if file.exists())
    used = similar.footprint(path)["database_total"]
    return {
        "bytes": used,
        "mb": round(used / 2**20, 1),
        "bytes_per_1000_articles": round(used / max(count, 1) * 1000),
        "mb_per_1000_articles": round(used / max(count, 1) * 1000 / 2**20, 2),
        "files_on_disk_bytes": on_disk,
    }


def similarity_size(path: Path, count: int) -> dict[str, Any]:
    """What the similarity index adds, per 1,000 articles."""
    sizes = similar.footprint(path)
    return {
        **sizes,
        "similarity_bytes_per_1000_articles": round(
            sizes["similarity_total"] / max(count, 1) * 1000
        ),
    }


# --- The window -----------------------------------------------------------


def measure_window(path: Path, count: int) -> dict[str, Any]:
    """Start the window in a fresh process and read its report."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "READSHELF_BENCH_T0": repr(time.time())}
    command = [sys.executable, str(Path(__file__).resolve()), "--window-probe", str(path)]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, env=env, timeout=600, check=False
        )
    except subprocess.TimeoutExpired:
        return {"error": "the window did not finish within 10 minutes"}
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        return {"error": (done.stderr.strip().splitlines() or ["no report"])[-1]}
    report: dict[str, Any] = json.loads(lines[-1])
    report["target_first_paint_s"] = TARGETS["window_first_paint_s"]
    return report


def window_probe(path: Path) -> int:
    """In the child process: time the window to its first painted list rows,
    then scroll the whole list by fetchMore, and print a JSON report."""
    started = float(os.environ.get("READSHELF_BENCH_T0", time.time()))
    from PySide6.QtCore import QEvent, QObject, QSettings, QTemporaryDir, QTimer

    from ui.app import application
    from ui.main_window import MainWindow
    from ui.settings import WindowSettings

    app = application()
    library = Library(path)
    scratch = QTemporaryDir()
    settings = QSettings(f"{scratch.path()}/bench.ini", QSettings.Format.IniFormat)
    window = MainWindow(library, WindowSettings(settings, writable=False), writes_enabled=False)
    report: dict[str, Any] = {}

    class PaintWatcher(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            painted_rows = event.type() == QEvent.Type.Paint and window.list_model.rowCount() > 0
            if painted_rows and "first_paint_s" not in report:
                report["first_paint_s"] = round(time.time() - started, 3)
                report["rows_at_first_paint"] = window.list_model.rowCount()
                report["rss_mb_at_first_paint"] = rss_mb()
                QTimer.singleShot(0, app.quit)
            return False

    watcher = PaintWatcher()
    window.article_list.viewport().installEventFilter(watcher)
    window.resize(1280, 800)
    window.show()
    QTimer.singleShot(30_000, app.quit)
    app.exec()
    report.update(_scroll_everything(window))
    print(json.dumps(report))
    window.close()
    library.close()
    return 0


def _scroll_everything(window: Any) -> dict[str, Any]:
    """Scroll the list to its end a screen at a time, as a reader dragging
    through it would; the list model keeps a bounded cache of pages."""
    from PySide6.QtWidgets import QApplication

    view = window.article_list
    bar = view.verticalScrollBar()
    times: list[float] = []
    value = 0
    while True:
        started = time.perf_counter()
        bar.setValue(value)
        view.viewport().repaint()
        QApplication.processEvents()
        times.append(time.perf_counter() - started)
        if value >= bar.maximum():
            break
        value = min(bar.maximum(), value + max(1, bar.pageStep()))
    return {
        "screen_ms": summary_ms(times),
        "rows_after_scrolling_all": window.list_model.rowCount(),
        "rss_mb_after_scrolling_all": rss_mb(),
    }


# --- Main -------------------------------------------------------------------


@contextmanager
def _library_path(given: Path | None) -> Iterator[Path]:
    if given is not None:
        yield given
        return
    with tempfile.TemporaryDirectory(prefix="readshelf-bench-") as folder:
        yield Path(folder) / "library.sqlite"


def run(articles: int, sample: int, given: Path | None, seed: int, window: bool) -> dict[str, Any]:
    """Build (or reuse) the library and measure everything."""
    sample = min(sample, articles)
    with _library_path(given) as path:
        reuse = path.exists() and path.stat().st_size > 0
        library = Library(path)
        corpus = Corpus(seed)
        try:
            existing = library.count_articles()
            if reuse and existing >= articles:
                saving: dict[str, Any] = {"reused_library_with_articles": existing}
                articles = existing
            else:
                saving = build(library, corpus, articles - existing, sample)
            result: dict[str, Any] = {
                "articles": articles,
                "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
                "save": saving,
                "search": measure_search(library, corpus),
                "related": measure_related(library, articles),
                "list_page": measure_list_pages(library, articles),
                "database": database_size(path, articles),
                "similarity_tables": similarity_size(path, articles),
            }
        finally:
            library.close()
        result["window"] = measure_window(path, articles) if window else None
        result["memory"] = {"bench_peak_rss_mb": peak_rss_mb(), "target_mb": TARGETS["memory_mb"]}
        return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build a synthetic library and measure it.")
    parser.add_argument("--articles", type=int, default=1000, help="library size (default 1000)")
    parser.add_argument("--sample", type=int, default=500, help="pages saved through capture")
    parser.add_argument("--library", type=Path, help="keep (or reuse) the library at this path")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--no-window", action="store_true", help="skip the window measurement")
    parser.add_argument("--json", action="store_true", help="print compact JSON")
    parser.add_argument("--window-probe", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.window_probe is not None:
        return window_probe(args.window_probe)
    result = run(args.articles, args.sample, args.library, args.seed, not args.no_window)
    print(json.dumps(result, ensure_ascii=False, indent=None if args.json else 2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
