"""Reading progress in the article list: a ring in the state column for an
article started but not finished (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from storage import Library
from tests.ui.conftest import WindowFactory, plain_article
from ui.article_model import PROGRESS_ROLE, Column
from ui.main_window import MainWindow
from ui.themes import accent_color

POSITIONS = {"half-read": 0.48, "untouched": 0.0, "finished": 0.99, "just opened": 0.01}


@pytest.fixture
def window(make_window: WindowFactory, library_path: Path) -> tuple[MainWindow, dict[str, int]]:
    ids: dict[str, int] = {}
    with Library(library_path) as library:
        for number, (name, position) in enumerate(POSITIONS.items()):
            ids[name] = library.save_article(plain_article(number)).id
            library.set_reading_position(ids[name], position)
    return make_window(library_path, open_initial=False), ids


def state_cell(window: MainWindow, article_id: int) -> tuple[int, QRect]:
    row = window.list_model.row_of(article_id)
    assert row is not None
    view = window.article_list
    return row, view.visualRect(window.list_model.index(row, Column.STATE))


def accent_pixels(image: QImage, area: QRect, accent: QColor) -> int:
    found = 0
    for x in range(area.left(), area.right() + 1):
        for y in range(area.top(), area.bottom() + 1):
            pixel = image.pixelColor(x, y)
            distance = (
                abs(pixel.red() - accent.red())
                + abs(pixel.green() - accent.green())
                + abs(pixel.blue() - accent.blue())
            )
            found += distance < 40
    return found


def test_only_an_article_begun_and_not_finished_shows_its_progress(
    window: tuple[MainWindow, dict[str, int]], qtbot: QtBot
) -> None:
    main, ids = window
    model, view = main.list_model, main.article_list
    progress = {
        name: model.index(state_cell(main, article_id)[0], Column.STATE).data(PROGRESS_ROLE)
        for name, article_id in ids.items()
    }
    assert progress == {
        "half-read": pytest.approx(0.48),
        "untouched": None,
        "finished": None,
        "just opened": None,
    }
    row, _ = state_cell(main, ids["half-read"])
    state = model.index(row, Column.STATE)
    assert "stopped at 48%" in state.data(Qt.ItemDataRole.ToolTipRole)
    assert "stopped at 48%" in state.data(Qt.ItemDataRole.AccessibleTextRole)
    untouched_row, _ = state_cell(main, ids["untouched"])
    assert "stopped at" not in model.index(untouched_row, Column.STATE).data(
        Qt.ItemDataRole.ToolTipRole
    )

    # Painted: the half-read row's state cell has the ring in the accent
    # colour (none of these articles is a favourite, whose star shares it).
    view.viewport().repaint()
    image = view.viewport().grab().toImage()
    accent = accent_color(view.palette())
    painted = {name: accent_pixels(image, state_cell(main, ids[name])[1], accent) for name in ids}
    assert painted["half-read"] >= 10
    assert painted["untouched"] == painted["finished"] == painted["just opened"] == 0


def test_the_row_follows_the_reader_without_reading_storage(
    window: tuple[MainWindow, dict[str, int]], qtbot: QtBot
) -> None:
    main, ids = window
    model = main.list_model
    reads = model.reads.by_id + model.reads.pages
    row, _ = state_cell(main, ids["untouched"])
    with qtbot.waitSignal(model.dataChanged):
        model.show_reading_position(ids["untouched"], 0.3)
    assert model.index(row, Column.STATE).data(PROGRESS_ROLE) == pytest.approx(0.3)
    model.show_reading_position(ids["untouched"], 1.0)
    assert model.index(row, Column.STATE).data(PROGRESS_ROLE) is None
    assert model.reads.by_id + model.reads.pages == reads


def test_the_state_column_fits_the_ring_and_both_marks(
    window: tuple[MainWindow, dict[str, int]],
) -> None:
    main, _ids = window
    view = main.article_list
    marks = view.fontMetrics().horizontalAdvance("★●")
    assert view.columnWidth(Column.STATE) >= 8 + 11 + 2 + marks
