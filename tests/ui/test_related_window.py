"""The related panel and the notices in a real window: a related story saved
from its notice shows as saved, copies show as "Also saved as", no story is
listed twice, the panel stays a header line until opened (and remembers),
and notices never move a pane."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from storage import Library, RelatedRecord
from tests.support.loopback import LoopbackServer, Response
from tests.ui.conftest import WindowFactory, picture_article
from tests.ui.test_drops import PAGE
from ui.main_window import MainWindow
from ui.related_panel import RelatedPanel

LEFT = Qt.MouseButton.LeftButton
HARVEST = " ".join(
    f"Ngày thứ {day}, nông dân La Pán Tẩn gặt lúa trên ruộng bậc thang, du khách chụp ảnh"
    f" đồi Mâm Xôi lần {day}."
    for day in range(60)
)


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    with LoopbackServer() as running:
        running.route(
            "/pho-co", Response(body=PAGE, headers={"Content-Type": "text/html; charset=utf-8"})
        )
        yield running


def _settle(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: not window.runner.busy(), timeout=10_000)


def _click_row(qtbot: QtBot, panel: RelatedPanel, row: int, *, similar: bool = False) -> None:
    story_list = panel.similar_list if similar else panel.page_list
    rect = story_list.visualRect(story_list.model().index(row, 0))
    qtbot.mouseClick(story_list.viewport(), LEFT, pos=rect.center())


def test_a_related_story_saved_from_its_notice_shows_as_saved(
    make_window: WindowFactory, library_path: Path, server: LoopbackServer, qtbot: QtBot
) -> None:
    story_url = server.url("/pho-co")
    with Library(library_path) as library:
        article_id = library.save_article(
            picture_article(related=[RelatedRecord("listed", "Phố cổ Hà Nội", url=story_url)])
        ).id
    window = make_window(library_path, open_initial=False)
    window.open_article(article_id)
    panel = window.related_panel
    panel.set_expanded(True)
    _settle(window, qtbot)
    (story,) = panel.page_model.stories()
    assert story.meta == "Not saved"

    _click_row(qtbot, panel, 0)
    notice = window.notices.notices()[-1]
    assert "not in your library" in notice.message
    qtbot.mouseClick(notice.buttons["Save"], LEFT)
    qtbot.waitUntil(lambda: panel.page_model.stories()[0].saved, timeout=15_000)
    (story,) = panel.page_model.stories()
    assert story.meta == "Saved"
    assert window.current_article is not None and window.current_article.id == article_id

    _click_row(qtbot, panel, 0)  # and it opens, here
    assert window.current_article.id == story.article_id
    assert window.current_article.title == "Phố cổ Hà Nội"


def test_copies_and_no_story_twice(
    make_window: WindowFactory, library_path: Path, qtbot: QtBot
) -> None:
    with Library(library_path) as library:
        market = library.save_article(
            picture_article(
                "Lễ hội cốm Tú Lệ",
                url="https://example.vn/le-hoi-com",
                reader_html="<p>" + "Mùa cốm mới ở Tú Lệ, Mù Cang Chải. " * 40 + "</p>",
                body_text="Mùa cốm mới ở Tú Lệ, Mù Cang Chải. " * 40,
                related=[],
            ),
            tags=["Du lịch"],
        ).id
        same_text = {"body_text": HARVEST, "reader_html": f"<p>{HARVEST}</p>"}
        original = library.save_article(picture_article(**same_text), tags=["Du lịch"]).id
        copy = library.save_article(
            picture_article(
                "Mùa lúa chín (đăng lại)", url="https://other.example.vn/lua-chin", **same_text
            ),
            tags=["Du lịch"],
        ).id
    window = make_window(library_path, open_initial=False)
    window.open_article(original)
    panel = window.related_panel
    panel.set_expanded(True)
    _settle(window, qtbot)

    (listed,) = panel.page_model.stories()  # the page lists the festival, saved
    assert listed.article_id == market
    in_library = panel.similar_model.stories()
    assert [story.kind for story in in_library][:1] == ["duplicate"]
    assert in_library[0].article_id == copy
    assert in_library[0].meta.startswith("Also saved as · other.example.vn")
    ids = [story.article_id for story in [listed, *in_library]]
    assert len(ids) == len(set(ids))  # the festival is not listed again as similar
    _click_row(qtbot, panel, 0, similar=True)
    assert window.current_article is not None and window.current_article.id == copy


def test_the_panel_is_a_line_until_opened_and_remembers(
    make_window: WindowFactory, seeded_path: Path, qtbot: QtBot
) -> None:
    window = make_window(seeded_path)
    panel = window.related_panel
    assert not panel.expanded
    qtbot.waitUntil(lambda: panel.height() <= panel.collapsed_height())
    assert panel.toggle.text().startswith("Related stories")
    qtbot.mouseClick(panel.toggle, LEFT)
    assert panel.expanded
    qtbot.waitUntil(lambda: panel.height() > 100)
    window.close()

    again = make_window(seeded_path)
    assert again.related_panel.expanded
    qtbot.waitUntil(lambda: again.related_panel.height() > 100)
    again.related_panel.toggle.click()
    again.close()
    assert not make_window(seeded_path).related_panel.expanded


def _panes(window: MainWindow) -> list[QRect]:
    panes: list[QWidget] = [
        window.sidebar,
        window.article_list,
        window.reader,
        window.reader.viewport(),
        window.related_panel,
    ]
    return [QRect(pane.mapTo(window, pane.rect().topLeft()), pane.size()) for pane in panes]


def test_notices_come_and_go_without_moving_a_pane(
    make_window: WindowFactory, seeded_path: Path, qtbot: QtBot
) -> None:
    window = make_window(seeded_path)
    qtbot.waitUntil(window.reader.settled)
    qtbot.wait(50)
    before = _panes(window)
    window.notices.show_notice("Đã sao lưu thư viện", timeout_ms=150)
    window.notices.show_notice("Could not fetch “Phố cổ”.", kind="error")
    qtbot.wait(50)
    assert window.notices.isVisible()
    assert window.notices.parentWidget() is window.reader
    assert window.reader.viewport().geometry().contains(window.notices.geometry())
    assert _panes(window) == before
    qtbot.waitUntil(lambda: len(window.notices.notices()) == 1)
    assert _panes(window) == before
    window.notices.notices()[0].dismiss()
    qtbot.wait(50)
    assert not window.notices.isVisible() and _panes(window) == before
