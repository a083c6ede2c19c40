"""Search as you type, and background saving that never blocks the window."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt, QTimer, QUrl
from pytestqt.qtbot import QtBot

from capture.sources import capture_fragment, capture_source
from services.save import Capturers
from storage import SNIPPET_END, SNIPPET_START, ArticleRecord, Library
from tests.conftest import SEED
from tests.support.loopback import LoopbackServer, Response
from tests.ui.conftest import WindowFactory, plain_article
from tests.ui.test_drops import PAGE, drop_on
from ui.article_model import SNIPPET_ROLE, Column
from ui.main_window import MainWindow


@pytest.fixture
def window(make_window: WindowFactory, seeded_path: Path) -> MainWindow:
    with Library(seeded_path) as library:
        for number in range(4):
            library.save_article(plain_article(number))
    return make_window(seeded_path)


def titles(window: MainWindow) -> list[str]:
    model = window.list_model
    return [model.index(row, Column.TITLE).data() for row in range(model.rowCount())]


def test_typing_filters_the_list_with_snippets(window: MainWindow, qtbot: QtBot) -> None:
    everything = titles(window)
    assert len(everything) == 6
    window.commands.find.trigger()
    qtbot.keyClicks(window.search_field, "bau cu")  # finds "bầu cử" without diacritics
    qtbot.waitUntil(lambda: window.list_model.query == "bau cu", timeout=5_000)
    assert titles(window) == [
        "Công an Hà Nội có vai trò to lớn góp phần làm nên thành công của cuộc bầu cử"
    ]
    snippet = window.list_model.index(0, Column.TITLE).data(SNIPPET_ROLE)
    assert SNIPPET_START in snippet and SNIPPET_END in snippet
    # The counts beside the matches come from a worker, just after the list.
    qtbot.waitUntil(lambda: "1 match for “bau cu”" in window.count_label.text())
    # Debounced: a second query replaces the first; only the latest answer counts.
    window.search_field.clear()
    qtbot.keyClicks(window.search_field, "guom")
    qtbot.waitUntil(lambda: window.list_model.query == "guom", timeout=5_000)
    assert sorted(titles(window)) == sorted(
        title for title in everything if title.startswith("Bài viết số")
    )
    window.search_field.clear()  # clearing the field shows the whole view again
    assert window.list_model.query is None
    assert titles(window) == everything


def test_search_stays_inside_the_current_view(window: MainWindow, qtbot: QtBot) -> None:
    window.commands.views["favorites"].trigger()
    window.search_field.setText("guom")
    qtbot.waitUntil(lambda: window.list_model.query == "guom", timeout=5_000)
    assert titles(window) == []
    window.commands.views["all"].trigger()
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 4, timeout=5_000)


def test_a_bad_query_is_reported_quietly(window: MainWindow, qtbot: QtBot) -> None:
    window.search_field.setText('"')
    qtbot.wait(400)
    assert window.notices.messages() == []  # no notice storm while typing


class Ticker:
    """Counts timer ticks: proof that the event loop kept running."""

    def __init__(self) -> None:
        self.ticks = 0
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        self.ticks += 1


def test_a_slow_capture_does_not_block_the_window(
    make_window: WindowFactory, library_path: Path, qtbot: QtBot
) -> None:
    gate = threading.Event()

    def slow_capture(source: str) -> ArticleRecord:
        # A file on a hung network share: capture waits until the test lets it go.
        assert gate.wait(10)
        return capture_source(source)

    window = make_window(
        library_path, capturers=Capturers(source=slow_capture, fragment=capture_fragment)
    )
    ticker = Ticker()
    drop_on(window, _urls(QUrl.fromLocalFile(str(SEED))))
    assert window.list_model.index(0, Column.TITLE).data().startswith("Saving… tttd_cong_an")
    qtbot.wait(300)
    assert ticker.ticks >= 10  # the event loop kept running while capture waited
    assert window.activity_bar.isVisible()
    assert "Saving tttd_cong_an_ha_noi.txt" in window.activity_label.text()
    window.search_field.setText("anything")  # the window still answers
    assert window.search_field.text() == "anything"
    window.search_field.clear()

    gate.set()
    qtbot.waitUntil(lambda: not window.runner.busy(), timeout=10_000)
    assert window.list_model.index(0, Column.TITLE).data().startswith("Công an Hà Nội")
    assert not window.activity_bar.isVisible()


@pytest.fixture
def slow_server() -> Iterator[LoopbackServer]:
    with LoopbackServer() as server:
        server.route(
            "/slow",
            Response(body=PAGE, delay=1.0, headers={"Content-Type": "text/html; charset=utf-8"}),
        )
        yield server


def test_a_slow_web_page_does_not_block_the_window(
    make_window: WindowFactory, library_path: Path, slow_server: LoopbackServer, qtbot: QtBot
) -> None:
    window = make_window(library_path)
    ticker = Ticker()
    drop_on(window, _urls(QUrl(slow_server.url("/slow"))))
    qtbot.wait(500)
    assert ticker.ticks >= 20
    assert len(window.list_model.saving_tokens()) == 1
    qtbot.waitUntil(lambda: not window.runner.busy(), timeout=15_000)
    assert window.list_model.saving_tokens() == []
    assert slow_server.requested("/slow")


def test_closing_while_saving_waits_quietly(
    make_window: WindowFactory, library_path: Path, tmp_path: Path
) -> None:
    window = make_window(library_path)
    drop_on(window, _urls(QUrl.fromLocalFile(str(SEED))))
    window.close()
    assert not window.runner.busy() or window.runner.wait(5_000)


def _urls(*urls: QUrl) -> QMimeData:
    mime = QMimeData()
    mime.setUrls(list(urls))
    return mime


def test_related_story_click_opens_or_offers_save(
    make_window: WindowFactory, seeded_path: Path, qtbot: QtBot
) -> None:
    with Library(seeded_path) as library:
        library.add_tags(1, ["Du lịch"])  # now the seed is like the picture article
    window = make_window(seeded_path)
    window.open_article(2)  # lists "Lễ hội cốm Tú Lệ", not saved
    panel = window.related_panel
    (story,) = panel.page_model.stories()
    assert not story.saved and story.url == "https://example.vn/le-hoi-com"
    rect = panel.page_list.visualRect(panel.page_model.index(0))
    qtbot.mouseClick(panel.page_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    notice = window.notices.notices()[-1]
    assert "not in your library" in notice.message and "Save" in notice.buttons
    qtbot.waitUntil(lambda: not window.runner.busy(), timeout=5_000)
    similar = panel.similar_model.stories()
    assert [item.article_id for item in similar] == [1]
    assert similar[0].note is not None and "tag Du lịch" in similar[0].note  # the tooltip
    rect = panel.similar_list.visualRect(panel.similar_model.index(0))
    qtbot.mouseClick(panel.similar_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_article is not None and window.current_article.id == 1
