"""The reader's type and layout (issue 14): line width and spacing, a
headline that scales with the reader's width, reading progress."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtGui import QTextBlock, QTextDocument
from pytestqt.qtbot import QtBot

from storage import Article, Library
from tests.ui.conftest import plain_article
from ui.reader import COLUMN_MAX_WIDTH, PROGRESS_BAR_HEIGHT, ArticleReader, minutes_left
from ui.reader_document import LINE_WIDTHS, Typography
from ui.themes import load_theme

TWELVE_WORD_TITLE = "Hà Nội công bố kế hoạch cải tạo toàn bộ khu phố cổ"
LONG_TEXT = "Người Hà Nội dậy sớm, ra hồ Gươm tập thể dục rồi ăn sáng ở phố cổ. " * 300


@pytest.fixture
def library(library_path: Path) -> Iterator[Library]:
    with Library(library_path) as opened:
        yield opened


def saved(library: Library, title: str = TWELVE_WORD_TITLE, text: str = LONG_TEXT) -> Article:
    record = replace(plain_article(1, body_text=text, reader_html=f"<p>{text}</p>"), title=title)
    return library.get_article(library.save_article(record).id)


def open_reader(qtbot: QtBot, width: int, height: int = 700) -> ArticleReader:
    reader = ArticleReader()
    qtbot.addWidget(reader)
    reader.resize(width, height)
    reader.show()
    qtbot.waitExposed(reader)
    return reader


def show(qtbot: QtBot, reader: ArticleReader, article: Article, library: Library) -> None:
    reader.show_article(article, lambda number: library.image_data(article.id, number))
    qtbot.waitUntil(reader.settled)


def headline(document: QTextDocument) -> QTextBlock:
    block = document.begin()
    while block.isValid() and block.blockFormat().headingLevel() != 1:
        block = block.next()
    assert block.isValid(), "no headline in the document"
    return block


def headline_points(reader: ArticleReader) -> float:
    block = headline(reader.document())
    return block.begin().fragment().charFormat().fontPointSize()


def headline_lines(reader: ArticleReader) -> int:
    reader.document().documentLayout().documentSize()
    layout = headline(reader.document()).layout()
    assert layout is not None
    return layout.lineCount()


def test_typography_keeps_positional_construction_and_its_new_defaults() -> None:
    typography = Typography(15.0, "sans")
    assert (typography.line_width, typography.line_spacing) == ("medium", "normal")
    assert typography.column_max_width == COLUMN_MAX_WIDTH
    wide = Typography(15.0, "sans", "wide", "relaxed")
    # Changing the size keeps the width and spacing.
    assert wide.resized(2) == Typography(17.0, "sans", "wide", "relaxed")
    # An unknown (hand-edited) setting reads as the default.
    assert Typography(line_width="huge").column_max_width == LINE_WIDTHS["medium"]


def test_line_width_sets_the_column_and_line_spacing_the_paragraphs(
    qtbot: QtBot, library: Library
) -> None:
    reader = open_reader(qtbot, 1200)
    show(qtbot, reader, saved(library), library)
    widths = {}
    for name in ("narrow", "medium", "wide"):
        reader.set_typography(Typography(line_width=name))
        widths[name] = reader.column_width
    assert widths == LINE_WIDTHS

    def paragraph_height(spacing: str) -> float:
        reader.set_typography(Typography(line_spacing=spacing))
        reader.document().documentLayout().documentSize()
        block = reader.document().findBlock(reader.document().toPlainText().index("Người Hà Nội"))
        return reader.document().documentLayout().blockBoundingRect(block).height()

    compact, normal, relaxed = (paragraph_height(name) for name in ("compact", "normal", "relaxed"))
    assert compact < normal < relaxed
    assert reader.typography.line_spacing == "relaxed"


def test_the_headline_is_smaller_in_a_narrow_reader(qtbot: QtBot, library: Library) -> None:
    article = saved(library)
    reader = open_reader(qtbot, 1000)
    show(qtbot, reader, article, library)
    wide_points = headline_points(reader)
    reader.resize(480, 700)
    qtbot.waitUntil(lambda: reader.settled() and reader.column_width < 480)
    narrow_points = headline_points(reader)
    assert narrow_points < wide_points
    # A typical twelve-word title takes no more than three lines at 480 px.
    assert headline_lines(reader) <= 3
    # Back at full width, the headline is today's size again.
    reader.resize(1000, 700)
    qtbot.waitUntil(lambda: reader.settled() and reader.column_width == COLUMN_MAX_WIDTH)
    assert headline_points(reader) == wide_points


def test_progress_bar_and_minutes_left_follow_the_scrolling(qtbot: QtBot, library: Library) -> None:
    article = saved(library)
    assert article.reading_minutes >= 4
    reader = open_reader(qtbot, 900, 500)
    show(qtbot, reader, article, library)
    bar, label = reader.progress_bar, reader.time_left
    assert bar.isVisible() and label.isVisible()
    assert bar.height() <= PROGRESS_BAR_HEIGHT and bar.y() == reader.viewport().y()
    assert bar.fraction == 0.0
    assert label.text() == f"{article.reading_minutes} min left"
    assert bar.color == load_theme("light").accent

    reader.set_reading_position(0.5)
    assert bar.fraction == pytest.approx(0.5, abs=0.01)
    halfway = minutes_left(article.reading_minutes, bar.fraction)
    assert 0 < halfway < article.reading_minutes
    assert label.text() == f"{halfway} min left"

    reader.set_reading_position(1.0)
    assert bar.fraction == 1.0 and not label.isVisible()

    reader.set_theme(load_theme("dark"))
    assert bar.color == load_theme("dark").accent

    reader.show_empty("Nothing here", "Choose an article.")
    assert not bar.isVisible() and not label.isVisible()


def test_no_progress_for_an_article_that_fits_on_the_screen(qtbot: QtBot, library: Library) -> None:
    reader = open_reader(qtbot, 900, 700)
    show(qtbot, reader, saved(library, "Tin ngắn", "Một câu."), library)
    assert not reader.progress_bar.isVisible() and not reader.time_left.isVisible()


@pytest.mark.parametrize(
    ("minutes", "fraction", "left"),
    [(5, 0.0, 5), (5, 0.8, 1), (5, 0.81, 1), (5, 0.5, 3), (5, 1.0, 0), (0, 0.3, 0)],
)
def test_minutes_left_count_any_part_of_a_minute(minutes: int, fraction: float, left: int) -> None:
    assert minutes_left(minutes, fraction) == left
