"""The Time column stops at "99+ min"; its tooltip keeps the exact figure (issue 14)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics

from storage import Library
from tests.ui.conftest import WindowFactory, plain_article
from ui.article_list import CELL_MARGINS
from ui.article_model import Column
from ui.locale_format import count

LONG_WORDS = 480_000
"""A page of a whole book: about 2,087 minutes at 230 words a minute."""


def test_a_very_long_page_shows_99_plus_and_the_tooltip_the_exact_time(
    make_window: WindowFactory, library_path: Path
) -> None:
    with Library(library_path) as library:
        short_id = library.save_article(plain_article(1, body_text="Hà Nội mùa thu. " * 600)).id
        long_id = library.save_article(plain_article(2, body_text="chữ " * LONG_WORDS)).id
        minutes = library.get_article(long_id).reading_minutes
    assert minutes > 1000

    window = make_window(library_path)
    view, model = window.article_list, window.list_model
    long_row, short_row = model.row_of(long_id), model.row_of(short_id)
    assert long_row is not None and short_row is not None

    time_cell = model.index(long_row, Column.TIME)
    assert time_cell.data() == "99+ min"
    tooltip = str(time_cell.data(Qt.ItemDataRole.ToolTipRole))
    assert f"{minutes} min to read ({count(LONG_WORDS)} words)" in tooltip
    # Only the Time column's tooltip carries the figure.
    assert "min to read" not in str(
        model.index(long_row, Column.TITLE).data(Qt.ItemDataRole.ToolTipRole)
    )
    short_cell = model.index(short_row, Column.TIME)
    assert short_cell.data() == "11 min"

    # The column is wide enough that "99+ min" is drawn whole, not "99+…".
    text_width = QFontMetrics(view.font()).horizontalAdvance("99+ min")
    assert view.columnWidth(Column.TIME) - CELL_MARGINS >= text_width


def test_a_narrower_header_saved_before_is_widened_to_fit(
    make_window: WindowFactory, library_path: Path
) -> None:
    with Library(library_path) as library:
        library.save_article(plain_article(1, body_text="chữ " * LONG_WORDS))
    first = make_window(library_path)
    # The widths an earlier version saved: no room for "99+ min" or the ring.
    first.article_list.setColumnWidth(Column.TIME, 52)
    first.article_list.setColumnWidth(Column.STATE, 30)
    first.close()

    view = make_window(library_path).article_list
    font = QFontMetrics(view.font())
    assert view.columnWidth(Column.TIME) - CELL_MARGINS >= font.horizontalAdvance("99+ min")
    assert view.columnWidth(Column.STATE) >= CELL_MARGINS + 11 + font.horizontalAdvance("★●")
