"""How values from storage are written out for people: dates, durations, snippets."""

from __future__ import annotations

from datetime import datetime
from html import escape

from storage import SNIPPET_END, SNIPPET_START

# Fixed English month names: the window is in English, and Python's %b follows
# whatever C locale Qt switched to, which would mix languages in one line.
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _parse(moment: str | None) -> datetime | None:
    if not moment:
        return None
    try:
        return datetime.fromisoformat(moment)
    except ValueError:
        return None


def short_date(moment: str | None) -> str:
    """``19 Jun 2021``; "" when unknown. The article's own time zone is kept:
    a Hanoi paper's date is the date printed on it."""
    parsed = _parse(moment)
    if parsed is None:
        return moment or ""
    return f"{parsed.day} {_MONTHS[parsed.month - 1]} {parsed.year}"


def long_date(moment: str | None) -> str:
    """``19 Jun 2021, 16:33`` (without the time when the source gave none)."""
    parsed = _parse(moment)
    if parsed is None:
        return moment or ""
    day = short_date(moment)
    has_time = moment is not None and ("T" in moment or " " in moment.strip())
    return f"{day}, {parsed.hour:02d}:{parsed.minute:02d}" if has_time else day


def reading_time(minutes: int) -> str:
    return "" if minutes <= 0 else f"{minutes} min"


def plural(count: int, one: str, many: str | None = None) -> str:
    """``1 article``, ``3 articles``."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def snippet_html(snippet: str) -> str:
    """A search snippet as escaped HTML, matches wrapped in ``<b class="hit">``."""
    escaped = escape(snippet.replace("\n", " "))
    return escaped.replace(SNIPPET_START, '<b class="hit">').replace(SNIPPET_END, "</b>")


def snippet_plain(snippet: str) -> str:
    """A search snippet with its markers removed, for tooltips and screen readers."""
    return snippet.replace(SNIPPET_START, "").replace(SNIPPET_END, "").replace("\n", " ")
