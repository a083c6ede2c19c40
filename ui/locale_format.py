"""Dates, times and counts written the way the window's language writes them.

English (and anything not Vietnamese): ``19 Jun 2021``, ``19 Jun 2021, 16:33``,
``Saturday, 19 Jun 2021``. Vietnamese: ``19/6/2021``, ``19/6/2021 16:33``,
``Thứ Bảy, 19/6/2021``. The language is the default QLocale, which
``ui.i18n.install_translations`` sets. Month and weekday names are fixed here,
not taken from the C library or CLDR: Python's ``%b`` follows whatever C
locale Qt switched to, and CLDR's Vietnamese writes ``thứ Bảy`` and pads the
day (``19/06/2021``), which Vietnamese papers do not.

The article's own time zone is kept: a Hanoi paper's date is the date printed
on it.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QLocale

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAYS_VI = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


def vietnamese() -> bool:
    """Whether the window speaks Vietnamese (the default QLocale's language)."""
    return QLocale().language() == QLocale.Language.Vietnamese


def _parse(moment: str | None) -> datetime | None:
    if not moment:
        return None
    try:
        return datetime.fromisoformat(moment)
    except ValueError:
        return None


def _has_time(moment: str) -> bool:
    return "T" in moment or " " in moment.strip()


def _day(parsed: datetime) -> str:
    if vietnamese():
        return f"{parsed.day}/{parsed.month}/{parsed.year}"
    return f"{parsed.day} {_MONTHS[parsed.month - 1]} {parsed.year}"


def short_date(moment: str | None) -> str:
    """``19 Jun 2021`` / ``19/6/2021``; "" when unknown, the text itself when
    it is not an ISO date."""
    parsed = _parse(moment)
    if parsed is None:
        return moment or ""
    return _day(parsed)


def long_date(moment: str | None) -> str:
    """``19 Jun 2021, 16:33`` / ``19/6/2021 16:33``, without the time when
    the source gave none."""
    parsed = _parse(moment)
    if parsed is None or moment is None:
        return moment or ""
    if not _has_time(moment):
        return _day(parsed)
    separator = " " if vietnamese() else ", "
    return f"{_day(parsed)}{separator}{parsed.hour:02d}:{parsed.minute:02d}"


def weekday_date(moment: str | None) -> str:
    """``Saturday, 19 Jun 2021`` / ``Thứ Bảy, 19/6/2021``."""
    parsed = _parse(moment)
    if parsed is None:
        return moment or ""
    names = _WEEKDAYS_VI if vietnamese() else _WEEKDAYS_EN
    return f"{names[parsed.weekday()]}, {_day(parsed)}"


def count(number: int) -> str:
    """``57,154`` / ``57.154``: the locale's digit grouping."""
    return QLocale().toString(number)
