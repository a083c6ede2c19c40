"""The custom models: Qt's model tester, paging, sorting and kept selection."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from storage import ArticleFilter, Library, SimilarArticle
from tests.ui.conftest import WindowFactory, picture_article, plain_article
from ui.article_list import ArticleListView
from ui.article_model import (
    ARTICLE_ID_ROLE,
    PAGE_SIZE,
    ArticleListModel,
    ArticleRow,
    Column,
)
from ui.i18n import LANGUAGE_ENV, install_translations, remove_translations
from ui.related_model import RelatedStoriesModel, RelatedStory
from ui.sidebar_model import SidebarModel

MANY = PAGE_SIZE + 30


def fill(library: Library, count: int) -> None:
    for number in range(count):
        library.save_article(plain_article(number), tags=["Hà Nội"] if number % 3 == 0 else [])


def test_article_model_passes_the_model_tester(
    qtmodeltester: ModelTester, library: Library
) -> None:
    fill(library, MANY)
    model = ArticleListModel(library)
    model.browse(ArticleFilter())
    qtmodeltester.check(model, force_py=True)
    model.add_saving(1, "example.vn/a")
    model.sort(Column.TITLE, Qt.SortOrder.AscendingOrder)
    model.fetchMore()
    qtmodeltester.check(model, force_py=True)


def test_article_model_counts_every_row_and_reads_only_what_is_asked(library: Library) -> None:
    fill(library, MANY)
    model = ArticleListModel(library)
    model.browse(ArticleFilter())
    assert model.rowCount() == MANY
    assert not model.canFetchMore()  # every row is there; pages are read as rows are shown
    assert model.cached_pages() == [0]
    last = model.summary_at(MANY - 1)
    assert last is not None and last.id == 1  # newest first: the first saved is last
    assert model.cached_pages() == [0, 1]
    assert len(set(model.loaded_ids())) == MANY


def test_article_model_sorts_through_storage(library: Library) -> None:
    fill(library, 5)
    model = ArticleListModel(library)
    model.browse(ArticleFilter())
    model.sort(Column.TITLE, Qt.SortOrder.AscendingOrder)
    titles = [model.index(row, Column.TITLE).data() for row in range(model.rowCount())]
    assert titles == sorted(titles)
    model.sort(Column.TITLE, Qt.SortOrder.DescendingOrder)
    assert [model.index(row, Column.TITLE).data() for row in range(model.rowCount())] == sorted(
        titles, reverse=True
    )


def test_unread_rows_are_bold_and_show_their_columns(library: Library) -> None:
    article_id = library.save_article(picture_article()).id
    model = ArticleListModel(library)
    model.browse(ArticleFilter())
    title = model.index(0, Column.TITLE)
    assert title.data() == "Ảnh: Mùa lúa chín"
    assert title.data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(0, Column.SITE).data() == "example.vn"
    assert model.index(0, Column.SECTION).data() == "Du lịch"
    assert model.index(0, Column.DATE).data() == "20 Sep 2024"
    assert model.index(0, Column.TIME).data().endswith("min")
    assert model.index(0, Column.STATE).data() == "●"
    library.set_status(article_id, "read")
    library.set_favorite(article_id, True)
    model.update_articles([article_id])
    assert not model.index(0, Column.TITLE).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(0, Column.STATE).data() == "★"


def test_saving_row_becomes_the_article(qtmodeltester: ModelTester, library: Library) -> None:
    model = ArticleListModel(library)
    model.browse(ArticleFilter())
    model.add_saving(7, "example.vn/bai-viet")
    assert model.index(0, Column.TITLE).data() == "Saving… example.vn/bai-viet"
    saved = library.save_article(picture_article()).id
    summary = library.list_articles(ArticleFilter(ids=(saved,)))[0]
    row = model.finish_saving(7, summary)
    assert model.rowCount() == 1
    assert model.index(row, 0).data(ARTICLE_ID_ROLE) == saved
    qtmodeltester.check(model, force_py=True)


def test_list_keeps_its_selection_across_refreshes(qtbot: QtBot, library: Library) -> None:
    fill(library, 6)
    model = ArticleListModel(library)
    model.browse(ArticleFilter())
    view = ArticleListView(model)
    qtbot.addWidget(view)
    chosen = model.summary_at(3)
    assert chosen is not None
    view.select_article(chosen.id)
    library.save_article(plain_article(99, published="2030-01-01T00:00:00+07:00"))
    model.refresh()  # a new article arrives at the top: rows shift
    assert model.rowCount() == 7
    assert view.selected_ids() == [chosen.id]
    assert view.current_id() == chosen.id
    model.sort(Column.TITLE, Qt.SortOrder.AscendingOrder)
    assert view.selected_ids() == [chosen.id]


def test_search_results_in_the_model(qtmodeltester: ModelTester, library: Library) -> None:
    fill(library, 3)
    model = ArticleListModel(library)
    summaries = library.list_articles()
    model.show_results(
        "hồ",
        [ArticleRow(summary, "phố cổ và \x02hồ\x03 Gươm") for summary in summaries[:2]],
        hits=2,
        more=False,
    )
    assert model.query == "hồ"
    assert model.rowCount() == 2
    qtmodeltester.check(model, force_py=True)


def test_sidebar_model(qtmodeltester: ModelTester, library: Library) -> None:
    fill(library, 6)
    model = SidebarModel(library)
    qtmodeltester.check(model, force_py=True)
    tag = model.index_of("tag", "hà nội")
    entry = model.entry(tag)
    assert entry is not None and entry.count == 2
    assert model.view_count("all") == 6
    assert model.view_count("unread") == 6
    library.add_tags(1, ["Mới"])
    model.refresh()
    assert model.tags() == ["Hà Nội", "Mới"]
    qtmodeltester.check(model, force_py=True)


def test_related_stories_model(qtmodeltester: ModelTester) -> None:
    model = RelatedStoriesModel()
    model.set_stories(
        [
            RelatedStory("listed", "Tin khác", section="Tin tức", summary="Tóm tắt"),
            RelatedStory("similar", "Bài đã lưu", article_id=4, note="Similar: tag Hà Nội"),
        ]
    )
    qtmodeltester.check(model, force_py=True)
    assert model.index(0).data(Qt.ItemDataRole.ToolTipRole).endswith("No address to save it from")
    assert "tag Hà Nội" in model.index(1).data(Qt.ItemDataRole.ToolTipRole)


def test_window_list_shows_the_library(
    make_window: WindowFactory, seeded_path: Path, qtbot: QtBot
) -> None:
    window = make_window(seeded_path)
    assert window.list_model.rowCount() == 2
    assert window.sidebar_model.view_count("all") == 2
    qtbot.waitUntil(lambda: "2 articles" in window.count_label.text())  # counted in a worker


def test_a_similar_article_says_why_in_the_windows_language(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    similar = SimilarArticle(
        id=4,
        title="Bài đã lưu",
        site=None,
        section=None,
        published=None,
        score=0.5,
        why="tag Hà Nội · words: phố, cổ",
        shared_tags=("Hà Nội",),
        shared_terms=("phố", "cổ"),
    )
    assert RelatedStory.from_similar(similar).note == "Similar: tag Hà Nội · words: phố, cổ"
    monkeypatch.delenv(LANGUAGE_ENV, raising=False)
    assert install_translations(qapp, "vi", cache_dir=tmp_path / "i18n") == "vi"
    try:
        assert RelatedStory.from_similar(similar).note == "Tương tự: thẻ Hà Nội · từ chung: phố, cổ"
    finally:
        remove_translations(qapp)
