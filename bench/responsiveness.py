"""How responsive the window stays under load; prints JSON.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m bench.responsiveness \\
        --search-articles 10000 --rename-articles 100000

Two measurements, each on a library built with bench.corpus (kept under
``--dir`` and reused when run again):

* ``search``: search-as-you-type latency (the query handed to the search
  controller until its results are in the list), p50/p95 over ``--queries``
  queries, on an idle window and then while four slow saves are in flight
  (a loopback server answering each page after 5 s; finished saves are
  replaced so four are always waiting). Target: p95 under load within 2x
  of idle.
* ``rename``: renaming a tag carried by 5,000 articles; a 10 ms QTimer
  heartbeat on the GUI thread records the longest gap between its ticks
  from the rename's start until the view shows the new name. Target: at
  most 50 ms. ``rename_to_another_place`` is the same with a new name that
  sorts first, so the tag's row moves.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

SLOW_PAGE_SECONDS = 5.0
SLOW_SAVES = 4
TAGGED = 5_000
TAG = "bench-rename"
HEARTBEAT_MS = 10
TARGET_LOAD_RATIO = 2.0
TARGET_GAP_MS = 50.0

PAGE = (
    "<!doctype html><html lang='vi'><head><meta charset='utf-8'><title>Trang chậm</title>"
    "</head><body><article><h1>Trang chậm</h1>"
    + "<p>Một trang web trả lời rất chậm, để xem cửa sổ có còn nhanh không.</p>" * 12
    + "</article></body></html>"
).encode()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def build_library(path: Path, articles: int, seed: int = 6) -> dict[str, Any]:
    """A library of ``articles`` corpus articles at ``path`` (reused if there)."""
    from bench.corpus import Corpus
    from storage import Library

    with Library(path) as library:
        have = library.count_articles()
        started = time.perf_counter()
        if have < articles:
            stream = Corpus(seed).articles(articles)
            for number, generated in enumerate(stream):
                if number >= have:
                    library.save_article(generated.record)
        return {
            "articles": library.count_articles(),
            "build_seconds": round(time.perf_counter() - started, 1),
        }


def tag_articles(path: Path, count: int) -> None:
    """Give ``count`` articles the benchmark's tag (once)."""
    from storage import ArticleFilter, Library

    with Library(path) as library:
        if TAG in [tag.name for tag in library.list_tags()]:
            return
        ids = [summary.id for summary in library.list_articles(ArticleFilter(), limit=count)]
        library.add_tags_many(ids, [TAG])


class StallSampler:
    """Where the GUI thread is while it stalls: a thread that, whenever the
    heartbeat is late by more than ``late_ms``, records the GUI thread's
    stack (sys._current_frames) every few milliseconds."""

    def __init__(self, last_tick: list[float], late_ms: float = 30.0) -> None:
        self._last_tick = last_tick
        self._late = late_ms / 1000
        self._gui = threading.get_ident()
        self._stop = threading.Event()
        self.samples: Counter[str] = Counter()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> StallSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(0.003):
            if time.perf_counter() - self._last_tick[0] < self._late:
                continue
            frame = sys._current_frames().get(self._gui)
            stack: list[str] = []
            while frame is not None and len(stack) < 6:
                code = frame.f_code
                if "/site-packages/" not in code.co_filename:
                    stack.append(f"{Path(code.co_filename).stem}.{code.co_name}:{frame.f_lineno}")
                frame = frame.f_back
            self.samples[" < ".join(stack) or "(in Qt, no Python frame)"] += 1

    def top(self, count: int = 8) -> dict[str, int]:
        """The most sampled stacks, innermost frame first (3 ms per sample)."""
        return dict(self.samples.most_common(count))


@contextmanager
def slow_server() -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            time.sleep(SLOW_PAGE_SECONDS)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(PAGE)))
            self.end_headers()
            self.wfile.write(PAGE)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def window_on(path: Path, scratch: Path) -> Iterator[Any]:
    from PySide6.QtCore import QCoreApplication, QEvent, QSettings

    from storage import Library
    from ui.app import GUI_BUSY_TIMEOUT_SECONDS, application
    from ui.main_window import MainWindow
    from ui.settings import WindowSettings

    application()
    library = Library(path, busy_timeout=GUI_BUSY_TIMEOUT_SECONDS)
    settings = WindowSettings(QSettings(str(scratch / "bench.ini"), QSettings.Format.IniFormat))
    window = MainWindow(library, settings)
    window.show()
    try:
        spin_until(lambda: not window.runner.busy(), 120)
        yield window
    finally:
        window.close()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        library.close()


def spin_until(done: Callable[[], bool], timeout_s: float) -> bool:
    from PySide6.QtCore import QCoreApplication, QEventLoop

    deadline = time.monotonic() + timeout_s
    while not done():
        if time.monotonic() > deadline:
            return False
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
    return True


def search_latencies(
    window: Any, queries: list[str], keep_saving: Callable[[], None]
) -> list[float]:
    results: list[float] = []
    for query in queries:
        keep_saving()
        arrived = threading.Event()

        def mark(query: str = query, arrived: threading.Event = arrived) -> None:
            if window.list_model.query == query:
                arrived.set()

        window.search.results_changed.connect(mark)
        window.search_field.blockSignals(True)  # no debounce timer: measure the search itself
        window.search_field.setText(query)
        window.search_field.blockSignals(False)
        started = time.perf_counter()
        window.search.run_now()
        spin_until(arrived.is_set, 30)
        results.append((time.perf_counter() - started) * 1000)
        window.search.results_changed.disconnect(mark)
    window.search_field.clear()
    return results


def summary(values: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(statistics.median(values), 1),
        "p95_ms": round(percentile(values, 0.95), 1),
        "max_ms": round(max(values), 1),
    }


def measure_search(path: Path, scratch: Path, count: int, seed: int) -> dict[str, Any]:
    from storage import ArticleFilter, Library
    from ui.drops import DropContent, DropItem
    from ui.workers import Pool

    rng = random.Random(seed)
    with Library(path) as library:
        titles = [s.title for s in library.list_articles(ArticleFilter(), limit=2_000)]
    words = [word for title in titles for word in title.split() if len(word) > 3]
    queries = [" ".join(rng.sample(words, rng.choice((1, 1, 2)))) for _ in range(count)]
    with window_on(path, scratch) as window, slow_server() as base:
        failed: list[str] = []
        window.saver.failed.connect(lambda _token, _label, message: failed.append(message))
        search_latencies(window, queries[:5], lambda: None)  # warm the page cache
        idle = search_latencies(window, queries, lambda: None)
        urls = (f"{base}/slow-{number}" for number in range(1_000_000))

        def keep_saving() -> None:
            waiting = len(window.list_model.saving_tokens())
            if waiting < SLOW_SAVES:
                items = [DropItem("url", next(urls)) for _ in range(SLOW_SAVES - waiting)]
                window.saving.save_content(DropContent(items=items))

        keep_saving()
        spin_until(lambda: False, 0.3)  # the saves are waiting on the server
        loaded = search_latencies(window, queries, keep_saving)
        in_flight = len(window.list_model.saving_tokens())
        busy = window.runner.busy(Pool.BACKGROUND)
        window.runner.shutdown(timeout_ms=int(SLOW_PAGE_SECONDS * 2_000))
    return {
        "queries": count,
        "idle": summary(idle),
        "four_slow_saves": summary(loaded),
        "saves_in_flight_at_end": in_flight,
        "failed_saves": len(failed),
        "first_failure": failed[0] if failed else None,
        "background_busy_at_end": busy,
        "p95_ratio": round(percentile(loaded, 0.95) / percentile(idle, 0.95), 2),
        "target_p95_ratio": TARGET_LOAD_RATIO,
    }


def measure_rename(path: Path, scratch: Path, renamed: str) -> dict[str, Any]:
    from PySide6.QtCore import QTimer

    tag_articles(path, TAGGED)
    with window_on(path, scratch) as window:
        gaps: list[float] = []
        last = [time.perf_counter()]

        def tick() -> None:
            now = time.perf_counter()
            gaps.append((now - last[0]) * 1000)
            last[0] = now

        heartbeat = QTimer()
        heartbeat.setInterval(HEARTBEAT_MS)
        heartbeat.timeout.connect(tick)
        heartbeat.start()
        spin_until(lambda: len(gaps) > 20, 5)  # the heartbeat is steady
        gaps.clear()
        last[0] = time.perf_counter()
        started = time.perf_counter()
        with StallSampler(last) as sampler:
            window.tag_commands.rename(TAG, renamed)
            landed = spin_until(
                # busy() first: cheap, while tags() lists every tag on each spin.
                lambda: not window.runner.busy() and renamed in window.sidebar_model.tags(),
                300,
            )
            seconds = time.perf_counter() - started
            spin_until(lambda: False, 0.2)  # and the moments after it landed
        heartbeat.stop()
        # Put the tag back for the next run, off the clock.
        window.tag_commands.rename(renamed, TAG)
        spin_until(lambda: not window.runner.busy() and TAG in window.sidebar_model.tags(), 300)
    return {
        "tagged_articles": TAGGED,
        "landed": landed,
        "rename_seconds": round(seconds, 2),
        "longest_gui_gap_ms": round(max(gaps), 1),
        "heartbeat_ms": HEARTBEAT_MS,
        "ticks": len(gaps),
        "gaps_over_30_ms": sum(gap > 30 for gap in gaps),
        "target_longest_gap_ms": TARGET_GAP_MS,
        "gui_stalls_sampled": sampler.top(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--search-articles", type=int, default=10_000)
    parser.add_argument("--rename-articles", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=40)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "readshelf-bench")
    parser.add_argument("--only", choices=("search", "rename"))
    parser.add_argument("--seed", type=int, default=6)
    options = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    options.dir.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="readshelf-bench-settings-"))
    report: dict[str, Any] = {}
    if options.only in (None, "search"):
        path = options.dir / f"library-{options.search_articles}.sqlite"
        report["search_library"] = build_library(path, options.search_articles, options.seed)
        report["search"] = measure_search(path, scratch, options.queries, options.seed)
    if options.only in (None, "rename"):
        path = options.dir / f"library-{options.rename_articles}.sqlite"
        report["rename_library"] = build_library(path, options.rename_articles, options.seed)
        # A new name that sorts where the old one did, and one that sorts
        # first: the sidebar changes a row in place, or moves it.
        report["rename"] = measure_rename(path, scratch, f"{TAG}-renamed")
        report["rename_to_another_place"] = measure_rename(path, scratch, f"000 {TAG}")
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
