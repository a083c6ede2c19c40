"""The window stays responsive: two worker pools, superseded searches, bulk
changes off the GUI thread, pictures decoded on demand, and bugs reported.

Everything is real: libraries on disk, a loopback server answering slowly,
another connection holding the write lock, real widgets offscreen.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QMimeData, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QTextDocument
from pytestqt.qtbot import QtBot

from core.errors import CaptureError
from core.logs import LOG_DIR_ENV, log_dir, setup_logging
from storage import ArticleFilter, ArticleRecord, ImageRecord, Library
from tests.support.loopback import LoopbackServer, Response
from tests.ui.conftest import UrlRecorder, WindowFactory, plain_article, png_bytes
from tests.ui.test_drops import PAGE, drop_on
from tests.ui.test_search_and_saving import Ticker
from ui.diagnostics import CrashReporter, install_exception_hooks
from ui.main_window import MainWindow
from ui.sidebar_model import COLLAPSIBLE_SECTIONS, Section
from ui.workers import Pool, TaskRunner

SLOW_SAVE_SECONDS = 5.0


def wait_idle(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: not window.runner.busy(), timeout=10_000)


# -- the two pools, and superseding -----------------------------------------


@pytest.fixture
def slow_pages() -> Iterator[LoopbackServer]:
    with LoopbackServer() as server:
        for number in range(4):
            server.route(
                f"/slow-{number}",
                Response(
                    body=PAGE,
                    delay=SLOW_SAVE_SECONDS,
                    headers={"Content-Type": "text/html; charset=utf-8"},
                ),
            )
        yield server


def test_search_never_waits_behind_slow_saves(
    make_window: WindowFactory, library_path: Path, slow_pages: LoopbackServer, qtbot: QtBot
) -> None:
    with Library(library_path) as library:
        for number in range(20):
            library.save_article(plain_article(number))
    window = make_window(library_path)
    wait_idle(window, qtbot)
    mime = QMimeData()
    mime.setUrls([QUrl(slow_pages.url(f"/slow-{number}")) for number in range(4)])
    drop_on(window, mime)  # four saves: every background thread waits on the network
    assert len(window.list_model.saving_tokens()) == 4
    window.search_field.setText("Bài số 7")
    window.search.run_now()
    qtbot.waitUntil(lambda: window.list_model.query == "Bài số 7", timeout=4_000)
    # The answer came while all four saves were still waiting for their pages.
    assert window.runner.busy(Pool.BACKGROUND)
    assert len(window.list_model.saving_tokens()) == 4
    assert window.list_model.rowCount() - 4 >= 1
    window.close()


def test_a_new_task_in_a_slot_supersedes_the_one_in_flight(
    library_path: Path, qtbot: QtBot
) -> None:
    Library(library_path).close()
    runner = TaskRunner(library_path)
    gate = threading.Event()
    ran: list[str] = []
    delivered: list[str] = []
    try:

        def blocker(name: str) -> Callable[[Library], str]:
            def job(_library: Library) -> str:
                ran.append(name)
                assert gate.wait(10)
                return name

            return job

        # Both interactive threads busy; the first search waits, then is superseded.
        for name in ("similar", "count"):
            runner.submit(blocker(name), delivered.append, delivered.append, pool=Pool.INTERACTIVE)
        qtbot.waitUntil(lambda: len(ran) == 2)
        runner.submit(
            blocker("old search"), delivered.append, delivered.append, pool=Pool.INTERACTIVE,
            slot="search",
        )  # fmt: skip
        runner.submit(
            lambda _library: "new search", delivered.append, delivered.append,
            pool=Pool.INTERACTIVE, slot="search",
        )  # fmt: skip
        gate.set()
        qtbot.waitUntil(lambda: not runner.busy(), timeout=5_000)
        assert runner.wait(5_000)
        assert "old search" not in ran  # skipped: it had not started
        assert sorted(delivered) == ["count", "new search", "similar"]

        # Superseded while running: it finishes, but is never delivered.
        gate.clear()
        runner.submit(
            blocker("running search"), delivered.append, delivered.append,
            pool=Pool.INTERACTIVE, slot="search",
        )  # fmt: skip
        qtbot.waitUntil(lambda: "running search" in ran)
        runner.submit(
            lambda _library: "latest", delivered.append, delivered.append,
            pool=Pool.INTERACTIVE, slot="search",
        )  # fmt: skip
        qtbot.waitUntil(lambda: "latest" in delivered, timeout=5_000)
        gate.set()
        assert runner.wait(5_000)
        qtbot.wait(50)  # let any queued delivery arrive
        assert "running search" not in delivered
    finally:
        gate.set()
        runner.shutdown()


def test_workers_log_bugs_with_their_traceback_and_expected_failures_as_a_line(
    library_path: Path, qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    Library(library_path).close()
    runner = TaskRunner(library_path)
    errors: list[str] = []

    def bug(_library: Library) -> None:
        raise KeyError("no such column")

    def offline(_library: Library) -> None:
        raise CaptureError("the site did not answer")

    try:
        with caplog.at_level(logging.INFO, logger="ui.workers"):
            runner.submit(bug, lambda _r: None, errors.append, pool=Pool.BACKGROUND)
            runner.submit(offline, lambda _r: None, errors.append, pool=Pool.BACKGROUND)
            qtbot.waitUntil(lambda: len(errors) == 2, timeout=5_000)
    finally:
        runner.shutdown()
    bug_message = next(message for message in errors if "KeyError" in message)
    assert bug_message.startswith("something went wrong") and str(log_dir()) in bug_message
    assert "the site did not answer" in errors
    (traced,) = [record for record in caplog.records if record.exc_info]
    assert traced.exc_info is not None and traced.exc_info[0] is KeyError
    quiet = [record for record in caplog.records if "the site did not answer" in record.message]
    assert len(quiet) == 1 and quiet[0].exc_info is None


def test_each_worker_thread_keeps_one_library_and_closes_it_at_shutdown(
    library_path: Path, qtbot: QtBot
) -> None:
    Library(library_path).close()
    runner = TaskRunner(library_path)
    seen: list[tuple[int, Library]] = []

    def job(library: Library) -> int:
        seen.append((threading.get_ident(), library))  # keeps each Library alive
        return library.count_articles()

    results: list[int] = []
    errors: list[str] = []
    try:
        for _ in range(12):
            runner.submit(job, results.append, errors.append, pool=Pool.INTERACTIVE)
            runner.submit(job, results.append, errors.append, pool=Pool.BACKGROUND)
        qtbot.waitUntil(lambda: len(results) + len(errors) == 24, timeout=10_000)
    finally:
        runner.shutdown()
    assert results == [0] * 24 and errors == []
    libraries_of: dict[int, set[int]] = {}
    for thread, library in seen:
        libraries_of.setdefault(thread, set()).add(id(library))
    # One Library per thread, opened once: never one per task.
    assert all(len(libraries) == 1 for libraries in libraries_of.values())
    assert len({id(library) for _thread, library in seen}) == len(libraries_of) <= 6
    # Each thread closed its own connection. Two threads closing at once may
    # each see the other and leave the WAL file, so prove it with one more
    # connection: closing it removes the file only when no other is open.
    Library(library_path).close()
    assert not Path(f"{library_path}-wal").exists()


def test_a_library_that_cannot_be_opened_is_reported_by_each_task(
    tmp_path: Path, qtbot: QtBot
) -> None:
    not_a_library = tmp_path / "notes.sqlite"
    sqlite3.connect(not_a_library).executescript("CREATE TABLE notes (text TEXT);")
    runner = TaskRunner(not_a_library)
    counts: list[int] = []
    errors: list[str] = []

    def count(library: Library) -> int:
        return library.count_articles()

    try:
        runner.submit(count, counts.append, errors.append, pool=Pool.INTERACTIVE)
        qtbot.waitUntil(lambda: len(errors) == 1, timeout=5_000)
        # The next task tries to open it again, and says so again.
        runner.submit(count, counts.append, errors.append, pool=Pool.INTERACTIVE)
        qtbot.waitUntil(lambda: len(errors) == 2, timeout=5_000)
    finally:
        runner.shutdown()
    assert counts == [] and len(errors) == 2
    assert all("not a Readshelf library" in error for error in errors)


# A query that runs until it is stopped: counting up to 10^12.
ENDLESS = (
    "WITH RECURSIVE counter(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM counter WHERE n < 1e12)"
    " SELECT count(*) FROM counter"
)


def test_a_superseded_query_is_interrupted_quietly(
    library_path: Path, qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    Library(library_path).close()
    runner = TaskRunner(library_path)
    started = threading.Event()
    stopped: list[BaseException] = []
    delivered: list[object] = []
    errors: list[str] = []

    def endless(library: Library) -> object:
        started.set()
        try:
            return library.store.connection.execute(ENDLESS).fetchone()
        except sqlite3.Error as error:
            stopped.append(error)
            raise

    try:
        with caplog.at_level(logging.DEBUG, logger="ui.workers"):
            runner.submit(endless, delivered.append, errors.append, pool=Pool.INTERACTIVE,
                          slot="search")  # fmt: skip
            assert started.wait(5)
            qtbot.wait(200)  # the query is running inside SQLite
            runner.submit(lambda _library: "newer", delivered.append, errors.append,
                          pool=Pool.INTERACTIVE, slot="search")  # fmt: skip
            qtbot.waitUntil(lambda: len(stopped) == 1, timeout=5_000)
            assert runner.wait(5_000)
            qtbot.wait(50)  # let any queued delivery arrive
            # Clearing a slot stops its query too.
            started.clear()
            runner.submit(endless, delivered.append, errors.append, pool=Pool.INTERACTIVE,
                          slot="search")  # fmt: skip
            assert started.wait(5)
            qtbot.wait(200)
            runner.cancel_slot("search")
            qtbot.waitUntil(lambda: len(stopped) == 2, timeout=5_000)
            assert runner.wait(5_000)
            qtbot.wait(50)
    finally:
        runner.shutdown()
    assert all(Library.is_interruption(error) for error in stopped)
    assert delivered == ["newer"] and errors == []  # a quiet cancellation, not an error
    assert not [record for record in caplog.records if record.levelno >= logging.INFO]


# -- changes to many articles: off the GUI thread, one transaction ------------


@pytest.fixture
def many_path(library_path: Path) -> Path:
    with Library(library_path) as library:
        for number in range(30):
            library.save_article(plain_article(number), tags=["Hà Nội"])
    return library_path


def hold_write_lock(path: Path) -> sqlite3.Connection:
    """Another program in the middle of a long write."""
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    return holder


def test_marking_many_articles_runs_off_the_gui_thread(
    make_window: WindowFactory, many_path: Path, qtbot: QtBot
) -> None:
    window = make_window(many_path)
    wait_idle(window, qtbot)
    window.article_list.selectAll()
    ids = window.article_list.selected_ids()
    assert len(ids) >= 20
    holder = hold_write_lock(many_path)
    try:
        ticker = Ticker()
        window.commands.toggle_favorite.trigger()
        qtbot.wait(300)
        assert ticker.ticks >= 10  # the window went on while the change waited
        assert window.sidebar_model.view_count("favorites") == 0
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    qtbot.waitUntil(
        lambda: window.sidebar_model.view_count("favorites") == len(ids), timeout=10_000
    )
    with Library(many_path) as library:
        favourites = library.list_articles(ArticleFilter(favorite=True), limit=100)
    assert sorted(summary.id for summary in favourites) == sorted(ids)
    assert "Added" in window.statusBar().currentMessage()


def test_renaming_a_tag_runs_off_the_gui_thread(
    make_window: WindowFactory, many_path: Path, qtbot: QtBot
) -> None:
    window = make_window(many_path)
    wait_idle(window, qtbot)
    window.sidebar.select_entry("tag", "Hà Nội")
    holder = hold_write_lock(many_path)
    try:
        ticker = Ticker()
        window.tag_commands.rename("Hà Nội", "Thủ đô")
        qtbot.wait(300)
        assert ticker.ticks >= 10
        assert window.sidebar_model.tags() == ["Hà Nội"]  # not yet: the library is busy
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    qtbot.waitUntil(lambda: window.sidebar_model.tags() == ["Thủ đô"], timeout=10_000)
    entry = window.sidebar.current_entry()
    assert entry is not None and entry.key == "Thủ đô"  # the view followed the rename
    with Library(many_path) as library:
        assert len(library.search("thu do", limit=100)) == 30  # re-indexed, every one


def test_deleting_many_articles_runs_off_the_gui_thread(
    make_window: WindowFactory, many_path: Path, qtbot: QtBot
) -> None:
    window = make_window(many_path)
    wait_idle(window, qtbot)
    window.article_list.selectAll()
    ids = window.article_list.selected_ids()
    window.commands.delete.trigger()
    holder = hold_write_lock(many_path)
    try:
        ticker = Ticker()
        window.notices.notices()[0].expire_now()  # the Undo is gone: delete for real
        qtbot.wait(300)
        assert ticker.ticks >= 10
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    wait_idle(window, qtbot)
    with Library(many_path) as library:
        assert not any(library.article_exists(article_id) for article_id in ids)
    assert window.sidebar_model.view_count("all") == 30 - len(ids)


class ModelSpy:
    """Counts a model's structural signals."""

    def __init__(self, model: QAbstractItemModel) -> None:
        self.events: list[str] = []
        model.modelAboutToBeReset.connect(lambda: self.events.append("reset"))
        model.layoutAboutToBeChanged.connect(lambda: self.events.append("layout"))
        model.rowsRemoved.connect(lambda _parent, first, last: self.events.append(
            f"removed {last - first + 1}"))  # fmt: skip
        model.rowsInserted.connect(lambda _parent, first, last: self.events.append(
            f"inserted {last - first + 1}"))  # fmt: skip
        model.rowsMoved.connect(lambda _parent, first, last, _to, _row: self.events.append(
            f"moved {last - first + 1}"))  # fmt: skip


@pytest.fixture
def many_tags_path(library_path: Path) -> Path:
    with Library(library_path) as library:
        for number in range(12):
            library.save_article(plain_article(number), tags=[f"Chủ đề {number:02d}", "Hà Nội"])
    return library_path


def renamed_while_shown(
    window: MainWindow, qtbot: QtBot, old: str, new: str
) -> tuple[ModelSpy, list[object]]:
    """Show tag ``old`` and rename it ``new``: the sidebar model's structural
    events and the entries the sidebar chose meanwhile."""
    window.sidebar.select_entry("tag", old)
    chosen: list[object] = []
    window.sidebar.entry_selected.connect(chosen.append)
    spy = ModelSpy(window.sidebar_model)
    window.tag_commands.rename(old, new)
    qtbot.waitUntil(lambda: new in window.sidebar_model.tags(), timeout=10_000)
    return spy, chosen


def test_a_tag_change_updates_only_the_changed_sidebar_rows(
    make_window: WindowFactory, many_tags_path: Path, qtbot: QtBot
) -> None:
    window = make_window(many_tags_path)
    wait_idle(window, qtbot)
    sidebar, model = window.sidebar, window.sidebar_model
    spy, chosen = renamed_while_shown(window, qtbot, "Hà Nội", "Thủ đô")
    # The renamed tag sorts where the old name did: its row shows the new
    # name in place (dataChanged), no row removed or inserted, no re-layout.
    assert spy.events == []
    entry = sidebar.current_entry()
    assert entry is not None and entry.key == "Thủ đô"
    assert len(chosen) == 1  # the list was read once, for the renamed tag
    assert window.list_model.rowCount() == 12
    # Every section stays as it was: open, and the collapsible Topics still closed.
    assert all(
        sidebar.isExpanded(model.section_index(section)) != (section in COLLAPSIBLE_SECTIONS)
        for section in Section
    )

    spy.events.clear()
    window.sidebar.select_entry("tag", "Chủ đề 03")
    window.tag_commands.delete("Chủ đề 03")
    qtbot.waitUntil(lambda: "Chủ đề 03" not in model.tags(), timeout=10_000)
    assert spy.events == ["removed 1"]
    entry = sidebar.current_entry()
    assert entry is not None and (entry.kind, entry.key) == ("view", "all")

    spy.events.clear()
    window.tag_commands.merge("Chủ đề 04", "Chủ đề 05")
    qtbot.waitUntil(lambda: "Chủ đề 04" not in model.tags(), timeout=10_000)
    assert spy.events == ["removed 1"]
    counts = {e.key: e.count for row in range(model.rowCount(model.section_index(Section.TAGS)))
              if (e := model.entry(model.index(row, 0, model.section_index(Section.TAGS))))}  # fmt: skip
    assert counts["Chủ đề 05"] == 2 and counts["Thủ đô"] == 12


def test_a_renamed_tag_that_sorts_elsewhere_moves_one_row(
    make_window: WindowFactory, many_tags_path: Path, qtbot: QtBot
) -> None:
    window = make_window(many_tags_path)
    wait_idle(window, qtbot)
    sidebar, model = window.sidebar, window.sidebar_model
    spy, chosen = renamed_while_shown(window, qtbot, "Chủ đề 00", "Xuân")
    # From the first row to the last: one move, not a removal and an insertion.
    assert spy.events == ["moved 1"]
    assert model.tags()[-1] == "Xuân" and "Chủ đề 00" not in model.tags()
    entry = sidebar.current_entry()
    assert entry is not None and entry.key == "Xuân"
    assert len(chosen) == 1  # the list follows the new name
    assert window.list_model.rowCount() == 1


def test_the_sidebar_counts_are_read_off_the_gui_thread(
    make_window: WindowFactory, seeded_path: Path, qtbot: QtBot
) -> None:
    # Counting over the whole library after every change would hold the
    # window on a large one: the write is done at once, the counts are read
    # in a worker and land with the event loop, never inside the command.
    window = make_window(seeded_path)
    wait_idle(window, qtbot)
    window.open_article(2)
    window.commands.toggle_favorite.trigger()
    with Library(seeded_path) as library:
        assert library.get_article(2).favorite
    assert window.sidebar_model.view_count("favorites") == 0
    qtbot.waitUntil(lambda: window.sidebar_model.view_count("favorites") == 1)


def test_sidebar_apply_inserts_into_an_empty_section_and_keeps_it_open(
    make_window: WindowFactory, library_path: Path, qtbot: QtBot
) -> None:
    with Library(library_path) as library:
        library.save_article(plain_article(1))
    window = make_window(library_path)
    model = window.sidebar_model
    assert model.tags() == []
    spy = ModelSpy(model)
    with Library(library_path) as library:
        (only,) = library.list_articles(ArticleFilter(), limit=1)
        library.add_tags(only.id, ["Mới", "Cũ"])
    model.refresh()
    qtbot.waitUntil(lambda: model.tags() == ["Cũ", "Mới"])
    assert spy.events == ["inserted 2"]
    tags_section = model.section_index(Section.TAGS)
    assert window.sidebar.isExpanded(tags_section)
    assert not window.sidebar.isRowHidden(0, tags_section)


# -- pictures on demand ----------------------------------------------------------


def test_pictures_are_decoded_when_the_reader_shows_them(
    make_window: WindowFactory, library_path: Path, qtbot: QtBot
) -> None:
    text = "<p>" + "Đoạn văn dài về Hà Nội. " * 120 + "</p>"
    figures = [
        f'<figure><img src="image:{number}"><figcaption>Ảnh {number}</figcaption></figure>'
        for number in range(3)
    ]
    # A picture at the top, one in the middle, one at the very end.
    reader_html = figures[0] + text + figures[1] + text + figures[2]
    record = ArticleRecord(
        title="Ba bức ảnh",
        body_text="Đoạn văn dài về Hà Nội. " * 360,
        reader_html=reader_html,
        images=[
            ImageRecord(caption=f"Ảnh {n}", data=png_bytes(900, 600), mime="image/png")
            for n in range(3)
        ],
    )
    with Library(library_path) as library:
        article_id = library.save_article(record).id
    window = make_window(library_path)
    window.open_article(article_id)
    reader = window.reader
    assert reader.decoded_pictures == []  # opening decoded nothing
    reader.grab()  # the top of the page is painted
    assert reader.decoded_pictures == [0]
    # The document asks for the last picture: it is decoded then, to the column.
    loaded = reader.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl("image:2"))
    assert reader.decoded_pictures == [0, 2]
    assert isinstance(loaded, QImage) and not loaded.isNull()
    assert loaded.width() / loaded.devicePixelRatio() <= reader.column_width + 1


# -- diagnostics -----------------------------------------------------------------------


@pytest.fixture
def log_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "logs"
    monkeypatch.setenv(LOG_DIR_ENV, str(folder))
    setup_logging()
    yield folder
    for handler in list(logging.getLogger().handlers):
        if getattr(handler, "_readshelf", False):
            logging.getLogger().removeHandler(handler)
            handler.close()


def test_a_bug_in_any_thread_is_logged_and_shown(
    make_window: WindowFactory, seeded_path: Path, log_folder: Path, qtbot: QtBot
) -> None:
    window = make_window(seeded_path)
    restore = install_exception_hooks(CrashReporter(window.notify_error, window))
    try:

        def broken() -> None:
            raise ZeroDivisionError("a worker's bug")

        thread = threading.Thread(target=broken, name="broken-thread")
        thread.start()
        thread.join()
        qtbot.waitUntil(
            lambda: any("Something went wrong" in m for m in window.notices.messages()),
            timeout=5_000,
        )
        try:
            raise ValueError("a slot's bug")
        except ValueError as error:
            import sys

            sys.excepthook(type(error), error, error.__traceback__)
    finally:
        restore()
    messages = [m for m in window.notices.messages() if "Something went wrong" in m]
    assert len(messages) == 2 and all(str(log_folder) in m for m in messages)
    notice = window.notices.notices()[-1]
    assert notice.kind == "error"
    assert window.isEnabled()  # non-modal: the window goes on
    logged = (log_folder / "readshelf.log").read_text(encoding="utf-8")
    assert "Traceback" in logged and "ZeroDivisionError: a worker's bug" in logged
    assert "ValueError: a slot's bug" in logged and "broken-thread" in logged


def test_help_opens_the_log_folder(
    make_window: WindowFactory, seeded_path: Path, log_folder: Path, browser: UrlRecorder
) -> None:
    QDesktopServices.setUrlHandler("file", browser, "open")
    try:
        window = make_window(seeded_path)
        help_menu = next(
            action.menu() for action in window.menuBar().actions() if action.text() == "&Help"
        )
        assert window.commands.open_log_folder in help_menu.actions()  # type: ignore[union-attr]
        window.commands.open_log_folder.trigger()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert browser.urls == [QUrl.fromLocalFile(str(log_folder)).toString()]
    assert log_folder.is_dir()


def test_the_window_imports_nothing_from_capture() -> None:
    ui = Path(__file__).resolve().parents[2] / "ui"
    for module in ui.glob("*.py"):
        text = module.read_text(encoding="utf-8")
        assert "from capture" not in text and "import capture" not in text, module.name


def test_a_closing_window_reads_nothing_more(
    make_window: WindowFactory, seeded_path: Path, qtbot: QtBot
) -> None:
    # A late timer or signal may ask for a refresh after the window closed:
    # its worker pools are gone, so nothing is read and nothing fails.
    window = make_window(seeded_path)
    window.close()
    window.refresh_views()
    window.update_status()
    assert window.runner.closed and not window.runner.busy()
