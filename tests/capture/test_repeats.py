"""A paragraph the page repeats survives trafilatura's folding of repeats."""

from __future__ import annotations

import lxml.html
from lxml import etree

from capture.repeats import REPEAT_MARK, mark_repeats, unmark_repeats

LINE = "A refrain long enough for trafilatura to fold it when it comes twice in a row."


def texts(html: str) -> list[str]:
    root = lxml.html.fromstring(html)
    marked = mark_repeats(root)
    found = [element.text or "" for element in root.iter("p")]
    if marked:
        unmark_repeats(root)
    assert REPEAT_MARK not in etree.tostring(root, encoding=str)
    return found


def test_each_repeat_differs_from_the_block_before_it() -> None:
    found = texts(f"<div><p>{LINE}</p><p>{LINE}</p><p>{LINE}</p></div>")
    assert found == [LINE, REPEAT_MARK + LINE, LINE]


def test_the_mark_goes_to_the_innermost_block() -> None:
    found = texts(f"<body><div><p>{LINE}</p></div><div><p>{LINE}</p></div></body>")
    assert found == [LINE, REPEAT_MARK + LINE]


def test_differently_classed_twins_and_short_repeats_are_not_marked() -> None:
    assert texts(f'<div><p class="wide">{LINE}</p><p class="narrow">{LINE}</p></div>') == [
        LINE,
        LINE,
    ]
    assert texts("<div><p>Short line.</p><p>Short line.</p></div>") == ["Short line."] * 2


def test_a_page_with_no_repeat_is_left_alone() -> None:
    root = lxml.html.fromstring(f"<div><p>{LINE}</p><p>Another paragraph entirely.</p></div>")
    before = etree.tostring(root)
    assert mark_repeats(root) is False
    assert etree.tostring(root) == before
