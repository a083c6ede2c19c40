"""Dates, times and counts in the window's language (the default QLocale)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt

from storage import ArticleRecord, Library
from ui.article_model import ArticleListModel, Column, column_title
from ui.formatting import reading_time
from ui.locale_format import count, long_date, short_date, weekday_date

EVENING = "2021-06-19T16:33:00+07:00"  # a Saturday, in Hanoi


@pytest.fixture
def english() -> Iterator[None]:
    QLocale.setDefault(QLocale("en_US"))
    yield
    QLocale.setDefault(QLocale.system())


def test_english_dates_as_before(english: None) -> None:
    assert short_date(EVENING) == "19 Jun 2021"
    assert long_date(EVENING) == "19 Jun 2021, 16:33"
    assert long_date("2021-06-19") == "19 Jun 2021"  # no time given: none shown
    assert weekday_date(EVENING) == "Saturday, 19 Jun 2021"
    assert count(57154) == "57,154"


def test_vietnamese_dates_as_papers_print_them(vietnamese: str) -> None:
    assert short_date(EVENING) == "19/6/2021"
    assert long_date(EVENING) == "19/6/2021 16:33"
    assert long_date("2021-06-19") == "19/6/2021"
    assert weekday_date(EVENING) == "Thứ Bảy, 19/6/2021"
    assert weekday_date("2021-06-20") == "Chủ Nhật, 20/6/2021"
    assert weekday_date("2021-06-21T07:00:00+07:00") == "Thứ Hai, 21/6/2021"
    assert count(57154) == "57.154"
    assert reading_time(5) == "5 phút"
    assert reading_time(0) == ""


def test_the_article_s_own_time_zone_is_kept(vietnamese: str) -> None:
    # 01:30 in Hanoi is 18:30 UTC the day before: the paper printed the 19th.
    assert long_date("2021-06-19T01:30:00+07:00") == "19/6/2021 01:30"


@pytest.mark.parametrize("moment", [None, ""])
def test_unknown_dates_are_empty(english: None, moment: str | None) -> None:
    assert short_date(moment) == long_date(moment) == weekday_date(moment) == ""


def test_text_that_is_not_a_date_is_shown_as_it_is(vietnamese: str) -> None:
    assert short_date("Spring 2021") == "Spring 2021"
    assert long_date("hôm qua") == "hôm qua"


def test_the_article_list_shows_vietnamese_dates_and_headers(
    vietnamese: str, tmp_path: Path
) -> None:
    with Library(tmp_path / "library.sqlite") as library:
        library.save_article(
            ArticleRecord(
                title="Mưa lớn ở Hà Nội",
                body_text="Mưa lớn kéo dài. " * 400,
                published=EVENING,
            )
        )
        model = ArticleListModel(library)
        model.browse(model.where)
        date = model.index(0, Column.DATE).data(Qt.ItemDataRole.DisplayRole)
        time = model.index(0, Column.TIME).data(Qt.ItemDataRole.DisplayRole)
        header = model.headerData(Column.TITLE, Qt.Orientation.Horizontal)
    assert date == "19/6/2021"
    assert time.endswith(" phút")
    assert header == column_title(Column.TITLE) == "Tiêu đề"
