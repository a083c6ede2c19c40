"""The related panel over a real library: one row per story, copies shown as
"Also saved as", saved states brought up to date, and collapsing to a line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QTextBrowser
from pytestqt.qtbot import QtBot

from storage import ArticleRecord, Library, RelatedRecord
from ui.related_model import RelatedStory
from ui.related_panel import OPEN_HEIGHT, RelatedPanel

BODY = " ".join(
    f"Câu số {number}: người dân phố cổ Hà Nội dọn hàng từ sáng sớm, khách du lịch ghé"
    f" chợ Đồng Xuân lần thứ {number}."
    for number in range(60)
)
MARKET_URL = "https://a.example.vn/cho-dong-xuan"


def _page(title: str, url: str, **fields: object) -> ArticleRecord:
    values: dict[str, object] = {"body_text": BODY, "reader_html": f"<p>{BODY}</p>"}
    values.update(fields)
    return ArticleRecord(title=title, url=url, **values)  # type: ignore[arg-type]


@pytest.fixture
def library(library_path: Path) -> Iterator[Library]:
    """Article 1 lists the market story twice (once with a tracking
    parameter, once linked in the text); article 2 is the same text saved
    again from another outlet."""
    with Library(library_path) as opened:
        opened.save_article(
            _page(
                "Phố cổ Hà Nội",
                "https://a.example.vn/pho-co",
                related=[
                    RelatedRecord("listed", "Chợ Đồng Xuân", url=MARKET_URL + "?utm_source=fb"),
                    RelatedRecord("inline", "Chợ Đồng Xuân", url=MARKET_URL),
                ],
            )
        )
        opened.save_article(_page("Phố cổ Hà Nội (đăng lại)", "https://b.example.vn/pho-co"))
        yield opened


@pytest.fixture
def panel(qtbot: QtBot) -> RelatedPanel:
    shown = RelatedPanel()
    qtbot.addWidget(shown)
    shown.resize(800, 300)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def _save_market(library: Library) -> int:
    body = "Chợ Đồng Xuân là chợ lớn nhất Hà Nội, bên phố cổ. " * 30
    return library.save_article(
        ArticleRecord(title="Chợ Đồng Xuân", url=MARKET_URL, body_text=body, reader_html=body)
    ).id


def test_one_story_is_listed_once(panel: RelatedPanel, library: Library) -> None:
    article = library.get_article(1)
    panel.show_page_stories([RelatedStory.from_link(link) for link in article.related])
    (listed,) = panel.page_model.stories()  # the same address twice: one row
    assert listed.kind == "listed" and not listed.saved
    market = _save_market(library)
    # Saved now, the market story is both on the page and similar: still one row.
    similar = library.similar_articles(1, limit=8)
    assert market in [item.id for item in similar]
    panel.show_related(library.related_stories(1, limit=0), similar)
    (listed,) = panel.page_model.stories()
    assert listed.article_id == market
    library_ids = [story.article_id for story in panel.similar_model.stories()]
    assert market not in library_ids
    assert len(library_ids) == len(set(library_ids))


def test_copies_are_also_saved_as_rows(panel: RelatedPanel, library: Library, qtbot: QtBot) -> None:
    panel.set_expanded(True)
    panel.show_related(library.related_stories(1, limit=8))
    (copy,) = panel.similar_model.stories()
    assert copy.kind == "duplicate" and copy.article_id == 2
    assert copy.meta.startswith("Also saved as · b.example.vn")
    tooltip = panel.similar_model.index(0).data(Qt.ItemDataRole.ToolTipRole)
    assert "100% the same text" in tooltip
    assert panel.similar_title.text() == "SIMILAR IN YOUR LIBRARY (1)"
    rect = panel.similar_list.visualRect(panel.similar_model.index(0))
    with qtbot.waitSignal(panel.article_requested) as opened:
        qtbot.mouseClick(
            panel.similar_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
        )
    assert opened.args == [2]


def test_a_story_saved_since_shows_as_saved_and_opens(
    panel: RelatedPanel, library: Library, qtbot: QtBot
) -> None:
    panel.set_expanded(True)
    panel.show_related(library.related_stories(1, limit=0))
    panel.page_list.setCurrentIndex(panel.page_model.index(0))
    (story,) = panel.page_model.stories()
    assert story.meta == "Not saved"
    with qtbot.waitSignal(panel.unsaved_chosen):
        panel.page_list.chosen.emit(story)

    market = _save_market(library)
    panel.show_related(library.related_stories(1, limit=0))  # what the window does after a save
    (story,) = panel.page_model.stories()
    assert story.meta == "Saved" and story.article_id == market
    assert panel.page_list.currentIndex().row() == 0  # the row the person was on stays current
    rect = panel.page_list.visualRect(panel.page_model.index(0))
    with qtbot.waitSignal(panel.article_requested) as opened:
        qtbot.mouseClick(panel.page_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [market]


def test_looking_then_found(panel: RelatedPanel, library: Library) -> None:
    panel.set_expanded(True)
    panel.show_page_stories([])
    panel.show_similar(None)
    assert panel.similar_list.empty_message == "Looking…"
    panel.show_related(library.related_stories(2, limit=8))
    assert [story.article_id for story in panel.similar_model.stories()] == [1]
    panel.clear()
    assert panel.page_model.rowCount() == panel.similar_model.rowCount() == 0
    assert panel.page_list.empty_message == panel.similar_list.empty_message == ""


def test_collapsed_it_is_one_line(qtbot: QtBot, library: Library) -> None:
    splitter = QSplitter(Qt.Orientation.Vertical)
    qtbot.addWidget(splitter)
    reader = QTextBrowser()
    panel = RelatedPanel()
    splitter.addWidget(reader)
    splitter.addWidget(panel)
    splitter.resize(900, 700)
    splitter.setSizes([400, 300])
    splitter.show()
    qtbot.waitExposed(splitter)
    panel.show_related(library.related_stories(1, limit=8))

    assert not panel.expanded and not panel.content.isVisible()
    assert panel.toggle.text() == "Related stories (2) ▸"
    header = panel.collapsed_height()
    assert header < 40
    assert panel.maximumHeight() == header
    assert splitter.sizes()[1] <= header  # the reader has the rest
    assert not panel.page_list.isVisible()

    with qtbot.waitSignal(panel.expanded_changed) as opened:
        qtbot.mouseClick(panel.toggle, Qt.MouseButton.LeftButton)
    assert opened.args == [True]
    assert panel.toggle.text() == "Related stories (2) ▾"
    assert panel.page_list.isVisible()
    assert splitter.sizes()[1] == OPEN_HEIGHT

    splitter.setSizes([380, 320])  # the person makes it taller, then closes it
    tall = splitter.sizes()[1]
    assert tall > OPEN_HEIGHT
    panel.toggle.click()
    assert not panel.expanded
    qtbot.waitUntil(lambda: splitter.sizes()[1] <= header)  # on the splitter's next layout
    assert splitter.sizes()[0] >= 700 - header - splitter.handleWidth()
    panel.toggle.click()  # opened again, as tall as it was
    assert splitter.sizes()[1] == tall


def test_the_header_is_reached_with_tab_and_space(panel: RelatedPanel, qtbot: QtBot) -> None:
    assert panel.toggle.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert panel.toggle.accessibleName() == "Related stories"
    panel.toggle.setFocus()
    qtbot.keyClick(panel.toggle, Qt.Key.Key_Space)
    assert panel.expanded
