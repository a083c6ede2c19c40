"""Bylines (issue 11): labels alone are no name, author markup is read as
word lists, and the meta tags of citation, analytics and newsroom systems
name the author when the page's markup does not.

One fixture page per class of miss (``tests/fixtures/html/bylines``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from capture.html_page import extract_page
from capture.metadata import clean_person_name, is_plausible_byline

BYLINES = Path(__file__).resolve().parents[1] / "fixtures" / "html" / "bylines"


def byline_of(name: str) -> str | None:
    return extract_page((BYLINES / name).read_text("utf-8")).record.byline


def test_a_chinese_label_alone_gives_way_to_the_meta_author() -> None:
    # "作者：" with the name left to the meta tag.
    assert byline_of("cjk_label.html") == "李明"


def test_itemprop_author_among_other_words_is_read() -> None:
    # itemprop="author creator": the name keeps its initial's full stop.
    assert byline_of("itemprop_list.html") == "Maria T. Okafor"


@pytest.mark.parametrize(
    ("name", "byline"),
    [("analytics_meta.html", "Tomas Lindqvist"), ("newsroom_meta.html", "Maria T. Okafor")],
)
def test_analytics_and_newsroom_author_tags_are_read(name: str, byline: str) -> None:
    assert byline_of(name) == byline


def test_the_dublin_core_creator_wins_over_the_generic_author_tag() -> None:
    assert byline_of("dublin_core_creator.html") == "Tomas Lindqvist"


def test_a_date_label_left_in_a_byline_block_is_no_name() -> None:
    assert byline_of("date_label.html") is None


@pytest.mark.parametrize(
    "label",
    ["作者", "作者：", "记者", "기자", "Last Updated", "Updated:", "Published", "Posted on"],
)
def test_labels_alone_are_not_bylines(label: str) -> None:
    assert not is_plausible_byline(clean_person_name(label))


def test_a_full_width_colon_is_trimmed_from_a_name() -> None:
    assert clean_person_name("李明：") == "李明"
