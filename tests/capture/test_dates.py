"""Visible dates: the shapes news pages print, and impossible ones."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from capture.dates import find_visible_date, parse_visible_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("19/06/2021 16:33", "2021-06-19T16:33"),
        ("19/6/2021", "2021-06-19"),
        ("Thứ ba, 8/7/2025, 09:15 (GMT+7)", "2025-07-08T09:15+07:00"),
        ("19-06-2021 16h33", "2021-06-19T16:33"),
        ("19.06.2021 16g33", "2021-06-19T16:33"),
        ("ngày 19 tháng 6 năm 2021", "2021-06-19"),
        ("16:33 - 19/06/2021", "2021-06-19T16:33"),
        ("Thứ bảy, 19/6/2021 - 16:33 GMT+7", "2021-06-19T16:33+07:00"),
        ("Thu 14 Mar 2024 08.05 GMT", "2024-03-14T08:05+00:00"),
        ("14 March 2024", "2024-03-14"),
        ("March 14, 2024 8:05 PM EST", "2024-03-14T20:05-05:00"),
        ("Sept. 3rd, 2023", "2023-09-03"),
        ("Friday 1 March 2024 12.00 CET", "2024-03-01T12:00+01:00"),
        ("12:30 am, 1 Jan 2024", "2024-01-01T00:30"),
        ("2024-03-14T08:05:00Z", "2024-03-14T08:05+00:00"),
        ("2024-03-14T08:05:30+07:00", "2024-03-14T08:05:30+07:00"),
        ("2024-03-14", "2024-03-14"),
        ("2021/06/19 16:33", "2021-06-19T16:33"),
        ("Cập nhật: 19/06/2021 16:33:07", "2021-06-19T16:33:07"),
    ],
)
def test_parses_visible_dates(text: str, expected: str) -> None:
    assert parse_visible_date(text) == expected


@pytest.mark.parametrize(
    "text",
    ["32/13/2021", "29/02/2023", "31/04/2024", "Quốc khánh 2/9", "no date here", "", "13/2021"],
)
def test_rejects_impossible_or_partial_dates(text: str) -> None:
    assert parse_visible_date(text) is None


def test_numeric_dates_are_day_first() -> None:
    assert parse_visible_date("03/04/2024") == "2024-04-03"
    assert parse_visible_date("04/13/2024") is None


def test_default_offset_applies_only_without_a_zone() -> None:
    assert parse_visible_date("19/06/2021 16:33", "+07:00") == "2021-06-19T16:33+07:00"
    assert parse_visible_date("Thu 14 Mar 2024 08.05 GMT", "+07:00") == "2024-03-14T08:05+00:00"
    # A date without a time has no moment for the offset to shift.
    assert parse_visible_date("19/06/2021", "+07:00") == "2021-06-19"


def test_malformed_default_offset_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="offset"):
        parse_visible_date("19/06/2021 16:33", "Asia/Hanoi")


def test_impossible_time_leaves_the_date() -> None:
    assert parse_visible_date("19/06/2021 25:00") == "2021-06-19"


def test_finds_the_first_valid_date_in_running_text() -> None:
    text = "Kỷ niệm (19/8/1945 - 19/8/2025) và Quốc khánh 2/9"
    assert parse_visible_date(text) == "1945-08-19"


def test_span_covers_weekday_time_and_zone() -> None:
    line = "Thời sự | Thứ ba, 8/7/2025, 09:15 (GMT+7)"
    found = find_visible_date(line)
    assert found is not None
    assert line[: found.start] == "Thời sự | "
    assert found.end == len(line)


def test_span_leaves_the_section_before_the_date() -> None:
    line = "Tin tức 19/06/2021 16:33"
    found = find_visible_date(line, "+07:00")
    assert found == ("2021-06-19T16:33+07:00", 8, len(line))


@given(st.text())
def test_never_raises_on_arbitrary_text(text: str) -> None:
    result = parse_visible_date(text, "+07:00")
    assert result is None or result[:4].isdigit()
