"""How values from storage are written out for people: dates, durations, snippets.

Dates follow the window's language (``ui.locale_format``); they are
re-exported here for the modules that import them from this one.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication

from storage import SNIPPET_END, SNIPPET_START
from ui.locale_format import long_date as long_date
from ui.locale_format import short_date as short_date

MAX_LISTED_MINUTES = 99
"""The longest reading time the list writes out: beyond it, ``99+ min``
(a 400,000-word page says "2087 min", too wide for the column, and no
reader plans by the hour there)."""


def reading_time(minutes: int) -> str:
    """``5 min`` / ``5 phút``; "" for none."""
    if minutes <= 0:
        return ""
    return QCoreApplication.translate("Formatting", "%n min", "", minutes)


def capped_reading_time(minutes: int) -> str:
    """``5 min``, up to ``99+ min`` / ``99+ phút``; "" for none."""
    if minutes <= MAX_LISTED_MINUTES:
        return reading_time(minutes)
    return QCoreApplication.translate("Formatting", "%n+ min", "", MAX_LISTED_MINUTES)


def snippet_html(snippet: str) -> str:
    """A search snippet as escaped HTML, matches wrapped in ``<b class="hit">``."""
    escaped = escape(snippet.replace("\n", " "))
    return escaped.replace(SNIPPET_START, '<b class="hit">').replace(SNIPPET_END, "</b>")


def snippet_plain(snippet: str) -> str:
    """A search snippet with its markers removed, for tooltips and screen readers."""
    return snippet.replace(SNIPPET_START, "").replace(SNIPPET_END, "").replace("\n", " ")
