"""The article list as a window on a large library: rows right at any depth,
a bounded cache of pages, and refreshes that read only what is on screen.

One library of ``ARTICLES`` articles is built per session; every test works on
its own copy (``Library.backup``), so outside writes stay in their test.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from storage import ArticleFilter, ArticleRecord, Library
from tests.conftest import SEED
from ui.article_list import ArticleListView
from ui.article_model import ARTICLE_ID_ROLE, PAGE_SIZE, ArticleListModel, Column

ARTICLES = 2_000
EVERYTHING = ArticleFilter()
CACHE = 6
"""Pages the models here may keep: far fewer than the library's 20."""


def article(number: int, **fields: object) -> ArticleRecord:
    values: dict[str, object] = {
        "body_text": f"Bài số {number}. Phố cổ Hà Nội, hồ Gươm và chợ Đồng Xuân.",
        "reader_html": f"<p>Bài số {number}. Phố cổ Hà Nội, hồ Gươm và chợ Đồng Xuân.</p>",
        "site": f"site{number % 7}.example.vn",
        "section": "Tin tức",
        # Many articles share a day: the keyset has to break ties by id.
        "published": f"2024-0{1 + number % 9}-{1 + number % 28:02d}T09:00:00+07:00",
    }
    values.update(fields)
    return ArticleRecord(title=f"Bài viết {(number * 7919) % 10_007:05d}", **values)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def built_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("window") / "large.sqlite"
    with Library(path) as library:
        for number in range(ARTICLES):
            library.save_article(article(number))
        for article_id in range(3, ARTICLES + 1, 5):
            library.set_status(article_id, "read")
    return path


@pytest.fixture
def large(built_library: Path, tmp_path: Path) -> Iterator[Library]:
    with Library(built_library) as source:
        copy = source.backup(tmp_path / "library.sqlite")
    with Library(copy) as library:
        yield library


def ids_shown(model: ArticleListModel, rows: range | list[int]) -> list[int]:
    return [model.index(row, Column.TITLE).data(ARTICLE_ID_ROLE) for row in rows]


def every_id(library: Library, where: ArticleFilter = EVERYTHING, **order: object) -> list[int]:
    """The whole view's ids in one read: what the model must show, row by row."""
    total = library.count_articles(where)
    return [s.id for s in library.list_articles(where, limit=total, **order)]  # type: ignore[arg-type]


def test_the_window_passes_the_model_tester(qtmodeltester: ModelTester, large: Library) -> None:
    model = ArticleListModel(large, cached_pages=CACHE)
    model.browse(ArticleFilter())
    qtmodeltester.check(model, force_py=True)
    model.summary_at(ARTICLES // 2)
    model.add_saving(1, "example.vn/a")
    model.hide([model.summary_at(5).id])  # type: ignore[union-attr]
    model.sort(Column.TITLE, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(model, force_py=True)


@pytest.mark.parametrize(
    ("column", "order", "sort", "descending"),
    [
        (Column.DATE, Qt.SortOrder.DescendingOrder, "date", True),
        (Column.TITLE, Qt.SortOrder.AscendingOrder, "title", False),
        (Column.SITE, Qt.SortOrder.DescendingOrder, "site", True),
        (Column.STATE, Qt.SortOrder.AscendingOrder, "status", False),
    ],
)
def test_rows_are_right_after_random_jumps(
    large: Library, column: Column, order: Qt.SortOrder, sort: str, descending: bool
) -> None:
    expected = every_id(large, sort=sort, descending=descending)
    model = ArticleListModel(large, cached_pages=CACHE)
    model.browse(ArticleFilter())
    model.sort(column, order)
    assert model.rowCount() == ARTICLES
    rng = random.Random(10)
    rows = [0, ARTICLES - 1, ARTICLES // 2, PAGE_SIZE - 1, PAGE_SIZE]
    rows += [rng.randrange(ARTICLES) for _ in range(60)]
    for row in rows:
        # The row and its neighbours: some read by cursor from the page just read.
        around = [r for r in (row - 1, row, row + 1) if 0 <= r < ARTICLES]
        assert ids_shown(model, around) == [expected[r] for r in around], row
        assert len(model.cached_pages()) <= CACHE
    assert model.reads.by_cursor > 0 and model.reads.by_offset > 0


def test_a_far_jump_reads_one_page_and_scrolling_on_reads_by_cursor(large: Library) -> None:
    expected = every_id(large)
    model = ArticleListModel(large, cached_pages=CACHE)
    model.browse(ArticleFilter())
    before = model.reads.pages
    deep = ARTICLES - 3 * PAGE_SIZE + 17
    assert model.summary_at(deep).id == expected[deep]  # type: ignore[union-attr]
    assert model.reads.pages == before + 1  # not the pages in between
    offset_reads = model.reads.by_offset
    # On from there, down and up: every page from a cached neighbour.
    assert ids_shown(model, range(deep, ARTICLES)) == expected[deep:]
    assert ids_shown(model, range(deep, deep - 2 * PAGE_SIZE, -1)) == [
        expected[r] for r in range(deep, deep - 2 * PAGE_SIZE, -1)
    ]
    assert model.reads.by_offset == offset_reads
    assert model.reads.by_cursor == 4


def test_the_cache_stays_bounded_while_scrolling_everything(large: Library) -> None:
    expected = every_id(large, ArticleFilter(status="unread"))
    model = ArticleListModel(large, cached_pages=CACHE)
    model.browse(ArticleFilter(status="unread"))
    assert model.rowCount() == len(expected)
    shown: list[int] = []
    most_cached = 0
    for row in range(model.rowCount()):
        shown.append(model.index(row, Column.TITLE).data(ARTICLE_ID_ROLE))
        most_cached = max(most_cached, len(model.cached_pages()))
        assert model.cached_row_count() <= CACHE * PAGE_SIZE
    assert shown == expected
    assert most_cached == CACHE  # it filled, and never grew past the bound
    pages = -(-len(expected) // PAGE_SIZE)
    assert model.cached_pages() == list(range(pages - CACHE, pages))


@pytest.fixture
def shown_view(large: Library, qtbot: QtBot) -> ArticleListView:
    model = ArticleListModel(large, cached_pages=CACHE)
    model.browse(ArticleFilter())
    view = ArticleListView(model)
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    qtbot.waitExposed(view)
    return view


def scroll_to(view: ArticleListView, row: int) -> None:
    model = view.model()
    view.scrollTo(model.index(row, Column.TITLE), QAbstractItemView.ScrollHint.PositionAtTop)
    QApplication.processEvents()


def top_row(view: ArticleListView) -> int:
    return view.indexAt(QPoint(1, 1)).row()


def test_the_view_reads_only_the_pages_it_shows(shown_view: ArticleListView) -> None:
    model = shown_view.model()
    assert isinstance(model, ArticleListModel)
    bar = shown_view.verticalScrollBar()
    bar.setValue(bar.maximum())  # dragged to the end
    QApplication.processEvents()
    assert top_row(shown_view) > ARTICLES - PAGE_SIZE
    assert model.reads.pages <= 3
    assert set(model.cached_pages()) <= {0, ARTICLES // PAGE_SIZE - 2, ARTICLES // PAGE_SIZE - 1}


@pytest.mark.parametrize("depth", [0, ARTICLES - 150])
def test_a_refresh_after_an_outside_write_reads_only_the_pages_on_screen(
    shown_view: ArticleListView, large: Library, depth: int
) -> None:
    model = shown_view.model()
    assert isinstance(model, ArticleListModel)
    scroll_to(shown_view, depth)
    top = top_row(shown_view)
    assert top == depth
    top_id = model.summary_at(top).id  # type: ignore[union-attr]
    chosen = model.summary_at(top + 3)
    assert chosen is not None and not chosen.favorite
    shown_view.select_article(chosen.id)
    pages_on_screen = {row // PAGE_SIZE for row in shown_view.rows_on_screen()}
    assert len(pages_on_screen) <= 2

    # Another program marks the chosen article: the same rows, one cell changes.
    with Library(large.path) as other:
        other.set_favorite(chosen.id, True)
    before = model.reads.pages
    reset: list[bool] = []
    model.modelReset.connect(lambda: reset.append(True))
    model.refresh()
    assert model.reads.pages - before == len(pages_on_screen)
    assert not reset  # the same articles: cells updated in place
    assert model.index(top + 3, Column.STATE).data() == "★"
    assert set(model.cached_pages()) == pages_on_screen

    # Another program saves an article that sorts first: every row moves down.
    with Library(large.path) as other:
        new_id = other.save_article(article(99_999, published="2030-01-01T09:00:00+07:00")).id
    before = model.reads.pages
    model.refresh()
    assert model.reads.pages - before == len(pages_on_screen)
    assert set(model.cached_pages()) == pages_on_screen
    assert model.rowCount() == ARTICLES + 1
    assert model.summary_at(0).id == new_id  # type: ignore[union-attr]
    assert shown_view.selected_ids() == [chosen.id]
    assert shown_view.current_id() == chosen.id
    if depth:
        # Scrolled down: the same article stays on top, one row further.
        assert shown_view.indexAt(QPoint(1, 1)).data(ARTICLE_ID_ROLE) == top_id
        assert top_row(shown_view) == top + 1


def test_hidden_rows_leave_the_window_and_come_back(large: Library) -> None:
    expected = every_id(large)
    model = ArticleListModel(large, cached_pages=CACHE)
    model.browse(ArticleFilter())
    deep = 1_234
    victims = [expected[deep], expected[deep + 1], expected[deep + 150]]
    model.summary_at(deep)
    model.summary_at(deep + 150)
    model.hide(victims)
    assert model.rowCount() == ARTICLES - 3
    rest = [article_id for article_id in expected if article_id not in victims]
    rows = list(range(deep - 2, deep + 160))
    assert ids_shown(model, rows) == [rest[row] for row in rows]
    assert all(model.row_of(victim) is None for victim in victims)

    model.unhide(victims[:1])
    assert model.rowCount() == ARTICLES - 2
    assert model.row_of(victims[0]) == deep

    # The other two are deleted for real: the rows shown stay the same.
    large.delete_articles(victims[1:])
    reset: list[bool] = []
    model.modelReset.connect(lambda: reset.append(True))
    model.forget_hidden(victims[1:])
    assert model.rowCount() == ARTICLES - 2
    rest = [article_id for article_id in expected if article_id not in victims[1:]]
    assert ids_shown(model, rows) == [rest[row] for row in rows]
    assert not reset


def test_a_saved_article_is_first_until_a_refresh_sorts_it_in(large: Library) -> None:
    model = ArticleListModel(large, cached_pages=CACHE)
    model.browse(ArticleFilter())
    model.sort(Column.TITLE, Qt.SortOrder.AscendingOrder)
    model.add_saving(3, "example.vn/moi")
    assert model.rowCount() == ARTICLES + 1
    assert model.index(0, Column.TITLE).data() == "Saving… example.vn/moi"
    saved = large.save_article(ArticleRecord(title="Bài viết 05000 mới", body_text="Mới."))
    summary = large.list_articles(ArticleFilter(ids=(saved.id,)))[0]
    assert model.finish_saving(3, summary) == 0
    assert model.rowCount() == ARTICLES + 1
    assert model.summary_at(0).id == saved.id  # type: ignore[union-attr]
    model.refresh()
    expected = every_id(large, sort="title", descending=False)
    assert model.rowCount() == ARTICLES + 1
    place = expected.index(saved.id)
    assert 0 < place < ARTICLES
    assert ids_shown(model, range(place - 1, place + 2)) == expected[place - 1 : place + 2]
    assert model.loaded_ids().count(saved.id) <= 1


def test_the_seed_saved_into_a_large_view_keeps_its_cells(large: Library) -> None:
    """finish_saving of an article already listed updates its row in place."""
    model = ArticleListModel(large, cached_pages=CACHE)
    model.browse(ArticleFilter())
    first = model.summary_at(0)
    assert first is not None and first.status == "unread"
    large.set_status(first.id, "read")
    model.add_saving(4, str(SEED))
    summary = large.list_articles(ArticleFilter(ids=(first.id,)))[0]
    assert model.finish_saving(4, summary) == 0
    assert model.rowCount() == ARTICLES
    assert model.summary_at(0).status == "read"  # type: ignore[union-attr]


def test_a_refresh_with_saving_rows_on_screen(shown_view: ArticleListView, large: Library) -> None:
    model = shown_view.model()
    assert isinstance(model, ArticleListModel)
    model.add_saving(5, "example.vn/dang-luu")
    first = model.summary_at(1)
    assert first is not None
    with Library(large.path) as other:
        other.set_status(first.id, "archived")
    before = model.reads.pages
    model.refresh()
    assert model.reads.pages - before == 1  # page 0 alone: the "Saving…" row is no page
    assert model.index(0, Column.TITLE).data() == "Saving… example.vn/dang-luu"
    assert model.summary_at(1).status == "archived"  # type: ignore[union-attr]
    assert model.rowCount() == ARTICLES + 1
