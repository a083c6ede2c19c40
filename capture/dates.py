"""Dates as pages show them to people, turned into ISO 8601.

Shared by text dumps and HTML pages. Numeric dates are read day first
(``8/7/2025`` is 8 July): that is how Vietnamese and most non-US outlets
write them. Month first is accepted only when the month is a name
(``March 14, 2024``), where it cannot be ambiguous. Years must have four
digits, so stray fractions such as ``2/9`` are never mistaken for dates.

The result uses minutes precision unless the seconds are not zero, carries
the offset when the text (or the caller's default) gives one, and is naive
otherwise; a date without a time is returned as a plain date.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta, timezone
from typing import NamedTuple

_MONTH_NAMES = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?!\w)"
)
_WEEKDAY = (
    r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
    r"|thứ\s+(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s+nhật|cn|t[2-7])"
)
_WEEKDAY_PREFIX = rf"(?:(?<!\w){_WEEKDAY}(?!\w)\s*,?\s*)?"
_ORDINAL = r"(?:st|nd|rd|th)?"

# Each pattern finds one calendar date; time and zone are looked for around
# it afterwards, so every date shape accepts every time shape.
_DATE_PATTERNS = [
    re.compile(
        r"(?<![\d.:/-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
        r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?"
        r"\s?(?P<z>Z|[+-]\d{2}(?::?\d{2})?)?)?(?![\d:])",
        re.IGNORECASE,
    ),
    re.compile(
        rf"{_WEEKDAY_PREFIX}(?:ngày\s+)?(?<![\d.:/-])(?P<d>\d{{1,2}})(?P<sep>[/.-])"
        r"(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})(?![\d/])",
        re.IGNORECASE,
    ),
    re.compile(
        r"(?<![\d.:/-])(?P<y>\d{4})(?P<sep>[/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d/])",
    ),
    re.compile(
        rf"{_WEEKDAY_PREFIX}(?:ngày\s+)?(?<!\d)(?P<d>\d{{1,2}})\s+tháng\s+(?P<m>\d{{1,2}})"
        r"\s*,?\s+(?:năm\s+)?(?P<y>\d{4})(?!\d)",
        re.IGNORECASE,
    ),
    re.compile(
        rf"{_WEEKDAY_PREFIX}(?<!\d)(?P<d>\d{{1,2}}){_ORDINAL}[\s-]+(?:of\s+)?{_MONTH}"
        r"[\s,-]+(?P<y>\d{4})(?!\d)",
        re.IGNORECASE,
    ),
    re.compile(
        rf"{_WEEKDAY_PREFIX}(?<!\w){_MONTH}\s+(?P<d>\d{{1,2}}){_ORDINAL},?\s+(?P<y>\d{{4}})(?!\d)",
        re.IGNORECASE,
    ),
]

_TIME = (
    r"(?P<hour>\d{1,2})"
    r"(?:\s?(?::|h|g|giờ|\.)\s?(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"|h(?!\w)|(?=\s?[ap]\.?m\.?(?!\w)))"
    r"(?:\s?(?P<ampm>[ap])\.?m\.?(?!\w))?(?![\d/])"
)

# Abbreviations a news page is likely to print. Ambiguous ones are read the
# way English-language outlets use them (CST is US Central, not China).
_NAMED_ZONES = {
    "GMT": 0,
    "UTC": 0,
    "Z": 0,
    "BST": 60,
    "CET": 60,
    "CEST": 120,
    "EET": 120,
    "EEST": 180,
    "EST": -300,
    "EDT": -240,
    "CST": -360,
    "CDT": -300,
    "MST": -420,
    "MDT": -360,
    "PST": -480,
    "PDT": -420,
    "ICT": 420,
    "WIB": 420,
    "SGT": 480,
    "HKT": 480,
    "JST": 540,
    "KST": 540,
    "AEST": 600,
    "AEDT": 660,
}
_ZONE = (
    r"\(?\s?(?P<zone>(?:GMT|UTC)\s?[+-]\s?\d{1,2}(?::?\d{2})?|[+-]\d{2}:?\d{2}|"
    + "|".join(sorted(_NAMED_ZONES, key=len, reverse=True))
    + r")(?![A-Za-z\d])\s?\)?"
)

_TIME_AFTER = re.compile(
    rf"\s*(?:[,|\-–—]|\bat\b|\blúc\b|\bvào\b)?\s*(?:lúc\s+)?{_TIME}", re.IGNORECASE
)
_TIME_BEFORE = re.compile(rf"{_TIME}(?:\s*{_ZONE})?\s*(?:[,|\-–—]\s*)?$", re.IGNORECASE)
_ZONE_AFTER = re.compile(rf"\s*{_ZONE}")
_OFFSET = re.compile(r"(?P<sign>[+-])\s?(?P<hours>\d{1,2})(?::?(?P<minutes>\d{2}))?$")

# Extra characters around a time or zone worth scanning; bounded so a date at
# the start of a long paragraph does not make every search quadratic.
_WINDOW = 40


class VisibleDate(NamedTuple):
    """A date found in text: its ISO form and where it was written."""

    iso: str
    start: int
    end: int


class _Clock(NamedTuple):
    hour: int
    minute: int
    second: int


def parse_visible_date(text: str, default_offset: str | None = None) -> str | None:
    """Return the first valid date in ``text`` as ISO 8601, or None.

    ``default_offset`` (``"+07:00"``) applies to a date with a time but no
    zone of its own; it raises ValueError when malformed.
    """
    found = find_visible_date(text, default_offset)
    return found.iso if found else None


def find_visible_date(text: str, default_offset: str | None = None) -> VisibleDate | None:
    """Like ``parse_visible_date`` but also return the span the date covers.

    The span includes a leading weekday and the time and zone around the
    date, so what is left of the line is what the page wrote next to it
    (often the section name). Offsets index the NFC form of ``text``.
    """
    default = _parse_offset(default_offset) if default_offset is not None else None
    if default_offset is not None and default is None:
        raise ValueError(f"not a UTC offset: {default_offset!r}")
    text = unicodedata.normalize("NFC", text)
    for match in _candidates(text):
        found = _read_candidate(text, match, default)
        if found is not None:
            return found
    return None


def _candidates(text: str) -> list[re.Match[str]]:
    """Every date-shaped match in ``text``, in reading order."""
    matches = [match for pattern in _DATE_PATTERNS for match in pattern.finditer(text)]
    return sorted(matches, key=lambda match: (match.start(), -match.end()))


def _read_candidate(
    text: str, match: re.Match[str], default: timezone | None
) -> VisibleDate | None:
    """Turn one date match, with the time and zone next to it, into a result."""
    day = _calendar_date(match)
    if day is None:
        return None
    start, end = match.start(), match.end()
    clock: _Clock | None = None
    zone: timezone | None = None
    if "H" in match.re.groupindex:  # ISO 8601 carries its own time and zone
        clock = _clock(match.group("H"), match.group("M"), match.group("S"), None)
        zone = _zone(match.group("z"))
    if clock is None:
        clock, start, end = _clock_around(text, start, end)
    if clock is not None and zone is None:
        zone, end = _zone_after(text, end)
    if clock is None:
        return VisibleDate(day.isoformat(), start, end)
    moment = datetime(day.year, day.month, day.day, *clock, tzinfo=zone or default)
    spec = "minutes" if clock.second == 0 else "seconds"
    return VisibleDate(moment.isoformat(timespec=spec), start, end)


def _calendar_date(match: re.Match[str]) -> date | None:
    """The date a match names, or None when no such day exists."""
    groups = match.groupdict()
    month_text = groups.get("mon")
    month = _MONTH_NAMES[month_text[:3].lower()] if month_text else int(groups["m"])
    try:
        return date(int(groups["y"]), month, int(groups["d"]))
    except ValueError:
        return None


def _clock_around(text: str, start: int, end: int) -> tuple[_Clock | None, int, int]:
    """Find a time right after the date, else right before it; widen the span."""
    after = _TIME_AFTER.match(text[end : end + _WINDOW])
    if after:
        clock = _clock_from(after)
        if clock is not None:
            return clock, start, end + after.end()
    window_start = max(0, start - _WINDOW)
    before = _TIME_BEFORE.search(text[window_start:start])
    if before:
        clock = _clock_from(before)
        if clock is not None:
            return clock, window_start + before.start(), end
    return None, start, end


def _clock_from(match: re.Match[str]) -> _Clock | None:
    """The time of day a time match names, or None when impossible."""
    return _clock(match.group("hour"), match.group("minute"), match.group("second"), match)


def _clock(
    hour: str | None, minute: str | None, second: str | None, match: re.Match[str] | None
) -> _Clock | None:
    """Build a valid time of day, applying AM/PM when the match has one."""
    if hour is None:
        return None
    h, m, s = int(hour), int(minute or 0), int(second or 0)
    ampm = match.group("ampm") if match is not None else None
    if ampm:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if ampm.lower() == "p" else 0)
    if h > 23 or m > 59 or s > 59:
        return None
    return _Clock(h, m, s)


def _zone_after(text: str, end: int) -> tuple[timezone | None, int]:
    """A zone written right after ``end``, and where it stops."""
    found = _ZONE_AFTER.match(text[end : end + _WINDOW])
    if not found:
        return None, end
    zone = _zone(found.group("zone"))
    if zone is None:
        return None, end
    return zone, end + found.end()


def _zone(name: str | None) -> timezone | None:
    """The fixed offset a zone name or ``+07:00``/``GMT+7`` stands for."""
    if not name:
        return None
    compact = name.replace(" ", "")
    upper = compact.upper()
    if upper in _NAMED_ZONES:
        return timezone(timedelta(minutes=_NAMED_ZONES[upper]))
    if upper.startswith(("GMT", "UTC")):
        compact = compact[3:]
    return _parse_offset(compact)


def _parse_offset(value: str) -> timezone | None:
    """Parse ``+07:00``, ``+0700`` or ``+7`` into a timezone, None if invalid."""
    match = _OFFSET.match(value.strip())
    if not match:
        return None
    hours, minutes = int(match.group("hours")), int(match.group("minutes") or 0)
    if hours > 14 or minutes > 59:
        return None
    delta = timedelta(hours=hours, minutes=minutes)
    return timezone(-delta if match.group("sign") == "-" else delta)
